import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { CoreError } from '../errors.js';
import { LATEST_SCHEMA_VERSION, runMigrations } from './migrations.js';
import { backupTo } from './backup.js';
import { BACKSTOP_PAGES } from './between-saves.js';
import { createOwnerOnlyFile, makeOwnerOnlyDir } from './file-modes.js';

/** 'CPYD': marks a SQLite file as a Copydesk library, so we never migrate somebody else's file. */
export const APPLICATION_ID = 0x43505944;

export interface OpenOptions {
  /** Path of a better-sqlite3 native module built for another ABI (Electron's). */
  nativeBinding?: string;
  /** Folder for the automatic pre-migration backup; defaults to `<library dir>/backups`. */
  backupDir?: string;
  readonly?: boolean;
}

export interface Library {
  db: Database;
  path: string;
  /** True when this call created the file: the caller may seed first-run content. */
  created: boolean;
  close(): void;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens (or creates) a library. A file that is not a Copydesk library, is damaged or was made by
 * a newer Copydesk is refused with a clear message and left byte-for-byte untouched: every check
 * happens on a read-only handle before anything is written.
 */
export async function openLibrary(file: string, options: OpenOptions = {}): Promise<Library> {
  const libraryPath = path.resolve(file);
  const exists = checkLibraryPath(libraryPath);
  let fromVersion = 0;
  if (exists) fromVersion = inspectExisting(libraryPath, options);
  else if (options.readonly) throw new CoreError('not_found', `No library at ${libraryPath}.`);
  else createLibraryFile(libraryPath);

  const db = new BetterSqlite3(libraryPath, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
  });
  try {
    applyPragmas(db, options.readonly ?? false);
    if (!options.readonly && fromVersion < LATEST_SCHEMA_VERSION) {
      let backup: string | undefined;
      if (exists) {
        const dir = options.backupDir ?? path.join(path.dirname(libraryPath), 'backups');
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const base = path.basename(libraryPath, path.extname(libraryPath));
        try {
          backup = await backupTo(db, path.join(dir, `${base}-${stamp}-before-v${LATEST_SCHEMA_VERSION}.sqlite`));
        } catch (err) {
          throw new CoreError(storageCode(err), `${libraryPath} needs upgrading to library version ${LATEST_SCHEMA_VERSION}, but the backup taken first could not be written to ${dir} (${(err as Error).message}). The library was left as it was.`);
        }
      } else {
        db.pragma(`application_id = ${APPLICATION_ID}`);
      }
      try {
        runMigrations(db, fromVersion);
      } catch (err) {
        // Each step is one transaction: a failed step rolled back, so the file is as it was.
        const now = db.pragma('user_version', { simple: true }) as number;
        throw new CoreError(storageCode(err), `Upgrading ${libraryPath} from library version ${fromVersion} to ${LATEST_SCHEMA_VERSION} failed: ${(err as Error).message}. ` +
          (now === fromVersion ? 'The library was left as it was' : `The library is intact at version ${now}`) +
          (backup ? `; the copy taken before the upgrade is ${backup}.` : '.'), { from: fromVersion, to: LATEST_SCHEMA_VERSION, at: now });
      }
    }
    if (!options.readonly) {
      // Planner statistics, so list and search queries pick the selective index (an author
      // filter rather than a walk over every published article, say). It only analyses tables
      // whose statistics are missing or stale. No sampling limit: with one (1,000 rows), the
      // indexes that lead with deleted_at (NULL for every live article) were judged selective
      // and an author page at 100,000 articles took 600 ms instead of 0.5 ms. A full ANALYZE
      // of 100,000 articles takes about 2 s, once.
      try {
        db.pragma('analysis_limit = 0');
        db.pragma('optimize = 0x10002');
      } catch {
        // Statistics are an optimisation: a library damaged inside still opens, and its first
        // real read reports the damage as a clear error.
      }
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, path: libraryPath, created: !exists, close: () => db.close() };
}

/**
 * What is at the library path, before anything is opened or created there: true for a library
 * file with content, false where a new library may be made (nothing, or an empty regular file).
 * Only a regular file is a library: a folder, a device (/dev/null, /dev/zero), a pipe or a socket
 * is refused, and so is a symbolic link to nothing, which would create the library wherever the
 * link points (in a shared folder, somebody else's choice).
 */
function checkLibraryPath(libraryPath: string): boolean {
  const link = fs.lstatSync(libraryPath, { throwIfNoEntry: false });
  if (!link) return false;
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(libraryPath, { throwIfNoEntry: false });
  } catch (err) {
    throw unreadable(libraryPath, err);
  }
  if (!stat) {
    const target = readLink(libraryPath);
    throw new CoreError('unsupported_library', `${libraryPath} is a symbolic link to ${target}, which does not exist. Copydesk does not create a library through a link; open or create the library at a real path. Nothing was created.`);
  }
  if (stat.isDirectory()) {
    throw new CoreError('unsupported_library', `${libraryPath} is a folder, not a library file. The folder was left untouched.`);
  }
  if (!stat.isFile()) {
    throw new CoreError('unsupported_library', `${libraryPath} is not a regular file (it is ${kindOf(stat)}), so it cannot be a library. It was left untouched.`);
  }
  try {
    fs.accessSync(libraryPath, fs.constants.R_OK);
  } catch (err) {
    throw unreadable(libraryPath, err);
  }
  return stat.size > 0;
}

/** A new library: owner-only, in folders created owner-only (file-modes.ts). */
function createLibraryFile(libraryPath: string): void {
  makeOwnerOnlyDir(path.dirname(libraryPath));
  try {
    createOwnerOnlyFile(libraryPath);
  } catch (err) {
    // An empty regular file already there is kept with its mode; anything else is refused.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && checkLibraryPath(libraryPath) === false) return;
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CoreError('conflict', `Something appeared at ${libraryPath} while Copydesk was creating the library there. Nothing was overwritten; try again.`);
    throw new CoreError(storageCode(err), `Copydesk could not create a library at ${libraryPath}: ${(err as Error).message}.`);
  }
}

function unreadable(libraryPath: string, err: unknown): CoreError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new CoreError('io', `Copydesk is not allowed to read ${libraryPath} (permission denied: the file, or a folder on its way, belongs to someone else or is not readable by you). It was left untouched.`);
  }
  if (code === 'ELOOP') return new CoreError('unsupported_library', `${libraryPath} is a loop of symbolic links. Nothing was created.`);
  return new CoreError('io', `Copydesk could not look at ${libraryPath} (${code ?? (err as Error).message}). It was left untouched.`);
}

function readLink(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return 'a missing file';
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function applyPragmas(db: Database, readonly: boolean): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // A 64 MB page cache (SQLite's default is 2 MB). A large transaction (a bulk import, an
  // index rebuild) otherwise spills its dirty pages and re-reads them while FTS5 merges:
  // measured on 5,000 corpus articles, 5.0 → 2.7 ms per imported article. Pages are allocated
  // as they are used, so opening a library does not grow the process.
  db.pragma('cache_size = -65536');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives a process crash; only an OS crash can lose the last ones.
    db.pragma('synchronous = NORMAL');
    // Hosts checkpoint between saves (between-saves.ts); this is the backstop.
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  }
}

function inspectExisting(libraryPath: string, options: OpenOptions): number {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(libraryPath, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    throw new CoreError('unsupported_library', `${libraryPath} is not a Copydesk library (it is not a SQLite database). The file was left untouched.`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  const size = fs.statSync(libraryPath).size;
  if (pageCount > 0 && size < pageSize * pageCount) {
    throw new CoreError('unsupported_library', `${libraryPath} is damaged: it is shorter than its header says (truncated copy?). The file was left untouched.`);
  }

  let probe: Database | undefined;
  try {
    probe = new BetterSqlite3(libraryPath, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    const appId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
    const tables = probe.prepare("SELECT count(*) AS n FROM sqlite_schema").get() as { n: number };
    if (appId !== APPLICATION_ID) {
      if (appId === 0 && version === 0 && tables.n === 0) return 0; // an empty SQLite file: ours to fill
      throw new CoreError('unsupported_library', `${libraryPath} is a SQLite database but not a Copydesk library. The file was left untouched.`);
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new CoreError('unsupported_library', `${libraryPath} was made by a newer Copydesk (library version ${version}; this app understands up to ${LATEST_SCHEMA_VERSION}). Update Copydesk to open it. The file was left untouched.`, { version, supported: LATEST_SCHEMA_VERSION });
    }
    return version;
  } catch (err) {
    if (err instanceof CoreError) throw err;
    const unwritable = unwritableFolder(path.dirname(libraryPath));
    if (unwritable && (err as { code?: string }).code?.startsWith('SQLITE_CANTOPEN')) {
      // A WAL library needs its -shm file beside it even to be read.
      throw new CoreError('io', `${libraryPath} is on a read-only disk or in a folder Copydesk cannot write to (${unwritable}); Copydesk needs to write beside a library even to read it. Copy it to a folder you can write to and open the copy. The file was left untouched.`);
    }
    throw new CoreError('unsupported_library', `${libraryPath} could not be read as a Copydesk library: ${(err as Error).message}. The file was left untouched.`);
  } finally {
    probe?.close();
  }
}

/** Why a folder cannot be written to (EROFS, EACCES...), or null when it can. */
function unwritableFolder(dir: string): string | null {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'not writable';
  }
}

/** A failure of the disk underneath is `io`; anything else (a bug in a step) is `internal`. */
function storageCode(err: unknown): 'io' | 'internal' {
  const code = String((err as { code?: unknown })?.code ?? '');
  return /^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN)|ENOSPC|EROFS|EACCES|EPERM|EIO)/.test(code) ? 'io' : 'internal';
}
