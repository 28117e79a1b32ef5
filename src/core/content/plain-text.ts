import type { SerializedEditorState, SerializedNode } from './lexical-json.js';

/**
 * The text of a body, one line per block (paragraph, heading, list item, table cell...).
 * Paragraph structure matters to counts and checks, so blocks are kept apart by '\n'.
 */
export function toPlainText(body: SerializedEditorState): string {
  return blocksOf(body).join('\n');
}

/** The text of each leaf block, in order. Empty blocks are dropped. */
export function blocksOf(body: SerializedEditorState): string[] {
  const out: string[] = [];
  collect(body.root, out);
  return out.filter((b) => b.trim() !== '');
}

const CONTAINER_TYPES = new Set(['root', 'list', 'table', 'tablerow']);

function collect(node: SerializedNode, out: string[]): void {
  const stack: SerializedNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (CONTAINER_TYPES.has(n.type) || (n.type === 'listitem' && hasNestedList(n)) || n.type === 'tablecell' && hasBlockChildren(n)) {
      const kids = n.children ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
      continue;
    }
    if (n.type === 'image') {
      const caption = typeof n.caption === 'string' ? n.caption : '';
      if (caption) out.push(caption);
      continue;
    }
    out.push(inlineText(n));
  }
}

function hasNestedList(n: SerializedNode): boolean {
  return (n.children ?? []).some((c) => c.type === 'list');
}

function hasBlockChildren(n: SerializedNode): boolean {
  return (n.children ?? []).some((c) => c.type === 'paragraph' || c.type === 'heading' || c.type === 'list');
}

/** Text of one block: text nodes, tabs and line breaks, through links and other inline wrappers. */
export function inlineText(node: SerializedNode): string {
  let s = '';
  const stack: SerializedNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n.text === 'string' && (n.type === 'text' || n.type === 'code-highlight')) s += n.text;
    else if (n.type === 'linebreak') s += '\n';
    else if (n.type === 'tab') s += '\t';
    const kids = n.children;
    if (Array.isArray(kids)) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return s;
}
