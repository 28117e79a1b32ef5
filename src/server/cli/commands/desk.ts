import { call } from '../../../core/api/dispatch.js';
import type { ContractError } from '../../../core/api/contract.js';
import { CliUsageError, flagString, type CliCommand, type CliIO } from '../command.js';

const printJson = (io: CliIO, value: unknown) => io.out(JSON.stringify(value, null, 2));

interface SyncReport {
  pulled: number; pushed: number; merged: number;
  conflicts: Array<{ id: number; slug: string; title: string }>;
  restored: Array<{ id: number; slug: string; title: string }>;
  incoming: Array<{ id: number; slug: string; title: string; change: string; by: string | null }>;
  refused: Array<{ path: string; code: string; params: Record<string, string | number> }>;
  authors: Array<{ name: string; email: string }>;
}

const REFUSALS: Record<string, string> = {
  bad_path: 'not a path the desk uses',
  symlink: 'a symbolic link',
  not_a_file: 'not a regular file',
  too_large: 'too large',
  unknown_format: 'written by a newer Copydesk (unknown format version)',
  malformed: 'malformed',
  asset_mismatch: 'its bytes do not match its name',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const label = (a: { id: number; title: string; slug: string }) => `#${a.id} ${a.title || '(untitled)'} [${a.slug}]`;

function printReport(io: CliIO, r: SyncReport): void {
  io.out(`Brought in ${plural(r.pulled, 'change')}, sent ${plural(r.pushed, 'file')}, merged ${plural(r.merged, 'item')}.`);
  if (r.authors.length) io.out(`From: ${r.authors.map((a) => `${a.name} <${a.email}>`).join(', ')}`);
  for (const a of r.incoming) io.out(`  ${a.change.padEnd(8)} ${label(a)}${a.by ? ` (by ${a.by})` : ''}`);
  for (const a of r.restored) io.out(`Edited on one side and deleted on the other: kept ${label(a)}`);
  for (const f of r.refused) io.out(`Refused ${f.path}: ${REFUSALS[f.code] ?? f.code}${f.params.reason ? ` (${f.params.reason})` : ''}`);
  if (r.conflicts.length) {
    io.out(`${plural(r.conflicts.length, 'article needs', 'articles need')} a decision (the desk's version is kept as a conflict revision):`);
    for (const a of r.conflicts) io.out(`  ${label(a)}`);
    io.out('Compare them in the app, then `copydesk desk resolve ID` sends your decision with the next sync.');
  }
}

/** A failure of the desk in words, with git's own message when git had one. */
function failure(io: CliIO, e: ContractError, json: boolean): number {
  if (json) io.err(JSON.stringify(e, null, 2));
  else {
    io.err(`copydesk desk: ${e.message} (${e.code}${e.details?.reason ? `: ${String(e.details.reason)}` : ''})`);
    if (typeof e.details?.git === 'string' && !e.message.includes(e.details.git.trim())) io.err(e.details.git);
  }
  return 1;
}

export const deskCommand: CliCommand = {
  name: 'desk',
  usage: 'desk join URL [--name N --email E] | sync | status | leave | resolve ID  [--json]',
  summary: 'Share the library with a desk through a git remote.',
  async run(ctx, args, io) {
    const [sub, ...rest] = args.positional;
    const json = args.flags.json === true;
    switch (sub) {
      case 'join': {
        const [url, extra] = rest;
        if (!url || extra !== undefined) throw new CliUsageError('desk join needs one remote: a path, ssh://, git:// or https:// URL');
        const r = await call(ctx, 'desk.join', { url, name: flagString(args, 'name'), email: flagString(args, 'email') });
        if (!r.ok) return failure(io, r.error, json);
        if (json) printJson(io, r.data);
        else { io.out(`Joined the desk at ${url}.`); printReport(io, r.data); }
        return 0;
      }
      case 'sync': {
        if (rest.length) throw new CliUsageError('desk sync takes no arguments');
        const r = await call(ctx, 'desk.sync', {});
        if (!r.ok) return failure(io, r.error, json);
        if (json) printJson(io, { pulled: r.data.pulled, pushed: r.data.pushed, merged: r.data.merged, conflicts: r.data.conflicts, restored: r.data.restored, refused: r.data.refused, incoming: r.data.incoming, authors: r.data.authors });
        else printReport(io, r.data);
        return 0;
      }
      case 'status': {
        const r = await call(ctx, 'desk.status', {});
        if (!r.ok) return failure(io, r.error, json);
        const s = r.data;
        if (json) printJson(io, { remote: s.remote, lastSync: s.lastSync, ahead: s.ahead, behind: s.behind, conflicts: s.conflicts, name: s.name, email: s.email });
        else if (!s.joined) io.out('This library is not on a desk. `copydesk desk join URL` joins one.');
        else {
          io.out(`Desk: ${s.remote} (as ${s.name} <${s.email}>)`);
          io.out(`Last sync: ${s.lastSync ?? 'never'}`);
          io.out(`Waiting to go out: ${s.ahead}; on the desk, not yet here (as of the last sync): ${s.behind}`);
          for (const a of s.conflicts) io.out(`Needs a decision: ${label(a)}`);
          const error = s.lastResult?.error;
          if (typeof error === 'string') io.out(`The last sync failed: ${error}`);
        }
        return 0;
      }
      case 'leave': {
        const r = await call(ctx, 'desk.leave', {});
        if (!r.ok) return failure(io, r.error, json);
        if (json) printJson(io, r.data);
        else io.out(r.data.left ? 'Left the desk. The library keeps everything and no longer syncs.' : 'This library was not on a desk.');
        return 0;
      }
      case 'resolve': {
        const id = Number(rest[0]);
        if (!Number.isSafeInteger(id) || id < 1) throw new CliUsageError('desk resolve needs an article id');
        const r = await call(ctx, 'desk.resolve', { articleId: id });
        if (!r.ok) return failure(io, r.error, json);
        if (json) printJson(io, r.data);
        else io.out(r.data.resolved ? `#${id} is decided; the next sync sends it as it now is.` : `#${id} did not need a decision.`);
        return 0;
      }
      default:
        throw new CliUsageError(sub ? `unknown desk command "${sub}"` : 'desk needs a command: join, sync, status, leave or resolve');
    }
  },
};
