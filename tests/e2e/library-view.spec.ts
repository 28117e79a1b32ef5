import { test, expect, type AppServer } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * The library view over browser mode: sorting, the filter sidebar, the search box, keyboard
 * navigation, multi-select with every bulk action, and the trash. The server may be shared with
 * other test files in the same worker, so every test makes its own uniquely named data and
 * narrows the list to it.
 */

interface Seeded {
  token: string;
  cats: { root: { id: number; name: string }; child: { id: number; name: string }; grandchild: { id: number; name: string }; other: { id: number; name: string } };
  tags: { red: string; blue: string };
  ids: { alpha: number; bravo: number; charlie: number; delta: number };
}

async function ok(app: AppServer, op: string, input: unknown): Promise<any> {
  const r = await app.call(op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error?.code} ${r.error?.message}`);
  return r.data;
}

const paragraph = (text: string) => ({
  root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [
    { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [
      { type: 'text', version: 1, text, detail: 0, format: 0, mode: 'normal', style: '' },
    ] },
  ] },
});

/** Root › Child › Grandchild, and Other; four articles spread over them with tags, statuses and dates. */
async function seed(app: AppServer): Promise<Seeded> {
  const token = `q${Math.random().toString(36).slice(2, 8)}`;
  const root = await ok(app, 'categories.create', { name: `政策 ${token}`, parentId: null });
  const child = await ok(app, 'categories.create', { name: `广东 ${token}`, parentId: root.id });
  const grandchild = await ok(app, 'categories.create', { name: `深圳 ${token}`, parentId: child.id });
  const other = await ok(app, 'categories.create', { name: `Other ${token}`, parentId: null });
  const red = `red-${token}`;
  const blue = `blue-${token}`;
  const make = (title: string, fields: Record<string, unknown>) => ok(app, 'articles.create', { title, ...fields });
  const alpha = await make(`Alpha ${token}`, { status: 'draft', categoryId: root.id, tags: [red], author: `Ann ${token}`, publishedAt: '2021-03-01T08:00:00.000Z', body: paragraph(`港口吞吐量 alpha ${token} 统计`) });
  const bravo = await make(`Bravo ${token}`, { status: 'ready', categoryId: child.id, tags: [red, blue], author: `Bob ${token}`, publishedAt: '2022-05-01T08:00:00.000Z', body: paragraph(`新材料产业园 bravo ${token} 项目`) });
  const charlie = await make(`Charlie ${token}`, { status: 'published', categoryId: grandchild.id, tags: [blue], author: `Ann ${token}`, publishedAt: '2023-07-01T08:00:00.000Z', body: paragraph(`智能装备 charlie ${token} 调度`) });
  const delta = await make(`Delta ${token}`, { status: 'draft', categoryId: other.id, author: `Bob ${token}`, body: paragraph(`delta ${token}`) });
  // Alpha is edited last, so "last updated" order differs from both title and publication order.
  const a = await ok(app, 'articles.get', { id: alpha.id });
  await ok(app, 'articles.save', { id: alpha.id, version: a.version, excerpt: 'edited last', excerptIsManual: true });
  return {
    token,
    cats: {
      root: { id: root.id, name: root.name },
      child: { id: child.id, name: child.name },
      grandchild: { id: grandchild.id, name: grandchild.name },
      other: { id: other.id, name: other.name },
    },
    tags: { red, blue },
    ids: { alpha: alpha.id, bravo: bravo.id, charlie: charlie.id, delta: delta.id },
  };
}

const grid = (page: Page) => page.getByTestId('article-list');
const rows = (page: Page) => grid(page).locator('[role=row][data-article-id]');
const row = (page: Page, title: string) => rows(page).filter({ hasText: title });

/** Titles of the rendered rows, top to bottom. */
async function titles(page: Page): Promise<string[]> {
  return grid(page).evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('[role=row][data-article-id]')]
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      .map((r) => r.querySelector('.article-title')?.textContent ?? ''),
  );
}

async function openWith(page: Page, openApp: (p: Page) => Promise<void>) {
  await openApp(page);
  await expect(grid(page)).toBeVisible();
}

async function chooseCategory(page: Page, name: string) {
  await page.getByTestId('category-filter').getByRole('treeitem', { name, exact: true }).locator('.tree-label').first().click();
}

test.describe('library view', () => {
  test('sorts by last update, publication date and title, both ways', async ({ page, app, openApp }) => {
    const s = await seed(app);
    await openWith(page, openApp);
    await chooseCategory(page, s.cats.root.name);
    await expect(page.getByTestId('list-count')).toHaveText('3 articles');

    // Default: last updated, newest first. Alpha was edited last.
    await expect.poll(() => titles(page)).toEqual([`Alpha ${s.token}`, `Charlie ${s.token}`, `Bravo ${s.token}`]);

    await page.getByTestId('sort-select').selectOption('title');
    await expect.poll(() => titles(page)).toEqual([`Charlie ${s.token}`, `Bravo ${s.token}`, `Alpha ${s.token}`]);
    await page.getByTestId('sort-order').click();
    await expect.poll(() => titles(page)).toEqual([`Alpha ${s.token}`, `Bravo ${s.token}`, `Charlie ${s.token}`]);

    await page.getByTestId('sort-select').selectOption('published');
    // The published column appears only when sorting by it.
    await expect(grid(page).getByRole('columnheader', { name: /Published/ })).toBeVisible();
    await expect.poll(() => titles(page)).toEqual([`Alpha ${s.token}`, `Bravo ${s.token}`, `Charlie ${s.token}`]);
    await page.getByTestId('sort-order').click();
    await expect.poll(() => titles(page)).toEqual([`Charlie ${s.token}`, `Bravo ${s.token}`, `Alpha ${s.token}`]);

    // A click on a column header sorts by it.
    await grid(page).getByRole('columnheader', { name: /Title/ }).getByRole('button').click();
    await expect.poll(() => titles(page)).toEqual([`Alpha ${s.token}`, `Bravo ${s.token}`, `Charlie ${s.token}`]);
    await expect(grid(page).getByRole('columnheader', { name: /Title/ })).toHaveAttribute('aria-sort', 'ascending');
  });

  test('filters by category (with sub-categories), tag, status, author and dates', async ({ page, app, openApp }) => {
    const s = await seed(app);
    await openWith(page, openApp);

    // The tree shows counts that include sub-categories.
    const rootItem = page.getByTestId('category-filter').getByRole('treeitem', { name: s.cats.root.name, exact: true });
    await expect(rootItem.locator('> .tree-row .count')).toHaveText('3');

    await chooseCategory(page, s.cats.child.name);
    await expect(page.getByTestId('list-count')).toHaveText('2 articles');
    await expect.poll(async () => (await titles(page)).sort()).toEqual([`Bravo ${s.token}`, `Charlie ${s.token}`]);
    // Rows show the breadcrumb of their category.
    await expect(row(page, `Charlie ${s.token}`)).toContainText(`政策 ${s.token} › 广东 ${s.token} › 深圳 ${s.token}`);

    // Status, on top of the category.
    await chooseCategory(page, s.cats.root.name);
    await page.getByTestId('filters').getByRole('checkbox', { name: 'Draft' }).check();
    await expect.poll(() => titles(page)).toEqual([`Alpha ${s.token}`]);
    await page.getByTestId('filters').getByRole('checkbox', { name: 'Draft' }).uncheck();

    // Tag, from the searchable tag list.
    await page.getByTestId('filters').getByRole('button', { name: 'All categories' }).click();
    await page.getByTestId('filters').getByPlaceholder('Find a tag').fill(s.tags.blue);
    await page.getByTestId('tag-filter').getByRole('option', { name: new RegExp(`^${s.tags.blue}`) }).click();
    await expect(page.getByTestId('list-count')).toHaveText('2 articles');
    await expect.poll(async () => (await titles(page)).sort()).toEqual([`Bravo ${s.token}`, `Charlie ${s.token}`]);
    // The chip says which filter is on, and removes it.
    await page.getByTestId('filter-chips').getByRole('button', { name: new RegExp(`Tag: ${s.tags.blue}`) }).click();

    // Author (exact), typed.
    await page.getByTestId('filters').getByLabel('Author').fill(`Ann ${s.token}`);
    await expect.poll(async () => (await titles(page)).sort()).toEqual([`Alpha ${s.token}`, `Charlie ${s.token}`]);

    // Dates (publication date): 2022-01-01 to 2023-12-31 leaves Charlie.
    await page.getByTestId('filters').getByLabel('From').fill('2022-01-01');
    await page.getByTestId('filters').getByLabel('To').fill('2023-12-31');
    await expect.poll(() => titles(page)).toEqual([`Charlie ${s.token}`]);
    await page.getByTestId('filters').getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByTestId('filter-chips')).toHaveCount(0);
  });

  test('the search box: terms, phrases, exclusions, filters in the query; snippets highlighted as text', async ({ page, app, openApp }) => {
    const s = await seed(app);
    // A title with markup must show as text, never as HTML.
    const hostile = await ok(app, 'articles.create', { title: `<img src=x onerror="window.__pwned=1"> ${s.token} hostile`, body: paragraph(`<b>bold?</b> ${s.token}`) });
    await openWith(page, openApp);
    const search = page.getByTestId('search-input');

    await search.fill(s.token);
    await expect(page.getByTestId('list-count')).toHaveText(/^5 results/);

    await search.fill(`${s.token} -alpha`);
    await expect(page.getByTestId('list-count')).toHaveText(/^4 results/);
    await expect(row(page, `Alpha ${s.token}`)).toHaveCount(0);

    await search.fill(`tag:${s.tags.blue} ${s.token}`);
    await expect.poll(async () => (await titles(page)).sort()).toEqual([`Bravo ${s.token}`, `Charlie ${s.token}`]);

    await search.fill(`"新材料产业园 bravo ${s.token}"`);
    await expect.poll(() => titles(page)).toEqual([`Bravo ${s.token}`]);
    // The snippet marks the match.
    await expect(row(page, `Bravo ${s.token}`).locator('.snippet mark').first()).toBeVisible();
    await expect(row(page, `Bravo ${s.token}`).locator('.snippet')).toContainText('新材料产业园');

    await search.fill(`产业园 OR 港口 ${s.token}`);
    await expect.poll(async () => (await titles(page)).sort()).toEqual([`Alpha ${s.token}`, `Bravo ${s.token}`]);

    // Sidebar filters still apply to a search.
    await chooseCategory(page, s.cats.child.name);
    await search.fill(s.token);
    await expect.poll(async () => (await titles(page)).sort()).toEqual([`Bravo ${s.token}`, `Charlie ${s.token}`]);
    await page.getByTestId('filters').getByRole('button', { name: 'All categories' }).click();

    await search.fill(`hostile ${s.token}`);
    const hostileRow = grid(page).locator(`[data-article-id="${hostile.id}"]`);
    await expect(hostileRow).toContainText('<img src=x onerror=');
    expect(await grid(page).locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // Escape clears the box; the whole library comes back.
    await search.press('Escape');
    await expect(page.getByTestId('list-count')).toHaveText(/articles$/);

    await search.fill(`nothing-like-this-${s.token}`);
    await expect(grid(page)).toContainText('Nothing found');
  });

  test('keyboard: arrows move, Enter opens, Space / Shift / Ctrl+A select, Delete trashes with undo, / searches', async ({ page, app, openApp }) => {
    const s = await seed(app);
    await openWith(page, openApp);
    await chooseCategory(page, s.cats.root.name);
    await page.getByTestId('sort-select').selectOption('title');
    await page.getByTestId('sort-order').click();
    await expect.poll(() => titles(page)).toEqual([`Alpha ${s.token}`, `Bravo ${s.token}`, `Charlie ${s.token}`]);

    const activeTitle = () => grid(page).evaluate((el) => {
      const id = el.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.querySelector('.article-title')?.textContent ?? null : null;
    });

    await grid(page).focus();
    await expect.poll(activeTitle).toBe(`Alpha ${s.token}`);
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeTitle).toBe(`Bravo ${s.token}`);
    await page.keyboard.press('End');
    await expect.poll(activeTitle).toBe(`Charlie ${s.token}`);
    await page.keyboard.press('Home');
    await expect.poll(activeTitle).toBe(`Alpha ${s.token}`);

    // Space selects; Shift+Down extends; the bulk bar counts.
    await page.keyboard.press('Space');
    await expect(page.getByTestId('bulk-bar')).toContainText('1 selected');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(page.getByTestId('bulk-bar')).toContainText('2 selected');
    await expect(row(page, `Bravo ${s.token}`)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('bulk-bar')).toHaveCount(0);
    await page.keyboard.press('Control+a');
    await expect(page.getByTestId('bulk-bar')).toContainText('3 selected');
    await page.keyboard.press('Escape');

    // Ctrl-click and Shift-click select too.
    await row(page, `Alpha ${s.token}`).locator('.c-status').click();
    await row(page, `Charlie ${s.token}`).locator('.c-status').click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('bulk-bar')).toContainText('3 selected');
    await row(page, `Bravo ${s.token}`).locator('.c-status').click({ modifiers: ['Control'] });
    await expect(page.getByTestId('bulk-bar')).toContainText('2 selected');
    await page.keyboard.press('Escape');

    // Delete trashes the focused row, and the toast's Undo brings it back.
    await page.keyboard.press('Home');
    await page.keyboard.press('Delete');
    await expect(row(page, `Alpha ${s.token}`)).toHaveCount(0);
    expect((await app.call('articles.get', { id: s.ids.alpha })).data.deletedAt).not.toBeNull();
    await page.getByTestId('toasts').getByRole('button', { name: 'Undo' }).click();
    await expect(row(page, `Alpha ${s.token}`)).toHaveCount(1);
    expect((await app.call('articles.get', { id: s.ids.alpha })).data.deletedAt).toBeNull();

    // `/` goes to the search box.
    await grid(page).focus();
    await page.keyboard.press('/');
    await expect(page.getByTestId('search-input')).toBeFocused();

    // Enter opens the focused article; the list stays beside it.
    await grid(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/article/${s.ids.bravo}$`));
    await expect(page.getByTestId('editor')).toBeVisible();
    await expect(row(page, `Bravo ${s.token}`)).toHaveClass(/open/);
  });

  test('bulk actions: status, add and remove tags, export, move to a category, trash', async ({ page, app, openApp }) => {
    const s = await seed(app);
    await openWith(page, openApp);
    await chooseCategory(page, s.cats.root.name);
    await expect(page.getByTestId('list-count')).toHaveText('3 articles');
    const ids = [s.ids.alpha, s.ids.bravo, s.ids.charlie];
    const get = async (id: number) => (await app.call('articles.get', { id })).data;

    await grid(page).focus();
    await page.keyboard.press('Control+a');
    const bar = page.getByTestId('bulk-bar');
    await expect(bar).toContainText('3 selected');

    // Set status.
    await bar.getByRole('button', { name: 'Set status' }).click();
    await page.getByRole('menuitem', { name: 'Archived' }).click();
    await expect.poll(async () => (await Promise.all(ids.map(get))).map((a) => a.status)).toEqual(['archived', 'archived', 'archived']);
    await expect(row(page, `Bravo ${s.token}`).locator('.status')).toHaveText('Archived');

    // Add tags: an existing one ticked, a new one typed.
    await bar.getByRole('button', { name: 'Add tags…' }).click();
    const tagsDialog = page.getByTestId('tags-dialog');
    await tagsDialog.getByPlaceholder('Find a tag').fill(s.tags.blue);
    await tagsDialog.getByRole('checkbox', { name: new RegExp(s.tags.blue) }).check();
    await tagsDialog.getByLabel('New tags').fill(`fresh-${s.token}, 新标签${s.token}`);
    await tagsDialog.getByRole('button', { name: 'Add tags' }).click();
    await expect(tagsDialog).toHaveCount(0);
    await expect.poll(async () => (await Promise.all(ids.map(get))).map((a) => a.tags.map((t: { name: string }) => t.name).sort()))
      .toEqual([
        [s.tags.blue, `fresh-${s.token}`, s.tags.red, `新标签${s.token}`].sort(),
        [s.tags.blue, `fresh-${s.token}`, s.tags.red, `新标签${s.token}`].sort(),
        [s.tags.blue, `fresh-${s.token}`, `新标签${s.token}`].sort(),
      ]);

    // Remove tags.
    await bar.getByRole('button', { name: 'Remove tags…' }).click();
    await tagsDialog.getByPlaceholder('Find a tag').fill(s.tags.red);
    await tagsDialog.getByRole('checkbox', { name: new RegExp(s.tags.red) }).check();
    await tagsDialog.getByRole('button', { name: 'Remove tags' }).click();
    await expect.poll(async () => (await Promise.all(ids.map(get))).some((a) => a.tags.some((t: { name: string }) => t.name === s.tags.red))).toBe(false);

    // Export: when the export engine is in the build it opens its dialog for the selection;
    // when it is not, the button is visibly disabled and says why.
    const exportButton = bar.getByRole('button', { name: 'Export…' });
    if ((await exportButton.getAttribute('aria-disabled')) === 'true') {
      await expect(exportButton).toHaveAttribute('title', /not available/);
    } else {
      await exportButton.click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }

    // Move to a category with the keyboard picker.
    await bar.getByRole('button', { name: 'Move to category…' }).click();
    const picker = page.getByTestId('category-picker');
    await picker.getByRole('combobox').fill(`Other ${s.token}`);
    await picker.getByRole('combobox').press('Enter');
    await expect(picker).toHaveCount(0);
    await expect.poll(async () => (await Promise.all(ids.map(get))).map((a) => a.categoryId)).toEqual([s.cats.other.id, s.cats.other.id, s.cats.other.id]);
    // They left the filtered category: the list follows.
    await expect(page.getByTestId('list-count')).toHaveText('0 articles');

    // Bulk trash, from the Other category.
    await chooseCategory(page, s.cats.other.name);
    await expect(page.getByTestId('list-count')).toHaveText('4 articles');
    await grid(page).focus();
    await page.keyboard.press('Control+a');
    await bar.getByRole('button', { name: 'Move to trash' }).click();
    await expect(page.getByTestId('toasts')).toContainText('4 articles moved to the trash');
    await expect(page.getByTestId('list-count')).toHaveText('0 articles');
    await expect.poll(async () => (await Promise.all([...ids, s.ids.delta].map(get))).every((a) => a.deletedAt !== null)).toBe(true);
  });

  test('trash: restore, delete forever naming the article, empty trash with the count', async ({ page, app, openApp }) => {
    const s = await seed(app);
    for (const id of [s.ids.alpha, s.ids.bravo, s.ids.charlie]) await ok(app, 'articles.trash', { id });
    await openWith(page, openApp);
    await page.getByRole('tab', { name: 'Trash' }).click();
    await expect(row(page, `Alpha ${s.token}`)).toBeVisible();

    // Restore from the row.
    await row(page, `Alpha ${s.token}`).getByRole('button', { name: 'Restore' }).click();
    await expect(row(page, `Alpha ${s.token}`)).toHaveCount(0);
    expect((await app.call('articles.get', { id: s.ids.alpha })).data.deletedAt).toBeNull();

    // Delete forever: the confirmation names the article.
    await row(page, `Bravo ${s.token}`).getByRole('button', { name: 'Delete forever' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await expect(confirm).toContainText(`Delete “Bravo ${s.token}” forever?`);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await app.call('articles.get', { id: s.ids.bravo })).ok).toBe(true);
    await row(page, `Bravo ${s.token}`).getByRole('button', { name: 'Delete forever' }).click();
    await confirm.getByRole('button', { name: 'Delete forever' }).click();
    await expect(row(page, `Bravo ${s.token}`)).toHaveCount(0);
    expect((await app.call('articles.get', { id: s.ids.bravo })).error?.code).toBe('not_found');

    // Empty trash: the confirmation gives the number that will go.
    const trashed = (await app.call('library.stats', {})).data.trashed as number;
    expect(trashed).toBeGreaterThan(0);
    await page.getByTestId('empty-trash').click();
    await expect(confirm).toContainText(`${trashed} article${trashed === 1 ? '' : 's'} will be deleted forever`);
    await confirm.getByRole('button', { name: /Delete \d+ articles? forever/ }).click();
    await expect(grid(page)).toContainText('The trash is empty.');
    expect((await app.call('library.stats', {})).data.trashed).toBe(0);
    expect((await app.call('articles.get', { id: s.ids.charlie })).error?.code).toBe('not_found');
  });
});
