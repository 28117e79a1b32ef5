import { pathToFileURL } from 'node:url';

/**
 * Where the app's own renderer lives: the built index.html on disk, or (in development only) the
 * electron-vite dev server. Every trust decision (IPC sender, navigation) compares against this.
 */
export type RendererLocation =
  | { kind: 'file'; indexUrl: string }
  | { kind: 'dev'; origin: string };

export function fileRenderer(indexHtmlPath: string): RendererLocation {
  return { kind: 'file', indexUrl: stripHashAndQuery(pathToFileURL(indexHtmlPath).href) };
}

/** Only http(s) on a loopback host is accepted as a dev server. */
export function devRenderer(devUrl: string): RendererLocation {
  const url = new URL(devUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`dev server URL must be http(s): ${devUrl}`);
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) throw new Error(`dev server must be on loopback: ${devUrl}`);
  return { kind: 'dev', origin: url.origin };
}

/** The URL a window loads for a given in-app route (`#/article/12`). */
export function rendererUrl(location: RendererLocation, hashRoute = ''): string {
  const base = location.kind === 'file' ? location.indexUrl : `${location.origin}/`;
  return hashRoute ? `${base}#${hashRoute.replace(/^#/, '')}` : base;
}

/**
 * True when `url` is the app's own renderer document (any hash route of it). Parsing first
 * normalises `..`, percent-encoding and case, so a look-alike path cannot pass by spelling.
 */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (location.kind === 'file') {
    return parsed.protocol === 'file:' && !parsed.host && stripHashAndQuery(parsed.href) === location.indexUrl;
  }
  return parsed.origin === location.origin;
}

function stripHashAndQuery(href: string): string {
  const u = new URL(href);
  u.hash = '';
  u.search = '';
  return u.href;
}
