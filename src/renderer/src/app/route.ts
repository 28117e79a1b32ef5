import { useEffect, useState } from 'react';

/** Hash routes work the same from file:// (Electron) and from the loopback server. */
export type Route =
  | { name: 'library' }
  /** `id` null: a new article, not stored until something is typed into it. */
  | { name: 'article'; id: number | null }
  | { name: 'taxonomy' }
  | { name: 'settings' }
  | { name: 'desk' };

export function parseRoute(hash: string): Route {
  if (/^#\/article\/new(?:$|[/?])/.test(hash)) return { name: 'article', id: null };
  const m = /^#\/article\/(\d+)/.exec(hash);
  if (m) return { name: 'article', id: Number(m[1]) };
  if (hash.startsWith('#/settings')) return { name: 'settings' };
  if (hash.startsWith('#/taxonomy')) return { name: 'taxonomy' };
  if (hash.startsWith('#/desk')) return { name: 'desk' };
  return { name: 'library' };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const navigate = (hash: string) => {
  window.location.hash = hash;
};

/** Changes the route without a new history entry (a new article, once stored, becomes its own address). */
export const replaceRoute = (hash: string) => {
  window.history.replaceState(window.history.state, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
};
