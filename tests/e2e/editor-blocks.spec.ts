import { expect, test, body, createArticle, findNodes, focusBodyEnd, openArticle, paragraphs, selectionSettled, shape, stored, waitSaved } from './editor-helpers';

/**
 * Blocks, inline formats, Markdown shortcuts, lists, undo/redo, the toolbar and menus, links:
 * each driven the way a person does it (keys, toolbar, menus) and checked twice — in the page,
 * and in the body the library stored, in the shared node shapes exporters rely on.
 */
test.describe('editor: blocks and formats', () => {
  test('every block type from its shortcut or the toolbar, stored in the shared shapes', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Blocks' });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const kb = page.keyboard;
    await kb.insertText('二级标题');
    await kb.press('Control+Alt+2');
    await kb.press('End');
    await kb.press('Enter');
    await kb.insertText('三级标题');
    await page.getByTestId('tb-block-type').selectOption('h3');
    await body(page).locator('h3').click();
    await kb.press('End');
    await kb.press('Enter');
    await kb.insertText('四级标题');
    await kb.press('Control+Alt+4');
    await kb.press('End');
    await kb.press('Enter');
    await kb.insertText('引用一段话');
    await kb.press('Control+Alt+Q');
    await kb.press('End');
    await kb.press('Enter');
    await kb.press('Enter'); // leave the quote
    await kb.insertText('const x = 1;');
    await kb.press('Control+Alt+C');
    await expect(body(page).locator('code.ed-codeblock')).toHaveText('const x = 1;');
    // A rule from the Insert menu, opened with its shortcut.
    await kb.press('Control+/');
    await expect(page.getByTestId('insert-menu')).toBeVisible();
    await page.getByRole('menuitem', { name: /Horizontal rule|分割线/ }).click();
    await expect(body(page).locator('hr')).toHaveCount(1);

    await expect(body(page).locator('h2')).toHaveText('二级标题');
    await expect(body(page).locator('h3')).toHaveText('三级标题');
    await expect(body(page).locator('h4')).toHaveText('四级标题');
    await expect(body(page).locator('blockquote')).toHaveText('引用一段话');
    await waitSaved(page);
    const a = await stored(app, id);
    expect(shape(a.body)).toEqual(expect.arrayContaining(['heading:h2', 'heading:h3', 'heading:h4', 'quote', 'code', 'horizontalrule']));
    expect(findNodes(a.body.root, 'heading').map((h) => h.tag)).toEqual(['h2', 'h3', 'h4']);
  });

  test('inline formats by shortcut, reflected in the toolbar and stored as format bits', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Inline' });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const kb = page.keyboard;
    const formatted: Array<[string, string, number, string]> = [
      ['Control+B', '粗体', 1, 'tb-bold'], ['Control+I', '斜体', 2, 'tb-italic'], ['Control+U', '下划线', 8, 'tb-underline'],
      ['Control+Shift+X', '删除线', 4, 'tb-strikethrough'], ['Control+E', 'code', 16, 'tb-code'],
    ];
    for (const [key, text, , button] of formatted) {
      await kb.insertText(' ');
      // Each toggle shows in the toolbar before typing goes on (as it would at a person's pace).
      await selectionSettled(page);
      await kb.press(key);
      await expect(page.getByTestId(button)).toHaveAttribute('aria-pressed', 'true');
      await kb.insertText(text);
      await expect(body(page)).toContainText(text);
      await selectionSettled(page);
      await kb.press(key);
      await expect(page.getByTestId(button)).toHaveAttribute('aria-pressed', 'false');
    }
    // The toolbar reflects the format under the caret.
    await body(page).getByText('粗体').click();
    await expect(page.getByTestId('tb-bold')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('tb-italic')).toHaveAttribute('aria-pressed', 'false');
    await body(page).getByText('斜体').click();
    await expect(page.getByTestId('tb-italic')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('tb-bold')).toHaveAttribute('aria-pressed', 'false');
    // Tooltips name the shortcut of every toolbar button.
    await expect(page.getByTestId('tb-bold')).toHaveAttribute('title', /Ctrl\+B/);
    await expect(page.getByTestId('tb-strikethrough')).toHaveAttribute('title', /Ctrl\+Shift\+X/);
    await expect(page.getByTestId('tb-link')).toHaveAttribute('title', /Ctrl\+K/);
    await expect(page.getByTestId('tb-insert')).toHaveAttribute('title', /Ctrl\+\//);

    await waitSaved(page);
    const texts = findNodes((await stored(app, id)).body.root, 'text');
    for (const [, text, bit] of formatted) {
      expect(texts.find((t) => t.text === text)?.format, text).toBe(bit);
    }
  });

  test('Markdown shortcuts as the playground has them (H1 kept for the title)', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Markdown' });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const kb = page.keyboard;
    const line = async (text: string) => {
      await kb.type(text);
      await kb.press('Enter');
    };
    await line('# Top');
    await line('## Second');
    await line('### Third');
    await line('#### Fourth');
    await line('> Quoted');
    await kb.press('Enter');
    await line('- bullet');
    await kb.press('Enter');
    await line('1. numbered');
    await kb.press('Enter');
    await kb.type('--- ');
    await kb.type('This is **bold** and *italic* and ~~gone~~ and `code` text.');
    await kb.press('Enter');
    await kb.type('```');
    await kb.type(' ');
    await kb.insertText('let y = 2;');
    await expect(body(page).locator('h2')).toHaveText(['Top', 'Second']);
    await expect(body(page).locator('h3')).toHaveText('Third');
    await expect(body(page).locator('h4')).toHaveText('Fourth');
    await expect(body(page).locator('h1')).toHaveCount(0);
    await expect(body(page).locator('blockquote')).toHaveText('Quoted');
    await expect(body(page).locator('ul > li')).toHaveText('bullet');
    await expect(body(page).locator('ol > li')).toHaveText('numbered');
    await expect(body(page).locator('hr')).toHaveCount(1);
    await expect(body(page).locator('strong, .ed-bold').first()).toHaveText('bold');
    await expect(body(page).locator('em, .ed-italic').first()).toHaveText('italic');
    await expect(body(page).locator('.ed-strike').first()).toHaveText('gone');
    await expect(body(page).locator('code.ed-codeblock')).toContainText('let y = 2;');
    await waitSaved(page);
    const texts = findNodes((await stored(app, id)).body.root, 'text');
    expect(texts.find((t) => t.text === 'bold')?.format).toBe(1);
    expect(texts.find((t) => t.text === 'italic')?.format).toBe(2);
    expect(texts.find((t) => t.text === 'code')?.format).toBe(16);
  });

  test('Tab and Shift+Tab nest and un-nest list items; undo and redo', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Lists' });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const kb = page.keyboard;
    await kb.type('- first');
    await kb.press('Enter');
    await kb.press('Tab');
    await kb.type('nested');
    await kb.press('Enter');
    await kb.press('Tab');
    await kb.type('deeper');
    await kb.press('Enter');
    await kb.press('Shift+Tab');
    await kb.press('Shift+Tab');
    await kb.type('back out');
    await expect(body(page).locator('ul ul ul li')).toHaveText('deeper');
    await expect(page.getByTestId('tb-indent')).toBeVisible(); // list tools show inside a list
    await waitSaved(page);
    const list = (await stored(app, id)).body.root.children.find((n: { type: string }) => n.type === 'list');
    expect(findNodes(list, 'list')).toHaveLength(3);
    // The top level holds "first" and "back out"; "nested" sits one level down.
    const topTexts = list.children.map((li: { children: Array<{ type: string; text?: string }> }) => li.children.filter((c) => c.type === 'text').map((c) => c.text).join(''));
    expect(topTexts.filter(Boolean)).toEqual(['first', 'back out']);

    // Undo and redo, by keys and by the toolbar.
    await kb.type(' again');
    await expect(body(page)).toContainText('back out again');
    await kb.press('Control+Z');
    await expect(body(page)).not.toContainText('back out again');
    await kb.press('Control+Shift+Z');
    await expect(body(page)).toContainText('back out again');
    await page.getByTestId('tb-undo').click();
    await expect(body(page)).not.toContainText('back out again');
    await page.getByTestId('tb-redo').click();
    await expect(body(page)).toContainText('back out again');
  });

  test('the / menu at the start of an empty paragraph, filtered by pinyin or Chinese', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Slash', body: paragraphs('第一段。') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const kb = page.keyboard;
    await kb.press('Enter');
    await kb.type('/');
    await expect(page.getByTestId('slash-menu')).toBeVisible();
    await kb.type('bg'); // 表格 (biaoge)
    await expect(page.getByTestId('slash-menu').getByRole('option')).toHaveText([/Table|表格/]);
    await kb.press('Enter');
    await expect(body(page).locator('table')).toHaveCount(1);
    await expect(body(page)).not.toContainText('/bg');
    // Not inside a sentence: a slash there is just a slash.
    await body(page).getByText('第一段。').click();
    await kb.press('End');
    await kb.type('/');
    await expect(page.getByTestId('slash-menu')).toHaveCount(0);
    await expect(body(page)).toContainText('第一段。/');
  });

  test('links: http, https and mailto only, with the reason shown; internal links by title search', async ({ page, app }) => {
    const target = await createArticle(app, { title: '港口物流周报：集装箱吞吐量回升' });
    const { id } = await createArticle(app, { title: 'Links', body: paragraphs('官网 和 邮件 以及 相关报道') });
    await openArticle(page, app, id);
    const kb = page.keyboard;

    await body(page).getByText('官网 和').dblclick();
    await page.evaluate(() => {
      // Select exactly "官网" (double-click selection of CJK depends on the segmenter).
      const w = globalThis as any; // the page's window (this file type-checks without the DOM lib)
      const t = w.document.querySelector('[data-testid=body] p span').firstChild;
      const r = w.document.createRange();
      r.setStart(t, 0);
      r.setEnd(t, 2);
      w.getSelection().removeAllRanges();
      w.getSelection().addRange(r);
    });
    await kb.press('Control+K');
    const dialog = page.getByTestId('link-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/Address|地址/).fill('javascript:alert(1)');
    await kb.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText(/http, https and mailto|http、https和mailto/);
    await dialog.getByLabel(/Address|地址/).fill('www.example.com/news');
    await kb.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(body(page).locator('a.ed-link')).toHaveAttribute('href', 'https://www.example.com/news');

    // Markdown link syntax with a forbidden scheme stays text.
    await focusBodyEnd(page);
    await kb.type(' [bad](javascript:alert(2)) ');
    await expect(body(page).locator('a[href^="javascript"]')).toHaveCount(0);

    // Internal link: search titles, pick, stored by id.
    await focusBodyEnd(page);
    await kb.insertText(' 见');
    await kb.press('Control+Shift+K');
    const picker = page.getByTestId('article-link-picker');
    await expect(picker.getByRole('combobox')).toBeFocused(); // as a person waits for the caret in the box
    await kb.insertText('集装箱');
    await expect(picker.getByRole('option').first()).toContainText('港口物流周报');
    await kb.press('Enter');
    await expect(body(page).locator('a.ed-article-link')).toHaveText('港口物流周报：集装箱吞吐量回升');
    await waitSaved(page);
    const a = await stored(app, id);
    const links = findNodes(a.body.root, 'article-link');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ type: 'article-link', version: 1, articleId: target.id });
    expect(findNodes(a.body.root, 'link').map((l) => l.url)).toEqual(['https://www.example.com/news']);
    // The refused Markdown link is plain text; no link node holds a javascript: URL.
    expect(findNodes(a.body.root, 'text').map((t) => t.text).join('')).toContain('[bad](javascript:alert(2))');
  });

  test('the article-link picker: a list appearing under a resting pointer keeps the keyboard\'s choice; moving the pointer changes it', async ({ page, app }) => {
    const token = `周报${Math.random().toString(36).slice(2, 8)}`;
    await createArticle(app, { title: `${token} 甲` });
    await createArticle(app, { title: `${token} 乙` });
    const { id } = await createArticle(app, { title: 'Picker', body: paragraphs('见') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    await page.keyboard.press('Control+Shift+K');
    const picker = page.getByTestId('article-link-picker');
    await expect(picker.getByRole('combobox')).toBeFocused();
    await page.keyboard.insertText(token);
    const options = picker.getByRole('option');
    await expect(options).toHaveCount(2);
    const first = (await options.first().locator('.picker-title').textContent())!;
    // What Chromium sends an element that appears under a pointer at rest.
    await options.nth(1).dispatchEvent('mouseover');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await options.nth(1).hover();
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(body(page).locator('a.ed-article-link')).toHaveText(first);
  });
});
