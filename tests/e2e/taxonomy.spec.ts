import { test, expect, type AppServer } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Categories and tags managed from the page: every change goes through the contract, and the
 * library's data (article categories, tags) shows the result.
 */
async function ok(app: AppServer, op: string, input: unknown): Promise<any> {
  const r = await app.call(op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error?.code} ${r.error?.message}`);
  return r.data;
}

const uid = () => Math.random().toString(36).slice(2, 8);
const tree = (page: Page) => page.getByTestId('category-tree');
const item = (page: Page, name: string) => tree(page).getByRole('treeitem', { name, exact: true });
const categories = async (app: AppServer) => (await ok(app, 'categories.list', {})) as Array<{ id: number; name: string; parentId: number | null; path: string[] }>;
const byName = async (app: AppServer, name: string) => (await categories(app)).find((c) => c.name === name);

async function openManager(page: Page, app: AppServer) {
  await page.goto(`${app.launchUrl}#/taxonomy`);
  await expect(page.getByTestId('category-manager')).toBeVisible();
}

test.describe('category tree', () => {
  test('create, rename, and see the breadcrumb', async ({ page, app }) => {
    const t = uid();
    await openManager(page, app);
    await page.getByPlaceholder('New top-level category').fill(`新闻 ${t}`);
    await page.getByPlaceholder('New top-level category').press('Enter');
    await expect(item(page, `新闻 ${t}`)).toBeVisible();
    // The new category is selected: add a sub-category to it.
    await expect(page.getByTestId('category-breadcrumb')).toHaveText(`新闻 ${t}`);
    await page.getByLabel('New sub-category').fill(`本地 ${t}`);
    await page.getByLabel('New sub-category').press('Enter');
    await expect(page.getByTestId('category-breadcrumb')).toHaveText(`新闻 ${t} › 本地 ${t}`);
    const local = await byName(app, `本地 ${t}`);
    expect(local?.path).toEqual([`新闻 ${t}`, `本地 ${t}`]);

    // Rename through the details form (F2 from the tree goes there).
    await item(page, `本地 ${t}`).focus();
    await page.keyboard.press('F2');
    await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
    await page.getByLabel('Name', { exact: true }).fill(`地方 ${t}`);
    await page.getByLabel('Name', { exact: true }).press('Enter');
    await expect(page.getByTestId('category-breadcrumb')).toHaveText(`新闻 ${t} › 地方 ${t}`);
    expect((await categories(app)).find((c) => c.id === local!.id)?.name).toBe(`地方 ${t}`);

    // The breadcrumb is what the library shows for an article in it.
    await ok(app, 'articles.create', { title: `Breadcrumb ${t}`, categoryId: local!.id });
    await page.getByTestId('nav-library').click();
    await expect(page.getByTestId('article-list').locator('[role=row]', { hasText: `Breadcrumb ${t}` })).toContainText(`新闻 ${t} › 地方 ${t}`);
  });

  test('move with the keyboard picker, by dragging, to the top level, and reorder', async ({ page, app }) => {
    const t = uid();
    const a = await ok(app, 'categories.create', { name: `A ${t}`, parentId: null });
    const b = await ok(app, 'categories.create', { name: `B ${t}`, parentId: null });
    const c = await ok(app, 'categories.create', { name: `C ${t}`, parentId: null });
    await openManager(page, app);

    // Picker: select C, Move to…, type B, Enter.
    await item(page, `C ${t}`).locator('.tree-label').click();
    await page.getByTestId('category-manager').getByRole('button', { name: 'Move to…' }).click();
    const picker = page.getByTestId('category-picker');
    // A category cannot move inside itself: C is not offered.
    await expect(picker.getByRole('option', { name: `C ${t}` })).toHaveCount(0);
    await picker.getByRole('combobox').fill(`B ${t}`);
    await picker.getByRole('combobox').press('Enter');
    await expect(picker).toHaveCount(0);
    await expect.poll(async () => (await byName(app, `C ${t}`))?.parentId).toBe(b.id);
    await expect(page.getByTestId('category-breadcrumb')).toHaveText(`B ${t} › C ${t}`);
    await expect(item(page, `C ${t}`)).toHaveAttribute('aria-level', '2');

    // Drag B (with C inside) onto A.
    await item(page, `B ${t}`).locator('> .tree-row').dragTo(item(page, `A ${t}`).locator('> .tree-row'));
    await expect.poll(async () => (await byName(app, `B ${t}`))?.parentId).toBe(a.id);
    expect((await byName(app, `C ${t}`))?.path).toEqual([`A ${t}`, `B ${t}`, `C ${t}`]);
    // Each drag starts from the tree as the page shows it: wait until it shows the last move.
    await expect(item(page, `C ${t}`)).toHaveAttribute('aria-level', '3');

    // Drag C to the top-level strip.
    await item(page, `C ${t}`).locator('> .tree-row').dragTo(page.getByTestId('top-level-drop'));
    await expect.poll(async () => (await byName(app, `C ${t}`))?.parentId).toBeNull();
    // The page reorders among the siblings it shows: wait until it shows C at the top level.
    await expect(item(page, `C ${t}`)).toHaveAttribute('aria-level', '1');

    // Reorder among siblings: Alt+Up moves C before the top-level category above it.
    const before = (await categories(app)).filter((x) => x.parentId === null).map((x) => x.id);
    const at = before.indexOf(c.id);
    expect(at).toBeGreaterThan(0);
    await item(page, `C ${t}`).locator('.tree-label').click();
    await item(page, `C ${t}`).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await categories(app)).filter((x) => x.parentId === null).map((x) => x.id).indexOf(c.id)).toBe(at - 1);
  });

  test('delete moves its articles to the chosen category and its children up', async ({ page, app }) => {
    const t = uid();
    const doomed = await ok(app, 'categories.create', { name: `Doomed ${t}`, parentId: null });
    const kid = await ok(app, 'categories.create', { name: `Kid ${t}`, parentId: doomed.id });
    const haven = await ok(app, 'categories.create', { name: `Haven ${t}`, parentId: null });
    const a1 = await ok(app, 'articles.create', { title: `One ${t}`, categoryId: doomed.id });
    const a2 = await ok(app, 'articles.create', { title: `Two ${t}`, categoryId: doomed.id });
    const a3 = await ok(app, 'articles.create', { title: `Three ${t}`, categoryId: kid.id });
    await openManager(page, app);

    await item(page, `Doomed ${t}`).locator('.tree-label').first().click();
    await page.getByTestId('category-manager').getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByTestId('category-picker');
    await expect(dialog).toContainText('It holds 2 articles');
    await expect(dialog).toContainText('Its 1 sub-category moves up to Top level');
    await dialog.getByRole('combobox').fill(`Haven ${t}`);
    await dialog.getByRole('button', { name: 'Delete and move articles' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(item(page, `Doomed ${t}`)).toHaveCount(0);

    const get = async (id: number) => (await ok(app, 'articles.get', { id })) as { categoryId: number | null };
    expect((await get(a1.id)).categoryId).toBe(haven.id);
    expect((await get(a2.id)).categoryId).toBe(haven.id);
    expect((await get(a3.id)).categoryId).toBe(kid.id);
    expect((await byName(app, `Kid ${t}`))?.parentId).toBeNull();
    await expect(page.getByTestId('toasts')).toContainText('2 articles moved');
  });
});

test.describe('tags', () => {
  test('rename, merge (articles keep the union) and delete', async ({ page, app }) => {
    const t = uid();
    const [one, two, three] = [`one-${t}`, `two-${t}`, `three-${t}`];
    const a1 = await ok(app, 'articles.create', { title: `T1 ${t}`, tags: [one, two] });
    const a2 = await ok(app, 'articles.create', { title: `T2 ${t}`, tags: [two] });
    const a3 = await ok(app, 'articles.create', { title: `T3 ${t}`, tags: [three] });
    const tagsOf = async (id: number) => ((await ok(app, 'articles.get', { id })).tags as Array<{ name: string }>).map((x) => x.name).sort();
    await openManager(page, app);
    const manager = page.getByTestId('tag-manager');
    await manager.getByPlaceholder('Find a tag').fill(t);
    await expect(manager.locator('tbody tr')).toHaveCount(3);
    const tagRow = (name: string) => manager.locator('tbody tr', { has: page.getByRole('cell', { name, exact: true }) });

    // Rename in place.
    await manager.getByRole('button', { name: `Rename: ${one}` }).click();
    await manager.getByLabel(`New name for ${one}`).fill(`first-${t}`);
    await manager.getByLabel(`New name for ${one}`).press('Enter');
    // (While the box is open its value names the cell too: wait for it to close.)
    await expect(manager.getByLabel(`New name for ${one}`)).toHaveCount(0);
    await expect(tagRow(`first-${t}`)).toBeVisible();
    await expect.poll(() => tagsOf(a1.id)).toEqual([`first-${t}`, two].sort());

    // Merge three into two: tick both, keep two.
    await manager.getByRole('checkbox', { name: `Select ${two}` }).check();
    await manager.getByRole('checkbox', { name: `Select ${three}` }).check();
    await manager.getByRole('button', { name: 'Merge…' }).click();
    const merge = page.getByTestId('merge-dialog');
    await merge.getByRole('radio', { name: new RegExp(`^${two}`) }).check();
    await merge.getByRole('button', { name: `Merge into “${two}”` }).click();
    await expect(merge).toHaveCount(0);
    await expect(tagRow(three)).toHaveCount(0);
    await expect(tagRow(two).locator('td.num')).toHaveText('3');
    expect(await tagsOf(a1.id)).toEqual([`first-${t}`, two].sort());
    expect(await tagsOf(a2.id)).toEqual([two]);
    expect(await tagsOf(a3.id)).toEqual([two]);

    // Delete, after a confirmation that says how many articles lose it.
    await manager.getByRole('button', { name: `Delete: first-${t}` }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await expect(confirm).toContainText(`Delete the tag “first-${t}”?`);
    await expect(confirm).toContainText('1 tagging');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(tagRow(`first-${t}`)).toHaveCount(0);
    expect(await tagsOf(a1.id)).toEqual([two]);
    expect(((await ok(app, 'tags.list', {})) as Array<{ name: string }>).some((x) => x.name === `first-${t}`)).toBe(false);
  });
});
