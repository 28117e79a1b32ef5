import { describe, expect, it } from 'vitest';
import { halfWidthMarks, toFullWidthPunctuation } from '../../src/core/content/punctuation.js';
import { runChecks } from '../../src/core/content/checks.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { plainTextParagraphs } from '../../src/renderer/src/editor/plugins/PastePlugin/plainText.js';

describe('half-width punctuation in Chinese text', () => {
  it('makes exactly the flagged marks full-width, one character for one', () => {
    const text = '都昌县,邱舰说:"要抓项目!"他问:为什么?(见附件)3.5亿元,10:30开会. The board met, and agreed.';
    const fixed = toFullWidthPunctuation(text);
    expect(fixed).toBe('都昌县，邱舰说：“要抓项目！”他问：为什么？（见附件）3.5亿元，10:30开会。 The board met, and agreed.');
    expect(fixed.length).toBe(text.length);
    expect(halfWidthMarks(fixed)).toEqual([]);
  });

  it('the checks count the marks the fix replaces', () => {
    const text = '都昌县,邱舰说:"要抓项目!"';
    const f = runChecks({ body: bodyFromParagraphs([text]), excerpt: '摘要。', excerptIsManual: true, categoryId: 1, tagCount: 1 });
    expect(f.find((x) => x.kind === 'mixed-punctuation')?.params.count).toBe(halfWidthMarks(text).length);
  });
});

describe('a passage repeated within one paragraph', () => {
  it('names the paragraph once, not as its own source', () => {
    const s = '都昌县召开了新材料及智能装备产业园项目调度会议，县委书记邱舰也一直对这项工作极为重视。';
    const f = runChecks({ body: bodyFromParagraphs([s + s]), excerpt: '摘要。', excerptIsManual: true, categoryId: 1, tagCount: 1 });
    const repeat = f.find((x) => x.kind === 'repeated-passage')!;
    expect(repeat.message).not.toMatch(/paragraph 1.*paragraph 1/i);
    expect(repeat.message).toMatch(/^Paragraph 1 says a passage twice/);
  });
});

describe('pasted plain text', () => {
  it('blank lines separate paragraphs and never become paragraphs', () => {
    expect(plainTextParagraphs('第一段。\n\n第二段。\r\n \r\n\u3000\u3000第三段。\n\u3000\n\n')).toEqual(['第一段。', '第二段。', '第三段。']);
    expect(plainTextParagraphs('一、进展\n二、问题')).toEqual(['一、进展', '二、问题']);
    const many = Array.from({ length: 500 }, (_, i) => `第${i + 1}段。`);
    expect(plainTextParagraphs(many.join('\n\n'))).toEqual(many);
  });
});
