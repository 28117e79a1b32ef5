import type { ArticlePatch } from './useAutosave';

/**
 * The unsaved-work journal: every change is written to localStorage synchronously, before
 * anything else happens, so a reload, a crash or a dead server between a keystroke and its save
 * loses nothing. It holds the patch not yet acknowledged by the library and the version it
 * applies to; a successful save with nothing left pending removes it. On opening an article a
 * newer journal is offered back (recovery.ts).
 *
 * One entry per window and article: windows share localStorage (Electron's file:// origin,
 * browser tabs), and one window's save must never clear another's unsaved work. Keys also
 * carry the article's creation time, since libraries share the origin and ids collide.
 */
const PREFIX = 'copydesk.journal.v1:';

export interface JournalEntry {
  /** The window (tab) that wrote it: see ownsOrAbandoned(). */
  owner: string;
  articleId: number;
  createdAt: string;
  /** The library version the patch was made against. */
  baseVersion: number;
  /** Date.now() of the last change written. */
  changedAt: number;
  patch: ArticlePatch;
}

const articleKey = (articleId: number, createdAt: string) => `${PREFIX}${articleId}:${createdAt}:`;
const keyOf = (e: Pick<JournalEntry, 'articleId' | 'createdAt' | 'owner'>) => `${articleKey(e.articleId, e.createdAt)}${e.owner}`;

/**
 * This window's id: kept in sessionStorage, so it survives a reload of the same window (whose
 * journal must be offered back) but differs between windows.
 */
export function windowId(): string {
  const KEY = 'copydesk.windowId';
  try {
    let id = sessionStorage.getItem(KEY);
    if (!id) {
      id = Math.random().toString(36).slice(2, 12);
      sessionStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    return 'window';
  }
}

/** Another window's journal is offered only once that window has been silent this long (closed or crashed). */
export const ABANDONED_MS = 30_000;

/**
 * Whether this window may offer a journal back: its own (a reload or crash of this window), or
 * another window's that has not been written for a while. A journal another open window is
 * still writing belongs to that window's autosave, not to this one.
 */
export function ownsOrAbandoned(entry: JournalEntry, now = Date.now()): boolean {
  return entry.owner === windowId() || now - entry.changedAt > ABANDONED_MS;
}

/** Returns false when the browser refused (storage full even after dropping older journals). */
export function writeJournal(entry: JournalEntry): boolean {
  const key = keyOf(entry);
  const value = JSON.stringify(entry);
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    // Quota: drop other journals, oldest first, and try again.
    for (const other of listJournals().filter((j) => j.key !== key).sort((a, b) => a.changedAt - b.changedAt)) {
      localStorage.removeItem(other.key);
      try {
        localStorage.setItem(key, value);
        return true;
      } catch { /* keep dropping */ }
    }
    return false;
  }
}

/** Every window's journal for one article, newest first. */
export function readJournals(articleId: number, createdAt: string): JournalEntry[] {
  const prefix = articleKey(articleId, createdAt);
  const out: JournalEntry[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(prefix)) continue;
      try {
        const entry = JSON.parse(localStorage.getItem(key) ?? 'null') as JournalEntry | null;
        if (entry && entry.articleId === articleId && entry.createdAt === createdAt && typeof entry.patch === 'object') out.push(entry);
      } catch { /* a damaged entry is skipped */ }
    }
  } catch { /* storage unavailable */ }
  return out.sort((a, b) => b.changedAt - a.changedAt);
}

/** Removes this window's journal for the article, or the given entry's. */
export function clearJournal(articleId: number, createdAt: string, owner = windowId()): void {
  try {
    localStorage.removeItem(keyOf({ articleId, createdAt, owner }));
  } catch { /* storage unavailable: nothing to clear */ }
}

function listJournals(): Array<{ key: string; changedAt: number }> {
  const out: Array<{ key: string; changedAt: number }> = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      out.push({ key, changedAt: (JSON.parse(localStorage.getItem(key) ?? '{}') as JournalEntry).changedAt ?? 0 });
    } catch {
      out.push({ key, changedAt: 0 });
    }
  }
  return out;
}
