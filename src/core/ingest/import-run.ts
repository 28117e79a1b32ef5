/**
 * One import run: files (or one uploaded file) → drafts → the library, with a report line for
 * every file or item. A file that cannot be read or parsed, or an article that cannot be
 * written, becomes a `failed` line and the run goes on. Drafts are written in batches, each
 * batch one transaction (fast, and a crash loses at most the batch being written), with the
 * event loop given a turn between batches so the app stays responsive during a long import.
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { deferIndexing } from '../search/indexer.js';
import { ensureCategoryPath } from './category-path.js';
import type { ArticleDraft, CategoryRef, ImportKind } from './draft.js';
import { markdownDraft } from './markdown-import.js';
import { pageDraft } from './page-import.js';
import { linkRelatedReferences } from './related-refs.js';
import { addLine, emptyReport, type ImportLine, type ImportReport } from './report.js';
import { kindFromName, listImportFiles, readSourceFile, sniffKind, uploadedSource, type SourceFile } from './sources.js';
import { writeDraft, type WriteSession } from './write-draft.js';
import { wxrDrafts } from './wxr-import.js';
import { failureNote, ImportFailure, importNote, type ImportNote } from './import-notes.js';
import { linkImportedFiles } from './markdown-refs.js';

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  /** Articles written or checked so far. */
  articlesDone: number;
  file: string;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Drafts per transaction. */
  batchSize?: number;
  /**
   * Folders the paths were found in (the CLI expands folders itself): a file's identity is its
   * path from the folder's name, as when the folder itself is imported (`importName`).
   */
  roots?: readonly string[];
  /** A Markdown site's static folder: site paths of images (`/images/a.png`) are read from it. */
  staticDir?: string;
}

const DEFAULT_BATCH = 200;

/** Imports files and folders (recursively) from disk. */
export async function importPaths(db: Database, paths: readonly string[], options: ImportOptions = {}): Promise<ImportReport> {
  const { files, missing, special } = listImportFiles(paths);
  const roots = [...(options.roots ?? []), ...paths.filter(isFolder)];
  const run = new ImportRun(db, options, files.length);
  for (const m of missing) run.fail(m, importNote('missing'));
  for (const m of special) run.fail(m, importNote('special-file'));
  for (const file of files) {
    let source: SourceFile;
    try {
      source = readSourceFile(file, roots);
    } catch (err) {
      run.fail(file, failureNote(err));
      await run.fileDone(file);
      continue;
    }
    await run.addSource(source, null);
    await run.fileDone(file);
  }
  return run.finish();
}

/** Imports one file's content picked in the browser (the page cannot hand over a path). */
export async function importUpload(db: Database, upload: { name: string; content: string; kind?: ImportKind }, options: ImportOptions = {}): Promise<ImportReport> {
  const run = new ImportRun(db, options, 1);
  await run.addSource(uploadedSource(upload.name, upload.content), upload.kind ?? null);
  await run.fileDone(upload.name);
  return run.finish();
}

class ImportRun {
  private readonly report = emptyReport();
  private readonly session: WriteSession;
  /** Drafts waiting for the next batch, and report lines kept in file order between them. */
  private readonly pending: Array<ArticleDraft | ImportLine> = [];
  private pendingDrafts = 0;
  private filesDone = 0;
  private articlesDone = 0;
  /** Only Markdown files link to each other: other runs skip looking for pending file links. */
  private sawMarkdown = false;

  constructor(private readonly db: Database, private readonly options: ImportOptions, private readonly filesTotal: number) {
    this.session = { db, categoryCache: new Map(), claimed: new Set() };
  }

  fail(file: string, reason: ImportNote): void {
    this.line({ file, status: 'failed', reason });
  }

  /** A report line for something not written: it waits for the drafts before it, to keep file order. */
  private line(line: ImportLine): void {
    if (this.pending.length) this.pending.push(line);
    else addLine(this.report, line);
  }

  async addSource(source: SourceFile, forced: ImportKind | null): Promise<void> {
    const kind = forced ?? detectKind(source);
    if (!kind) {
      this.line({ file: source.label, status: 'skipped', reason: importNote('not-importable') });
      return;
    }
    try {
      if (kind === 'wxr') {
        if (sniffKind(source.text) !== 'wxr') throw new ImportFailure(importNote('not-wxr'));
        const { entries, categories } = wxrDrafts(source);
        this.ensureCategories(categories);
        for (const entry of entries) {
          if ('makeBody' in entry) await this.queue(entry);
          else this.line(entry);
        }
      } else if (kind === 'markdown') {
        this.sawMarkdown = true;
        await this.queue(markdownDraft(source, this.options.staticDir ? { staticDir: this.options.staticDir } : {}));
      } else {
        await this.queue(pageDraft(source, kind));
      }
    } catch (err) {
      this.line({ file: source.label, kind, status: 'failed', reason: failureNote(err) });
    }
  }

  private ensureCategories(paths: CategoryRef[][]): void {
    try {
      this.db.transaction(() => {
        for (const p of paths) ensureCategoryPath(this.db, p, this.session.categoryCache);
      }).immediate();
    } catch (err) {
      this.session.categoryCache.clear();
      throw err;
    }
  }

  async fileDone(file: string): Promise<void> {
    this.filesDone++;
    this.progress(file);
  }

  private async queue(draft: ArticleDraft): Promise<void> {
    this.pending.push(draft);
    if (++this.pendingDrafts >= (this.options.batchSize ?? DEFAULT_BATCH)) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.pending.length) return;
    const batch = this.pending.splice(0);
    this.pendingDrafts = 0;
    let lines: ImportLine[];
    try {
      // IMMEDIATE: take the write lock up front rather than failing half-way on a busy library.
      // Deferred indexing: the batch's articles enter the search index together, in key order,
      // before the batch commits (indexer.ts says why that is several times faster).
      lines = this.db.transaction(() => deferIndexing(this.db, () =>
        batch.map((entry) => ('makeBody' in entry ? writeDraft(this.session, entry) : entry)))).immediate();
    } catch (err) {
      // The batch did not commit (busy library, full disk): none of its articles exist, say so
      // for each of them, forget what the batch created, and go on with the next one.
      const reason = importNote('batch-failed', { message: err instanceof Error ? err.message : String(err) });
      this.session.categoryCache.clear();
      lines = batch.map((entry) => ('makeBody' in entry
        ? { file: entry.file, ...(entry.item ? { item: entry.item } : {}), kind: entry.kind, status: 'failed' as const, reason, title: entry.title }
        : entry));
      this.session.claimed.clear();
      for (const id of this.committedIds()) this.session.claimed.add(id);
    }
    for (const line of lines) addLine(this.report, line);
    const drafts = batch.filter((e): e is ArticleDraft => 'makeBody' in e);
    this.articlesDone += drafts.length;
    this.progress(batch[batch.length - 1]!.file);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Articles of this run that are really in the library (after a batch rolled back). */
  private committedIds(): number[] {
    return this.report.items.filter((l) => l.articleId !== undefined && l.status !== 'failed').map((l) => l.articleId!);
  }

  private progress(file: string): void {
    this.options.onProgress?.({ filesDone: this.filesDone, filesTotal: this.filesTotal, articlesDone: this.articlesDone, file });
  }

  async finish(): Promise<ImportReport> {
    await this.flush();
    this.report.relatedLinks = linkRelatedReferences(this.db, this.session.claimed);
    if (this.sawMarkdown) linkImportedFiles(this.db, this.session.claimed);
    // Fresh planner statistics after a large import (open.ts says why they matter).
    if (this.session.claimed.size >= ANALYZE_AFTER) this.db.exec('ANALYZE');
    return this.report;
  }
}

/** Articles written by one run above which it refreshes the planner's statistics. */
const ANALYZE_AFTER = 1000;

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function detectKind(source: SourceFile): ImportKind | null {
  const byName = kindFromName(source.name);
  if (byName === 'wxr') return 'wxr';
  return byName ?? sniffKind(source.text);
}
