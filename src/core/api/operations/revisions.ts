import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { Article, Id } from '../schemas.js';
import { getRevision, listRevisions, recordRevision } from '../../articles/revisions.js';
import { getArticle, getArticleRow, saveArticle } from '../../articles/articles.js';
import { invalid, says } from '../../errors.js';

const RevisionSummary = z.object({
  id: Id, articleId: Id, version: z.int(), title: z.string(),
  reason: z.enum(['created', 'periodic', 'status', 'manual', 'restore', 'conflict']), label: z.string(), createdAt: z.string(),
  /** The label as a message the UI phrases (a status change, the snapshot before a restore). */
  note: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).optional(),
});

export const revisionOperations = {
  'revisions.list': defineOperation({
    summary: 'The snapshots of an article, newest first.',
    input: z.strictObject({ articleId: Id }),
    output: z.array(RevisionSummary),
    handler: ({ db }, { articleId }) => {
      getArticleRow(db, articleId);
      return listRevisions(db, articleId);
    },
  }),
  'revisions.get': defineOperation({
    summary: 'One snapshot with its body.',
    input: z.strictObject({ id: Id }),
    output: RevisionSummary.extend({ body: z.unknown(), snapshot: z.record(z.string(), z.unknown()) }),
    handler: ({ db }, { id }) => getRevision(db, id),
  }),
  'revisions.saveVersion': defineOperation({
    summary: 'Keep the article as it is now as a named version.',
    input: z.strictObject({ articleId: Id, label: z.string().trim().max(200).default(''), reason: z.enum(['manual', 'conflict']).default('manual') }),
    output: z.object({ id: Id }),
    handler: ({ db }, { articleId, label, reason }) => ({ id: recordRevision(db, articleId, reason, label) }),
  }),
  'revisions.restore': defineOperation({
    summary: 'Make a snapshot the current text again (the text it replaces is kept as a revision).',
    input: z.strictObject({ id: Id, version: z.int().min(1) }),
    output: Article,
    handler: ({ db }, { id, version }) =>
      db.transaction(() => {
        const rev = getRevision(db, id);
        const current = getArticle(db, rev.articleId);
        if (current.deletedAt) throw invalid('Restore the article from the trash first.', says('article.inTrash'));
        recordRevision(db, rev.articleId, 'restore', `before restoring revision #${id}`);
        return saveArticle(db, { id: rev.articleId, version, title: rev.title, body: rev.body as never });
      }).immediate(),
  }),
};
