import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { DEFAULT_QUERY, type LibraryQuery } from './query';

interface LibraryStateValue {
  query: LibraryQuery;
  setQuery(update: Partial<LibraryQuery> | ((q: LibraryQuery) => LibraryQuery)): void;
  /** Where the list was scrolled, so leaving for Settings and coming back keeps the place. */
  scrollOffset: React.MutableRefObject<number>;
  /** The row the keyboard was on, by article id (for the same reason). */
  activeId: React.MutableRefObject<number | null>;
}

const LibraryStateContext = createContext<LibraryStateValue | null>(null);

/** The library view's query lives above the routes: opening an article or Settings keeps it. */
export function LibraryStateProvider({ children }: { children: ReactNode }) {
  const [query, setQueryState] = useState<LibraryQuery>(DEFAULT_QUERY);
  const scrollOffset = useRef(0);
  const activeId = useRef<number | null>(null);
  const value = useMemo<LibraryStateValue>(() => ({
    query,
    setQuery: (update) => setQueryState((q) => (typeof update === 'function' ? update(q) : { ...q, ...update })),
    scrollOffset,
    activeId,
  }), [query]);
  return <LibraryStateContext.Provider value={value}>{children}</LibraryStateContext.Provider>;
}

export function useLibraryState(): LibraryStateValue {
  const value = useContext(LibraryStateContext);
  if (!value) throw new Error('useLibraryState outside LibraryStateProvider');
  return value;
}
