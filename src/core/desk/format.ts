import { z } from 'zod';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { Status, checkBody, LIMITS } from '../api/schemas.js';

/**
 * The desk repository's file format (version 1), pure: no database, no git. One file per
 * article (`articles/<uid>.md`: YAML front matter holding every field, references by uid, then
 * the body as one top-level Lexical block per line of JSON, so a reviewer sees which paragraph
 * changed), one per category (`categories/<uid>.json`) and tag (`tags/<uid>.json`), and images
 * as their bytes (`assets/<sha256>.<ext>`). Written down in ARCHITECTURE.md.
 */
export const FORMAT_VERSION = 1;
export const ARTICLE_FORMAT = `copydesk-article/${FORMAT_VERSION}`;
export const CATEGORY_FORMAT = `copydesk-category/${FORMAT_VERSION}`;
export const TAG_FORMAT = `copydesk-tag/${FORMAT_VERSION}`;

/** Largest article or taxonomy file a sync reads; larger ones are refused, not parsed. */
export const MAX_TEXT_FILE_BYTES = LIMITS.bodyBytes + 4 * 1024 * 1024;

export const Uid = z.string().regex(/^[0-9a-f]{32}$/, 'a uid is 32 lower-case hex digits');
const Sha = z.string().regex(/^[0-9a-f]{64}$/);
const Iso = z.string().max(40);
const Json = z.record(z.string().max(200), z.unknown());

export const ArticleDocSchema = z.strictObject({
  uid: Uid,
  title: z.string().max(LIMITS.title),
  slug: z.string().max(90).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  status: Status,
  author: z.string().max(200),
  byline: z.string().max(LIMITS.shortText),
  /** The editor's own excerpt; null when derived from the body. */
  excerpt: z.string().max(LIMITS.shortText).nullable(),
  category: Uid.nullable(),
  secondaryCategories: z.array(Uid).max(50),
  tags: z.array(Uid).max(LIMITS.tagsPerArticle),
  related: z.array(Uid).max(100),
  coverAsset: Sha.nullable(),
  seoTitle: z.string().max(300),
  seoDescription: z.string().max(1_000),
  canonicalUrl: z.string().max(2_000),
  sourceKey: z.string().max(2_000).nullable(),
  createdAt: Iso,
  updatedAt: Iso,
  publishedAt: Iso.nullable(),
  scheduledAt: Iso.nullable(),
  meta: Json,
  /** The Lexical root's own attributes (direction, format, indent…), without its children. */
  root: Json,
  /** Top-level body nodes; `article-link` nodes name their target by `articleUid`. */
  blocks: z.array(z.record(z.string(), z.unknown())),
});
export type ArticleDoc = z.infer<typeof ArticleDocSchema>;

export const CategoryDocSchema = z.strictObject({
  uid: Uid,
  name: z.string().min(1).max(200),
  slug: z.string().min(1).max(200),
  parent: Uid.nullable(),
  position: z.int(),
  description: z.string().max(LIMITS.shortText),
  overrides: Json,
  createdAt: Iso,
  updatedAt: Iso,
});
export type CategoryDoc = z.infer<typeof CategoryDocSchema>;

export const TagDocSchema = z.strictObject({
  uid: Uid,
  name: z.string().min(1).max(LIMITS.tagName),
  slug: z.string().min(1).max(200),
  createdAt: Iso,
});
export type TagDoc = z.infer<typeof TagDocSchema>;

/** Why a file of the repository was refused: a code and parameters, phrased by the UI or CLI. */
export class DeskFileError extends Error {
  constructor(readonly code: 'bad_path' | 'symlink' | 'not_a_file' | 'too_large' | 'unknown_format' | 'malformed' | 'asset_mismatch',
    readonly params: Record<string, string | number> = {}) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
  }
}

// --- paths -----------------------------------------------------------------------------

export type RepoPath =
  | { kind: 'article' | 'category' | 'tag'; uid: string }
  | { kind: 'asset'; sha256: string; ext: string };

export const ASSET_EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

export const articlePath = (uid: string) => `articles/${uid}.md`;
export const categoryPath = (uid: string) => `categories/${uid}.json`;
export const tagPath = (uid: string) => `tags/${uid}.json`;
export const assetPath = (sha256: string, mime: string) => `assets/${sha256}.${ASSET_EXT[mime] ?? 'bin'}`;

/** What a repository path holds, or null for a path the desk does not own (README, CI files…). */
export function classifyPath(p: string): RepoPath | null {
  let m = /^articles\/([0-9a-f]{32})\.md$/.exec(p);
  if (m) return { kind: 'article', uid: m[1]! };
  m = /^categories\/([0-9a-f]{32})\.json$/.exec(p);
  if (m) return { kind: 'category', uid: m[1]! };
  m = /^tags\/([0-9a-f]{32})\.json$/.exec(p);
  if (m) return { kind: 'tag', uid: m[1]! };
  m = /^assets\/([0-9a-f]{64})\.(png|jpg|gif|webp)$/.exec(p);
  if (m) return { kind: 'asset', sha256: m[1]!, ext: m[2]! };
  return null;
}

/** A path in one of the desk's folders that is not one of its file names: refused, not ignored. */
export function isDeskFolder(p: string): boolean {
  return /^(articles|categories|tags|assets)\//.test(p);
}

// --- articles --------------------------------------------------------------------------

export function serializeArticle(doc: ArticleDoc): string {
  const { blocks, ...front } = doc;
  const head = stringifyYaml({ format: ARTICLE_FORMAT, ...front }, { lineWidth: 0, aliasDuplicateObjects: false });
  return `---\n${head}---\n${blocks.map((b) => `${JSON.stringify(b)}\n`).join('')}`;
}

export function parseArticle(text: string, expectedUid?: string): ArticleDoc {
  if (!text.startsWith('---\n')) throw new DeskFileError('malformed', { reason: 'front_matter' });
  const end = text.indexOf('\n---\n', 3);
  if (end < 0) throw new DeskFileError('malformed', { reason: 'front_matter' });
  let front: unknown;
  try {
    front = parseYaml(text.slice(4, end + 1), { maxAliasCount: 0, uniqueKeys: true });
  } catch {
    throw new DeskFileError('malformed', { reason: 'yaml' });
  }
  if (typeof front !== 'object' || front === null) throw new DeskFileError('malformed', { reason: 'front_matter' });
  const { format, ...rest } = front as Record<string, unknown>;
  checkFormat(format, 'copydesk-article/');
  const lines = text.slice(end + 5).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const blocks: unknown[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      blocks.push(JSON.parse(line));
    } catch {
      throw new DeskFileError('malformed', { reason: 'block', line: i + 1 });
    }
  }
  const parsed = ArticleDocSchema.safeParse({ ...rest, blocks });
  if (!parsed.success) throw new DeskFileError('malformed', { reason: 'fields', field: parsed.error.issues[0]?.path.join('.') ?? '' });
  const bodyProblem = checkBody({ root: { ...parsed.data.root, type: 'root', children: parsed.data.blocks } });
  if (bodyProblem) throw new DeskFileError('malformed', { reason: 'body' });
  if (expectedUid !== undefined && parsed.data.uid !== expectedUid) throw new DeskFileError('malformed', { reason: 'uid' });
  return parsed.data;
}

// --- categories and tags ---------------------------------------------------------------

export const serializeCategory = (doc: CategoryDoc): string => `${JSON.stringify({ format: CATEGORY_FORMAT, ...doc }, null, 2)}\n`;
export const serializeTag = (doc: TagDoc): string => `${JSON.stringify({ format: TAG_FORMAT, ...doc }, null, 2)}\n`;

export const parseCategory = (text: string, expectedUid?: string): CategoryDoc => parseJsonDoc(text, 'copydesk-category/', CategoryDocSchema, expectedUid);
export const parseTag = (text: string, expectedUid?: string): TagDoc => parseJsonDoc(text, 'copydesk-tag/', TagDocSchema, expectedUid);

function parseJsonDoc<T extends { uid: string }>(text: string, prefix: string, schema: z.ZodType<T>, expectedUid?: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DeskFileError('malformed', { reason: 'json' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DeskFileError('malformed', { reason: 'json' });
  const { format, ...rest } = value as Record<string, unknown>;
  checkFormat(format, prefix);
  const parsed = schema.safeParse(rest);
  if (!parsed.success) throw new DeskFileError('malformed', { reason: 'fields', field: parsed.error.issues[0]?.path.join('.') ?? '' });
  if (expectedUid !== undefined && parsed.data.uid !== expectedUid) throw new DeskFileError('malformed', { reason: 'uid' });
  return parsed.data;
}

function checkFormat(format: unknown, prefix: string): void {
  if (typeof format !== 'string' || !format.startsWith(prefix)) throw new DeskFileError('malformed', { reason: 'format' });
  const version = format.slice(prefix.length);
  if (version !== String(FORMAT_VERSION)) throw new DeskFileError('unknown_format', { format: format.slice(0, 60) });
}
