import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, body, createArticle, focusBodyEnd, makePng, openArticle, paragraphs } from './editor-helpers';
import { emptyBody, paragraphNode, textNode, type SerializedNode } from '../../src/core/content/lexical-json.js';

/**
 * The copy-desk checks panel: each check found in a real editor, updated as the editor types
 * (before any save), and clicking a finding selects the text (or the image, or the field).
 */
const SAMPLE = path.resolve(import.meta.dirname, '../../../shared/samples/site-article-page.txt');

/** Complete metadata, so a test sees only the checks its body causes. */
async function cleanArticle(app: Parameters<typeof createArticle>[0], fields: Record<string, unknown>) {
  const categories = (await app.call('categories.list', {})).data as Array<{ id: number }>;
  return createArticle(app, { excerpt: '编辑写的摘要。', excerptIsManual: true, categoryId: categories[0]!.id, tags: ['测试'], ...fields });
}

async function openChecks(page: Page) {
  await page.getByTestId('tab-checks').click();
  return page.getByTestId('checks-panel');
}

const selectedText = (page: Page) => page.evaluate(() => String((globalThis as any).getSelection()));

test.describe('editor: copy-desk checks', () => {
  test('the passage the sample article page repeats is found, and clicking it selects the repeat', async ({ page, app }) => {
    const paras = fs.readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim()).filter(Boolean).slice(0, 21);
    const { id } = await cleanArticle(app, { title: '都昌主官连续调度新材料园项目', body: paragraphs(...paras) });
    await openArticle(page, app, id);
    const panel = await openChecks(page);
    const finding = panel.locator('[data-kind=repeated-passage], [data-kind=repeated-paragraph]').first();
    await expect(finding).toBeVisible();
    await expect(finding).toContainText('尽一切努力为项目建设提供最优质');
    await finding.click();
    await expect.poll(() => selectedText(page)).toContain('尽一切努力为项目建设提供最优质、最贴心、最高效的服务');
    // The sample also mixes half-width commas into Chinese text.
    await expect(panel.locator('[data-kind=mixed-punctuation]').first()).toBeVisible();
  });

  test('fix-all makes every half-width mark full-width in one step, and one Ctrl+Z puts them all back', async ({ page, app }) => {
    const paras = fs.readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim()).filter(Boolean).slice(0, 21);
    const { id } = await cleanArticle(app, { title: '标点一键改正', body: paragraphs(...paras) });
    await openArticle(page, app, id);
    const before = (await body(page).textContent()) ?? '';
    const panel = await openChecks(page);
    const punctuation = panel.locator('[data-kind=mixed-punctuation]');
    await expect(punctuation.first()).toBeVisible();
    await expect(panel).toContainText(/20 paragraphs|20 个段落/); // the sample's 18 and two more among its first 21 paragraphs
    const found = await punctuation.count();
    // Each finding, clicked in turn, selects exactly its first half-width mark.
    for (let i = 0; i < found; i++) {
      await punctuation.nth(i).click();
      await expect.poll(() => selectedText(page)).toMatch(/^[,?:;!().]$/);
    }
    await panel.getByTestId('fix-all-punctuation').click();
    await expect(punctuation).toHaveCount(0);
    await expect(panel.getByTestId('fix-all-punctuation')).toHaveCount(0);
    const after = (await body(page).textContent()) ?? '';
    expect(after).not.toMatch(/[\p{Script=Han}][,?:;!]/u);
    expect(after).toContain('都昌县召开了新材料及智能装备产业园项目调度会议。此前，县委书记邱舰');
    expect(after).toContain('投资195亿元');
    expect(after.length).toBe(before.length);
    // The numbers and the repeat are untouched; the repeat finding is still there.
    await expect(panel.locator('[data-kind=repeated-passage]')).toHaveCount(1);

    await page.keyboard.press('Control+Z');
    await expect.poll(() => body(page).textContent()).toBe(before);
    await expect(punctuation).toHaveCount(found);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => body(page).textContent()).toBe(after);
  });

  test('clicking a finding selects exactly its text, straight after opening the article', async ({ page, app }) => {
    const { id } = await cleanArticle(app, { title: '选中', body: paragraphs('第一段没有问题。', '这是第二段,有一个半角逗号。', `${'长'.repeat(10)}。`) });
    await openArticle(page, app, id);
    const panel = await openChecks(page);
    await panel.locator('[data-kind=mixed-punctuation]').click();
    await expect.poll(() => selectedText(page)).toBe(',');
    await expect(body(page)).toBeFocused();
    // Typing replaces exactly that character.
    await page.keyboard.insertText('，');
    await expect(body(page).locator('p').nth(1)).toHaveText('这是第二段，有一个半角逗号。');

    // Text typed before the mark, and the finding clicked before the list catches up: still the mark.
    await page.keyboard.insertText('又一处,');
    await expect(panel.locator('[data-kind=mixed-punctuation]')).toHaveCount(1);
    await page.keyboard.press('Home');
    // Typed and clicked within one frame, well before the list is recomputed.
    await page.evaluate(async () => {
      const w = globalThis as any; // the page's window; this file type-checks without the DOM lib
      w.document.execCommand('insertText', false, '前面加几个字');
      await new Promise((resolve) => w.requestAnimationFrame(resolve));
      w.document.querySelector('[data-kind=mixed-punctuation]').click();
    });
    await expect(body(page).locator('p').nth(1)).toHaveText('前面加几个字这是第二段，又一处,有一个半角逗号。');
    await expect.poll(() => selectedText(page)).toBe(',');
    const caret = await page.evaluate(() => { const s = getSelection()!; return s.anchorNode?.textContent?.slice(0, s.anchorOffset) ?? ''; });
    expect(caret.endsWith('又一处')).toBe(true);
  });

  test('a passage said twice within one paragraph names that paragraph once', async ({ page, app }) => {
    const s = '都昌县召开了新材料及智能装备产业园项目调度会议，县委书记邱舰也一直对这项工作极为重视。';
    const { id } = await cleanArticle(app, { title: '段内重复', body: paragraphs(s + s, '另一段。') });
    await openArticle(page, app, id);
    const panel = await openChecks(page);
    const finding = panel.locator('[data-kind=repeated-passage]');
    await expect(finding).toHaveCount(1);
    await expect(finding).toContainText(/Paragraph 1 says the same passage twice|第1段内有一段内容重复出现/);
    await expect(finding).not.toContainText(/第 1 段重复了第 1 段|repeats a passage of paragraph 1/);
    await finding.click();
    await expect.poll(() => selectedText(page)).toBe(s.slice(0, -1));
  });

  test('checks follow the typing: half-width punctuation, placeholders and a long paragraph appear and go', async ({ page, app }) => {
    const { id } = await cleanArticle(app, { title: '标点', body: paragraphs('正文。') });
    await openArticle(page, app, id);
    const panel = await openChecks(page);
    await expect(panel).toContainText(/No problems found|没有发现问题/);
    await focusBodyEnd(page);
    await page.keyboard.insertText('都昌县召开会议,邱舰说TK亿元。');
    const comma = panel.locator('[data-kind=mixed-punctuation]');
    await expect(comma).toBeVisible();
    await comma.click();
    await expect.poll(() => selectedText(page)).toBe(',');
    await expect(panel.locator('[data-kind=placeholder]')).toContainText('TK');
    await panel.locator('[data-kind=placeholder]').click();
    await expect.poll(() => selectedText(page)).toBe('TK');
    // Fixing the text clears the findings (no save needed).
    await page.keyboard.insertText('三');
    await expect(panel.locator('[data-kind=placeholder]')).toHaveCount(0);
    await focusBodyEnd(page);
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(`【待补】${'长'.repeat(520)}`);
    await expect(panel.locator('[data-kind=long-paragraph]')).toContainText('524');
    await expect(panel.locator('[data-kind=placeholder]')).toContainText('【待补】');
    await panel.locator('[data-kind=long-paragraph]').click();
    await expect.poll(async () => (await selectedText(page)).length).toBe(524);
  });

  test('an image without alt text is flagged, and clicking it selects the image', async ({ page, app }) => {
    const put = await app.call('assets.put', { data: makePng(16, 16).toString('base64'), mime: 'image/png', originalName: 'x.png' });
    const sha256 = (put.data as { sha256: string }).sha256;
    const b = emptyBody();
    const image = (alt: string): SerializedNode => ({ type: 'image', version: 1, sha256, src: '', altText: alt, caption: alt ? '' : '现场图', credit: '', width: 16, height: 16 });
    b.root.children = [paragraphNode([textNode('图文。')]), image('有说明'), image('')];
    const { id } = await cleanArticle(app, { title: '图片', body: b });
    await openArticle(page, app, id);
    const panel = await openChecks(page);
    const finding = panel.locator('[data-kind=image-without-alt]');
    await expect(finding).toHaveCount(1);
    await expect(finding).toContainText('现场图');
    await finding.click();
    await expect(page.getByTestId('image-figure').nth(1)).toHaveClass(/selected/);
    await page.getByTestId('image-details').getByLabel(/Alt text|替代文字/).fill('会议现场');
    await expect(finding).toHaveCount(0);
  });

  test('missing excerpt, category and tags point at their fields', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: '缺元数据', body: paragraphs('第一段就是摘要的来源。') });
    await openArticle(page, app, id);
    const panel = await openChecks(page);
    await expect(panel.locator('[data-kind=missing-category]')).toBeVisible();
    await expect(panel.locator('[data-kind=missing-tags]')).toBeVisible();
    await expect(panel.locator('[data-kind=missing-excerpt]')).toBeVisible();
    await panel.locator('[data-kind=missing-category]').click();
    await expect(page.getByTestId('metadata-panel')).toBeVisible();
    await expect(page.locator('#meta-category')).toBeFocused();
    await page.getByTestId('tab-checks').click();
    await page.getByTestId('checks-panel').locator('[data-kind=missing-tags]').click();
    await expect(page.locator('#meta-tags')).toBeFocused();
    await page.keyboard.insertText('产业园');
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-checks').click();
    await expect(page.getByTestId('checks-panel').locator('[data-kind=missing-tags]')).toHaveCount(0);
  });

  test('links to trashed, unpublished and deleted articles are flagged; publishing the target clears its finding', async ({ page, app }) => {
    const trashed = await createArticle(app, { title: '已删除的旧闻', status: 'published' });
    await app.call('articles.trash', { id: trashed.id });
    const draft = await createArticle(app, { title: '还是草稿', status: 'draft' });
    const live = await createArticle(app, { title: '已发布', status: 'published' });
    const link = (articleId: number, text: string): SerializedNode => ({ type: 'article-link', version: 1, articleId, direction: null, format: '', indent: 0, children: [textNode(text)] });
    const b = emptyBody();
    b.root.children = [paragraphNode([textNode('参见'), link(trashed.id, '旧闻'), textNode('、'), link(draft.id, '草稿'), textNode('和'), link(live.id, '新闻'), textNode('。')])];
    const { id } = await cleanArticle(app, { title: '链接检查', body: b });
    await openArticle(page, app, id);
    const panel = await openChecks(page);
    const broken = panel.locator('[data-kind=broken-link]');
    await expect(broken).toHaveCount(2);
    await expect(broken.nth(0)).toContainText(/旧闻.*(trash|回收站)/);
    await expect(broken.nth(1)).toContainText(/草稿.*(not published|尚未发布)/);
    await broken.nth(0).click();
    await expect.poll(() => selectedText(page)).toBe('旧闻');

    await app.call('articles.setStatus', { ids: [draft.id], status: 'published' });
    await page.getByTestId('tab-meta').click();
    await page.getByTestId('tab-checks').click(); // looks at the targets afresh
    await expect(page.getByTestId('checks-panel').locator('[data-kind=broken-link]')).toHaveCount(1);
    // A link added while typing is checked too, before any save.
    await focusBodyEnd(page);
    await page.keyboard.press('Control+Shift+K');
    await page.keyboard.insertText('已删除的旧闻');
    await expect(page.getByTestId('article-link-picker').getByRole('option')).toHaveCount(0); // trashed articles are not offered
    await page.keyboard.press('Escape');
    await expect(body(page).locator('a.ed-article-link')).toHaveCount(3);
  });
});
