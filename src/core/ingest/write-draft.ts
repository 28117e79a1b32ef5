import type { Database } from 'better-sqlite3';
import { insertArticle, saveArticle, type ArticleInput } from '../articles/articles.js';
import { isValidSlug } from '../articles/slug.js';
import { checkBody, LIMITS } from '../api/schemas.js';
import { CoreError, invalid } from '../errors.js';
import { ensureCategoryPath } from './category-path.js';
import { draftHash, IMPORT_META_KEY, type ArticleDraft, type ImportMeta } from './draft.js';
import type { ImportLine } from './report.js';
import { failureNote, ImportFailure, importNote, type ImportNote } from './import-notes.js';

/** State shared by the drafts of one import run. */
export interface WriteSession {
  db: Database;
  categoryCache: Map<string, number>;
  /** Articles this run has written or matched: a slug match never claims one twice. */
  claimed: Set<number>;
}

interface ExistingRow {
  id: number;
  version: number;
  slug: string;
  meta: string;
  deleted_at: string | null;
  source_key: string | null;
}

/** The contract's limit on secondary categories (ArticleFields.secondaryCategoryIds). */
const MAX_SECONDARY = 50;

const EXISTING_COLUMNS = 'id, version, slug, meta, deleted_at, source_key';

/**
 * Writes one draft through the core's own create / save (so derived fields, revisions and the
 * search index are written exactly as when an editor saves), inside a savepoint of the caller's
 * batch transaction: a draft that fails leaves no trace and does not stop the batch.
 *
 * Matching: the article with the draft's source key; else, when the source names a slug, the
 * article holding that slug (a folder moved since the last import). An unchanged source (same
 * fingerprint) is skipped without writing anything.
 */
export function writeDraft(session: WriteSession, draft: ArticleDraft): ImportLine {
  const { db } = session;
  const base: ImportLine = { file: draft.file, ...(draft.item ? { item: draft.item } : {}), kind: draft.kind, status: 'failed', title: draft.title };
  const notes = [...draft.notes];
  const inBatch = db.inTransaction;
  try {
    return db.transaction((): ImportLine => {
      const hash = draftHash(draft);
      let existing = db.prepare(`SELECT ${EXISTING_COLUMNS} FROM articles WHERE source_key = ?`).get(draft.sourceKey) as ExistingRow | undefined;
      let slug = draft.slug && isValidSlug(draft.slug) ? draft.slug : undefined;
      if (draft.slug && !slug) notes.push(importNote('slug-invalid', { slug: draft.slug }));
      if (!existing && slug && draft.matchBySlug) {
        const holder = db.prepare(`SELECT ${EXISTING_COLUMNS} FROM articles WHERE slug = ?`).get(slug) as ExistingRow | undefined;
        if (holder && !session.claimed.has(holder.id)) {
          existing = holder;
          notes.push(importNote('slug-matched', { slug, id: holder.id }));
        } else if (holder) {
          notes.push(importNote('slug-in-import', { slug }));
        }
      } else if (!existing && slug && db.prepare('SELECT 1 FROM articles WHERE slug = ?').get(slug)) {
        notes.push(importNote('slug-taken', { slug }));
      }
      if (existing && session.claimed.has(existing.id)) {
        throw new ImportFailure(importNote('same-identity'));
      }
      if (existing?.deleted_at) {
        session.claimed.add(existing.id);
        return { ...base, status: 'skipped', reason: importNote('in-trash'), articleId: existing.id };
      }
      const existingMeta = existing ? (JSON.parse(existing.meta) as Record<string, unknown>) : {};
      const previous = existingMeta[IMPORT_META_KEY] as ImportMeta | undefined;
      if (existing && existing.source_key === draft.sourceKey && previous?.hash === hash) {
        session.claimed.add(existing.id);
        return { ...base, status: 'skipped', reason: importNote('unchanged'), articleId: existing.id };
      }

      const body = draft.makeBody(notes, { db });
      const problem = checkBody(body);
      if (problem) throw new ImportFailure(importNote('body-not-storable', { problem }));
      const categoryId = draft.category?.length ? ensureCategoryPath(db, draft.category, session.categoryCache) : null;
      const secondary = [...new Set(draft.secondaryCategories.map((p) => ensureCategoryPath(db, p, session.categoryCache)))]
        .filter((id): id is number => id !== null && id !== categoryId);
      if (secondary.length > MAX_SECONDARY) notes.push(importNote('secondary-cut', { kept: MAX_SECONDARY, total: secondary.length }));
      const importMeta: ImportMeta = {
        kind: draft.kind, source: draft.sourceKey, hash,
        ...(draft.related.length ? { related: draft.related } : {}),
        ...(draft.fileLinks?.length ? { fileLinks: draft.fileLinks } : {}),
      };
      const input: ArticleInput = {
        title: clip(draft.title, LIMITS.title, 'title', notes),
        status: draft.status,
        body,
        author: clip(draft.author, 200, 'author', notes),
        byline: clip(draft.byline, LIMITS.shortText, 'byline', notes),
        categoryId,
        secondaryCategoryIds: secondary.slice(0, MAX_SECONDARY),
        tags: cleanTags(draft.tags, notes),
        excerpt: clip(draft.excerpt ?? '', LIMITS.shortText, 'excerpt', notes),
        excerptIsManual: Boolean(draft.excerpt),
        // Without a source date, the core stamps the publication time as it does for an editor.
        ...(draft.publishedAt ? { publishedAt: draft.publishedAt } : {}),
        scheduledAt: draft.scheduledAt,
        seoDescription: clip(draft.seoDescription ?? '', 1_000, 'description', notes),
        meta: { ...existingMeta, ...draft.meta, [IMPORT_META_KEY]: importMeta },
      };
      let articleId: number;
      if (existing) {
        articleId = saveArticle(db, { ...input, id: existing.id, version: existing.version, ...(slug && slug !== existing.slug ? { slug } : {}) }).id;
        if (existing.source_key !== draft.sourceKey) db.prepare('UPDATE articles SET source_key = ? WHERE id = ?').run(draft.sourceKey, articleId);
      } else {
        const createdAt = draft.createdAt ?? draft.publishedAt ?? undefined;
        articleId = insertArticle(db, { ...input, ...(slug ? { slug } : {}) }, {
          sourceKey: draft.sourceKey,
          ...(createdAt ? { createdAt } : {}),
          ...(draft.updatedAt ?? createdAt ? { updatedAt: draft.updatedAt ?? createdAt! } : {}),
        });
      }
      session.claimed.add(articleId);
      return { ...base, status: existing ? 'updated' : 'imported', articleId, ...(notes.length ? { notes } : {}) };
    })();
  } catch (err) {
    // SQLite rolled back the whole batch (a full disk, an I/O error): the caller must know.
    if (inBatch && !db.inTransaction) throw err;
    // Categories created inside the rolled-back savepoint are gone: forget their ids.
    session.categoryCache.clear();
    return { ...base, status: 'failed', reason: failureNote(err), ...(notes.length ? { notes } : {}) };
  }
}

function clip(value: string, max: number, field: string, notes: ImportNote[]): string {
  const chars = [...value];
  if (chars.length <= max) return value;
  notes.push(importNote('field-cut', { field, max }));
  return chars.slice(0, max).join('');
}

function cleanTags(tags: readonly string[], notes: ImportNote[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag) continue;
    if (tag.length > LIMITS.tagName) {
      notes.push(importNote('tag-too-long', { tag: tag.slice(0, 20), max: LIMITS.tagName }));
      continue;
    }
    if (seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  if (out.length > LIMITS.tagsPerArticle) notes.push(importNote('tags-cut', { max: LIMITS.tagsPerArticle }));
  return out.slice(0, LIMITS.tagsPerArticle);
}
