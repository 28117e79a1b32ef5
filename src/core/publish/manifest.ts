import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../errors.js';

/**
 * manifest.json of an export folder: every file the export wrote with its sha256 and size, and
 * per article what the incremental export needs next time — the key of everything its files
 * were rendered from, the files it owns, the assets it uses, and what index pages list.
 * Files not listed here are never touched: an export can share a folder with other content.
 */
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_VERSION = 1;

export interface FileEntry { sha256: string; bytes: number }

export interface ArticleEntry {
  /** Hash of everything the article's files were rendered from (folder-export.ts). */
  key: string;
  title: string;
  slug: string;
  /** Decoded site path of the page. */
  path: string;
  date: string | null;
  updated: string;
  excerpt: string;
  categoryId: number | null;
  tagIds: number[];
  files: string[];
  assets: string[];
}

export interface Manifest {
  generator: 'copydesk';
  manifestVersion: typeof MANIFEST_VERSION;
  exportedAt: string;
  baseUrl: string;
  format: 'html' | 'md' | 'both';
  articles: Record<string, ArticleEntry>;
  files: Record<string, FileEntry>;
}

export function emptyManifest(): Manifest {
  return { generator: 'copydesk', manifestVersion: MANIFEST_VERSION, exportedAt: '', baseUrl: '', format: 'both', articles: {}, files: {} };
}

/**
 * The folder's manifest, an empty one for a fresh folder, or a refusal when manifest.json
 * belongs to something else (a web app manifest, another tool): we would otherwise overwrite it.
 */
export function readManifest(outDir: string): { manifest: Manifest; warning: string | null; text: string | null } {
  const file = path.join(outDir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { manifest: emptyManifest(), warning: null, text: null };
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!json || typeof json !== 'object' || (json as { generator?: unknown }).generator !== 'copydesk') {
    throw new CoreError('conflict', `${file} exists and was not written by Copydesk: choose another folder, or move that file away.`, { file });
  }
  const problem = manifestProblem(json as Record<string, unknown>);
  if (problem) {
    // Ours but unreadable (a newer version, a hand edit): start over without deleting anything.
    return { manifest: emptyManifest(), warning: `${MANIFEST_FILE} could not be read (${problem}); every file was rewritten and no old file was removed.`, text: null };
  }
  return { manifest: json as Manifest, warning: null, text };
}

/**
 * Checks the shape of a parsed manifest, by hand: a schema library takes seconds on the
 * 100,000 entries of a large site, and this runs before every export. Null when it is sound.
 */
function manifestProblem(m: Record<string, unknown>): string | null {
  if (m.manifestVersion !== MANIFEST_VERSION) return `manifest version ${String(m.manifestVersion)}, expected ${MANIFEST_VERSION}`;
  if (typeof m.exportedAt !== 'string' || typeof m.baseUrl !== 'string' || !['html', 'md', 'both'].includes(m.format as string)) return 'bad header fields';
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(m.articles) || !isRecord(m.files)) return 'articles or files missing';
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  for (const [id, e] of Object.entries(m.articles)) {
    if (!/^\d+$/.test(id) || !isRecord(e)) return `article entry ${id}`;
    if (typeof e.key !== 'string' || typeof e.title !== 'string' || typeof e.slug !== 'string' || typeof e.path !== 'string'
      || (e.date !== null && typeof e.date !== 'string') || typeof e.updated !== 'string' || typeof e.excerpt !== 'string'
      || (e.categoryId !== null && !Number.isInteger(e.categoryId)) || !Array.isArray(e.tagIds) || !e.tagIds.every(Number.isInteger)
      || !strings(e.files) || !strings(e.assets)) return `article entry ${id}`;
  }
  for (const [rel, f] of Object.entries(m.files)) {
    if (!isRecord(f) || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256) || !Number.isInteger(f.bytes) || (f.bytes as number) < 0) return `file entry ${rel}`;
  }
  return null;
}

/**
 * Stable JSON (sorted keys), one article or file per line: compact for a 100,000-article site,
 * and still readable and diffable line by line.
 */
export function serializeManifest(m: Manifest): string {
  const block = (o: Record<string, unknown>) => {
    const keys = Object.keys(o).sort(compareKeys);
    return keys.length ? `{\n${keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(o[k])}`).join(',\n')}\n}` : '{}';
  };
  const head = [
    ['generator', m.generator], ['manifestVersion', m.manifestVersion], ['exportedAt', m.exportedAt], ['baseUrl', m.baseUrl], ['format', m.format],
  ].map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
  return `{\n${head},\n "articles": ${block(m.articles)},\n "files": ${block(m.files)}\n}\n`;
}

function compareKeys(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
