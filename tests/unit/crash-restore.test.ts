import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { createBackup } from '../../src/core/db/backups.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { tempDir } from './helpers.js';
import { libraryChecksum } from './workers/shared.js';
import { startWorker, workerCommand } from './workers/spawn.js';
import { seededRandom, sleep } from './workers/random.js';

/**
 * A crash in the middle of a restore: the library is replaced in one write transaction, so after
 * a SIGKILL it is either the library as it was or the backup, whole, and opens cleanly.
 */
describe('a crash in the middle of a restore', () => {
  let dir: string;
  let file: string;
  let backupName: string;
  let original: string;
  let restored: string;
  beforeAll(async () => {
    dir = tempDir('copydesk-crash-restore-');
    file = path.join(dir, 'library.sqlite');
    const lib = await openLibrary(file);
    // The backup: a few MB, so copying it takes a while.
    for (let i = 0; i < 300; i++) createArticle(lib.db, { title: `Backed up ${i}`, body: bodyFromParagraphs([`第${i}篇 ${'都昌县产业园项目 '.repeat(300)}`]) });
    backupName = (await createBackup(lib.db, file, 'manual')).name;
    restored = libraryChecksum(lib.db);
    // The library as it is now: different articles.
    lib.db.exec('DELETE FROM articles');
    for (let i = 0; i < 50; i++) createArticle(lib.db, { title: `Current ${i}` });
    original = libraryChecksum(lib.db);
    lib.close();
    await workerCommand('restore');
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves the old library or the restored one, whole, 8 kills', async () => {
    const random = seededRandom('crash-restore');
    const pristine = path.join(dir, 'pristine.sqlite');
    fs.copyFileSync(file, pristine);
    // Round 0 measures a whole restore.
    const w0 = await startWorker('restore', [file, backupName]);
    await w0.waitFor((l) => l === 'loaded');
    const t0 = Date.now();
    w0.send('go');
    await w0.waitFor((l) => l.startsWith('restored '), 60_000);
    const took = Date.now() - t0;
    const seen = { old: 0, restored: 0 };
    for (let round = 1; round <= 8; round++) {
      fs.copyFileSync(pristine, file);
      const w = await startWorker('restore', [file, backupName]);
      await w.waitFor((l) => l === 'loaded');
      w.send('go');
      await w.waitFor((l) => l === 'restoring');
      await sleep(Math.floor(random() * took));
      w.child.kill('SIGKILL');
      await w.exited;
      const db = new BetterSqlite3(file);
      expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
      const sum = libraryChecksum(db);
      db.close();
      expect([original, restored], `round ${round}: neither the old library nor the backup`).toContain(sum);
      if (sum === original) seen.old++;
      else seen.restored++;
      (await openLibrary(file)).close();
      for (const f of fs.readdirSync(path.join(dir))) if (f.endsWith('-wal') || f.endsWith('-shm')) fs.rmSync(path.join(dir, f), { force: true });
    }
    console.log(`crash-restore: a restore takes ~${took} ms; after 8 kills: ${seen.old} old, ${seen.restored} restored`);
  }, 180_000);
});
