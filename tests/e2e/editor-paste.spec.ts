import type { Page } from '@playwright/test';
import { expect, test, body, createArticle, findNodes, focusBodyEnd, openArticle, paragraphs, stored, waitSaved, shape } from './editor-helpers';

/** Dispatches a real ClipboardEvent carrying a DataTransfer, as the browser does on Ctrl+V. */
async function paste(page: Page, data: Record<string, string>): Promise<number> {
  return page.evaluate((d) => {
    const w = globalThis as any; // the page's window; this file type-checks without the DOM lib
    const dt = new w.DataTransfer();
    for (const [type, value] of Object.entries(d)) dt.setData(type, value);
    const event = new w.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
    const t0 = w.performance.now();
    w.document.querySelector('[data-testid=body]').dispatchEvent(event);
    return w.performance.now() - t0;
  }, data);
}

const HOSTILE = `<meta charset="utf-8"><style>p { color: red } body { display: none }</style>
<h1 class="title" style="color:red" onclick="window.__pwned = 1">大标题</h1>
<p style="font-size:30px" class="x" onmouseover="window.__pwned = 2">第一段 <b>加粗</b> <a href="javascript:window.__pwned=3">坏链接</a>
 <a href=" JaVaScRiPt:alert(1)">又一个</a> <a href="https://example.com/ok" onclick="window.__pwned = 4" target="_blank" style="color:red">好链接</a></p>
<script>window.__pwned = 5</script>
<iframe src="https://evil.example/"></iframe>
<img src="x" onerror="window.__pwned = 6">
<img src="https://example.com/pic.jpg" alt="港口航拍" onload="window.__pwned = 7" style="width:100px" width="640" height="480">
<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">
<ul class="list"><li>一</li><li>二<ul><li>二点一</li></ul></li></ul>
<table border="1" style="width:100%"><tr><th>地区</th><th>产值</th></tr><tr><td>惠州</td><td onclick="x()">200亿</td></tr></table>
<svg onload="window.__pwned = 8"><circle r="4"/></svg>
<form action="https://evil.example"><input name="q" value="x"><button>go</button></form>
<object data="https://evil.example/x.swf"></object>
<h5 id="x">小标题</h5>
<p><span style="font-weight:700">样式加粗</span> <span style="font-style:italic">样式斜体</span></p>`;

// Playwright's trace snapshots walk the whole DOM after every action: off in this file, where
// the timing of a large paste is measured.
test.use({ trace: 'off' });

test.describe('editor: paste', () => {
  test('hostile HTML keeps its structure and loses scripts, handlers, styles, classes, iframes and javascript: links', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Paste', body: paragraphs('') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    await paste(page, { 'text/html': HOSTILE, 'text/plain': 'plain fallback' });
    await expect(body(page).locator('h2')).toHaveText('大标题');

    const html = await body(page).innerHTML();
    for (const bad of ['onclick', 'onerror', 'onload', 'onmouseover', 'javascript:', 'evil.example', '<script', '<iframe', '<svg', '<form', '<object', 'class="title"', 'class="x"', 'color:red', 'color: red', 'font-size']) {
      expect(html, bad).not.toContain(bad);
    }
    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    await expect(body(page).locator('h4')).toHaveText('小标题');
    await expect(body(page).locator('ul ul li')).toHaveText('二点一');
    await expect(body(page).locator('th')).toHaveText(['地区', '产值']);
    await expect(body(page).locator('a')).toHaveCount(1);
    await expect(body(page).locator('a')).toHaveAttribute('href', 'https://example.com/ok');
    await expect(body(page)).toContainText('坏链接'); // the words stay, the link goes
    await expect(page.getByTestId('image-figure')).toHaveCount(1); // the https image, by reference
    await expect(page.getByTestId('editor-notice')).toContainText(/script|iframe/);

    await waitSaved(page);
    const a = await stored(app, id);
    const json = JSON.stringify(a.body);
    for (const bad of ['javascript', 'onclick', 'onerror', 'evil', 'color:red', '__pwned']) expect(json, bad).not.toContain(bad);
    expect(findNodes(a.body.root, 'heading').map((h) => h.tag)).toEqual(['h2', 'h4']);
    expect(findNodes(a.body.root, 'link').map((l) => l.url)).toEqual(['https://example.com/ok']);
    expect(findNodes(a.body.root, 'image')).toEqual([expect.objectContaining({
      type: 'image', version: 1, sha256: null, src: 'https://example.com/pic.jpg', altText: '港口航拍', width: 640, height: 480,
    })]);
    expect(findNodes(a.body.root, 'tablecell').filter((c) => ((c.headerState as number) & 1) === 1)).toHaveLength(2);
    const texts = findNodes(a.body.root, 'text');
    expect(texts.find((t) => t.text === '加粗')?.format).toBe(1);
    expect(texts.find((t) => t.text === '样式加粗')?.format).toBe(1);
    expect(texts.find((t) => t.text === '样式斜体')?.format).toBe(2);
    expect(texts.every((t) => t.style === '')).toBe(true);
  });

  test('Word lists become real nested lists; WeChat sections become paragraphs with their images', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Word and WeChat', body: paragraphs('') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal {mso-style-parent:""; font-size:10.5pt}</style></head><body lang=ZH-CN>
<!--StartFragment--><p class=MsoNormal><b><span style='font-family:宋体'>会议纪要</span></b><span lang=EN-US><o:p></o:p></span></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]><span style='font-family:宋体'>第一条</span></p>
<p class=MsoListParagraph style='margin-left:36.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span lang=EN-US style='mso-list:Ignore'>a.<span style='font:7.0pt'>&nbsp; </span></span><![endif]>子条目</p>
<p class=MsoListParagraph style='margin-left:18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='mso-list:Ignore'>2.<span>&nbsp;</span></span><![endif]>第二条</p>
<p class=MsoNormal><w:sdt>结尾段落</w:sdt><span style='mso-bidi-font-weight:bold'>。</span></p><!--EndFragment--></body></html>`;
    await paste(page, { 'text/html': word, 'text/plain': '会议纪要\n1. 第一条' });
    await expect(body(page).locator('ol > li').first()).toContainText('第一条');
    await expect(body(page).locator('ol ol li')).toHaveText('子条目');
    await expect(body(page)).not.toContainText('1.'); // Word's typed bullet numbers are gone
    await expect(body(page).locator('.ed-bold')).toHaveText('会议纪要');

    await focusBodyEnd(page);
    const wechat = `<section style="margin:0;padding:0;box-sizing:border-box" data-role="outer"><section class="rich_media_content">
<p style="text-align:justify;line-height:1.75em;"><span style="font-size:15px;color:rgb(62,62,62);">都昌县召开项目调度会。</span><strong><span style="font-size:15px;">重点在落地。</span></strong></p>
<p style="text-align:center"><img class="rich_pages wxw-img" data-ratio="0.66" data-src="https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg" data-type="jpeg" src="data:image/gif;base64,iVBORw0KGgo=" style="width:100%;"></p>
<section><span style="font-size:14px">图为会议现场</span></section></section></section>`;
    await paste(page, { 'text/html': wechat, 'text/plain': '都昌县召开项目调度会。' });
    await expect(body(page)).toContainText('都昌县召开项目调度会。重点在落地。');
    await expect(body(page).locator('.ed-bold').last()).toHaveText('重点在落地。');
    await waitSaved(page);
    const a = await stored(app, id);
    const lists = findNodes(a.body.root, 'list');
    expect(lists.map((l) => l.listType)).toEqual(['number', 'number']);
    expect(findNodes(a.body.root, 'image').map((i) => i.src)).toEqual(['https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg']);
    expect(a.plainText).toContain('图为会议现场');
    expect(JSON.stringify(a.body)).not.toMatch(/mso-|rich_pages|font-size|data:image/);
  });

  test('Ctrl+Shift+V pastes plain text; Ctrl+V keeps the formatting', async ({ page, app, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { id } = await createArticle(app, { title: 'Plain paste', body: paragraphs('') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    await page.evaluate(async () => {
      const w = globalThis as any;
      await w.navigator.clipboard.write([new w.ClipboardItem({
        'text/html': new w.Blob(['<h2>标题</h2><p><b>粗</b>体</p>'], { type: 'text/html' }),
        'text/plain': new w.Blob(['标题\n粗体'], { type: 'text/plain' }),
      })]);
    });
    await page.keyboard.press('Control+Shift+V');
    await expect(body(page)).toContainText('粗体');
    await expect(body(page).locator('h2')).toHaveCount(0);
    await expect(body(page).locator('.ed-bold')).toHaveCount(0);
    expect(await body(page).locator('p').allTextContents()).toEqual(['标题', '粗体']);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+V');
    await expect(body(page).locator('h2')).toHaveText('标题');
    await expect(body(page).locator('.ed-bold')).toHaveText('粗');
  });

  test('plain text with blank lines between paragraphs: one paragraph per paragraph, none empty, one undo step', async ({ page, app }) => {
    test.setTimeout(90_000);
    const { id } = await createArticle(app, { title: 'Blank lines', body: paragraphs('') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const texts = Array.from({ length: 500 }, (_, i) => `第${i + 1}段：都昌县新材料产业园项目稳步推进。`);
    // Blank lines as editors meet them: empty, CRLF, and indented with spaces or 　.
    const pasted = texts.map((t, i) => (i % 3 === 0 ? `\u3000\u3000${t}` : t)).join('\r\n\r\n').replace(/\r\n\r\n(第7)/, '\n \n\u3000\n$1') + '\n\n';
    await paste(page, { 'text/plain': pasted });
    await expect(body(page).locator('p')).toHaveCount(500, { timeout: 30_000 });
    expect(await body(page).locator('p').evaluateAll((ps) => ps.filter((p) => !(p.textContent ?? '').trim()).length)).toBe(0);
    await expect(body(page).locator('p').first()).toHaveText(texts[0]!);
    await expect(body(page).locator('p').nth(6)).toHaveText(texts[6]!);
    await waitSaved(page);
    const a = await stored(app, id);
    expect(shape(a.body)).toHaveLength(500);
    expect(a.plainText.split('\n').filter((l: string) => l.trim())).toHaveLength(500);

    await body(page).press('Control+Z');
    await expect(body(page).locator('p')).toHaveCount(1);
    await expect(body(page)).toHaveText('');
  });

  test('plain text with one paragraph per line: each line a paragraph', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: 'Lines', body: paragraphs('') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    await paste(page, { 'text/plain': '一、项目进展\n二、存在问题\n三、下一步安排' });
    await expect(body(page).locator('p')).toHaveText(['一、项目进展', '二、存在问题', '三、下一步安排']);
  });

  test('a 10 MB paste is refused at once with a message; a 115,000-character one goes in and the editor stays responsive', async ({ page, app }) => {
    test.setTimeout(120_000);
    const { id } = await createArticle(app, { title: 'Big paste', body: paragraphs('开头。') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    const line = '都昌县新材料及智能装备产业园项目建设稳步推进，各方通力合作，力促项目早开工早建成。\n';
    const big = line.repeat(Math.ceil(10_000_000 / (line.length * 3))); // ~10 MB of UTF-8
    expect(Buffer.byteLength(big)).toBeGreaterThan(9_500_000);
    const refusedMs = await paste(page, { 'text/plain': big });
    await expect(page.getByTestId('editor-notice')).toContainText(/Nothing was pasted|未粘贴/);
    await expect(body(page)).toHaveText('开头。');
    expect(refusedMs).toBeLessThan(1_000);

    const allowed = line.repeat(Math.floor(115_000 / line.length));
    const t0 = Date.now();
    const handlerMs = await paste(page, { 'text/plain': allowed });
    await page.keyboard.insertText('尾');
    await expect(body(page)).toContainText('力促项目早开工早建成。尾', { timeout: 60_000 });
    const totalMs = Date.now() - t0;
    const lines = allowed.split('\n').length - 1;
    console.log(`[paste] 10 MB refused in ${refusedMs.toFixed(0)} ms; ${allowed.length} characters (${lines} paragraphs) pasted: handler ${handlerMs.toFixed(0)} ms, next keystroke visible after ${totalMs} ms`);
    test.info().annotations.push({ type: 'measure', description: `10 MB refused in ${refusedMs.toFixed(0)} ms; ${allowed.length} chars in ${totalMs} ms to the next keystroke` });
    await waitSaved(page);
    // The first line joins 开头。, and the paste's last newline makes no empty paragraph.
    expect(shape((await stored(app, id)).body).length).toBe(lines);
  });
});
