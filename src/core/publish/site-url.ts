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

/** The site path of an article, from the settings: the one function callers outside publish use. */
export function articleUrl(settings: UrlSettings, parts: UrlParts): { path: string; href: string; url: string } {
  const path = articleSitePath(settings, parts);
  return { path, href: siteHref(settings, path), url: absoluteSiteUrl(settings, path) };
}
