import type { Database } from 'better-sqlite3';
import { invalid, notFound, says } from '../errors.js';
import { nowIso } from '../time.js';
import { slugify } from '../articles/slug.js';
import { indexArticle } from '../search/indexer.js';
import { loadCategoryIndex, descendantIds } from './category-index.js';
import type { Category } from '../api/schemas.js';

export function listCategories(db: Database): Category[] {
  const index = loadCategoryIndex(db);
  // Live articles per category: all of them (the category index alone) minus the trashed ones
  // (an index led by deleted_at). Testing deleted_at row by row reads each row's last column,
  // past the body on its overflow pages: 0.5–0.9 s at 100,000 articles, against 6 ms.
  const counts = new Map(
    (db.prepare(`SELECT a.id, a.n - IFNULL(t.n, 0) AS n
       FROM (SELECT category_id AS id, count(*) AS n FROM articles INDEXED BY articles_category_id WHERE category_id IS NOT NULL GROUP BY category_id) a
       LEFT JOIN (SELECT category_id AS id, count(*) AS n FROM articles INDEXED BY articles_search_walk
         WHERE deleted_at IS NOT NULL AND category_id IS NOT NULL GROUP BY category_id) t ON t.id = a.id`).all() as Array<{ id: number; n: number }>)
      .map((r) => [r.id, r.n]),
  );
  // Depth-first order, so a flat list reads as the tree.
  const children = new Map<number | null, number[]>();
  for (const n of index.values()) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out: Category[] = [];
  const visit = (parent: number | null) => {
    for (const id of children.get(parent) ?? []) {
      const n = index.get(id)!;
      out.push({ id: n.id, parentId: n.parentId, name: n.name, slug: n.slug, position: n.position, path: n.path, slugPath: n.slugPath, articleCount: counts.get(id) ?? 0 });
      visit(id);
    }
  };
  visit(null);
  return out;
}

export function getCategory(db: Database, id: number): Category {
  const c = listCategories(db).find((x) => x.id === id);
  if (!c) throw notFound('Category', id);
  return c;
}

function assertSiblingFree(db: Database, parentId: number | null, slug: string, exceptId: number | null): void {
  const clash = db
    .prepare('SELECT id, name FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0) AND slug = ? AND id IS NOT ?')
    .get(parentId, slug, exceptId) as { id: number; name: string } | undefined;
  if (clash) throw invalid(`"${clash.name}" already sits there with the slug "${slug}".`, says('category.slugTaken', { name: clash.name, slug }, { id: clash.id }));
}

export function createCategory(db: Database, input: { name: string; parentId: number | null; slug?: string }): Category {
  return db.transaction(() => {
    if (input.parentId !== null) getCategory(db, input.parentId);
    const slug = input.slug ?? slugify(input.name);
    assertSiblingFree(db, input.parentId, slug, null);
    const position = (db.prepare('SELECT IFNULL(max(position) + 1, 0) AS p FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0)').get(input.parentId) as { p: number }).p;
    const now = nowIso();
    const info = db
      .prepare('INSERT INTO categories (parent_id, name, slug, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.parentId, input.name.trim(), slug, position, now, now);
    return getCategory(db, Number(info.lastInsertRowid));
  }).immediate();
}

export function renameCategory(db: Database, id: number, name: string, slug?: string): Category {
  return db.transaction(() => {
    const c = getCategory(db, id);
    const nextSlug = slug ?? c.slug;
    assertSiblingFree(db, c.parentId, nextSlug, id);
    db.prepare('UPDATE categories SET name = ?, slug = ?, updated_at = ? WHERE id = ?').run(name.trim(), nextSlug, nowIso(), id);
    reindexCategoryArticles(db, id);
    return getCategory(db, id);
  }).immediate();
}

/** Moves a category under a new parent (null: the top level), refusing to make a cycle. */
export function moveCategory(db: Database, id: number, parentId: number | null, position?: number): Category {
  return db.transaction(() => {
    const c = getCategory(db, id);
    if (parentId !== null) {
      getCategory(db, parentId);
      if (descendantIds(loadCategoryIndex(db), id).includes(parentId)) {
        throw invalid(`Cannot move "${c.name}" inside itself or one of its sub-categories.`, says('category.moveInside', { name: c.name }));
      }
    }
    assertSiblingFree(db, parentId, c.slug, id);
    const siblings = (db.prepare('SELECT id FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0) AND id <> ? ORDER BY position, name').all(parentId, id) as Array<{ id: number }>).map((r) => r.id);
    const at = Math.max(0, Math.min(position ?? siblings.length, siblings.length));
    siblings.splice(at, 0, id);
    const setPos = db.prepare('UPDATE categories SET position = ? WHERE id = ?');
    siblings.forEach((s, i) => setPos.run(i, s));
    db.prepare('UPDATE categories SET parent_id = ?, updated_at = ? WHERE id = ?').run(parentId, nowIso(), id);
    reindexCategoryArticles(db, id);
    return getCategory(db, id);
  }).immediate();
}

/**
 * Deletes a category. Its articles move to `reassignTo` (or become uncategorised when null);
 * its sub-categories move up to its parent, so nothing below it is lost.
 */
export function deleteCategory(db: Database, id: number, reassignTo: number | null): { id: number; reassigned: number } {
  return db.transaction(() => {
    const c = getCategory(db, id);
    if (reassignTo !== null) {
      if (reassignTo === id) throw invalid('Cannot reassign articles to the category being deleted.', says('category.reassignSelf'));
      getCategory(db, reassignTo);
    }
    const affected = (db.prepare('SELECT id FROM articles WHERE category_id = ?').all(id) as Array<{ id: number }>).map((r) => r.id);
    db.prepare('UPDATE articles SET category_id = ?, version = version + 1, updated_at = ? WHERE category_id = ?').run(reassignTo, nowIso(), id);
    db.prepare('DELETE FROM article_categories WHERE category_id = ?').run(id);
    for (const child of db.prepare('SELECT id FROM categories WHERE parent_id = ?').all(id) as Array<{ id: number }>) {
      assertSiblingFree(db, c.parentId, (db.prepare('SELECT slug FROM categories WHERE id = ?').get(child.id) as { slug: string }).slug, child.id);
      db.prepare('UPDATE categories SET parent_id = ? WHERE id = ?').run(c.parentId, child.id);
    }
    db.prepare('DELETE FROM categories WHERE id = ?').run(id);
    for (const a of affected) indexArticle(db, a);
    return { id, reassigned: affected.length };
  }).immediate();
}

/**
 * Merges one category into another, in one transaction: its articles (filed there primarily or
 * as a secondary category) move to the target, its sub-categories move under the target (a
 * slug the target's children already use gets a number), and it is deleted. The target cannot
 * sit inside the merged category: its children would then move under their own descendant.
 */
export function mergeCategories(db: Database, id: number, intoId: number): { category: Category; moved: number } {
  return db.transaction(() => {
    const source = getCategory(db, id);
    const target = getCategory(db, intoId);
    if (id === intoId) throw invalid('A category cannot be merged into itself.', says('category.mergeSelf'));
    if (descendantIds(loadCategoryIndex(db), id).includes(intoId)) {
      throw invalid(`"${target.name}" is inside "${source.name}"; merge the other way round, or move it out first.`, says('category.mergeInside', { name: target.name, source: source.name }));
    }
    const now = nowIso();
    const primary = (db.prepare('SELECT id FROM articles WHERE category_id = ?').all(id) as Array<{ id: number }>).map((r) => r.id);
    const secondary = (db.prepare('SELECT article_id AS id FROM article_categories WHERE category_id = ?').all(id) as Array<{ id: number }>).map((r) => r.id);
    db.prepare('UPDATE articles SET category_id = ?, version = version + 1, updated_at = ? WHERE category_id = ?').run(intoId, now, id);
    db.prepare('INSERT OR IGNORE INTO article_categories (article_id, category_id, position) SELECT article_id, ?, position FROM article_categories WHERE category_id = ?').run(intoId, id);
    db.prepare('DELETE FROM article_categories WHERE category_id = ?').run(id);
    // Filed in the target primarily now: not a secondary category too.
    db.prepare('DELETE FROM article_categories WHERE category_id = ? AND article_id IN (SELECT id FROM articles WHERE category_id = ?)').run(intoId, intoId);
    const onlySecondary = secondary.filter((a) => !primary.includes(a));
    if (onlySecondary.length) {
      const bump = db.prepare('UPDATE articles SET version = version + 1, updated_at = ? WHERE id = ?');
      for (const a of onlySecondary) bump.run(now, a);
    }
    let position = (db.prepare('SELECT IFNULL(max(position) + 1, 0) AS p FROM categories WHERE parent_id = ?').get(intoId) as { p: number }).p;
    for (const child of db.prepare('SELECT id, slug FROM categories WHERE parent_id = ? ORDER BY position, name').all(id) as Array<{ id: number; slug: string }>) {
      const slug = freeSiblingSlug(db, intoId, child.slug);
      db.prepare('UPDATE categories SET parent_id = ?, slug = ?, position = ?, updated_at = ? WHERE id = ?').run(intoId, slug, position++, now, child.id);
    }
    db.prepare('DELETE FROM categories WHERE id = ?').run(id);
    reindexCategoryArticles(db, intoId);
    for (const a of onlySecondary) indexArticle(db, a);
    return { category: getCategory(db, intoId), moved: new Set([...primary, ...secondary]).size };
  }).immediate();
}

function freeSiblingSlug(db: Database, parentId: number, slug: string): string {
  const taken = db.prepare('SELECT 1 FROM categories WHERE parent_id = ? AND slug = ?');
  if (!taken.get(parentId, slug)) return slug;
  for (let n = 2; ; n++) {
    const next = `${slug.slice(0, 85)}-${n}`;
    if (!taken.get(parentId, next)) return next;
  }
}

/** Category paths are searchable (`category:` filter), so a rename or move reaches the index. */
function reindexCategoryArticles(db: Database, id: number): void {
  const ids = descendantIds(loadCategoryIndex(db), id);
  const marks = ids.map(() => '?').join(',');
  const rows = db.prepare(`SELECT id FROM articles WHERE category_id IN (${marks})`).all(...ids) as Array<{ id: number }>;
  for (const r of rows) indexArticle(db, r.id);
}

export function categoryExists(db: Database, id: number): boolean {
  return !!db.prepare('SELECT 1 FROM categories WHERE id = ?').get(id);
}
