import type { InputOf, OutputOf } from '../api/client';

export type Status = OutputOf<'articles.list'>['items'][number]['status'];
export const STATUSES: readonly Status[] = ['draft', 'in_review', 'ready', 'published', 'archived'];

export type SortKey = 'updated' | 'published' | 'title';

/** Everything that decides which articles the library view shows, and in which order. */
export interface LibraryQuery {
  view: 'articles' | 'trash';
  /** The search box, in the query language (terms, "phrases", -exclude, OR, tag:, ...). */
  text: string;
  categoryId: number | null;
  tagId: number | null;
  statuses: Status[];
  author: string;
  /** YYYY-MM-DD or ''; both ends inclusive as the person picked them. */
  from: string;
  to: string;
  sort: SortKey;
  order: 'asc' | 'desc';
}

export const DEFAULT_QUERY: LibraryQuery = {
  view: 'articles',
  text: '',
  categoryId: null,
  tagId: null,
  statuses: [],
  author: '',
  from: '',
  to: '',
  sort: 'updated',
  order: 'desc',
};

/**
 * Which core operation answers the query. Text and dates need `search` (the list has neither);
 * everything else is the plain list, which can sort any way. The trash is never searched: the
 * search index only holds live articles.
 */
export function usesSearch(q: LibraryQuery): boolean {
  return q.view === 'articles' && (q.text.trim() !== '' || q.from !== '' || q.to !== '');
}

export function hasFilters(q: LibraryQuery): boolean {
  return q.text.trim() !== '' || q.categoryId !== null || q.tagId !== null || q.statuses.length > 0 || q.author.trim() !== '' || q.from !== '' || q.to !== '';
}

export function listInput(q: LibraryQuery, page: number, pageSize: number): InputOf<'articles.list'> {
  return {
    page,
    pageSize,
    sort: q.sort,
    order: q.order,
    trashed: q.view === 'trash',
    ...(q.statuses.length ? { status: q.statuses } : {}),
    ...(q.categoryId !== null ? { categoryId: q.categoryId, includeSubcategories: true } : {}),
    ...(q.tagId !== null ? { tagId: q.tagId } : {}),
    ...(q.author.trim() ? { author: q.author.trim() } : {}),
  };
}

/** The day after a YYYY-MM-DD date: "to 3 May" includes all of 3 May. */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A stable identity for a query: pages fetched for one never show under another. */
export function queryKey(q: LibraryQuery): string {
  return JSON.stringify(q);
}
