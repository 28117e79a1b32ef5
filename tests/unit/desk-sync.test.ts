import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { makeBareRemote, git, startGitDaemon, type GitDaemon } from '../support/git-remote.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { makePng } from '../support/png.js';

const paragraphs = (lib: TestLibrary, id: number) =>
  lib.ok('articles.get', { id }).then((a) => (a.body as { root: { children: Array<{ children: Array<{ text: string }> }> } }).root.children.map((c) => c.children.map((t) => t.text).join('')));
const uidOf = (lib: TestLibrary, table: string, id: number) => (lib.db.prepare(`SELECT uid FROM ${table} WHERE id = ?`).get(id) as { uid: string }).uid;
const idOf = (lib: TestLibrary, table: string, uid: string) => (lib.db.prepare(`SELECT id FROM ${table} WHERE uid = ?`).get(uid) as { id: number } | undefined)?.id;

describe('desk: three editors share one archive through git', () => {
  let dir: string;
  let daemon: GitDaemon;
  const libs: TestLibrary[] = [];
  const editor = async (name: string) => { const l = await makeLibrary(); libs.push(l); l.db.pragma('busy_timeout = 5000'); return Object.assign(l, { who: name }); };
  beforeAll(async () => {
    dir = tempDir('copydesk-desk-');
    daemon = await startGitDaemon(dir);
  });
  afterAll(async () => {
    await daemon?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => { while (libs.length) libs.pop()!.dispose(); });

  const join = (lib: TestLibrary, url: string, name: string) => lib.ok('desk.join', { url, name, email: `${name}@example.org` });

  it('join: an empty remote gets the library, an empty library gets the desk, both by git daemon', async () => {
    makeBareRemote(dir, 'join.git');
    const url = daemon.url('join.git');
    const a = await editor('a');
    const cat = await a.ok('categories.create', { name: '产业', parentId: null });
    const one = await a.ok('articles.create', { title: '都昌产业园', body: bodyFromParagraphs(['第一段。', '第二段。']), categoryId: cat.id, tags: ['园区', 'news'] });
    const two = await a.ok('articles.create', { title: 'Second', body: bodyFromParagraphs(['x']) });
    await a.ok('related.add', { id: one.id, targetId: two.id });
    const joined = await join(a, url, 'A');
    expect(joined.pushed).toBeGreaterThan(0);
    expect(git(['--git-dir', path.join(dir, 'join.git'), 'ls-tree', '-r', '--name-only', 'main']).split('\n').filter((p) => p.startsWith('articles/'))).toHaveLength(2);

    const b = await editor('b');
    const got = await join(b, url, 'B');
    expect(got.pulled).toBeGreaterThanOrEqual(2);
    const bid = idOf(b, 'articles', uidOf(a, 'articles', one.id))!;
    const copy = await b.ok('articles.get', { id: bid });
    expect(copy).toMatchObject({ title: '都昌产业园', slug: one.slug, categoryPath: ['产业'] });
    expect(copy.tags.map((t) => t.name)).toEqual(['园区', 'news']);
    expect(await paragraphs(b, bid)).toEqual(['第一段。', '第二段。']);
    const rel = await b.ok('related.list', { id: bid });
    expect(rel.links.map((l) => l.title)).toEqual(['Second']);
    const status = await b.ok('desk.status', {});
    expect(status).toMatchObject({ joined: true, remote: url, ahead: 0, behind: 0, conflicts: [] });
    // Nothing to do: no new commit.
    const head = git(['--git-dir', path.join(dir, 'join.git'), 'rev-parse', 'main']);
    const again = await b.ok('desk.sync', {});
    expect(again).toMatchObject({ pulled: 0, pushed: 0 });
    expect(git(['--git-dir', path.join(dir, 'join.git'), 'rev-parse', 'main'])).toBe(head);
  });
});
