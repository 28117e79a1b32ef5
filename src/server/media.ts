import type { CoreContext } from '../core/api/contract.js';
import { readAsset } from '../core/assets/store.js';
import { IMAGE_MIMES, sniffImageMime } from '../core/assets/image-header.js';

/**
 * Library images at `/media/<sha256>`. The type served is never simply the one the row claims:
 * a row saying `text/javascript` would otherwise run as a same-origin script in the app (it
 * satisfies `script-src 'self'`). Only the image types the library accepts are served as such,
 * and only when the bytes prove it; anything else is an opaque download. Other origins cannot
 * embed the response (CORP), nothing sniffs it, and opened directly it runs nothing (sandbox).
 */
const HEADER_SAFE_TYPE = /^[\x21-\x7e]{1,200}$/;

export type MediaAnswer =
  | { status: 200; headers: Record<string, string>; body: Buffer }
  | { status: 400 | 404 | 422; code: 'validation' | 'not_found' | 'io'; message: string };

export function mediaAnswer(ctx: CoreContext, hash: string): MediaAnswer {
  if (!/^[0-9a-f]{64}$/.test(hash)) return { status: 400, code: 'validation', message: 'An asset is addressed by its sha256.' };
  const row = readAsset(ctx.db, hash);
  if (!row) return { status: 404, code: 'not_found', message: 'No such asset.' };
  if (typeof row.mime !== 'string' || !HEADER_SAFE_TYPE.test(row.mime)) {
    return { status: 422, code: 'io', message: 'This image\'s record in the library is damaged (its stored type is not a media type), so it is not served.' };
  }
  const proven = sniffImageMime(row.data);
  const image = proven !== null && (IMAGE_MIMES as readonly string[]).includes(proven);
  const headers: Record<string, string> = {
    'content-type': image ? proven : 'application/octet-stream',
    // Addressed by content, so it never changes; private: it is the user's library.
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'referrer-policy': 'no-referrer',
  };
  if (!image) headers['content-disposition'] = 'attachment';
  return { status: 200, headers, body: row.data };
}

