import type { SerializedEditorState, SerializedNode } from './lexical-json.js';
import { ARTICLE_LINK_TYPE } from './links.js';

/**
 * The leaf blocks of a body (paragraphs, headings, list items, table cells, code, quotes) with
 * where each sits in the tree, so a finding about some text can be turned back into a selection
 * in the editor: `path` is the child index at each level from the root, exactly the indices
 * Lexical's own tree has, because the stored body is its exportJSON. Same leaf rules as
 * plain-text.ts, so counts, excerpts and checks agree on what a paragraph is.
 */
export interface LocatedBlock {
  path: number[];
  type: string;
  /** The block's inline text (text, line breaks as \n, tabs), UTF-16 offsets as in Lexical. */
  text: string;
  /** Internal links inside the block: [start, end) offsets of their text. */
  articleLinks: Array<{ articleId: number; start: number; end: number }>;
}

export interface LocatedImage {
  path: number[];
  node: SerializedNode;
}

export interface LocatedBody {
  blocks: LocatedBlock[];
  images: LocatedImage[];
}

const CONTAINER_TYPES = new Set(['root', 'list', 'table', 'tablerow']);

export function locateBlocks(body: SerializedEditorState): LocatedBody {
  const blocks: LocatedBlock[] = [];
  const images: LocatedImage[] = [];
  const stack: Array<[SerializedNode, number[]]> = [[body.root, []]];
  while (stack.length) {
    const [n, path] = stack.pop()!;
    const kids = Array.isArray(n.children) ? n.children : [];
    const isContainer = CONTAINER_TYPES.has(n.type)
      || (n.type === 'listitem' && kids.some((c) => c.type === 'list'))
      || (n.type === 'tablecell' && kids.some((c) => c.type === 'paragraph' || c.type === 'heading' || c.type === 'list'));
    if (isContainer) {
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, [...path, i]]);
      continue;
    }
    if (n.type === 'image') {
      images.push({ path, node: n });
      continue;
    }
    blocks.push(inlineOf(n, path, images));
  }
  return { blocks, images };
}

/** Text of one block, with the spans of internal links and any images sitting inline in it. */
function inlineOf(block: SerializedNode, path: number[], images: LocatedImage[]): LocatedBlock {
  let text = '';
  const articleLinks: LocatedBlock['articleLinks'] = [];
  const visit = (n: SerializedNode, p: number[]): void => {
    // Iterative over siblings, recursive only into inline wrappers (links), which are shallow.
    if (n.type === 'text' || n.type === 'code-highlight') text += typeof n.text === 'string' ? n.text : '';
    else if (n.type === 'linebreak') text += '\n';
    else if (n.type === 'tab') text += typeof n.text === 'string' ? n.text : '\t';
    else if (n.type === 'image') images.push({ path: p, node: n });
    const kids = Array.isArray(n.children) ? n.children : [];
    const start = text.length;
    kids.forEach((k, i) => visit(k, [...p, i]));
    if (n.type === ARTICLE_LINK_TYPE && Number.isSafeInteger(n.articleId)) {
      articleLinks.push({ articleId: n.articleId as number, start, end: text.length });
    }
  };
  visit(block, path);
  return { path, type: block.type, text, articleLinks };
}
