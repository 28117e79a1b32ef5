import path from 'node:path';
import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { LexicalBody } from '../schemas.js';
import { convertHtml, importPaths, importUpload } from '../../ingest/index.js';
import { IMPORT_NOTE_CODES, type ImportNoteCode } from '../../ingest/import-notes.js';

/** Largest content `import.content` takes: a big WordPress export, far beyond any article. */
export const MAX_IMPORT_CONTENT_BYTES = 20_000_000;

/** A report note or reason: a code the interface phrases (import-notes.ts lists them) and its parameters. */
const ImportNote = z.object({
  code: z.enum(IMPORT_NOTE_CODES as [ImportNoteCode, ...ImportNoteCode[]]),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const ImportLine = z.object({
  file: z.string(),
  item: z.string().optional(),
  kind: z.enum(['markdown', 'wxr', 'html-page', 'text-page']).optional(),
  status: z.enum(['imported', 'updated', 'skipped', 'failed']),
  reason: ImportNote.optional(),
  notes: z.array(ImportNote).optional(),
  articleId: z.int().optional(),
  title: z.string().optional(),
});

export const ImportReport = z.object({
  counts: z.object({ imported: z.int(), updated: z.int(), skipped: z.int(), failed: z.int() }),
  items: z.array(ImportLine),
  relatedLinks: z.int(),
});

const KINDS = { markdown: 'markdown', wxr: 'wxr', html: 'html-page', text: 'text-page' } as const;

export const ingestOperations = {
  'import.files': defineOperation({
    summary: 'Import Markdown files, article pages (HTML or text) and WordPress exports from disk; folders are read recursively.',
    input: z.strictObject({
      paths: z
        .array(z.string().min(1).max(4_096).refine((p) => path.isAbsolute(p), 'give an absolute path (the app and the CLI resolve relative ones first)'))
        .min(1, 'name at least one file or folder')
        .max(10_000),
      /** Folders the paths were found in, when the caller expanded them (a file's identity is its path from there). */
      roots: z.array(z.string().min(1).max(4_096).refine((p) => path.isAbsolute(p), 'give an absolute path')).max(10_000).optional(),
      /** A Markdown site's static folder (Hugo `static/`, Jekyll's root): where `/images/a.png` is found. */
      staticDir: z.string().min(1).max(4_096).refine((p) => path.isAbsolute(p), 'give an absolute path').optional(),
    }),
    output: ImportReport,
    handler: ({ db }, { paths, roots, staticDir }) => importPaths(db, paths, { ...(roots ? { roots } : {}), ...(staticDir ? { staticDir } : {}) }),
  }),
  'import.content': defineOperation({
    summary: 'Import one file picked in the browser, by its name and text. The name (a picked folder\'s files: their path from the folder) is the file\'s identity, as the CLI\'s for the same file: re-importing updates, never duplicates.',
    input: z.strictObject({
      name: z.string().trim().min(1, 'the file needs a name').max(1_000),
      content: z
        .string()
        .max(MAX_IMPORT_CONTENT_BYTES, 'at most 20 MB')
        .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_IMPORT_CONTENT_BYTES, 'at most 20 MB'),
      kind: z.enum(['markdown', 'wxr', 'html', 'text']).optional(),
    }),
    output: ImportReport,
    handler: ({ db }, { name, content, kind }) => importUpload(db, { name, content, ...(kind ? { kind: KINDS[kind] } : {}) }),
  }),
  'import.convertHtml': defineOperation({
    summary: 'Convert HTML (a paste, a drop) to editor body JSON with the importers\' sanitizer; writes nothing.',
    input: z.strictObject({
      html: z.string().max(MAX_IMPORT_CONTENT_BYTES, 'at most 20 MB'),
      /** The page the HTML came from, to resolve its relative links and images. */
      baseUrl: z.url({ protocol: /^https?$/ }).max(2_000).optional(),
    }),
    output: z.object({
      body: LexicalBody,
      notes: z.object({
        dropped: z.record(z.string(), z.int()),
        unsafeUrls: z.int(),
        imagesWithoutSource: z.int(),
        hidden: z.int(),
      }),
    }),
    handler: (_ctx, { html, baseUrl }) => convertHtml(html, baseUrl ? { baseUrl } : {}),
  }),
};
