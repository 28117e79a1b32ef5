/**
 * Two-writers child: one "window" on a shared library, driven line by line from stdin.
 *
 * usage: writer LIBRARY ARTICLE_ID
 *   `save V LABEL`  saves the article as version V with title LABEL; prints the outcome as JSON
 *   `run N LABEL`   N saves in a row, each from a fresh read (conflicts are retried); prints a summary
 */
import { openLibrary } from '../../../src/core/db/open.js';
import { dispatch } from '../../../src/core/api/dispatch.js';
import { report, stdinLines } from './shared.js';

const [libraryPath, idArg] = process.argv.slice(2);
const id = Number(idArg);
const lib = await openLibrary(libraryPath!);
const ctx = { db: lib.db, libraryPath: lib.path };

report('ready');
stdinLines(async (line) => {
  const [cmd, a, label] = line.split(' ');
  if (cmd === 'save') {
    const r = await dispatch(ctx, 'articles.save', { id, version: Number(a), title: label });
    report(JSON.stringify(r.ok ? { label, named: Number(a), ok: true, version: (r.data as { version: number }).version } : { label, named: Number(a), ok: false, code: r.error.code, message: r.error.message }));
  } else if (cmd === 'run') {
    const successes: Array<{ title: string; named: number; version: number }> = [];
    const errors: unknown[] = [];
    let conflicts = 0;
    for (let i = 0; i < Number(a); ) {
      const current = await dispatch(ctx, 'articles.get', { id });
      if (!current.ok) { errors.push(current.error); break; }
      const named = (current.data as { version: number }).version;
      const title = `${label}-${i}`;
      const r = await dispatch(ctx, 'articles.save', { id, version: named, title });
      if (r.ok) {
        successes.push({ title, named, version: (r.data as { version: number }).version });
        i++;
      } else if (r.error.code === 'conflict') conflicts++;
      else { errors.push(r.error); break; }
    }
    report(JSON.stringify({ done: label, successes, conflicts, errors }));
  } else if (cmd === 'quit') {
    lib.close();
    process.exit(0);
  }
});
