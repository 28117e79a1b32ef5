import { parse as parseYaml } from 'yaml';
import { ImportFailure, importNote } from './import-notes.js';

export interface FrontMatterSplit {
  data: Record<string, unknown>;
  body: string;
}

/**
 * Splits `---` YAML front matter (Hugo, Jekyll, Astro, Copydesk's own export) from a Markdown
 * file. YAML's core schema keeps dates as the strings written (no silent time-zone shifts).
 * TOML (`+++`) front matter is refused with a message rather than imported as body text.
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const source = text.replace(/^\ufeff/, '');
  if (/^\+\+\+\r?\n/.test(source)) throw new ImportFailure(importNote('front-matter-toml'));
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
  if (!m) {
    if (/^---[ \t]*\r?\n/.test(source) && !/\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.test(source)) {
      throw new ImportFailure(importNote('front-matter-unclosed'));
    }
    return { data: {}, body: source };
  }
  let data: unknown;
  try {
    data = parseYaml(m[1]!, { schema: 'core', uniqueKeys: false, maxAliasCount: 100 }) ?? {};
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    throw new ImportFailure(importNote('front-matter-yaml', { detail: message ?? '' }));
  }
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    throw new ImportFailure(importNote('front-matter-not-mapping'));
  }
  return { data: data as Record<string, unknown>, body: source.slice(m[0].length) };
}
