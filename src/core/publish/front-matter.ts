import { stringify } from 'yaml';
import type { ExportArticle } from './publish-source.js';

/**
 * YAML front matter that Hugo, Jekyll and Astro read as is:
 *
 *   title, slug, date (published, else created), updated, status, draft (true unless
 *   published: Hugo and Astro hide drafts), author, categories (every category the article is
 *   filed in, the primary first, each once: a nested one as its path "Parent › Child", so no
 *   parent reads as a filing of its own), category (the primary's path, root first, one name
 *   per entry), tags, excerpt, description (SEO),
 *   cover (the exported image's site path), related (slugs, in the list's order), byline,
 *   canonical.
 *
 * Empty fields are left out. The keys and their order are fixed, so the document is written
 * line by line; each string value goes through the `yaml` package (YAML 1.1 rules, so it is
 * quoted whenever Jekyll's Psych would read it as something else: `yes`, `on`, `1_000`,
 * `2024-01-01`), except plain text that cannot mean anything but itself (most titles), which
 * is written as is — the library's document machinery costs a millisecond per article, too
 * much for a 100,000-article export. Dates are timestamps with an explicit `Z`, which all three
 * generators parse as dates.
 */
export function frontMatter(article: ExportArticle): string {
  const lines: string[] = ['---'];
  const scalar = (key: string, value: string) => lines.push(`${key}: ${yamlString(value)}`);
  const list = (key: string, values: readonly string[]) => {
    lines.push(`${key}:`);
    for (const v of values) lines.push(`  - ${yamlString(v)}`);
  };
  scalar('title', article.title);
  scalar('slug', article.slug);
  const date = timestamp(article.publishedAt ?? article.createdAt);
  if (date) lines.push(`date: ${date}`);
  const updated = timestamp(article.updatedAt);
  if (updated) lines.push(`updated: ${updated}`);
  scalar('status', article.status);
  lines.push(`draft: ${article.status !== 'published'}`);
  if (article.author) scalar('author', article.author);
  const filed = [article.categoryPath, ...article.secondaryCategoryPaths].filter((p) => p.length);
  if (filed.length) list('categories', filed.map((p) => p.join(' › ')));
  if (article.categoryPath.length) list('category', article.categoryPath);
  if (article.tags.length) list('tags', article.tags.map((t) => t.name));
  if (article.excerpt) scalar('excerpt', article.excerpt);
  if (article.seoDescription) scalar('description', article.seoDescription);
  if (article.cover) scalar('cover', article.cover.href);
  if (article.related.length) list('related', article.related.map((r) => r.slug));
  if (article.byline) scalar('byline', article.byline);
  if (article.canonicalUrl) scalar('canonical', article.canonicalUrl);
  lines.push('---', '');
  return lines.join('\n');
}

/** An ISO timestamp as YAML writes one, `Z` kept (a zone-less date is local time to some readers). */
function timestamp(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Text that a YAML 1.1 or 1.2 reader can only read back as this same string: no indicator
 * character first, no `:` or `#` anywhere (`: ` maps, ` #` comments), no edge spaces, no line
 * breaks or control characters, nothing that starts like a number, date, boolean or null.
 */
const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`<=~0-9+.\\][^:#]*$/u;
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\uD800-\uDFFF]/;
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null)$/i;

export function yamlString(value: string): string {
  if (PLAIN.test(value) && !/\s$/u.test(value) && !UNSAFE_CHARS.test(value) && !RESERVED.test(value)) return value;
  // Non-plain text: the yaml package decides the quoting (double quotes, escapes, 1.1 rules).
  return stringify(value, { version: '1.1', lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE' }).replace(/\n$/, '');
}
