import type { CDPSession, Page } from '@playwright/test';
import { expect, test, body, createArticle, focusBodyEnd, openArticle, paragraphs, stored, waitSaved, shape } from './editor-helpers';

/**
 * Chinese input through a real IME composition, driven over the DevTools protocol as Lexical's
 * own tests do: Input.imeSetComposition for each pinyin keystroke (the underlined candidate
 * text), an Enter that the IME consumes (keyCode 229, isComposing), then Input.insertText with
 * the chosen candidate.
 */
async function compose(cdp: CDPSession, pinyin: string, candidate: string, confirm: 'enter' | 'space' = 'enter'): Promise<void> {
  for (let i = 1; i <= pinyin.length; i++) {
    const text = pinyin.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  if (confirm === 'enter') {
    // The Enter that picks the candidate: Chromium delivers it as keyCode 229 while composing.
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  }
  await cdp.send('Input.insertText', { text: candidate });
  if (confirm === 'enter') {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
  }
}

async function paragraphTexts(page: Page): Promise<string[]> {
  return body(page).locator('p').allTextContents();
}

test.describe('editor: Chinese input methods', () => {
  test('a composition committed with Enter between typed text stays in one paragraph', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'IME' });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const cdp = await page.context().newCDPSession(page);
    await page.keyboard.type('A ');
    await compose(cdp, 'duchang', '都昌');
    await page.keyboard.type(' B');
    await compose(cdp, 'xincailiao', '新材料');
    await compose(cdp, 'chanyeyuan', '产业园', 'space');
    await expect(body(page)).toContainText('A 都昌 B新材料产业园');
    expect(await paragraphTexts(page)).toEqual(['A 都昌 B新材料产业园']);
    await waitSaved(page);
    const a = await stored(app, id);
    expect(a.plainText).toBe('A 都昌 B新材料产业园');
    expect(shape(a.body)).toEqual(['paragraph']);
  });

  test('an IME Enter that arrives after compositionend (keyCode 229) still does not split the paragraph', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'IME order' });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const cdp = await page.context().newCDPSession(page);
    await page.keyboard.type('X');
    await cdp.send('Input.imeSetComposition', { text: 'gang', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.insertText', { text: '港口' });
    // Some IMEs and platforms send the confirming Enter's keydown after compositionend.
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
    await page.keyboard.type('Y');
    expect(await paragraphTexts(page)).toEqual(['X港口Y']);
    // A real Enter afterwards does split, as it should.
    await page.keyboard.press('Enter');
    await page.keyboard.type('Z');
    expect(await paragraphTexts(page)).toEqual(['X港口Y', 'Z']);
  });

  test('no Markdown shortcut, menu or keyboard shortcut fires while composing', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'IME shortcuts', body: paragraphs('正文') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    await page.keyboard.press('Enter');
    const cdp = await page.context().newCDPSession(page);
    // The composition's preedit text looks like a heading trigger and a slash command: neither acts.
    await cdp.send('Input.imeSetComposition', { text: '## ', selectionStart: 3, selectionEnd: 3 });
    await expect(body(page).locator('h2')).toHaveCount(0);
    await cdp.send('Input.imeSetComposition', { text: '/', selectionStart: 1, selectionEnd: 1 });
    await expect(page.getByTestId('slash-menu')).toHaveCount(0);
    // Ctrl+B pressed while composing belongs to the IME session, not to the editor.
    await cdp.send('Input.imeSetComposition', { text: 'jia', selectionStart: 3, selectionEnd: 3 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'b', code: 'KeyB', modifiers: 2, windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'b', code: 'KeyB', modifiers: 2, windowsVirtualKeyCode: 66, nativeVirtualKeyCode: 66 });
    await cdp.send('Input.insertText', { text: '加粗' });
    await expect(body(page)).toContainText('加粗');
    await expect(body(page).locator('strong')).toHaveCount(0);
    await expect(body(page).locator('h2')).toHaveCount(0);
  });

  test('full-width triggers from a Chinese IME act like their ASCII forms', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Full width' });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const kb = page.keyboard;
    const line = async (trigger: string, text: string) => {
      // What the IME's punctuation mode types: the full-width mark, then a space (ASCII or U+3000).
      await kb.insertText(trigger);
      await kb.insertText(text);
      await kb.press('Enter');
    };
    await line('＃＃ ', '二级标题');
    await line('＃＃＃\u3000', '三级标题');
    await line('》 ', '引用');
    await line('－ ', '无序');
    await kb.press('Enter'); // an empty item ends the list
    await line('１． ', '有序');
    await kb.press('Enter');
    await line('分隔段落', '');
    await line('3。 ', '从三开始');
    await kb.press('Enter');
    // In the middle of a sentence a full-width mark is just punctuation.
    await kb.insertText('他说：＃ 不是标题');
    await expect(body(page).locator('h2')).toHaveText('二级标题');
    await expect(body(page).locator('h3')).toHaveText('三级标题');
    await expect(body(page).locator('blockquote')).toHaveText('引用');
    await expect(body(page).locator('ul > li')).toHaveText('无序');
    await expect(body(page).locator('ol').first().locator('li')).toHaveText('有序');
    await expect(body(page).locator('ol').nth(1)).toHaveAttribute('start', '3');
    await expect(body(page).locator('h2')).toHaveCount(1);
    await waitSaved(page);
    expect(shape((await stored(app, id)).body)).toEqual(['heading:h2', 'heading:h3', 'quote', 'list:bullet', 'list:number', 'paragraph', 'list:number', 'paragraph']);
  });
});
