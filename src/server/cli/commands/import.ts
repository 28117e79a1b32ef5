import fs from 'node:fs';
import path from 'node:path';
import { call } from '../../../core/api/dispatch.js';
import { listImportFiles, type ImportReport } from '../../../core/ingest/index.js';
import { CliUsageError, flagString, type CliCommand } from '../command.js';
import { unwrap } from './basic.js';
import { importNoteText } from '../../../core/ingest/import-notes.js';

/** Files per `import.files` call: small enough for steady progress, large enough to batch writes. */
const CHUNK_FILES = 200;
const CHUNK_BYTES = 50 * 1024 * 1024;

/**
 * `copydesk import PATH...`: folders are expanded here and sent to `import.files` in chunks, so
 * progress can be shown on stderr while the work runs in the core. Related links named by one
 * chunk and found in a later one are still made: every import run revisits unresolved ones.
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import PATH... [--static DIR] [--json]',
  summary: 'Import Markdown (front matter), article pages (HTML / text) and WordPress WXR files or folders.',
  async run(ctx, args, io) {
    if (!args.positional.length) throw new CliUsageError('import needs at least one file or folder, e.g. `copydesk import ./content`');
    const given = args.positional.map((p) => path.resolve(p));
    const staticFlag = flagString(args, 'static');
    const staticDir = staticFlag ? path.resolve(staticFlag) : undefined;
    const { files, missing, special } = listImportFiles(given);
    // Paths that are not importable files go to the core too, which reports why.
    const chunks = chunkFiles([...missing, ...special, ...files]);
    // The folders given name the files' identities, as when the app imports a picked folder.
    const roots = given.filter((p) => { try { return fs.statSync(p).isDirectory(); } catch { return false; } });
    const total: ImportReport = { counts: { imported: 0, updated: 0, skipped: 0, failed: 0 }, items: [], relatedLinks: 0 };
    let filesDone = 0;
    const started = Date.now();
    for (const chunk of chunks) {
      const r = unwrap(await call(ctx, 'import.files', { paths: chunk, ...(roots.length ? { roots } : {}), ...(staticDir ? { staticDir } : {}) }));
      total.items.push(...r.items);
      for (const k of Object.keys(total.counts) as Array<keyof ImportReport['counts']>) total.counts[k] += r.counts[k];
      total.relatedLinks += r.relatedLinks;
      filesDone += chunk.length;
      const c = total.counts;
      io.err(`[${filesDone}/${missing.length + special.length + files.length} files] ${c.imported} imported, ${c.updated} updated, ${c.skipped} skipped, ${c.failed} failed · ${display(chunk[chunk.length - 1]!)}`);
    }
    if (args.flags.json) io.out(JSON.stringify(inEnglish(total), null, 2));
    else printSummary(total, Date.now() - started, (line) => io.out(line));
    return total.counts.failed > 0 ? 1 : 0;
  },
};

function chunkFiles(files: string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const f of files) {
    let size = 0;
    try {
      size = fs.statSync(f).size;
    } catch {
      /* missing: the core reports it */
    }
    if (current.length && (current.length >= CHUNK_FILES || bytes + size > CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** The report with its reasons and notes phrased in English: the CLI speaks English. */
function inEnglish(report: ImportReport) {
  return {
    ...report,
    items: report.items.map((line) => ({
      ...line,
      ...(line.reason ? { reason: importNoteText(line.reason) } : {}),
      ...(line.notes ? { notes: line.notes.map(importNoteText) } : {}),
    })),
  };
}

function printSummary(report: ImportReport, ms: number, out: (line: string) => void): void {
  const c = report.counts;
  out(`${c.imported} imported, ${c.updated} updated, ${c.skipped} skipped, ${c.failed} failed; ${report.relatedLinks} related link(s) made (${(ms / 1000).toFixed(1)} s).`);
  const skipped = new Map<string, number>();
  for (const line of report.items) {
    if (line.status !== 'skipped') continue;
    const reason = line.reason ? importNoteText(line.reason) : 'skipped';
    skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  }
  for (const [reason, n] of skipped) out(`  skipped ${n}: ${reason}`);
  for (const line of report.items) {
    if (line.status !== 'failed') continue;
    out(`  FAILED ${display(line.file)}${line.item ? ` (${line.item})` : ''}: ${line.reason ? importNoteText(line.reason) : 'unknown error'}`);
  }
}
