import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { CoreError, invalid, notFound } from '../errors.js';
import type { Status } from '../api/schemas.js';
import { search } from '../search/search.js';
import { PublishSource, ASSET_EXTENSIONS, PUBLIC_STATUSES } from './publish-source.js';
import { prepareArticle, renderPrepared } from './render-article.js';
import { emptyManifest, readManifest, serializeManifest, MANIFEST_FILE, type ArticleEntry, type FileEntry, type Manifest } from './manifest.js';
import { buildSiteIndexes } from './site-indexes.js';
import { writeFileAtomic, writeFileAtomicAsync, removeLeftoverTempFiles } from './atomic-write.js';
import { checkOutputFolder, markdownFileFor, pageFileFor, resolveInside, UnsafePathError } from './safe-path.js';

/**
 * Bulk export of articles to a folder: one page (.html) and/or one Markdown file per article
 * at its URL path, the images they use under content-hashed names (assets/<sha256>.<ext>),
 * index pages per category and tag, sitemap.xml, and manifest.json listing every file with its
 * sha256.
 *
 * Incremental: each article's entry in the manifest keeps a key of everything its files were
 * rendered from (its version, the versions of the articles it lists or links to, the settings,
 * the category tree and tag names, the renderer). An unchanged key and files still on disk mean
 * nothing to do; otherwise the article is rendered and each file is written only if its bytes
 * changed. Articles that left the library (or the trash took) have their files removed and are
 * listed in the summary. Only files named in the manifest are ever deleted.
 *
 * Safe: every path is checked to stay inside the folder (safe-path.ts); every file is written
 * to a temporary name and renamed (atomic-write.ts); a lock file keeps two exports from
 * writing one folder at once; cancelling (AbortSignal) keeps the work done so far in the
 * manifest, so the next run continues rather than starts over.
 */

/** Bump when the renderers' output changes: every article is then re-rendered once. */
export const RENDERER_VERSION = 2;

export type ExportFormat = 'html' | 'md' | 'both';

export interface FolderExportRequest {
  outDir: string;
  format: ExportFormat;
  /** Exactly one of ids, all, query says which articles. */
  ids?: number[];
  all?: boolean;
  query?: string;
  /** Only articles with one of these statuses (with `all` or `query`). */
  status?: Status[];
  /**
   * Export unpublished articles too (drafts, in review, ready, archived). Without it the folder
   * is public output: only published articles get pages, and only they are linked to or listed
   * (related lists, indexes, sitemap); the others are left out and counted in the summary.
   */
  includeDrafts?: boolean;
}

/** Something the summary tells the editor, as a code and parameters the UI phrases in its language. */
export interface ExportNotice {
  code: 'drafts_left_out' | 'drafts_included' | 'sitemap_needs_base_url';
  params: Record<string, number | string>;
}

export interface ExportProgress {
  phase: 'articles' | 'assets' | 'indexes' | 'cleanup';
  done: number;
  total: number;
  elapsedMs: number;
  /** Estimated time left in the articles phase; null until there is something to estimate from. */
  etaMs: number | null;
}

export interface FolderExportHooks {
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
}

export interface ExportSummary {
  outDir: string;
  format: ExportFormat;
  /** Articles this export covered. */
  articles: number;
  /** Of those, articles with at least one file (re)written, and articles left as they were. */
  written: number;
  unchanged: number;
  failed: Array<{ id: number; title: string; error: string }>;
  /** Articles whose files were removed: deleted, trashed, or (with `all`) no longer selected. */
  removed: Array<{ id: number; title: string; files: string[] }>;
  assets: { written: number; unchanged: number };
  indexPages: number;
  filesWritten: number;
  filesDeleted: number;
  bytesWritten: number;
  /** Every file the folder's manifest now lists. */
  files: number;
  cancelled: boolean;
  warnings: string[];
  notices: ExportNotice[];
  durationMs: number;
}

const LOCK_FILE = '.copydesk-export.lock';
/** Files being written at once: enough to keep the disk busy while the next pages render. */
const MAX_IN_FLIGHT = 64;
/** How often the loop yields to the event loop, so a cancel (Ctrl-C) can land. */
const YIELD_EVERY_MS = 50;

export async function exportToFolder(db: Database, request: FolderExportRequest, hooks: FolderExportHooks = {}): Promise<ExportSummary> {
  const started = performance.now();
  const outDir = checkOutputFolder(request.outDir);
  const selected = selectArticles(db, request);
  const isPublic = publicFilter(request);
  // One read of every status (a bulk export of the whole library selects most of them anyway).
  const statuses = new Map(db.prepare('SELECT id, status FROM articles').raw().all() as Array<[number, Status]>);
  const ids = selected.filter((id) => isPublic(statuses.get(id)!));
  const leftOut = selected.length - ids.length;
  // Owner-only where we create it, like the library it comes from (an existing folder keeps its mode).
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const realOut = fs.realpathSync(outDir);
  const lock = takeLock(realOut);
  try {
    const summary = await runExport(db, request, realOut, ids, hooks, started, lock.crashed, isPublic);
    if (leftOut) summary.notices.unshift({ code: 'drafts_left_out', params: { count: leftOut } });
    return summary;
  } finally {
    lock.release();
  }
}

/** Which statuses this export makes public: linked to, listed, given pages. */
function publicStatuses(request: FolderExportRequest): readonly Status[] | 'all' {
  const filter = request.status?.length ? request.status : null;
  if (request.includeDrafts) return filter ?? 'all';
  return filter ? filter.filter((s) => PUBLIC_STATUSES.includes(s)) : PUBLIC_STATUSES;
}

function publicFilter(request: FolderExportRequest): (status: Status) => boolean {
  const statuses = publicStatuses(request);
  return statuses === 'all' ? () => true : (status) => statuses.includes(status);
}

function selectArticles(db: Database, request: FolderExportRequest): number[] {
  const modes = [request.ids !== undefined, request.all === true, request.query !== undefined].filter(Boolean).length;
  if (modes !== 1) throw invalid('Say which articles to export: a list of ids, all of them, or a search query (exactly one).');
  const statuses = request.status?.length ? request.status : null;
  if (request.ids) {
    const rows = new Map<number, { id: number; deleted_at: string | null }>();
    const read = db.prepare('SELECT id, deleted_at FROM articles WHERE id = ?');
    for (const id of new Set(request.ids)) {
      const row = read.get(id) as { id: number; deleted_at: string | null } | undefined;
      if (row) rows.set(id, row);
    }
    for (const id of request.ids) {
      const row = rows.get(id);
      if (!row) throw notFound('Article', id);
      if (row.deleted_at) throw invalid(`Article #${id} is in the trash; restore it to export it.`, { id });
    }
    return [...new Set(request.ids)].sort((a, b) => a - b);
  }
  if (request.all) {
    const where = statuses ? `AND status IN (${statuses.map(() => '?').join(',')})` : '';
    return (db.prepare(`SELECT id FROM articles WHERE deleted_at IS NULL ${where} ORDER BY id`).pluck().all(...(statuses ?? [])) as number[]);
  }
  // A search query, through the search capability: every match, in pages.
  const found = new Set<number>();
  for (let page = 1; ; page++) {
    const r = search(db, { query: request.query!, filters: statuses ? { statuses } : undefined, page, pageSize: 500 });
    for (const h of r.hits) found.add(h.id);
    if (r.hits.length < 500) break;
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * One export per folder at a time: a lock file holding the pid, taken over when that process is
 * gone. Finding such a stale lock means the last export did not finish (`crashed`).
 */
function takeLock(outDir: string): { release: () => void; crashed: boolean } {
  const file = path.join(outDir, LOCK_FILE);
  let crashed = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { release: () => fs.rmSync(file, { force: true }), crashed };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new CoreError('conflict', `Another export (process ${pid}) is writing to ${outDir}. Wait for it to finish.`, { pid });
      }
      fs.rmSync(file, { force: true });
      crashed = true;
    }
  }
  throw new CoreError('conflict', `Could not lock ${outDir} for export.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sha256 = (data: string | Uint8Array): string => crypto.createHash('sha256').update(data).digest('hex');

async function runExport(db: Database, request: FolderExportRequest, outDir: string, ids: number[], hooks: FolderExportHooks, started: number, crashed: boolean, isPublic: (s: Status) => boolean): Promise<ExportSummary> {
  const summary: ExportSummary = {
    outDir, format: request.format, articles: ids.length, written: 0, unchanged: 0, failed: [], removed: [],
    assets: { written: 0, unchanged: 0 }, indexPages: 0, filesWritten: 0, filesDeleted: 0, bytesWritten: 0, files: 0,
    cancelled: false, warnings: [], notices: [], durationMs: 0,
  };
  const { manifest: old, warning, text: oldText } = readManifest(outDir);
  if (warning) summary.warnings.push(warning);
  // Temporary files are left behind only by an export that did not finish: it left its lock
  // (or never wrote a manifest). Walking a large folder for nothing is skipped otherwise.
  if (crashed || Object.keys(old.files).length === 0) {
    const leftovers = removeLeftoverTempFiles(outDir);
    if (leftovers) summary.warnings.push(`Removed ${leftovers} temporary file(s) left by an interrupted export.`);
  }

  // The site has only its public articles: links and related entries to others would lead
  // nowhere (or to a draft), so they become plain text / are left out.
  const statuses = publicStatuses(request);
  const source = new PublishSource(db, undefined, { statuses });
  const wantPage = request.format !== 'md';
  const wantMarkdown = request.format !== 'html';
  const globalKey = sha256(JSON.stringify([RENDERER_VERSION, request.format, statuses, source.settings, taxonomySnapshot(db)]));
  const deps = dependencySnapshot(db);
  if (request.includeDrafts) {
    const drafts = ids.filter((id) => deps.articles.get(id)?.status !== 'published').length;
    if (drafts) summary.notices.push({ code: 'drafts_included', params: { count: drafts } });
  }
  const selected = new Set(ids);
  const full = request.all === true;

  const next: Manifest = { ...emptyManifest(), exportedAt: new Date().toISOString(), baseUrl: source.settings.baseUrl, format: request.format };
  const files = new Map<string, FileEntry>();
  const writer = new FolderWriter(outDir, summary);
  /** Lower-cased path → owner, so two articles (or an article and an index page) never share a file. */
  const claims = new Map<string, string>();
  const claim = (rel: string, owner: string): string | null => {
    const k = rel.toLowerCase();
    const holder = claims.get(k);
    if (holder && holder !== owner) return holder;
    claims.set(k, owner);
    return null;
  };
  for (const reserved of [MANIFEST_FILE, LOCK_FILE]) claim(reserved, 'the export itself');
  for (const reserved of ['index.html', 'sitemap.xml']) claim(reserved, 'the index pages');
  const reservedPrefix = /^(assets|category|tag)\//i;

  // Articles kept as they were: outside this export's selection (and not gone from the library).
  for (const [key, entry] of Object.entries(old.articles)) {
    const id = Number(key);
    const state = deps.articles.get(id);
    // Gone from the library, or no longer public (unpublished since): its files go.
    const gone = !state || state.deleted || !isPublic(state.status);
    if (selected.has(id)) continue;
    if (gone || full) {
      summary.removed.push({ id, title: entry.title, files: entry.files });
      continue;
    }
    next.articles[key] = entry;
    for (const f of entry.files) {
      claim(f, `article #${id}`);
      if (old.files[f]) files.set(f, old.files[f]!);
    }
  }

  // The articles of this export.
  const total = ids.length;
  let done = 0;
  let lastYield = performance.now();
  const progress = (phase: ExportProgress['phase'], d: number, t: number) => {
    const elapsedMs = performance.now() - started;
    hooks.onProgress?.({ phase, done: d, total: t, elapsedMs, etaMs: phase === 'articles' && d > 0 ? (elapsedMs / d) * (t - d) : null });
  };
  progress('articles', 0, total);
  let fatal: Error | null = null;
  for (const id of ids) {
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise((r) => setImmediate(r));
      lastYield = performance.now();
    }
    if (hooks.signal?.aborted) {
      summary.cancelled = true;
      break;
    }
    const key = articleKey(globalKey, id, deps);
    const previous = old.articles[String(id)];
    if (previous && previous.key === key && previous.files.every((f) => writer.matches(f, old.files[f]))) {
      // Nothing it depends on changed and its files are intact.
      const clash = previous.files.map((f) => claim(f, `article #${id}`)).find((h) => h);
      if (!clash) {
        next.articles[String(id)] = previous;
        for (const f of previous.files) files.set(f, old.files[f]!);
        summary.unchanged++;
        progress('articles', ++done, total);
        continue;
      }
    }
    try {
      const prepared = prepareArticle(source, id);
      const a = prepared.article;
      const pageRel = pageFileFor(a.sitePath);
      const outputs: Array<[string, string]> = [];
      if (wantPage) outputs.push([pageRel, renderPrepared(source, prepared, 'page')]);
      if (wantMarkdown) outputs.push([markdownFileFor(pageRel), renderPrepared(source, prepared, 'markdown')]);
      for (const [rel] of outputs) {
        resolveInside(outDir, rel);
        if (reservedPrefix.test(rel)) throw new UnsafePathError(`"${rel}" is inside a folder the export uses for its own files (assets/, category/, tag/)`);
        const holder = claim(rel, `article #${id}`);
        if (holder) throw new UnsafePathError(`"${rel}" is already the file of ${holder}`);
      }
      let wrote = false;
      for (const [rel, content] of outputs) {
        const entry = writer.write(rel, content, old.files[rel]);
        files.set(rel, entry.file);
        wrote ||= entry.written;
      }
      if (writer.pending >= MAX_IN_FLIGHT) {
        await writer.settle(MAX_IN_FLIGHT / 2);
        lastYield = performance.now();
      }
      next.articles[String(id)] = {
        key, title: a.title, slug: a.slug, path: a.sitePath, date: a.publishedAt ?? a.createdAt, updated: a.updatedAt,
        excerpt: a.excerpt, categoryId: a.categoryId, tagIds: a.tags.map((t) => t.id),
        files: outputs.map(([rel]) => rel), assets: wantPage || wantMarkdown ? prepared.assets : [],
      };
      if (wrote) summary.written++;
      else summary.unchanged++;
    } catch (err) {
      // The disk or the folder failing (full, read-only, gone) ends the export; a problem
      // with one article (an unsafe path, a path another article has) only skips it.
      const code = (err as NodeJS.ErrnoException).code;
      if (!(err instanceof UnsafePathError) && !(err instanceof CoreError) && typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) {
        fatal = err as Error;
        summary.cancelled = true;
        break;
      }
      const title = (db.prepare('SELECT title FROM articles WHERE id = ?').pluck().get(id) as string | undefined) ?? '';
      summary.failed.push({ id, title, error: err instanceof UnsafePathError ? `unsafe path: ${err.message}` : (err as Error).message });
      // Keep what the folder had for it, so a failure never deletes a good earlier page.
      if (previous) {
        next.articles[String(id)] = previous;
        for (const f of previous.files) if (old.files[f]) files.set(f, old.files[f]!);
      }
    }
    progress('articles', ++done, total);
    if (writer.failure) {
      fatal = writer.failure;
      summary.cancelled = true;
      break;
    }
  }
  await writer.settle(0);
  if (writer.failure && !fatal) {
    fatal = writer.failure;
    summary.cancelled = true;
  }

  if (summary.cancelled) {
    // Keep the old entries of what was not reached, and every file the folder still has.
    // Removals wait for the next complete run too, which lists them then.
    for (const [key, entry] of Object.entries(old.articles)) if (!(key in next.articles)) next.articles[key] = entry;
    for (const [rel, f] of Object.entries(old.files)) if (!files.has(rel)) files.set(rel, f);
    summary.removed = [];
  } else {
    // Assets every listed article uses.
    const assets = new Set<string>();
    for (const entry of Object.values(next.articles)) for (const a of entry.assets) assets.add(a);
    let n = 0;
    const readAsset = db.prepare('SELECT mime, data FROM assets WHERE sha256 = ?');
    for (const sha of [...assets].sort()) {
      progress('assets', n++, assets.size);
      const row = readAsset.get(sha) as { mime: string; data: Buffer } | undefined;
      const ext = row ? ASSET_EXTENSIONS[row.mime] : undefined;
      if (!row || !ext) {
        summary.warnings.push(`Image ${sha} is missing from the library or not exportable; pages show its caption only.`);
        continue;
      }
      const rel = `assets/${sha}.${ext}`;
      const prior = old.files[rel];
      if (prior && prior.sha256 === sha && writer.matches(rel, prior)) {
        files.set(rel, prior);
        summary.assets.unchanged++;
      } else {
        files.set(rel, writer.write(rel, row.data, prior, sha).file);
        summary.assets.written++;
      }
    }

    // Index pages and the sitemap, over everything the folder now holds.
    if (wantPage) {
      progress('indexes', 0, 1);
      const entries = new Map(Object.entries(next.articles).filter(([, e]) => e.files.some((f) => !f.endsWith('.md'))).map(([k, e]) => [Number(k), e]));
      const indexes = buildSiteIndexes(db, source.settings, source.categories, entries);
      if (!indexes.sitemap) summary.notices.push({ code: 'sitemap_needs_base_url', params: {} });
      for (const file of indexes.files) {
        const holder = claim(file.rel, 'the index pages');
        if (holder) {
          summary.warnings.push(`Index page ${file.rel} was not written: it is the file of ${holder}.`);
          continue;
        }
        try {
          files.set(file.rel, writer.write(file.rel, file.content, old.files[file.rel]).file);
          summary.indexPages++;
        } catch (err) {
          if (!(err instanceof UnsafePathError)) throw err;
          // A category or tag slug that would leave the folder: that listing is skipped.
          summary.warnings.push(`Index page not written: unsafe path: ${err.message}`);
        }
      }
    }

    await writer.settle(0);
    if (writer.failure) {
      fatal = writer.failure;
      summary.cancelled = true;
    } else {
      // Whatever the old manifest listed and nothing claims any more: removed.
      progress('cleanup', 0, 1);
      for (const rel of Object.keys(old.files)) if (!files.has(rel)) writer.remove(rel);
    }
  }
  // A write that failed left the old file (or none) in place: the manifest says so, and the
  // article keeps its old entry, so the next export writes it again.
  if (writer.failedPaths.size) {
    for (const [k, e] of Object.entries(next.articles)) {
      if (!e.files.some((f) => writer.failedPaths.has(f))) continue;
      if (old.articles[k]) next.articles[k] = old.articles[k]!;
      else delete next.articles[k];
    }
    for (const rel of writer.failedPaths) {
      if (old.files[rel]) files.set(rel, old.files[rel]!);
      else files.delete(rel);
    }
  }

  next.files = Object.fromEntries(files);
  summary.files = files.size;
  // An export that changed nothing leaves the manifest (and its date) as it was: no fsync.
  const text = serializeManifest(next);
  const undated = (t: string | null) => t?.replace(/^ "exportedAt": ".*",$/m, '');
  if (summary.filesWritten > 0 || summary.filesDeleted > 0 || undated(text) !== undated(oldText)) {
    writeFileAtomic(path.join(outDir, MANIFEST_FILE), text, { durable: true });
  }
  summary.durationMs = performance.now() - started;
  if (fatal) {
    throw new CoreError('io', `The export stopped: ${fatal.message}. What was written so far is kept and listed in ${MANIFEST_FILE}; run it again to finish.`, { code: (fatal as NodeJS.ErrnoException).code ?? null, written: summary.filesWritten });
  }
  return summary;
}

/**
 * Writes files under the export folder: paths checked, folders created once, symlinked folders
 * that lead outside refused, unchanged bytes not rewritten.
 */
class FolderWriter {
  private readonly dirs = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  /** The first write that failed (disk full, permissions...), and every path whose write failed. */
  failure: Error | null = null;
  readonly failedPaths = new Set<string>();
  constructor(private readonly root: string, private readonly summary: ExportSummary) {}

  get pending(): number {
    return this.inflight.size;
  }

  /** Waits until at most `max` writes are in flight. */
  async settle(max: number): Promise<void> {
    while (this.inflight.size > max) await Promise.race(this.inflight);
  }

  /** The file on disk still is what the manifest says (same size; the bytes are trusted). */
  matches(rel: string, entry: FileEntry | undefined): boolean {
    if (!entry) return false;
    // Only looks (stat): a manifest path that is not safe is never written or deleted.
    const stat = fs.statSync(path.join(this.root, rel), { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile() && stat.size === entry.bytes;
  }

  write(rel: string, content: string | Uint8Array, prior: FileEntry | undefined, knownHash?: string): { file: FileEntry; written: boolean } {
    const abs = resolveInside(this.root, rel);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const hash = knownHash ?? sha256(bytes);
    const file = { sha256: hash, bytes: bytes.length };
    if (prior && prior.sha256 === hash && this.matches(rel, prior)) return { file, written: false };
    this.ensureDir(path.dirname(abs));
    // Written in the background (temporary name, then rename); the caller settles before the manifest.
    const done: Promise<void> = writeFileAtomicAsync(abs, bytes)
      .catch((err: Error) => {
        this.failure ??= err;
        this.failedPaths.add(rel);
      })
      .finally(() => this.inflight.delete(done));
    this.inflight.add(done);
    this.summary.filesWritten++;
    this.summary.bytesWritten += bytes.length;
    return { file, written: true };
  }

  remove(rel: string): void {
    let abs: string;
    try {
      abs = resolveInside(this.root, rel);
    } catch {
      return; // A manifest entry that is not a safe path is never acted on.
    }
    try {
      fs.rmSync(abs);
      this.summary.filesDeleted++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    // Folders the export emptied go too, up to (not including) the export folder.
    for (let dir = path.dirname(abs); dir !== this.root && dir.startsWith(this.root); dir = path.dirname(dir)) {
      try {
        fs.rmdirSync(dir);
        this.dirs.delete(dir);
      } catch {
        break;
      }
    }
  }

  private ensureDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // A folder inside the export that is a symlink to elsewhere must not receive our files.
    const real = fs.realpathSync(dir);
    if (real !== this.root && !real.startsWith(this.root + path.sep)) {
      throw new UnsafePathError(`${path.relative(this.root, dir)} leads outside the export folder (a symbolic link?)`);
    }
    this.dirs.add(dir);
  }
}

// ---------------------------------------------------------------------------------------------
// What a page depends on, read in a few queries for the whole library.

interface Dependencies {
  articles: Map<number, { version: number; deleted: boolean; status: Status }>;
  related: Map<number, number[]>;
  links: Map<number, number[]>;
}

function dependencySnapshot(db: Database): Dependencies {
  const articles = new Map<number, { version: number; deleted: boolean; status: Status }>();
  for (const [id, version, deleted, status] of db.prepare('SELECT id, version, deleted_at IS NOT NULL, status FROM articles').raw().all() as Array<[number, number, number, Status]>) {
    articles.set(id, { version, deleted: deleted === 1, status });
  }
  const group = (sql: string) => {
    const m = new Map<number, number[]>();
    for (const [a, t] of db.prepare(sql).raw().all() as Array<[number, number]>) (m.get(a) ?? m.set(a, []).get(a)!).push(t);
    return m;
  };
  return {
    articles,
    related: group('SELECT article_id AS a, target_id AS t FROM related_links ORDER BY article_id, position, target_id'),
    links: group('SELECT article_id AS a, target_id AS t FROM body_links ORDER BY article_id, target_id'),
  };
}

/** Category tree (names, slugs, order, overrides) and tag names: shown on every page. */
function taxonomySnapshot(db: Database): unknown {
  return [
    db.prepare('SELECT id, parent_id, name, slug, position, overrides FROM categories ORDER BY id').raw().all(),
    db.prepare('SELECT id, name, slug FROM tags ORDER BY id').raw().all(),
  ];
}

function articleKey(globalKey: string, id: number, deps: Dependencies): string {
  const self = deps.articles.get(id);
  const state = (t: number) => {
    const a = deps.articles.get(t);
    return a ? `${t}:${a.version}:${a.deleted ? 1 : 0}` : `${t}:-`;
  };
  const related = (deps.related.get(id) ?? []).map(state).join(',');
  const links = (deps.links.get(id) ?? []).map(state).join(',');
  return sha256(`${globalKey}|${id}:${self?.version}|r${related}|l${links}`);
}
