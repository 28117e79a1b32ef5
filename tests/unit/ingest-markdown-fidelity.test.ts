/**
 * What a Markdown file's body becomes: order, structure and the small things (titles, code
 * span spaces, list starts, info strings), through the real import and the HTML export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import type { SerializedNode } from '../../src/core/content/lexical-json.js';

let lib: TestLibrary;
let n = 0;

async function importMarkdown(markdown: string): Promise<{ blocks: SerializedNode[]; html: string; notes: unknown[]; plain: string }> {
  const report = await lib.ok('import.content', { name: `fidelity-${++n}.md`, content: `---\ntitle: Case ${n}\n---\n${markdown}` });
  const line = report.items[0]!;
  expect(line.status, String(line.reason)).toBe('imported');
  const article = await lib.ok('articles.get', { id: line.articleId! });
  const html = (await lib.ok('export.article', { id: line.articleId!, format: 'html' })).content;
  return { blocks: (article.body as { root: { children: SerializedNode[] } }).root.children, html, notes: line.notes ?? [], plain: article.plainText };
}

const types = (blocks: SerializedNode[]) => blocks.map((b) => b.type);

beforeAll(async () => {
  lib = await makeLibrary();
});
afterAll(() => lib.dispose());

describe('Markdown import keeps the order of the text', () => {
  it('places code blocks and quotes inside list items where they stand, splitting the list and continuing its numbering', async () => {
    const { blocks, html, notes, plain } = await importMarkdown([
      '1. Download the installer:', '', '   ```sh', '   curl -O https://example.test/setup.sh', '   ```', '',
      '2. Run it:', '', '   ```sh', '   sh setup.sh', '   ```', '', '   > It asks for your password.', '',
      '3. Restart.', '',
    ].join('\n'));
    expect(types(blocks)).toEqual(['list', 'code', 'list', 'code', 'quote', 'list']);
    expect(blocks.filter((b) => b.type === 'list').map((b) => b.start)).toEqual([1, 2, 3]);
    expect(plain.split('\n').filter(Boolean)).toEqual([
      'Download the installer:', 'curl -O https://example.test/setup.sh', 'Run it:', 'sh setup.sh', 'It asks for your password.', 'Restart.',
    ]);
    expect(html).toContain('<ol class="cd-list" start="3">');
    expect(notes).toContainEqual({ code: 'list-splits', params: { n: 3 } });
  });
});

describe('Markdown import keeps the structure the editor can hold', () => {
  it('keeps a quote of several paragraphs, a list and a nested quote as blocks of the quote', async () => {
    const { blocks, html } = await importMarkdown('> First paragraph.\n>\n> Second paragraph.\n>\n> - a point\n>\n> > nested\n');
    expect(types(blocks)).toEqual(['quote']);
    expect(types(blocks[0]!.children!)).toEqual(['paragraph', 'paragraph', 'list', 'quote']);
    expect(html).toContain('<blockquote class="cd-quote">\n<p>First paragraph.</p>\n<p>Second paragraph.</p>');
  });

  it('keeps empty list items, empty headings and empty code blocks, and a rule in a list item in its place', async () => {
    const { blocks } = await importMarkdown('- one\n-\n- three\n\n##\n\n```\n```\n\n- Foo\n- * * *\n');
    const list = blocks[0]!;
    expect(list.children!.map((i) => (i.children ?? []).length)).toEqual([1, 0, 1]);
    expect(types(blocks)).toEqual(['list', 'heading', 'code', 'list', 'horizontalrule']);
  });

  it('says in the report when a list item\'s paragraphs become lines', async () => {
    const { blocks, notes } = await importMarkdown('- first paragraph\n\n  second paragraph\n- next\n');
    expect(types(blocks[0]!.children![0]!.children!)).toEqual(['text', 'linebreak', 'text']);
    expect(notes).toContainEqual({ code: 'item-paragraphs', params: { n: 1 } });
  });
});

describe('Markdown import keeps the small things', () => {
  it('keeps link titles, and an image title as its caption', async () => {
    const { blocks, html } = await importMarkdown('[site](https://example.test/ "The site")\n\n![Plan](https://img.example.test/plan.png "Site plan")\n');
    expect(blocks[0]!.children![0]).toMatchObject({ type: 'link', url: 'https://example.test/', title: 'The site' });
    expect(blocks[1]).toMatchObject({ type: 'image', caption: 'Site plan', altText: 'Plan' });
    expect(html).toContain('title="The site"');
  });

  it('does not split a paragraph around an inline image: the image follows the paragraph, and the report says so', async () => {
    const { blocks, notes } = await importMarkdown('Before ![icon](https://img.example.test/i.png) after.\n');
    expect(types(blocks)).toEqual(['paragraph', 'image']);
    expect(blocks[0]!.children!.map((c) => c.text).join('')).toBe('Before after.');
    expect(notes).toContainEqual({ code: 'images-moved', params: { n: 1 } });
  });

  it('keeps spaces at the edges of code spans and a code block\'s leading blank line', async () => {
    const { blocks, html } = await importMarkdown('a `` `x` `` b\n\n```\n\nfirst\n```\n');
    expect(blocks[0]!.children!.find((c) => c.format === 16)).toMatchObject({ text: '`x`' });
    expect(html).toContain('<code>`x`</code>');
    // CommonMark strips one space from each side: two spaces keep one.
    const code = await importMarkdown('x `  a  ` y\n');
    expect(code.blocks[0]!.children!.find((c) => c.format === 16)).toMatchObject({ text: ' a ' });
    expect(code.html).toContain('x <code> a </code> y');
    expect(blocks[1]!.children![0]).toMatchObject({ type: 'linebreak' });
    expect(html).toContain('<pre class="cd-code"><code>\nfirst</code></pre>');
  });

  it('keeps an ordered list\'s start (0 and nine digits) and the whole info string', async () => {
    const zero = await importMarkdown('0. ok\n');
    expect(zero.blocks[0]).toMatchObject({ start: 0 });
    expect(zero.html).toContain('<ol class="cd-list" start="0">');
    const big = await importMarkdown('123456789. ok\n');
    expect(big.html).toContain('start="123456789"');
    const lang = await importMarkdown('```föö\ncode\n```\n');
    expect(lang.blocks[0]).toMatchObject({ type: 'code', language: 'föö' });
    expect(lang.html).toContain('class="language-föö"');
  });
});
