/**
 * Export speed (issue 6): bulk export of the corpus to a folder — a page and a Markdown file
 * per article, with index pages, sitemap and manifest, written to disk — beside the same
 * articles rendered through Lexical's own HTML export (`$generateHtmlFromNodes` in a headless
 * editor with linkedom as the DOM), measured in the same run.
 *
 * The baseline reads each body from the library and renders an HTML fragment in memory: it
 * does less work than the export (no page, no Markdown, no files), so the first ratio
 * understates the difference. The next rows compare like with like — our renderers (read +
 * page + Markdown, no file I/O) per article beside Lexical's — and show the file system's own
 * share (the same files written plainly) and CPU time beside wall time (a shared machine's
 * load inflates wall time, not CPU time).
 *
 * Target: 10,000 articles exported in under 10 s. The comparison with @lexical/html (over
 * linkedom) is informative: it says what walking the JSON saves, and has no target.
 * Above 10,000 articles the baseline runs on the first 10,000 and is scaled (it is linear and
 * takes minutes); the note says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { parseHTML } from 'linkedom';
import { createHeadlessEditor } from '@lexical/headless';
import { $generateHtmlFromNodes } from '@lexical/html';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { exportToFolder } from '../../src/core/publish/folder-export.js';
import { PublishSource } from '../../src/core/publish/publish-source.js';
import { prepareArticle, renderPrepared } from '../../src/core/publish/render-article.js';
import { distribution, finishRow, type BenchContext, type BenchRow } from './bench-kit.js';

const TARGET_S_PER_10K = 10;

/** CPU time (user + system) of this process, in ms: unlike wall time, not inflated when a shared machine deschedules us. */
const cpuMs = (since?: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const BASELINE_MAX = 10_000;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const lib = await ctx.library(size);
    const library = await openLibrary(lib.path);
    const { db } = library;
    try {
      const outDir = path.join(ctx.workDir, `export-${size}`);
      fs.rmSync(outDir, { recursive: true, force: true });

      ctx.log(`export: bulk export of ${size} articles (page + Markdown)...`);
      const c0 = process.cpuUsage();
      // Every article, drafts included: the bench measures the same work as before drafts were left out by default.
      const t0 = performance.now();
      const summary = await exportToFolder(db, { outDir, format: 'both', all: true, includeDrafts: true });
      const exportMs = performance.now() - t0;
      const exportCpu = cpuMs(c0);
      if (summary.failed.length || summary.articles !== size) throw new Error(`export failed: ${JSON.stringify(summary.failed.slice(0, 3))}`);

      ctx.log('export: incremental re-export, nothing changed...');
      const t1 = performance.now();
      const again = await exportToFolder(db, { outDir, format: 'both', all: true, includeDrafts: true });
      const againMs = performance.now() - t1;

      const sampleIds = db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY id LIMIT ?').pluck().all(Math.min(size, BASELINE_MAX)) as number[];
      ctx.log(`export: ${sampleIds.length} articles through @lexical/html + linkedom...`);
      const c1 = process.cpuUsage();
      const lexical = lexicalBaseline(db, sampleIds);
      const lexicalCpu = cpuMs(c1) * (size / sampleIds.length);
      const scale = size / sampleIds.length;
      const baselineMs = lexical.totalMs * scale;
      const c2 = process.cpuUsage();
      const ours = ourRenderers(db, sampleIds);
      const oursCpu = cpuMs(c2);

      const note = `${summary.filesWritten} files, ${(summary.bytesWritten / 1024 / 1024).toFixed(0)} MB${scale > 1 ? `; baseline measured on ${sampleIds.length} and scaled ×${scale.toFixed(1)}` : ''}`;
      rows.push(finishRow({
        name: 'bulk export page+md to folder', size, unit: 's', value: exportMs / 1000,
        baseline: { name: '@lexical/html+linkedom, fragment only', value: baselineMs / 1000 },
        target: (TARGET_S_PER_10K * size) / 10_000, note,
      }));
      const speedup = baselineMs / exportMs;
      rows.push({
        name: 'export speed-up vs @lexical/html', size, unit: 'count', value: speedup,
        note: `informative; by CPU time ${(lexicalCpu / exportCpu).toFixed(2)}x (export ${(exportCpu / 1000).toFixed(1)} s CPU, baseline ${(lexicalCpu / 1000).toFixed(1)} s CPU)`,
      });
      rows.push(finishRow({
        name: 'render page+md, mean per article (no I/O)', size, unit: 'ms', value: ours.mean, p50: ours.p50, n: ours.n,
        baseline: { name: '@lexical/html fragment, mean', value: lexical.totalMs / sampleIds.length },
        note: `${(lexical.totalMs / sampleIds.length / ours.mean).toFixed(1)}x faster; by CPU time ${(lexicalCpu * (sampleIds.length / size) / oursCpu).toFixed(1)}x; p50 ${ours.p50.toFixed(3)} vs ${lexical.p50.toFixed(3)} ms`,
      }));
      const floor = fileSystemFloor(ctx, outDir, size);
      rows.push(finishRow({
        name: 'file system floor: same files, plain writes', size, unit: 's', value: floor.ms / 1000,
        baseline: { name: 'full export', value: exportMs / 1000 },
        note: `${floor.files} files written with writeFileSync, no render, no temp+rename${floor.scaled ? ' (sample, scaled)' : ''}: the machine's share of the export time`,
      }));
      rows.push(finishRow({
        name: 'incremental re-export, nothing changed', size, unit: 's', value: againMs / 1000,
        baseline: { name: 'full export', value: exportMs / 1000 },
        note: `${again.unchanged} unchanged, ${again.filesWritten} files written`,
      }));
      fs.rmSync(outDir, { recursive: true, force: true });
    } finally {
      library.close();
    }
  }
  rows.push(...(await longArticle(ctx)));
  return rows;
}

/**
 * DESIGN.md's case against a DOM on the export path: a long, structured article (the sample
 * page's text repeated to about 5,000 words, with headings, bold, links, lists and a table),
 * page + Markdown through our renderers beside Lexical's HTML export of the same body.
 */
async function longArticle(ctx: BenchContext): Promise<BenchRow[]> {
  const { openLibrary: open } = await import('../../src/core/db/open.js');
  const { createArticle } = await import('../../src/core/articles/articles.js');
  const file = path.join(ctx.workDir, 'export-long.sqlite');
  for (const x of ['', '-wal', '-shm']) fs.rmSync(file + x, { force: true });
  const library = await open(file);
  try {
    const body = longBody();
    const id = createArticle(library.db, { title: '都昌主官连续调度新材料园项目为高质量发展注入绿色动能', status: 'published', body: body as never }).id;
    const words = (library.db.prepare('SELECT word_count FROM articles WHERE id = ?').pluck().get(id) as number);
    const N = 50;
    const source = new PublishSource(library.db);
    const oursTimes: number[] = [];
    let oursCpu = 0;
    for (let i = 0; i < N + 5; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      const prepared = prepareArticle(source, id);
      renderPrepared(source, prepared, 'page');
      renderPrepared(source, prepared, 'markdown');
      if (i >= 5) {
        oursTimes.push(performance.now() - t);
        oursCpu += cpuMs(c);
      }
    }
    const read = library.db.prepare('SELECT body FROM articles WHERE id = ?').pluck();
    lexicalBaselineOf(Array.from({ length: 5 }, () => () => read.get(id) as string));
    const c = process.cpuUsage();
    const lexical = lexicalBaselineOf(Array.from({ length: N }, () => () => read.get(id) as string)).times;
    const lexicalCpu = cpuMs(c);
    const ours = distribution(oursTimes);
    const theirs = distribution(lexical);
    return [finishRow({
      name: `long article (${words} words): page+md`, unit: 'ms', value: ours.p50, p50: ours.p50, p95: ours.p95, n: ours.n,
      baseline: { name: '@lexical/html fragment', value: theirs.p50 },
      note: `${(theirs.p50 / ours.p50).toFixed(1)}x faster (p50 wall), ${(lexicalCpu / oursCpu).toFixed(1)}x by CPU time (informative)`,
    })];
  } finally {
    library.close();
  }
}

function longBody(): unknown {
  const sample = fs.readFileSync(path.resolve(import.meta.dirname, '../../../shared/samples/site-article-page.txt'), 'utf8');
  const paragraphs = sample.split('\n').map((l) => l.trim()).filter((l) => l.length > 40);
  const text = (t: string, format = 0) => ({ type: 'text', version: 1, text: t, format, detail: 0, mode: 'normal', style: '' });
  const children: unknown[] = [];
  let chars = 0;
  for (let i = 0; chars < 16_000; i++) {
    const p = paragraphs[i % paragraphs.length]!;
    if (i % 8 === 0) children.push({ type: 'heading', version: 1, tag: 'h2', children: [text(`第${i / 8 + 1}部分`)] });
    const cut = Math.floor(p.length / 3);
    children.push({ type: 'paragraph', version: 1, format: '', indent: 0, direction: null, children: [
      text(p.slice(0, cut)), text(p.slice(cut, cut + 12), 1), text(p.slice(cut + 12, 2 * cut)),
      { type: 'link', version: 1, url: `https://www.example.com/news/${i}.html`, rel: null, target: null, title: null, children: [text(p.slice(2 * cut, 2 * cut + 8))] },
      text(p.slice(2 * cut + 8)),
    ] });
    if (i % 10 === 5) children.push({ type: 'list', version: 1, listType: 'bullet', start: 1, tag: 'ul', children: [1, 2, 3, 4].map((v) => ({ type: 'listitem', version: 1, value: v, children: [text(p.slice(v * 5, v * 5 + 15))] })) });
    chars += p.length;
  }
  children.push({ type: 'table', version: 1, children: [0, 1, 2, 3].map((r) => ({ type: 'tablerow', version: 1, children: [0, 1, 2].map((c) => ({ type: 'tablecell', version: 1, headerState: r === 0 ? 1 : 0, colSpan: 1, rowSpan: 1, children: [{ type: 'paragraph', version: 1, children: [text(`${r}-${c}`)] }] })) })) });
  return { root: { type: 'root', version: 1, format: '', indent: 0, direction: null, children } };
}

/**
 * What writing the export's files costs on this machine with no rendering at all: the same
 * bytes to the same relative paths, plain fs.writeFileSync (up to 20,000 files, then scaled).
 */
function fileSystemFloor(ctx: BenchContext, outDir: string, size: number): { ms: number; files: number; scaled: boolean } {
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as { files: Record<string, unknown> };
  const all = Object.keys(manifest.files);
  const sample = all.slice(0, 20_000);
  const contents = sample.map((rel) => [rel, fs.readFileSync(path.join(outDir, rel))] as const);
  const floorDir = path.join(ctx.workDir, `export-floor-${size}`);
  fs.rmSync(floorDir, { recursive: true, force: true });
  const made = new Set<string>();
  const t0 = performance.now();
  for (const [rel, data] of contents) {
    const file = path.join(floorDir, rel);
    const dir = path.dirname(file);
    if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
    fs.writeFileSync(file, data);
  }
  const ms = (performance.now() - t0) * (all.length / sample.length);
  fs.rmSync(floorDir, { recursive: true, force: true });
  return { ms, files: all.length, scaled: sample.length < all.length };
}

/** Per-article render times of our page + Markdown renderers, without file writes. */
function ourRenderers(db: Database, ids: readonly number[]): { p50: number; p95: number; mean: number; n: number } {
  const source = new PublishSource(db);
  const times: number[] = [];
  const t0 = performance.now();
  for (const id of ids) {
    const t = performance.now();
    const prepared = prepareArticle(source, id);
    renderPrepared(source, prepared, 'page');
    renderPrepared(source, prepared, 'markdown');
    times.push(performance.now() - t);
  }
  const mean = (performance.now() - t0) / ids.length;
  const d = distribution(times);
  return { p50: d.p50, p95: d.p95, mean, n: d.n };
}

/**
 * The way the Lexical docs export HTML outside a browser: a headless editor with the rich-text
 * nodes registered, a DOM implementation installed as `window`/`document`, then for each
 * article parseEditorState + setEditorState + $generateHtmlFromNodes.
 */
function lexicalBaseline(db: Database, ids: readonly number[]): { totalMs: number; p50: number; p95: number } {
  // The body is read from the library inside the timed loop, as the export reads it.
  const read = db.prepare('SELECT body FROM articles WHERE id = ?').pluck();
  const r = lexicalBaselineOf(ids.map((id) => () => read.get(id) as string));
  const d = distribution(r.times);
  return { totalMs: r.totalMs, p50: d.p50, p95: d.p95 };
}

function lexicalBaselineOf(bodies: ReadonlyArray<string | (() => string)>): { totalMs: number; times: number[] } {
  const dom = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>') as unknown as { window: unknown; document: unknown };
  const g = globalThis as Record<string, unknown>;
  const saved = { window: g.window, document: g.document };
  g.window = dom.window;
  g.document = dom.document;
  try {
    const editor = createHeadlessEditor({
      namespace: 'bench',
      nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, CodeNode, CodeHighlightNode, TableNode, TableRowNode, TableCellNode],
      onError: (e) => { throw e; },
    });
    const times: number[] = [];
    let chars = 0;
    const t0 = performance.now();
    for (const body of bodies) {
      const t = performance.now();
      editor.setEditorState(editor.parseEditorState(typeof body === 'string' ? body : body()));
      chars += editor.read(() => $generateHtmlFromNodes(editor, null)).length;
      times.push(performance.now() - t);
    }
    const totalMs = performance.now() - t0;
    if (chars === 0) throw new Error('the baseline rendered nothing');
    return { totalMs, times };
  } finally {
    g.window = saved.window;
    g.document = saved.document;
  }
}
