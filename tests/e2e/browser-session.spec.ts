import { chromium, type BrowserContext } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { makePng } from '../support/png';

/**
 * Issue 16.4 in real Chromium with a real profile on disk: the launch token is traded for an
 * HttpOnly cookie and leaves the address bar, the History database, image URLs and article tabs.
 */
test.describe('browser mode session', () => {
  let profile: string;
  let context: BrowserContext;

  test.beforeEach(async ({ browserName }, testInfo) => {
    test.skip(browserName !== 'chromium', 'the History database checked here is Chromium\'s');
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-profile-'));
    const launch = testInfo.project.use.launchOptions ?? {};
    context = await chromium.launchPersistentContext(profile, { headless: true, executablePath: launch.executablePath, args: launch.args });
  });
  test.afterEach(async () => {
    await context?.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  });

  test('the token leaves the address bar, image URLs, article tabs and what History keeps after the launch URL; the cookie signs the page in', async ({ app }) => {
    const png = makePng(48, 32);
    const asset = await app.call('assets.put', { data: png.toString('base64'), mime: 'image/png', originalName: 'chart.png' });
    const body = {
      root: { type: 'root', version: 1, format: '', indent: 0, direction: null, children: [
        { type: 'paragraph', version: 1, format: '', indent: 0, direction: null, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text: '图文。', format: 0, detail: 0, mode: 'normal', style: '' }] },
        { type: 'image', version: 1, sha256: asset.data.sha256, src: '', altText: '图表', caption: '', credit: '', width: 48, height: 32 },
      ] },
    };
    const article = await app.call('articles.create', { title: '会话测试', body });
    expect(article.ok).toBe(true);

    const page = await context.newPage();
    await page.goto(`${app.launchUrl}#/article/${article.data.id}`);
    // The address loses the token at once (a redirect, before the app runs) and keeps the route.
    expect(page.url()).toBe(`${app.url}/#/article/${article.data.id}`);
    const img = page.getByTestId('image-figure').locator('img');
    await expect(img).toHaveAttribute('src', `/media/${asset.data.sha256}`);
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(48);

    // The cookie is out of the page's reach, and it is strict.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).not.toMatch(/copydesk-session/);
    const [cookie] = await context.cookies(app.url);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie!.value).not.toContain(app.token);

    // Reloading works on the cookie alone.
    await page.reload();
    await expect(img).toHaveAttribute('src', `/media/${asset.data.sha256}`);
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(48);

    // An article opened in its own tab carries no token and is signed in.
    await page.goto(`${app.url}/`);
    await expect(page.getByTestId('article-list')).toBeVisible();
    const tabPromise = context.waitForEvent('page');
    await page.evaluate((id) => (globalThis as unknown as { open(u: string, t: string, f: string): void }).open(`/#/article/${id}`, '_blank', 'noopener'), article.data.id);
    const tab = await tabPromise;
    await tab.waitForLoadState();
    expect(tab.url()).not.toContain('token');
    await expect(tab.getByTestId('image-figure').locator('img')).toHaveAttribute('src', `/media/${asset.data.sha256}`);

    // The History database, on disk after closing: Chromium records the address a person opens
    // before any server answers (typed, even though it redirected), so the launch URL itself is
    // there; nothing the app navigated to or loaded afterwards carries the token.
    await context.close();
    const history = new BetterSqlite3(path.join(profile, 'Default', 'History'), { readonly: true, fileMustExist: true });
    try {
      const urls = (history.prepare('SELECT url FROM urls').all() as { url: string }[]).map((r) => r.url);
      expect(urls.some((u) => u.startsWith(app.url))).toBe(true);
      expect(urls.filter((u) => u.includes(app.token))).toEqual([`${app.launchUrl}#/article/${article.data.id}`]);
      expect(urls).toContain(`${app.url}/#/article/${article.data.id}`);
    } finally {
      history.close();
    }
  });

  test('a page without the cookie is not signed in, and media stay closed to it', async ({ app }) => {
    const page = await context.newPage();
    const res = await page.goto(`${app.url}/`);
    expect(res?.status()).toBe(200);
    const answer = await page.evaluate(async () => {
      const r = await fetch('/api/call', { method: 'POST', headers: { 'content-type': 'application/json', 'x-copydesk-page': '1' }, body: JSON.stringify({ op: 'library.stats', input: {} }) });
      const media = await fetch(`/media/${'a'.repeat(64)}`);
      return [r.status, media.status];
    });
    expect(answer).toEqual([401, 401]);
  });
});
