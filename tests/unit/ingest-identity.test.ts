import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, SAMPLES_DIR, tempDir, type TestLibrary } from './helpers.js';

// The shared samples sit beside the repository (worktrees are one level deeper).
const TEXT_PAGE = [SAMPLES_DIR, path.resolve(import.meta.dirname, '../../../../shared/samples')]
  .map((d) => path.join(d, 'site-article-page.txt'))
  .find((f) => fs.existsSync(f))!;
const ROOT = path.resolve(import.meta.dirname, '../..');
const sampleArticlePage = () => fs.readFileSync(TEXT_PAGE, 'utf8');

let lib: TestLibrary;
let dir: string;
beforeEach(async () => {
  lib = await makeLibrary();
  dir = tempDir();
});
afterEach(() => {
  lib.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const categoryRows = () => lib.db.prepare('SELECT id, parent_id AS parentId, name FROM categories ORDER BY id').all() as Array<{ id: number; parentId: number | null; name: string }>;
const articleCount = () => (lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;

describe('a breadcrumb meets the existing category tree', () => {
  it('files the sample page under 产业信息 › 广东产业信息 instead of a new top-level 广东产业信息', async () => {
    const industry = await lib.ok('categories.create', { name: '产业信息', parentId: null, slug: 'industry' });
    const guangdong = await lib.ok('categories.create', { name: '广东产业信息', parentId: industry.id, slug: 'guangdong' });
    const r = await lib.ok('import.files', { paths: [TEXT_PAGE] });
    expect(r.counts.imported).toBe(1);
    const a = await lib.ok('articles.get', { id: r.items[0]!.articleId! });
    expect(a.categoryId).toBe(guangdong.id);
    expect(a.categoryPath).toEqual(['产业信息', '广东产业信息']);
    expect(categoryRows()).toHaveLength(2);
  });

  it('prefers the full path from the top, and never guesses between two branches of the same name', async () => {
    const top = await lib.ok('categories.create', { name: '广东产业信息', parentId: null, slug: 'gd' });
    const a = await lib.ok('categories.create', { name: '产业信息', parentId: null, slug: 'industry' });
    await lib.ok('categories.create', { name: '广东产业信息', parentId: a.id, slug: 'guangdong' });
    const r1 = await lib.ok('import.files', { paths: [TEXT_PAGE] });
    expect((await lib.ok('articles.get', { id: r1.items[0]!.articleId! })).categoryId).toBe(top.id);

    // Two branches end in the name and none is at the top: a new top-level category, not a guess.
    await lib.ok('categories.delete', { id: top.id, reassignTo: null });
    const b = await lib.ok('categories.create', { name: '地方', parentId: null, slug: 'local' });
    await lib.ok('categories.create', { name: '广东产业信息', parentId: b.id, slug: 'guangdong' });
    const copy = path.join(dir, 'copy.txt');
    fs.writeFileSync(copy, sampleArticlePage().replace('都昌主官', '都昌县主官'));
    const r2 = await lib.ok('import.files', { paths: [copy] });
    const filed = await lib.ok('articles.get', { id: r2.items[0]!.articleId! });
    expect(filed.categoryPath).toEqual(['广东产业信息']);
    expect(categoryRows().filter((c) => c.name === '广东产业信息')).toHaveLength(3);
  });

  it('matches a multi-level path as the end of one branch', async () => {
    const root = await lib.ok('categories.create', { name: '新闻', parentId: null, slug: 'news' });
    const mid = await lib.ok('categories.create', { name: '产业信息', parentId: root.id, slug: 'industry' });
    const leaf = await lib.ok('categories.create', { name: '广东产业信息', parentId: mid.id, slug: 'guangdong' });
    fs.writeFileSync(path.join(dir, 'a.md'), '---\ntitle: 甲\ncategory: 产业信息 > 广东产业信息\n---\n正文。\n');
    const r = await lib.ok('import.files', { paths: [path.join(dir, 'a.md')] });
    expect((await lib.ok('articles.get', { id: r.items[0]!.articleId! })).categoryId).toBe(leaf.id);
    expect(categoryRows()).toHaveLength(3);
  });
});

describe('import identity does not depend on the door a file came through', () => {
  it('the sample page imported from the UI and then from the CLI is one article', async () => {
    const ui = await lib.ok('import.content', { name: 'site-article-page.txt', content: sampleArticlePage() });
    expect(ui.counts.imported).toBe(1);
    const cli = await lib.ok('import.files', { paths: [TEXT_PAGE] });
    expect(cli.counts).toEqual({ imported: 0, updated: 0, skipped: 1, failed: 0 });
    expect(cli.items[0]!.articleId).toBe(ui.items[0]!.articleId);
    expect(articleCount()).toBe(1);
  });

  it('a file of a picked folder and the same folder given to the CLI are one article, and an edit updates it', async () => {
    const root = path.join(dir, 'archive');
    fs.mkdirSync(path.join(root, 'posts'), { recursive: true });
    const file = path.join(root, 'posts', 'hello.md');
    fs.writeFileSync(file, '---\ntitle: 你好\n---\n第一版。\n');
    const cli = await lib.ok('import.files', { paths: [root] });
    expect(cli.counts.imported).toBe(1);
    // The browser names a folder's file by its path from the picked folder (webkitRelativePath).
    const ui = await lib.ok('import.content', { name: 'archive/posts/hello.md', content: '---\ntitle: 你好\n---\n第二版。\n' });
    expect(ui.counts).toEqual({ imported: 0, updated: 1, skipped: 0, failed: 0 });
    expect(ui.items[0]!.articleId).toBe(cli.items[0]!.articleId);
    // The folder again, after an edit: the same article, updated.
    fs.writeFileSync(file, '---\ntitle: 你好\n---\n第三版。\n');
    const again = await lib.ok('import.files', { paths: [root] });
    expect(again.counts).toEqual({ imported: 0, updated: 1, skipped: 0, failed: 0 });
    expect(articleCount()).toBe(1);
  });

  it('the CLI, which expands folders itself, names a folder\'s files as the app does', () => {
    const root = path.join(dir, 'archive');
    fs.mkdirSync(path.join(root, 'posts'), { recursive: true });
    fs.writeFileSync(path.join(root, 'posts', 'hello.md'), '---\ntitle: 你好\n---\n正文。\n');
    const library = path.join(dir, 'cli.sqlite');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/copydesk.mjs'), '--library', library, 'import', 'archive', TEXT_PAGE], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const db = new Database(library, { readonly: true });
    try {
      const keys = (db.prepare('SELECT source_key AS k FROM articles ORDER BY id').all() as Array<{ k: string }>).map((row) => row.k);
      expect(keys).toEqual(['file:archive/posts/hello.md', 'file:site-article-page.txt']);
    } finally {
      db.close();
    }
  }, 120_000);
});
