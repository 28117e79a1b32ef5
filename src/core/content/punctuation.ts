/**
 * Half-width punctuation inside Chinese text, where the house style (and GB/T 15834) wants
 * full-width: `都昌县,邱舰说` or `什么?`. A half-width mark counts when a CJK character stands
 * directly before it (or, for opening marks and a closing parenthesis, directly after), so
 * `3.5亿`, `10:30` and English passages are left alone. The checks report these marks and the
 * editor's fix-all replaces exactly the same ones, one character for one, so offsets into the
 * text stay valid.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const isCjk = (c: string) => c !== '' && CJK.test(c);
const HALF_WIDTH = /[,;:?!()"]|\.(?!\d)/gu;
/** Marks that also count when the CJK character follows them: `(都昌`, `"项目`, `)都昌`. */
const OPENS_OR_CLOSES = new Set(['(', ')', '"']);

/** The full-width form of each mark; a straight quote becomes “ or ” by its place. */
export const FULL_WIDTH_OF: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '"': '“”', '.': '。' };

export interface HalfWidthMark {
  index: number;
  mark: string;
  /** The one full-width character that replaces it. */
  replacement: string;
}

export function halfWidthMarks(text: string): HalfWidthMark[] {
  const out: HalfWidthMark[] = [];
  let quotes = 0;
  for (const m of text.matchAll(HALF_WIDTH)) {
    const i = m.index;
    const mark = m[0];
    // Straight quotes pair up in order through the paragraph, whether or not each is flagged.
    const opening = mark === '(' || (mark === '"' && quotes % 2 === 0);
    if (mark === '"') quotes++;
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    if (!(isCjk(before) || (OPENS_OR_CLOSES.has(mark) && isCjk(after)))) continue;
    const replacement = mark === '"' ? (opening ? '“' : '”') : FULL_WIDTH_OF[mark]!;
    out.push({ index: i, mark, replacement });
  }
  return out;
}

/** The text with every half-width mark of `halfWidthMarks` made full-width (same length). */
export function toFullWidthPunctuation(text: string): string {
  const marks = halfWidthMarks(text);
  if (marks.length === 0) return text;
  const chars = text.split('');
  for (const m of marks) chars[m.index] = m.replacement;
  return chars.join('');
}
