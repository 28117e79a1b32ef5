import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * Import from the top bar, end to end in browser mode: files picked in the page go through
 * `import.content`; the report says what happened to each; the library shows the article; a
 * second import of the same file is reported unchanged and makes no duplicate.
 */

const SAMPLE = path.resolve(import.meta.dirname, '../../../shared/samples/site-article-page.txt');
const SAMPLE_TITLE = '都昌主官连续调度新材料园项目为高质量发展注入绿色动能';

async function importFiles(page: Page, files: string | string[]): Promise<void> {
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await page.getByTestId('import-files-input').setInputFiles(files);
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 30_000 });
}

test.describe('import from the top bar', () => {
  test('the sample article page becomes an article; importing it again is reported unchanged, in both languages', async ({ page, app, openApp }, testInfo) => {
    test.skip(!fs.existsSync(SAMPLE), `the sample ${SAMPLE} is not on this machine`);
    await app.call('settings.set', { locale: 'en' });
    await openApp(page);

    await importFiles(page, SAMPLE);
    await expect(page.getByTestId('import-summary')).toHaveText('1 imported, 0 updated, 0 skipped, 0 failed.');
    await expect(page.getByTestId('import-count-imported')).toContainText('1');
    const report = page.getByTestId('import-report');
    await expect(report.locator('tbody tr')).toHaveCount(1);
    await expect(report.locator('tbody tr').first()).toHaveAttribute('data-status', 'imported');
    await expect(report).toContainText(SAMPLE_TITLE);
    await expect(report).toContainText('site-article-page.txt');
    await page.screenshot({ path: testInfo.outputPath('import-report-en.png') });
    await page.getByTestId('import-close').click();

    // The library refreshed: search finds it, and it opens from the list.
    await page.getByTestId('search-input').fill('都昌主官');
    const row = page.getByTestId('article-list').locator('[role=row]', { hasText: SAMPLE_TITLE });
    await expect(page.getByTestId('list-count')).toContainText(/result/);
    await row.getByRole('link', { name: SAMPLE_TITLE }).click();
    await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(SAMPLE_TITLE);
    await expect(page.getByTestId('body')).toContainText('都昌');

    // Again: unchanged, skipped, no duplicate.
    await importFiles(page, SAMPLE);
    await expect(page.getByTestId('import-summary')).toHaveText('0 imported, 0 updated, 1 skipped, 0 failed.');
    await expect(report.locator('tbody tr').first()).toHaveAttribute('data-status', 'skipped');
    await expect(report).toContainText('unchanged since the last import');
    await page.getByTestId('import-close').click();

    // The same in Chinese: statuses and the known reason are translated.
    await app.call('settings.set', { locale: 'zh-CN' });
    await page.reload();
    await expect(page.getByTestId('article-list')).toBeVisible();
    await importFiles(page, SAMPLE);
    await expect(page.getByTestId('import-summary')).toHaveText('导入0篇，更新0篇，跳过1项，失败0项。');
    await expect(report).toContainText('已跳过');
    await expect(report).toContainText('自上次导入以来没有变化');
    await page.screenshot({ path: testInfo.outputPath('import-report-zh.png') });
    await app.call('settings.set', { locale: 'en' });

    const found = await app.call('search', { query: '都昌主官连续调度' });
    expect(found.data.hits.filter((h: { title: string }) => h.title === SAMPLE_TITLE)).toHaveLength(1);
  });

  test('several files at once: one bad file is reported and the rest go in; a folder keeps its relative paths', async ({ page, app, openApp }) => {
    await app.call('settings.set', { locale: 'en' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-import-'));
    try {
      const token = Math.random().toString(36).slice(2, 8);
      const good = path.join(dir, 'good.md');
      fs.writeFileSync(good, `---\ntitle: Imported good ${token}\ntags: [imports]\n---\n\nA paragraph from Markdown.\n`);
      const odd = path.join(dir, 'notes.csv');
      fs.writeFileSync(odd, 'a,b\n1,2\n');
      const folder = path.join(dir, 'site');
      fs.mkdirSync(path.join(folder, 'news'), { recursive: true });
      fs.writeFileSync(path.join(folder, 'news', 'one.md'), `---\ntitle: Folder one ${token}\n---\n\nOne.\n`);
      fs.writeFileSync(path.join(folder, 'news', 'two.md'), `---\ntitle: Folder two ${token}\n---\n\nTwo.\n`);
      fs.writeFileSync(path.join(folder, 'news', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));

      await openApp(page);
      await importFiles(page, [good, odd]);
      await expect(page.getByTestId('import-summary')).toHaveText('1 imported, 0 updated, 1 skipped, 0 failed.');
      const report = page.getByTestId('import-report');
      await expect(report.locator('tr[data-status="imported"]')).toContainText(`Imported good ${token}`);
      await expect(report.locator('tr[data-status="skipped"]')).toContainText('notes.csv');
      await expect(report.locator('tr[data-status="skipped"]')).toContainText('not a file type Copydesk imports');

      // A folder: its importable files only, named by their path inside it.
      await page.getByRole('button', { name: 'Import more…' }).click();
      await page.getByTestId('import-folder-input').setInputFiles(folder);
      await expect(page.getByTestId('import-summary')).toHaveText('2 imported, 0 updated, 0 skipped, 0 failed.');
      await expect(report).toContainText('site/news/one.md');
      await expect(report).toContainText('site/news/two.md');
      await expect(report).not.toContainText('photo.png');
      await page.getByTestId('import-close').click();
      await expect(page.getByTestId('article-list')).toContainText(`Folder two ${token}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
