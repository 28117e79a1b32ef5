import type { Database } from 'better-sqlite3';
import { parseQuery, parseDateBound, type Atom, type ParsedQuery, type QueryFilters } from './query.js';
import { atomTokens, bigramPhrase, charPresence, charInTitle } from './tokens.js';
import { filterSql, type FilterSql } from './filters.js';
import { foldText } from './fold.js';
import { snippetOf, matchRanges, type Snippet } from './snippet.js';
import { loadCategoryIndex } from '../taxonomy/category-index.js';
import { idOfKey } from './recency-key.js';
import { statement } from '../db/statements.js';
import { libraryState } from '../db/library-state.js';
import type { Status } from '../api/schemas.js';

/** Filters given as data (the UI's sidebar) rather than typed into the query. */
export interface StructuredFilters {
  tags?: string[];
  categories?: string[];
  statuses?: Status[];
  authors?: string[];
  /** On or after: an ISO instant, or YYYY / YYYY-MM / YYYY-MM-DD (the start of that period). */
  after?: string;
  /** Before: same forms. */
  before?: string;
}

export interface SearchInput {
  query: string;
  filters?: StructuredFilters;
  page: number;
  pageSize: number;
}

export interface SearchHit {
  id: number;
  title: string;
  slug: string;
  status: Status;
  /** Higher is better. bm25 over the index columns, or field weights in recency order. */
  score: number;
  updatedAt: string;
  categoryPath: string[];
  /** Matches in the title, as [start, end) UTF-16 ranges. */
  titleRanges: Array<[number, number]>;
  snippet: Snippet;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** True when total is an estimate (very common terms: counting exactly would be slow). */
  totalIsEstimate: boolean;
  /** relevance: bm25, recency breaking ties. recency: newest first (very common terms, no terms). */
  order: 'relevance' | 'recency';
  tookMs: number;
}

/** bm25 weights by column (schema.ts order: body, title, excerpt, tags, u_title): title above excerpt, tags above body. */
const WEIGHTS = { body: 1, title: 10, excerpt: 3, tags: 5 } as const;
const BM25 = `bm25(search_index, ${WEIGHTS.body}, ${WEIGHTS.title}, ${WEIGHTS.excerpt}, ${WEIGHTS.tags}, 0)`;

/**
 * Above this many matching articles, ranking every match with bm25 costs more than the search
 * target allows (bm25 is computed for every match before the top 50 are kept), while such a
 * common term says little about relevance anyway: results are then ordered newest first, which
 * stops after one page, and the total is estimated. Measured: see tests/bench/search.ts.
 */
export const RELEVANCE_LIMIT = 4000;

export interface SearchOptions {
  /** Overrides RELEVANCE_LIMIT (tests reach the very-common path with a small library). */
  relevanceLimit?: number;
}

export function search(db: Database, input: SearchInput, options: SearchOptions = {}): SearchResult {
  const started = performance.now();
  const parsed = parseQuery(input.query);
  mergeFilters(parsed.filters, input.filters);
  const result = run(db, parsed, input.page, input.pageSize, options.relevanceLimit ?? RELEVANCE_LIMIT);
  return { ...result, tookMs: performance.now() - started };
}

function mergeFilters(into: QueryFilters, extra: StructuredFilters | undefined): void {
  if (!extra) return;
  into.tags.push(...(extra.tags ?? []));
  into.categories.push(...(extra.categories ?? []));
  into.statuses.push(...(extra.statuses ?? []));
  into.authors.push(...(extra.authors ?? []));
  const after = extra.after === undefined ? undefined : dateFilterInstant(extra.after);
  const before = extra.before === undefined ? undefined : dateFilterInstant(extra.before);
  if (after && (!into.after || after > into.after)) into.after = after;
  if (before && (!into.before || before < into.before)) into.before = before;
}

/**
 * A structured date filter: an ISO instant as given, or a day / month / year (`2024-03`) as
 * the start of that period, as in the query language. Null when it is neither.
 */
export function dateFilterInstant(value: string): string | null {
  const bound = parseDateBound(value);
  if (bound) return bound.start;
  const t = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(t) ? new Date(t).toISOString() : null;
}

/** An SQL condition on an article id column (written with `?` params). */
interface Condition { sql: (id: string) => string; params: unknown[] }

/**
 * How a parsed query is answered. Multi-character atoms are bigram phrases in search_index,
 * single characters presence in search_chars (tokens.ts). One FTS5 expression cannot span two
 * tables, so the plan picks a driver — search_index when any clause is made of multi-character
 * atoms alone (bm25 ranks by it), else search_chars — and turns everything else into
 * conditions on the article id.
 */
export interface MatchPlan {
  driver: { table: 'search_index' | 'search_chars'; match: string } | null;
  conditions: Condition[];
  /** search_index expression for "one of the query's characters is in the title" (char-driven plans). */
  titleChars: string | null;
  /**
   * For a search_index driver made of phrases joined by AND: their distinct bigrams, each of
   * which occurs in at least as many articles as the whole query matches. Null otherwise (OR).
   */
  boundingTokens: string[] | null;
}

/** Condition: the article id `id` is (not) among the matches of an FTS5 expression in `table`. */
const inIndex = (table: string, negate = false): ((id: string) => string) =>
  (id) => `+${id} ${negate ? 'NOT IN' : 'IN'} (SELECT ${idOfKey('rowid')} FROM ${table} WHERE ${table} MATCH ?)`;

export function planQuery(q: ParsedQuery): MatchPlan {
  const indexClauses: string[] = [];
  const charClauses: string[] = [];
  const conditions: Condition[] = [];
  const titleChars: string[] = [];
  const bounding = new Set<string>();
  let bounded = true;
  for (const clause of q.clauses) {
    const phrases: string[] = [];
    const bigrams: string[] = [];
    const chars: string[] = [];
    for (const atom of clause) {
      const t = atomTokens(atom.folded);
      if (!t) continue;
      if (t.kind === 'bigrams') { phrases.push(bigramPhrase(t.tokens)); bigrams.push(...t.tokens); }
      else { chars.push(charPresence(t.token)); titleChars.push(charInTitle(t.token)); }
    }
    const or = (xs: string[]) => (xs.length === 1 ? xs[0]! : `(${xs.join(' OR ')})`);
    if (phrases.length && !chars.length) {
      indexClauses.push(or(phrases));
      // A clause of alternatives matches more than any one of them: no single bigram bounds it.
      if (phrases.length > 1) bounded = false;
      else for (const b of bigrams) bounding.add(b);
    }
    else if (chars.length && !phrases.length) charClauses.push(or(chars));
    else if (phrases.length && chars.length) {
      // "深圳 OR 园": either table may hold the match.
      conditions.push({ sql: (id) => `(${inIndex('search_index')(id)} OR ${inIndex('search_chars')(id)})`, params: [or(phrases), or(chars)] });
    }
  }
  const negPhrases: string[] = [];
  const negChars: string[] = [];
  for (const atom of q.excluded) {
    const t = atomTokens(atom.folded);
    if (t?.kind === 'bigrams') negPhrases.push(bigramPhrase(t.tokens));
    else if (t) negChars.push(charPresence(t.token));
  }

  let driver: MatchPlan['driver'] = null;
  const negate = (expr: string, neg: string[]) => (neg.length ? `(${expr}) NOT (${neg.join(' OR ')})` : expr);
  if (indexClauses.length) {
    driver = { table: 'search_index', match: negate(indexClauses.join(' AND '), negPhrases) };
    if (charClauses.length) conditions.push({ sql: inIndex('search_chars'), params: [charClauses.join(' AND ')] });
    if (negChars.length) conditions.push({ sql: inIndex('search_chars', true), params: [negChars.join(' OR ')] });
  } else if (charClauses.length) {
    driver = { table: 'search_chars', match: negate(charClauses.join(' AND '), negChars) };
    if (negPhrases.length) conditions.push({ sql: inIndex('search_index', true), params: [negPhrases.join(' OR ')] });
  } else {
    if (negPhrases.length) conditions.push({ sql: inIndex('search_index', true), params: [negPhrases.join(' OR ')] });
    if (negChars.length) conditions.push({ sql: inIndex('search_chars', true), params: [negChars.join(' OR ')] });
  }
  return {
    driver,
    conditions,
    titleChars: driver?.table === 'search_chars' && titleChars.length ? titleChars.join(' OR ') : null,
    boundingTokens: driver?.table === 'search_index' && bounded ? [...bounding] : null,
  };
}

/** A match before hydration: its id and score (bm25, title hit, or 0 in recency order). */
interface Match { id: number; score: number }
const RECENCY = 'ORDER BY a.updated_at DESC, a.id DESC';
/**
 * Narrow covering indexes of step 2 (schema.ts): the articles table holds bodies inline, so
 * reading its rows for thousands of candidates costs a page each. Checking filters and reading
 * updated_at from these indexes instead keeps a search to the page of hits it returns.
 */
const BY_ID = 'articles a INDEXED BY articles_search_lookup';
const NEWEST = 'articles a INDEXED BY articles_search_walk';

type Outcome = Omit<SearchResult, 'tookMs'>;

function run(db: Database, q: ParsedQuery, page: number, pageSize: number, limit: number): Outcome {
  const empty: Outcome = { hits: [], total: 0, totalIsEstimate: false, order: 'relevance' };
  const f = filterSql(db, q.filters);
  if (f.impossible) return empty;
  const offset = (page - 1) * pageSize;
  const plan = planQuery(q);
  const terms = q.clauses.flat();
  // Filters and the plan's conditions, on articles `a`.
  const conds = [...f.where, ...plan.conditions.map((c) => c.sql('a.id'))];
  const condParams = [...f.params, ...plan.conditions.flatMap((c) => c.params)];
  const live = ['a.deleted_at IS NULL', ...conds].join(' AND ');

  if (!plan.driver) {
    // No terms to drive the search (only filters, exclusions or mixed OR groups): the filtered
    // articles, newest first, counted exactly.
    const rows = db.prepare(`SELECT a.id, 0 AS score FROM ${NEWEST} WHERE ${live} ${RECENCY} LIMIT ? OFFSET ?`).all(...condParams, pageSize, offset) as Match[];
    const total = db.prepare(`SELECT count(*) FROM ${NEWEST} WHERE ${live}`).pluck().get(...condParams) as number;
    return { hits: hydrate(db, rows, terms, true), total, totalIsEstimate: false, order: 'recency' };
  }

  const { table, match } = plan.driver;
  const ID = idOfKey('rowid');
  // How many articles match, counting no further than the relevance limit (stops early);
  // unknown (null) when one of the query's bigrams already shows it is within the limit.
  const probeConds = plan.conditions.map((c) => ` AND ${c.sql(ID)}`).join('');
  const probe = withinLimitByOneToken(db, plan.boundingTokens, limit) ? null : db.prepare(`SELECT count(*) FROM (SELECT rowid FROM ${table} WHERE ${table} MATCH ?${probeConds} LIMIT ?)`)
    .pluck().get(match, ...plan.conditions.flatMap((c) => c.params), limit + 1) as number;
  if (probe === 0) return empty;
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';

  if (probe === null || probe <= limit) {
    // Few enough to rank them all: bm25 (title above excerpt, tags above body), or for
    // single characters, title hits first; newest first among equals (the rowid is the
    // recency key). Only live articles are indexed, so there is no trash check.
    const scoreSql = table === 'search_index' ? `-${BM25}` : plan.titleChars ? `(rowid IN (SELECT rowid FROM search_index WHERE search_index MATCH ?))` : '0';
    const scoreParams = table === 'search_chars' && plan.titleChars ? [plan.titleChars] : [];
    const ranked = `SELECT ${ID} AS id, rowid AS k, ${scoreSql} AS score FROM ${table} WHERE ${table} MATCH ?`;
    if (conds.length || probe === null) {
      // Every passing match in one query (at most `limit`), so the count comes free: filtered
      // matches, or a query the probe was skipped for.
      const from = conds.length ? `(${ranked}) m JOIN ${BY_ID} ON a.id = m.id ${where}` : `(${ranked}) m`;
      const all = db.prepare(`SELECT m.id, m.score FROM ${from} ORDER BY m.score DESC, m.k DESC`).all(...scoreParams, match, ...condParams) as Match[];
      return { hits: hydrate(db, all.slice(offset, offset + pageSize), terms, table === 'search_chars'), total: all.length, totalIsEstimate: false, order: 'relevance' };
    }
    const rows = db.prepare(`SELECT m.id, m.score FROM (${ranked}) m ORDER BY m.score DESC, m.k DESC LIMIT ? OFFSET ?`)
      .all(...scoreParams, match, pageSize, offset) as Match[];
    const total = probe;
    return { hits: hydrate(db, rows, terms, table === 'search_chars'), total, totalIsEstimate: false, order: 'relevance' };
  }

  // Very common: newest first. FTS5 yields matches in descending key (= recency) order and
  // stops after the page; filters are checked on the way, within a window of recent matches.
  const need = offset + pageSize;
  const window = conds.length ? Math.max(1000, need * 10) : need;
  const newestMatches = `SELECT ${ID} AS id, rowid AS k FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ${window}`;
  const found = db.prepare(conds.length
    ? `SELECT m.id, m.k FROM (${newestMatches}) m JOIN ${BY_ID} ON a.id = m.id ${where} ORDER BY m.k DESC LIMIT ?`
    : `SELECT m.id, m.k FROM (${newestMatches}) m ORDER BY m.k DESC LIMIT ?`,
  ).safeIntegers(true).all(match, ...condParams, need) as Array<{ id: bigint; k: bigint }>;
  if (found.length >= need || (!conds.length)) {
    const rows = found.slice(offset).map((r) => ({ id: Number(r.id), score: 0 }));
    const exhausted = found.length < need;
    let total = found.length;
    if (!exhausted && !conds.length) {
      // The share of matches among the articles at least as recent as the last one seen,
      // times the library: an estimate that costs one range count on search_docs. The probe
      // already showed more than `limit` matches.
      total = Math.max(limit + 1, Math.round(matchShare(db, found[found.length - 1]!.k, found.length) * indexedCount(db)));
    } else if (!exhausted) {
      // Filtered: the term's share among recent articles (from the window of newest matches)
      // times the number of articles passing the filters (counted once per filter and
      // library state). Assumes the term is as frequent inside the filter as outside.
      const edge = db.prepare(`SELECT count(*) AS n, min(k) AS k FROM (${newestMatches})`).safeIntegers(true).get(match) as { n: bigint; k: bigint };
      const share = matchShare(db, edge.k, Number(edge.n));
      total = Math.max(need, Math.round(share * filteredPopulation(db, live, condParams)));
    }
    return { hits: hydrate(db, rows, terms, true), total, totalIsEstimate: !exhausted, order: 'recency' };
  }
  // A common term under a selective filter: every match that passes, newest first; one query
  // gives the page and the exact count.
  const all = selectiveFilterMatches(db, f, plan, table, match, live, condParams);
  const rows = all.slice(offset, offset + pageSize).map((id) => ({ id, score: 0 }));
  return { hits: hydrate(db, rows, terms, true), total: all.length, totalIsEstimate: false, order: 'recency' };
}

/**
 * Every match of a common term that passes selective filters, newest first. With a tag or
 * category filter, the matches are tested against those sets of ids straight from the index
 * (each set is read once), and only the survivors are looked up for the other filters: at
 * 100,000 articles, a term in 30,000 articles under a tag of 5,000 takes 4 ms, where looking up
 * every match (or walking every article against the match set) took 20–60 ms. Without such a
 * filter, the filtered articles are walked newest first against the materialized match set.
 */
function selectiveFilterMatches(db: Database, f: FilterSql, plan: MatchPlan, table: string, match: string, live: string, condParams: unknown[]): number[] {
  if (f.idSets.length === 0) {
    return db.prepare(`SELECT a.id FROM ${NEWEST} WHERE ${live} AND ${inIndex(table)('a.id')} ${RECENCY}`).pluck().all(...condParams, match) as number[];
  }
  const inSets = f.idSets.map((s) => `m.id IN (${s.sql})`);
  const rowConds = [...f.columns.where, ...plan.conditions.map((c) => c.sql('a.id'))];
  const join = rowConds.length ? `JOIN ${BY_ID} ON a.id = m.id` : '';
  const sql = `SELECT m.id FROM (SELECT ${idOfKey('rowid')} AS id, rowid AS k FROM ${table} WHERE ${table} MATCH ?) m ${join}
    WHERE ${[...inSets, ...rowConds].join(' AND ')} ORDER BY m.k DESC`;
  const params = [match, ...f.idSets.flatMap((s) => s.params), ...f.columns.params, ...plan.conditions.flatMap((c) => c.params)];
  return db.prepare(sql).pluck().all(...params) as number[];
}

/**
 * Whether one of `tokens` occurs in at most `limit` articles, which bounds the whole query's
 * matches (an AND of phrases made of them). Each check stops after limit + 1 articles (0.5 ms at
 * 100,000 articles), where the probe of a phrase of common bigrams walks all of their shared
 * candidates (10–15 ms), and ranking then walks them again. Phrases only: a one-bigram query's
 * check would be its probe.
 */
function withinLimitByOneToken(db: Database, tokens: readonly string[] | null, limit: number): boolean {
  if (!tokens || tokens.length < 2) return false;
  const count = statement<[string, number], number>(db, 'SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?)').pluck();
  return tokens.some((t) => count.get(`"${t}"`, limit + 1)! <= limit);
}

/** Matches per article among the articles whose key is at least `lastKey` (`seen` matches there). */
function matchShare(db: Database, lastKey: bigint, seen: number): number {
  const span = db.prepare('SELECT count(*) FROM search_docs WHERE key >= ?').pluck().get(lastKey) as number;
  return Math.min(1, seen / Math.max(1, span));
}

const populations = new WeakMap<Database, { state: string; counts: Map<string, number> }>();

/**
 * Live articles passing a filter, cached per filter until the library changes: the sidebar's
 * filters stay while the query changes, and counting them walks an index of every article.
 */
function filteredPopulation(db: Database, where: string, params: unknown[]): number {
  const state = libraryState(db);
  let cache = populations.get(db);
  if (!cache || cache.state !== state) populations.set(db, (cache = { state, counts: new Map() }));
  const key = `${where}\u0000${JSON.stringify(params)}`;
  let n = cache.counts.get(key);
  if (n === undefined) {
    n = db.prepare(`SELECT count(*) FROM ${NEWEST} WHERE ${where}`).pluck().get(...params) as number;
    cache.counts.set(key, n);
  }
  return n;
}

const liveCounts = new WeakMap<Database, { key: string; count: number }>();

/** Indexed (= live) articles, cached until this or another connection writes. */
function indexedCount(db: Database): number {
  const key = libraryState(db);
  const cached = liveCounts.get(db);
  if (cached?.key === key) return cached.count;
  const count = db.prepare('SELECT count(*) FROM search_docs').pluck().get() as number;
  liveCounts.set(db, { key, count });
  return count;
}

/** Whether a text contains a folded needle: as typed (no folding needed), or once folded. */
function containsFolded(text: string, needle: string): boolean {
  return text.includes(needle) || foldText(text).includes(needle);
}

interface PageRow { id: number; title: string; slug: string; status: Status; updated_at: string; category_id: number | null; excerpt: string; plain_text: string; tags: string | null }

/** The page's articles with titles' highlights, snippets and (in recency order) field-weight scores. */
function hydrate(db: Database, matches: Match[], terms: readonly Atom[], scoreByFields: boolean): SearchHit[] {
  if (matches.length === 0) return [];
  const categories = loadCategoryIndex(db);
  const ids = matches.map((r) => r.id);
  const texts = new Map(
    (db.prepare(`SELECT a.id, a.title, a.slug, a.status, a.updated_at, a.category_id, a.excerpt, a.plain_text,
        (SELECT group_concat(t.name, ' · ') FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tags
        FROM articles a WHERE a.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as PageRow[]).map((t) => [t.id, t]),
  );
  const needles = [...new Set(terms.map((t) => t.folded).filter((s) => s.trim() !== ''))];
  return matches.map((m) => {
    const r = texts.get(m.id)!;
    const t = r;
    let score = m.score;
    if (scoreByFields && needles.length > 0) {
      const fields: Array<[string, number]> = [[r.title, WEIGHTS.title], [t.excerpt, WEIGHTS.excerpt], [t.tags ?? '', WEIGHTS.tags], [t.plain_text, WEIGHTS.body]];
      score = 0;
      for (const [text, w] of fields) for (const n of needles) if (containsFolded(text, n)) score += w;
    }
    let snippet = snippetOf(t.plain_text, needles);
    if (snippet.ranges.length === 0 && t.excerpt) {
      const fromExcerpt = snippetOf(t.excerpt, needles);
      if (fromExcerpt.ranges.length > 0) snippet = fromExcerpt;
    }
    return {
      id: r.id,
      title: r.title,
      slug: r.slug,
      status: r.status,
      score,
      updatedAt: r.updated_at,
      categoryPath: r.category_id === null ? [] : (categories.get(r.category_id)?.path ?? []),
      titleRanges: matchRanges(r.title, needles),
      snippet,
    };
  });
}
