/**
 * Crash-test child: runs one desk sync of a library through the contract, to be SIGKILLed
 * anywhere inside it.
 *
 * usage: desk-sync LIBRARY
 * stdout: `loaded`, then (after `go` on stdin) `syncing`, then `synced` or `error {…}`.
 */
import { openLibrary } from '../../../src/core/db/open.js';
import { dispatch } from '../../../src/core/api/dispatch.js';
import { report, stdinLines } from './shared.js';

const [libraryPath] = process.argv.slice(2);

report('loaded');
stdinLines(async (line) => {
  if (line !== 'go') return;
  const lib = await openLibrary(libraryPath!);
  report('syncing');
  const r = await dispatch({ db: lib.db, libraryPath: lib.path }, 'desk.sync', {});
  report(r.ok ? 'synced' : `error ${JSON.stringify(r.error)}`);
  lib.close();
  process.exit(0);
});
