import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';

/**
 * Online backup through SQLite's backup API (never a file copy, which can catch a WAL library
 * mid-write). Writes to a temporary name and renames, so a crash never leaves half a backup
 * under the final name.
 */
export async function backupTo(db: Database, destination: string): Promise<string> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  await db.backup(partial);
  fs.renameSync(partial, destination);
  return destination;
}
