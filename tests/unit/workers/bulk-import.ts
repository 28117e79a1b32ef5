/**
 * Crash-test child: a bulk import, many createArticle calls in one transaction (as the importers
 * run them), killed by the parent part-way. It must land whole or not at all.
 *
 * usage: bulk-import LIBRARY COUNT TAG
 * stdout: `loaded`, then (after `go` on stdin) `begin`, `committed` once the transaction is in.
 */
import { openLibrary } from '../../../src/core/db/open.js';
import { createArticle } from '../../../src/core/articles/articles.js';
import { bodyFromParagraphs } from '../../../src/core/content/lexical-json.js';
import { report, stdinLines } from './shared.js';

const [libraryPath, countArg, tag] = process.argv.slice(2);
const count = Number(countArg);

report('loaded');
stdinLines(async (line) => {
  if (line !== 'go') return;
  const lib = await openLibrary(libraryPath!);
  report('begin');
  lib.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      createArticle(lib.db, {
        title: `${tag} imported ${i} 第${i}篇`,
        body: bodyFromParagraphs([`Imported paragraph ${i}. ${'都昌县产业园项目 '.repeat(20)}`, 'Second paragraph.']),
        tags: [tag!, `shared-${i % 7}`],
        status: i % 3 ? 'draft' : 'published',
      }, { sourceKey: `${tag}/${i}` });
    }
  })();
  report('committed');
  lib.close();
  process.exit(0);
});
