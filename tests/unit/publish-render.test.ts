/**
 * The renderers, on a fixture article holding every node type: golden files pinned byte for
 * byte (run with UPDATE_GOLDEN=1 to rewrite them after a reviewed change), Markdown that
 * markdown-it (CommonMark + GFM tables) reads back to the structure of the HTML fragment, and
 * the promises of the body model (unknown nodes keep their text, deep nesting cannot crash).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { buildPublishFixture, markdownParser, normalizeHtml, lossyDifference, markLosses, type PublishFixture } from './publish-support.js';
import { PublishSource } from '../../src/core/publish/publish-source.js';
import { renderArticle } from '../../src/core/publish/render-article.js';
import { buildBodyModel } from '../../src/core/publish/body-model.js';
import { renderHtmlFragment } from '../../src/core/publish/render-html.js';
import { renderMarkdownBody } from '../../src/core/publish/render-markdown.js';
import { renderPlainTextBody } from '../../src/core/publish/render-text.js';
import { articleSitePath, articleUrl } from '../../src/core/publish/site-url.js';
import { yamlString } from '../../src/core/publish/front-matter.js';

const GOLDEN_DIR = path.resolve(import.meta.dirname, '../fixtures/publish');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const md = markdownParser();

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE || !fs.existsSync(file)) {
    if (!UPDATE) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 once and review it`);
    fs.writeFileSync(file, actual);
  }
  expect(actual, `${name} differs from its golden file`).toBe(fs.readFileSync(file, 'utf8'));
}

let lib: TestLibrary;
let fx: PublishFixture;
let source: PublishSource;

beforeAll(async () => {
  lib = await makeLibrary();
  fx = buildPublishFixture(lib.db);
  source = new PublishSource(lib.db);
});
afterAll(() => lib.dispose());

describe('golden files', () => {
  it('pins the HTML fragment, page, Markdown and text of the full fixture article', () => {
    golden('main.fragment.html', renderArticle(source, fx.main, 'html'));
    golden('main.page.html', renderArticle(source, fx.main, 'page'));
    golden('main.md', renderArticle(source, fx.main, 'markdown'));
    golden('main.txt', renderArticle(source, fx.main, 'text'));
  });

  it('pins an English article full of Markdown special characters', () => {
    golden('english.fragment.html', renderArticle(source, fx.english, 'html'));
    golden('english.md', renderArticle(source, fx.english, 'markdown'));
  });

  it('renders the same bytes twice (no time, order or randomness leaks in)', () => {
    const again = new PublishSource(lib.db);
    for (const f of ['html', 'page', 'markdown', 'text'] as const) {
      expect(renderArticle(again, fx.main, f)).toBe(renderArticle(source, fx.main, f));
    }
  });
});

describe('the page is the site article page', () => {
  it('has the breadcrumb, meta line, byline, contact block (category override), copyright and related list', () => {
    const page = renderArticle(source, fx.main, 'page');
    expect(page).toContain('当前位置：<a href="/">首页</a> › <a href="/category/chanye/">产业资讯</a> › <a href="/category/chanye/gdcy/">广东产业信息</a> › <span aria-current="page">正文内容</span>');
    expect(page).toMatch(/<p class="cd-meta"><span class="cd-author">admin<\/span> <time class="cd-date" datetime="2024-09-27T02:30:00.000Z">2024-09-27<\/time> <a class="cd-category"/);
    expect(page).toContain('<p class="cd-byline">欧阳兴、中国江西新闻网记者杜宇蔚/文</p>');
    // The child category overrides the contact block; the copyright comes from the site settings.
    expect(page).toContain('广东园区招商热线:020-0000 0000<br>葛毅明微信号');
    expect(page).not.toContain('产业招商/厂房土地租售');
    expect(page).toContain('版权声明:本文由本站发布');
    expect(page).toContain('<title>都昌主官连续调度新材料园项目为高质量发展注入绿色动能 - 佐商网</title>');
    expect(page).toContain('<link rel="canonical" href="https://www.example.com/chanye/gdcy/du-chang-xin-cai-liao-yuan.html">');
    expect(page).toContain('<meta property="og:image" content="https://www.example.com/assets/');
    // Related: in list order, with thumbnail and excerpt; the trashed target is left out.
    const related = page.slice(page.indexOf('cd-related'));
    expect(related.indexOf('中国人工智能(广州)产业园动工')).toBeLessThan(related.indexOf('Guangdong lists'));
    expect(related).toContain('class="cd-related-thumb"');
    expect(related).toContain('cd-related-excerpt');
    expect(page).not.toContain('已删除的文章');
  });

  it('drops the per-category override for an article in another category', () => {
    const page = renderArticle(source, fx.english, 'page');
    expect(page).toContain('产业招商/厂房土地租售:400 0123 021<br>或微信/手机:13391219793');
  });

  it('resolves internal links to the target site URL, and keeps the text of dangling ones', () => {
    const html = renderArticle(source, fx.main, 'html');
    expect(html).toContain('<a class="cd-article-link" href="/english/guangdong-5g-parks.html">占位</a>');
    expect(html).toContain('无效链接');
    expect(html).not.toMatch(/<a[^>]*>无效链接/);
  });
});

describe('front matter', () => {
  it('is YAML with the fields static site generators read', () => {
    const text = renderArticle(source, fx.main, 'markdown');
    const m = /^---\n([\s\S]*?)\n---\n/.exec(text)!;
    const data = parseYaml(m[1]!) as Record<string, unknown>;
    expect(data).toMatchObject({
      title: '都昌主官连续调度新材料园项目为高质量发展注入绿色动能',
      slug: 'du-chang-xin-cai-liao-yuan',
      status: 'published',
      draft: false,
      author: 'admin',
      // Every filing once (a nested one as its path), and the primary's path in its own field.
      categories: ['产业资讯 › 广东产业信息'],
      category: ['产业资讯', '广东产业信息'],
      tags: ['都昌', '产业园'],
      related: ['zhong-guo-ren-gong-zhi-neng-chan-ye-yuan', 'guangdong-5g-parks'],
    });
    expect(m[1]).toContain('date: 2024-09-27T02:30:00Z');
    expect(String(data.cover)).toMatch(/^\/assets\/[0-9a-f]{64}\.png$/);
  });

  it('quotes values a YAML 1.1 reader would misread and keeps hostile titles in their field', () => {
    const id = lib.db.prepare("UPDATE articles SET title = ? WHERE id = ? RETURNING id").pluck().get('yes\nstatus: hacked\n---\n# x', fx.english) as number;
    const text = renderArticle(new PublishSource(lib.db), id, 'markdown');
    const data = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!, { version: '1.1' }) as Record<string, unknown>;
    expect(data.title).toBe('yes\nstatus: hacked\n---\n# x');
    expect(data.status).toBe('published');
    lib.db.prepare('UPDATE articles SET title = ? WHERE id = ?').run('Guangdong lists its first 5G industrial parks', fx.english);
  });
});

describe('YAML strings', () => {
  it('read back as the same string under YAML 1.1 and 1.2, whatever the text', () => {
    const tricky = fc.constantFrom('yes', 'No', 'on', 'null', '~', '1_000', '0x1F', '1:20', '2024-01-01', '.inf', '-', '- x', '? x', ': x', 'a: b', 'a #b', '#c',
      '[x]', '{x}', '*x', '&x', '!x', '|', '>', "'", '"', '%x', '@x', '`x', ' lead', 'trail ', 'tab\tx', 'line\nbreak', '都昌', '“引号”', 'C# 语言', '=', '<<');
    const text = fc.oneof(tricky, fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.tuple(tricky, fc.string({ maxLength: 5 })).map(([a, b]) => a + b));
    fc.assert(fc.property(text, (value) => {
      const doc = `k: ${yamlString(value)}\n`;
      return parseYaml(doc, { version: '1.1' }).k === value && parseYaml(doc, { version: '1.2' }).k === value;
    }), { numRuns: 3000, seed: 5 });
  });
});

describe('Markdown says what the HTML says', () => {
  const structure = (html: string) => normalizeHtml(html);

  it('markdown-it reads the fixture Markdown back to the fragment\'s structure', () => {
    const blocks = buildBodyModel(source.article(fx.main).body, source.resolvers());
    const fromHtml = structure(renderHtmlFragment(blocks));
    const fromMarkdown = structure(md.render(renderMarkdownBody(blocks)));
    expect(lossyDifference(fromHtml, fromMarkdown)).toBeNull();
    // The one thing CommonMark cannot say here: bold on the quotation marks of “时时放心不下”
    // between Chinese letters. Everything else is identical.
    expect(markLosses(fromHtml, fromMarkdown)).toEqual(['“', '”']);
    // And the structure is the real one, not two empty trees.
    expect(fromHtml.map((b) => b.b)).toEqual(['p', 'h2', 'p', 'p', 'p', 'list', 'list', 'list', 'quote', 'code', 'hr', 'table', 'p', 'p', 'p', 'p']);
  });

  const text = (chars: string[]) => fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
  const hostileChars = ['中', '文', 'a', 'b', ' ', '“', '”', ',', '。', '*', '_', '`', '[', ']', '#', '\\', '!', '(', ')', '<', '&', '~', '|', '1', '.', '-', '{', '%', '　'];
  const node = (t: fc.Arbitrary<string>, formats: number[]) => fc.record({ type: fc.constant('text'), text: t, format: fc.constantFrom(...formats) });
  const inlines = (t: fc.Arbitrary<string>, formats: number[]) => fc.array(fc.oneof(
    { weight: 6, arbitrary: node(t, formats) },
    { weight: 1, arbitrary: fc.constant({ type: 'linebreak' }) },
    { weight: 1, arbitrary: fc.array(node(t, formats), { minLength: 1, maxLength: 3 }).map((children) => ({ type: 'link', url: 'https://x.example/a b?c=1&d=(2)', children })) },
  ), { minLength: 1, maxLength: 6 });
  const block = (t: fc.Arbitrary<string>, formats: number[]) => fc.oneof(
    inlines(t, formats).map((children) => ({ type: 'paragraph', children })),
    inlines(t, formats).map((children) => ({ type: 'heading', tag: 'h3', children })),
    inlines(t, formats).map((children) => ({ type: 'quote', children })),
    fc.array(inlines(t, formats), { minLength: 1, maxLength: 3 }).map((items) => ({ type: 'list', listType: 'bullet', children: items.map((children) => ({ type: 'listitem', children })) })),
    fc.array(node(t, [0]), { minLength: 1, maxLength: 3 }).map((children) => ({ type: 'code', language: 'js', children })),
  );
  const render = (children: unknown[]) => {
    const blocks = buildBodyModel({ root: { type: 'root', children } }, { articleHref: () => null, asset: () => null });
    return { html: structure(renderHtmlFragment(blocks)), markdown: structure(md.render(renderMarkdownBody(blocks))) };
  };

  it('holds exactly for prose (formatted words separated by spaces or punctuation), over generated bodies', () => {
    const word = fc.tuple(fc.constantFrom('中', '文', 'a', 'b', '1'), fc.array(fc.constantFrom(...hostileChars), { maxLength: 4 }), fc.constantFrom('中', '文', 'a', 'b', '1')).map(([a, m, b]) => a + m.join('') + b);
    const separated = fc.array(fc.tuple(node(word, [0, 1, 2, 3, 16]), fc.constantFrom(' ', ',', ' - ', '。')), { minLength: 1, maxLength: 6 })
      .map((pairs) => ({ type: 'paragraph', children: pairs.flatMap(([n, sep]) => [n, { type: 'text', text: sep, format: 0 }]) }));
    fc.assert(fc.property(fc.array(separated, { minLength: 1, maxLength: 4 }), (paras) => {
      const r = render(paras);
      return isDeepStrictEqual(r.markdown, r.html);
    }), { numRuns: 400, seed: 7 });
  });

  it('never invents formatting or moves text, for any mix of text, emphasis, code, links and breaks', () => {
    fc.assert(fc.property(fc.array(block(text(hostileChars), [0, 1, 2, 3, 4, 5, 7, 16, 17]), { minLength: 1, maxLength: 4 }), (children) => {
      const r = render(children);
      const diff = lossyDifference(r.html, r.markdown);
      if (diff) throw new Error(`${diff}\n${JSON.stringify(children)}`);
      return true;
    }), { numRuns: 600, seed: 11 });
  });

  it('keeps bold on Chinese quoted phrases by moving the emphasis inside the quotes', () => {
    const r = render([{ type: 'paragraph', children: [{ type: 'text', text: '以', format: 0 }, { type: 'text', text: '“时时放心不下”', format: 1 }, { type: 'text', text: '的紧迫感', format: 0 }] }]);
    expect(r.markdown).toEqual([{ b: 'p', runs: [{ t: 'text', text: '以“', marks: '' }, { t: 'text', text: '时时放心不下', marks: 'strong' }, { t: 'text', text: '”的紧迫感', marks: '' }] }]);
  });
});

describe('the body model', () => {
  const resolvers = { articleHref: () => null, asset: () => null };

  it('renders unknown node types as their text, in every format', () => {
    const body = { root: { type: 'root', children: [
      { type: 'mystery-block', children: [{ type: 'text', text: '未知块' }] },
      { type: 'paragraph', children: [{ type: 'mention', text: '@编辑' }, { type: 'mark', children: [{ type: 'text', text: '高亮' }] }] },
      { type: 'poll', question: 'no text field', options: [] },
    ] } };
    const blocks = buildBodyModel(body, resolvers);
    for (const out of [renderHtmlFragment(blocks), renderMarkdownBody(blocks), renderPlainTextBody(blocks)]) {
      expect(out).toContain('未知块');
      expect(out).toContain('@编辑');
      expect(out).toContain('高亮');
    }
  });

  it('survives hostile shapes: deep nesting, wrong field types, missing children, non-objects', () => {
    let deep: Record<string, unknown> = { type: 'text', text: '深处的字' };
    for (let i = 0; i < 5000; i++) deep = { type: i % 2 ? 'quote' : 'mystery', children: [deep] };
    const bodies: unknown[] = [
      null, 42, 'x', {}, { root: null }, { root: { type: 'root' } }, { root: { type: 'root', children: 'no' } },
      { root: { type: 'root', children: [null, 1, 'x', { type: 7 }, { type: 'text', text: 5 }, { type: 'paragraph', children: [{ type: 'text', text: 'ok', format: 'bold' }] }] } },
      { root: { type: 'root', children: [{ type: 'list', listType: 'number', start: -3, children: [{ type: 'listitem', children: [{ type: 'list', children: [] }] }] }] } },
      { root: { type: 'root', children: [{ type: 'table', children: [{ type: 'tablerow', children: [{ type: 'tablecell', colSpan: 'x', headerState: 99, children: [] }] }] }] } },
      { root: { type: 'root', children: [deep] } },
    ];
    for (const body of bodies) {
      const blocks = buildBodyModel(body, resolvers);
      expect(() => { renderHtmlFragment(blocks); renderMarkdownBody(blocks); renderPlainTextBody(blocks); }).not.toThrow();
    }
    expect(renderHtmlFragment(buildBodyModel(bodies[bodies.length - 1], resolvers))).toContain('深处的字');
    expect(renderHtmlFragment(buildBodyModel(bodies[7], resolvers))).toBe('<p>ok</p>\n');
  });

  it('hoists an image out of its paragraph into a figure between the text around it', () => {
    const blocks = buildBodyModel({ root: { type: 'root', children: [{ type: 'paragraph', children: [
      { type: 'text', text: '前' }, { type: 'image', sha256: null, src: 'https://i.example/x.png', altText: 'x', caption: 'c', credit: '' }, { type: 'text', text: '后' },
    ] }] } }, resolvers);
    expect(renderHtmlFragment(blocks)).toBe('<p>前</p>\n<figure class="cd-figure"><img class="cd-image" src="https://i.example/x.png" alt="x"><figcaption class="cd-figcaption"><span class="cd-caption">c</span></figcaption></figure>\n<p>后</p>\n');
  });

  it('separates two lists in a row in Markdown so they stay two lists', () => {
    const list = (text: string) => ({ type: 'list', listType: 'bullet', children: [{ type: 'listitem', children: [{ type: 'text', text }] }] });
    const blocks = buildBodyModel({ root: { type: 'root', children: [list('a'), list('b'), list('c')] } }, resolvers);
    const markdown = renderMarkdownBody(blocks);
    expect(markdown).toBe('- a\n\n* b\n\n- c\n');
    expect(normalizeHtml(md.render(markdown))).toEqual(normalizeHtml(renderHtmlFragment(blocks)));
  });
});

describe('site URLs', () => {
  const parts = { id: 42, slug: 'du-chang', categorySlugPath: ['chanye', 'gdcy'], date: '2024-09-27T02:30:00.000Z' };

  it('fills every placeholder of the URL pattern', () => {
    expect(articleSitePath({ urlPattern: '/{category}/{slug}.html' }, parts)).toBe('/chanye/gdcy/du-chang.html');
    expect(articleSitePath({ urlPattern: '/{yyyy}/{mm}/{dd}/{slug}/' }, parts)).toBe('/2024/09/27/du-chang/');
    expect(articleSitePath({ urlPattern: '/p/{id}.html' }, parts)).toBe('/p/42.html');
    expect(articleSitePath({ urlPattern: 'news/{slug}' }, parts)).toBe('/news/du-chang');
  });

  it('leaves no empty segment for an uncategorised article', () => {
    expect(articleSitePath({ urlPattern: '/{category}/{slug}.html' }, { ...parts, categorySlugPath: [] })).toBe('/du-chang.html');
  });

  it('prefixes the base URL\'s path and percent-encodes non-ASCII segments in hrefs', () => {
    const u = articleUrl({ baseUrl: 'https://example.com/news/', urlPattern: '/{category}/{slug}.html' }, { ...parts, slug: '都昌' });
    expect(u).toEqual({ path: '/chanye/gdcy/都昌.html', href: '/news/chanye/gdcy/%E9%83%BD%E6%98%8C.html', url: 'https://example.com/news/chanye/gdcy/%E9%83%BD%E6%98%8C.html' });
  });
});
