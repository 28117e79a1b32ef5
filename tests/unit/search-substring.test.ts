import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeLibrary, sampleArticlePage, type TestLibrary } from './helpers.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { search } from '../../src/core/search/search.js';
import { foldText } from '../../src/core/search/fold.js';

/**
 * The exact-substring promise, property-tested on real text: for random runs of 1–20
 * characters taken from an article's title, excerpt or body (Chinese, English, mixed, digits,
 * punctuation), the search returns every article a plain instr() scan finds, and every article
 * it returns contains the run (compared folded, as the search folds).
 */

interface Doc { id: number; fields: string[] }

let lib: TestLibrary;
let docs: Doc[] = [];
let folded: Map<number, string[]>;

beforeAll(async () => {
  lib = await makeLibrary();
  const lines = sampleArticlePage().split('\n').map((l) => l.trim()).filter(Boolean);
  // The sample page cut into articles: a short line is a title, the longer lines after it a body.
  const articles: Array<{ title: string; paragraphs: string[] }> = [];
  for (const line of lines) {
    if ([...line].length <= 40 || articles.length === 0) articles.push({ title: line, paragraphs: [] });
    else articles[articles.length - 1]!.paragraphs.push(line);
  }
  // Mixed scripts, digits, width and Traditional forms, so runs of every kind occur.
  articles.push(
    { title: 'Copydesk 2024 年报：R&D 投入 10.5%', paragraphs: ['ＡＩ芯片出货量同比增长 37%，Wi-Fi 7 与 5G 模组占比过半。', 'Café naïve résumé — the “quoted” part.'] },
    { title: '產業園區會議紀要', paragraphs: ['臺灣與廣東的產業合作持續深化，簽約項目共計12個。'] },
    { title: 'An English page', paragraphs: ['The industrial park opened on 2024-09-27 with 195 firms; phase two follows in Q3.'] },
  );
  for (const a of articles) {
    const created = await lib.ok('articles.create', { title: a.title, body: bodyFromParagraphs(a.paragraphs.length ? a.paragraphs : [a.title]), tags: a.paragraphs.length > 3 ? ['产业园'] : [] });
    const stored = await lib.ok('articles.get', { id: created.id });
    docs.push({ id: created.id, fields: [stored.title, stored.excerpt, stored.plainText] });
  }
  folded = new Map(docs.map((d) => [d.id, d.fields.map(foldText)]));
}, 120_000);

afterAll(() => lib?.dispose());

/** Every article, through the engine (the whole result set, not one page). */
const searchIds = (query: string) => {
  const r = search(lib.db, { query, page: 1, pageSize: 200 });
  expect(r.totalIsEstimate).toBe(false);
  expect(r.hits.length).toBe(r.total);
  return new Set(r.hits.map((h) => h.id));
};

/** The plain scan the promise is stated against. */
const instrIds = (needle: string) =>
  new Set(lib.db.prepare(`SELECT id FROM articles WHERE deleted_at IS NULL
    AND (instr(title, @n) > 0 OR instr(excerpt, @n) > 0 OR instr(plain_text, @n) > 0)`).pluck().all({ n: needle }) as number[]);

/** Tags are searchable text too: the folded oracle includes them. */
const tagText = (id: number) => (lib.db.prepare('SELECT group_concat(t.name, char(10)) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ?').pluck().get(id) as string | null) ?? '';
const containsFolded = (id: number, needle: string) => {
  const f = foldText(needle);
  return folded.get(id)!.some((field) => field.includes(f)) || tagText(id).split('\n').some((t) => foldText(t).includes(f));
};

/** A random run of 1–20 characters of some field of some article. */
const runOfText = fc
  .tuple(fc.nat(), fc.nat(2), fc.nat(), fc.integer({ min: 1, max: 20 }))
  .map(([d, f, at, len]) => {
    const doc = docs[d % docs.length]!;
    const chars = [...doc.fields[f]!];
    const start = chars.length ? at % chars.length : 0;
    return chars.slice(start, start + len).join('');
  })
  // A run of only spaces is no search; `"` cannot sit inside a quoted phrase.
  .filter((s) => s.trim() !== '' && !s.includes('"'));

describe('exact substring search over real text', () => {
  it('finds every article containing a random run of characters, and only those (as a phrase)', () => {
    fc.assert(
      fc.property(runOfText, (run) => {
        const got = searchIds(`"${run}"`);
        for (const id of instrIds(run)) expect(got.has(id), `"${run}" misses #${id}`).toBe(true);
        for (const id of got) expect(containsFolded(id, run), `"${run}" wrongly returns #${id}`).toBe(true);
        for (const d of docs) if (containsFolded(d.id, run)) expect(got.has(d.id), `"${run}" misses #${d.id} (folded)`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('finds a run typed as a bare term exactly like the phrase when it has no spaces or operators', () => {
    fc.assert(
      fc.property(runOfText.filter((s) => !/\s/u.test(s) && !s.startsWith('-') && s !== 'OR' && !/^[a-z]+:/i.test(s)), (run) => {
        expect([...searchIds(run)].sort()).toEqual([...searchIds(`"${run}"`)].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('requires every term: two runs return exactly the articles containing both', () => {
    fc.assert(
      fc.property(runOfText, runOfText, (a, b) => {
        const got = searchIds(`"${a}" "${b}"`);
        const want = docs.filter((d) => containsFolded(d.id, a) && containsFolded(d.id, b)).map((d) => d.id);
        expect([...got].sort()).toEqual(want.sort());
      }),
      { numRuns: 150 },
    );
  });

  it('excludes: a run minus another returns the articles with the first and without the second', () => {
    fc.assert(
      fc.property(runOfText, runOfText, (a, b) => {
        const got = searchIds(`"${a}" -"${b}"`);
        const want = docs.filter((d) => containsFolded(d.id, a) && !containsFolded(d.id, b)).map((d) => d.id);
        expect([...got].sort()).toEqual(want.sort());
      }),
      { numRuns: 100 },
    );
  });

  it('finds Traditional and full-width spellings of simplified, half-width text', () => {
    expect(searchIds('廣東產業').size).toBeGreaterThan(0);
    expect([...searchIds('广东产业信息')]).toEqual([...searchIds('廣東產業信息')]);
    expect([...searchIds('ai芯片')]).toEqual([...searchIds('ＡＩ芯片')]);
    expect(searchIds('ai芯片').size).toBe(1);
  });
});
