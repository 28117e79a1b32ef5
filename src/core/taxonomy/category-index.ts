import type { Database } from 'better-sqlite3';

export interface CategoryNode {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  position: number;
  path: string[];
  slugPath: string[];
}

/**
 * The whole category tree with breadcrumb paths. Trees are small (hundreds of nodes), so one
 * query and a walk in memory beats recursive SQL for every row that shows a breadcrumb.
 */
export function loadCategoryIndex(db: Database): Map<number, CategoryNode> {
  const rows = db
    .prepare('SELECT id, parent_id AS parentId, name, slug, position FROM categories ORDER BY position, name')
    .all() as Array<Omit<CategoryNode, 'path' | 'slugPath'>>;
  const byId = new Map<number, CategoryNode>();
  for (const r of rows) byId.set(r.id, { ...r, path: [], slugPath: [] });
  for (const node of byId.values()) {
    const names: string[] = [];
    const slugs: string[] = [];
    let cur: CategoryNode | undefined = node;
    const seen = new Set<number>();
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      names.unshift(cur.name);
      slugs.unshift(cur.slug);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    node.path = names;
    node.slugPath = slugs;
  }
  return byId;
}

/** A category and all its descendants. */
export function descendantIds(index: Map<number, CategoryNode>, rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const n of index.values()) {
    if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  }
  const out: number[] = [];
  const stack = [rootId];
  const seen = new Set<number>();
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
