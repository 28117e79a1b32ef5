import { test, expect } from './editor-helpers';
import type { Page } from '@playwright/test';
import type { AppServer } from './fixtures';

/** Issue 12, points 7, 9 and 10: a new article starts in its title, is stored when typed into, follows its title with its slug and carries the default author. */

const total = async (app: AppServer): Promise<number> => {
  const r = await app.call('articles.list', { pageSize: 1 });
  return r.data.total as number;
};
const titleBox = (page: Page) => page.getByRole('textbox', { name: /Title|标题/ });

test('a new article puts the caret in its title and is stored only once something is typed', async ({ page, app }) => {
  await page.goto(app.launchUrl);
  await expect(page.getByTestId('article-list')).toBeVisible();
  const before = await total(app);

  const newButton = page.getByRole('button', { name: /New article|新建文章/ });
  await newButton.click();
  await expect(titleBox(page)).toBeFocused();
  await expect(page).toHaveURL(/#\/article\/new$/);
  // Clicked again, and from the keyboard: still nothing stored.
  await newButton.click();
  await expect(titleBox(page)).toBeFocused();
  await page.getByTestId('nav-library').click();
  await page.keyboard.press('Control+Alt+n');
  await expect(titleBox(page)).toBeFocused();
  await page.getByTestId('body').click();
  await titleBox(page).click();
  // A change would store the article at once and give it its address; neither happened.
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await expect(page).toHaveURL(/#\/article\/new$/);
  expect(await total(app)).toBe(before);

  // The first character typed stores it, and the address becomes the article's own.
  await page.keyboard.insertText('重庆银行');
  await expect(page).toHaveURL(/#\/article\/\d+$/);
  await expect.poll(() => total(app)).toBe(before + 1);
  const id = Number(/#\/article\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByTestId('editor')).toHaveAttribute('data-article-id', String(id));
  // Typing goes on in the same editor: nothing lost across the switch to the stored article.
  await page.keyboard.insertText('提前还款');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('正文第一段。');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  const stored = (await app.call('articles.get', { id })).data;
  expect(stored.title).toBe('重庆银行提前还款');
  expect(stored.plainText).toBe('正文第一段。');
  expect(await total(app)).toBe(before + 1);

  await page.reload();
  await expect(titleBox(page)).toHaveValue('重庆银行提前还款');
  await expect(page.getByTestId('body')).toContainText('正文第一段。');
});

test('the slug follows the title until it is edited by hand', async ({ page, app }) => {
  await page.goto(`${app.launchUrl}#/article/new`);
  await expect(titleBox(page)).toBeFocused();
  await page.keyboard.insertText('粘贴');
  const slug = page.locator('#meta-slug');
  await expect(slug).toHaveValue('zhan-tie', { timeout: 10_000 });
  await expect(page.getByTestId('slug-follows')).toBeVisible();
  await page.keyboard.insertText('银行还款');
  await expect(slug).toHaveValue('zhan-tie-yin-hang-huan-kuan', { timeout: 10_000 });
  // The editor's own slug stays, whatever the title does next.
  await slug.fill('paste-guide');
  await expect(page.getByTestId('slug-follows')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  await titleBox(page).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText('指南');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  const id = Number(/#\/article\/(\d+)$/.exec(page.url())![1]);
  expect((await app.call('articles.get', { id })).data).toMatchObject({ title: '粘贴银行还款指南', slug: 'paste-guide', slugManual: true });
  await expect(slug).toHaveValue('paste-guide');
});

test('settings → default author signs new articles, also after a reload', async ({ page, app }) => {
  await page.goto(`${app.launchUrl}#/settings`);
  const field = page.locator('#setting-defaultAuthor');
  await field.fill('李编辑');
  await page.getByTestId('site-form').getByRole('button', { name: /^(Save|保存)$/ }).click();
  await expect.poll(async () => (await app.call('settings.get', {})).data.defaultAuthor).toBe('李编辑');
  await page.reload();
  await page.getByRole('button', { name: /New article|新建文章/ }).click();
  await expect(page.locator('#meta-author')).toHaveValue('李编辑');
  await page.keyboard.insertText('署名测试');
  await expect(page).toHaveURL(/#\/article\/\d+$/);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  const id = Number(/#\/article\/(\d+)$/.exec(page.url())![1]);
  expect((await app.call('articles.get', { id })).data.author).toBe('李编辑');
  await app.call('settings.set', { defaultAuthor: '' });
});
