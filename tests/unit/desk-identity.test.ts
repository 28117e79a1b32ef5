import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openLibrary } from '../../src/core/db/open.js';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';

const FIXTURE_V1 = path.resolve(import.meta.dirname, '../fixtures/libraries/v1.sqlite');
const UID = /^[0-9a-f]{32}$/;

describe('desk: global identity (schema step for uid)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

  it('backfills a uid on every existing article, category and tag of an older library', async () => {
    const dir = tempDir('copydesk-uid-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'library.sqlite');
    fs.copyFileSync(FIXTURE_V1, file);
    const lib = await openLibrary(file);
    cleanups.push(() => lib.close());
    for (const table of ['articles', 'categories', 'tags']) {
      const rows = lib.db.prepare(`SELECT uid FROM ${table}`).all() as Array<{ uid: string | null }>;
      for (const r of rows) expect(r.uid).toMatch(UID);
      expect(new Set(rows.map((r) => r.uid)).size).toBe(rows.length);
    }
    expect((lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('gives new rows a uid, keeps one chosen by the inserter, and logs no changes off a desk', async () => {
    const lib: TestLibrary = await makeLibrary();
    cleanups.push(() => lib.dispose());
    const cat = await lib.ok('categories.create', { name: 'News', parentId: null });
    const a = await lib.ok('articles.create', { title: 'One', categoryId: cat.id, tags: ['alpha'] });
    const uidOf = (table: string, id: number) => (lib.db.prepare(`SELECT uid FROM ${table} WHERE id = ?`).get(id) as { uid: string }).uid;
    expect(uidOf('articles', a.id)).toMatch(UID);
    expect(uidOf('categories', cat.id)).toMatch(UID);
    expect(uidOf('tags', a.tags[0]!.id)).toMatch(UID);
    lib.db.prepare("INSERT INTO tags (name, slug, created_at, uid) VALUES ('b', 'b', '2020-01-01T00:00:00.000Z', 'feedfeedfeedfeedfeedfeedfeedfeed')").run();
    expect((lib.db.prepare("SELECT uid FROM tags WHERE name = 'b'").get() as { uid: string }).uid).toBe('feedfeedfeedfeedfeedfeedfeedfeed');
    expect((lib.db.prepare('SELECT count(*) AS n FROM desk_changes').get() as { n: number }).n).toBe(0);
    // Saving keeps the identity.
    await lib.ok('articles.save', { id: a.id, version: a.version, title: 'One, again' });
    expect(uidOf('articles', a.id)).toBe(uidOf('articles', a.id));
  });
});
