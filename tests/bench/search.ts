/**
 * Search speed per corpus size: top 50 with snippets for 1-, 2- and 4-character Chinese
 * queries, English words, phrases and filtered queries, each split by how many articles match
 * (rare ≤ 0.2%, medium 0.5–5%, common ≥ 25%), beside the same queries as a plain LIKE scan
 * (newest first, LIMIT 50: the obvious implementation, which stops early for common terms and
 * reads every article for rare ones). Also re-indexing one saved article.
 *
 * Queries are picked deterministically from the corpus's own text sources, bucketed by their
 * real document frequency in the library being measured.
 */
import type { Database } from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { search } from '../../src/core/search/search.js';
import { indexArticle } from '../../src/core/search/indexer.js';
import { loadTextSources, corpusModel, Random } from './corpus.js';
import { percentile, timeRuns, timeRunsWithCpu, timingRow, type BenchContext, type BenchRow } from './bench-kit.js';
import { tidyBetweenSaves, tidyNow } from '../../src/core/db/between-saves.js';

const SEARCH_TARGET_MS = 30;
const REINDEX_TARGET_MS = 5;
const QUERIES_PER_BUCKET = 8;
const LIKE_QUERIES_PER_BUCKET = 3;
const REPS = 4;

type Bucket = 'rare' | 'medium' | 'common';
const BUCKETS: Array<[Bucket, number, number]> = [['rare', 0, 0.002], ['medium', 0.005, 0.05], ['common', 0.25, 1]];

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const built = await ctx.library(size);
    const lib = await openLibrary(built.path);
    try {
      const live = lib.db.prepare('SELECT count(*) FROM articles WHERE deleted_at IS NULL').pluck().get() as number;
      const kinds = candidateQueries(ctx.seed, lib.db);
      for (const [kind, candidates] of kinds) {
        ctx.log(`  ${size}: picking ${kind} queries`);
        const picked = bucketize(lib.db, candidates, live);
        for (const [bucket] of BUCKETS) {
          const queries = picked.get(bucket) ?? [];
          if (queries.length === 0) {
            rows.push({ name: `${kind} ${bucket}`, size, unit: 'ms', value: NaN, note: 'no query of this frequency in the corpus' });
            continue;
          }
          // First runs: each query once on a connection that has run none of them (its page
          // cache holds none of their doclists; the file is in the OS cache), as an editor's new
          // query meets it. Then the repeated runs the figure is made of.
          const first = await firstRuns(built.path, queries);
          const samples: number[] = [];
          const cpu: number[] = [];
          for (const q of queries) {
            const t = timeRunsWithCpu(() => search(lib.db, { query: q, page: 1, pageSize: 50 }), REPS, 1);
            samples.push(...t.wall);
            cpu.push(...t.cpu);
          }
          const likeSamples: number[] = [];
          for (const q of queries.slice(0, LIKE_QUERIES_PER_BUCKET)) likeSamples.push(...timeRuns(() => likeScan(lib.db, q), 1, 0));
          rows.push(timingRow(`${kind} ${bucket}`, samples, {
            size,
            baseline: { name: 'LIKE scan', samples: likeSamples },
            target: SEARCH_TARGET_MS,
            note: `cpu p50/p95 ${percentile(cpu, 50).toFixed(1)}/${percentile(cpu, 95).toFixed(1)} ms; first run p50/max ${percentile(first, 50).toFixed(1)}/${Math.max(...first).toFixed(1)} ms; e.g. ${queries[0]}`,
          }));
        }
      }
      rows.push(reindexRow(lib.db, size));
    } finally {
      lib.close();
    }
  }
  return rows;
}

/**
 * Runs of Han characters cut at random places out of the library's own articles: they often
 * span two words, which makes them the rare terms a word list lacks (every word of a Zipfian
 * vocabulary occurs in hundreds of articles at 100,000).
 */
function runsFromArticles(db: Database, seed: number, length: number, count: number): string[] {
  const rng = new Random(seed ^ (0x5a17 + length));
  const max = db.prepare('SELECT max(id) FROM articles').pluck().get() as number;
  const text = db.prepare('SELECT plain_text FROM articles WHERE id = ?').pluck();
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const body = [...((text.get(rng.int(1, max)) as string | undefined) ?? '')];
    if (body.length < length) continue;
    const at = rng.int(0, body.length - length);
    const run = body.slice(at, at + length).join('');
    if (/^\p{Script=Han}+$/u.test(run)) out.push(run);
  }
  return out;
}

/** Candidate queries of each kind, from the same real text the corpus is made of. */
function candidateQueries(seed: number, db: Database): Array<[string, string[]]> {
  const src = loadTextSources();
  const rng = new Random(seed ^ 0xbe7c);
  const model = corpusModel(seed);
  const han = /^\p{Script=Han}+$/u;
  const chars = [...new Set([...src.sampleText].filter((c) => han.test(c)))];
  const words2 = src.words.filter((w) => [...w].length === 2);
  const words4 = [
    ...src.words.filter((w) => [...w].length === 4),
    ...src.sentences.flatMap((s) => { const c = [...s]; return c.length > 8 ? [c.slice(2, 6).join('')] : []; }),
  ].filter((w) => han.test(w));
  const english = src.englishWords.filter((w) => w.length >= 4);
  const phrases = [
    ...src.sentences.map((s) => { const c = [...s]; const at = rng.int(0, Math.max(0, c.length - 8)); return `"${c.slice(at, at + 6).join('')}"`; }),
    ...Array.from({ length: 60 }, () => `"${rng.pick(english.slice(0, 200))} ${rng.pick(english.slice(0, 200))}"`),
    ...model.topics.map((t) => `"${t.entities[0]}"`),
  ];
  const filters = [
    ...model.topics.slice(0, 12).map((t) => `tag:${t.sector}`),
    ...model.topics.slice(0, 8).map((t) => `category:${t.categoryPath[0]}`),
    'status:draft', 'status:published', 'after:2024-01', 'before:2018',
  ];
  const filtered = [...words2.slice(0, 400), ...words4.slice(0, 200)].map((w) => `${w} ${rng.pick(filters)}`);
  return [
    // Rare characters sit in the dictionary words (idioms, names) more than in the sample page.
    ['zh-1', rng.shuffle([...chars, ...new Set(src.words.slice(-1500).flatMap((w) => [...w]))])],
    ['zh-2', interleave(rng.shuffle(words2), runsFromArticles(db, seed, 2, 150))],
    ['zh-4', interleave(rng.shuffle(words4), runsFromArticles(db, seed, 4, 150))],
    ['english', rng.shuffle(english)],
    ['phrase', rng.shuffle(phrases)],
    ['filtered', rng.shuffle(filtered)],
  ];
}

/** Each query's first run on a fresh connection to the library. */
async function firstRuns(file: string, queries: readonly string[]): Promise<number[]> {
  const fresh = await openLibrary(file);
  try {
    // What any first search on a connection pays once (preparing statements, the category
    // index), with a term in no article, so no query's doclists are read ahead of it.
    search(fresh.db, { query: 'qzxjv', page: 1, pageSize: 50 });
    return queries.map((q) => timeRuns(() => search(fresh.db, { query: q, page: 1, pageSize: 50 }), 1, 0)[0]!);
  } finally {
    fresh.close();
  }
}

/** a0 b0 a1 b1 ...: both sources get a chance before the bucketing stops. */
function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}

/** Counts each candidate's matches (exactly, through the index) until every bucket is full. */
function bucketize(db: Database, candidates: string[], live: number): Map<Bucket, string[]> {
  const out = new Map<Bucket, string[]>(BUCKETS.map(([b]) => [b, []]));
  const full = () => BUCKETS.every(([b]) => out.get(b)!.length >= QUERIES_PER_BUCKET);
  for (const q of candidates.slice(0, 900)) {
    if (full()) break;
    const n = countMatches(db, q);
    if (n === 0) continue;
    const share = n / live;
    for (const [b, lo, hi] of BUCKETS) {
      if (share >= lo && share <= hi && out.get(b)!.length < QUERIES_PER_BUCKET) out.get(b)!.push(q);
    }
  }
  return out;
}

/** Matches of a query: exact up to the relevance limit, estimated above it (good enough to bucket). */
function countMatches(db: Database, query: string): number {
  return search(db, { query, page: 1, pageSize: 1 }).total;
}

/** The baseline: each term as LIKE over title, excerpt and body, newest first, top 50. */
function likeScan(db: Database, query: string): unknown[] {
  const terms = query.split(/\s+/).filter((t) => t && !/^(tag|category|status|before|after|author):/.test(t)).map((t) => t.replace(/^"|"$/g, ''));
  const where = terms.map(() => '(a.title LIKE ? OR a.excerpt LIKE ? OR a.plain_text LIKE ?)');
  const params = terms.flatMap((t) => [`%${t}%`, `%${t}%`, `%${t}%`]);
  return db.prepare(`SELECT a.id, a.title, a.slug, substr(a.plain_text, 1, 120) AS snippet FROM articles a
      WHERE a.deleted_at IS NULL AND ${where.join(' AND ') || '1'} ORDER BY a.updated_at DESC LIMIT 50`).all(...params);
}

/**
 * Re-indexing one saved article (the search share of a save), each in its own committed
 * transaction, beside rewriting the same article's row (a write of the same size without the
 * index). Both are idempotent, so the corpus library stays as built.
 */
function reindexRow(db: Database, size: number): BenchRow {
  const ids = db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY id LIMIT 40').pluck().all() as number[];
  // Between saves the app merges and checkpoints on its timer (between-saves.ts), as here.
  const stopTidying = tidyBetweenSaves(db, 3_600_000);
  const reindex = timeRunsWithCpu((i) => db.transaction(() => indexArticle(db, ids[i % ids.length]!))(), 40, 3, () => tidyNow(db));
  stopTidying();
  const rewrite = db.prepare('UPDATE articles SET plain_text = plain_text || \'\', body = body || \'\' WHERE id = ?');
  const rewrites = timeRuns((i) => db.transaction(() => rewrite.run(ids[i % ids.length]!))(), 40, 3);
  return timingRow('re-index one saved article', reindex.wall, {
    size, baseline: { name: 'rewrite its row', samples: rewrites }, target: REINDEX_TARGET_MS,
    note: `cpu p50/p95 ${percentile(reindex.cpu, 50).toFixed(1)}/${percentile(reindex.cpu, 95).toFixed(1)} ms (commit included; FTS5 merges segments now and then; segments merged and WAL checkpointed between saves, untimed, as the app does)`,
  });
}
