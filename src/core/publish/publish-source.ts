import type { Database, Statement } from 'better-sqlite3';
import { notFound } from '../errors.js';
import { getSettings, type Settings } from '../settings/settings.js';
import { loadCategoryIndex, type CategoryNode } from '../taxonomy/category-index.js';
import { IMAGE_MIMES } from '../assets/image-header.js';
import type { Status } from '../api/schemas.js';
import { articleSitePath, siteHref, absoluteSiteUrl, linkerFrom, type Linker, type UrlParts } from './site-url.js';
import type { BodyResolvers } from './body-model.js';

/**
 * Everything an exported article needs from the library, read once per export and cached:
 * settings, the category tree with its per-category overrides, the site URL of any article
 * (internal links, related list), and asset facts (URL, size). One PublishSource serves one
 * export — a single page or ten thousand — so the prepared statements and caches are shared.
 */

/** What a related-articles entry shows: title, thumbnail and excerpt (like the site's `相关文章`). */
export interface RelatedEntry {
  id: number;
  title: string;
  slug: string;
  href: string;
  excerpt: string;
  thumbnail: AssetRef | null;
}

export interface AssetRef {
  sha256: string;
  /** Site path of the exported file: /assets/<sha256>.<ext> */
  path: string;
  /** How the page refers to it: a link to the exported file, or the image itself as a data: URI. */
  href: string;
  width: number | null;
  height: number | null;
  mime: string;
}

export interface ExportArticle {
  id: number;
  version: number;
  title: string;
  slug: string;
  status: Status;
  body: unknown;
  excerpt: string;
  author: string;
  byline: string;
  categoryId: number | null;
  /** Category names from the root down. */
  categoryPath: string[];
  categorySlugPath: string[];
  /** The paths (names, root first) of the other categories it is filed in, in their order. */
  secondaryCategoryPaths: string[][];
  tags: Array<{ id: number; name: string; slug: string }>;
  cover: AssetRef | null;
  seoTitle: string;
  seoDescription: string;
  canonicalUrl: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** Decoded site path (/gd/du-chang.html), href (root-relative, encoded) and absolute URL. */
  sitePath: string;
  href: string;
  url: string;
  /** How this article's page refers to other site paths (relative without a base URL). */
  link: Linker;
  related: RelatedEntry[];
  /** The site's copyright statement and contact block, with the category's overrides applied. */
  copyright: string;
  contactBlock: string;
}

interface ArticleRow {
  id: number; version: number; title: string; slug: string; status: Status; body: string; excerpt: string;
  author: string; byline: string; category_id: number | null; cover_asset: string | null;
  seo_title: string; seo_description: string; canonical_url: string; created_at: string;
  updated_at: string; published_at: string | null; deleted_at: string | null;
}

interface LinkRow { id: number; slug: string; status: Status; category_id: number | null; published_at: string | null; created_at: string; deleted_at: string | null }

/** Keys of `categories.overrides` the page uses; a child category inherits its parent's. */
const OVERRIDABLE = ['copyright', 'contactBlock'] as const;
type Overrides = Partial<Record<(typeof OVERRIDABLE)[number], string>>;

/** What public output (links, related lists, indexes, sitemap) shows unless drafts are exported. */
export const PUBLIC_STATUSES: readonly Status[] = ['published'];

export const ASSET_EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

export class PublishSource {
  readonly settings: Settings;
  readonly categories: Map<number, CategoryNode>;
  private readonly overrides = new Map<number, Overrides>();
  private readonly paths = new Map<number, string | null>();
  private readonly assets = new Map<string, Omit<AssetRef, 'href'> | null>();
  private readonly dataUris = new Map<string, string>();
  private readonly stmt: Record<'article' | 'link' | 'tags' | 'related' | 'asset' | 'assetData' | 'secondary', Statement>;

  private readonly statuses: ReadonlySet<Status> | null;
  private readonly embedImages: boolean;

  /**
   * `statuses`: only articles with one of these statuses can be linked to or listed as related
   * (public output shows only what is published, unless the editor exports drafts: 'all').
   * `embedImages`: library images become data: URIs, so a page stands alone (the preview, the
   * single saved page) instead of naming files of a folder export.
   */
  constructor(readonly db: Database, settings?: Settings, options: { statuses?: readonly Status[] | 'all'; embedImages?: boolean } = {}) {
    const statuses = options.statuses ?? PUBLIC_STATUSES;
    this.statuses = statuses === 'all' ? null : new Set(statuses);
    this.embedImages = options.embedImages === true;
    this.settings = settings ?? getSettings(db);
    this.categories = loadCategoryIndex(db);
    for (const row of db.prepare('SELECT id, overrides FROM categories').all() as Array<{ id: number; overrides: string }>) {
      this.overrides.set(row.id, parseOverrides(row.overrides));
    }
    this.stmt = {
      article: db.prepare(`SELECT id, version, title, slug, status, body, excerpt, author, byline, category_id, cover_asset,
        seo_title, seo_description, canonical_url, created_at, updated_at, published_at, deleted_at FROM articles WHERE id = ?`),
      link: db.prepare('SELECT id, slug, status, category_id, published_at, created_at, deleted_at FROM articles WHERE id = ?'),
      tags: db.prepare('SELECT t.id, t.name, t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY at.position, t.name'),
      related: db.prepare(`SELECT a.id, a.title, a.slug, a.excerpt, a.cover_asset FROM related_links r JOIN articles a ON a.id = r.target_id
        WHERE r.article_id = ? AND a.deleted_at IS NULL ORDER BY r.position, r.target_id`),
      asset: db.prepare('SELECT sha256, mime, width, height FROM assets WHERE sha256 = ?'),
      assetData: db.prepare('SELECT data FROM assets WHERE sha256 = ?').pluck(),
      secondary: db.prepare('SELECT category_id FROM article_categories WHERE article_id = ? ORDER BY position, category_id').pluck(),
    };
  }

  /** One live or trashed article with everything its page shows. */
  article(id: number): ExportArticle {
    const row = this.stmt.article.get(id) as ArticleRow | undefined;
    if (!row) throw notFound('Article', id);
    const category = row.category_id === null ? undefined : this.categories.get(row.category_id);
    const sitePath = articleSitePath(this.settings, this.urlParts(row));
    const link = linkerFrom(this.settings, sitePath);
    const related = (this.stmt.related.all(id) as Array<{ id: number; title: string; slug: string; excerpt: string; cover_asset: string | null }>)
      .flatMap((r) => {
        const path = this.articlePath(r.id);
        return path === null ? [] : [{ id: r.id, title: r.title, slug: r.slug, href: link(path), excerpt: r.excerpt, thumbnail: r.cover_asset ? this.asset(r.cover_asset, link) : null }];
      });
    const secondaryCategoryPaths = (this.stmt.secondary.all(id) as number[])
      .filter((c) => c !== row.category_id)
      .flatMap((c) => {
        const node = this.categories.get(c);
        return node ? [node.path] : [];
      });
    let body: unknown;
    try {
      body = JSON.parse(row.body);
    } catch {
      body = null;
    }
    return {
      id: row.id,
      version: row.version,
      title: row.title,
      slug: row.slug,
      status: row.status,
      body,
      excerpt: row.excerpt,
      author: row.author,
      byline: row.byline,
      categoryId: category ? row.category_id : null,
      categoryPath: category?.path ?? [],
      categorySlugPath: category?.slugPath ?? [],
      secondaryCategoryPaths,
      tags: this.stmt.tags.all(id) as ExportArticle['tags'],
      cover: row.cover_asset ? this.asset(row.cover_asset, link) : null,
      seoTitle: row.seo_title,
      seoDescription: row.seo_description,
      canonicalUrl: row.canonical_url,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      publishedAt: row.published_at,
      sitePath,
      href: siteHref(this.settings, sitePath),
      url: absoluteSiteUrl(this.settings, sitePath),
      link,
      related,
      ...this.effectiveSiteText(row.category_id),
    };
  }

  /** The site path of another article, or null when it is missing, trashed or not public. */
  articlePath(id: number): string | null {
    if (this.paths.has(id)) return this.paths.get(id)!;
    const row = this.stmt.link.get(id) as LinkRow | undefined;
    const linkable = row && row.deleted_at === null && (!this.statuses || this.statuses.has(row.status));
    const path = linkable ? articleSitePath(this.settings, this.urlParts(row)) : null;
    this.paths.set(id, path);
    return path;
  }

  /** The root-relative site href of another article, or null (see articlePath). */
  articleHref(id: number): string | null {
    const path = this.articlePath(id);
    return path === null ? null : siteHref(this.settings, path);
  }

  /** An exportable image asset (PNG, JPEG, GIF, WebP) as a page refers to it, or null. */
  asset(sha256: string, link: Linker = (p) => siteHref(this.settings, p)): AssetRef | null {
    let ref = this.assets.get(sha256);
    if (ref === undefined) {
      const row = this.stmt.asset.get(sha256) as { sha256: string; mime: string; width: number | null; height: number | null } | undefined;
      ref = row && (IMAGE_MIMES as readonly string[]).includes(row.mime)
        ? { sha256: row.sha256, path: `/assets/${row.sha256}.${ASSET_EXTENSIONS[row.mime]}`, width: row.width, height: row.height, mime: row.mime }
        : null;
      this.assets.set(sha256, ref);
    }
    return ref && { ...ref, href: this.embedImages ? this.dataUri(ref) : link(ref.path) };
  }

  private dataUri(ref: Omit<AssetRef, 'href'>): string {
    let uri = this.dataUris.get(ref.sha256);
    if (uri === undefined) {
      const data = this.stmt.assetData.get(ref.sha256) as Buffer;
      uri = `data:${ref.mime};base64,${data.toString('base64')}`;
      this.dataUris.set(ref.sha256, uri);
    }
    return uri;
  }

  /** Resolvers for the body model of the page at `link`'s site path: internal links and library images. */
  resolvers(link: Linker = (p) => siteHref(this.settings, p)): BodyResolvers {
    return {
      articleHref: (id) => {
        const path = this.articlePath(id);
        return path === null ? null : link(path);
      },
      asset: (sha) => {
        const a = this.asset(sha, link);
        return a ? { href: a.href, width: a.width, height: a.height } : null;
      },
    };
  }

  /** Category path (names) and the href of its index page, for breadcrumbs. */
  categoryTrail(categoryId: number | null, link: Linker = (p) => siteHref(this.settings, p)): Array<{ name: string; href: string }> {
    const node = categoryId === null ? undefined : this.categories.get(categoryId);
    if (!node) return [];
    return node.path.map((name, i) => ({ name, href: link(categoryIndexPath(node.slugPath.slice(0, i + 1))) }));
  }

  private urlParts(row: { id: number; slug: string; category_id: number | null; published_at: string | null; created_at: string }): UrlParts {
    const category = row.category_id === null ? undefined : this.categories.get(row.category_id);
    return { id: row.id, slug: row.slug, categorySlugPath: category?.slugPath ?? [], date: row.published_at ?? row.created_at };
  }

  /** Site settings, overridden by the nearest category up the tree that overrides them. */
  private effectiveSiteText(categoryId: number | null): Pick<ExportArticle, 'copyright' | 'contactBlock'> {
    const out = { copyright: this.settings.copyright, contactBlock: this.settings.contactBlock };
    const found = new Set<string>();
    const seen = new Set<number>();
    let node = categoryId === null ? undefined : this.categories.get(categoryId);
    while (node && !seen.has(node.id)) {
      seen.add(node.id);
      const o = this.overrides.get(node.id) ?? {};
      for (const key of OVERRIDABLE) {
        if (!found.has(key) && typeof o[key] === 'string') {
          out[key] = o[key]!;
          found.add(key);
        }
      }
      node = node.parentId === null ? undefined : this.categories.get(node.parentId);
    }
    return out;
  }
}

function parseOverrides(json: string): Overrides {
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    const out: Overrides = {};
    if (value && typeof value === 'object') for (const key of OVERRIDABLE) if (typeof value[key] === 'string') out[key] = value[key] as string;
    return out;
  } catch {
    return {};
  }
}

/** Site path of a category's index page (WordPress's convention: /category/parent/child/). */
export function categoryIndexPath(slugPath: readonly string[]): string {
  return `/category/${slugPath.join('/')}/`;
}

/** Site path of a tag's index page (/tag/slug/). */
export function tagIndexPath(slug: string): string {
  return `/tag/${slug}/`;
}
