import { test as base, expect, startApp, type AppServer } from './fixtures';

// This file checks first-run content, so it needs a library no other spec file has touched:
// a worker-scoped server of its own (the shared one lives as long as the worker, across files).
const test = base.extend<{}, { app: AppServer }>({
  app: [
    async ({}, use) => {
      const app = await startApp();
      await use(app);
      await app.stop();
    },
    { scope: 'worker' },
  ],
});

test.describe('the library shell in browser mode', () => {
  test('first run shows the welcome articles, and the CLI lists the same library', async ({ page, app, openApp }) => {
    await openApp(page);
    const list = page.getByTestId('article-list');
    await expect(list.getByText('欢迎使用Copydesk')).toBeVisible();
    await expect(list.getByText('都昌新材料及智能装备产业园项目调度会议召开')).toBeVisible();

    const { code, stdout } = await app.cli(['list', '--json']);
    expect(code).toBe(0);
    const titles = (JSON.parse(stdout) as Array<{ title: string }>).map((a) => a.title);
    expect(titles).toContain('欢迎使用Copydesk');
    expect(titles).toContain('广东制造业数字化转型观察');
  });

  test('a new article typed in English and Chinese survives a reload unchanged', async ({ page, openApp }) => {
    await openApp(page);
    await page.getByRole('button', { name: /New article|新建文章/ }).click();
    await expect(page.getByTestId('editor')).toBeVisible();

    const title = page.getByRole('textbox', { name: /Title|标题/ });
    await title.click();
    await page.keyboard.insertText('Port report 港口物流周报');
    const body = page.getByTestId('body');
    await body.click();
    await page.keyboard.insertText('Container volumes rose again.');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('集装箱吞吐量连续三个月增长。');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });

    await page.reload();
    await expect(page.getByTestId('article-list').getByText('Port report 港口物流周报')).toBeVisible();
    await expect(page.getByRole('textbox', { name: /Title|标题/ })).toHaveValue('Port report 港口物流周报');
    await expect(page.getByTestId('body')).toContainText('Container volumes rose again.');
    await expect(page.getByTestId('body')).toContainText('集装箱吞吐量连续三个月增长。');
    const paragraphs = page.getByTestId('body').locator('p');
    await expect(paragraphs).toHaveCount(2);
  });

  test('trash and restore from the list', async ({ page, openApp }) => {
    await openApp(page);
    const row = page.getByTestId('article-list').locator('[role=row]', { hasText: '广东制造业数字化转型观察' });
    await row.getByRole('button', { name: /Move to trash|移到回收站/ }).click();
    await expect(page.getByTestId('article-list').getByText('广东制造业数字化转型观察')).toHaveCount(0);
    await page.getByRole('tab', { name: /Trash|回收站/ }).click();
    const trashed = page.getByTestId('article-list').locator('[role=row]', { hasText: '广东制造业数字化转型观察' });
    await trashed.getByRole('button', { name: /Restore|恢复/ }).click();
    await page.getByRole('tab', { name: /Articles|文章/ }).click();
    await expect(page.getByTestId('article-list').getByText('广东制造业数字化转型观察')).toBeVisible();
  });
});
