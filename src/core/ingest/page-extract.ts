import type { SerializedEditorState } from '../content/lexical-json.js';
import type { ImportNote } from './import-notes.js';

/** One article read out of a site's article page (HTML or a plain-text capture of it). */
export interface PageExtract {
  title: string;
  /** Category names from the breadcrumb, top-down ("home" and the page-type leaf removed). */
  categoryPath: string[];
  date: string | null;
  author: string;
  viewCount: number | null;
  /** The credit line (`…记者杜宇蔚/文`), taken out of the body. */
  byline: string;
  /** `来源：…` when the meta line names a source. */
  source: string;
  tags: string[];
  body: SerializedEditorState;
  /** Titles listed under the page's related-articles heading, in order. */
  relatedTitles: string[];
  /** The page's own address (canonical link or og:url), when the page states it. */
  url: string;
  /** What was recognised as chrome and left out, for the report. */
  leftOut: ImportNote[];
}
