import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { articles, bodyLinking } from './related-fixtures.js';
import { brokenLinksOf } from '../../src/core/related/integrity.js';

let lib: TestLibrary;
beforeEach(async () => { lib = await makeLibrary(); });
afterEach(() => lib.dispose());

const count = (sql: string, ...params: unknown[]) => (lib.db.prepare(sql).get(...params) as { n: number }).n;

describe('trashing a linked article', () => {
  it('keeps the links, flags them in the holders, and restoring clears the flags', async () => {
    const [holder, target, fine] = await articles(lib, 'Holder', 'Target', 'Fine');
    const texter = (await lib.ok('articles.create', { title: 'Texter', status: 'published', body: bodyLinking('x', [target!]) })).id;
    await lib.ok('related.add', { id: holder!, targetId: fine! });
    await lib.ok('related.add', { id: holder!, targetId: target! });
    expect(brokenLinksOf(lib.db, holder!)).toEqual([]);

    await lib.ok('articles.trash', { id: target! });
    const list = await lib.ok('related.list', { id: holder! });
    expect(list.links.map((l) => [l.id, l.state])).toEqual([[fine, 'live'], [target, 'trashed']]);
    expect(list.notLive).toBe(1);
    expect(brokenLinksOf(lib.db, holder!)).toEqual([
      { targetId: target, title: 'Target', slug: expect.any(String), status: 'published', state: 'trashed', via: ['related'] },
    ]);
    expect(brokenLinksOf(lib.db, texter)).toMatchObject([{ targetId: target, state: 'trashed', via: ['text'] }]);
    expect((await lib.ok('related.list', { id: texter })).inText).toMatchObject([{ id: target, state: 'trashed' }]);
    expect(count('SELECT count(*) AS n FROM related_links WHERE target_id = ?', target)).toBe(1);
    expect(count('SELECT count(*) AS n FROM body_links WHERE target_id = ?', target)).toBe(1);

    await lib.ok('articles.restore', { id: target! });
    expect(brokenLinksOf(lib.db, holder!)).toEqual([]);
    expect(brokenLinksOf(lib.db, texter)).toEqual([]);
    expect((await lib.ok('related.list', { id: holder! })).links.map((l) => l.state)).toEqual(['live', 'live']);
  });

  it('flags links to articles that are not published, with their status', async () => {
    const [holder] = await articles(lib, 'Holder');
    const draft = (await lib.ok('articles.create', { title: 'Draft' })).id;
    const archived = (await lib.ok('articles.create', { title: 'Old', status: 'archived' })).id;
    await lib.ok('related.add', { id: holder!, targetId: draft });
    await lib.ok('related.add', { id: holder!, targetId: archived });
    expect(brokenLinksOf(lib.db, holder!).map((b) => [b.targetId, b.state, b.status])).toEqual([
      [draft, 'unpublished', 'draft'], [archived, 'unpublished', 'archived'],
    ]);
    const list = await lib.ok('related.list', { id: holder! });
    expect(list.links.map((l) => l.state)).toEqual(['unpublished', 'unpublished']);
    await lib.ok('articles.setStatus', { ids: [draft], status: 'published' });
    expect(brokenLinksOf(lib.db, holder!).map((b) => b.targetId)).toEqual([archived]);
  });

  it('a target both listed and linked in the text is one finding with both places', async () => {
    const [target] = await articles(lib, 'Target');
    const holder = (await lib.ok('articles.create', { title: 'Holder', body: bodyLinking('x', [target!]) })).id;
    await lib.ok('related.add', { id: holder, targetId: target! });
    await lib.ok('articles.trash', { id: target! });
    expect(brokenLinksOf(lib.db, holder)).toMatchObject([{ targetId: target, via: ['related', 'text'] }]);
  });
});

describe('deleting a linked article forever', () => {
  it('names the affected articles first; the delete then removes their links (ON DELETE CASCADE)', async () => {
    const [target, lister, other] = await articles(lib, 'Target', 'Lister', 'Other');
    const texter = (await lib.ok('articles.create', { title: 'Texter', status: 'published', body: bodyLinking('x', [target!]) })).id;
    await lib.ok('related.add', { id: lister!, targetId: target! });
    await lib.ok('related.add', { id: lister!, targetId: other! });
    await lib.ok('related.add', { id: target!, targetId: other! }); // the target's own list goes too
    await lib.ok('articles.trash', { id: target! });

    const impact = await lib.ok('related.impact', { ids: [target!] });
    expect(impact.linkCount).toBe(2);
    expect(impact.affected.map((a) => [a.id, a.links])).toEqual([
      [lister, [{ targetId: target, kind: 'related' }]],
      [texter, [{ targetId: target, kind: 'text' }]],
    ]);

    await lib.ok('articles.deleteForever', { id: target! });
    expect(count('SELECT count(*) AS n FROM related_links WHERE target_id = ? OR article_id = ?', target, target)).toBe(0);
    expect(count('SELECT count(*) AS n FROM body_links WHERE target_id = ?', target)).toBe(0);
    expect((await lib.ok('related.list', { id: lister! })).links.map((l) => l.id)).toEqual([other]);
    expect((await lib.ok('related.backlinks', { id: other! })).backlinks.map((b) => b.id)).toEqual([lister]);
    // The text still holds the link node: the checks panel reports it as pointing at nothing.
    expect(brokenLinksOf(lib.db, texter)).toEqual([
      { targetId: target, title: '', slug: '', status: null, state: 'missing', via: ['text'] },
    ]);
  });

  it('impact of several ids leaves out links among the deleted ones and names each target', async () => {
    const [x, y, h] = await articles(lib, 'X', 'Y', 'Holder');
    await lib.ok('related.add', { id: x!, targetId: y! });
    await lib.ok('related.add', { id: h!, targetId: x! });
    await lib.ok('related.add', { id: h!, targetId: y! });
    const impact = await lib.ok('related.impact', { ids: [x!, y!] });
    expect(impact.linkCount).toBe(2);
    expect(impact.affected).toMatchObject([{ id: h, links: [{ targetId: x, kind: 'related' }, { targetId: y, kind: 'related' }] }]);
    expect(await lib.raw('related.impact', { ids: [x, 9999] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('emptying the trash removes the links of every deleted article', async () => {
    const [a, b, h] = await articles(lib, 'A', 'B', 'Holder');
    await lib.ok('related.add', { id: h!, targetId: a! });
    await lib.ok('related.add', { id: h!, targetId: b! });
    await lib.ok('articles.trash', { id: a! });
    await lib.ok('articles.emptyTrash', {});
    expect((await lib.ok('related.list', { id: h! })).links.map((l) => l.id)).toEqual([b]);
  });
});
