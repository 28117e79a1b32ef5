import { Converter } from 'opencc-js/t2cn';

/**
 * Search folding: the one function applied identically to indexed text and to queries, so that
 * full/half width (NFKC), case, diacritics and Traditional/Simplified Chinese never stop a match.
 *
 * It folds one code point at a time, never looking at neighbours. That makes it a homomorphism
 * over concatenation — fold(a + b) === fold(a) + fold(b) — which is what turns "q is a substring
 * of the text" into "fold(q) is a substring of fold(text)", the exact-substring promise.
 * Contextual conversions break that: OpenCC's phrase tables turn `乾隆` into `乾隆` but a lone
 * `乾` into `干`, so a search for `乾` would miss `乾隆`. Character-level conversion maps both
 * to `干隆`; a search for `干隆` then also finds `乾隆`, an over-match both sides agree on.
 *
 * Each code point folds to zero or more code points (`ﬁ` → `fi`, `①` → `1`, a combining accent
 * → nothing). Every whitespace character folds to one ASCII space.
 */

type Convert = (s: string) => string;
let converters: Convert[] | undefined;

function traditionalToSimplified(s: string): string {
  // Standard OpenCC Traditional first; Taiwan and Hong Kong variants catch the characters it
  // leaves alone (e.g. variant forms of 裡/裏, 着/著 differ by region).
  converters ??= [Converter({ from: 't', to: 'cn' }), Converter({ from: 'tw', to: 'cn' }), Converter({ from: 'hk', to: 'cn' })];
  for (const convert of converters) {
    const out = convert(s);
    if (out !== s) return out;
  }
  return s;
}

const COMBINING_MARK = /\p{M}/gu;
const WHITESPACE = /^\s$/u;
const cache = new Map<number, string>();

/** The folded form of one code point (cached: a library uses a few thousand distinct ones). */
export function foldCodePoint(cp: number): string {
  let folded = cache.get(cp);
  if (folded !== undefined) return folded;
  const ch = String.fromCodePoint(cp);
  if (WHITESPACE.test(ch)) folded = ' ';
  else {
    let s = ch.normalize('NFKC');
    s = s.normalize('NFD').replace(COMBINING_MARK, '').normalize('NFC');
    s = s.toLowerCase();
    s = /\p{Script=Han}/u.test(s) ? traditionalToSimplified(s) : s;
    // NFKC can produce whitespace (e.g. U+3000 is caught above, but some compatibility forms
    // expand to "x y"); keep the single-space rule for those too.
    folded = s.replace(/\s/gu, ' ');
  }
  cache.set(cp, folded);
  return folded;
}

/** Folds a whole text. */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Fast path: ASCII letters, digits and punctuation fold to themselves or their lower case.
    if (c < 0x80) {
      out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c ? ' ' : text[i];
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    out += foldCodePoint(cp);
  }
  return out;
}

export interface FoldedWithMap {
  folded: string;
  /**
   * For each UTF-16 index of `folded` (and one past its end), the UTF-16 index in the original
   * text of the character it came from: how matches found in folded text become highlights.
   */
  origin: Uint32Array;
}

/** Folds a text and remembers where every folded character came from. */
export function foldWithMap(text: string): FoldedWithMap {
  const parts: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const start = i;
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const f = cp < 0x80 ? foldText(String.fromCharCode(cp)) : foldCodePoint(cp);
    parts.push(f);
    for (let k = 0; k < f.length; k++) origin.push(start);
  }
  origin.push(text.length);
  return { folded: parts.join(''), origin: Uint32Array.from(origin) };
}
