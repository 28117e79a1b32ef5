import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { makeBareRemote, git } from '../support/git-remote.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';

/**
 * A colleague pushes between this library's fetch and its push: the push is rejected as
 * non-fast-forward, and the sync fetches, merges and pushes again. The race is made real by a
 * wrapper around the system git that, at the first push, lands a colleague's commit on the
 * remote (with git itself) before running the push it was asked for.
 */
describe('desk: the desk moves on during a sync', { timeout: 120_000 }, () => {
  let dir: string;
  const libs: TestLibrary[] = [];
  beforeAll(() => { dir = tempDir('copydesk-desk-race-'); });
  afterAll(() => { delete process.env.COPYDESK_GIT; fs.rmSync(dir, { recursive: true, force: true }); });
  afterEach(() => { delete process.env.COPYDESK_GIT; while (libs.length) libs.pop()!.dispose(); });

  it('a push rejected as non-fast-forward is retried once after merging', async () => {
    const url = makeBareRemote(dir);
    const a = await makeLibrary(); libs.push(a);
    const b = await makeLibrary(); libs.push(b);
    await a.ok('desk.join', { url, name: 'A', email: 'a@example.org' });
    await b.ok('desk.join', { url, name: 'B', email: 'b@example.org' });
    // B's work is committed and pushed by B's own sync, raced in by the wrapper below.
    await b.ok('articles.create', { title: 'From B', body: bodyFromParagraphs(['b']) });
    const marker = path.join(dir, 'race-once');
    fs.writeFileSync(marker, '');
    const wrapper = path.join(dir, 'git-racing');
    const node = process.execPath;
    const ROOT = path.resolve(import.meta.dirname, '../..');
    fs.writeFileSync(wrapper, `#!/bin/sh
for arg in "$@"; do
  if [ "$arg" = push ] && [ -e "${marker}" ]; then
    rm -f "${marker}"
    COPYDESK_GIT= "${node}" "${ROOT}/bin/copydesk.mjs" --library "${b.path}" desk sync >/dev/null 2>&1 || exit 97
  fi
done
exec git "$@"
`, { mode: 0o755 });
    await a.ok('articles.create', { title: 'From A', body: bodyFromParagraphs(['a']) });
    process.env.COPYDESK_GIT = wrapper;
    const r = await a.ok('desk.sync', {});
    delete process.env.COPYDESK_GIT;
    expect(fs.existsSync(marker)).toBe(false);
    expect(r.incoming.map((x) => x.title)).toContain('From B');
    const files = git(['--git-dir', url, 'ls-tree', '-r', '--name-only', 'main']).split('\n').filter((f) => f.startsWith('articles/'));
    expect(files).toHaveLength(2);
    expect((await a.ok('desk.status', {})).ahead).toBe(0);
    const titles = (a.db.prepare('SELECT title FROM articles ORDER BY title').all() as Array<{ title: string }>).map((x) => x.title);
    expect(titles).toEqual(['From A', 'From B']);
  });
});
