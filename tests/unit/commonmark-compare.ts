/**
 * Comparing HTML the way the CommonMark spec's examples are compared, and the Markdown import's
 * documented rules (markdown-import.ts) applied to the spec's expected HTML.
 *
 * `canonicalHtml` keeps what a reader sees and nothing of how it was written: entities decoded,
 * white space collapsed outside <pre>, attributes sorted, the exporter's `cd-` classes and table
 * `scope` left out, inline formatting as runs (so `<em><strong>` and `<strong><em>` agree), and a
 * code block's final newline (the editor's code block holds lines, not a last line end).
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'pre', 'hr', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div']);
const MARKS: Record<string, string> = { em: 'em', i: 'em', strong: 'strong', b: 'strong', code: 'code', s: 's', del: 's' };

const isEl = (n: ChildNode): n is Element => n.type === 'tag';

/**
 * `spec`: the HTML is the spec's, whose code blocks end with a line end (the editor's code block
 * holds lines, and exports none after the last). `rules`: apply the import's rules to it first.
 */
export function canonicalHtml(html: string, options: { spec?: boolean; rules?: boolean } = {}): string {
  const doc = parseDocument(html, { decodeEntities: true });
  if (options.rules) {
    applyImportRules(doc.children, false);
    outlineHeadings(doc.children);
  }
  specSide = options.spec === true;
  return blocks(doc.children);
}

let specSide = false;

function attrs(el: Element): string {
  const keep = Object.entries(el.attribs)
    .filter(([k, v]) => k !== 'scope' && !(k === 'class' && !/language-/.test(v)))
    .map(([k, v]) => (k === 'class' ? [k, v.split(/\s+/).filter((c) => c.startsWith('language-')).join(' ')] : k === 'href' || k === 'src' ? [k, sameUrl(v)] : [k, v]))
    .sort(([a], [b]) => a!.localeCompare(b!));
  return keep.map(([k, v]) => ` ${k}="${v}"`).join('');
}

/** Percent-encoding a character a URL may not hold literally (a backtick, a colon in a relative path) changes nothing. */
function sameUrl(url: string): string {
  return url.replace(/%([2-7][0-9A-F])/gi, (m, h: string) => {
    const c = String.fromCharCode(parseInt(h, 16));
    return /[\x21-\x7e]/.test(c) && c !== '%' ? c : m;
  });
}

function blocks(nodes: ChildNode[]): string {
  let out = '';
  let run: ChildNode[] = [];
  const flush = () => {
    const text = inline(run);
    if (text) out += text;
    run = [];
  };
  for (const n of nodes) {
    if (isEl(n) && BLOCK.has(n.name)) {
      flush();
      if (n.name === 'pre') out += `<pre>${preText(n)}</pre>`;
      else if (n.name === 'hr') out += '<hr>';
      else out += `<${n.name}${attrs(n)}>${blocks(n.children)}</${n.name}>`;
    } else run.push(n);
  }
  flush();
  return out;
}

function preText(pre: Element): string {
  const code = pre.children.find((c): c is Element => isEl(c) && c.name === 'code');
  const text = specSide ? textOf(code ?? pre).replace(/\n$/, '') : textOf(code ?? pre);
  return `<code${code ? attrs(code) : ''}>${escape(text)}</code>`;
}

function textOf(n: ChildNode): string {
  if (n.type === 'text') return n.data;
  if (isEl(n)) return n.children.map(textOf).join('');
  return '';
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type Run = { text: string; marks: string } | { tag: string };

function inline(nodes: ChildNode[]): string {
  const runs: Run[] = [];
  const walk = (ns: ChildNode[], marks: string[]) => {
    for (const n of ns) {
      if (n.type === 'text') {
        let text = marks.includes('code') ? n.data : n.data.replace(/[ \t\n\r\f]+/g, ' ');
        // Indentation with no-break or ideographic spaces at a line's start is not kept (import rule).
        if (specSide && !marks.includes('code') && (runs.length === 0 || 'tag' in runs[runs.length - 1]!)) text = text.replace(/^[\u00a0\u3000]+/, '');
        runs.push({ text, marks: [...new Set(marks)].sort().join('|') });
      } else if (isEl(n)) {
        if (n.name === 'br') runs.push({ tag: '<br>' });
        else if (n.name === 'img') runs.push({ tag: `<img${attrs(n)}>` });
        else if (n.name === 'a') walk(n.children, [...marks, `a${attrs(n)}`]);
        else walk(n.children, n.name in MARKS ? [...marks, MARKS[n.name]!] : marks);
      }
    }
  };
  walk(nodes, []);
  // White space at line edges (block edges, around <br>) shows nothing.
  const merged: Run[] = [];
  for (const r of runs) {
    const prev = merged[merged.length - 1];
    if ('text' in r && prev && 'text' in prev && prev.marks === r.marks) prev.text += r.text;
    else merged.push('text' in r ? { ...r } : r);
  }
  for (let i = 0; i < merged.length; i++) {
    const r = merged[i]!;
    if (!('text' in r) || r.marks.includes('code')) continue;
    const prev = merged[i - 1];
    const next = merged[i + 1];
    if (!prev || ('tag' in prev && prev.tag === '<br>')) r.text = r.text.replace(/^ +/, '');
    if (!next || ('tag' in next && next.tag === '<br>')) r.text = r.text.replace(/ +$/, '');
  }
  return merged
    .map((r) => {
      if ('tag' in r) return r.tag;
      if (!r.text) return '';
      return r.marks ? `<${r.marks}>${escape(r.text)}</>` : escape(r.text);
    })
    .join('');
}

const el = (name: string, children: ChildNode[] = [], attribs: Record<string, string> = {}): Element =>
  ({ type: 'tag', name, attribs, children } as unknown as Element);
const blank = (n: ChildNode) => n.type === 'text' && !/[^ \t\n\r\f]/.test(n.data);
/**
 * The export's heading outline (publish/body-model.ts): each heading goes one level under the
 * nearest earlier heading of a higher level, or at h2 when there is none, in document order.
 */
function outlineHeadings(nodes: ChildNode[]): void {
  const stack: Array<{ stored: number; level: number }> = [];
  const visit = (ns: ChildNode[]) => {
    for (const n of ns) {
      if (!isEl(n)) continue;
      const m = /^h([1-6])$/.exec(n.name);
      if (m) {
        const stored = Number(m[1]);
        while (stack.length && stack[stack.length - 1]!.stored >= stored) stack.pop();
        const level = Math.min(6, stack.length ? stack[stack.length - 1]!.level + 1 : 2);
        stack.push({ stored, level });
        n.name = `h${level}`;
      } else visit(n.children);
    }
  };
  visit(nodes);
}

/** Blocks a list item cannot hold: the list is split around them. */
const SPLITS = new Set(['pre', 'blockquote', 'hr', 'table', 'figure']);

/**
 * The Markdown import's documented rules (markdown-import.ts), applied to the HTML CommonMark
 * expects: what a correct import of each example must export.
 */
function applyImportRules(nodes: ChildNode[], inItem: boolean): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (!isEl(n)) continue;
    // Headings: the page's title is its h1, and the editor has h2-h4.
    if (n.name === 'h1') n.name = 'h2';
    if (n.name === 'h5' || n.name === 'h6') n.name = 'h4';
    // A heading inside a list item is a line of the item.
    if (inItem && /^h[1-6]$/.test(n.name)) n.name = 'p';
    // An image whose file is not part of the import keeps its alt text in place.
    if (n.name === 'img' && !/^https?:/i.test(n.attribs.src ?? '')) {
      nodes[i] = { type: 'text', data: n.attribs.alt ?? '' } as ChildNode;
      continue;
    }
    // Links other than http(s), mailto and relative ones, and links to nowhere (an empty
    // destination), keep their text.
    const href = n.attribs.href ?? '';
    if (n.name === 'a' && (href === '' || (/^[a-z][a-z0-9+.-]*:/i.test(href) && !/^(?:https?:|mailto:)/i.test(href)))) {
      nodes.splice(i, 1, ...n.children);
      i--;
      continue;
    }
    applyImportRules(n.children, n.name === 'li' || (inItem && n.name !== 'blockquote'));
    if (n.name === 'li') {
      // A list item holds lines: its paragraphs become lines of the item.
      const kids: ChildNode[] = [];
      let lineEnded = false;
      for (const c of n.children) {
        const isBlock = isEl(c) && (c.name === 'p' || SPLITS.has(c.name) || c.name === 'ul' || c.name === 'ol');
        if (blank(c)) {
          kids.push(c);
          continue;
        }
        const last = [...kids].reverse().find((k) => !blank(k));
        const afterBlockish = last && isEl(last) && (SPLITS.has(last.name) || last.name === 'ul' || last.name === 'ol');
        if (isEl(c) && c.name === 'p') {
          if (last && !afterBlockish) kids.push(el('br'));
          kids.push(...c.children);
          lineEnded = true;
        } else {
          if (lineEnded && !isBlock) kids.push(el('br'));
          kids.push(c);
          lineEnded = false;
        }
      }
      n.children = kids;
    }
    if (n.name === 'ul' || n.name === 'ol') {
      const pieces = splitList(n);
      if (pieces.length !== 1 || pieces[0] !== n) {
        nodes.splice(i, 1, ...pieces);
        i += pieces.length - 1;
      }
    }
  }
  // Blank blocks are not exported: empty paragraphs, headings, code blocks and quotes.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (!isEl(n)) continue;
    const empty = /^(?:p|h[1-6]|blockquote)$/.test(n.name) ? !/[^ \t\n\r\f]/.test(textOf(n)) && !n.children.some((c) => isEl(c) && c.name === 'img')
      : n.name === 'pre' ? !/[^ \t\n\r\f]/.test(textOf(n)) : false;
    if (empty) nodes.splice(i, 1);
  }
}

/**
 * A list whose items hold a code block, a quote or a rule: the list stops before the block, the
 * block follows, and the list goes on after it (an ordered one with the next number). What
 * follows the block inside the same item is a paragraph of its own.
 */
function splitList(list: Element): ChildNode[] {
  const out: ChildNode[] = [];
  const ordered = list.name === 'ol';
  let next = ordered ? Number(list.attribs.start ?? '1') : 1;
  let items: ChildNode[] = [];
  let segmentStart = next;
  const close = () => {
    if (items.length) out.push(el(list.name, items, ordered && segmentStart !== 1 ? { start: String(segmentStart) } : {}));
    items = [];
    segmentStart = next;
  };
  let split = false;
  for (const li of list.children) {
    if (!isEl(li) || li.name !== 'li') continue;
    let current: ChildNode[] = [];
    let broken = false;
    const flush = () => {
      const trimmed = trimBreaks(current);
      if (!broken) {
        if (trimmed.length || !current.length) {
          items.push(el('li', trimmed));
          next++;
        }
      } else if (trimmed.some((c) => !blank(c))) {
        // Text after a block: paragraphs, one per run of lines; a nested list stays a list.
        let para: ChildNode[] = [];
        const flushPara = () => { if (trimBreaks(para).length) out.push(el('p', trimBreaks(para))); para = []; };
        for (const c of trimmed) {
          if (isEl(c) && (c.name === 'ul' || c.name === 'ol')) { flushPara(); items.push(el('li', [c])); close(); }
          else para.push(c);
        }
        flushPara();
      }
      current = [];
    };
    for (const c of li.children) {
      if (isEl(c) && SPLITS.has(c.name)) {
        if (!broken && trimBreaks(current).length) flush();
        else if (broken) flush();
        current = [];
        close();
        out.push(c);
        broken = true;
        split = true;
      } else current.push(c);
    }
    if (broken) flush();
    else {
      const trimmed = trimBreaks(current);
      items.push(el('li', trimmed));
      next++;
    }
  }
  if (!split) return [list];
  close();
  return out;
}

function trimBreaks(nodes: ChildNode[]): ChildNode[] {
  let a = 0;
  let b = nodes.length;
  const idle = (n: ChildNode) => blank(n) || (isEl(n) && n.name === 'br');
  while (a < b && idle(nodes[a]!)) a++;
  while (b > a && idle(nodes[b - 1]!)) b--;
  return nodes.slice(a, b);
}
