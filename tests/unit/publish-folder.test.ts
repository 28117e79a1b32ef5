/**
 * The bulk export to a folder: the files it writes and lists, incremental re-export (only what
 * changed is rewritten, removed articles leave), atomic writes under a hard kill, refusal of
 * every path that would escape the folder, the lock, a foreign manifest, progress and cancel.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { buildPublishFixture, type PublishFixture } from './publish-support.js';
import { exportToFolder, type ExportProgress } from '../../src/core/publish/folder-export.js';
import { createArticle, saveArticle, trashArticle, getArticle } from '../../src/core/articles/articles.js';
import { renameCategory } from '../../src/core/taxonomy/categories.js';
import { setSettings } from '../../src/core/settings/settings.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { checkRelativePath, pageFileFor, markdownFileFor } from '../../src/core/publish/safe-path.js';

let lib: TestLibrary;
let fx: PublishFixture;
let out: string;

beforeEach(async () => {
  lib = await makeLibrary();
  fx = buildPublishFixture(lib.db);
  out = path.join(lib.dir, 'site');
});
afterEach(() => lib.dispose());

const exportAll = (extra: Partial<Parameters<typeof exportToFolder>[1]> = {}, hooks = {}) =>
  exportToFolder(lib.db, { outDir: out, format: 'both', all: true, ...extra }, hooks);

/** Every file under a folder (relative, forward slashes) with its sha256. */
function tree(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(dir, f);
    if (fs.statSync(abs).isFile()) m.set(f.split(path.sep).join('/'), crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex'));
  }
  return m;
}

const manifestOf = () => JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { articles: Record<string, { files: string[]; key: string }>; files: Record<string, { sha256: string; bytes: number }> };
const mtimes = () => new Map([...tree(out).keys()].map((f) => [f, fs.statSync(path.join(out, f)).mtimeMs]));

describe('a first export', () => {
  it('writes a page and a Markdown file per article at its URL path, assets, index pages, sitemap and a manifest of all of it', async () => {
    const s = await exportAll();
    expect(s).toMatchObject({ articles: 3, written: 3, unchanged: 0, failed: [], removed: [], cancelled: false });
    const files = tree(out);
    for (const f of [
      'chanye/gdcy/du-chang-xin-cai-liao-yuan.html', 'chanye/gdcy/du-chang-xin-cai-liao-yuan.md',
      'english/guangdong-5g-parks.html', 'english/guangdong-5g-parks.md',
      `assets/${fx.figure}.png`, `assets/${fx.cover}.png`,
      'index.html', 'category/chanye/index.html', 'category/chanye/gdcy/index.html', 'tag/dou-chang/index.html', 'sitemap.xml', 'manifest.json',
    ]) expect(files.has(f), f).toBe(true);
    expect([...files.keys()].some((f) => f.includes('deleted-one'))).toBe(false);
    // The manifest lists every file but itself, each with its real sha256 and size.
    const m = manifestOf();
    const listed = Object.keys(m.files).sort();
    expect(listed).toEqual([...files.keys()].filter((f) => f !== 'manifest.json').sort());
    for (const [f, e] of Object.entries(m.files)) {
      expect(e.sha256, f).toBe(files.get(f));
      expect(e.bytes, f).toBe(fs.statSync(path.join(out, f)).size);
    }
    // An asset's name is its content hash.
    expect(crypto.createHash('sha256').update(fs.readFileSync(path.join(out, `assets/${fx.figure}.png`))).digest('hex')).toBe(fx.figure);
    expect(fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8')).toContain('<loc>https://www.example.com/chanye/gdcy/du-chang-xin-cai-liao-yuan.html</loc>');
    expect(fs.existsSync(path.join(out, '.copydesk-export.lock'))).toBe(false);
  });

  it('writes only Markdown with --format md, and no index pages', async () => {
    await exportAll({ format: 'md' });
    const files = [...tree(out).keys()];
    expect(files.filter((f) => f.endsWith('.html'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.md')).length).toBe(3);
    expect(files).toContain(`assets/${fx.figure}.png`);
  });
});

describe('incremental re-export', () => {
  it('rewrites nothing when nothing changed', async () => {
    await exportAll();
    const before = mtimes();
    const s = await exportAll();
    expect(s).toMatchObject({ written: 0, unchanged: 3, filesWritten: 0, filesDeleted: 0, assets: { written: 0, unchanged: 2 } });
    // Not even the manifest is rewritten.
    expect(mtimes()).toEqual(before);
  });

  it('rewrites only the edited article, and the pages that show it', async () => {
    await exportAll();
    const before = tree(out);
    const a = getArticle(lib.db, fx.english);
    saveArticle(lib.db, { id: a.id, version: a.version, body: bodyFromParagraphs(['A new first paragraph.']) });
    const s = await exportAll();
    expect(s.written).toBe(2); // the English article, and the main article whose related list shows its excerpt
    const after = tree(out);
    const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f)).sort();
    expect(changed).toEqual([
      'category/english/index.html', 'chanye/gdcy/du-chang-xin-cai-liao-yuan.html', 'english/guangdong-5g-parks.html',
      'english/guangdong-5g-parks.md', 'index.html', 'manifest.json', 'sitemap.xml', 'tag/5g/index.html',
    ]);
    // The main article's Markdown lists related slugs only: unchanged, so not rewritten.
    expect(after.get('chanye/gdcy/du-chang-xin-cai-liao-yuan.md')).toBe(before.get('chanye/gdcy/du-chang-xin-cai-liao-yuan.md'));
  });

  it('re-renders everything when a site setting or a category name changes', async () => {
    await exportAll();
    setSettings(lib.db, { siteName: '新站名' });
    const s1 = await exportAll();
    expect(s1.written).toBe(3);
    renameCategory(lib.db, fx.categories.child, '广东产业');
    const s2 = await exportAll();
    // Breadcrumbs of the two articles in that category change; the English page does not.
    expect(s2.written).toBe(2);
    expect(fs.readFileSync(path.join(out, 'chanye/gdcy/du-chang-xin-cai-liao-yuan.html'), 'utf8')).toContain('>广东产业</a>');
  });

  it('removes the files of a trashed article, lists it, and drops it from related lists and indexes', async () => {
    await exportAll();
    trashArticle(lib.db, fx.covered);
    const s = await exportAll();
    expect(s.removed).toEqual([{ id: fx.covered, title: '中国人工智能(广州)产业园动工', files: ['chanye/gdcy/zhong-guo-ren-gong-zhi-neng-chan-ye-yuan.html', 'chanye/gdcy/zhong-guo-ren-gong-zhi-neng-chan-ye-yuan.md'] }]);
    expect(fs.existsSync(path.join(out, 'chanye/gdcy/zhong-guo-ren-gong-zhi-neng-chan-ye-yuan.html'))).toBe(false);
    // Its cover was used by nobody else: gone too.
    expect(fs.existsSync(path.join(out, `assets/${fx.cover}.png`))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'chanye/gdcy/du-chang-xin-cai-liao-yuan.html'), 'utf8')).not.toContain('中国人工智能');
    expect(fs.readFileSync(path.join(out, 'category/chanye/gdcy/index.html'), 'utf8')).not.toContain('中国人工智能');
    expect(Object.keys(manifestOf().articles)).not.toContain(String(fx.covered));
  });

  it('moves the files of an article whose slug changed', async () => {
    await exportAll();
    const a = getArticle(lib.db, fx.english);
    saveArticle(lib.db, { id: a.id, version: a.version, slug: 'gd-5g' });
    const s = await exportAll();
    expect(s.filesDeleted).toBe(2);
    expect(fs.existsSync(path.join(out, 'english/guangdong-5g-parks.html'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'english/gd-5g.html'))).toBe(true);
    // The article linking to it follows.
    expect(fs.readFileSync(path.join(out, 'chanye/gdcy/du-chang-xin-cai-liao-yuan.html'), 'utf8')).toContain('href="/english/gd-5g.html"');
  });

  it('restores a file deleted by hand and never touches files it did not write', async () => {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'robots.txt'), 'User-agent: *\n');
    await exportAll();
    fs.rmSync(path.join(out, 'english/guangdong-5g-parks.md'));
    const s = await exportAll();
    expect(s.filesWritten).toBe(1);
    expect(fs.existsSync(path.join(out, 'english/guangdong-5g-parks.md'))).toBe(true);
    trashArticle(lib.db, fx.english);
    await exportAll();
    expect(fs.readFileSync(path.join(out, 'robots.txt'), 'utf8')).toBe('User-agent: *\n');
  });

  it('exports a selection without removing the other articles already in the folder', async () => {
    await exportAll();
    const s = await exportToFolder(lib.db, { outDir: out, format: 'both', ids: [fx.english] });
    expect(s).toMatchObject({ articles: 1, removed: [] });
    expect(fs.existsSync(path.join(out, 'chanye/gdcy/du-chang-xin-cai-liao-yuan.html'))).toBe(true);
    expect(Object.keys(manifestOf().articles).length).toBe(3);
    // With --all and a status filter, articles that no longer match leave.
    lib.db.prepare("UPDATE articles SET status = 'draft', version = version + 1 WHERE id = ?").run(fx.english);
    const s2 = await exportAll({ status: ['published'] });
    expect(s2.removed.map((r) => r.id)).toEqual([fx.english]);
  });

  it('with a status filter, links and related entries to articles outside it become text / are left out', async () => {
    lib.db.prepare("UPDATE articles SET status = 'draft', version = version + 1 WHERE id = ?").run(fx.english);
    await exportAll({ status: ['published'] });
    const page = fs.readFileSync(path.join(out, 'chanye/gdcy/du-chang-xin-cai-liao-yuan.html'), 'utf8');
    expect(page).not.toContain('guangdong-5g-parks');
    expect(page).toContain('与占位无效链接');
    expect(fs.existsSync(path.join(out, 'english'))).toBe(false);
  });

  it('exports the matches of a search query', async () => {
    const s = await exportToFolder(lib.db, { outDir: out, format: 'md', query: '5G' });
    expect(s.articles).toBe(1);
    expect(fs.existsSync(path.join(out, 'english/guangdong-5g-parks.md'))).toBe(true);
  });
});

describe('interruption', () => {
  it('never leaves a half-written file when the process is killed mid-export, and the next run completes', async () => {
    const tx = lib.db.transaction(() => {
      for (let i = 0; i < 600; i++) {
        createArticle(lib.db, { title: `批量文章 ${i}`, status: 'published', categoryId: fx.categories.child, body: bodyFromParagraphs(Array.from({ length: 30 }, (_, k) => `第${i}篇第${k}段:都昌县新材料及智能装备产业园项目调度会议。`)) });
      }
    });
    tx();
    lib.db.pragma('wal_checkpoint(TRUNCATE)');
    const reference = path.join(lib.dir, 'reference');
    await exportToFolder(lib.db, { outDir: reference, format: 'both', all: true });
    const expected = tree(reference);

    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../fixtures/publish/run-export.ts'), lib.path, out], { stdio: ['ignore', 'pipe', 'inherit'] });
    // Kill it once it has written a few dozen files (a count, not a delay: shared machines are slow).
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        // Count only finished files under their real names: folders, temporary files and the
        // lock appear long before the first rename on a slow machine.
        let n = 0;
        try {
          n = fs.readdirSync(out, { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile() && !/\.cdtmp-/.test(e.name) && e.name !== '.copydesk-export.lock').length;
        } catch { /* not created yet */ }
        if (n >= 40) { clearInterval(timer); child.kill('SIGKILL'); resolve(); }
      }, 5);
      child.once('exit', () => { clearInterval(timer); resolve(); });
      child.once('error', reject);
    });
    await exited;
    const partial = tree(out);
    const written = [...partial.keys()].filter((f) => !/\.cdtmp-/.test(f) && f !== '.copydesk-export.lock');
    expect(written.length, 'the kill landed mid-export').toBeGreaterThan(10);
    expect(partial.has('manifest.json'), 'the kill landed before the end').toBe(false);
    // Every file under its real name is complete: byte for byte what a full export writes.
    for (const f of written) expect(partial.get(f), f).toBe(expected.get(f));

    const s = await exportAll();
    expect(s.failed).toEqual([]);
    expect(tree(out)).toEqual(expected.set('manifest.json', tree(out).get('manifest.json')!));
    expect([...tree(out).keys()].some((f) => /\.cdtmp-/.test(f))).toBe(false);
  }, 120_000);

  it('stops on a file system error, keeps what it wrote in the manifest, and finishes on the next run', async () => {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'chanye'), 'a file where the export needs a folder');
    await expect(exportAll()).rejects.toMatchObject({ code: 'io' });
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
    expect([...tree(out).keys()].some((f) => /\.cdtmp-/.test(f))).toBe(false);
    fs.rmSync(path.join(out, 'chanye'));
    const s = await exportAll();
    expect(s.failed).toEqual([]);
    expect(fs.existsSync(path.join(out, 'chanye/gdcy/du-chang-xin-cai-liao-yuan.html'))).toBe(true);
  });

  it('stops when a background write fails, without listing the file it could not write', async () => {
    await exportAll();
    const a = getArticle(lib.db, fx.english);
    saveArticle(lib.db, { id: a.id, version: a.version, body: bodyFromParagraphs(['Changed.']) });
    // A folder where the Markdown file must go: the rename onto it fails (EISDIR/ENOTEMPTY).
    fs.rmSync(path.join(out, 'english/guangdong-5g-parks.md'));
    fs.mkdirSync(path.join(out, 'english/guangdong-5g-parks.md/blocker'), { recursive: true });
    await expect(exportAll()).rejects.toMatchObject({ code: 'io' });
    const m = manifestOf();
    // The article keeps its previous entry, so the next export writes it again.
    expect(m.articles[String(fx.english)]!.key).not.toBe('');
    expect([...tree(out).keys()].some((f) => /\.cdtmp-/.test(f))).toBe(false);
    fs.rmSync(path.join(out, 'english/guangdong-5g-parks.md'), { recursive: true });
    const s = await exportAll();
    expect(s.failed).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'english/guangdong-5g-parks.md'), 'utf8')).toContain('Changed.');
  });

  it('cancels on an AbortSignal, keeps the finished articles, and the next run does only the rest', async () => {
    const controller = new AbortController();
    const seen: ExportProgress[] = [];
    const s = await exportAll({}, { signal: controller.signal, onProgress: (p: ExportProgress) => { seen.push(p); if (p.phase === 'articles' && p.done === 1) controller.abort(); } });
    expect(s.cancelled).toBe(true);
    expect(s.written).toBe(1);
    expect(Object.keys(manifestOf().articles).length).toBe(1);
    expect(seen[0]).toMatchObject({ phase: 'articles', done: 0, total: 3 });
    expect(seen.find((p) => p.done === 1)!.etaMs).toBeGreaterThanOrEqual(0);
    const s2 = await exportAll();
    expect(s2).toMatchObject({ written: 2, unchanged: 1, cancelled: false });
  });
});

describe('paths can never leave the export folder', () => {
  it('refuses unsafe relative paths by rule', () => {
    for (const bad of ['../x.html', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', 'a/%2e%2e/x', 'a/%2fx', '.git/config', 'a/./b', 'a//b', 'con.html', 'a/nul', 'x\u0000y', 'a:b', 'dir./x', ' x/ ']) {
      expect(() => checkRelativePath(bad), bad).toThrow();
    }
    expect(checkRelativePath('chanye/gdcy/都昌.html')).toEqual(['chanye', 'gdcy', '都昌.html']);
    expect(pageFileFor('/a/b/')).toBe('a/b/index.html');
    expect(pageFileFor('/a/b')).toBe('a/b.html');
    expect(markdownFileFor('a/b.shtml')).toBe('a/b.md');
  });

  it('skips an article whose slug, category or URL pattern would escape, writing nothing outside', async () => {
    const outside = path.join(lib.dir, 'outside.html');
    lib.db.prepare("UPDATE articles SET slug = '../../outside' WHERE id = ?").run(fx.english);
    lib.db.prepare("UPDATE categories SET slug = '..' WHERE id = ?").run(fx.categories.parent);
    const s = await exportAll();
    expect(s.failed.map((f) => f.id).sort()).toEqual([fx.english, fx.covered, fx.main].sort());
    for (const f of s.failed) expect(f.error).toMatch(/unsafe path/);
    expect(fs.existsSync(outside)).toBe(false);

    lib.db.prepare("UPDATE articles SET slug = 'ok' WHERE id = ?").run(fx.english);
    lib.db.prepare("UPDATE categories SET slug = 'chanye' WHERE id = ?").run(fx.categories.parent);
    for (const pattern of ['/../{slug}.html', '/{slug}/../../../x{id}.html', '/%2e%2e/{slug}.html', '/{slug}\\..\\..\\x.html', '/.ssh/{slug}']) {
      setSettings(lib.db, { urlPattern: pattern });
      const r = await exportAll();
      expect(r.failed.length, pattern).toBe(3);
      expect(r.written, pattern).toBe(0);
    }
    const escaped = fs.readdirSync(lib.dir).filter((f) => f !== 'site' && f !== 'library.sqlite' && !f.startsWith('library.sqlite'));
    expect(escaped).toEqual([]);
  });

  it('skips an index page whose category slug would escape, and exports the rest', async () => {
    setSettings(lib.db, { urlPattern: '/{slug}.html' });
    lib.db.prepare("UPDATE categories SET slug = '..' WHERE id = ?").run(fx.categories.other);
    const s = await exportAll();
    expect(s.failed).toEqual([]);
    expect(s.warnings.join('\n')).toMatch(/Index page not written: unsafe path/);
    expect(fs.existsSync(path.join(lib.dir, 'index.html'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'guangdong-5g-parks.html'))).toBe(true);
  });

  it('refuses to write through a symbolic link that leads out of the folder', async () => {
    const elsewhere = tempDir('copydesk-elsewhere-');
    try {
      fs.mkdirSync(out, { recursive: true });
      fs.symlinkSync(elsewhere, path.join(out, 'english'));
      const s = await exportAll();
      expect(s.failed.map((f) => f.id)).toEqual([fx.english]);
      expect(fs.readdirSync(elsewhere)).toEqual([]);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('keeps two articles from claiming one file, and keeps articles out of the export\'s own folders', async () => {
    setSettings(lib.db, { urlPattern: '/{yyyy}/{id}.html' });
    lib.db.prepare("UPDATE articles SET slug = 'index' WHERE id = ?").run(fx.english);
    setSettings(lib.db, { urlPattern: '/{slug}.html' });
    const s = await exportAll();
    expect(s.failed.map((f) => f.id)).toEqual([fx.english]);
    expect(s.failed[0]!.error).toMatch(/index\.html.*index pages/);
  });
});

describe('the folder', () => {
  it('refuses a relative path, a drive root, and a manifest.json it did not write', async () => {
    await expect(exportToFolder(lib.db, { outDir: 'relative/dir', format: 'both', all: true })).rejects.toMatchObject({ code: 'validation' });
    await expect(exportToFolder(lib.db, { outDir: '/', format: 'both', all: true })).rejects.toMatchObject({ code: 'validation' });
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'manifest.json'), '{"name": "a web app manifest"}');
    await expect(exportAll()).rejects.toMatchObject({ code: 'conflict' });
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('{"name": "a web app manifest"}');
  });

  it('is locked while an export runs, and a stale lock of a dead process is taken over', async () => {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, '.copydesk-export.lock'), String(process.ppid));
    await expect(exportAll()).rejects.toMatchObject({ code: 'conflict' });
    fs.writeFileSync(path.join(out, '.copydesk-export.lock'), '999999999');
    await expect(exportAll()).resolves.toMatchObject({ written: 3 });
  });

  it('removes temporary files an interrupted export left behind (with its lock)', async () => {
    await exportAll();
    // What a killed export leaves: a temporary file and the lock of a process that is gone.
    fs.writeFileSync(path.join(out, 'english', '.guangdong-5g-parks.html.cdtmp-123-4'), 'half');
    fs.writeFileSync(path.join(out, '.copydesk-export.lock'), '999999999');
    const s = await exportAll();
    expect(s.warnings.join(' ')).toMatch(/Removed 1 temporary file/);
    expect(fs.existsSync(path.join(out, 'english', '.guangdong-5g-parks.html.cdtmp-123-4'))).toBe(false);
  });
});
