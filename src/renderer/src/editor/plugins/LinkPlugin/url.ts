/**
 * Which URLs a link may hold: http, https and mailto only (internal links are article-link
 * nodes, by id). What an editor types is forgiven where the intent is plain — `www.example.com`
 * gains https://, `name@example.com` gains mailto: — and refused, with the reason, otherwise.
 */
export type UrlCheck = { ok: true; url: string } | { ok: false; reason: 'empty' | 'protocol' | 'invalid' };

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

export function normalizeLinkUrl(input: string): UrlCheck {
  // Browsers ignore control characters and spaces inside a scheme: "java\tscript:" is javascript:.
  const raw = input.trim();
  if (!raw) return { ok: false, reason: 'empty' };
  const squeezed = raw.replace(/[\u0000-\u001f\u007f]/g, '');
  let candidate = squeezed;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed.replace(/\s/g, ''));
  if (!scheme) {
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(squeezed)) candidate = `mailto:${squeezed}`;
    else if (/^(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:[/:?#].*)?$/u.test(squeezed)) candidate = `https://${squeezed}`;
    else return { ok: false, reason: 'invalid' };
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!ALLOWED.has(url.protocol)) return { ok: false, reason: 'protocol' };
  if (url.protocol === 'mailto:') {
    return /^[^\s@]+@[^\s@]+$/.test(decodeURIComponent(url.pathname)) ? { ok: true, url: candidate } : { ok: false, reason: 'invalid' };
  }
  if (!url.hostname || /\s/.test(candidate)) return { ok: false, reason: 'invalid' };
  return { ok: true, url: url.href.length <= 2000 ? candidate : url.href };
}

export const isAllowedUrl = (url: string): boolean => {
  const r = normalizeLinkUrl(url);
  return r.ok && r.url === url.trim();
};
