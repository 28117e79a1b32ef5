import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, sampleArticlePage, type TestLibrary } from './helpers.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { suggestRelated } from '../../src/core/related/suggest/suggest.js';
import { scanTextSource, searchIndexTextSource } from '../../src/core/related/suggest/text-source.js';
import { forEachTerm } from '../../src/core/related/suggest/key-terms.js';
import { isNearDuplicate, resemblance, sketchOf } from '../../src/core/related/suggest/near-duplicate.js';
import { categoryNearness } from '../../src/core/related/suggest/category-nearness.js';
import { loadCategoryIndex } from '../../src/core/taxonomy/category-index.js';

/** The body paragraphs of the sample page (a real article, ~4,000 characters). */
function samplePage(): string[] {
  const lines = sampleArticlePage().split('\n').map((l) => l.trim());
  const start = lines.findIndex((l) => l.startsWith('10月24日'));
  const end = lines.findIndex((l) => l.startsWith('葛毅明微信号'));
  return lines.slice(start, end).filter((l) => l.length > 20);
}

const ROBOT = [
  '佛山智能装备产业园今天签约，引进工业机器人和数控机床项目，总投资120亿元。',
  '佛山市顺德区表示，智能装备产业园将重点发展工业机器人、伺服电机和减速器。',
  '园区负责人说，工业机器人企业入驻后，佛山智能装备产业链将更加完整。',
  '根据协议，项目分两期建设，一期用地三百亩，预计明年底投产，达产后年产值可达八十亿元，新增就业岗位两千个。',
];
const ROBOT_2 = [
  '佛山又一批工业机器人企业落户智能装备产业园，伺服电机项目开工。',
  '顺德区智能装备产业园的减速器和数控机床企业今年产值增长。',
];
const FOOD = [
  '广东预制菜产业发展大会召开，冷链物流和中央厨房成为投资热点。',
  '预制菜企业表示，消费者对方便菜肴的需求持续增长，冷链配送网络正在完善。',
];

let lib: TestLibrary;
const id: Record<string, number> = {};

beforeAll(async () => {
  lib = await makeLibrary();
  const cat = async (name: string, parentId: number | null) => (await lib.ok('categories.create', { name, parentId })).id;
  const parks = await cat('产业园区', null);
  const guangdong = await cat('广东', parks);
  const jiangxi = await cat('江西', parks);
  const foshan = await cat('佛山', guangdong);
  const shenzhen = await cat('深圳', guangdong);
  const jiujiang = await cat('九江', jiangxi);
  const policy = await cat('政策解读', null);

  const add = async (key: string, title: string, paragraphs: string[], extra: Record<string, unknown>) => {
    const a = await lib.ok('articles.create', { title, body: bodyFromParagraphs(paragraphs), status: 'published', ...extra });
    id[key] = a.id;
  };
  // A tag on every article ("热点") says little; "机器人" is rare and says a lot.
  await add('query', '佛山智能装备产业园签约工业机器人项目', ROBOT, { categoryId: foshan, tags: ['智能装备', '机器人', '热点'], publishedAt: '2024-09-27T00:00:00.000Z' });
  await add('same', '佛山工业机器人企业落户智能装备产业园', ROBOT_2, { categoryId: foshan, tags: ['智能装备', '热点'], publishedAt: '2024-10-02T00:00:00.000Z' });
  await add('sibling', '深圳智能装备产业园引进工业机器人', [ROBOT_2[0]!.replace('佛山', '深圳')], { categoryId: shenzhen, tags: ['热点'], publishedAt: '2021-01-01T00:00:00.000Z' });
  await add('cousin', '九江智能装备产业园工业机器人项目开工', [ROBOT_2[1]!.replace('顺德区', '九江市')], { categoryId: jiujiang, tags: ['热点'], publishedAt: '2019-01-01T00:00:00.000Z' });
  await add('food', '广东预制菜产业发展大会召开', FOOD, { categoryId: policy, tags: ['热点'] });
  await add('rareTag', '政策解读：今年的新规', ['税收新规今年实施，企业申报流程简化。'], { categoryId: policy, tags: ['机器人'] });
  await add('commonTag', '政策解读：明年的新规', ['税收新规明年实施，企业申报流程简化。'], { categoryId: policy, tags: ['热点'] });
  await add('trashed', '佛山工业机器人智能装备产业园（已撤稿）', ROBOT_2, { categoryId: foshan, tags: ['智能装备', '热点'] });
  await add('archived', '佛山工业机器人智能装备产业园（归档）', ROBOT_2, { categoryId: foshan, tags: ['智能装备', '热点'], status: 'archived' });
  await add('linked', '佛山工业机器人智能装备产业园（已关联）', ROBOT_2, { categoryId: foshan, tags: ['智能装备', '热点'] });
  await add('inText', '佛山工业机器人智能装备产业园（正文链接）', ROBOT_2, { categoryId: foshan, tags: ['智能装备', '热点'] });
  await add('draft', '佛山工业机器人智能装备产业园（草稿）', ROBOT_2, { categoryId: foshan, tags: ['智能装备', '热点'], status: 'draft' });
  // The query's own text, re-sent with one word changed: a copy, not a related article.
  await add('copy', '佛山智能装备产业园签约工业机器人项目（转载）', [...ROBOT.slice(0, 2), ROBOT[2]!.replace('负责人说', '负责人称'), ROBOT[3]!], { categoryId: foshan, tags: ['智能装备', '热点'] });
  await lib.ok('articles.trash', { id: id.trashed! });
  await lib.ok('related.add', { id: id.query!, targetId: id.linked! });
  const q = await lib.ok('articles.get', { id: id.query! });
  const body = bodyFromParagraphs(ROBOT);
  body.root.children.push({ type: 'paragraph', version: 1, children: [{ type: 'article-link', version: 1, articleId: id.inText!, children: [{ type: 'text', version: 1, text: '磁悬浮轴承样机' }] }] });
  await lib.ok('articles.save', { id: id.query!, version: q.version, body });
});
afterAll(() => lib.dispose());

const suggest = (input: { id: number; limit?: number; publishedOnly?: boolean }) => lib.ok('related.suggest', input);

describe('suggestions', () => {
  it('rank the same topic first and explain each one with readable evidence', async () => {
    const r = await suggest({ id: id.query! });
    expect(r.suggestions[0]!.id).toBe(id.same);
    const same = r.suggestions[0]!;
    const kinds = same.reasons.map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(['sharedTerms', 'sharedTags', 'sameCategory', 'closeInTime']));
    const text = (k: string) => same.reasons.find((x) => x.kind === k)!.text;
    expect(text('sharedTags')).toBe('智能装备, 热点');
    expect(text('sameCategory')).toBe('产业园区 › 广东 › 佛山');
    // Every shared term named is in both texts.
    const terms = text('sharedTerms').split(', ');
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) {
      expect(`${'佛山智能装备产业园签约工业机器人项目'}${ROBOT.join('')}`).toContain(t);
      expect(`${'佛山工业机器人企业落户智能装备产业园'}${ROBOT_2.join('')}`).toContain(t);
    }
    expect(text('closeInTime')).toBe('2024-10-02');
    // The weights are the score's parts.
    expect(same.reasons.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(same.score, 3);
    for (const s of r.suggestions) expect(s.reasons.length).toBeGreaterThan(0);
    // The unrelated article, if offered at all, comes after those sharing topic and category.
    const rank = (key: string) => r.suggestions.findIndex((s) => s.id === id[key]);
    expect(rank('same')).toBeLessThan(rank('sibling'));
    if (rank('food') >= 0) expect(rank('food')).toBeGreaterThan(rank('sibling'));
  });

  it('say how near in the category tree: sibling and cousin', async () => {
    const r = await suggest({ id: id.query! });
    const reasonKinds = (key: string) => r.suggestions.find((s) => s.id === id[key])?.reasons.map((x) => x.kind) ?? [];
    expect(reasonKinds('sibling')).toContain('siblingCategory');
    expect(reasonKinds('cousin')).toContain('cousinCategory');
    expect(reasonKinds('food')).not.toEqual(expect.arrayContaining(['sameCategory']));
  });

  it('weigh a rare shared tag above a tag on most of the library', async () => {
    const r = await suggest({ id: id.query!, limit: 50 });
    const tagWeight = (key: string) => r.suggestions.find((s) => s.id === id[key])?.reasons.find((x) => x.kind === 'sharedTags')?.weight ?? 0;
    expect(tagWeight('rareTag')).toBeGreaterThan(0);
    expect(tagWeight('rareTag')).toBeGreaterThan(3 * tagWeight('commonTag'));
  });

  it('never suggest the article itself, trashed, archived, listed or text-linked articles', async () => {
    const r = await suggest({ id: id.query!, limit: 50 });
    const ids = r.suggestions.map((s) => s.id);
    for (const key of ['query', 'trashed', 'archived', 'linked', 'inText', 'copy']) expect(ids, key).not.toContain(id[key]);
    expect(ids).toContain(id.draft);
    const published = await suggest({ id: id.query!, limit: 50, publishedOnly: true });
    expect(published.suggestions.map((s) => s.id)).not.toContain(id.draft);
    expect(published.suggestions.every((s) => s.status === 'published')).toBe(true);
  });

  it('flag a near-duplicate apart instead of suggesting it', async () => {
    const r = await suggest({ id: id.query! });
    expect(r.nearDuplicates.map((d) => d.id)).toEqual([id.copy]);
    expect(r.nearDuplicates[0]!.similarity).toBeGreaterThanOrEqual(0.8);
    expect(r.nearDuplicates[0]!.linked).toBe(false);
    // And the other way round.
    const back = await suggest({ id: id.copy! });
    expect(back.nearDuplicates.map((d) => d.id)).toContain(id.query);
  });

  it('find the same candidates through the search index as through a plain scan', () => {
    const index = searchIndexTextSource(lib.db);
    expect(index, 'the library has a search index (schema step 2)').not.toBeNull();
    const viaIndex = suggestRelated(lib.db, id.query!, { limit: 50, textSource: index! });
    const viaScan = suggestRelated(lib.db, id.query!, { limit: 50, textSource: scanTextSource(lib.db) });
    expect(viaIndex.textSource).toBe('search-index');
    expect(viaScan.textSource).toBe('scan');
    // The index counts N as the largest id (13 here, one article is trashed), the scan counts live
    // articles (12): weights differ a little, so compare what was found and the leader, not every rank.
    const found = (r: typeof viaIndex) => r.suggestions.map((s) => s.id).sort((a, b) => a - b);
    expect(found(viaIndex)).toEqual(found(viaScan));
    expect(viaIndex.suggestions[0]!.id).toBe(viaScan.suggestions[0]!.id);
  });

  it('see a new article at once, although document frequencies are cached per connection', async () => {
    const source = searchIndexTextSource(lib.db)!;
    // 悬浮 is in the query's text only: frequency 1, a term that matches nothing else ...
    expect(source.documentFrequencies(['悬浮', '佛山']).get('悬浮')).toBe(1);
    // ... until an article that shares it arrives: a stale cached frequency would still say 1.
    const fresh = (await lib.ok('articles.create', { title: '磁悬浮轴承样机下线', status: 'published', body: bodyFromParagraphs(['磁悬浮轴承样机下线。']) })).id;
    expect(source.documentFrequencies(['悬浮']).get('悬浮')).toBe(2);
    expect(source.articlesContaining('悬浮', 10).sort((a, b) => a - b)).toEqual([id.query, fresh]);
    await lib.ok('articles.trash', { id: fresh });
    expect(source.articlesContaining('悬浮', 10)).toEqual([id.query]);
  });

  it('offer nothing for an empty article: no evidence, no suggestion', async () => {
    const empty = (await lib.ok('articles.create', {})).id;
    const r = await suggest({ id: empty });
    expect(r).toMatchObject({ articleId: empty, suggestions: [], nearDuplicates: [] });
  });

  it('answer not_found for an unknown article and a validation error for a bad limit', async () => {
    expect(await lib.raw('related.suggest', { id: 999_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await lib.raw('related.suggest', { id: id.query, limit: 500 })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('key terms', () => {
  const terms = (text: string) => { const out: string[] = []; forEachTerm(text, (t) => out.push(t)); return out; };

  it('segment Chinese into words, rejoin names ICU splits, and keep English words', () => {
    const t = terms('10月24日，都昌县委书记邱舰在都昌主持召开新材料及智能装备产业园项目调度会议，5G and LED panels.');
    expect(t).toEqual(expect.arrayContaining(['材料', '智能', '装备', '产业', '项目', '调度', '会议', '邱舰', '都昌', '5g', 'led', 'panels']));
    // Dates, single characters and stop words are not terms.
    expect(t).not.toEqual(expect.arrayContaining(['10', '24', '月', '在', 'and']));
  });

  it('fold full-width and case', () => {
    expect(terms('ＬＥＤ Panels')).toEqual(['led', 'panels']);
  });
});

describe('near-duplicate detection', () => {
  const page = samplePage();
  const text = page.join('\n');

  it('calls an edited copy a near-duplicate, and a different article of the same site not', () => {
    const edited = page.map((p, i) => (i === 3 ? p.replace('邱舰', '县委书记邱舰').replace('，', '、') : p)).filter((_, i) => i !== 7).join('\n');
    const a = sketchOf(text);
    const b = sketchOf(edited);
    const r = resemblance(a, b);
    expect(r.jaccard).toBeGreaterThan(0.8);
    expect(isNearDuplicate(a, b)).toBe(true);

    const other = sketchOf(ROBOT.join('') + ROBOT_2.join('') + FOOD.join(''));
    expect(resemblance(a, other).jaccard).toBeLessThan(0.1);
    expect(isNearDuplicate(a, other)).toBe(false);
  });

  it('catches a text that sits almost entirely inside a longer one', () => {
    const half = page.slice(0, Math.ceil(page.length / 2)).join('\n');
    const a = sketchOf(text);
    const b = sketchOf(half);
    const r = resemblance(a, b);
    expect(r.jaccard).toBeLessThan(0.8);
    expect(r.containment).toBeGreaterThan(0.9);
    expect(isNearDuplicate(a, b, r)).toBe(true);
  });

  it('ignores spacing and punctuation, and does not call short texts copies', () => {
    const a = sketchOf(text);
    expect(resemblance(a, sketchOf(text.replace(/[，。]/g, ' '))).jaccard).toBeGreaterThan(0.95);
    expect(isNearDuplicate(sketchOf('短讯：会议召开。'), sketchOf('短讯：会议召开。'))).toBe(false);
  });
});

describe('category nearness', () => {
  it('same > sibling (shared parent, or parent and child) > cousin; top-level categories are not siblings', async () => {
    const index = loadCategoryIndex(lib.db);
    const byName = (name: string) => [...index.values()].find((c) => c.name === name)!.id;
    expect(categoryNearness(index, byName('佛山'), byName('佛山'))).toBe('same');
    expect(categoryNearness(index, byName('佛山'), byName('深圳'))).toBe('sibling');
    expect(categoryNearness(index, byName('广东'), byName('佛山'))).toBe('sibling');
    expect(categoryNearness(index, byName('佛山'), byName('九江'))).toBe('cousin');
    expect(categoryNearness(index, byName('产业园区'), byName('佛山'))).toBe('cousin');
    expect(categoryNearness(index, byName('产业园区'), byName('政策解读'))).toBeNull();
  });
});
