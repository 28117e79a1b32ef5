/**
 * A Markdown archive's relative references: links to other files of the archive, which become
 * article links once every file is in, and images beside a file or under the site's static
 * folder, which become library assets (content-addressed, like a pasted image).
 *
 * A link is kept as written (a relative link, valid on the archive's site) and its possible
 * targets' import identities are recorded in the article's import record; `linkImportedFiles`
 * turns it into an article link when a target is in the library, in this run or a later one
 * (a CLI import in chunks, or a folder imported next week).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { saveArticle } from '../articles/articles.js';
import { putImageAsset } from '../assets/store.js';
import { sniffImageMime } from '../assets/image-header.js';
import type { SerializedNode } from '../content/lexical-json.js';
import { ARTICLE_LINK_NODE } from '../content/node-types.js';
import { IMPORT_META_KEY, type ImportMeta } from './draft.js';
import { importNote, type ImportNote } from './import-notes.js';
import { kindFromName } from './sources.js';

/** A relative link of an article and the import identities of the files it may name. */
export interface FileLinkRef {
  href: string;
  keys: string[];
}

export interface MarkdownRefContext {
  db: Database;
  /** The site's static folder: `/images/a.png` is read from `<staticDir>/images/a.png`. */
  staticDir?: string;
}

const IMAGE_EXTENSIONS = /\.(?:png|jpe?g|gif|webp)$/i;

function splitHref(href: string): { pathPart: string } | null {
  const pathPart = href.split(/[?#]/, 1)[0]!;
  if (!pathPart) return null;
  try {
    return { pathPart: decodeURIComponent(pathPart) };
  } catch {
    return { pathPart };
  }
}

/** The file a reference is read from: its import identity and, when read from disk, where it is. */
export interface RefSource {
  key: string;
  path?: string;
}

/**
 * Import identities a relative link of `source` may name (a Markdown file, a folder's index).
 * Identities are import names (`file:archive/posts/a.md`, see sources.ts `importName`), so the
 * link is resolved among names; a file read from disk keeps only targets that exist beside it.
 */
export function linkTargetKeys(source: RefSource, href: string): string[] {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^\//i.test(href)) return [];
  const parts = splitHref(href);
  if (!parts || !source.key.startsWith('file:')) return [];
  const { pathPart } = parts;
  const candidates = (base: string, join: (a: string, b: string) => string): string[] => {
    const target = join(base, pathPart);
    if (kindFromName(target) === 'markdown') return [target];
    const bare = target.replace(/\/+$/, '').replace(/\.html?$/i, '');
    return [`${bare}.md`, `${bare}.markdown`, join(bare, 'index.md'), join(bare, '_index.md')];
  };
  const name = source.key.slice('file:'.length);
  const names = candidates(path.posix.dirname(name), (a, b) => path.posix.normalize(path.posix.join(a, b)))
    .map((n) => `file:${n.replace(/^\.\//, '')}`);
  if (!source.path) return names;
  // On disk: a target's import name is some tail of its path (its name alone, or its path from
  // whichever folder was imported), so every tail is a key, the longest (most specific) first.
  const onDisk = candidates(path.dirname(source.path), (a, b) => path.resolve(a, b)).filter(isFile);
  return [...new Set(onDisk.flatMap(pathTails))];
}

/** `file:` keys for each tail of an absolute path: `file:a/b/c.md`, `file:b/c.md`, `file:c.md`. */
function pathTails(abs: string): string[] {
  const parts = abs.split(path.sep).filter(Boolean);
  return parts.map((_, i) => `file:${parts.slice(i).join('/')}`);
}

/**
 * An image named by a relative address, stored as a library asset: beside the Markdown file, or
 * under the static folder for a site path. Null (with a note) when there is no such image file.
 */
export function importLocalImage(ctx: MarkdownRefContext, source: RefSource, src: string, notes: ImportNote[]): { sha256: string; width: number | null; height: number | null } | null {
  const parts = splitHref(src);
  if (!parts || !IMAGE_EXTENSIONS.test(parts.pathPart)) return null;
  let file: string | null = null;
  if (src.startsWith('/')) {
    if (ctx.staticDir) file = path.join(ctx.staticDir, parts.pathPart);
  } else if (source.path) {
    file = path.resolve(path.dirname(source.path), parts.pathPart);
  }
  if (!file || !isFile(file)) {
    notes.push(importNote('image-not-found', { src }));
    return null;
  }
  try {
    const bytes = fs.readFileSync(file);
    const mime = sniffImageMime(bytes);
    if (!mime) throw new Error('not an image');
    const asset = putImageAsset(ctx.db, bytes, mime, path.basename(file));
    return { sha256: asset.sha256, width: asset.width, height: asset.height };
  } catch {
    notes.push(importNote('image-not-stored', { src }));
    return null;
  }
}

function isFile(f: string): boolean {
  try {
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
}

/**
 * Turns the recorded relative links of imported articles into article links where a target
 * file is now in the library. Returns the number of links made.
 */
export function linkImportedFiles(db: Database, runArticleIds: Iterable<number>): number {
  const candidates = new Set(runArticleIds);
  const pending = db.prepare(`SELECT id FROM articles WHERE deleted_at IS NULL AND instr(meta, '"fileLinks":[') > 0`).all() as Array<{ id: number }>;
  for (const { id } of pending) candidates.add(id);
  const read = db.prepare('SELECT id, version, body, meta FROM articles WHERE id = ? AND deleted_at IS NULL');
  const byKey = db.prepare('SELECT id FROM articles WHERE source_key = ? AND deleted_at IS NULL');
  let made = 0;
  db.transaction(() => {
    for (const id of candidates) {
      const row = read.get(id) as { id: number; version: number; body: string; meta: string } | undefined;
      if (!row) continue;
      const meta = JSON.parse(row.meta) as Record<string, unknown>;
      const record = meta[IMPORT_META_KEY] as (ImportMeta & { fileLinks?: FileLinkRef[] }) | undefined;
      if (!record?.fileLinks?.length) continue;
      const targets = new Map<string, number>();
      const unresolved: FileLinkRef[] = [];
      for (const ref of record.fileLinks) {
        const hit = ref.keys.map((k) => (byKey.get(k) as { id: number } | undefined)?.id).find((x) => x !== undefined);
        if (hit !== undefined && hit !== id) targets.set(ref.href, hit);
        else unresolved.push(ref);
      }
      if (!targets.size) continue;
      const body = JSON.parse(row.body) as { root: SerializedNode };
      made += replaceLinks(body.root, targets);
      const { fileLinks: _done, ...rest } = record;
      const nextMeta = { ...meta, [IMPORT_META_KEY]: unresolved.length ? { ...rest, fileLinks: unresolved } : rest };
      saveArticle(db, { id: row.id, version: row.version, body: body as never, meta: nextMeta });
    }
  })();
  return made;
}

function replaceLinks(node: SerializedNode, targets: Map<string, number>): number {
  let n = 0;
  const kids = node.children;
  if (!Array.isArray(kids)) return 0;
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i]!;
    const articleId = kid.type === 'link' && typeof kid.url === 'string' ? targets.get(kid.url) : undefined;
    if (articleId !== undefined) {
      kids[i] = { type: ARTICLE_LINK_NODE, version: 1, direction: null, format: '', indent: 0, articleId, children: kid.children ?? [] } as SerializedNode;
      n++;
    } else n += replaceLinks(kid, targets);
  }
  return n;
}
