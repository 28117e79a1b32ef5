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
  /**
   * The HTML was written by a Markdown renderer, so its structure is the author's own and is
   * kept as far as the editor's model allows: quotes hold several blocks, empty list items,
   * headings and code blocks stay, code spans keep their edge spaces, relative links stay as
   * written, an image's title becomes its caption and an image inside a paragraph follows the
   * paragraph instead of splitting it. Markdown-only because other sources' HTML is layout
   * rather than structure (a WordPress quote's <p>s are its lines).
   */
  authored?: boolean;
  /**
   * What a relative link or image means in the source (a Markdown archive: another file of the
   * import, a site path, an image file beside it). Null: the link keeps its text, the image
   * its alt text.
   */
  resolveRelative?: {
    /** `undefined`: no opinion, the link is kept as written. */
    link?: (href: string) => { url: string } | null | undefined;
    image?: (src: string) => { src: string; sha256: string | null; width: number | null; height: number | null } | null;
  };
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
  /** Code blocks, quotes, rules and headings inside list items: the list was split around them. */
  listSplits?: number;
  /** List items whose paragraphs became lines of the item (a list item holds no paragraphs). */
  itemParagraphsJoined?: number;
  /** Headings inside list items or headings, kept as lines of text. */
  headingsFlattened?: number;
  /** Images inside a paragraph, placed right after it (an image is a block of its own). */
  imagesMoved?: number;
  /** Blocks the editor cannot show empty (an empty quote), left out. */
  emptyDropped?: number;
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
/** CommonMark allows nine digits for an ordered list's start. */
const MAX_START = 999_999_999;
/** Lexical nests lists inside list items; deeper lists continue as lines of the deepest item. */
const MAX_LIST_DEPTH = 8;
const MAX_SPAN = 100;

interface InlineState {
  format: number;
  link: string | null;
  linkTitle: string | null;
  depth: number;
  inTable: boolean;
}

/** A container that holds blocks: the root and table cells. Loose inline content becomes paragraphs. */
interface FlowTarget {
  kind: 'flow';
  blocks: SerializedNode[];
  run: InlineItem[];
  /** Images met inside the paragraph being gathered, placed after it (authored HTML). */
  after?: SerializedNode[];
}

/** A container that holds only inline content (heading, quote, list item): blocks inside it are
 * either flattened to lines or, for images, tables and code, moved right after it (`hoisted`). */
interface InlineTarget {
  kind: 'inline';
  run: InlineItem[];
  hoisted: SerializedNode[];
  /** Set on list items: a nested list closes the current item and nests under it. */
  onList?: (el: Element, state: InlineState) => void;
  /** Set on list items: a block inside the item is placed where it stands, splitting the list. */
  onBlock?: (block: SerializedNode) => void;
  /** Set on list items: a paragraph boundary inside the item joins two of its paragraphs. */
  paragraphs?: number;
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
  converter.walkChildren(parent, root, { format: 0, link: null, linkTitle: null, depth: 0, inTable: false });
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
    if (target.kind !== 'flow') return;
    if (target.run.length) for (const p of finishParagraphs(target.run)) target.blocks.push(paragraphNode(p));
    target.run = [];
    if (target.after?.length) target.blocks.push(...target.after.splice(0));
  }

  /** A block produced inside `target`: after the paragraph so far, in place inside a list item, or after an inline container. */
  private pushBlock(target: Target, block: SerializedNode): void {
    if (target.kind === 'flow') {
      this.flush(target);
      target.blocks.push(block);
    } else if (target.onBlock) {
      target.onBlock(block);
    } else {
      target.hoisted.push(block);
    }
  }

  private boundary(target: Target): void {
    if (target.kind === 'flow') this.flush(target);
    else target.run.push({ kind: 'boundary' });
  }

  private text(target: Target, text: string, state: InlineState, exact = false): void {
    if (text) target.run.push({ kind: 'text', text, format: state.format, link: state.link, linkTitle: state.linkTitle, ...(exact ? { exact } : {}) });
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
      if (target.kind === 'flow' || (this.options.authored && target.onBlock)) this.pushBlock(target, horizontalRuleNode());
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
      if (name === 'p' && target.kind === 'inline' && target.paragraphs !== undefined) target.paragraphs++;
      this.boundary(target);
      this.walkChildren(el, target, inner);
      this.boundary(target);
      return;
    }
    if (name === 'code' && this.options.authored) {
      // A Markdown code span: its text is exact (the renderer already removed what CommonMark removes).
      this.text(target, textOf(el), { ...inner, format: (inner.format | TEXT_FORMAT.code) }, true);
      return;
    }
    // Inline: formats and links apply to the text inside; every other inline tag is transparent.
    let format = inner.format;
    if (name in FORMAT_TAGS) format |= FORMAT_TAGS[name]!;
    format = (format | style.add) & ~style.remove;
    let link = inner.link;
    let linkTitle = inner.linkTitle;
    if (name === 'a' && el.attribs.href !== undefined) {
      const url = this.linkUrl(el.attribs.href);
      if (url) {
        link = url;
        linkTitle = el.attribs.title?.trim() ? el.attribs.title : null;
      } else if (el.attribs.href.trim() && !el.attribs.href.trim().startsWith('#')) this.notes.unsafeUrls++;
    }
    this.walkChildren(el, target, { ...inner, format, link, linkTitle });
  }

  private linkUrl(href: string): string | null {
    if (this.options.authored && isRelative(href)) {
      // A Markdown archive's relative links are its site's own addresses: kept as written.
      const url = safeRelative(href);
      const resolved = url === null ? null : this.options.resolveRelative?.link?.(url);
      return resolved === undefined ? url : (resolved?.url ?? null);
    }
    return safeUrl(href, 'link', this.options.baseUrl, this.options.authored);
  }

  private heading(el: Element, tag: 'h2' | 'h3' | 'h4', target: Target, state: InlineState): void {
    if (target.kind === 'inline') {
      if (this.options.authored) this.count('headingsFlattened');
      this.boundary(target);
      this.walkChildren(el, target, state);
      this.boundary(target);
      return;
    }
    const h = this.inlineTarget();
    this.walkChildren(el, h, state);
    const children = finishInline(h.run);
    // An empty heading is the author's (Markdown `#`); elsewhere it is layout residue.
    if (hasText(children) || this.options.authored) this.pushBlock(target, headingNode(tag, children));
    else this.flush(target);
    for (const b of h.hoisted) this.pushBlock(target, b);
  }

  private quote(el: Element, target: Target, state: InlineState): void {
    if (this.options.authored && (target.kind === 'flow' || target.onBlock)) return this.authoredQuote(el, target, state);
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

  /** A quote of several blocks (paragraphs, lists, code, nested quotes), as the author wrote it. */
  private authoredQuote(el: Element, target: Target, state: InlineState): void {
    const flow: FlowTarget = { kind: 'flow', blocks: [], run: [], after: [] };
    this.walkChildren(el, flow, state);
    this.flush(flow);
    if (!flow.blocks.length) {
      this.count('emptyDropped');
      return this.boundary(target);
    }
    // One paragraph: the quote holds its text directly, as the editor's own quotes do.
    const only = flow.blocks.length === 1 && flow.blocks[0]!.type === 'paragraph' ? flow.blocks[0]! : null;
    this.pushBlock(target, quoteNode(only ? (only.children ?? []) : flow.blocks));
  }

  private count(key: 'listSplits' | 'itemParagraphsJoined' | 'headingsFlattened' | 'imagesMoved' | 'emptyDropped'): void {
    this.notes[key] = (this.notes[key] ?? 0) + 1;
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
    if (!built.length) this.flush(target);
    for (const b of built) this.pushBlock(target, b);
  }

  /**
   * A list and, in order, what its items hold that a list item cannot (a code block, a quote, a
   * rule, an image, a table): the list is split around such a block, and continues after it
   * (numbering too). Text that follows the block inside the same item continues as paragraphs.
   */
  private buildList(el: Element, state: InlineState, depth: number): SerializedNode[] {
    const listType: ListType = el.name === 'ol' ? 'number' : 'bullet';
    const startAttr = Number.parseInt(el.attribs.start ?? '', 10);
    const start = listType === 'number' && Number.isSafeInteger(startAttr) && startAttr >= 0 && startAttr <= MAX_START ? startAttr : 1;
    const authored = this.options.authored === true;
    const out: SerializedNode[] = [];
    let items: SerializedNode[] = [];
    let next = start;
    let segmentStart = start;
    /** The current item met a block: what follows in it is no longer part of the list. */
    let broken = false;
    /** The current <li> produced something (an item, a nested list, a block). */
    let emitted = false;
    const item = this.inlineTarget();
    item.paragraphs = 0;
    const closeList = () => {
      // Lexical numbers every item of a list node, a nested list's holder too.
      items.forEach((it, n) => (it.value = segmentStart + n));
      if (items.length) out.push(listNode(listType, segmentStart, items));
      items = [];
      segmentStart = next;
    };
    const finishItem = () => {
      const run = item.run;
      item.run = [];
      if (broken) {
        for (const p of finishParagraphs(run)) {
          out.push(paragraphNode(p));
          emitted = true;
        }
        return;
      }
      const children = finishInline(run);
      if (!hasText(children)) return;
      emitted = true;
      items.push(listItemNode(children, next++, depth));
    };
    item.onBlock = (block) => {
      finishItem();
      closeList();
      out.push(block);
      broken = true;
      emitted = true;
      this.count('listSplits');
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
      emitted = true;
      for (const piece of this.buildList(nested, nestedState, depth + 1)) {
        if (piece.type === 'list') items.push(listItemNode([piece], next, depth));
        else {
          closeList();
          out.push(piece);
        }
      }
    };
    for (const child of childrenOf(el)) {
      if (isElement(child) && child.name === 'li') {
        broken = false;
        emitted = false;
        item.paragraphs = 0;
        this.walkChildren(child, item, { ...state, depth: state.depth + 1 });
        if (item.paragraphs > 1) this.count('itemParagraphsJoined');
        finishItem();
        // An empty item is the author's (`-` alone on a line) and stays.
        if (!emitted && authored) items.push(listItemNode([], next++, depth));
      } else if (isElement(child) && LISTS.has(child.name)) {
        item.onList(child, state); // <ul><li>a</li><ul>…</ul></ul>: a nested list written as a sibling
      } else {
        broken = false;
        this.walk(child, item, state); // stray text between items becomes an item of its own
        finishItem();
      }
    }
    finishItem();
    closeList();
    out.push(...item.hoisted);
    return out;
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
    const lang = this.options.authored
      ? (/(?:^|\s)language-(\S{1,40})/.exec(cls)?.[1] ?? null)
      : (/(?:^|\s)(?:language|lang)-([\w+#.-]{1,30})/i.exec(cls)?.[1]?.toLowerCase() ?? null);
    let text = preText(el).replace(/\r\n?/g, '\n');
    // HTML drops a newline right after <pre> (not after <pre><code>); Markdown renderers end blocks with one.
    const first = childrenOf(el)[0];
    if (first && isText(first)) text = text.replace(/^\n/, '');
    text = text.replace(/\n$/, '');
    if (!text.trim() && !this.options.authored) return this.boundary(target);
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
    if (this.options.authored && raw && isRelative(raw)) {
      const local = this.options.resolveRelative?.image?.(raw.trim()) ?? null;
      if (local) return this.placeImage(el, target, state, local);
    }
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
    this.placeImage(el, target, state, { src, sha256: null, width, height });
  }

  private placeImage(el: Element, target: Target, state: InlineState, image: { src: string; sha256: string | null; width: number | null; height: number | null }): void {
    void state;
    const alt = collapseWhitespace(el.attribs.alt ?? '');
    const captionAttr = el.attribs['data-caption'] ?? (this.options.authored ? el.attribs.title : undefined);
    const caption = captionAttr ? collapseWhitespace(captionAttr) : '';
    const node = { ...imageNode({ src: image.sha256 ? '' : image.src, altText: alt, caption, width: image.width, height: image.height }), sha256: image.sha256 };
    if (this.options.authored && target.kind === 'flow' && hasContent(target.run)) {
      // An image is a block in the editor: it follows its paragraph rather than cutting it in three.
      this.count('imagesMoved');
      (target.after ??= []).push(node);
      return;
    }
    this.pushBlock(target, node);
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

/** Inline items that show something (a paragraph in the making is not empty). */
function hasContent(run: readonly InlineItem[]): boolean {
  return run.some((i) => i.kind === 'text' && /[^ \t\n\r\f]/.test(i.text));
}

/** No scheme: a path, a fragment or a query of the same site. */
function isRelative(url: string): boolean {
  return !/^[\s\u0000-\u001f]*[a-z][a-z0-9+.-]*:/i.test(url) && !/^\s*\/\//.test(url);
}

/** A relative URL as written, refused when it hides a scheme (`java%0ascript:`) or is empty. */
function safeRelative(href: string): string | null {
  const url = href.trim();
  if (!url || /[\u0000-\u001f\u007f]/.test(url)) return null;
  let decoded = url;
  try { decoded = decodeURIComponent(url); } catch { /* keep as written */ }
  if (/^[\s\u0000-\u001f]*[a-z][a-z0-9+.-]*:/i.test(decoded.replace(/[\t\n\r]/g, ''))) return null;
  // A colon before the first / ? # would read as a scheme to some tools: encode it (same path).
  const head = url.split(/[/?#]/, 1)[0]!;
  return head.includes(':') ? head.replace(/:/g, '%3A') + url.slice(head.length) : url;
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

