import type { CoreContext } from './contract.js';
import { dispatch } from './dispatch.js';

/**
 * The calls the library view makes as a window opens (settings, the first page of the list, the
 * sidebar's categories and tags with their counts, and a search as soon as the editor types).
 * The first of each on a fresh connection pays one-time costs: SQLite reading the list and
 * count indexes into its page cache, preparing statements, the Traditional→Simplified tables of
 * search folding, the query parser's and snippets' Unicode regular expressions.
 */
const FIRST_CALLS: ReadonlyArray<readonly [string, unknown]> = [
  ['settings.get', {}],
  ['articles.list', { page: 1, pageSize: 500, sort: 'updated', order: 'desc', trashed: false }],
  ['categories.list', {}],
  ['tags.list', {}],
  // Any Chinese query: its folding loads the conversion tables whether or not it matches.
  ['search', { query: '中国', filters: {}, page: 1, pageSize: 50 }],
];

/**
 * Makes those calls once, in the background, right after a host opens a library: the host is
 * idle while the window loads its page, so the window's own first calls find a warm
 * connection. Read-only; one call per turn of the event loop, so a request that arrives
 * meanwhile waits for one call at most. `stop()` drops what is left (so does closing the
 * library); `done` says how each call went, for tests: a call the contract refuses warms nothing.
 */
export function warmUp(ctx: CoreContext): { stop(): void; done: Promise<Array<{ op: string; ok: boolean }>> } {
  let stopped = false;
  const results: Array<{ op: string; ok: boolean }> = [];
  const done = new Promise<typeof results>((resolve) => {
    let next = 0;
    const step = () => {
      if (stopped || !ctx.db.open || next >= FIRST_CALLS.length) return resolve(results);
      const [op, input] = FIRST_CALLS[next++]!;
      void dispatch(ctx, op, input).then((r) => {
        results.push({ op, ok: r.ok });
        setImmediate(step);
      });
    };
    setImmediate(step);
  });
  return { stop: () => { stopped = true; }, done };
}
