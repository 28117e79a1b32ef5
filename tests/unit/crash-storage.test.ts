import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openLibrary } from '../../src/core/db/open.js';
import { dispatch } from '../../src/core/api/dispatch.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import type { Result } from '../../src/core/api/contract.js';
import { tempDir } from './helpers.js';
import { libraryChecksum } from './workers/shared.js';
import { startWorker } from './workers/spawn.js';

/**
 * A full disk and a read-only library: saves fail with a clear `io` message, nothing already
 * saved changes, and the library stays sound. Simulated in-process everywhere (SQLite's
 * max_page_count, better-sqlite3's readonly flag); for real where the machine allows it (a 4 MB
 * tmpfs and a read-only bind mount inside a user namespace, a chmod 0444 file opened by an
 * unprivileged user).
 */
const bigBody = () => bodyFromParagraphs(Array.from({ length: 300 }, (_, i) => `Paragraph ${i}: ${'新材料及智能装备产业园 '.repeat(40)}`));

function expectIo(r: Result<unknown>, message: RegExp): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('io');
  expect(r.error.message).toMatch(message);
  expect(r.error.message).toMatch(/nothing was saved/);
}

const userNamespaces = (() => {
  const r = spawnSync('unshare', ['-Urm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || mount -t tmpfs -o size=64k tmpfs "$TMPDIR" ; echo ok'], { encoding: 'utf8', env: { ...process.env, TMPDIR: '/tmp' } });
  return r.status === 0 && r.stdout.includes('ok') ? null : `unshare -Urm with a tmpfs mount is not allowed here (${(r.stderr || r.error?.message || '').trim().slice(0, 120)})`;
})();
if (userNamespaces) console.log(`crash-storage: real full-disk and read-only-mount tests skipped: ${userNamespaces}`);

const asRoot = process.getuid?.() === 0;
const unprivileged = (() => {
  if (!asRoot) return null;
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)']);
  return r.status === 0 ? null : 'running as root, and setpriv cannot drop to an unprivileged user (root ignores file permissions)';
})();
if (unprivileged) console.log(`crash-storage: chmod 0444 test skipped: ${unprivileged}`);

describe('a full disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('copydesk-full-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('(simulated with max_page_count) refuses saves with a clear message and keeps what was saved', async () => {
    const lib = await openLibrary(path.join(dir, 'library.sqlite'));
    const ctx = { db: lib.db, libraryPath: lib.path };
    const a = createArticle(lib.db, { title: 'Saved before the disk filled', body: bodyFromParagraphs(['The text already saved.']) });
    const before = libraryChecksum(lib.db);
    // The file may not grow by a single page from now on: that is a full disk to SQLite.
    lib.db.pragma(`max_page_count = ${lib.db.pragma('page_count', { simple: true })}`);
    expectIo(await dispatch(ctx, 'articles.save', { id: a.id, version: a.version, title: 'New draft', body: bigBody() }), /disk is full/);
    expectIo(await dispatch(ctx, 'articles.create', { title: 'New', body: bigBody() }), /disk is full/);
    expect(libraryChecksum(lib.db)).toBe(before);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const kept = await dispatch(ctx, 'articles.get', { id: a.id });
    expect(kept).toMatchObject({ ok: true, data: { title: 'Saved before the disk filled', plainText: 'The text already saved.', version: a.version } });
    // Space comes back: the very same save goes through.
    lib.db.pragma('max_page_count = 1073741823');
    expect(await dispatch(ctx, 'articles.save', { id: a.id, version: a.version, title: 'New draft', body: bigBody() })).toMatchObject({ ok: true, data: { version: a.version + 1 } });
    lib.close();
  });

  it.skipIf(userNamespaces !== null)('(a real 4 MB tmpfs) refuses saves and backups with a clear message and keeps what was saved', async () => {
    const mount = path.join(dir, 'mnt');
    fs.mkdirSync(mount);
    const worker = await startWorker('storage', ['full-disk', mount], { prefix: ['unshare', '-Urm'] });
    await worker.exited;
    const steps = Object.fromEntries(worker.lines.map((l) => JSON.parse(l) as { step: string; result: unknown }).map((s) => [s.step, s.result]));
    expect(steps.crashed, worker.stderr()).toBeUndefined();
    expect(steps.filled).toBe('ENOSPC');
    expectIo(steps.save as Result<unknown>, /disk is full/);
    expectIo(steps.create as Result<unknown>, /disk is full/);
    expect(steps.backup).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringMatching(/backup could not be written.*disk is full/) } });
    expect(steps['backups folder']).toEqual([]);
    expect(steps.unchanged).toBe(true);
    expect(steps.get).toMatchObject({ ok: true, data: { title: 'Saved before the disk filled', plainText: 'The text already saved.' } });
    expect(steps.integrity).toBe('ok');
    expect(steps['save after freeing space']).toMatchObject({ ok: true, version: 2 });
    expect(steps['integrity after close']).toBe('ok');
    expect(steps.done).toBe(true);
  });
});

describe('a read-only library', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('copydesk-ro-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('(opened with the readonly flag) refuses saves with a clear message and changes nothing', async () => {
    const file = path.join(dir, 'library.sqlite');
    const rw = await openLibrary(file);
    const a = createArticle(rw.db, { title: 'Kept', body: bodyFromParagraphs(['The text already saved.']) });
    rw.close();
    const lib = await openLibrary(file, { readonly: true });
    const ctx = { db: lib.db, libraryPath: lib.path };
    const before = libraryChecksum(lib.db);
    expectIo(await dispatch(ctx, 'articles.save', { id: a.id, version: a.version, title: 'Changed' }), /read-only/);
    expectIo(await dispatch(ctx, 'articles.create', { title: 'New' }), /read-only/);
    expectIo(await dispatch(ctx, 'tags.create', { name: 'New tag' }), /read-only/);
    expect(await dispatch(ctx, 'articles.get', { id: a.id })).toMatchObject({ ok: true, data: { title: 'Kept', version: a.version } });
    expect(libraryChecksum(lib.db)).toBe(before);
    lib.close();
  });

  it.skipIf(unprivileged !== null)('(a chmod 0444 file) refuses saves with a clear message and changes nothing', async () => {
    const file = path.join(dir, 'library.sqlite');
    const rw = await openLibrary(file);
    createArticle(rw.db, { title: 'Kept', body: bodyFromParagraphs(['The text already saved.']) });
    const before = libraryChecksum(rw.db);
    rw.close();
    fs.chmodSync(file, 0o444);
    if (asRoot) {
      // The folder stays the user's own (SQLite writes its -shm there); only the file is locked.
      fs.chmodSync(dir, 0o755);
      fs.chownSync(dir, 65534, 65534);
      fs.chownSync(file, 65534, 65534);
    }
    const worker = await startWorker('storage', ['read-only-file', file], asRoot ? { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] } : {});
    await worker.exited;
    const steps = Object.fromEntries(worker.lines.map((l) => JSON.parse(l) as { step: string; result: unknown }).map((s) => [s.step, s.result]));
    expect(steps.crashed, worker.stderr()).toBeUndefined();
    expectIo(steps.save as Result<unknown>, /read-only/);
    expectIo(steps.create as Result<unknown>, /read-only/);
    expect(steps.get).toMatchObject({ ok: true, data: { title: 'Kept' } });
    expect(steps.unchanged).toBe(true);
    fs.chmodSync(file, 0o644);
    const lib = await openLibrary(file);
    expect(libraryChecksum(lib.db)).toBe(before);
    lib.close();
  });

  it.skipIf(userNamespaces !== null)('(a read-only mount) refuses saves while shared, and explains why it cannot open alone', async () => {
    const mount = path.join(dir, 'mnt');
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(mount);
    fs.mkdirSync(ro);
    const worker = await startWorker('storage', ['read-only-mount', mount, ro], { prefix: ['unshare', '-Urm'] });
    await worker.exited;
    const steps = Object.fromEntries(worker.lines.map((l) => JSON.parse(l) as { step: string; result: unknown }).map((s) => [s.step, s.result]));
    expect(steps.crashed, worker.stderr()).toBeUndefined();
    expectIo(steps.save as Result<unknown>, /read-only/);
    expectIo(steps.create as Result<unknown>, /read-only/);
    expect(steps.get).toMatchObject({ ok: true, data: { title: 'On a read-only disk' } });
    expect(steps.unchanged).toBe(true);
    expect(steps['open alone']).toMatchObject({ code: 'io', message: expect.stringMatching(/read-only.*copy it to a folder you can write/i) });
    expect(steps.integrity).toBe('ok');
  });
});

describe('storage failures as contract errors', () => {
  it('maps every SQLite storage failure (extended codes included) to a clear io or conflict message', async () => {
    const { toContractError } = await import('../../src/core/api/dispatch.js');
    const sqlite = (code: string, message = 'sqlite says no') => Object.assign(new Error(message), { code });
    const cases: Array<[string, string, RegExp]> = [
      ['SQLITE_FULL', 'io', /disk is full: nothing was saved/],
      ['SQLITE_READONLY', 'io', /read-only: nothing was saved/],
      ['SQLITE_READONLY_RECOVERY', 'io', /read-only/],
      ['SQLITE_READONLY_DBMOVED', 'io', /moved or deleted while open/],
      ['SQLITE_BUSY', 'conflict', /busy .* Try again/],
      ['SQLITE_BUSY_SNAPSHOT', 'conflict', /busy/],
      ['SQLITE_IOERR_WRITE', 'io', /could not be written \(SQLITE_IOERR_WRITE\)/],
      ['SQLITE_IOERR_FSYNC', 'io', /could not be written/],
      ['SQLITE_CANTOPEN', 'io', /could not be written/],
      ['SQLITE_CORRUPT', 'io', /damaged .* Restore a backup/],
      ['SQLITE_CORRUPT_INDEX', 'io', /damaged/],
      ['SQLITE_NOTADB', 'io', /damaged/],
      ['SQLITE_TOOBIG', 'validation', /too large/],
    ];
    for (const [code, expected, message] of cases) {
      const e = toContractError(sqlite(code));
      expect(e.code, code).toBe(expected);
      expect(e.message, code).toMatch(message);
    }
    // Anything else stays internal, with its own message.
    expect(toContractError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
  });
});
