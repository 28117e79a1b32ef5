import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openLibrary } from '../../src/core/db/open.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cli = (args: string[]) => spawnSync(process.execPath, ['bin/copydesk.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });

// Each spawn starts tsx: seconds on a busy shared machine, so the tests get room.
describe('copydesk search', { timeout: 120_000 }, () => {
  let dir: string;
  let library: string;
  let ids: { park: number; draft: number };
  beforeEach(async () => {
    dir = tempDir();
    library = path.join(dir, 'lib.sqlite');
    const lib = await openLibrary(library);
    const park = createArticle(lib.db, { title: '都昌新材料产业园项目调度会议', body: bodyFromParagraphs(['10月24日，都昌县召开了产业园项目调度会议。']), status: 'published', tags: ['新材料'] });
    const draft = createArticle(lib.db, { title: 'Draft about the industrial park', body: bodyFromParagraphs(['产业园 notes']) });
    createArticle(lib.db, { title: '无关文章', body: bodyFromParagraphs(['别的内容']) });
    ids = { park: park.id, draft: draft.id };
    lib.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the hits as a JSON array of objects with id, slug and title', () => {
    const r = cli(['--library', library, 'search', '產業園', '--json']);
    expect(r.status).toBe(0);
    const hits = JSON.parse(r.stdout) as Array<{ id: number; slug: string; title: string }>;
    expect(hits.map((h) => h.id).sort()).toEqual([ids.park, ids.draft].sort());
    expect(hits[0]).toEqual(expect.objectContaining({ id: ids.park, slug: expect.any(String), title: '都昌新材料产业园项目调度会议' }));
  });

  it('accepts the query language and filter flags', () => {
    const typed = JSON.parse(cli(['--library', library, 'search', '产业园 status:draft', '--json']).stdout) as Array<{ id: number }>;
    expect(typed.map((h) => h.id)).toEqual([ids.draft]);
    const flagged = JSON.parse(cli(['--library', library, 'search', '产业园', '--tag', '新材料', '--json']).stdout) as Array<{ id: number }>;
    expect(flagged.map((h) => h.id)).toEqual([ids.park]);
  });

  it('prints a readable list with the count, titles and marked matches', () => {
    const r = cli(['--library', library, 'search', '调度会议']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^1 article · [\d.]+ ms/);
    expect(r.stdout).toContain('都昌新材料产业园项目«调度会议»');
    expect(r.stdout).toContain('published');
  });

  it('reports a bad filter value as a usage problem', () => {
    const r = cli(['--library', library, 'search', 'x', '--after', 'someday']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/YYYY-MM-DD/);
  });
});
