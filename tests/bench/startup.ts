/**
 * Start-up of the command line and of `npm run web`, each beside its floor in the same run:
 * - `copydesk stats` on an empty library (the built CLI, out/cli), beside a bare `node -e ''`,
 *   interleaved sample by sample so both see the same load; target ≤ 3x. The sources through
 *   tsx (what every start cost before the CLI was built) are shown beside the same floor.
 * - `npm run web` (scripts/web.mjs) until it prints its URL, starting from the last build,
 *   beside the renderer's build that it used to run before every start.
 * Medians: a start-up is one short process, and a shared machine's load comes in bursts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { finishRow, percentile, type BenchContext, type BenchRow } from './bench-kit.js';
import { ensureBuilt } from '../../scripts/web-build.mjs';
import { welcomeLibrary } from './view-startup.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI_SAMPLES = 21;
const TSX_SAMPLES = 5;
const WEB_SAMPLES = 5;
const CLI_TARGET_RATIO = 3;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = fs.mkdtempSync(path.join(ctx.workDir, 'startup-'));
  try {
    rows.push(...cliRows(ctx, path.join(dir, 'empty.sqlite')));
    rows.push(...(await webRows(ctx)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function timeProcess(args: string[], env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

function cliRows(ctx: BenchContext, library: string): BenchRow[] {
  const stats = ['bin/copydesk.mjs', '--library', library, 'stats'];
  if (spawnSync(process.execPath, stats, { cwd: ROOT, env: { ...process.env, COPYDESK_CLI: 'built' } }).status !== 0) {
    ctx.log('startup: out/cli is missing or stale; building the CLI');
    timeProcess(['scripts/build-cli.mjs', '--quiet']);
  }
  timeProcess(stats, { COPYDESK_CLI: 'built' }); // creates the library and V8's code cache
  const floor: number[] = [];
  const built: number[] = [];
  for (let i = 0; i < CLI_SAMPLES; i++) {
    floor.push(timeProcess(['-e', '']));
    built.push(timeProcess(stats, { COPYDESK_CLI: 'built' }));
  }
  const sourcesFloor: number[] = [];
  const sources: number[] = [];
  for (let i = 0; i < TSX_SAMPLES; i++) {
    sourcesFloor.push(timeProcess(['-e', '']));
    sources.push(timeProcess(stats, { COPYDESK_CLI: 'sources' }));
  }
  const floorMs = percentile(floor, 50);
  return [
    medianRow('CLI start: copydesk stats, empty library (built CLI)', built, { name: "node -e ''", samples: floor }, {
      target: CLI_TARGET_RATIO * floorMs, note: `(target ≤ ${CLI_TARGET_RATIO}x the floor; median of ${CLI_SAMPLES}, interleaved)`,
    }),
    medianRow('CLI start: the same from the sources (tsx)', sources, { name: "node -e ''", samples: sourcesFloor }, {
      note: `(what every start cost before; median of ${TSX_SAMPLES})`,
    }),
  ];
}

async function webRows(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('startup: building the renderer once, as npm run web did before every start');
  let buildMs = 0;
  const outcome = ensureBuilt(ROOT, () => {
    const t0 = performance.now();
    const ok = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' }).status === 0;
    buildMs = performance.now() - t0;
    return ok;
  }, { force: true });
  if (outcome !== 'built') throw new Error('startup: the renderer build failed');
  const lib = await welcomeLibrary(ctx.workDir);
  try {
    const starts: number[] = [];
    for (let i = 0; i < WEB_SAMPLES; i++) starts.push(await timeWebStart(lib.path));
    return [medianRow('npm run web → URL printed, sources unchanged', starts, { name: 'the renderer build it used to run first', samples: [buildMs] }, {
      note: `(median of ${WEB_SAMPLES}; before, every start was the build plus this)`,
    })];
  } finally {
    lib.dispose();
  }
}

/** scripts/web.mjs from spawn until it prints its URL; then stopped. */
async function timeWebStart(library: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['scripts/web.mjs', '--library', library, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    return await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`npm run web did not start: ${out}`)), 180_000);
      const seen = (d: Buffer) => {
        out += d.toString();
        if (/Open: http/.test(out)) {
          clearTimeout(timer);
          if (/building the app/.test(out)) reject(new Error('npm run web rebuilt although the sources were unchanged'));
          resolve(performance.now() - t0);
        }
      };
      child.stdout!.on('data', seen);
      child.stderr!.on('data', seen);
      child.once('exit', (code) => reject(new Error(`npm run web exited ${code}: ${out}`)));
    });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

function medianRow(name: string, samples: number[], baseline: { name: string; samples: number[] }, extra: { target?: number; note?: string }): BenchRow {
  const row: BenchRow = {
    name, unit: 'ms', value: percentile(samples, 50), p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length,
    baseline: { name: baseline.name, value: percentile(baseline.samples, 50) },
  };
  if (extra.target !== undefined) row.target = Math.round(extra.target);
  if (extra.note) row.note = extra.note;
  return finishRow(row);
}
