/**
 * An article page captured as plain text (what an editor gets by selecting a whole page and
 * copying it): one line per paragraph, the site's navigation, breadcrumb, meta line, the body,
 * then the chrome that follows it. Reads it top-down with the line tests of page-chrome.ts.
 */
import { bodyFromParagraphs } from '../content/lexical-json.js';
import {
  breadcrumbCategories, chromeKind, endsBody, isBylineLine, isExcerptLine, isRelatedHeading, parseBreadcrumb, parseMetaLine,
  parseTagsLine, trailingContactLines, type ChromeKind, type PageMeta,
} from './page-chrome.js';
import type { PageExtract } from './page-extract.js';
import { importNote, type ImportNote } from './import-notes.js';

const INDENT = /^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/gu;
/** Site navigation sits above the breadcrumb; past this many lines we stop looking for one. */
const CRUMB_SEARCH_LINES = 30;
/** A title is a line, not a paragraph. */
const MAX_TITLE = 200;

export function extractTextPage(text: string, fallbackTitle: string): PageExtract {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n?|\n/);
  const leftOut: ImportNote[] = [];
  const parts = new Set<string>();
  const nonBlankFrom = (start: number): number => {
    let i = start;
    while (i < lines.length && !lines[i]!.trim()) i++;
    return i;
  };

  let crumbs: string[] = [];
  let cursor = 0;
  for (let i = 0, seen = 0; i < lines.length && seen < CRUMB_SEARCH_LINES; i++) {
    if (!lines[i]!.trim()) continue;
    seen++;
    const parsed = parseBreadcrumb(lines[i]!);
    if (parsed) {
      crumbs = parsed;
      if (i > 0 && lines.slice(0, i).some((l) => l.trim())) leftOut.push(importNote('chrome', { part: 'navigation' }));
      leftOut.push(importNote('chrome', { part: 'breadcrumb' }));
      cursor = i + 1;
      break;
    }
  }

  let title = fallbackTitle;
  let t = nonBlankFrom(cursor);
  while (t < lines.length && ['controls', 'share'].includes(chromeKind(lines[t]!) ?? '')) t = nonBlankFrom(t + 1);
  if (t < lines.length && lines[t]!.trim().length <= MAX_TITLE && !parseMetaLine(lines[t]!)) {
    title = lines[t]!.trim();
    cursor = t + 1;
  }
  crumbs = breadcrumbCategories(crumbs, title);

  let meta: PageMeta = { date: null, author: '', viewCount: null, source: '' };
  for (let i = nonBlankFrom(cursor), n = 0; i < lines.length && n < 3; i = nonBlankFrom(i + 1), n++) {
    const parsed = parseMetaLine(lines[i]!, crumbs[crumbs.length - 1]);
    if (parsed) {
      meta = parsed;
      leftOut.push(importNote('chrome', { part: 'meta' }));
      cursor = i + 1;
      break;
    }
  }

  // The body runs until the first line that can only be chrome (copyright, share, related, pager, tags).
  let end = cursor;
  while (end < lines.length && !endsBody(chromeKind(lines[end]!))) end++;
  let bodyLines = lines.slice(cursor, end);
  const contact = trailingContactLines(bodyLines);
  if (contact) {
    leftOut.push(importNote('chrome-count', { part: 'contact', n: bodyLines.slice(-contact).filter((l) => l.trim()).length }));
    bodyLines = bodyLines.slice(0, bodyLines.length - contact);
  }
  let paragraphs = bodyLines.map((l) => l.replace(INDENT, '')).filter(Boolean);
  while (paragraphs.length && ['controls', 'share'].includes(chromeKind(paragraphs[0]!) ?? '')) paragraphs = paragraphs.slice(1);

  let byline = '';
  const candidates = [...paragraphs.keys()].filter((i) => i < 2 || i >= paragraphs.length - 3);
  const at = candidates.find((i) => isBylineLine(paragraphs[i]!));
  if (at !== undefined) {
    byline = paragraphs[at]!;
    paragraphs = paragraphs.filter((_, i) => i !== at);
  }

  const tags: string[] = [];
  const relatedTitles: string[] = [];
  let inRelated = false;
  for (let i = end; i < lines.length; i++) {
    const raw = lines[i]!;
    const kind = chromeKind(raw);
    if (kind === 'related') {
      inRelated = isRelatedHeading(raw);
      continue;
    }
    if (kind === 'tags') tags.push(...parseTagsLine(raw.trim()));
    if (kind && kind !== 'contact') {
      if (!parts.has(kind)) {
        parts.add(kind);
        leftOut.push(importNote('chrome', { part: kind }));
      }
      if (kind !== 'tags') inRelated = false;
      continue;
    }
    if (!inRelated || !raw.trim() || isExcerptLine(raw)) continue;
    const entry = raw.trim();
    if (!relatedTitles.includes(entry)) relatedTitles.push(entry);
  }
  if (relatedTitles.length) leftOut.push(importNote('chrome-count', { part: 'related', n: relatedTitles.length }));

  return {
    title,
    categoryPath: crumbs,
    date: meta.date,
    author: meta.author,
    viewCount: meta.viewCount,
    byline,
    source: meta.source,
    tags,
    body: bodyFromParagraphs(paragraphs),
    relatedTitles,
    url: '',
    leftOut,
  };
}
