/**
 * Related-article suggestions per corpus size:
 * - quality: precision@5 against the corpus's topic labels (an article's topic-mates are its
 *   "related" ones), beside a baseline that ranks by shared tags only (idf-weighted, newest
 *   first on ties), measured on the same query articles in the same run;
 * - speed: suggestions for one article (top 5, with reasons and the near-duplicate check), p95,
 *   beside the tags-only baseline's time; as the app runs them (document frequencies cached per
 *   connection, filled by the earlier queries of the run) and cold (every frequency read from
 *   the index, as in a fresh CLI process); at 10,000 also beside suggestions whose text step
 *   scans every article instead of asking the search index (why the index is needed);
 * - the same two distributions in CPU time (process.cpuUsage): on a machine shared with other
 *   jobs, wall time counts the waits for a core as well, and CPU time is what the work costs.
 *
 * Query articles are picked deterministically (every 7,919th id, wrapping), published ones only.
 */
import os from 'node:os';
import type { Database } from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { suggestRelated } from '../../src/core/related/suggest/suggest.js';
import { scanTextSource, searchIndexTextSource } from '../../src/core/related/suggest/text-source.js';
import { finishRow, timingRow, type BenchContext, type BenchRow } from './bench-kit.js';

const SUGGEST_TARGET_MS = 50;
const PRECISION_TARGET = 0.8;
const QUERIES = 200;
const SCAN_QUERIES = 5;
const K = 5;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const built = await ctx.library(size);
    const lib = await openLibrary(built.path);
    try {
      const { db } = lib;
      const topicOf = built.topicOf;
      const queries = pickQueries(db, size);
      ctx.log(`  ${size}: ${queries.length} query articles`);

      // Warm both paths once (statement caches, the first index reads), untimed.
      for (const id of queries.slice(0, 3)) { suggestRelated(db, id, { limit: K }); tagsOnly(db, id, K); }

      const source = searchIndexTextSource(db)!;
      const cold = searchIndexTextSource(db, { cache: false })!;
      const coldTimes: number[] = [];
      const coldCpu: number[] = [];
      const times: number[] = [];
      const baseTimes: number[] = [];
      const cpu: number[] = [];
      const baseCpu: number[] = [];
      let hits = 0, baseHits = 0, nearDuplicates = 0;
      for (const id of queries) {
        let c0 = process.cpuUsage();
        let t0 = performance.now();
        suggestRelated(db, id, { limit: K, textSource: cold });
        coldTimes.push(performance.now() - t0);
        coldCpu.push(cpuMs(c0));

        c0 = process.cpuUsage();
        t0 = performance.now();
        const r = suggestRelated(db, id, { limit: K, textSource: source });
        times.push(performance.now() - t0);
        cpu.push(cpuMs(c0));
        hits += r.suggestions.filter((s) => topicOf[s.id] === topicOf[id]).length;
        nearDuplicates += r.nearDuplicates.length;

        c0 = process.cpuUsage();
        t0 = performance.now();
        const b = tagsOnly(db, id, K);
        baseTimes.push(performance.now() - t0);
        baseCpu.push(cpuMs(c0));
        baseHits += b.filter((s) => topicOf[s] === topicOf[id]).length;
      }
      const precision = hits / (K * queries.length);
      const basePrecision = baseHits / (K * queries.length);
      const quality = finishRow({
        name: 'precision@5 vs topic labels', size, unit: 'count', value: round(precision),
        baseline: { name: 'shared tags only', value: round(basePrecision) },
        n: queries.length,
        note: `(target ≥ ${PRECISION_TARGET}; text source: ${source.name}; ${nearDuplicates} near-duplicate flags)`,
      });
      quality.ok = precision >= PRECISION_TARGET;
      rows.push(quality);
      rows.push(timingRow('suggest one article (top 5, reasons)', times, {
        size,
        baseline: { name: 'shared tags only', samples: baseTimes },
        target: SUGGEST_TARGET_MS,
      }));
      rows.push(timingRow('suggest one article, cold frequencies', coldTimes, {
        size,
        baseline: { name: 'shared tags only', samples: baseTimes },
        target: SUGGEST_TARGET_MS,
        note: '(no frequency cache: a fresh process)',
      }));
      rows.push(timingRow('suggest one article, CPU time', cpu, {
        size,
        baseline: { name: 'shared tags only', samples: baseCpu },
        target: SUGGEST_TARGET_MS,
        note: `(load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores during the run)`,
      }));
      rows.push(timingRow('suggest one article, cold, CPU time', coldCpu, {
        size,
        baseline: { name: 'shared tags only', samples: baseCpu },
        target: SUGGEST_TARGET_MS,
      }));

      if (size <= 10_000) {
        const scan = scanTextSource(db);
        const scanTimes: number[] = [];
        for (const id of queries.slice(0, SCAN_QUERIES)) {
          const t0 = performance.now();
          suggestRelated(db, id, { limit: K, textSource: scan });
          scanTimes.push(performance.now() - t0);
        }
        rows.push(timingRow('suggest, text step by scanning', scanTimes, {
          size,
          baseline: { name: 'via search index', samples: times },
          note: '(no index: reads every article)',
        }));
      }
    } finally {
      lib.close();
    }
  }
  return rows;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function pickQueries(db: Database, size: number): number[] {
  const published = db.prepare("SELECT 1 FROM articles WHERE id = ? AND status = 'published' AND deleted_at IS NULL").pluck();
  const out: number[] = [];
  for (let i = 0; out.length < Math.min(QUERIES, size) && i < size * 2; i++) {
    const id = 1 + ((i * 7919) % size);
    if (!out.includes(id) && published.get(id)) out.push(id);
  }
  return out;
}

/**
 * The baseline: rank every article sharing a tag by the summed idf of the shared tags, newest
 * first on ties; no text, no categories. The obvious implementation, done in full.
 */
function tagsOnly(db: Database, articleId: number, k: number): number[] {
  const n = db.prepare('SELECT count(*) FROM articles WHERE deleted_at IS NULL').pluck().get() as number;
  const tags = db.prepare('SELECT tag_id FROM article_tags WHERE article_id = ?').pluck().all(articleId) as number[];
  const holders = db.prepare(`SELECT at.article_id AS id, a.published_at AS at FROM article_tags at JOIN articles a ON a.id = at.article_id
    WHERE at.tag_id = ? AND a.deleted_at IS NULL AND a.status <> 'archived' AND at.article_id <> ?`);
  const score = new Map<number, { s: number; at: string }>();
  for (const t of tags) {
    const rows = holders.all(t, articleId) as Array<{ id: number; at: string | null }>;
    const idf = Math.log(n / Math.max(1, rows.length + 1));
    for (const r of rows) {
      const e = score.get(r.id) ?? { s: 0, at: r.at ?? '' };
      e.s += idf;
      score.set(r.id, e);
    }
  }
  return [...score].sort((a, b) => b[1].s - a[1].s || (a[1].at < b[1].at ? 1 : a[1].at > b[1].at ? -1 : b[0] - a[0])).slice(0, k).map(([id]) => id);
}
