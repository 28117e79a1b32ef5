/**
 * Crash-test child: saves one article through the contract (dispatch 'articles.save', exactly as
 * autosave does) in a tight loop, and reports each acknowledged version on stdout.
 *
 * usage: save-loop LIBRARY ARTICLE_ID
 * stdout: `loaded` (modules ready; waits for `go` on stdin, so the parent can start the next child
 * early), `ready V`, then `saving V+1` before and `ack V+1` after each save, until killed.
 */
import { openLibrary } from '../../../src/core/db/open.js';
import { dispatch } from '../../../src/core/api/dispatch.js';
import { crashBody, crashTitle, report, stdinLines } from './shared.js';

const [libraryPath, idArg] = process.argv.slice(2);
const id = Number(idArg);

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
