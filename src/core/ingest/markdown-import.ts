/**
 * Markdown files with YAML front matter (Hugo, Jekyll, Astro, and Copydesk's own Markdown
 * export) → article drafts. The body is parsed by markdown-it (CommonMark + GFM tables and
 * strikethrough) and goes through the same HTML converter as every other source, so raw HTML
 * inside Markdown is sanitized exactly like a paste.
 *
 * Front matter fields:
 *   title, slug, date, updated (also lastmod), status (or draft: true / published: false),
 *   author (string, list, or {name}), byline (or source), category (a path: "A > B", "A/B" or
 *   [A, B]), categories (Hugo / Jekyll list: the first is the primary category, the rest
 *   secondary), tags (list or "a, b"), excerpt (manual excerpt), description (SEO description),
 *   cover (kept in meta.cover), related (slugs, linked once every file is in).
 * Any other field is kept, as written, in meta.frontMatter.
 *
 * The body keeps the author's structure (html-to-body's `authored` mode). What the editor's
 * model cannot hold is changed by these rules, the same for every file; the text never changes
 * order, and each change that loses or moves something is in the file's report line:
 *   - headings: h1 → h2 (the title is the page's h1), h5 and h6 → h4; a heading inside a list
 *     item is a line of the item (reported);
 *   - a list item holds lines: its paragraphs become lines (reported); a code block, quote,
 *     rule or table inside an item splits the list around it, the list continuing after it
 *     with the next number, and text after the block in that item becomes a paragraph
 *     (reported); text after a nested list inside an item becomes an item of its own;
 *   - quotes hold blocks (paragraphs, lists, code, nested quotes); an empty quote is left out
 *     (reported); empty headings, code blocks and list items stay in the article, and the
 *     exports leave blank blocks out;
 *   - an image is a block: inside a paragraph it follows the paragraph (reported); its title
 *     becomes its caption; an image whose address is neither http(s) nor a file of the import
 *     keeps its alt text in place (reported);
 *   - links keep their title; relative links stay as written (the archive's site's own
 *     addresses); links with a scheme other than http(s) or mailto, and links to an empty
 *     destination, keep their text (reported);
 *   - no-break and ideographic spaces indenting the start of a line are dropped;
 *   - raw HTML is sanitized as a paste is.
 * tests/unit/ingest-commonmark.test.ts measures these rules against the CommonMark spec.
 */
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { STATUSES, type Status } from '../api/schemas.js';
import { slugify } from '../articles/slug.js';
import { describeConversion } from './conversion-notes.js';
import { parseLooseDate } from './dates.js';
import type { ArticleDraft, CategoryRef, RelatedRef } from './draft.js';
import { splitFrontMatter } from './front-matter.js';
import { convertHtml } from './html-to-body.js';
import type { SourceFile } from './sources.js';
import { importNote, type ImportNote } from './import-notes.js';
import { importLocalImage, linkTargetKeys, type FileLinkRef } from './markdown-refs.js';

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

const KNOWN = new Set([
  'title', 'slug', 'date', 'updated', 'lastmod', 'status', 'draft', 'published', 'author', 'authors', 'byline',
  'source', 'category', 'categories', 'tags', 'excerpt', 'description', 'cover', 'related',
]);

/** Status words other tools use, mapped to Copydesk's. */
const STATUS_WORDS: Record<string, Status> = {
  publish: 'published', public: 'published', live: 'published', review: 'in_review', pending: 'in_review',
  private: 'archived', scheduled: 'ready', future: 'ready',
};

export interface MarkdownImportOptions {
  /** The site's static folder, where site paths of images (`/images/a.png`) are found. */
  staticDir?: string;
}

export function markdownDraft(file: SourceFile, options: MarkdownImportOptions = {}): ArticleDraft {
  const { data, body: rawBody } = splitFrontMatter(file.text);
  const notes = [...file.notes];
  let body = rawBody;

  let title = str(data.title);
  if (!title) {
    // No title field: a leading "# Heading" is the title (and not repeated in the body).
    const h1 = /^\s*#\s+(.+?)\s*#*\s*(?:\r?\n|$)/.exec(body);
    if (h1) {
      title = h1[1]!.trim();
      body = body.slice(h1[0].length);
    } else title = titleFromFileName(file.name);
  }

  const explicitSlug = str(data.slug);
  const slug = explicitSlug ? explicitSlug.toLowerCase() : slugify(slugBaseFromFileName(file));

  const date = dateField(data.date, 'date', notes);
  const updated = dateField(data.updated ?? data.lastmod, 'updated', notes);
  const { status, scheduledAt } = statusOf(data, date, notes);

  const category = categoryPath(data.category);
  const listed = (Array.isArray(data.categories) ? data.categories : typeof data.categories === 'string' ? [data.categories] : [])
    .map((c) => categoryPath(c))
    .filter((p): p is CategoryRef[] => p !== null);
  const primary = category ?? listed[0] ?? null;
  const secondary = listed.filter((p) => p !== primary);

  const frontMatter = Object.fromEntries(Object.entries(data).filter(([k]) => !KNOWN.has(k)));
  const cover = str(data.cover) || (typeof data.cover === 'object' && data.cover ? str((data.cover as Record<string, unknown>).image) : '');
  const related: RelatedRef[] = (Array.isArray(data.related) ? data.related : [])
    .map((r) => str(r).replace(/\/+$/, '').split('/').pop() ?? '')
    .filter(Boolean)
    .map((s) => ({ slug: s.replace(/\.(?:md|markdown|html?)$/i, '').toLowerCase() }));

  return {
    kind: 'markdown',
    file: file.label,
    sourceKey: file.key,
    title,
    slug,
    matchBySlug: Boolean(explicitSlug),
    status,
    author: authorOf(data.author ?? data.authors),
    byline: str(data.byline) || str(data.source),
    ...(str(data.excerpt) ? { excerpt: str(data.excerpt) } : {}),
    ...(str(data.description) ? { seoDescription: str(data.description) } : {}),
    category: primary,
    secondaryCategories: secondary,
    tags: tagsOf(data.tags),
    createdAt: date,
    updatedAt: updated,
    publishedAt: status === 'published' ? date : null,
    scheduledAt,
    meta: {
      ...(cover ? { cover } : {}),
      ...(Object.keys(frontMatter).length ? { frontMatter: jsonSafe(frontMatter) } : {}),
    },
    related,
    bodySource: body,
    makeBody(bodyNotes, context) {
      const fileLinks: FileLinkRef[] = [];
      const converted = convertHtml(markdown.render(body), {
        authored: true,
        resolveRelative: {
          link: (href) => {
            const keys = linkTargetKeys(file, href);
            if (keys.length && !fileLinks.some((l) => l.href === href)) fileLinks.push({ href, keys });
            return undefined;
          },
          image: (src) => {
            if (!context) return null;
            const asset = importLocalImage({ db: context.db, ...(options.staticDir ? { staticDir: options.staticDir } : {}) }, file, src, bodyNotes);
            return asset ? { src: '', ...asset } : null;
          },
        },
      });
      this.fileLinks = fileLinks;
      bodyNotes.push(...describeConversion(converted.notes));
      return converted.body;
    },
    notes,
  };
}

function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function titleFromFileName(name: string): string {
  return path.basename(name, path.extname(name)).replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/[-_]+/g, ' ').trim() || name;
}

/** Hugo and Jekyll take the URL from the file name (`2024-09-27-my-post.md`, `my-post/index.md`). */
function slugBaseFromFileName(file: SourceFile): string {
  const base = path.basename(file.name, path.extname(file.name));
  if (/^_?index$|^readme$/i.test(base)) {
    const dir = path.basename(path.dirname(file.key.replace(/^\w+:/, '')));
    return dir && dir !== '.' ? dir : base;
  }
  return base.replace(/^\d{4}-\d{2}-\d{2}-/, '');
}

function dateField(value: unknown, field: string, notes: ImportNote[]): string | null {
  if (value === undefined || value === null || value === '') return null;
  const iso = parseLooseDate(value);
  if (!iso) notes.push(importNote('date-not-understood', { field, value: String(value).slice(0, 40) }));
  return iso;
}

function statusOf(data: Record<string, unknown>, date: string | null, notes: ImportNote[]): { status: Status; scheduledAt: string | null } {
  const word = str(data.status).toLowerCase().replace(/[\s-]+/g, '_');
  let status: Status | undefined = (STATUSES as readonly string[]).includes(word) ? (word as Status) : STATUS_WORDS[word];
  if (word && !status) notes.push(importNote('status-unknown', { status: str(data.status) }));
  if (!status) {
    if (data.draft === true || data.published === false || word) status = 'draft';
    else status = date ? 'published' : 'draft';
  }
  const scheduled = (word === 'scheduled' || word === 'future') && date ? date : null;
  return { status, scheduledAt: scheduled };
}

function categoryPath(value: unknown): CategoryRef[] | null {
  const parts = Array.isArray(value) ? value.map(str) : str(value).split(/\s*(?:>|›|»|\/)\s*/);
  const names = parts.map((p) => p.trim()).filter(Boolean);
  return names.length ? names.map((name) => ({ name })) : null;
}

function authorOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(authorOf).filter(Boolean).join(', ');
  if (value && typeof value === 'object') return str((value as Record<string, unknown>).name);
  return str(value);
}

function tagsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(str).filter(Boolean);
  return str(value).split(/\s*[,，、]\s*/).filter(Boolean);
}

/** Front matter may hold YAML-only values (dates, Infinity): keep what JSON can store. */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? 'null');
}
