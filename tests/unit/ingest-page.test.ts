import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, SAMPLES_DIR, type TestLibrary } from './helpers.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { chromeKind, isBylineLine, parseBreadcrumb, parseMetaLine, trailingContactLines } from '../../src/core/ingest/page-chrome.js';
import { importNoteText } from '../../src/core/ingest/import-notes.js';

const TEXT_PAGE = path.join(SAMPLES_DIR, 'site-article-page.txt');
const HTML_PAGE = path.resolve(import.meta.dirname, '../fixtures/ingest/site-article-page.html');

const TITLE = '都昌主官连续调度新材料园项目为高质量发展注入绿色动能';
const FIRST = '10月24日,都昌县召开了新材料及智能装备产业园项目调度会议。此前,县委书记邱舰也一直对这项工作极为重视,连续多月关注和调度项目进展情况。这个项目对都昌来说意味着什么?邱舰为何如此重视这个项目?';
const LAST = '外地的好经验好做法值得借鉴,从现实来看,新材料及智能装备产业园对都昌的重要性不言而喻,都昌各级各部门要充分认识到项目建设工作的重大意义,深刻领会“项目为王”的重要理念,不断优化服务项目的营商环境,最大限度发挥在项目建设中的引导、服务作用,形成一切工作围绕项目、一切工作服务项目的良好氛围。';
const RELATED = [
  '5G来了广东省首批5G产业园区名单新鲜出炉',
  '【重磅】清新将在太平打造“一园四区、千亩园区、百亿产值”发展规模农业(清新)产业园',
  '中国人工智能(广州)产业园动工',
  '中国能建广东院中瀚云大数据+智能制造产业园汕尾项目设计方案通过评审',
  '临空经济产业产业链全景梳理及区域热力地图',
  '产业园招商(广东新媒体产业园)',
  '人事专员(广东新媒体产业园)',
  '从“菜篮子”到“菜盘子” 广东预制菜红火拓先机',
];
/** Site chrome of the sample page that must not reach the article. */
const CHROME = ['版权声明', '400 0123 021', '13391219793', '葛毅明', '分享给朋友', '相关文章', '扫一扫', '当前位置', '正文内容', 'admin1年前', ...RELATED];

let lib: TestLibrary;
beforeEach(async () => { lib = await makeLibrary(); });
afterEach(() => lib.dispose());

const articleRow = (id: number) => lib.db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as Record<string, unknown> & { meta: string; plain_text: string };

async function expectSampleArticle(id: number, opts: { image: boolean }) {
  const a = await lib.ok('articles.get', { id });
  expect(a).toMatchObject({
    title: TITLE,
    status: 'published',
    author: 'admin',
    byline: '欧阳兴、中国江西新闻网记者杜宇蔚/文',
    publishedAt: '2024-09-27T00:00:00.000Z',
    createdAt: '2024-09-27T00:00:00.000Z',
    categoryPath: ['广东产业信息'],
  });
  expect(a.meta).toMatchObject({ viewCount: 56 });
  const blocks = (a.body as { root: { children: Array<Record<string, unknown>> } }).root.children;
  const paragraphs = a.plainText.split('\n');
  expect(paragraphs).toHaveLength(18); // 19 body paragraphs in the page, one of them the byline
  expect(paragraphs[0]).toBe(FIRST);
  expect(paragraphs.at(-1)).toBe(LAST);
  for (const chrome of CHROME) expect(a.plainText).not.toContain(chrome);
  expect(a.plainText).not.toContain('杜宇蔚/文');
  expect(blocks.filter((b) => b.type === 'image')).toHaveLength(opts.image ? 1 : 0);
  return { a, blocks };
}

describe('article page captured as plain text (the sample)', () => {
  it('becomes one article: title, date, author, category from the breadcrumb, views, byline, body without chrome', async () => {
    const r = await lib.ok('import.files', { paths: [TEXT_PAGE] });
    expect(r.counts).toEqual({ imported: 1, updated: 0, skipped: 0, failed: 0 });
    expect(r.items[0]).toMatchObject({ kind: 'text-page', title: TITLE });
    expect(r.items[0]!.notes?.map(importNoteText)).toEqual([
      'left out as site chrome: breadcrumb', 'left out as site chrome: meta line', 'left out as site chrome: contact block (5)',
      'left out as site chrome: copyright statement', 'left out as site chrome: share prompt', 'left out as site chrome: related list (8)',
    ]);
    await expectSampleArticle(r.items[0]!.articleId!, { image: false });
    const cats = await lib.ok('categories.list', {});
    expect(cats.map((c) => c.path)).toEqual([['广东产业信息']]);
  });

  it('files it under an existing category of that name, and links related titles that exist, in the page\'s order', async () => {
    const existing = await lib.ok('categories.create', { name: '广东产业信息', parentId: null });
    const made = new Map<string, number>();
    for (const title of [RELATED[7]!, RELATED[2]!, RELATED[0]!]) made.set(title, (await lib.ok('articles.create', { title, status: 'published' })).id);
    const r = await lib.ok('import.files', { paths: [TEXT_PAGE] });
    const id = r.items[0]!.articleId!;
    expect(articleRow(id).category_id).toBe(existing.id);
    expect((await lib.ok('categories.list', {})).length).toBe(1);
    expect(lib.db.prepare('SELECT target_id, position FROM related_links WHERE article_id = ? ORDER BY position').all(id)).toEqual([
      { target_id: made.get(RELATED[0]!), position: 0 },
      { target_id: made.get(RELATED[2]!), position: 1 },
      { target_id: made.get(RELATED[7]!), position: 2 },
    ]);
    expect(r.relatedLinks).toBe(3);
  });

  it('re-importing changes nothing', async () => {
    const first = await lib.ok('import.files', { paths: [TEXT_PAGE] });
    const before = articleRow(first.items[0]!.articleId!);
    const again = await lib.ok('import.files', { paths: [TEXT_PAGE] });
    expect(again.items[0]).toMatchObject({ status: 'skipped', reason: { code: 'unchanged' } });
    expect(articleRow(first.items[0]!.articleId!)).toEqual(before);
    expect((lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(1);
  });
});

describe('article page saved as HTML (a CMS rendition of the sample)', () => {
  it('gives the same article, with the body image resolved against the page address, and no chrome or script', async () => {
    const r = await lib.ok('import.files', { paths: [HTML_PAGE] });
    expect(r.counts).toEqual({ imported: 1, updated: 0, skipped: 0, failed: 0 });
    const { a, blocks } = await expectSampleArticle(r.items[0]!.articleId!, { image: true });
    expect(blocks[2]).toEqual({
      type: 'image', version: 1, sha256: null, src: 'https://www.chanyeyuan.example/zb_users/upload/2024/09/202409271015528812.jpg',
      altText: '都昌县新材料及智能装备产业园项目调度会议现场', caption: '', credit: '', width: 640, height: 427,
    });
    // Site navigation, sidebar lists, prev/next links and the footer are gone too.
    for (const text of ['热门文章', '最新文章', '东莞松山湖', '上一篇', '佛山顺德', 'ICP', '返回顶部', '招商信息']) expect(a.plainText).not.toContain(text);
    const json = JSON.stringify(a.body);
    expect(json).not.toMatch(/onerror|script|hm\.baidu|qrcode|weixin-geyiming|text-indent|微软雅黑/);
    // The bold phrase inside the body survives as formatting.
    expect(json).toContain('"format":1,"mode":"normal","style":"","text":"新材料及智能装备产业园是一个极受重视的项目"');
    expect(a.meta).toMatchObject({ viewCount: 56, sourceUrl: 'https://www.chanyeyuan.example/gdcy/8812.html' });
    expect(articleRow(a.id).source_key).toBe('url:https://www.chanyeyuan.example/gdcy/8812.html');
  });

  it('links related titles imported later, and re-importing changes nothing', async () => {
    const page = await lib.ok('import.files', { paths: [HTML_PAGE] });
    const id = page.items[0]!.articleId!;
    expect(page.relatedLinks).toBe(0);
    // A related article arrives in a later import: the page's list picks it up then.
    const later = await lib.ok('import.content', { name: 'later.md', content: `---\ntitle: ${RELATED[4]}\ndate: 2024-09-01\n---\n\n正文。\n` });
    expect(later.relatedLinks).toBe(1);
    expect(lib.db.prepare('SELECT target_id FROM related_links WHERE article_id = ?').all(id)).toEqual([{ target_id: later.items[0]!.articleId }]);
    const before = articleRow(id);
    const again = await lib.ok('import.files', { paths: [HTML_PAGE] });
    expect(again.items[0]).toMatchObject({ status: 'skipped', articleId: id });
    expect(again.relatedLinks).toBe(0);
    expect(articleRow(id)).toEqual(before);
  });
});

describe('page heuristics, one kind of line at a time', () => {
  it('breadcrumbs: home first, any >-like separator, the page-type leaf dropped', () => {
    expect(parseBreadcrumb('当前位置:首页 > 广东产业信息 > 正文内容')).toEqual(['广东产业信息']);
    expect(parseBreadcrumb('您的位置：网站首页 » 新闻中心 » 行业动态 » 详情')).toEqual(['新闻中心', '行业动态']);
    expect(parseBreadcrumb('Home / Industry / Parks')).toEqual(['Industry', 'Parks']);
    expect(parseBreadcrumb('都昌县召开了新材料 > 智能装备产业园项目')).toBeNull();
  });

  it('meta lines: labelled or not, author, date, views', () => {
    expect(parseMetaLine('admin1年前 (2024-09-27)广东产业信息56', '广东产业信息')).toEqual({ date: '2024-09-27T00:00:00.000Z', author: 'admin', viewCount: 56, source: '' });
    expect(parseMetaLine('作者：张三 来源：新华社 发布时间：2024年10月8日 10:30 阅读：1024')).toEqual({ date: '2024-10-08T10:30:00.000Z', author: '张三', viewCount: 1024, source: '新华社' });
    expect(parseMetaLine('By Jane Doe · 2024-03-05 · 12 views')).toMatchObject({ author: 'Jane', viewCount: 12 });
    expect(parseMetaLine('no date in this line')).toBeNull();
  });

  it('bylines, chrome lines and the trailing contact block', () => {
    for (const line of ['欧阳兴、中国江西新闻网记者杜宇蔚/文', '文/张三', '本报记者 李四 王五', '来源：九江日报']) expect(isBylineLine(line)).toBe(true);
    expect(isBylineLine('记者注意到,今年7月26日,都昌县在北京举行项目签约仪式,成功引进投资195亿元的新材料及智能装备产业园项目。')).toBe(false);
    expect(chromeKind('版权声明:本文由本站发布')).toBe('copyright');
    expect(chromeKind('分享给朋友:')).toBe('share');
    expect(chromeKind('相关文章')).toBe('related');
    expect(chromeKind('上一篇：某某')).toBe('pager');
    expect(chromeKind('该项目主要生产手机零部件和通信设备。')).toBeNull();
    const lines = ['正文最后一段,很长很长的内容。', '葛毅明微信号', '产业招商/厂房土地租售:400 0123 021', '或微信/手机:13391219793', '请说明您的需求、用途,以便快速帮您对接资源。', '长按/扫一扫加葛毅明的微信号'];
    expect(trailingContactLines(lines)).toBe(5);
    expect(trailingContactLines(['正文。', '第二段正文。'])).toBe(0);
  });

  it('a page with no article text fails with a reason; a plain text file is still an article', async () => {
    const empty = await lib.ok('import.content', { name: 'empty.html', content: '<html><body><nav><a href="/">首页</a></nav></body></html>' });
    expect(empty.items[0]).toMatchObject({ status: 'failed', reason: { code: 'no-article-text' } });
    const plain = await lib.ok('import.content', { name: 'memo.txt', content: '会议纪要\n\n第一项。\n第二项。' });
    const a = await lib.ok('articles.get', { id: plain.items[0]!.articleId! });
    expect(a).toMatchObject({ title: '会议纪要', categoryPath: [], plainText: '第一项。\n第二项。' });
    expect(a.body).toEqual(bodyFromParagraphs(['第一项。', '第二项。']));
  });
});
