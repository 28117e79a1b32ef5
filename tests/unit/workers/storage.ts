/**
 * Storage-failure child: runs one scenario against a real file system the parent cannot set up
 * itself (a tiny tmpfs, a read-only mount, a file this user may not write), and reports what each
 * contract call returned as one JSON line per step: `{"step": ..., "result": ...}`.
 *
 *   storage full-disk DIR          (inside `unshare -Urm`: mounts a 4 MB tmpfs on DIR)
 *   storage read-only-mount DIR RO (inside `unshare -Urm`: tmpfs on DIR, read-only view on RO)
 *   storage read-only-file FILE    (as an unprivileged user, FILE chmod 0444 by the parent)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLibrary } from '../../../src/core/db/open.js';
import { dispatch } from '../../../src/core/api/dispatch.js';
import { bodyFromParagraphs } from '../../../src/core/content/lexical-json.js';
import { libraryChecksum, report } from './shared.js';

const [mode, a1, a2] = process.argv.slice(2);
const step = (name: string, result: unknown) => report(JSON.stringify({ step: name, result }));
const bigBody = () => bodyFromParagraphs(Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: ${'新材料及智能装备产业园 '.repeat(40)}`));

function integrity(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

async function fullDisk(dir: string): Promise<void> {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
  const file = path.join(dir, 'library.sqlite');
  const lib = await openLibrary(file);
  const ctx = { db: lib.db, libraryPath: lib.path };
  const created = await dispatch(ctx, 'articles.create', { title: 'Saved before the disk filled', body: bodyFromParagraphs(['The text already saved.']) });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const { id, version } = created.data as { id: number; version: number };
  const before = libraryChecksum(lib.db);
  // Fill the disk with another file, as a download or a video export would.
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(16 * 1024, 7));
  } catch (err) {
    step('filled', (err as NodeJS.ErrnoException).code);
  } finally {
    fs.closeSync(fd);
  }
  step('save', await dispatch(ctx, 'articles.save', { id, version, title: 'A long new draft', body: bigBody() }));
  step('create', await dispatch(ctx, 'articles.create', { title: 'New', body: bigBody() }));
  step('backup', await dispatch(ctx, 'backup.create', {}));
  // A failed backup leaves nothing behind to eat what little space is left.
  step('backups folder', fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')) : []);
  step('unchanged', libraryChecksum(lib.db) === before);
  step('get', await dispatch(ctx, 'articles.get', { id }));
  step('integrity', lib.db.pragma('integrity_check', { simple: true }));
  fs.rmSync(filler);
  const retry = await dispatch(ctx, 'articles.save', { id, version, title: 'A long new draft', body: bigBody() });
  step('save after freeing space', retry.ok ? { ok: true, version: (retry.data as { version: number }).version } : retry);
  lib.close();
  step('integrity after close', integrity(file));
}

async function readOnlyMount(dir: string, ro: string): Promise<void> {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir]);
  const file = path.join(dir, 'library.sqlite');
  const writer = await openLibrary(file);
  const wctx = { db: writer.db, libraryPath: writer.path };
  const created = await dispatch(wctx, 'articles.create', { title: 'On a read-only disk', body: bodyFromParagraphs(['The text already saved.']) });
  const { id, version } = (created as { ok: true; data: { id: number; version: number } }).data;
  // A read-only view of the same folder, as a write-protected share or a locked-down mount gives.
  execFileSync('mount', ['--bind', dir, ro]);
  execFileSync('mount', ['-o', 'remount,bind,ro', ro]);
  const roFile = path.join(ro, 'library.sqlite');

  // 1. Another window has the library open (its -wal and -shm exist): this one can read, not write.
  const lib = await openLibrary(roFile);
  const ctx = { db: lib.db, libraryPath: lib.path };
  const before = libraryChecksum(lib.db);
  step('save', await dispatch(ctx, 'articles.save', { id, version, title: 'Changed' }));
  step('create', await dispatch(ctx, 'articles.create', { title: 'New' }));
  step('get', await dispatch(ctx, 'articles.get', { id }));
  step('unchanged', libraryChecksum(lib.db) === before);
  lib.close();
  writer.close();

  // 2. Nobody has it open: no -shm beside it, which SQLite needs even to read a WAL library.
  const opened = await openLibrary(roFile).then(() => 'opened', (err: Error & { code?: string }) => ({ code: err.code, message: err.message }));
  step('open alone', opened);
  step('integrity', integrity(file));
}

async function readOnlyFile(file: string): Promise<void> {
  const lib = await openLibrary(file);
  const ctx = { db: lib.db, libraryPath: lib.path };
  const before = libraryChecksum(lib.db);
  const id = (lib.db.prepare('SELECT id, version FROM articles ORDER BY id LIMIT 1').get() as { id: number; version: number });
  step('save', await dispatch(ctx, 'articles.save', { id: id.id, version: id.version, title: 'Changed' }));
  step('create', await dispatch(ctx, 'articles.create', { title: 'New' }));
  step('get', await dispatch(ctx, 'articles.get', { id: id.id }));
  step('unchanged', libraryChecksum(lib.db) === before);
  lib.close();
}

try {
  if (mode === 'full-disk') await fullDisk(a1!);
  else if (mode === 'read-only-mount') await readOnlyMount(a1!, a2!);
  else if (mode === 'read-only-file') await readOnlyFile(a1!);
  else throw new Error(`unknown mode ${mode}`);
  step('done', true);
} catch (err) {
  step('crashed', { message: (err as Error).message, stack: (err as Error).stack });
  process.exitCode = 1;
}
