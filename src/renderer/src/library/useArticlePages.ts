import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { onLibraryChangeThrottled } from '../app/events';
import type { Status } from './query';

/** One row of the library view, from either the plain list or a search hit. */
export interface ArticleRowData {
  id: number;
  title: string;
  status: Status;
  categoryPath: string[];
  /** Search hits do not carry these: null means "not known here", not "empty". */
  author: string | null;
  publishedAt: string | null;
  updatedAt: string;
  deletedAt: string | null;
  titleRanges?: Array<[number, number]>;
  snippet?: { text: string; ranges: Array<[number, number]> };
}

export interface FetchedPage {
  rows: ArticleRowData[];
  total: number;
  totalIsEstimate: boolean;
  order: 'relevance' | 'recency' | null;
}

/** Fetches page `page` (1-based) of `pageSize` rows. */
export type PageFetcher = (page: number, pageSize: number) => Promise<FetchedPage>;

interface Meta {
  total: number | null;
  totalIsEstimate: boolean;
  order: FetchedPage['order'];
  error: string | null;
  /** Bumped whenever rows change, so a view can re-read them. */
  version: number;
}

/** Pages far from the viewport are dropped beyond this many, so a long scroll does not hoard memory. */
const MAX_CACHED_PAGES = 60;

/**
 * Rows on demand for a virtualized list of any length: the view says which rows it shows
 * (`ensureRange`), and only the pages covering them are fetched. A new query key starts over
 * (the old rows stay on screen until the first new page arrives, so there is no flash); a
 * library change re-fetches the pages in view and forgets the rest.
 */
export function useArticlePages(key: string, fetcher: PageFetcher, pageSize: number) {
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const keyRef = useRef(key);
  keyRef.current = key;
  /** The key the last reload started for. */
  const loadedKey = useRef<string | null>(null);
  const gen = useRef(0);
  const pages = useRef(new Map<number, ArticleRowData[]>());
  const inflight = useRef(new Set<number>());
  const range = useRef<[number, number]>([0, pageSize - 1]);
  const [meta, setMeta] = useState<Meta>({ total: null, totalIsEstimate: false, order: null, error: null, version: 0 });
  const [loading, setLoading] = useState(true);
  const totalRef = useRef<number | null>(null);
  totalRef.current = meta.total;
  const [, rerender] = useReducer((x: number) => x + 1, 0);

  const pagesFor = useCallback((start: number, end: number): number[] => {
    const first = Math.floor(Math.max(0, start) / pageSize) + 1;
    const last = Math.floor(Math.max(start, end) / pageSize) + 1;
    const out: number[] = [];
    for (let p = first; p <= last; p++) out.push(p);
    return out;
  }, [pageSize]);

  /** The count the list should show, corrected by what a page just revealed. */
  const adjustTotal = useCallback((page: number, got: FetchedPage): number => {
    const before = (page - 1) * pageSize;
    if (got.rows.length < pageSize && (got.rows.length > 0 || page > 1)) return Math.min(got.total, before + got.rows.length);
    // An estimated total can be short: a full last page means there is more to scroll to.
    if (got.totalIsEstimate && got.rows.length === pageSize && before + pageSize >= got.total) return before + 2 * pageSize;
    return got.total;
  }, [pageSize]);

  const reload = useCallback((fromTop: boolean) => {
    const my = ++gen.current;
    loadedKey.current = keyRef.current;
    inflight.current = new Set();
    if (fromTop) range.current = [0, pageSize - 1];
    const wanted = pagesFor(range.current[0], range.current[1]).slice(0, 10);
    setLoading(true);
    Promise.all(wanted.map((p) => fetcherRef.current(p, pageSize))).then(
      (results) => {
        if (my !== gen.current) return;
        const next = new Map<number, ArticleRowData[]>();
        results.forEach((r, i) => next.set(wanted[i]!, r.rows));
        pages.current = next;
        const lastIndex = results.length - 1;
        const last = results[lastIndex]!;
        setMeta((m) => ({ total: adjustTotal(wanted[lastIndex]!, last), totalIsEstimate: last.totalIsEstimate, order: last.order, error: null, version: m.version + 1 }));
        setLoading(false);
      },
      (err: Error) => {
        if (my !== gen.current) return;
        setMeta((m) => ({ ...m, error: err.message, version: m.version + 1 }));
        setLoading(false);
      },
    );
  }, [adjustTotal, pageSize, pagesFor]);

  useEffect(() => {
    reload(true);
  }, [key, reload]);

  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => onLibraryChangeThrottled(() => reloadRef.current(false), 1000), []);

  const ensureRange = useCallback((start: number, end: number) => {
    range.current = [start, end];
    if (loading) return; // the reload in flight covers the view; the view asks again when it lands
    // A new key whose reload has not started: the list's own effects run before this hook's,
    // and would fetch the old scroll position's pages of the new query (page 60 of a search
    // begun at the bottom of the list), which the reload then discards, after the core spent
    // a search on it ahead of page 1.
    if (loadedKey.current !== keyRef.current) return;
    const my = gen.current;
    // Ask a little beyond the view on both sides, so the next page is usually there before the
    // scroll reaches it.
    const ahead = Math.ceil(pageSize / 4);
    const lastRow = totalRef.current === null ? end : Math.max(end, Math.min(end + ahead, totalRef.current - 1));
    for (const p of pagesFor(Math.max(0, start - ahead), lastRow)) {
      if (pages.current.has(p) || inflight.current.has(p)) continue;
      inflight.current.add(p);
      fetcherRef.current(p, pageSize).then(
        (got) => {
          if (my !== gen.current) return;
          inflight.current.delete(p);
          pages.current.set(p, got.rows);
          evictFarPages(pages.current, pagesFor(range.current[0], range.current[1]));
          setMeta((m) => ({ ...m, total: adjustTotal(p, got), totalIsEstimate: got.totalIsEstimate, error: null, version: m.version + 1 }));
          rerender();
        },
        (err: Error) => {
          if (my !== gen.current) return;
          inflight.current.delete(p);
          setMeta((m) => ({ ...m, error: err.message, version: m.version + 1 }));
        },
      );
    }
  }, [adjustTotal, loading, pageSize, pagesFor]);

  const rowAt = useCallback((index: number): ArticleRowData | undefined => {
    return pages.current.get(Math.floor(index / pageSize) + 1)?.[index % pageSize];
  }, [pageSize]);

  /** Every row fetched so far, with its index (Ctrl+A selects these). */
  const loadedRows = useCallback((): Array<{ index: number; row: ArticleRowData }> => {
    const out: Array<{ index: number; row: ArticleRowData }> = [];
    for (const [p, rows] of [...pages.current.entries()].sort((a, b) => a[0] - b[0])) {
      rows.forEach((row, i) => out.push({ index: (p - 1) * pageSize + i, row }));
    }
    return out;
  }, [pageSize]);

  return { ...meta, loading, ensureRange, rowAt, loadedRows, refresh: () => reload(false) };
}

function evictFarPages(pages: Map<number, ArticleRowData[]>, visible: number[]): void {
  if (pages.size <= MAX_CACHED_PAGES) return;
  const centre = visible[Math.floor(visible.length / 2)] ?? 1;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const p of byDistance.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(p);
}
