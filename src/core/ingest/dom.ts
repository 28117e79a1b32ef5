/**
 * Small helpers over htmlparser2's plain-object tree (domhandler nodes: no DOM, no layout, no
 * scripts). Everything here is iterative, because hostile input can nest thousands deep.
 */
import { parseDocument } from 'htmlparser2';
import type { AnyNode, ChildNode, Document, Element, Text } from 'domhandler';

export type { AnyNode, ChildNode, Document, Element, Text };

/** Parses HTML the forgiving way a browser would for our purposes (lower-cased names, decoded entities). */
export function parseHtml(html: string): Document {
  return parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
}

/** domhandler gives <script> and <style> their own node types; all three are elements. */
export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function isText(node: AnyNode): node is Text {
  return node.type === 'text';
}

export function childrenOf(node: AnyNode): ChildNode[] {
  return 'children' in node && Array.isArray(node.children) ? (node.children as ChildNode[]) : [];
}

/** Elements whose text is never content (code, styling, metadata, form controls). */
const NON_TEXT = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link', 'svg', 'select', 'textarea', 'button', 'iframe', 'object', 'rp']);

/** Block-ish elements: their text is separated from neighbours by a line break. */
const LINE_BREAKING = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'tr', 'figure', 'figcaption', 'address', 'hr', 'br',
  'caption', 'details', 'summary', 'center', 'form', 'fieldset', 'tbody', 'thead', 'tfoot',
]);

/**
 * The visible text of a subtree. With `lines`, block elements and <br> start new lines (as
 * `innerText` would); with `spaced`, every element edge is a space; without either, it is
 * `textContent` minus scripts, styles and other non-text.
 */
export function textOf(root: AnyNode, options: { lines?: boolean; spaced?: boolean } = {}): string {
  let out = '';
  const stack: Array<AnyNode | string> = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      out += node;
      continue;
    }
    if (isText(node)) {
      out += node.data;
      continue;
    }
    if (node.type === 'cdata') {
      const kids = childrenOf(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
      continue;
    }
    if (isElement(node)) {
      if (NON_TEXT.has(node.name)) continue;
      const breaks = options.lines === true && LINE_BREAKING.has(node.name);
      if (breaks) {
        out += '\n';
        stack.push('\n');
      } else if (options.spaced) {
        // Separate neighbouring elements (`<span>admin</span><span>2024-09-27</span>`).
        out += ' ';
        stack.push(' ');
      }
      if (node.name === 'td' || node.name === 'th') stack.push(' ');
    } else if (node.type !== 'root') continue;
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** Collapses HTML whitespace to single spaces and trims, keeping the text as written otherwise. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** Plain text of an HTML fragment (titles, excerpts): entities decoded, tags and scripts gone. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  return collapseWhitespace(textOf(parseHtml(html)));
}

/** Every element under `root` (depth first, document order) matching a test. */
export function findAll(root: AnyNode, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isElement(node) && test(node)) out.push(node);
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

export function findFirst(root: AnyNode, test: (el: Element) => boolean): Element | undefined {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isElement(node) && test(node)) return node;
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return undefined;
}

/** Class and id of an element, lower-cased, for chrome heuristics that read (never keep) them. */
export function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
}
