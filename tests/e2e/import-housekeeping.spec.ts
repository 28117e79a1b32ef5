import path from 'node:path';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, type AppServer } from './fixtures';

/**
 * Import housekeeping as an editor meets it: the sample page, whose breadcrumb ends in
 * 广东产业信息, files into the welcome tree's 产业信息 › 广东产业信息; the same file imported from
 * the app and then from the CLI stays one article; a duplicate category is merged away in the
 * category manager, and a category's slug is edited there.
 */
const SAMPLE = path.resolve(import.meta.dirname, '../../../shared/samples/site-article-page.txt');
const SAMPLE_TITLE = '都昌主官连续调度新材料园项目为高质量发展注入绿色动能';

async function ok(app: AppServer, op: string, input: unknown): Promise<any> {
  const r = await app.call(op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error?.code} ${r.error?.message}`);
  return r.data;
}
const categories = async (app: AppServer) => (await ok(app, 'categories.list', {})) as Array<{ id: number; name: string; slug: string; parentId: number | null; path: string[] }>;
const item = (page: Page, name: string) => page.getByTestId('category-tree').getByRole('treeitem', { name, exact: true });

test.describe.configure({ mode: 'serial' });

// The other import specs share this worker's library and import the same file: whatever this
// spec imported goes, so theirs is a first import again.
test.afterAll(async ({ app }) => {
  const list = await ok(app, 'articles.list', { pageSize: 500 });
  for (const a of list.items.filter((x: { title: string }) => x.title === SAMPLE_TITLE)) {
    await ok(app, 'articles.trash', { id: a.id });
    await ok(app, 'articles.deleteForever', { id: a.id });
  }
});

test('the sample page files into the existing category, and the CLI re-import is the same article', async ({ page, app, openApp }) => {
  test.skip(!fs.existsSync(SAMPLE), `the sample ${SAMPLE} is not on this machine`);
  await app.call('settings.set', { locale: 'en' });
  await openApp(page);
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-files-input').setInputFiles(SAMPLE);
  await expect(page.getByTestId('import-summary')).toHaveText('1 imported, 0 updated, 0 skipped, 0 failed.', { timeout: 30_000 });
  await page.getByTestId('import-close').click();
  const row = page.getByTestId('article-list').locator('[role=row]', { hasText: SAMPLE_TITLE });
  await expect(row).toContainText('产业信息 › 广东产业信息');
  expect((await categories(app)).filter((c) => c.name === '广东产业信息')).toHaveLength(1);

  const cli = await app.cli(['import', SAMPLE, '--json']);
  expect(cli.code).toBe(0);
  expect(JSON.parse(cli.stdout).counts).toEqual({ imported: 0, updated: 0, skipped: 1, failed: 0 });
  const list = await ok(app, 'articles.list', { pageSize: 500 });
  expect(list.items.filter((a: { title: string }) => a.title === SAMPLE_TITLE)).toHaveLength(1);
});

test('merge a duplicate category into the real one, and edit a slug', async ({ page, app }) => {
  await app.call('settings.set', { locale: 'en' });
  const real = (await categories(app)).find((c) => c.path.join('/') === '产业信息/广东产业信息')!;
  const dup = await ok(app, 'categories.create', { name: '广东产业信息', parentId: null, slug: 'gd-old' });
  const sub = await ok(app, 'categories.create', { name: '深圳', parentId: dup.id });
  const article = await ok(app, 'articles.create', { title: '旧分类里的文章', categoryId: dup.id });

  await page.goto(`${app.launchUrl}#/taxonomy`);
  // The duplicate is the last root; click its own row (the item's box holds its children too).
  await item(page, '广东产业信息').last().locator('.tree-label').first().click();
  await expect(page.getByTestId('category-breadcrumb')).toHaveText('广东产业信息');
  await page.getByTestId('category-merge').click();
  const dialog = page.getByTestId('category-picker');
  await expect(dialog).toContainText('Merge “广东产业信息” into…');
  await dialog.getByRole('combobox').fill('产业信息 › 广东');
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('category-breadcrumb')).toHaveText('产业信息 › 广东产业信息');
  const after = await categories(app);
  expect(after.find((c) => c.id === dup.id)).toBeUndefined();
  expect(after.find((c) => c.id === sub.id)?.path).toEqual(['产业信息', '广东产业信息', '深圳']);
  expect((await ok(app, 'articles.get', { id: article.id })).categoryId).toBe(real.id);

  // The slug: a malformed one is explained, one a sibling has is refused, a good one is saved.
  const slug = page.getByLabel('Slug', { exact: true });
  await slug.fill('Guangdong Industry');
  await slug.press('Enter');
  await expect(page.getByRole('alert')).toContainText('A slug is lower-case letters, digits and single hyphens');
  await ok(app, 'categories.create', { name: '广西', parentId: real.parentId, slug: 'guangxi' });
  await slug.fill('guangxi');
  await slug.press('Enter');
  await expect(page.getByRole('alert')).toContainText('guangxi');
  await slug.fill('gd-industry');
  await slug.press('Enter');
  await expect(page.getByText('/industry/gd-industry')).toBeVisible();
  expect((await categories(app)).find((c) => c.id === real.id)?.slug).toBe('gd-industry');
});
