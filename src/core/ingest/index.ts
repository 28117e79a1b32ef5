/**
 * Ingest: getting existing content into the library.
 *
 * - `htmlToBody` / `convertHtml`: HTML → Lexical JSON, the sanitizer spec for paste as well.
 * - `importPaths` / `importUpload`: Markdown, article pages (HTML or text) and WordPress WXR.
 */
export { htmlToBody, convertHtml, convertTree, type HtmlToBodyOptions, type ConversionNotes, type ConvertedHtml } from './html-to-body.js';
export { importPaths, importUpload, type ImportOptions, type ImportProgress } from './import-run.js';
export { listImportFiles } from './sources.js';
export type { ImportReport, ImportLine, ImportStatus } from './report.js';
export type { ImportKind } from './draft.js';
