import { createHash } from 'node:crypto';
import type { SerializedEditorState } from '../content/lexical-json.js';
import type { Status } from '../api/schemas.js';
import type { ImportNote } from './import-notes.js';
import type { Database } from 'better-sqlite3';
import type { FileLinkRef } from './markdown-refs.js';

/**
 * Bump when a converter or importer changes what it makes of the same input: re-importing then
 * rewrites articles whose source did not change (and only then).
 */
export const IMPORTER_VERSION = 1;

export type ImportKind = 'markdown' | 'wxr' | 'html-page' | 'text-page';

/** One level of a category path: a name, and the slug the source gave it (WordPress nicename). */
export interface CategoryRef {
  name: string;
  slug?: string;
  description?: string;
}

/** A related article named by the source: by slug (front matter) or by title (a page's related list). */
export type RelatedRef = { slug: string } | { title: string };

/**
 * An article as an importer read it, before it meets the library: categories and tags by
 * name, related articles by slug or title, the body still in its source form (`bodySource`)
 * and converted only if the article must be written.
 */
export interface ArticleDraft {
  kind: ImportKind;
  /** Report label: the file, and for multi-article files the item inside it. */
  file: string;
  item?: string;
  /** Import identity: `file:<import name>` (sources.ts `importName`), `wxr:<guid>`, `url:<canonical>`. */
  sourceKey: string;
  title: string;
  /** The slug to give a new article (renumbered if taken). */
  slug?: string;
  /**
   * The source states this slug itself (front matter `slug`, WordPress post_name): an article
   * already holding it is the same article. A slug made from a file name is never matched.
   */
  matchBySlug: boolean;
  status: Status;
  author: string;
  byline: string;
  /** A manual excerpt, when the source has one. */
  excerpt?: string;
  category: CategoryRef[] | null;
  secondaryCategories: CategoryRef[][];
  tags: string[];
  createdAt: string | null;
  updatedAt: string | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  seoDescription?: string;
  meta: Record<string, unknown>;
  related: RelatedRef[];
  bodySource: string;
  /** Converts the source to the body; may add notes (dropped elements) to `notes`. */
  /** Without a context (a parse-only benchmark) nothing is stored: local images keep their alt text. */
  makeBody: (notes: ImportNote[], context?: BodyContext) => SerializedEditorState;
  /** Relative links to other files of the import, found while making the body (Markdown). */
  fileLinks?: FileLinkRef[];
  /** Things the report should mention even when the article imports fine. */
  notes: ImportNote[];
}

/**
 * Fingerprint of everything the draft would write. Stored in the article's meta at import; when
 * a re-import finds the same fingerprint the article is left alone, so re-importing changes
 * nothing and never overwrites an editor's later work with an unchanged source.
 */
export function draftHash(d: ArticleDraft): string {
  const { makeBody: _m, notes: _n, file: _f, item: _i, ...fields } = d;
  return createHash('sha256').update(JSON.stringify({ v: IMPORTER_VERSION, ...fields })).digest('hex');
}

/** Where import bookkeeping lives inside `articles.meta`. */
export const IMPORT_META_KEY = 'importedFrom';

/** What making a body may use: the library (to store the images a Markdown archive holds). */
export interface BodyContext {
  db: Database;
}

export interface ImportMeta {
  kind: ImportKind;
  source: string;
  hash: string;
  related?: RelatedRef[];
  /** Relative links to files not yet in the library (markdown-refs.ts). */
  fileLinks?: FileLinkRef[];
}
