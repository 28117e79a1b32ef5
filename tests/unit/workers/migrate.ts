/**
 * Crash-test child: opens an older library (the real upgrade to the current version, with its
 * automatic backup), then runs one more, test-only, slow schema step, and is killed part-way.
 * The library must be left at a version, complete: never half a step.
 *
 * usage: migrate LIBRARY ROWS
 * stdout: `loaded`; after `go`: `opened V` (the real upgrade is done), `migrated V+1`.
 */
import { openLibrary } from '../../../src/core/db/open.js';
import { LATEST_SCHEMA_VERSION, migrations, runMigrations, type Migration } from '../../../src/core/db/migrations.js';
import { report, stdinLines } from './shared.js';

const [libraryPath, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);

/** The test-only step: a new table filled with many rows, and a change to every article. */
export const probeStep: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  description: 'crash probe (test only)',
  up: (db) => {
    db.exec('CREATE TABLE crash_probe (n INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO crash_probe (n, payload) VALUES (?, ?)');
    for (let n = 0; n < rows; n++) insert.run(n, `row ${n} ${'x'.repeat(200)}`);
    db.exec(`UPDATE articles SET meta = json_set(meta, '$.probe', 1)`);
  },
};

report('loaded');
stdinLines(async (line) => {
  if (line !== 'go') return;
  const lib = await openLibrary(libraryPath!);
  report(`opened ${lib.db.pragma('user_version', { simple: true })}`);
  (migrations as Migration[]).push(probeStep);
  runMigrations(lib.db, LATEST_SCHEMA_VERSION, probeStep.version);
  report(`migrated ${lib.db.pragma('user_version', { simple: true })}`);
  lib.close();
  process.exit(0);
});
