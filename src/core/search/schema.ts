import type { Database } from 'better-sqlite3';
import { reindexAll } from './indexer.js';

/**
 * Schema step 2: the full-text index, two FTS5 tables (see index.ts for why it looks like this).
 *
 * - contentless (`content=''`): the index stores tokens and positions only; the text itself
 *   already lives in `articles`, and snippets are cut from there.
 * - `contentless_delete=1` (SQLite ≥ 3.43): rows can be deleted and replaced, which a save needs.
 * - `tokenize='ascii'`: our token streams are pre-tokenized (tokens.ts); ascii splits them on
 *   the spaces between tokens and leaves every non-ASCII code point alone.
 * - `detail=full` (the default): positions, so multi-character queries are exact phrase matches.
 * - search_chars answers 1-character queries from presence alone (detail=none: no positions,
 *   about a third of the size the same data costs with positions).
 * - rowid is the article's recency key in both tables (recency-key.ts), search_docs maps
 *   articles to their current key. Only live articles are indexed: trash removes the rows,
 *   restore re-adds them.
 *
 * Released text never changes (libraries made by it exist); later changes are new steps.
 */
export const SEARCH_SCHEMA_V2 = `
CREATE VIRTUAL TABLE search_index USING fts5(
  body, title, excerpt, tags,   -- bigram streams (tokens.ts); body first: column 0 costs no marker bytes
  u_title,                      -- distinct characters of the title: ranks 1-character queries
  tokenize = 'ascii',
  content = '',
  contentless_delete = 1
);
CREATE VIRTUAL TABLE search_chars USING fts5(
  chars,                        -- distinct characters of title, excerpt, tags and body
  tokenize = 'ascii',
  content = '',
  contentless_delete = 1,
  detail = none
);
CREATE TABLE search_docs (
  article_id INTEGER PRIMARY KEY,
  key        INTEGER NOT NULL UNIQUE     -- rowid of the article in search_index and search_chars
) STRICT;
-- Covering indexes for search (search.ts): the articles table holds bodies inline, so reading
-- its rows for thousands of candidates costs a page each. These hold what search filters and
-- orders by. _walk: newest first (deleted_at, updated_at lead); _lookup: candidates by id.
CREATE INDEX articles_search_walk ON articles (deleted_at, updated_at DESC, status, category_id, author, published_at, created_at);
CREATE INDEX articles_search_lookup ON articles (id, updated_at, status, category_id, author, published_at, created_at);
`;

/** Step 2: create the index and fill it for the articles already in the library. */
export function migrateToSearchIndex(db: Database): void {
  db.exec(SEARCH_SCHEMA_V2);
  reindexAll(db);
}
