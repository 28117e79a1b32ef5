import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { call } from '../api/client';
import { onLibraryChangeThrottled } from '../app/events';
import { buildCategoryTree, type Category, type CategoryTreeData, type Tag } from './categoryTree';

interface TaxonomyValue {
  categories: Category[];
  tree: CategoryTreeData;
  tags: Tag[];
  loaded: boolean;
  error: string | null;
  reload(): Promise<void>;
}

const TaxonomyContext = createContext<TaxonomyValue | null>(null);

/**
 * The category tree and the tag list, loaded once for the whole window and reloaded whenever
 * the library changes, so the filter sidebar, the pickers and the manager always agree.
 */
export function TaxonomyProvider({ children }: { children: ReactNode }) {
  const [categories, setCategories] = useState<Category[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [c, t] = await Promise.all([call('categories.list', {}), call('tags.list', {})]);
      setCategories(c);
      setTags(t);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void reload();
    return onLibraryChangeThrottled(() => void reload(), 1000);
  }, [reload]);

  const tree = useMemo(() => buildCategoryTree(categories), [categories]);
  const value = useMemo(() => ({ categories, tree, tags, loaded, error, reload }), [categories, tree, tags, loaded, error, reload]);
  return <TaxonomyContext.Provider value={value}>{children}</TaxonomyContext.Provider>;
}

export function useTaxonomy(): TaxonomyValue {
  const value = useContext(TaxonomyContext);
  if (!value) throw new Error('useTaxonomy outside TaxonomyProvider');
  return value;
}
