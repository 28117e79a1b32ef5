import path from 'node:path';
import { invalid } from '../errors.js';
import { fileOfSitePath } from './site-url.js';

/**
 * Turning site paths (built from titles, slugs, category slugs and the URL pattern) into file
 * paths inside an export folder, and refusing every way such a path could land outside it or
 * somewhere surprising: `..` and `.` segments, absolute and drive paths, backslashes, percent-
 * encoded characters (`%2e%2e%2f`), control characters, colons (Windows drives and alternate
 * streams), hidden names (`.git`, `.htaccess`), Windows device names, over-long names.
 * Validation is by rule, not by cleaning: a path that needs cleaning is refused, with a reason.
 */

const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/i;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f\\:*?"<>|%]/;
const MAX_SEGMENT_BYTES = 200;
const MAX_DEPTH = 20;

export class UnsafePathError extends Error {}

/** Checks one relative path (forward slashes) and returns its segments, or throws why not. */
export function checkRelativePath(rel: string): string[] {
  if (rel === '' || rel.startsWith('/') || /^[a-zA-Z]:/.test(rel)) throw new UnsafePathError(`"${rel}" is not a relative path`);
  const segments = rel.split('/');
  if (segments.length > MAX_DEPTH) throw new UnsafePathError(`"${rel}" is nested too deeply`);
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..') throw new UnsafePathError(`"${rel}" has an empty, "." or ".." segment`);
    if (FORBIDDEN_CHARS.test(s)) throw new UnsafePathError(`"${rel}" contains a character not allowed in an exported file name (\\ : * ? " < > | % or a control character)`);
    if (s.startsWith('.')) throw new UnsafePathError(`"${rel}" would create a hidden file or folder ("${s}")`);
    if (/[. ]$/.test(s)) throw new UnsafePathError(`"${rel}" has a name ending in a dot or a space`);
    if (WINDOWS_DEVICE.test(s)) throw new UnsafePathError(`"${rel}" uses the reserved name "${s}"`);
    if (Buffer.byteLength(s) > MAX_SEGMENT_BYTES) throw new UnsafePathError(`"${rel}" has a name longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
  return segments;
}

/** The absolute path of `rel` inside `root`, after the checks above and a final containment check. */
export function resolveInside(root: string, rel: string): string {
  const segments = checkRelativePath(rel);
  const abs = path.resolve(root, ...segments);
  if (abs !== root && !abs.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
    throw new UnsafePathError(`"${rel}" resolves outside the export folder`);
  }
  return abs;
}

/** The file a site path is exported to (see site-url.ts, which links to it the same way). */
export const pageFileFor = fileOfSitePath;

/** The Markdown file beside a page: the same path with `.md` for its extension. */
export function markdownFileFor(pageFile: string): string {
  return pageFile.replace(/\.[A-Za-z0-9]{1,8}$/, '') + '.md';
}

/** The export folder as given: must be absolute; refused when it is a filesystem root. */
export function checkOutputFolder(dir: string): string {
  if (!path.isAbsolute(dir)) throw invalid(`The export folder must be an absolute path (got "${dir}").`, { field: 'outDir' });
  const abs = path.resolve(dir);
  if (path.parse(abs).root === abs) throw invalid(`Refusing to export into the root of a drive ("${abs}"): choose a folder.`, { field: 'outDir' });
  return abs;
}
