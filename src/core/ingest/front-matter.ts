import { parse as parseYaml } from 'yaml';
import { invalid } from '../errors.js';

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
  if (/^\+\+\+\r?\n/.test(source)) throw invalid('TOML front matter (+++) is not supported; convert it to YAML (---).');
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
  if (!m) {
    if (/^---[ \t]*\r?\n/.test(source) && !/\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.test(source)) {
      throw invalid('The front matter starts with --- but is never closed by another --- line.');
    }
    return { data: {}, body: source };
  }
  let data: unknown;
  try {
    data = parseYaml(m[1]!, { schema: 'core', uniqueKeys: false, maxAliasCount: 100 }) ?? {};
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    throw invalid(`The front matter is not valid YAML: ${message}`);
  }
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    throw invalid('The front matter must be a YAML mapping (key: value lines).');
  }
  return { data: data as Record<string, unknown>, body: source.slice(m[0].length) };
}
