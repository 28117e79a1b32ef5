import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { messages } from '../../src/renderer/src/i18n/messages';
import { makeTranslate } from '../../src/renderer/src/i18n/i18n';
import { BREADCRUMB_SEPARATOR } from '../../src/renderer/src/taxonomy/categoryTree';

/**
 * Chinese typography, as mainland publishing writes it (GB/T 15834, and the sample page of our
 * users' own site: "10月24日", "投资195亿元"): full-width punctuation in Chinese sentences, no
 * spaces between Chinese and anything (Latin words, numbers, placeholders), the right measure
 * word, and one separator, ›, between the levels of a category path.
 */
const CJK = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’《》…—]';
const WORDISH = '[A-Za-z0-9{}%()\\[\\]+#&*_.↑↓←→-]';
/** A photo credit keeps its conventional space ("新华社 摄"). */
const ALLOWED = new Set(['image.creditHint']);
const zh = messages['zh-CN'] as Record<string, string>;

describe('the Chinese interface strings', () => {
  it('have no space beside a Chinese character', () => {
    const spaced = new RegExp(`${CJK} +(?:${CJK}|${WORDISH})|${WORDISH} +${CJK}`);
    expect(Object.entries(zh).filter(([k, v]) => !ALLOWED.has(k) && spaced.test(v))).toEqual([]);
  });

  it('use full-width punctuation beside Chinese characters', () => {
    const halfWidth = new RegExp(`${CJK}[:;,?!]|[:;,?!]${CJK}`);
    expect(Object.entries(zh).filter(([, v]) => halfWidth.test(v))).toEqual([]);
  });

  it('count articles in 篇', () => {
    const t = makeTranslate('zh-CN');
    expect(t('bulk.selected', { n: 0 })).toBe('已选0篇');
    // Tags are counted in 个, articles in 篇.
    expect(t('tags.selected', { n: 2 })).toBe('已选2个');
    expect(t('library.count', { n: 3 })).toBe('3篇文章');
    expect(t('taxonomy.merged', { name: '甲', into: '乙', n: 2 })).toBe('已将“甲”合并到乙，移动了2篇文章。');
  });

  it('separate category levels with › in the interface', () => {
    expect(BREADCRUMB_SEPARATOR).toBe(' › ');
  });
});

describe('the exported page', () => {
  let lib: TestLibrary;
  beforeEach(async () => { lib = await makeLibrary(); });
  afterEach(() => lib.dispose());

  it('writes 当前位置： and 标签： with full-width colons, › between levels, 、 between tags', async () => {
    const top = await lib.ok('categories.create', { name: '产业信息', parentId: null, slug: 'industry' });
    const gd = await lib.ok('categories.create', { name: '广东产业信息', parentId: top.id, slug: 'guangdong' });
    const a = await lib.ok('articles.create', { title: '都昌', categoryId: gd.id, tags: ['新材料', '产业园'] });
    const { content } = await lib.ok('export.article', { id: a.id, format: 'page' });
    expect(content).toMatch(/当前位置：<a [^>]*>首页<\/a> › <a [^>]*>产业信息<\/a> › <a [^>]*>广东产业信息<\/a> › <span aria-current="page">正文内容<\/span>/);
    expect(content).toMatch(/<p class="cd-tags">标签：<a [^>]*>新材料<\/a>、<a [^>]*>产业园<\/a><\/p>/);
    expect(content).not.toContain('&gt;');
  });
});
