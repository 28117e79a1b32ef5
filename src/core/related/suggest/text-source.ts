import type { Database, Statement } from 'better-sqlite3';
import { foldText } from '../../search/fold.js';
import { tokenChars } from '../../search/tokens.js';
import { idOfKey } from '../../search/recency-key.js';

/**
 * Where the text-matching step of suggestions gets its numbers: how many articles contain a
 * term (document frequency, for tf-idf) and which ones do (candidates). This is the one seam
 * between suggestions and the full-text index; everything else in suggest/ is independent of it.
 *
 * Terms are plain words (Segmenter words, names, English words); "contains" means the word
 * occurs as a substring of the title or text, which is what the search index promises.
 */
export interface TextSource {
  /** Shown in suggest's output (`textSource`), so a benchmark can say what it measured. */
  readonly name: string;
  /** The N of idf: the number of live articles, or a close upper bound of it. */
  documentCount(): number;
  /** For each term, about how many live articles contain it (exact for rare terms). */
  documentFrequencies(terms: readonly string[]): Map<string, number>;
  /** Ids of live articles containing the term, at most `limit` of them (the source's best first). */
  articlesContaining(term: string, limit: number): number[];
}

/**
 * Reads every live article's title and text once and answers from memory. Exact, needs no
 * index, and costs a pass over the whole library per request: fine for a few thousand articles
 * (tests, a new library), far too slow for 100,000. It is the fallback when no index answers.
 */
export function scanTextSource(db: Database): TextSource {
  let texts: Array<{ id: number; text: string }> | undefined;
  const load = () =>
    (texts ??= (db.prepare('SELECT id, title, plain_text FROM articles WHERE deleted_at IS NULL').all() as Array<{ id: number; title: string; plain_text: string }>)
      .map((r) => ({ id: r.id, text: `${r.title}\n${r.plain_text}`.normalize('NFKC').toLowerCase() })));
  return {
    name: 'scan',
    documentCount: () => load().length,
    documentFrequencies(terms) {
      const out = new Map<string, number>();
      for (const t of terms) {
        let n = 0;
        for (const a of load()) if (a.text.includes(t)) n++;
        out.set(t, n);
      }
      return out;
    },
    articlesContaining(term, limit) {
      const ids: number[] = [];
      // Highest ids (the newest articles) first, as the index cuts its list newest first.
      const all = load();
      for (let i = all.length - 1; i >= 0 && ids.length < limit; i--) if (all[i]!.text.includes(term)) ids.push(all[i]!.id);
      return ids;
    },
  };
}

/**
 * The full-text index (search/, schema step 2) as a text source. It stores every pair of
 * consecutive folded characters as a token, so a word is found as the phrase of its bigrams in
 * the title or body, with exact-substring semantics. Index rows are keyed by recency
 * (search/recency-key.ts: day of updated_at, then id in the low bits), so `ORDER BY rowid DESC
 * LIMIT n` hands out the newest matches and stops after a page.
 *
 * FTS5 keeps no per-term document counts (fts5vocab computes them by walking the whole doclist,
 * O(df)), so a document frequency is estimated from a few matches: if the `sample`-th oldest
 * match lies k indexed articles from the oldest one, the term occurs in about sample/k of the
 * library. Below `sample` matches the count is exact. The oldest end, because FTS5 walks a
 * doclist forward several times cheaper than backward (measured at 100,000 articles: 0.4 against
 * 1–2 ms a term); the span count walks search_docs' key index and is capped.
 *
 * With `cache` (the default), frequencies are kept per connection, like the statistics a search
 * engine keeps beside its index: they move slowly, and most of an article's frequent words
 * were weighed for an earlier article. The cache is dropped when an article is created (the
 * largest id moves) and after a few minutes, so edits show up soon enough for suggestions.
 */
export function searchIndexTextSource(db: Database, options: { sample?: number; cache?: boolean } = {}): TextSource | null {
  const s = indexStatements(db);
  if (!s) return null;
  const sample = options.sample ?? 16;
  const n = () => s.maxId.get()!;
  return {
    name: 'search-index',
    documentCount: n,
    documentFrequencies(terms) {
      const out = new Map<string, number>();
      const total = n();
      const cache = options.cache === false ? null : frequencyCache(db, total);
      for (const t of terms) {
        let df = cache?.get(t);
        if (df === undefined) {
          const expression = phraseOf(t);
          const r = expression ? s.frequency.get({ expression, sample, cap: SPAN_CAP })! : { found: 0, span: 0 };
          df = r.found < sample ? r.found : Math.min(total, Math.round((sample * total) / Math.max(1, r.span)));
          cache?.set(t, df);
        }
        out.set(t, df);
      }
      return out;
    },
    articlesContaining(term, limit) {
      const expression = phraseOf(term);
      return expression ? s.match.all(expression, limit) : [];
    },
  };
}

const FREQUENCY_CACHE_MS = 5 * 60_000;
const FREQUENCY_CACHE_TERMS = 200_000;
const frequencyCaches = new WeakMap<Database, { maxId: number; since: number; values: Map<string, number> }>();

function frequencyCache(db: Database, maxId: number): Map<string, number> {
  const now = Date.now();
  let c = frequencyCaches.get(db);
  if (!c || c.maxId !== maxId || now - c.since > FREQUENCY_CACHE_MS || c.values.size > FREQUENCY_CACHE_TERMS) {
    frequencyCaches.set(db, (c = { maxId, since: now, values: new Map() }));
  }
  return c.values;
}

/** Spans are counted up to this many articles (a rarer term is then "about this rare"). */
const SPAN_CAP = 20_000;

interface IndexStatements {
  /** Article ids of the newest matches of an FTS5 expression. */
  match: Statement<[string, number], number>;
  /** Matches among the oldest `sample`, and how many indexed articles are as old as the last of them (up to `cap`). */
  frequency: Statement<[{ expression: string; sample: number; cap: number }], { found: number; span: number }>;
  maxId: Statement<[], number>;
}

const indexStatementCache = new WeakMap<Database, IndexStatements>();

/** Prepared once per connection; null while the library has no search index (schema step 1). */
function indexStatements(db: Database): IndexStatements | null {
  let s = indexStatementCache.get(db);
  if (s) return s;
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'search_index' AND type = 'table'").get()) return null;
  // Keys stay in SQL (recency-key.ts): the id is their low bits, and the span is counted there.
  const oldest = 'SELECT rowid AS k FROM search_index WHERE search_index MATCH @expression ORDER BY rowid ASC LIMIT @sample';
  s = {
    match: db.prepare(`SELECT ${idOfKey('rowid')} FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?`).pluck() as Statement<[string, number], number>,
    frequency: db.prepare(`SELECT found, CASE WHEN found < @sample THEN found
        ELSE (SELECT count(*) FROM (SELECT 1 FROM search_docs WHERE key <= last LIMIT @cap)) END AS span
      FROM (SELECT count(*) AS found, max(k) AS last FROM (${oldest}))`),
    maxId: db.prepare('SELECT IFNULL(max(id), 0) FROM articles').pluck() as Statement<[], number>,
  };
  indexStatementCache.set(db, s);
  return s;
}

/** The FTS5 phrase of a word's bigrams, in the title or body (tags and excerpt are other signals). */
function phraseOf(term: string): string | null {
  const chars = tokenChars(foldText(term));
  if (chars.length < 2) return null;
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i]! + chars[i + 1]!);
  // Tokens never contain '"' (tokens.ts encodes ASCII punctuation), so quoting is safe.
  return `{title body} : "${bigrams.join(' ')}"`;
}

/** The text source suggestions use on this library: the search index when present, else the scan. */
export function textSourceFor(db: Database): TextSource {
  return searchIndexTextSource(db) ?? scanTextSource(db);
}
