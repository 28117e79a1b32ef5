import type { Database } from 'better-sqlite3';
import { foldText } from './fold.js';
import type { QueryFilters } from './query.js';
import { loadCategoryIndex, descendantIds, type CategoryNode } from '../taxonomy/category-index.js';

/**
 * Search filters as SQL over `articles a`, checked row by row against candidates (the columns
 * they read are in step 2's covering indexes; tags and secondary categories are primary-key
 * lookups), so a filter never materializes a set as large as "every published article". The
 * one exception is a common term under a tag or category filter (search.ts), which reads the
 * tag's or category's article ids once instead of looking up tens of thousands of matches.
 *
 * Several `tag:` filters must all hold; several `category:`, `status:` or `author:` values are
 * alternatives (an article sits in one primary category and has one status, so AND would always
 * be empty). Names are compared folded, so `tag:ＡＩ` finds the tag `AI` and `category:廣東產業信息`
 * the category `广东产业信息`.
 */
export interface FilterSql {
  /** SQL conditions on `a` (AND-ed), without the live-article condition. */
  where: string[];
  params: unknown[];
  /** A filter named something that does not exist: the result is empty, no query needed. */
  impossible: boolean;
  /**
   * The same filters split for a caller that has article ids without rows (search's matches):
   * the tag and category filters as sets of article ids (SQL selecting ids, each a set the
   * article must be in), and the conditions that need the row's columns (status, author, dates).
   */
  idSets: Array<{ sql: string; params: unknown[] }>;
  columns: { where: string[]; params: unknown[] };
}

export function filterSql(db: Database, f: QueryFilters): FilterSql {
  const where: string[] = [];
  const params: unknown[] = [];
  const idSets: FilterSql['idSets'] = [];
  const columns: FilterSql['columns'] = { where: [], params: [] };
  let impossible = false;

  for (const tag of f.tags) {
    const ids = resolveTag(db, tag);
    if (ids.length === 0) { impossible = true; continue; }
    const marks = ids.map(() => '?').join(',');
    where.push(`EXISTS (SELECT 1 FROM article_tags ft WHERE ft.article_id = a.id AND ft.tag_id IN (${marks}))`);
    params.push(...ids);
    idSets.push({ sql: `SELECT article_id FROM article_tags WHERE tag_id IN (${marks})`, params: ids });
  }

  if (f.categories.length > 0) {
    const index = loadCategoryIndex(db);
    const ids = new Set<number>();
    for (const c of f.categories) for (const id of resolveCategory(index, c)) for (const d of descendantIds(index, id)) ids.add(d);
    if (ids.size === 0) impossible = true;
    else {
      const marks = [...ids].map(() => '?').join(',');
      where.push(`(a.category_id IN (${marks}) OR EXISTS (SELECT 1 FROM article_categories fc WHERE fc.article_id = a.id AND fc.category_id IN (${marks})))`);
      params.push(...ids, ...ids);
      idSets.push({
        sql: `SELECT id FROM articles INDEXED BY articles_category_id WHERE category_id IN (${marks}) UNION ALL SELECT article_id FROM article_categories WHERE category_id IN (${marks})`,
        params: [...ids, ...ids],
      });
    }
  }

  if (f.statuses.length > 0) {
    const statuses = [...new Set(f.statuses)];
    column(`a.status IN (${statuses.map(() => '?').join(',')})`, statuses);
  }

  if (f.authors.length > 0) {
    const names = resolveAuthors(db, f.authors);
    if (names.length === 0) impossible = true;
    else {
      column(`a.author IN (${names.map(() => '?').join(',')})`, names);
    }
  }

  // Dates: the publication date, or for never-published articles the creation date.
  if (f.after !== undefined) column('COALESCE(a.published_at, a.created_at) >= ?', [f.after]);
  if (f.before !== undefined) column('COALESCE(a.published_at, a.created_at) < ?', [f.before]);

  return { where, params, impossible, idSets, columns };

  function column(sql: string, values: unknown[]): void {
    where.push(sql);
    params.push(...values);
    columns.where.push(sql);
    columns.params.push(...values);
  }
}

function resolveTag(db: Database, value: string): number[] {
  const direct = db.prepare('SELECT id FROM tags WHERE name = ? COLLATE NOCASE OR slug = ?').pluck().all(value, value.toLowerCase()) as number[];
  if (direct.length > 0) return direct;
  const wanted = foldText(value);
  return (db.prepare('SELECT id, name FROM tags').all() as Array<{ id: number; name: string }>)
    .filter((t) => foldText(t.name) === wanted)
    .map((t) => t.id);
}

/**
 * Categories named by `value`: a name or slug (`新材料`, `xin-cai-liao`), or a path of names or
 * slugs separated by `/` or `>` (`广东产业信息/佛山专题`, `guang-dong/fo-shan`), matched against
 * the end of each category's breadcrumb so a partial path is enough.
 */
function resolveCategory(index: Map<number, CategoryNode>, value: string): number[] {
  const parts = value.split(/\s*[/>]\s*/u).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return [];
  const folded = parts.map(foldText);
  const out: number[] = [];
  for (const node of index.values()) {
    if (node.path.length < parts.length) continue;
    const offset = node.path.length - parts.length;
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      ok = foldText(node.path[offset + i]!) === folded[i] || node.slugPath[offset + i] === parts[i]!.toLowerCase();
    }
    if (ok) out.push(node.id);
  }
  return out;
}

function resolveAuthors(db: Database, values: readonly string[]): string[] {
  const exact = db.prepare('SELECT 1 FROM articles WHERE author = ? LIMIT 1');
  const out = new Set<string>();
  const unresolved: string[] = [];
  for (const v of values) {
    if (exact.get(v)) out.add(v);
    else unresolved.push(foldText(v.trim()));
  }
  if (unresolved.length > 0) {
    // Distinct authors come off the author index without touching the articles themselves.
    const all = db.prepare('SELECT DISTINCT author FROM articles').pluck().all() as string[];
    for (const name of all) if (unresolved.includes(foldText(name.trim()))) out.add(name);
  }
  return [...out];
}
