import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { BACKSTOP_PAGES, tidyBetweenSaves, tidyNow } from '../../src/core/db/between-saves.js';
import { getArticle, saveArticle } from '../../src/core/articles/articles.js';
import { search } from '../../src/core/search/search.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let lib: TestLibrary;
beforeEach(async () => { lib = await makeLibrary(); });
afterEach(() => lib.dispose());

function writeSome(n: number): void {
  for (let i = 0; i < n; i++) createArticle(lib.db, { title: `检查点 ${i}`, body: bodyFromParagraphs([`第${i}段 `.repeat(200)]) });
}

describe('housekeeping between saves', () => {
  it('leaves commits in the log (backstop only), and the timer copies them into the library file', async () => {
    expect(lib.db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    writeSome(60);
    const before = fs.statSync(lib.path).size;
    expect(fs.statSync(`${lib.path}-wal`).size).toBeGreaterThan(before);
    const stop = tidyBetweenSaves(lib.db, 10);
    // A checkpoint copies the log's pages into the file, which grows to hold them.
    for (let i = 0; i < 100 && fs.statSync(lib.path).size === before; i++) await sleep(10);
    expect(fs.statSync(lib.path).size).toBeGreaterThan(before);
    stop();
    const stopped = fs.statSync(lib.path).size;
    writeSome(60);
    await sleep(100);
    expect(fs.statSync(lib.path).size, 'no checkpoint after stop()').toBe(stopped);
  });

  it('leaves an idle library alone: no tick after the one that tidied the last change', async () => {
    writeSome(3);
    const changes = () => lib.db.prepare('SELECT total_changes()').pluck().get() as number;
    const stop = tidyBetweenSaves(lib.db, 5);
    await sleep(60); // the first ticks tidy the writes above
    const idle = changes();
    await sleep(100);
    expect(changes(), 'an idle tick wrote').toBe(idle);
    writeSome(1);
    const written = changes();
    for (let i = 0; i < 50 && changes() === written; i++) await sleep(5);
    expect(changes(), 'a change is tidied').toBeGreaterThan(written);
    stop();
  });

  it('hands segment merging to the timer: saves do not merge, tidying does, and search stays exact', () => {
    const automerge = () => lib.db.prepare("SELECT v FROM search_index_config WHERE k = 'automerge'").pluck().get();
    expect(automerge()).toBeUndefined(); // FTS5's default (4) until a host takes over
    const stop = tidyBetweenSaves(lib.db, 60_000);
    expect(automerge()).toBe(0);
    const id = createArticle(lib.db, { title: '反复保存', body: bodyFromParagraphs(['开头']) }).id;
    for (let i = 0; i < 30; i++) {
      const a = getArticle(lib.db, id);
      saveArticle(lib.db, { id, version: a.version, body: bodyFromParagraphs([`第${i}次保存的正文 revision${i}`]) });
      if (i % 7 === 0) tidyNow(lib.db);
    }
    const hits = (q: string) => search(lib.db, { query: q, page: 1, pageSize: 10 }).hits.map((h) => h.id);
    expect(hits('第29次保存')).toEqual([id]);
    expect(hits('revision28')).toEqual([]);
    tidyNow(lib.db);
    expect(hits('revision29')).toEqual([id]);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    lib.db.prepare("INSERT INTO search_index (search_index) VALUES ('integrity-check')").run();
    stop();
  });
});
