import { foldWithMap } from './fold.js';

/**
 * Highlighted snippets, cut from the stored text at read time (the index is contentless, so
 * FTS5's snippet() has nothing to cut from). Matches are found in the folded text and mapped
 * back to the original through fold.ts's origin map, so `產業園` highlights the `产业园` an
 * editor wrote. Ranges are [start, end) UTF-16 offsets into `text`: the UI wraps them in <mark>
 * elements itself, and never needs innerHTML.
 */
export interface Snippet {
  text: string;
  ranges: Array<[number, number]>;
}

/** Every occurrence of every needle (folded) in a text, as original [start, end) ranges. */
export function matchRanges(text: string, needles: readonly string[], limit = 200): Array<[number, number]> {
  if (!text || needles.length === 0) return [];
  const { folded, origin } = foldWithMap(text);
  const found: Array<[number, number]> = [];
  for (const needle of needles) {
    if (!needle) continue;
    for (let at = folded.indexOf(needle); at >= 0 && found.length < limit; at = folded.indexOf(needle, at + needle.length)) {
      const start = origin[at]!;
      // The end is where the character after the match begins in the original.
      const end = origin[at + needle.length]!;
      found.push([start, Math.max(end, start + 1)]);
    }
  }
  return mergeRanges(found);
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

const ELLIPSIS = '…';

/**
 * About `width` characters of the text around its best cluster of matches (the window holding
 * the most distinct needles, earliest first), or its opening when nothing matches.
 */
export function snippetOf(text: string, needles: readonly string[], width = 120): Snippet {
  const clean = text.replace(/\s+/gu, ' ').trim();
  // Fast path: most needles occur in the text as typed (folding is needed for case, width and
  // Traditional forms only). Then only a window around the first one is folded, not the text.
  let first = -1;
  for (const n of needles) {
    const at = n ? clean.indexOf(n) : -1;
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first >= 0 && clean.length > width) {
    let from = Math.max(0, Math.min(first - Math.floor(width / 4), clean.length - width));
    let to = Math.min(clean.length, from + width);
    if (from > 0 && /[\udc00-\udfff]/.test(clean[from]!)) from--;
    if (to < clean.length && /[\udc00-\udfff]/.test(clean[to]!)) to++;
    const prefix = from > 0 ? ELLIPSIS : '';
    const suffix = to < clean.length ? ELLIPSIS : '';
    const ranges = matchRanges(clean.slice(from, to), needles).map(([a, b]): [number, number] => [a + prefix.length, b + prefix.length]);
    return { text: prefix + clean.slice(from, to) + suffix, ranges };
  }
  const ranges = matchRanges(clean, needles);
  if (ranges.length === 0) {
    const cut = clean.length > width;
    return { text: cut ? clean.slice(0, width) + ELLIPSIS : clean, ranges: [] };
  }
  // Pick the window start (a match start) covering the most matched ranges within `width`.
  let bestStart = ranges[0]![0];
  let bestCount = 0;
  for (let i = 0; i < ranges.length; i++) {
    let count = 0;
    for (let j = i; j < ranges.length && ranges[j]![1] <= ranges[i]![0] + width; j++) count++;
    if (count > bestCount) { bestCount = count; bestStart = ranges[i]![0]; }
  }
  let from = Math.max(0, bestStart - Math.floor(width / 4));
  let to = Math.min(clean.length, from + width);
  from = Math.max(0, Math.min(from, to - width));
  // Never split a surrogate pair.
  if (from > 0 && /[\udc00-\udfff]/.test(clean[from]!)) from--;
  if (to < clean.length && /[\udc00-\udfff]/.test(clean[to]!)) to++;
  const prefix = from > 0 ? ELLIPSIS : '';
  const suffix = to < clean.length ? ELLIPSIS : '';
  const shift = prefix.length - from;
  const inside = ranges
    .filter(([s, e]) => e > from && s < to)
    .map(([s, e]): [number, number] => [Math.max(s, from) + shift, Math.min(e, to) + shift]);
  return { text: prefix + clean.slice(from, to) + suffix, ranges: inside };
}
