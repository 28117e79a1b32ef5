/**
 * The DOM pass every pasted HTML fragment goes through before Lexical imports it. Web pages,
 * Word and WeChat articles arrive with scripts, event handlers, inline styles, classes, iframes,
 * tracking pixels and `javascript:` links; what an article needs from them is the structure:
 * headings, paragraphs, lists, quotes, tables, bold / italic / underline / strikethrough, links
 * and images as references. This builds a new tree holding only that, from an inert document
 * (DOMParser never runs scripts or loads images), so nothing else can survive by accident:
 * the output is written element by element from an allow-list, never copied attribute by
 * attribute from the input.
 */

/** Removed with everything inside them. */
const DROP = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'template', 'svg', 'math',
  'canvas', 'video', 'audio', 'source', 'track', 'picture', 'map', 'form', 'input', 'button', 'select', 'option',
  'textarea', 'head', 'meta', 'link', 'title', 'base', 'param', 'dialog', 'portal', 'xml',
]);

/** Kept as themselves (after renaming), with no attributes unless listed in keepAttributes. */
const RENAME: Record<string, string> = {
  p: 'p', h1: 'h2', h2: 'h2', h3: 'h3', h4: 'h4', h5: 'h4', h6: 'h4',
  blockquote: 'blockquote', pre: 'pre', ul: 'ul', ol: 'ol', li: 'li',
  table: 'table', thead: 'thead', tbody: 'tbody', tfoot: 'tbody', tr: 'tr', th: 'th', td: 'td',
  strong: 'strong', b: 'strong', em: 'em', i: 'em', cite: 'em', u: 'u', ins: 'u', s: 's', strike: 's', del: 's',
  code: 'code', kbd: 'code', samp: 'code', tt: 'code', sub: 'sub', sup: 'sup', br: 'br', hr: 'hr',
  a: 'a', img: 'img', figure: 'figure', figcaption: 'p', dt: 'p', dd: 'p', caption: 'p',
};

/** Block containers with no meaning of their own (WeChat nests <section> deeply). */
const BLOCK_WRAPPERS = new Set(['div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'center', 'body', 'html', 'dl', 'address', 'details', 'summary', 'hgroup']);

const SAFE_HREF = /^(?:https?:|mailto:)/i;
const SAFE_IMG = /^https?:\/\//i;

export interface SanitizeResult {
  html: string;
  /** Elements dropped with their content, by tag (for the paste notice and tests). */
  dropped: Record<string, number>;
}

export function sanitizePastedHtml(input: string): SanitizeResult {
  const doc = new DOMParser().parseFromString(input, 'text/html');
  // A second inert document to build into: nothing from the input is ever moved, only recreated.
  const out = new DOMParser().parseFromString('<!doctype html><body></body>', 'text/html');
  const dropped: Record<string, number> = {};
  const root = out.createElement('div');
  copyChildren(doc.body, root, out, dropped, { inPre: false });
  wordListsToLists(root, out);
  return { html: root.innerHTML, dropped };
}

interface Context { inPre: boolean }

function copyChildren(from: Node, to: Element, out: Document, dropped: Record<string, number>, ctx: Context): void {
  for (let child = from.firstChild; child; child = child.nextSibling) copyNode(child, to, out, dropped, ctx);
}

function copyNode(node: Node, to: Element, out: Document, dropped: Record<string, number>, ctx: Context): void {
  if (node.nodeType === Node.TEXT_NODE) {
    to.append(out.createTextNode(node.nodeValue ?? ''));
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return; // comments (Word's <!--[if ...]-->), processing instructions
  const el = node as Element;
  const tag = el.localName.toLowerCase();
  // Word's VML shapes and equations (v:, m:) carry nothing an article keeps; other namespaced
  // tags (o:p, w:sdt content controls, st1:place) just wrap text and open up below.
  if (DROP.has(tag) || /^(?:v|m|xml):/.test(tag)) {
    dropped[tag] = (dropped[tag] ?? 0) + 1;
    return;
  }
  const style = el.getAttribute('style') ?? '';
  // Word's list bullets ("·", "1.") are text inside a span marked mso-list:Ignore.
  if (/mso-list\s*:\s*ignore/i.test(style)) return;
  if (/display\s*:\s*none/i.test(style)) return;

  if (BLOCK_WRAPPERS.has(tag)) {
    // A wrapper holding only inline content is a paragraph; one holding blocks just opens up.
    if (hasBlockChild(el)) copyChildren(el, to, out, dropped, ctx);
    else if (el.textContent?.trim() || el.querySelector('img')) {
      const p = out.createElement('p');
      copyChildren(el, p, out, dropped, ctx);
      to.append(p);
    }
    return;
  }

  const renamed = RENAME[tag];
  if (!renamed) {
    // Unknown or presentational (span, font, o:p, mark, small...): keep the content, and the
    // emphasis its inline style carried (Word, WeChat and Google Docs style spans, not <b>).
    appendStyled(el, style, to, out, dropped, ctx);
    return;
  }

  if (renamed === 'strong' && /(?:^|;)\s*font-weight\s*:\s*(normal|[1-4]00)\b/i.test(style)) {
    // Google Docs wraps whole pastes in <b style="font-weight:normal">.
    appendStyled(el, style.replace(/(?:^|;)\s*font-weight\s*:[^;]*/i, ''), to, out, dropped, ctx);
    return;
  }

  if (renamed === 'a') {
    const href = (el.getAttribute('href') ?? '').trim();
    if (!SAFE_HREF.test(href.replace(/[\u0000-\u0020\u007f]/g, ''))) {
      copyChildren(el, to, out, dropped, ctx); // keep the words, drop the link
      return;
    }
    const a = out.createElement('a');
    a.setAttribute('href', href);
    copyChildren(el, a, out, dropped, ctx);
    to.append(a);
    return;
  }

  if (renamed === 'img') {
    // WeChat lazy-loads: the real source is in data-src.
    const candidates = [el.getAttribute('data-src'), el.getAttribute('src'), el.getAttribute('data-original')];
    const src = candidates.map((s) => (s ?? '').trim()).find((s) => SAFE_IMG.test(s));
    if (!src) {
      dropped.img = (dropped.img ?? 0) + 1;
      return;
    }
    const img = out.createElement('img');
    img.setAttribute('src', src);
    const alt = el.getAttribute('alt');
    if (alt) img.setAttribute('alt', alt.slice(0, 500));
    for (const dim of ['width', 'height']) {
      const v = Number.parseInt(el.getAttribute(dim) ?? '', 10);
      if (Number.isFinite(v) && v > 0 && v < 20_000) img.setAttribute(dim, String(v));
    }
    to.append(img);
    return;
  }

  if (renamed === 'figure') {
    copyChildren(el, to, out, dropped, ctx);
    return;
  }

  const copy = out.createElement(renamed);
  if (renamed === 'td' || renamed === 'th') {
    for (const span of ['colspan', 'rowspan']) {
      const v = Number.parseInt(el.getAttribute(span) ?? '', 10);
      if (Number.isFinite(v) && v > 1 && v <= 50) copy.setAttribute(span, String(v));
    }
  }
  if (renamed === 'ol') {
    const start = Number.parseInt(el.getAttribute('start') ?? '', 10);
    if (Number.isFinite(start) && start > 1 && start < 100_000) copy.setAttribute('start', String(start));
  }
  if (renamed === 'p' && /mso-list\s*:\s*l\d+\s+level(\d)/i.test(style)) {
    // Word writes list items as paragraphs; remember the level for wordListsToLists().
    const m = /mso-list\s*:\s*l(\d+)\s+level(\d)/i.exec(style)!;
    copy.setAttribute('data-word-list', `${m[1]}:${m[2]}`);
    copy.setAttribute('data-word-ordered', /^[(（]?(\d+|[a-zA-Z]|[ivxlcIVXLC]+)[.)）、]/.test(wordMarkerText(el)) ? '1' : '0');
  }
  copyChildren(el, copy, out, dropped, { inPre: ctx.inPre || renamed === 'pre' });
  to.append(copy);
}

/** Inline content of an element, wrapped in the emphasis its style declared. */
function appendStyled(el: Element, style: string, to: Element, out: Document, dropped: Record<string, number>, ctx: Context): void {
  let target: Element = to;
  const wrap = (tag: string) => {
    const w = out.createElement(tag);
    target.append(w);
    target = w;
  };
  // Property names must start a declaration: Word's mso-bidi-font-weight is not font-weight.
  if (/(?:^|;)\s*font-weight\s*:\s*(bold|bolder|[6-9]00)\b/i.test(style)) wrap('strong');
  if (/(?:^|;)\s*font-style\s*:\s*italic/i.test(style)) wrap('em');
  if (/(?:^|;)\s*text-decoration(?:-line)?\s*:[^;]*underline/i.test(style)) wrap('u');
  if (/(?:^|;)\s*text-decoration(?:-line)?\s*:[^;]*line-through/i.test(style)) wrap('s');
  copyChildren(el, target, out, dropped, ctx);
}

const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'blockquote', 'pre', 'hr', 'figure', 'header', 'footer', 'main', 'aside', 'nav', 'center', 'dl', 'address']);

function hasBlockChild(el: Element): boolean {
  for (const c of el.children) if (BLOCK_TAGS.has(c.localName.toLowerCase())) return true;
  return false;
}

function wordMarkerText(el: Element): string {
  const marker = el.querySelector('[style*="mso-list" i]');
  return marker?.textContent?.trim() ?? '';
}

/**
 * Word list paragraphs (data-word-list="list:level") become real nested lists: consecutive
 * marked paragraphs form one list, a deeper level opens a nested list inside the last item.
 */
function wordListsToLists(root: Element, out: Document): void {
  const items = [...root.querySelectorAll('p[data-word-list]')];
  for (const p of items) {
    if (!p.parentElement) continue; // already moved into a list (the tree is detached: isConnected is always false)
    // Gather the run of consecutive Word list paragraphs starting here.
    const run: Element[] = [];
    for (let n: Element | null = p; n && n.matches('p[data-word-list]'); n = n.nextElementSibling) run.push(n);
    const stack: Array<{ list: Element; level: number }> = [];
    const first = run[0]!;
    const makeList = (ordered: boolean) => out.createElement(ordered ? 'ol' : 'ul');
    const top = makeList(first.getAttribute('data-word-ordered') === '1');
    first.before(top);
    stack.push({ list: top, level: levelOf(first) });
    for (const para of run) {
      const level = levelOf(para);
      while (stack.length > 1 && level < stack[stack.length - 1]!.level) stack.pop();
      let current = stack[stack.length - 1]!;
      if (level > current.level) {
        const parentItem = current.list.lastElementChild ?? current.list.appendChild(out.createElement('li'));
        const nested = makeList(para.getAttribute('data-word-ordered') === '1');
        parentItem.append(nested);
        current = { list: nested, level };
        stack.push(current);
      }
      const li = out.createElement('li');
      while (para.firstChild) li.append(para.firstChild);
      current.list.append(li);
      para.remove();
    }
  }
}

const levelOf = (p: Element) => Number(p.getAttribute('data-word-list')?.split(':')[1] ?? 1);
