import {
  $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode, type LexicalNode, type TextNode,
} from 'lexical';
import { halfWidthMarks } from '../../../../core/content/punctuation';

/** The same containers as core/content/blocks-with-paths.ts: their children are the blocks. */
const CONTAINERS = new Set(['root', 'list', 'table', 'tablerow']);

function isContainer(node: ElementNode): boolean {
  const type = node.getType();
  if (CONTAINERS.has(type)) return true;
  const kids = node.getChildren();
  if (type === 'listitem') return kids.some((k) => k.getType() === 'list');
  if (type === 'tablecell') return kids.some((k) => $isElementNode(k) && !k.isInline());
  return false;
}

/**
 * Makes every half-width mark in Chinese text full-width, in the whole body, inside the caller's
 * update (so the fix is one undo step). Each block is read as the checks read it (its inline text,
 * links included), so exactly the marks the checks flag are replaced; code blocks are left alone.
 * Returns how many marks were replaced.
 */
export function $fixHalfWidthPunctuation(): number {
  let fixed = 0;
  const stack: ElementNode[] = [$getRoot()];
  while (stack.length) {
    const node = stack.pop()!;
    if (isContainer(node)) {
      for (const k of node.getChildren()) if ($isElementNode(k)) stack.push(k);
      continue;
    }
    if (node.getType() === 'code') continue;
    fixed += $fixBlock(node);
  }
  return fixed;
}

function $fixBlock(block: ElementNode): number {
  const runs: Array<{ node: TextNode; start: number }> = [];
  let text = '';
  const walk = (n: LexicalNode): void => {
    if ($isTextNode(n)) {
      runs.push({ node: n, start: text.length });
      text += n.getTextContent();
    } else if ($isLineBreakNode(n)) {
      text += '\n';
    } else if ($isElementNode(n)) {
      for (const k of n.getChildren()) walk(k);
    }
  };
  for (const k of block.getChildren()) walk(k);
  const marks = halfWidthMarks(text);
  if (marks.length === 0) return 0;
  let m = 0;
  for (const { node, start } of runs) {
    const own = node.getTextContent();
    const end = start + own.length;
    if (m >= marks.length) break;
    if (marks[m]!.index >= end) continue;
    const chars = own.split('');
    while (m < marks.length && marks[m]!.index < end) {
      chars[marks[m]!.index - start] = marks[m]!.replacement;
      m++;
    }
    node.setTextContent(chars.join(''));
  }
  return marks.length;
}
