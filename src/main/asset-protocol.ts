import type { Database } from 'better-sqlite3';
import { ASSET_SCHEME } from './security/csp.js';
import { readAsset } from '../core/assets/store.js';

/**
 * `copydesk-asset://<sha256>`: stored images, served from the library's assets table by hash.
 * The URL names a hash and nothing else: there is no path, so there is nothing to traverse.
 * Anything that is not exactly 64 hex digits (with the trailing slash a standard scheme adds)
 * is refused before the database is touched.
 */

const ASSET_URL = new RegExp(`^${ASSET_SCHEME}://([0-9a-fA-F]{64})/?$`);

/** Returns the lower-case sha256 named by an asset URL, or null for anything else. */
export function parseAssetUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > ASSET_SCHEME.length + 3 + 64 + 1) return null;
  const m = ASSET_URL.exec(url);
  return m ? m[1]!.toLowerCase() : null;
}

/** Types a page may display inline; anything else is served as a download-only byte stream. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/svg+xml', 'image/bmp', 'image/x-icon']);

const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  // An SVG opened as a document must not run script or load anything.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'Cache-Control': 'private, max-age=31536000, immutable',
  'Cross-Origin-Resource-Policy': 'same-site',
};

export interface AssetRequestLike {
  url: string;
  method?: string;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/**
 * The handler given to `protocol.handle(ASSET_SCHEME, …)`. `db` is looked up per request so a
 * library switch is picked up. (Reads the assets table directly: the core has no asset reader
 * yet; swap to it when src/core/assets grows one.)
 */
export function createAssetHandler(db: () => Database | null) {
  return function handleAssetRequest(request: AssetRequestLike): Response {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
    const sha256 = parseAssetUrl(request.url);
    if (!sha256) return plain(400, 'Not an asset URL');
    const handle = db();
    if (!handle) return plain(503, 'No library is open');
    const row = readAsset(handle, sha256);
    if (!row) return plain(404, 'No such asset');
    const mime = row.mime.toLowerCase();
    const headers: Record<string, string> = { ...BASE_HEADERS, 'Content-Length': String(row.data.byteLength) };
    if (INLINE_TYPES.has(mime)) headers['Content-Type'] = mime;
    else {
      headers['Content-Type'] = 'application/octet-stream';
      headers['Content-Disposition'] = 'attachment';
    }
    return new Response(method === 'HEAD' ? null : new Uint8Array(row.data), { status: 200, headers });
  };
}
