import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CoreError } from '../errors.js';

/**
 * manifest.json of an export folder: every file the export wrote with its sha256 and size, and
 * per article what the incremental export needs next time — the key of everything its files
 * were rendered from, the files it owns, the assets it uses, and what index pages list.
 * Files not listed here are never touched: an export can share a folder with other content.
 */
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_VERSION = 1;

const FileEntry = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.int().min(0) });

const ArticleEntry = z.object({
  key: z.string(),
  title: z.string(),
  slug: z.string(),
  /** Decoded site path of the page. */
  path: z.string(),
  date: z.string().nullable(),
  updated: z.string(),
  excerpt: z.string(),
  categoryId: z.int().nullable(),
  tagIds: z.array(z.int()),
  files: z.array(z.string()),
  assets: z.array(z.string()),
});
export type ArticleEntry = z.infer<typeof ArticleEntry>;
export type FileEntry = z.infer<typeof FileEntry>;

const Manifest = z.object({
  generator: z.literal('copydesk'),
  manifestVersion: z.literal(MANIFEST_VERSION),
  exportedAt: z.string(),
  baseUrl: z.string(),
  format: z.enum(['html', 'md', 'both']),
  articles: z.record(z.string().regex(/^\d+$/), ArticleEntry),
  files: z.record(z.string(), FileEntry),
});
export type Manifest = z.infer<typeof Manifest>;

export function emptyManifest(): Manifest {
  return { generator: 'copydesk', manifestVersion: MANIFEST_VERSION, exportedAt: '', baseUrl: '', format: 'both', articles: {}, files: {} };
}

/**
 * The folder's manifest, an empty one for a fresh folder, or a refusal when manifest.json
 * belongs to something else (a web app manifest, another tool): we would otherwise overwrite it.
 */
export function readManifest(outDir: string): { manifest: Manifest; warning: string | null } {
  const file = path.join(outDir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { manifest: emptyManifest(), warning: null };
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
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    // Ours but unreadable (a newer version, a hand edit): start over without deleting anything.
    return { manifest: emptyManifest(), warning: `${MANIFEST_FILE} could not be read (${parsed.error.issues[0]?.message ?? 'invalid'}); every file was rewritten and no old file was removed.` };
  }
  return { manifest: parsed.data, warning: null };
}

/** Stable JSON (sorted keys) so an unchanged export leaves an unchanged manifest apart from its date. */
export function serializeManifest(m: Manifest): string {
  const sortKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.keys(o).sort(compareKeys).map((k) => [k, o[k]]));
  return `${JSON.stringify({ ...m, articles: sortKeys(m.articles), files: sortKeys(m.files) }, null, 1)}\n`;
}

function compareKeys(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
