import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/api/schemas.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { operations } from '../../src/core/api/operations/index.js';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { libraryChecksum } from './workers/shared.js';

/**
 * Big and odd input: refused with a message a person can act on (and nothing written), or
 * carried whole through save, get, search and export.
 */
const has = (op: string) => op in operations;

describe('limits', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
  });
  afterEach(() => lib.dispose());

  async function refused(name: string, input: unknown, message: RegExp): Promise<void> {
    const before = libraryChecksum(lib.db);
    const r = await lib.raw(name, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.message).toMatch(message);
    // The message is for a person: short, even when the input was huge.
    expect(r.error.message.length).toBeLessThan(1_000);
    expect(JSON.stringify(r.error).length).toBeLessThan(20_000);
    expect(libraryChecksum(lib.db)).toBe(before);
  }

  it('refuses a million-character title, saying what the limit is', async () => {
    const title = '都'.repeat(1_000_000);
    await refused('articles.create', { title }, new RegExp(`title: at most ${LIMITS.title} characters`));
    const a = await lib.ok('articles.create', { title: 'Short' });
    await refused('articles.save', { id: a.id, version: a.version, title }, /title: at most 500 characters/);
    // The longest allowed title is stored whole.
    const longest = '都'.repeat(LIMITS.title);
    expect((await lib.ok('articles.save', { id: a.id, version: a.version, title: longest })).title).toBe(longest);
  });

  it('refuses 10,000 tags on one article, saying what the limit is', async () => {
    const tags = Array.from({ length: 10_000 }, (_, i) => `tag ${i}`);
    await refused('articles.create', { title: 'Tagged', tags }, new RegExp(`at most ${LIMITS.tagsPerArticle} tags on one article`));
    const a = await lib.ok('articles.create', { title: 'Tagged' });
    await refused('articles.setTags', { ids: [a.id], tags }, /at most 100 tags on one article/);
    expect((await lib.ok('tags.list', {})).length).toBe(0);
    // The limit itself is fine.
    const ok = await lib.ok('articles.save', { id: a.id, version: a.version, tags: tags.slice(0, LIMITS.tagsPerArticle) });
    expect(ok.tags).toHaveLength(LIMITS.tagsPerArticle);
  });

  it('carries a 10 MB body through save, get, search and export', async () => {
    // ~10 MB of real-looking text: 2,500 paragraphs, a rare word near the end.
    const paragraphs = Array.from({ length: 2_500 }, (_, i) => `第${i}段：都昌县召开新材料及智能装备产业园项目调度会议，会议要求加快项目建设进度。 Paragraph ${i} of the English part of a very long report. `.repeat(22));
    paragraphs[2_400] += ' zanzibarquux';
    const body = bodyFromParagraphs(paragraphs);
    const bytes = Buffer.byteLength(JSON.stringify(body));
    expect(bytes).toBeGreaterThan(10_000_000);
    expect(bytes).toBeLessThan(LIMITS.bodyBytes);
    const t0 = performance.now();
    const a = await lib.ok('articles.create', { title: 'The long one', body });
    const t1 = performance.now();
    const got = await lib.ok('articles.get', { id: a.id });
    const t2 = performance.now();
    expect(got.body).toEqual(body);
    expect(got.plainText).toBe(paragraphs.join('\n'));
    expect(got.counts.paragraphs).toBe(2_500);
    const timings = [`create ${Math.round(t1 - t0)} ms`, `get ${Math.round(t2 - t1)} ms`];
    if (has('search')) {
      const t3 = performance.now();
      const found = await lib.raw('search', { query: 'zanzibarquux' });
      timings.push(`search ${Math.round(performance.now() - t3)} ms`);
      expect(found).toMatchObject({ ok: true, data: { hits: [{ id: a.id }] } });
    }
    if (has('export.article')) {
      const t4 = performance.now();
      const md = await lib.raw('export.article', { id: a.id, format: 'markdown' });
      timings.push(`export ${Math.round(performance.now() - t4)} ms`);
      expect(md.ok).toBe(true);
      if (md.ok) expect((md.data as { content: string }).content).toContain('zanzibarquux');
    }
    console.log(`limits: a ${(bytes / 1e6).toFixed(1)} MB body: ${timings.join(', ')}`);
  }, 240_000); // a 10 MB save spends seconds in deriving and indexing the text; a shared machine makes it minutes

  it('refuses a body over the 20 MB limit with a message, and writes nothing', async () => {
    const paragraphs = Array.from({ length: 1_000 }, () => '都昌县产业园项目调度会议'.repeat(700)); // ~25 MB as UTF-8
    await refused('articles.create', { title: 'Too long', body: bodyFromParagraphs(paragraphs) }, /body is 2\d\.\d MB; one article holds at most 20 MB/);
  }, 60_000);
});

/**
 * Odd Unicode round-trips everywhere. One decision: a lone surrogate (half an emoji) is not
 * text and cannot be written as UTF-8, so the contract replaces it with U+FFFD at the door
 * (dispatch.ts, wellFormed), and every later read, search and export sees that same character.
 */
describe('odd Unicode', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
  });
  afterEach(() => lib.dispose());

  const ODD = {
    arabic: 'مرحبا بالعالم',
    hebrew: 'שלום עולם',
    bidiOverride: 'abc\u202Edef\u202C',
    zeroWidth: 'zero\u200Bwidth\u200Cnon\u200Djoin',
    bom: '\uFEFFbom',
    family: '👩‍👩‍👧‍👦',
    rainbowFlag: '🏳️‍🌈',
    skinTone: '👍🏽',
    combining: 'cafe\u0301',
    astralHan: '𠀀𪚥',
    nul: 'nul\u0000byte',
  };

  it('round-trips RTL, bidi controls, zero-width, emoji ZWJ sequences, combining marks, astral Han and NUL through save and get', async () => {
    const values = Object.values(ODD);
    const a = await lib.ok('articles.create', {
      title: values.join(' '),
      author: ODD.arabic + ODD.nul,
      byline: ODD.family + ODD.bidiOverride,
      excerpt: ODD.skinTone + ODD.zeroWidth,
      excerptIsManual: true,
      seoTitle: ODD.hebrew,
      body: bodyFromParagraphs(values),
      tags: [ODD.family, ODD.arabic, ODD.nul, ODD.zeroWidth],
      meta: { [ODD.rainbowFlag]: ODD.astralHan },
    });
    const got = await lib.ok('articles.get', { id: a.id });
    expect(got.title).toBe(values.join(' '));
    expect(got.author).toBe(ODD.arabic + ODD.nul);
    expect(got.byline).toBe(ODD.family + ODD.bidiOverride);
    expect(got.excerpt).toBe(ODD.skinTone + ODD.zeroWidth);
    expect(got.seoTitle).toBe(ODD.hebrew);
    expect(got.body).toEqual(bodyFromParagraphs(values));
    expect(got.plainText).toBe(values.join('\n'));
    expect(got.tags.map((t) => t.name)).toEqual([ODD.family, ODD.arabic, ODD.nul, ODD.zeroWidth]);
    expect(got.meta).toEqual({ [ODD.rainbowFlag]: ODD.astralHan });
    // Nothing was normalised behind the editor's back (NFC would merge the combining accent).
    expect(got.title).toContain('cafe\u0301');
  });

  it.skipIf(!has('search'))('finds each of them with search', async () => {
    const a = await lib.ok('articles.create', { title: 'Odd', body: bodyFromParagraphs(Object.values(ODD)) });
    await lib.ok('articles.create', { title: 'Plain', body: bodyFromParagraphs(['Nothing odd here.']) });
    for (const [name, value] of Object.entries(ODD)) {
      const r = await lib.raw('search', { query: value });
      expect(r.ok, `${name}: ${JSON.stringify(r)}`).toBe(true);
      if (r.ok) expect((r.data as { hits: Array<{ id: number }> }).hits.map((h) => h.id), name).toEqual([a.id]);
    }
  });

  it.skipIf(!has('export.article'))('exports each of them (an exporter may drop NUL, which HTML does not allow, but never garble it)', async () => {
    const a = await lib.ok('articles.create', { title: 'Odd', body: bodyFromParagraphs(Object.values(ODD)) });
    for (const format of ['html', 'markdown', 'text'] as const) {
      const r = await lib.raw('export.article', { id: a.id, format });
      expect(r.ok, format).toBe(true);
      if (!r.ok) continue;
      const content = (r.data as { content: string }).content;
      for (const [name, value] of Object.entries(ODD)) {
        if (name === 'nul') expect(content.includes('nulbyte') || content.includes(value), `${format}: NUL kept or dropped`).toBe(true);
        else expect(content.includes(value), `${format} keeps ${name}`).toBe(true);
      }
      if (format === 'html') expect(content).not.toContain('\u0000');
    }
  });

  it('replaces lone surrogates with U+FFFD everywhere, the same in save, get, search and export', async () => {
    const broken = 'half\uD83D of an emoji, and \uDC00 a stray low half';
    const fixed = 'half\uFFFD of an emoji, and \uFFFD a stray low half';
    const a = await lib.ok('articles.create', {
      title: broken, author: broken, tags: [`tag ${broken}`], body: bodyFromParagraphs([broken]), meta: { [broken]: broken },
    });
    const got = await lib.ok('articles.get', { id: a.id });
    expect(got.title).toBe(fixed);
    expect(got.author).toBe(fixed);
    expect(got.tags.map((t) => t.name)).toEqual([`tag ${fixed}`]);
    expect(got.body).toEqual(bodyFromParagraphs([fixed]));
    expect(got.plainText).toBe(fixed);
    expect(got.meta).toEqual({ [fixed]: fixed });
    // Stored as valid UTF-8: SQLite reads back exactly one U+FFFD per broken unit.
    const raw = lib.db.prepare('SELECT title, length(title) AS n FROM articles WHERE id = ?').get(a.id) as { title: string; n: number };
    expect(raw).toEqual({ title: fixed, n: fixed.length });
    // Well-formed pairs are untouched.
    const emoji = await lib.ok('articles.create', { title: '😀 whole' });
    expect(emoji.title).toBe('😀 whole');
    if (has('search')) expect(await lib.raw('search', { query: 'stray low' })).toMatchObject({ ok: true, data: { hits: [{ id: a.id }] } });
    if (has('export.article')) {
      const md = await lib.raw('export.article', { id: a.id, format: 'markdown' });
      expect(md.ok && (md.data as { content: string }).content.includes(fixed)).toBe(true);
    }
  });
});
