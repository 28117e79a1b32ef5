/**
 * An article page saved as HTML: the article is found the way a reader's eye finds it, not by
 * one CMS's class names.
 *
 * - Title: the <h1> that the document <title> / og:title also names (site logos are often an
 *   <h1> too), else og:title, else <title> minus the site-name suffix.
 * - Breadcrumb: the element labelled as one (class/id "breadcrumb", "position", 当前位置 ...).
 * - Meta line: the first short element after the title that carries a date; structured data
 *   (article:published_time, <time datetime>, meta author) wins when present.
 * - Body: the element holding the most paragraph text (readability's insight: navigation,
 *   sidebars and footers are many short links, an article is a few long paragraphs), minus
 *   chrome marked by tag or class (nav, aside, share, related, comments, ads, QR codes), then
 *   the same chrome line tests as the plain-text capture for what the CMS put inside the body.
 * - Related titles: the link texts under the related-articles heading.
 */
import type { SerializedNode } from '../content/lexical-json.js';
import { paragraphNode } from '../content/lexical-json.js';
import { inlineText } from '../content/plain-text.js';
import {
  childrenOf, classAndId, collapseWhitespace, findAll, findFirst, isElement, isText, parseHtml, textOf,
  type AnyNode, type Element,
} from './dom.js';
import { convertTree } from './html-to-body.js';
import {
  breadcrumbCategories, chromeKind, endsBody, isBylineLine, isExcerptLine, isRelatedHeading, parseBreadcrumb,
  parseMetaLine, parseTagsLine, trailingContactLines,
} from './page-chrome.js';
import type { PageExtract } from './page-extract.js';
import { parseLooseDate } from './dates.js';
import { safeUrl } from './safe-url.js';
import { importNote, type ImportNote } from './import-notes.js';

/** Tags that are chrome wherever they appear. */
const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'header', 'script', 'style', 'noscript', 'iframe']);
/** Class / id words naming chrome. Matched as whole words of the class list ("share-box", "sidebar"). */
const CHROME_CLASS = /(?:^|[\s_-])(?:nav|navbar|menu|sidebar|side|widget|footer|foot|header|head|comments?|share|social|bdshare|bdsharebuttonbox|related|relate|relates|recommend|hot|ad|ads|advert|advertisement|banner|breadcrumbs?|crumbs?|copyright|qrcode|qr|contact|pagination|pager|prenext|prev-next|postnav|tags|tag-list|xiangguan|tuijian|fenxiang|banquan|gotop|backtop|search|login|modal|popup|cookie)(?:[\s_-]|$)/;
const BREADCRUMB_CLASS = /bread|crumb|position|location|weizhi|dangqian|place/;
const CONTENT_CLASS = /(?:^|[\s_-])(?:content|article|entry|post|body|text|detail|main|zhengwen|neirong|single|story)(?:[\s_-]|$)/;
const QR_IMAGE = /qr|二维码|微信|weixin|wechat|扫码/i;

export function extractHtmlPage(html: string, fallbackTitle: string): PageExtract {
  const doc = parseHtml(html);
  const all = findAll(doc, () => true);
  const metaContent = (test: (el: Element) => boolean) => all.find((e) => e.name === 'meta' && test(e))?.attribs.content?.trim() ?? '';
  const leftOut: ImportNote[] = [];

  const canonicalHref = all.find((e) => e.name === 'link' && /(?:^|\s)canonical(?:\s|$)/i.test(e.attribs.rel ?? ''))?.attribs.href;
  const url = safeUrl(canonicalHref, 'link') ?? safeUrl(metaContent((e) => e.attribs.property === 'og:url'), 'link') ?? '';
  const baseHref = all.find((e) => e.name === 'base')?.attribs.href;
  const baseUrl = url || safeUrl(baseHref, 'link') || undefined;

  // Title.
  const docTitle = collapseWhitespace(textOf(all.find((e) => e.name === 'title') ?? doc));
  const ogTitle = metaContent((e) => e.attribs.property === 'og:title');
  const h1s = all.filter((e) => e.name === 'h1').map((el) => ({ el, text: collapseWhitespace(textOf(el)) })).filter((h) => h.text);
  const named = h1s.filter((h) => (ogTitle && ogTitle.includes(h.text)) || docTitle.includes(h.text)).sort((a, b) => b.text.length - a.text.length)[0];
  const titleEl = named?.el ?? (h1s.length === 1 ? h1s[0]!.el : undefined);
  const title = (titleEl ? collapseWhitespace(textOf(titleEl)) : '') || ogTitle || stripSiteName(docTitle) || fallbackTitle;

  // Breadcrumb.
  const crumbEl = all.find((e) => BREADCRUMB_CLASS.test(classAndId(e)) && parseBreadcrumbOf(e) !== null)
    ?? textNodeParents(doc, (t) => /^(?:当前位置|您的位置|你的位置|您现在的位置)/.test(t), 300).find((e) => parseBreadcrumbOf(e) !== null);
  let categoryPath = crumbEl ? breadcrumbCategories(parseBreadcrumbOf(crumbEl)!, title) : [];
  if (crumbEl) leftOut.push(importNote('chrome', { part: 'breadcrumb' }));

  // Meta line: the first short element after the title that carries a date.
  let metaEl: Element | undefined;
  let meta = { date: null as string | null, author: '', viewCount: null as number | null, source: '' };
  if (titleEl) {
    const start = all.indexOf(titleEl);
    for (const el of all.slice(start + 1, start + 60)) {
      if (isInside(el, titleEl)) continue;
      const text = collapseWhitespace(textOf(el, { spaced: true }));
      if (text.length > 200) continue;
      const parsed = parseMetaLine(text, categoryPath[categoryPath.length - 1]);
      if (parsed) {
        metaEl = el;
        meta = parsed;
        leftOut.push(importNote('chrome', { part: 'meta' }));
        break;
      }
    }
  }
  const structuredDate = parseLooseDate(
    metaContent((e) => e.attribs.property === 'article:published_time' || /^(?:pubdate|publishdate|publish-date|date)$/i.test(e.attribs.name ?? ''))
      || all.find((e) => e.attribs.itemprop === 'datePublished')?.attribs.content
      || all.find((e) => e.name === 'time' && e.attribs.datetime)?.attribs.datetime
      || '',
  );
  const structuredAuthor = metaContent((e) => e.attribs.name === 'author' || e.attribs.property === 'article:author');
  const authorEl = metaEl && findFirst(metaEl, (e) => /(?:^|[\s_-])author(?:[\s_-]|$)/.test(classAndId(e)) || e.attribs.rel === 'author');
  const viewsEl = metaEl && findFirst(metaEl, (e) => /(?:^|[\s_-])(?:views?|hits|clicks?|pv|read|readcount|viewcount)(?:[\s_-]|$)/.test(classAndId(e)));
  const views = viewsEl ? /(\d{1,9})/.exec(textOf(viewsEl))?.[1] : undefined;

  // Body container.
  const isChrome = (el: Element) => CHROME_TAGS.has(el.name) || CHROME_CLASS.test(classAndId(el)) || (el.attribs.role ?? '') === 'navigation';
  const container = pickContentContainer(doc, isChrome) ?? doc;
  const skip = (el: Element) => el === titleEl || el === metaEl || el === crumbEl || (el !== container && isChrome(el));
  const converted = convertTree(container, { baseUrl, skip });
  let blocks = converted.body.root.children;

  // Chrome the CMS put inside the body: cut at the first line that can only be chrome...
  const textOfBlock = (b: SerializedNode) => (b.type === 'image' ? '' : inlineText(b).trim());
  const tags: string[] = [];
  const cut = blocks.findIndex((b) => endsBody(chromeKind(textOfBlock(b))));
  if (cut >= 0) {
    for (const b of blocks.slice(cut)) if (chromeKind(textOfBlock(b)) === 'tags') tags.push(...parseTagsLine(textOfBlock(b)));
    leftOut.push(importNote('chrome-count', { part: chromeKind(textOfBlock(blocks[cut]!)) ?? 'after-body', n: blocks.length - cut }));
    blocks = blocks.slice(0, cut);
  }
  // ...then the contact / call-to-action block at its end, with its QR-code image.
  const contact = trailingContactLines(blocks.map(textOfBlock));
  if (contact) {
    let from = blocks.length - contact;
    const above = blocks[from - 1];
    if (above?.type === 'image' && QR_IMAGE.test(`${above.altText} ${above.src}`)) from--;
    leftOut.push(importNote('chrome-count', { part: 'contact', n: blocks.length - from }));
    blocks = blocks.slice(0, from);
  }
  blocks = blocks.filter((b) => !(b.type === 'image' && QR_IMAGE.test(`${b.altText} ${b.src}`)));
  // A heading or paragraph repeating the title, or the meta line, is not body.
  while (blocks.length && (textOfBlock(blocks[0]!) === title || (blocks[0]!.type !== 'image' && parseMetaLine(textOfBlock(blocks[0]!)) && textOfBlock(blocks[0]!).length < 120))) {
    blocks = blocks.slice(1);
  }

  let byline = '';
  const paragraphIdx = blocks.map((b, i) => (b.type === 'paragraph' ? i : -1)).filter((i) => i >= 0);
  const candidates = paragraphIdx.filter((i, n) => n < 2 || n >= paragraphIdx.length - 3);
  const at = candidates.find((i) => isBylineLine(textOfBlock(blocks[i]!)));
  if (at !== undefined) {
    byline = textOfBlock(blocks[at]!);
    blocks = blocks.filter((_, i) => i !== at);
  }
  converted.body.root.children = blocks.length ? blocks : [paragraphNode([])];

  const relatedTitles = relatedListTitles(doc);
  if (relatedTitles.length) leftOut.push(importNote('chrome-count', { part: 'related', n: relatedTitles.length }));
  if (!categoryPath.length) {
    const section = metaContent((e) => e.attribs.property === 'article:section');
    if (section) categoryPath = [section];
  }

  return {
    title,
    categoryPath,
    date: structuredDate ?? meta.date,
    author: (authorEl && collapseWhitespace(textOf(authorEl))) || structuredAuthor || meta.author,
    viewCount: views !== undefined ? Number(views) : meta.viewCount,
    byline,
    source: meta.source,
    tags: [...new Set(tags)].slice(0, 100),
    body: converted.body,
    relatedTitles,
    url,
    leftOut,
  };
}

function parseBreadcrumbOf(el: Element): string[] | null {
  const text = collapseWhitespace(textOf(el, { spaced: true }));
  const parsed = parseBreadcrumb(text);
  if (parsed) return parsed;
  // Separators drawn by CSS: the links and list items are the levels.
  const parts = findAll(el, (e) => e.name === 'a' || e.name === 'li' || e.name === 'span')
    .filter((e) => findAll(e, (c) => c !== e && (c.name === 'a' || c.name === 'li')).length === 0)
    .map((e) => collapseWhitespace(textOf(e)))
    .filter(Boolean);
  return parts.length >= 2 ? parseBreadcrumb(parts.join(' > ')) : null;
}

function stripSiteName(title: string): string {
  const parts = title.split(/\s+[-–—|_]\s+|_|｜|\s\|\s/).map((p) => p.trim()).filter(Boolean);
  return parts.sort((a, b) => b.length - a.length)[0] ?? title;
}

function isInside(el: AnyNode, ancestor: Element): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

function insideChrome(el: Element, isChrome: (e: Element) => boolean): boolean {
  for (let p: AnyNode | null = el; p; p = p.parent) if (isElement(p) && isChrome(p)) return true;
  return false;
}

/** The element with the most paragraph text directly under it: its <p> children and loose text. */
function pickContentContainer(doc: AnyNode, isChrome: (e: Element) => boolean): Element | undefined {
  let best: Element | undefined;
  let bestScore = 0;
  for (const el of findAll(doc, (e) => !['p', 'a', 'span', 'b', 'strong', 'em', 'i', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'html', 'head', 'body'].includes(e.name))) {
    let score = 0;
    for (const child of childrenOf(el)) {
      if (isText(child)) score += collapseWhitespace(child.data).length;
      else if (isElement(child) && (child.name === 'p' || child.name === 'section' || child.name === 'span' || child.name === 'font')) {
        const text = collapseWhitespace(textOf(child));
        const linkText = findAll(child, (e) => e.name === 'a').reduce((n, a) => n + collapseWhitespace(textOf(a)).length, 0);
        // Paragraphs made of links are lists of other articles, not this one.
        score += Math.max(0, text.length - 2 * linkText);
      }
    }
    if (CONTENT_CLASS.test(classAndId(el))) score *= 1.25;
    if (score > bestScore && !insideChrome(el, isChrome)) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

/** Link texts under the related-articles heading, in order, without thumbnails' empty links or excerpts. */
function relatedListTitles(doc: AnyNode): string[] {
  const heading = textNodeParents(doc, isRelatedHeading)[0];
  if (!heading) return [];
  let node: Element = heading;
  for (let level = 0; level < 3; level++) {
    const parent = node.parent;
    if (!parent || !('children' in parent)) break;
    const siblings = parent.children.slice(parent.children.indexOf(node) + 1);
    const anchors = siblings.flatMap((s) => (isElement(s) ? [...(s.name === 'a' ? [s] : []), ...findAll(s, (e) => e.name === 'a')] : []));
    const titles: string[] = [];
    for (const a of anchors) {
      const text = collapseWhitespace(textOf(a)) || collapseWhitespace(a.attribs.title ?? '');
      if (!text || isExcerptLine(text) || /^(?:更多|more|查看更多|阅读全文|read more)\W*$/i.test(text)) continue;
      if (!titles.includes(text)) titles.push(text);
    }
    if (titles.length) return titles;
    if (!isElement(parent)) break;
    node = parent;
  }
  return [];
}

/**
 * Elements whose own text node passes a test. Looking at text nodes (rather than every
 * element's whole text) keeps this linear on large pages.
 */
function textNodeParents(doc: AnyNode, test: (text: string) => boolean, maxLength = 40): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [doc];
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) {
      const text = collapseWhitespace(node.data);
      if (text && text.length <= maxLength && test(text) && node.parent && isElement(node.parent)) out.push(node.parent);
      continue;
    }
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}
