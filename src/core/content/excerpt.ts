import { blocksOf } from './plain-text.js';
import type { SerializedEditorState } from './lexical-json.js';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_SENTENCE_END = /[。！？!?；…]/u;
const LATIN_SENTENCE_END = /[.!?](?=\s|$)/u;

/**
 * The derived excerpt: the first paragraph, cut to about 120 characters for Chinese text or 160
 * for Latin, ending on a sentence boundary when one falls in the back half of the budget, else
 * on a word (Latin) or clause (Chinese) boundary, with an ellipsis when cut.
 */
export function deriveExcerpt(body: SerializedEditorState): string {
  const first = blocksOf(body).find((b) => b.trim().length > 0) ?? '';
  return excerptOf(first);
}

export function excerptOf(paragraph: string): string {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  const chars = [...text];
  const cjkShare = chars.filter((c) => CJK.test(c)).length / Math.max(1, chars.length);
  const chinese = cjkShare > 0.3;
  const budget = chinese ? 120 : 160;
  if (chars.length <= budget) return text;

  const head = chars.slice(0, budget);
  const min = Math.floor(budget / 2);
  for (let i = head.length - 1; i >= min; i--) {
    const c = head[i]!;
    if (chinese ? CJK_SENTENCE_END.test(c) : LATIN_SENTENCE_END.test(c + (chars[i + 1] ?? ' '))) {
      return head.slice(0, i + 1).join('');
    }
  }
  if (!chinese) {
    const cut = head.join('').replace(/\s+\S*$/u, '');
    if ([...cut].length >= min) return `${cut.replace(/[,;:\s]+$/u, '')}…`;
  } else {
    for (let i = head.length - 1; i >= min; i--) {
      if (/[，、：,]/u.test(head[i]!)) return `${head.slice(0, i).join('')}…`;
    }
  }
  return `${head.join('')}…`;
}
