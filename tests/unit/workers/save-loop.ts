/**
 * Crash-test child: saves one article through the contract (dispatch 'articles.save', exactly as
 * autosave does) in a tight loop, and reports each acknowledged version on stdout.
 *
 * usage: save-loop LIBRARY ARTICLE_ID
 * stdout: `loaded` (modules ready; waits for `go` on stdin, so the parent can start the next child
 * early), `ready V`, then `saving V+1` before and `ack V+1` after each save, until killed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibrary } from '../../../src/core/db/open.js';
import { dispatch } from '../../../src/core/api/dispatch.js';
import { crashBody, crashTitle, report, stdinLines } from './shared.js';

const [libraryPath, idArg] = process.argv.slice(2);
const id = Number(idArg);

// Warm up on a scratch library first (cold code makes a fresh process's first save ~10x slower),
// so that once told to go, the child is in its steady loop at once.
{
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-warmup-'));
  const scratch = await openLibrary(path.join(scratchDir, 'warmup.sqlite'));
  const sctx = { db: scratch.db, libraryPath: scratch.path };
  const created = await dispatch(sctx, 'articles.create', { title: crashTitle(1), body: crashBody(1), tags: ['t1'] });
  let v = (created as { ok: true; data: { id: number; version: number } }).data;
  for (let i = 2; i < 3; i++) {
    const r = await dispatch(sctx, 'articles.save', { id: v.id, version: v.version, title: crashTitle(i), body: crashBody(i), tags: [`t${i % 5}`] });
    v = (r as { ok: true; data: { id: number; version: number } }).data;
  }
  scratch.close();
  fs.rmSync(scratchDir, { recursive: true, force: true });
}
report('loaded');
stdinLines(async (line) => {
  if (line !== 'go') return;
  const lib = await openLibrary(libraryPath!);
  const ctx = { db: lib.db, libraryPath: lib.path };
  let version = (lib.db.prepare('SELECT version FROM articles WHERE id = ?').get(id) as { version: number }).version;
  report(`ready ${version}`);
  for (;;) {
    const next = version + 1;
    report(`saving ${next}`);
    const r = await dispatch(ctx, 'articles.save', { id, version, title: crashTitle(next), body: crashBody(next), tags: [`t${next % 5}`] });
    if (!r.ok) {
      report(`error ${JSON.stringify(r.error)}`);
      process.exit(3);
    }
    version = (r.data as { version: number }).version;
    report(`ack ${version}`);
  }
});
