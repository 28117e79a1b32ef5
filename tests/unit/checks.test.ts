import { describe, expect, it } from 'vitest';
import { runChecks, type CheckInput, type Finding, type LinkTargetState } from '../../src/core/content/checks.js';
import { locateBlocks } from '../../src/core/content/blocks-with-paths.js';
import { bodyFromParagraphs, emptyBody, paragraphNode, textNode, type SerializedEditorState, type SerializedNode } from '../../src/core/content/lexical-json.js';
import { sampleArticlePage } from './helpers.js';

/** Metadata that passes every metadata check, so a test sees only what its body causes. */
const complete = (body: SerializedEditorState, extra: Partial<CheckInput> = {}): CheckInput => ({
  body, excerpt: '编辑写的摘要。', excerptIsManual: true, categoryId: 1, tagCount: 2, ...extra,
});

const kinds = (fs: Finding[]) => fs.map((f) => f.kind);
const textAt = (body: SerializedEditorState, f: Finding) => {
  if (f.at.kind !== 'text') throw new Error(`finding ${f.id} is not in the text`);
  const at = f.at;
  const block = locateBlocks(body).blocks.find((b) => b.path.join('.') === at.path.join('.'));
  return block!.text.slice(at.start, at.end);
};

/** The body paragraphs of the sample page (indented lines), as an editor would have pasted them. */
function sampleBody(): SerializedEditorState {
  const paras = sampleArticlePage().split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim()).filter(Boolean);
  return bodyFromParagraphs(paras.slice(0, 21));
}

describe('copy-desk checks', () => {
  it('a clean article has no findings', () => {
    const body = bodyFromParagraphs(['都昌县召开新材料产业园项目调度会议。', 'The board met on Tuesday, and agreed the plan.']);
    expect(runChecks(complete(body))).toEqual([]);
  });

  it('finds the passage the sample article page repeats, and selects the repeat', () => {
    const body = sampleBody();
    const repeats = runChecks(complete(body)).filter((f) => f.kind === 'repeated-passage' || f.kind === 'repeated-paragraph');
    expect(repeats.length).toBeGreaterThanOrEqual(1);
    const text = textAt(body, repeats[0]!);
    expect(text).toContain('尽一切努力为项目建设提供最优质、最贴心、最高效的服务');
    expect(repeats[0]!.params.firstParagraph).toBeLessThan(Number(repeats[0]!.params.paragraph));
  });

  it('does not flag the set phrases a story repeats on purpose', () => {
    const phrase = '新材料及智能装备产业园项目';
    const body = bodyFromParagraphs([`今天${phrase}开工。`, `明天${phrase}调度。`, `后天${phrase}签约，各方出席。`]);
    expect(kinds(runChecks(complete(body)))).not.toContain('repeated-passage');
  });

  it('flags a whole paragraph pasted twice, ignoring punctuation and width differences', () => {
    const p = '九江市正围绕高标准建设长江经济带重要节点城市战略目标，聚焦三打造两提升重点举措，大力开展十大攻坚行动。';
    const body = bodyFromParagraphs([p, '中间一段。', p.replace(/，/g, ',').replace('。', '.')]);
    const f = runChecks(complete(body)).find((x) => x.kind === 'repeated-paragraph');
    expect(f).toBeDefined();
    expect(f!.at).toMatchObject({ kind: 'text', path: [2] });
    expect(f!.params).toMatchObject({ paragraph: 3, firstParagraph: 1 });
  });

  it('flags repeated English passages only when long', () => {
    const s = 'The committee approved the budget for the new logistics park after a long debate on Monday evening';
    expect(kinds(runChecks(complete(bodyFromParagraphs([s, `Later, as the minutes record it: ${s}, and then the meeting moved on to other business of the port.`]))))).toContain('repeated-passage');
    expect(kinds(runChecks(complete(bodyFromParagraphs(['in the new logistics park', 'and the new logistics park']))))).not.toContain('repeated-passage');
  });

  it('flags half-width punctuation in Chinese text, once per paragraph, and leaves numbers and English alone', () => {
    const body = bodyFromParagraphs([
      '10月24日,都昌县召开了调度会议。这个项目意味着什么?',
      '投资3.5亿元，时间10:30，规模1,000亩。',
      'Hello, world. (English)',
      '都昌（江西）的会议。',
    ]);
    const found = runChecks(complete(body)).filter((f) => f.kind === 'mixed-punctuation');
    expect(found).toHaveLength(1);
    expect(found[0]!.params).toMatchObject({ count: 2, paragraph: 1 });
    expect(textAt(body, found[0]!)).toBe(',');
  });

  it('the sample page mixes half-width and full-width punctuation', () => {
    expect(kinds(runChecks(complete(sampleBody())))).toContain('mixed-punctuation');
  });

  it('flags images without alt text, pointing at the image node', () => {
    const body = emptyBody();
    const image = (alt: string): SerializedNode => ({ type: 'image', version: 1, sha256: 'a'.repeat(64), src: '', altText: alt, caption: '', credit: '', width: 10, height: 10 });
    body.root.children = [paragraphNode([textNode('图文。')]), image(''), image('港口航拍'), image('  ')];
    const found = runChecks(complete(body)).filter((f) => f.kind === 'image-without-alt');
    expect(found.map((f) => f.at)).toEqual([{ kind: 'node', path: [1] }, { kind: 'node', path: [3] }]);
  });

  it('flags missing excerpt, category and tags, pointing at the fields', () => {
    const body = bodyFromParagraphs(['正文第一段。']);
    const found = runChecks({ body, excerpt: '', excerptIsManual: false, categoryId: null, tagCount: 0 });
    expect(kinds(found).sort()).toEqual(['missing-category', 'missing-excerpt', 'missing-tags']);
    const excerpt = found.find((f) => f.kind === 'missing-excerpt')!;
    expect(excerpt.severity).toBe('info'); // derived from the first paragraph: a suggestion, not an error
    expect(excerpt.params.derived).toBe('正文第一段。');
    expect(runChecks({ body, excerpt: ' ', excerptIsManual: true, categoryId: 3, tagCount: 1 }).map((f) => [f.kind, f.severity]))
      .toEqual([['missing-excerpt', 'warning']]);
  });

  it('flags paragraphs over 500 characters, counting characters not UTF-16 units', () => {
    const body = bodyFromParagraphs(['字'.repeat(500), '𠮷'.repeat(500), '字'.repeat(501)]);
    const found = runChecks(complete(body)).filter((f) => f.kind === 'long-paragraph');
    expect(found.map((f) => f.params.paragraph)).toEqual([3]);
    expect(found[0]!.params.length).toBe(501);
  });

  it('flags placeholder markers but not words that contain the letters', () => {
    const body = bodyFromParagraphs(['投资额TK亿元，负责人XX表示【待补】。', 'The TKO and XXL sizes sold out; XXX confirmed.']);
    const found = runChecks(complete(body)).filter((f) => f.kind === 'placeholder');
    expect(found.map((f) => f.params.marker)).toEqual(['TK', 'XX', '【待补】', 'XXX']);
    expect(textAt(body, found[2]!)).toBe('【待补】');
  });

  it('flags links to trashed, unpublished and deleted articles, selecting the link text', () => {
    const link = (articleId: number, text: string): SerializedNode => ({
      type: 'article-link', version: 1, articleId, direction: null, format: '', indent: 0, children: [textNode(text)],
    });
    const body = emptyBody();
    body.root.children = [paragraphNode([textNode('参见'), link(2, '旧闻'), textNode('和'), link(3, '新闻'), textNode('及'), link(4, '草稿'), link(5, '删了')])];
    const states = new Map<number, LinkTargetState>([[2, 'trashed'], [3, 'live'], [4, 'unpublished'], [5, 'missing']]);
    const found = runChecks(complete(body, { linkStates: states })).filter((f) => f.kind === 'broken-link');
    expect(found.map((f) => [textAt(body, f), f.params.state])).toEqual([['旧闻', 'trashed'], ['草稿', 'unpublished'], ['删了', 'missing']]);
    expect(kinds(runChecks(complete(body)))).not.toContain('broken-link'); // states unknown: not judged
  });

  it('locates blocks inside lists and tables by their tree path', () => {
    const body = emptyBody();
    body.root.children = [
      { type: 'list', listType: 'bullet', children: [{ type: 'listitem', children: [textNode('第一项TK')] }] },
      { type: 'table', children: [{ type: 'tablerow', children: [{ type: 'tablecell', children: [paragraphNode([textNode('单元格XX')])] }] }] },
    ];
    const found = runChecks(complete(body)).filter((f) => f.kind === 'placeholder');
    expect(found.map((f) => f.at)).toEqual([
      { kind: 'text', path: [0, 0], start: 3, end: 5 },
      { kind: 'text', path: [1, 0, 0, 0], start: 3, end: 5 },
    ]);
  });

  it('runs in a few milliseconds on a 30,000-character article (it runs as the editor types)', () => {
    const paras = Array.from({ length: 300 }, (_, i) => `第${i}段：${'都昌县新材料产业园项目建设稳步推进，各方通力合作。'.slice(i % 7)}${'港口物流周报'.repeat(12)}${i}`);
    const body = bodyFromParagraphs(paras);
    const t0 = performance.now();
    runChecks(complete(body));
    // Generous bound: this guards against an accidental quadratic pass, not a benchmark.
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});
