/**
 * The library view's list page: 100 article summaries, filtered and sorted, through the
 * contract (`articles.list`, as the UI calls it), beside the same rows from a full scan
 * (`articles NOT INDEXED`: what the query costs without the indexes the schema provides).
 */
import type { Database } from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { dispatch } from '../../src/core/api/dispatch.js';
import { timeRuns, timingRow, type BenchContext, type BenchRow } from './bench-kit.js';

const TARGET_MS = 10;

interface ListCase { name: string; input: Record<string, unknown>; scanWhere: (db: Database) => { where: string; params: unknown[] }; order: string }

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const built = await ctx.library(size);
    const lib = await openLibrary(built.path);
    try {
      const db = lib.db;
      const ctxCore = { db, libraryPath: lib.path };
      const topCategory = db.prepare('SELECT id FROM categories WHERE parent_id IS NULL ORDER BY id LIMIT 1').pluck().get() as number;
      const tag = db.prepare('SELECT tag_id FROM article_tags GROUP BY tag_id ORDER BY count(*) DESC LIMIT 1 OFFSET 3').pluck().get() as number;
      const author = db.prepare('SELECT author FROM articles GROUP BY author ORDER BY count(*) DESC LIMIT 1 OFFSET 5').pluck().get() as string;
      const subtree = (id: number) => (db.prepare(`WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT c.id FROM categories c JOIN t ON c.parent_id = t.id) SELECT id FROM t`).pluck().all(id) as number[]);
      const cases: ListCase[] = [
        { name: 'status=published, by updated', input: { status: 'published', sort: 'updated' }, scanWhere: () => ({ where: "status = 'published'", params: [] }), order: 'updated_at DESC' },
        { name: 'category subtree, by published', input: { categoryId: topCategory, sort: 'published' }, scanWhere: () => { const ids = subtree(topCategory); return { where: `category_id IN (${ids.map(() => '?').join(',')})`, params: ids }; }, order: 'published_at DESC' },
        { name: 'tag, by title', input: { tagId: tag, sort: 'title', order: 'asc' }, scanWhere: () => ({ where: 'id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)', params: [tag] }), order: 'title ASC' },
        { name: 'author + status, by updated, page 20', input: { author, status: ['published', 'archived'], sort: 'updated', page: 20 }, scanWhere: () => ({ where: "author = ? AND status IN ('published','archived')", params: [author] }), order: 'updated_at DESC' },
      ];
      for (const c of cases) {
        const input = { pageSize: 100, ...c.input };
        const samples: number[] = [];
        for (let i = 0; i < 30; i++) {
          const t0 = performance.now();
          const r = await dispatch(ctxCore, 'articles.list', input);
          samples.push(performance.now() - t0);
          if (!r.ok) throw new Error(`articles.list failed: ${r.error.message}`);
        }
        const { where, params } = c.scanWhere(db);
        const scan = timeRuns(() => db.prepare(`SELECT id, title, slug, status, author, excerpt, category_id, updated_at FROM articles NOT INDEXED
            WHERE deleted_at IS NULL AND ${where} ORDER BY ${c.order} LIMIT 100`).all(...params), 5, 1);
        rows.push(timingRow(`list page: ${c.name}`, samples.slice(3), { size, baseline: { name: 'full scan', samples: scan }, target: TARGET_MS }));
      }
    } finally {
      lib.close();
    }
  }
  return rows;
}
