import path from 'node:path';
import fs from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, startApp, type AppServer } from './fixtures';

/**
 * A Chinese editor's walk through every view with the interface in 简体中文, from a first-run
 * library: no English sentence may show on screen. Proper nouns and format names (Copydesk,
 * HTML, Markdown, URL…), key names, and what the editor typed (titles, slugs, paths, code) are
 * allowed; every other Latin word is reported with the view and the text it sat in.
 */

const SAMPLE = path.resolve(import.meta.dirname, '../../../shared/samples/site-article-page.txt');

/** Proper nouns, format and key names a Chinese interface writes in Latin letters. */
const ALLOWED = new Set([
  'copydesk', 'html', 'markdown', 'url', 'wordpress', 'wxr', 'seo', 'png', 'jpeg', 'jpg', 'gif', 'webp', 'http', 'https', 'mailto',
  'ctrl', 'alt', 'shift', 'enter', 'tab', 'esc', 'delete', 'space', 'backspace', 'cmd', 'or', 'mb', 'kb', 'id', 'utf', 'gbk',
  'rss', 'xml', 'txt', 'md', 'htm', 'sitemap', 'manifest', 'json', 'yaml', 'english',
]);

interface Finding { view: string; word: string; text: string }

/** Latin words in what is visible: text, placeholders, labels and tooltips, less user content. */
async function englishOnScreen(page: Page): Promise<Array<{ word: string; text: string }>> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    // What the editor typed or chose (titles, slugs, body text) and code samples are content.
    // The import report's file names are data too; its notes are phrased by the interface.
    const CONTENT = 'code, kbd, pre, [contenteditable="true"], .tree-label, .c-title, .c-author, .c-category, [data-testid=import-report] .file';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest(CONTENT) || el.closest('script, style, [hidden], option')) continue;
      if (visible(el)) out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (!visible(el) || el.closest(CONTENT)) continue;
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(attr);
        if (v?.trim()) out.push(v.trim());
      }
    }
    for (const el of document.querySelectorAll('select')) {
      if (visible(el)) out.push(el.selectedOptions[0]?.textContent?.trim() ?? '');
    }
    return out;
  });
  const found: Array<{ word: string; text: string }> = [];
  for (const text of texts) {
    for (const chunk of text.split(/[\s，。：；、（）“”《》！？]+/)) {
      // Paths, file names, addresses, slugs and placeholders are data, not sentences.
      if (/[/\\@{}]|\.\w|\w-\w|^#/.test(chunk)) continue;
      for (const word of chunk.match(/[A-Za-z][A-Za-z'’]+/g) ?? []) {
        if (!ALLOWED.has(word.toLowerCase())) found.push({ word, text });
      }
    }
  }
  return found;
}

async function look(page: Page, view: string, testInfo: TestInfo, findings: Finding[]): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${view}.png`), fullPage: true });
  for (const f of await englishOnScreen(page)) findings.push({ view, ...f });
}

let app: AppServer & { stop(): Promise<void> };
test.beforeAll(async () => {
  app = await startApp();
  await app.call('settings.set', { locale: 'zh-CN' });
});
test.afterAll(async () => app.stop());

test('every view in 简体中文 shows no English sentence', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const findings: Finding[] = [];
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.launchUrl);
  const list = page.getByTestId('article-list');
  await expect(list).toBeVisible();
  await expect(list.getByText('欢迎使用Copydesk')).toBeVisible();
  await look(page, '01-library', testInfo, findings);

  // Selection: the bulk bar, then the bulk export dialog.
  await list.locator('[role=row]', { hasText: '欢迎使用Copydesk' }).locator('.c-status').click({ modifiers: ['Control'] });
  await expect(page.getByTestId('bulk-bar')).toContainText('已选1篇');
  await look(page, '02-bulk-bar', testInfo, findings);
  await page.getByTestId('bulk-bar').getByRole('button', { name: /导出/ }).click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await look(page, '03-bulk-export', testInfo, findings);
  await page.getByTestId('export-dialog').getByRole('button', { name: '取消' }).click();
  await page.keyboard.press('Escape');

  // The trash, and the search help.
  await page.getByRole('tab', { name: '回收站', exact: true }).click();
  await look(page, '03b-trash', testInfo, findings);
  await page.getByRole('tab', { name: '文章', exact: true }).click();
  await page.getByRole('button', { name: '搜索语法' }).click();
  await look(page, '03c-search-help', testInfo, findings);
  await page.keyboard.press('Escape');

  // The editor and each of its side panels; a status change first, for the history.
  const welcome = (await app.call('articles.list', { pageSize: 50 })).data.items.find((a: { title: string }) => a.title === '欢迎使用Copydesk');
  await app.call('articles.setStatus', { ids: [welcome.id], status: 'published' });
  await page.goto(`${app.launchUrl}#/article/${welcome.id}`);
  await expect(page.getByTestId('editor')).toBeVisible();
  await look(page, '04-editor-metadata', testInfo, findings);
  for (const [tab, view] of [['checks', '05-checks'], ['history', '06-history'], ['related', '07-related'], ['publish', '08-publish']] as const) {
    await page.getByTestId(`tab-${tab}`).click();
    await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
    // The status change the core recorded, with the statuses' Chinese names.
    if (tab === 'history') await expect(page.locator('.revision-reason', { hasText: '状态变更：待发布→已发布' })).toBeVisible();
    await look(page, view, testInfo, findings);
  }

  // The page preview: the exported page's own words are Chinese too (当前位置：… › 正文内容).
  await page.getByTestId('tab-publish').click();
  await page.getByRole('button', { name: '预览页面' }).click();
  const frame = page.frameLocator('[data-testid=preview-frame]');
  await expect(frame.locator('.cd-breadcrumb')).toContainText('当前位置：首页 › 使用指南 › 正文内容');
  await expect(frame.locator('.cd-tags')).toHaveText('标签：入门');
  await look(page, '08b-preview', testInfo, findings);
  await page.keyboard.press('Escape');

  // An article that does not exist: the core's error, phrased in Chinese.
  await page.goto(`${app.launchUrl}#/article/69069`);
  await expect(page.getByText('编号为69069的文章不存在。')).toBeVisible();
  await look(page, '09-missing-article', testInfo, findings);

  // Settings, with the core's validation messages.
  await page.goto(`${app.launchUrl}#/settings`);
  const form = page.getByTestId('site-form');
  await expect(form).toBeVisible();
  await form.locator('#setting-baseUrl').fill('not a url');
  await form.locator('#setting-urlPattern').fill('/news/{category}/');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#setting-urlPattern-error')).toHaveText('网址格式中必须包含{slug}或{id}。');
  await expect(page.locator('#setting-baseUrl-error')).toHaveText(/^网址无效/);
  await look(page, '10-settings', testInfo, findings);

  // Category and tag managers.
  await page.goto(`${app.launchUrl}#/taxonomy`);
  await expect(page.getByTestId('category-manager')).toBeVisible();
  await page.getByTestId('category-tree').getByRole('treeitem', { name: '使用指南', exact: true }).click();
  await look(page, '11-taxonomy', testInfo, findings);
  await page.getByTestId('category-merge').click();
  await look(page, '11b-category-merge', testInfo, findings);
  await page.keyboard.press('Escape');
  const tags = page.getByTestId('tag-manager');
  await tags.getByRole('checkbox', { name: '选择入门' }).check();
  await tags.getByRole('checkbox', { name: '选择产业园' }).check();
  await expect(tags).toContainText('已选2个');
  await tags.getByRole('button', { name: '合并…', exact: true }).click();
  await look(page, '11c-tag-merge', testInfo, findings);
  await page.keyboard.press('Escape');

  // The import dialog, before and after importing the sample page.
  await page.goto(app.launchUrl);
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await look(page, '12-import', testInfo, findings);
  expect(fs.existsSync(SAMPLE), `the sample page ${SAMPLE} (shared/ beside the clone)`).toBe(true);
  await page.getByTestId('import-files-input').setInputFiles(SAMPLE);
  await expect(page.getByTestId('import-summary')).toHaveText('导入1篇，更新0篇，跳过0项，失败0项。', { timeout: 30_000 });
  await look(page, '13-import-report', testInfo, findings);

  const report = findings.map((f) => `${f.view}: "${f.word}" in “${f.text.slice(0, 120)}”`);
  expect(report).toEqual([]);
});
