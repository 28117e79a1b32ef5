import path from 'node:path';
import { test, expect } from './fixtures';

/**
 * A Markdown file imported from the dialog keeps its order and structure in the editor, and the
 * report says, in Chinese, what the import changed.
 */
const FILE = path.resolve(import.meta.dirname, '../fixtures/ingest/markdown-fidelity/install.md');

test('a Markdown install guide keeps its steps in order, its quotes whole, and the report says what changed', async ({ page, app, openApp }, testInfo) => {
  await app.call('settings.set', { locale: 'zh-CN' });
  await openApp(page);
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-files-input').setInputFiles(FILE);
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report).toContainText('列表项中的3个区块（代码、引用、分隔线）放在了列表的两段之间');
  await expect(report).toContainText('段落中的1张图片已移到该段之后');
  await page.screenshot({ path: testInfo.outputPath('markdown-report-zh.png') });
  await report.getByRole('link', { name: '安装指南' }).click();
  const body = page.getByTestId('body');
  await expect(body).toContainText('重新启动');
  // Text order: each step's command comes right after the step, the last step last.
  const text = (await body.innerText()).replace(/\s+/g, ' ');
  const at = (s: string) => text.indexOf(s);
  expect(at('下载安装程序')).toBeLessThan(at('curl -O'));
  expect(at('curl -O')).toBeLessThan(at('运行它'));
  expect(at('运行它')).toBeLessThan(at('sh setup.sh'));
  expect(at('sh setup.sh')).toBeLessThan(at('它会询问你的密码'));
  expect(at('输入后按回车')).toBeLessThan(at('重新启动'));
  // Steps keep their numbers across the code blocks; a quote keeps its two paragraphs and its nested quote.
  await expect(body.locator('ol').last()).toHaveAttribute('start', '3');
  const quote = body.locator('blockquote').filter({ hasText: '引用的第一段' }).first();
  await expect(quote.locator('p')).toHaveCount(2);
  await expect(quote.locator('blockquote')).toContainText('嵌套引用');
  await page.screenshot({ path: testInfo.outputPath('markdown-editor-zh.png') });
});
