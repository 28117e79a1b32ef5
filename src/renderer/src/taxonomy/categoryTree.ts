import type { OutputOf } from '../api/client';

export type Category = OutputOf<'categories.list'>[number];
export type Tag = OutputOf<'tags.list'>[number];

export interface CategoryNode {
  category: Category;
  children: CategoryNode[];
  parent: CategoryNode | null;
  depth: number;
  /** Live articles in this category and every sub-category (what a filter on it shows). */
  total: number;
}

export interface CategoryTreeData {
  roots: CategoryNode[];
  byId: Map<number, CategoryNode>;
}

/** The flat, depth-first list from `categories.list` as a tree, with sub-tree article counts. */
export function buildCategoryTree(list: readonly Category[]): CategoryTreeData {
  const byId = new Map<number, CategoryNode>();
  for (const c of list) byId.set(c.id, { category: c, children: [], parent: null, depth: 0, total: c.articleCount });
  const roots: CategoryNode[] = [];
  for (const c of list) {
    const node = byId.get(c.id)!;
    const parent = c.parentId === null ? undefined : byId.get(c.parentId);
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else roots.push(node);
  }
  const visit = (node: CategoryNode, depth: number): number => {
    node.depth = depth;
    node.total = node.category.articleCount + node.children.reduce((sum, child) => sum + visit(child, depth + 1), 0);
    return node.total;
  };
  for (const r of roots) visit(r, 0);
  return { roots, byId };
}

/** The node and everything below it. */
export function subtreeIds(node: CategoryNode): number[] {
  const out: number[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n.category.id);
    stack.push(...n.children);
  }
  return out;
}

/** Nodes in display order, descending only into expanded ones. */
export function visibleNodes(roots: readonly CategoryNode[], expanded: ReadonlySet<number>): CategoryNode[] {
  const out: CategoryNode[] = [];
  const walk = (nodes: readonly CategoryNode[]) => {
    for (const n of nodes) {
      out.push(n);
      if (n.children.length && expanded.has(n.category.id)) walk(n.children);
    }
  };
  walk(roots);
  return out;
}

export const BREADCRUMB_SEPARATOR = ' › ';

export function breadcrumb(path: readonly string[]): string {
  return path.join(BREADCRUMB_SEPARATOR);
}
