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

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN_WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

export function countText(text: string, paragraphs?: number): TextCounts {
  const cjkChars = (text.match(CJK) ?? []).length;
  const latinWords = (text.replace(CJK, ' ').match(LATIN_WORD) ?? []).length;
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
