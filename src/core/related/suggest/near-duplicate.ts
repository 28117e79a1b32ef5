/**
 * Near-duplicate detection: an article that repeats another's text almost entirely should be
 * flagged for the copy desk, not offered as "related". Texts are compared as sets of character
 * 5-grams (letters, digits and Han only, so spacing and punctuation edits do not hide a copy),
 * estimated with bottom-k MinHash sketches: hash every shingle once and keep the k smallest.
 * One hash per shingle keeps a sketch well under a millisecond for a long article.
 */

export const SHINGLE_SIZE = 5;
export const SKETCH_SIZE = 128;

/** Above this estimated Jaccard similarity, two texts are near-duplicates. */
export const NEAR_DUPLICATE_JACCARD = 0.8;
/** Or when the shorter text sits almost entirely inside the longer one (an article plus a new paragraph). */
export const NEAR_DUPLICATE_CONTAINMENT = 0.9;
/** Texts shorter than this (in shingles) are too short to call copies of anything. */
export const MIN_SHINGLES = 60;

export interface TextSketch {
  /** The k smallest distinct shingle hashes, ascending. */
  hashes: Uint32Array;
  /** Number of distinct shingles in the text. */
  shingles: number;
}

/** Letters and digits only: spacing and punctuation edits must not hide a copy. */
function isKept(c: number, ch: string): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0x4e00 && c <= 0x9fff) return true; // CJK unified ideographs: the bulk of our text
  return /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Bottom-k sketch of a text's character 5-grams. One pass over UTF-16 units (astral characters
 * are rare enough in news text that splitting them changes nothing), a rolling window of kept
 * units, one hash per shingle, then sort and keep the k smallest distinct.
 */
export function sketchOf(text: string, k = SKETCH_SIZE): TextSketch {
  const s = text.normalize('NFKC').toLowerCase();
  const kept = new Uint16Array(s.length);
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isKept(c, s[i]!)) kept[m++] = c;
  }
  const count = Math.max(0, m - SHINGLE_SIZE + 1);
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = hashWindow(kept, i);
  hashes.sort();
  let distinct = 0;
  const smallest = new Uint32Array(Math.min(k, count));
  for (let i = 0; i < count; i++) {
    if (i > 0 && hashes[i] === hashes[i - 1]) continue;
    if (distinct < smallest.length) smallest[distinct] = hashes[i]!;
    distinct++;
  }
  return { hashes: smallest.slice(0, Math.min(distinct, k)), shingles: distinct };
}

/** FNV-1a over one window of units, finished with a murmur-style mix so low bits are uniform. */
function hashWindow(units: Uint16Array, from: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + SHINGLE_SIZE; i++) {
    h ^= units[i]!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Resemblance {
  /** Estimated |A ∩ B| / |A ∪ B| of the two shingle sets. */
  jaccard: number;
  /** Estimated share of the smaller set found in the larger. */
  containment: number;
}

export function resemblance(a: TextSketch, b: TextSketch, k = SKETCH_SIZE): Resemblance {
  if (a.shingles === 0 || b.shingles === 0) return { jaccard: 0, containment: 0 };
  // The k smallest hashes of the union are a uniform sample of it; count those in both sets.
  let i = 0, j = 0, taken = 0, both = 0;
  const ha = a.hashes, hb = b.hashes;
  while (taken < k && (i < ha.length || j < hb.length)) {
    const x = i < ha.length ? ha[i]! : Infinity;
    const y = j < hb.length ? hb[j]! : Infinity;
    if (x === y) { both++; i++; j++; }
    else if (x < y) i++;
    else j++;
    taken++;
  }
  // A sketch shorter than k holds its whole set; then the union sample may stop early, but
  // only when one sketch ran out, and the remaining hashes of the other cannot be shared.
  const jaccard = taken === 0 ? 0 : both / taken;
  const intersection = (jaccard / (1 + jaccard)) * (a.shingles + b.shingles);
  const containment = Math.min(1, intersection / Math.min(a.shingles, b.shingles));
  return { jaccard, containment };
}

export function isNearDuplicate(a: TextSketch, b: TextSketch, r = resemblance(a, b)): boolean {
  if (Math.min(a.shingles, b.shingles) < MIN_SHINGLES) return false;
  return r.jaccard >= NEAR_DUPLICATE_JACCARD || r.containment >= NEAR_DUPLICATE_CONTAINMENT;
}
