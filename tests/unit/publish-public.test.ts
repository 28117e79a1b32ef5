/**
 * What goes out is right (issue 12, points 1–3, 5, 6):
 * - without a base URL, every link and image of every exported file is relative to the file and
 *   leads to a file of the folder (so it works opened from disk), and the single page and the
 *   preview carry their images inside (data: URIs);
 * - public output (pages, related lists, internal links, indexes, sitemap) holds only published
 *   articles unless drafts are exported explicitly; no base URL, no sitemap, and a notice says so;
 * - the body's headings sit under the page's h1 without skipping a level;
 * - Markdown front matter keeps every filing, and Markdown → import gives back the same categories.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { parse as parseYaml } from 'yaml';
import { makeLibrary, tempDir, SAMPLES_DIR, type TestLibrary } from './helpers.js';
import { buildPublishFixture, markdownParser } from './publish-support.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { createCategory } from '../../src/core/taxonomy/categories.js';
import { addRelatedLink } from '../../src/core/related/related-list.js';
import { setSettings } from '../../src/core/settings/settings.js';
import { putImageAsset } from '../../src/core/assets/store.js';
import { exportToFolder } from '../../src/core/publish/folder-export.js';
import { PublishSource } from '../../src/core/publish/publish-source.js';
import { renderArticle } from '../../src/core/publish/render-article.js';
import { importPaths } from '../../src/core/ingest/index.js';
import { loadCategoryIndex } from '../../src/core/taxonomy/category-index.js';
import type { SerializedNode } from '../../src/core/content/lexical-json.js';
import { makePng } from '../support/png.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
async function library(): Promise<TestLibrary> {
  const lib = await makeLibrary();
  cleanups.push(() => lib.dispose());
  return lib;
}
function folder(): string {
  const dir = tempDir('copydesk-public-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const t = (text: string): SerializedNode => ({ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' });
const p = (...children: SerializedNode[]): SerializedNode => ({ type: 'paragraph', version: 1, children });
const h = (tag: string, text: string): SerializedNode => ({ type: 'heading', version: 1, tag, children: [t(text)] });
const body = (...children: SerializedNode[]) => ({ root: { type: 'root' as const, children } });

const isEl = (n: ChildNode): n is Element => n.type === 'tag';
function urlsOf(html: string): Array<{ tag: string; attr: string; url: string }> {
  const out: Array<{ tag: string; attr: string; url: string }> = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isEl(n)) continue;
      for (const attr of ['href', 'src']) if (n.attribs[attr] !== undefined) out.push({ tag: n.name, attr, url: n.attribs[attr]! });
      walk(n.children);
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children);
  return out;
}

const EXTERNAL = /^(?:https?:|mailto:)/i;

/** Every link and image of the exported files: relative, and naming a file of the folder. */
function brokenLinks(root: string): string[] {
  const problems: string[] = [];
  const md = markdownParser();
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(?:html|md)$/.test(rel)) continue;
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const html = rel.endsWith('.md') ? md.render(text.replace(/^---\n[\s\S]*?\n---\n/, '')) : text;
    for (const { tag, attr, url } of urlsOf(html)) {
      if (EXTERNAL.test(url)) continue;
      if (/^(?:\/|[a-z][a-z0-9+.-]*:)/i.test(url)) {
        problems.push(`${rel}: <${tag} ${attr}="${url}"> is not relative`);
        continue;
      }
      const target = path.resolve(root, path.dirname(rel), decodeURIComponent(url.split('#')[0]!));
      if (!target.startsWith(root + path.sep) || !fs.statSync(target, { throwIfNoEntry: false })?.isFile()) {
        problems.push(`${rel}: <${tag} ${attr}="${url}"> leads to no file of the folder`);
      }
    }
  }
  return problems;
}

describe('no base URL: the folder works from disk', () => {
  it('every link and image of every page, index and Markdown file is relative and leads to a file', async () => {
    const lib = await library();
    buildPublishFixture(lib.db);
    // Directory-style URLs too: a link must name index.html, which file:// does not add.
    for (const urlPattern of ['/{category}/{slug}.html', '/{yyyy}/{mm}/{slug}/']) {
      setSettings(lib.db, { baseUrl: '', urlPattern });
      const out = folder();
      const summary = await exportToFolder(lib.db, { outDir: out, format: 'both', all: true });
      expect(summary.failed).toEqual([]);
      expect(brokenLinks(out), urlPattern).toEqual([]);
      const mainFile = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).find((f) => /du-chang-xin-cai-liao-yuan(?:\.html|\/index\.html)$/.test(f))!;
      const page = fs.readFileSync(path.join(out, mainFile), 'utf8');
      // The body image, the related list and the internal link are all there, relative.
      expect(page).toMatch(/<img class="cd-image" src="(?:\.\.\/)+assets\/[0-9a-f]{64}\.png"/);
      expect(page).toContain('class="cd-article-link"');
      expect(page).not.toMatch(/rel="canonical"|og:url|og:image/);
    }
  });

  it('the single saved page and the preview carry their images as data: URIs', async () => {
    const lib = await library();
    const fx = buildPublishFixture(lib.db);
    setSettings(lib.db, { baseUrl: '' });
    const out = await lib.ok('export.article', { id: fx.main, format: 'page', embedImages: true });
    const images = urlsOf(out.content).filter((u) => u.tag === 'img');
    const fromLibrary = images.filter((u) => !EXTERNAL.test(u.url));
    expect(fromLibrary.length).toBeGreaterThanOrEqual(2); // the body's figure and the related article's thumbnail
    for (const img of fromLibrary) expect(img.url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const png = Buffer.from(fromLibrary[0]!.url.split(',')[1]!, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('drafts stay out of public output', () => {
  async function draftLibrary() {
    const lib = await library();
    setSettings(lib.db, { siteName: '站', baseUrl: 'https://www.example.com', urlPattern: '/{slug}.html' });
    const cat = createCategory(lib.db, { name: '新闻', parentId: null, slug: 'news' }).id;
    const draft = createArticle(lib.db, { title: '未发布的草稿', slug: 'the-draft', status: 'draft', categoryId: cat, body: body(p(t('草稿正文'))) }).id;
    const ready = createArticle(lib.db, { title: '待发布的稿件', slug: 'the-ready', status: 'ready', categoryId: cat, body: body(p(t('待发'))) }).id;
    const linkToDraft: SerializedNode = { type: 'article-link', version: 1, articleId: draft, children: [t('链到草稿')] };
    const live = createArticle(lib.db, { title: '已发布', slug: 'live', status: 'published', publishedAt: '2024-05-01T00:00:00.000Z', categoryId: cat, body: body(p(t('见'), linkToDraft)) }).id;
    lib.db.prepare('INSERT OR IGNORE INTO body_links (article_id, target_id) VALUES (?, ?)').run(live, draft);
    addRelatedLink(lib.db, { id: live, targetId: draft });
    addRelatedLink(lib.db, { id: live, targetId: ready });
    return { lib, draft, ready, live };
  }

  it('a folder export gives pages, links, related entries, indexes and sitemap URLs to published articles only, and says so', async () => {
    const { lib } = await draftLibrary();
    const out = folder();
    const summary = await exportToFolder(lib.db, { outDir: out, format: 'both', all: true });
    expect(summary.notices).toEqual([{ code: 'drafts_left_out', params: { count: 2 } }]);
    expect(summary.articles).toBe(1);
    const files = fs.readdirSync(out, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => /the-draft|the-ready/.test(f))).toEqual([]);
    const everything = files.filter((f) => /\.(?:html|md|xml)$/.test(f)).map((f) => fs.readFileSync(path.join(out, f), 'utf8')).join('\n');
    expect(everything).not.toMatch(/the-draft|the-ready|未发布的草稿|待发布的稿件/);
    expect(fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8')).toContain('<loc>https://www.example.com/live.html</loc>');
    // The link's text stays, as text.
    expect(fs.readFileSync(path.join(out, 'live.html'), 'utf8')).toContain('见链到草稿');
  });

  it('exports drafts only when asked, and says how many', async () => {
    const { lib } = await draftLibrary();
    const out = folder();
    const summary = await exportToFolder(lib.db, { outDir: out, format: 'html', all: true, includeDrafts: true });
    expect(summary.notices).toEqual([{ code: 'drafts_included', params: { count: 2 } }]);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('未发布的草稿');
    expect(fs.readFileSync(path.join(out, 'live.html'), 'utf8')).toContain('href="/the-draft.html"');
    // A later export without drafts takes their files away again.
    const again = await exportToFolder(lib.db, { outDir: out, format: 'html', all: true });
    expect(again.removed.map((r) => r.files).flat().sort()).toEqual(['the-draft.html', 'the-ready.html']);
    expect(fs.existsSync(path.join(out, 'the-draft.html'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).not.toContain('未发布的草稿');
  });

  it('an article unpublished since the last export loses its page', async () => {
    const { lib, live } = await draftLibrary();
    const out = folder();
    await exportToFolder(lib.db, { outDir: out, format: 'html', ids: [live] });
    expect(fs.existsSync(path.join(out, 'live.html'))).toBe(true);
    lib.db.prepare("UPDATE articles SET status = 'draft', version = version + 1 WHERE id = ?").run(live);
    const next = await exportToFolder(lib.db, { outDir: out, format: 'html', ids: [live] });
    expect(next.notices[0]).toEqual({ code: 'drafts_left_out', params: { count: 1 } });
    expect(fs.existsSync(path.join(out, 'live.html'))).toBe(false);
  });

  it('the page of a single article (the preview) lists and links published articles only', async () => {
    const { lib, live } = await draftLibrary();
    const page = renderArticle(new PublishSource(lib.db), live, 'page');
    expect(page).not.toMatch(/the-draft|the-ready|未发布的草稿|待发布的稿件/);
    expect(page).toContain('见链到草稿');
  });

  it('no base URL: no sitemap (it needs absolute URLs), and a notice says why', async () => {
    const { lib } = await draftLibrary();
    setSettings(lib.db, { baseUrl: '' });
    const out = folder();
    const summary = await exportToFolder(lib.db, { outDir: out, format: 'html', all: true });
    expect(fs.existsSync(path.join(out, 'sitemap.xml'))).toBe(false);
    expect(summary.notices).toContainEqual({ code: 'sitemap_needs_base_url', params: {} });
    expect(summary.warnings).toEqual([]);
  });
});

describe('heading outline', () => {
  it('puts the body headings under the title without skipping a level, whatever the body holds', async () => {
    const lib = await library();
    const id = createArticle(lib.db, {
      title: '标题', slug: 'outline', status: 'published',
      body: body(h('h3', 'a'), p(t('x')), h('h5', 'b'), h('h4', 'c'), h('h2', 'd'), h('h6', 'e'), h('h1', 'f'), h('h4', 'g'),
        { type: 'quote', version: 1, children: [h('h5', 'q')] }),
    }).id;
    const html = renderArticle(new PublishSource(lib.db), id, 'html');
    const levels = [...html.matchAll(/<h([1-6])>([a-z])</g)].map((m) => `${m[2]}${m[1]}`);
    expect(levels).toEqual(['a2', 'b3', 'c3', 'd2', 'e3', 'f2', 'g3', 'q4']);
    const md = renderArticle(new PublishSource(lib.db), id, 'markdown');
    expect(md).toContain('\n## a\n');
    expect(md).toContain('\n### b\n');
  });
});

describe('Markdown front matter keeps the filing', () => {
  it('lists every category once, the primary first, and its path in its own field', async () => {
    const lib = await library();
    const a = createCategory(lib.db, { name: '产业资讯', parentId: null }).id;
    const b = createCategory(lib.db, { name: '广东', parentId: a }).id;
    const c = createCategory(lib.db, { name: '深圳', parentId: b }).id;
    const x = createCategory(lib.db, { name: '要闻', parentId: null }).id;
    const id = createArticle(lib.db, { title: '多处归档', slug: 'filed', status: 'published', categoryId: c, secondaryCategoryIds: [x, b] }).id;
    const text = renderArticle(new PublishSource(lib.db), id, 'markdown');
    const data = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Record<string, unknown>;
    expect(data.categories).toEqual(['产业资讯 › 广东 › 深圳', '要闻', '产业资讯 › 广东']);
    expect(data.category).toEqual(['产业资讯', '广东', '深圳']);
  });

  it('Markdown export of the WordPress sample, imported into an empty library, gives back the same categories', async () => {
    const source = await library();
    await importPaths(source.db, [path.join(SAMPLES_DIR, 'wordpress-theme-unit-test.wxr.xml')]);
    const png = putImageAsset(source.db, makePng(4, 4, 0x80), 'image/png', 'x.png').sha256;
    expect(png).toMatch(/^[0-9a-f]{64}$/);
    const out = folder();
    const summary = await exportToFolder(source.db, { outDir: out, format: 'md', all: true, includeDrafts: true });
    expect(summary.failed).toEqual([]);
    const target = await library();
    await importPaths(target.db, [out]);
    const filing = (lib: TestLibrary) => {
      const tree = loadCategoryIndex(lib.db);
      const pathOf = (id: number | null) => (id === null ? '' : tree.get(id)!.path.join(' › '));
      const rows = lib.db.prepare('SELECT id, slug, category_id FROM articles WHERE deleted_at IS NULL').all() as Array<{ id: number; slug: string; category_id: number | null }>;
      const secondary = lib.db.prepare('SELECT category_id FROM article_categories WHERE article_id = ? ORDER BY position, category_id').pluck();
      return new Map(rows.map((r) => [r.slug, { primary: pathOf(r.category_id), secondary: (secondary.all(r.id) as number[]).map(pathOf).filter((s) => s !== pathOf(r.category_id)).sort() }]));
    };
    const before = filing(source);
    const after = filing(target);
    expect(after.size).toBe(before.size);
    const most = Math.max(...[...before.values()].map((f) => f.secondary.length));
    expect(most).toBeGreaterThanOrEqual(10); // the sample files one post in dozens of categories
    expect([...before.values()].some((f) => f.primary.includes(' › ') || f.secondary.some((s) => s.includes(' › ')))).toBe(true);
    for (const [slug, f] of before) expect(after.get(slug), slug).toEqual(f);
  }, 120_000);
});
