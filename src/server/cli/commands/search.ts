import { call } from '../../../core/api/dispatch.js';
import { flagInt, flagString, type CliCommand, type ParsedArgs } from '../command.js';
import { unwrap } from './basic.js';

const list = (args: ParsedArgs, name: string): string[] | undefined => {
  const v = args.flags[name];
  if (v === undefined || typeof v === 'boolean') return undefined;
  return Array.isArray(v) ? v : [v];
};

/** Marks matches for a terminal: bold on a TTY, «…» elsewhere (pipes, logs). */
function mark(text: string, ranges: ReadonlyArray<readonly [number, number]>, tty: boolean): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += text.slice(at, s) + (tty ? `\x1b[1m${text.slice(s, e)}\x1b[22m` : `«${text.slice(s, e)}»`);
    at = e;
  }
  return out + text.slice(at);
}

export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'search "QUERY" [--json] [--limit N] [--page N] [--tag T] [--category C] [--status S]',
  summary: 'Full-text search (Chinese and English; "phrases", -exclude, OR, tag:, category:, status:, author:, before:, after:).',
  async run(ctx, args, io) {
    const query = args.positional.join(' ');
    const pageSize = Math.min(200, Math.max(1, flagInt(args, 'limit') ?? 50));
    const page = Math.max(1, flagInt(args, 'page') ?? 1);
    const statuses = list(args, 'status');
    const r = unwrap(await call(ctx, 'search', {
      query,
      page,
      pageSize,
      filters: {
        tags: list(args, 'tag'),
        categories: list(args, 'category'),
        statuses: statuses as never,
        authors: list(args, 'author'),
        after: flagString(args, 'after'),
        before: flagString(args, 'before'),
      },
    }));
    if (args.flags.json) {
      io.out(JSON.stringify(r.hits, null, 2));
      return 0;
    }
    const tty = process.stdout.isTTY === true;
    const count = `${r.totalIsEstimate ? 'about ' : ''}${r.total} ${r.total === 1 ? 'article' : 'articles'}`;
    io.out(`${count}${r.order === 'recency' && query.trim() ? ', newest first (very common terms)' : ''} · ${r.tookMs.toFixed(1)} ms`);
    for (const h of r.hits) {
      io.out(`\n${String(h.id).padStart(6)}  ${mark(h.title || '(untitled)', h.titleRanges, tty)}  [${h.slug}]`);
      io.out(`        ${h.status} · ${h.updatedAt.slice(0, 10)} · ${h.categoryPath.join(' › ') || 'uncategorised'}`);
      if (h.snippet.text) io.out(`        ${mark(h.snippet.text, h.snippet.ranges, tty)}`);
    }
    return 0;
  },
};
