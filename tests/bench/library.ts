/**
 * The library as a whole, per corpus size: bulk import with indexing (beside a bare INSERT of
 * the same generated text, the storage floor), the file's size (beside the UTF-8 size of the
 * articles' text), and the core's RSS after opening it (beside the same process before opening).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { generateCorpus } from './corpus.js';
import { finishRow, megabytes, type BenchContext, type BenchRow } from './bench-kit.js';

const IMPORT_TARGET_S_PER_100K = 120;
const RSS_TARGET_MB = 400;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const lib = await ctx.library(size);
    const floor = bareInsert(ctx, size);
    rows.push(finishRow({
      name: 'bulk import + indexing', size, unit: 's', value: lib.importMs / 1000,
      baseline: { name: 'generate + bare INSERT', value: floor.ms / 1000 },
      target: (IMPORT_TARGET_S_PER_100K * size) / 100_000,
      note: `(${(lib.importMs / size).toFixed(2)} ms/article)`,
    }));
    const bytes = ['', '-wal'].reduce((s, x) => s + (fs.existsSync(lib.path + x) ? fs.statSync(lib.path + x).size : 0), 0);
    rows.push(finishRow({
      name: 'library file size', size, unit: 'MB', value: megabytes(bytes),
      baseline: { name: 'UTF-8 text of titles+bodies', value: megabytes(floor.textBytes) },
    }));
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'open-rss.ts'), lib.path], { encoding: 'utf8' });
    const rss = JSON.parse(out) as { baseline: number; opened: number };
    rows.push(finishRow({
      name: 'RSS after opening', size, unit: 'MB', value: megabytes(rss.opened),
      baseline: { name: 'core loaded, no library', value: megabytes(rss.baseline) }, target: RSS_TARGET_MB,
    }));
  }
  return rows;
}

/** Generation plus the cheapest possible storage of the same text: what any import must pay. */
function bareInsert(ctx: BenchContext, size: number): { ms: number; textBytes: number } {
  const file = path.join(ctx.workDir, `bare-${size}.sqlite`);
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE a (id INTEGER PRIMARY KEY, title TEXT, body TEXT, plain TEXT)');
  const insert = db.prepare('INSERT INTO a (title, body, plain) VALUES (?, ?, ?)');
  let textBytes = 0;
  const t0 = performance.now();
  db.transaction(() => {
    for (const a of generateCorpus({ seed: ctx.seed, count: size })) {
      const plain = a.paragraphs.join('\n');
      textBytes += Buffer.byteLength(a.title) + Buffer.byteLength(plain);
      insert.run(a.title, JSON.stringify(a.body), plain);
    }
  })();
  const ms = performance.now() - t0;
  db.close();
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  return { ms, textBytes };
}
