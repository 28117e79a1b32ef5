/**
 * Factories for the serialized body nodes importers produce, field for field as Lexical 0.52's
 * own `exportJSON` writes them (checked in tests/unit/ingest-html.test.ts by loading the output
 * into a headless Lexical editor and exporting it again), plus Copydesk's `image` node.
 */
import type { SerializedNode } from '../content/lexical-json.js';
import { paragraphNode, textNode, headingNode } from '../content/lexical-json.js';
import type { SerializedImageNode } from '../content/node-types.js';

export { paragraphNode, textNode, headingNode };

const elementBase = () => ({ direction: null, format: '', indent: 0 });

export const lineBreakNode = (): SerializedNode => ({ type: 'linebreak', version: 1 });

export const tabNode = (): SerializedNode => ({ type: 'tab', version: 1, detail: 2, format: 0, mode: 'normal', style: '', text: '\t' });

export function linkNode(url: string, children: SerializedNode[], title: string | null = null): SerializedNode {
  return { type: 'link', version: 1, rel: null, target: null, title, url, ...elementBase(), children };
}

export function quoteNode(children: SerializedNode[]): SerializedNode {
  return { type: 'quote', version: 1, ...elementBase(), children };
}

export type ListType = 'bullet' | 'number';

export function listNode(listType: ListType, start: number, items: SerializedNode[]): SerializedNode {
  return { type: 'list', version: 1, listType, start, tag: listType === 'number' ? 'ol' : 'ul', ...elementBase(), children: items };
}

export function listItemNode(children: SerializedNode[], value: number, indent: number): SerializedNode {
  return { type: 'listitem', version: 1, value, ...elementBase(), indent, children };
}

export function codeNode(language: string | null, children: SerializedNode[]): SerializedNode {
  return { type: 'code', version: 1, language, ...elementBase(), children };
}

export const horizontalRuleNode = (): SerializedNode => ({ type: 'horizontalrule', version: 1 });

export function tableNode(rows: SerializedNode[]): SerializedNode {
  return { type: 'table', version: 1, ...elementBase(), children: rows };
}

export function tableRowNode(cells: SerializedNode[]): SerializedNode {
  return { type: 'tablerow', version: 1, ...elementBase(), children: cells };
}

/** headerState: 0 none, 1 row header, 2 column header, 3 both (Lexical's TableCellHeaderStates). */
export function tableCellNode(children: SerializedNode[], headerState: 0 | 1 | 2 | 3, colSpan = 1, rowSpan = 1): SerializedNode {
  return { type: 'tablecell', version: 1, backgroundColor: null, colSpan, headerState, rowSpan, ...elementBase(), children };
}

export function imageNode(fields: { src: string; altText: string; caption?: string; width: number | null; height: number | null }): SerializedImageNode {
  return {
    type: 'image', version: 1, sha256: null, src: fields.src, altText: fields.altText,
    caption: fields.caption ?? '', credit: '', width: fields.width, height: fields.height,
  };
}
