/**
 * Whatever the stored JSON, fields and settings hold, no export is executable: no script
 * element, no event-handler attribute, no URL with a scheme other than http(s)/mailto, no
 * element outside what the renderers write. Pages are parsed (htmlparser2, as a browser would
 * tokenize them); Markdown is rendered with markdown-it in its most permissive setting (raw
 * HTML on, link validation off) so that anything our escaping missed would come through.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import type { ChildNode, Element } from 'domhandler';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { buildHostileArticle, HOSTILE_URLS } from './publish-support.js';
import { PublishSource } from '../../src/core/publish/publish-source.js';
import { renderArticle } from '../../src/core/publish/render-article.js';
import { exportToFolder } from '../../src/core/publish/folder-export.js';
import { safeUrl } from '../../src/core/publish/safe-url.js';
import { setSettings } from '../../src/core/settings/settings.js';

/** Every element the renderers and the page template write; anything else came from content. */
const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'link', 'style', 'body', 'header', 'main', 'footer', 'nav', 'article', 'aside', 'section', 'div', 'span',
  'a', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'time', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'hr', 'br', 'figure', 'figcaption',
  'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 's', 'u', 'sub', 'sup', 'mark', 'del',
]);
const URL_ATTRS = new Set(['href', 'src', 'content', 'action', 'formaction', 'xlink:href', 'poster', 'srcset', 'background']);

function elements(html: string): Element[] {
  const out: Element[] = [];
  const visit = (n: ChildNode) => {
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      out.push(n as Element);
      (n as Element).children.forEach(visit);
    }
  };
  parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: true }).children.forEach(visit);
  return out;
}

/** What a browser would fetch or run for this URL, resolved against a page of the site. */
function schemeOf(url: string): string {
  try {
    return new URL(url, 'https://site.example/dir/page.html').protocol;
  } catch {
    return 'invalid:';
  }
}

function assertInert(html: string, where: string): void {
  const styles = elements(html).filter((e) => e.name === 'style');
  expect(styles.length, `${where}: only the template's own stylesheet`).toBeLessThanOrEqual(1);
  for (const el of elements(html)) {
    expect(ALLOWED_TAGS.has(el.name), `${where}: unexpected <${el.name}>`).toBe(true);
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name.startsWith('on'), `${where}: <${el.name} ${name}="${value}">`).toBe(false);
      expect(name, `${where}: style attribute`).not.toBe('style');
      if (name === 'href' || name === 'src' || (name === 'content' && el.name === 'meta' && /^(og:url|og:image)$/.test(el.attribs.property ?? ''))) {
        expect(['http:', 'https:', 'mailto:'], `${where}: <${el.name} ${name}="${value}">`).toContain(schemeOf(value));
      } else if (URL_ATTRS.has(name) && name !== 'content') {
        throw new Error(`${where}: unexpected URL attribute ${name}`);
      }
    }
    if (el.name === 'meta') expect(el.attribs['http-equiv'], `${where}: meta http-equiv`).toBeUndefined();
    if (el.name === 'a' && el.attribs.target) expect(el.attribs.target).toBe('_blank');
  }
  expect(html, `${where}: a raw script tag`).not.toMatch(/<script/i);
  expect(html, `${where}: a closing script tag`).not.toMatch(/<\/script/i);
}

let lib: TestLibrary;
let id: number;
let source: PublishSource;

beforeAll(async () => {
  lib = await makeLibrary();
  id = buildHostileArticle(lib.db);
  source = new PublishSource(lib.db);
});
afterAll(() => lib.dispose());

describe('safeUrl', () => {
  it('refuses every dangerous scheme and disguise in the corpus, and keeps the harmless ones', () => {
    const kept = HOSTILE_URLS.filter((u) => safeUrl(u) !== null);
    for (const u of kept) expect(['http:', 'https:', 'mailto:'], u).toContain(schemeOf(safeUrl(u)!));
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('java\tscript:alert(1)')).toBeNull();
    expect(safeUrl('%6A%61%76%61%73%63%72%69%70%74:alert(1)')).toBeNull();
    expect(safeUrl('data:image/png;base64,AAAA', 'image')).toBeNull();
    expect(safeUrl('mailto:a@example.com', 'image')).toBeNull();
    expect(safeUrl('https://ok.example/" onclick="alert(1)')).toBe('https://ok.example/%22%20onclick=%22alert(1)');
    expect(safeUrl('/relative/path?q=1#x')).toBe('/relative/path?q=1#x');
    expect(safeUrl('../up.html')).toBe('../up.html');
  });
});

describe('every export of a hostile article is inert', () => {
  it('the HTML fragment and the page', () => {
    assertInert(renderArticle(source, id, 'html'), 'fragment');
    const page = renderArticle(source, id, 'page');
    assertInert(page, 'page');
    // The hostile text is still there, as text: escaped, not dropped.
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('text of javascript:alert(1)');
    expect(page).toContain('alert("node type script")');
    expect(page).toContain('inside an iframe node');
    // The canonical URL the contract would have refused is dropped; with no base URL there is
    // no absolute URL to fall back to, so the page has none.
    expect(page).not.toMatch(/rel="canonical"/);
  });

  it('the Markdown, rendered by a permissive CommonMark renderer', () => {
    const permissive = new MarkdownIt('commonmark', { html: true });
    permissive.enable(['table', 'strikethrough']);
    permissive.validateLink = () => true;
    const markdown = renderArticle(source, id, 'markdown');
    const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
    assertInert(`<body>${permissive.render(body)}</body>`, 'markdown');
    // Site generators' template syntax in text cannot reach Hugo or Liquid.
    expect(body).not.toMatch(/\{\{|\{%/);
    const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(markdown)![1]!) as Record<string, unknown>;
    expect(front.title).toBe('<script>alert("title")</script> " onload="x');
  });

  it('the plain text holds no control characters that could drive a terminal', () => {
    // eslint-disable-next-line no-control-regex
    expect(renderArticle(source, id, 'text')).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
  });

  it('every file of a folder export, index pages and sitemap included', async () => {
    const out = tempDir('copydesk-xss-');
    try {
      // A base URL, so the sitemap is written too (it needs absolute URLs).
      setSettings(lib.db, { baseUrl: 'https://www.example.com' });
      await exportToFolder(lib.db, { outDir: out, format: 'both', all: true });
      setSettings(lib.db, { baseUrl: '' });
      const htmlFiles = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
      expect(htmlFiles.length).toBeGreaterThan(4);
      for (const f of htmlFiles) assertInert(fs.readFileSync(path.join(out, f), 'utf8'), f);
      const sitemap = fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
      expect(sitemap).not.toMatch(/<script|javascript:/i);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
