/**
 * A Hugo / Jekyll archive's internal links and relative images: a link to another file of the
 * import becomes an article link (also when the target comes later, or in a later run), a site
 * path stays a link, and an image beside the file or under the static folder becomes a library
 * asset.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeLibrary, tempDir, type TestLibrary } from './helpers.js';
import { makePng } from '../support/png.js';
import type { SerializedNode } from '../../src/core/content/lexical-json.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function site(): { dir: string; content: string; staticDir: string } {
  const dir = tempDir('copydesk-md-site-');
  const content = path.join(dir, 'content');
  const write = (rel: string, data: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), data);
  };
  write('content/posts/2019/hello.md', [
    '---', 'title: Hello', '---',
    'Read [the next post](../2020/next.md#intro "Next") and [my previous post](/posts/2019/hello/).', '',
    '![Diagram](/images/diagram.png)', '',
    '![Local](img/local.png)', '',
    '![Missing](img/missing.png)', '',
  ].join('\n'));
  write('content/posts/2020/next.md', ['---', 'title: Next', '---', 'Back to [hello](../2019/hello.md).', ''].join('\n'));
  write('content/posts/2019/img/local.png', makePng(12, 8, 40));
  write('static/images/diagram.png', makePng(30, 20, 200));
  return { dir, content, staticDir: path.join(dir, 'static') };
}

const walk = (n: SerializedNode): SerializedNode[] => [n, ...(n.children ?? []).flatMap(walk)];

describe('Markdown archive links and images', () => {
  let lib: TestLibrary | null = null;
  afterEach(() => lib?.dispose());

  it('links files of the import as articles, keeps site paths as links, and stores local images as assets', async () => {
    lib = await makeLibrary();
    const s = site();
    const report = await lib.ok('import.files', { paths: [s.content], staticDir: s.staticDir });
    expect(report.counts.imported).toBe(2);
    const id = (title: string) => report.items.find((l) => l.title === title)!.articleId!;
    const hello = await lib.ok('articles.get', { id: id('Hello') });
    const nodes = walk((hello.body as { root: SerializedNode }).root);
    // A forward link (next.md is imported after hello.md) became an article link.
    expect(nodes.find((n) => n.type === 'article-link')).toMatchObject({ articleId: id('Next') });
    expect(nodes.find((n) => n.type === 'link')).toMatchObject({ url: '/posts/2019/hello/' });
    const images = nodes.filter((n) => n.type === 'image');
    expect(images.map((i) => [i.altText, typeof i.sha256 === 'string' ? 'asset' : 'none', i.width])).toEqual([['Diagram', 'asset', 30], ['Local', 'asset', 12]]);
    expect((lib.db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }).n).toBe(2);
    expect(hello.plainText).toContain('Missing');
    const helloLine = report.items.find((l) => l.title === 'Hello')!;
    expect(helloLine.notes).toContainEqual({ code: 'image-not-found', params: { src: 'img/missing.png' } });
    const next = await lib.ok('articles.get', { id: id('Next') });
    expect(walk((next.body as { root: SerializedNode }).root).find((n) => n.type === 'article-link')).toMatchObject({ articleId: id('Hello') });
    // The links are in the library's link table, so backlinks show them.
    expect((lib.db.prepare('SELECT count(*) AS n FROM body_links').get() as { n: number }).n).toBe(2);
    // The export links the article's page (public output links only published articles) and the asset.
    await lib.ok('articles.setStatus', { ids: [id('Next')], status: 'published' });
    const html = (await lib.ok('export.article', { id: id('Hello'), format: 'html' })).content;
    expect(html).toMatch(/<a class="cd-article-link" href="[^"]*next[^"]*"/);
    expect(html).toContain('href="/posts/2019/hello/"');
  });

  it('links a file imported in a later run, and reports site-path images when no static folder is given', async () => {
    lib = await makeLibrary();
    const s = site();
    const first = await lib.ok('import.files', { paths: [path.join(s.content, 'posts/2019/hello.md')] });
    expect(first.items[0]!.notes).toContainEqual({ code: 'image-not-found', params: { src: '/images/diagram.png' } });
    const helloId = first.items[0]!.articleId!;
    const before = await lib.ok('articles.get', { id: helloId });
    expect(walk((before.body as { root: SerializedNode }).root).find((n) => n.type === 'link')).toMatchObject({ url: '../2020/next.md#intro' });
    const second = await lib.ok('import.files', { paths: [path.join(s.content, 'posts/2020/next.md')] });
    const after = await lib.ok('articles.get', { id: helloId });
    expect(walk((after.body as { root: SerializedNode }).root).find((n) => n.type === 'article-link')).toMatchObject({ articleId: second.items[0]!.articleId });
  });

  it('takes the static folder from the CLI\'s --static flag', () => {
    const s = site();
    const libPath = path.join(s.dir, 'lib.sqlite');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/copydesk.mjs'), '--library', libPath, 'import', s.content, '--static', s.staticDir, '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { items: Array<{ notes?: string[] }> };
    expect(report.items.flatMap((l) => l.notes ?? []).filter((n) => n.includes('/images/diagram.png'))).toEqual([]);
    expect(report.items.flatMap((l) => l.notes ?? [])).toContain('the image img/missing.png is not a file of the import (give the site\'s static folder for site paths); its alt text was kept');
  }, 120_000);
});
