import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { createOwnerOnlyFile, makeOwnerOnlyDir } from './file-modes.js';

/**
 * Online backup through SQLite's backup API (never a file copy, which can catch a WAL library
 * mid-write). Writes to a temporary name and renames, so a crash never leaves half a backup
 * under the final name. The copy is switched to a rollback journal, so it is one self-contained
 * file that opens anywhere (a WAL header would make SQLite create -wal/-shm files beside it).
 * Backups are owner-only files in owner-only folders, like the library (file-modes.ts).
 */
export async function backupTo(db: Database, destination: string): Promise<string> {
  makeOwnerOnlyDir(path.dirname(destination));
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  // Created owner-only before SQLite writes into it, so no copy is ever readable by others.
  createOwnerOnlyFile(partial);
  try {
    await db.backup(partial);
    useRollbackJournal(db, partial);
    fs.renameSync(partial, destination);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return destination;
}

let attachCounter = 0;

function useRollbackJournal(db: Database, file: string): void {
  const alias = `cd_backup_${++attachCounter}`;
  db.prepare(`ATTACH DATABASE ? AS ${alias}`).run(file);
  try {
    db.pragma(`${alias}.journal_mode = DELETE`);
  } finally {
    db.exec(`DETACH DATABASE ${alias}`);
  }
}
