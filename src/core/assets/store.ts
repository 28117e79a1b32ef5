import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { invalid, says } from '../errors.js';
import { nowIso } from '../time.js';
import { IMAGE_MIMES, readImageHeader, type ImageMime } from './image-header.js';

/** Largest image the library accepts: a camera original fits, a video renamed .jpg does not. */
export const MAX_ASSET_BYTES = 50 * 1024 * 1024;

export interface StoredAsset {
  sha256: string;
  mime: ImageMime;
  width: number | null;
  height: number | null;
  byteSize: number;
}

/**
 * Stores an image as a content-addressed BLOB (sha256 of the bytes), so the same picture pasted
 * twice is stored once and the library file alone backs up everything. The type kept is the one
 * the bytes prove; a file whose bytes disagree with its declared type is refused, since a
 * browser would otherwise sniff it into something else.
 */
export function putImageAsset(db: Database, bytes: Uint8Array, declaredMime: string, originalName: string): StoredAsset {
  if (!(IMAGE_MIMES as readonly string[]).includes(declaredMime)) {
    throw invalid(`Only PNG, JPEG, GIF and WebP images can be stored (this file is ${declaredMime || 'of an unknown type'}).`, says('asset.type', { type: declaredMime || '?' }, { field: 'mime' }));
  }
  if (bytes.length === 0) throw invalid('The image file is empty.', says('asset.empty', undefined, { field: 'data' }));
  if (bytes.length > MAX_ASSET_BYTES) {
    throw invalid(`The image is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; images up to ${MAX_ASSET_BYTES / 1024 / 1024} MB can be stored. Reduce it and try again.`, says('asset.tooLarge', { mb: (bytes.length / 1024 / 1024).toFixed(1), max: MAX_ASSET_BYTES / 1024 / 1024 }, { field: 'data', bytes: bytes.length }));
  }
  const header = readImageHeader(bytes);
  if (!header) throw invalid(`"${originalName || 'The file'}" is not a PNG, JPEG, GIF or WebP image (its contents do not match ${declaredMime}).`, says('asset.notImage', { name: originalName || '' }, { field: 'data' }));
  if (header.mime !== declaredMime) {
    throw invalid(`"${originalName || 'The file'}" claims to be ${declaredMime} but its contents are ${header.mime}.`, says('asset.notImage', { name: originalName || '' }, { field: 'mime', actual: header.mime }));
  }
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  db.prepare(`INSERT INTO assets (sha256, mime, byte_size, width, height, original_name, data, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING`)
    .run(sha256, header.mime, bytes.length, header.width, header.height, originalName.slice(0, 500), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), nowIso());
  return { sha256, mime: header.mime, width: header.width, height: header.height, byteSize: bytes.length };
}

/** One stored asset's bytes and type, by hash: what the app's asset protocol and browser mode serve. */
export function readAsset(db: Database, sha256: string): { mime: string; data: Buffer } | null {
  return (db.prepare('SELECT mime, data FROM assets WHERE sha256 = ?').get(sha256) as { mime: string; data: Buffer } | undefined) ?? null;
}
