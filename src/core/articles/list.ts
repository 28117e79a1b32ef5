import type { Database } from 'better-sqlite3';
import { notFound } from '../errors.js';
import { statement } from '../db/statements.js';
import { loadCategoryIndex, descendantIds } from '../taxonomy/category-index.js';
import { SUMMARY_COLUMNS, summaryOf } from './articles.js';
import type { ArticleSummary, Status } from '../api/schemas.js';

/**
 * The library view's page of article summaries: filtered, sorted, paged, with the total.
 *
 * Two steps, because an article's row holds its body inline: every column after `body` (author,
 * dates, status…) lives on the row's overflow pages, so sorting thousands of matching rows by a
 * date read four or five pages per row. Step one orders and pages ids alone, which the list
 * indexes (schema-v3.ts) answer without touching the rows; step two reads the page's rows.
 */
export interface ListQuery {
  page: number;
  pageSize: number;
  sort: 'updated' | 'created' | 'published' | 'title';
  order: 'asc' | 'desc';
  status?: Status[];
  categoryId?: number;
  includeSubcategories: boolean;
  tagId?: number;
  author?: string;
  trashed: boolean;
}

export interface ListPage {
  items: ArticleSummary[];
  total: number;
  page: number;
  pageSize: number;
}

const SORT_COLUMNS = { updated: 'updated_at', created: 'created_at', published: 'published_at', title: 'title' } as const;

type SummaryRow = Parameters<typeof summaryOf>[0];

export function listArticles(db: Database, q: ListQuery): ListPage {
  const categories = loadCategoryIndex(db);
  const where: string[] = [q.trashed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
  const params: unknown[] = [];
  if (q.status?.length) {
    where.push(`status IN (${q.status.map(() => '?').join(',')})`);
    params.push(...q.status);
  }
  if (q.categoryId !== undefined) {
    if (!categories.has(q.categoryId)) throw notFound('Category', q.categoryId);
    const ids = q.includeSubcategories ? descendantIds(categories, q.categoryId) : [q.categoryId];
    const marks = ids.map(() => '?').join(',');
    // One IN over a UNION (not an OR of two conditions), so SQLite can still walk the sort index.
    where.push(`id IN (SELECT id FROM articles WHERE category_id IN (${marks}) UNION SELECT article_id FROM article_categories WHERE category_id IN (${marks}))`);
    params.push(...ids, ...ids);
  }
  if (q.tagId !== undefined) {
    where.push('id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)');
    params.push(q.tagId);
  }
  if (q.author !== undefined) {
    where.push('author = ?');
    params.push(q.author);
  }
  const clause = where.join(' AND ');
  const column = SORT_COLUMNS[q.sort];
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  // Built from the filters present: prepared per call (a cache keyed by this text would grow).
  const total = db.prepare(`SELECT count(*) FROM articles WHERE ${clause}`).pluck().get(...params) as number;
  const ids = db
    .prepare(`SELECT id FROM articles WHERE ${clause} ORDER BY ${column} ${dir}, id ${dir} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, q.pageSize, (q.page - 1) * q.pageSize) as number[];
  const rows = statement<[string], SummaryRow>(db, `SELECT ${SUMMARY_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((id) => summaryOf(byId.get(id)!, categories)), total, page: q.page, pageSize: q.pageSize };
}
