import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { emptyBody } from '../../src/core/content/lexical-json.js';

let lib: TestLibrary;
beforeEach(async () => { lib = await makeLibrary(); });
afterEach(() => lib.dispose());

describe('categories.merge', () => {
  it('moves articles (primary and secondary) and sub-categories into the target in one step, then deletes the source', async () => {
    const industry = await lib.ok('categories.create', { name: '产业信息', parentId: null, slug: 'industry' });
    const gd = await lib.ok('categories.create', { name: '广东产业信息', parentId: industry.id, slug: 'guangdong' });
    const dup = await lib.ok('categories.create', { name: '广东产业信息', parentId: null, slug: 'guangdong' });
    const sub = await lib.ok('categories.create', { name: '深圳', parentId: dup.id, slug: 'shenzhen' });
    const clash = await lib.ok('categories.create', { name: '深圳市', parentId: gd.id, slug: 'shenzhen' });
    const a = await lib.ok('articles.create', { title: '甲', body: emptyBody(), categoryId: dup.id });
    const b = await lib.ok('articles.create', { title: '乙', body: emptyBody(), categoryId: industry.id, secondaryCategoryIds: [dup.id] });
    const c = await lib.ok('articles.create', { title: '丙', body: emptyBody(), categoryId: gd.id, secondaryCategoryIds: [dup.id] });

    const r = await lib.ok('categories.merge', { id: dup.id, into: gd.id });
    expect(r.moved).toBe(3);
    expect(r.category.id).toBe(gd.id);
    const cats = await lib.ok('categories.list', {});
    expect(cats.find((x) => x.id === dup.id)).toBeUndefined();
    expect(cats.find((x) => x.id === sub.id)).toMatchObject({ parentId: gd.id, path: ['产业信息', '广东产业信息', '深圳'], slug: 'shenzhen-2' });
    expect(cats.find((x) => x.id === clash.id)!.slug).toBe('shenzhen');
    expect((await lib.ok('articles.get', { id: a.id })).categoryId).toBe(gd.id);
    const bb = await lib.ok('articles.get', { id: b.id });
    expect([bb.categoryId, bb.secondaryCategoryIds]).toEqual([industry.id, [gd.id]]);
    const cc = await lib.ok('articles.get', { id: c.id });
    expect([cc.categoryId, cc.secondaryCategoryIds]).toEqual([gd.id, []]);
    expect(cc.version).toBeGreaterThan(c.version);
    // The search index follows: the category filter finds the moved article.
    const hits = await lib.ok('search', { query: 'category:guangdong' });
    expect(JSON.stringify(hits)).toContain('甲');
  });

  it('refuses to merge a category into itself or into one of its own sub-categories, changing nothing', async () => {
    const top = await lib.ok('categories.create', { name: '产业信息', parentId: null });
    const inner = await lib.ok('categories.create', { name: '广东', parentId: top.id });
    const self = await lib.raw('categories.merge', { id: top.id, into: top.id });
    expect(self).toMatchObject({ ok: false, error: { code: 'validation', details: { key: 'category.mergeSelf' } } });
    const inside = await lib.raw('categories.merge', { id: top.id, into: inner.id });
    expect(inside).toMatchObject({ ok: false, error: { code: 'validation', details: { key: 'category.mergeInside' } } });
    expect(await lib.ok('categories.list', {})).toHaveLength(2);
  });
});

describe('a category slug edit', () => {
  it('is validated and unique among siblings only', async () => {
    const a = await lib.ok('categories.create', { name: '甲', parentId: null, slug: 'a' });
    const b = await lib.ok('categories.create', { name: '乙', parentId: null, slug: 'b' });
    const child = await lib.ok('categories.create', { name: '丙', parentId: a.id, slug: 'c' });
    expect((await lib.raw('categories.rename', { id: b.id, name: '乙', slug: 'Not a slug' })).ok).toBe(false);
    expect(await lib.raw('categories.rename', { id: b.id, name: '乙', slug: 'a' })).toMatchObject({ ok: false, error: { code: 'validation', details: { key: 'category.slugTaken' } } });
    expect((await lib.ok('categories.rename', { id: child.id, name: '丙', slug: 'b' })).slugPath).toEqual(['a', 'b']);
  });
});
