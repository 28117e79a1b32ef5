import type { Database } from 'better-sqlite3';
import { slugify, isValidSlug } from '../articles/slug.js';
import { createCategory } from '../taxonomy/categories.js';
import { nowIso } from '../time.js';
import type { CategoryRef } from './draft.js';

/**
 * Finds or creates a category path (`广东产业信息`, `Parent > Child 1 > Child 2`) and returns the
 * id of its last level. Each level is matched among the siblings by name (case-insensitively),
 * then by slug, so an import files articles into the tree the editors already have instead of
 * making near-duplicates; missing levels are created where they belong.
 *
 * `cache` remembers paths resolved in this import; the caller clears it when a transaction
 * holding newly created categories rolls back.
 */
export function ensureCategoryPath(db: Database, path: readonly CategoryRef[], cache: Map<string, number>): number | null {
  let parentId: number | null = null;
  const names: string[] = [];
  for (const ref of path) {
    const name = ref.name.trim().slice(0, 200);
    if (!name) continue;
    names.push(name.toLowerCase());
    const key = JSON.stringify(names);
    const cached = cache.get(key);
    if (cached !== undefined) {
      parentId = cached;
      continue;
    }
    const slug = ref.slug && isValidSlug(ref.slug) ? ref.slug : slugify(name);
    const found = (db
      .prepare('SELECT id FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0) AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1')
      .get(parentId, name) ?? db
      .prepare('SELECT id FROM categories WHERE IFNULL(parent_id, 0) = IFNULL(?, 0) AND slug = ? ORDER BY id LIMIT 1')
      .get(parentId, slug)) as { id: number } | undefined;
    let id: number;
    if (found) id = found.id;
    else {
      id = createCategory(db, { name, parentId, slug }).id;
      if (ref.description) db.prepare('UPDATE categories SET description = ?, updated_at = ? WHERE id = ?').run(ref.description.slice(0, 5_000), nowIso(), id);
    }
    cache.set(key, id);
    parentId = id;
  }
  return parentId;
}
