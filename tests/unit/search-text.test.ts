import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldText, foldWithMap } from '../../src/core/search/fold.js';
import { bigramStream, bigramStreamOfEach, unigramSet, atomTokens, tokenChars } from '../../src/core/search/tokens.js';
import { matchRanges, snippetOf } from '../../src/core/search/snippet.js';
import { parseQuery, parseDateBound } from '../../src/core/search/query.js';
import { sampleArticlePage } from './helpers.js';

describe('search folding', () => {
  it('folds width, case, diacritics and Traditional Chinese the same way for text and query', () => {
    expect(foldText('ＡＢＣ１２３')).toBe('abc123');
    expect(foldText('Café CRÈME Ångström')).toBe('cafe creme angstrom');
    expect(foldText('產業園區會議')).toBe('产业园区会议');
    expect(foldText('臺灣 裡 裏')).toBe(foldText('台湾 里 里'));
    expect(foldText('①②')).toBe('12');
    expect(foldText('ﬁnance')).toBe('finance');
    expect(foldText('a\tb\nc\u3000d')).toBe('a b c d');
  });

  it('folds one code point at a time, so a substring folds to a substring (also for 乾隆-style phrases)', () => {
    // OpenCC's phrase table would keep 乾隆 but turn a lone 乾 into 干: per-character folding agrees.
    expect(foldText('乾隆')).toBe(foldText('乾') + foldText('隆'));
    const sample = sampleArticlePage();
    fc.assert(fc.property(fc.nat(sample.length - 1), fc.integer({ min: 1, max: 30 }), (at, len) => {
      const chars = [...sample];
      const a = chars.slice(0, at).join('');
      const b = chars.slice(at, at + len).join('');
      expect(foldText(a + b)).toBe(foldText(a) + foldText(b));
    }), { numRuns: 100 });
  });

  it('maps folded positions back to the original text', () => {
    const text = 'ＡＢ產業園 ﬁne';
    const { folded, origin } = foldWithMap(text);
    expect(folded).toBe('ab产业园 fine');
    const at = folded.indexOf('产业园');
    expect(text.slice(origin[at], origin[at + 3])).toBe('產業園');
    const fi = folded.indexOf('fi');
    expect(text.slice(origin[fi], origin[fi + 2])).toBe('ﬁ');
    expect(origin[folded.length]).toBe(text.length);
  });
});

describe('search tokens', () => {
  it('makes every pair of consecutive characters a token, punctuation and spaces included', () => {
    const stream = bigramStream(foldText('R&D 5G'));
    const tokens = stream.split(' ');
    expect(tokens).toHaveLength(5); // r& &d d␣ ␣5 5g
    expect(tokens.every((t) => [...t].length === 2)).toBe(true);
    // ASCII punctuation is encoded so FTS5's ascii tokenizer never splits on it.
    expect(tokens.join('')).not.toMatch(/[&\s]/);
    expect(tokens[tokens.length - 1]).toBe('5g');
  });

  it('keeps tags apart: no bigram spans two tags', () => {
    const s = bigramStreamOfEach(['新能源', '佛山']).split(' ');
    expect(s).toEqual(['新能', '能源', '佛山']);
  });

  it('gives distinct characters without spaces for the presence table', () => {
    expect(unigramSet('产业产业 园').split(' ').sort()).toEqual(['业', '产', '园'].sort());
  });

  it('turns a query atom into its bigrams, a single character, or nothing', () => {
    expect(atomTokens('产业园')).toEqual({ kind: 'bigrams', tokens: ['产业', '业园'] });
    expect(atomTokens('园')).toEqual({ kind: 'char', token: '园' });
    expect(atomTokens('%')).toEqual({ kind: 'char', token: tokenChars('%')[0] });
    expect(atomTokens(' ')).toBeNull();
    expect(atomTokens('')).toBeNull();
  });
});

describe('the query language', () => {
  const terms = (q: string) => parseQuery(q).clauses.map((c) => c.map((a) => a.folded));

  it('reads terms, phrases, exclusions and OR', () => {
    const p = parseQuery('产业园 "智能 装备" -预制菜 深圳 OR 广州 OR 佛山 -"菜 篮子"');
    expect(p.clauses.map((c) => c.map((a) => a.folded))).toEqual([['产业园'], ['智能 装备'], ['深圳', '广州', '佛山']]);
    expect(p.clauses[1]![0]!.phrase).toBe(true);
    expect(p.excluded.map((a) => a.folded)).toEqual(['预制菜', '菜 篮子']);
  });

  it('reads filters, with quoted values, Chinese status words and date periods', () => {
    const p = parseQuery('tag:储能 tag:"新 能源" category:广东产业信息/佛山专题 status:draft status:已发布 author:杜宇蔚 after:2024-03 before:2025 园区');
    expect(p.filters).toEqual({
      tags: ['储能', '新 能源'],
      categories: ['广东产业信息/佛山专题'],
      statuses: ['draft', 'published'],
      authors: ['杜宇蔚'],
      after: '2024-03-01T00:00:00.000Z',
      before: '2025-01-01T00:00:00.000Z',
    });
    expect(terms('tag:储能 园区')).toEqual([['园区']]);
  });

  it('reads malformed input as literal text, never as an error', () => {
    expect(terms('"unbalanced phrase')).toEqual([['"unbalanced'], ['phrase']]);
    expect(terms('a "b')).toEqual([['a'], ['"b']]);
    expect(terms('-')).toEqual([['-']]);
    expect(terms('OR')).toEqual([['or']]);
    expect(terms('OR 园区')).toEqual([['or'], ['园区']]);
    expect(terms('园区 OR')).toEqual([['园区'], ['or']]);
    expect(terms('a OR OR b')).toEqual([['a'], ['or'], ['or'], ['b']]);
    expect(terms('a OR -b')).toEqual([['a'], ['or']]);
    expect(terms('status:whatever before:someday')).toEqual([['status:whatever'], ['before:someday']]);
    expect(terms('tag: 园')).toEqual([['tag:'], ['园']]);
    expect(terms('""')).toEqual([]);
    expect(terms('Wi-Fi 2024-09-27')).toEqual([['wi-fi'], ['2024-09-27']]);
    expect(parseQuery('').clauses).toEqual([]);
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (q) => { parseQuery(q); }), { numRuns: 500 });
  });

  it('folds query atoms like the text (full width, Traditional, case)', () => {
    expect(terms('產業園 ＡＩ Café')).toEqual([['产业园'], ['ai'], ['cafe']]);
  });

  it('parses date periods and refuses impossible dates', () => {
    expect(parseDateBound('2024')).toEqual({ start: '2024-01-01T00:00:00.000Z', next: '2025-01-01T00:00:00.000Z' });
    expect(parseDateBound('2024-02-29')?.next).toBe('2024-03-01T00:00:00.000Z');
    expect(parseDateBound('2024年3月')?.start).toBe('2024-03-01T00:00:00.000Z');
    expect(parseDateBound('2023-02-29')).toBeNull();
    expect(parseDateBound('2024-13')).toBeNull();
    expect(parseDateBound('yesterday')).toBeNull();
  });
});

describe('snippets', () => {
  it('highlights matches in the original text, found through the fold', () => {
    const text = '广东產業園区建设提速';
    expect(matchRanges(text, ['产业园'])).toEqual([[2, 5]]);
    const s = snippetOf(text, ['产业园', '提速']);
    expect(s.ranges.map(([a, b]) => s.text.slice(a, b))).toEqual(['產業園', '提速']);
  });

  it('cuts a window around the matches of a long text, with ellipses', () => {
    const long = `${'前文'.repeat(200)}关键词出现在这里${'后文'.repeat(200)}`;
    const s = snippetOf(long, ['关键词'], 60);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.ranges).toHaveLength(1);
    expect(s.text.slice(s.ranges[0]![0], s.ranges[0]![1])).toBe('关键词');
  });
});
