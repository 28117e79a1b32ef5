import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decidePresence, mergeArticle, mergeBlocks, mergeCategory, mergeOrderedSet, mergeTag } from '../../src/core/desk/merge.js';
import type { ArticleDoc } from '../../src/core/desk/format.js';

const p = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const texts = (blocks: ReadonlyArray<{ children?: unknown }>) => blocks.map((b) => ((b as { children: Array<{ text: string }> }).children[0]!.text));

const doc = (over: Partial<ArticleDoc> = {}): ArticleDoc => ({
  uid: 'a'.repeat(32), title: 'T', slug: 't', status: 'draft', author: '', byline: '', excerpt: null, category: null,
  secondaryCategories: [], tags: [], related: [], coverAsset: null, seoTitle: '', seoDescription: '', canonicalUrl: '',
  sourceKey: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', publishedAt: null,
  scheduledAt: null, meta: {}, root: { type: 'root' }, blocks: ['a', 'b', 'c', 'd'].map(p), ...over,
});

describe('desk merge: blocks', () => {
  const base = ['a', 'b', 'c', 'd'].map(p);
  it('edits to different blocks both survive, even adjacent ones', () => {
    const r = mergeBlocks(base, ['A', 'b', 'c', 'd'].map(p), ['a', 'B', 'c', 'd'].map(p));
    expect(texts(r.merged)).toEqual(['A', 'B', 'c', 'd']);
    expect(r.conflicts).toEqual([]);
  });
  it('the same block changed differently is a conflict: ours in the article, theirs in the alternative', () => {
    const r = mergeBlocks(base, ['a', 'mine', 'c', 'D'].map(p), ['a', 'theirs', 'c', 'd'].map(p));
    expect(texts(r.merged)).toEqual(['a', 'mine', 'c', 'D']);
    expect(texts(r.alternative)).toEqual(['a', 'theirs', 'c', 'D']);
    expect(r.conflicts).toEqual([1]);
  });
  it('the same change on both sides is no conflict', () => {
    const r = mergeBlocks(base, ['a', 'x', 'c', 'd'].map(p), ['a', 'x', 'c', 'd'].map(p));
    expect(r.conflicts).toEqual([]);
    expect(texts(r.merged)).toEqual(['a', 'x', 'c', 'd']);
  });
  it('insertions at the same place both survive, ours first; deletions and insertions elsewhere merge', () => {
    const r = mergeBlocks(base, ['a', 'o1', 'b', 'c'].map(p), ['a', 't1', 'b', 'c', 'd', 't2'].map(p));
    expect(texts(r.merged)).toEqual(['a', 'o1', 't1', 'b', 'c', 't2']);
    expect(r.conflicts).toEqual([]);
  });
  it('a block deleted on one side and edited on the other needs a decision', () => {
    const r = mergeBlocks(base, ['a', 'c', 'd'].map(p), ['a', 'B!', 'c', 'd'].map(p));
    expect(r.conflicts.length).toBeGreaterThan(0);
    expect(texts(r.alternative)).toContain('B!');
  });
  it('one side unchanged: the result is the other side (property)', () => {
    const arr = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e').map(p), { maxLength: 8 });
    fc.assert(fc.property(arr, arr, (b, o) => {
      expect(mergeBlocks(b, o, b)).toMatchObject({ merged: o, conflicts: [] });
      expect(mergeBlocks(b, b, o)).toMatchObject({ merged: o, conflicts: [] });
      expect(mergeBlocks(b, o, o)).toMatchObject({ merged: o, conflicts: [] });
    }), { numRuns: 200 });
  });
  it('every block either side added survives, in the article or its alternative (property)', () => {
    const arr = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 7 });
    fc.assert(fc.property(arr, arr, arr, (b, o, t) => {
      const r = mergeBlocks(b.map(p), o.map(p), t.map(p));
      const kept = new Set([...texts(r.merged), ...texts(r.alternative)]);
      for (const x of [...o, ...t]) if (!b.includes(x)) expect(kept.has(x)).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('desk merge: ordered sets, fields, taxonomy, presence', () => {
  it('tags and related links merge as ordered sets', () => {
    expect(mergeOrderedSet(['x', 'y'], ['x', 'y', 'o'], ['y', 't'])).toEqual(['y', 'o', 't']);
    expect(mergeOrderedSet(['x', 'y'], ['x', 'y'], ['y', 'x'])).toEqual(['y', 'x']);
    expect(mergeOrderedSet([], ['o'], ['t'])).toEqual(['o', 't']);
  });
  it('metadata merges per field; the same field changed differently needs a decision', () => {
    const base = doc();
    const r = mergeArticle(base, doc({ title: 'New title', status: 'ready', tags: ['1'.repeat(32)], updatedAt: '2026-02-01T00:00:00.000Z' }),
      doc({ author: 'Li', status: 'published', tags: ['2'.repeat(32)], updatedAt: '2026-03-01T00:00:00.000Z' }));
    expect(r.merged).toMatchObject({ title: 'New title', author: 'Li', status: 'ready', tags: ['1'.repeat(32), '2'.repeat(32)], updatedAt: '2026-03-01T00:00:00.000Z' });
    expect(r.conflicts).toEqual(['status']);
    expect(r.alternative).toMatchObject({ status: 'published', title: 'New title', author: 'Li' });
  });
  it('a clean article merge has no alternative', () => {
    const r = mergeArticle(doc(), doc({ blocks: ['A', 'b', 'c', 'd'].map(p) }), doc({ blocks: ['a', 'b', 'c', 'D'].map(p) }));
    expect(r.alternative).toBeNull();
    expect(texts(r.merged.blocks)).toEqual(['A', 'b', 'c', 'D']);
  });
  it('taxonomy: renames travel; both renamed: the desk wins and says so', () => {
    const c = { uid: 'c'.repeat(32), name: 'News', slug: 'news', parent: null, position: 0, description: '', overrides: {}, createdAt: 'x', updatedAt: 'x' };
    expect(mergeCategory(c, c, { ...c, name: 'Headlines' })).toMatchObject({ merged: { name: 'Headlines' }, conflicts: [] });
    expect(mergeCategory(c, { ...c, name: 'Mine', description: 'd' }, { ...c, name: 'Theirs' })).toMatchObject({ merged: { name: 'Theirs', description: 'd' }, conflicts: ['name'] });
    const t = { uid: 't'.repeat(32), name: 'x', slug: 'x', createdAt: 'x' };
    expect(mergeTag(t, { ...t, name: 'y' }, t).merged.name).toBe('y');
  });
  it('edit against delete: the edit wins', () => {
    // base, ours, theirs present; ours changed; theirs changed
    expect(decidePresence(true, true, false, true, true)).toBe('restore_ours');
    expect(decidePresence(true, false, true, true, true)).toBe('restore_theirs');
    expect(decidePresence(true, true, false, false, true)).toBe('delete');
    expect(decidePresence(true, true, true, false, true)).toBe('take_theirs');
    expect(decidePresence(true, true, true, true, false)).toBe('keep');
    expect(decidePresence(true, true, true, true, true)).toBe('merge');
    expect(decidePresence(true, false, false, true, true)).toBe('delete');
  });
});
