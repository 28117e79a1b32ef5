import type { Page, Route } from '@playwright/test';
import { expect, test, body, createArticle, focusBodyEnd, openArticle, paragraphs, stored, waitSaved } from './editor-helpers';

/** Makes the library refuse to answer saves (a dead server, a dropped connection) until undone. */
async function breakSaves(page: Page): Promise<() => Promise<void>> {
  const handler = async (route: Route) => {
    const op = (route.request().postDataJSON() as { op?: string } | null)?.op;
    if (op === 'articles.save') await route.abort('connectionrefused');
    else await route.continue();
  };
  await page.route('**/api/call', handler);
  return () => page.unroute('**/api/call', handler);
}

test.describe('editor: saving, recovery, conflicts and history', () => {
  test('autosave after a second of idle typing, with a visible state, survives a reload', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: '自动保存', body: paragraphs('原文。') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    await page.keyboard.insertText('新写的一句话。');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'dirty');
    await expect(page.getByTestId('save-state')).toHaveText(/Unsaved changes|有未保存的修改/);
    await waitSaved(page);
    expect((await stored(app, id)).plainText).toBe('原文。新写的一句话。');

    // Typed and reloaded at once, before the idle second: flushed on the way out (or journaled).
    await page.keyboard.insertText('马上刷新');
    await page.reload();
    await expect(page.getByTestId('editor')).toBeVisible();
    const banner = page.getByTestId('recovery-banner');
    if (await banner.isVisible()) await banner.getByRole('button', { name: /Restore|恢复/ }).click();
    await expect(body(page)).toContainText('原文。新写的一句话。马上刷新');
    await waitSaved(page);
    await expect.poll(async () => (await stored(app, id)).plainText).toBe('原文。新写的一句话。马上刷新');
  });

  test('a failed save keeps the text, says why, and retries; work journaled during an outage is offered back after a reload', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: '断线', body: paragraphs('第一段。') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    let restore = await breakSaves(page);
    await page.keyboard.insertText('断线时写的字。');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
    await expect(page.getByTestId('save-state')).toContainText(/did not answer|Not saved|未保存/);
    await expect(body(page)).toContainText('第一段。断线时写的字。');
    await restore();
    await waitSaved(page); // the retry goes through on its own
    expect((await stored(app, id)).plainText).toBe('第一段。断线时写的字。');

    // Now the server is gone while typing, and the window reloads: nothing is lost.
    restore = await breakSaves(page);
    await page.keyboard.insertText('重启前的最后一句。');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
    const journal = await page.evaluate(() => Object.keys((globalThis as any).localStorage).filter((k: string) => k.startsWith('copydesk.journal')));
    expect(journal).toHaveLength(1);
    await page.reload();
    await restore();
    const banner = page.getByTestId('recovery-banner');
    await expect(banner).toBeVisible();
    await expect(body(page)).not.toContainText('重启前的最后一句。'); // the library's text until the person chooses
    await banner.getByRole('button', { name: /Restore them|恢复这些修改/ }).click();
    await expect(body(page)).toContainText('第一段。断线时写的字。重启前的最后一句。');
    await waitSaved(page);
    expect((await stored(app, id)).plainText).toBe('第一段。断线时写的字。重启前的最后一句。');
    await expect.poll(() => page.evaluate(() => Object.keys((globalThis as any).localStorage).filter((k: string) => k.startsWith('copydesk.journal')).length)).toBe(0);
  });

  test('two windows on one article: the second save is a conflict; compare, keep mine (theirs kept in history) or reload theirs', async ({ page, context, app }) => {
    const { id } = await createArticle(app, { title: '冲突', body: paragraphs('共同的开头。') });
    const other = await context.newPage();
    await openArticle(page, app, id);
    await openArticle(other, app, id);

    // Window A saves first.
    await focusBodyEnd(page);
    await page.keyboard.insertText('甲窗口的修改。');
    await waitSaved(page);
    // Window B, which loaded the older version, edits and saves: conflict.
    await focusBodyEnd(other);
    await other.keyboard.insertText('乙窗口的修改。');
    const dialog = other.getByTestId('conflict-dialog');
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    await expect(other.getByTestId('save-state')).toHaveAttribute('data-state', 'conflict');
    // Nothing was overwritten.
    expect((await stored(app, id)).plainText).toBe('共同的开头。甲窗口的修改。');
    // Compare: their text against mine, character by character.
    await dialog.getByRole('button', { name: /Compare|对比/ }).click();
    const diff = dialog.getByTestId('diff-view');
    // Character level: only the one character that differs is marked.
    await expect(diff.locator('.diff-row del')).toHaveText(['甲']);
    await expect(diff.locator('.diff-row ins')).toHaveText(['乙']);
    await expect(diff.locator('.diff-row.changed')).toContainText('共同的开头。甲乙窗口的修改。');
    // Keep mine: theirs becomes a revision, mine is saved on top.
    await dialog.getByRole('button', { name: /Keep mine|保留我的版本/ }).click();
    await expect(dialog).toHaveCount(0);
    await waitSaved(other);
    expect((await stored(app, id)).plainText).toBe('共同的开头。乙窗口的修改。');
    const revisions = (await app.call('revisions.list', { articleId: id })).data as Array<{ id: number; reason: string }>;
    const kept = revisions.find((r) => r.reason === 'conflict');
    expect(kept).toBeDefined();
    const theirs = (await app.call('revisions.get', { id: kept!.id })).data as { body: unknown };
    expect(JSON.stringify(theirs.body)).toContain('甲窗口的修改。');

    // Round two: A (now behind) edits; its save conflicts; A reloads theirs (B's text).
    await focusBodyEnd(page);
    await page.keyboard.insertText('甲的第二次修改。');
    const dialogA = page.getByTestId('conflict-dialog');
    await expect(dialogA).toBeVisible({ timeout: 15_000 });
    await dialogA.getByRole('button', { name: /Reload theirs|载入对方版本/ }).click();
    await expect(dialogA).toHaveCount(0);
    await expect(body(page)).toHaveText('共同的开头。乙窗口的修改。');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    // And A can go on editing from there.
    await focusBodyEnd(page);
    await page.keyboard.insertText('继续。');
    await waitSaved(page);
    expect((await stored(app, id)).plainText).toBe('共同的开头。乙窗口的修改。继续。');
    await other.close();
  });

  test('the command line saving underneath an open editor is a conflict too', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: '命令行', body: paragraphs('原文。') });
    await openArticle(page, app, id);
    const version = (await stored(app, id)).version;
    const r = await app.call('articles.save', { id, version, title: '命令行改过的标题' });
    expect(r.ok).toBe(true);
    await focusBodyEnd(page);
    await page.keyboard.insertText('编辑器里的字。');
    await expect(page.getByTestId('conflict-dialog')).toBeVisible({ timeout: 15_000 });
    await page.getByTestId('conflict-dialog').getByRole('button', { name: /Keep mine|保留我的版本/ }).click();
    await waitSaved(page);
    const a = await stored(app, id);
    expect(a.plainText).toBe('原文。编辑器里的字。');
    expect(a.title).toBe('命令行改过的标题'); // the field this window did not touch keeps their change
    await expect(page.getByRole('textbox', { name: /Title|标题/ })).toHaveValue('命令行改过的标题');
  });

  test('history: save a named version, see a character-level diff, restore it (the restore is itself a revision)', async ({ page, app }) => {
    const { id } = await createArticle(app, { title: '历史', body: paragraphs('都昌县召开项目调度会议。') });
    await openArticle(page, app, id);
    await focusBodyEnd(page);
    await page.keyboard.insertText('会议由县委书记主持。');
    await waitSaved(page);
    await page.getByTestId('tab-history').click();
    const panel = page.getByTestId('history-panel');
    await panel.getByRole('textbox').fill('初稿');
    await panel.getByRole('button', { name: /Save version|保存版本/ }).click();
    await expect(panel.getByTestId('revision').first()).toContainText('初稿');

    // Rewrite a few characters.
    await body(page).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('都昌县召开产业园调度会议。会议由副县长主持。');
    await waitSaved(page);

    await panel.getByTestId('revision').filter({ hasText: '初稿' }).click();
    const diff = panel.getByTestId('diff-view');
    await expect(diff).toBeVisible();
    // Character level, as Chinese needs: 项目 → 产业园, 县委书记 → 副县长 (县 kept).
    await expect(diff.locator('.diff-row del')).toHaveText(['项目', '委书记']);
    await expect(diff.locator('.diff-row ins')).toHaveText(['产业园', '副', '长']);
    await panel.getByRole('button', { name: /Restore this version|恢复此版本/ }).click();
    await expect(body(page)).toHaveText('都昌县召开项目调度会议。会议由县委书记主持。');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    const a = await stored(app, id);
    expect(a.plainText).toBe('都昌县召开项目调度会议。会议由县委书记主持。');
    const revisions = (await app.call('revisions.list', { articleId: id })).data as Array<{ reason: string }>;
    expect(revisions.map((r) => r.reason)).toContain('restore');
    // Editing goes on from the restored version without a conflict.
    await focusBodyEnd(page);
    await page.keyboard.insertText('补充。');
    await waitSaved(page);
    expect((await stored(app, id)).plainText).toBe('都昌县召开项目调度会议。会议由县委书记主持。补充。');
  });
});
