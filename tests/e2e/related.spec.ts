import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import type { AppServer } from './fixtures';
import { paragraphs } from './editor-helpers';

/**
 * The Related tab, end to end in browser mode: a person curates the 相关文章 list (search, add,
 * reorder by keyboard, remove), and it is the same after a reload and in the CLI; a suggestion
 * shows its reasons and one click adds it; a trashed target is flagged.
 */

async function create(app: AppServer, fields: Record<string, unknown>): Promise<number> {
  const r = await app.call('articles.create', fields);
  if (!r.ok) throw new Error(`articles.create: ${r.error?.message}`);
  return r.data.id as number;
}

async function openRelated(page: Page, app: AppServer, id: number): Promise<void> {
  await page.goto(`${app.launchUrl}#/article/${id}`);
  await expect(page.getByTestId('editor')).toBeVisible();
  await page.getByTestId('tab-related').click();
  await expect(page.getByTestId('related-panel')).toBeVisible();
}

const listed = (page: Page) => page.getByTestId('related-list').getByTestId('related-item');

/** Opens the "Add a related article" box (closed by default, so the suggestions stay in view). */
async function openAdd(page: Page): Promise<void> {
  if (await page.getByTestId('related-add').isVisible()) return;
  await page.getByTestId('related-add-toggle').click();
  await expect(page.getByTestId('related-search')).toBeFocused();
}

async function addBySearch(page: Page, query: string, title: string): Promise<void> {
  await openAdd(page);
  await page.getByTestId('related-search').fill(query);
  const result = page.getByTestId('related-result').filter({ hasText: title });
  await result.getByRole('button', { name: new RegExp(`Add|添加`) }).click();
  await expect(listed(page).filter({ hasText: title })).toHaveCount(1);
}

test.describe('related articles in the editor', () => {
  test('curate a list: add two by search, reorder by keyboard, remove one; it survives a reload and the CLI sees it', async ({ page, app }, testInfo) => {
    test.setTimeout(120_000); // many steps, each a round trip to the real core, on a shared machine
    await app.call('settings.set', { locale: 'en' });
    const main = await create(app, { title: 'Harbour main story', body: paragraphs('Container volumes at the harbour rose again.') });
    const alpha = await create(app, { title: 'Harbour alpha report', body: paragraphs('Alpha text.') });
    const beta = await create(app, { title: 'Harbour beta report', body: paragraphs('Beta text.') });
    const gamma = await create(app, { title: 'Harbour gamma report', body: paragraphs('Gamma text.') });

    await openRelated(page, app, main);
    await expect(page.getByText('No related articles yet.')).toBeVisible();
    await addBySearch(page, 'alpha report', 'Harbour alpha report');
    await addBySearch(page, 'beta report', 'Harbour beta report');
    await addBySearch(page, 'gamma', 'Harbour gamma report');
    await expect(listed(page)).toHaveText([/alpha/, /beta/, /gamma/]);
    // An article already listed is marked as such in the results, not offered again.
    await page.getByTestId('related-search').fill('alpha report');
    await expect(page.getByTestId('related-result').filter({ hasText: 'Harbour alpha report' })).toContainText('Listed');

    // Keyboard: focus gamma, Alt+↑ twice puts it first; focus stays on it and the move is announced.
    const gammaItem = listed(page).filter({ hasText: 'gamma' });
    await gammaItem.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(page.getByTestId('related-announcer')).toHaveText('Harbour gamma report moved to position 2 of 3.');
    await expect(listed(page)).toHaveText([/alpha/, /gamma/, /beta/]);
    await expect(gammaItem).toBeFocused();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(listed(page)).toHaveText([/gamma/, /alpha/, /beta/]);
    await expect(page.getByTestId('related-announcer')).toHaveText('Harbour gamma report moved to position 1 of 3.');
    // At the top, Alt+↑ does nothing.
    await page.keyboard.press('Alt+ArrowUp');
    await expect(listed(page)).toHaveText([/gamma/, /alpha/, /beta/]);

    // Remove alpha with its button.
    await listed(page).filter({ hasText: 'alpha' }).getByRole('button', { name: 'Remove Harbour alpha report from the related articles' }).click();
    await expect(listed(page)).toHaveText([/gamma/, /beta/]);
    await expect(page.getByTestId('toasts')).toContainText('Harbour alpha report removed from the related articles.');
    await page.screenshot({ path: testInfo.outputPath('related-curated-en.png') });

    // What the library stored: the contract, a reload, and the CLI agree.
    const stored = await app.call('related.list', { id: main });
    expect(stored.data.links.map((l: { id: number }) => l.id)).toEqual([gamma, beta]);
    await page.reload();
    await page.getByTestId('tab-related').click();
    await expect(listed(page)).toHaveText([/gamma/, /beta/]);
    const cli = await app.cli(['related', String(main), '--json']);
    expect(cli.code).toBe(0);
    const printed = JSON.parse(cli.stdout) as { links: Array<{ id: number; title: string }>; backlinks: unknown[]; suggestions: unknown[] };
    expect(printed.links.map((l) => l.title)).toEqual(['Harbour gamma report', 'Harbour beta report']);
    expect(printed.links.map((l) => l.id)).not.toContain(alpha);

  });

  test('reorder by dragging an item onto another', async ({ page, app }) => {
    await app.call('settings.set', { locale: 'en' });
    const main = await create(app, { title: 'Drag host', body: paragraphs('Host.') });
    const ids: number[] = [];
    for (const name of ['one', 'two', 'three']) {
      const id = await create(app, { title: `Drag ${name}`, body: paragraphs(name) });
      expect((await app.call('related.add', { id: main, targetId: id })).ok).toBe(true);
      ids.push(id);
    }
    await openRelated(page, app, main);
    await expect(listed(page)).toHaveText([/Drag one/, /Drag two/, /Drag three/]);
    // "three" onto the top half of "one": it goes first.
    await listed(page).filter({ hasText: 'Drag three' }).dragTo(listed(page).filter({ hasText: 'Drag one' }), { targetPosition: { x: 40, y: 3 } });
    await expect(listed(page)).toHaveText([/Drag three/, /Drag one/, /Drag two/]);
    await expect.poll(async () => (await app.call('related.list', { id: main })).data.links.map((l: { id: number }) => l.id)).toEqual([ids[2], ids[0], ids[1]]);
    // "three" onto the bottom half of "two": it goes last.
    const two = listed(page).filter({ hasText: 'Drag two' });
    const box = (await two.boundingBox())!;
    await listed(page).filter({ hasText: 'Drag three' }).dragTo(two, { targetPosition: { x: 40, y: box.height - 3 } });
    await expect(listed(page)).toHaveText([/Drag one/, /Drag two/, /Drag three/]);
    await expect.poll(async () => (await app.call('related.list', { id: main })).data.links.map((l: { id: number }) => l.id)).toEqual(ids);
  });

  test('Delete removes the focused item, focus moves on, and Undo puts it back where it was', async ({ page, app }) => {
    await app.call('settings.set', { locale: 'en' });
    const main = await create(app, { title: 'Undo host', body: paragraphs('Host.') });
    for (const name of ['first', 'middle', 'last']) {
      const id = await create(app, { title: `Undo ${name}`, body: paragraphs(name) });
      expect((await app.call('related.add', { id: main, targetId: id })).ok).toBe(true);
    }
    await openRelated(page, app, main);
    await listed(page).filter({ hasText: 'Undo middle' }).focus();
    await page.keyboard.press('Delete');
    await expect(listed(page)).toHaveText([/Undo first/, /Undo last/]);
    await expect(listed(page).filter({ hasText: 'Undo last' })).toBeFocused();
    await page.getByTestId('toasts').getByRole('button', { name: 'Undo' }).click();
    await expect(listed(page)).toHaveText([/Undo first/, /Undo middle/, /Undo last/]);
    const stored = await app.call('related.list', { id: main });
    expect(stored.data.links.map((l: { title: string }) => l.title)).toEqual(['Undo first', 'Undo middle', 'Undo last']);
  });

  test('add with "also link back": the other article lists this one, and "Linked from" shows it there', async ({ page, app }) => {
    await app.call('settings.set', { locale: 'en' });
    const a = await create(app, { title: 'Reciprocal origin piece', body: paragraphs('Origin.') });
    const b = await create(app, { title: 'Reciprocal target piece', body: paragraphs('Target.') });
    await openRelated(page, app, a);
    await openAdd(page);
    await page.getByTestId('related-reciprocal').check();
    await addBySearch(page, 'Reciprocal target', 'Reciprocal target piece');
    await expect(page.getByTestId('related-announcer')).toContainText('this article added to its related list');
    await expect(listed(page).filter({ hasText: 'Reciprocal target piece' })).toContainText('links back');

    const theirs = await app.call('related.list', { id: b });
    expect(theirs.data.links.map((l: { id: number }) => l.id)).toEqual([a]);
    await openRelated(page, app, b);
    await expect(page.getByTestId('related-backlinks')).toContainText('Reciprocal origin piece');
    await expect(page.getByTestId('related-backlinks')).toContainText('related list');
  });

  test('a suggestion shows why it is there, in both languages, and one click adds it', async ({ page, app }, testInfo) => {
    await app.call('settings.set', { locale: 'en' });
    const common = { tags: ['潮汐能', '海上风电'], body: paragraphs('东海海上风电与潮汐能示范项目并网发电，装机容量再创新高。') };
    const me = await create(app, { title: '东海潮汐能示范项目并网', ...common });
    const other = await create(app, { title: '海上风电装机容量创新高', ...common });

    await openRelated(page, app, me);
    const suggestion = page.getByTestId('related-suggestion').filter({ hasText: '海上风电装机容量创新高' });
    await expect(suggestion).toBeVisible();
    const tagsChip = suggestion.locator('[data-kind="sharedTags"]');
    await expect(tagsChip).toHaveText(/^Shared tags: .*(潮汐能|海上风电)/);
    await page.screenshot({ path: testInfo.outputPath('related-suggestions-en.png') });

    // The same panel in Chinese: the reason kinds are translated, the evidence is the library's own words.
    await app.call('settings.set', { locale: 'zh-CN' });
    await openRelated(page, app, me);
    await expect(suggestion.locator('[data-kind="sharedTags"]')).toHaveText(/^共同标签：.*(潮汐能|海上风电)/);
    await expect(page.getByRole('heading', { name: '推荐' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('related-suggestions-zh.png') });

    await suggestion.getByTestId('suggestion-add').click();
    await expect(listed(page).filter({ hasText: '海上风电装机容量创新高' })).toHaveCount(1);
    await expect(page.getByTestId('related-suggestion').filter({ hasText: '海上风电装机容量创新高' })).toHaveCount(0);
    const stored = await app.call('related.list', { id: me });
    expect(stored.data.links.map((l: { id: number }) => l.id)).toEqual([other]);
    await app.call('settings.set', { locale: 'en' });
  });

  test('a near-duplicate is shown apart, with a warning, not as a suggestion', async ({ page, app }) => {
    await app.call('settings.set', { locale: 'en' });
    const text = '都昌县新材料及智能装备产业园项目调度会议召开，县委主要领导到现场调度项目建设进度，要求各部门强化要素保障，加快推进项目建设，确保项目早日建成投产，为高质量发展注入绿色动能。'.repeat(3);
    const me = await create(app, { title: '产业园调度会议（原稿）', body: paragraphs(text), tags: ['产业园调度'] });
    await create(app, { title: '产业园调度会议（转载）', body: paragraphs(text), tags: ['产业园调度'] });
    await openRelated(page, app, me);
    const dupes = page.getByTestId('related-duplicates');
    await expect(dupes).toContainText('产业园调度会议（转载）');
    await expect(dupes).toContainText('Near-duplicates');
    await expect(dupes).toContainText('% of the text in common');
    await expect(page.getByTestId('related-suggestion').filter({ hasText: '产业园调度会议（转载）' })).toHaveCount(0);
  });

  test('a trashed target keeps its place in the list with a flag; a draft is flagged as not published', async ({ page, app }, testInfo) => {
    await app.call('settings.set', { locale: 'en' });
    const me = await create(app, { title: 'Flag host article', status: 'published', body: paragraphs('Host.') });
    const gone = await create(app, { title: 'Flag trashed target', status: 'published', body: paragraphs('Gone.') });
    const draft = await create(app, { title: 'Flag draft target', status: 'draft', body: paragraphs('Draft.') });
    const live = await create(app, { title: 'Flag live target', status: 'published', body: paragraphs('Live.') });
    for (const targetId of [gone, draft, live]) expect((await app.call('related.add', { id: me, targetId })).ok).toBe(true);
    expect((await app.call('articles.trash', { id: gone })).ok).toBe(true);

    await openRelated(page, app, me);
    await expect(listed(page)).toHaveText([/Flag trashed target/, /Flag draft target/, /Flag live target/]);
    await expect(listed(page).filter({ hasText: 'Flag trashed target' }).getByTestId('flag-trashed')).toHaveText(/In the trash/);
    await expect(listed(page).filter({ hasText: 'Flag draft target' }).getByTestId('flag-unpublished')).toHaveText(/Not published/);
    await expect(listed(page).filter({ hasText: 'Flag live target' }).locator('.rel-flag')).toHaveCount(0);
    await expect(page.getByTestId('related-not-live')).toHaveText('2 linked articles are not on the site.');
    await page.screenshot({ path: testInfo.outputPath('related-flags-en.png') });

    // Restoring it clears the flag.
    expect((await app.call('articles.restore', { id: gone })).ok).toBe(true);
    await page.reload();
    await page.getByTestId('tab-related').click();
    await expect(listed(page).filter({ hasText: 'Flag trashed target' }).locator('.rel-flag')).toHaveCount(0);
  });
});
