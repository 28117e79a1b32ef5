import type { MessageKey } from '../../../i18n/messages';
import type { ActionId } from '../../shortcuts';

/**
 * What the block-insert menus offer (the `/` menu in an empty paragraph and the toolbar's
 * Insert menu), with search words in English, Chinese and pinyin initials, so `/bt`, `/标题`
 * and `/head` all find a heading.
 */
export interface BlockOptionSpec {
  id: ActionId;
  label: MessageKey;
  icon: string;
  keywords: string[];
}

export const BLOCK_OPTIONS: BlockOptionSpec[] = [
  { id: 'paragraph', label: 'block.paragraph', icon: '¶', keywords: ['paragraph', 'text', 'p', '段落', '正文', 'dl', 'zw'] },
  { id: 'h2', label: 'block.h2', icon: 'H2', keywords: ['heading', 'h2', 'title', '标题', '二级', 'bt', 'biaoti'] },
  { id: 'h3', label: 'block.h3', icon: 'H3', keywords: ['heading', 'h3', 'subheading', '标题', '三级', 'bt', 'biaoti'] },
  { id: 'h4', label: 'block.h4', icon: 'H4', keywords: ['heading', 'h4', '标题', '四级', 'bt', 'biaoti'] },
  { id: 'quote', label: 'block.quote', icon: '❝', keywords: ['quote', 'blockquote', '引用', 'yy', 'yinyong'] },
  { id: 'bullet', label: 'block.bullet', icon: '•', keywords: ['bullet', 'list', 'ul', 'unordered', '列表', '无序', 'lb', 'liebiao'] },
  { id: 'number', label: 'block.number', icon: '1.', keywords: ['number', 'ordered', 'list', 'ol', '列表', '有序', '编号', 'lb', 'bh'] },
  { id: 'codeBlock', label: 'block.code', icon: '</>', keywords: ['code', 'pre', '代码', 'dm', 'daima'] },
  { id: 'hr', label: 'block.hr', icon: '—', keywords: ['hr', 'rule', 'divider', 'line', '分割线', '分隔', 'fgx'] },
  { id: 'image', label: 'block.image', icon: '▣', keywords: ['image', 'picture', 'photo', 'img', '图片', '照片', 'tp', 'tupian'] },
  { id: 'table', label: 'block.table', icon: '▦', keywords: ['table', 'grid', '表格', 'bg', 'biaoge'] },
  { id: 'articleLink', label: 'block.articleLink', icon: '↗', keywords: ['link', 'article', 'internal', '链接', '文章', '内链', 'lj', 'nl'] },
];

export function filterOptions(query: string, translate: (k: MessageKey) => string): BlockOptionSpec[] {
  const q = query.trim().toLowerCase();
  if (!q) return BLOCK_OPTIONS;
  return BLOCK_OPTIONS.filter((o) => translate(o.label).toLowerCase().includes(q) || o.keywords.some((k) => k.startsWith(q) || (q.length > 1 && k.includes(q))));
}
