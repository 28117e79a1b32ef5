import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { Status } from '../schemas.js';
import { search, dateFilterInstant } from '../../search/search.js';

const DateBound = z.string().max(40).refine((v) => dateFilterInstant(v) !== null, 'a date is YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time');

const Range = z.tuple([z.int(), z.int()]);

export const SearchHit = z.object({
  id: z.int(),
  title: z.string(),
  slug: z.string(),
  status: Status,
  score: z.number(),
  updatedAt: z.string(),
  categoryPath: z.array(z.string()),
  /** Matches in the title: [start, end) UTF-16 offsets. */
  titleRanges: z.array(Range),
  /** Text around the matches; `ranges` are [start, end) offsets into `text` to highlight. */
  snippet: z.object({ text: z.string(), ranges: z.array(Range) }),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const searchOperations = {
  search: defineOperation({
    summary: 'Full-text search with the query language (terms, "phrases", -exclude, OR, tag:, category:, status:, author:, before:, after:).',
    input: z.strictObject({
      query: z.string().max(1_000, 'a search query is at most 1,000 characters').default(''),
      filters: z.strictObject({
        tags: z.array(z.string().max(200)).max(50).optional(),
        categories: z.array(z.string().max(500)).max(50).optional(),
        statuses: z.array(Status).max(5).optional(),
        authors: z.array(z.string().max(200)).max(50).optional(),
        after: DateBound.optional(),
        before: DateBound.optional(),
      }).optional(),
      page: z.int().min(1).max(10_000).default(1),
      pageSize: z.int().min(1).max(200).default(50),
    }),
    output: z.object({
      hits: z.array(SearchHit),
      total: z.int(),
      /** True for very common terms, whose total is estimated rather than counted. */
      totalIsEstimate: z.boolean(),
      /** relevance: bm25 with recency breaking ties; recency: newest first. */
      order: z.enum(['relevance', 'recency']),
      tookMs: z.number(),
    }),
    handler: ({ db }, input) => search(db, input),
  }),
};
