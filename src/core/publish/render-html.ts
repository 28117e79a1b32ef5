import { escapeAttr, escapeHtml } from './escape.js';
import type { Block, ImageRef, Inline, ListBlock, TableCell } from './body-model.js';

/**
 * The HTML fragment of a body: semantic HTML5, one block per line, stable `cd-` class names a
 * site's stylesheet can target. Pure string building over the body model: no DOM, and nothing
 * from the stored JSON reaches the output unescaped (attributes are a fixed set the renderer
 * writes itself; there is no way for stored content to add one).
 *
 * Class names (the public styling contract of exported pages):
 *   blockquote.cd-quote   ul.cd-list / ol.cd-list / ul.cd-checklist > li.cd-checked|cd-unchecked
 *   pre.cd-code > code.language-X   figure.cd-figure > img.cd-image + figcaption.cd-figcaption
 *   (span.cd-caption, span.cd-credit)   img.cd-inline-image   table.cd-table   a.cd-article-link
 *   p/h2-h6 .cd-align-center|right|justify
 */
export function renderHtmlFragment(blocks: readonly Block[]): string {
  return blocks.length ? `${blocks.map(renderBlock).join('\n')}\n` : '';
}

function alignClass(align: string): string {
  return align ? ` class="cd-align-${align}"` : '';
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p${alignClass(block.align)}>${renderInlines(block.children)}</p>`;
    case 'heading':
      return `<h${block.level}${alignClass(block.align)}>${renderInlines(block.children)}</h${block.level}>`;
    case 'quote':
      return `<blockquote class="cd-quote">\n${block.children.map(renderBlock).join('\n')}\n</blockquote>`;
    case 'list':
      return renderList(block);
    case 'code': {
      const lang = block.language ? ` class="language-${escapeAttr(block.language)}"` : '';
      return `<pre class="cd-code"><code${lang}>${escapeHtml(block.text)}</code></pre>`;
    }
    case 'rule':
      return '<hr>';
    case 'figure':
      return renderFigure(block.image);
    case 'table':
      return renderTable(block.rows);
  }
}

function renderList(list: ListBlock): string {
  const tag = list.style === 'number' ? 'ol' : 'ul';
  const cls = list.style === 'check' ? 'cd-checklist' : 'cd-list';
  const start = list.style === 'number' && list.start !== 1 ? ` start="${list.start}"` : '';
  const items = list.items.map((item) => {
    const state = list.style === 'check' ? ` class="${item.checked ? 'cd-checked' : 'cd-unchecked'}"` : '';
    const nested = item.lists.map((l) => `\n${renderList(l)}\n`).join('');
    return `<li${state}>${renderInlines(item.children)}${nested}</li>`;
  });
  return `<${tag} class="${cls}"${start}>\n${items.join('\n')}\n</${tag}>`;
}

function imgTag(image: ImageRef, cls: string): string {
  const size = (image.width ? ` width="${image.width}"` : '') + (image.height ? ` height="${image.height}"` : '');
  return `<img class="${cls}" src="${escapeAttr(image.src ?? '')}" alt="${escapeAttr(image.alt)}"${size}>`;
}

function renderFigure(image: ImageRef): string {
  const parts: string[] = [];
  if (image.caption) parts.push(`<span class="cd-caption">${escapeHtml(image.caption)}</span>`);
  if (image.credit) parts.push(`<span class="cd-credit">${escapeHtml(image.credit)}</span>`);
  // Without a usable source the image's alt text stands in, so nothing the editor wrote is lost.
  if (!image.src && image.alt && !image.caption) parts.unshift(`<span class="cd-caption">${escapeHtml(image.alt)}</span>`);
  const caption = parts.length ? `<figcaption class="cd-figcaption">${parts.join(' ')}</figcaption>` : '';
  return `<figure class="cd-figure">${image.src ? imgTag(image, 'cd-image') : ''}${caption}</figure>`;
}

function renderTable(rows: ReadonlyArray<{ cells: TableCell[] }>): string {
  // Leading rows made only of header-row cells are the table head.
  let headRows = 0;
  while (headRows < rows.length && rows[headRows]!.cells.every((c) => c.header & 1)) headRows++;
  const row = (cells: TableCell[], inHead: boolean) =>
    `<tr>${cells.map((c) => renderCell(c, inHead)).join('')}</tr>`;
  const head = rows.slice(0, headRows).map((r) => row(r.cells, true));
  const body = rows.slice(headRows).map((r) => row(r.cells, false));
  return [
    '<table class="cd-table">',
    ...(head.length ? ['<thead>', ...head, '</thead>'] : []),
    ...(body.length ? ['<tbody>', ...body, '</tbody>'] : []),
    '</table>',
  ].join('\n');
}

function renderCell(cell: TableCell, inHead: boolean): string {
  const isHeader = inHead || cell.header !== 0;
  const tag = isHeader ? 'th' : 'td';
  const scope = !isHeader ? '' : inHead || cell.header & 1 ? ' scope="col"' : ' scope="row"';
  const span = (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '') + (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '');
  const only = cell.blocks.length === 1 ? cell.blocks[0]! : null;
  // One plain paragraph is the usual cell: write its text directly, as a site's tables do.
  const content = only?.kind === 'paragraph' && !only.align
    ? renderInlines(only.children)
    : cell.blocks.map(renderBlock).join('');
  return `<${tag}${scope}${span}>${content}</${tag}>`;
}

/** Text format bits (Lexical): outermost first; code innermost. */
const FORMAT_TAGS: ReadonlyArray<[number, string]> = [
  [1, 'strong'], [2, 'em'], [4, 's'], [8, 'u'], [128, 'mark'], [32, 'sub'], [64, 'sup'], [16, 'code'],
];

export function renderInlines(inlines: readonly Inline[]): string {
  let s = '';
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text': {
        let html = escapeHtml(inline.text);
        for (let i = FORMAT_TAGS.length - 1; i >= 0; i--) {
          const [bit, tag] = FORMAT_TAGS[i]!;
          // Subscript and superscript exclude each other; subscript wins, as in Lexical.
          if (inline.format & bit && !(bit === 64 && inline.format & 32)) html = `<${tag}>${html}</${tag}>`;
        }
        s += html;
        break;
      }
      case 'break':
        s += '<br>';
        break;
      case 'link': {
        const cls = inline.internal ? ' class="cd-article-link"' : '';
        const title = inline.title ? ` title="${escapeAttr(inline.title)}"` : '';
        const target = inline.newTab ? ' target="_blank" rel="noopener noreferrer"' : '';
        s += `<a${cls} href="${escapeAttr(inline.href)}"${title}${target}>${renderInlines(inline.children)}</a>`;
        break;
      }
      case 'image':
        s += inline.image.src ? imgTag(inline.image, 'cd-inline-image') : escapeHtml(inline.image.alt);
        break;
    }
  }
  return s;
}
