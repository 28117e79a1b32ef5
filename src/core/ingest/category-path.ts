import type { Database } from 'better-sqlite3';
import { slugify, isValidSlug } from '../articles/slug.js';
import { createCategory } from '../taxonomy/categories.js';
import { loadCategoryIndex } from '../taxonomy/category-index.js';
import { nowIso } from '../time.js';
import type { CategoryRef } from './draft.js';

/**
 * Finds or creates a category path (`广东产业信息`, `Parent > Child 1 > Child 2`) and returns the
 * id of its last level, so an import files articles into the tree the editors already have
 * instead of making near-duplicates:
 *
 * 1. the full path from the top, each level matched among its siblings by name
 *    (case-insensitively), then by slug;
 * 2. else the path as the end of exactly one branch anywhere in the tree: a site's breadcrumb
 *    `首页 > 广东产业信息` names the library's `产业信息 › 广东产业信息`;
 * 3. else the levels that exist from the top are kept and the missing ones created below them.
 *
 * `cache` remembers paths resolved in this import; the caller clears it when a transaction
 * holding newly created categories rolls back.
 */
export function ensureCategoryPath(db: Database, path: readonly CategoryRef[], cache: Map<string, number>): number | null {
  const refs = path
    .map((ref) => ({ ...ref, name: ref.name.trim().slice(0, 200) }))
    .filter((ref) => ref.name);
  if (!refs.length) return null;
  const key = JSON.stringify(refs.map((r) => r.name.toLowerCase()));
  const cached = cache.get(key);
  if (cached !== undefined) return cached;

  let parentId: number | null = null;
  let level = 0;
  for (; level < refs.length; level++) {
    const found = findChild(db, parentId, refs[level]!);
    if (found === undefined) break;
    parentId = found;
  }
  if (level < refs.length) {
    const elsewhere = level === 0 ? uniqueBranchEndingWith(db, refs) : undefined;
    if (elsewhere !== undefined) {
      parentId = elsewhere;
    } else {
      for (; level < refs.length; level++) {
        const ref = refs[level]!;
        const slug = ref.slug && isValidSlug(ref.slug) ? ref.slug : slugify(ref.name);
        const id: number = createCategory(db, { name: ref.name, parentId, slug }).id;
        if (ref.description) db.prepare('UPDATE categories SET description = ?, updated_at = ? WHERE id = ?').run(ref.description.slice(0, 5_000), nowIso(), id);
        parentId = id;
      }
    }
  }
  cache.set(key, parentId!);
  return parentId;
}

function findChild(db: Database, parentId: number | null, ref: CategoryRef): number | undefined {
  const slug = ref.slug && isValidSlug(ref.slug) ? ref.slug : slugify(ref.name);
  const row = (db
    .prepare('SELECT id FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0) AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1')
    .get(parentId, ref.name) ?? db
    .prepare('SELECT id FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0) AND slug = ? ORDER BY id LIMIT 1')
    .get(parentId, slug)) as { id: number } | undefined;
  return row?.id;
}

/**
 * The one category whose breadcrumb ends with the path's names (case-insensitively), or
 * undefined when none or several do: an ambiguous name is never guessed at.
 */
function uniqueBranchEndingWith(db: Database, refs: readonly CategoryRef[]): number | undefined {
  const wanted = refs.map((r) => r.name.toLowerCase());
  let match: number | undefined;
  for (const node of loadCategoryIndex(db).values()) {
    if (node.path.length <= wanted.length) continue;
    const tail = node.path.slice(-wanted.length).map((n) => n.toLowerCase());
    if (!tail.every((n, i) => n === wanted[i])) continue;
    if (match !== undefined) return undefined;
    match = node.id;
  }
  return match;
}
