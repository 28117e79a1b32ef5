/**
 * Child process of the `library` bench: the core's memory after opening a library and showing
 * its first list page, as the app does at start. Prints JSON {baseline, opened} RSS in bytes;
 * baseline is the same process with the core loaded but no library open.
 */
import { openLibrary } from '../../src/core/db/open.js';
import { dispatch } from '../../src/core/api/dispatch.js';

const file = process.argv[2];
if (!file) throw new Error('usage: open-rss.ts LIBRARY');
globalThis.gc?.();
const baseline = process.memoryUsage().rss;
const lib = await openLibrary(file);
const ctx = { db: lib.db, libraryPath: lib.path };
const r = await dispatch(ctx, 'articles.list', { page: 1, pageSize: 100 });
if (!r.ok) throw new Error(r.error.message);
globalThis.gc?.();
const opened = process.memoryUsage().rss;
lib.close();
process.stdout.write(JSON.stringify({ baseline, opened }));
