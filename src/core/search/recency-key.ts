/**
 * Index rows are keyed not by article id but by a recency key: the day of the article's
 * updated_at (days since 2000-01-01 UTC; older dates are negative) times 2^22, plus its id.
 *
 * FTS5 hands out matches in rowid order and stops early under `ORDER BY rowid DESC LIMIT n`, so
 * with this key "newest first" costs one page of the doclist, not a pass over every match:
 * that is how a term found in most of 100,000 articles stays fast (search.ts). bm25 ties break
 * by the key too. The id sits in the low 22 bits (`key & ID_MASK`), so no lookup is needed to
 * get back to the article, and keys are unique because ids are.
 *
 * Why days, not milliseconds: every doclist entry stores the rowid delta to the previous one.
 * With millisecond keys consecutive articles differ by ~2^40 (7-byte deltas); with day keys
 * articles of the same day differ by their ids (1–2 bytes) and other days by a few × 2^22
 * (4 bytes). Measured on the corpus: the millisecond key doubled search_index. The price is
 * that "newest first" orders by day, then by id (creation order) within a day.
 *
 * The index is rewritten at every change of updated_at (every save, tag, category or status
 * change re-indexes the article), so keys follow it. Keys exceed 2^53: they stay in SQL and
 * never pass through a JavaScript number. Ids above 2^22 − 1 (4,194,303 articles) are refused.
 */
export const ID_BITS = 22;
export const ID_MASK = 2 ** ID_BITS - 1;
export const MAX_INDEXED_ID = ID_MASK;
/** julianday('2000-01-01T00:00:00Z') */
const JULIAN_2000 = 2451544.5;

/** The key of the row of `articles` in scope (SQL expression over its updated_at and id). */
export const RECENCY_KEY_SQL = `(CAST(floor(COALESCE(julianday(updated_at), ${JULIAN_2000}) - ${JULIAN_2000}) AS INTEGER) * ${2 ** ID_BITS} + id)`;

/** SQL: the article id of an index rowid. */
export const idOfKey = (key: string): string => `(${key} & ${ID_MASK})`;
