import { SAFE_URL } from '../content/node-types.js';

/**
 * The one gate every exported URL passes (links, image sources, canonical URLs): http(s),
 * mailto (links only) and relative URLs are allowed; everything else — `javascript:`,
 * `vbscript:`, `data:`, `file:`, and every disguise of them — is refused, and the exporter then
 * writes the link's text without the link, never the URL.
 *
 * The checks follow what a browser does with an href before choosing a scheme: it strips
 * leading/trailing C0 controls and spaces and removes tabs and newlines anywhere, so
 * `java\tscript:` and ` javascript:` count as `javascript:`. Percent-encoded schemes
 * (`javascript%3A...`) would be relative paths to a browser, but they are refused too: nothing
 * legitimate looks like that, and a later tool that decodes the URL must not find a payload.
 */
export type UrlUse = 'link' | 'image';

const MAX_URL = 4096;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const DANGEROUS_DECODED = /^[\u0000-\u0020]*(?:javascript|vbscript|data|file|blob|livescript|mocha)\s*:/i;

export function safeUrl(raw: unknown, use: UrlUse = 'link'): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_URL) return null;
  // eslint-disable-next-line no-control-regex
  const url = raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (url === '' || CONTROL.test(url)) return null;
  const scheme = SCHEME.exec(url);
  if (scheme) {
    if (!SAFE_URL.test(url)) return null;
    if (use === 'image' && !/^https?:\/\//i.test(url)) return null;
    if (/^https?:\/\/$/i.test(url)) return null;
  } else {
    // A colon before the first / ? # means a scheme with characters a scheme may not have:
    // refuse it rather than guess how some browser or tool will read it.
    const head = url.split(/[/?#]/, 1)[0]!;
    if (head.includes(':')) return null;
  }
  if (decodedLooksDangerous(url)) return null;
  return encodeInvalidChars(url);
}

/**
 * Characters a URL may not contain literally (spaces, quotes, angle brackets, braces, a `%`
 * that starts no escape...) are percent-encoded, as a browser would: the page stays valid HTML
 * and the Markdown destination needs no angle brackets.
 */
function encodeInvalidChars(url: string): string {
  return url.replace(/%(?![0-9a-fA-F]{2})|[\s"<>\\^`{|}]/g, (c) =>
    Buffer.from(c, 'utf8').toString('hex').toUpperCase().replace(/(..)/g, '%$1'));
}

function decodedLooksDangerous(url: string): boolean {
  let current = url;
  for (let i = 0; i < 3 && current.includes('%'); i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      next = current.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
    if (next === current) break;
    current = next;
    if (DANGEROUS_DECODED.test(current.replace(/[\t\n\r]/g, ''))) return true;
  }
  return false;
}
