import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openLibrary } from '../../src/core/db/open.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/copydesk.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });

describe('the copydesk CLI', () => {
  let dir: string;
  let library: string;
  beforeEach(() => {
    dir = tempDir();
    library = path.join(dir, 'lib.sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates an empty library (no welcome articles) and reports stats as JSON', () => {
    const r = cli(['--library', library, 'stats', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ articles: 0, categories: 0, tags: 0 });
  });

  it('lists every article, or --limit N, with id, slug, title and status', async () => {
    const lib = await openLibrary(library);
    for (let i = 0; i < 7; i++) createArticle(lib.db, { title: `第${i}篇 report ${i}` });
    lib.close();
    const all = JSON.parse(cli(['--library', library, 'list', '--json']).stdout) as Array<Record<string, unknown>>;
    expect(all).toHaveLength(7);
    expect(Object.keys(all[0]!)).toEqual(expect.arrayContaining(['id', 'slug', 'title', 'status']));
    const some = JSON.parse(cli(['--library', library, 'list', '--json', '--limit', '3']).stdout);
    expect(some).toHaveLength(3);
  });

  it('shows one article as JSON, honours COPYDESK_LIBRARY, and fails clearly for unknown ids', async () => {
    const lib = await openLibrary(library);
    const a = createArticle(lib.db, { title: 'Shown' });
    lib.close();
    const shown = cli(['show', String(a.id), '--json'], { COPYDESK_LIBRARY: library });
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: a.id, title: 'Shown' });
    const missing = cli(['--library', library, 'show', '999']);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/999 does not exist/);
    expect(missing.stdout).toBe('');
  });

  it('refuses a file that is not a library, leaving it untouched', () => {
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'just text');
    const r = cli(['--library', notes, 'list']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/not a Copydesk library/);
    expect(fs.readFileSync(notes, 'utf8')).toBe('just text');
  });

  it('explains usage errors with a non-zero exit', () => {
    const r = cli(['--library', library, 'frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });
});
