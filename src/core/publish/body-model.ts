import type { SerializedNode } from '../content/lexical-json.js';
import { inlineText } from '../content/plain-text.js';
import { ARTICLE_LINK_NODE, IMAGE_NODE } from '../content/node-types.js';
import { safeUrl } from './safe-url.js';

/**
 * The stored Lexical JSON, read once into the small document model every exporter renders
 * (HTML, Markdown, plain text). Doing the interpretation here, once, is what keeps the formats
 * structurally identical: images hoisted out of paragraphs, nested list items attached to the
 * item before them, empty paragraphs dropped, unsafe URLs removed, unknown nodes reduced to
 * their text. Each renderer then only decides how a paragraph or a table looks.
 *
 * Nothing in the stored JSON is trusted: every field is type-checked, every URL goes through
 * safeUrl, and nesting deeper than MAX_DEPTH is flattened to text (no stack overflow, no loss).
 */

export type Align = '' | 'center' | 'right' | 'justify';

export interface ImageRef {
  /** A safe URL, or null when the stored image has none (then only its text is exported). */
  src: string | null;
  alt: string;
  caption: string;
  credit: string;
  width: number | null;
  height: number | null;
  /** The library asset behind the image, so a bulk export can copy it. */
  sha256: string | null;
}

export type Inline =
  | { kind: 'text'; text: string; format: number }
  | { kind: 'break' }
  | { kind: 'link'; href: string; title: string; newTab: boolean; internal: boolean; children: Inline[] }
  | { kind: 'image'; image: ImageRef };

export interface ListBlock {
  kind: 'list';
  style: 'bullet' | 'number' | 'check';
  start: number;
  items: ListItem[];
}

export interface ListItem {
  checked: boolean;
  children: Inline[];
  lists: ListBlock[];
}

export interface TableCell {
  /** Lexical's headerState bits: 1 header row, 2 header column. */
  header: number;
  colSpan: number;
  rowSpan: number;
  blocks: Block[];
}

export interface TableRow {
  cells: TableCell[];
}

export type Block =
  | { kind: 'paragraph'; align: Align; children: Inline[] }
  | { kind: 'heading'; level: 2 | 3 | 4 | 5 | 6; align: Align; children: Inline[] }
  | { kind: 'quote'; children: Block[] }
  | ListBlock
  | { kind: 'code'; language: string; text: string }
  | { kind: 'rule' }
  | { kind: 'figure'; image: ImageRef }
  | { kind: 'table'; rows: TableRow[] };

/** How article links and library images become URLs: supplied by whoever renders. */
export interface BodyResolvers {
  /** The href of another article of the library, or null (missing, trashed): then only the text is kept. */
  articleHref(id: number): string | null;
  /** The href and intrinsic size of a library asset, or null when it cannot be exported. */
  asset(sha256: string): { href: string; width: number | null; height: number | null } | null;
}

export const TEXT_FORMAT_MASK = 0xff;
const MAX_DEPTH = 100;

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'list', 'code', 'horizontalrule', 'table']);
const INLINE_TYPES = new Set(['text', 'linebreak', 'tab', 'link', 'autolink', ARTICLE_LINK_NODE, 'code-highlight']);

export function buildBodyModel(body: unknown, resolvers: BodyResolvers): Block[] {
  const root = (body as { root?: unknown } | null)?.root;
  if (!isNode(root)) return [];
  const blocks = new ModelBuilder(resolvers).blocks(childrenOf(root), 0);
  outlineHeadings(blocks);
  return blocks;
}

/**
 * The page's title is its h1, so the body's headings must descend from h2 without skipping a
 * level, whatever levels the body holds (an imported post may open with an h3, or jump from h2
 * to h4). Each heading keeps its place relative to the ones before it: it goes one level under
 * the nearest earlier heading of a higher stored level, or at h2 when there is none, so
 * h3 h5 h4 h3 becomes h2 h3 h3 h2. Headings in quotes and table cells count in document order.
 */
function outlineHeadings(blocks: Block[]): void {
  const stack: Array<{ stored: number; level: number }> = [];
  const visit = (bs: Block[]) => {
    for (const b of bs) {
      if (b.kind === 'heading') {
        while (stack.length && stack[stack.length - 1]!.stored >= b.level) stack.pop();
        const level = Math.min(6, stack.length ? stack[stack.length - 1]!.level + 1 : 2) as 2 | 3 | 4 | 5 | 6;
        stack.push({ stored: b.level, level });
        b.level = level;
      } else if (b.kind === 'quote') visit(b.children);
      else if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) visit(c.blocks);
    }
  };
  visit(blocks);
}

function isNode(value: unknown): value is SerializedNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function childrenOf(node: SerializedNode): SerializedNode[] {
  return Array.isArray(node.children) ? node.children.filter(isNode) : [];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function positiveInt(v: unknown, max: number): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= max ? v : null;
}

function alignOf(node: SerializedNode): Align {
  const f = node.format;
  return f === 'center' || f === 'right' || f === 'justify' ? f : f === 'end' ? 'right' : '';
}

class ModelBuilder {
  constructor(private readonly resolvers: BodyResolvers) {}

  /** Block-level children: known blocks, runs of inline nodes (a paragraph), unknown wrappers. */
  blocks(nodes: SerializedNode[], depth: number): Block[] {
    const out: Block[] = [];
    let run: SerializedNode[] = [];
    const flush = () => {
      if (run.length) out.push(...this.paragraphs(this.inlines(run, depth + 1), ''));
      run = [];
    };
    for (const node of nodes) {
      if (depth > MAX_DEPTH) {
        run.push(node);
        continue;
      }
      if (BLOCK_TYPES.has(node.type) || node.type === IMAGE_NODE) {
        flush();
        out.push(...this.block(node, depth));
      } else if (INLINE_TYPES.has(node.type)) {
        run.push(node);
      } else if (childrenOf(node).some((c) => BLOCK_TYPES.has(c.type))) {
        // An unknown container (a layout column, a collapsible...): its blocks, in place.
        flush();
        out.push(...this.blocks(childrenOf(node), depth + 1));
      } else if (node.type === 'listitem' || node.type === 'tablerow' || node.type === 'tablecell') {
        // Table and list parts out of place: keep their content as blocks.
        flush();
        out.push(...this.blocks(childrenOf(node), depth + 1));
      } else {
        run.push(node);
      }
    }
    flush();
    return out;
  }

  private block(node: SerializedNode, depth: number): Block[] {
    switch (node.type) {
      case 'paragraph':
        return this.paragraphs(this.inlines(childrenOf(node), depth + 1), alignOf(node));
      case 'heading': {
        const n = Number(/^h([1-6])$/.exec(str(node.tag))?.[1] ?? 2);
        // The page's title is its only h1: a body h1 becomes an h2.
        const level = Math.max(2, n) as 2 | 3 | 4 | 5 | 6;
        const children = trimBreaks(this.inlines(childrenOf(node), depth + 1));
        return isBlank(children) ? [] : [{ kind: 'heading', level, align: alignOf(node), children }];
      }
      case 'quote': {
        const kids = childrenOf(node);
        const inner = kids.some((c) => BLOCK_TYPES.has(c.type)) ? this.blocks(kids, depth + 1) : this.paragraphs(this.inlines(kids, depth + 1), '');
        return inner.length ? [{ kind: 'quote', children: inner }] : [];
      }
      case 'list':
        return [this.list(node, depth)];
      case 'code': {
        const language = /^[\p{L}\p{N}_+#.-]{1,40}$/u.test(str(node.language)) ? str(node.language) : '';
        const text = codeText(node);
        return text.trim() === '' ? [] : [{ kind: 'code', language, text }];
      }
      case 'horizontalrule':
        return [{ kind: 'rule' }];
      case IMAGE_NODE: {
        const image = this.image(node);
        return image.src || image.alt || image.caption || image.credit ? [{ kind: 'figure', image }] : [];
      }
      case 'table':
        return this.table(node, depth);
      default:
        return [];
    }
  }

  /**
   * A paragraph's inline content, split around images that sit directly in it: a figure cannot
   * live inside a <p> (invalid HTML) and Markdown has no inline figure, so each image becomes a
   * figure between the text before and after it.
   */
  private paragraphs(inlines: Inline[], align: Align): Block[] {
    const out: Block[] = [];
    let current: Inline[] = [];
    const flush = () => {
      const children = trimBreaks(current);
      if (!isBlank(children)) out.push({ kind: 'paragraph', align, children });
      current = [];
    };
    for (const inline of inlines) {
      if (inline.kind === 'image') {
        flush();
        out.push({ kind: 'figure', image: inline.image });
      } else current.push(inline);
    }
    flush();
    return out;
  }

  inlines(nodes: SerializedNode[], depth: number, inLink = false): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) {
      if (depth > MAX_DEPTH) {
        const text = inlineText(node);
        if (text) out.push({ kind: 'text', text, format: 0 });
        continue;
      }
      switch (node.type) {
        case 'text':
          if (typeof node.text === 'string' && node.text !== '') {
            const f = node.format;
            out.push({ kind: 'text', text: node.text, format: typeof f === 'number' && Number.isInteger(f) ? f & TEXT_FORMAT_MASK : 0 });
          }
          break;
        case 'linebreak':
          out.push({ kind: 'break' });
          break;
        case 'tab':
          out.push({ kind: 'text', text: '\t', format: 0 });
          break;
        case 'link':
        case 'autolink':
          out.push(...this.link(node, safeUrl(node.url, 'link'), false, depth, inLink));
          break;
        case ARTICLE_LINK_NODE: {
          const id = node.articleId;
          const href = typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? this.resolvers.articleHref(id) : null;
          out.push(...this.link(node, href, true, depth, inLink));
          break;
        }
        case IMAGE_NODE:
          out.push({ kind: 'image', image: this.image(node) });
          break;
        case 'list': {
          // A list where only inline content fits: its items' text, one line each.
          for (const line of this.listLines(node, depth)) {
            if (out.length) out.push({ kind: 'break' });
            out.push(...line);
          }
          break;
        }
        default: {
          const kids = childrenOf(node);
          if (kids.length) {
            // A block inside inline content (e.g. a paragraph in a list item): keep its lines apart.
            if (BLOCK_TYPES.has(node.type) && out.length) out.push({ kind: 'break' });
            out.push(...this.inlines(kids, depth + 1, inLink));
          } else if (typeof node.text === 'string' && node.text !== '') {
            // Unknown text-like nodes (hashtags, mentions, code highlights): their text, never dropped.
            out.push({ kind: 'text', text: node.text, format: 0 });
          }
        }
      }
    }
    return out;
  }

  private link(node: SerializedNode, href: string | null, internal: boolean, depth: number, inLink: boolean): Inline[] {
    const children = this.inlines(childrenOf(node), depth + 1, true);
    // A link inside a link is invalid HTML, an unsafe or dangling one must not be followed:
    // in both cases the text stays and the link goes.
    if (href === null || inLink || isBlank(children)) return children;
    return [{ kind: 'link', href, title: str(node.title), newTab: node.target === '_blank', internal, children }];
  }

  private image(node: SerializedNode): ImageRef {
    const sha = typeof node.sha256 === 'string' && /^[0-9a-f]{64}$/.test(node.sha256) ? node.sha256 : null;
    const asset = sha ? this.resolvers.asset(sha) : null;
    const src = asset ? asset.href : sha ? null : safeUrl(node.src, 'image');
    return {
      src,
      alt: str(node.altText),
      caption: str(node.caption),
      credit: str(node.credit),
      width: positiveInt(node.width, 100_000) ?? asset?.width ?? null,
      height: positiveInt(node.height, 100_000) ?? asset?.height ?? null,
      sha256: asset ? sha : null,
    };
  }

  private list(node: SerializedNode, depth: number): ListBlock {
    const type = str(node.listType);
    const style = type === 'number' || type === 'check' ? type : type === 'bullet' ? 'bullet' : node.tag === 'ol' ? 'number' : 'bullet';
    const list: ListBlock = { kind: 'list', style, start: node.start === 0 ? 0 : positiveInt(node.start, 1_000_000_000) ?? 1, items: [] };
    for (const child of childrenOf(node)) {
      const kids = child.type === 'listitem' ? childrenOf(child) : [child];
      const nested = kids.filter((k) => k.type === 'list');
      const inline = kids.filter((k) => k.type !== 'list');
      const sublists = depth > MAX_DEPTH ? [] : nested.map((l) => this.list(l, depth + 1));
      const children = trimBreaks(this.inlines(depth > MAX_DEPTH ? kids : inline, depth + 1));
      const last = list.items[list.items.length - 1];
      // Lexical nests a list as an item holding only that list: it belongs to the item before.
      if (isBlank(children) && sublists.length && last) last.lists.push(...sublists);
      else list.items.push({ checked: child.checked === true, children, lists: sublists });
    }
    return list;
  }

  private listLines(node: SerializedNode, depth: number): Inline[][] {
    const lines: Inline[][] = [];
    const walkList = (list: ListBlock) => {
      for (const item of list.items) {
        if (!isBlank(item.children)) lines.push(item.children);
        item.lists.forEach(walkList);
      }
    };
    walkList(this.list(node, depth));
    return lines;
  }

  private table(node: SerializedNode, depth: number): Block[] {
    const rows: TableRow[] = [];
    for (const rowNode of childrenOf(node)) {
      const cellNodes = rowNode.type === 'tablerow' ? childrenOf(rowNode) : [rowNode];
      const cells: TableCell[] = cellNodes.map((c) => ({
        header: c.type === 'tablecell' && typeof c.headerState === 'number' ? c.headerState & 3 : 0,
        colSpan: positiveInt(c.colSpan, 1000) ?? 1,
        rowSpan: positiveInt(c.rowSpan, 1000) ?? 1,
        blocks: c.type === 'tablecell' ? this.blocks(childrenOf(c), depth + 2) : this.blocks([c], depth + 2),
      }));
      if (cells.length) rows.push({ cells });
    }
    return rows.length ? [{ kind: 'table', rows }] : [];
  }
}

/** The text of a code block: its text and highlight nodes, line breaks and tabs. */
function codeText(node: SerializedNode): string {
  let s = '';
  for (const c of childrenOf(node)) {
    if (c.type === 'linebreak') s += '\n';
    else if (c.type === 'tab') s += '\t';
    else if (c.type === 'paragraph' && s !== '') s += `\n${inlineText(c)}`;
    else s += inlineText(c);
  }
  return s;
}

/** Line breaks and blank text at a block's edges show nothing, and Markdown cannot keep them. */
function trimBreaks(inlines: Inline[]): Inline[] {
  // A code span of spaces shows (a box), so it is not idle.
  const idle = (i: Inline) => i.kind === 'break' || (i.kind === 'text' && !(i.format & 16) && /^[ \t\r\n]*$/.test(i.text));
  let start = 0;
  let end = inlines.length;
  while (start < end && idle(inlines[start]!)) start++;
  while (end > start && idle(inlines[end - 1]!)) end--;
  return start === 0 && end === inlines.length ? inlines : inlines.slice(start, end);
}

/** Nothing visible: no text other than ASCII whitespace, no image, no link. */
export function isBlank(inlines: readonly Inline[]): boolean {
  for (const i of inlines) {
    if (i.kind === 'image' || i.kind === 'link') return false;
    if (i.kind === 'text' && /[^ \t\r\n]/.test(i.text)) return false;
  }
  return true;
}

/** Every image of a body model (figures and inline images), for asset copying. */
export function imagesOf(blocks: readonly Block[]): ImageRef[] {
  const out: ImageRef[] = [];
  const inl = (xs: readonly Inline[]) => {
    for (const x of xs) {
      if (x.kind === 'image') out.push(x.image);
      else if (x.kind === 'link') inl(x.children);
    }
  };
  const list = (l: ListBlock) => l.items.forEach((it) => { inl(it.children); it.lists.forEach(list); });
  const visit = (bs: readonly Block[]) => {
    for (const b of bs) {
      if (b.kind === 'figure') out.push(b.image);
      else if (b.kind === 'paragraph' || b.kind === 'heading') inl(b.children);
      else if (b.kind === 'quote') visit(b.children);
      else if (b.kind === 'list') list(b);
      else if (b.kind === 'table') b.rows.forEach((r) => r.cells.forEach((c) => visit(c.blocks)));
    }
  };
  visit(blocks);
  return out;
}
