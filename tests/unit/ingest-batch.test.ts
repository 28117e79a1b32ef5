import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, SAMPLES_DIR, type TestLibrary } from './helpers.js';
import { importPaths, type ImportProgress } from '../../src/core/ingest/index.js';
import { importNoteText } from '../../src/core/ingest/import-notes.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/ingest');

let lib: TestLibrary;
let dir: string;
beforeEach(async () => {
  lib = await makeLibrary();
  dir = path.join(lib.dir, 'input');
  fs.mkdirSync(dir);
});
afterEach(() => lib.dispose());

const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
};
const md = (title: string, extra = '') => `---\ntitle: ${title}\ncategory: ${title} category\n${extra}---\n\nBody of ${title}.\n`;

describe('one bad file never stops the rest', () => {
  it('reports every kind of failure by file and imports everything else, in file order', async () => {
    write('a-good.md', md('Good A'));
    fs.copyFileSync(path.join(FIXTURES, 'gbk-page.txt'), path.join(dir, 'b-gbk-page.txt'));
    write('c-broken.md', '---\ntitle: "unterminated\n---\nBody');
    write('d-empty.html', '<!doctype html><html><body><footer>版权所有</footer></body></html>');
    write('e-good.md', md('Good E'));
    write('sitemap.xml', '<?xml version="1.0"?><urlset><url><loc>https://x.test/</loc></url></urlset>');
    const notWxr = write('explicit/feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>Plain RSS</title></channel></rss>');
    const image = write('explicit/photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const missing = path.join(dir, 'no-such-file.md');

    const r = await lib.ok('import.files', { paths: [dir, notWxr, image, missing, '/dev/zero'] });
    // A device is refused without reading it (reading /dev/zero would never end).
    expect(r.items.find((i) => i.file === '/dev/zero')).toMatchObject({ status: 'failed', reason: { code: 'special-file' } });
    r.items = r.items.filter((i) => i.file !== '/dev/zero');
    r.counts.failed--;
    const rel = (f: string) => path.relative(dir, f);
    expect(r.items.map((i) => [rel(i.file), i.status])).toEqual([
      ['no-such-file.md', 'failed'],
      ['a-good.md', 'imported'],
      ['b-gbk-page.txt', 'imported'],
      ['c-broken.md', 'failed'],
      ['d-empty.html', 'failed'],
      ['e-good.md', 'imported'],
      // sitemap.xml in the folder is not a WordPress export: not even listed.
      ['explicit/feed.xml', 'failed'],
      ['explicit/photo.png', 'skipped'],
    ]);
    expect(r.counts).toEqual({ imported: 3, updated: 0, skipped: 1, failed: 4 });
    const reason = (name: string) => importNoteText(r.items.find((i) => i.file.endsWith(name))!.reason!);
    expect(reason('no-such-file.md')).toMatch(/no such file/);
    expect(reason('c-broken.md')).toMatch(/not valid YAML/);
    expect(reason('d-empty.html')).toMatch(/no article text/);
    expect(reason('feed.xml')).toMatch(/not a WordPress export/);
    expect(reason('photo.png')).toMatch(/not a file type Copydesk imports/);

    // The GBK page was decoded (and said so).
    const gbk = r.items.find((i) => i.file.endsWith('b-gbk-page.txt'))!;
    expect(gbk.notes?.[0]).toEqual({ code: 'encoding-gb18030' });
    expect(await lib.ok('articles.get', { id: gbk.articleId! })).toMatchObject({
      title: '九江市召开产业园区高质量发展推进会', author: '李华', categoryPath: ['江西产业信息'], meta: { viewCount: 128, source: '九江日报' },
    });
  });

  it('a write that fails inside a batch rolls back only that article (and the category it created)', async () => {
    for (const name of ['1', '2', '3', '4', '5']) write(`${name}.md`, md(name === '3' ? 'Explode' : `Fine ${name}`));
    // A real failure at the storage layer, as a full disk or a constraint would raise it.
    lib.db.exec(`CREATE TRIGGER explode BEFORE INSERT ON articles WHEN NEW.title = 'Explode'
      BEGIN SELECT RAISE(ABORT, 'the disk said no'); END`);
    const progress: ImportProgress[] = [];
    const r = await importPaths(lib.db, [dir], { batchSize: 2, onProgress: (p) => progress.push(p) });
    expect(r.items.map((i) => i.status)).toEqual(['imported', 'imported', 'failed', 'imported', 'imported']);
    expect(r.items[2]!.reason).toEqual({ code: 'error', params: { message: 'the disk said no' } });
    const titles = (lib.db.prepare('SELECT title FROM articles ORDER BY id').all() as Array<{ title: string }>).map((a) => a.title);
    expect(titles).toEqual(['Fine 1', 'Fine 2', 'Fine 4', 'Fine 5']);
    const categories = (await lib.ok('categories.list', {})).map((c) => c.name);
    expect(categories).toEqual(['Fine 1 category', 'Fine 2 category', 'Fine 4 category', 'Fine 5 category']);
    // Progress went forward and ended with every file and article accounted for.
    expect(progress.at(-1)).toMatchObject({ filesDone: 5, filesTotal: 5, articlesDone: 5 });
    expect(progress.map((p) => p.filesDone)).toEqual([...progress.map((p) => p.filesDone)].sort((a, b) => a - b));
  });

  it('a failure that rolls back the whole batch fails that batch\'s articles, and the next batches go on', async () => {
    for (const name of ['1', '2', '3', '4', '5']) write(`${name}.md`, md(name === '4' ? 'Rollback' : `Fine ${name}`));
    // RAISE(ROLLBACK) ends the enclosing transaction, as SQLite does on a full disk or an I/O error.
    lib.db.exec(`CREATE TRIGGER rollback_all BEFORE INSERT ON articles WHEN NEW.title = 'Rollback'
      BEGIN SELECT RAISE(ROLLBACK, 'the whole transaction is gone'); END`);
    const r = await importPaths(lib.db, [dir], { batchSize: 2 });
    expect(r.items.map((i) => i.status)).toEqual(['imported', 'imported', 'failed', 'failed', 'imported']);
    expect(r.items[2]!.reason).toEqual({ code: 'batch-failed', params: { message: 'the whole transaction is gone' } });
    const titles = (lib.db.prepare('SELECT title FROM articles ORDER BY id').all() as Array<{ title: string }>).map((a) => a.title);
    expect(titles).toEqual(['Fine 1', 'Fine 2', 'Fine 5']);
    expect((await lib.ok('categories.list', {})).map((c) => c.name)).toEqual(['Fine 1 category', 'Fine 2 category', 'Fine 5 category']);
    expect(lib.db.inTransaction).toBe(false);
  });

  it('imports a large WXR (the sample scaled up) in batches, then re-imports it without writing', async () => {
    const sample = fs.readFileSync(path.join(SAMPLES_DIR, 'wordpress-theme-unit-test.wxr.xml'), 'utf8');
    const start = sample.indexOf('<item>');
    const end = sample.lastIndexOf('</item>') + '</item>'.length;
    const items = sample.slice(start, end);
    // Five copies with distinct GUIDs, slugs and titles: 290 posts.
    const copies = [0, 1, 2, 3, 4].map((n) => items
      .replace(/<guid([^>]*)>([^<]*)<\/guid>/g, (_m, attrs: string, guid: string) => `<guid${attrs}>${guid}&amp;copy=${n}</guid>`)
      .replace(/<wp:post_name>([^<]*)<\/wp:post_name>/g, (_m, name: string) => `<wp:post_name>${name ? `${name}-copy-${n}` : ''}</wp:post_name>`)
      .replace(/<wp:post_name><!\[CDATA\[([^\]]*)\]\]><\/wp:post_name>/g, (_m, name: string) => `<wp:post_name>${name ? `${name}-copy-${n}` : ''}</wp:post_name>`));
    const big = write('big.xml', sample.slice(0, start) + copies.join('\n') + sample.slice(end));
    const r = await importPaths(lib.db, [big], { batchSize: 50 });
    expect(r.counts).toEqual({ imported: 290, updated: 0, skipped: 640, failed: 0 });
    const revisions = (lib.db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n;
    const again = await importPaths(lib.db, [big], { batchSize: 50 });
    expect(again.counts).toEqual({ imported: 0, updated: 0, skipped: 930, failed: 0 });
    expect((lib.db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n).toBe(revisions);
    expect((lib.db.prepare('SELECT count(*) AS n FROM categories').get() as { n: number }).n).toBe(68);
  });
});
