import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { CoreError, notFound } from '../errors.js';
import { backupTo } from './backup.js';
import { createOwnerOnlyFile, makeOwnerOnlyDir } from './file-modes.js';
import { LATEST_SCHEMA_VERSION, runMigrations } from './migrations.js';
import { APPLICATION_ID } from './open.js';

/**
 * The library's backups: automatic rotating copies, "back up now", list and restore.
 *
 * Backups live in `<library dir>/backups/` as `<library name>-<UTC stamp>-<kind>.sqlite`, the
 * same naming openLibrary uses for its pre-migration copy (`...-before-v2.sqlite`), so one
 * listing shows them all. Every copy is made with SQLite's backup API (never a file copy, which
 * can catch a WAL library mid-write).
 *
 * Restore replaces the library *in place*, through SQLite's backup API into the open library
 * file: one write transaction, so a crash mid-restore leaves the old library or the restored one,
 * never a mix; the transport's handle stays valid (nothing to close and reopen, no native
 * binding to rediscover), and any other process holding the library sees the restored data at
 * its next read instead of writing on into an unlinked file, which a rename-over swap would let
 * it do.
 *
 * Backup files are switched to a rollback journal (journal_mode DELETE) once written: a
 * self-contained file that opens anywhere, even read-only media, without -wal/-shm beside it.
 */

export type BackupKind = 'auto' | 'manual' | 'before-restore' | 'imported' | `before-v${number}`;

export interface BackupInfo {
  /** File name inside the backups folder: what `restore` takes. */
  name: string;
  path: string;
  kind: BackupKind;
  createdAt: string;
  bytes: number;
  /** user_version read from the file's header; null when the header is unreadable. */
  schemaVersion: number | null;
}

/** Automatic backups kept: the newest KEEP_LAST, plus the newest of every calendar month. */
export const KEEP_LAST = 7;

const STAMP = /\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z/;
const NAME = new RegExp(`^(?<base>.+)-(?<stamp>${STAMP.source})-(?<kind>auto|manual|before-restore|imported|before-v\\d+)(?:-\\d+)?\\.sqlite$`);

export function backupsDir(libraryPath: string): string {
  return path.join(path.dirname(path.resolve(libraryPath)), 'backups');
}

const libraryBase = (libraryPath: string) => path.basename(libraryPath, path.extname(libraryPath));
const stampOf = (d: Date) => d.toISOString().replace(/[:.]/g, '-');
const isoOfStamp = (s: string) => s.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1T$2:$3:$4.$5Z');

/** The library's backups, newest first. Files of other libraries sharing the folder are ignored. */
export function listBackups(libraryPath: string): BackupInfo[] {
  const dir = backupsDir(libraryPath);
  const base = libraryBase(libraryPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m?.groups || m.groups.base !== base) continue;
    const file = path.join(dir, name);
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    // A symlink could point anywhere: restore only reads real files inside the folder.
    if (!stat?.isFile()) continue;
    out.push({
      name,
      path: file,
      kind: m.groups.kind as BackupKind,
      createdAt: isoOfStamp(m.groups.stamp!),
      bytes: stat.size,
      schemaVersion: headerUserVersion(file),
    });
  }
  return out.sort((a, b) => (a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt)));
}

/** A consistent copy of the open library in its backups folder. */
export async function createBackup(db: Database, libraryPath: string, kind: BackupKind, now = new Date()): Promise<BackupInfo> {
  const dir = backupsDir(libraryPath);
  const file = freeName(dir, `${libraryBase(libraryPath)}-${stampOf(now)}-${kind}`);
  try {
    await backupTo(db, file);
  } catch (err) {
    throw asIoError(err, `The backup could not be written to ${dir}`);
  }
  return infoOf(libraryPath, file);
}

export interface AutoBackupResult {
  created: BackupInfo | null;
  /** Why no backup was made (one was already made today). */
  skipped?: string;
  /** Names of the automatic backups the rotation deleted. */
  pruned: string[];
}

/**
 * What the app calls on quit and from a daily timer: at most one automatic backup per calendar
 * day (local time, as a person means "daily"), then the rotation. Manual, pre-migration,
 * pre-restore and imported backups are never deleted automatically: somebody wanted them.
 */
export async function autoBackup(db: Database, libraryPath: string, now = new Date()): Promise<AutoBackupResult> {
  const latest = listBackups(libraryPath).find((b) => b.kind === 'auto');
  let created: BackupInfo | null = null;
  let skipped: string | undefined;
  if (latest && localDay(new Date(latest.createdAt)) === localDay(now)) {
    skipped = `An automatic backup was already made today (${latest.name}).`;
  } else {
    created = await createBackup(db, libraryPath, 'auto', now);
  }
  return { created, ...(skipped ? { skipped } : {}), pruned: pruneAutomaticBackups(libraryPath) };
}

/** Deletes the automatic backups the policy does not keep; returns their names. */
export function pruneAutomaticBackups(libraryPath: string, keepLast = KEEP_LAST): string[] {
  const pruned: string[] = [];
  for (const b of backupsToPrune(listBackups(libraryPath), keepLast)) {
    try {
      fs.rmSync(b.path);
      pruned.push(b.name);
    } catch {
      // A backup we cannot delete is merely kept; the next rotation tries again.
    }
  }
  return pruned;
}

/**
 * The rotation policy, pure: of the automatic backups keep the newest `keepLast`, and the newest
 * of every calendar month (local time), so a year of use leaves about 7 + 12 files.
 */
export function backupsToPrune(backups: readonly BackupInfo[], keepLast = KEEP_LAST): BackupInfo[] {
  const autos = backups.filter((b) => b.kind === 'auto').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set(autos.slice(0, keepLast));
  const months = new Set<string>();
  for (const b of autos) {
    const month = localDay(new Date(b.createdAt)).slice(0, 7);
    if (!months.has(month)) {
      months.add(month);
      keep.add(b);
    }
  }
  return autos.filter((b) => !keep.has(b));
}

export interface RestoreResult {
  /** The backup now in place. */
  restored: BackupInfo;
  /** The library as it was just before the restore: restoring it undoes the restore. */
  safetyBackup: BackupInfo;
  schemaVersion: number;
  /** The backup's schema version when it had to be migrated after restoring, else null. */
  migratedFrom: number | null;
}

const restoring = new Set<string>();

/**
 * Replaces the open library with one of its backups, after backing up the library as it is.
 *
 * The handle `db` stays open and valid, and now reads the restored data. Everything a caller
 * holds from before (lists, open articles and their versions) is stale and must be reloaded: a
 * save naming a pre-restore version is refused as a conflict when the restored article differs.
 */
export async function restoreBackup(db: Database, libraryPath: string, name: string): Promise<RestoreResult> {
  const backup = listBackups(libraryPath).find((b) => b.name === name);
  if (!backup) throw notFound('Backup', name);
  const key = path.resolve(libraryPath);
  if (restoring.has(key)) throw new CoreError('conflict', 'A restore of this library is already running.');
  restoring.add(key);
  try {
    const source = inspectLibraryFile(db, backup.path);
    const mainPageSize = db.pragma('main.page_size', { simple: true }) as number;
    if (source.pageSize !== mainPageSize) {
      throw new CoreError('unsupported_library', `${backup.name} uses ${source.pageSize}-byte pages and the library ${mainPageSize}-byte pages, so it cannot be restored in place. Open it as a library of its own instead.`);
    }
    const target = path.resolve(libraryPath);
    for (let attempt = 1; ; attempt++) {
      const safetyFile = freeName(backupsDir(libraryPath), `${libraryBase(libraryPath)}-${stampOf(new Date())}-before-restore`);
      const partial = `${safetyFile}.partial`;
      let outcome: CopyOutcome;
      try {
        makeOwnerOnlyDir(path.dirname(safetyFile));
        fs.rmSync(partial, { force: true });
        createOwnerOnlyFile(partial);
        // The copy takes the library's write lock first; the safety backup is read while it is
        // held, so nobody (no other window, no other process) can save in between: the safety
        // backup is exactly what the restore replaces.
        outcome = withAttachedSync(db, backup.path, (alias) =>
          copySync(db, alias, target, false, () => copySync(db, 'main', partial, true) === 'copied'),
        );
        if (outcome === 'copied') {
          makeSelfContained(db, partial);
          fs.renameSync(partial, safetyFile);
        }
      } catch (err) {
        fs.rmSync(partial, { force: true });
        throw asIoError(err, 'The library could not be restored');
      }
      if (outcome === 'copied') {
        let migratedFrom: number | null = null;
        if (source.schemaVersion < LATEST_SCHEMA_VERSION) {
          migratedFrom = source.schemaVersion;
          runMigrations(db, source.schemaVersion);
        }
        try {
          db.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // A reader elsewhere holds the log: the next checkpoint folds it in.
        }
        return {
          restored: backup,
          safetyBackup: infoOf(libraryPath, safetyFile),
          schemaVersion: db.pragma('user_version', { simple: true }) as number,
          migratedFrom,
        };
      }
      // Another connection was in the middle of a save (it holds the write lock for that long):
      // nothing was replaced. Wait a moment and try again.
      fs.rmSync(partial, { force: true });
      if (attempt === 200) {
        throw new CoreError('conflict', 'The library is busy (another window or process keeps saving). Nothing was restored; try again.');
      }
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
  } finally {
    restoring.delete(key);
  }
}

/**
 * Copies a library file from anywhere into the backups folder (as kind `imported`) after checking
 * it is a readable Copydesk library this app understands. Not in the contract: a file path from
 * the renderer could point anywhere; the CLI and the app's native "restore from file" dialog use
 * this, then restore the imported backup by name.
 */
export async function importBackupFile(db: Database, libraryPath: string, file: string, now = new Date()): Promise<BackupInfo> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new CoreError('not_found', `There is no file at ${source}.`);
  if (fs.realpathSync(source) === fs.realpathSync(libraryPath)) throw new CoreError('validation', `${source} is the open library itself.`);
  inspectLibraryFile(db, source);
  const dest = freeName(backupsDir(libraryPath), `${libraryBase(libraryPath)}-${stampOf(now)}-imported`);
  makeOwnerOnlyDir(path.dirname(dest));
  const partial = `${dest}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    createOwnerOnlyFile(partial);
    const outcome = withAttachedSync(db, source, (alias) => copySync(db, alias, partial, true));
    if (outcome !== 'copied') throw new CoreError('conflict', `${source} is being written by another program; try again.`);
    makeSelfContained(db, partial);
    fs.renameSync(partial, dest);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw asIoError(err, `${source} could not be copied into ${path.dirname(dest)}`);
  }
  return infoOf(libraryPath, dest);
}

export interface LibraryFileFacts {
  schemaVersion: number;
  pageSize: number;
}

/**
 * Checks a file is a whole, readable Copydesk library this app can open, through the caller's
 * connection (ATTACH), so it works with whatever native binding the caller was opened with.
 * Throws `unsupported_library` with a message a person can act on.
 */
export function inspectLibraryFile(db: Database, file: string): LibraryFileFacts {
  const header = Buffer.alloc(100);
  let read = 0;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      read = fs.readSync(fd, header, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw new CoreError('io', `${file} could not be read: ${(err as Error).message}`);
  }
  if (read < 100 || header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') {
    throw new CoreError('unsupported_library', `${file} is not a Copydesk library (it is not a SQLite database).`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  if (pageCount > 0 && fs.statSync(file).size < pageSize * pageCount) {
    throw new CoreError('unsupported_library', `${file} is damaged: it is shorter than its header says (a truncated copy?).`);
  }
  let facts: LibraryFileFacts | undefined;
  try {
    withAttachedSync(db, file, (alias) => {
      const appId = db.pragma(`${alias}.application_id`, { simple: true }) as number;
      const version = db.pragma(`${alias}.user_version`, { simple: true }) as number;
      if (appId !== APPLICATION_ID) throw new CoreError('unsupported_library', `${file} is a SQLite database but not a Copydesk library.`);
      if (version < 1) throw new CoreError('unsupported_library', `${file} is an unfinished Copydesk library (it has no schema yet).`);
      if (version > LATEST_SCHEMA_VERSION) {
        throw new CoreError('unsupported_library', `${file} was made by a newer Copydesk (library version ${version}; this app understands up to ${LATEST_SCHEMA_VERSION}).`, { version, supported: LATEST_SCHEMA_VERSION });
      }
      const check = db.pragma(`${alias}.quick_check`, { simple: true }) as string;
      if (check !== 'ok') throw new CoreError('unsupported_library', `${file} is damaged (SQLite reports: ${check}).`);
      facts = { schemaVersion: version, pageSize: db.pragma(`${alias}.page_size`, { simple: true }) as number };
    });
  } catch (err) {
    if (err instanceof CoreError) throw err;
    throw new CoreError('unsupported_library', `${file} could not be read as a Copydesk library: ${(err as Error).message}.`);
  }
  return facts!;
}

type CopyOutcome = 'copied' | 'busy';

interface NativeBackup {
  transfer(pages: number): { totalPages: number; remainingPages: number };
  close(): void;
}

/**
 * Copies database `schema` of `db` (main, or an ATTACHed file) onto the file `destination` with
 * SQLite's backup API, synchronously, in one step.
 *
 * better-sqlite3's public backup() always yields to the event loop between its first step (which
 * takes the destination's write lock) and the rest; a write in this process in that gap would wait
 * out its busy timeout with the event loop blocked. Its native backup object, which the public
 * method wraps, can do it all in one call, so this uses that.
 *
 * `whenLocked` runs once the destination's write lock is held and nothing is copied yet: false
 * abandons the copy ('busy'). 'busy' also when another connection held the destination's write
 * lock or the source stayed locked.
 */
function copySync(db: Database, schema: string, destination: string, isNewFile: boolean, whenLocked?: () => boolean): CopyOutcome {
  const backup = nativeBackup(db, schema, destination, isNewFile);
  try {
    // With SQLITE_BUSY the first step reports zero pages in all: it took no lock and copied nothing.
    if (backup.transfer(0).totalPages === 0) return 'busy';
    if (whenLocked && !whenLocked()) return 'busy';
    for (let tries = 0; tries < 200; tries++) {
      if (backup.transfer(-1).remainingPages === 0) return 'copied';
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // source briefly busy
    }
    return 'busy';
  } finally {
    backup.close(); // rolls back an unfinished copy; a new file left unfinished is deleted
  }
}

function nativeBackup(db: Database, schema: string, destination: string, isNewFile: boolean): NativeBackup {
  const handle = db as unknown as Record<symbol, { backup?: (...args: unknown[]) => NativeBackup } | undefined>;
  const native = Object.getOwnPropertySymbols(db).map((s) => handle[s]).find((v) => typeof v?.backup === 'function');
  if (!native?.backup) throw new CoreError('internal', 'This build of better-sqlite3 does not expose its native backup object, which restore needs.');
  return native.backup(db, schema, destination, isNewFile);
}

/** Switches a freshly written backup file to a rollback journal, so it is one self-contained file. */
function makeSelfContained(db: Database, file: string): void {
  withAttachedSync(db, file, (alias) => db.pragma(`${alias}.journal_mode = DELETE`));
}

let aliasCounter = 0;

function withAttachedSync<T>(db: Database, file: string, fn: (alias: string) => T): T {
  const alias = `cd_file_${++aliasCounter}`;
  db.prepare(`ATTACH DATABASE ? AS ${alias}`).run(file);
  try {
    return fn(alias);
  } finally {
    db.exec(`DETACH DATABASE ${alias}`);
  }
}

function infoOf(libraryPath: string, file: string): BackupInfo {
  const info = listBackups(libraryPath).find((b) => b.path === file);
  if (!info) throw new CoreError('internal', `The backup ${file} was written but cannot be listed.`);
  return info;
}

/** `<stem>.sqlite`, or `<stem>-2.sqlite`... when two backups land in the same millisecond. */
function freeName(dir: string, stem: string): string {
  for (let n = 1; ; n++) {
    const file = path.join(dir, n === 1 ? `${stem}.sqlite` : `${stem}-${n}.sqlite`);
    if (!fs.existsSync(file)) return file;
  }
}

function headerUserVersion(file: string): number | null {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const header = Buffer.alloc(100);
      if (fs.readSync(fd, header, 0, 100, 0) < 100) return null;
      return header.readUInt32BE(60);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function asIoError(err: unknown, what: string): CoreError {
  if (err instanceof CoreError) return err;
  const e = err as { code?: string; message?: string };
  const reason = e.code === 'SQLITE_FULL' || e.code === 'ENOSPC' ? 'the disk is full' : (e.message ?? String(err));
  return new CoreError('io', `${what}: ${reason}.`);
}
