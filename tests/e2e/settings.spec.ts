import { test, expect } from './fixtures';

/**
 * The settings page: language and theme apply live and persist; site settings show the core's
 * validation messages beside the fields; the library section says which file is open and how
 * browser mode opens another.
 */
test.describe('settings', () => {
  test.afterEach(async ({ app }) => {
    // The server may be shared with other test files: leave it in English and the system theme.
    await app.call('settings.set', { locale: 'en', theme: 'system' });
  });

  test('Ctrl+, opens settings; the language switch turns the whole UI Chinese, live and persistently', async ({ page, app, openApp }) => {
    await app.call('settings.set', { locale: 'en' });
    await openApp(page);
    await page.getByTestId('article-list').focus();
    await page.keyboard.press('Control+Comma');
    await expect(page).toHaveURL(/#\/settings$/);
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

    await page.getByRole('radio', { name: '简体中文' }).check();
    await expect(page.getByRole('heading', { name: '设置', level: 1 })).toBeVisible();
    await expect(page.getByTestId('nav-library')).toHaveText('文章库');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    expect((await app.call('settings.get', {})).data.locale).toBe('zh-CN');

    // Still Chinese after a reload, in the library too.
    await page.reload();
    await page.getByTestId('nav-library').click();
    await expect(page.getByRole('button', { name: '新建文章' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '回收站' })).toBeVisible();
    await expect(page.getByTestId('article-list').getByRole('columnheader', { name: '标题' })).toBeVisible();
    await expect(page.getByTestId('list-count')).toHaveText(/^\d[\d,]*篇文章$/);

    // "Follow the system": this Chromium runs in English.
    await page.getByTestId('nav-settings').click();
    await page.getByRole('radio', { name: '跟随系统' }).first().check();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    expect((await app.call('settings.get', {})).data.locale).toBe('auto');
  });

  test('the theme switch applies at once', async ({ page, app }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${app.launchUrl}#/settings`);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(background).toBe('rgb(21, 24, 29)');
    await page.getByRole('radio', { name: 'Light' }).check();
    await expect.poll(background).toBe('rgb(255, 255, 255)');
    expect((await app.call('settings.get', {})).data.theme).toBe('light');
    // "Follow the system" follows the system's colour scheme.
    await page.getByRole('radio', { name: 'Follow the system' }).nth(1).check();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).toBe('rgb(21, 24, 29)');
  });

  test('site settings: the core’s validation messages sit beside their fields; valid values save', async ({ page, app }) => {
    await page.goto(`${app.launchUrl}#/settings`);
    const form = page.getByTestId('site-form');
    await form.getByLabel('Base URL').fill('not a url');
    await form.getByLabel('Article URL pattern').fill('/news/{category}/');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByLabel('Base URL')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#setting-baseUrl-error')).toHaveText(/Invalid URL/);
    await expect(page.locator('#setting-urlPattern-error')).toHaveText('The URL pattern needs {slug} or {id}.');
    // Nothing was saved.
    expect((await app.call('settings.get', {})).data.urlPattern).not.toBe('/news/{category}/');

    await form.getByLabel('Base URL').fill('https://news.example.com');
    await form.getByLabel('Article URL pattern').fill('/news/{yyyy}/{slug}.html');
    await form.getByLabel('Site name').fill('广东产业信息网');
    await form.getByLabel('Copyright statement').fill('版权声明：转载请注明出处。');
    await form.getByLabel('Default author').fill('编辑部');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('toasts')).toContainText('Settings saved.');
    await expect(form.getByLabel('Base URL')).not.toHaveAttribute('aria-invalid', 'true');
    const saved = (await app.call('settings.get', {})).data;
    expect(saved).toMatchObject({ baseUrl: 'https://news.example.com', urlPattern: '/news/{yyyy}/{slug}.html', siteName: '广东产业信息网', copyright: '版权声明：转载请注明出处。', defaultAuthor: '编辑部' });
  });

  test('the library section shows the open file and how to start on another', async ({ page, app }) => {
    await page.goto(`${app.launchUrl}#/settings`);
    const section = page.getByTestId('library-settings');
    await expect(section.getByTestId('library-path')).toHaveText(app.libraryPath);
    await expect(section).toContainText('npm run web -- --library');
    // Electron-only actions are not offered in the browser.
    await expect(section.getByRole('button', { name: 'Open another library…' })).toHaveCount(0);
  });
});
