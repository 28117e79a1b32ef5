/**
 * `npm run bench` — runs the bench modules below and prints every figure beside its baseline.
 *
 *   npm run bench                                  # sizes 10,000 and 100,000, every module
 *   npm run bench -- --size 10000                  # the quick run
 *   npm run bench -- --only search,list --size 10000
 *   npm run bench -- --reuse                       # reuse corpus libraries built by an earlier run
 *   npm run bench -- --seed 7
 *
 * Results: a table on stdout, JSON in bench-results/<timestamp>.json and bench-results/latest.json.
 * Corpus libraries live in bench-results/work/ (git-ignored). A module is one file exporting
 * `run(ctx: BenchContext): Promise<BenchRow[]>`; register it with one line in MODULES.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCorpusLibrary, type CorpusLibrary } from './corpus.js';
import { formatTable, writeReport, type BenchContext, type BenchRow } from './bench-kit.js';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations.js';

interface BenchModule { run(ctx: BenchContext): Promise<BenchRow[]> }

/** Every bench module, in running order. Other areas add one line each. */
const MODULES: Array<{ name: string; load: () => Promise<BenchModule> }> = [
  { name: 'library', load: () => import('./library.js') },
  { name: 'search', load: () => import('./search.js') },
  { name: 'list', load: () => import('./list.js') },
  { name: 'related', load: () => import('./related.js') },
  { name: 'import', load: () => import('./import.js') },
  { name: 'export', load: () => import('./export.js') },
  { name: 'library-view', load: () => import('./library-view.js') },
  { name: 'editor', load: () => import('./editor.js') },
  { name: 'startup', load: () => import('./startup.js') },
];

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS_DIR = path.join(ROOT, 'bench-results');

function parseFlags(argv: string[]): { only?: string[]; sizes: number[]; seed: number; reuse: boolean } {
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const a = argv[i]!;
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
  };
  const sizes = (value('size') ?? '10000,100000').split(',').map((s) => Number(s.replace(/_/g, '')));
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error('--size takes whole numbers, e.g. --size 10000,100000');
  const seed = Number(value('seed') ?? 1);
  if (!Number.isSafeInteger(seed)) throw new Error('--seed takes a whole number');
  const only = value('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  return { only, sizes, seed, reuse: argv.includes('--reuse') };
}

/** Sidecar of a built corpus library, so `--reuse` can trust (or refuse) an earlier build. */
interface CorpusMeta { count: number; seed: number; schema: number; corpusHash: string; importMs: number; generateMs: number; topicOf: number[] }

function corpusHash(): string {
  // Any change to the generator or the core's write path invalidates reused libraries.
  const files = ['tests/bench/corpus.ts', 'src/core/articles/articles.ts', 'src/core/search/indexer.ts', 'src/core/search/schema.ts', 'src/core/search/tokens.ts', 'src/core/search/fold.ts'];
  let h = 0;
  for (const f of files) {
    const p = path.join(ROOT, f);
    const text = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '';
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  }
  return (h >>> 0).toString(16);
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const workDir = path.join(RESULTS_DIR, 'work');
  fs.mkdirSync(workDir, { recursive: true });
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const libraries = new Map<number, Promise<CorpusLibrary>>();

  const ctx: BenchContext = {
    sizes: flags.sizes,
    seed: flags.seed,
    workDir,
    log,
    library(size) {
      let lib = libraries.get(size);
      if (!lib) {
        lib = (async () => {
          const file = path.join(workDir, `corpus-${size}-${flags.seed}.sqlite`);
          const metaFile = `${file}.json`;
          const hash = corpusHash();
          if (flags.reuse && fs.existsSync(file) && fs.existsSync(metaFile)) {
            const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as CorpusMeta;
            if (meta.count === size && meta.seed === flags.seed && meta.schema === LATEST_SCHEMA_VERSION && meta.corpusHash === hash) {
              log(`reusing ${path.relative(ROOT, file)} (built earlier: import figures come from that build)`);
              return { path: file, count: size, seed: flags.seed, importMs: meta.importMs, generateMs: meta.generateMs, topicOf: Int32Array.from(meta.topicOf) };
            }
            log(`not reusing ${path.relative(ROOT, file)}: built by another version of the corpus or schema`);
          }
          log(`building a corpus library of ${size} articles (seed ${flags.seed})...`);
          const built = await buildCorpusLibrary(workDir, size, flags.seed, (done) => log(`  ${done} / ${size}`));
          log(`  built in ${(built.importMs / 1000).toFixed(1)} s`);
          const meta: CorpusMeta = { count: size, seed: flags.seed, schema: LATEST_SCHEMA_VERSION, corpusHash: hash, importMs: built.importMs, generateMs: built.generateMs, topicOf: [...built.topicOf] };
          fs.writeFileSync(metaFile, JSON.stringify(meta));
          return built;
        })();
        libraries.set(size, lib);
      }
      return lib;
    },
  };

  const chosen = flags.only ? MODULES.filter((m) => flags.only!.includes(m.name)) : MODULES;
  if (flags.only) {
    const unknown = flags.only.filter((n) => !MODULES.some((m) => m.name === n));
    if (unknown.length) throw new Error(`unknown bench module(s): ${unknown.join(', ')}; known: ${MODULES.map((m) => m.name).join(', ')}`);
  }
  const startedAt = new Date().toISOString();
  const rows: BenchRow[] = [];
  for (const m of chosen) {
    log(`module ${m.name}`);
    const mod = await m.load();
    for (const row of await mod.run(ctx)) {
      row.module = m.name;
      rows.push(row);
      process.stderr.write(`${formatTable([row]).split('\n')[2]}\n`);
    }
  }
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  const file = writeReport(RESULTS_DIR, {
    startedAt,
    finishedAt: new Date().toISOString(),
    argv: process.argv.slice(2),
    sizes: flags.sizes,
    seed: flags.seed,
    machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '' },
    rows,
  });
  const missed = rows.filter((r) => r.ok === false);
  process.stdout.write(`results: ${path.relative(ROOT, file)} (and bench-results/latest.json)\n`);
  if (missed.length) process.stdout.write(`targets missed: ${missed.map((r) => `${r.module}/${r.name}${r.size ? `@${r.size}` : ''}`).join(', ')}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
