import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, SAMPLES_DIR, type TestLibrary } from './helpers.js';
import type { ImportReport } from '../../src/core/ingest/report.js';
import { wpautop, captionShortcodesToFigures } from '../../src/core/ingest/wpautop.js';
import { htmlToBody } from '../../src/core/ingest/html-to-body.js';
import { toPlainText } from '../../src/core/content/plain-text.js';

const WXR = path.join(SAMPLES_DIR, 'wordpress-theme-unit-test.wxr.xml');

/** Everything an import may write, to prove a re-import writes nothing. */
function snapshot(lib: TestLibrary): unknown {
  const all = (sql: string) => lib.db.prepare(sql).all();
  return {
    articles: all('SELECT id, title, slug, status, version, updated_at, body, meta, category_id, source_key FROM articles ORDER BY id'),
    revisions: all('SELECT count(*) AS n FROM revisions'),
    categories: all('SELECT id, parent_id, name, slug, updated_at FROM categories ORDER BY id'),
    tags: all('SELECT id, name FROM tags ORDER BY id'),
    articleTags: all('SELECT * FROM article_tags ORDER BY article_id, tag_id'),
    secondary: all('SELECT * FROM article_categories ORDER BY article_id, category_id'),
    related: all('SELECT * FROM related_links ORDER BY article_id, position'),
  };
}

const byTitle = (lib: TestLibrary, title: string) =>
  lib.db.prepare('SELECT * FROM articles WHERE title = ?').get(title) as Record<string, unknown> & { id: number; meta: string };

describe('WordPress WXR import (theme unit test export)', () => {
  let lib: TestLibrary;
  let report: ImportReport;

  beforeAll(async () => {
    lib = await makeLibrary();
    report = await lib.ok('import.files', { paths: [WXR] });
  });
  afterAll(() => lib.dispose());

  it('imports every post and reports pages, attachments and menu items as skipped, by kind', () => {
    expect(report.counts).toEqual({ imported: 58, updated: 0, skipped: 128, failed: 0 });
    const skippedBy = (prefix: string) => report.items.filter((i) => i.status === 'skipped' && i.item?.startsWith(`${prefix} `)).length;
    expect(skippedBy('page')).toBe(21);
    expect(skippedBy('attachment')).toBe(37);
    expect(skippedBy('nav_menu_item')).toBe(70);
    expect(report.items.find((i) => i.item?.startsWith('page '))?.reason).toEqual({ code: 'wxr-page' });
    expect((lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(58);
  });

  it('maps statuses: publish → published, draft → draft, future → ready + scheduled_at, password-protected → draft', () => {
    const byStatus = Object.fromEntries((lib.db.prepare('SELECT status, count(*) AS n FROM articles GROUP BY status').all() as Array<{ status: string; n: number }>).map((r) => [r.status, r.n]));
    expect(byStatus).toEqual({ published: 55, draft: 2, ready: 1 });
    expect(byTitle(lib, 'Scheduled')).toMatchObject({ status: 'ready', scheduled_at: '2030-01-01T19:00:18.000Z', published_at: null });
    expect(byTitle(lib, 'Draft')).toMatchObject({ status: 'draft', published_at: null, created_at: '2013-04-09T18:20:39.000Z', slug: 'draft' });
    const locked = byTitle(lib, 'Template: Password Protected (the password is "enter")');
    expect(locked.status).toBe('draft');
    expect(JSON.parse(locked.meta).wordpress).toMatchObject({ passwordProtected: true });
    expect(locked.meta).not.toContain('"enter"');
    expect(report.items.find((i) => i.title?.startsWith('Template: Password'))?.notes?.[0]).toEqual({ code: 'wxr-password' });
  });

  it('takes dates from post_date_gmt, authors by display name, titles as text', () => {
    expect(byTitle(lib, 'WP 6.1 Font size scale')).toMatchObject({
      published_at: '2023-01-16T07:08:31.000Z', created_at: '2023-01-16T07:08:31.000Z', updated_at: '2023-01-16T07:16:52.000Z',
      author: 'Theme Reviewer', slug: 'wp-6-1-font-size-scale',
    });
    expect(byTitle(lib, 'Edge Case: Many Categories')).toMatchObject({ author: 'Theme Buster', published_at: '2009-07-02T09:00:03.000Z' });
    // "Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>" is stored as its text.
    expect(byTitle(lib, 'Markup: Title With Markup')).toBeDefined();
    // A post without a title keeps its WordPress slug.
    expect(byTitle(lib, '')).toMatchObject({ slug: 'edge-case-no-title' });
    // Logins damaged in the export (">themereviewteam") still find their display name.
    const authors = (lib.db.prepare('SELECT DISTINCT author FROM articles ORDER BY author').all() as Array<{ author: string }>).map((r) => r.author);
    expect(authors).toEqual(['Theme Buster', 'Theme Reviewer']);
  });

  it('rebuilds the category hierarchy; the first category is primary, the others secondary', async () => {
    const cats = await lib.ok('categories.list', {});
    expect(cats).toHaveLength(68);
    const paths = cats.map((c) => c.path.join(' > '));
    expect(paths).toEqual(expect.arrayContaining([
      'Parent > Child 1 > Child 2',
      'Parent Category > Child Category 03 > Grandchild Category',
      'aciform > sub',
      'Foo Parent > Foo A',
      'Foo A',
    ]));
    expect(cats.find((c) => c.name === 'Grandchild Category')?.slugPath).toEqual(['parent-category', 'child-category-03', 'grandchild-category']);
    const many = await lib.ok('articles.get', { id: byTitle(lib, 'Edge Case: Many Categories').id });
    expect(many.categoryPath).toEqual(['Classic']);
    expect(many.secondaryCategoryIds).toHaveLength(50); // the contract's limit; the report says so
    expect(report.items.find((i) => i.title === 'Edge Case: Many Categories')?.notes).toContainEqual({ code: 'secondary-cut', params: { kept: 50, total: 62 } });
    const chat = await lib.ok('articles.get', { id: byTitle(lib, 'Post Format: Chat').id });
    expect(chat.categoryPath).toEqual(['Classic']);
    expect(chat.secondaryCategoryIds.map((id) => cats.find((c) => c.id === id)?.name)).toEqual(['Post Formats']);
  });

  it('imports tags and the manual excerpt', async () => {
    const tagged = await lib.ok('articles.get', { id: byTitle(lib, 'Edge Case: Many Tags').id });
    expect(tagged.tags).toHaveLength(45);
    const chat = await lib.ok('articles.get', { id: byTitle(lib, 'Post Format: Chat').id });
    expect(chat.tags.map((t) => t.name)).toEqual(['chat', 'Post Formats']);
    const excerpt = await lib.ok('articles.get', { id: byTitle(lib, 'Template: Excerpt (Defined)').id });
    expect(excerpt.excerptIsManual).toBe(true);
    expect(excerpt.excerpt).toMatch(/^This is a user-defined post excerpt\./);
    expect((await lib.ok('articles.get', { id: byTitle(lib, 'Draft').id })).excerptIsManual).toBe(false);
  });

  it('converts bodies: [caption] becomes a captioned image, wpautop paragraphs, HTML structure, shortcodes as text', async () => {
    const caption = await lib.ok('articles.get', { id: byTitle(lib, 'Post Format: Image (Caption)').id });
    expect((caption.body as { root: { children: unknown[] } }).root.children).toEqual([
      expect.objectContaining({ type: 'image', src: 'https://wpthemetestdata.files.wordpress.com/2008/06/100_5478.jpg?w=604', altText: 'Bell on Wharf', caption: 'Bell on wharf in San Francisco', width: 604, height: 453 }),
    ]);
    const markup = await lib.ok('articles.get', { id: byTitle(lib, 'Markup: HTML Tags and Formatting').id });
    const types = new Set<string>();
    const visit = (n: { type: string; children?: unknown[] }) => { types.add(n.type); for (const c of n.children ?? []) visit(c as never); };
    visit((markup.body as { root: never }).root);
    for (const t of ['heading', 'quote', 'table', 'tablecell', 'list', 'listitem', 'link', 'paragraph']) expect(types).toContain(t);
    const gallery = await lib.ok('articles.get', { id: byTitle(lib, 'Post Format: Gallery').id });
    expect(gallery.plainText).toMatch(/\[gallery[^\]]*\]/);
    // Classic posts separate paragraphs by blank lines: each became a paragraph.
    const more = await lib.ok('articles.get', { id: byTitle(lib, 'Template: More Tag').id });
    expect(more.counts.paragraphs).toBe(3);
    expect(more.plainText).toBe([
      'This content is before the more tag.',
      'Right after this sentence should be a "continue reading" button of some sort on list pages of themes that show full content. It won\'t show on single pages or on themes showing excerpts.',
      'And this content is after the more tag. (which should be the anchor link for when the button is clicked)',
    ].join('\n'));
  });

  it('keeps posts that share a GUID apart, and featured images as the cover address', () => {
    expect(byTitle(lib, 'Post Format: Image (Linked)').source_key).toBe('wxr:https://wpthemetestdata.wordpress.com/?p=568#568');
    expect(byTitle(lib, 'Post Format: Image').source_key).toBe('wxr:https://wpthemetestdata.wordpress.com/?p=568#1158');
    expect(byTitle(lib, 'Draft').source_key).toBe('wxr:http://wptest.io/demo/?p=922');
    expect(JSON.parse(byTitle(lib, 'Post Format: Image (Caption)').meta).cover).toBe('https://wpthemetestdata.files.wordpress.com/2010/08/triforce-wallpaper.jpg');
  });

  it('writes derived fields and a revision as a save does', () => {
    const row = byTitle(lib, 'Template: More Tag') as Record<string, unknown>;
    expect(row.plain_text).toMatch(/^This content is before the more tag\./);
    expect(row.word_count).toBe(60);
    expect(row.paragraph_count).toBe(3);
    expect(row.excerpt).toBe('This content is before the more tag.');
    expect((lib.db.prepare("SELECT count(*) AS n FROM revisions WHERE reason = 'created'").get() as { n: number }).n).toBe(58);
  });

  it('re-importing the same file changes nothing and duplicates nothing', async () => {
    const before = snapshot(lib);
    const again = await lib.ok('import.files', { paths: [WXR] });
    expect(again.counts).toEqual({ imported: 0, updated: 0, skipped: 186, failed: 0 });
    expect(again.items.filter((i) => i.reason?.code === 'unchanged')).toHaveLength(58);
    expect(snapshot(lib)).toEqual(before);
  });

  it('updates the matching article in place when the export changed, and leaves trashed ones alone', async () => {
    const copy = path.join(lib.dir, 'changed.xml');
    fs.writeFileSync(copy, fs.readFileSync(WXR, 'utf8').replace('<title>Template: More Tag</title>', '<title>Template: More Tag (revised)</title>'));
    const target = byTitle(lib, 'Template: More Tag');
    const trashed = byTitle(lib, 'Draft');
    await lib.ok('articles.trash', { id: trashed.id });
    const r = await lib.ok('import.files', { paths: [copy] });
    expect(r.counts).toMatchObject({ imported: 0, updated: 1, failed: 0 });
    const updated = r.items.find((i) => i.status === 'updated')!;
    expect(updated).toMatchObject({ articleId: target.id, title: 'Template: More Tag (revised)' });
    expect(lib.db.prepare('SELECT version FROM articles WHERE id = ?').get(target.id)).toEqual({ version: (target.version as number) + 1 });
    expect(r.items.find((i) => i.articleId === trashed.id)?.reason).toEqual({ code: 'in-trash' });
    expect((lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(58);
  });
});

describe('wpautop and [caption]', () => {
  it('paragraphs double newlines, breaks single ones, and leaves block tags and <pre> alone', () => {
    const html = wpautop('First line\nsecond line\n\nNext paragraph\n<blockquote>Quoted</blockquote>\n<pre>keep\n\nspacing</pre>');
    expect(html).toContain('<p>First line<br />\nsecond line</p>');
    expect(html).toContain('<p>Next paragraph</p>');
    expect(html).toContain('<blockquote><p>Quoted</p></blockquote>');
    expect(html).toContain('<pre>keep\n\nspacing</pre>');
    expect(toPlainText(htmlToBody(html))).toBe('First line\nsecond line\nNext paragraph\nQuoted\nkeep\n\nspacing');
  });

  it('turns [caption] into a figure, with the caption from the body or the attribute', () => {
    expect(captionShortcodesToFigures('[caption id="a" width="300"]<img src="https://x.test/a.jpg" alt="A" /> The caption[/caption]'))
      .toBe('<figure><img src="https://x.test/a.jpg" alt="A" /><figcaption>The caption</figcaption></figure>');
    expect(captionShortcodesToFigures('[caption caption="Old style"]<a href="https://x.test"><img src="https://x.test/b.jpg"></a>[/caption]'))
      .toBe('<figure><a href="https://x.test"><img src="https://x.test/b.jpg"></a><figcaption>Old style</figcaption></figure>');
  });
});
