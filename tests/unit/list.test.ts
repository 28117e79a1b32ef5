import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { insertArticle, trashArticle } from '../../src/core/articles/articles.js';
import { listArticles, type ListQuery } from '../../src/core/articles/list.js';
import { createCategory } from '../../src/core/taxonomy/categories.js';

/**
 * listArticles picks its indexes by hand for some filter combinations (list.ts, planFor); this
 * checks every combination against the same filter and order computed in plain JavaScript.
 */
interface Fact { id: number; title: string; status: string; author: string; category: number | null; secondary: number[]; tags: string[]; updated: string; published: string | null; created: string; trashed: boolean }

let lib: TestLibrary;
const facts: Fact[] = [];
const cats: number[] = [];
const parentOf = new Map<number, number | null>();
const STATUSES = ['draft', 'in_review', 'ready', 'published', 'archived'] as const;
const AUTHORS = ['王伟', 'Li Na', '张敏'];
const TAGS = ['产业', '招商', '园区'];

beforeAll(async () => {
  lib = await makeLibrary();
  const top = createCategory(lib.db, { name: '产业', parentId: null }).id;
  const child = createCategory(lib.db, { name: '园区', parentId: top }).id;
  const other = createCategory(lib.db, { name: '财经', parentId: null }).id;
  cats.push(top, child, other);
  parentOf.set(top, null).set(child, top).set(other, null);
  const rand = fc.sample(fc.tuple(fc.nat(4), fc.nat(2), fc.nat(3), fc.nat(3), fc.nat(7), fc.nat(360), fc.nat(360), fc.boolean(), fc.nat(9)), { numRuns: 90, seed: 42 });
  for (const [i, [s, a, c, sec, tagBits, d1, d2, pub, trash]] of rand.entries()) {
    const status = STATUSES[s]!;
    const category = c === 3 ? null : cats[c]!;
    const secondary = sec === 3 || cats[sec] === category ? [] : [cats[sec]!];
    const tags = TAGS.filter((_, k) => tagBits & (1 << k));
    const updated = new Date(Date.UTC(2025, 0, 1 + (d1 % 30), d2 % 24)).toISOString();
    const published = pub ? new Date(Date.UTC(2024, 0, 1 + d2)).toISOString() : undefined;
    const created = new Date(Date.UTC(2023, 0, 1 + d1)).toISOString();
    // Titles repeat now and then: ties must break by id in both directions.
    const title = `第${i % 40}篇`;
    const id = insertArticle(lib.db, { title, status, author: AUTHORS[a]!, categoryId: category, secondaryCategoryIds: secondary, tags, ...(published ? { publishedAt: published } : {}) }, { createdAt: created, updatedAt: updated });
    const trashed = trash === 0;
    if (trashed) trashArticle(lib.db, id);
    // Dates as stored (a published article without a date gets one; trash leaves them alone).
    const stored = lib.db.prepare('SELECT updated_at, published_at, created_at FROM articles WHERE id = ?').get(id) as { updated_at: string; published_at: string | null; created_at: string };
    facts.push({ id, title, status, author: AUTHORS[a]!, category, secondary, tags, updated: stored.updated_at, published: stored.published_at, created: stored.created_at, trashed });
  }
});
afterAll(() => lib.dispose());

function subtree(id: number): Set<number> {
  const out = new Set([id]);
  for (const [c, p] of parentOf) if (p !== null && out.has(p)) out.add(c);
  for (const [c, p] of parentOf) if (p !== null && out.has(p)) out.add(c);
  return out;
}

function expected(q: ListQuery): { ids: number[]; total: number } {
  const tagName = q.tagId === undefined ? undefined : (lib.db.prepare('SELECT name FROM tags WHERE id = ?').pluck().get(q.tagId) as string);
  const inCats = q.categoryId === undefined ? null : (q.includeSubcategories ? subtree(q.categoryId) : new Set([q.categoryId]));
  const rows = facts.filter((f) => f.trashed === q.trashed
    && (!q.status?.length || q.status.includes(f.status as never))
    && (q.author === undefined || f.author === q.author)
    && (!inCats || (f.category !== null && inCats.has(f.category)) || f.secondary.some((c) => inCats.has(c)))
    && (tagName === undefined || f.tags.includes(tagName)));
  const key = (f: Fact) => (q.sort === 'title' ? f.title : q.sort === 'updated' ? f.updated : q.sort === 'created' ? f.created : f.published);
  const sign = q.order === 'asc' ? 1 : -1;
  // SQLite orders NULL first ascending, last descending.
  const cmp = (a: Fact, b: Fact) => {
    const x = key(a), y = key(b);
    if (x !== y) return sign * (x === null ? -1 : y === null ? 1 : x < y ? -1 : 1);
    return sign * (a.id - b.id);
  };
  const sorted = rows.sort(cmp).map((f) => f.id);
  return { ids: sorted.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: rows.length };
}

describe('listArticles', () => {
  it('returns the same page and total as a plain filter and sort, for every combination of filters', () => {
    const tagIds = lib.db.prepare('SELECT id FROM tags ORDER BY id').pluck().all() as number[];
    fc.assert(fc.property(
      fc.record({
        sort: fc.constantFrom('updated', 'created', 'published', 'title'),
        order: fc.constantFrom('asc', 'desc'),
        status: fc.option(fc.subarray([...STATUSES], { minLength: 1 }), { nil: undefined }),
        categoryId: fc.option(fc.constantFrom(...cats), { nil: undefined }),
        includeSubcategories: fc.boolean(),
        tagId: fc.option(fc.constantFrom(...tagIds), { nil: undefined }),
        author: fc.option(fc.constantFrom(...AUTHORS), { nil: undefined }),
        trashed: fc.boolean(),
        page: fc.integer({ min: 1, max: 3 }),
        pageSize: fc.integer({ min: 1, max: 12 }),
      }, { requiredKeys: ['sort', 'order', 'includeSubcategories', 'trashed', 'page', 'pageSize'] }),
      (q) => {
        const query = q as ListQuery;
        const got = listArticles(lib.db, query);
        const want = expected(query);
        expect(got.total).toBe(want.total);
        expect(got.items.map((i) => i.id)).toEqual(want.ids);
      },
    ), { numRuns: 400, seed: 7 });
  });
});
