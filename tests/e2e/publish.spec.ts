import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Page } from '@playwright/test';
import { test, expect, type AppServer } from './fixtures';
import { paragraphs } from './editor-helpers';
import { makePng } from '../support/png';

/**
 * Export from the editor's Publish tab and from the library's bulk bar, end to end in browser
 * mode: the clipboard really holds the Markdown, the preview frame is sandboxed, a download is
 * a real file, and a bulk export writes files a test can read from disk.
 */

async function create(app: AppServer, fields: Record<string, unknown>): Promise<{ id: number; slug: string }> {
  const r = await app.call('articles.create', fields);
  if (!r.ok) throw new Error(`articles.create: ${r.error?.message}`);
  return { id: r.data.id, slug: r.data.slug };
}

async function openPublish(page: Page, app: AppServer, id: number): Promise<void> {
  await page.goto(`${app.launchUrl}#/article/${id}`);
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page.getByTestId('body')).toBeVisible();
  // The keyboard way in: Ctrl+Shift+E opens the Publish tab from anywhere on the article page.
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByTestId('publish-panel')).toBeVisible();
  await expect(page.getByTestId('tab-publish')).toHaveAttribute('aria-selected', 'true');
}

function splitFrontMatter(markdown: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown);
  if (!m) throw new Error(`no front matter in:\n${markdown.slice(0, 300)}`);
  return { data: parseYaml(m[1]!) as Record<string, unknown>, body: m[2]! };
}

test.describe('export from the editor', () => {
  test('copy Markdown: the clipboard holds front matter and the text, including words typed a moment ago', async ({ page, context, app }, testInfo) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await app.call('settings.set', { locale: 'en' });
    const target = await create(app, { title: 'Port weekly companion', status: 'published', body: paragraphs('Companion.') });
    const me = await create(app, {
      title: '港口物流周报 Port weekly',
      author: '杜宇蔚',
      tags: ['港口', 'logistics'],
      body: paragraphs('集装箱吞吐量连续三个月增长。', 'Container volumes rose again.'),
    });
    expect((await app.call('related.add', { id: me.id, targetId: target.id })).ok).toBe(true);

    await openPublish(page, app, me.id);
    // Type, then copy at once: the panel saves before it exports.
    await page.getByTestId('body').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(' Fresh words.');
    await page.getByTestId('copy-markdown').click();
    await expect(page.getByTestId('publish-status')).toHaveText(/^Markdown copied to the clipboard \(\d[\d,]* characters\)\.$/);

    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const { data, body } = splitFrontMatter(copied);
    expect(data.title).toBe('港口物流周报 Port weekly');
    expect(data.slug).toBe(me.slug);
    expect(data.author).toBe('杜宇蔚');
    expect(data.tags).toEqual(expect.arrayContaining(['港口', 'logistics']));
    expect(data.draft).toBe(true);
    expect(data.related).toEqual([target.slug]);
    expect(body).toContain('集装箱吞吐量连续三个月增长。');
    expect(body).toContain('Container volumes rose again. Fresh words.');

    // The HTML fragment is the body only, and plain text has no markup.
    await page.getByTestId('copy-html').click();
    await expect(page.getByTestId('publish-status')).toHaveText(/^HTML fragment copied/);
    const html = await page.evaluate(() => navigator.clipboard.readText());
    expect(html).toContain('<p>集装箱吞吐量连续三个月增长。</p>');
    expect(html).not.toMatch(/<html|<script/i);
    await page.getByTestId('copy-text').click();
    await expect(page.getByTestId('publish-status')).toHaveText(/^Plain text copied/);
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('Container volumes rose again. Fresh words.');
    expect(text).not.toContain('<');
    await expect(page.getByTestId('publish-url')).toContainText(me.slug);
    await page.screenshot({ path: testInfo.outputPath('publish-panel-en.png') });
  });

  test('the preview shows the page in a sandboxed frame that runs nothing', async ({ page, app }, testInfo) => {
    for (const locale of ['en', 'zh-CN'] as const) {
      await app.call('settings.set', { locale });
      const title = `都昌产业园预览 ${locale}`;
      // Hostile content a paste or import might have left: markup typed as text, a javascript: link.
      const body = paragraphs('正文第一段。', '<script>window.parent.document.title="pwned"</script><img src=x onerror=alert(1)>');
      body.root.children.push({
        type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '',
        children: [{ type: 'link', version: 1, url: 'javascript:parent.document.title="pwned"', rel: null, target: null, title: null, direction: null, format: '', indent: 0,
          children: [{ type: 'text', version: 1, text: 'click me', detail: 0, format: 0, mode: 'normal', style: '' }] }],
      } as never);
      const me = await create(app, { title, body });
      await openPublish(page, app, me.id);
      await page.getByTestId('preview-open').click();
      const dialog = page.getByTestId('preview-dialog');
      await expect(dialog).toBeVisible();
      const frame = page.getByTestId('preview-frame');
      await expect(frame).toHaveAttribute('sandbox', '');
      const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
      expect(srcdoc).toMatch(/^<!doctype html>/i);
      expect(srcdoc).toContain(`<title>${title}`);
      expect(srcdoc).not.toMatch(/<script/i);
      expect(srcdoc).not.toMatch(/<[^>]*\son\w+\s*=/i);
      expect(srcdoc).not.toMatch(/javascript:/i);
      expect(srcdoc).toContain('&lt;script&gt;');
      const inside = page.frameLocator('[data-testid="preview-frame"]');
      await expect(inside.locator('h1')).toHaveText(title);
      await expect(inside.locator('body')).toContainText('正文第一段。');
      await expect(inside.locator('script')).toHaveCount(0);
      expect(await page.title()).not.toBe('pwned');
      await page.screenshot({ path: testInfo.outputPath(`preview-${locale}.png`) });
      await dialog.getByRole('button', { name: /^(Close|关闭)$/ }).click();
      await expect(dialog).toHaveCount(0);
    }
    await app.call('settings.set', { locale: 'en' });
  });

  test('the preview and the saved page show the article\'s images', async ({ page, app }, testInfo) => {
    await app.call('settings.set', { locale: 'zh-CN', baseUrl: '' });
    const put = await app.call('assets.put', { data: makePng(160, 90, 0x30).toString('base64'), mime: 'image/png', originalName: '园区.png' });
    expect(put.ok).toBe(true);
    const body = paragraphs('图片上方的段落。');
    body.root.children.push({ type: 'image', version: 1, sha256: put.data.sha256, src: '', altText: '产业园效果图', caption: '产业园效果图', credit: '', width: null, height: null } as never);
    const me = await create(app, { title: '带图片的预览', body });
    await openPublish(page, app, me.id);
    await page.getByTestId('preview-open').click();
    const inside = page.frameLocator('[data-testid="preview-frame"]');
    const img = inside.locator('img.cd-image');
    await expect(img).toHaveAttribute('alt', '产业园效果图');
    // Loaded, not the broken-image icon: a decoded image has its natural size.
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(160);
    await page.screenshot({ path: testInfo.outputPath('preview-image-zh.png') });
    await page.getByTestId('preview-dialog').getByRole('button', { name: '关闭' }).click();

    // The single saved page stands alone: its image is inside it, and shows from file://.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-page').click()]);
    const saved = path.join(testInfo.outputPath(), download.suggestedFilename());
    await download.saveAs(saved);
    expect(fs.readFileSync(saved, 'utf8')).toMatch(/<img class="cd-image" src="data:image\/png;base64,/);
    const standalone = await page.context().newPage();
    await standalone.goto(`file://${saved}`);
    await expect.poll(() => standalone.locator('img.cd-image').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(160);
    await standalone.close();
    await app.call('settings.set', { locale: 'en' });
  });

  test('save the HTML page: a download of a complete page with the article and no script', async ({ page, app }) => {
    await app.call('settings.set', { locale: 'en' });
    const me = await create(app, { title: 'Download me 下载页面', body: paragraphs('The downloaded page holds this sentence.') });
    await openPublish(page, app, me.id);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-page').click()]);
    expect(download.suggestedFilename()).toBe(`${me.slug}.html`);
    const file = await download.path();
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<title>Download me 下载页面');
    expect(html).toContain('The downloaded page holds this sentence.');
    expect(html).not.toMatch(/<script/i);
    await expect(page.getByTestId('publish-status')).toHaveText(`${me.slug}.html downloaded.`);

    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-markdown').click()]);
    expect(md.suggestedFilename()).toBe(`${me.slug}.md`);
    expect(fs.readFileSync(await md.path(), 'utf8')).toMatch(/^---\ntitle: Download me 下载页面\n/);
  });
});

test.describe('bulk export from the library', () => {
  test('without a site address the exported folder works from disk, and drafts stay out unless asked', async ({ page, app }, testInfo) => {
    await app.call('settings.set', { locale: 'zh-CN', baseUrl: '', urlPattern: '/{category}/{slug}.html' });
    const token = Math.random().toString(36).slice(2, 8);
    const cat = await app.call('categories.create', { name: `园区${token}`, parentId: null, slug: `yq-${token}` });
    expect(cat.ok).toBe(true);
    const put = await app.call('assets.put', { data: makePng(120, 60, 0x90).toString('base64'), mime: 'image/png', originalName: 'a.png' });
    const body = paragraphs('已发布文章的正文。');
    body.root.children.push({ type: 'image', version: 1, sha256: put.data.sha256, src: '', altText: '示意图', caption: '', credit: '', width: null, height: null } as never);
    const live = await create(app, { title: `已发布${token}`, status: 'published', categoryId: cat.data.id, body });
    const draft = await create(app, { title: `草稿${token}`, status: 'draft', categoryId: cat.data.id, body: paragraphs('草稿正文。') });
    expect((await app.call('related.add', { id: live.id, targetId: draft.id })).ok).toBe(true);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-disk-'));
    try {
      await page.goto(app.launchUrl);
      const rows = page.getByTestId('article-list').locator('[role=row][data-article-id]');
      await rows.filter({ hasText: `已发布${token}` }).locator('.c-status').click({ modifiers: ['Control'] });
      await rows.filter({ hasText: `草稿${token}` }).locator('.c-status').click({ modifiers: ['Control'] });
      await page.getByTestId('bulk-bar').getByRole('button', { name: '导出…' }).click();
      await expect(page.getByTestId('export-drafts')).not.toBeChecked();
      await page.getByTestId('export-format-html').check();
      await page.getByTestId('export-folder').fill(out);
      await page.screenshot({ path: testInfo.outputPath('export-form-zh.png') });
      await page.getByTestId('export-start').click();
      await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 30_000 });
      const notices = page.getByTestId('export-notices');
      await expect(notices.locator('[data-code="drafts_left_out"]')).toHaveText('有1篇未发布的文章未导出：只导出已发布的文章。');
      await expect(notices.locator('[data-code="sitemap_needs_base_url"]')).toContainText('未生成sitemap.xml');
      await page.screenshot({ path: testInfo.outputPath('export-result-zh.png') });
      expect(fs.existsSync(path.join(out, 'sitemap.xml'))).toBe(false);

      // Opened from disk: the home page links to the category, which links to the article,
      // whose image shows; every step is a relative link.
      const disk = await page.context().newPage();
      await disk.goto(`file://${path.join(out, 'index.html')}`);
      await disk.getByRole('link', { name: `园区${token}` }).click();
      await expect(disk).toHaveURL(new RegExp(`/category/yq-${token}/index\\.html$`));
      await disk.getByRole('link', { name: `已发布${token}` }).click();
      await expect(disk.locator('h1')).toHaveText(`已发布${token}`);
      await expect.poll(() => disk.locator('img.cd-image').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(120);
      await expect(disk.locator('.cd-related')).toHaveCount(0);
      await expect(disk.locator('body')).not.toContainText(`草稿${token}`);
      await disk.screenshot({ path: testInfo.outputPath('exported-page-file-url.png'), fullPage: true });
      await disk.getByRole('link', { name: '首页' }).first().click();
      await expect(disk).toHaveURL(/\/index\.html$/);
      await disk.close();
      await page.getByTestId('export-dialog').getByRole('button', { name: '关闭' }).click();
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
      await app.call('settings.set', { locale: 'en' });
    }
  });

  test('export a selection to a folder: the files are on disk, and a second run changes nothing', async ({ page, app }, testInfo) => {
    await app.call('settings.set', { locale: 'en' });
    const token = Math.random().toString(36).slice(2, 8);
    const a = await create(app, { title: `Bulk one ${token}`, status: 'published', body: paragraphs('First exported article.') });
    const b = await create(app, { title: `Bulk two ${token}`, status: 'published', body: paragraphs('Second exported article.') });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-bulk-'));
    try {
      await page.goto(app.launchUrl);
      const rows = page.getByTestId('article-list').locator('[role=row][data-article-id]');
      await rows.filter({ hasText: `Bulk one ${token}` }).locator('.c-status').click({ modifiers: ['Control'] });
      await rows.filter({ hasText: `Bulk two ${token}` }).locator('.c-status').click({ modifiers: ['Control'] });
      await expect(page.getByTestId('bulk-bar')).toContainText('2 selected');
      await page.getByTestId('bulk-bar').getByRole('button', { name: 'Export…' }).click();

      const dialog = page.getByTestId('export-dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('The 2 selected articles');
      // A relative path is refused with a message a person can act on, and nothing runs.
      await page.getByTestId('export-folder').fill('site/out');
      await page.getByTestId('export-start').click();
      await expect(page.getByTestId('export-error')).toContainText('full path');
      await page.getByTestId('export-folder').fill(out);
      await page.screenshot({ path: testInfo.outputPath('bulk-export-form-en.png') });
      await page.getByTestId('export-start').click();
      await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('export-written')).toContainText('2');
      await expect(page.getByTestId('export-unchanged')).toContainText('0');
      await expect(page.getByTestId('export-failed')).toContainText('0');
      await page.screenshot({ path: testInfo.outputPath('bulk-export-result-en.png') });

      // What is on disk: the manifest names every file, and the pages and Markdown hold the articles.
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: Record<string, unknown> | Array<{ path: string }> };
      const listed = Array.isArray(manifest.files) ? manifest.files.map((f) => f.path) : Object.keys(manifest.files);
      const pages = listed.filter((p) => p.endsWith('.html') && fs.readFileSync(path.join(out, p), 'utf8').includes(`<title>Bulk`));
      const markdown = listed.filter((p) => p.endsWith('.md'));
      expect(pages).toHaveLength(2);
      expect(markdown).toHaveLength(2);
      const both = pages.map((p) => fs.readFileSync(path.join(out, p), 'utf8')).join('\n');
      expect(both).toContain('First exported article.');
      expect(both).toContain('Second exported article.');
      expect(both).not.toMatch(/<script/i);
      const mds = markdown.map((p) => fs.readFileSync(path.join(out, p), 'utf8'));
      expect(mds.some((m) => m.startsWith(`---\ntitle: Bulk one ${token}\n`))).toBe(true);
      expect(mds.some((m) => m.startsWith(`---\ntitle: Bulk two ${token}\n`))).toBe(true);

      // Again, to the same folder: nothing changed, so nothing is rewritten. The folder is remembered.
      await dialog.getByRole('button', { name: 'Export again' }).click();
      await expect(page.getByTestId('export-folder')).toHaveValue(out);
      await page.getByTestId('export-start').click();
      await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('export-written')).toContainText('0');
      await expect(page.getByTestId('export-unchanged')).toContainText('2');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toHaveCount(0);

      // The same dialog in Chinese, on the whole library this time: every published article is
      // written or unchanged (the page chrome follows the language, so pages may be rewritten),
      // none fails, and the others are left out with a word.
      await app.call('settings.set', { locale: 'zh-CN' });
      await page.reload();
      await rows.filter({ hasText: `Bulk one ${token}` }).locator('.c-status').click({ modifiers: ['Control'] });
      await page.getByTestId('bulk-bar').getByRole('button', { name: '导出…' }).click();
      await expect(dialog.getByRole('heading', { name: '导出到文件夹' })).toBeVisible();
      await page.getByTestId('export-scope-all').check();
      await expect(page.getByTestId('export-folder')).toHaveValue(out);
      await page.getByTestId('export-start').click();
      await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 30_000 });
      await expect(dialog.getByRole('heading', { name: '导出完成' })).toBeVisible();
      const total = (await app.call('library.stats', {})).data;
      const written = Number((await page.getByTestId('export-written').locator('.n').textContent())!.replace(/\D/g, ''));
      const unchanged = Number((await page.getByTestId('export-unchanged').locator('.n').textContent())!.replace(/\D/g, ''));
      expect(written + unchanged).toBe(total.byStatus.published ?? 0);
      const unpublished = total.articles - (total.byStatus.published ?? 0);
      if (unpublished) await expect(page.getByTestId('export-notices')).toContainText(`有${unpublished}篇未发布的文章未导出`);
      await expect(page.getByTestId('export-failed')).toContainText('0');
      await page.screenshot({ path: testInfo.outputPath('bulk-export-result-zh.png') });
      await app.call('settings.set', { locale: 'en' });
      void a;
      void b;
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
