import { Document, type ScalarTag } from 'yaml';
import type { ExportArticle } from './publish-source.js';

/**
 * YAML front matter that Hugo, Jekyll and Astro read as is:
 *
 *   title, slug, date (published, else created), updated, status, draft (true unless
 *   published: Hugo and Astro hide drafts), author, categories (the category path, root
 *   first: Jekyll makes it the URL path, Hugo a taxonomy), tags, excerpt, description (SEO),
 *   cover (the exported image's site path), related (slugs, in the list's order), byline,
 *   canonical.
 *
 * Empty fields are left out. Strings are quoted whenever a YAML 1.1 reader (Jekyll's Psych)
 * would take them for something else (`yes`, `on`, `1_000`, `2024-01-01`); dates are written
 * as timestamps with an explicit `Z`, which every one of the three parses as a date.
 */
export function frontMatter(article: ExportArticle): string {
  const data: Record<string, unknown> = {
    title: article.title,
    slug: article.slug,
    date: toDate(article.publishedAt ?? article.createdAt),
    updated: toDate(article.updatedAt),
    status: article.status,
    draft: article.status !== 'published',
  };
  if (article.author) data.author = article.author;
  if (article.categoryPath.length) data.categories = article.categoryPath;
  if (article.tags.length) data.tags = article.tags.map((t) => t.name);
  if (article.excerpt) data.excerpt = article.excerpt;
  if (article.seoDescription) data.description = article.seoDescription;
  if (article.cover) data.cover = article.cover.href;
  if (article.related.length) data.related = article.related.map((r) => r.slug);
  if (article.byline) data.byline = article.byline;
  if (article.canonicalUrl) data.canonical = article.canonicalUrl;
  for (const [k, v] of Object.entries(data)) if (v === null) delete data[k];

  const doc = new Document(data, {
    version: '1.1',
    // Keep the Z: the default 1.1 timestamp writer drops it for whole seconds, and a date
    // without a zone is read as local time by some readers.
    customTags: (tags) => tags.map((t) => (typeof t === 'object' && t.tag === 'tag:yaml.org,2002:timestamp' && !('collection' in t && t.collection)
      ? ({ ...t, stringify: ({ value }: { value: unknown }) => (value as Date).toISOString().replace(/\.000Z$/, 'Z') } as ScalarTag)
      : t)),
  });
  return `---\n${doc.toString({ lineWidth: 0 })}---\n`;
}

function toDate(iso: string | null): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}
