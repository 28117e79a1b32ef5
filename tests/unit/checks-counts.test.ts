import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countText } from '../../src/core/content/counts.js';
import { sampleArticlePage } from './helpers.js';

/**
 * countText is one hand-written pass (it runs on every keystroke in the editor and on every
 * save); these are the regular expressions that define its rules, kept as the reference it
 * must agree with on any text.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN_WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;
const reference = (text: string) => ({
  cjkChars: (text.match(CJK) ?? []).length,
  latinWords: (text.replace(CJK, ' ').match(LATIN_WORD) ?? []).length,
});

const pieces = ['都', '昌', '产业园', 'ひら', 'カタ', 'ー', '・', '〇', '々', '한국', '𠮷', 'a', 'Z', '9', 'é', 'ß', 'Ω', 'д', "'", '’', '.', '-', '--', ' ', '\n', ',', '，', '。', '5G', 'AI', "don't", '2024-09-27', 'e.g.', '١٢', 'ｆｕｌｌ', '１２', '\u3000', '😀'];

describe('countText agrees with its reference rules', () => {
  it('on random mixtures of CJK, Latin, digits, joiners and punctuation', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const c = countText(text);
      expect({ cjkChars: c.cjkChars, latinWords: c.latinWords }).toEqual(reference(text));
    }), { numRuns: 2_000 });
  });

  it('on arbitrary Unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
      const c = countText(text);
      expect({ cjkChars: c.cjkChars, latinWords: c.latinWords }).toEqual(reference(text));
    }), { numRuns: 2_000 });
  });

  it('on the sample article page', () => {
    const text = sampleArticlePage();
    const c = countText(text);
    expect({ cjkChars: c.cjkChars, latinWords: c.latinWords }).toEqual(reference(text));
  });

  it('counts a 30,000-character article in a few milliseconds (it runs as the editor types)', () => {
    const text = sampleArticlePage().repeat(3);
    countText(text);
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) countText(text);
    // Generous: guards against a return to allocation-heavy regular expressions, not a benchmark.
    expect((performance.now() - t0) / 10).toBeLessThan(25);
  });
});
