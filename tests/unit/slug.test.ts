import { describe, expect, it } from 'vitest';
import { slugify, MAX_DERIVED_SLUG } from '../../src/core/articles/slug.js';

describe('slugify reads words in context', () => {
  it('gives polyphones the sound of the word they are in', () => {
    expect(slugify('还款')).toBe('huan-kuan');
    expect(slugify('粘贴')).toBe('zhan-tie');
    expect(slugify('银行')).toBe('yin-hang');
    expect(slugify('重庆')).toBe('chong-qing');
    expect(slugify('重庆银行提前还款')).toBe('chong-qing-yin-hang-ti-qian-huan-kuan');
    expect(slugify('复制粘贴')).toBe('fu-zhi-zhan-tie');
    // The sound outside those words stays the common one.
    expect(slugify('还有')).toBe('hai-you');
    expect(slugify('处长处理')).toBe('chu-zhang-chu-li');
  });

  it('keeps a long title to a sensible length, cut after a whole word', () => {
    const slug = slugify('都昌新材料及智能装备产业园项目调度会议召开');
    expect(slug.length).toBeLessThanOrEqual(MAX_DERIVED_SLUG);
    expect(slug).toBe('dou-chang-xin-cai-liao-ji-zhi-neng-zhuang-bei-chan-ye-yuan');
    // Never inside a syllable or a word: each cut leaves a prefix of whole words.
    const full = slugify('都昌新材料及智能装备产业园项目调度会议召开', 500);
    for (const max of [20, 30, 40, 50, 70, 80]) {
      const cut = slugify('都昌新材料及智能装备产业园项目调度会议召开', max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(full.startsWith(`${cut}-`) || full === cut).toBe(true);
      expect(cut).not.toMatch(/-hui$|-diao$|-chan$|-cai$/); // 会议, 调度, 产业, 材料 stay whole
    }
    const english = slugify('A very long English headline about the state of regional manufacturing in Guangdong province');
    expect(english.length).toBeLessThanOrEqual(MAX_DERIVED_SLUG);
    expect('a-very-long-english-headline-about-the-state-of-regional-manufacturing-in-guangdong-province'.startsWith(`${english}-`)).toBe(true);
  });

  it('cuts a single overlong word at a syllable', () => {
    const slug = slugify('长'.repeat(200));
    expect(slug.length).toBeLessThanOrEqual(MAX_DERIVED_SLUG);
    expect(slug).toMatch(/^(chang-)*chang$/);
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(MAX_DERIVED_SLUG));
  });
});
