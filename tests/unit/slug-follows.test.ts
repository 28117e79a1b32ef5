import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { openLibrary } from '../../src/core/db/open.js';
import { runMigrations } from '../../src/core/db/migrations.js';

describe('a new article’s slug follows its title', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
  });
  afterEach(() => lib.dispose());

  it('until the editor sets the slug by hand', async () => {
    const a = await lib.ok('articles.create', {});
    expect(a).toMatchObject({ slug: 'article', slugManual: false });
    const b = await lib.ok('articles.save', { id: a.id, version: a.version, title: '重庆银行' });
    expect(b).toMatchObject({ slug: 'chong-qing-yin-hang', slugManual: false });
    const c = await lib.ok('articles.save', { id: a.id, version: b.version, title: '重庆银行提前还款' });
    expect(c.slug).toBe('chong-qing-yin-hang-ti-qian-huan-kuan');
    // Another article with the same title gets its own slug, and follows too.
    const other = await lib.ok('articles.create', { title: '无关' });
    expect(other.slugManual).toBe(false);
    const o2 = await lib.ok('articles.save', { id: other.id, version: other.version, title: '重庆银行提前还款' });
    expect(o2.slug).toBe('chong-qing-yin-hang-ti-qian-huan-kuan-2');
    // Set by hand: it stays, whatever the title does next.
    const d = await lib.ok('articles.save', { id: a.id, version: c.version, slug: 'cq-bank' });
    expect(d).toMatchObject({ slug: 'cq-bank', slugManual: true });
    const e = await lib.ok('articles.save', { id: a.id, version: d.version, title: '粘贴' });
    expect(e.slug).toBe('cq-bank');
  });

  it('until the article is first published (in the editor or in bulk)', async () => {
    const a = await lib.ok('articles.create', { title: '还款' });
    expect(a.slug).toBe('huan-kuan');
    const b = await lib.ok('articles.save', { id: a.id, version: a.version, status: 'published' });
    expect(b.slugManual).toBe(true);
    const c = await lib.ok('articles.save', { id: a.id, version: b.version, status: 'draft', title: '粘贴' });
    expect(c.slug).toBe('huan-kuan');

    const x = await lib.ok('articles.create', { title: '银行' });
    await lib.ok('articles.setStatus', { ids: [x.id], status: 'published' });
    const y = await lib.ok('articles.get', { id: x.id });
    const z = await lib.ok('articles.save', { id: x.id, version: y.version, title: '重庆' });
    expect(z).toMatchObject({ slug: 'yin-hang', slugManual: true });
  });

  it('a slug given at creation (an import, the CLI) is kept', async () => {
    const a = await lib.ok('articles.create', { title: 'Imported', slug: 'from-the-site' });
    const b = await lib.ok('articles.save', { id: a.id, version: a.version, title: 'Renamed' });
    expect(b).toMatchObject({ slug: 'from-the-site', slugManual: true });
  });
});

describe('the default author', () => {
  it('signs new articles, unless one is named', async () => {
    const lib = await makeLibrary();
    try {
      await lib.ok('settings.set', { defaultAuthor: '李编辑' });
      expect((await lib.ok('articles.create', {})).author).toBe('李编辑');
      expect((await lib.ok('articles.create', { author: '王记者' })).author).toBe('王记者');
      expect((await lib.ok('articles.create', { author: '' })).author).toBe('');
    } finally {
      lib.dispose();
    }
  });
});

describe('schema step 5 on an existing library', () => {
  it('lets only unpublished placeholder slugs follow the title', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'lib.sqlite');
      const lib = await openLibrary(file);
      lib.close();
      // Back to step 4 with rows as an older version wrote them.
      const db = new Database(file);
      db.exec('ALTER TABLE articles DROP COLUMN slug_manual');
      db.pragma('user_version = 4');
      const insert = db.prepare(`INSERT INTO articles (title, slug, status, body, created_at, updated_at, published_at)
        VALUES (?, ?, ?, '{"root":{"type":"root","children":[]}}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?)`);
      insert.run('', 'article', 'draft', null);
      insert.run('', 'article-12', 'in_review', null);
      insert.run('调度会', 'diao-du-hui', 'draft', null);
      insert.run('', 'article-3', 'published', '2026-01-02T00:00:00Z');
      insert.run('', 'article-x', 'draft', null);
      runMigrations(db, 4);
      const rows = db.prepare('SELECT slug, slug_manual AS m FROM articles ORDER BY id').all();
      expect(rows).toEqual([
        { slug: 'article', m: 0 }, { slug: 'article-12', m: 0 }, { slug: 'diao-du-hui', m: 1 },
        { slug: 'article-3', m: 1 }, { slug: 'article-x', m: 1 },
      ]);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
