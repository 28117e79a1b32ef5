/**
 * Index rows are keyed not by article id but by a recency key: the article's updated_at in
 * milliseconds since 2000 (signed: older dates are negative), times 2^22, plus its id.
 *
 * FTS5 hands out matches in rowid order and stops early under `ORDER BY rowid DESC LIMIT n`, so
 * with this key "newest first" costs one page of the doclist, not a pass over every match:
 * that is how a term found in most of 100,000 articles stays fast (search.ts). bm25 ties break
 * by the key too, which is recency. The id sits in the low 22 bits (`key & ID_MASK`), so no
 * lookup is needed to get back to the article, and keys are unique because ids are.
 *
 * The index is rewritten at every change of updated_at (every save, tag, category or status
 * change re-indexes the article), so keys follow it. Keys exceed 2^53: they stay in SQL and
 * never pass through a JavaScript number. Ids above 2^22 − 1 (4,194,303 articles) are refused.
 */
export const ID_BITS = 22;
export const ID_MASK = 2 ** ID_BITS - 1;
export const MAX_INDEXED_ID = ID_MASK;
const EPOCH_2000_MS = 946_684_800_000;

/** The key of the row `articles` in scope (SQL expression over its updated_at and id). */
export const RECENCY_KEY_SQL = `((CAST(COALESCE(unixepoch(updated_at, 'subsec'), 0) * 1000 AS INTEGER) - ${EPOCH_2000_MS}) * ${2 ** ID_BITS} + id)`;

/** SQL: the article id of an index rowid. */
export const idOfKey = (key: string): string => `(${key} & ${ID_MASK})`;
