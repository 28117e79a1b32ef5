import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements, cached per connection and keyed by their SQL text.
 *
 * Preparing costs tens of microseconds for a long statement; on hot paths that run thousands
 * of times in a row (a bulk import writes ~15 statements per article, a save ~10) that was a
 * tenth of the work. Only fixed SQL belongs here: text built from variable parts (IN lists of
 * varying length) would grow the cache without bound.
 */
const caches = new WeakMap<Database, Map<string, Statement>>();

export function statement<P extends unknown[] = unknown[], R = unknown>(db: Database, sql: string): Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s as unknown as Statement<P, R>;
}
