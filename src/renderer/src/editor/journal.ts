import type { ArticlePatch } from './useAutosave';

/**
 * The unsaved-work journal: every change is written to localStorage synchronously, before
 * anything else happens, so a reload, a crash or a dead server between a keystroke and its save
 * loses nothing. It holds the patch not yet acknowledged by the library and the version it
 * applies to; a successful save with nothing left pending removes it. On opening an article a
 * newer journal is offered back (useJournalRecovery in ArticleEditor).
 *
 * Keyed by article id *and* creation time: Electron pages of different libraries share one
 * origin (file://), where ids alone would collide.
 */
const PREFIX = 'copydesk.journal.v1:';

export interface JournalEntry {
  articleId: number;
  createdAt: string;
  /** The library version the patch was made against. */
  baseVersion: number;
  /** Date.now() of the last change written. */
  changedAt: number;
  patch: ArticlePatch;
}

const keyOf = (articleId: number, createdAt: string) => `${PREFIX}${articleId}:${createdAt}`;

/** Returns false when the browser refused (storage full even after dropping older journals). */
export function writeJournal(entry: JournalEntry): boolean {
  const key = keyOf(entry.articleId, entry.createdAt);
  const value = JSON.stringify(entry);
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    // Quota: drop other articles' journals, oldest first, and try once more.
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

export function readJournal(articleId: number, createdAt: string): JournalEntry | null {
  try {
    const raw = localStorage.getItem(keyOf(articleId, createdAt));
    if (!raw) return null;
    const entry = JSON.parse(raw) as JournalEntry;
    return entry && entry.articleId === articleId && entry.createdAt === createdAt && typeof entry.patch === 'object' ? entry : null;
  } catch {
    return null;
  }
}

export function clearJournal(articleId: number, createdAt: string): void {
  try {
    localStorage.removeItem(keyOf(articleId, createdAt));
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
