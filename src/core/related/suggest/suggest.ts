import type { Database } from 'better-sqlite3';
import { notFound } from '../../errors.js';
import type { Status } from '../../api/schemas.js';
import { loadCategoryIndex, type CategoryNode } from '../../taxonomy/category-index.js';
import { loadLinkedArticles, type LinkedArticle } from '../linked-article.js';
import { articleTermCounts } from './key-terms.js';
import { NEARNESS_SCORE, nearestCategories, type Nearness } from './category-nearness.js';
import { isNearDuplicate, resemblance, sketchOf } from './near-duplicate.js';
import { textSourceFor, type TextSource } from './text-source.js';

/**
 * Suggestions of related articles, computed locally and explained. Four kinds of evidence:
 * - shared tags, each weighted by its rarity (idf: a tag on half the library says little);
 * - nearness in the category tree (same category > sibling > cousin);
 * - shared key terms: the article's most distinctive words (tf-idf), looked up in the text
 *   index (the one seam to the index is `TextSource`);
 * - closeness in time, a light tie-breaker.
 * Never suggested: the article itself, trashed and archived articles, articles it already lists
 * or links in its text. An article that repeats this one's text almost entirely is not a
 * suggestion but a finding: it is returned in `nearDuplicates`.
 */

export const MAX_SUGGESTIONS = 50;

export const REASON_KINDS = ['sharedTerms', 'sharedTags', 'sameCategory', 'siblingCategory', 'cousinCategory', 'closeInTime'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export interface Reason {
  kind: ReasonKind;
  /** Evidence in the library's own words: tag names, a category, shared terms, a date. */
  text: string;
  /** The part of the score this reason contributed. */
  weight: number;
}

export interface Suggestion extends LinkedArticle {
  score: number;
  reasons: Reason[];
}

export interface NearDuplicate extends LinkedArticle {
  similarity: number;
  containment: number;
  linked: boolean;
}

export interface SuggestResult {
  articleId: number;
  suggestions: Suggestion[];
  nearDuplicates: NearDuplicate[];
  textSource: string;
}

export interface SuggestOptions {
  limit?: number;
  publishedOnly?: boolean;
  /** Override the text index (tests, benchmarks comparing sources). */
  textSource?: TextSource;
}

/** How much each kind of evidence can add to a score (the weights sum to 1). */
export const WEIGHTS = { text: 0.5, tags: 0.3, category: 0.15, time: 0.05 } as const;

/** Tuning of the candidate step: generous enough that exclusions rarely empty the list. */
const TUNING = {
  /** Most frequent terms of the article whose document frequencies are looked up (one index read each). */
  termsToWeigh: 48,
  /** Distinctive terms matched against the library. */
  keyTerms: 12,
  /** A term in more than this share of the library distinguishes nothing. */
  maxTermShare: 0.25,
  minCommonDf: 50,
  /** Articles taken per key term, per tag and from the same category. */
  perTerm: 400,
  perTag: 2_000,
  perCategory: 200,
  /** Candidates scored in full after the first, cheap ranking. */
  shortlist: 120,
  /** Text candidates checked for near-duplication, and the share of key terms they must hold. */
  duplicateChecks: 20,
  duplicateMinTextShare: 0.5,
  /** Characters of a long text read for its terms (the opening carries the subject). */
  bodyChars: 3_000,
  /** Half-life-like scale of the time signal, in days. */
  timeScaleDays: 365,
  /** Terms and tags named in one reason. */
  reasonItems: 5,
} as const;

interface SourceArticle {
  id: number; title: string; plain_text: string; category_id: number | null;
  published_at: string | null; created_at: string;
}

interface Candidate {
  id: number;
  textWeight: number;
  terms: string[];
  tagWeight: number;
  sameCategory: boolean;
}

interface CandidateFacts {
  id: number; status: Status; deleted_at: string | null; category_id: number | null;
  published_at: string | null; created_at: string;
}

const idf = (n: number, df: number) => Math.log((n + 1) / (df + 0.5));

export function suggestRelated(db: Database, articleId: number, options: SuggestOptions = {}): SuggestResult {
  // One read transaction: a consistent snapshot, and SQLite and FTS5 keep their caches across
  // the few dozen small reads below instead of revalidating them statement by statement.
  return db.transaction(() => suggestInSnapshot(db, articleId, options))();
}

function suggestInSnapshot(db: Database, articleId: number, options: SuggestOptions): SuggestResult {
  const limit = Math.min(options.limit ?? 10, MAX_SUGGESTIONS);
  const article = db
    .prepare('SELECT id, title, plain_text, category_id, published_at, created_at FROM articles WHERE id = ?')
    .get(articleId) as SourceArticle | undefined;
  if (!article) throw notFound('Article', articleId);
  const source = options.textSource ?? textSourceFor(db);
  const n = Math.max(1, source.documentCount());

  const linked = new Set(
    (db.prepare('SELECT target_id AS id FROM related_links WHERE article_id = ? UNION SELECT target_id FROM body_links WHERE article_id = ?')
      .all(articleId, articleId) as Array<{ id: number }>).map((r) => r.id),
  );

  // --- The article's distinctive terms -------------------------------------------------------
  const counts = articleTermCounts(article.title, article.plain_text, TUNING.bodyChars);
  const frequent = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TUNING.termsToWeigh);
  const df = source.documentFrequencies(frequent.map(([t]) => t));
  const keyTerms = frequent
    .map(([term, tf]) => ({ term, df: df.get(term) ?? 0, weight: (1 + Math.log(tf)) * idf(n, df.get(term) ?? 0) }))
    // df 1 is the article itself: such a term cannot match anything else.
    // A very common term is skipped (its candidates would swamp the rest), but only in a library
    // big enough for shares to mean something.
    .filter((t) => t.df >= 2 && t.df <= Math.max(TUNING.minCommonDf, TUNING.maxTermShare * n))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, TUNING.keyTerms);
  const keyWeightTotal = keyTerms.reduce((s, t) => s + t.weight, 0);

  const candidates = new Map<number, Candidate>();
  const candidate = (id: number): Candidate => {
    let c = candidates.get(id);
    if (!c) candidates.set(id, (c = { id, textWeight: 0, terms: [], tagWeight: 0, sameCategory: false }));
    return c;
  };

  for (const t of keyTerms) {
    for (const id of source.articlesContaining(t.term, TUNING.perTerm)) {
      if (id === articleId) continue;
      const c = candidate(id);
      c.textWeight += t.weight;
      c.terms.push(t.term);
    }
  }

  // --- Tags, weighted by rarity ---------------------------------------------------------------
  // The newest `perTag` holders of each tag are candidates; their count (or, for a tag on more
  // articles, how far back the last of them lies) gives the tag's document frequency.
  const tags = db
    .prepare('SELECT t.id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY at.position')
    .all(articleId) as Array<{ id: number; name: string }>;
  const byTag = db.prepare('SELECT article_id FROM article_tags WHERE tag_id = ? ORDER BY article_id DESC LIMIT ?').pluck();
  const maxId = db.prepare('SELECT IFNULL(max(id), 0) FROM articles').pluck().get() as number;
  const tagIdf = new Map<number, number>();
  const holders = new Map<number, number[]>();
  for (const t of tags) {
    const ids = byTag.all(t.id, TUNING.perTag) as number[];
    const df = ids.length < TUNING.perTag ? ids.length : (TUNING.perTag * maxId) / (maxId - ids[ids.length - 1]! + 1);
    tagIdf.set(t.id, Math.max(0, idf(n, df)));
    holders.set(t.id, ids);
  }
  const tagIdfTotal = [...tagIdf.values()].reduce((s, v) => s + v, 0);
  for (const t of tags) {
    for (const id of holders.get(t.id)!) if (id !== articleId) candidate(id).tagWeight += tagIdf.get(t.id)!;
  }

  // --- Same category --------------------------------------------------------------------------
  const categories = loadCategoryIndex(db);
  const myCategories = [
    ...(article.category_id !== null ? [article.category_id] : []),
    ...(db.prepare('SELECT category_id AS id FROM article_categories WHERE article_id = ? ORDER BY position').all(articleId) as Array<{ id: number }>).map((r) => r.id),
  ];
  if (article.category_id !== null) {
    const sameCategory = db.prepare('SELECT id FROM articles WHERE category_id = ? AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT ?');
    for (const { id } of sameCategory.all(article.category_id, TUNING.perCategory) as Array<{ id: number }>) {
      if (id !== articleId) candidate(id).sameCategory = true;
    }
  }

  // --- First, cheap ranking; then full scoring of a shortlist ---------------------------------
  const textShare = (c: Candidate) => (keyWeightTotal > 0 ? c.textWeight / keyWeightTotal : 0);
  const rough = (c: Candidate) =>
    WEIGHTS.text * textShare(c) + WEIGHTS.tags * (tagIdfTotal > 0 ? c.tagWeight / tagIdfTotal : 0) + WEIGHTS.category * (c.sameCategory ? 1 : 0);
  const shortlist = [...candidates.values()]
    .filter((c) => !linked.has(c.id) || textShare(c) > 0.5) // linked ones only matter as possible duplicates
    .sort((a, b) => rough(b) - rough(a) || b.id - a.id)
    .slice(0, TUNING.shortlist);
  const ids = shortlist.map((c) => c.id);
  const facts = loadFacts(db, ids);
  const theirTags = loadTags(db, ids, tags.map((t) => t.id));
  const theirCategories = loadSecondaryCategories(db, ids);
  const myTime = Date.parse(article.published_at ?? article.created_at);
  const tagName = new Map(tags.map((t) => [t.id, t.name]));

  // --- Near-duplicates: the closest texts, compared shingle by shingle ------------------------
  const nearDuplicateIds = new Map<number, { similarity: number; containment: number }>();
  const textClosest = shortlist
    .filter((c) => textShare(c) >= TUNING.duplicateMinTextShare && facts.get(c.id)?.deleted_at === null)
    .sort((a, b) => b.textWeight - a.textWeight || b.id - a.id)
    .slice(0, TUNING.duplicateChecks);
  if (textClosest.length) {
    // Bodies only: a copy often gets a new title (转载, a date), and that does not make it new.
    const mine = sketchOf(article.plain_text);
    const texts = loadTexts(db, textClosest.map((c) => c.id));
    for (const c of textClosest) {
      const theirs = sketchOf(texts.get(c.id) ?? '');
      const r = resemblance(mine, theirs);
      if (isNearDuplicate(mine, theirs, r)) nearDuplicateIds.set(c.id, { similarity: r.jaccard, containment: r.containment });
    }
  }

  const scored: Array<{ id: number; score: number; reasons: Reason[] }> = [];
  for (const c of shortlist) {
    const f = facts.get(c.id);
    if (!f || f.deleted_at !== null || f.status === 'archived' || linked.has(c.id) || nearDuplicateIds.has(c.id)) continue;
    if (options.publishedOnly && f.status !== 'published') continue;
    const reasons: Reason[] = [];

    const text = WEIGHTS.text * textShare(c);
    if (text > 0) reasons.push({ kind: 'sharedTerms', text: c.terms.slice(0, TUNING.reasonItems).join(', '), weight: text });

    const shared = theirTags.get(c.id) ?? [];
    const tagScore = tagIdfTotal > 0 ? shared.reduce((s, id) => s + tagIdf.get(id)!, 0) / tagIdfTotal : 0;
    if (tagScore > 0) {
      const names = [...shared].sort((a, b) => tagIdf.get(b)! - tagIdf.get(a)!).slice(0, TUNING.reasonItems).map((id) => tagName.get(id)!);
      reasons.push({ kind: 'sharedTags', text: names.join(', '), weight: WEIGHTS.tags * tagScore });
    }

    const theirs = [...(f.category_id !== null ? [f.category_id] : []), ...(theirCategories.get(c.id) ?? [])];
    const near = nearestCategories(categories, myCategories, theirs);
    if (near) reasons.push({ kind: categoryReason(near.nearness), text: categoryLabel(categories, near.categoryId), weight: WEIGHTS.category * NEARNESS_SCORE[near.nearness] });

    // Time only breaks ties among articles that have real evidence.
    if (!reasons.length) continue;
    const theirDate = f.published_at ?? f.created_at;
    const days = Math.abs(Date.parse(theirDate) - myTime) / 86_400_000;
    const time = Number.isFinite(days) ? WEIGHTS.time * Math.exp(-days / TUNING.timeScaleDays) : 0;
    if (time >= WEIGHTS.time / 2) reasons.push({ kind: 'closeInTime', text: theirDate.slice(0, 10), weight: time });

    const score = reasons.reduce((s, r) => s + r.weight, 0) + (time < WEIGHTS.time / 2 ? time : 0);
    reasons.sort((a, b) => b.weight - a.weight);
    scored.push({ id: c.id, score, reasons });
  }
  scored.sort((a, b) => b.score - a.score || b.id - a.id);
  const top = scored.slice(0, limit);

  const shown = loadLinkedArticles(db, [...top.map((s) => s.id), ...nearDuplicateIds.keys()], categories);
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    articleId,
    suggestions: top.map((s) => ({
      ...shown.get(s.id)!,
      score: round(s.score),
      reasons: s.reasons.map((r) => ({ ...r, weight: round(r.weight) })),
    })),
    nearDuplicates: [...nearDuplicateIds]
      .map(([id, r]) => ({ ...shown.get(id)!, similarity: round(r.similarity), containment: round(r.containment), linked: linked.has(id) }))
      .sort((a, b) => b.similarity - a.similarity || a.id - b.id),
    textSource: source.name,
  };
}

function categoryReason(n: Nearness): ReasonKind {
  return n === 'same' ? 'sameCategory' : n === 'sibling' ? 'siblingCategory' : 'cousinCategory';
}

function categoryLabel(index: Map<number, CategoryNode>, id: number): string {
  return index.get(id)?.path.join(' > ') ?? '';
}

function chunks<T>(items: readonly T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function loadFacts(db: Database, ids: readonly number[]): Map<number, CandidateFacts> {
  const out = new Map<number, CandidateFacts>();
  for (const chunk of chunks(ids)) {
    const rows = db
      .prepare(`SELECT id, status, deleted_at, category_id, published_at, created_at FROM articles WHERE id IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as CandidateFacts[];
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** For each candidate, which of `tagIds` it carries. */
function loadTags(db: Database, ids: readonly number[], tagIds: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (!tagIds.length) return out;
  for (const chunk of chunks(ids)) {
    const rows = db
      .prepare(`SELECT article_id AS id, tag_id AS tag FROM article_tags
        WHERE article_id IN (${chunk.map(() => '?').join(',')}) AND tag_id IN (${tagIds.map(() => '?').join(',')})`)
      .all(...chunk, ...tagIds) as Array<{ id: number; tag: number }>;
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.tag]);
  }
  return out;
}

function loadSecondaryCategories(db: Database, ids: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const chunk of chunks(ids)) {
    const rows = db
      .prepare(`SELECT article_id AS id, category_id AS c FROM article_categories WHERE article_id IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as Array<{ id: number; c: number }>;
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.c]);
  }
  return out;
}

function loadTexts(db: Database, ids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const chunk of chunks(ids)) {
    const rows = db
      .prepare(`SELECT id, plain_text FROM articles WHERE id IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as Array<{ id: number; plain_text: string }>;
    for (const r of rows) out.set(r.id, r.plain_text);
  }
  return out;
}
