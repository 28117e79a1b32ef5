import { describe, expect, it } from 'vitest';
import { countText, characterLength } from '../../src/core/content/counts.js';
import { excerptOf, deriveExcerpt } from '../../src/core/content/excerpt.js';
import { toPlainText } from '../../src/core/content/plain-text.js';
import { bodyFromParagraphs, headingNode, paragraphNode, textNode } from '../../src/core/content/lexical-json.js';
import { slugify } from '../../src/core/articles/slug.js';
import { sampleArticlePage } from './helpers.js';

describe('counts', () => {
  it('counts Han, kana and Hangul characters one each and Latin words one each', () => {
    expect(countText('产业园')).toMatchObject({ cjkChars: 3, latinWords: 0, words: 3 });
    expect(countText('ひらがなカタカナ')).toMatchObject({ cjkChars: 8 });
    expect(countText('한국어')).toMatchObject({ cjkChars: 3 });
    expect(countText("The editor's desk, 2024-09-27.")).toMatchObject({ latinWords: 4, cjkChars: 0 });
    expect(countText('5G基站建设 AI芯片')).toMatchObject({ cjkChars: 6, latinWords: 2, words: 8 });
  });

  it('counts paragraphs and reading time', () => {
    const text = `${'字'.repeat(800)}\n\n${'word '.repeat(220)}`;
    const c = countText(text);
    expect(c.paragraphs).toBe(2);
    expect(c.readingMinutes).toBe(3);
    expect(countText('').readingMinutes).toBe(0);
  });

  it('measures SEO lengths in characters, not UTF-16 units', () => {
    expect(characterLength('产业园𠮷')).toBe(4);
  });

  it('counts the real sample page sensibly', () => {
    const c = countText(sampleArticlePage());
    expect(c.cjkChars).toBeGreaterThan(2000);
    expect(c.latinWords).toBeGreaterThan(10);
  });
});

describe('excerpt', () => {
  it('keeps a short first paragraph whole', () => {
    expect(excerptOf('短段落。')).toBe('短段落。');
  });

  it('cuts Chinese at about 120 characters on a sentence boundary', () => {
    const para = `${'众所周知，项目建设是推动经济社会高质量发展的有力抓手。'.repeat(8)}`;
    const e = excerptOf(para);
    expect([...e].length).toBeLessThanOrEqual(120);
    expect([...e].length).toBeGreaterThan(60);
    expect(e.endsWith('。')).toBe(true);
  });

  it('cuts Latin text at about 160 characters on a word boundary', () => {
    const para = 'Copydesk keeps the whole article library in one file on this computer and works offline without exception for everyone involved in editing the daily industry newsletter and more';
    const e = excerptOf(para);
    expect(e.length).toBeLessThanOrEqual(161);
    expect(e.endsWith('…')).toBe(true);
    expect(para.startsWith(e.slice(0, -1))).toBe(true);
    expect(e.at(-2)).not.toBe(' ');
  });

  it('derives from the first non-empty paragraph of a body', () => {
    const body = bodyFromParagraphs(['', '第一段。', '第二段。']);
    expect(deriveExcerpt(body)).toBe('第一段。');
  });
});

describe('plain text', () => {
  it('puts every block on its own line and keeps inline text together', () => {
    const body = bodyFromParagraphs([]);
    body.root.children = [
      headingNode('h2', [textNode('标题')]),
      paragraphNode([textNode('粗体', 1), textNode('和普通')]),
      { type: 'list', listType: 'bullet', children: [
        { type: 'listitem', children: [textNode('一')] },
        { type: 'listitem', children: [textNode('二')] },
      ] },
    ];
    expect(toPlainText(body)).toBe('标题\n粗体和普通\n一\n二');
  });
});

describe('slugify', () => {
  it('turns Chinese into toneless pinyin and Latin into lower-case ASCII', () => {
    expect(slugify('广东产业信息')).toBe('guang-dong-chan-ye-xin-xi');
    expect(slugify('Café Déjà Vu: 2024 Review!')).toBe('cafe-deja-vu-2024-review');
    expect(slugify('5G基站 AI')).toBe('5g-ji-zhan-ai');
    expect(slugify('！！！')).toBe('article');
    expect(slugify('长'.repeat(200)).length).toBeLessThanOrEqual(80);
  });
});
