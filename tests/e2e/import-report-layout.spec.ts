import path from 'node:path';
import fs from 'node:fs';
import { test, expect } from './fixtures';

/**
 * The import report of a real WordPress export can be read: the notes column has room, rows
 * stay a few lines tall, and the notes are visible and phrased in the interface's language.
 */
const WXR = path.resolve(import.meta.dirname, '../../../shared/samples/wordpress-theme-unit-test.wxr.xml');

test('the WordPress sample\'s import report is readable: notes have a column of their own, rows stay short', async ({ page, app, openApp }, testInfo) => {
  test.skip(!fs.existsSync(WXR), `the sample ${WXR} is not on this machine`);
  await app.call('settings.set', { locale: 'zh-CN' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-files-input').setInputFiles(WXR);
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('wxr-import-report-zh.png') });

  const reasonHeader = report.locator('thead th').nth(2);
  expect((await reasonHeader.boundingBox())!.width).toBeGreaterThanOrEqual(220);
  const heights = await report.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
  expect(heights.length).toBeGreaterThan(20);
  heights.sort((a, b) => a - b);
  // Median row: two or three short lines; the tallest still well under a screenful.
  expect(heights[Math.floor(heights.length / 2)]!).toBeLessThanOrEqual(72);
  expect(heights[heights.length - 1]!).toBeLessThanOrEqual(200);

  // A page's skip reason and a post's notes are visible, in Chinese.
  const notes = report.locator('.import-notes li');
  expect(await notes.count()).toBeGreaterThan(0);
  const first = notes.first();
  await first.scrollIntoViewIfNeeded();
  const box = (await first.boundingBox())!;
  expect(box.width).toBeGreaterThan(100);
  expect(box.height).toBeGreaterThan(8);
  await expect(report).toContainText('这是页面，不是文章：页面不导入');
  await expect(report).toContainText('略去：1个audio元素');
  await expect(report).not.toContainText('pages are not imported');
  await expect(report).not.toContainText('left out');
});
