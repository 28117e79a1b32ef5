import { SAFE_URL } from '../content/node-types.js';

/**
 * URL checks for everything an importer or the paste sanitizer keeps. The parser has already
 * decoded character references (`&#106;avascript:` arrives as `javascript:`); browsers also
 * ignore ASCII tabs and newlines anywhere in a URL and strip leading control characters and
 * spaces, so `java\tscript:` and `\x01javascript:` must be judged the way a browser would read
 * them. We therefore remove those characters first and then allow only an explicit list of
 * schemes, never a deny-list.
 */
// eslint-disable-next-line no-control-regex
const EDGE_JUNK = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
// Tabs and newlines are ignored anywhere by browsers; invisible format characters are removed
// too, which can only turn a disguised scheme into one we then refuse.
// eslint-disable-next-line no-control-regex
const IGNORED_INSIDE = /[\t\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;

export type UrlKind = 'link' | 'image';

/**
 * The URL to store, or null when it must be dropped. Links may be http, https or mailto;
 * images only http or https. Relative URLs are resolved against `base` when one is known
 * (the page's own address), otherwise dropped: they mean nothing inside the library.
 */
export function safeUrl(raw: string | undefined | null, kind: UrlKind, base?: string, asWritten = false): string | null {
  if (!raw) return null;
  const cleaned = raw.replace(EDGE_JUNK, '').replace(IGNORED_INSIDE, '');
  if (!cleaned || cleaned.length > 4_000) return null;
  let absolute = cleaned;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(cleaned)) {
    if (!base || cleaned.startsWith('#')) return null;
    try {
      absolute = new URL(cleaned, base).href;
    } catch {
      return null;
    }
  }
  if (!SAFE_URL.test(absolute)) return null;
  if (kind === 'image' && !/^https?:\/\//i.test(absolute)) return null;
  if (/^https?:/i.test(absolute)) {
    try {
      // Normalises the host and percent-encodes stray spaces and quotes.
      const parsed = new URL(absolute);
      if (!parsed.hostname) return null;
      // A Markdown renderer has already encoded the URL: keep it as the author wrote it.
      return asWritten && absolute === cleaned && !/[\s"<>]/.test(cleaned) ? cleaned : parsed.href;
    } catch {
      return null;
    }
  }
  // mailto: keep as written, minus the ignored characters; it needs an address.
  return /^mailto:[^\s<>"]+$/i.test(absolute) ? absolute : null;
}
