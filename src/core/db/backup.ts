import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';

/**
 * Online backup through SQLite's backup API (never a file copy, which can catch a WAL library
 * mid-write). Writes to a temporary name and renames, so a crash never leaves half a backup
 * under the final name. The copy is switched to a rollback journal, so it is one self-contained
 * file that opens anywhere (a WAL header would make SQLite create -wal/-shm files beside it).
 */
export async function backupTo(db: Database, destination: string): Promise<string> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  await db.backup(partial);
  useRollbackJournal(db, partial);
  fs.renameSync(partial, destination);
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
