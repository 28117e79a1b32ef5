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

/** SQL selecting a set of article ids, and optionally a cheaper SQL counting its members. */
interface IdSet { sql: string; params: unknown[]; count?: { sql: string; params: unknown[] } }

export function listArticles(db: Database, q: ListQuery): ListPage {
  const categories = loadCategoryIndex(db);
  const where: string[] = [q.trashed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
  const params: unknown[] = [];
  // A set of ids the page must come from (a category subtree, a tag), as SQL, with a cheaper
  // way to count its members where there is one.
  let idSet: IdSet | null = null;
  if (q.status?.length) {
    where.push(`status IN (${q.status.map(() => '?').join(',')})`);
    params.push(...q.status);
  }
  if (q.categoryId !== undefined) {
    if (!categories.has(q.categoryId)) throw notFound('Category', q.categoryId);
    const ids = q.includeSubcategories ? descendantIds(categories, q.categoryId) : [q.categoryId];
    const marks = ids.map(() => '?').join(',');
    idSet = {
      sql: `SELECT id FROM articles WHERE category_id IN (${marks}) UNION SELECT article_id FROM article_categories WHERE category_id IN (${marks})`,
      params: [...ids, ...ids],
      // Counting the UNION sorts both sides (3 ms for a category of 15,000 at 100,000 articles);
      // the articles filed there primarily plus those there only as a secondary category come
      // from two covering indexes (0.4 ms).
      count: {
        sql: `SELECT (SELECT count(*) FROM articles INDEXED BY articles_category_id WHERE category_id IN (${marks}))
          + (SELECT count(DISTINCT ac.article_id) FROM article_categories ac WHERE ac.category_id IN (${marks}) AND NOT EXISTS
              (SELECT 1 FROM articles a INDEXED BY articles_search_lookup WHERE a.id = ac.article_id AND a.category_id IN (${marks})))`,
        params: [...ids, ...ids, ...ids],
      },
    };
  }
  if (q.tagId !== undefined) {
    const tagSet = { sql: 'SELECT article_id FROM article_tags WHERE tag_id = ?', params: [q.tagId] };
    idSet = idSet ? { sql: `${idSet.sql} INTERSECT ${tagSet.sql}`, params: [...idSet.params, ...tagSet.params] } : tagSet;
  }
  if (idSet) {
    where.push(`id IN (${idSet.sql})`);
    params.push(...idSet.params);
  }
  if (q.author !== undefined) {
    where.push('author = ?');
    params.push(q.author);
  }
  const clause = where.join(' AND ');
  const column = SORT_COLUMNS[q.sort];
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const plan = planFor(q, idSet !== null);
  // Built from the filters present: prepared per call (a cache keyed by this text would grow).
  const total = plan.countLiveSet && idSet
    ? countLiveMembers(db, idSet)
    : db.prepare(`SELECT count(*) FROM articles ${plan.countIndex ? `INDEXED BY ${plan.countIndex}` : ''} WHERE ${clause}`).pluck().get(...params) as number;
  const ids = db
    .prepare(`SELECT id FROM articles ${plan.pageIndex ? `INDEXED BY ${plan.pageIndex}` : ''} WHERE ${clause}
      ORDER BY ${column} ${dir}, id ${dir} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, q.pageSize, (q.page - 1) * q.pageSize) as number[];
  const rows = statement<[string], SummaryRow>(db, `SELECT ${SUMMARY_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((id) => summaryOf(byId.get(id)!, categories)), total, page: q.page, pageSize: q.pageSize };
}

/** The set's size minus its trashed members (the trash is small, and reached through an index). */
function countLiveMembers(db: Database, set: IdSet): number {
  const size = set.count ?? { sql: `SELECT count(*) FROM (${set.sql})`, params: set.params };
  return db.prepare(`SELECT (${size.sql}) - (SELECT count(*) FROM articles INDEXED BY articles_list_updated
      WHERE deleted_at IS NOT NULL AND id IN (${set.sql}))`).pluck().get(...size.params, ...set.params) as number;
}

const SORT_INDEXES = { updated: 'articles_list_updated', created: 'articles_list_created', published: 'articles_list_published', title: 'articles_live_title' } as const;
const STATUS_SORT_INDEXES = { updated: 'articles_list_status_updated', created: 'articles_list_status_created', published: 'articles_list_status_published', title: 'articles_list_status_title' } as const;

/**
 * Which index answers a live page filtered by a set of ids (a category subtree, a tag).
 *
 * SQLite's own choice there is to look up every member of the set by id and read its row for
 * the sort column: on 100,000 articles a category of 15,000 took 150 ms. Walking an index that
 * holds the sort column and the other filters, in page order, and testing each entry against
 * the set stops after one page instead (3–5 ms, a full walk included). The count becomes the
 * set's size minus its trashed members. Other lists are left to the planner, which the
 * library's statistics (open.ts) steer to the status and author indexes.
 */
function planFor(q: ListQuery, hasIdSet: boolean): { pageIndex?: string; countIndex?: string; countLiveSet?: boolean } {
  if (q.trashed) return {};
  // Counting a status walks its entries in an index: the planner picks the title one, whose
  // long keys make that 50% slower than the narrow (status, updated) one.
  if (!hasIdSet) return q.status?.length && q.author === undefined ? { countIndex: 'articles_list_status_updated' } : {};
  if (q.author !== undefined) return { pageIndex: 'articles_list_author_updated', countIndex: 'articles_list_author_updated' };
  if (q.status?.length) return { pageIndex: STATUS_SORT_INDEXES[q.sort], countIndex: 'articles_list_status_updated' };
  return { pageIndex: SORT_INDEXES[q.sort], countLiveSet: true };
}
