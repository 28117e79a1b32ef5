/**
 * Escaping for everything the exporters write into HTML and XML. Every piece of stored text
 * (titles, body text, captions, settings) passes through one of these on its way out, so no
 * stored value can open a tag, close an attribute or smuggle a `</script>`.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const TEXT_TEST = /[&<>]/;
const TEXT_ALL = /[&<>]/g;
const ATTR_TEST = /[&<>"']/;
const ATTR_ALL = /[&<>"']/g;

/**
 * Characters that are not allowed in an HTML or XML document at all (C0 controls other than
 * tab/newline/CR, DEL and C1 controls, lone surrogates, non-characters). The Nu checker rejects
 * them and XML parsers refuse the file, so they are dropped rather than escaped.
 */
const FORBIDDEN = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const FORBIDDEN_ALL = new RegExp(FORBIDDEN, 'g');
/** A cheap first look (no lookarounds): almost all text has none of these characters. */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

export function stripForbiddenChars(text: string): string {
  return SUSPECT.test(text) ? text.replace(FORBIDDEN_ALL, '') : text;
}

/** Text content between tags. */
export function escapeHtml(text: string): string {
  const clean = stripForbiddenChars(text);
  return TEXT_TEST.test(clean) ? clean.replace(TEXT_ALL, (c) => ENTITIES[c]!) : clean;
}

/** An attribute value, always written inside double quotes. */
export function escapeAttr(value: string): string {
  const clean = stripForbiddenChars(value);
  return ATTR_TEST.test(clean) ? clean.replace(ATTR_ALL, (c) => ENTITIES[c]!) : clean;
}

/** XML (sitemap) text and attribute values: the same five entities are enough. */
export const escapeXml = escapeAttr;
