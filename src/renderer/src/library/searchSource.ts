/**
 * The one place the library view talks to full-text search: the view depends only on these
 * local types, and `searchArticles` maps its query (search box + sidebar filters) onto the core's
 * `search` operation. A change in the operation's shape is a change here and nowhere else.
 */
import { call } from '../api/client';
import { dayAfter, type LibraryQuery, type Status } from './query';

export interface SearchHitView {
  id: number;
  title: string;
  status: Status;
  updatedAt: string;
  categoryPath: string[];
  titleRanges: Array<[number, number]>;
  snippet: { text: string; ranges: Array<[number, number]> };
}

export interface SearchPage {
  hits: SearchHitView[];
  total: number;
  totalIsEstimate: boolean;
  order: 'relevance' | 'recency';
}

/** The core accepts at most this many hits per page. */
export const SEARCH_PAGE_LIMIT = 200;

/**
 * Hits the view asks for at a time. Every search as the editor types pays for its first page's
 * titles and snippets, cut from the bodies: at 100,000 articles, a page of 200 took 30–54 ms for
 * a medium phrase where 50 took 22–31 ms, and 13–18 ms for a common term where 50 took 5–9. The
 * list shows a dozen rows and fetches the next page as it scrolls.
 */
export const SEARCH_PAGE_SIZE = 50;

export interface SearchContext {
  /** Slug path of the chosen category (the `category:` filter includes sub-categories). */
  categorySlugPath: string[] | null;
  tagName: string | null;
}

export async function searchArticles(q: LibraryQuery, ctx: SearchContext, page: number, pageSize: number): Promise<SearchPage> {
  const filters = {
    ...(ctx.tagName !== null ? { tags: [ctx.tagName] } : {}),
    ...(ctx.categorySlugPath ? { categories: [ctx.categorySlugPath.join('/')] } : {}),
    ...(q.statuses.length ? { statuses: q.statuses } : {}),
    ...(q.author.trim() ? { authors: [q.author.trim()] } : {}),
    ...(q.from ? { after: q.from } : {}),
    ...(q.to ? { before: dayAfter(q.to) } : {}),
  };
  const result = await call('search', { query: q.text, filters, page, pageSize: Math.min(pageSize, SEARCH_PAGE_LIMIT) });
  return { hits: result.hits, total: result.total, totalIsEstimate: result.totalIsEstimate, order: result.order };
}
