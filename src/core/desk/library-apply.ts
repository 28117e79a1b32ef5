import type { Database } from 'better-sqlite3';
import { nowIso } from '../time.js';
import { statement } from '../db/statements.js';
import { insertArticle, saveArticle, getArticleRow, restoreArticle, trashArticle } from '../articles/articles.js';
import { uniqueSlug } from '../articles/slug.js';
import { indexArticle } from '../search/indexer.js';
import { deleteCategory } from '../taxonomy/categories.js';
import { mergeTags } from '../taxonomy/tags.js';
import { descendantIds, loadCategoryIndex } from '../taxonomy/category-index.js';
import { readImageHeader } from '../assets/image-header.js';
import { putImageAsset, MAX_ASSET_BYTES } from '../assets/store.js';
import { DeskFileError, type ArticleDoc, type CategoryDoc, type TagDoc } from './format.js';
import { mapArticleLinks, type UidMaps } from './library-docs.js';
import type { SerializedEditorState } from '../content/lexical-json.js';

/**
 * Writing desk documents into the library (the apply side), always inside the sync's one
 * transaction and through the core's own functions, so derived fields, the search index and
 * revisions are written exactly as at a save.
 */

/** A tag from the desk. A local tag of the same name (made before joining) takes its identity. */
export function applyTag(db: Database, doc: TagDoc, maps: UidMaps): { replacedUid: string | null } {
  let id = maps.tagId.get(doc.uid);
  let replacedUid: string | null = null;
  const clash = db.prepare('SELECT id, uid FROM tags WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(doc.name, id ?? null) as { id: number; uid: string } | undefined;
  if (clash && id === undefined) {
    db.prepare('UPDATE tags SET uid = ? WHERE id = ?').run(doc.uid, clash.id);
    maps.tagId.delete(clash.uid);
    maps.tagId.set(doc.uid, clash.id);
    maps.tagUid.set(clash.id, doc.uid);
    replacedUid = clash.uid;
    id = clash.id;
  } else if (clash && id !== undefined) {
    mergeTags(db, [clash.id], id);
    maps.tagId.delete(clash.uid);
    maps.tagUid.delete(clash.id);
    replacedUid = clash.uid;
  }
  const slug = freeSlug(db, 'SELECT 1 FROM tags WHERE slug = ? AND id IS NOT ?', doc.slug, id ?? null, doc.uid);
  if (id === undefined) {
    id = Number(db.prepare('INSERT INTO tags (name, slug, created_at, uid) VALUES (?, ?, ?, ?)').run(doc.name, slug, doc.createdAt, doc.uid).lastInsertRowid);
    maps.tagId.set(doc.uid, id);
    maps.tagUid.set(id, doc.uid);
  } else {
    db.prepare('UPDATE tags SET name = ?, slug = ?, created_at = ? WHERE id = ?').run(doc.name, slug, doc.createdAt, id);
    for (const r of db.prepare('SELECT article_id AS a FROM article_tags WHERE tag_id = ?').all(id) as Array<{ a: number }>) indexArticle(db, r.a);
  }
  return { replacedUid };
}

export function removeTag(db: Database, uid: string, maps: UidMaps): void {
  const id = maps.tagId.get(uid);
  if (id === undefined) return;
  const affected = db.prepare('SELECT article_id AS a FROM article_tags WHERE tag_id = ?').all(id) as Array<{ a: number }>;
  db.prepare('DELETE FROM tags WHERE id = ?').run(id);
  for (const r of affected) indexArticle(db, r.a);
  maps.tagId.delete(uid);
  maps.tagUid.delete(id);
}

/** Categories, parents before children. A local category at the same place and slug takes the desk's identity. */
export function applyCategories(db: Database, docs: readonly CategoryDoc[], maps: UidMaps, deskUids: ReadonlySet<string>): string[] {
  const replaced: string[] = [];
  const byUid = new Map(docs.map((d) => [d.uid, d]));
  const depth = (d: CategoryDoc, seen = new Set<string>()): number => {
    const parent = d.parent ? byUid.get(d.parent) : undefined;
    if (!parent || seen.has(d.uid)) return 0;
    seen.add(d.uid);
    return 1 + depth(parent, seen);
  };
  for (const doc of [...docs].sort((a, b) => depth(a) - depth(b))) {
    let parentId = doc.parent ? (maps.categoryId.get(doc.parent) ?? null) : null;
    let id = maps.categoryId.get(doc.uid);
    if (id === undefined) {
      const clash = db.prepare('SELECT id, uid FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0) AND slug = ?').get(parentId, doc.slug) as { id: number; uid: string } | undefined;
      if (clash && !deskUids.has(clash.uid)) {
        db.prepare('UPDATE categories SET uid = ? WHERE id = ?').run(doc.uid, clash.id);
        maps.categoryId.delete(clash.uid);
        replaced.push(clash.uid);
        id = clash.id;
        maps.categoryId.set(doc.uid, id);
        maps.categoryUid.set(id, doc.uid);
      }
    }
    if (id !== undefined && parentId !== null && descendantIds(loadCategoryIndex(db), id).includes(parentId)) {
      parentId = (db.prepare('SELECT parent_id AS p FROM categories WHERE id = ?').get(id) as { p: number | null }).p;
    }
    const slug = freeSlug(db, 'SELECT 1 FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0) AND slug = ? AND id IS NOT ?', doc.slug, id ?? null, doc.uid, parentId);
    const values = [parentId, doc.name, slug, doc.position, doc.description, JSON.stringify(doc.overrides), doc.createdAt, doc.updatedAt];
    if (id === undefined) {
      id = Number(db.prepare('INSERT INTO categories (parent_id, name, slug, position, description, overrides, created_at, updated_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...values, doc.uid).lastInsertRowid);
      maps.categoryId.set(doc.uid, id);
      maps.categoryUid.set(id, doc.uid);
    } else {
      db.prepare('UPDATE categories SET parent_id = ?, name = ?, slug = ?, position = ?, description = ?, overrides = ?, created_at = ?, updated_at = ? WHERE id = ?').run(...values, id);
      // Category paths are searchable (`category:`), so a rename or move reaches the index.
      const ids = descendantIds(loadCategoryIndex(db), id);
      for (const r of db.prepare(`SELECT id FROM articles WHERE category_id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Array<{ id: number }>) indexArticle(db, r.id);
    }
  }
  return replaced;
}

export function categoryInUse(db: Database, uid: string, maps: UidMaps): boolean {
  const id = maps.categoryId.get(uid);
  if (id === undefined) return false;
  return !!db.prepare('SELECT 1 FROM articles WHERE category_id = ? AND deleted_at IS NULL UNION ALL SELECT 1 FROM article_categories WHERE category_id = ? LIMIT 1').get(id, id);
}

export function removeCategory(db: Database, uid: string, maps: UidMaps): void {
  const id = maps.categoryId.get(uid);
  if (id === undefined) return;
  deleteCategory(db, id, null);
  maps.categoryId.delete(uid);
  maps.categoryUid.delete(id);
}

/** An image from the repository: its bytes must hash to its name and be an image we store. */
export function applyAsset(db: Database, sha256: string, bytes: Buffer): void {
  if (bytes.length > MAX_ASSET_BYTES) throw new DeskFileError('too_large', { bytes: bytes.length });
  const header = readImageHeader(bytes);
  if (!header) throw new DeskFileError('malformed', { reason: 'image' });
  const stored = putImageAsset(db, bytes, header.mime, '');
  if (stored.sha256 !== sha256) {
    db.prepare('DELETE FROM assets WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM articles WHERE cover_asset = ?)').run(stored.sha256, stored.sha256);
    throw new DeskFileError('asset_mismatch', { sha256 });
  }
}

function bodyFor(doc: ArticleDoc | Pick<ArticleDoc, 'root' | 'blocks'>, maps: UidMaps): { body: SerializedEditorState; unresolved: boolean } {
  let unresolved = false;
  const children = mapArticleLinks(doc.blocks, (node) => {
    const { articleUid, ...rest } = node;
    const target = typeof articleUid === 'string' ? maps.articleId.get(articleUid) : undefined;
    if (target !== undefined) return { ...rest, articleId: target };
    if (typeof articleUid === 'string') unresolved = true;
    // Kept by uid until its target arrives, so writing it back loses nothing.
    return { ...rest, articleId: 0, ...(typeof articleUid === 'string' ? { articleUid } : {}) };
  });
  return { body: { root: { ...doc.root, type: 'root', children } } as SerializedEditorState, unresolved };
}

/** Creates or updates (restoring from the trash if needed) the article with this uid. */
export function applyArticle(db: Database, doc: ArticleDoc, maps: UidMaps): { id: number; unresolved: boolean } {
  const { body, unresolved } = bodyFor(doc, maps);
  const hasAsset = statement(db, 'SELECT 1 FROM assets WHERE sha256 = ?');
  const categoryId = doc.category ? (maps.categoryId.get(doc.category) ?? null) : null;
  const fields = {
    title: doc.title, status: doc.status, body, author: doc.author, byline: doc.byline,
    excerpt: doc.excerpt ?? '', excerptIsManual: doc.excerpt !== null, categoryId,
    secondaryCategoryIds: doc.secondaryCategories.map((u) => maps.categoryId.get(u)).filter((x): x is number => x !== undefined && x !== categoryId),
    tags: doc.tags.map((u) => maps.tagId.get(u)).filter((x): x is number => x !== undefined),
    coverAsset: doc.coverAsset && hasAsset.get(doc.coverAsset) ? doc.coverAsset : null,
    seoTitle: doc.seoTitle, seoDescription: doc.seoDescription, canonicalUrl: doc.canonicalUrl,
    publishedAt: doc.publishedAt, scheduledAt: doc.scheduledAt, meta: doc.meta,
  };
  let id = maps.articleId.get(doc.uid);
  if (id === undefined) {
    id = insertArticle(db, { ...fields, slug: doc.slug }, { createdAt: doc.createdAt, updatedAt: doc.updatedAt });
    statement(db, 'UPDATE articles SET uid = ? WHERE id = ?').run(doc.uid, id);
    maps.articleId.set(doc.uid, id);
    maps.articleUid.set(id, doc.uid);
  } else {
    const row = getArticleRow(db, id);
    if (row.deleted_at) restoreArticle(db, id);
    saveArticle(db, { ...fields, id, version: getArticleRow(db, id).version, slug: uniqueSlug(db, doc.slug, id) });
  }
  const keyFree = doc.sourceKey === null || !statement(db, 'SELECT 1 FROM articles WHERE source_key = ? AND id <> ?').get(doc.sourceKey, id);
  statement(db, 'UPDATE articles SET created_at = ?, updated_at = ?, source_key = ? WHERE id = ?').run(doc.createdAt, doc.updatedAt, keyFree ? doc.sourceKey : null, id);
  statement(db, 'DELETE FROM related_links WHERE article_id = ?').run(id);
  const link = statement(db, 'INSERT OR IGNORE INTO related_links (article_id, target_id, position, created_at) VALUES (?, ?, ?, ?)');
  let position = 0;
  for (const u of doc.related) {
    const target = maps.articleId.get(u);
    if (target !== undefined && target !== id) link.run(id, target, position++, nowIso());
  }
  indexArticle(db, id); // the recency key follows updated_at
  return { id, unresolved: unresolved || doc.related.some((u) => !maps.articleId.has(u)) };
}

export function trashByUid(db: Database, uid: string, maps: UidMaps): number | null {
  const id = maps.articleId.get(uid);
  if (id === undefined) return null;
  trashArticle(db, id);
  return id;
}

/** Their side of an article that needs a decision, kept as a `conflict` revision. */
export function keepConflictRevision(db: Database, articleId: number, alt: ArticleDoc, maps: UidMaps, label: string): number {
  const { body } = bodyFor(alt, maps);
  const snapshot = {
    status: alt.status, slug: alt.slug, excerpt: alt.excerpt ?? '', author: alt.author, byline: alt.byline,
    categoryId: alt.category ? (maps.categoryId.get(alt.category) ?? null) : null, seoTitle: alt.seoTitle, seoDescription: alt.seoDescription,
  };
  const version = getArticleRow(db, articleId).version;
  return Number(db.prepare(`INSERT INTO revisions (article_id, version, title, body, snapshot, reason, label, created_at)
    VALUES (?, ?, ?, ?, ?, 'conflict', ?, ?)`).run(articleId, version, alt.title, JSON.stringify(body), JSON.stringify(snapshot), label, nowIso()).lastInsertRowid);
}

function freeSlug(db: Database, sql: string, slug: string, id: number | null, uid: string, parentId?: number | null): string {
  const taken = (s: string) => (parentId === undefined ? db.prepare(sql).get(s, id) : db.prepare(sql).get(parentId, s, id));
  if (!taken(slug)) return slug;
  const alt = `${slug}-${uid.slice(0, 6)}`;
  return taken(alt) ? `${slug}-${uid}` : alt;
}
