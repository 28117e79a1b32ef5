import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES_DIR, tempDir } from './helpers.js';
import { openLibrary } from '../../src/core/db/open.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/ingest');
/** Each run starts tsx and the core from scratch: seconds on a busy machine. */
const SPAWN_TIMEOUT = 120_000;

function copydesk(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/copydesk.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('copydesk import (the CLI, end to end)', () => {
  let dir: string;
  let library: string;
  beforeAll(() => {
    dir = tempDir('copydesk-cli-import-');
    library = path.join(dir, 'library.sqlite');
    fs.cpSync(path.join(FIXTURES, 'markdown-site'), path.join(dir, 'site'), { recursive: true });
    fs.rmSync(path.join(dir, 'site/notes/bad-front-matter.md'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports files and folders (relative paths too), with progress on stderr and a summary on stdout', () => {
    const r = copydesk(['--library', library, 'import', 'site', path.join(SAMPLES_DIR, 'wordpress-theme-unit-test.wxr.xml'), path.join(SAMPLES_DIR, 'site-article-page.txt')], dir);
    expect(r.stderr).toMatch(/\[6\/6 files\] 63 imported, 0 updated, 128 skipped, 0 failed/);
    expect(r.stdout).toMatch(/^63 imported, 0 updated, 128 skipped, 0 failed; 1 related link\(s\) made/);
    expect(r.stdout).toContain('skipped 70: a navigation menu item');
    expect(r.code).toBe(0);
  }, SPAWN_TIMEOUT);

  it('prints the report as JSON with --json, re-imports without changes, and exits non-zero when a file failed', async () => {
    const missing = path.join(dir, 'missing.md');
    const r = copydesk(['--library', library, 'import', 'site', missing, '--json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { counts: Record<string, number>; items: Array<{ file: string; status: string; reason?: string }> };
    expect(report.counts).toEqual({ imported: 0, updated: 0, skipped: 4, failed: 1 });
    expect(report.items[0]).toMatchObject({ file: missing, status: 'failed' });
    expect(report.items.filter((i) => i.status === 'skipped').every((i) => i.reason === 'unchanged since the last import')).toBe(true);
    expect(r.stderr).toContain('[5/5 files]');
    const lib = await openLibrary(library);
    try {
      expect((lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(63);
    } finally {
      lib.close();
    }
  }, SPAWN_TIMEOUT);

  it('explains its usage when no path is given', () => {
    const r = copydesk(['--library', library, 'import'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/import needs at least one file or folder/);
  }, SPAWN_TIMEOUT);
});
