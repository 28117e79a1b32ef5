import type { Database } from 'better-sqlite3';
import type { Status } from '../api/schemas.js';
import { loadCategoryIndex, type CategoryNode } from '../taxonomy/category-index.js';

/**
 * Where a link points, as the site would see it. Links are stored by article id and never
 * dropped when their target goes away, so every place that shows a link shows this state:
 * - `live`: published and not in the trash;
 * - `unpublished`: exists but is not on the site (draft, in review, ready, archived);
 * - `trashed`: in the trash (restoring it makes the link live again, nothing to repair).
 */
export type TargetState = 'live' | 'unpublished' | 'trashed';

export const TARGET_STATES = ['live', 'unpublished', 'trashed'] as const;

export function targetState(status: Status, deletedAt: string | null): TargetState {
  if (deletedAt !== null) return 'trashed';
  return status === 'published' ? 'live' : 'unpublished';
}

/** What a related list, a backlink or a suggestion shows of an article. */
export interface LinkedArticle {
  id: number;
  title: string;
  slug: string;
  status: Status;
  state: TargetState;
  excerpt: string;
  categoryPath: string[];
  coverAsset: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

export interface LinkedArticleRow {
  id: number;
  title: string;
  slug: string;
  status: Status;
  excerpt: string;
  category_id: number | null;
  cover_asset: string | null;
  published_at: string | null;
  updated_at: string;
  deleted_at: string | null;
}

/** Columns of `articles` (aliased `a`) that make a LinkedArticle. */
export const LINKED_COLUMNS =
  'a.id, a.title, a.slug, a.status, a.excerpt, a.category_id, a.cover_asset, a.published_at, a.updated_at, a.deleted_at';

export function linkedArticleOf(row: LinkedArticleRow, categories: Map<number, CategoryNode>): LinkedArticle {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    status: row.status,
    state: targetState(row.status, row.deleted_at),
    excerpt: row.excerpt,
    categoryPath: row.category_id === null ? [] : (categories.get(row.category_id)?.path ?? []),
    coverAsset: row.cover_asset,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

/** LinkedArticles for a set of ids, in the order asked; ids that do not exist are left out. */
export function loadLinkedArticles(db: Database, ids: readonly number[], categories = loadCategoryIndex(db)): Map<number, LinkedArticle> {
  const out = new Map<number, LinkedArticle>();
  const unique = [...new Set(ids)];
  // Chunks keep us far below SQLite's bound-parameter limit for any list length.
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = db
      .prepare(`SELECT ${LINKED_COLUMNS} FROM articles a WHERE a.id IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as LinkedArticleRow[];
    for (const r of rows) out.set(r.id, linkedArticleOf(r, categories));
  }
  return out;
}
