import type { CDPSession, Page } from '@playwright/test';
import { expect, test, createArticle, openArticle, paragraphs, stored, waitSaved } from './editor-helpers';

/**
 * The metadata panel's pickers: the tag field adds what was typed (suggestions only when chosen,
 * never on an IME's Enter), and the category picker creates the category it cannot find.
 */

/** A pinyin composition confirmed with the IME's Enter (keyCode 229), as editor-ime.spec.ts does. */
async function compose(cdp: CDPSession, pinyin: string, candidate: string): Promise<void> {
  for (let i = 1; i <= pinyin.length; i++) {
    const text = pinyin.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  await cdp.send('Input.insertText', { text: candidate });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
}

const chips = (page: Page) => page.getByTestId('metadata-panel').locator('.tag-chip');

test.describe('editor: pickers', () => {
  test('tags: Enter adds what was typed; a suggestion is taken with the arrow keys or Tab; an IME Enter adds nothing', async ({ page, app }) => {
    await createArticle(app, { title: 'Holder', tags: ['氢能产业园', '氢能产业链'] });
    const { id } = await createArticle(app, { title: '标签', body: paragraphs('正文。') });
    await openArticle(page, app, id);
    const panel = page.getByTestId('metadata-panel');
    const input = page.locator('#meta-tags');
    await input.click();

    // Today's complaint: 产业 + Enter added 产业园.
    await page.keyboard.insertText('氢能产业');
    await expect(panel.getByRole('option', { name: /氢能产业园/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(chips(page)).toHaveCount(1);
    await expect(chips(page).first()).toContainText(/^氢能产业\s*(（新）|\(new\))/);

    await page.keyboard.insertText('氢能产业');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(chips(page)).toHaveCount(2);
    await expect(chips(page).nth(1)).toContainText(/氢能产业(园|链)/);
    const first = (await chips(page).nth(1).textContent())!.slice(0, 5);

    await page.keyboard.insertText('氢能产业');
    await expect(page.getByTestId('tag-input').getByRole('option')).toHaveCount(1); // the chosen ones are not offered again
    await page.keyboard.press('Tab');
    await expect(chips(page)).toHaveCount(3);
    await expect(input).toBeFocused();
    const second = (await chips(page).nth(2).textContent())!.slice(0, 5);
    expect([first, second].sort()).toEqual(['氢能产业园', '氢能产业链']);

    // Composing 港口 and confirming it with the IME's Enter types it; the next Enter adds it.
    const cdp = await page.context().newCDPSession(page);
    await compose(cdp, 'gangkou', '港口');
    await expect(input).toHaveValue('港口');
    await expect(chips(page)).toHaveCount(3);
    await page.keyboard.press('Enter');
    await expect(chips(page)).toHaveCount(4);
    await expect(chips(page).nth(3)).toContainText('港口');

    await waitSaved(page);
    expect((await stored(app, id)).tags.map((t: { name: string }) => t.name)).toEqual(['氢能产业', first, second, '港口']);
  });

  test('category: the filter that matches nothing offers 新建分类, which creates it and files the article there', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: '分类', body: paragraphs('正文。') });
    await openArticle(page, app, id);
    const panel = page.getByTestId('metadata-panel');
    await page.locator('#meta-category').click();
    const filter = page.getByLabel(/Filter categories|筛选分类/);
    await filter.fill('低空经济');
    const create = panel.getByTestId('category-create');
    await expect(create).toHaveText(/New category “低空经济”|新建分类“低空经济”/);
    await expect(create).toHaveClass(/active/);
    await page.keyboard.press('Enter');
    await expect(page.locator('#meta-category')).toHaveText('低空经济');
    await waitSaved(page);
    let categories = (await app.call('categories.list', {})).data as Array<{ id: number; name: string; path: string[] }>;
    const made = categories.find((c) => c.name === '低空经济');
    expect(made?.path).toEqual(['低空经济']);
    expect((await stored(app, id)).categoryId).toBe(made!.id);

    // A path under an existing category creates it there; a name that exists is chosen, not created again.
    await page.locator('#meta-category').click();
    await filter.fill('产业信息 › 氢能');
    await expect(create).toHaveText(/“氢能”/);
    await create.click();
    await expect(page.locator('#meta-category')).toHaveText('产业信息 › 氢能');
    await page.locator('#meta-category').click();
    await filter.fill('氢能');
    await expect(create).toHaveCount(0);
    await page.keyboard.press('Escape');
    await waitSaved(page);
    categories = (await app.call('categories.list', {})).data as Array<{ id: number; name: string; path: string[] }>;
    expect(categories.filter((c) => c.name === '氢能').map((c) => c.path)).toEqual([['产业信息', '氢能']]);
    expect((await stored(app, id)).categoryId).toBe(categories.find((c) => c.name === '氢能')!.id);
  });
});
