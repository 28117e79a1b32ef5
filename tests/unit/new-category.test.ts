import { describe, expect, it } from 'vitest';
import { filterCategories, newCategoryTarget } from '../../src/renderer/src/editor/metadata/newCategory.js';

const tree = [
  { id: 1, name: '产业信息', path: ['产业信息'], slugPath: ['industry'] },
  { id: 2, name: '广东产业信息', path: ['产业信息', '广东产业信息'], slugPath: ['industry', 'guangdong'] },
  { id: 3, name: 'News', path: ['News'], slugPath: ['news'] },
];

describe('the category a picker creates', () => {
  it('a name found nowhere is created at the top level; a path under its existing parent', () => {
    expect(newCategoryTarget('低空经济', tree)).toEqual({ name: '低空经济', parent: null });
    expect(newCategoryTarget(' 产业信息 › 氢能 ', tree)).toEqual({ name: '氢能', parent: tree[0] });
    expect(newCategoryTarget('产业信息 > 广东产业信息 > 惠州', tree)).toEqual({ name: '惠州', parent: tree[1] });
  });

  it('never offers a second category of an existing name, nor one under a parent that does not exist', () => {
    expect(newCategoryTarget('广东产业信息', tree)).toBeNull();
    expect(newCategoryTarget('news', tree)).toBeNull();
    expect(newCategoryTarget('产业信息 › 广东产业信息', tree)).toBeNull();
    expect(newCategoryTarget('没有 › 氢能', tree)).toBeNull();
    expect(newCategoryTarget('  ', tree)).toBeNull();
  });

  it('the filter matches breadcrumbs and slug paths by every word', () => {
    expect(filterCategories('广东 产业', tree).map((c) => c.id)).toEqual([2]);
    expect(filterCategories('industry/guangdong', tree).map((c) => c.id)).toEqual([2]);
    expect(filterCategories('低空', tree)).toEqual([]);
  });
});
