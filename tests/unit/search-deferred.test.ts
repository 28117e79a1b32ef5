import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { search } from '../../src/core/search/search.js';
import { createArticle, getArticle, insertArticle, saveArticle, trashArticle } from '../../src/core/articles/articles.js';
import { deferIndexing, indexArticle } from '../../src/core/search/indexer.js';

/** Every article's index key: the two paths must index the same articles under the same keys. */
function indexRowsOf(lib: TestLibrary): unknown[] {
  return lib.db.prepare('SELECT d.article_id, d.key FROM search_docs d ORDER BY d.article_id').safeIntegers(true).all();
}

const ids = (lib: TestLibrary, query: string): number[] =>
  search(lib.db, { query, page: 1, pageSize: 100 }).hits.map((h) => h.id).sort((a, b) => a - b);

let lib: TestLibrary;
let other: TestLibrary;
beforeEach(async () => { lib = await makeLibrary(); other = await makeLibrary(); });
afterEach(() => { lib.dispose(); other.dispose(); });

/** The same edits, one with deferred indexing and one article by article. */
function edits(target: TestLibrary): void {
  const made: number[] = [];
  for (let i = 0; i < 40; i++) {
    made.push(insertArticle(target.db, {
      title: `第${i}篇 园区调度`,
      body: bodyFromParagraphs([`都昌县新材料产业园 article ${i} ${i % 2 ? 'odd' : 'even'}`]),
      tags: [i % 3 ? '产业' : '招商'],
    }, { updatedAt: `2026-0${1 + (i % 9)}-1${i % 10}T08:00:00.000Z` }));
  }
  const a = getArticle(target.db, made[5]!);
  saveArticle(target.db, { id: a.id, version: a.version, title: '改过的标题 renamed' });
  trashArticle(target.db, made[7]!);
}

describe('deferred indexing (bulk import)', () => {
  it('writes the same index as indexing article by article, once the block ends', () => {
    deferIndexing(lib.db, () => edits(lib));
    edits(other);
    expect(indexRowsOf(lib)).toEqual(indexRowsOf(other));
    for (const q of ['园区', 'odd', '招商', '改过', 'renamed', '第7篇', '"article 12"', '产业 -odd']) {
      expect(ids(lib, q), q).toEqual(ids(other, q));
    }
    expect(ids(lib, '第7篇')).toEqual([]);
    expect(ids(lib, 'renamed')).toEqual([6]);
    expect(ids(lib, 'odd').length).toBe(19); // 20 odd articles, #8 (i = 7) in the trash
  });

  it('indexes nothing until the block ends, and nothing at all when it throws', () => {
    deferIndexing(lib.db, () => {
      createArticle(lib.db, { title: 'inside the block' });
      expect(ids(lib, 'inside')).toEqual([]);
    });
    expect(ids(lib, 'inside')).toEqual([1]);
    expect(() => deferIndexing(lib.db, () => {
      createArticle(lib.db, { title: 'rolled back' });
      throw new Error('the import failed');
    })).toThrow('the import failed');
    expect(ids(lib, 'rolled')).toEqual([]);
    expect(lib.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
    // And outside a block, indexing is immediate again.
    const after = createArticle(lib.db, { title: 'after the block' }).id;
    expect(ids(lib, 'after')).toEqual([after]);
    indexArticle(lib.db, after);
    expect(ids(lib, 'after')).toEqual([after]);
  });
});
