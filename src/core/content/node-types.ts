/**
 * The serialized shapes of the body nodes Copydesk stores, shared by the editor (which builds
 * Lexical node classes with these exportJSON shapes) and the core (derived fields, exporters,
 * importers), so the two can never disagree about a field name. Pure types and constants: safe
 * to import from the renderer.
 *
 * Built-in Lexical nodes used as Lexical serializes them: root, paragraph, text (format
 * bitmask: 1 bold, 2 italic, 4 strikethrough, 8 underline, 16 code), linebreak, tab, heading
 * (tag h2|h3|h4), quote, list (listType bullet|number, start), listitem (value), link (url),
 * autolink, code (language), code-highlight, horizontalrule, table, tablerow, tablecell
 * (headerState: 0 none, 1 row, 2 column, 3 both; colSpan, rowSpan).
 */
import type { SerializedNode } from './lexical-json.js';

export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const;

/** An image: a library asset (sha256) or, when pasted or imported by reference, an external URL. */
export interface SerializedImageNode extends SerializedNode {
  type: 'image';
  version: 1;
  /** Content hash of a library asset, or null for an external image. */
  sha256: string | null;
  /** External http(s) URL when sha256 is null; '' otherwise. */
  src: string;
  altText: string;
  caption: string;
  credit: string;
  width: number | null;
  height: number | null;
}

/** A link to another article of the library, by id: survives renames and re-slugging. */
export interface SerializedArticleLinkNode extends SerializedNode {
  type: 'article-link';
  version: 1;
  articleId: number;
  children: SerializedNode[];
}

export const IMAGE_NODE = 'image';
export const ARTICLE_LINK_NODE = 'article-link';

/** Link protocols allowed anywhere a URL is stored or exported. */
export const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;
