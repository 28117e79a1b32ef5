import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { articles, bodyLinking } from './related-fixtures.js';

let lib: TestLibrary;
beforeEach(async () => { lib = await makeLibrary(); });
afterEach(() => lib.dispose());

const order = async (id: number) => (await lib.ok('related.list', { id })).links.map((l) => l.id);

describe('the curated related list', () => {
  it('keeps the order articles were added in, and inserts at a position', async () => {
    const [a, b, c, d, e] = await articles(lib, 'A', 'B', 'C', 'D', 'E');
    await lib.ok('related.add', { id: a!, targetId: b! });
    await lib.ok('related.add', { id: a!, targetId: c! });
    await lib.ok('related.add', { id: a!, targetId: d!, position: 0 });
    const list = await lib.ok('related.add', { id: a!, targetId: e!, position: 2 });
    expect(list.links.map((l) => l.id)).toEqual([d, b, e, c]);
    expect(list.links.map((l) => l.position)).toEqual([0, 1, 2, 3]);
    // A position past the end means the end.
    await lib.ok('related.remove', { id: a!, targetId: e! });
    await lib.ok('related.add', { id: a!, targetId: e!, position: 99 });
    expect(await order(a!)).toEqual([d, b, c, e]);
  });

  it('adding an article already listed is a no-op, or a move when a position is given', async () => {
    const [a, b, c, d] = await articles(lib, 'A', 'B', 'C', 'D');
    for (const t of [b, c, d]) await lib.ok('related.add', { id: a!, targetId: t! });
    await lib.ok('related.add', { id: a!, targetId: c! });
    expect(await order(a!)).toEqual([b, c, d]);
    await lib.ok('related.add', { id: a!, targetId: d!, position: 0 });
    expect(await order(a!)).toEqual([d, b, c]);
  });

  it('reorders the whole list, and refuses an order that does not name each listed article once', async () => {
    const [a, b, c, d, x] = await articles(lib, 'A', 'B', 'C', 'D', 'X');
    for (const t of [b, c, d]) await lib.ok('related.add', { id: a!, targetId: t! });
    const list = await lib.ok('related.reorder', { id: a!, order: [c!, d!, b!] });
    expect(list.links.map((l) => l.id)).toEqual([c, d, b]);

    const stale = await lib.raw('related.reorder', { id: a, order: [c, d] });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.code).toBe('conflict');
      expect(stale.error.message).toContain(`missing #${b}`);
    }
    const extra = await lib.raw('related.reorder', { id: a, order: [c, d, b, x] });
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.error.message).toContain(`not in the list #${x}`);
    const twice = await lib.raw('related.reorder', { id: a, order: [c, c, d, b] });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.code).toBe('validation');
    // None of the refused orders changed anything.
    expect(await order(a!)).toEqual([c, d, b]);
  });

  it('removes one link and closes the gap; removing an absent link is a no-op', async () => {
    const [a, b, c, d] = await articles(lib, 'A', 'B', 'C', 'D');
    for (const t of [b, c, d]) await lib.ok('related.add', { id: a!, targetId: t! });
    const list = await lib.ok('related.remove', { id: a!, targetId: c! });
    expect(list.links.map((l) => [l.id, l.position])).toEqual([[b, 0], [d, 1]]);
    const again = await lib.ok('related.remove', { id: a!, targetId: c! });
    expect(again.links.map((l) => l.id)).toEqual([b, d]);
  });

  it('refuses self-links, unknown targets and trashed targets with messages that say why, writing nothing', async () => {
    const [a, b] = await articles(lib, 'A', 'Bee');
    const self = await lib.raw('related.add', { id: a, targetId: a });
    expect(self).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!self.ok) expect(self.error.message).toMatch(/itself/);

    const unknown = await lib.raw('related.add', { id: a, targetId: 9999 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!unknown.ok) expect(unknown.error.message).toContain('#9999');

    await lib.ok('articles.trash', { id: b! });
    const trashed = await lib.raw('related.add', { id: a, targetId: b });
    expect(trashed).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!trashed.ok) expect(trashed.error.message).toMatch(/"Bee".*trash.*restore/);

    const badInput = await lib.raw('related.add', { id: a, targetId: 'two' });
    expect(badInput).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await order(a!)).toEqual([]);
  });

  it('refuses to change the list of an article in the trash', async () => {
    const [a, b] = await articles(lib, 'A', 'B');
    await lib.ok('articles.trash', { id: a! });
    const r = await lib.raw('related.add', { id: a, targetId: b });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('stays linked when the target is renamed and re-slugged (links are by id)', async () => {
    const [a, b] = await articles(lib, 'A', '都昌新材料产业园项目');
    await lib.ok('related.add', { id: a!, targetId: b! });
    const before = (await lib.ok('related.list', { id: a! })).links[0]!;
    const current = await lib.ok('articles.get', { id: b! });
    await lib.ok('articles.save', { id: b!, version: current.version, title: '都昌新材料及智能装备产业园', slug: 'duchang-park-renamed' });
    const after = (await lib.ok('related.list', { id: a! })).links;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: b, title: '都昌新材料及智能装备产业园', slug: 'duchang-park-renamed', state: 'live' });
    expect(after[0]!.slug).not.toBe(before.slug);
  });

  it('does not bump the article version (an open editor can still save)', async () => {
    const [a, b] = await articles(lib, 'A', 'B');
    const v = (await lib.ok('articles.get', { id: a! })).version;
    await lib.ok('related.add', { id: a!, targetId: b! });
    expect((await lib.ok('articles.get', { id: a! })).version).toBe(v);
    await lib.ok('articles.save', { id: a!, version: v, title: 'A, edited' });
  });

  it('caps the list at 100 with a clear error', async () => {
    const [a] = await articles(lib, 'A');
    const { db } = lib;
    const ids: number[] = [];
    for (let i = 0; i < 101; i++) ids.push((await lib.ok('articles.create', { title: `T${i}` })).id);
    db.transaction(() => {
      const put = db.prepare("INSERT INTO related_links (article_id, target_id, position, created_at) VALUES (?, ?, ?, '2024-01-01T00:00:00Z')");
      ids.slice(0, 100).forEach((t, i) => put.run(a, t, i));
    })();
    const r = await lib.raw('related.add', { id: a, targetId: ids[100] });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!r.ok) expect(r.error.message).toMatch(/100/);
  });
});

describe('reciprocal links', () => {
  it('adds both directions in one step, appending to the other list', async () => {
    const [a, b, c] = await articles(lib, 'A', 'B', 'C');
    await lib.ok('related.add', { id: b!, targetId: c! });
    const list = await lib.ok('related.add', { id: a!, targetId: b!, reciprocal: true });
    expect(list.links).toMatchObject([{ id: b, reciprocal: true }]);
    expect(await order(b!)).toEqual([c, a]);
    const bList = await lib.ok('related.list', { id: b! });
    expect(bList.links.find((l) => l.id === a)?.reciprocal).toBe(true);
    expect(bList.links.find((l) => l.id === c)?.reciprocal).toBe(false);
  });

  it('removes both directions in one step', async () => {
    const [a, b] = await articles(lib, 'A', 'B');
    await lib.ok('related.add', { id: a!, targetId: b!, reciprocal: true });
    await lib.ok('related.remove', { id: a!, targetId: b!, reciprocal: true });
    expect(await order(a!)).toEqual([]);
    expect(await order(b!)).toEqual([]);
  });

  it('is all or nothing: when the other list is full, neither direction is added', async () => {
    const [a, b] = await articles(lib, 'A', 'B');
    const { db } = lib;
    const fillers: number[] = [];
    for (let i = 0; i < 100; i++) fillers.push((await lib.ok('articles.create', { title: `F${i}` })).id);
    db.transaction(() => {
      const put = db.prepare("INSERT INTO related_links (article_id, target_id, position, created_at) VALUES (?, ?, ?, '2024-01-01T00:00:00Z')");
      fillers.forEach((t, i) => put.run(b, t, i));
    })();
    const r = await lib.raw('related.add', { id: a, targetId: b, reciprocal: true });
    expect(r.ok).toBe(false);
    expect(await order(a!)).toEqual([]);
    expect((await order(b!))).toHaveLength(100);
  });
});

describe('links in the text', () => {
  it('are listed apart, marked when also in the curated list, and never duplicated into it', async () => {
    const [b, c] = await articles(lib, 'Bravo', 'Charlie');
    const a = (await lib.ok('articles.create', { title: 'A', body: bodyLinking('Text.', [b!, c!]) })).id;
    await lib.ok('related.add', { id: a, targetId: c! });
    const list = await lib.ok('related.list', { id: a });
    expect(list.links.map((l) => [l.id, l.alsoInText])).toEqual([[c, true]]);
    expect(list.inText.map((l) => [l.id, l.alsoListed])).toEqual([[b, false], [c, true]]);
  });
});

describe('backlinks', () => {
  it('name every article that lists or links this one, and how', async () => {
    const [t, lister, other] = await articles(lib, 'Target', 'Lister', 'Other');
    const texter = (await lib.ok('articles.create', { title: 'Texter', status: 'published', body: bodyLinking('x', [t!]) })).id;
    const both = (await lib.ok('articles.create', { title: 'Both', status: 'published', body: bodyLinking('x', [t!]) })).id;
    await lib.ok('related.add', { id: lister!, targetId: other! });
    await lib.ok('related.add', { id: lister!, targetId: t! });
    await lib.ok('related.add', { id: both, targetId: t! });
    const r = await lib.ok('related.backlinks', { id: t! });
    const byId = new Map(r.backlinks.map((b) => [b.id, b]));
    expect([...byId.keys()].sort((x, y) => x - y)).toEqual([lister, texter, both].sort((x, y) => x! - y!));
    expect(byId.get(lister!)).toMatchObject({ kinds: ['related'], position: 1 });
    expect(byId.get(texter)).toMatchObject({ kinds: ['text'], position: null });
    expect(byId.get(both)).toMatchObject({ kinds: ['related', 'text'], position: 0 });
  });

  it('leave out holders in the trash unless asked', async () => {
    const [t, h] = await articles(lib, 'Target', 'Holder');
    await lib.ok('related.add', { id: h!, targetId: t! });
    await lib.ok('articles.trash', { id: h! });
    expect((await lib.ok('related.backlinks', { id: t! })).backlinks).toEqual([]);
    const all = await lib.ok('related.backlinks', { id: t!, includeTrashed: true });
    expect(all.backlinks).toMatchObject([{ id: h, state: 'trashed' }]);
  });

  it('an unknown article is not_found', async () => {
    expect(await lib.raw('related.backlinks', { id: 424242 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
