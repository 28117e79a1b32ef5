import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { dispatch } from '../../src/core/api/dispatch.js';
import type { CoreContext } from '../../src/core/api/contract.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { deskRepoPath } from '../../src/core/desk/state.js';
import { tempDir } from './helpers.js';
import { makeBareRemote, git } from '../support/git-remote.js';
import { startWorker, workerCommand } from './workers/spawn.js';
import { seededRandom, sleep } from './workers/random.js';

/**
 * A sync killed anywhere: a child process syncs a library that has new local work while the
 * desk also moved on, and is SIGKILLed at a random moment. After each kill the library passes
 * SQLite's integrity check, still holds every article it acknowledged, and the next sync
 * completes, after which the desk holds them too and the library holds the desk's.
 */
const KILLS = Number(process.env.COPYDESK_DESK_KILLS ?? 12);

async function call(ctx: CoreContext, op: string, input: unknown): Promise<any> {
  const r = await dispatch(ctx, op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error.code}: ${r.error.message}`);
  return r.data;
}

describe('crash safety of desk sync', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('copydesk-desk-crash-');
    await workerCommand('desk-sync');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`keeps the library and the repository consistent across ${KILLS} SIGKILLs mid-sync`, { timeout: 600_000 }, async () => {
    const random = seededRandom('desk-crash');
    const url = makeBareRemote(dir);
    const mine = path.join(dir, 'mine.sqlite');
    const peerLib = await openLibrary(path.join(dir, 'peer.sqlite'));
    const peer: CoreContext = { db: peerLib.db, libraryPath: peerLib.path };
    {
      const lib = await openLibrary(mine);
      const ctx = { db: lib.db, libraryPath: lib.path };
      await call(ctx, 'articles.create', { title: 'Seed', body: bodyFromParagraphs(['s1', 's2']) });
      await call(ctx, 'desk.join', { url, name: 'Mine', email: 'mine@example.org' });
      lib.close();
    }
    await call(peer, 'desk.join', { url, name: 'Peer', email: 'peer@example.org' });

    const acked: string[] = []; // uids of articles this library acknowledged
    const peerMade: string[] = [];
    let killedMidSync = 0;
    let syncMs = 0;
    for (let round = 0; round < KILLS; round++) {
      // The desk moves on...
      const p = await call(peer, 'articles.create', { title: `Peer ${round}`, body: bodyFromParagraphs([`p${round}`]) });
      peerMade.push((peer.db.prepare('SELECT uid FROM articles WHERE id = ?').get(p.id) as { uid: string }).uid);
      await call(peer, 'desk.sync', {});
      // ...and this library has new work of its own.
      {
        const lib = await openLibrary(mine);
        const a = await call({ db: lib.db, libraryPath: lib.path }, 'articles.create', { title: `Mine ${round}`, body: bodyFromParagraphs([`m${round}`]) });
        acked.push((lib.db.prepare('SELECT uid FROM articles WHERE id = ?').get(a.id) as { uid: string }).uid);
        lib.close();
      }
      const worker = await startWorker('desk-sync', [mine]);
      await worker.waitFor((l) => l === 'loaded');
      worker.send('go');
      await worker.waitFor((l) => l === 'syncing');
      const began = Date.now();
      if (round === 0) {
        // The first child runs to the end: how long a whole sync takes sets the range of kill moments.
        await worker.waitFor((l) => l === 'synced' || l.startsWith('error'), 120_000);
        syncMs = Date.now() - began;
      } else await sleep(Math.floor(random() * syncMs * 1.1));
      worker.child.kill('SIGKILL');
      await worker.exited;
      expect(worker.lines.some((l) => l.startsWith('error')), worker.lines.join('\n')).toBe(false);
      if (!worker.lines.includes('synced')) killedMidSync++;

      const raw = new BetterSqlite3(mine, { fileMustExist: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      const have = new Set((raw.prepare('SELECT uid FROM articles WHERE deleted_at IS NULL').all() as Array<{ uid: string }>).map((r) => r.uid));
      raw.close();
      for (const u of acked) expect(have.has(u), `round ${round}: acknowledged article ${u} lost`).toBe(true);
    }
    // The next sync completes, and then everything is everywhere.
    const lib = await openLibrary(mine);
    const ctx = { db: lib.db, libraryPath: lib.path };
    await call(ctx, 'desk.sync', {});
    await call(peer, 'desk.sync', {});
    const onDesk = git(['--git-dir', url, 'ls-tree', '-r', '--name-only', 'main']);
    for (const u of [...acked, ...peerMade]) expect(onDesk).toContain(`articles/${u}.md`);
    const mineHas = new Set((lib.db.prepare('SELECT uid FROM articles WHERE deleted_at IS NULL').all() as Array<{ uid: string }>).map((r) => r.uid));
    for (const u of peerMade) expect(mineHas.has(u)).toBe(true);
    const peerHas = new Set((peer.db.prepare('SELECT uid FROM articles WHERE deleted_at IS NULL').all() as Array<{ uid: string }>).map((r) => r.uid));
    for (const u of acked) expect(peerHas.has(u)).toBe(true);
    const status = await call(ctx, 'desk.status', {});
    expect(status, JSON.stringify({ ...status, lastResult: undefined, changes: lib.db.prepare('SELECT * FROM desk_changes').all() })).toMatchObject({ ahead: 0, behind: 0 });
    git(['--git-dir', deskRepoPath(mine), 'fsck', '--no-dangling', '--no-progress']);
    git(['--git-dir', url, 'fsck', '--no-dangling', '--no-progress']);
    console.log(`desk-crash: a whole sync took ${syncMs} ms; ${killedMidSync} of ${KILLS - 1} children killed before it finished`);
    lib.close();
    peerLib.close();
  });
});
