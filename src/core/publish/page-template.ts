import { escapeAttr, escapeHtml } from './escape.js';
import { safeUrl } from './safe-url.js';
import { absoluteUrlOrNull, type Linker } from './site-url.js';
import type { Settings } from '../settings/settings.js';
import type { ExportArticle, RelatedEntry } from './publish-source.js';

/**
 * The default page template: a complete, valid HTML5 document shaped like the site's article
 * page (../shared/samples/site-article-page.txt), top to bottom:
 *
 *   head      <title>"title - site"</title>, meta description, canonical URL, Open Graph and
 *             article:* tags, a small inline stylesheet (no external requests)
 *   header    .cd-site-header: the site name, linking home
 *   nav       .cd-breadcrumb: 当前位置:首页 > category > … > 正文内容
 *   article   h1.cd-title, p.cd-meta (author, date, category), div.cd-body (the HTML fragment),
 *             p.cd-byline (the source line, e.g. "…记者杜宇蔚/文"), p.cd-tags
 *   aside     .cd-contact: the contact / call-to-action block
 *   p         .cd-copyright: the copyright statement
 *   section   .cd-related: 相关文章, each entry a thumbnail, title and excerpt
 *   footer    .cd-site-footer
 *
 * Contact block and copyright come from the site settings, overridden per category
 * (categories.overrides: {"copyright": "...", "contactBlock": "..."}; the nearest category up
 * the tree wins). They are plain text: blank lines make paragraphs, single newlines line breaks.
 * Labels are Chinese unless the library's locale is English. A site restyles the page through
 * the `cd-` classes; everything dynamic is escaped here, nothing is inserted raw except the
 * body fragment, which the fragment renderer escaped already.
 */

interface Labels {
  lang: string;
  ogLocale: string;
  home: string;
  youAreHere: string;
  current: string;
  related: string;
  tags: string;
  /** Between tag links: Chinese lists take the enumeration comma, not a space. */
  tagSeparator: string;
  untitled: string;
  articles: string;
  categories: string;
  page: (n: number, of: number) => string;
  previous: string;
  next: string;
}

const ZH: Labels = {
  lang: 'zh-CN', ogLocale: 'zh_CN', home: '首页', youAreHere: '当前位置：', current: '正文内容', related: '相关文章',
  tags: '标签：', tagSeparator: '、', untitled: '无标题', articles: '文章', categories: '分类',
  page: (n, of) => `第${n}/${of}页`, previous: '上一页', next: '下一页',
};
const EN: Labels = {
  lang: 'en', ogLocale: 'en_US', home: 'Home', youAreHere: 'You are here: ', current: 'Article', related: 'Related articles',
  tags: 'Tags: ', tagSeparator: ', ', untitled: 'Untitled', articles: 'Articles', categories: 'Categories',
  page: (n, of) => `Page ${n} of ${of}`, previous: 'Previous', next: 'Next',
};

export function labelsFor(settings: Pick<Settings, 'locale'>): Labels {
  return settings.locale === 'en' ? EN : ZH;
}

const STYLE = `body{margin:0;font:16px/1.8 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#fff}
.cd-site-header,.cd-main,.cd-site-footer{max-width:48rem;margin:0 auto;padding:0 1rem}
.cd-site-header{padding-top:1rem;font-weight:bold}.cd-site-header a{color:inherit;text-decoration:none}
.cd-breadcrumb,.cd-meta,.cd-byline,.cd-tags,.cd-copyright,.cd-site-footer{color:#666;font-size:.875rem}
.cd-meta>*+*{margin-left:1em}.cd-body img,.cd-related img{max-width:100%;height:auto}
.cd-figure{margin:1.5em 0;text-align:center}.cd-figcaption{color:#666;font-size:.875rem}
.cd-quote{margin:1em 0;padding-left:1em;border-left:3px solid #ddd;color:#555}
.cd-code{overflow:auto;padding:1em;background:#f6f6f6}.cd-table{border-collapse:collapse}
.cd-table th,.cd-table td{border:1px solid #ddd;padding:.25em .5em}
.cd-align-center{text-align:center}.cd-align-right{text-align:right}.cd-align-justify{text-align:justify}
.cd-contact{margin:2em 0;padding:1em;background:#f7f7f7}
.cd-related-list{list-style:none;padding:0}.cd-related-item{margin:1.5em 0}
.cd-related-link{display:block;font-weight:bold}.cd-related-thumb{display:block;max-width:12rem}
.cd-related-excerpt{margin:.25em 0;color:#555;font-size:.875rem}`;

export interface PageHead {
  title: string;
  description: string;
  canonical: string;
  og: Array<[string, string]>;
}

/** The parts of every page that depend on the settings only, built once per settings object. */
const shellParts = new WeakMap<Settings, { open: string; afterHead: string; siteName: string; close: string }>();

function partsFor(settings: Settings): { open: string; afterHead: string; siteName: string; close: string } {
  let parts = shellParts.get(settings);
  if (!parts) {
    const labels = labelsFor(settings);
    parts = {
      open: `<!DOCTYPE html>\n<html lang="${labels.lang}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n`,
      afterHead: ['<meta name="generator" content="Copydesk">', `<style>\n${STYLE}\n</style>`, '</head>', '<body class="cd-page">', ''].join('\n'),
      siteName: escapeHtml(settings.siteName || labels.home),
      close: `\n</main>\n<footer class="cd-site-footer"><p>© ${escapeHtml(settings.siteName)}</p></footer>\n</body>\n</html>\n`,
    };
    shellParts.set(settings, parts);
  }
  return parts;
}

/** The document around a page's main content: head, site header and footer. `link` is the page's own. */
export function pageShell(settings: Settings, link: Linker, head: PageHead, main: string): string {
  const parts = partsFor(settings);
  let h = `<title>${escapeHtml(head.title)}</title>\n`;
  if (head.description) h += `<meta name="description" content="${escapeAttr(head.description)}">\n`;
  if (head.canonical) h += `<link rel="canonical" href="${escapeAttr(head.canonical)}">\n`;
  for (const [property, content] of head.og) h += `<meta property="${escapeAttr(property)}" content="${escapeAttr(content)}">\n`;
  const header = `<header class="cd-site-header"><a class="cd-site-name" href="${escapeAttr(link('/'))}">${parts.siteName}</a></header>\n<main class="cd-main">\n`;
  return parts.open + h + parts.afterHead + header + main + parts.close;
}

export interface Crumb { name: string; href: string }

export function breadcrumb(settings: Settings, link: Linker, trail: readonly Crumb[], current: string): string {
  const labels = labelsFor(settings);
  const parts = [`<a href="${escapeAttr(link('/'))}">${escapeHtml(labels.home)}</a>`,
    ...trail.map((c) => `<a href="${escapeAttr(c.href)}">${escapeHtml(c.name)}</a>`),
    `<span aria-current="page">${escapeHtml(current)}</span>`];
  return `<nav class="cd-breadcrumb" aria-label="breadcrumb">${escapeHtml(labels.youAreHere)}${parts.join(' › ')}</nav>`;
}

/** Site text (contact block, copyright) as paragraphs and line breaks. */
export function siteTextHtml(text: string): string {
  return text.trim().split(/\n\s*\n/).map((p) => `<p>${p.trim().split('\n').map((l) => escapeHtml(l.trim())).join('<br>')}</p>`).join('\n');
}

const dateOnly = (iso: string | null): string => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '');

/** A meta description: the editor's SEO description, else the excerpt, on one line. */
export function describe(article: Pick<ExportArticle, 'seoDescription' | 'excerpt'>): string {
  const text = (article.seoDescription || article.excerpt).replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length > 300 ? `${chars.slice(0, 299).join('')}…` : text;
}

export interface ArticlePageInput {
  article: ExportArticle;
  bodyHtml: string;
  trail: readonly Crumb[];
  tagHref: (slug: string) => string;
}

export function renderArticlePage(settings: Settings, input: ArticlePageInput): string {
  const { article, bodyHtml, trail } = input;
  const labels = labelsFor(settings);
  const title = article.title.trim() || labels.untitled;
  const pageTitle = `${article.seoTitle.trim() || title}${settings.siteName ? ` - ${settings.siteName}` : ''}`;
  // Canonical and Open Graph URLs must be absolute: without a base URL there are none to give.
  const canonical = safeUrl(article.canonicalUrl, 'image') ?? absoluteUrlOrNull(settings, article.sitePath) ?? '';
  const coverUrl = article.cover ? absoluteUrlOrNull(settings, article.cover.path) : null;
  const description = describe(article);
  const date = article.publishedAt ?? article.createdAt;
  const og: Array<[string, string]> = [
    ['og:type', 'article'],
    ...(settings.siteName ? [['og:site_name', settings.siteName] as [string, string]] : []),
    ['og:title', article.seoTitle.trim() || title],
    ...(description ? [['og:description', description] as [string, string]] : []),
    ...(canonical ? [['og:url', canonical] as [string, string]] : []),
    ...(coverUrl ? [['og:image', coverUrl] as [string, string]] : []),
    ['og:locale', labels.ogLocale],
    ['article:published_time', date],
    ['article:modified_time', article.updatedAt],
    ...(article.categoryPath.length ? [['article:section', article.categoryPath[article.categoryPath.length - 1]!] as [string, string]] : []),
    ...article.tags.map((t): [string, string] => ['article:tag', t.name]),
  ];
  const leaf = trail[trail.length - 1];
  const meta = [
    ...(article.author ? [`<span class="cd-author">${escapeHtml(article.author)}</span>`] : []),
    `<time class="cd-date" datetime="${escapeAttr(date)}">${escapeHtml(dateOnly(date))}</time>`,
    ...(leaf ? [`<a class="cd-category" href="${escapeAttr(leaf.href)}">${escapeHtml(leaf.name)}</a>`] : []),
  ];
  const main = [
    breadcrumb(settings, article.link, trail, labels.current),
    '<article class="cd-article">',
    '<header class="cd-article-header">',
    `<h1 class="cd-title">${escapeHtml(title)}</h1>`,
    `<p class="cd-meta">${meta.join(' ')}</p>`,
    '</header>',
    `<div class="cd-body">\n${bodyHtml}</div>`,
    ...(article.byline.trim() ? [`<p class="cd-byline">${escapeHtml(article.byline.trim())}</p>`] : []),
    ...(article.tags.length
      ? [`<p class="cd-tags">${escapeHtml(labels.tags)}${article.tags.map((t) => `<a rel="tag" href="${escapeAttr(input.tagHref(t.slug))}">${escapeHtml(t.name)}</a>`).join(labels.tagSeparator)}</p>`]
      : []),
    '</article>',
    ...(article.contactBlock.trim() ? [`<aside class="cd-contact">\n${siteTextHtml(article.contactBlock)}\n</aside>`] : []),
    ...(article.copyright.trim() ? [`<div class="cd-copyright">\n${siteTextHtml(article.copyright)}\n</div>`] : []),
    ...(article.related.length ? [relatedSection(labels, article.related)] : []),
  ];
  return pageShell(settings, article.link, { title: pageTitle, description, canonical, og }, main.join('\n'));
}

function relatedSection(labels: Labels, related: readonly RelatedEntry[]): string {
  const items = related.map((r) => {
    const thumb = r.thumbnail
      ? `<img class="cd-related-thumb" src="${escapeAttr(r.thumbnail.href)}" alt=""${r.thumbnail.width ? ` width="${r.thumbnail.width}"` : ''}${r.thumbnail.height ? ` height="${r.thumbnail.height}"` : ''} loading="lazy">`
      : '';
    const excerpt = shorten(r.excerpt, 150);
    return `<li class="cd-related-item"><a class="cd-related-link" href="${escapeAttr(r.href)}">${thumb}<span class="cd-related-title">${escapeHtml(r.title.trim() || labels.untitled)}</span></a>${excerpt ? `<p class="cd-related-excerpt">${escapeHtml(excerpt)}</p>` : ''}</li>`;
  });
  return [
    '<section class="cd-related" aria-labelledby="cd-related-heading">',
    `<h2 id="cd-related-heading">${escapeHtml(labels.related)}</h2>`,
    '<ul class="cd-related-list">',
    ...items,
    '</ul>',
    '</section>',
  ].join('\n');
}

function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  // UTF-16 length bounds the number of characters: most excerpts need no splitting at all.
  if (clean.length <= max) return clean;
  const chars = [...clean];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

export interface IndexEntry { title: string; path: string; date: string | null; excerpt: string }

/** A listing page (home, category, tag): a heading, a list of articles, page links. */
export function renderIndexPage(settings: Settings, input: {
  heading: string;
  trail: readonly Crumb[];
  entries: readonly IndexEntry[];
  /** How this page links to other site paths. */
  link: Linker;
  canonical: string;
  page: number;
  pages: number;
  /** The site path of page n of this listing. */
  pagePath: (n: number) => string;
  extra?: string;
}): string {
  const labels = labelsFor(settings);
  const items = input.entries.map((e) => {
    const date = dateOnly(e.date);
    return `<li class="cd-index-item"><a href="${escapeAttr(input.link(e.path))}">${escapeHtml(e.title.trim() || labels.untitled)}</a>${date ? ` <time datetime="${escapeAttr(e.date!)}">${date}</time>` : ''}${e.excerpt ? `<p class="cd-index-excerpt">${escapeHtml(shorten(e.excerpt, 150))}</p>` : ''}</li>`;
  });
  const nav: string[] = [];
  if (input.pages > 1) {
    if (input.page > 1) nav.push(`<a rel="prev" href="${escapeAttr(input.link(input.pagePath(input.page - 1)))}">${escapeHtml(labels.previous)}</a>`);
    nav.push(`<span>${escapeHtml(labels.page(input.page, input.pages))}</span>`);
    if (input.page < input.pages) nav.push(`<a rel="next" href="${escapeAttr(input.link(input.pagePath(input.page + 1)))}">${escapeHtml(labels.next)}</a>`);
  }
  const main = [
    ...(input.trail.length || input.heading !== labels.home ? [breadcrumb(settings, input.link, input.trail.slice(0, -1), input.heading)] : []),
    `<h1 class="cd-title">${escapeHtml(input.heading)}</h1>`,
    ...(input.extra ? [input.extra] : []),
    ...(items.length ? ['<ul class="cd-index-list">', ...items, '</ul>'] : []),
    ...(nav.length ? [`<nav class="cd-pagination" aria-label="pagination">${nav.join(' ')}</nav>`] : []),
  ];
  const title = `${input.heading}${settings.siteName && input.heading !== settings.siteName ? ` - ${settings.siteName}` : ''}`;
  const og: Array<[string, string]> = [['og:type', 'website'], ['og:title', input.heading], ...(input.canonical ? [['og:url', input.canonical] as [string, string]] : [])];
  return pageShell(settings, input.link, { title, description: '', canonical: input.canonical, og }, main.join('\n'));
}
