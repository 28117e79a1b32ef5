import path from 'node:path';
import { FolderExportInput, runFolderExport } from '../../../core/api/operations/publish.js';
import type { ExportProgress, ExportSummary } from '../../../core/publish/folder-export.js';
import { CliUsageError, flagString, type CliCommand, type CliIO, type ParsedArgs } from '../command.js';

/**
 * `copydesk export`: the bulk export for people and for a site's build pipeline. Input is
 * validated with the contract's own schema and runs the same code as `export.folder`; the CLI
 * adds what the contract cannot carry: progress on stderr, and Ctrl-C to cancel (the work done
 * so far is kept, and the next run continues). Exit codes: 0 done, 1 failed (or some articles
 * failed), 2 bad usage, 130 cancelled.
 */

const list = (args: ParsedArgs, name: string): string[] | undefined => {
  const v = args.flags[name];
  if (v === undefined || typeof v === 'boolean') return undefined;
  return Array.isArray(v) ? v : [v];
};

const PROGRESS_EVERY_MS = 1000;

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export --out DIR [--format html|md|both] [--all | --query Q | ID...] [--status S] [--drafts] [--json] [--quiet]',
  summary: 'Export articles to a folder: pages, Markdown, assets, index pages, sitemap, manifest (incremental).',
  async run(ctx, args, io) {
    const out = flagString(args, 'out');
    if (!out) throw new CliUsageError('--out DIR is required (the folder to export to)');
    const format = flagString(args, 'format') ?? 'both';
    const ids = args.positional.map((p) => {
      const n = Number(p);
      if (!Number.isSafeInteger(n) || n <= 0) throw new CliUsageError(`"${p}" is not an article id`);
      return n;
    });
    const query = flagString(args, 'query');
    const parsed = FolderExportInput.safeParse({
      outDir: path.resolve(out),
      format,
      ...(ids.length ? { ids } : {}),
      ...(args.flags.all === true ? { all: true } : {}),
      ...(query !== undefined ? { query } : {}),
      // --status published --status ready, or --status published,ready
      ...(list(args, 'status') ? { status: list(args, 'status')!.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean) } : {}),
      // Unpublished articles are public output only when asked for.
      ...(args.flags.drafts === true ? { includeDrafts: true } : {}),
    });
    if (!parsed.success) {
      throw new CliUsageError(parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; '));
    }

    const controller = new AbortController();
    const abortNow = () => process.exit(130);
    const onSigint = () => {
      io.err('copydesk export: cancelling after the current article (press Ctrl-C again to abort at once)…');
      controller.abort();
      process.once('SIGINT', abortNow);
    };
    process.once('SIGINT', onSigint);
    // The first line always shows: a young process's clock starts near 0, which a 0 here
    // would have read as "reported a moment ago".
    let lastReport = Number.NEGATIVE_INFINITY;
    const quiet = args.flags.quiet === true;
    const onProgress = (p: ExportProgress) => {
      if (quiet) return;
      const now = performance.now();
      const last = p.phase === 'articles' && p.done === p.total;
      if (!last && now - lastReport < PROGRESS_EVERY_MS) return;
      lastReport = now;
      io.err(progressLine(p));
    };
    let summary: ExportSummary;
    try {
      summary = await runFolderExport(ctx, parsed.data, { onProgress, signal: controller.signal });
    } finally {
      process.removeListener('SIGINT', onSigint);
      process.removeListener('SIGINT', abortNow);
    }
    if (args.flags.json) io.out(JSON.stringify(summary, null, 2));
    else printSummary(io, summary);
    if (summary.cancelled) return 130;
    return summary.failed.length ? 1 : 0;
  },
};

const NOTICES: Record<ExportSummary['notices'][number]['code'], (p: Record<string, number | string>) => string> = {
  drafts_left_out: (p) => `${p.count} unpublished article(s) left out: only published articles are exported (--drafts exports them too)`,
  drafts_included: (p) => `${p.count} unpublished article(s) exported, as asked (--drafts)`,
  sitemap_needs_base_url: () => 'no sitemap.xml: a sitemap needs absolute URLs; set the site address (baseUrl) to get one',
};

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export function progressLine(p: ExportProgress): string {
  if (p.phase !== 'articles') return `export: ${p.phase}…`;
  const pct = p.total ? Math.floor((p.done / p.total) * 100) : 100;
  const eta = p.etaMs !== null && p.done < p.total ? ` · about ${seconds(p.etaMs)} left` : '';
  return `export: ${p.done}/${p.total} articles (${pct}%) · ${seconds(p.elapsedMs)}${eta}`;
}

function printSummary(io: CliIO, s: ExportSummary): void {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  io.out(`${s.cancelled ? 'Cancelled: exported part of' : 'Exported'} ${plural(s.articles, 'article')} to ${s.outDir} (${s.format}) in ${seconds(s.durationMs)}`);
  io.out(`  ${s.written} written, ${s.unchanged} unchanged, ${s.failed.length} failed`);
  io.out(`  assets: ${s.assets.written} written, ${s.assets.unchanged} unchanged · ${plural(s.indexPages, 'index page')}`);
  io.out(`  files: ${s.filesWritten} written (${(s.bytesWritten / 1024).toFixed(0)} KB), ${s.filesDeleted} deleted, ${s.files} listed in manifest.json`);
  for (const r of s.removed) io.out(`  removed #${r.id} ${JSON.stringify(r.title)} (${plural(r.files.length, 'file')})`);
  for (const f of s.failed) io.out(`  failed #${f.id} ${JSON.stringify(f.title)}: ${f.error}`);
  for (const n of s.notices) io.out(`  note: ${NOTICES[n.code](n.params)}`);
  for (const w of s.warnings) io.out(`  warning: ${w}`);
  if (s.cancelled) io.out('  Run the same command again to finish: finished articles are not redone.');
}
