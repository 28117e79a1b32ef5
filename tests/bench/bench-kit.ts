/**
 * The small shared kit of the benchmarks: the row every module returns, the context it gets,
 * percentiles, a table printer and the JSON writer. A bench module is
 *
 *   export async function run(ctx: BenchContext): Promise<BenchRow[]>
 *
 * registered with one line in tests/bench/run.ts. DESIGN.md: every figure stands beside a
 * baseline measured in the same run, because a ratio survives a noisy shared machine and an
 * absolute time does not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CorpusLibrary } from './corpus.js';

export interface BenchRow {
  /** Filled in by the runner from the module's registered name. */
  module?: string;
  /** What was measured, e.g. `search zh-2 rare`. */
  name: string;
  /** Corpus size (articles) the figure was measured on, when it depends on one. */
  size?: number;
  unit: 'ms' | 's' | 'MB' | 'count';
  /** The headline figure (the p95 for a timing distribution). */
  value: number;
  p50?: number;
  p95?: number;
  /** Number of samples behind a distribution. */
  n?: number;
  /** The same work done the plain way in the same run (e.g. a LIKE scan). */
  baseline?: { name: string; value: number };
  /** value / baseline.value (below 1: faster than the baseline). */
  ratio?: number;
  /** The figure must stay below this (issue's targets); `ok` says whether it did. */
  target?: number;
  ok?: boolean;
  note?: string;
}

export interface BenchContext {
  /** Corpus sizes asked for (`--size 10000,100000`). */
  sizes: number[];
  seed: number;
  /** Scratch folder for libraries and temporary files (bench-results/work). */
  workDir: string;
  /** The corpus library of a size: built once per run and shared by every module. */
  library(size: number): Promise<CorpusLibrary>;
  log(message: string): void;
}

export interface Distribution { p50: number; p95: number; p99: number; mean: number; min: number; max: number; n: number }

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function distribution(samples: readonly number[]): Distribution {
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99),
    mean: sum / Math.max(1, samples.length), min: Math.min(...samples), max: Math.max(...samples), n: samples.length,
  };
}

/** Runs fn `iterations` times after `warmup` untimed runs; returns milliseconds per run. */
export function timeRuns(fn: (i: number) => unknown, iterations: number, warmup = Math.min(3, iterations)): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * Like timeRuns, also recording each run's CPU time (user + system) of this process. On a shared
 * machine wall time includes waiting for a core; CPU time is what the work itself costs.
 */
export function timeRunsWithCpu(
  fn: (i: number) => unknown, iterations: number, warmup = Math.min(3, iterations),
  /** Untimed work between runs: what the app does in the pause between two of them. */
  between?: () => void,
): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < warmup; i++) fn(i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    between?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(i);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

/** A row for a timing distribution, with its baseline distribution and the ratio of the p95s. */
export function timingRow(
  name: string,
  samples: readonly number[],
  extra: { size?: number; baseline?: { name: string; samples: readonly number[] }; target?: number; note?: string } = {},
): BenchRow {
  const d = distribution(samples);
  const row: BenchRow = { name, unit: 'ms', value: d.p95, p50: d.p50, p95: d.p95, n: d.n };
  if (extra.size !== undefined) row.size = extra.size;
  if (extra.baseline) row.baseline = { name: extra.baseline.name, value: distribution(extra.baseline.samples).p95 };
  if (extra.target !== undefined) row.target = extra.target;
  if (extra.note) row.note = extra.note;
  return finishRow(row);
}

/** Fills ratio and ok from value, baseline and target. */
export function finishRow(row: BenchRow): BenchRow {
  if (row.baseline && row.baseline.value > 0) row.ratio = row.value / row.baseline.value;
  if (row.target !== undefined) row.ok = row.value < row.target;
  return row;
}

const fmt = (v: number | undefined, unit?: string): string => {
  if (v === undefined || Number.isNaN(v)) return '';
  const n = Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return unit ? `${n} ${unit}` : n;
};

/** A plain-text table: one line per figure, baseline and ratio beside it. */
export function formatTable(rows: readonly BenchRow[]): string {
  const head = ['module', 'figure', 'size', 'p50', 'p95 / value', 'baseline', 'ratio', 'target', ''];
  const body = rows.map((r) => [
    r.module ?? '',
    r.name,
    r.size !== undefined ? String(r.size) : '',
    fmt(r.p50),
    fmt(r.value, r.unit),
    r.baseline ? `${fmt(r.baseline.value, r.unit)} (${r.baseline.name})` : '',
    r.ratio !== undefined ? `${r.ratio < 0.01 ? r.ratio.toExponential(1) : r.ratio.toFixed(2)}x` : '',
    r.target !== undefined ? `< ${r.target} ${r.unit}` : '',
    r.ok === undefined ? (r.note ?? '') : `${r.ok ? 'ok' : 'MISSED'}${r.note ? ` ${r.note}` : ''}`,
  ]);
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/u.test(c) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  argv: string[];
  sizes: number[];
  seed: number;
  machine: { node: string; platform: string; cpus: number; cpuModel: string };
  rows: BenchRow[];
}

/** Writes bench-results/<timestamp>.json and bench-results/latest.json; returns the first path. */
export function writeReport(dir: string, report: BenchReport): string {
  fs.mkdirSync(dir, { recursive: true });
  // The load average says how far wall times are from a quiet machine's.
  (report.machine as BenchReport['machine'] & { loadAverageAtEnd?: number[] }).loadAverageAtEnd = os.loadavg();
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}.json`);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(dir, 'latest.json'), text);
  return file;
}

export const megabytes = (bytes: number): number => bytes / (1024 * 1024);
