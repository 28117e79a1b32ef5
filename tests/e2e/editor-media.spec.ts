import type { Page } from '@playwright/test';
import { expect, test, body, createArticle, findNodes, focusBodyEnd, makePng, openArticle, paragraphs, stored, waitSaved } from './editor-helpers';

/** Dispatches a paste or drop carrying a file, as the browser does for a copied or dragged image. */
async function sendFile(page: Page, kind: 'paste' | 'drop', file: { name: string; type: string; base64: string }): Promise<void> {
  await page.evaluate(({ kind, file }) => {
    const w = globalThis as any;
    const bytes = Uint8Array.from(w.atob(file.base64), (c: string) => c.charCodeAt(0));
    const dt = new w.DataTransfer();
    dt.items.add(new w.File([bytes], file.name, { type: file.type }));
    const target = w.document.querySelector('[data-testid=body]');
    if (kind === 'paste') {
      target.dispatchEvent(new w.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    } else {
      const p = target.querySelector('p');
      const r = p.getBoundingClientRect();
      const init = { dataTransfer: dt, bubbles: true, cancelable: true, clientX: r.right - 2, clientY: r.top + r.height / 2 };
      target.dispatchEvent(new w.DragEvent('dragover', init));
      target.dispatchEvent(new w.DragEvent('drop', init));
    }
  }, { kind, file });
}

test.describe('editor: images and tables', () => {
  test('an image from the file picker is stored as an asset and carries alt text, caption and credit', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Images', body: paragraphs('图文报道。') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const png = makePng(40, 30);
    // The toolbar's Insert › Image opens the picker; the picker is the hidden file input.
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('tb-insert').click();
    await page.getByRole('menuitem', { name: /Image|图片/ }).click();
    await (await chooser).setFiles({ name: 'chart.png', mimeType: 'image/png', buffer: png });

    const figure = page.getByTestId('image-figure');
    await expect(figure).toHaveCount(1);
    const img = figure.locator('img');
    await expect(img).toHaveAttribute('src', /^\/media\/[0-9a-f]{64}$/); // the session cookie admits it
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(40);
    await expect(figure).toContainText(/No alt text|缺少替代文字/);

    const details = page.getByTestId('image-details');
    await expect(details).toBeVisible();
    await details.getByLabel(/Alt text|替代文字/).fill('产业园区鸟瞰图');
    await details.getByLabel(/Caption|图注/).fill('都昌新材料产业园规划图');
    await details.getByLabel(/Credit|来源/).fill('都昌县委宣传部 供图');
    await expect(figure).toContainText('都昌新材料产业园规划图');
    await expect(figure).not.toContainText(/No alt text|缺少替代文字/);

    await waitSaved(page);
    const a = await stored(app, id);
    const [image] = findNodes(a.body.root, 'image');
    expect(image).toEqual({
      type: 'image', version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), src: '',
      altText: '产业园区鸟瞰图', caption: '都昌新材料产业园规划图', credit: '都昌县委宣传部 供图', width: 40, height: 30,
    });
    expect(a.body.root.children.map((n: { type: string }) => n.type)).toContain('image'); // a block, child of the root
    const media = await fetch(`${app.url}/media/${image!.sha256}`, { headers: { 'x-copydesk-token': app.token } });
    expect(media.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await media.arrayBuffer()).equals(png)).toBe(true);
    expect(a.plainText).toContain('都昌新材料产业园规划图'); // captions count as text

    // Selected, it goes with Delete.
    await figure.click();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('image-figure')).toHaveCount(0);
  });

  test('pasted and dropped image files are stored too; a file that is not an image is refused with the reason', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Paste image', body: paragraphs('第一段。') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    await sendFile(page, 'paste', { name: 'screenshot.png', type: 'image/png', base64: makePng(12, 8).toString('base64') });
    await expect(page.getByTestId('image-figure')).toHaveCount(1);
    await sendFile(page, 'drop', { name: 'dropped.png', type: 'image/png', base64: makePng(20, 10).toString('base64') });
    await expect(page.getByTestId('image-figure')).toHaveCount(2);

    // Claims to be a PNG; the core reads the bytes and says no.
    await page.getByTestId('image-file-input').setInputFiles({ name: 'evil.png', mimeType: 'image/png', buffer: Buffer.from('MZ this is an executable') });
    await expect(page.getByTestId('editor-notice')).toContainText(/not a PNG, JPEG, GIF or WebP image/);
    await page.getByTestId('image-file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(page.getByTestId('editor-notice')).toContainText(/only PNG, JPEG, GIF and WebP|只能插入/);
    await expect(page.getByTestId('image-figure')).toHaveCount(2);
    await waitSaved(page);
    const images = findNodes((await stored(app, id)).body.root, 'image');
    expect(images.map((i) => [i.width, i.height])).toEqual(expect.arrayContaining([[12, 8], [20, 10]]));
  });

  test('tables: insert with a header row, add and remove rows and columns, toggle the header', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Tables', body: paragraphs('数据如下：') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const kb = page.keyboard;
    await kb.press('Enter');
    await kb.press('Control+Alt+T');
    const table = body(page).locator('table');
    await expect(table).toHaveCount(1);
    await expect(table.locator('tr')).toHaveCount(3);
    await expect(table.locator('tr').first().locator('th')).toHaveCount(3);
    await expect(page.getByTestId('tb-rowBelow')).toBeVisible(); // table tools appear inside a table

    // Type into the header row, Tab moving from cell to cell.
    await kb.insertText('地区');
    await kb.press('Tab');
    await kb.insertText('产值');
    await kb.press('Tab');
    await kb.insertText('增速');
    await kb.press('Tab');
    await kb.insertText('惠州');
    await expect(table.locator('tr').nth(1).locator('td').first()).toHaveText('惠州');

    await page.getByTestId('tb-rowBelow').click();
    await expect(table.locator('tr')).toHaveCount(4);
    await kb.press('Control+Alt+Shift+ArrowRight'); // column to the right
    await expect(table.locator('tr').first().locator('th, td')).toHaveCount(4);
    await page.getByTestId('tb-deleteCol').click();
    await expect(table.locator('tr').first().locator('th, td')).toHaveCount(3);
    await table.getByText('惠州').click();
    await kb.press('Control+Alt+Shift+ArrowUp'); // row above 惠州's
    await expect(table.locator('tr')).toHaveCount(5);
    await expect(table.locator('tr').nth(2).locator('td').first()).toHaveText('惠州');
    await table.locator('tr').nth(1).locator('td').first().click();
    await page.getByTestId('tb-deleteRow').click();
    await expect(table.locator('tr')).toHaveCount(4);
    await expect(table.locator('tr').nth(1).locator('td').first()).toHaveText('惠州');
    await expect(page.getByTestId('tb-headerRow')).toHaveAttribute('title', /Ctrl\+Alt\+Shift\+H/);

    await waitSaved(page);
    let a = await stored(app, id);
    let [t] = findNodes(a.body.root, 'table');
    expect(t!.children).toHaveLength(4);
    expect(t!.children!.every((row) => row.children!.length === 3)).toBe(true);
    expect(t!.children![0]!.children!.map((c) => c.headerState)).toEqual([1, 1, 1]);
    expect(a.plainText).toContain('地区\n产值\n增速\n惠州');

    // The header row off, from its cell.
    await table.locator('th').first().click();
    await page.getByTestId('tb-headerRow').click();
    await expect(table.locator('th')).toHaveCount(0);
    await waitSaved(page);
    a = await stored(app, id);
    [t] = findNodes(a.body.root, 'table');
    expect(t!.children![0]!.children!.map((c) => c.headerState)).toEqual([0, 0, 0]);

    // And the whole table goes.
    await table.locator('td').first().click();
    await page.getByTestId('tb-deleteTable').click();
    await expect(body(page).locator('table')).toHaveCount(0);
  });
});
