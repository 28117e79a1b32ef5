import type { Database } from 'better-sqlite3';
import { statement } from '../db/statements.js';
import type { ArticleDoc, CategoryDoc, TagDoc } from './format.js';

/**
 * The library's items as desk documents (read side). Every reference becomes a uid: category,
 * tags, related links and `article-link` nodes in the body, so the file means the same thing in
 * every library.
 */
export interface UidMaps {
  articleUid: Map<number, string>;
  articleId: Map<string, number>;
  categoryUid: Map<number, string>;
  categoryId: Map<string, number>;
  tagUid: Map<number, string>;
  tagId: Map<string, number>;
}

export function loadUidMaps(db: Database): UidMaps {
  const pairs = (table: string) => db.prepare(`SELECT id, uid FROM ${table}`).all() as Array<{ id: number; uid: string }>;
  const maps: UidMaps = { articleUid: new Map(), articleId: new Map(), categoryUid: new Map(), categoryId: new Map(), tagUid: new Map(), tagId: new Map() };
  for (const r of pairs('articles')) { maps.articleUid.set(r.id, r.uid); maps.articleId.set(r.uid, r.id); }
  for (const r of pairs('categories')) { maps.categoryUid.set(r.id, r.uid); maps.categoryId.set(r.uid, r.id); }
  for (const r of pairs('tags')) { maps.tagUid.set(r.id, r.uid); maps.tagId.set(r.uid, r.id); }
  return maps;
}

interface ArticleRow {
  id: number; uid: string; title: string; slug: string; status: ArticleDoc['status']; body: string; excerpt: string;
  excerpt_is_manual: number; author: string; byline: string; category_id: number | null; cover_asset: string | null;
  seo_title: string; seo_description: string; canonical_url: string; meta: string; source_key: string | null;
  created_at: string; updated_at: string; published_at: string | null; scheduled_at: string | null; deleted_at: string | null;
}

/** Walks body nodes, replacing `article-link` targets (id ↔ uid) through `map`. */
export function mapArticleLinks(nodes: unknown[], map: (node: Record<string, unknown>) => Record<string, unknown>): unknown[] {
  return nodes.map((n) => {
    if (typeof n !== 'object' || n === null) return n;
    let node = n as Record<string, unknown>;
    if (node.type === 'article-link') node = map(node);
    if (Array.isArray(node.children)) node = { ...node, children: mapArticleLinks(node.children, map) };
    return node;
  });
}

/** The live article as a document; null when it is missing or in the trash (absent from the desk). */
export function articleDoc(db: Database, uid: string, maps: UidMaps): ArticleDoc | null {
  const row = statement(db, 'SELECT * FROM articles WHERE uid = ?').get(uid) as ArticleRow | undefined;
  if (!row || row.deleted_at) return null;
  const ids = (sql: string) => (statement(db, sql).all(row.id) as Array<{ id: number }>).map((r) => r.id);
  const body = JSON.parse(row.body) as { root: { children?: unknown[] } & Record<string, unknown> };
  const { children, ...root } = body.root;
  const toUid = (node: Record<string, unknown>) => {
    const { articleId, ...rest } = node;
    const known = typeof articleId === 'number' ? maps.articleUid.get(articleId) : undefined;
    return { ...rest, articleUid: known ?? (typeof rest.articleUid === 'string' ? rest.articleUid : null) };
  };
  return {
    uid: row.uid,
    title: row.title,
    slug: row.slug,
    status: row.status,
    author: row.author,
    byline: row.byline,
    excerpt: row.excerpt_is_manual ? row.excerpt : null,
    category: row.category_id === null ? null : (maps.categoryUid.get(row.category_id) ?? null),
    secondaryCategories: ids('SELECT category_id AS id FROM article_categories WHERE article_id = ? ORDER BY position').map((i) => maps.categoryUid.get(i)!).filter(Boolean),
    tags: ids('SELECT tag_id AS id FROM article_tags WHERE article_id = ? ORDER BY position').map((i) => maps.tagUid.get(i)!).filter(Boolean),
    related: ids('SELECT target_id AS id FROM related_links WHERE article_id = ? ORDER BY position').map((i) => maps.articleUid.get(i)!).filter(Boolean),
    coverAsset: row.cover_asset,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    canonicalUrl: row.canonical_url,
    sourceKey: row.source_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    scheduledAt: row.scheduled_at,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    root,
    blocks: mapArticleLinks(children ?? [], toUid) as Array<Record<string, unknown>>,
  };
}

export function categoryDoc(db: Database, uid: string, maps: UidMaps): CategoryDoc | null {
  const row = db.prepare('SELECT * FROM categories WHERE uid = ?').get(uid) as
    | { uid: string; parent_id: number | null; name: string; slug: string; position: number; description: string; overrides: string; created_at: string; updated_at: string }
    | undefined;
  if (!row) return null;
  return {
    uid: row.uid, name: row.name, slug: row.slug,
    parent: row.parent_id === null ? null : (maps.categoryUid.get(row.parent_id) ?? null),
    position: row.position, description: row.description, overrides: JSON.parse(row.overrides) as Record<string, unknown>,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export function tagDoc(db: Database, uid: string): TagDoc | null {
  const row = db.prepare('SELECT uid, name, slug, created_at FROM tags WHERE uid = ?').get(uid) as { uid: string; name: string; slug: string; created_at: string } | undefined;
  return row ? { uid: row.uid, name: row.name, slug: row.slug, createdAt: row.created_at } : null;
}

/** Images an article needs: its cover and every stored image in its body. */
export function assetsOf(doc: ArticleDoc): string[] {
  const out = new Set<string>();
  if (doc.coverAsset) out.add(doc.coverAsset);
  const walk = (nodes: unknown[]) => {
    for (const n of nodes) {
      if (typeof n !== 'object' || n === null) continue;
      const node = n as Record<string, unknown>;
      if (node.type === 'image' && typeof node.sha256 === 'string' && /^[0-9a-f]{64}$/.test(node.sha256)) out.add(node.sha256);
      if (Array.isArray(node.children)) walk(node.children);
    }
  };
  walk(doc.blocks);
  return [...out];
}
