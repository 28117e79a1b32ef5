import { call, type OutputOf } from '../../../core/api/dispatch.js';
import type { Result } from '../../../core/api/contract.js';
import { CliUsageError, flagInt, type CliCommand, type CliIO } from '../command.js';

/** Unwraps a contract result for the CLI: an error becomes stderr and a non-zero exit. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw Object.assign(new Error(r.error.message), { contractError: r.error });
  return r.data;
}

const printJson = (io: CliIO, value: unknown) => io.out(JSON.stringify(value, null, 2));

export const listCommand: CliCommand = {
  name: 'list',
  usage: 'list [--json] [--limit N] [--status S] [--trashed]',
  summary: 'List articles, newest first (all of them unless --limit).',
  async run(ctx, args, io) {
    const limit = flagInt(args, 'limit');
    const status = typeof args.flags.status === 'string' ? args.flags.status : undefined;
    const items: OutputOf<'articles.list'>['items'] = [];
    for (let page = 1; ; page++) {
      const pageSize: number = limit !== undefined ? Math.min(500, Math.max(1, limit - items.length)) : 500;
      const r = unwrap(await call(ctx, 'articles.list', { page, pageSize, status: status as never, trashed: args.flags.trashed === true }));
      items.push(...r.items);
      if (r.items.length < pageSize || (limit !== undefined && items.length >= limit) || items.length >= r.total) break;
    }
    const shown = limit !== undefined ? items.slice(0, limit) : items;
    if (args.flags.json) printJson(io, shown);
    else for (const a of shown) io.out(`${String(a.id).padStart(6)}  ${a.status.padEnd(9)}  ${a.updatedAt.slice(0, 10)}  ${a.title || '(untitled)'}  [${a.slug}]`);
    return 0;
  },
};

export const showCommand: CliCommand = {
  name: 'show',
  usage: 'show ID [--json]',
  summary: 'Show one article.',
  async run(ctx, args, io) {
    const id = Number(args.positional[0]);
    if (!Number.isSafeInteger(id) || id <= 0) throw new CliUsageError('show needs an article id, e.g. `copydesk show 12`');
    const a = unwrap(await call(ctx, 'articles.get', { id }));
    if (args.flags.json) printJson(io, a);
    else {
      io.out(`# ${a.title}\n`);
      io.out(`id ${a.id} · ${a.status} · ${a.categoryPath.join(' › ') || 'uncategorised'} · updated ${a.updatedAt}`);
      if (a.tags.length) io.out(`tags: ${a.tags.map((t) => t.name).join(', ')}`);
      io.out(`\n${a.plainText}`);
    }
    return 0;
  },
};

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats [--json]',
  summary: 'Counts of articles, categories and tags.',
  async run(ctx, args, io) {
    const s = unwrap(await call(ctx, 'library.stats', {}));
    if (args.flags.json) printJson(io, s);
    else io.out(`${s.articles} articles (${s.trashed} in the trash), ${s.categories} categories, ${s.tags} tags`);
    return 0;
  },
};
