import type { Database } from 'better-sqlite3';
import type { Settings } from '../settings/settings.js';
import type { CategoryNode } from '../taxonomy/category-index.js';
import { escapeAttr, escapeHtml, escapeXml } from './escape.js';
import { absoluteSiteUrl, absoluteUrlOrNull, linkerFrom } from './site-url.js';
import { categoryIndexPath, tagIndexPath } from './publish-source.js';
import { labelsFor, renderIndexPage, type IndexEntry } from './page-template.js';
import type { Linker } from './site-url.js';
import type { ArticleEntry } from './manifest.js';

/**
 * The pages around the articles in a folder export: the home page (newest articles and the
 * top-level categories), one listing per category (its articles and its sub-categories'
 * articles, as WordPress lists them) and per tag, paginated, and sitemap.xml (split into a
 * sitemap index above 50,000 URLs, the protocol's limit). Built from the manifest's entries, so
 * they list exactly the pages the folder holds, including those of earlier partial exports.
 * Links are the site's (see linkerFrom): relative to each page when there is no base URL. A
 * sitemap must give absolute URLs, so without a base URL there is none (`sitemap: false`).
 */
export const PER_PAGE = 100;
const HOME_ARTICLES = 50;
const SITEMAP_LIMIT = 50_000;

export interface GeneratedFile { rel: string; content: string }

export function buildSiteIndexes(db: Database, settings: Settings, categories: Map<number, CategoryNode>, entries: ReadonlyMap<number, ArticleEntry>): { files: GeneratedFile[]; sitemap: boolean } {
  const labels = labelsFor(settings);
  const sorted = [...entries.entries()].sort(([ia, a], [ib, b]) => (a.date ?? '') < (b.date ?? '') ? 1 : (a.date ?? '') > (b.date ?? '') ? -1 : ib - ia);
  // An article is listed on several pages (its categories, their ancestors, its tags): build its entry once.
  const indexEntries = new Map<number, IndexEntry>();
  const toIndexEntry = ([id, e]: [number, ArticleEntry]): IndexEntry => {
    let entry = indexEntries.get(id);
    if (!entry) indexEntries.set(id, entry = { title: e.title, path: e.path, date: e.date, excerpt: e.excerpt });
    return entry;
  };
  const files: GeneratedFile[] = [];
  const sitemap: Array<{ path: string; lastmod: string | null }> = [];

  const listing = (basePath: string, heading: string, trail: PathCrumb[], items: Array<[number, ArticleEntry]>, extra?: (link: Linker) => string | undefined) => {
    const pages = Math.max(1, Math.ceil(items.length / PER_PAGE));
    const pagePath = (n: number) => (n === 1 ? basePath : `${basePath}page/${n}/`);
    for (let n = 1; n <= pages; n++) {
      const slice = items.slice((n - 1) * PER_PAGE, n * PER_PAGE);
      const link = linkerFrom(settings, pagePath(n));
      files.push({
        rel: `${pagePath(n).replace(/^\//, '')}index.html`,
        content: renderIndexPage(settings, {
          heading, trail: trail.map((c) => ({ name: c.name, href: link(c.path) })), entries: slice.map(toIndexEntry), link,
          canonical: absoluteUrlOrNull(settings, pagePath(n)) ?? '', page: n, pages, pagePath, extra: n === 1 ? extra?.(link) : undefined,
        }),
      });
    }
    sitemap.push({ path: basePath, lastmod: items[0]?.[1].updated ?? null });
  };

  // Articles per category, counting sub-categories' articles in their ancestors.
  const byCategory = new Map<number, Array<[number, ArticleEntry]>>();
  for (const item of sorted) {
    const seen = new Set<number>();
    let node = item[1].categoryId === null ? undefined : categories.get(item[1].categoryId);
    while (node && !seen.has(node.id)) {
      seen.add(node.id);
      (byCategory.get(node.id) ?? byCategory.set(node.id, []).get(node.id)!).push(item);
      node = node.parentId === null ? undefined : categories.get(node.parentId);
    }
  }
  const categoryLink = (link: Linker) => (n: CategoryNode) => `<li><a href="${escapeAttr(link(categoryIndexPath(n.slugPath)))}">${escapeHtml(n.name)}</a></li>`;
  const childrenOf = (parentId: number | null) => [...categories.values()].filter((c) => c.parentId === parentId && byCategory.has(c.id)).sort((a, b) => a.position - b.position || a.id - b.id);
  const categoryList = (nodes: CategoryNode[]) => (link: Linker) => (nodes.length ? `<ul class="cd-category-list">\n${nodes.map(categoryLink(link)).join('\n')}\n</ul>` : undefined);

  const homeLink = linkerFrom(settings, '/');
  files.push({
    rel: 'index.html',
    content: renderIndexPage(settings, {
      heading: settings.siteName || labels.home, trail: [], entries: sorted.slice(0, HOME_ARTICLES).map(toIndexEntry), link: homeLink,
      canonical: absoluteUrlOrNull(settings, '/') ?? '', page: 1, pages: 1, pagePath: () => '/', extra: categoryList(childrenOf(null))(homeLink),
    }),
  });
  sitemap.push({ path: '/', lastmod: sorted[0]?.[1].updated ?? null });

  for (const [id, items] of [...byCategory.entries()].sort(([a], [b]) => a - b)) {
    const node = categories.get(id)!;
    const trail = node.path.map((name, i) => ({ name, path: categoryIndexPath(node.slugPath.slice(0, i + 1)) }));
    listing(categoryIndexPath(node.slugPath), node.name, trail, items, categoryList(childrenOf(id)));
  }

  const tagNames = new Map((db.prepare('SELECT id, name, slug FROM tags').all() as Array<{ id: number; name: string; slug: string }>).map((t) => [t.id, t]));
  const byTag = new Map<number, Array<[number, ArticleEntry]>>();
  for (const item of sorted) for (const t of item[1].tagIds) if (tagNames.has(t)) (byTag.get(t) ?? byTag.set(t, []).get(t)!).push(item);
  for (const [id, items] of [...byTag.entries()].sort(([a], [b]) => a - b)) {
    const tag = tagNames.get(id)!;
    const path = tagIndexPath(tag.slug);
    listing(path, tag.name, [{ name: tag.name, path }], items);
  }

  if (!settings.baseUrl) return { files, sitemap: false };
  for (const [, e] of sorted) sitemap.push({ path: e.path, lastmod: e.updated });
  files.push(...sitemapFiles(settings, sitemap));
  return { files, sitemap: true };
}

interface PathCrumb { name: string; path: string }

function sitemapFiles(settings: Settings, urls: ReadonlyArray<{ path: string; lastmod: string | null }>): GeneratedFile[] {
  const urlset = (items: typeof urls) => [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...items.map((u) => `<url><loc>${escapeXml(absoluteSiteUrl(settings, u.path))}</loc>${u.lastmod ? `<lastmod>${escapeXml(u.lastmod)}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n');
  if (urls.length <= SITEMAP_LIMIT) return [{ rel: 'sitemap.xml', content: urlset(urls) }];
  const parts: GeneratedFile[] = [];
  for (let i = 0; i * SITEMAP_LIMIT < urls.length; i++) {
    parts.push({ rel: `sitemap-${i + 1}.xml`, content: urlset(urls.slice(i * SITEMAP_LIMIT, (i + 1) * SITEMAP_LIMIT)) });
  }
  const index = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...parts.map((p) => `<sitemap><loc>${escapeXml(absoluteSiteUrl(settings, `/${p.rel}`))}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
  return [{ rel: 'sitemap.xml', content: index }, ...parts];
}
