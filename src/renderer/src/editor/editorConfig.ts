import type { Klass, LexicalNode } from 'lexical';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { ImageNode } from './nodes/ImageNode';
import { ArticleLinkNode } from './nodes/ArticleLinkNode';

/** Every node a body may hold: the built-ins named in core/content/node-types.ts plus ours. */
export const EDITOR_NODES: Array<Klass<LexicalNode>> = [
  HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, CodeNode, CodeHighlightNode,
  HorizontalRuleNode, TableNode, TableRowNode, TableCellNode, ImageNode, ArticleLinkNode,
];

export const EDITOR_THEME = {
  paragraph: 'ed-p',
  heading: { h1: 'ed-h2', h2: 'ed-h2', h3: 'ed-h3', h4: 'ed-h4', h5: 'ed-h4', h6: 'ed-h4' },
  quote: 'ed-quote',
  list: {
    ul: 'ed-ul', ol: 'ed-ol', listitem: 'ed-li',
    nested: { listitem: 'ed-nested' },
    olDepth: ['ed-ol1', 'ed-ol2', 'ed-ol3', 'ed-ol4', 'ed-ol5'],
    ulDepth: ['ed-ul1', 'ed-ul2', 'ed-ul3', 'ed-ul4', 'ed-ul5'],
  },
  text: { bold: 'ed-bold', italic: 'ed-italic', underline: 'ed-underline', strikethrough: 'ed-strike', underlineStrikethrough: 'ed-underline-strike', code: 'ed-code' },
  code: 'ed-codeblock',
  link: 'ed-link',
  articleLink: 'ed-article-link',
  hr: 'ed-hr',
  image: 'ed-image',
  table: 'ed-table',
  tableRow: 'ed-tr',
  tableCell: 'ed-td',
  tableCellHeader: 'ed-th',
  tableSelection: 'ed-table-selection',
  tableCellSelected: 'ed-td-selected',
};
