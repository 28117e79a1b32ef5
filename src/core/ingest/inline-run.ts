/**
 * Inline content on its way from HTML to Lexical: runs of formatted text, line breaks and block
 * boundaries, turned into text / linebreak / link nodes with HTML's whitespace rules applied.
 */
import type { SerializedNode } from '../content/lexical-json.js';
import { lineBreakNode, linkNode, textNode } from './lexical-nodes.js';

export type InlineItem =
  /** `exact`: white space kept as written (a Markdown code span), never collapsed or trimmed. */
  | { kind: 'text'; text: string; format: number; link: string | null; linkTitle?: string | null; exact?: boolean }
  | { kind: 'br' }
  /** The edge of a block inside a container that holds only inline content (a list item, a quote). */
  | { kind: 'boundary' };

type Seg = { text: string; format: number; link: string | null; linkTitle: string | null; exact: boolean } | { br: true };

/**
 * CSS Text 3 (segment break transformation): a line break in the source between two East Asian
 * wide characters disappears instead of becoming a space, so Chinese wrapped over several
 * source lines (Markdown, WordPress) does not come out as `产业 园`.
 */
const WIDE_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u2e80-\u2fff\u3000-\u303f\u3100-\u31ff\uff01-\uff60\uffe0-\uffe6]/u;
const WIDE_END = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u2e80-\u2fff\u3000-\u303f\u3100-\u31ff\uff01-\uff60\uffe0-\uffe6]$/u;
/** ASCII punctuation, which Chinese text typed on a Latin keyboard uses instead of `，。`. */
const PUNCT_START = /^[,.;:!?)\]}'"%]/;
const PUNCT_END = /[,.;:!?(\[{'"]$/;

/**
 * A source line break between `wide` text on one side and wide text or punctuation on the other
 * joins without a space (`重视,⏎连续` → `重视,连续`); next to Latin letters it is a space.
 */
function joinsWithoutSpace(before: string, after: string): boolean {
  const wideBefore = WIDE_END.test(before);
  const wideAfter = WIDE_START.test(after);
  if (wideBefore && (wideAfter || PUNCT_START.test(after))) return true;
  // ASCII punctuation closing a Chinese clause (`重视,`), not a Latin one (`Hello,`).
  return wideAfter && PUNCT_END.test(before) && WIDE_END.test(before.slice(0, -1));
}

const HTML_SPACE = /([ \t\n\r\f]+)/;
/** Indentation characters that HTML does not collapse but that mean nothing at a line's edge. */
const EDGE_INDENT_START = /^[\u00a0\u3000]+/;
const EDGE_INDENT_END = /[\u00a0\u3000]+$/;

function emitSegments(items: readonly InlineItem[]): Seg[] {
  const segs: Seg[] = [];
  const segOf = new Map<number, Seg & { text: string }>();
  const segFor = (i: number): Seg & { text: string } => {
    let s = segOf.get(i);
    if (!s) {
      const item = items[i] as Extract<InlineItem, { kind: 'text' }>;
      s = { text: '', format: item.format, link: item.link, linkTitle: item.linkTitle ?? null, exact: item.exact === true };
      segs.push(s);
      segOf.set(i, s);
    }
    return s;
  };
  let lineHasContent = false;
  let lastWord = '';
  let pending: { owner: number; newline: boolean } | null = null;
  let pendingBoundary = false;
  const br = () => {
    segs.push({ br: true });
    lineHasContent = false;
    lastWord = '';
    pending = null;
    pendingBoundary = false;
  };

  items.forEach((item, i) => {
    if (item.kind === 'br') return br();
    if (item.kind === 'boundary') {
      if (lineHasContent) pendingBoundary = true;
      pending = null;
      return;
    }
    if (item.exact) {
      if (!item.text) return;
      if (pendingBoundary) br();
      if (pending) {
        const p: { owner: number; newline: boolean } = pending;
        segFor(p.owner).text += ' ';
        pending = null;
      }
      segFor(i).text += item.text;
      lastWord = item.text;
      lineHasContent = true;
      return;
    }
    for (const token of item.text.split(HTML_SPACE)) {
      if (!token) continue;
      if (HTML_SPACE.test(token)) {
        if (!lineHasContent) continue;
        if (pending) pending.newline ||= token.includes('\n');
        else pending = { owner: i, newline: token.includes('\n') };
        continue;
      }
      let word = token;
      if (!lineHasContent && !pendingBoundary) word = word.replace(EDGE_INDENT_START, '');
      if (!word) continue;
      if (pendingBoundary) {
        br();
        word = word.replace(EDGE_INDENT_START, '');
        if (!word) continue;
      }
      if (pending) {
        const p: { owner: number; newline: boolean } = pending;
        if (!(p.newline && joinsWithoutSpace(lastWord, word))) segFor(p.owner).text += ' ';
        pending = null;
      }
      segFor(i).text += word;
      lastWord = word;
      lineHasContent = true;
    }
  });
  return segs;
}

/** Drops indentation-like spaces at the end of every line (before a break and at the end). */
function trimLineEnds(segs: Seg[]): void {
  for (let i = 0; i < segs.length; i++) {
    const next = segs[i + 1];
    const seg = segs[i]!;
    if ('br' in seg || (next && !('br' in next))) continue;
    for (let j = i; j >= 0; j--) {
      const s = segs[j]!;
      if ('br' in s || s.exact) break;
      s.text = s.text.replace(EDGE_INDENT_END, '').replace(/ +$/, '');
      if (s.text) break;
    }
  }
}

function toNodes(segs: Seg[]): SerializedNode[] {
  const merged: Seg[] = [];
  for (const seg of segs) {
    if (!('br' in seg) && !seg.text) continue;
    const prev = merged[merged.length - 1];
    if (prev && !('br' in prev) && !('br' in seg) && prev.format === seg.format && prev.link === seg.link && prev.linkTitle === seg.linkTitle && prev.exact === seg.exact) {
      prev.text += seg.text;
    } else merged.push('br' in seg ? seg : { ...seg });
  }
  const out: SerializedNode[] = [];
  let link: { url: string; title: string | null; children: SerializedNode[] } | null = null;
  for (const seg of merged) {
    if ('br' in seg) {
      link = null;
      out.push(lineBreakNode());
      continue;
    }
    const text = textNode(seg.text, seg.format);
    if (seg.link) {
      if (!link || link.url !== seg.link || link.title !== seg.linkTitle) {
        link = { url: seg.link, title: seg.linkTitle, children: [] };
        out.push(linkNode(link.url, link.children, link.title));
      }
      link.children.push(text);
    } else {
      link = null;
      out.push(text);
    }
  }
  return out;
}

const isBreak = (n: SerializedNode | undefined) => n?.type === 'linebreak';

function trimBreaks(nodes: SerializedNode[]): SerializedNode[] {
  let start = 0;
  let end = nodes.length;
  while (start < end && isBreak(nodes[start])) start++;
  while (end > start && isBreak(nodes[end - 1])) end--;
  return nodes.slice(start, end);
}

/** Inline children for one block (heading, quote, list item, code-free cell line). */
export function finishInline(items: readonly InlineItem[]): SerializedNode[] {
  const segs = emitSegments(items);
  trimLineEnds(segs);
  return trimBreaks(toNodes(segs));
}

/**
 * Inline children split into paragraphs: two or more line breaks in a row (`<br><br>`, the
 * paragraph of old CMSs and WeChat) start a new paragraph; empty paragraphs disappear.
 */
export function finishParagraphs(items: readonly InlineItem[]): SerializedNode[][] {
  const nodes = finishInline(items);
  const paragraphs: SerializedNode[][] = [];
  let current: SerializedNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (isBreak(node) && isBreak(nodes[i + 1])) {
      while (isBreak(nodes[i + 1])) i++;
      paragraphs.push(current);
      current = [];
      continue;
    }
    current.push(node);
  }
  paragraphs.push(current);
  return paragraphs.map(trimBreaks).filter((p) => p.length > 0);
}

export function hasText(nodes: readonly SerializedNode[]): boolean {
  return nodes.some((n) => n.type !== 'linebreak');
}
