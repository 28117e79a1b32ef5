import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { Id } from '../schemas.js';
import { joinDesk, syncDesk, deskStatus, leaveDesk, resolveDeskConflict } from '../../desk/sync.js';

/**
 * The desk: several libraries sharing one archive through a git remote. Results are data (codes,
 * counts, article references); the UI and the CLI phrase them. Failures carry
 * `details.reason` (not_joined, already_joined, bad_remote, remote_failed, push_failed,
 * push_rejected, busy) and, for git's own words, `details.git`.
 */
const ArticleRef = z.object({ id: Id, slug: z.string(), title: z.string() });
const SyncReport = z.object({
  pulled: z.int(),
  pushed: z.int(),
  merged: z.int(),
  conflicts: z.array(ArticleRef),
  restored: z.array(ArticleRef),
  incoming: z.array(ArticleRef.extend({ change: z.enum(['added', 'changed', 'merged', 'removed', 'restored']), by: z.string().nullable() })),
  refused: z.array(z.object({ path: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
  authors: z.array(z.object({ name: z.string(), email: z.string() })),
  commit: z.string().nullable(),
  at: z.string(),
});
const Remote = z.string().trim().min(1).max(2_000);

export const deskOperations = {
  'desk.join': defineOperation({
    summary: 'Join a desk: an empty remote receives the library; a desk fills an empty library; both non-empty merge by identity.',
    input: z.strictObject({ url: Remote, name: z.string().trim().max(200).optional(), email: z.string().trim().max(200).optional() }),
    output: SyncReport,
    handler: ({ db, libraryPath }, input) => joinDesk(db, libraryPath, input),
  }),
  'desk.sync': defineOperation({
    summary: 'Send this library\'s changes to the desk and bring in the others\'.',
    input: z.strictObject({}),
    output: SyncReport,
    handler: ({ db, libraryPath }) => syncDesk(db, libraryPath),
  }),
  'desk.status': defineOperation({
    summary: 'The desk this library is on, its last sync, what waits to go out or come in (as of the last fetch), and the articles that need a decision. Offline.',
    input: z.strictObject({}),
    output: z.object({
      joined: z.boolean(), remote: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable(),
      lastSync: z.string().nullable(), ahead: z.int(), behind: z.int(), conflicts: z.array(ArticleRef),
      lastResult: z.record(z.string(), z.unknown()).nullable(),
    }),
    handler: ({ db, libraryPath }) => deskStatus(db, libraryPath),
  }),
  'desk.leave': defineOperation({
    summary: 'Leave the desk: the library keeps everything and stops syncing.',
    input: z.strictObject({}),
    output: z.object({ left: z.boolean() }),
    handler: ({ db, libraryPath }) => leaveDesk(db, libraryPath),
  }),
  'desk.resolve': defineOperation({
    summary: 'Mark an article that needed a decision as decided: it goes to the desk as it now is at the next sync.',
    input: z.strictObject({ articleId: Id }),
    output: z.object({ id: Id, resolved: z.boolean() }),
    handler: ({ db }, { articleId }) => resolveDeskConflict(db, articleId),
  }),
};
