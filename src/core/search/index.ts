/**
 * Full-text search for a Chinese and English news archive.
 *
 * Why it is built this way (measured with tests/bench/search.ts; figures in the report of
 * issue 4):
 *
 * - Stock FTS5 tokenizers fail Chinese: unicode61 makes a whole run of Han characters one
 *   token; trigram cannot match the 1–2 character words (`项目`, `会议`) that Chinese is full
 *   of; Intl.Segmenter segments by context, so query and text can split differently.
 * - The promise is exact substrings: any run of characters of a title, excerpt, tag or body
 *   finds the article, and nothing without it is returned. So the index is over characters:
 *   every overlapping pair of folded characters (a bigram) with its position, in search_index.
 *   A query of n ≥ 2 characters is the FTS5 phrase of its n−1 bigrams, which matches exactly
 *   where the n characters are consecutive: no verification against stored text is needed.
 *   Single characters are answered from search_chars, the set of distinct characters of each
 *   article without positions (FTS5 detail=none), a third of what positions would cost.
 * - better-sqlite3 cannot register a JavaScript tokenizer, so text is folded and tokenized in
 *   JS (fold.ts, tokens.ts) and handed to FTS5's `ascii` tokenizer as space-separated tokens;
 *   ASCII punctuation is encoded as private-use characters so `R&D` and `10.5%` are searchable.
 * - Folding (NFKC, case, diacritics, Traditional → Simplified) works one code point at a time
 *   so it commutes with concatenation: a substring of the text folds to a substring of the
 *   folded text, on both the indexing and the query side.
 * - Ranking: bm25 with column weights (title 10, tags 5, excerpt 3, body 1), newest first among
 *   equals. bm25 is computed for every match before the top page is kept: fine for a few
 *   thousand matches, far too slow for 50,000. A LIMIT-ed count probes the number of matches;
 *   above RELEVANCE_LIMIT the query is answered newest first instead. For that to stop after
 *   one page, index rows are keyed by a recency key (day of updated_at << 22 | id,
 *   recency-key.ts): FTS5 returns matches in descending key order and stops at the LIMIT, and
 *   the total is estimated from one range count (flagged totalIsEstimate). Alternatives
 *   measured and dropped: asking FTS5 about each article of the updated-at index by rowid
 *   (a doclist parse per row: milliseconds each), materializing the match set (O(matches)),
 *   millisecond keys (7-byte rowid deltas: index 2.6x the id-keyed size; day keys 1.65x on a
 *   3,000-article sample, less as articles per day grow).
 * - Filters and tie-breaks read narrow covering indexes (articles_search_lookup / _walk),
 *   never the article rows, which hold bodies inline (a page read per candidate).
 * - The index is contentless: the text lives once, in `articles`; snippets are cut from it at
 *   read time, with match ranges mapped back through the fold (snippet.ts).
 * - The index is written in the same transaction as every article change (indexer.ts).
 *
 * Modules: fold.ts (normalisation), tokens.ts (token streams and FTS5 phrases), query.ts (the
 * query language), filters.ts (tag:/category:/status:/author:/dates as SQL), search.ts (plans
 * and runs a query), snippet.ts (highlights), indexer.ts (keeps the index in step), schema.ts
 * (schema step 2).
 */
export { search, planQuery, RELEVANCE_LIMIT, type SearchInput, type SearchResult, type SearchHit, type StructuredFilters } from './search.js';
export { parseQuery, type ParsedQuery, type Atom, type QueryFilters } from './query.js';
export { foldText, foldWithMap } from './fold.js';
export { indexArticle, unindexArticle, reindexAll, optimizeSearchIndex } from './indexer.js';
export { snippetOf, matchRanges, type Snippet } from './snippet.js';
