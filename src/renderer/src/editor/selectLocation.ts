import {
  $createNodeSelection, $createRangeSelection, $getRoot, $isDecoratorNode, $isElementNode, $isLineBreakNode, $isTextNode,
  $setSelection, type LexicalNode, type TextNode,
} from 'lexical';

/**
 * Turns a location from the copy-desk checks (a block path and text offsets in that block's
 * inline text, see core/content/blocks-with-paths.ts) into a selection in the live editor. The
 * path indexes Lexical's own tree, since the stored body is its exportJSON; offsets count text,
 * line breaks (one) and tabs exactly as the core's inline text does. Returns the DOM key of the
 * block so the caller can scroll to it, or null when the text has changed so much the location
 * no longer exists.
 */
export function $selectLocation(path: number[], start?: number, end?: number): string | null {
  let node: LexicalNode | null = $getRoot();
  for (const i of path) {
    node = $isElementNode(node) ? node.getChildAtIndex(i) : null;
    if (!node) return null;
  }
  if (start === undefined || end === undefined || $isDecoratorNode(node)) {
    const selection = $createNodeSelection();
    selection.add(node.getKey());
    $setSelection(selection);
    return node.getKey();
  }
  if (!$isElementNode(node)) return null;
  const a = pointAt(node, start, false);
  const b = pointAt(node, end, true);
  if (!a || !b) return null;
  const selection = $createRangeSelection();
  selection.anchor.set(a.node.getKey(), a.offset, 'text');
  selection.focus.set(b.node.getKey(), b.offset, 'text');
  $setSelection(selection);
  return node.getKey();
}

/** The text node and offset at a character offset of a block's inline text. */
function pointAt(block: LexicalNode, offset: number, preferEnd: boolean): { node: TextNode; offset: number } | null {
  let pos = 0;
  let last: TextNode | null = null;
  const stack: LexicalNode[] = $isElementNode(block) ? [...block.getChildren()].reverse() : [];
  while (stack.length) {
    const n = stack.pop()!;
    if ($isTextNode(n)) {
      const len = n.getTextContentSize();
      if (offset < pos + len || (preferEnd && offset === pos + len)) return { node: n, offset: offset - pos };
      pos += len;
      last = n;
    } else if ($isLineBreakNode(n)) {
      pos += 1;
    } else if ($isElementNode(n)) {
      stack.push(...[...n.getChildren()].reverse());
    }
  }
  return last && offset >= pos ? { node: last, offset: last.getTextContentSize() } : null;
}
