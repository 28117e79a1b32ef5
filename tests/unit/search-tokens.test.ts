import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigramStream, bigramsOfChars, distinctChars, distinctCharsOf, tokenChars } from '../../src/core/search/tokens.js';

/**
 * The index's hot path (code units in a Uint16Array) must write exactly what the plain string
 * path writes: the search tests check the string path's meaning, this checks the two agree.
 */
const text = fc.string({ unit: fc.oneof(
  fc.constantFrom('产', '业', '园', ' ', 'a', 'Z', '9', '%', '&', '"', '\uFEFF', '\uE041', '𠀀', '😀', '。'),
  fc.integer({ min: 0, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCharCode(c)),
) });

describe('index token streams', () => {
  it('bigramStream equals the bigrams of tokenChars, for any text (BOM, private-use, astral)', () => {
    fc.assert(fc.property(text, (t) => {
      expect(bigramStream(t)).toBe(bigramsOfChars(tokenChars(t)));
    }), { numRuns: 2000 });
  });

  it('distinctCharsOf equals distinctChars of tokenChars, in first-seen order', () => {
    fc.assert(fc.property(fc.array(text, { maxLength: 4 }), (texts) => {
      expect(distinctCharsOf(texts)).toBe(distinctChars(texts.map(tokenChars)));
    }), { numRuns: 2000 });
  });

  it('handles an article of every BMP character without running out of stack', () => {
    let all = '';
    for (let c = 0x20; c < 0xd800; c++) all += String.fromCharCode(c);
    expect(distinctCharsOf([all]).length).toBeGreaterThan(50_000);
    expect(bigramStream(all).length).toBe(3 * (all.length - 1) - 1);
  });
});
