import type { Block, ImageRef, Inline, ListBlock } from './body-model.js';
import { stripForbiddenChars } from './escape.js';

/**
 * Plain text of a body, for the clipboard and for sites that take text: blocks separated by a
 * blank line, list items with their bullet or number, table rows as tab-separated cells,
 * images as their caption (or alt text). No markup of any kind.
 */
export function renderPlainTextBody(blocks: readonly Block[]): string {
  const text = textBlocks(blocks).join('\n\n');
  return text ? `${text}\n` : '';
}

function textBlocks(blocks: readonly Block[]): string[] {
  return blocks.map(textBlock).filter((t) => t !== '');
}

function textBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.children);
    case 'quote':
      return textBlocks(block.children).join('\n\n');
    case 'list':
      return listText(block, '');
    case 'code':
      return stripForbiddenChars(block.text.replace(/\n+$/, ''));
    case 'rule':
      return '——';
    case 'figure':
      return imageText(block.image);
    case 'table':
      return block.rows.map((r) => r.cells.map((c) => textBlocks(c.blocks).join(' ').replace(/\s*\n\s*/g, ' ')).join('\t')).join('\n');
  }
}

function listText(list: ListBlock, indent: string): string {
  return list.items.map((item, i) => {
    const marker = list.style === 'number' ? `${list.start + i}. ` : list.style === 'check' ? (item.checked ? '☑ ' : '☐ ') : '• ';
    const text = inlineText(item.children).replace(/\n/g, `\n${indent}${' '.repeat(marker.length)}`);
    const nested = item.lists.map((l) => `\n${listText(l, `${indent}  `)}`).join('');
    return `${indent}${marker}${text}${nested}`;
  }).join('\n');
}

function imageText(image: ImageRef): string {
  return stripForbiddenChars([image.caption || image.alt, image.credit].filter(Boolean).join(' '));
}

function inlineText(inlines: readonly Inline[]): string {
  let s = '';
  for (const i of inlines) {
    if (i.kind === 'text') s += i.text;
    else if (i.kind === 'break') s += '\n';
    else if (i.kind === 'link') s += inlineText(i.children);
    else s += i.image.alt;
  }
  return stripForbiddenChars(s);
}
