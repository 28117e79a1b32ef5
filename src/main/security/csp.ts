/**
 * The renderer's Content-Security-Policy, in one place. The built renderer carries it as a
 * `<meta http-equiv>` (a file:// page gets no response headers), and the main process adds it as
 * a header where there is a response to put it on (the dev server, the asset protocol). Browser
 * mode serves the same built HTML, so the same policy holds there.
 *
 * Why each source is allowed:
 * - scripts only from the app's own files: no inline script, no eval, no remote origin;
 * - 'unsafe-inline' for *styles* only: React and Lexical set element styles, and pasted or
 *   imported content may carry style attributes; styles cannot run code;
 * - images from the app, `data:`/`blob:` (pasted images before they are stored) and the
 *   `copydesk-asset:` protocol (stored images, looked up by hash);
 * - no plugins, no frames, no forms posting anywhere, no <base> rewriting.
 */
export const ASSET_SCHEME = 'copydesk-asset';

export type CspDirectives = Record<string, readonly string[]>;

export const RENDERER_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:', `${ASSET_SCHEME}:`],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'blob:', `${ASSET_SCHEME}:`],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'child-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * Directives a `<meta>` CSP ignores (browsers warn about them), added only to the header form.
 */
export const HEADER_ONLY_DIRECTIVES: CspDirectives = {
  'frame-ancestors': ["'none'"],
};

/**
 * The dev server needs its websocket for hot reload and Vite's injected inline React refresh
 * preamble; only ever used for the dev server URL, never for a built renderer.
 */
export function devCspDirectives(devServerOrigin: string): CspDirectives {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return {
    ...RENDERER_CSP_DIRECTIVES,
    'script-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", ws],
  };
}

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => (sources.length ? `${name} ${sources.join(' ')}` : name))
    .join('; ');
}

/** The policy as it goes into the built HTML's `<meta http-equiv="Content-Security-Policy">`. */
export const RENDERER_CSP = serializeCsp(RENDERER_CSP_DIRECTIVES);

/** The policy as a response header (adds what only a header can say). */
export const RENDERER_CSP_HEADER = serializeCsp({ ...RENDERER_CSP_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES });

/** Parses a policy string back into directives (for tests and for checking a built page). */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const name = tokens.shift()?.toLowerCase();
    if (name && !out.has(name)) out.set(name, tokens);
  }
  return out;
}
