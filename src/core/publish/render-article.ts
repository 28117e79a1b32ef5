import { buildBodyModel, imagesOf, type Block } from './body-model.js';
import { renderHtmlFragment } from './render-html.js';
import { renderMarkdownBody } from './render-markdown.js';
import { renderPlainTextBody } from './render-text.js';
import { renderArticlePage } from './page-template.js';
import { frontMatter } from './front-matter.js';
import { tagIndexPath, type ExportArticle, type PublishSource } from './publish-source.js';

/**
 * An article in each export format. The body is read into the body model once and every
 * requested format is rendered from it, so a bulk export pays for the JSON walk once.
 */
export type ArticleFormat = 'html' | 'page' | 'markdown' | 'text';

export interface RenderedArticle {
  article: ExportArticle;
  blocks: Block[];
  /** Library assets the output refers to (body images, cover, related thumbnails). */
  assets: string[];
}

export function prepareArticle(source: PublishSource, id: number): RenderedArticle {
  const article = source.article(id);
  const blocks = buildBodyModel(article.body, source.resolvers(article.link));
  const assets = new Set<string>();
  for (const image of imagesOf(blocks)) if (image.sha256) assets.add(image.sha256);
  if (article.cover) assets.add(article.cover.sha256);
  for (const r of article.related) if (r.thumbnail) assets.add(r.thumbnail.sha256);
  return { article, blocks, assets: [...assets].sort() };
}

export function renderPrepared(source: PublishSource, prepared: RenderedArticle, format: ArticleFormat): string {
  const { article, blocks } = prepared;
  switch (format) {
    case 'html':
      return renderHtmlFragment(blocks);
    case 'page':
      return renderArticlePage(source.settings, {
        article,
        bodyHtml: renderHtmlFragment(blocks),
        trail: source.categoryTrail(article.categoryId, article.link),
        tagHref: (slug) => article.link(tagIndexPath(slug)),
      });
    case 'markdown':
      return `${frontMatter(article)}\n${renderMarkdownBody(blocks)}`;
    case 'text': {
      const head = article.title.trim() ? `${article.title.trim()}\n\n` : '';
      const body = renderPlainTextBody(blocks);
      const byline = article.byline.trim() ? `\n${article.byline.trim()}\n` : '';
      return `${head}${body}${byline}`;
    }
  }
}

export function renderArticle(source: PublishSource, id: number, format: ArticleFormat): string {
  return renderPrepared(source, prepareArticle(source, id), format);
}
