/**
 * Test support for the publish tests: a structural view of HTML that both the HTML fragment and
 * markdown-it's rendering of the Markdown export reduce to, so "the Markdown says the same thing
 * as the HTML" is one deep equality.
 *
 * The normalised tree keeps what both formats can express — blocks (paragraphs, headings,
 * quotes, lists with their nesting and checked state, code blocks with language, rules, tables
 * with their head rows), inline runs with their strong/em/del/code marks, links with hrefs,
 * images with src and alt, hard breaks — and drops what Markdown cannot carry by design (classes,
 * alignment, underline/sub/sup/mark, image sizes, figure captions' spans, th vs td in the body).
 */
import { parseDocument } from 'htmlparser2';
import MarkdownIt from 'markdown-it';
import type { ChildNode, Element } from 'domhandler';

export type Run =
  | { t: 'text'; text: string; marks: string }
  | { t: 'br' }
  | { t: 'img'; src: string; alt: string }
  | { t: 'a'; href: string; children: Run[] };

export type Node =
  | { b: 'p' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6'; runs: Run[] }
  | { b: 'quote'; children: Node[] }
  | { b: 'list'; ordered: boolean; start: number; items: Array<{ checked: boolean | null; runs: Run[]; lists: Node[] }> }
  | { b: 'code'; lang: string; text: string }
  | { b: 'hr' }
  | { b: 'table'; head: Run[][][]; body: Run[][][] };

const MARK_TAGS: Record<string, string> = { strong: 'strong', b: 'strong', em: 'em', i: 'em', s: 'del', del: 'del', code: 'code' };
const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'pre', 'hr', 'table', 'figure', 'div']);

export function markdownParser(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt('commonmark');
  md.enable(['table', 'strikethrough']);
  return md;
}

export function normalizeHtml(html: string): Node[] {
  const doc = parseDocument(html, { decodeEntities: true });
  return blocksOf(doc.children);
}

const isEl = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

function blocksOf(nodes: ChildNode[]): Node[] {
  const out: Node[] = [];
  let inline: ChildNode[] = [];
  const flush = () => {
    const runs = cleanRuns(runsOf(inline, ''));
    if (runs.length) out.push({ b: 'p', runs });
    inline = [];
  };
  for (const n of nodes) {
    if (!isEl(n) || !BLOCK_TAGS.has(n.name)) { inline.push(n); continue; }
    flush();
    out.push(...blockOf(n));
  }
  flush();
  return out;
}

function blockOf(el: Element): Node[] {
  switch (el.name) {
    case 'p': {
      const runs = cleanRuns(runsOf(el.children, ''));
      return runs.length ? [{ b: 'p', runs }] : [];
    }
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      return [{ b: (el.name === 'h1' ? 'h2' : el.name) as 'h2', runs: cleanRuns(runsOf(el.children, '')) }];
    case 'blockquote':
      return [{ b: 'quote', children: blocksOf(el.children) }];
    case 'div':
      return blocksOf(el.children);
    case 'ul': case 'ol': {
      const items = el.children.filter(isEl).filter((c) => c.name === 'li').map((li) => {
        const inlineKids = li.children.filter((c) => !(isEl(c) && (c.name === 'ul' || c.name === 'ol')));
        // markdown-it wraps the text of loose items in <p>: unwrap.
        const flat = inlineKids.flatMap((c) => (isEl(c) && c.name === 'p' ? c.children : [c]));
        let runs = cleanRuns(runsOf(flat, ''));
        let checked: boolean | null = null;
        const cls = li.attribs.class ?? '';
        if (/\bcd-checked\b/.test(cls)) checked = true;
        if (/\bcd-unchecked\b/.test(cls)) checked = false;
        const first = runs[0];
        if (first?.t === 'text' && /^\[[ xX]\]( |$)/.test(first.text)) {
          checked = first.text[1] !== ' ';
          const rest = first.text.slice(3).replace(/^ /, '');
          runs = cleanRuns([...(rest ? [{ ...first, text: rest }] : []), ...runs.slice(1)]);
        }
        const lists = li.children.filter(isEl).filter((c) => c.name === 'ul' || c.name === 'ol').flatMap(blockOf);
        return { checked, runs, lists };
      });
      return [{ b: 'list', ordered: el.name === 'ol', start: el.name === 'ol' ? Number(el.attribs.start ?? 1) : 1, items }];
    }
    case 'pre': {
      const code = el.children.find((c): c is Element => isEl(c) && c.name === 'code');
      const lang = /language-(\S+)/.exec(code?.attribs.class ?? '')?.[1] ?? '';
      return [{ b: 'code', lang, text: textOf(code ?? el).replace(/\n$/, '') }];
    }
    case 'hr':
      return [{ b: 'hr' }];
    case 'figure': {
      const out: Node[] = [];
      const img = findAll(el, 'img')[0];
      if (img) out.push({ b: 'p', runs: [{ t: 'img', src: decodeHref(img.attribs.src ?? ''), alt: img.attribs.alt ?? '' }] });
      const cap = findAll(el, 'figcaption')[0];
      if (cap) out.push({ b: 'p', runs: cleanRuns(runsOf(cap.children, 'em')) });
      return out;
    }
    case 'table': {
      const rowsIn = (tag: string) => findAll(el, tag).flatMap((s) => s.children.filter(isEl).filter((c) => c.name === 'tr'));
      const cells = (tr: Element) => tr.children.filter(isEl).filter((c) => c.name === 'td' || c.name === 'th').map((c) => cleanRuns(runsOf(c.children.flatMap((k) => (isEl(k) && k.name === 'p' ? k.children : [k])), '')));
      let head = rowsIn('thead').map(cells);
      // Markdown tables always have a head row; an empty one means "no head".
      if (head.length && head.every((r) => r.every((c) => c.length === 0))) head = [];
      return [{ b: 'table', head, body: rowsIn('tbody').map(cells) }];
    }
    default:
      return [];
  }
}

function findAll(el: Element, name: string): Element[] {
  const out: Element[] = [];
  const visit = (n: ChildNode) => {
    if (!isEl(n)) return;
    if (n.name === name) out.push(n);
    n.children.forEach(visit);
  };
  el.children.forEach(visit);
  return out;
}

function textOf(n: ChildNode): string {
  if (n.type === 'text') return n.data;
  if (isEl(n)) return n.children.map(textOf).join('');
  return '';
}

function runsOf(nodes: ChildNode[], marks: string): Run[] {
  const out: Run[] = [];
  for (const n of nodes) {
    if (n.type === 'text') out.push({ t: 'text', text: n.data, marks });
    else if (isEl(n)) {
      if (n.name === 'br') out.push({ t: 'br' });
      else if (n.name === 'img') out.push({ t: 'img', src: decodeHref(n.attribs.src ?? ''), alt: n.attribs.alt ?? '' });
      else if (n.name === 'a') out.push({ t: 'a', href: decodeHref(n.attribs.href ?? ''), children: cleanRuns(runsOf(n.children, '')) });
      else {
        const mark = MARK_TAGS[n.name];
        const next = mark ? [...new Set([...marks.split(',').filter(Boolean), mark])].sort().join(',') : marks;
        out.push(...runsOf(n.children, next));
      }
    }
  }
  return out;
}

/** markdown-it percent-encodes URLs its own way (mdurl): compare them decoded. */
function decodeHref(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

/** Collapses whitespace, merges equal neighbours, trims block edges and around breaks. */
function cleanRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  const push = (text: string, marks: string) => {
    const last = out[out.length - 1];
    if (last?.t === 'text' && last.marks === marks) last.text += text;
    else if (text) out.push({ t: 'text', text, marks });
  };
  for (const r of runs) {
    if (r.t === 'text') {
      const text = r.text.replace(/[ \t\r\n]+/g, ' ');
      if (r.marks.includes('code')) { push(text, r.marks); continue; }
      // Emphasis on whitespace is invisible: edge whitespace of a marked run counts as unmarked.
      const m = /^(\s*)([\s\S]*?)(\s*)$/u.exec(text)!;
      push(m[1]!, '');
      push(m[2]!, r.marks);
      push(m[3]!, '');
    } else out.push(r);
  }
  // Trim at the edges and around hard breaks (Markdown drops that whitespace).
  for (let i = 0; i < out.length; i++) {
    const r = out[i]!;
    if (r.t !== 'text' || r.marks.includes('code')) continue;
    const prev = out[i - 1];
    const next = out[i + 1];
    if (!prev || prev.t === 'br') r.text = r.text.replace(/^ +/, '');
    if (!next || next.t === 'br') r.text = r.text.replace(/ +$/, '');
  }
  return out.filter((r) => r.t !== 'text' || r.text !== '').reduce<Run[]>((acc, r) => {
    const last = acc[acc.length - 1];
    if (r.t === 'text' && last?.t === 'text' && last.marks === r.marks) last.text += r.text;
    else acc.push(r);
    return acc;
  }, []);
}

/**
 * The Markdown may lose emphasis that CommonMark cannot express (a delimiter between a Chinese
 * letter and punctuation, strikethrough stacked on bold between letters): compare block
 * structure, characters, links, images and breaks exactly, and require every character's
 * Markdown marks to be a subset of its HTML marks — Markdown may drop formatting, never invent
 * it or move text. Returns null when that holds, else a description of the first difference.
 */
export function lossyDifference(html: readonly Node[], markdown: readonly Node[]): string | null {
  const skeleton = (nodes: readonly Node[]) => JSON.stringify(nodes, (k, v) => (k === 'runs' || k === 'head' || k === 'body' ? undefined : v));
  if (skeleton(html) !== skeleton(markdown)) return `block structure differs:\n${skeleton(html)}\n${skeleton(markdown)}`;
  const a = charsOf(html);
  const b = charsOf(markdown);
  if (a.length !== b.length) return `text differs:\n${a.map((c) => c.ch).join('')}\n${b.map((c) => c.ch).join('')}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.ch !== y.ch || x.href !== y.href) return `character ${i} differs: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`;
    const allowed = new Set(x.marks.split(',').filter(Boolean));
    for (const m of y.marks.split(',').filter(Boolean)) if (!allowed.has(m)) return `character ${i} (${x.ch}) gained ${m} in Markdown`;
  }
  return null;
}

function charsOf(nodes: readonly Node[]): Array<{ ch: string; marks: string; href: string }> {
  const out: Array<{ ch: string; marks: string; href: string }> = [];
  const runs = (rs: readonly Run[], href: string) => {
    for (const r of rs) {
      if (r.t === 'text') for (const ch of r.text) out.push({ ch: /\s/u.test(ch) ? ' ' : ch, marks: /\s/u.test(ch) && !r.marks.includes('code') ? '' : r.marks, href });
      else if (r.t === 'br') out.push({ ch: '\n', marks: '', href });
      else if (r.t === 'img') out.push({ ch: `<img ${r.src} ${r.alt}>`, marks: '', href });
      else runs(r.children, r.href);
    }
    out.push({ ch: '¶', marks: '', href: '' });
  };
  const visit = (ns: readonly Node[]) => {
    for (const n of ns) {
      if ('runs' in n) runs(n.runs, '');
      else if (n.b === 'quote') visit(n.children);
      else if (n.b === 'list') n.items.forEach((it) => { runs(it.runs, ''); visit(it.lists); });
      else if (n.b === 'table') [...n.head, ...n.body].forEach((row) => row.forEach((cell) => runs(cell, '')));
    }
  };
  visit(nodes);
  // Merge whitespace runs the way HTML collapses them.
  return out.filter((c, i) => !(c.ch === ' ' && (out[i - 1]?.ch === ' ' || out[i - 1]?.ch === '¶' || out[i - 1]?.ch === '\n' || i === 0 || out[i + 1]?.ch === '¶' || out[i + 1]?.ch === '\n')));
}
