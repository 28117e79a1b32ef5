/**
 * Crash-test child: restores a backup over the library (in place, one transaction) and is killed
 * part-way. The library must be the old one or the restored one, never a mix.
 *
 * usage: restore LIBRARY BACKUP_NAME
 * stdout: `loaded`; after `go`: `restoring`, then `restored` with the safety backup's name.
 */
import { openLibrary } from '../../../src/core/db/open.js';
import { dispatch } from '../../../src/core/api/dispatch.js';
import { report, stdinLines } from './shared.js';

const [libraryPath, name] = process.argv.slice(2);

report('loaded');
stdinLines(async (line) => {
  if (line !== 'go') return;
  const lib = await openLibrary(libraryPath!);
  report('restoring');
  const r = await dispatch({ db: lib.db, libraryPath: lib.path }, 'backup.restore', { name });
  report(r.ok ? `restored ${(r.data as { safetyBackup: { name: string } }).safetyBackup.name}` : `error ${JSON.stringify(r.error)}`);
  lib.close();
  process.exit(0);
});
