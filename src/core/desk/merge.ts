import type { ArticleDoc, CategoryDoc, TagDoc } from './format.js';

/**
 * Three-way merge of the desk's documents, pure. Nothing here loses a version: where both sides
 * changed the same thing differently, the result keeps our side and `alternative` is the whole
 * document with their side in those places, for the caller to keep as a `conflict` revision.
 */

/** JSON with sorted keys: two blocks are the same block when their data is, whatever key order. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

// --- blocks ----------------------------------------------------------------------------

export interface BlockMerge<T> {
  merged: T[];
  alternative: T[];
  /** Indexes into `merged` of blocks both sides changed differently. */
  conflicts: number[];
}

interface Hunk { side: 0 | 1; bs: number; be: number; ss: number; se: number }

/** Pairs of indexes of a longest common subsequence, after trimming the common ends. */
function lcs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length, endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const n = endA - start, m = endB - start;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  if (n > 0 && m > 0) {
    const table = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * (m + 1) + j] = a[start + i] === b[start + j]
          ? table[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
      }
    }
    let i = 0, j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) { pairs.push([start + i, start + j]); i++; j++; }
      else if (table[(i + 1) * (m + 1) + j]! >= table[i * (m + 1) + j + 1]!) i++;
      else j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

function hunksOf(base: readonly string[], side: readonly string[], s: 0 | 1): Hunk[] {
  const out: Hunk[] = [];
  let bi = 0, si = 0;
  for (const [mb, ms] of [...lcs(base, side), [base.length, side.length] as [number, number]]) {
    if (mb > bi || ms > si) out.push({ side: s, bs: bi, be: mb, ss: si, se: ms });
    bi = mb + 1; si = ms + 1;
  }
  return out;
}

/** A side's blocks over the group's stretch of base: what its hunks there made of it. */
function sideChunk<T>(g: { bs: number; be: number; hunks: Hunk[] }, side: 0 | 1, base: readonly T[], blocks: readonly T[]): T[] {
  const mine = g.hunks.filter((h) => h.side === side);
  if (!mine.length) return base.slice(g.bs, g.be);
  const first = mine[0]!, last = mine[mine.length - 1]!;
  return blocks.slice(first.ss - (first.bs - g.bs), last.se + (g.be - last.be));
}

/**
 * Blocks merge by position and content: changes to different blocks both survive, insertions at
 * the same place both survive (ours first), and a block both sides changed differently is a
 * conflict. Adjacent edits are not a conflict (unlike line-based diff3), since a block is a
 * whole paragraph: two editors fixing neighbouring paragraphs is the common case.
 */
export function mergeBlocks<T>(base: readonly T[], ours: readonly T[], theirs: readonly T[]): BlockMerge<T> {
  const [b, o, t] = [base.map(canonical), ours.map(canonical), theirs.map(canonical)];
  const ho = hunksOf(b, o, 0), ht = hunksOf(b, t, 1);
  const all = [...ho, ...ht].sort((x, y) => x.bs - y.bs || x.be - y.be);
  const groups: Array<{ bs: number; be: number; hunks: Hunk[] }> = [];
  for (const h of all) {
    const g = groups[groups.length - 1];
    const overlaps = g && (h.bs < g.be || (h.bs === h.be && h.bs === g.be && g.hunks.some((x) => x.bs === x.be && x.bs === h.bs)));
    if (g && overlaps) { g.be = Math.max(g.be, h.be); g.hunks.push(h); }
    else groups.push({ bs: h.bs, be: h.be, hunks: [h] });
  }
  const merged: T[] = [], alternative: T[] = [], conflicts: number[] = [];
  const push = (x: T, alt: T = x) => { merged.push(x); alternative.push(alt); };
  let cursor = 0;
  for (const g of groups) {
    for (let i = cursor; i < g.bs; i++) push(base[i]!);
    const oc = sideChunk(g, 0, base, ours);
    const tc = sideChunk(g, 1, base, theirs);
    const bc = base.slice(g.bs, g.be);
    const oursChanged = g.hunks.some((h) => h.side === 0), theirsChanged = g.hunks.some((h) => h.side === 1);
    if (!theirsChanged || same(oc, tc)) oc.forEach((x) => push(x));
    else if (!oursChanged) tc.forEach((x) => push(x));
    else if (g.bs === g.be) {
      oc.forEach((x) => push(x));
      const mine = new Set(oc.map(canonical));
      tc.filter((x) => !mine.has(canonical(x))).forEach((x) => push(x));
    } else if (oc.length === bc.length && tc.length === bc.length) {
      bc.forEach((bx, i) => {
        const ox = oc[i]!, tx = tc[i]!;
        if (same(ox, tx) || same(tx, bx)) push(ox);
        else if (same(ox, bx)) push(tx);
        else { conflicts.push(merged.length); push(ox, tx); }
      });
    } else {
      // Different shapes over the same stretch: keep ours in the article, theirs in the alternative.
      const first = merged.length;
      oc.forEach((x) => merged.push(x));
      tc.forEach((x) => alternative.push(x));
      for (let i = 0; i < Math.max(oc.length, 1); i++) conflicts.push(first + i);
    }
    cursor = g.be;
  }
  for (let i = cursor; i < base.length; i++) push(base[i]!);
  return { merged, alternative, conflicts: [...new Set(conflicts)].filter((i) => i < Math.max(merged.length, 1)) };
}

// --- ordered sets ----------------------------------------------------------------------

/** Tags, related links, secondary categories: additions and removals of both sides, in order. */
export function mergeOrderedSet(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] {
  if (same(ours, base)) return [...theirs];
  if (same(theirs, base) || same(ours, theirs)) return [...ours];
  const removedByTheirs = new Set(base.filter((x) => !theirs.includes(x)));
  const out = ours.filter((x) => !removedByTheirs.has(x));
  // Their additions follow ours, in their order.
  for (const x of theirs) if (!base.includes(x) && !out.includes(x)) out.push(x);
  return out;
}

// --- fields ----------------------------------------------------------------------------

interface FieldMerge<T> { merged: T; alternative: T; conflicts: string[] }

function mergeFields<T extends Record<string, unknown>>(base: T | null, ours: T, theirs: T, keys: ReadonlyArray<keyof T & string>): FieldMerge<T> {
  const merged = { ...ours }, alternative = { ...ours };
  const conflicts: string[] = [];
  for (const k of keys) {
    const o = ours[k], t = theirs[k];
    if (same(o, t)) continue;
    if (base && same(o, base[k])) { merged[k] = t; alternative[k] = t; }
    else if (base && same(t, base[k])) continue;
    else { conflicts.push(k); alternative[k] = t; }
  }
  return { merged, alternative, conflicts };
}

const ARTICLE_FIELDS = ['title', 'slug', 'status', 'author', 'byline', 'excerpt', 'category', 'coverAsset', 'seoTitle',
  'seoDescription', 'canonicalUrl', 'sourceKey', 'createdAt', 'publishedAt', 'scheduledAt', 'meta', 'root'] as const;
const SET_FIELDS = ['secondaryCategories', 'tags', 'related'] as const;

export interface ArticleMerge {
  merged: ArticleDoc;
  /** Their side wherever both sides changed the same field or block; null when nothing conflicted. */
  alternative: ArticleDoc | null;
  /** Field names, and `block:N` (N: 0-based index in the merged body). */
  conflicts: string[];
}

/** Base null: both sides created the same uid independently (a rejoin): every difference conflicts. */
export function mergeArticle(base: ArticleDoc | null, ours: ArticleDoc, theirs: ArticleDoc): ArticleMerge {
  const fields = mergeFields(base, ours, theirs, ARTICLE_FIELDS);
  const blocks = mergeBlocks(base?.blocks ?? [], ours.blocks, theirs.blocks);
  const merged: ArticleDoc = { ...fields.merged, blocks: blocks.merged };
  const alternative: ArticleDoc = { ...fields.alternative, blocks: blocks.alternative };
  for (const k of SET_FIELDS) {
    merged[k] = mergeOrderedSet(base?.[k] ?? [], ours[k], theirs[k]);
    alternative[k] = merged[k];
  }
  // Every save moves updatedAt: the later of the two is when the merged text last changed.
  merged.updatedAt = alternative.updatedAt = ours.updatedAt > theirs.updatedAt ? ours.updatedAt : theirs.updatedAt;
  const conflicts = [...fields.conflicts, ...blocks.conflicts.map((i) => `block:${i}`)];
  return { merged, alternative: conflicts.length ? alternative : null, conflicts };
}

/**
 * Categories and tags merge per field; where both renamed differently the desk's side (theirs)
 * wins, since a taxonomy has no compare view, and the field is reported.
 */
export function mergeCategory(base: CategoryDoc | null, ours: CategoryDoc, theirs: CategoryDoc): { merged: CategoryDoc; conflicts: string[] } {
  const r = mergeFields(base, ours, theirs, ['name', 'slug', 'parent', 'position', 'description', 'overrides', 'createdAt']);
  const merged = { ...r.merged, updatedAt: ours.updatedAt > theirs.updatedAt ? ours.updatedAt : theirs.updatedAt };
  for (const k of r.conflicts) (merged as Record<string, unknown>)[k] = theirs[k as keyof CategoryDoc];
  return { merged, conflicts: r.conflicts };
}

export function mergeTag(base: TagDoc | null, ours: TagDoc, theirs: TagDoc): { merged: TagDoc; conflicts: string[] } {
  const r = mergeFields(base, ours, theirs, ['name', 'slug', 'createdAt']);
  for (const k of r.conflicts) (r.merged as Record<string, unknown>)[k] = theirs[k as keyof TagDoc];
  return { merged: r.merged, conflicts: r.conflicts };
}

// --- presence --------------------------------------------------------------------------

export type Presence = 'keep' | 'take_theirs' | 'merge' | 'delete' | 'restore_ours' | 'restore_theirs';

/**
 * What to do with one item given whether base, ours and theirs hold it, and whether each side
 * changed it since base. Edit against delete: the edit wins.
 */
export function decidePresence(base: boolean, ours: boolean, theirs: boolean, oursChanged: boolean, theirsChanged: boolean): Presence {
  if (!theirsChanged) return 'keep';
  if (!oursChanged) return theirs ? 'take_theirs' : 'delete';
  if (ours && theirs) return 'merge';
  if (ours && !theirs) return base ? 'restore_ours' : 'keep';
  if (!ours && theirs) return base ? 'restore_theirs' : 'take_theirs';
  return 'delete';
}
