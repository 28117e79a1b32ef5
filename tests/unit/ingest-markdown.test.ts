import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import type { ImportReport } from '../../src/core/ingest/report.js';
import { splitFrontMatter } from '../../src/core/ingest/front-matter.js';
import { parseLooseDate } from '../../src/core/ingest/dates.js';
import { importNoteText } from '../../src/core/ingest/import-notes.js';

const SITE = path.resolve(import.meta.dirname, '../fixtures/ingest/markdown-site');
const DUCHANG = path.join(SITE, 'posts/2024-09-27-duchang.md');

const bySlug = (lib: TestLibrary, slug: string) => lib.db.prepare('SELECT * FROM articles WHERE slug = ?').get(slug) as Record<string, unknown> & { id: number; meta: string; version: number };
const count = (lib: TestLibrary, sql: string) => (lib.db.prepare(sql).get() as { n: number }).n;

describe('Markdown import (a folder with front matter)', () => {
  let lib: TestLibrary;
  let report: ImportReport;

  beforeAll(async () => {
    lib = await makeLibrary();
    report = await lib.ok('import.files', { paths: [SITE] });
  });
  afterAll(() => lib.dispose());

  it('reads the folder recursively, in name order, skipping hidden folders and non-Markdown files', () => {
    expect(report.counts).toEqual({ imported: 4, updated: 0, skipped: 0, failed: 1 });
    // Files in name order, a folder's own files before its sub-folders; the report keeps that order.
    expect(report.items.map((i) => path.relative(SITE, i.file))).toEqual([
      'notes/bad-front-matter.md', 'notes/plain-note.md', 'posts/2024-09-27-duchang.md', 'posts/park-investment-guide.md', 'posts/nested/deep/index.md',
    ]);
  });

  it('reports a file with broken front matter as failed, with the reason, and imports the rest', () => {
    const bad = report.items.find((i) => i.file.endsWith('bad-front-matter.md'))!;
    expect(bad.status).toBe('failed');
    expect(bad.reason).toMatchObject({ code: 'front-matter-yaml' });
    expect(importNoteText(bad.reason!)).toMatch(/^the front matter is not valid YAML: /);
    expect(count(lib, 'SELECT count(*) AS n FROM articles')).toBe(4);
  });

  it('maps every front-matter field', async () => {
    const row = bySlug(lib, 'duchang-new-materials-park');
    expect(row).toMatchObject({
      title: '都昌主官连续调度新材料园项目为高质量发展注入绿色动能',
      status: 'published',
      author: '欧阳兴',
      byline: '欧阳兴、中国江西新闻网记者杜宇蔚/文',
      published_at: '2024-09-27T02:30:00.000Z', // +08:00 kept
      created_at: '2024-09-27T02:30:00.000Z',
      updated_at: '2024-10-25T09:00:00.000Z',
      excerpt: '都昌县召开新材料及智能装备产业园项目调度会议。',
      excerpt_is_manual: 1,
      seo_description: '都昌新材料及智能装备产业园项目调度会议报道',
    });
    const a = await lib.ok('articles.get', { id: row.id });
    expect(a.categoryPath).toEqual(['广东产业信息', '江西']);
    expect(a.tags.map((t) => t.name)).toEqual(['都昌', '产业园', '新材料']);
    expect(a.meta).toMatchObject({
      cover: 'https://img.example.test/duchang/cover.jpg',
      frontMatter: { weight: 3, seo: { noindex: false, keywords: ['都昌', '新材料'] } },
    });
  });

  it('converts the Markdown body (GFM tables, lists, code, images, links) and sanitizes raw HTML in it', async () => {
    const a = await lib.ok('articles.get', { id: bySlug(lib, 'duchang-new-materials-park').id });
    const children = (a.body as { root: { children: Array<Record<string, unknown>> } }).root.children;
    expect(children.map((b) => b.type)).toEqual(['paragraph', 'heading', 'list', 'table', 'quote', 'image', 'code', 'paragraph']);
    expect(children[6]).toMatchObject({ language: 'yaml' });
    expect(children[5]).toMatchObject({ src: 'https://img.example.test/duchang/plan.png', altText: '产业园规划图' });
    // Chinese wrapped over two source lines joins without a space.
    expect(a.plainText.split('\n')[0]).toBe('10月24日,都昌县召开了新材料及智能装备产业园项目调度会议。此前,县委书记邱舰也一直对这项工作极为重视,连续多月关注和调度项目进展情况。');
    expect(JSON.stringify(a.body)).not.toMatch(/alert|onerror|script/);
    expect(a.plainText.split('\n').at(-1)).toBe('详见九江市政府网站。');
    const line = report.items.find((i) => i.file === DUCHANG)!;
    expect(line.notes).toEqual(expect.arrayContaining([{ code: 'dropped', params: { n: 1, element: 'script' } }]));
  });

  it('handles Hugo / Jekyll conventions: draft: true, categories lists, author objects, title from the heading, slug from the file or folder', async () => {
    const guide = await lib.ok('articles.get', { id: bySlug(lib, 'park-investment-guide').id });
    expect(guide).toMatchObject({ status: 'draft', author: 'Ge Yiming', categoryPath: ['Investment', 'Guides'], publishedAt: null });
    const cats = await lib.ok('categories.list', {});
    expect(guide.secondaryCategoryIds.map((id) => cats.find((c) => c.id === id)?.path.join(' > '))).toEqual(['Jiangxi']);
    expect(guide.tags.map((t) => t.name)).toEqual(['guide', 'investment', 'Jiangxi']);
    expect(bySlug(lib, 'deep')).toMatchObject({ title: 'A Title From The Heading', status: 'draft', plain_text: 'Body text after the heading.' });
    expect(bySlug(lib, 'plain-note')).toMatchObject({ title: 'plain note', status: 'draft' });
  });

  it('links related slugs once every file is in (the target sorts after the source), ignoring unknown ones', () => {
    const from = bySlug(lib, 'duchang-new-materials-park').id;
    expect(lib.db.prepare('SELECT target_id, position FROM related_links WHERE article_id = ?').all(from)).toEqual([
      { target_id: bySlug(lib, 'park-investment-guide').id, position: 0 },
    ]);
    expect(report.relatedLinks).toBe(1);
  });

  it('re-importing changes nothing; an edited file updates its article in place', async () => {
    const before = lib.db.prepare('SELECT id, version, updated_at, body, meta FROM articles ORDER BY id').all();
    const revisions = count(lib, 'SELECT count(*) AS n FROM revisions');
    const again = await lib.ok('import.files', { paths: [SITE] });
    expect(again.counts).toEqual({ imported: 0, updated: 0, skipped: 4, failed: 1 });
    expect(again.relatedLinks).toBe(0);
    expect(lib.db.prepare('SELECT id, version, updated_at, body, meta FROM articles ORDER BY id').all()).toEqual(before);
    expect(count(lib, 'SELECT count(*) AS n FROM revisions')).toBe(revisions);

    // The same site copied elsewhere and edited: matched by its front-matter slug, not duplicated.
    const moved = path.join(lib.dir, 'moved');
    fs.cpSync(SITE, moved, { recursive: true });
    const file = path.join(moved, 'posts/park-investment-guide.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('draft: true', 'status: in_review'));
    const target = bySlug(lib, 'park-investment-guide');
    const r = await lib.ok('import.files', { paths: [path.join(moved, 'posts/park-investment-guide.md')] });
    expect(r.items[0]).toMatchObject({ status: 'updated', articleId: target.id });
    expect(r.items[0]!.notes?.[0]).toMatchObject({ code: 'slug-matched', params: { slug: 'park-investment-guide' } });
    expect(bySlug(lib, 'park-investment-guide')).toMatchObject({ id: target.id, status: 'in_review', version: target.version + 1, source_key: 'file:park-investment-guide.md' });
    expect(count(lib, 'SELECT count(*) AS n FROM articles')).toBe(4);
  });
});

describe('import.content (a file picked in the browser)', () => {
  let lib: TestLibrary;
  beforeAll(async () => { lib = await makeLibrary(); });
  afterAll(() => lib.dispose());

  it('imports Markdown content by name, and re-importing the same name updates instead of duplicating', async () => {
    const content = '---\ntitle: Uploaded\ntags: [a]\n---\n\nFirst *version*.\n';
    const first = await lib.ok('import.content', { name: 'site/uploaded.md', content });
    expect(first.items[0]).toMatchObject({ status: 'imported', kind: 'markdown', title: 'Uploaded' });
    expect((await lib.ok('import.content', { name: 'site/uploaded.md', content })).items[0]!.status).toBe('skipped');
    const second = await lib.ok('import.content', { name: 'site/uploaded.md', content: content.replace('First', 'Second') });
    expect(second.items[0]).toMatchObject({ status: 'updated', articleId: first.items[0]!.articleId });
    expect((await lib.ok('articles.get', { id: first.items[0]!.articleId! })).plainText).toBe('Second version.');
  });

  it('uses the given kind, or recognises the content when the name does not tell', async () => {
    const r = await lib.ok('import.content', { name: 'clipboard', content: '<html><body><h1>Page title</h1><div class="content"><p>Body of the page, long enough to be the body.</p></div></body></html>' });
    expect(r.items[0]).toMatchObject({ kind: 'html-page', status: 'imported', title: 'Page title' });
    const t = await lib.ok('import.content', { name: 'notes', content: 'Plain title\n\nPlain body.', kind: 'text' });
    expect(t.items[0]).toMatchObject({ kind: 'text-page', title: 'Plain title' });
  });

  it('refuses oversized or malformed input with a validation error that writes nothing', async () => {
    const before = count(lib, 'SELECT count(*) AS n FROM articles');
    const big = await lib.raw('import.content', { name: 'big.md', content: 'x'.repeat(20_000_001) });
    expect(big).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((big as { error: { message: string } }).error.message).toMatch(/20 MB/);
    const wide = await lib.raw('import.content', { name: 'wide.md', content: '字'.repeat(7_000_000) }); // 21 MB of UTF-8
    expect(wide).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await lib.raw('import.files', { paths: ['relative/path.md'] })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await lib.raw('import.files', { paths: [] })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(count(lib, 'SELECT count(*) AS n FROM articles')).toBe(before);
  });
});

describe('front matter and dates', () => {
  it('splits YAML front matter, keeps dates as written, refuses TOML and unclosed blocks', () => {
    expect(splitFrontMatter('---\ndate: 2024-09-27\n---\nBody')).toEqual({ data: { date: '2024-09-27' }, body: 'Body' });
    expect(splitFrontMatter('No front matter')).toEqual({ data: {}, body: 'No front matter' });
    expect(() => splitFrontMatter('+++\ntitle = "x"\n+++\n')).toThrow(/TOML/);
    expect(() => splitFrontMatter('---\ntitle: x\nbody without a closing line')).toThrow(/never closed/);
    expect(() => splitFrontMatter('---\n- a list\n---\n')).toThrow(/mapping/);
  });

  it('reads the date shapes sources write, as UTC unless an offset is given', () => {
    expect(parseLooseDate('2024-09-27')).toBe('2024-09-27T00:00:00.000Z');
    expect(parseLooseDate('2024/9/7 08:05')).toBe('2024-09-07T08:05:00.000Z');
    expect(parseLooseDate('2024-09-27T10:30:00+08:00')).toBe('2024-09-27T02:30:00.000Z');
    expect(parseLooseDate('2024-09-27 10:30:00 -0500')).toBe('2024-09-27T15:30:00.000Z');
    expect(parseLooseDate('2024年9月27日 10:30')).toBe('2024-09-27T10:30:00.000Z');
    expect(parseLooseDate(1727395200)).toBe('2024-09-27T00:00:00.000Z');
    for (const bad of ['2024-02-30', '2024-13-01', 'yesterday', '0000-00-00 00:00:00', '']) expect(parseLooseDate(bad)).toBeNull();
  });
});
