import type { Article, ArticlePatch } from './useAutosave';
import { clearJournal, ownsOrAbandoned, readJournals, type JournalEntry } from './journal';

/**
 * Whether a journal left by an earlier session (a reload, a crash, a lost connection) holds
 * work the library does not have: it must be newer than the stored version (made against it,
 * or after it was saved) and differ from it in some field. A journal whose save did reach the
 * library (the page went away before hearing back) matches the stored article and is dropped
 * silently.
 */
export function pendingRecovery(article: Article): JournalEntry | null {
  for (const entry of readJournals(article.id, article.createdAt)) {
    if (!ownsOrAbandoned(entry)) continue;
    const newer = entry.baseVersion >= article.version || entry.changedAt > Date.parse(article.updatedAt);
    if (newer && differs(entry.patch, article)) return entry;
    clearJournal(article.id, article.createdAt, entry.owner);
  }
  return null;
}

function differs(patch: ArticlePatch, article: Article): boolean {
  const stored = article as unknown as Record<string, unknown>;
  return Object.entries(patch).some(([key, value]) => {
    if (key === 'tags') {
      const have = article.tags.map((t) => t.id);
      const want = (value as Array<number | string>) ?? [];
      return want.length !== have.length || want.some((t, i) => t !== have[i]);
    }
    return JSON.stringify(value) !== JSON.stringify(stored[key]);
  });
}
