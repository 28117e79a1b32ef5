import type { Database } from 'better-sqlite3';
import { mergeBetweenSaves, mergeSearchSegments } from '../search/indexer.js';
import { libraryState } from './library-state.js';

/**
 * Housekeeping the app does between saves instead of inside them: merging the search index's
 * segments and copying the write-ahead log back into the library file.
 *
 * SQLite does both inside the commit that crosses a threshold: the WAL checkpoint when the log
 * passes 1,000 pages (about every fourteenth autosave of a 30,000-character article, which then
 * took 25–30 ms instead of 13–16), FTS5's automerge every few saves (20–23 ms). Autosave follows
 * a second of idle typing, so there is always a pause to do them in. SQLite's automatic
 * checkpoint stays on as a backstop at BACKSTOP_PAGES for processes without the timer (the
 * CLI, tests), whose log is checkpointed when they close the library anyway; FTS5's crisis
 * merging bounds the index for them.
 */
export const BACKSTOP_PAGES = 10_000;
export const TIDY_EVERY_MS = 2_000;

/** Copies what it can of the log without waiting for readers (a no-op when there is nothing). */
export function checkpointNow(db: Database): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A busy or closed library: the next tick, or the backstop, does it.
  }
}

/** One round of housekeeping: a bounded merge step, then a checkpoint. */
export function tidyNow(db: Database): void {
  try {
    mergeSearchSegments(db);
  } catch {
    // Busy (another writer holds the lock) or read-only: the next tick tries again.
  }
  checkpointNow(db);
}

/**
 * Hands merging to this timer and tidies every `everyMs` until the returned function is called;
 * a tick finds nothing written since the last one is skipped. (A merge step takes the write lock
 * and counts as a change even with nothing to merge, which would also make every cache keyed
 * by the library's state forget itself every two seconds of an idle app.)
 */
export function tidyBetweenSaves(db: Database, everyMs = TIDY_EVERY_MS): () => void {
  try {
    mergeBetweenSaves(db);
  } catch {
    // A read-only library: nothing to tidy.
  }
  let tidiedAt: string | null = null;
  const timer = setInterval(() => {
    if (!db.open || db.inTransaction || libraryState(db) === tidiedAt) return;
    tidyNow(db);
    tidiedAt = libraryState(db);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
