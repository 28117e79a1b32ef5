import type { Database } from 'better-sqlite3';
import path from 'node:path';

/** The library's membership of a desk (the one row of desk_state). */
export interface DeskState {
  remote: string;
  authorName: string;
  authorEmail: string;
  baseCommit: string | null;
  lastSyncAt: string | null;
  lastResult: Record<string, unknown>;
}

export function readDeskState(db: Database): DeskState | null {
  const row = db.prepare('SELECT remote, author_name, author_email, base_commit, last_sync_at, last_result FROM desk_state WHERE id = 1').get() as
    | { remote: string; author_name: string; author_email: string; base_commit: string | null; last_sync_at: string | null; last_result: string }
    | undefined;
  if (!row) return null;
  return {
    remote: row.remote, authorName: row.author_name, authorEmail: row.author_email, baseCommit: row.base_commit,
    lastSyncAt: row.last_sync_at, lastResult: JSON.parse(row.last_result) as Record<string, unknown>,
  };
}

/** The bare repository beside the library: `<library file>.desk.git`. */
export const deskRepoPath = (libraryPath: string): string => path.join(path.dirname(libraryPath), `${path.basename(libraryPath)}.desk.git`);

export const maxChangeSeq = (db: Database): number =>
  (db.prepare('SELECT IFNULL(max(seq), 0) AS s FROM desk_changes').get() as { s: number }).s;
