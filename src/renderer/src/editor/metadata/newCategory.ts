/** The category a picker's typed text would create, or null when it names an existing one. */
export interface NewCategoryTarget<C> {
  name: string;
  /** The existing parent when the text is a path (`产业信息 › 新能源`); null: top level. */
  parent: C | null;
}

interface CategoryLike { name: string; path: string[] }

const SEPARATOR = /\s*[›>]\s*/;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Reads the typed text as a name, or as a path whose last part is the new name and whose
 * leading parts are an existing category's path. A name that already exists creates nothing.
 */
export function newCategoryTarget<C extends CategoryLike>(text: string, all: readonly C[]): NewCategoryTarget<C> | null {
  const parts = text.trim().split(SEPARATOR).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const name = parts[parts.length - 1]!.slice(0, 100);
  let parent: C | null = null;
  if (parts.length > 1) {
    const parentPath = parts.slice(0, -1);
    parent = all.find((c) => c.path.length === parentPath.length && c.path.every((p, i) => same(p, parentPath[i]!))) ?? null;
    if (!parent) return null;
  }
  // Without a path, a name found anywhere in the tree is that category (the list shows it):
  // offering a second one of the same name is how duplicate categories begin.
  const taken = parent
    ? all.some((c) => same(c.name, name) && c.path.length === parent!.path.length + 1 && parent!.path.every((p, i) => same(p, c.path[i]!)))
    : all.some((c) => same(c.name, name));
  return taken ? null : { name, parent };
}

/** The categories a filter shows: every word of it in the breadcrumb or the slug path. */
export function filterCategories<C extends CategoryLike & { slugPath: string[] }>(filter: string, all: readonly C[]): C[] {
  const terms = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return [...all];
  return all.filter((c) => terms.every((term) => c.path.join(' ').toLowerCase().includes(term) || c.slugPath.join('/').includes(term)));
}
