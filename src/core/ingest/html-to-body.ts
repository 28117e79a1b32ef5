/**
 * HTML → Lexical JSON, without a DOM: the importers' converter and the sanitizer spec for paste.
 *
 * It keeps the semantic structure an article needs (paragraphs, headings, quotes, lists, code,
 * rules, tables, images by reference, safe links, bold / italic / underline / strikethrough /
 * code, line breaks) and nothing else: no scripts, styles, classes, event handlers, frames,
 * forms or unsafe URLs can survive, because the output is built from an allow-list of node
 * shapes rather than by cleaning the input. Content we cannot represent is kept as its text
 * (an unknown container, a nested table, MathML), never dropped silently: what is dropped is
 * counted in `notes`.
 *
 * Pure: a string in, plain data out. Safe to run anywhere (main process, CLI, worker, renderer).
 */
import type { SerializedEditorState, SerializedNode } from '../content/lexical-json.js';
import { TEXT_FORMAT } from '../content/node-types.js';
import { childrenOf, collapseWhitespace, findAll, isElement, isText, parseHtml, textOf, type AnyNode, type Element } from './dom.js';
import { finishInline, finishParagraphs, hasText, type InlineItem } from './inline-run.js';
import { readStyle } from './inline-style.js';
import {
  codeNode, headingNode, horizontalRuleNode, imageNode, lineBreakNode, listItemNode, listNode,
  paragraphNode, quoteNode, tabNode, tableCellNode, tableNode, tableRowNode, textNode, type ListType,
} from './lexical-nodes.js';
import { safeUrl } from './safe-url.js';

export interface HtmlToBodyOptions {
  /** The page's own address: relative links and image sources are resolved against it. */
  baseUrl?: string;
  /** Elements to leave out with their content (an importer's site chrome); not counted in notes. */
  skip?: (el: Element) => boolean;
}

export interface ConversionNotes {
  /** Elements removed with their content, by tag name (script, iframe, form...). */
  dropped: Record<string, number>;
  /** Links and sources refused for their scheme (javascript:, data:, vbscript:, relative without a base). */
  unsafeUrls: number;
  /** Images without a usable http(s) source (their alt text is kept when they have one). */
  imagesWithoutSource: number;
  /** Elements hidden on the source page (display:none, hidden, mso-hide) and left out. */
  hidden: number;
}

export interface ConvertedHtml {
  body: SerializedEditorState;
  notes: ConversionNotes;
}

/** Elements removed together with everything inside them. */
const DROP = new Set([
  'script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link', 'base', 'frame', 'frameset',
  'param', 'form', 'input', 'button', 'select', 'textarea', 'option', 'optgroup', 'datalist', 'output',
  'canvas', 'svg', 'source', 'track', 'map', 'area', 'dialog', 'xml', 'rp', 'rt', 'applet', 'portal',
  'slot', 'object',
]);
/** Document metadata: removed without a note, since it was never body content. */
const METADATA = new Set(['head', 'title', 'meta', 'link', 'base', 'xml']);
/** Embedded players and frames: never embedded, but an http(s) address is kept as a plain link. */
const EMBED = new Set(['iframe', 'embed', 'video', 'audio']);
const HEADINGS: Record<string, 'h2' | 'h3' | 'h4'> = { h1: 'h2', h2: 'h2', h3: 'h3', h4: 'h4', h5: 'h4', h6: 'h4' };
const LISTS = new Set(['ul', 'ol', 'menu', 'dir']);
/** Containers whose edges are paragraph edges; their own tag means nothing we keep. */
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'address', 'center',
  'hgroup', 'details', 'summary', 'dl', 'dt', 'dd', 'fieldset', 'legend', 'caption', 'figcaption', 'li',
  'body', 'html', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'search',
]);
const FORMAT_TAGS: Record<string, number> = {
  b: TEXT_FORMAT.bold, strong: TEXT_FORMAT.bold,
  i: TEXT_FORMAT.italic, em: TEXT_FORMAT.italic,
  u: TEXT_FORMAT.underline, ins: TEXT_FORMAT.underline,
  s: TEXT_FORMAT.strikethrough, del: TEXT_FORMAT.strikethrough, strike: TEXT_FORMAT.strikethrough,
  code: TEXT_FORMAT.code, kbd: TEXT_FORMAT.code, samp: TEXT_FORMAT.code, tt: TEXT_FORMAT.code,
};

/** Deeper than this the tree is hostile or broken; the rest is kept as plain text. */
const MAX_ELEMENT_DEPTH = 200;
/** Lexical nests lists inside list items; deeper lists continue as lines of the deepest item. */
const MAX_LIST_DEPTH = 8;
const MAX_SPAN = 100;

interface InlineState {
  format: number;
  link: string | null;
  depth: number;
  inTable: boolean;
}

/** A container that holds blocks: the root and table cells. Loose inline content becomes paragraphs. */
interface FlowTarget {
  kind: 'flow';
  blocks: SerializedNode[];
  run: InlineItem[];
}

/** A container that holds only inline content (heading, quote, list item): blocks inside it are
 * either flattened to lines or, for images, tables and code, moved right after it (`hoisted`). */
interface InlineTarget {
  kind: 'inline';
  run: InlineItem[];
  hoisted: SerializedNode[];
  /** Set on list items: a nested list closes the current item and nests under it. */
  onList?: (el: Element, state: InlineState) => void;
}

type Target = FlowTarget | InlineTarget;

/** Converts HTML to a Lexical body. See convertHtml for the notes on what was left out. */
export function htmlToBody(html: string, options: HtmlToBodyOptions = {}): SerializedEditorState {
  return convertHtml(html, options).body;
}

export function convertHtml(html: string, options: HtmlToBodyOptions = {}): ConvertedHtml {
  return convertTree(parseHtml(html), options);
}

/** Converts the children of an already parsed node (an importer's content container). */
export function convertTree(parent: AnyNode, options: HtmlToBodyOptions = {}): ConvertedHtml {
  const converter = new Converter(options);
  const root: FlowTarget = { kind: 'flow', blocks: [], run: [] };
  converter.walkChildren(parent, root, { format: 0, link: null, depth: 0, inTable: false });
  converter.flush(root);
  const children = root.blocks.length ? root.blocks : [paragraphNode([])];
  return {
    body: { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } },
    notes: converter.notes,
  };
}

class Converter {
  readonly notes: ConversionNotes = { dropped: {}, unsafeUrls: 0, imagesWithoutSource: 0, hidden: 0 };

  constructor(private readonly options: HtmlToBodyOptions) {}

  private drop(name: string): void {
    this.notes.dropped[name] = (this.notes.dropped[name] ?? 0) + 1;
  }

  walkChildren(parent: AnyNode, target: Target, state: InlineState): void {
    const kids = childrenOf(parent);
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]!;
      // Word writes list items as sibling paragraphs marked `mso-list`; gather the run into one list.
      if (isElement(kid) && kid.name === 'p' && readStyle(kid.attribs.style).wordListLevel !== null) {
        const run: Element[] = [];
        let j = i;
        for (; j < kids.length; j++) {
          const k = kids[j]!;
          if (isElement(k) && k.name === 'p' && readStyle(k.attribs.style).wordListLevel !== null) run.push(k);
          else if (!(isText(k) && !k.data.trim()) && k.type !== 'comment' && k.type !== 'directive') break;
        }
        this.wordList(run, target, state);
        i = j - 1;
        continue;
      }
      this.walk(kid, target, state);
    }
  }

  flush(target: Target): void {
    if (target.kind !== 'flow' || target.run.length === 0) return;
    for (const p of finishParagraphs(target.run)) target.blocks.push(paragraphNode(p));
    target.run = [];
  }

  /** A block produced inside `target`: after the paragraph so far, or after the inline container. */
  private pushBlock(target: Target, block: SerializedNode): void {
    if (target.kind === 'flow') {
      this.flush(target);
      target.blocks.push(block);
    } else {
      target.hoisted.push(block);
    }
  }

  private boundary(target: Target): void {
    if (target.kind === 'flow') this.flush(target);
    else target.run.push({ kind: 'boundary' });
  }

  private text(target: Target, text: string, state: InlineState): void {
    if (text) target.run.push({ kind: 'text', text, format: state.format, link: state.link });
  }

  private walk(node: AnyNode, target: Target, state: InlineState): void {
    if (isText(node)) return this.text(target, node.data, state);
    if (node.type === 'cdata') return this.text(target, textOf(node), state);
    if (!isElement(node)) return; // comments, doctype, processing instructions
    const el = node;
    const name = el.name;
    if (this.options.skip?.(el)) return;
    if (state.depth > MAX_ELEMENT_DEPTH) return this.text(target, textOf(el), state);
    // VML (`v:shape`, Word's drawing fallback) is graphics; other Office namespaces (`o:p`,
    // `w:sdt`) wrap real text and are transparent like any unknown inline element.
    if (DROP.has(name) || name.startsWith('v:')) {
      if (!METADATA.has(name)) this.drop(name);
      return;
    }
    const style = readStyle(el.attribs.style);
    const hidden = style.hidden || 'hidden' in el.attribs;
    if (hidden || (el.attribs['aria-hidden'] === 'true' && !hasMeaningfulText(el))) {
      // Only hidden *text* is worth a note; empty decoration (icons, overlays) is not.
      if (hidden && collapseWhitespace(textOf(el))) this.notes.hidden++;
      return;
    }
    if (style.wordListMarker) return;
    const inner: InlineState = { ...state, depth: state.depth + 1 };

    if (EMBED.has(name)) return this.embed(el, target, state);
    if (name === 'br') return void target.run.push({ kind: 'br' });
    if (name === 'img') return this.image(el, target, state);
    if (name === 'hr') {
      if (target.kind === 'flow') this.pushBlock(target, horizontalRuleNode());
      else this.boundary(target);
      return;
    }
    if (name === 'math') {
      // MathML: no node for it, but the formula's text is content.
      this.text(target, collapseWhitespace(textOf(el)), state);
      return;
    }
    if (name in HEADINGS) return this.heading(el, HEADINGS[name]!, target, inner);
    if (name === 'blockquote') return this.quote(el, target, inner);
    if (LISTS.has(name)) return this.list(el, target, inner);
    if (name === 'pre') return this.code(el, target);
    if (name === 'table') return this.table(el, target, inner);
    if (name === 'figure') return this.figure(el, target, inner);
    if (BLOCKS.has(name)) {
      this.boundary(target);
      this.walkChildren(el, target, inner);
      this.boundary(target);
      return;
    }
    // Inline: formats and links apply to the text inside; every other inline tag is transparent.
    let format = inner.format;
    if (name in FORMAT_TAGS) format |= FORMAT_TAGS[name]!;
    format = (format | style.add) & ~style.remove;
    let link = inner.link;
    if (name === 'a' && el.attribs.href !== undefined) {
      const url = safeUrl(el.attribs.href, 'link', this.options.baseUrl);
      if (url) link = url;
      else if (el.attribs.href.trim() && !el.attribs.href.trim().startsWith('#')) this.notes.unsafeUrls++;
    }
    this.walkChildren(el, target, { ...inner, format, link });
  }

  private heading(el: Element, tag: 'h2' | 'h3' | 'h4', target: Target, state: InlineState): void {
    if (target.kind === 'inline') {
      this.boundary(target);
      this.walkChildren(el, target, state);
      this.boundary(target);
      return;
    }
    const h = this.inlineTarget();
    this.walkChildren(el, h, state);
    const children = finishInline(h.run);
    if (hasText(children)) this.pushBlock(target, headingNode(tag, children));
    else this.flush(target);
    for (const b of h.hoisted) this.pushBlock(target, b);
  }

  private quote(el: Element, target: Target, state: InlineState): void {
    if (target.kind === 'inline') {
      this.boundary(target);
      this.walkChildren(el, target, state);
      this.boundary(target);
      return;
    }
    const q = this.inlineTarget();
    this.walkChildren(el, q, state);
    const children = finishInline(q.run);
    if (hasText(children)) this.pushBlock(target, quoteNode(children));
    else this.flush(target);
    for (const b of q.hoisted) this.pushBlock(target, b);
  }

  private inlineTarget(): InlineTarget {
    return { kind: 'inline', run: [], hoisted: [] };
  }

  private list(el: Element, target: Target, state: InlineState): void {
    if (target.kind === 'inline') {
      if (target.onList) return target.onList(el, state);
      this.boundary(target);
      for (const li of childrenOf(el)) {
        this.walk(li, target, state);
        this.boundary(target);
      }
      return;
    }
    const built = this.buildList(el, state, 0);
    if (built.list) this.pushBlock(target, built.list);
    else this.flush(target);
    for (const b of built.hoisted) this.pushBlock(target, b);
  }

  private buildList(el: Element, state: InlineState, depth: number): { list: SerializedNode | null; hoisted: SerializedNode[] } {
    const listType: ListType = el.name === 'ol' ? 'number' : 'bullet';
    const startAttr = Number.parseInt(el.attribs.start ?? '', 10);
    const start = listType === 'number' && Number.isSafeInteger(startAttr) && startAttr >= 0 && startAttr < 1e6 ? startAttr : 1;
    const items: SerializedNode[] = [];
    const hoisted: SerializedNode[] = [];
    const item = this.inlineTarget();
    const finishItem = () => {
      const children = finishInline(item.run);
      if (hasText(children)) items.push(listItemNode(children, 0, depth));
      item.run = [];
    };
    item.onList = (nested, nestedState) => {
      if (depth + 1 >= MAX_LIST_DEPTH) {
        // Too deep for the editor: the nested items continue as lines of this item.
        this.boundary(item);
        for (const li of childrenOf(nested)) {
          this.walk(li, item, nestedState);
          this.boundary(item);
        }
        return;
      }
      finishItem();
      const sub = this.buildList(nested, nestedState, depth + 1);
      if (sub.list) items.push(listItemNode([sub.list], 0, depth));
      hoisted.push(...sub.hoisted);
    };
    for (const child of childrenOf(el)) {
      if (isElement(child) && child.name === 'li') {
        this.walkChildren(child, item, { ...state, depth: state.depth + 1 });
        finishItem();
      } else if (isElement(child) && LISTS.has(child.name)) {
        item.onList(child, state); // <ul><li>a</li><ul>…</ul></ul>: a nested list written as a sibling
      } else {
        this.walk(child, item, state); // stray text between items becomes an item of its own
        finishItem();
      }
    }
    finishItem();
    hoisted.unshift(...item.hoisted);
    items.forEach((it, i) => (it.value = start + i));
    return { list: items.length ? listNode(listType, start, items) : null, hoisted };
  }

  /** Word's `mso-list` paragraphs: levels become nesting, a numeric marker makes a numbered list. */
  private wordList(paragraphs: Element[], target: Target, state: InlineState): void {
    const entries = paragraphs.map((p) => {
      const marker = findAll(p, (e) => readStyle(e.attribs.style).wordListMarker).map((m) => textOf(m)).join('').trim();
      const t = this.inlineTarget();
      this.walkChildren(p, t, { ...state, depth: state.depth + 1 });
      return {
        level: readStyle(p.attribs.style).wordListLevel ?? 1,
        numbered: /^\(?(\d+|[a-z]|[ivxlc]+)[.)、]/i.test(marker),
        children: finishInline(t.run),
        hoisted: t.hoisted,
      };
    });
    const hoisted = entries.flatMap((e) => e.hoisted);
    let i = 0;
    const build = (level: number, depth: number): SerializedNode => {
      const numbered = entries[i]?.numbered ?? false;
      const items: SerializedNode[] = [];
      while (i < entries.length && entries[i]!.level >= level) {
        const e = entries[i]!;
        if (e.level > level && depth + 1 < MAX_LIST_DEPTH) {
          items.push(listItemNode([build(e.level, depth + 1)], 0, depth));
          continue;
        }
        if (hasText(e.children)) items.push(listItemNode(e.children, 0, depth));
        i++;
      }
      items.forEach((it, n) => (it.value = 1 + n));
      return listNode(numbered ? 'number' : 'bullet', 1, items);
    };
    const list = build(entries[0]?.level ?? 1, 0);
    if ((list.children ?? []).length) this.pushBlock(target, list);
    for (const b of hoisted) this.pushBlock(target, b);
  }

  private code(el: Element, target: Target): void {
    const codeEl = childrenOf(el).find((c) => isElement(c) && c.name === 'code') as Element | undefined;
    const cls = `${el.attribs.class ?? ''} ${codeEl?.attribs.class ?? ''}`;
    const lang = /(?:^|\s)(?:language|lang)-([\w+#.-]{1,30})/i.exec(cls)?.[1]?.toLowerCase() ?? null;
    let text = preText(el).replace(/\r\n?/g, '\n');
    // The HTML parser drops a newline right after <pre>; Markdown renderers end blocks with one.
    text = text.replace(/^\n/, '').replace(/\n$/, '');
    if (!text.trim()) return this.boundary(target);
    const children: SerializedNode[] = [];
    text.split('\n').forEach((line, i) => {
      if (i > 0) children.push(lineBreakNode());
      line.split('\t').forEach((part, j) => {
        if (j > 0) children.push(tabNode());
        if (part) children.push(textNode(part));
      });
    });
    this.pushBlock(target, codeNode(lang, children));
  }

  private image(el: Element, target: Target, state: InlineState): void {
    const raw = pickImageSource(el);
    const src = safeUrl(raw, 'image', this.options.baseUrl);
    const alt = collapseWhitespace(el.attribs.alt ?? '');
    const width = dimension(el.attribs.width);
    const height = dimension(el.attribs.height);
    if (width === 1 && height === 1) {
      this.drop('tracking-pixel');
      return;
    }
    if (!src) {
      this.notes.imagesWithoutSource++;
      if (alt) this.text(target, alt, state);
      return;
    }
    const caption = el.attribs['data-caption'] ? collapseWhitespace(el.attribs['data-caption']) : '';
    this.pushBlock(target, imageNode({ src, altText: alt, caption, width, height }));
  }

  private figure(el: Element, target: Target, state: InlineState): void {
    const images = findAll(el, (e) => e.name === 'img');
    const captionEl = childrenOf(el).find((c) => isElement(c) && c.name === 'figcaption') as Element | undefined;
    const caption = captionEl ? collapseWhitespace(textOf(captionEl, { lines: true })) : '';
    const otherText = collapseWhitespace(childrenOf(el).filter((c) => c !== captionEl).map((c) => textOf(c)).join(' '));
    const img = images[0];
    if (images.length === 1 && img && !otherText) {
      const before = target.kind === 'flow' ? target.blocks.length : target.hoisted.length;
      this.image(img, target, state);
      const list = target.kind === 'flow' ? target.blocks : target.hoisted;
      const added = list.length > before ? list[list.length - 1] : undefined;
      if (added?.type === 'image') added.caption = caption;
      else if (caption) {
        this.boundary(target);
        this.text(target, caption, state);
        this.boundary(target);
      }
      return;
    }
    this.boundary(target);
    this.walkChildren(el, target, state);
    this.boundary(target);
  }

  private embed(el: Element, target: Target, state: InlineState): void {
    this.drop(el.name);
    const sourceEl = childrenOf(el).find((c) => isElement(c) && c.name === 'source') as Element | undefined;
    const url = safeUrl(el.attribs.src ?? sourceEl?.attribs.src, 'link', this.options.baseUrl);
    if (!url) return;
    this.boundary(target);
    this.text(target, url, { ...state, link: url });
    this.boundary(target);
  }

  private table(el: Element, target: Target, state: InlineState): void {
    if (target.kind === 'inline' || state.inTable) {
      // No tables inside list items, quotes or other tables: keep the rows as lines of text.
      for (const row of tableRows(el)) {
        this.boundary(target);
        this.text(target, row.cells.map((c) => collapseWhitespace(textOf(c.el, { lines: true }))).filter(Boolean).join(' | '), state);
        this.boundary(target);
      }
      return;
    }
    const caption = childrenOf(el).find((c) => isElement(c) && c.name === 'caption') as Element | undefined;
    if (caption) {
      this.boundary(target);
      this.walkChildren(caption, target, state);
      this.boundary(target);
    }
    const rows = tableRows(el);
    if (rows.length === 0) return;
    const cellState: InlineState = { ...state, inTable: true };
    const grid: SerializedNode[][] = [];
    const occupied: number[] = []; // for each column, rows still covered by a rowspan from above
    let width = 0;
    rows.forEach((row, r) => {
      const cells: SerializedNode[] = [];
      let col = 0;
      const skipCovered = () => {
        while ((occupied[col] ?? 0) > 0) {
          occupied[col]!--;
          col++;
        }
      };
      for (const cell of row.cells) {
        skipCovered();
        const colSpan = span(cell.el.attribs.colspan);
        const rowSpan = Math.min(span(cell.el.attribs.rowspan), rows.length - r);
        const flow: FlowTarget = { kind: 'flow', blocks: [], run: [] };
        this.walkChildren(cell.el, flow, cellState);
        this.flush(flow);
        const blocks = flow.blocks.length ? flow.blocks : [paragraphNode([])];
        const header: 0 | 1 | 2 = cell.el.name !== 'th' ? 0 : row.inHead || r === 0 ? 1 : 2;
        cells.push(tableCellNode(blocks, header, colSpan, rowSpan));
        for (let c = 0; c < colSpan; c++) {
          if (rowSpan > 1) occupied[col + c] = Math.max(occupied[col + c] ?? 0, rowSpan - 1);
        }
        col += colSpan;
      }
      // Columns still covered by rowspans at the end of the row count toward its width.
      let end = col;
      for (let c = col; c < occupied.length; c++) {
        if ((occupied[c] ?? 0) > 0) {
          occupied[c]!--;
          end = c + 1;
        }
      }
      width = Math.max(width, end);
      grid.push(cells);
      (row as { width?: number }).width = end;
    });
    // Lexical expects rectangular tables: pad short rows with empty cells.
    const tableRowsOut = grid.map((cells, r) => {
      const missing = width - ((rows[r] as { width?: number }).width ?? width);
      for (let i = 0; i < missing; i++) cells.push(tableCellNode([paragraphNode([])], 0));
      return tableRowNode(cells);
    });
    this.pushBlock(target, tableNode(tableRowsOut));
  }
}

function hasMeaningfulText(el: Element): boolean {
  // aria-hidden marks decoration (icons) far more often than content; content stays.
  return collapseWhitespace(textOf(el)).length > 2;
}

/** Text of a <pre>, with <br> as newlines (some CMSs write code that way). */
function preText(el: Element): string {
  let out = '';
  const stack: AnyNode[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) out += n.data;
    else if (isElement(n)) {
      if (n.name === 'br') out += '\n';
      if (DROP.has(n.name)) continue;
      const kids = childrenOf(n);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return out;
}

/**
 * The real address of an image. Lazy-loading pages (WeChat, most Chinese CMSs) put a
 * placeholder or nothing in `src` and the real image in `data-src` / `data-original`.
 */
function pickImageSource(el: Element): string | undefined {
  const candidates = [el.attribs.src, el.attribs['data-src'], el.attribs['data-original'], el.attribs['data-lazy-src'], el.attribs['data-actualsrc']];
  const http = candidates.find((c) => c && /^\s*(https?:)?\/\//i.test(c));
  if (http) return http.trim().startsWith('//') ? `https:${http.trim()}` : http;
  return candidates.find((c) => c && c.trim());
}

function dimension(raw: string | undefined): number | null {
  if (!raw || !/^\s*\d{1,5}(\.\d+)?\s*(px)?\s*$/i.test(raw)) return null;
  const n = Math.round(Number.parseFloat(raw));
  return n > 0 && n <= 20_000 ? n : null;
}

function span(raw: string | undefined): number {
  const n = Number.parseInt(raw ?? '1', 10);
  return Number.isSafeInteger(n) && n > 1 ? Math.min(n, MAX_SPAN) : 1;
}

interface RowInfo { cells: Array<{ el: Element }>; inHead: boolean }

/** Rows of a table in display order: thead, then body rows, then tfoot (wherever it was written). */
function tableRows(table: Element): RowInfo[] {
  const head: RowInfo[] = [];
  const body: RowInfo[] = [];
  const foot: RowInfo[] = [];
  const rowOf = (tr: Element, inHead: boolean): RowInfo => ({
    cells: childrenOf(tr).filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')).map((el) => ({ el })),
    inHead,
  });
  for (const child of childrenOf(table)) {
    if (!isElement(child)) continue;
    if (child.name === 'tr') body.push(rowOf(child, false));
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      const bucket = child.name === 'thead' ? head : child.name === 'tfoot' ? foot : body;
      for (const tr of childrenOf(child)) if (isElement(tr) && tr.name === 'tr') bucket.push(rowOf(tr, child.name === 'thead'));
    }
  }
  return [...head, ...body, ...foot].filter((r) => r.cells.length > 0);
}

