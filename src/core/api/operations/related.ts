import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { Id, Status } from '../schemas.js';
import { TARGET_STATES } from '../../related/linked-article.js';
import { LINK_KINDS } from '../../related/backlinks.js';
import {
  MAX_RELATED_LINKS, addRelatedLink, getRelatedList, removeRelatedLink, reorderRelatedLinks,
} from '../../related/related-list.js';
import { backlinksOf } from '../../related/backlinks.js';
import { deletionImpact } from '../../related/integrity.js';
import { MAX_SUGGESTIONS, REASON_KINDS, suggestRelated } from '../../related/suggest/suggest.js';

/**
 * Related articles: the curated list (`相关文章`), links in the text, backlinks, the warning
 * before a delete, and explainable suggestions. Every list-changing operation returns the whole
 * list afterwards, so a UI can render the answer instead of re-reading.
 */

const LinkedArticle = z.object({
  id: Id,
  title: z.string(),
  slug: z.string(),
  status: Status,
  /** live: published, not trashed · unpublished: not on the site · trashed: in the trash. */
  state: z.enum(TARGET_STATES),
  excerpt: z.string(),
  categoryPath: z.array(z.string()),
  coverAsset: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});

const RelatedList = z.object({
  articleId: Id,
  links: z.array(LinkedArticle.extend({ position: z.int().min(0), reciprocal: z.boolean(), alsoInText: z.boolean() })),
  inText: z.array(LinkedArticle.extend({ alsoListed: z.boolean() })),
  notLive: z.int().min(0),
});

const Kind = z.enum(LINK_KINDS);

export const relatedOperations = {
  'related.list': defineOperation({
    summary: 'The curated related list of an article, in order, and the articles its text links to; each with its target state.',
    input: z.strictObject({ id: Id }),
    output: RelatedList,
    handler: ({ db }, { id }) => getRelatedList(db, id),
  }),
  'related.add': defineOperation({
    summary: `Add a related article (at a position, default the end; an already listed one moves there), optionally both ways. At most ${MAX_RELATED_LINKS}.`,
    input: z.strictObject({
      id: Id,
      targetId: Id,
      position: z.int().min(0).max(MAX_RELATED_LINKS).optional(),
      reciprocal: z.boolean().default(false),
    }),
    output: RelatedList,
    handler: ({ db }, input) => addRelatedLink(db, input),
  }),
  'related.remove': defineOperation({
    summary: 'Remove a related article (a no-op when it is not listed), optionally both ways.',
    input: z.strictObject({ id: Id, targetId: Id, reciprocal: z.boolean().default(false) }),
    output: RelatedList,
    handler: ({ db }, input) => removeRelatedLink(db, input),
  }),
  'related.reorder': defineOperation({
    summary: 'Set the order of the related list: name every listed article exactly once.',
    input: z.strictObject({ id: Id, order: z.array(Id).max(MAX_RELATED_LINKS) }),
    output: RelatedList,
    handler: ({ db }, { id, order }) => reorderRelatedLinks(db, id, order),
  }),
  'related.backlinks': defineOperation({
    summary: '"Linked from": the articles that list this one or link it in their text, and how.',
    input: z.strictObject({ id: Id, includeTrashed: z.boolean().default(false) }),
    output: z.object({
      articleId: Id,
      backlinks: z.array(LinkedArticle.extend({ kinds: z.array(Kind).min(1), position: z.int().min(0).nullable() })),
    }),
    handler: ({ db }, { id, includeTrashed }) => ({ articleId: id, backlinks: backlinksOf(db, id, { includeTrashed }) }),
  }),
  'related.impact': defineOperation({
    summary: 'Before deleting forever: the other articles that would lose a link to these, and how many links go.',
    input: z.strictObject({ ids: z.array(Id).min(1).max(10_000) }),
    output: z.object({
      ids: z.array(Id),
      affected: z.array(LinkedArticle.extend({ links: z.array(z.object({ targetId: Id, kind: Kind })).min(1) })),
      linkCount: z.int().min(0),
    }),
    handler: ({ db }, { ids }) => deletionImpact(db, ids),
  }),
  'related.suggest': defineOperation({
    summary: 'Ranked, explained suggestions of related articles (tags by rarity, category tree, shared key terms, time), and near-duplicates flagged apart.',
    input: z.strictObject({
      id: Id,
      limit: z.int().min(1).max(MAX_SUGGESTIONS).default(10),
      /** Only published articles (what a 相关文章 list on the site can show). */
      publishedOnly: z.boolean().default(false),
    }),
    output: z.object({
      articleId: Id,
      suggestions: z.array(LinkedArticle.extend({
        score: z.number().min(0),
        reasons: z.array(z.object({
          /** What kind of evidence; a UI translates it (see REASON_KINDS). */
          kind: z.enum(REASON_KINDS),
          /** Language-neutral evidence: tag names, a category name, shared terms, a month. */
          text: z.string(),
          /** The part of the score this reason contributed (they add up to the score, but for a time tie-break under 0.025 that is not named). */
          weight: z.number().min(0),
        })).min(1),
      })),
      nearDuplicates: z.array(LinkedArticle.extend({
        /** Estimated Jaccard similarity of the two texts' character 5-grams (0..1). */
        similarity: z.number().min(0).max(1),
        /** Estimated share of the shorter text found in the other (0..1). */
        containment: z.number().min(0).max(1),
        /** The other article is already in the related list or linked in the text. */
        linked: z.boolean(),
      })),
      /** Which candidate source found the text matches (for diagnostics and benchmarks). */
      textSource: z.string(),
    }),
    handler: ({ db }, input) => suggestRelated(db, input.id, { limit: input.limit, publishedOnly: input.publishedOnly }),
  }),
};
