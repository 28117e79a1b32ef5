import { describe, expect, it } from 'vitest';
import { createHeadlessEditor } from '@lexical/headless';
import { DecoratorNode, type LexicalNode, type NodeKey, type SerializedLexicalNode } from 'lexical';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { convertHtml, htmlToBody } from '../../src/core/ingest/html-to-body.js';
import { toPlainText } from '../../src/core/content/plain-text.js';
import { walk, type SerializedEditorState, type SerializedNode } from '../../src/core/content/lexical-json.js';
import { TEXT_FORMAT } from '../../src/core/content/node-types.js';

/** Minimal stand-in for the editor's image node: the same JSON in and out, no React. */
type SerializedImage = SerializedLexicalNode & Record<string, unknown>;
class TestImageNode extends DecoratorNode<null> {
  __data: Record<string, unknown>;
  static override getType(): string { return 'image'; }
  static override clone(node: TestImageNode): TestImageNode { return new TestImageNode(node.__data, node.__key); }
  static override importJSON(json: SerializedImage): TestImageNode {
    const { type: _t, version: _v, ...data } = json;
    return new TestImageNode(data);
  }
  constructor(data: Record<string, unknown>, key?: NodeKey) { super(key); this.__data = data; }
  override exportJSON(): SerializedImage { return { type: 'image', version: 1, ...this.__data }; }
  override createDOM(): HTMLElement { throw new Error('no DOM in this test'); }
  override updateDOM(): boolean { return false; }
  override decorate(): null { return null; }
  override isInline(): boolean { return false; }
}

/** Loads a body into a real (headless) Lexical editor and exports it again. */
function lexicalRoundTrip(body: SerializedEditorState): unknown {
  const editor = createHeadlessEditor({
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, CodeNode, CodeHighlightNode,
      TableNode, TableRowNode, TableCellNode, HorizontalRuleNode, TestImageNode as unknown as typeof LexicalNode],
    onError: (e) => { throw e; },
  });
  const state = editor.parseEditorState(JSON.stringify(body));
  return state.toJSON();
}

const blocks = (html: string) => htmlToBody(html).root.children;
const texts = (node: SerializedNode): string[] => [...walk(node)].filter((n) => n.type === 'text').map((n) => n.text as string);

/** Every node type and every key an importer may produce: anything else is a leak. */
const ALLOWED_KEYS: Record<string, string[]> = {
  root: ['type', 'version', 'direction', 'format', 'indent', 'children'],
  paragraph: ['type', 'version', 'direction', 'format', 'indent', 'textFormat', 'textStyle', 'children'],
  text: ['type', 'version', 'detail', 'format', 'mode', 'style', 'text'],
  linebreak: ['type', 'version'],
  tab: ['type', 'version', 'detail', 'format', 'mode', 'style', 'text'],
  heading: ['type', 'version', 'tag', 'direction', 'format', 'indent', 'children'],
  quote: ['type', 'version', 'direction', 'format', 'indent', 'children'],
  list: ['type', 'version', 'listType', 'start', 'tag', 'direction', 'format', 'indent', 'children'],
  listitem: ['type', 'version', 'value', 'direction', 'format', 'indent', 'children'],
  link: ['type', 'version', 'rel', 'target', 'title', 'url', 'direction', 'format', 'indent', 'children'],
  code: ['type', 'version', 'language', 'direction', 'format', 'indent', 'children'],
  horizontalrule: ['type', 'version'],
  table: ['type', 'version', 'direction', 'format', 'indent', 'children'],
  tablerow: ['type', 'version', 'direction', 'format', 'indent', 'children'],
  tablecell: ['type', 'version', 'backgroundColor', 'colSpan', 'headerState', 'rowSpan', 'direction', 'format', 'indent', 'children'],
  image: ['type', 'version', 'sha256', 'src', 'altText', 'caption', 'credit', 'width', 'height'],
};

/** The safety invariant of the sanitizer, checked node by node. */
function assertInert(body: SerializedEditorState): void {
  for (const node of walk(body.root)) {
    const allowed = ALLOWED_KEYS[node.type];
    expect(allowed, `unexpected node type ${node.type}`).toBeDefined();
    for (const key of Object.keys(node)) expect(allowed, `${node.type}.${key}`).toContain(key);
    // Absolute http(s) and mailto; authored (Markdown) HTML also keeps relative ones, which name no scheme.
    if (node.type === 'link') expect(node.url).toMatch(/^(?:https?:\/\/[^\s]+|mailto:[^\s]+|[^\s:/?#]*(?:[/?#][^\s]*)?)$/i);
    if (node.type === 'image') expect(node.src).toMatch(/^https?:\/\/[^\s]+$/i);
    if ('style' in node) expect(node.style).toBe('');
    if ('textStyle' in node) expect(node.textStyle).toBe('');
    if (node.type === 'text' || node.type === 'tab') expect(typeof node.text).toBe('string');
  }
}

describe('htmlToBody: structure', () => {
  it('keeps paragraphs, headings (h1→h2, h5/h6→h4), formats and line breaks', () => {
    const body = htmlToBody('<h1>Title</h1><h3>Sub</h3><h6>Small</h6><p>A <b>bold</b>, <em>it</em>, <u>u</u>, <del>gone</del>, <code>x()</code><br>next line</p>');
    const [h1, h3, h6, p] = body.root.children;
    expect([h1!.tag, h3!.tag, h6!.tag]).toEqual(['h2', 'h3', 'h4']);
    const formats = Object.fromEntries((p!.children ?? []).filter((n) => n.type === 'text').map((n) => [n.text, n.format]));
    expect(formats).toMatchObject({ bold: TEXT_FORMAT.bold, it: TEXT_FORMAT.italic, u: TEXT_FORMAT.underline, gone: TEXT_FORMAT.strikethrough, 'x()': TEXT_FORMAT.code });
    expect(p!.children!.some((n) => n.type === 'linebreak')).toBe(true);
    expect(toPlainText(body)).toBe('Title\nSub\nSmall\nA bold, it, u, gone, x()\nnext line');
  });

  it('nests lists the way Lexical does, numbering from start', () => {
    const [list] = blocks('<ol start="3"><li>one<ul><li>inner</li></ul></li><li>two</li></ol>');
    expect(list).toMatchObject({ type: 'list', listType: 'number', start: 3, tag: 'ol' });
    const items = list!.children!;
    expect(items.map((i) => i.value)).toEqual([3, 4, 5]);
    expect(items[1]!.children![0]).toMatchObject({ type: 'list', listType: 'bullet' });
    expect(items[1]!.children![0]!.children![0]).toMatchObject({ type: 'listitem', indent: 1 });
    expect(texts(list!)).toEqual(['one', 'inner', 'two']);
  });

  it('turns tables into Lexical tables with header cells, spans and rectangular rows', () => {
    const [table] = blocks('<table><caption>Cap</caption><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody><tr><td rowspan="2">1</td><td colspan="2">2</td></tr><tr><td>3</td></tr></tbody></table>').slice(1);
    expect(table!.type).toBe('table');
    const rows = table!.children!;
    expect(rows[0]!.children!.map((c) => c.headerState)).toEqual([1, 1, 1]);
    expect(rows[1]!.children!.map((c) => [c.colSpan, c.rowSpan])).toEqual([[1, 2], [2, 1]]);
    // Row 3 is one real cell beside the rowspan; it gets one empty cell to fill the third column.
    expect(rows[2]!.children!.length).toBe(2);
    expect(blocks('<table><caption>Cap</caption><tr><td>x</td></tr></table>')[0]).toMatchObject({ type: 'paragraph' });
  });

  it('keeps images by reference with alt, size and figure caption; drops sources that are not http(s)', () => {
    const [img, p] = blocks('<figure><img src="https://x.test/a.png" alt="Alt" width="640" height="427"><figcaption>The <b>caption</b></figcaption></figure><p>before <img src="data:image/png;base64,AAAA" alt="inline alt"> after</p>');
    expect(img).toEqual({ type: 'image', version: 1, sha256: null, src: 'https://x.test/a.png', altText: 'Alt', caption: 'The caption', credit: '', width: 640, height: 427 });
    expect(toPlainText({ root: { type: 'root', children: [p!] } })).toBe('before inline alt after');
    // An image inside a paragraph splits it (images are blocks); lazy-loaded sources are found.
    const split = blocks('<p>one <img data-src="https://x.test/lazy.jpg" src="/placeholder.gif"> two</p>');
    expect(split.map((b) => b.type)).toEqual(['paragraph', 'image', 'paragraph']);
    expect(split[1]!.src).toBe('https://x.test/lazy.jpg');
  });

  it('keeps code blocks with their language, lines and tabs', () => {
    const [code] = blocks('<pre><code class="language-ts">let a = 1;\n\tif (a) {}\n</code></pre>');
    expect(code).toMatchObject({ type: 'code', language: 'ts' });
    expect(code!.children!.map((c) => c.type)).toEqual(['text', 'linebreak', 'tab', 'text']);
  });

  it('keeps only http, https and mailto links; others become their text', () => {
    const [p] = blocks('<p><a href="https://a.test/x">web</a> <a href="mailto:ed@a.test">mail</a> <a href="ftp://a.test">ftp</a> <a href="#top">anchor</a> <a href="/relative">rel</a></p>');
    const links = p!.children!.filter((n) => n.type === 'link');
    expect(links.map((l) => l.url)).toEqual(['https://a.test/x', 'mailto:ed@a.test']);
    expect(toPlainText({ root: { type: 'root', children: [p!] } })).toBe('web mail ftp anchor rel');
    // With the page's address, relative links resolve.
    const [resolved] = htmlToBody('<p><a href="/relative">rel</a></p>', { baseUrl: 'https://site.test/a/b.html' }).root.children;
    expect(resolved!.children![0]).toMatchObject({ type: 'link', url: 'https://site.test/relative' });
  });

  it('keeps unsupported blocks as text, never silently: MathML, nested tables, definition lists, unknown elements', () => {
    const body = htmlToBody('<math><mi>x</mi><mo>+</mo><mn>1</mn></math><table><tr><td><table><tr><td>inner</td><td>cell</td></tr></table></td></tr></table><dl><dt>Term</dt><dd>Def</dd></dl><custom-widget>Custom text</custom-widget><details><summary>More</summary>Hidden body</details>');
    const text = toPlainText(body);
    for (const t of ['x+1', 'inner | cell', 'Term', 'Def', 'Custom text', 'More', 'Hidden body']) expect(text).toContain(t);
  });

  it('collapses HTML whitespace, and drops source line breaks between Chinese characters', () => {
    expect(toPlainText(htmlToBody('<p>  都昌\n  新材料   产业园\n project\n  area </p>'))).toBe('都昌新材料 产业园 project area');
    // Indentation made of no-break or ideographic spaces is presentation, not text.
    expect(toPlainText(htmlToBody('<p>&nbsp;&nbsp;\u3000\u3000正文开始。</p>'))).toBe('正文开始。');
  });

  it('degrades Word, WeChat and Google Docs markup to clean paragraphs', () => {
    const word = `<p class=MsoNormal><span style='mso-bidi-font-weight:bold;font-weight:bold'>粗体</span><span lang=EN-US>text<o:p></o:p></span></p>
      <p class=MsoNormal><o:p>&nbsp;</o:p></p>
      <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>First</p>
      <p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>2.</span>Second</p>`;
    const body = htmlToBody(word);
    expect(body.root.children.map((b) => b.type)).toEqual(['paragraph', 'list']);
    expect(body.root.children[0]!.children![0]).toMatchObject({ text: '粗体', format: TEXT_FORMAT.bold });
    expect(body.root.children[1]).toMatchObject({ listType: 'number' });
    expect(texts(body.root.children[1]!)).toEqual(['First', 'Second']);

    const wechat = '<section style="margin:0"><section><span style="font-size:15px">第一段文字</span><br><br><span style="font-weight:700">第二段</span>文字</section></section><section><p><br></p></section>';
    const w = htmlToBody(wechat);
    expect(w.root.children.map((b) => toPlainText({ root: { type: 'root', children: [b] } }))).toEqual(['第一段文字', '第二段文字']);
    expect(w.root.children[1]!.children![0]).toMatchObject({ text: '第二段', format: TEXT_FORMAT.bold });

    // Google Docs wraps everything in <b style="font-weight:normal">: not bold.
    const gdocs = htmlToBody('<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Bold</span><span style="font-style:italic">Ital</span> plain</p></b>');
    expect(gdocs.root.children[0]!.children!.map((n) => [n.text, n.format])).toEqual([['Bold', 1], ['Ital', 2], [' plain', 0]]);
  });

  it('produces exactly the JSON Lexical itself exports for these nodes (round trip through a headless editor)', () => {
    const body = htmlToBody(`<h2>Heading</h2><p>Text <strong>bold</strong> <a href="https://a.test">link</a><br>line</p>
      <blockquote><p>Quote one</p><p>Quote two</p></blockquote>
      <ul><li>a<ol><li>b</li></ol></li><li>c</li></ul>
      <pre><code class="language-js">x\n\ty</code></pre><hr>
      <table><thead><tr><th>H</th><th>I</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>
      <figure><img src="https://a.test/i.png" alt="i" width="10" height="20"><figcaption>cap</figcaption></figure>`);
    assertInert(body);
    expect(lexicalRoundTrip(body)).toEqual(body);
  });

  it('keeps authored (Markdown) structure in shapes Lexical loads and exports unchanged', () => {
    const { body } = convertHtml(`<blockquote><p>one</p><ul><li>a</li><li></li></ul><blockquote><p>nested</p></blockquote></blockquote>
      <h2></h2><pre><code class="language-föö"></code></pre><ol start="0"><li>x</li></ol><pre><code class="language-txt">
lead</code></pre><p><a href="/posts/x/" title="T">site</a> <code>  a  </code></p>`, { authored: true });
    assertInert(body);
    expect(body.root.children.map((b) => b.type)).toEqual(['quote', 'heading', 'code', 'list', 'code', 'paragraph']);
    expect(lexicalRoundTrip(body)).toEqual(body);
  });

  it('gives an empty paragraph for empty input, and survives hostile nesting depth', () => {
    expect(htmlToBody('').root.children).toEqual([expect.objectContaining({ type: 'paragraph', children: [] })]);
    const deep = `${'<div><span>'.repeat(5_000)}deep text${'</span></div>'.repeat(5_000)}`;
    expect(toPlainText(htmlToBody(deep))).toBe('deep text');
    const deepLists = `${'<ul><li>x'.repeat(50)}${'</li></ul>'.repeat(50)}`;
    const body = htmlToBody(deepLists);
    let depth = 0;
    const measure = (n: SerializedNode, d: number) => { depth = Math.max(depth, d); for (const c of n.children ?? []) measure(c, d + 1); };
    measure(body.root, 0);
    expect(depth).toBeLessThanOrEqual(20);
    expect(texts(body.root).length).toBe(50);
  });

  it('reports what it left out', () => {
    const { notes } = convertHtml('<p>a</p><script>x</script><iframe src="https://v.test/e"></iframe><a href="javascript:alert(1)">j</a><img src="data:image/png;base64,AA"><span style="display:none">secret</span>');
    expect(notes.dropped).toMatchObject({ script: 1, iframe: 1 });
    expect(notes.unsafeUrls).toBe(1);
    expect(notes.imagesWithoutSource).toBe(1);
    expect(notes.hidden).toBe(1);
  });
});

describe('htmlToBody: hostile HTML produces nothing executable', () => {
  const HOSTILE = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=https://evil.test/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<img src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">hex entity and &colon;</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab inside</a>',
    '<a href="java\nscript:alert(1)">newline inside</a>',
    '<a href=" \x01javascript:alert(1)">leading control</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="https://ok.test" onclick="alert(1)" style="color:red" class="x" target="_blank">ok</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="https://evil.test/x.swf"></object><embed src="javascript:alert(1)">',
    '<form action="https://evil.test"><input value="x"><button formaction="javascript:alert(1)">b</button></form>',
    '<svg onload=alert(1)><script>alert(1)</script><a xlink:href="javascript:alert(1)"><text>svg</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    '<style>@import "https://evil.test/x.css"; body{background:url(javascript:alert(1))}</style>',
    '<div style="background:url(javascript:alert(1))" onmouseover="alert(1)">styled</div>',
    '<p><noscript><img src=x onerror=alert(1)></noscript></p>',
    '<template><script>alert(1)</script></template>',
    '<!--<script>alert(1)</script>--><p>after comment</p>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:alert(1)//">',
    '<table background="javascript:alert(1)"><tr><td>cell</td></tr></table>',
    '<video src="javascript:alert(1)"><source src="javascript:alert(1)"></video><audio src="data:audio/wav;base64,AA"></audio>',
    '<p>text with &lt;script&gt;alert(1)&lt;/script&gt; shown as text</p>',
  ];

  it.each(HOSTILE.map((h) => [h]))('%s', (html) => {
    const body = htmlToBody(html);
    assertInert(body);
    const json = JSON.stringify(body);
    // Executable content can only hide in a URL or a kept attribute; neither exists.
    for (const node of walk(body.root)) {
      if (node.type === 'link') expect(node.url).not.toMatch(/script:|^data:/i);
      if (node.type === 'image') expect(node.src).not.toMatch(/script:|^data:/i);
    }
    expect(json).not.toMatch(/onerror|onclick|onload|onmouseover|srcdoc|formaction|xlink/i);
  });

  it('keeps attribute break-out attempts as inert data: quotes percent-encoded in URLs, alt text as text', () => {
    const [p] = blocks('<p><a href="https://ok.test/&quot;onmouseover=&quot;alert(1)">quoted</a></p>');
    expect(p!.children![0]!.url).toBe('https://ok.test/%22onmouseover=%22alert(1)');
    const [img] = blocks('<img src="https://ok.test/i&quot;.png" alt="x&quot; onerror=&quot;alert(1)">');
    expect(img).toMatchObject({ src: 'https://ok.test/i%22.png', altText: 'x" onerror="alert(1)' });
    assertInert(htmlToBody('<img src="https://ok.test/i.png" alt="x&quot; onerror=&quot;alert(1)">'));
  });

  it('keeps the harmless text of hostile markup where there was some', () => {
    const text = toPlainText(htmlToBody(HOSTILE.join('\n')));
    expect(text).toContain('click');
    expect(text).toContain('styled');
    expect(text).toContain('text with <script>alert(1)</script> shown as text');
    expect(text).not.toContain('alert(1)</style>');
    expect(text).not.toContain('svg');
  });

  it('holds the invariant for random mixes of hostile fragments (property)', async () => {
    const fc = await import('fast-check');
    const fragment = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.constantFrom('<p>', '</p>', '<ul><li>', '</li></ul>', '<table><tr><td>', '</td></tr></table>', '<blockquote>', '</blockquote>', '<b>', '</b>', '<a href="https://ok.test">', '</a>', '<h1>', '</h1>', '<pre>', '</pre>', '<br>', '<figure><img src="https://ok.test/i.png">', '<figcaption>c</figcaption></figure>'),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const body = htmlToBody(parts.join(''));
        assertInert(body);
        for (const node of walk(body.root)) {
          if (node.type === 'link') expect(node.url).toMatch(/^(?:https?:|mailto:)/i);
          if (node.type === 'image') expect(node.src).toMatch(/^https?:/i);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('import.convertHtml (the paste sanitizer over the contract)', () => {
  it('returns the sanitized body and notes, and writes nothing', async () => {
    const { makeLibrary } = await import('./helpers.js');
    const lib = await makeLibrary();
    try {
      const r = await lib.ok('import.convertHtml', { html: '<p onclick="x()">Hi <a href="/a">there</a><script>bad()</script></p>', baseUrl: 'https://site.test/x/' });
      expect(r.body.root.children).toEqual([expect.objectContaining({ type: 'paragraph' })]);
      expect(JSON.stringify(r.body)).toContain('"url":"https://site.test/a"');
      expect(r.notes.dropped).toEqual({ script: 1 });
      expect(await lib.raw('import.convertHtml', { html: '<p>x</p>', baseUrl: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect((lib.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(0);
    } finally {
      lib.dispose();
    }
  });
});
