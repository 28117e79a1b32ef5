import { useEffect, useState } from 'react';

/** Hash routes work the same from file:// (Electron) and from the loopback server. */
export type Route =
  | { name: 'library' }
  | { name: 'article'; id: number }
  | { name: 'taxonomy' }
  | { name: 'settings' }
  | { name: 'desk' };

export function parseRoute(hash: string): Route {
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
