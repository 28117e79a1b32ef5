import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { warmUp } from '../../src/core/api/warm-up.js';
import { makeLibrary, type TestLibrary } from './helpers.js';

/**
 * The hosts warm a freshly opened library in the background: the library view's first calls,
 * made once while the window loads. Every call must be one the contract accepts (else it warms
 * nothing), nothing may be written, other calls get turns in between, and it stops quietly when
 * stopped or when the library closes under it.
 */
describe('warmUp', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
    const cat = await lib.ok('categories.create', { name: '产业新闻' });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await lib.ok('articles.create', { title: `中国产业园第${i}篇` })).id);
    await lib.ok('articles.setCategory', { ids, categoryId: cat.id });
    await lib.ok('articles.setTags', { ids, tags: ['园区'] });
  });
  afterEach(() => lib.dispose());

  const changes = () => (lib.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

  it("makes the library view's first calls, each accepted, in the background, writing nothing", async () => {
    const before = changes();
    const { done } = warmUp(lib.ctx);
    let finished = false;
    void done.then(() => (finished = true));
    let turns = 0;
    while (!finished) {
      turns++;
      await new Promise((r) => setImmediate(r));
    }
    const results = await done;
    expect(results.map((r) => r.op)).toEqual(['settings.get', 'articles.list', 'categories.list', 'tags.list', 'search']);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(turns).toBeGreaterThanOrEqual(results.length); // other work got turns between its calls
    expect(changes()).toBe(before);
  });

  it('stops when told to, and when the library is closed under it', async () => {
    const stopped = warmUp(lib.ctx);
    stopped.stop();
    expect(await stopped.done).toEqual([]);

    const closed = warmUp(lib.ctx);
    lib.close();
    expect(await closed.done).toEqual([]);
  });
});
