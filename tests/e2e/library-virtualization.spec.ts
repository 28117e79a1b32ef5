import { test, expect } from './fixtures';

/**
 * A few thousand articles: the list keeps only the rows in view in the DOM, fetches pages as it
 * scrolls, and reaches the very last article both by scrolling and by the End key; so do a
 * search's hits, which come in smaller pages (searchSource.ts).
 */
const COUNT = 3000;

test('the list is virtualized: few DOM rows for thousands of articles, and the end is reachable', async ({ page, app, openApp }) => {
  test.setTimeout(240_000);
  const token = `v${Math.random().toString(36).slice(2, 8)}`;
  const cat = await app.call('categories.create', { name: `Archive ${token}`, parentId: null });
  expect(cat.ok).toBe(true);
  const categoryId = cat.data.id as number;

  // Created over the same HTTP contract the page uses, a few at a time.
  let next = 0;
  const worker = async () => {
    while (next < COUNT) {
      const i = next++;
      const r = await app.call('articles.create', { title: `${token} ${String(i).padStart(4, '0')}`, categoryId, status: 'published' });
      if (!r.ok) throw new Error(r.error?.message);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));

  await openApp(page);
  await page.getByTestId('category-filter').getByRole('treeitem', { name: `Archive ${token}`, exact: true }).locator('.tree-label').click();
  await page.getByTestId('sort-select').selectOption('title');
  await page.getByTestId('sort-order').click(); // A → Z
  const grid = page.getByTestId('article-list');
  await expect(page.getByTestId('list-count')).toHaveText(`${COUNT.toLocaleString('en')} articles`);
  await expect(grid).toHaveAttribute('aria-rowcount', String(COUNT + 1));
  await expect(grid.locator('[role=row][data-article-id]').first()).toContainText(`${token} 0000`);

  const domRows = () => grid.locator('[role=row][aria-rowindex]:not(.head)').count();
  expect(await domRows()).toBeLessThan(80);

  // Scroll to the bottom as a person would (the wheel), then jump there.
  const scroller = grid.locator('.grid-scroll');
  await scroller.hover();
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 4000);
  await expect.poll(async () => Number(await grid.locator('[role=row][data-article-id]').first().getAttribute('aria-rowindex'))).toBeGreaterThan(50);
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const last = grid.locator('[role=row][data-article-id]', { hasText: `${token} ${String(COUNT - 1).padStart(4, '0')}` });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-rowindex', String(COUNT + 1));
  expect(await domRows()).toBeLessThan(80);

  // Back to the top with Home, and to the end again with End: the focused row is the last one.
  await grid.focus();
  await page.keyboard.press('Home');
  await expect(grid.locator('[role=row][data-article-id]', { hasText: `${token} 0000` })).toBeVisible();
  await page.keyboard.press('End');
  await expect.poll(() => grid.evaluate((el) => {
    const id = el.getAttribute('aria-activedescendant');
    return id ? document.getElementById(id)?.textContent ?? '' : '';
  })).toContain(`${token} ${String(COUNT - 1).padStart(4, '0')}`);

  // Ctrl+A selects what has been loaded, not the whole library.
  await page.keyboard.press('Control+a');
  const selected = Number((await page.getByTestId('bulk-bar').locator('.bulk-count').textContent())?.match(/\d[\d,]*/)?.[0].replace(/,/g, ''));
  expect(selected).toBeGreaterThan(0);
  expect(selected).toBeLessThan(COUNT);

  // A search matching all of them, begun at the bottom of the list: only its first page is
  // fetched (not the page at the old scroll position), and the last hit is reachable.
  const requested: number[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/call') && r.postDataJSON()?.op === 'search') requested.push(r.postDataJSON().input.page); });
  await page.getByTestId('search-input').fill(token);
  await expect(page.getByTestId('list-count')).toHaveText(`${COUNT.toLocaleString('en')} results · best matches first`);
  await expect(grid.locator('[role=row][data-article-id]').first()).toContainText(token);
  expect(new Set(requested)).toEqual(new Set([1]));
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(grid.locator(`[role=row][aria-rowindex="${COUNT + 1}"]`)).toContainText(token);
  expect(Math.max(...requested)).toBe(COUNT / 50);
  expect(await domRows()).toBeLessThan(80);
});
