import fs from 'node:fs';
import path from 'node:path';

/**
 * Recently opened libraries, newest first, in a small JSON file in the user-data folder. The list
 * is also the allow-list for `library.openRecent`: the page may only ask to reopen a path that
 * the user opened before through the shell.
 */
export const MAX_RECENT = 10;

export function readRecent(file: string): string[] {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p)).slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}

export function withRecent(list: readonly string[], libraryPath: string): string[] {
  const abs = path.resolve(libraryPath);
  return [abs, ...list.filter((p) => p !== abs)].slice(0, MAX_RECENT);
}

export function writeRecent(file: string, list: readonly string[]): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(list.slice(0, MAX_RECENT), null, 2));
    fs.renameSync(tmp, file);
  } catch {
    // A lost recent list is an inconvenience, not a failure.
  }
}

export function isOnRecentList(list: readonly string[], candidate: string): boolean {
  return path.isAbsolute(candidate) && list.includes(path.resolve(candidate));
}
