import type { Database } from 'better-sqlite3';
import { notFound } from '../../errors.js';
import { loadCategoryIndex, type CategoryNode } from '../../taxonomy/category-index.js';
import { loadLinkedArticles, type LinkedArticle } from '../linked-article.js';
import { articleTermCounts } from './key-terms.js';
import { NEARNESS_SCORE, nearestCategories, type Nearness } from './category-nearness.js';
import { isNearDuplicate, resemblance, sketchOf, type Resemblance } from './near-duplicate.js';
import { textSourceFor, type TextSource } from './text-source.js';
import { groupBy, suggestStatements, type CandidateFacts } from './statements.js';

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
  termsToWeigh: 16,
  /** Distinctive terms matched against the library. */
  keyTerms: 10,
  /** A term in more than this share of the library distinguishes nothing. */
  maxTermShare: 0.25,
  minCommonDf: 50,
  /** Articles taken per key term, per tag and from the same category. */
  perTerm: 150,
  perTag: 1_000,
  perCategory: 200,
  /** Candidates scored in full after the first, cheap ranking. */
  shortlist: 100,
  /** Text candidates checked for near-duplication, and the share of key terms they must hold. */
  duplicateChecks: 6,
  duplicateMinTextShare: 0.85,
  /** Characters of a long text read for its terms (the opening carries the subject). */
  bodyChars: 2_500,
  /** Half-life-like scale of the time signal, in days. */
  timeScaleDays: 365,
  /** Terms and tags named in one reason. */
  reasonItems: 5,
} as const;

interface Candidate {
  id: number;
  textWeight: number;
  /** Bit i set: holds key term i (there are at most 30 key terms). */
  terms: number;
  tagWeight: number;
  sameCategory: boolean;
}

const idf = (n: number, df: number) => Math.log((n + 1) / (df + 0.5));

export function suggestRelated(db: Database, articleId: number, options: SuggestOptions = {}): SuggestResult {
  // One read transaction: a consistent snapshot, and SQLite and FTS5 keep their caches across
  // the few dozen small reads below instead of revalidating them statement by statement.
  return db.transaction(() => suggestInSnapshot(db, articleId, options))();
}

function suggestInSnapshot(db: Database, articleId: number, options: SuggestOptions): SuggestResult {
  const sql = suggestStatements(db);
  const limit = Math.min(options.limit ?? 10, MAX_SUGGESTIONS);
  const article = sql.article.get(articleId);
  if (!article) throw notFound('Article', articleId);
  const source = options.textSource ?? textSourceFor(db);
  const n = Math.max(1, source.documentCount());
  const linked = new Set(sql.linked.all(articleId, articleId));

  const candidates = new Map<number, Candidate>();
  const candidate = (id: number): Candidate => {
    let c = candidates.get(id);
    if (!c) candidates.set(id, (c = { id, textWeight: 0, terms: 0, tagWeight: 0, sameCategory: false }));
    return c;
  };

  // --- Shared key terms -----------------------------------------------------------------------
  const keyTerms = distinctiveTerms(article.title, article.plain_text, source, n);
  const keyWeightTotal = keyTerms.reduce((s, t) => s + t.weight, 0);
  keyTerms.forEach((t, bit) => {
    for (const id of source.articlesContaining(t.term, TUNING.perTerm)) {
      if (id === articleId) continue;
      const c = candidate(id);
      c.textWeight += t.weight;
      c.terms |= 1 << bit;
    }
  });

  // --- Tags, weighted by rarity ---------------------------------------------------------------
  // The newest `perTag` holders of each tag are candidates; their count (or, for a tag on more
  // articles, how far back the last of them lies) gives the tag's document frequency.
  const tags = sql.tags.all(articleId);
  const maxId = sql.maxId.get()!;
  const tagIdf = new Map<number, number>();
  for (const t of tags) {
    const holders = sql.tagHolders.all(t.id, TUNING.perTag);
    const df = holders.length < TUNING.perTag ? holders.length : (TUNING.perTag * maxId) / (maxId - holders[holders.length - 1]! + 1);
    const weight = Math.max(0, idf(n, df));
    tagIdf.set(t.id, weight);
    for (const id of holders) if (id !== articleId) candidate(id).tagWeight += weight;
  }
  const tagIdfTotal = [...tagIdf.values()].reduce((s, v) => s + v, 0);

  // --- Same category --------------------------------------------------------------------------
  const categories = loadCategoryIndex(db);
  const myCategories = [...(article.category_id !== null ? [article.category_id] : []), ...sql.secondaryCategories.all(articleId)];
  if (article.category_id !== null) {
    for (const id of sql.inCategory.all(article.category_id, TUNING.perCategory)) if (id !== articleId) candidate(id).sameCategory = true;
  }

  // --- A cheap first ranking, then full scoring of a shortlist --------------------------------
  const textShare = (c: Candidate) => (keyWeightTotal > 0 ? c.textWeight / keyWeightTotal : 0);
  const tagShare = (c: Candidate) => (tagIdfTotal > 0 ? c.tagWeight / tagIdfTotal : 0);
  const rough = (c: Candidate) => WEIGHTS.text * textShare(c) + WEIGHTS.tags * tagShare(c) + WEIGHTS.category * (c.sameCategory ? 1 : 0);
  const shortlist = [...candidates.values()]
    // Linked articles are never suggested; they stay only as possible near-duplicates.
    .filter((c) => !linked.has(c.id) || textShare(c) >= TUNING.duplicateMinTextShare)
    .sort((a, b) => rough(b) - rough(a) || b.id - a.id)
    .slice(0, TUNING.shortlist);
  const ids = JSON.stringify(shortlist.map((c) => c.id));
  const facts = new Map<number, CandidateFacts>(sql.facts.all(ids).map((f) => [f.id, f]));
  const theirTags = groupBy(sql.tagsOf.all(ids, JSON.stringify(tags.map((t) => t.id))), (r) => r.tag);
  const theirCategories = groupBy(sql.secondaryCategoriesOf.all(ids), (r) => r.category);

  const nearDuplicates = findNearDuplicates(db, article.plain_text, shortlist.filter((c) => {
    const f = facts.get(c.id);
    return f !== undefined && f.deleted_at === null && textShare(c) >= TUNING.duplicateMinTextShare;
  }));

  const tagName = new Map(tags.map((t) => [t.id, t.name]));
  const myTime = Date.parse(article.published_at ?? article.created_at);
  const scored: Array<{ id: number; score: number; reasons: Reason[] }> = [];
  for (const c of shortlist) {
    const f = facts.get(c.id);
    if (!f || f.deleted_at !== null || f.status === 'archived' || linked.has(c.id) || nearDuplicates.has(c.id)) continue;
    if (options.publishedOnly && f.status !== 'published') continue;
    const reasons: Reason[] = [];

    const text = WEIGHTS.text * textShare(c);
    if (text > 0) {
      const shared = keyTerms.filter((_, bit) => c.terms & (1 << bit)).slice(0, TUNING.reasonItems);
      reasons.push({ kind: 'sharedTerms', text: shared.map((t) => t.term).join(', '), weight: text });
    }

    const shared = theirTags.get(c.id) ?? [];
    const tagScore = tagIdfTotal > 0 ? shared.reduce((s, id) => s + tagIdf.get(id)!, 0) / tagIdfTotal : 0;
    if (tagScore > 0) {
      const names = [...shared].sort((a, b) => tagIdf.get(b)! - tagIdf.get(a)!).slice(0, TUNING.reasonItems).map((id) => tagName.get(id)!);
      reasons.push({ kind: 'sharedTags', text: names.join(', '), weight: WEIGHTS.tags * tagScore });
    }

    const theirs = [...(f.category_id !== null ? [f.category_id] : []), ...(theirCategories.get(c.id) ?? [])];
    const near = nearestCategories(categories, myCategories, theirs);
    if (near) reasons.push({ kind: categoryReason(near.nearness), text: categoryLabel(categories, near.categoryId), weight: WEIGHTS.category * NEARNESS_SCORE[near.nearness] });

    // Time only breaks ties among articles that have real evidence, and is named only when close.
    if (!reasons.length) continue;
    const theirDate = f.published_at ?? f.created_at;
    const days = Math.abs(Date.parse(theirDate) - myTime) / 86_400_000;
    const time = Number.isFinite(days) ? WEIGHTS.time * Math.exp(-days / TUNING.timeScaleDays) : 0;
    const named = time >= WEIGHTS.time / 2;
    if (named) reasons.push({ kind: 'closeInTime', text: theirDate.slice(0, 10), weight: time });

    const score = reasons.reduce((s, r) => s + r.weight, 0) + (named ? 0 : time);
    reasons.sort((a, b) => b.weight - a.weight);
    scored.push({ id: c.id, score, reasons });
  }
  scored.sort((a, b) => b.score - a.score || b.id - a.id);
  const top = scored.slice(0, limit);

  const shown = loadLinkedArticles(db, [...top.map((s) => s.id), ...nearDuplicates.keys()], categories);
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    articleId,
    suggestions: top.map((s) => ({
      ...shown.get(s.id)!,
      score: round(s.score),
      reasons: s.reasons.map((r) => ({ ...r, weight: round(r.weight) })),
    })),
    nearDuplicates: [...nearDuplicates]
      .map(([id, r]) => ({ ...shown.get(id)!, similarity: round(r.jaccard), containment: round(r.containment), linked: linked.has(id) }))
      .sort((a, b) => b.similarity - a.similarity || a.id - b.id),
    textSource: source.name,
  };
}

/**
 * The article's most distinctive terms, by tf-idf. Each weighing is one index read, so only the
 * article's most used terms are weighed (title words count three times); among terms used
 * equally often, longer ones first (a longer word is a more specific one), then the earlier
 * (the opening of a news article carries its subject; counts keep first-occurrence order).
 */
function distinctiveTerms(title: string, plainText: string, source: TextSource, n: number): Array<{ term: string; weight: number }> {
  const counts = articleTermCounts(title, plainText, TUNING.bodyChars);
  const frequent = [...counts]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length) // stable: ties keep text order
    .slice(0, TUNING.termsToWeigh);
  const df = source.documentFrequencies(frequent.map(([t]) => t));
  return frequent
    .map(([term, tf]) => ({ term, df: df.get(term) ?? 0, weight: (1 + Math.log(tf)) * idf(n, df.get(term) ?? 0) }))
    // df 1 is the article itself: such a term cannot match anything else. A very common term is
    // skipped (its candidates would swamp the rest), but only in a library big enough for shares
    // to mean something.
    .filter((t) => t.df >= 2 && t.df <= Math.max(TUNING.minCommonDf, TUNING.maxTermShare * n))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, TUNING.keyTerms)
    .map(({ term, weight }) => ({ term, weight }));
}

/**
 * The candidates that repeat this text almost entirely. Only the closest texts are compared:
 * a copy holds nearly all of the article's key terms, so it is among them.
 */
function findNearDuplicates(db: Database, plainText: string, closest: readonly Candidate[]): Map<number, Resemblance> {
  const out = new Map<number, Resemblance>();
  const checked = [...closest].sort((a, b) => b.textWeight - a.textWeight || b.id - a.id).slice(0, TUNING.duplicateChecks);
  if (!checked.length) return out;
  // Bodies only: a copy often gets a new title (转载, a date), and that does not make it new.
  const mine = sketchOf(plainText);
  for (const { id, plain_text } of suggestStatements(db).texts.all(JSON.stringify(checked.map((c) => c.id)))) {
    const theirs = sketchOf(plain_text);
    const r = resemblance(mine, theirs);
    if (isNearDuplicate(mine, theirs, r)) out.set(id, r);
  }
  return out;
}

function categoryReason(n: Nearness): ReasonKind {
  return n === 'same' ? 'sameCategory' : n === 'sibling' ? 'siblingCategory' : 'cousinCategory';
}

function categoryLabel(index: Map<number, CategoryNode>, id: number): string {
  return index.get(id)?.path.join(' › ') ?? '';
}
