import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { makeBareRemote, git } from '../support/git-remote.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { serializeArticle, type ArticleDoc } from '../../src/core/desk/format.js';
import { deskRepoPath } from '../../src/core/desk/state.js';
import type { Result } from '../../src/core/api/contract.js';

/** Writes files straight into a bare repository as one new commit on main (paths may be anything). */
function commitFiles(repo: string, files: Array<{ path: string; content?: string | Buffer; symlink?: string }>): void {
  const gd = ['--git-dir', repo];
  const blob = (data: string | Buffer) => {
    const f = path.join(repo, 'tmp-blob');
    fs.writeFileSync(f, data);
    const sha = git([...gd, 'hash-object', '-w', f]);
    fs.rmSync(f);
    return sha;
  };
  // A tree as nested maps, starting from main's.
  type Dir = Map<string, { mode: string; type: string; sha: string } | Dir>;
  const root: Dir = new Map();
  const put = (p: string, entry: { mode: string; type: string; sha: string }) => {
    const parts = p.split('/');
    let d = root;
    for (const part of parts.slice(0, -1)) {
      if (!(d.get(part) instanceof Map)) d.set(part, new Map());
      d = d.get(part) as Dir;
    }
    d.set(parts[parts.length - 1]!, entry);
  };
  for (const line of git([...gd, 'ls-tree', '-r', 'main']).split('\n').filter(Boolean)) {
    const [meta, p] = line.split('\t');
    const [mode, type, sha] = meta!.split(' ');
    put(p!, { mode: mode!, type: type!, sha: sha! });
  }
  for (const f of files) put(f.path, f.symlink !== undefined ? { mode: '120000', type: 'blob', sha: blob(f.symlink) } : { mode: '100644', type: 'blob', sha: blob(f.content!) });
  const mktree = (d: Dir): string => {
    const lines = [...d].map(([name, e]) => (e instanceof Map ? `040000 tree ${mktree(e)}\t${name}` : `${e.mode} ${e.type} ${e.sha}\t${name}`));
    return spawnGit([...gd, 'mktree'], `${lines.join('\n')}\n`);
  };
  const tree = mktree(root);
  const commit = spawnGit([...gd, 'commit-tree', tree, '-p', 'main', '-m', 'hostile'], '', { GIT_AUTHOR_NAME: 'Mallory', GIT_AUTHOR_EMAIL: 'm@example.org', GIT_COMMITTER_NAME: 'Mallory', GIT_COMMITTER_EMAIL: 'm@example.org' });
  git([...gd, 'update-ref', 'refs/heads/main', commit]);
}

const gitSays = (r: Result<unknown>): string => (r.ok ? '' : String(r.error.details?.git ?? ''));

function spawnGit(args: string[], input: string, env: Record<string, string> = {}): string {
  const r = spawnSync('git', args, { input, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('desk: remotes that fail, refuse, or hold hostile content', { timeout: 120_000 }, () => {
  let dir: string;
  const libs: TestLibrary[] = [];
  const editor = async () => { const l = await makeLibrary(); libs.push(l); return l; };
  beforeAll(() => { dir = tempDir('copydesk-desk-fail-'); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => { while (libs.length) libs.pop()!.dispose(); });

  it('an unreachable remote fails with git\'s own message, and the library is not left half joined', async () => {
    const a = await editor();
    const port = await new Promise<number>((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
    const r = await a.raw('desk.join', { url: `git://127.0.0.1:${port}/nothing.git` });
    expect(r).toMatchObject({ ok: false, error: { code: 'io', details: { reason: 'remote_failed' } } });
    expect(gitSays(r)).toMatch(/unable to connect|Connection refused/i);
    expect(await a.ok('desk.status', {})).toMatchObject({ joined: false });
    expect(fs.existsSync(deskRepoPath(a.path))).toBe(false);
  });

  it('a remote that asks for a password fails at once instead of prompting', async () => {
    const server = http.createServer((_req, res) => { res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="desk"' }); res.end(); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const a = await editor();
      const began = Date.now();
      const r = await a.raw('desk.join', { url: `http://127.0.0.1:${port}/desk.git` });
      expect(r).toMatchObject({ ok: false, error: { code: 'io', details: { reason: 'remote_failed' } } });
      expect(gitSays(r)).toMatch(/terminal prompts disabled|could not read Username/i);
      expect(Date.now() - began).toBeLessThan(20_000);
    } finally {
      server.close();
    }
  });

  it('refuses option-like, ext:: and relative remotes before git sees them', async () => {
    const a = await editor();
    for (const url of ['--upload-pack=touch /tmp/x', 'ext::sh -c touch% /tmp/x', '.', 'relative/desk.git']) {
      expect(await a.raw('desk.join', { url })).toMatchObject({ ok: false, error: { code: 'validation', details: { reason: 'bad_remote' } } });
    }
  });

  it('a push the remote refuses fails with its message; nothing is lost and the next sync sends it', async () => {
    const url = makeBareRemote(dir, 'hook.git');
    const a = await editor();
    await a.ok('desk.join', { url, name: 'A', email: 'a@example.org' });
    const hook = path.join(url, 'hooks', 'pre-receive');
    fs.writeFileSync(hook, '#!/bin/sh\necho "the desk is closed for the night" >&2\nexit 1\n', { mode: 0o755 });
    const art = await a.ok('articles.create', { title: 'Late news', body: bodyFromParagraphs(['x']) });
    const r = await a.raw('desk.sync', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'io', details: { reason: 'push_failed' } } });
    expect(gitSays(r)).toContain('the desk is closed for the night');
    expect((await a.ok('desk.status', {})).ahead).toBeGreaterThan(0);
    fs.rmSync(hook);
    await a.ok('desk.sync', {});
    const uid = (a.db.prepare('SELECT uid FROM articles WHERE id = ?').get(art.id) as { uid: string }).uid;
    expect(git(['--git-dir', url, 'ls-tree', '-r', '--name-only', 'main'])).toContain(`articles/${uid}.md`);
    expect((await a.ok('desk.status', {})).ahead).toBe(0);
  });

  it('hostile repository content is refused file by file, and the rest of the sync goes on', async () => {
    const url = makeBareRemote(dir, 'hostile.git');
    const a = await editor();
    await a.ok('articles.create', { title: 'Before', body: bodyFromParagraphs(['x']) });
    await a.ok('desk.join', { url, name: 'A', email: 'a@example.org' });
    const good: ArticleDoc = {
      uid: '1'.repeat(32), title: 'Good one', slug: 'good-one', status: 'draft', author: '', byline: '', excerpt: null, category: null,
      secondaryCategories: [], tags: [], related: [], coverAsset: null, seoTitle: '', seoDescription: '', canonicalUrl: '', sourceKey: null,
      createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', publishedAt: null, scheduledAt: null, meta: {},
      root: { direction: null, format: '', indent: 0, version: 1 }, blocks: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text: 'fine', version: 1 }] }],
    };
    commitFiles(url, [
      { path: `articles/${good.uid}.md`, content: serializeArticle(good) },
      { path: `articles/${'2'.repeat(32)}.md`, symlink: '/etc/passwd' },
      { path: `articles/${'3'.repeat(32)}.md`, content: serializeArticle({ ...good, uid: '3'.repeat(32) }).replace('copydesk-article/1', 'copydesk-article/7') },
      { path: `articles/${'4'.repeat(32)}.md`, content: '---\nthis: [is not\n---\n' },
      { path: `articles/${'5'.repeat(32)}.md`, content: serializeArticle({ ...good, uid: '6'.repeat(32) }) },
      { path: 'articles/../../escape.md', content: 'x' },
      { path: 'articles/notes.txt', content: 'x' },
      { path: `tags/${'7'.repeat(32)}.json`, content: `{"format":"copydesk-tag/1","uid":"${'7'.repeat(32)}","name":"${'n'.repeat(30 * 1024 * 1024)}"}` },
      { path: 'README.md', content: 'A desk.' },
    ]);
    const r = await a.ok('desk.sync', {});
    const byPath = Object.fromEntries(r.refused.map((x) => [x.path, x.code]));
    expect(byPath).toMatchObject({
      [`articles/${'2'.repeat(32)}.md`]: 'symlink',
      [`articles/${'3'.repeat(32)}.md`]: 'unknown_format',
      [`articles/${'4'.repeat(32)}.md`]: 'malformed',
      [`articles/${'5'.repeat(32)}.md`]: 'malformed',
      'articles/../../escape.md': 'bad_path',
      'articles/notes.txt': 'bad_path',
      [`tags/${'7'.repeat(32)}.json`]: 'too_large',
    });
    expect(byPath['README.md']).toBeUndefined();
    const titles = (a.db.prepare('SELECT title FROM articles ORDER BY id').all() as Array<{ title: string }>).map((x) => x.title);
    expect(titles).toEqual(['Before', 'Good one']);
    // The repository keeps what it holds; a later sync of local work still goes through.
    await a.ok('articles.create', { title: 'After', body: bodyFromParagraphs(['y']) });
    const again = await a.ok('desk.sync', {});
    expect(again.pushed).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, 'escape.md'))).toBe(false);
  });
});
