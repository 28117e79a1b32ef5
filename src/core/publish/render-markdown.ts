import type { Block, ImageRef, Inline, ListBlock, TableRow } from './body-model.js';
import { MARKS, serializeRuns, type Run } from './markdown-emphasis.js';

/**
 * The Markdown of a body: CommonMark plus GFM tables, strikethrough and task lists, written so
 * that a CommonMark parser gives back the structure of the HTML fragment (checked in a test
 * with markdown-it). Pure Markdown only — no raw HTML, which Hugo's default renderer drops.
 *
 * What Markdown cannot say is dropped on purpose, never the text: alignment, underline,
 * sub/superscript, highlight, image sizes, table cell spans; a figure becomes an image paragraph
 * followed by its caption in italics.
 *
 * Emphasis is the delicate part (Chinese text has no spaces for CommonMark's flanking rules to
 * lean on): markdown-emphasis.ts writes it and checks it by reading it back.
 */
export function renderMarkdownBody(blocks: readonly Block[]): string {
  const text = renderBlocks(blocks).join('\n\n');
  return text ? `${text}\n` : '';
}

function renderBlocks(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  let previousList: { list: ListBlock; alternate: boolean } | null = null;
  for (const block of blocks) {
    let alternate = false;
    if (block.kind === 'list') {
      // Two lists in a row would merge into one: the second takes the other marker character.
      alternate = !!previousList && sameFamily(previousList.list, block) && !previousList.alternate;
      previousList = { list: block, alternate };
    } else previousList = null;
    const text = renderBlock(block, alternate);
    if (text !== '') out.push(text);
  }
  return out;
}

function sameFamily(a: ListBlock, b: ListBlock): boolean {
  return (a.style === 'number') === (b.style === 'number');
}

function renderBlock(block: Block, alternate: boolean): string {
  switch (block.kind) {
    case 'paragraph':
      return inlineMarkdown(block.children, 'block');
    case 'heading':
      return `${'#'.repeat(block.level)} ${inlineMarkdown(block.children, 'heading')}`;
    case 'quote':
      return prefixLines(renderBlocks(block.children).join('\n\n'), '> ', '>');
    case 'list':
      return renderList(block, alternate);
    case 'code': {
      const longest = Math.max(0, ...[...block.text.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(Math.max(3, longest + 1));
      const text = defuseTemplateSyntax(block.text);
      const body = text.endsWith('\n') ? text : `${text}\n`;
      return `${fence}${block.language}\n${body}${fence}`;
    }
    case 'rule':
      return '---';
    case 'figure':
      return renderFigure(block.image);
    case 'table':
      return renderTable(block.rows);
  }
}

function prefixLines(text: string, prefix: string, emptyPrefix: string): string {
  return text.split('\n').map((l) => (l === '' ? emptyPrefix : prefix + l)).join('\n');
}

function renderList(list: ListBlock, alternate: boolean): string {
  const lines: string[] = [];
  list.items.forEach((item, i) => {
    const marker = list.style === 'number'
      ? `${list.start + i}${alternate ? ')' : '.'} `
      : `${alternate ? '*' : '-'} ${list.style === 'check' ? (item.checked ? '[x] ' : '[ ] ') : ''}`;
    const indent = ' '.repeat(list.style === 'number' ? marker.length : 2);
    const content = inlineMarkdown(item.children, 'block');
    const contentLines = content === '' ? [] : content.split('\n');
    lines.push((marker + (contentLines[0] ?? '')).trimEnd());
    for (const l of contentLines.slice(1)) lines.push(indent + l);
    let previous: { list: ListBlock; alternate: boolean } | null = null;
    for (const sub of item.lists) {
      const alt: boolean = !!previous && sameFamily(previous.list, sub) && !previous.alternate;
      // An ordered list that does not start at 1 cannot interrupt a paragraph: give it a blank line.
      if (sub.style === 'number' && sub.start !== 1 && contentLines.length) lines.push('');
      for (const l of renderList(sub, alt).split('\n')) lines.push(l === '' ? '' : indent + l);
      previous = { list: sub, alternate: alt };
    }
  });
  return lines.join('\n');
}

function renderFigure(image: ImageRef): string {
  const caption = [image.caption || (image.src ? '' : image.alt), image.credit].filter(Boolean).join(' ');
  const parts: string[] = [];
  if (image.src) parts.push(imageMarkdown(image));
  if (caption) parts.push(inlineMarkdown([{ kind: 'text', text: caption, format: 2 }], 'block'));
  return parts.join('\n\n');
}

function renderTable(rows: readonly TableRow[]): string {
  let headRows = 0;
  while (headRows < rows.length && rows[headRows]!.cells.every((c) => c.header & 1)) headRows++;
  const width = Math.max(1, ...rows.map((r) => r.cells.reduce((n, c) => n + c.colSpan, 0)));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`.replace(/ {2,}\|/g, ' |').replace(/\| {2,}/g, '| ');
  const cellsOf = (row: TableRow | undefined): string[] => {
    const out: string[] = [];
    for (const cell of row?.cells ?? []) {
      out.push(inlineMarkdown(flattenCell(cell.blocks), 'table'));
      for (let i = 1; i < cell.colSpan; i++) out.push('');
    }
    while (out.length < width) out.push('');
    return out;
  };
  // GFM needs exactly one header row: the table's first head row, or an empty one.
  const header = cellsOf(headRows > 0 ? rows[0] : undefined);
  const body = rows.slice(headRows > 0 ? 1 : 0).map(cellsOf);
  return [line(header), line(Array(width).fill('---')), ...body.map(line)].join('\n');
}

/** A cell's blocks as one line of inline content (GFM cells hold a single line). */
function flattenCell(blocks: readonly Block[]): Inline[] {
  const out: Inline[] = [];
  const sep = () => { if (out.length) out.push({ kind: 'text', text: ' ', format: 0 }); };
  const list = (l: ListBlock) => l.items.forEach((it) => { sep(); out.push(...it.children); it.lists.forEach(list); });
  for (const b of blocks) {
    switch (b.kind) {
      case 'paragraph':
      case 'heading':
        sep();
        out.push(...b.children.map((c): Inline => (c.kind === 'break' ? { kind: 'text', text: ' ', format: 0 } : c)));
        break;
      case 'quote':
        sep();
        out.push(...flattenCell(b.children));
        break;
      case 'list':
        list(b);
        break;
      case 'code':
        sep();
        out.push({ kind: 'text', text: b.text, format: 16 });
        break;
      case 'figure': {
        sep();
        if (b.image.src) out.push({ kind: 'image', image: b.image });
        const caption = [b.image.caption || (b.image.src ? '' : b.image.alt), b.image.credit].filter(Boolean).join(' ');
        if (caption) out.push({ kind: 'text', text: `${b.image.src ? ' ' : ''}${caption}`, format: 0 });
        break;
      }
      case 'table':
        for (const r of b.rows) for (const c of r.cells) { sep(); out.push(...flattenCell(c.blocks)); }
        break;
      case 'rule':
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inline content

type Context = 'block' | 'heading' | 'table' | 'link' | 'table-link';

/**
 * Inline content as Markdown. Text, emphasis and code spans between "atoms" (links, images,
 * hard breaks) are one segment each; every segment closes all its emphasis before the next atom,
 * so emphasis never has to cross a link boundary or a line.
 */
export function inlineMarkdown(inlines: readonly Inline[], ctx: Context): string {
  let out = '';
  let segment: Run[] = [];
  let lineStart = ctx === 'block';
  const flush = (after: string) => {
    const atLineStart = lineStart;
    const only = segment.length === 1 ? segment[0]! : null;
    if (only && only.marks === 0) {
      // Plain text or a lone code span (the usual paragraph): no emphasis to arrange.
      out += only.code ? codeSpan(only.text, ctx) : escapeText(only.text, atLineStart, ctx);
    } else if (segment.length) {
      out += serializeRuns(segment, out === '' ? before(ctx) : lastChar(out), after, (run, i) =>
        run.code ? codeSpan(run.text, ctx) : escapeText(run.text, atLineStart && i === 0, ctx));
    }
    if (segment.length) lineStart = false;
    segment = [];
  };
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text': {
        const text = inline.text.replace(/\r\n?|\n/g, ' ');
        if (text === '') break;
        const last = segment[segment.length - 1];
        const marks = inline.format & MARKS;
        const code = (inline.format & 16) !== 0;
        if (last && last.marks === marks && last.code === code) last.text += text;
        else segment.push({ text, marks, code });
        break;
      }
      case 'break':
        if (ctx === 'block') {
          flush('\\');
          out += '\\\n';
          lineStart = true;
        } else segment.push({ text: ' ', marks: 0, code: false });
        break;
      case 'link': {
        flush('[');
        out = escapeBang(out);
        const title = inline.title ? ` "${inline.title.replace(/[\\"]/g, '\\$&').replace(/\r\n?|\n/g, ' ')}"` : '';
        out += `[${inlineMarkdown(inline.children, ctx === 'table' ? 'table-link' : 'link')}](${destination(inline.href)}${title})`;
        lineStart = false;
        break;
      }
      case 'image':
        flush('!');
        out += inline.image.src ? imageMarkdown(inline.image) : escapeText(inline.image.alt, false, ctx);
        lineStart = false;
        break;
    }
  }
  flush(after(ctx));
  return out;
}

/** A `!` right before a link's `[` would turn the link into an image. */
function escapeBang(s: string): string {
  const m = /(\\*)!$/.exec(s);
  return m && m[1]!.length % 2 === 0 ? `${s.slice(0, -1)}\\!` : s;
}

const before = (ctx: Context): string => (ctx === 'link' || ctx === 'table-link' ? '[' : ' ');
const after = (ctx: Context): string => (ctx === 'link' || ctx === 'table-link' ? ']' : ' ');
const lastChar = (s: string): string => String.fromCodePoint(s.codePointAt(s.length - (/[\uDC00-\uDFFF]$/.test(s) ? 2 : 1))!);

function imageMarkdown(image: ImageRef): string {
  return `![${escapeText(image.alt.replace(/\r\n?|\n/g, ' '), false, 'link')}](${destination(image.src ?? '')})`;
}

/** A link destination that needs no angle brackets: the characters that would end it, encoded. */
function destination(url: string): string {
  return url
    .replace(/[ ()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/**
 * Backslash-escapes whatever Markdown (and the site generators reading it) would take as
 * syntax: emphasis and code markers, brackets, raw HTML, entities, table pipes, and
 * `{{` / `{%`, which Hugo shortcodes and Jekyll's Liquid would execute.
 */
function escapeText(text: string, lineStart: boolean, ctx: Context): string {
  let s = text.replace(/[\\`*_[\]<>~|]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&').replace(/\{(?=[{%])/g, '{\\');
  if (ctx === 'heading') s = s.replace(/#/g, '\\#');
  if (lineStart) {
    // Line starts are where block syntax lives: headings, list markers, setext underlines,
    // and indentation (four spaces make a code block).
    s = s.replace(/^[ \t]+/, '').replace(/^[#+\-=]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  }
  return s;
}

/**
 * Code cannot be backslash-escaped, but Jekyll's Liquid runs `{{ }}` / `{% %}` and Hugo runs
 * `{{< >}}` / `{{% %}}` shortcodes even inside code. A zero-width space between the braces keeps
 * the code looking the same and the generators from executing it.
 */
export function defuseTemplateSyntax(code: string): string {
  return code.replace(/\{(?=[{%])/g, '{\u200B');
}

function codeSpan(text: string, ctx: Context): string {
  let content = defuseTemplateSyntax(text.replace(/\r\n?|\n/g, ' '));
  // Inside a GFM table a pipe ends the cell even in a code span, unless escaped.
  if (ctx === 'table' || ctx === 'table-link') content = content.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[ `]|[ `]$/.test(content) && content.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

export { escapeText as escapeMarkdownText };
