import { test, expect, createArticle, openArticle, paragraphs } from './editor-helpers';
import type { Page } from '@playwright/test';
import type { AppServer } from './fixtures';
import { seriousViolations } from './axe';

/** Issue 12, point 4: moving to ready or published asks first when the site would get it wrong. */

const dialog = (page: Page) => page.getByTestId('publish-check-dialog');
const status = async (app: AppServer, id: number) => (await app.call('articles.get', { id })).data.status as string;

test('an untitled, empty article: the editor is asked, can go back (Escape) or go ahead from the keyboard', async ({ page, app }) => {
  const { id } = await createArticle(app, {});
  await openArticle(page, app, id);
  await page.locator('#meta-status').selectOption('published');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).locator('li')).toHaveCount(3);
  await expect(dialog(page).locator('li[data-kind=no-title]')).toBeVisible();
  await expect(dialog(page).locator('li[data-kind=empty-body]')).toBeVisible();
  await expect(dialog(page).locator('li[data-kind=placeholder-slug]')).toContainText('article');
  expect(await seriousViolations(page, '[data-testid=publish-check-dialog]')).toEqual([]);
  // "Go back and fix" has the focus: Escape (or Enter) publishes nothing.
  await expect(dialog(page).getByRole('button', { name: /Go back and fix|返回修改/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.locator('#meta-status')).toHaveValue('draft');
  expect(await status(app, id)).toBe('draft');

  await page.locator('#meta-status').selectOption('ready');
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(dialog(page).getByRole('button', { name: /anyway|仍然/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.locator('#meta-status')).toHaveValue('ready');
  await expect.poll(() => status(app, id)).toBe('ready');
});

test('related and linked articles that are not published are named; a clean article goes straight through', async ({ page, app }) => {
  const target = await createArticle(app, { title: '尚未发布的背景稿', body: paragraphs('背景。') });
  const body = paragraphs('正文。');
  body.root.children!.push({ type: 'paragraph', children: [{ type: 'article-link', version: 1, articleId: target.id, children: [{ type: 'text', text: '背景', format: 0, detail: 0, mode: 'normal', style: '', version: 1 }] }] } as never);
  const holder = await createArticle(app, { title: '重庆银行调整还款方式', body });
  await app.call('related.add', { id: holder.id, targetId: target.id });
  await openArticle(page, app, holder.id);
  await page.locator('#meta-status').selectOption('published');
  await expect(dialog(page).locator('li[data-kind=unpublished-related]')).toContainText('尚未发布的背景稿');
  await expect(dialog(page).locator('li[data-kind=unpublished-link]')).toContainText('尚未发布的背景稿');
  await dialog(page).getByRole('button', { name: /anyway|仍然/ }).click();
  await expect.poll(() => status(app, holder.id)).toBe('published');

  const clean = await createArticle(app, { title: '干净的稿件', body: paragraphs('内容。') });
  await openArticle(page, app, clean.id);
  await page.locator('#meta-status').selectOption('published');
  await expect.poll(() => status(app, clean.id)).toBe('published');
  await expect(dialog(page)).toHaveCount(0);
});

test('the bulk status action warns too, per article', async ({ page, app }) => {
  const token = Date.now().toString(36);
  const a = await createArticle(app, { title: `无正文 ${token}` });
  const b = await createArticle(app, { title: `有正文 ${token}`, body: paragraphs('内容。') });
  await page.goto(app.launchUrl);
  const row = (title: string) => page.getByTestId('article-list').locator('[role=row][data-article-id]').filter({ hasText: title });
  await row(`无正文 ${token}`).locator('.c-status').click();
  await row(`有正文 ${token}`).locator('.c-status').click({ modifiers: ['Control'] });
  await expect(page.getByTestId('bulk-bar')).toContainText(/2/);
  const setTo = async (label: RegExp) => {
    await page.getByTestId('bulk-status').click();
    await page.getByRole('menuitem', { name: label }).click();
  };
  await setTo(/^(Published|已发布)$/);
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).locator('section')).toHaveCount(1);
  await expect(dialog(page).locator('section h3')).toHaveText(`无正文 ${token}`);
  await expect(dialog(page).locator('li[data-kind=empty-body]')).toBeVisible();
  await dialog(page).getByRole('button', { name: /Go back and fix|返回修改/ }).click();
  expect([await status(app, a.id), await status(app, b.id)]).toEqual(['draft', 'draft']);

  await setTo(/^(Published|已发布)$/);
  await dialog(page).getByRole('button', { name: /anyway|仍然/ }).click();
  await expect.poll(async () => [await status(app, a.id), await status(app, b.id)]).toEqual(['published', 'published']);
});
