import { call } from '../../../core/api/dispatch.js';
import type { CoreContext } from '../../../core/api/contract.js';
import type { OutputOf } from '../../../core/api/dispatch.js';
import { describeReason } from '../../../core/related/suggest/reason-text.js';
import { CliUsageError, flagInt, type CliCommand, type CliIO, type ParsedArgs } from '../command.js';
import { unwrap } from './basic.js';

/**
 *   copydesk related ID [--json] [--limit N]      links, backlinks, suggestions, near-duplicates
 *   copydesk related add ID TARGET [--at N]       list TARGET among ID's related articles
 *   copydesk related add-both ID TARGET           ...and ID among TARGET's (one transaction)
 *   copydesk related remove ID TARGET             (remove-both: both directions)
 *   copydesk related order ID TARGET...           set the whole order
 *   copydesk related impact ID...                 who loses a link if these are deleted forever
 */

const USAGE = 'related ID [--json] [--limit N] | related add|add-both|remove|remove-both ID TARGET [--at N] | related order ID TARGET... | related impact ID...';

function articleId(value: string | undefined, what: string): number {
  const id = Number(value);
  if (value === undefined || !Number.isSafeInteger(id) || id <= 0) {
    throw new CliUsageError(`${what} must be an article id (a whole number), not ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  return id;
}

const printJson = (io: CliIO, value: unknown) => io.out(JSON.stringify(value, null, 2));

type RelatedList = OutputOf<'related.list'>;
type Linked = RelatedList['links'][number];

const mark = (a: { state: string; status: string }) => (a.state === 'live' ? '' : a.state === 'trashed' ? '  [in the trash]' : `  [not published: ${a.status}]`);
const line = (a: { id: number; title: string; slug: string }) => `#${a.id} ${a.title || '(untitled)'} [${a.slug}]`;

function printList(io: CliIO, list: RelatedList): void {
  io.out(`Related articles of #${list.articleId}:`);
  if (!list.links.length) io.out('  (none listed)');
  for (const l of list.links) io.out(`  ${l.position + 1}. ${line(l)}${l.reciprocal ? '  <->' : ''}${mark(l)}`);
  if (list.inText.length) {
    io.out('In the text:');
    for (const l of list.inText) io.out(`  - ${line(l)}${mark(l)}`);
  }
}

/** The JSON shape of `related ID --json`: what a script needs, reasons as readable phrases. */
function linkJson(l: Linked | RelatedList['inText'][number], kind: 'related' | 'text') {
  return {
    id: l.id, slug: l.slug, title: l.title, status: l.status, state: l.state, kind,
    ...('position' in l ? { position: l.position, reciprocal: l.reciprocal } : {}),
  };
}

async function show(ctx: CoreContext, args: ParsedArgs, io: CliIO): Promise<number> {
  const id = articleId(args.positional[0], 'ID');
  if (args.positional.length > 1) throw new CliUsageError(`unexpected ${JSON.stringify(args.positional[1])}`);
  const limit = flagInt(args, 'limit') ?? 10;
  if (limit < 1 || limit > 50) throw new CliUsageError('--limit takes 1 to 50');
  const list = unwrap(await call(ctx, 'related.list', { id }));
  const back = unwrap(await call(ctx, 'related.backlinks', { id }));
  const suggested = unwrap(await call(ctx, 'related.suggest', { id, limit }));
  if (args.flags.json) {
    printJson(io, {
      id,
      links: [...list.links.map((l) => linkJson(l, 'related')), ...list.inText.map((l) => linkJson(l, 'text'))],
      backlinks: back.backlinks.map((b) => ({ id: b.id, slug: b.slug, title: b.title, status: b.status, state: b.state, kinds: b.kinds })),
      suggestions: suggested.suggestions.map((s) => ({
        id: s.id, slug: s.slug, title: s.title, status: s.status, score: s.score,
        reasons: s.reasons.map(describeReason),
        evidence: s.reasons,
      })),
      nearDuplicates: suggested.nearDuplicates.map((d) => ({
        id: d.id, slug: d.slug, title: d.title, status: d.status, state: d.state,
        similarity: d.similarity, containment: d.containment, linked: d.linked,
      })),
    });
    return 0;
  }
  printList(io, list);
  io.out('Linked from:');
  if (!back.backlinks.length) io.out('  (nothing links here)');
  for (const b of back.backlinks) io.out(`  - ${line(b)}  (${b.kinds.map((k) => (k === 'related' ? 'related list' : 'in the text')).join(', ')})${mark(b)}`);
  io.out('Suggestions:');
  if (!suggested.suggestions.length) io.out('  (none)');
  for (const s of suggested.suggestions) {
    io.out(`  ${s.score.toFixed(2)}  ${line(s)}`);
    io.out(`        ${s.reasons.map(describeReason).join('; ')}`);
  }
  if (suggested.nearDuplicates.length) {
    io.out('Near-duplicates (the same text, almost entirely):');
    for (const d of suggested.nearDuplicates) io.out(`  ! ${line(d)}  similarity ${d.similarity.toFixed(2)}, containment ${d.containment.toFixed(2)}${mark(d)}`);
  }
  return 0;
}

async function change(ctx: CoreContext, sub: string, args: ParsedArgs, io: CliIO): Promise<number> {
  const [, idText, targetText, ...rest] = args.positional;
  const id = articleId(idText, 'ID');
  const targetId = articleId(targetText, 'TARGET');
  if (rest.length) throw new CliUsageError(`unexpected ${JSON.stringify(rest[0])}`);
  const reciprocal = sub.endsWith('-both');
  const at = flagInt(args, 'at');
  const list = sub.startsWith('add')
    ? unwrap(await call(ctx, 'related.add', { id, targetId, reciprocal, ...(at !== undefined ? { position: Math.max(0, at - 1) } : {}) }))
    : unwrap(await call(ctx, 'related.remove', { id, targetId, reciprocal }));
  if (args.flags.json) printJson(io, list);
  else printList(io, list);
  return 0;
}

async function order(ctx: CoreContext, args: ParsedArgs, io: CliIO): Promise<number> {
  const [, idText, ...targets] = args.positional;
  const id = articleId(idText, 'ID');
  const list = unwrap(await call(ctx, 'related.reorder', { id, order: targets.map((t) => articleId(t, 'TARGET')) }));
  if (args.flags.json) printJson(io, list);
  else printList(io, list);
  return 0;
}

async function impact(ctx: CoreContext, args: ParsedArgs, io: CliIO): Promise<number> {
  const ids = args.positional.slice(1).map((t) => articleId(t, 'ID'));
  if (!ids.length) throw new CliUsageError('impact needs at least one article id');
  const r = unwrap(await call(ctx, 'related.impact', { ids }));
  if (args.flags.json) { printJson(io, r); return 0; }
  if (!r.affected.length) io.out('No other article links to these: deleting them forever breaks no links.');
  else {
    io.out(`Deleting ${ids.map((i) => `#${i}`).join(', ')} forever removes ${r.linkCount} link(s) from ${r.affected.length} article(s):`);
    for (const a of r.affected) {
      io.out(`  - ${line(a)}: ${a.links.map((l) => `#${l.targetId} (${l.kind === 'related' ? 'related list' : 'in the text'})`).join(', ')}${mark(a)}`);
    }
  }
  return 0;
}

export const relatedCommand: CliCommand = {
  name: 'related',
  usage: USAGE,
  summary: 'Related articles: the list, backlinks, explained suggestions; add, remove, order; delete impact.',
  async run(ctx, args, io) {
    const sub = args.positional[0];
    switch (sub) {
      case 'add': case 'add-both': case 'remove': case 'remove-both': return change(ctx, sub, args, io);
      case 'order': return order(ctx, args, io);
      case 'impact': return impact(ctx, args, io);
      default: return show(ctx, args, io);
    }
  },
};
