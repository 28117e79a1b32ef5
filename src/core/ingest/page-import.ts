/**
 * An article page (saved HTML or a plain-text capture) → one article draft. The page was live
 * on the site, so the article is published, dated as the page says; the site's chrome was left
 * out by the extractors and is listed in the report notes.
 */
import { blocksOf } from '../content/plain-text.js';
import type { ArticleDraft } from './draft.js';
import { extractHtmlPage } from './page-html.js';
import { extractTextPage } from './page-text.js';
import type { SourceFile } from './sources.js';
import path from 'node:path';
import { ImportFailure, importNote } from './import-notes.js';

export function pageDraft(file: SourceFile, kind: 'html-page' | 'text-page'): ArticleDraft {
  const fallbackTitle = path.basename(file.name, path.extname(file.name));
  const page = kind === 'html-page' ? extractHtmlPage(file.text, fallbackTitle) : extractTextPage(file.text, fallbackTitle);
  if (blocksOf(page.body).length === 0) throw new ImportFailure(importNote('no-article-text'));
  const notes = [...file.notes];
  notes.push(...page.leftOut);
  return {
    kind,
    file: file.label,
    // The same page saved twice (or re-saved later) is the same article when it names its address.
    sourceKey: page.url ? `url:${page.url}` : file.key,
    title: page.title,
    matchBySlug: false,
    status: 'published',
    author: page.author,
    byline: page.byline,
    category: page.categoryPath.length ? page.categoryPath.map((name) => ({ name })) : null,
    secondaryCategories: [],
    tags: page.tags,
    createdAt: page.date,
    updatedAt: page.date,
    publishedAt: page.date,
    scheduledAt: null,
    meta: {
      ...(page.viewCount !== null ? { viewCount: page.viewCount } : {}),
      ...(page.source ? { source: page.source } : {}),
      ...(page.url ? { sourceUrl: page.url } : {}),
    },
    related: page.relatedTitles.map((title) => ({ title })),
    bodySource: file.text,
    makeBody: () => page.body,
    notes,
  };
}
