/**
 * Import throughput (issue 6): Markdown files generated from the news-archive corpus, and the
 * WordPress theme unit test export scaled up (distinct GUIDs and slugs per copy). Each import
 * stands beside the same files read and converted without writing (the parse floor), so the
 * ratio is what writing through the core costs: derived fields, revisions, search index,
 * categories, tags. A re-import of the unchanged files shows the skip path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openLibrary } from '../../src/core/db/open.js';
import { importPaths } from '../../src/core/ingest/index.js';
import { markdownDraft } from '../../src/core/ingest/markdown-import.js';
import { wxrDrafts } from '../../src/core/ingest/wxr-import.js';
import { listImportFiles, readSourceFile } from '../../src/core/ingest/sources.js';
import { generateCorpus, SAMPLES_DIR } from './corpus.js';
import { finishRow, type BenchContext, type BenchRow } from './bench-kit.js';

/** Files per Markdown run: enough for a stable rate, small enough for a quick bench. */
const MARKDOWN_FILES = 5_000;
/** Copies of the 58 posts of the sample WXR. */
const WXR_COPIES = 40;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const count = Math.min(MARKDOWN_FILES, ...ctx.sizes);
  const mdDir = path.join(ctx.workDir, `import-md-${count}-${ctx.seed}`);
  writeMarkdownSite(mdDir, count, ctx.seed);
  rows.push(...(await measure(ctx, 'markdown', [mdDir], count, parseMarkdown)));

  const wxrFile = path.join(ctx.workDir, `import-wxr-${WXR_COPIES}.xml`);
  const posts = writeScaledWxr(wxrFile, WXR_COPIES);
  rows.push(...(await measure(ctx, 'wxr', [wxrFile], posts, parseWxr)));
  return rows;
}

async function measure(ctx: BenchContext, kind: string, paths: string[], articles: number, parse: (paths: string[]) => number): Promise<BenchRow[]> {
  // Warm the converters once so neither side pays the JIT alone.
  parse(paths);
  const p0 = performance.now();
  const parsed = parse(paths);
  const parseS = (performance.now() - p0) / 1000;
  if (parsed !== articles) throw new Error(`${kind}: parsed ${parsed} articles, expected ${articles}`);

  const file = path.join(ctx.workDir, `import-${kind}.sqlite`);
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  const lib = await openLibrary(file);
  try {
    ctx.log(`  ${kind}: importing ${articles} articles...`);
    const t0 = performance.now();
    const report = await importPaths(lib.db, paths);
    const importS = (performance.now() - t0) / 1000;
    if (report.counts.imported !== articles || report.counts.failed) throw new Error(`${kind}: ${JSON.stringify(report.counts)}`);
    const r0 = performance.now();
    const again = await importPaths(lib.db, paths);
    const reimportS = (performance.now() - r0) / 1000;
    if (again.counts.imported || again.counts.updated) throw new Error(`${kind} re-import wrote: ${JSON.stringify(again.counts)}`);
    const rate = (s: number) => Math.round(articles / s);
    return [
      finishRow({
        name: `${kind} import, articles/s`, size: articles, unit: 'count', value: rate(importS),
        baseline: { name: 'read + convert only', value: rate(parseS) },
        note: `(${importS.toFixed(1)} s; writing costs ${(importS / parseS).toFixed(1)}x the parse)`,
      }),
      finishRow({
        name: `${kind} re-import unchanged, articles/s`, size: articles, unit: 'count', value: rate(reimportS),
        baseline: { name: 'first import', value: rate(importS) },
      }),
    ];
  } finally {
    lib.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  }
}

function parseMarkdown(paths: string[]): number {
  let n = 0;
  for (const f of listImportFiles(paths).files) {
    const draft = markdownDraft(readSourceFile(f));
    draft.makeBody([]);
    n++;
  }
  return n;
}

function parseWxr(paths: string[]): number {
  let n = 0;
  for (const f of paths) {
    for (const entry of wxrDrafts(readSourceFile(f)).entries) {
      if ('makeBody' in entry) {
        entry.makeBody([]);
        n++;
      }
    }
  }
  return n;
}

/** Corpus articles as a Hugo-style content folder: front matter, paragraphs, a heading now and then. */
function writeMarkdownSite(dir: string, count: number, seed: number): void {
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  let i = 0;
  for (const a of generateCorpus({ seed, count })) {
    const sub = path.join(dir, a.categoryPath[0] ?? 'misc', String(Math.floor(i / 500)));
    fs.mkdirSync(sub, { recursive: true });
    const front = [
      '---',
      `title: ${JSON.stringify(a.title)}`,
      `date: ${a.publishedAt}`,
      `status: ${a.status}`,
      `author: ${JSON.stringify(a.author)}`,
      `category: ${JSON.stringify(a.categoryPath)}`,
      `tags: ${JSON.stringify(a.tags)}`,
      '---',
      '',
    ];
    const body = a.paragraphs.map((p, k) => (k > 0 && k % 5 === 0 ? `## ${p.slice(0, 12)}\n\n${p}` : p)).join('\n\n');
    fs.writeFileSync(path.join(sub, `article-${i}.md`), `${front.join('\n')}${body}\n`);
    i++;
  }
  fs.writeFileSync(marker, String(count));
}

/** The sample's items repeated, each copy with its own GUIDs, slugs and titles. Returns the post count. */
function writeScaledWxr(file: string, copies: number): number {
  const sample = fs.readFileSync(path.join(SAMPLES_DIR, 'wordpress-theme-unit-test.wxr.xml'), 'utf8');
  const start = sample.indexOf('<item>');
  const end = sample.lastIndexOf('</item>') + '</item>'.length;
  const items = sample.slice(start, end);
  const parts: string[] = [];
  for (let n = 0; n < copies; n++) {
    parts.push(items
      .replace(/<guid([^>]*)>([^<]*)<\/guid>/g, (_m, attrs: string, guid: string) => `<guid${attrs}>${guid}&amp;copy=${n}</guid>`)
      .replace(/<wp:post_name>(?:<!\[CDATA\[)?([^<\]]*)(?:\]\]>)?<\/wp:post_name>/g, (_m, name: string) => `<wp:post_name>${name ? `${name}-${n}` : ''}</wp:post_name>`)
      .replace(/<title>([^<]*)<\/title>/g, (_m, t: string) => `<title>${t} (${n})</title>`));
  }
  fs.writeFileSync(file, sample.slice(0, start) + parts.join('\n') + sample.slice(end));
  return 58 * copies;
}
