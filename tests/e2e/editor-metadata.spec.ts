import { expect, test, createArticle, makePng, openArticle, paragraphs, stored, waitSaved } from './editor-helpers';
import { slugify } from '../../src/core/articles/slug.js';

/** The metadata panel: every field reaches the library through the same autosave as the text. */
test.describe('editor: metadata panel', () => {
  test('slug from the pinyin of the title with its URL, excerpt, author, byline, category tree, tags created inline, status, dates, SEO counters', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Draft', body: paragraphs('港口集装箱吞吐量连续三个月增长，物流企业订单回暖。第二句话在这里。') });
    await openArticle(page, app, id);
    const panel = page.getByTestId('metadata-panel');
    const title = page.getByRole('textbox', { name: /Title|标题/ });
    await title.fill('都昌产业园调度会');
    // The slug follows the title (pinyin, by the core's own slugify) until set by hand, with the URL it gives.
    const slug = slugify('都昌产业园调度会');
    expect(slug).toMatch(/^d[o]?u-chang-chan-ye-yuan-diao-du-hui$/);
    await expect(page.locator('#meta-slug')).toHaveValue(slug, { timeout: 10_000 });
    await expect(panel.getByTestId('slug-follows')).toBeVisible();
    await expect(page.getByTestId('url-preview')).toHaveText(new RegExp(`/${slug}\\.html$`));
    // A bad slug is explained and not sent.
    await page.locator('#meta-slug').fill('Bad Slug!');
    await expect(panel.getByRole('alert')).toContainText(/lower-case|小写/);
    await page.locator('#meta-slug').fill(slug);

    // Derived excerpt until the editor writes one.
    await expect(page.locator('#meta-excerpt')).toHaveValue('港口集装箱吞吐量连续三个月增长，物流企业订单回暖。第二句话在这里。');
    await panel.getByLabel(/Write my own|自己填写/).check();
    await page.locator('#meta-excerpt').fill('调度会部署产业园建设。');

    await page.locator('#meta-author').fill('杜宇蔚');
    await page.locator('#meta-byline').fill('中国江西新闻网记者杜宇蔚/文');
    await page.locator('#meta-status').selectOption('in_review');

    // Category: the tree, filtered by its breadcrumb.
    await page.locator('#meta-category').click();
    await page.getByLabel(/Filter categories|筛选分类/).fill('广东');
    await expect(panel.getByRole('option', { name: /产业信息 › 广东产业信息/ })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.locator('#meta-category')).toHaveText('产业信息 › 广东产业信息');
    await expect(page.getByTestId('url-preview')).toHaveText(new RegExp(`/industry/guangdong/${slug}\\.html$`));

    // Tags: an existing one by autocomplete, a new one created inline, with the full-width comma.
    const tags = page.locator('#meta-tags');
    await tags.click();
    await page.keyboard.insertText('新材');
    await expect(panel.getByRole('option', { name: /新材料/ })).toBeVisible();
    await page.keyboard.press('ArrowDown'); // a suggestion is taken only when chosen
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('港口物流，');
    await expect(panel.locator('.tag-chip')).toHaveText([/新材料/, /港口物流/]);

    await page.locator('#meta-published').fill('2024-09-27T10:30');
    await page.locator('#meta-seo-title').fill('都昌新材料产业园调度会议召开：县委书记连续调度项目的进展情况');
    await expect(page.locator('#meta-seo-title-count')).toHaveText('30 / 30');
    await page.locator('#meta-seo-title').fill('都昌新材料产业园调度会议召开：县委书记连续调度项目的进展情况和部署');
    await expect(page.locator('#meta-seo-title-count')).toHaveClass(/over/);

    await waitSaved(page);
    const a = await stored(app, id);
    const categories = (await app.call('categories.list', {})).data as Array<{ id: number; name: string }>;
    expect(a).toMatchObject({
      title: '都昌产业园调度会', slug, excerpt: '调度会部署产业园建设。', excerptIsManual: true,
      author: '杜宇蔚', byline: '中国江西新闻网记者杜宇蔚/文', status: 'in_review', categoryId: categories.find((c) => c.name === '广东产业信息')!.id,
      seoTitle: '都昌新材料产业园调度会议召开：县委书记连续调度项目的进展情况和部署',
    });
    expect(a.tags.map((t: { name: string }) => t.name)).toEqual(['新材料', '港口物流']);
    expect(new Date(a.publishedAt).getTime()).toBe(new Date('2024-09-27T10:30').getTime());
    const revisions = (await app.call('revisions.list', { articleId: id })).data as Array<{ reason: string }>;
    expect(revisions.map((r) => r.reason)).toContain('status'); // a status change is a revision
    // The new tag now has an id in the panel too (no duplicate on the next save).
    await page.locator('#meta-author').fill('杜宇蔚、欧阳兴');
    await waitSaved(page);
    expect((await stored(app, id)).tags.map((t: { name: string }) => t.name)).toEqual(['新材料', '港口物流']);
  });

  test('a slug another article holds is refused next to the field, and the other changes still save', async ({ page, app }) => {
    await createArticle(app, { title: 'Holder', slug: 'taken-slug' });
    const { id } = await createArticle(app, { title: 'Mine', slug: 'mine' });
    await openArticle(page, app, id);
    await page.locator('#meta-slug').fill('taken-slug');
    await page.locator('#meta-author').fill('编辑部');
    await expect(page.getByTestId('slug-error')).toContainText('already used by "Holder"');
    await waitSaved(page);
    const a = await stored(app, id);
    expect(a.slug).toBe('mine');
    expect(a.author).toBe('编辑部');
    await page.locator('#meta-slug').fill('mine-2');
    await expect(page.getByTestId('slug-error')).toHaveCount(0);
    await waitSaved(page);
    expect((await stored(app, id)).slug).toBe('mine-2');
  });

  test('cover image from a file, stored as an asset; live counts of characters, words, paragraphs and reading time', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Cover', body: paragraphs('港口物流周报 Port report', '第二段。') });
    await openArticle(page, app, id);
    await expect(page.getByTestId('counts')).toHaveText(/11 words · 2 paragraphs · 1 min read|11字 · 2段/);
    await page.getByTestId('body').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('新增五个字');
    await expect(page.getByTestId('counts')).toHaveText(/16 words|16字/);

    await page.getByTestId('cover-file-input').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: makePng(64, 36) });
    await expect(page.getByTestId('cover-thumb')).toBeVisible();
    await waitSaved(page);
    const a = await stored(app, id);
    expect(a.coverAsset).toMatch(/^[0-9a-f]{64}$/);
    expect(a.counts).toMatchObject({ cjkChars: 14, latinWords: 2, words: 16, paragraphs: 2 });
    await page.getByRole('button', { name: /^Remove$|^移除$/ }).click();
    await waitSaved(page);
    expect((await stored(app, id)).coverAsset).toBeNull();
  });
});
