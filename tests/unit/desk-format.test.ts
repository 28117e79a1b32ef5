import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  parseArticle, parseCategory, parseTag, serializeArticle, serializeCategory, serializeTag, classifyPath,
  DeskFileError, type ArticleDoc,
} from '../../src/core/desk/format.js';
import { STATUSES } from '../../src/core/api/schemas.js';

const uid = fc.stringMatching(/^[0-9a-f]{32}$/);
const iso = fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
// Any text a person could type, including YAML's traps: "yes", "0x10", "- a", "#", "---", newlines, CJK.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('yes', 'no', 'null', '~', '0x10', '1e3', '- a', '# not a comment', '---', '...', ' lead', 'trail ', 'a\nb', '\n---\n', '"q"', "'", '都昌：产业园，项目。', '\u2028', '\ufeff', '\t'),
);
const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const block = fc.record({
  type: fc.constantFrom('paragraph', 'heading', 'quote', 'list'),
  version: fc.constant(1),
  children: fc.array(fc.record({ type: fc.constant('text'), text, format: fc.integer({ min: 0, max: 31 }) }), { maxLength: 3 }),
  extra: json,
});
const articleDoc: fc.Arbitrary<ArticleDoc> = fc.record({
  uid, title: text, slug: fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}$/), status: fc.constantFrom(...STATUSES),
  author: text, byline: text, excerpt: fc.option(text), category: fc.option(uid), secondaryCategories: fc.uniqueArray(uid, { maxLength: 3 }),
  tags: fc.uniqueArray(uid, { maxLength: 4 }), related: fc.uniqueArray(uid, { maxLength: 3 }),
  coverAsset: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)), seoTitle: text, seoDescription: text, canonicalUrl: text,
  sourceKey: fc.option(text), createdAt: iso, updatedAt: iso, publishedAt: fc.option(iso), scheduledAt: fc.option(iso),
  meta: fc.dictionary(fc.string({ maxLength: 10 }), json, { maxKeys: 4 }),
  root: fc.record({ direction: fc.constantFrom(null, 'ltr'), format: fc.constant(''), indent: fc.constant(0), version: fc.constant(1) }),
  blocks: fc.array(block, { maxLength: 6 }),
});

describe('desk file format', () => {
  it('an article survives serialize → parse unchanged (property)', () => {
    fc.assert(fc.property(articleDoc, (doc) => {
      expect(parseArticle(serializeArticle(doc), doc.uid)).toEqual(doc);
    }), { numRuns: 150 });
  });

  it('categories and tags survive serialize → parse unchanged (property)', () => {
    fc.assert(fc.property(uid, fc.option(uid), text.filter((s) => s.length > 0 && s.length < 60), json, iso, (u, parent, name, extra, at) => {
      const cat = { uid: u, name, slug: 'x', parent, position: 3, description: name, overrides: { extra }, createdAt: at, updatedAt: at };
      expect(parseCategory(serializeCategory(cat))).toEqual(cat);
      const tag = { uid: u, name, slug: 'y', createdAt: at };
      expect(parseTag(serializeTag(tag))).toEqual(tag);
    }), { numRuns: 200 });
  });

  it('writes one body block per line after readable front matter', () => {
    const doc = fc.sample(articleDoc, { numRuns: 1, seed: 7 })[0]!;
    const file = serializeArticle({ ...doc, title: '都昌产业园', blocks: [{ type: 'paragraph', children: [] }, { type: 'heading', tag: 'h2', children: [] }] });
    expect(file).toMatch(/^---\nformat: copydesk-article\/1\nuid: [0-9a-f]{32}\ntitle: 都昌产业园\n/);
    expect(file.endsWith('---\n{"type":"paragraph","children":[]}\n{"type":"heading","tag":"h2","children":[]}\n')).toBe(true);
  });

  it('refuses unknown versions, malformed files, and the wrong uid, with a code', () => {
    const doc = fc.sample(articleDoc, { numRuns: 1, seed: 3 })[0]!;
    const good = serializeArticle(doc);
    const code = (f: () => unknown) => { try { f(); return 'none'; } catch (e) { return (e as DeskFileError).code; } };
    expect(code(() => parseArticle(good.replace('copydesk-article/1', 'copydesk-article/2')))).toBe('unknown_format');
    expect(code(() => parseArticle(good.replace('---\n', '')))).toBe('malformed');
    expect(code(() => parseArticle(`${good}{not json\n`))).toBe('malformed');
    expect(code(() => parseArticle(good, 'f'.repeat(32)))).toBe('malformed');
    expect(code(() => parseArticle(good.replace(/^status: .*$/m, 'status: gone')))).toBe('malformed');
    expect(code(() => parseTag('{"format":"copydesk-tag/9","uid":"x"}'))).toBe('unknown_format');
    expect(code(() => parseCategory('[]'))).toBe('malformed');
  });

  it('knows its paths and nothing else', () => {
    expect(classifyPath(`articles/${'a'.repeat(32)}.md`)).toEqual({ kind: 'article', uid: 'a'.repeat(32) });
    expect(classifyPath(`assets/${'b'.repeat(64)}.png`)).toMatchObject({ kind: 'asset' });
    for (const p of ['articles/../x.md', `articles/${'a'.repeat(32)}.md/x`, 'README.md', `articles/${'A'.repeat(32)}.md`]) expect(classifyPath(p)).toBeNull();
  });
});
