import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { search } from '../../src/core/search/search.js';
import { openLibrary, APPLICATION_ID } from '../../src/core/db/open.js';
import { runMigrations } from '../../src/core/db/migrations.js';

let lib: TestLibrary;
beforeEach(async () => { lib = await makeLibrary(); });
afterEach(() => lib.dispose());

const body = (...paragraphs: string[]) => bodyFromParagraphs(paragraphs);
const ids = async (query: string, extra: Record<string, unknown> = {}) =>
  (await lib.ok('search', { query, pageSize: 200, ...extra })).hits.map((h) => h.id);
const create = (input: Record<string, unknown>) => lib.ok('articles.create', input as never);
/** Index rows present for an article, in both tables. */
const indexRows = (id: number) => ({
  index: lib.db.prepare('SELECT count(*) FROM search_index WHERE rowid = ?').pluck().get(id),
  chars: lib.db.prepare('SELECT count(*) FROM search_chars WHERE rowid = ?').pluck().get(id),
});

describe('search: what is found', () => {
  it('finds any fragment of title, excerpt or body: Chinese of 1 to n characters, English, digits, punctuation', async () => {
    const a = await create({ title: '都昌新材料产业园项目调度会议', body: body('10月24日，都昌县召开了项目调度会议。', 'Investment reached 195亿元 (R&D share: 10.5%).') });
    const b = await create({ title: 'An English report', body: body('The industrial park opened in 2024.') });
    expect(await ids('产业园')).toEqual([a.id]);
    expect(await ids('园')).toEqual([a.id]);
    expect(await ids('会议')).toEqual([a.id]);
    expect(await ids('调度会议')).toEqual([a.id]);
    expect(await ids('R&D')).toEqual([a.id]);
    expect(await ids('10.5%')).toEqual([a.id]);
    expect(await ids('195亿')).toEqual([a.id]);
    expect(await ids('INDUSTRIAL')).toEqual([b.id]);
    expect(await ids('dustri')).toEqual([b.id]);
    expect(await ids('2024')).toEqual([b.id]);
    expect(await ids('【')).toEqual([]); // in neither text
    expect(await ids('(')).toEqual([a.id]);
    expect(await ids('（')).toEqual([a.id]); // full width folds to (
    expect(await ids('产业园区')).toEqual([]); // 产业园 is there, 产业园区 is not
  });

  it('folds Traditional/Simplified, full/half width and diacritics on both sides', async () => {
    const a = await create({ title: '产业园区', body: body('ＡＩ芯片与Café文化') });
    const b = await create({ title: '臺灣產業', body: body('resume') });
    expect(await ids('產業園')).toEqual([a.id]);
    expect(await ids('台湾产业')).toEqual([b.id]);
    expect(await ids('ai芯片')).toEqual([a.id]);
    expect(await ids('CAFÉ')).toEqual([a.id]);
    expect(await ids('cafe')).toEqual([a.id]);
    expect(await ids('résumé')).toEqual([b.id]);
  });

  it('searches tags as text, and every term must match (AND), OR, phrases and exclusions', async () => {
    const a = await create({ title: '广州人工智能产业园动工', body: body('项目总投资约80亿元。'), tags: ['人工智能'] });
    const b = await create({ title: '深圳新能源汽车', body: body('新能源 汽车 产业链'), tags: ['新能源'] });
    const c = await create({ title: '佛山预制菜', body: body('从菜篮子到菜盘子'), tags: ['预制菜'] });
    expect((await ids('人工智能 动工')).sort()).toEqual([a.id]);
    expect(await ids('人工智能 预制菜')).toEqual([]);
    expect((await ids('广州 OR 深圳')).sort()).toEqual([a.id, b.id].sort());
    expect((await ids('广州 OR 深圳 OR 菜 -新能源')).sort()).toEqual([a.id, c.id].sort());
    expect(await ids('"新能源 汽车"')).toEqual([b.id]);
    expect(await ids('"新能源汽车"')).toEqual([b.id]); // from the title
    expect(await ids('"菜篮子到菜"')).toEqual([c.id]);
    expect((await ids('-预制菜')).sort()).toEqual([a.id, b.id].sort());
    expect((await ids('-菜')).sort()).toEqual([a.id, b.id].sort());
  });

  it('reads malformed queries as literal text and never fails', async () => {
    const a = await create({ title: 'Quote "mark" and - dash OR words', body: body('x') });
    for (const q of ['"unbalanced', '-', 'OR', 'a OR', 'OR OR', '""', '"', '- -', 'tag:', 'status:nope', 'before:someday', '((', '*', '^', 'NEAR(a b)', '{title}: x', 'a:b:c']) {
      const r = await lib.raw('search', { query: q });
      expect(r.ok, q).toBe(true);
    }
    expect(await ids('"mark')).toEqual([a.id]);
    expect(await ids('OR')).toEqual([a.id]); // the word "or" of "OR words"
    expect(await ids('-')).toEqual([a.id]);
  });

  it('rejects a query that is too long or a date filter that is no date with a readable validation error', async () => {
    const long = await lib.raw('search', { query: 'x'.repeat(1001) });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error).toMatchObject({ code: 'validation', message: expect.stringContaining('1,000 characters') });
    const badDate = await lib.raw('search', { query: 'x', filters: { after: 'soon' } });
    expect(badDate.ok).toBe(false);
    if (!badDate.ok) expect(badDate.error.message).toMatch(/YYYY-MM-DD/);
  });
});

describe('search: filters', () => {
  it('filters by tag, category (sub-categories included, by name, slug or path), status, author and dates', async () => {
    const top = await lib.ok('categories.create', { name: '广东产业信息', parentId: null });
    const sub = await lib.ok('categories.create', { name: '佛山', parentId: top.id });
    const other = await lib.ok('categories.create', { name: '政策解读', parentId: null });
    const a = await create({ title: '园区一', body: body('园区建设'), categoryId: sub.id, tags: ['储能'], status: 'published', author: '杜宇蔚', publishedAt: '2024-05-01T00:00:00.000Z' });
    const b = await create({ title: '园区二', body: body('园区规划'), categoryId: top.id, tags: ['AI'], status: 'draft', author: '欧阳兴' });
    const c = await create({ title: '园区三', body: body('园区政策'), categoryId: other.id, status: 'published', author: 'Ada Lovelace', publishedAt: '2019-01-01T00:00:00.000Z' });

    expect(await ids('园区 tag:储能')).toEqual([a.id]);
    expect(await ids('园区 tag:ai')).toEqual([b.id]); // tag names compare folded
    expect(await ids('园区 tag:ＡＩ')).toEqual([b.id]);
    expect(await ids('园区 tag:不存在')).toEqual([]);
    expect((await ids('园区 category:广东产业信息')).sort()).toEqual([a.id, b.id].sort());
    expect(await ids('园区 category:佛山')).toEqual([a.id]);
    expect(await ids(`园区 category:${top.slug}/${sub.slug}`)).toEqual([a.id]);
    expect(await ids('园区 category:"广东产业信息 > 佛山"')).toEqual([a.id]);
    expect(await ids('园区 category:廣東產業信息/佛山')).toEqual([a.id]);
    expect(await ids('园区 category:无此类')).toEqual([]);
    expect((await ids('园区 status:published')).sort()).toEqual([a.id, c.id].sort());
    expect(await ids('园区 status:草稿')).toEqual([b.id]);
    expect(await ids('园区 author:杜宇蔚')).toEqual([a.id]);
    expect(await ids('园区 author:"ada lovelace"')).toEqual([c.id]);
    expect(await ids('园区 after:2024-05-01 status:published')).toEqual([a.id]);
    expect(await ids('园区 before:2020')).toEqual([c.id]);
    expect(await ids('园区 after:2024 before:2024-05')).toEqual([]);
    // Filters alone list the matching articles, newest first.
    const onlyFilter = await lib.ok('search', { query: 'status:published' });
    expect(onlyFilter.hits.map((h) => h.id).sort()).toEqual([a.id, c.id].sort());
    expect(onlyFilter.order).toBe('recency');
    // Structured filters (the sidebar) work like typed ones.
    expect(await ids('园区', { filters: { tags: ['储能'] } })).toEqual([a.id]);
    expect(await ids('园区', { filters: { categories: ['广东产业信息'], statuses: ['draft'] } })).toEqual([b.id]);
    expect(await ids('园区', { filters: { after: '2024-01', before: '2025' } })).toEqual([a.id]);
  });
});

describe('search: ranking, snippets and the result shape', () => {
  it('ranks a title hit above a tag hit above a body hit, newer first among equals', async () => {
    const bodyHit = await create({ title: '无关标题', body: body('这篇文章的正文提到储能电站。') });
    const titleHit = await create({ title: '储能电站开工', body: body('正文没有那个词。') });
    const tagHit = await create({ title: '另一个标题', body: body('正文也没有。'), tags: ['储能电站'] });
    const newerBodyHit = await create({ title: '又一个标题', body: body('这篇文章的正文提到储能电站。') });
    const r = await lib.ok('search', { query: '储能电站' });
    expect(r.order).toBe('relevance');
    expect(r.hits.map((h) => h.id).slice(0, 2)).toEqual([titleHit.id, tagHit.id]);
    expect(r.hits.map((h) => h.id).slice(2).sort()).toEqual([bodyHit.id, newerBodyHit.id].sort());
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[2]!.score);
    // Single characters rank title hits first too.
    const one = await lib.ok('search', { query: '站' });
    expect(one.hits[0]!.id).toBe(titleHit.id);
  });

  it('returns hits with slug, status, category path, title ranges and a highlighted snippet', async () => {
    const cat = await lib.ok('categories.create', { name: '广东产业信息', parentId: null });
    const a = await create({ title: '產業園區建设', categoryId: cat.id, body: body(`${'前言'.repeat(80)}广东产业园区建设提速，签约项目落地。${'结语'.repeat(80)}`) });
    const r = await lib.ok('search', { query: '产业园 签约' });
    expect(r).toMatchObject({ total: 1, totalIsEstimate: false });
    expect(r.tookMs).toBeGreaterThanOrEqual(0);
    const h = r.hits[0]!;
    expect(h).toMatchObject({ id: a.id, slug: a.slug, status: 'draft', categoryPath: ['广东产业信息'], updatedAt: a.updatedAt });
    expect(h.titleRanges.map(([s, e]) => h.title.slice(s, e))).toEqual(['產業園']);
    expect(h.snippet.ranges.map(([s, e]) => h.snippet.text.slice(s, e))).toEqual(['产业园', '签约']);
    expect(h.snippet.text.length).toBeLessThan(140);
  });

  it('pages through results and counts them', async () => {
    for (let i = 0; i < 12; i++) await create({ title: `报告${i}`, body: body(`园区第${i}期`) });
    const p1 = await lib.ok('search', { query: '园区', pageSize: 5, page: 1 });
    const p3 = await lib.ok('search', { query: '园区', pageSize: 5, page: 3 });
    expect(p1.total).toBe(12);
    expect(p1.hits).toHaveLength(5);
    expect(p3.hits).toHaveLength(2);
    expect(new Set([...p1.hits, ...p3.hits].map((h) => h.id)).size).toBe(7);
    // A phrase of several bigrams, one of them rare enough to bound the count: ranked and counted
    // in one pass, with the same pages and total as the probing path takes.
    await create({ title: '不相干', body: body('不连续：园区，区第') }); // its bigrams, not the phrase
    const phrase = (page: number, relevanceLimit?: number) => search(lib.db, { query: '园区第', page, pageSize: 5 }, relevanceLimit ? { relevanceLimit } : {});
    const pages = [1, 2, 3].map((p) => phrase(p));
    expect(pages.map((r) => r.total)).toEqual([12, 12, 12]);
    expect(pages.map((r) => r.hits.length)).toEqual([5, 5, 2]);
    const found = pages.flatMap((r) => r.hits.map((h) => h.id));
    expect(new Set(found).size).toBe(12);
    expect(pages[0]!.order).toBe('relevance');
    // Every bigram above the limit: the probe decides, and the query is answered newest first.
    const common = phrase(1, 3);
    expect(common.order).toBe('recency');
    const newest = [...found].sort((a, b) => b - a).slice(0, 5);
    expect(common.hits.map((h) => h.id)).toEqual(newest);
  });

  it('answers very common queries newest first with an estimated total, and the same set as ranking would', async () => {
    const made: number[] = [];
    for (let i = 0; i < 30; i++) made.push((await create({ title: `第${i}篇`, body: body(i % 3 === 0 ? '项目没有' : '园区项目') })).id);
    const ranked = search(lib.db, { query: '园区 项目', page: 1, pageSize: 100 });
    const common = search(lib.db, { query: '园区 项目', page: 1, pageSize: 100 }, { relevanceLimit: 5 });
    expect(ranked.order).toBe('relevance');
    expect(common.order).toBe('recency');
    expect(common.hits.map((h) => h.id).sort()).toEqual(ranked.hits.map((h) => h.id).sort());
    expect(common.hits).toHaveLength(20);
    // The walk reached the end of the library: the count is exact.
    expect(common).toMatchObject({ total: 20, totalIsEstimate: false });
    // One page of 5 stops early: the total is then estimated from the share seen so far.
    const page = search(lib.db, { query: '园区 项目', page: 2, pageSize: 5 }, { relevanceLimit: 5 });
    expect(page.hits.map((h) => h.id)).toEqual(common.hits.slice(5, 10).map((h) => h.id));
    expect(page.totalIsEstimate).toBe(true);
    expect(page.total).toBeGreaterThan(5);
    // Newest first: ids were created in order, so updated_at descends with the id.
    const got = common.hits.map((h) => h.id);
    expect(got).toEqual([...got].sort((x, y) => y - x));
    const common1 = search(lib.db, { query: '园', page: 1, pageSize: 100 }, { relevanceLimit: 5 });
    expect(common1.hits).toHaveLength(20);
    // Filtered: the page holds only matching articles, and the estimate stays within reason.
    const filtered = search(lib.db, { query: '园区 status:draft', page: 1, pageSize: 3 }, { relevanceLimit: 5 });
    expect(filtered.order).toBe('recency');
    expect(filtered.hits).toHaveLength(3);
    expect(filtered.total).toBeGreaterThanOrEqual(3);
    expect(filtered.total).toBeLessThanOrEqual(30);
  });
  it('a common term under a selective tag or category filter: every passing match, newest first, counted exactly', async () => {
    const cat = await lib.ok('categories.create', { name: '园区', parentId: null });
    const sub = await lib.ok('categories.create', { name: '东区', parentId: cat.id });
    const other = await lib.ok('categories.create', { name: '别处', parentId: null });
    const made: Array<{ id: number; tagged: boolean; inCat: boolean; draft: boolean }> = [];
    for (let i = 0; i < 40; i++) {
      const tagged = i % 9 === 0;
      // Primary category in the subtree, or a secondary category there.
      const placement = i % 7 === 0 ? { categoryId: sub.id } : i % 11 === 0 ? { categoryId: other.id, secondaryCategoryIds: [sub.id] } : { categoryId: other.id };
      const a = await create({ title: `第${i}篇`, body: body('园区项目建设'), status: i % 2 ? 'draft' : 'published', tags: tagged ? ['稀有'] : ['常见'], ...placement });
      made.push({ id: a.id, tagged, inCat: i % 7 === 0 || i % 11 === 0, draft: i % 2 === 1 });
    }
    // A trashed match with the tag is not found.
    const gone = await create({ title: '已删', body: body('园区项目建设'), tags: ['稀有'], categoryId: sub.id });
    await lib.ok('articles.trash', { id: gone.id });
    const newestFirst = (xs: number[]) => [...xs].sort((x, y) => y - x);
    const check = (query: string, expected: number[]) => {
      const r = search(lib.db, { query, page: 1, pageSize: 20 }, { relevanceLimit: 5 });
      expect(r.order).toBe('recency');
      expect(r.hits.map((h) => h.id)).toEqual(newestFirst(expected));
      expect(r).toMatchObject({ total: expected.length, totalIsEstimate: false });
    };
    check('项目 tag:稀有', made.filter((m) => m.tagged).map((m) => m.id));
    check('项目 category:园区', made.filter((m) => m.inCat).map((m) => m.id));
    check('项目 category:园区 status:draft', made.filter((m) => m.inCat && m.draft).map((m) => m.id));
    check('项目 tag:稀有 category:园区', made.filter((m) => m.tagged && m.inCat).map((m) => m.id));
    check('项目 -第9篇 tag:稀有', made.filter((m) => m.tagged && m.id !== made[9]!.id).map((m) => m.id));
  });
});

describe('search: the index follows every change in the same transaction', () => {
  it('save, trash, restore, delete forever', async () => {
    const a = await create({ title: '旧标题', body: body('旧的正文') });
    expect(await ids('旧的正文')).toEqual([a.id]);
    const saved = await lib.ok('articles.save', { id: a.id, version: a.version, title: '新标题', body: body('新的正文') });
    expect(await ids('旧的正文')).toEqual([]);
    expect(await ids('旧标题')).toEqual([]);
    expect(await ids('新的正文')).toEqual([a.id]);
    expect(await ids('新标题')).toEqual([a.id]);
    await lib.ok('articles.save', { id: a.id, version: saved.version, excerpt: '手写摘要', excerptIsManual: true });
    expect(await ids('手写摘要')).toEqual([a.id]);

    await lib.ok('articles.trash', { id: a.id });
    expect(await ids('新的正文')).toEqual([]);
    expect(indexRows(a.id)).toEqual({ index: 0, chars: 0 });
    await lib.ok('articles.restore', { id: a.id });
    expect(await ids('新的正文')).toEqual([a.id]);
    await lib.ok('articles.trash', { id: a.id });
    await lib.ok('articles.deleteForever', { id: a.id });
    expect(indexRows(a.id)).toEqual({ index: 0, chars: 0 });
    expect(await ids('新')).toEqual([]);
  });

  it('tag rename, merge and delete; bulk tag, status and category changes', async () => {
    const a = await create({ title: '甲', body: body('正文'), tags: ['旧标签', '甲标签'] });
    const tags = await lib.ok('tags.list', {});
    const old = tags.find((t) => t.name === '旧标签')!;
    await lib.ok('tags.rename', { id: old.id, name: '新标签' });
    expect(await ids('旧标签')).toEqual([]);
    expect(await ids('新标签')).toEqual([a.id]);
    expect(await ids('正文 tag:新标签')).toEqual([a.id]);
    const second = (await lib.ok('tags.list', {})).find((t) => t.name === '甲标签')!;
    const target = await lib.ok('tags.create', { name: '合并后' });
    await lib.ok('tags.merge', { sourceIds: [second.id], targetId: target.id });
    expect(await ids('甲标签')).toEqual([]);
    expect(await ids('合并后')).toEqual([a.id]);
    await lib.ok('tags.delete', { id: target.id });
    expect(await ids('合并后')).toEqual([]);
    await lib.ok('articles.setTags', { ids: [a.id], mode: 'add', tags: ['批量'] });
    expect(await ids('批量')).toEqual([a.id]);
    await lib.ok('articles.setStatus', { ids: [a.id], status: 'ready' });
    expect(await ids('正文 status:ready')).toEqual([a.id]);
  });

  it('category move and rename reach the category: filter', async () => {
    const x = await lib.ok('categories.create', { name: '甲类', parentId: null });
    const y = await lib.ok('categories.create', { name: '乙类', parentId: null });
    const leaf = await lib.ok('categories.create', { name: '叶', parentId: x.id });
    const a = await create({ title: '文章', body: body('正文'), categoryId: leaf.id });
    expect(await ids('正文 category:甲类')).toEqual([a.id]);
    await lib.ok('categories.move', { id: leaf.id, parentId: y.id });
    expect(await ids('正文 category:甲类')).toEqual([]);
    expect(await ids('正文 category:乙类')).toEqual([a.id]);
    expect(await ids('正文 category:乙类/叶')).toEqual([a.id]);
    await lib.ok('categories.rename', { id: leaf.id, name: '新叶' });
    expect(await ids('正文 category:乙类/新叶')).toEqual([a.id]);
    await lib.ok('articles.setCategory', { ids: [a.id], categoryId: x.id });
    expect(await ids('正文 category:甲类')).toEqual([a.id]);
    expect((await lib.ok('search', { query: '正文' })).hits[0]!.categoryPath).toEqual(['甲类']);
  });

  it('a failed save leaves the index as it was (same transaction)', async () => {
    const a = await create({ title: '原文', body: body('原来的内容') });
    const stale = await lib.raw('articles.save', { id: a.id, version: a.version + 5, body: body('不该出现') });
    expect(stale.ok).toBe(false);
    expect(await ids('不该出现')).toEqual([]);
    expect(await ids('原来的内容')).toEqual([a.id]);
  });
});

describe('schema step 2', () => {
  it('backfills the index for the articles a version-1 library already holds', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'v1.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    runMigrations(raw, 0, 1);
    // Rows as version 1 wrote them (today's createArticle writes columns later steps added).
    const insertV1 = raw.prepare(`INSERT INTO articles (title, slug, status, body, plain_text, created_at, updated_at, deleted_at)
      VALUES (?, ?, 'draft', ?, ?, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', ?)`);
    const live = { id: Number(insertV1.run('早期文章', 'zao-qi', JSON.stringify(body('都昌产业园')), '都昌产业园', null).lastInsertRowid) };
    insertV1.run('已删除', 'yi-shan-chu', JSON.stringify(body('都昌产业园')), '都昌产业园', '2024-01-01T00:00:00.000Z');
    raw.close();
    const opened = await openLibrary(file);
    try {
      expect(opened.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
      expect(search(opened.db, { query: '产业园', page: 1, pageSize: 10 }).hits.map((h) => h.id)).toEqual([live.id]);
      expect(search(opened.db, { query: '昌', page: 1, pageSize: 10 }).hits.map((h) => h.id)).toEqual([live.id]);
    } finally {
      opened.close();
    }
  });
});
