import type { Locator, Page } from '@playwright/test';
import { expect, test, body, createArticle, focusBodyEnd, makePng, openArticle, paragraphs } from './editor-helpers';
import { emptyBody, paragraphNode, textNode } from '../../src/core/content/lexical-json.js';

/**
 * Layout details of the editor: the insert menus show every block, the save state stays in view
 * while the article scrolls, notices float instead of pushing the title down, and the image
 * details close when focus leaves the image.
 */

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not rendered');
  return b;
}

/** The item lies wholly inside the menu's visible area. */
async function insideMenu(menu: Locator, item: Locator): Promise<boolean> {
  const [m, i] = [await box(menu), await box(item)];
  return i.y >= m.y - 0.5 && i.y + i.height <= m.y + m.height + 0.5;
}

const titleBox = (page: Page) => box(page.getByRole('textbox', { name: /Title|标题/ }));

test.describe('editor: layout', () => {
  test('the insert menu and the / menu show all twelve blocks; in a short window the chosen one is scrolled into view', async ({ page, app }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const { id } = await createArticle(app, { title: '插入', body: paragraphs('') });
    await openArticle(page, app, id);
    await page.getByTestId('tb-insert').click();
    const menu = page.getByTestId('insert-menu');
    const items = menu.getByRole('menuitem');
    await expect(items).toHaveCount(12);
    await expect(items.last()).toHaveText(/Link to an article|链接到文章/);
    expect(await insideMenu(menu, items.last())).toBe(true);
    expect(await menu.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
    await page.keyboard.press('Escape');

    await focusBodyEnd(page);
    await page.keyboard.type('/');
    const slash = page.getByTestId('slash-menu');
    await expect(slash.getByRole('option')).toHaveCount(12);
    expect(await insideMenu(slash, slash.getByRole('option').last())).toBe(true);
    await page.keyboard.press('Escape');

    // A short window: the menu scrolls, and the item the keys reach is brought into view.
    await page.setViewportSize({ width: 1280, height: 420 });
    await page.getByTestId('tb-insert').click();
    await expect(items.first()).toBeFocused();
    expect(await menu.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await insideMenu(menu, items.last())).toBe(false);
    await page.keyboard.press('ArrowUp'); // wraps to the last
    await expect(items.last()).toBeFocused();
    await expect.poll(() => insideMenu(menu, items.last())).toBe(true);
    const menuBox = await box(menu);
    expect(menuBox.y + menuBox.height).toBeLessThanOrEqual(420);
  });

  test('the save state stays in view, above the toolbar, while a long article scrolls', async ({ page, app }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const long = Array.from({ length: 120 }, (_, i) => `第${i + 1}段。都昌县新材料及智能装备产业园项目建设稳步推进，各方通力合作，力促项目早开工早建成。`);
    const { id } = await createArticle(app, { title: '长文', body: paragraphs(...long) });
    await openArticle(page, app, id);
    const state = page.getByTestId('save-state');
    await focusBodyEnd(page); // scrolls to the end
    await page.keyboard.insertText('尾');
    await expect(body(page).locator('p').last()).toBeInViewport();
    await expect(state).toBeInViewport();
    const s = await box(state);
    expect(s.y).toBeGreaterThanOrEqual(0);
    // Nothing covers it (the toolbar sticks below the bar, the text scrolls under both).
    const hit = await page.evaluate(([x, y]) => {
      const el = document.elementFromPoint(x!, y!);
      return !!el?.closest('[data-testid=save-state]');
    }, [s.x + s.width / 2, s.y + s.height / 2]);
    expect(hit).toBe(true);
    const toolbar = await box(page.getByRole('toolbar').first());
    expect(toolbar.y).toBeGreaterThanOrEqual(s.y + s.height - 1);
    await expect(state).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  });

  test('the 版本已保存 notice floats: the title does not move', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: '版本', body: paragraphs('都昌县召开项目调度会议。') });
    await openArticle(page, app, id);
    const before = await titleBox(page);
    await page.getByTestId('tab-history').click();
    const panel = page.getByTestId('history-panel');
    await panel.getByRole('textbox').fill('初稿');
    await panel.getByRole('button', { name: /Save version|保存版本/ }).click();
    const notice = page.getByTestId('editor-notice');
    await expect(notice).toBeVisible();
    const after = await titleBox(page);
    expect(after.y).toBe(before.y);
    // It sits over the page, not in its flow, and can still be dismissed.
    expect(await notice.evaluate((el) => getComputedStyle(el).position)).toBe('absolute');
    await notice.getByRole('button').click();
    await expect(notice).toHaveCount(0);
  });

  test('the image details close when focus leaves the image, and stay while its fields are used', async ({ page, app }) => {
    const put = await app.call('assets.put', { data: makePng(40, 30).toString('base64'), mime: 'image/png', originalName: 'x.png' });
    const sha256 = (put.data as { sha256: string }).sha256;
    const b = emptyBody();
    b.root.children = [paragraphNode([textNode('图文。')]), { type: 'image', version: 1, sha256, src: '', altText: '', caption: '', credit: '', width: 40, height: 30 }, paragraphNode([textNode('下文。')])];
    const { id } = await createArticle(app, { title: '图片', body: b });
    await openArticle(page, app, id);
    const figure = page.getByTestId('image-figure');
    const details = page.getByTestId('image-details');

    await figure.click();
    await expect(details).toBeVisible();
    await details.getByLabel(/Alt text|替代文字/).fill('会场');
    await details.getByLabel(/Caption|图注/).fill('调度会现场');
    await expect(details).toBeVisible(); // moving between its fields keeps it
    await page.getByRole('textbox', { name: /Title|标题/ }).click();
    await expect(details).toHaveCount(0);
    await expect(figure).not.toHaveClass(/selected/);

    // Selected then left straight for the side panel: closed too.
    await figure.click();
    await expect(details).toBeVisible();
    await page.getByTestId('tab-checks').click();
    await expect(details).toHaveCount(0);

    // Tab past the last field leaves it.
    await figure.click();
    await details.getByLabel(/Credit|来源/).click();
    await page.keyboard.press('Tab');
    await expect(details).toHaveCount(0);

    // Back in the text, a click on the image opens it again.
    await figure.click();
    await expect(details).toBeVisible();
    await expect(details.getByLabel(/Alt text|替代文字/)).toHaveValue('会场');
  });
});
