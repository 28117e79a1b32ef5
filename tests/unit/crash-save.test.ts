import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { getArticle } from '../../src/core/articles/articles.js';
import { tempDir } from './helpers.js';
import { crashBody, crashPlainText, crashTitle } from './workers/shared.js';
import { startWorker, workerCommand, type RunningWorker } from './workers/spawn.js';
import { seededRandom, sleep } from './workers/random.js';

/**
 * Autosave under SIGKILL: a child process saves one article through the contract in a tight loop
 * and is killed at a random moment, 50 times. After every kill the library must pass SQLite's
 * integrity check, open through openLibrary, and hold at least the last save the child was told
 * had succeeded, whole (title, body, derived text and tags of one and the same version).
 */
const KILLS = 50;

describe('crash safety of autosave', () => {
  let dir: string;
  let file: string;
  let articleId: number;
  beforeAll(async () => {
    dir = tempDir('copydesk-crash-save-');
    file = path.join(dir, 'library.sqlite');
    const lib = await openLibrary(file);
    articleId = createArticle(lib.db, { title: crashTitle(1), body: crashBody(1), tags: ['t1'] }).id;
    lib.close();
    await workerCommand('save-loop');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged save whole across ${KILLS} SIGKILLs`, async () => {
    const random = seededRandom('crash-save');
    const start = () => startWorker('save-loop', [file, String(articleId)]);
    let lastAck = 1;
    let killedMidSave = 0;
    let inFlightLanded = 0;
    let totalAcks = 0;
    // Children load (and warm up) ahead of their turn, while earlier ones run and are checked.
    const AHEAD = 2;
    const queue: Array<Promise<RunningWorker>> = [];
    for (let i = 0; i < Math.min(AHEAD, KILLS); i++) queue.push(start());
    const began = Date.now();
    for (let round = 0; round < KILLS; round++) {
      const worker = await queue.shift()!;
      if (round + AHEAD < KILLS) queue.push(start());
      await worker.waitFor((l) => l === 'loaded');
      worker.send('go');
      // Mostly once the loop is running (a fresh process's first save is slow, cold code), now and
      // then anywhere from the first save on.
      await worker.waitFor((l) => l.startsWith(random() < 0.2 ? 'ready ' : 'ack '));
      await sleep(Math.floor(random() * 150));
      worker.child.kill('SIGKILL');
      const { signal } = await worker.exited;
      expect(signal, `round ${round}: ${worker.stderr()}`).toBe('SIGKILL');
      expect(worker.lines.some((l) => l.startsWith('error'))).toBe(false);

      const acks = worker.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
      const savings = worker.lines.filter((l) => l.startsWith('saving ')).map((l) => Number(l.slice(7)));
      totalAcks += acks.length;
      if (acks.length) lastAck = Math.max(lastAck, ...acks);
      const inFlight = savings.length ? Math.max(...savings) : null;
      if (inFlight !== null && inFlight > lastAck) killedMidSave++;

      // 1. SQLite's own check, on a plain connection (which also replays the write-ahead log).
      const raw = new BetterSqlite3(file);
      expect(raw.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();
      // 2. The app's own way in, and 3. the last acknowledged save, whole.
      const lib = await openLibrary(file);
      try {
        const a = getArticle(lib.db, articleId);
        expect(a.version, `round ${round}: acked ${lastAck}, in flight ${inFlight}`).toBeGreaterThanOrEqual(lastAck);
        expect(a.version).toBeLessThanOrEqual(Math.max(lastAck, inFlight ?? 0));
        if (a.version > lastAck) inFlightLanded++;
        expect(a.title).toBe(crashTitle(a.version));
        expect(a.body).toEqual(crashBody(a.version));
        expect(a.plainText).toBe(crashPlainText(a.version));
        expect(a.tags.map((t) => t.name)).toEqual([`t${a.version % 5}`]);
        lastAck = a.version; // the next child continues from what is stored
      } finally {
        lib.close();
      }
    }
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    console.log(`crash-save: ${KILLS} kills in ${seconds} s, ${totalAcks} acknowledged saves, ${killedMidSave} kills with a save in flight (${inFlightLanded} of those had committed)`);
    expect(totalAcks).toBeGreaterThanOrEqual(KILLS / 2);
    expect(killedMidSave).toBeGreaterThan(KILLS / 2);
  }, 300_000); // ~30 s on an idle 2-core machine; CPU-bound (50 Node processes), so slower when it is shared
});
