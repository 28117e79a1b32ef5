import type { Settings } from '../settings/settings.js';

/**
 * Where an article lives on the site, from the URL pattern in the site settings
 * (`/{category}/{slug}.html`, `/{yyyy}/{mm}/{slug}/`, `/p/{id}.html`...). The same function
 * serves the page preview, internal links between articles and the bulk export's file layout,
 * so a link can never point somewhere the export did not put the page.
 *
 * Paths here are *decoded* site paths ("/gd/都昌.html"): the bulk export turns them into file
 * paths as they are, and hrefs get each segment percent-encoded.
 */
export interface UrlParts {
  id: number;
  slug: string;
  /** Category slugs from the root down ([] when uncategorised). */
  categorySlugPath: readonly string[];
  /** ISO date the {yyyy}/{mm}/{dd} placeholders come from (published, else created). */
  date: string | null;
}

type UrlSettings = Pick<Settings, 'baseUrl' | 'urlPattern'>;

const PLACEHOLDER = /\{(category|slug|id|yyyy|mm|dd)\}/g;

/** The decoded site path of an article, always starting with "/", without the base URL's path. */
export function articleSitePath(settings: Pick<Settings, 'urlPattern'>, parts: UrlParts): string {
  const [yyyy, mm, dd] = dateParts(parts.date);
  const values: Record<string, string> = {
    category: parts.categorySlugPath.join('/'),
    slug: parts.slug,
    id: String(parts.id),
    yyyy, mm, dd,
  };
  const filled = settings.urlPattern.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
  // An empty placeholder (no category) must not leave "//" behind.
  return `/${filled.split('/').filter((s, i, all) => s !== '' || i === all.length - 1).join('/')}`.replace(/^\/+/, '/');
}

/** Dates are stored as UTC ISO strings; URL date parts use the UTC calendar date. */
function dateParts(iso: string | null): [string, string, string] {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? [m[1]!, m[2]!, m[3]!] : ['0000', '00', '00'];
}

/** "/news" for a base URL of "https://example.com/news/", "" for a site at the root or none. */
export function basePath(settings: Pick<Settings, 'baseUrl'>): string {
  if (!settings.baseUrl) return '';
  try {
    return new URL(settings.baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** Percent-encodes each segment of a decoded path ("/gd/都昌.html" → "/gd/%E9%83%BD%E6%98%8C.html"). */
export function encodePath(path: string): string {
  return path.split('/').map((s) => encodeURIComponent(s)).join('/');
}

/** A root-relative href for a site path: works on any host the folder is deployed to. */
export function siteHref(settings: UrlSettings, path: string): string {
  return basePath(settings) + encodePath(path);
}

/**
 * The absolute URL of a site path (canonical URL, Open Graph, sitemap). Without a base URL in
 * the settings there is no absolute form, and the root-relative href stands in.
 */
export function absoluteSiteUrl(settings: UrlSettings, path: string): string {
  if (!settings.baseUrl) return siteHref(settings, path);
  try {
    const base = new URL(settings.baseUrl);
    return `${base.origin}${siteHref(settings, path)}`;
  } catch {
    return siteHref(settings, path);
  }
}

/**
 * How a file at site path `from` refers to site path `to`. Under a base URL: the root-relative
 * href (the folder is deployed at the base URL's path). Without one: a path relative to the file
 * itself, naming the exported file ("../category/a/index.html"), so the folder works when opened
 * from disk (file://) or served from any sub-folder. `from` null: a root-relative href (an
 * HTML fragment for another site's editor has no place of its own).
 */
export type Linker = (to: string) => string;

export function linkerFrom(settings: UrlSettings, from: string | null): Linker {
  if (settings.baseUrl || from === null) return (to) => siteHref(settings, to);
  const fromDir = fileOfSitePath(from).split('/').slice(0, -1);
  return (to) => {
    const target = fileOfSitePath(to).split('/');
    let common = 0;
    while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common++;
    return '../'.repeat(fromDir.length - common) + target.slice(common).map(encodeURIComponent).join('/');
  };
}

/**
 * The file a site path is exported to: "/a/b.html" → "a/b.html", "/a/b/" → "a/b/index.html",
 * "/a/b" → "a/b.html" (served as /a/b by static hosts).
 */
export function fileOfSitePath(sitePath: string): string {
  let rel = sitePath.replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  else if (!/\.[A-Za-z0-9]{1,8}$/.test(rel.split('/').pop()!)) rel += '.html';
  return rel;
}

/** An absolute URL of a site path when there is a base URL to make one from, else null. */
export function absoluteUrlOrNull(settings: UrlSettings, path: string): string | null {
  return settings.baseUrl ? absoluteSiteUrl(settings, path) : null;
}

/** The site path of an article, from the settings: the one function callers outside publish use. */
export function articleUrl(settings: UrlSettings, parts: UrlParts): { path: string; href: string; url: string } {
  const path = articleSitePath(settings, parts);
  return { path, href: siteHref(settings, path), url: absoluteSiteUrl(settings, path) };
}
