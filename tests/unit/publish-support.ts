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
  if (n.type === 'text') return n.data.replace(/\u200B/g, '');
  if (isEl(n)) return n.children.map(textOf).join('');
  return '';
}

function runsOf(nodes: ChildNode[], marks: string): Run[] {
  const out: Run[] = [];
  for (const n of nodes) {
    // The Markdown defuses `{{` / `{%` in code with a zero-width space (render-markdown.ts).
    if (n.type === 'text') out.push({ t: 'text', text: marks.includes('code') ? n.data.replace(/\u200B/g, '') : n.data, marks });
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
  // Whitespace between two runs with the same marks belongs to them (`*a b*` vs `<em>a</em> <em>b</em>`).
  for (let i = 1; i < out.length - 1; i++) {
    const [a, w, b] = [out[i - 1]!, out[i]!, out[i + 1]!];
    if (a.t === 'text' && w.t === 'text' && b.t === 'text' && w.marks === '' && /^\s+$/u.test(w.text) && a.marks === b.marks && a.marks !== '' && !a.marks.includes('code')) {
      out.splice(i - 1, 3, { t: 'text', text: a.text + w.text + b.text, marks: a.marks });
      i--;
    }
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

/** Characters whose marks differ between two structurally equal trees (see lossyDifference). */
export function markLosses(html: readonly Node[], markdown: readonly Node[]): string[] {
  const a = charsOf(html);
  const b = charsOf(markdown);
  return a.filter((c, i) => c.marks !== b[i]?.marks).map((c) => c.ch);
}

function charsOf(nodes: readonly Node[]): Array<{ ch: string; marks: string; href: string }> {
  const out: Array<{ ch: string; marks: string; href: string }> = [];
  const runs = (rs: readonly Run[], href: string, heading = false) => {
    for (const r of rs) {
      if (r.t === 'text') for (const ch of r.text) out.push({ ch: /\s/u.test(ch) ? ' ' : ch, marks: /\s/u.test(ch) && !r.marks.includes('code') ? '' : r.marks, href });
      // A Markdown heading is one line: a break inside a heading can only become a space.
      else if (r.t === 'br') out.push({ ch: heading ? ' ' : '\n', marks: '', href });
      else if (r.t === 'img') out.push({ ch: `<img ${r.src} ${r.alt}>`, marks: '', href });
      else runs(r.children, r.href, heading);
    }
    out.push({ ch: '¶', marks: '', href: '' });
  };
  const visit = (ns: readonly Node[]) => {
    for (const n of ns) {
      if ('runs' in n) runs(n.runs, '', n.b !== 'p');
      else if (n.b === 'quote') visit(n.children);
      else if (n.b === 'list') n.items.forEach((it) => { runs(it.runs, ''); visit(it.lists); });
      else if (n.b === 'table') [...n.head, ...n.body].forEach((row) => row.forEach((cell) => runs(cell, '')));
    }
  };
  visit(nodes);
  // Merge whitespace runs the way HTML collapses them.
  return out.filter((c, i) => !(c.ch === ' ' && (out[i - 1]?.ch === ' ' || out[i - 1]?.ch === '¶' || out[i - 1]?.ch === '\n' || i === 0 || out[i + 1]?.ch === '¶' || out[i + 1]?.ch === '\n')));
}

// ---------------------------------------------------------------------------------------------
// A small library with every kind of content the exporters handle, with fixed dates, so the
// golden files can pin the output byte for byte.

import type { Database } from 'better-sqlite3';
import { createArticle, trashArticle } from '../../src/core/articles/articles.js';
import { createCategory } from '../../src/core/taxonomy/categories.js';
import { putImageAsset } from '../../src/core/assets/store.js';
import { addRelatedLink } from '../../src/core/related/related-list.js';
import { setSettings } from '../../src/core/settings/settings.js';
import type { SerializedNode } from '../../src/core/content/lexical-json.js';
import { makePng } from '../support/png.js';


const p = (...children: SerializedNode[]): SerializedNode => ({ type: 'paragraph', version: 1, format: '', indent: 0, direction: null, children });
const t = (text: string, format = 0): SerializedNode => ({ type: 'text', version: 1, text, format, detail: 0, mode: 'normal', style: '' });
const li = (value: number, ...children: SerializedNode[]): SerializedNode => ({ type: 'listitem', version: 1, value, indent: 0, children });
const cell = (headerState: number, text: string): SerializedNode => ({ type: 'tablecell', version: 1, headerState, colSpan: 1, rowSpan: 1, children: [p(t(text))] });

export interface PublishFixture {
  main: number;
  english: number;
  covered: number;
  trashed: number;
  cover: string;
  figure: string;
  categories: { parent: number; child: number; other: number };
}

export const FIXTURE_SETTINGS = {
  siteName: '佐商网',
  baseUrl: 'https://www.example.com',
  urlPattern: '/{category}/{slug}.html',
  copyright: '版权声明:本文由本站发布,如需转载请注明出处。部份内容收集于网络,如有不妥之处请联系我们删除 400-0123-021 或 13391219793',
  contactBlock: '产业招商/厂房土地租售:400 0123 021\n或微信/手机:13391219793\n\n请说明您的需求、用途、税收、公司、联系人、手机号,以便快速帮您对接资源。',
  locale: 'zh-CN',
} as const;

export function buildPublishFixture(db: Database): PublishFixture {
  setSettings(db, FIXTURE_SETTINGS);
  const parent = createCategory(db, { name: '产业资讯', parentId: null, slug: 'chanye' }).id;
  const child = createCategory(db, { name: '广东产业信息', parentId: parent, slug: 'gdcy' }).id;
  const other = createCategory(db, { name: 'English', parentId: null, slug: 'english' }).id;
  db.prepare('UPDATE categories SET overrides = ? WHERE id = ?').run(JSON.stringify({ contactBlock: '广东园区招商热线:020-0000 0000\n葛毅明微信号' }), child);

  const cover = putImageAsset(db, makePng(64, 40, 0x40), 'image/png', 'cover.png').sha256;
  const figure = putImageAsset(db, makePng(120, 80, 0xc0), 'image/png', '园区.png').sha256;
  const dates = (d: string) => ({ createdAt: d, updatedAt: d });

  const english = createArticle(db, {
    title: 'Guangdong lists its first 5G industrial parks',
    slug: 'guangdong-5g-parks',
    status: 'published',
    author: 'Reporter',
    categoryId: other,
    publishedAt: '2023-05-04T08:00:00.000Z',
    tags: ['5G'],
    body: { root: { type: 'root' as const, children: [
      p(t('Guangzhou, Shenzhen and Shantou made the list: 5G parks * with _emphasis_ and [brackets] # not a heading.')),
      p(t('1. Not a list, '), t('bold', 1), t(' & '), t('code `x`', 16), t(' <b>not html</b>.')),
    ] } },
  }, dates('2023-05-04T08:00:00.000Z')).id;

  const covered = createArticle(db, {
    title: '中国人工智能(广州)产业园动工',
    slug: 'zhong-guo-ren-gong-zhi-neng-chan-ye-yuan',
    status: 'published',
    author: '编辑部',
    categoryId: child,
    coverAsset: cover,
    publishedAt: '2024-03-30T01:00:00.000Z',
    excerpt: '中国人工智能(广州)产业园项目开工动员大会30日在广州举行。项目落地后,将重点布局核心产业和科技金融配套产业。',
    excerptIsManual: true,
    body: { root: { type: 'root' as const, children: [p(t('中国人工智能(广州)产业园项目地处广州国际金融城西区。'))] } },
  }, dates('2024-03-30T01:00:00.000Z')).id;

  const trashed = createArticle(db, { title: '已删除的文章', slug: 'deleted-one', status: 'published', body: { root: { type: 'root' as const, children: [p(t('x'))] } } }, dates('2024-01-01T00:00:00.000Z')).id;

  const body = { root: { type: 'root' as const, children: [
    p(t('  10月24日,都昌县召开了新材料及智能装备产业园项目调度会议。这个项目对都昌来说意味着什么?')),
    { type: 'heading', version: 1, tag: 'h2', children: [t('项目调度 #1')] },
    p(t('以'), t('“时时放心不下”', 1), t('的紧迫感,'), t('求真务实', 2), t('抓项目;参见'),
      { type: 'link', version: 1, url: 'https://www.example.org/news?id=1&a=b c', rel: null, target: '_blank', title: '外链', children: [t('江西新闻网')] },
      t('与'), { type: 'article-link', version: 1, articleId: 0, children: [t('占位')] },
      { type: 'article-link', version: 1, articleId: -1, children: [t('无效链接')] },
      t('。')),
    { type: 'image', version: 1, sha256: figure, src: '', altText: '都昌新材料及智能装备产业园效果图', caption: '产业园效果图', credit: '图/都昌县融媒体中心', width: null, height: null },
    { type: 'list', version: 1, listType: 'bullet', start: 1, tag: 'ul', children: [
      li(1, t('公司筹建')),
      li(2, t('资金筹措')),
      li(3, { type: 'list', version: 1, listType: 'bullet', start: 1, tag: 'ul', children: [li(1, t('土地收储报批')), li(2, t('规划设计'))] }),
      li(3, t('评估')),
    ] },
    { type: 'list', version: 1, listType: 'number', start: 3, tag: 'ol', children: [li(3, t('每天看进度')), li(4, t('每周要调度'))] },
    { type: 'list', version: 1, listType: 'check', start: 1, tag: 'ul', children: [{ ...li(1, t('签约')), checked: true }, { ...li(2, t('开工')), checked: false }] },
    { type: 'quote', version: 1, children: [t('抓项目就是抓发展。')] },
    { type: 'code', version: 1, language: 'text', children: [t('产值目标:'), { type: 'linebreak', version: 1 }, { type: 'tab', version: 1 }, t('2025 → 1000 亿元')] },
    { type: 'horizontalrule', version: 1 },
    { type: 'table', version: 1, children: [
      { type: 'tablerow', version: 1, children: [cell(1, '年份'), cell(1, '目标产值')] },
      { type: 'tablerow', version: 1, children: [cell(0, '2022'), cell(0, '200 亿元')] },
      { type: 'tablerow', version: 1, children: [cell(0, '2030'), cell(0, '2000 亿元 | 远期')] },
    ] },
    p(t('第一行'), { type: 'linebreak', version: 1 }, t('第二行'), { type: 'hashtag', version: 1, text: '#都昌' },
      { type: 'image', version: 1, sha256: null, src: 'https://img.example.com/a b.jpg', altText: '外部图片', caption: '', credit: '', width: 300, height: 200 },
      t('图后文字')),
    { type: 'layout-container', version: 1, children: [p(t('未知容器中的段落'))] },
    p(),
  ] } };
  const main = createArticle(db, {
    title: '都昌主官连续调度新材料园项目为高质量发展注入绿色动能',
    slug: 'du-chang-xin-cai-liao-yuan',
    status: 'published',
    author: 'admin',
    byline: '欧阳兴、中国江西新闻网记者杜宇蔚/文',
    categoryId: child,
    coverAsset: figure,
    tags: ['都昌', '产业园'],
    publishedAt: '2024-09-27T02:30:00.000Z',
    seoDescription: '都昌县新材料及智能装备产业园项目调度会议。',
    body,
  }, dates('2024-09-27T02:30:00.000Z')).id;
  // The internal link points at the English article (ids are known only now).
  const stored = JSON.parse((db.prepare('SELECT body FROM articles WHERE id = ?').get(main) as { body: string }).body);
  stored.root.children[2].children[7].articleId = english;
  db.prepare('UPDATE articles SET body = ? WHERE id = ?').run(JSON.stringify(stored), main);
  db.prepare('INSERT OR IGNORE INTO body_links (article_id, target_id) VALUES (?, ?)').run(main, english);

  for (const target of [covered, english, trashed]) addRelatedLink(db, { id: main, targetId: target });
  trashArticle(db, trashed);
  db.prepare('UPDATE articles SET updated_at = created_at').run();
  return { main, english, covered, trashed, cover, figure, categories: { parent, child, other } };
}

// ---------------------------------------------------------------------------------------------
// Hostile content: everything a stored body, a field or a setting could hold to attack a page.

export const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '</script><script>alert(2)</script>',
  '<img src=x onerror=alert(3)>',
  '" onmouseover="alert(4)" x="',
  "' onfocus='alert(5)' autofocus x='",
  '<svg onload=alert(6)>',
  'javascript:alert(7)',
  '<!-- comment --><![CDATA[x]]>',
  '{{< shortcode >}} {% raw %} {{ site.title }}',
  '&lt;script&gt; &#60;script&#62; &amp;',
  '\u0000\u0007\u001b[31m\u2028\u2029\ud800',
];

export const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0000javascript:alert(1)',
  '\u0001javascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'javascript%3Aalert(1)',
  '%6A%61%76%61%73%63%72%69%70%74:alert(1)',
  '%256A%2561vascript%253Aalert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'jav&#x09;ascript:alert(1)',
  'javascript&colon;alert(1)',
  'file:///etc/passwd',
  'blob:https://x.example/uuid',
  'https://ok.example/" onclick="alert(1)',
  "https://ok.example/' onclick='alert(1)",
  'https://ok.example/<script>',
  '//evil.example/%0a%0dx',
  'mailto:a@example.com?subject=<script>',
];

/** A library article made of hostile content everywhere; returns its id. */
export function buildHostileArticle(db: Database): number {
  const category = createCategory(db, { name: '<script>alert("cat")</script>', parentId: null, slug: 'evil' }).id;
  const texts = HOSTILE_TEXT.map((x) => p(t(x), t(x, 1), t(x, 16)));
  const links = HOSTILE_URLS.map((url) => p(t('link: '), { type: 'link', version: 1, url, title: '"><script>alert(1)</script>', target: '_blank" onclick="alert(1)', children: [t(`text of ${url}`)] }));
  const images = HOSTILE_URLS.map((src) => ({ type: 'image', version: 1, sha256: null, src, altText: '" onerror="alert(1)', caption: '<script>alert(1)</script>', credit: "' onload='x", width: '100" onload="x', height: 5 }));
  const weird = [
    { type: 'heading', tag: 'h2 onclick=alert(1)', children: [t('heading')] },
    { type: 'code', language: 'js" onload="alert(1)', children: [t('</code></pre><script>alert(1)</script>')] },
    { type: 'list', listType: 'number', start: '1" onclick="alert(1)', children: [li(1, t('item'))] },
    { type: 'table', children: [{ type: 'tablerow', children: [{ type: 'tablecell', headerState: 1, colSpan: '2" onclick="x', rowSpan: 1e9, children: [p(t('<td onclick=x>'))] }] }] },
    { type: 'script', text: 'alert("node type script")' },
    { type: 'iframe', src: 'https://evil.example', children: [t('inside an iframe node')] },
    { type: 'paragraph', format: 'center" onclick="x', children: [t('aligned')] },
    { type: 'article-link', articleId: '1 OR 1=1', children: [t('sql-ish article link')] },
    { type: 'image', sha256: '../../etc/passwd', src: '', altText: 'bad hash', caption: '', credit: '' },
  ];
  const id = createArticle(db, {
    title: '<script>alert("title")</script> " onload="x',
    slug: 'hostile',
    status: 'published',
    author: '<img src=x onerror=alert(1)>',
    byline: '</p><script>alert(1)</script>',
    categoryId: category,
    tags: ['<b onmouseover=alert(1)>tag</b>', 'javascript:alert(1)'],
    seoTitle: '</title><script>alert(1)</script>',
    seoDescription: '"><script>alert(1)</script>',
    excerpt: '<script>alert("excerpt")</script>',
    excerptIsManual: true,
    publishedAt: '2024-01-02T03:04:05.000Z',
    body: { root: { type: 'root' as const, children: [...texts, ...links, ...images, ...weird] as SerializedNode[] } },
  }, { createdAt: '2024-01-02T03:04:05.000Z', updatedAt: '2024-01-02T03:04:05.000Z' }).id;
  // Fields the contract would refuse, written the way an old import or a hand edit could.
  db.prepare("UPDATE articles SET canonical_url = 'javascript:alert(1)' WHERE id = ?").run(id);
  setSettings(db, {
    siteName: '</title><script>alert("site")</script>',
    copyright: '<script>alert("copyright")</script>\n\n" onclick="x',
    contactBlock: '<a href="javascript:alert(1)">call</a>',
  });
  db.prepare('UPDATE categories SET overrides = ? WHERE id = ?').run(JSON.stringify({ copyright: '<iframe src=javascript:alert(1)>', contactBlock: 42 }), category);
  const target = createArticle(db, { title: '<svg/onload=alert("related")>', slug: 'target', status: 'published', excerpt: '<script>x</script>', excerptIsManual: true }).id;
  addRelatedLink(db, { id, targetId: target });
  return id;
}
