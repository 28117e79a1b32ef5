import type { Database } from 'better-sqlite3';

/**
 * A key that changes whenever this connection or another one writes to the library: what
 * per-connection caches and idle-time housekeeping compare to see whether anything happened.
 */
export function libraryState(db: Database): string {
  return `${db.pragma('data_version', { simple: true })}:${db.prepare('SELECT total_changes()').pluck().get()}`;
}
