/**
 * Full-text search for a Chinese and English news archive: exact-substring search over folded
 * character bigrams in FTS5, with a query language, filters, ranking and snippets. Why it is
 * built this way: ARCHITECTURE.md, section "Search"; figures: docs/PERFORMANCE.md.
 *
 * Modules: fold.ts (normalisation), tokens.ts (token streams and FTS5 phrases), query.ts (the
 * query language), filters.ts (tag:/category:/status:/author:/dates as SQL), search.ts (plans
 * and runs a query), snippet.ts (highlights), indexer.ts (keeps the index in step),
 * recency-key.ts (index rows keyed newest first), schema.ts
 * (schema step 2).
 */
export { search, planQuery, RELEVANCE_LIMIT, type SearchInput, type SearchResult, type SearchHit, type StructuredFilters } from './search.js';
export { parseQuery, type ParsedQuery, type Atom, type QueryFilters } from './query.js';
export { foldText, foldWithMap } from './fold.js';
export { indexArticle, unindexArticle, reindexAll, optimizeSearchIndex } from './indexer.js';
export { snippetOf, matchRanges, type Snippet } from './snippet.js';
