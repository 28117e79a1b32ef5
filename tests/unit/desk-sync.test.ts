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

describe('desk: three editors share one archive through git', { timeout: 180_000 }, () => {
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

  /** Three editors on one plain-path remote, all joined, holding the same article. */
  async function desk(name: string, paras = ['one', 'two', 'three', 'four']) {
    const url = makeBareRemote(dir, `${name}.git`);
    const [a, b, c] = [await editor('a'), await editor('b'), await editor('c')];
    const art = await a.ok('articles.create', { title: 'Shared', body: bodyFromParagraphs(paras), tags: ['x'] });
    await join(a, url, 'A');
    await join(b, url, 'B');
    await join(c, url, 'C');
    const uid = uidOf(a, 'articles', art.id);
    const id = (l: TestLibrary) => idOf(l, 'articles', uid)!;
    const edit = async (l: TestLibrary, change: (p: string[]) => string[], extra: Record<string, unknown> = {}) => {
      const cur = await l.ok('articles.get', { id: id(l) });
      return l.ok('articles.save', { id: id(l), version: cur.version, body: bodyFromParagraphs(change(await paragraphs(l, id(l)))), ...extra });
    };
    return { url, a, b, c, uid, id, edit };
  }

  it('edits to different paragraphs of one article both survive, on every machine', async () => {
    const { a, b, c, id, edit } = await desk('paras');
    await edit(a, (p) => p.map((x, i) => (i === 0 ? 'ONE (a)' : x)));
    await edit(b, (p) => p.map((x, i) => (i === 1 ? 'TWO (b)' : x)));
    await a.ok('desk.sync', {});
    const rb = await b.ok('desk.sync', {});
    expect(rb).toMatchObject({ merged: 1, conflicts: [] });
    expect(rb.incoming).toEqual([expect.objectContaining({ id: id(b), change: 'merged', by: 'A' })]);
    await a.ok('desk.sync', {});
    await c.ok('desk.sync', {});
    for (const l of [a, b, c]) expect(await paragraphs(l, id(l))).toEqual(['ONE (a)', 'TWO (b)', 'three', 'four']);
  });

  it('the same paragraph changed on two machines needs a decision; both versions are kept, never markers', async () => {
    const { a, b, id, edit } = await desk('same');
    await edit(a, (p) => p.map((x, i) => (i === 2 ? 'three, as A wrote it' : x)));
    await edit(b, (p) => p.map((x, i) => (i === 2 ? 'three, as B wrote it' : i === 3 ? 'four (b)' : x)));
    await a.ok('desk.sync', {});
    const r = await b.ok('desk.sync', {});
    expect(r.conflicts).toEqual([expect.objectContaining({ id: id(b), title: 'Shared' })]);
    expect(await paragraphs(b, id(b))).toEqual(['one', 'two', 'three, as B wrote it', 'four (b)']);
    const revs = await b.ok('revisions.list', { articleId: id(b) });
    const conflict = revs.find((x) => x.reason === 'conflict')!;
    const theirs = await b.ok('revisions.get', { id: conflict.id });
    const theirText = (theirs.body as { root: { children: Array<{ children: Array<{ text: string }> }> } }).root.children.map((c) => c.children[0]!.text);
    expect(theirText).toEqual(['one', 'two', 'three, as A wrote it', 'four (b)']);
    expect(JSON.stringify(await b.ok('articles.get', { id: id(b) }))).not.toMatch(/<<<<<<<|>>>>>>>/);
    expect((await b.ok('desk.status', {})).conflicts).toHaveLength(1);
    // Held back until decided: A still has its own text.
    await a.ok('desk.sync', {});
    expect((await paragraphs(a, id(a)))[2]).toBe('three, as A wrote it');
    expect((await paragraphs(a, id(a)))[3]).toBe('four (b)');
    // B decides for its own version; the next syncs carry it to A.
    await b.ok('desk.resolve', { articleId: id(b) });
    await b.ok('desk.sync', {});
    await a.ok('desk.sync', {});
    expect(await paragraphs(a, id(a))).toEqual(['one', 'two', 'three, as B wrote it', 'four (b)']);
    expect((await b.ok('desk.status', {})).conflicts).toEqual([]);
  });

  it('metadata merges per field and tags as ordered sets', async () => {
    const { a, b, c, id } = await desk('meta');
    const va = await a.ok('articles.get', { id: id(a) });
    await a.ok('articles.save', { id: id(a), version: va.version, title: 'Shared, retitled', tags: ['x', 'from-a'] });
    const vb = await b.ok('articles.get', { id: id(b) });
    await b.ok('articles.save', { id: id(b), version: vb.version, author: '李记者', status: 'ready', tags: ['from-b'] });
    await a.ok('desk.sync', {});
    const r = await b.ok('desk.sync', {});
    expect(r.conflicts).toEqual([]);
    await c.ok('desk.sync', {});
    const got = await c.ok('articles.get', { id: id(c) });
    expect(got).toMatchObject({ title: 'Shared, retitled', author: '李记者', status: 'ready' });
    // B merged: its own addition first, then A's.
    expect(got.tags.map((t) => t.name)).toEqual(['from-b', 'from-a']);
  });

  it('edit against delete: the edit wins and the article comes back from the trash', async () => {
    const { a, b, id, edit } = await desk('editdelete');
    await a.ok('articles.trash', { id: id(a) });
    await edit(b, (p) => [...p, 'five (b)']);
    await a.ok('desk.sync', {});
    const rb = await b.ok('desk.sync', {});
    expect(rb.restored.map((x) => x.id)).toEqual([id(b)]);
    const ra = await a.ok('desk.sync', {});
    expect(ra.restored.map((x) => x.id)).toEqual([id(a)]);
    const back = await a.ok('articles.get', { id: id(a) });
    expect(back.deletedAt).toBeNull();
    expect(await paragraphs(a, id(a))).toEqual(['one', 'two', 'three', 'four', 'five (b)']);
    // A delete nobody contests travels as a trash.
    await b.ok('articles.trash', { id: id(b) });
    await b.ok('desk.sync', {});
    await a.ok('desk.sync', {});
    expect((await a.ok('articles.get', { id: id(a) })).deletedAt).not.toBeNull();
  });

  it('a category renamed on one machine and a new article filed under it on another', async () => {
    const { a, b } = await desk('category');
    const cat = await a.ok('categories.create', { name: 'Local news', parentId: null });
    await a.ok('desk.sync', {});
    await b.ok('desk.sync', {});
    const catUid = uidOf(a, 'categories', cat.id);
    await a.ok('categories.rename', { id: cat.id, name: 'City desk' });
    const fresh = await b.ok('articles.create', { title: 'Filed', categoryId: idOf(b, 'categories', catUid)! });
    await a.ok('desk.sync', {});
    await b.ok('desk.sync', {});
    await a.ok('desk.sync', {});
    for (const l of [a, b]) {
      const art = await l.ok('articles.get', { id: idOf(l, 'articles', uidOf(b, 'articles', fresh.id))! });
      expect(art.categoryPath).toEqual(['City desk']);
    }
  });

  it('a category deleted on one machine while the other files an article under it keeps that article filed', async () => {
    const { a, b } = await desk('catdelete');
    const cat = await a.ok('categories.create', { name: 'Doomed', parentId: null });
    await a.ok('desk.sync', {});
    await b.ok('desk.sync', {});
    const catUid = uidOf(a, 'categories', cat.id);
    await a.ok('categories.delete', { id: cat.id, reassignTo: null });
    const filed = await b.ok('articles.create', { title: 'Under doomed', categoryId: idOf(b, 'categories', catUid)! });
    await a.ok('desk.sync', {});
    await b.ok('desk.sync', {});
    await a.ok('desk.sync', {});
    for (const l of [a, b]) {
      const art = await l.ok('articles.get', { id: idOf(l, 'articles', uidOf(b, 'articles', filed.id))! });
      expect(art.categoryPath).toEqual(['Doomed']);
    }
  });

  it('the same image added on two machines travels once', async () => {
    const { url, a, b, id } = await desk('image');
    const png = makePng(4, 3).toString('base64');
    const imgA = await a.ok('assets.put', { data: png, mime: 'image/png', originalName: 'a.png' });
    const imgB = await b.ok('assets.put', { data: png, mime: 'image/png', originalName: 'b.png' });
    expect(imgA.sha256).toBe(imgB.sha256);
    const withImage = (l: TestLibrary) => l.ok('articles.create', { title: `pic ${l.dir}`, coverAsset: imgA.sha256 });
    await withImage(a);
    await withImage(b);
    await a.ok('desk.sync', {});
    await b.ok('desk.sync', {});
    await a.ok('desk.sync', {});
    const files = git(['--git-dir', url, 'ls-tree', '-r', '--name-only', 'main']).split('\n');
    expect(files.filter((f) => f.startsWith('assets/'))).toEqual([`assets/${imgA.sha256}.png`]);
    expect(id(a)).toBeGreaterThan(0);
    const c = await editor('c2');
    await join(c, url, 'C2');
    expect((c.db.prepare('SELECT count(*) AS n FROM articles WHERE cover_asset = ?').get(imgA.sha256) as { n: number }).n).toBe(2);
  });
});
