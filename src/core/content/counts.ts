/**
 * One set of counting rules used everywhere counts appear (editor status bar, library list,
 * exports): every Han, kana or Hangul character counts one; every run of Latin letters or
 * digits counts one word. Reading time assumes 400 CJK characters or 220 Latin words a minute.
 */
export interface TextCounts {
  cjkChars: number;
  latinWords: number;
  /** cjkChars + latinWords: what an editor calls the length of the piece. */
  words: number;
  paragraphs: number;
  readingMinutes: number;
}

const CJK_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * One pass over the code points, no intermediate strings or match arrays: the editor counts
 * the whole article as the editor types, and every save counts it again. Same rules as the
 * regular expressions it replaces (kept in tests/unit/checks-counts.test.ts as the reference):
 * CJK characters one each; a Latin word is a run of letters or digits, joined across a single
 * ' ’ . or - between two of them ("don't", "e.g", "2024-09-27"); a CJK character ends a word.
 */
export function countText(text: string, paragraphs?: number): TextCounts {
  let cjkChars = 0;
  let latinWords = 0;
  let inWord = false;
  let joiner = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let isCjk = false;
    let isWordChar = false;
    let isJoiner = false;
    if (code < 0x80) {
      isWordChar = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
      isJoiner = code === 0x27 || code === 0x2e || code === 0x2d;
    } else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3)) {
      isCjk = true; // the unified ideographs and Hangul syllables: the bulk of CJK text
    } else if (code === 0x2019) {
      isJoiner = true;
    } else {
      const wide = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
      const ch = wide ? text.slice(i, i + 2) : text[i]!;
      if (wide) i++;
      if (CJK_CHAR.test(ch)) isCjk = true;
      else isWordChar = LETTER_OR_DIGIT.test(ch);
    }
    if (isCjk) {
      cjkChars++;
      inWord = false;
      joiner = false;
    } else if (isWordChar) {
      if (!inWord) latinWords++;
      inWord = true;
      joiner = false;
    } else if (isJoiner && inWord && !joiner) {
      joiner = true; // tentatively inside the word: only if a letter or digit follows
    } else {
      inWord = false;
      joiner = false;
    }
  }
  const paras = paragraphs ?? text.split('\n').filter((l) => l.trim() !== '').length;
  const minutes = cjkChars / 400 + latinWords / 220;
  return {
    cjkChars,
    latinWords,
    words: cjkChars + latinWords,
    paragraphs: paras,
    readingMinutes: cjkChars + latinWords === 0 ? 0 : Math.max(1, Math.round(minutes)),
  };
}

/** Length as a Chinese editor counts it for SEO fields: every character (not UTF-16 unit) one. */
export function characterLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
