import { z } from 'zod';

/**
 * Shared shapes of the contract. Limits are part of the contract: a caller learns them from a
 * validation error rather than from a crash or a silently truncated field.
 */
export const LIMITS = {
  title: 500,
  shortText: 2_000,
  longText: 20_000,
  bodyBytes: 20_000_000,
  bodyNodes: 500_000,
  bodyDepth: 64,
  /** JSON nesting of a whole input: a 64-level body is about 135 levels deep. */
  inputDepth: 256,
  tagsPerArticle: 100,
  tagName: 60,
  pageSize: 500,
} as const;

export const STATUSES = ['draft', 'in_review', 'ready', 'published', 'archived'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const Id = z.int().positive().max(Number.MAX_SAFE_INTEGER);
export const IsoDate = z.iso.datetime({ offset: true });
export const Slug = z.string().max(90).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug is lower-case letters, digits and single hyphens');

const text = (max: number) => z.string().max(max, `at most ${max} characters`);

interface RawNode { type?: unknown; children?: unknown; text?: unknown }

/**
 * A Lexical editor state. Checked iteratively (a recursive schema would overflow the stack on a
 * hostile, deeply nested body) for shape, size and depth; unknown node fields pass through,
 * since node types evolve and the exporters ignore what they do not know.
 */
export const LexicalBody = z
  .custom<{ root: { type: 'root'; children: unknown[] } }>((value) => checkBody(value) === null, {
    error: (issue) => checkBody(issue.input) ?? 'invalid body',
  });

export function checkBody(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'body must be a Lexical editor state object';
  const root = (value as { root?: RawNode }).root;
  if (!root || typeof root !== 'object' || root.type !== 'root' || !Array.isArray(root.children)) {
    return 'body.root must be a node of type "root" with a children array';
  }
  let nodes = 0;
  const stack: Array<[RawNode, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (++nodes > LIMITS.bodyNodes) return `body has more than ${LIMITS.bodyNodes} nodes`;
    if (depth > LIMITS.bodyDepth) return `body is nested deeper than ${LIMITS.bodyDepth} levels`;
    if (typeof node !== 'object' || node === null || typeof node.type !== 'string') return 'every body node needs a string "type"';
    if (node.text !== undefined && typeof node.text !== 'string') return 'a node\'s "text" must be a string';
    if (node.children !== undefined) {
      if (!Array.isArray(node.children)) return 'a node\'s "children" must be an array';
      for (const c of node.children) stack.push([c as RawNode, depth + 1]);
    }
  }
  // Size last, as stored (JSON, UTF-8): LIMITS.bodyBytes was declared but never enforced, so a
  // 100 MB paste went all the way to SQLite.
  const json = JSON.stringify(value);
  // A UTF-16 unit is at most 3 UTF-8 bytes: count exactly only when that bound does not settle it.
  const bytes = json.length * 3 <= LIMITS.bodyBytes ? 0 : utf8Length(json);
  if (bytes > LIMITS.bodyBytes) {
    return `body is ${(bytes / 1_000_000).toFixed(1)} MB; one article holds at most ${LIMITS.bodyBytes / 1_000_000} MB (split it, or move images out)`;
  }
  return null;
}

/** UTF-8 byte length: Buffer's native count in Node; a loop where there is no Buffer (the renderer). */
function utf8Length(s: string): number {
  const NodeBuffer = (globalThis as { Buffer?: { byteLength(s: string, e: 'utf8'): number } }).Buffer;
  if (NodeBuffer) return NodeBuffer.byteLength(s, 'utf8');
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1; // surrogate pairs: 4 bytes for 2 units
  }
  return n;
}

export const ArticleFields = z.strictObject({
  title: text(LIMITS.title),
  slug: Slug,
  status: Status,
  body: LexicalBody,
  excerpt: text(LIMITS.shortText),
  /** true: `excerpt` is the editor's own; false: derived from the body at save. */
  excerptIsManual: z.boolean(),
  author: text(200),
  byline: text(LIMITS.shortText),
  categoryId: Id.nullable(),
  secondaryCategoryIds: z.array(Id).max(50),
  tags: z.array(z.union([Id, z.string().trim().min(1).max(LIMITS.tagName)])).max(LIMITS.tagsPerArticle, `at most ${LIMITS.tagsPerArticle} tags on one article`),
  coverAsset: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  seoTitle: text(300),
  seoDescription: text(1_000),
  canonicalUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2_000)]),
  publishedAt: IsoDate.nullable(),
  scheduledAt: IsoDate.nullable(),
  meta: z.record(z.string().max(200), z.unknown()),
});
export type ArticleFields = z.infer<typeof ArticleFields>;

export const TagRef = z.object({ id: Id, name: z.string(), slug: z.string() });
export type TagRef = z.infer<typeof TagRef>;

export const ArticleSummary = z.object({
  id: Id,
  title: z.string(),
  slug: z.string(),
  status: Status,
  author: z.string(),
  excerpt: z.string(),
  categoryId: Id.nullable(),
  categoryPath: z.array(z.string()),
  wordCount: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  version: z.int(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const Article = ArticleSummary.extend({
  body: z.unknown(),
  plainText: z.string(),
  excerptIsManual: z.boolean(),
  /** false: the slug follows the title (never set by hand, never published). */
  slugManual: z.boolean(),
  byline: z.string(),
  secondaryCategoryIds: z.array(Id),
  tags: z.array(TagRef),
  coverAsset: z.string().nullable(),
  seoTitle: z.string(),
  seoDescription: z.string(),
  canonicalUrl: z.string(),
  scheduledAt: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
  counts: z.object({
    cjkChars: z.int(), latinWords: z.int(), words: z.int(), paragraphs: z.int(), readingMinutes: z.int(),
  }),
});
export type Article = z.infer<typeof Article>;

export const Category = z.object({
  id: Id,
  parentId: Id.nullable(),
  name: z.string(),
  slug: z.string(),
  position: z.int(),
  path: z.array(z.string()),
  slugPath: z.array(z.string()),
  articleCount: z.int(),
});
export type Category = z.infer<typeof Category>;

export const Tag = TagRef.extend({ articleCount: z.int() });
export type Tag = z.infer<typeof Tag>;
