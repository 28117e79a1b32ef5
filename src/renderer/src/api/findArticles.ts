import { call, type OutputOf } from './client';

/** An article offered to pick: to link to from the text, or to list as related. */
export interface ArticleCandidate {
  id: number;
  title: string;
  status: OutputOf<'search'>['hits'][number]['status'];
  /** Category breadcrumb, "A › B". */
  path: string;
}

/**
 * The articles matching what a person typed, through the core's search, or the most recently
 * updated ones while nothing is typed. Quotes are dropped (they would open a phrase nobody meant
 * to type); the rest is the query language. `exclude` (the article being edited) is left out;
 * at most `limit` come back (`recentLimit` while nothing is typed, when given).
 */
export async function findArticles(typed: string, options: { limit: number; recentLimit?: number; exclude?: number }): Promise<ArticleCandidate[]> {
  const query = typed.replace(/["]/g, ' ').trim();
  const limit = query ? options.limit : (options.recentLimit ?? options.limit);
  const pageSize = limit + 1; // one more, in case `exclude` is among them
  const found = query
    ? (await call('search', { query, pageSize })).hits
    : (await call('articles.list', { pageSize, sort: 'updated', order: 'desc' })).items;
  return found
    .filter((a) => a.id !== options.exclude)
    .slice(0, limit)
    .map((a) => ({ id: a.id, title: a.title, status: a.status, path: a.categoryPath.join(' › ') }));
}
