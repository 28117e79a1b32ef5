import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations.js';
import { CoreError } from '../../src/core/errors.js';
import { tempDir } from './helpers.js';
import { libraryChecksum } from './workers/shared.js';
import { startWorker, workerCommand, type RunningWorker } from './workers/spawn.js';
import { seededRandom, sleep } from './workers/random.js';

const FIXTURE_V1 = path.resolve(import.meta.dirname, '../fixtures/libraries/v1.sqlite');

/** Runs one child to a random kill (or to the end when `killAfterMs` is null). */
async function runAndMaybeKill(worker: RunningWorker, startLine: string, killAfterMs: number | null): Promise<{ killed: boolean; ms: number }> {
  await worker.waitFor((l) => l === 'loaded');
  const t0 = Date.now();
  worker.send('go');
  if (killAfterMs === null) {
    const { code } = await worker.exited;
    expect(code, worker.stderr()).toBe(0);
    return { killed: false, ms: Date.now() - t0 };
  }
  await worker.waitFor((l) => l.startsWith(startLine));
  await sleep(killAfterMs);
  worker.child.kill('SIGKILL');
  const { signal } = await worker.exited;
  return { killed: signal === 'SIGKILL', ms: Date.now() - t0 };
}

function integrity(file: string): string {
  const db = new BetterSqlite3(file);
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('a crash in the middle of a bulk import', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = tempDir('copydesk-crash-import-');
    file = path.join(dir, 'library.sqlite');
    (await openLibrary(file)).close();
    await workerCommand('bulk-import');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves all of an import or none of it, 10 kills', async () => {
    const COUNT = 200;
    const random = seededRandom('crash-import');
    const count = (tag: string) => {
      const db = new BetterSqlite3(file, { readonly: true });
      try {
        const q = (sql: string) => (db.prepare(sql).get(`${tag}/%`) as { n: number }).n;
        return {
          articles: q('SELECT count(*) AS n FROM articles WHERE source_key LIKE ?'),
          revisions: q('SELECT count(*) AS n FROM revisions WHERE article_id IN (SELECT id FROM articles WHERE source_key LIKE ?)'),
          tagged: q('SELECT count(*) AS n FROM article_tags WHERE article_id IN (SELECT id FROM articles WHERE source_key LIKE ?)'),
          tag: (db.prepare('SELECT count(*) AS n FROM tags WHERE name = ?').get(tag) as { n: number }).n,
        };
      } finally {
        db.close();
      }
    };
    // Round 0 runs to the end: it proves the import works and measures how long one takes.
    const first = await runAndMaybeKill(await startWorker('bulk-import', [file, String(COUNT), 'round0']), 'begin', null);
    expect(count('round0')).toEqual({ articles: COUNT, revisions: COUNT, tagged: COUNT * 2, tag: 1 });
    let whole = 0;
    let none = 0;
    let next = startWorker('bulk-import', [file, String(COUNT), 'round1']);
    for (let round = 1; round <= 10; round++) {
      const worker = await next;
      if (round < 10) next = startWorker('bulk-import', [file, String(COUNT), `round${round + 1}`]);
      const tag = `round${round}`;
      // Up to a little past the measured length, so some kills come after the commit.
      await runAndMaybeKill(worker, 'begin', Math.floor(random() * first.ms * 1.3));
      expect(integrity(file), `round ${round}`).toBe('ok');
      const lib = await openLibrary(file);
      lib.close();
      const c = count(tag);
      if (worker.lines.includes('committed') || c.articles > 0) {
        expect(c, `round ${round}`).toEqual({ articles: COUNT, revisions: COUNT, tagged: COUNT * 2, tag: 1 });
        whole++;
      } else {
        expect(c, `round ${round}`).toEqual({ articles: 0, revisions: 0, tagged: 0, tag: 0 });
        none++;
      }
    }
    console.log(`crash-import: import of ${COUNT} takes ~${first.ms} ms; after 10 kills: ${whole} whole, ${none} none`);
    expect(none).toBeGreaterThan(0);
  }, 180_000);
});

describe('a crash in the middle of a migration', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('copydesk-crash-migrate-');
    await workerCommand('migrate');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves the library at the old version intact or the new one complete, 10 kills', async () => {
    const ROWS = 20_000;
    const random = seededRandom('crash-migrate');
    const fixture = new BetterSqlite3(FIXTURE_V1, { readonly: true });
    const v1Tables = (fixture.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    const fixtureAll = libraryChecksum(fixture);
    // Later steps add columns to some v1 tables (articles, and the desk's uid on categories and
    // tags): those are compared on their v1 columns, the rest whole.
    const widened = ['articles', 'categories', 'tags'];
    const fixtureData = libraryChecksum(fixture, v1Tables.filter((t) => !widened.includes(t)));
    const v1Columns = (table: string) => (fixture.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => `"${c.name}"`).join(', ');
    const v1Rows = (db: BetterSqlite3.Database) => Object.fromEntries(widened.slice(1).map((t) => [t, db.prepare(`SELECT ${v1Columns(t)} FROM "${t}" ORDER BY id`).all()]));
    const fixtureTaxonomy = v1Rows(fixture);
    const fixtureArticles = fixture.prepare('SELECT id, title, body, version FROM articles ORDER BY id').all();
    const copy = (round: number) => {
      const f = path.join(dir, `round${round}.sqlite`);
      fs.copyFileSync(FIXTURE_V1, f);
      return f;
    };
    const first = await runAndMaybeKill(await startWorker('migrate', [copy(0), String(ROWS)]), 'opened', null);
    const seen = new Map<number, number>();
    let next = startWorker('migrate', [copy(1), String(ROWS)]);
    for (let round = 1; round <= 10; round++) {
      const worker = await next;
      if (round < 10) next = startWorker('migrate', [copy(round + 1), String(ROWS)]);
      const file = path.join(dir, `round${round}.sqlite`);
      // Kill anywhere from the start of the real upgrade to the end of the test-only step.
      await runAndMaybeKill(worker, 'loaded', Math.floor(random() * first.ms * 1.3));
      expect(integrity(file), `round ${round}`).toBe('ok');
      const db = new BetterSqlite3(file, { readonly: true });
      const version = db.pragma('user_version', { simple: true }) as number;
      seen.set(version, (seen.get(version) ?? 0) + 1);
      const probe = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'crash_probe'").get() !== undefined;
      if (version === 1) {
        expect(libraryChecksum(db), `round ${round}: still version 1, so untouched`).toBe(fixtureAll);
      } else if (version === LATEST_SCHEMA_VERSION) {
        expect(probe).toBe(false);
        expect(libraryChecksum(db, v1Tables.filter((t) => !widened.includes(t)))).toBe(fixtureData);
        expect(v1Rows(db)).toEqual(fixtureTaxonomy);
        expect(db.prepare('SELECT id, title, body, version FROM articles ORDER BY id').all()).toEqual(fixtureArticles);
      } else {
        expect(version, `round ${round}`).toBe(LATEST_SCHEMA_VERSION + 1);
        expect((db.prepare('SELECT count(*) AS n FROM crash_probe').get() as { n: number }).n).toBe(ROWS);
        expect((db.prepare("SELECT count(*) AS n FROM articles WHERE json_extract(meta, '$.probe') IS NOT 1").get() as { n: number }).n).toBe(0);
      }
      db.close();
      // What the app does next: a version it knows opens (and upgrades); the test step's is "newer".
      const opened = await openLibrary(file).then((l) => { l.close(); return 'opened'; }, (e: unknown) => e);
      if (version <= LATEST_SCHEMA_VERSION) expect(opened).toBe('opened');
      else expect(opened).toBeInstanceOf(CoreError);
    }
    fixture.close();
    console.log(`crash-migrate: a run takes ~${first.ms} ms; versions found after 10 kills: ${JSON.stringify(Object.fromEntries(seen))}`);
  }, 180_000);
});
