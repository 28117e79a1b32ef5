/**
 * The stored body is Lexical's serialized editor state. The core reads it as plain data: it
 * never needs the Lexical runtime, so exports and derived fields stay fast and DOM-free.
 */
export interface SerializedNode {
  type: string;
  version?: number;
  children?: SerializedNode[];
  text?: string;
  [key: string]: unknown;
}

export interface SerializedEditorState {
  root: SerializedNode & { type: 'root'; children: SerializedNode[] };
}

export function emptyBody(): SerializedEditorState {
  return {
    root: {
      type: 'root', version: 1, direction: null, format: '', indent: 0,
      children: [paragraphNode([])],
    },
  };
}

export function paragraphNode(children: SerializedNode[]): SerializedNode {
  return { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children };
}

export function textNode(text: string, format = 0): SerializedNode {
  return { type: 'text', version: 1, detail: 0, format, mode: 'normal', style: '', text };
}

export function headingNode(tag: 'h2' | 'h3' | 'h4', children: SerializedNode[]): SerializedNode {
  return { type: 'heading', version: 1, tag, direction: null, format: '', indent: 0, children };
}

/** Body from plain paragraphs: used by first-run content, importers of text and tests. */
export function bodyFromParagraphs(paragraphs: readonly string[]): SerializedEditorState {
  const body = emptyBody();
  body.root.children = paragraphs.map((p) => paragraphNode(p ? [textNode(p)] : []));
  if (body.root.children.length === 0) body.root.children = [paragraphNode([])];
  return body;
}

/** Block-level node types: their text is separated by line breaks in plain text. */
const BLOCK_TYPES = new Set([
  'root', 'paragraph', 'heading', 'quote', 'list', 'listitem', 'code', 'table', 'tablerow',
  'tablecell', 'image', 'horizontalrule', 'figure', 'caption',
]);

export function isBlock(node: SerializedNode): boolean {
  return BLOCK_TYPES.has(node.type);
}

/** Depth-first, iterative (hostile bodies can be deeply nested). */
export function* walk(root: SerializedNode): Generator<SerializedNode> {
  const stack: SerializedNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    yield node;
    const kids = node.children;
    if (Array.isArray(kids)) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}
