/**
 * Turns folded text into the token streams the FTS5 index stores, and query atoms into FTS5
 * phrases over the same tokens. better-sqlite3 cannot register a tokenizer written in
 * JavaScript, so the index uses FTS5's `ascii` tokenizer over streams we pre-tokenize here:
 *
 * - bigram stream: every pair of consecutive folded characters, in order, one token each.
 *   A substring of two or more characters is then exactly the FTS5 phrase of its consecutive
 *   bigrams (`产业园` → "产业 业园" must occur at consecutive positions), so phrase matching gives
 *   exact substring semantics with no false positives and no misses.
 * - unigram set: the distinct characters of a field (presence only), for 1-character queries.
 *
 * The `ascii` tokenizer treats every non-ASCII code point and ASCII letters/digits as token
 * characters and all other ASCII as separators. So that punctuation, spaces and symbols stay
 * searchable (`10.5%`, `R&D`), each ASCII non-alphanumeric character is encoded as the private
 * use character U+E000 + its code: one-to-one, and never a separator.
 */

const ENCODED_BASE = 0xe000;

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** Token character of each ASCII code (letters and digits stay, the rest is encoded). */
const ASCII_TOKEN: string[] = Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(isAsciiAlnum(c) ? c : ENCODED_BASE + c));

/** The folded text as an array of token characters (one per code point, encoded). */
export function tokenChars(folded: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c < 0x80) out.push(ASCII_TOKEN[c]!);
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < folded.length) { out.push(folded.slice(i, i + 2)); i++; }
    else out.push(folded[i]!);
  }
  return out;
}

/**
 * The folded text's token characters as UTF-16 code units, or null when it holds a surrogate
 * pair (a character outside the BMP: the string paths below handle those).
 *
 * Why code units: indexing a 30,000-character article through arrays of one-character strings
 * took 10 ms of every autosave (measured: tokenChars 5.6 ms, bigrams 4.9 ms); writing the
 * streams into a Uint16Array and decoding it once takes a tenth of that.
 */
function tokenUnits(folded: string): Uint16Array | null {
  const units = new Uint16Array(folded.length);
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return null;
    units[i] = c < 0x80 ? ASCII_TOKEN[c]!.charCodeAt(0) : c;
  }
  return units;
}

// ignoreBOM: a U+FEFF at the start of a stream is a character to keep, not a byte-order mark.
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Space-separated bigram tokens of a folded text (empty for texts under two characters). */
export function bigramStream(folded: string): string {
  const units = tokenUnits(folded);
  if (!units) return bigramsOfChars(tokenChars(folded));
  const n = units.length;
  if (n < 2) return '';
  const out = new Uint16Array(3 * (n - 1) - 1);
  let j = 0;
  for (let i = 0; i + 1 < n; i++) {
    if (i > 0) out[j++] = 0x20;
    out[j++] = units[i]!;
    out[j++] = units[i + 1]!;
  }
  return utf16.decode(out);
}

/** Space-separated distinct token characters of several folded texts, spaces left out. */
export function distinctCharsOf(folded: readonly string[]): string {
  const seen = new Set<number>();
  for (const text of folded) {
    const units = tokenUnits(text);
    if (!units) return distinctChars(folded.map(tokenChars));
    for (const u of units) seen.add(u);
  }
  seen.delete(SPACE_TOKEN.charCodeAt(0));
  if (seen.size === 0) return '';
  const out = new Uint16Array(2 * seen.size - 1).fill(0x20);
  let j = 0;
  for (const u of seen) {
    out[j] = u;
    j += 2;
  }
  return utf16.decode(out);
}

/** Space-separated bigrams of token characters (tokenChars' output). */
export function bigramsOfChars(chars: readonly string[]): string {
  if (chars.length < 2) return '';
  const tokens = new Array<string>(chars.length - 1);
  for (let i = 0; i + 1 < chars.length; i++) tokens[i] = chars[i]! + chars[i + 1]!;
  return tokens.join(' ');
}

/** Bigram streams of several separate texts (tags): no bigram spans two of them. */
export function bigramStreamOfEach(folded: readonly string[]): string {
  return folded.map(bigramStream).filter(Boolean).join(' ');
}

const SPACE_TOKEN = String.fromCharCode(ENCODED_BASE + 0x20);

/** Space-separated distinct characters of a folded text, spaces left out. */
export function unigramSet(folded: string): string {
  return distinctChars([tokenChars(folded)]);
}

/** Space-separated distinct token characters of several tokenChars' outputs, spaces left out. */
export function distinctChars(lists: ReadonlyArray<readonly string[]>): string {
  const seen = new Set<string>();
  for (const list of lists) for (const c of list) seen.add(c);
  seen.delete(SPACE_TOKEN);
  return [...seen].join(' ');
}

/** The columns of search_index that hold bigram streams (schema.ts order). */
export const BIGRAM_COLUMNS = ['body', 'title', 'excerpt', 'tags'] as const;

/** A folded atom as index tokens: its bigrams, or its single character; null if nothing is left. */
export function atomTokens(folded: string): { kind: 'bigrams'; tokens: string[] } | { kind: 'char'; token: string } | null {
  const chars = tokenChars(folded);
  if (chars.length === 0 || (chars.length === 1 && chars[0] === SPACE_TOKEN)) return null;
  if (chars.length === 1) return { kind: 'char', token: chars[0]! };
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  return { kind: 'bigrams', tokens };
}

// Tokens never contain '"' (it is encoded), so they can be quoted as they are.

/** search_index: the atom's consecutive bigrams in any of the text columns (exact substring). */
export const bigramPhrase = (tokens: readonly string[]): string => `{${BIGRAM_COLUMNS.join(' ')}} : "${tokens.join(' ')}"`;

/** search_chars: the character is present. */
export const charPresence = (token: string): string => `"${token}"`;

/** search_index: the character is in the title (ranks 1-character queries). */
export const charInTitle = (token: string): string => `u_title : "${token}"`;
