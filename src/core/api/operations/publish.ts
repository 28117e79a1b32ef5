import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { Id, Status } from '../schemas.js';
import { PublishSource } from '../../publish/publish-source.js';
import { prepareArticle, renderPrepared, type ArticleFormat } from '../../publish/render-article.js';
import { exportToFolder, type FolderExportHooks } from '../../publish/folder-export.js';

/**
 * Export: one article as a string (clipboard, preview, a browser-mode download, a native save
 * dialog — the caller decides where it goes), and a bulk export to a folder.
 *
 * The folder export is long work; over the contract it returns its summary when done. Progress
 * and cancel are available to in-process callers (the CLI) through runFolderExport, which
 * validates with the same schema and runs the same code.
 */

const MIME: Record<ArticleFormat, string> = {
  html: 'text/html; charset=utf-8',
  page: 'text/html; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};
const EXTENSION: Record<ArticleFormat, string> = { html: 'html', page: 'html', markdown: 'md', text: 'txt' };

export const FolderExportInput = z.strictObject({
  outDir: z.string().min(1, 'an export folder is required').max(4_000).refine((p) => /^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'the export folder must be an absolute path'),
  format: z.enum(['html', 'md', 'both']).default('both'),
  ids: z.array(Id).min(1).max(1_000_000).optional(),
  all: z.boolean().optional(),
  query: z.string().trim().min(1, 'a search query cannot be empty').max(1_000).optional(),
  status: z.array(Status).max(5).optional(),
  /** Unpublished articles too: without it only published ones are exported, linked or listed. */
  includeDrafts: z.boolean().optional(),
}).refine((i) => [i.ids !== undefined, i.all === true, i.query !== undefined].filter(Boolean).length === 1, {
  message: 'say which articles to export: ids, all: true, or a search query (exactly one)',
}).refine((i) => !(i.ids && i.status), { message: 'status filters apply to all or a query, not to a list of ids' });
export type FolderExportInput = z.infer<typeof FolderExportInput>;

export const ExportSummary = z.object({
  outDir: z.string(),
  format: z.enum(['html', 'md', 'both']),
  articles: z.int(),
  written: z.int(),
  unchanged: z.int(),
  failed: z.array(z.object({ id: z.int(), title: z.string(), error: z.string() })),
  removed: z.array(z.object({ id: z.int(), title: z.string(), files: z.array(z.string()) })),
  assets: z.object({ written: z.int(), unchanged: z.int() }),
  indexPages: z.int(),
  filesWritten: z.int(),
  filesDeleted: z.int(),
  bytesWritten: z.int(),
  files: z.int(),
  cancelled: z.boolean(),
  warnings: z.array(z.string()),
  /** What the editor should know, as codes the UI phrases (drafts left out, no sitemap without a base URL). */
  notices: z.array(z.object({
    code: z.enum(['drafts_left_out', 'drafts_included', 'sitemap_needs_base_url']),
    params: z.record(z.string(), z.union([z.number(), z.string()])),
  })),
  durationMs: z.number(),
});

/** The folder export with progress and cancel, for in-process callers; input as the contract takes it. */
export function runFolderExport(ctx: { db: import('better-sqlite3').Database }, input: FolderExportInput, hooks: FolderExportHooks = {}) {
  return exportToFolder(ctx.db, input, hooks);
}

export const publishOperations = {
  'export.article': defineOperation({
    summary: 'One article as an HTML fragment, a complete page, Markdown with front matter, or plain text.',
    input: z.strictObject({
      id: Id,
      format: z.enum(['html', 'page', 'markdown', 'text']),
      /** Library images as data: URIs, so the page shows them on its own (preview, a single saved page). */
      embedImages: z.boolean().optional(),
    }),
    output: z.object({
      format: z.enum(['html', 'page', 'markdown', 'text']),
      content: z.string(),
      mimeType: z.string(),
      /** A file name to offer in a save dialog or download. */
      fileName: z.string(),
      /** Where the article lives on the site (decoded path, root-relative href, absolute URL). */
      sitePath: z.string(),
      href: z.string(),
      url: z.string(),
    }),
    handler: ({ db }, { id, format, embedImages }) => {
      const source = new PublishSource(db, undefined, { embedImages });
      const prepared = prepareArticle(source, id);
      const { article } = prepared;
      return {
        format,
        content: renderPrepared(source, prepared, format),
        mimeType: MIME[format],
        fileName: `${article.slug || `article-${id}`}.${EXTENSION[format]}`,
        sitePath: article.sitePath,
        href: article.href,
        url: article.url,
      };
    },
  }),
  'export.folder': defineOperation({
    summary: 'Export articles (ids, all, or a search query) to a folder as pages and/or Markdown, incrementally.',
    input: FolderExportInput,
    output: ExportSummary,
    handler: (ctx, input) => runFolderExport(ctx, input),
  }),
};
