import type { Database } from 'better-sqlite3';
import { CoreError, invalid, notFound, says } from '../errors.js';
import { statement } from '../db/statements.js';
import { nowIso } from '../time.js';
import { emptyBody, type SerializedEditorState } from '../content/lexical-json.js';
import { deriveContent } from '../content/derive.js';
import { loadCategoryIndex, type CategoryNode } from '../taxonomy/category-index.js';
import { resolveTagRefs } from '../taxonomy/tags.js';
import { indexArticle, unindexArticle } from '../search/indexer.js';
import { slugify, uniqueSlug } from './slug.js';
import { recordRevision, maybePeriodicRevision } from './revisions.js';
import type { Article, ArticleFields, ArticleSummary, Status, TagRef } from '../api/schemas.js';

interface ArticleRow {
  id: number; title: string; slug: string; status: Status; body: string; plain_text: string;
  excerpt: string; excerpt_is_manual: number; author: string; byline: string;
  category_id: number | null; cover_asset: string | null; seo_title: string;
  seo_description: string; canonical_url: string; cjk_chars: number; latin_words: number;
  word_count: number; paragraph_count: number; reading_minutes: number; meta: string;
  created_at: string; updated_at: string; published_at: string | null;
  scheduled_at: string | null; version: number; deleted_at: string | null; slug_manual: number;
}

export type ArticleInput = Partial<ArticleFields>;

export function getArticleRow(db: Database, id: number): ArticleRow {
  const row = statement(db, 'SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined;
  if (!row) throw notFound('Article', id);
  return row;
}

export function getArticle(db: Database, id: number, categories = loadCategoryIndex(db)): Article {
  const row = getArticleRow(db, id);
  const tags = db
    .prepare('SELECT t.id, t.name, t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY at.position, t.name')
    .all(id) as TagRef[];
  const secondary = db
    .prepare('SELECT category_id AS id FROM article_categories WHERE article_id = ? ORDER BY position')
    .all(id) as Array<{ id: number }>;
  return {
    ...summaryOf(row, categories),
    body: JSON.parse(row.body),
    plainText: row.plain_text,
    excerptIsManual: row.excerpt_is_manual === 1,
    slugManual: row.slug_manual === 1,
    byline: row.byline,
    secondaryCategoryIds: secondary.map((s) => s.id),
    tags,
    coverAsset: row.cover_asset,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    canonicalUrl: row.canonical_url,
    scheduledAt: row.scheduled_at,
    meta: JSON.parse(row.meta),
    counts: {
      cjkChars: row.cjk_chars,
      latinWords: row.latin_words,
      words: row.word_count,
      paragraphs: row.paragraph_count,
      readingMinutes: row.reading_minutes,
    },
  };
}

type SummaryRow = Pick<ArticleRow, 'id' | 'title' | 'slug' | 'status' | 'author' | 'excerpt' | 'category_id' | 'word_count' | 'created_at' | 'updated_at' | 'published_at' | 'deleted_at' | 'version'>;

export const SUMMARY_COLUMNS = 'id, title, slug, status, author, excerpt, category_id, word_count, created_at, updated_at, published_at, deleted_at, version';

export function summaryOf(row: SummaryRow, categories: Map<number, CategoryNode>): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    status: row.status,
    author: row.author,
    excerpt: row.excerpt,
    categoryId: row.category_id,
    categoryPath: row.category_id === null ? [] : (categories.get(row.category_id)?.path ?? []),
    wordCount: row.word_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    deletedAt: row.deleted_at,
    version: row.version,
  };
}

export interface CreateOptions {
  /** Import identity (source path, WXR guid), so re-importing updates instead of duplicating. */
  sourceKey?: string;
  createdAt?: string;
  updatedAt?: string;
}

export function createArticle(db: Database, input: ArticleInput, options: CreateOptions = {}): Article {
  return db.transaction(() => getArticle(db, insertArticle(db, input, options))).immediate();
}

/**
 * createArticle without reading the article back: what a bulk import calls, where building
 * the returned Article (category index, tags, JSON parse of the body) was a sixth of the cost.
 */
export function insertArticle(db: Database, input: ArticleInput, options: CreateOptions = {}): number {
  return db.transaction(() => {
    const now = nowIso();
    const title = input.title ?? '';
    const slug = uniqueSlug(db, input.slug ?? slugify(title));
    const body = (input.body ?? emptyBody()) as SerializedEditorState;
    checkReferences(db, input);
    const { lastInsertRowid } = statement(db, `INSERT INTO articles (title, slug, slug_manual, status, body, author, byline, category_id, cover_asset,
        seo_title, seo_description, canonical_url, meta, source_key, created_at, updated_at, published_at, scheduled_at)
        VALUES (@title, @slug, @slugManual, @status, @body, @author, @byline, @categoryId, @coverAsset,
        @seoTitle, @seoDescription, @canonicalUrl, @meta, @sourceKey, @createdAt, @updatedAt, @publishedAt, @scheduledAt)`)
      .run({
        title,
        slug,
        // A slug given (by an import, the CLI) or a published article's is kept; a derived one follows the title.
        slugManual: input.slug !== undefined || input.status === 'published' ? 1 : 0,
        status: input.status ?? 'draft',
        body: JSON.stringify(body),
        author: input.author ?? '',
        byline: input.byline ?? '',
        categoryId: input.categoryId ?? null,
        coverAsset: input.coverAsset ?? null,
        seoTitle: input.seoTitle ?? '',
        seoDescription: input.seoDescription ?? '',
        canonicalUrl: input.canonicalUrl ?? '',
        meta: JSON.stringify(input.meta ?? {}),
        sourceKey: options.sourceKey ?? null,
        createdAt: options.createdAt ?? now,
        updatedAt: options.updatedAt ?? options.createdAt ?? now,
        publishedAt: input.publishedAt ?? (input.status === 'published' ? now : null),
        scheduledAt: input.scheduledAt ?? null,
      });
    const id = Number(lastInsertRowid);
    writeDerived(db, id, body, input.excerptIsManual ? (input.excerpt ?? '') : null);
    if (input.tags) replaceTags(db, id, input.tags);
    if (input.secondaryCategoryIds) replaceSecondaryCategories(db, id, input.secondaryCategoryIds);
    indexArticle(db, id);
    recordRevision(db, id, 'created');
    return id;
  }).immediate();
}

export interface SaveInput extends ArticleInput {
  id: number;
  /** The version the caller edited. A different stored version is a conflict, never an overwrite. */
  version: number;
}

export function saveArticle(db: Database, input: SaveInput): Article {
  return db.transaction(() => {
    const current = getArticleRow(db, input.id);
    if (current.version !== input.version) {
      throw new CoreError(
        'conflict',
        `This article was changed elsewhere (you edited version ${input.version}; the library has version ${current.version}, saved ${current.updated_at}).`,
        says('article.conflict', { yours: input.version, current: current.version }, { id: input.id, yourVersion: input.version, currentVersion: current.version, updatedAt: current.updated_at }),
      );
    }
    if (current.deleted_at) throw invalid('This article is in the trash; restore it before editing.', says('article.inTrash'));
    checkReferences(db, input);
    const statusChanged = input.status !== undefined && input.status !== current.status;
    if (statusChanged) recordRevision(db, input.id, 'status', `${current.status} → ${input.status}`);
    else maybePeriodicRevision(db, input.id);

    const now = nowIso();
    const title = input.title ?? current.title;
    const status = input.status ?? current.status;
    const slugSet = input.slug !== undefined && input.slug !== current.slug;
    const next = {
      title,
      slug: slugSet ? claimSlug(db, input.slug!, input.id)
        : current.slug_manual === 0 && title !== current.title ? uniqueSlug(db, slugify(title), input.id) : current.slug,
      // Set by hand, or published: from now on the slug stays what it is (a published URL must not move).
      slugManual: slugSet || current.slug_manual === 1 || status === 'published' ? 1 : 0,
      status,
      body: input.body !== undefined ? JSON.stringify(input.body) : current.body,
      author: input.author ?? current.author,
      byline: input.byline ?? current.byline,
      categoryId: input.categoryId !== undefined ? input.categoryId : current.category_id,
      coverAsset: input.coverAsset !== undefined ? input.coverAsset : current.cover_asset,
      seoTitle: input.seoTitle ?? current.seo_title,
      seoDescription: input.seoDescription ?? current.seo_description,
      canonicalUrl: input.canonicalUrl ?? current.canonical_url,
      meta: input.meta !== undefined ? JSON.stringify(input.meta) : current.meta,
      publishedAt: input.publishedAt !== undefined ? input.publishedAt
        : (input.status === 'published' && !current.published_at ? now : current.published_at),
      scheduledAt: input.scheduledAt !== undefined ? input.scheduledAt : current.scheduled_at,
      updatedAt: now,
      id: input.id,
    };
    statement(db, `UPDATE articles SET title=@title, slug=@slug, slug_manual=@slugManual, status=@status, body=@body, author=@author,
      byline=@byline, category_id=@categoryId, cover_asset=@coverAsset, seo_title=@seoTitle,
      seo_description=@seoDescription, canonical_url=@canonicalUrl, meta=@meta, published_at=@publishedAt,
      scheduled_at=@scheduledAt, updated_at=@updatedAt, version=version+1 WHERE id=@id`).run(next);

    const manual = input.excerptIsManual ?? current.excerpt_is_manual === 1;
    const manualText = manual ? (input.excerpt ?? current.excerpt) : null;
    if (input.body !== undefined || input.excerpt !== undefined || input.excerptIsManual !== undefined) {
      writeDerived(db, input.id, JSON.parse(next.body), manualText);
    }
    if (input.tags) replaceTags(db, input.id, input.tags);
    if (input.secondaryCategoryIds) replaceSecondaryCategories(db, input.id, input.secondaryCategoryIds);
    indexArticle(db, input.id);
    return getArticle(db, input.id);
  }).immediate();
}

/** A user-chosen slug must be free: unlike a derived one, we do not silently renumber it. */
function claimSlug(db: Database, slug: string, id: number): string {
  const holder = statement(db, 'SELECT id, title FROM articles WHERE slug = ? AND id <> ?').get(slug, id) as { id: number; title: string } | undefined;
  if (holder) throw invalid(`The slug "${slug}" is already used by "${holder.title}" (#${holder.id}).`, says('article.slugTaken', { slug, title: holder.title, id: holder.id }, { field: 'slug', holder: holder.id }));
  return slug;
}

function checkReferences(db: Database, input: ArticleInput): void {
  if (input.categoryId != null && !statement(db, 'SELECT 1 FROM categories WHERE id = ?').get(input.categoryId)) {
    throw notFound('Category', input.categoryId);
  }
  for (const c of input.secondaryCategoryIds ?? []) {
    if (!statement(db, 'SELECT 1 FROM categories WHERE id = ?').get(c)) throw notFound('Category', c);
  }
  if (input.coverAsset != null && !statement(db, 'SELECT 1 FROM assets WHERE sha256 = ?').get(input.coverAsset)) {
    throw notFound('Asset', input.coverAsset);
  }
}

/** Plain text, counts, excerpt and outgoing internal links, from the body, in the caller's transaction. */
function writeDerived(db: Database, id: number, body: SerializedEditorState, manualExcerpt: string | null): void {
  const d = deriveContent(body);
  statement(db, `UPDATE articles SET plain_text=?, excerpt=?, excerpt_is_manual=?, cjk_chars=?, latin_words=?,
    word_count=?, paragraph_count=?, reading_minutes=? WHERE id=?`).run(
    d.plainText, manualExcerpt ?? d.derivedExcerpt, manualExcerpt === null ? 0 : 1,
    d.counts.cjkChars, d.counts.latinWords, d.counts.words, d.counts.paragraphs, d.counts.readingMinutes, id,
  );
  statement(db, 'DELETE FROM body_links WHERE article_id = ?').run(id);
  const insert = statement(db, 'INSERT OR IGNORE INTO body_links (article_id, target_id) SELECT ?, id FROM articles WHERE id = ?');
  for (const target of d.linkTargets) if (target !== id) insert.run(id, target);
}

export function replaceTags(db: Database, id: number, tags: ReadonlyArray<number | string>): void {
  const refs = resolveTagRefs(db, tags);
  statement(db, 'DELETE FROM article_tags WHERE article_id = ?').run(id);
  const insert = statement(db, 'INSERT OR IGNORE INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)');
  refs.forEach((tagId, i) => insert.run(id, tagId, i));
}

function replaceSecondaryCategories(db: Database, id: number, ids: readonly number[]): void {
  statement(db, 'DELETE FROM article_categories WHERE article_id = ?').run(id);
  const insert = statement(db, 'INSERT OR IGNORE INTO article_categories (article_id, category_id, position) VALUES (?, ?, ?)');
  ids.forEach((c, i) => insert.run(id, c, i));
}

/** Marks a change made outside the editor (tags, category, trash): bumps version and time. */
export function touchArticle(db: Database, id: number): void {
  statement(db, 'UPDATE articles SET version = version + 1, updated_at = ? WHERE id = ?').run(nowIso(), id);
}

export function trashArticle(db: Database, id: number): ArticleSummary {
  return db.transaction(() => {
    const row = getArticleRow(db, id);
    if (row.deleted_at) return summaryOf(row, loadCategoryIndex(db));
    statement(db, 'UPDATE articles SET deleted_at = ?, version = version + 1 WHERE id = ?').run(nowIso(), id);
    unindexArticle(db, id);
    return summaryOf(getArticleRow(db, id), loadCategoryIndex(db));
  }).immediate();
}

export function restoreArticle(db: Database, id: number): ArticleSummary {
  return db.transaction(() => {
    const row = getArticleRow(db, id);
    if (!row.deleted_at) return summaryOf(row, loadCategoryIndex(db));
    statement(db, 'UPDATE articles SET deleted_at = NULL, version = version + 1 WHERE id = ?').run(id);
    indexArticle(db, id);
    return summaryOf(getArticleRow(db, id), loadCategoryIndex(db));
  }).immediate();
}

export function deleteArticleForever(db: Database, id: number): { id: number } {
  return db.transaction(() => {
    const row = getArticleRow(db, id);
    if (!row.deleted_at) throw invalid(`Article #${id} is not in the trash; move it to the trash before deleting it forever.`, says('article.notInTrash', { id }));
    unindexArticle(db, id);
    statement(db, 'DELETE FROM articles WHERE id = ?').run(id);
    return { id };
  }).immediate();
}
