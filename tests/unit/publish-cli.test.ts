/**
 * `copydesk export` and the export operations of the contract: what a build pipeline and the
 * app rely on — summary on stdout (JSON with --json), progress on stderr, exit codes (0 done,
 * 1 failure, 2 usage, 130 cancelled), validation messages a person can act on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { buildPublishFixture, type PublishFixture } from './publish-support.js';
import { runCli } from '../../src/server/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

let lib: TestLibrary;
let fx: PublishFixture;
let out: string;

beforeEach(async () => {
  lib = await makeLibrary();
  fx = buildPublishFixture(lib.db);
  lib.db.pragma('wal_checkpoint(TRUNCATE)');
  out = path.join(lib.dir, 'site');
});
afterEach(() => lib.dispose());

/** Runs the CLI in-process against the test library (closed first: the CLI opens its own). */
async function cli(args: string[], onErr?: (line: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  lib.close();
  const o: string[] = [];
  const e: string[] = [];
  const code = await runCli(['--library', lib.path, ...args], { out: (t) => o.push(t), err: (t) => { e.push(t); onErr?.(t); } });
  return { code, stdout: o.join('\n'), stderr: e.join('\n') };
}

describe('copydesk export', () => {
  it('exports the whole library: JSON summary on stdout, progress on stderr, exit 0', async () => {
    const r = await cli(['export', '--out', out, '--all', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ outDir: out, format: 'both', articles: 3, written: 3, failed: [] });
    expect(r.stderr).toMatch(/export: 3\/3 articles \(100%\)/);
    expect(fs.existsSync(path.join(out, 'chanye/gdcy/du-chang-xin-cai-liao-yuan.md'))).toBe(true);
  });

  it('leaves unpublished articles out and says so; --drafts exports them', async () => {
    lib.db.prepare("UPDATE articles SET status = 'draft' WHERE id = ?").run(fx.english);
    const r = await cli(['export', '--out', out, '--all', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note: 1 unpublished article(s) left out: only published articles are exported (--drafts exports them too)');
    expect(fs.existsSync(path.join(out, 'english/guangdong-5g-parks.html'))).toBe(false);
    const again = await runCli(['--library', lib.path, 'export', '--out', out, '--all', '--drafts', '--json'], { out: (t) => void fs.writeFileSync(path.join(lib.dir, 'summary.json'), t), err: () => undefined });
    expect(again).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(lib.dir, 'summary.json'), 'utf8')).notices).toEqual([{ code: 'drafts_included', params: { count: 1 } }]);
    expect(fs.existsSync(path.join(out, 'english/guangdong-5g-parks.html'))).toBe(true);
  });

  it('prints a readable summary, and on a second run finds nothing to do', async () => {
    await cli(['export', '--out', out, '--all', '--quiet']);
    const r = await cli(['export', '--out', out, '--all', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Exported 3 articles to .* \(both\) in /);
    expect(r.stdout).toContain('0 written, 3 unchanged, 0 failed');
    expect(r.stderr).toBe('');
  });

  it('exports the ids given, in the format given, to a relative --out', async () => {
    const cwd = process.cwd();
    process.chdir(lib.dir);
    try {
      const r = await cli(['export', '--out', 'rel-site', '--format', 'md', String(fx.english), '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ articles: 1, outDir: path.join(fs.realpathSync(lib.dir), 'rel-site') });
    } finally {
      process.chdir(cwd);
    }
    expect(fs.readdirSync(path.join(lib.dir, 'rel-site/english'))).toEqual(['guangdong-5g-parks.md']);
  });

  it('exports the matches of --query', async () => {
    const r = await cli(['export', '--out', out, '--query', '都昌', '--format', 'html', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).articles).toBe(1);
    expect(fs.existsSync(path.join(out, 'chanye/gdcy/du-chang-xin-cai-liao-yuan.html'))).toBe(true);
  });

  it('exits 2 with a usage message when the selection or --out is missing or ambiguous', async () => {
    for (const args of [['export', '--all'], ['export', '--out', out], ['export', '--out', out, '--all', '1'], ['export', '--out', out, '--all', '--format', 'pdf'], ['export', '--out', out, 'abc']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/usage: copydesk export/);
      expect(r.stdout).toBe('');
    }
  });

  it('exits 1 naming the problem: a missing article, or articles that failed', async () => {
    const missing = await cli(['export', '--out', out, '999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Article 999 does not exist\. \(not_found\)/);
    // An article whose slug would escape the folder fails; the others are exported.
    const { openLibrary } = await import('../../src/core/db/open.js');
    const again = await openLibrary(lib.path);
    again.db.prepare("UPDATE articles SET slug = '../escape' WHERE id = ?").run(fx.english);
    again.close();
    const r = await cli(['export', '--out', out, '--all']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`failed #${fx.english} "Guangdong lists its first 5G industrial parks": unsafe path`));
    expect(fs.existsSync(path.join(out, 'chanye/gdcy/du-chang-xin-cai-liao-yuan.html'))).toBe(true);
  });

  it('cancels on Ctrl-C (SIGINT), keeps what it finished, exits 130', async () => {
    let sent = false;
    const r = await cli(['export', '--out', out, '--all'], (line) => {
      if (!sent && line.startsWith('export: 0/3')) {
        sent = true;
        process.emit('SIGINT');
      }
    });
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^Cancelled: exported part of 3 articles/);
    expect(r.stderr).toMatch(/cancelling after the current article/);
    expect(process.listenerCount('SIGINT')).toBe(0);
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
  });

  it('runs as a real process: bin/copydesk.mjs, stdout and stderr apart', () => {
    lib.close();
    const r = spawnSync(process.execPath, ['bin/copydesk.mjs', '--library', lib.path, 'export', '--out', out, '--all', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).written).toBe(3);
    expect(r.stderr).toContain('export: 3/3 articles');
  }, 120_000);
});

describe('the export operations of the contract', () => {
  it('export.article returns each format with a file name, MIME type and the site URL', async () => {
    const page = await lib.ok('export.article', { id: fx.main, format: 'page' });
    expect(page).toMatchObject({ mimeType: 'text/html; charset=utf-8', fileName: 'du-chang-xin-cai-liao-yuan.html', sitePath: '/chanye/gdcy/du-chang-xin-cai-liao-yuan.html', href: '/chanye/gdcy/du-chang-xin-cai-liao-yuan.html', url: 'https://www.example.com/chanye/gdcy/du-chang-xin-cai-liao-yuan.html' });
    expect(page.content.startsWith('<!DOCTYPE html>')).toBe(true);
    expect((await lib.ok('export.article', { id: fx.main, format: 'markdown' })).fileName).toBe('du-chang-xin-cai-liao-yuan.md');
    expect((await lib.ok('export.article', { id: fx.main, format: 'text' })).content.startsWith('都昌主官')).toBe(true);
    expect((await lib.ok('export.article', { id: fx.main, format: 'html' })).content.startsWith('<p>')).toBe(true);
  });

  it('refuses bad input with messages a person can act on, and writes nothing', async () => {
    const r1 = await lib.raw('export.article', { id: 9999, format: 'html' });
    expect(r1).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const r2 = await lib.raw('export.folder', { outDir: 'relative', all: true });
    expect(r2).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/absolute path/) } });
    const r3 = await lib.raw('export.folder', { outDir: out, all: true, ids: [1] });
    expect(r3).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/exactly one/) } });
    const r4 = await lib.raw('export.folder', { outDir: out, ids: [fx.trashed] });
    expect(r4).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/in the trash/) } });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('export.folder exports and returns the summary', async () => {
    const s = await lib.ok('export.folder', { outDir: out, format: 'html', all: true, status: ['published'] });
    expect(s).toMatchObject({ articles: 3, written: 3, cancelled: false });
  });
});
