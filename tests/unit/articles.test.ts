import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';

describe('articles through the contract', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
  });
  afterEach(() => lib.dispose());

  it('creates an article with a pinyin slug and derived fields written at save', async () => {
    const a = await lib.ok('articles.create', {
      title: '广东产业园项目调度会议',
      body: bodyFromParagraphs(['10月24日，都昌县召开项目调度会议。', 'Second paragraph in English words.']),
    });
    expect(a.slug).toBe('guang-dong-chan-ye-yuan-xiang-mu-diao-du-hui-yi');
    expect(a.status).toBe('draft');
    expect(a.version).toBe(1);
    expect(a.plainText).toBe('10月24日，都昌县召开项目调度会议。\nSecond paragraph in English words.');
    expect(a.excerpt).toBe('10月24日，都昌县召开项目调度会议。');
    expect(a.counts).toMatchObject({ paragraphs: 2, cjkChars: 13, latinWords: 7 });
    const row = lib.db.prepare('SELECT plain_text, word_count FROM articles WHERE id = ?').get(a.id) as { plain_text: string; word_count: number };
    expect(row.word_count).toBe(20);
  });

  it('gives colliding titles distinct slugs', async () => {
    const a = await lib.ok('articles.create', { title: 'Weekly report' });
    const b = await lib.ok('articles.create', { title: 'Weekly Report' });
    expect(a.slug).toBe('weekly-report');
    expect(b.slug).toBe('weekly-report-2');
  });

  it('saves with the edited version and refuses a stale one as a conflict', async () => {
    const a = await lib.ok('articles.create', { title: 'Draft' });
    const saved = await lib.ok('articles.save', { id: a.id, version: a.version, title: 'Mine' });
    expect(saved.version).toBe(a.version + 1);
    const stale = await lib.raw('articles.save', { id: a.id, version: a.version, title: 'Theirs' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', details: { currentVersion: saved.version } } });
    expect((await lib.ok('articles.get', { id: a.id })).title).toBe('Mine');
  });

  it('refuses a slug another article holds, naming it', async () => {
    const a = await lib.ok('articles.create', { title: 'First' });
    const b = await lib.ok('articles.create', { title: 'Second' });
    const r = await lib.raw('articles.save', { id: b.id, version: b.version, slug: a.slug });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!r.ok && r.error.message).toContain('First');
  });

  it('keeps a manual excerpt and derives one otherwise', async () => {
    const a = await lib.ok('articles.create', { title: 'E', body: bodyFromParagraphs(['Derived text.']) });
    const manual = await lib.ok('articles.save', { id: a.id, version: a.version, excerpt: 'Hand written.', excerptIsManual: true });
    expect(manual.excerpt).toBe('Hand written.');
    const bodyChanged = await lib.ok('articles.save', { id: a.id, version: manual.version, body: bodyFromParagraphs(['New text.']) });
    expect(bodyChanged.excerpt).toBe('Hand written.');
    const back = await lib.ok('articles.save', { id: a.id, version: bodyChanged.version, excerptIsManual: false });
    expect(back.excerpt).toBe('New text.');
  });

  it('lists with paging, sorting and filters by status, category (with sub-categories) and tag', async () => {
    const root = await lib.ok('categories.create', { name: '产业信息' });
    const child = await lib.ok('categories.create', { name: '广东产业信息', parentId: root.id });
    const a = await lib.ok('articles.create', { title: 'A', categoryId: child.id, tags: ['能源'] });
    await lib.ok('articles.create', { title: 'B', categoryId: root.id, status: 'published' });
    await lib.ok('articles.create', { title: 'C' });

    const byTitle = await lib.ok('articles.list', { sort: 'title', order: 'asc', pageSize: 2 });
    expect(byTitle.items.map((i) => i.title)).toEqual(['A', 'B']);
    expect(byTitle.total).toBe(3);
    const page2 = await lib.ok('articles.list', { sort: 'title', order: 'asc', pageSize: 2, page: 2 });
    expect(page2.items.map((i) => i.title)).toEqual(['C']);

    expect((await lib.ok('articles.list', { status: 'published' })).items.map((i) => i.title)).toEqual(['B']);
    const inRoot = await lib.ok('articles.list', { categoryId: root.id, sort: 'title', order: 'asc' });
    expect(inRoot.items.map((i) => i.title)).toEqual(['A', 'B']);
    expect(inRoot.items[0]!.categoryPath).toEqual(['产业信息', '广东产业信息']);
    const onlyRoot = await lib.ok('articles.list', { categoryId: root.id, includeSubcategories: false });
    expect(onlyRoot.items.map((i) => i.title)).toEqual(['B']);
    const tag = (await lib.ok('tags.list', {})).find((t) => t.name === '能源')!;
    expect((await lib.ok('articles.list', { tagId: tag.id })).items.map((i) => i.id)).toEqual([a.id]);
  });

  it('trashes, restores and deletes forever only from the trash', async () => {
    const a = await lib.ok('articles.create', { title: 'Gone soon' });
    const early = await lib.raw('articles.deleteForever', { id: a.id });
    expect(early).toMatchObject({ ok: false, error: { code: 'validation' } });
    await lib.ok('articles.trash', { id: a.id });
    expect((await lib.ok('articles.list', {})).total).toBe(0);
    expect((await lib.ok('articles.list', { trashed: true })).total).toBe(1);
    await lib.ok('articles.restore', { id: a.id });
    expect((await lib.ok('articles.list', {})).total).toBe(1);
    await lib.ok('articles.trash', { id: a.id });
    await lib.ok('articles.deleteForever', { id: a.id });
    expect(await lib.raw('articles.get', { id: a.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((lib.db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n).toBe(0);
  });

  it('records revisions on create, on status change and on demand, and restores one as a new revision', async () => {
    const a = await lib.ok('articles.create', { title: 'v1', body: bodyFromParagraphs(['first']) });
    const b = await lib.ok('articles.save', { id: a.id, version: a.version, status: 'in_review', title: 'v2' });
    await lib.ok('revisions.saveVersion', { articleId: a.id, label: 'before edit' });
    const revs = await lib.ok('revisions.list', { articleId: a.id });
    expect(revs.map((r) => r.reason)).toEqual(['manual', 'status', 'created']);
    const created = revs.find((r) => r.reason === 'created')!;
    const restored = await lib.ok('revisions.restore', { id: created.id, version: b.version });
    expect(restored.title).toBe('v1');
    expect(restored.plainText).toBe('first');
    expect((await lib.ok('revisions.list', { articleId: a.id }))[0]!.reason).toBe('restore');
  });

  it('bulk-sets status, tags and category', async () => {
    const cat = await lib.ok('categories.create', { name: 'News' });
    const a = await lib.ok('articles.create', { title: 'A', tags: ['x'] });
    const b = await lib.ok('articles.create', { title: 'B' });
    await lib.ok('articles.setStatus', { ids: [a.id, b.id], status: 'ready' });
    await lib.ok('articles.setTags', { ids: [a.id, b.id], mode: 'add', tags: ['y'] });
    await lib.ok('articles.setTags', { ids: [a.id], mode: 'remove', tags: ['X'] });
    await lib.ok('articles.setCategory', { ids: [a.id, b.id], categoryId: cat.id });
    const ga = await lib.ok('articles.get', { id: a.id });
    const gb = await lib.ok('articles.get', { id: b.id });
    expect([ga.status, gb.status]).toEqual(['ready', 'ready']);
    expect(ga.tags.map((t) => t.name)).toEqual(['y']);
    expect(gb.tags.map((t) => t.name)).toEqual(['y']);
    expect(ga.categoryPath).toEqual(['News']);
  });
});

describe('taxonomy', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
  });
  afterEach(() => lib.dispose());

  it('moves categories without making cycles and deletes with reassignment', async () => {
    const a = await lib.ok('categories.create', { name: 'A' });
    const b = await lib.ok('categories.create', { name: 'B', parentId: a.id });
    const c = await lib.ok('categories.create', { name: 'C' });
    expect(await lib.raw('categories.move', { id: a.id, parentId: b.id })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const moved = await lib.ok('categories.move', { id: b.id, parentId: c.id });
    expect(moved.path).toEqual(['C', 'B']);
    const art = await lib.ok('articles.create', { title: 'in B', categoryId: b.id });
    const del = await lib.ok('categories.delete', { id: b.id, reassignTo: a.id });
    expect(del.reassigned).toBe(1);
    expect((await lib.ok('articles.get', { id: art.id })).categoryPath).toEqual(['A']);
  });

  it('counts only live articles per category and per tag, following trash and restore', async () => {
    const a = await lib.ok('categories.create', { name: 'A' });
    const b = await lib.ok('categories.create', { name: 'B', parentId: a.id });
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await lib.ok('articles.create', { title: `n${i}`, categoryId: i % 2 ? a.id : b.id, tags: i % 3 ? ['甲'] : ['甲', '乙'] }));
    const counts = async () => {
      const cats = await lib.ok('categories.list', {});
      const tags = await lib.ok('tags.list', {});
      const tag = (n: string) => tags.find((t) => t.name === n)!;
      return { a: cats.find((c) => c.id === a.id)!.articleCount, b: cats.find((c) => c.id === b.id)!.articleCount, 甲: tag('甲').articleCount, 乙: tag('乙').articleCount };
    };
    expect(await counts()).toEqual({ a: 3, b: 3, 甲: 6, 乙: 2 });
    await lib.ok('articles.trash', { id: made[0]!.id }); // B, 甲 and 乙
    await lib.ok('articles.trash', { id: made[1]!.id }); // A, 甲
    expect(await counts()).toEqual({ a: 2, b: 2, 甲: 4, 乙: 1 });
    // One tag's count (what rename and merge return) follows the same rule.
    const second = (await lib.ok('tags.list', {})).find((t) => t.name === '乙')!;
    expect((await lib.ok('tags.rename', { id: second.id, name: '丙' })).articleCount).toBe(1);
    await lib.ok('tags.rename', { id: second.id, name: '乙' });
    await lib.ok('articles.restore', { id: made[0]!.id });
    expect(await counts()).toEqual({ a: 2, b: 3, 甲: 5, 乙: 2 });
  });

  it('renames, merges (keeping the union) and deletes tags', async () => {
    const x = await lib.ok('articles.create', { title: 'x', tags: ['新能源', '光伏'] });
    const y = await lib.ok('articles.create', { title: 'y', tags: ['新能源汽车'] });
    const tags = await lib.ok('tags.list', {});
    const id = (n: string) => tags.find((t) => t.name === n)!.id;
    expect(await lib.raw('tags.rename', { id: id('光伏'), name: '新能源' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const merged = await lib.ok('tags.merge', { sourceIds: [id('新能源汽车')], targetId: id('新能源') });
    expect(merged.articleCount).toBe(2);
    expect((await lib.ok('articles.get', { id: y.id })).tags.map((t) => t.name)).toEqual(['新能源']);
    await lib.ok('tags.delete', { id: id('光伏') });
    expect((await lib.ok('articles.get', { id: x.id })).tags.map((t) => t.name)).toEqual(['新能源']);
  });
});

describe('bad input changes nothing', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
  });
  afterEach(() => lib.dispose());

  const snapshot = (l: TestLibrary) => JSON.stringify(l.db.prepare('SELECT * FROM articles ORDER BY id').all());

  it.each([
    ['articles.create', { title: 42 }],
    ['articles.create', { title: 'x'.repeat(1_000_000) }],
    ['articles.create', { body: { root: { type: 'paragraph' } } }],
    ['articles.create', { status: 'gone' }],
    ['articles.create', { unknownField: true }],
    ['articles.create', { categoryId: 999 }],
    ['articles.create', { tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) }],
    ['articles.save', { id: 1 }],
    ['articles.save', { id: 999, version: 1, title: 'x' }],
    ['articles.get', { id: -1 }],
    ['articles.list', { pageSize: 100_000 }],
    ['categories.create', { name: '' }],
    ['tags.merge', { sourceIds: [], targetId: 1 }],
    ['settings.set', { baseUrl: 'javascript:alert(1)' }],
  ])('%s refuses %#', async (op, input) => {
    await lib.ok('articles.create', { title: 'existing' });
    const before = snapshot(lib);
    const r = await lib.raw(op, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(['validation', 'not_found']).toContain(r.error.code);
      expect(r.error.message.length).toBeGreaterThan(5);
      expect(r.error.message.length).toBeLessThan(2_000);
    }
    expect(snapshot(lib)).toBe(before);
  });

  it('refuses a hostile deeply nested body without overflowing the stack', async () => {
    let node: Record<string, unknown> = { type: 'text', text: 'x' };
    for (let i = 0; i < 100_000; i++) node = { type: 'paragraph', children: [node] };
    const r = await lib.raw('articles.create', { body: { root: { type: 'root', children: [node] } } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!r.ok && r.error.message).toMatch(/nested deeper/);
  });

  it('refuses an unknown operation by name', async () => {
    expect(await lib.raw('__proto__', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await lib.raw('constructor', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
