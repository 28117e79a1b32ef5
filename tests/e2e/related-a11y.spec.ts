import { test, expect } from './fixtures';
import { paragraphs } from './editor-helpers';
import { seriousViolations } from './axe';

/**
 * axe-core on the Related tab with every part showing (a curated list with flags, the add box
 * with results, suggestions with reason chips, a near-duplicate warning, links in the text,
 * backlinks), in English on the light theme and Chinese on the dark one: no serious or
 * critical violations, colour contrast included.
 */
const looks = [
  { locale: 'en', theme: 'light' },
  { locale: 'zh-CN', theme: 'dark' },
] as const;

test.describe('accessibility of the Related tab', () => {
  for (const look of looks) {
    test(`every section showing (${look.locale}, ${look.theme})`, async ({ page, app }, testInfo) => {
      test.setTimeout(180_000);
      await app.call('settings.set', look);
      const token = Math.random().toString(36).slice(2, 7);
      // Long enough, and varied enough, for the near-duplicate detector to judge (it needs 60 distinct 5-grams).
      const text = `都昌县新材料及智能装备产业园项目调度会议召开 ${token}，县委主要领导到现场调度项目建设进度，要求各部门强化要素保障，加快推进项目建设，确保项目早日建成投产，为高质量发展注入绿色动能。`;
      const make = async (fields: Record<string, unknown>) => (await app.call('articles.create', fields)).data.id as number;
      const me = await make({ title: `无障碍主文 ${token}`, tags: [`a11y-${token}`, '港口'], body: paragraphs(text) });
      const listed = await make({ title: `已发布关联 ${token}`, status: 'published', body: paragraphs('Live.') });
      const trashed = await make({ title: `回收站关联 ${token}`, body: paragraphs('Gone.') });
      await make({ title: `推荐文章 ${token}`, tags: [`a11y-${token}`, '港口'], body: paragraphs('港口 物流 Suggestion text.') });
      await make({ title: `重复文章 ${token}`, body: paragraphs(text) });
      const linker = await make({ title: `链接本文 ${token}`, body: paragraphs('Links here.') });
      for (const targetId of [listed, trashed]) await app.call('related.add', { id: me, targetId });
      await app.call('related.add', { id: linker, targetId: me });
      await app.call('articles.trash', { id: trashed });

      await page.goto(`${app.launchUrl}#/article/${me}`);
      await page.getByTestId('tab-related').click();
      await expect(page.getByTestId('related-list').getByTestId('related-item')).toHaveCount(2);
      await expect(page.getByTestId('related-suggestion').first()).toBeVisible();
      await expect(page.getByTestId('related-duplicates')).toBeVisible();
      await expect(page.getByTestId('related-backlinks')).toBeVisible();
      await page.getByTestId('related-add-toggle').click();
      await page.getByTestId('related-search').fill(token);
      await expect(page.getByTestId('related-result').first()).toBeVisible();
      // Keyboard focus on an item shows (it is what Alt+↑/↓ moves).
      await page.getByTestId('related-item').first().focus();
      expect(await seriousViolations(page, '[data-testid="related-panel"]')).toEqual([]);
      await page.getByTestId('related-panel').screenshot({ path: testInfo.outputPath(`related-panel-${look.locale}-${look.theme}.png`) });
      await app.call('settings.set', { locale: 'en', theme: 'system' });
    });
  }
});
