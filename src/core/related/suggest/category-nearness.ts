import type { CategoryNode } from '../../taxonomy/category-index.js';

/**
 * How close two articles sit in the category tree. Only a shared real ancestor counts: two
 * top-level categories have no parent in common, and treating them as siblings would make
 * every article "near" every other.
 */
export type Nearness = 'same' | 'sibling' | 'cousin';

export const NEARNESS_SCORE: Record<Nearness, number> = { same: 1, sibling: 0.5, cousin: 0.25 };

function ancestors(index: Map<number, CategoryNode>, id: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  let cur = index.get(id);
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    out.push(cur.id);
    cur = cur.parentId === null ? undefined : index.get(cur.parentId);
  }
  return out; // [self, parent, grandparent, ...]
}

/**
 * Nearness of two categories: the same one; siblings (a shared parent, or one the parent of the
 * other); cousins (a shared grandparent, or two levels apart on one line); otherwise none.
 */
export function categoryNearness(index: Map<number, CategoryNode>, a: number, b: number): Nearness | null {
  if (a === b) return 'same';
  const pa = ancestors(index, a);
  const pb = ancestors(index, b);
  const stepsTo = (path: number[], id: number) => path.indexOf(id);
  let best = Infinity;
  // The distance through their lowest common ancestor, counted as the longer of the two legs.
  for (let i = 0; i < pa.length; i++) {
    const j = stepsTo(pb, pa[i]!);
    if (j >= 0) { best = Math.max(i, j); break; }
  }
  if (best === 1) return 'sibling';
  if (best === 2) return 'cousin';
  return null;
}

/** The nearest pair among two articles' categories (primary and secondary). */
export function nearestCategories(
  index: Map<number, CategoryNode>, mine: readonly number[], theirs: readonly number[],
): { nearness: Nearness; categoryId: number } | null {
  let best: { nearness: Nearness; categoryId: number } | null = null;
  for (const a of mine) {
    for (const b of theirs) {
      const n = categoryNearness(index, a, b);
      if (n && (!best || NEARNESS_SCORE[n] > NEARNESS_SCORE[best.nearness])) best = { nearness: n, categoryId: b };
    }
  }
  return best;
}
