import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * axe-core on the library view, the taxonomy manager and the settings page, in both languages
 * and both themes (colour contrast is checked in each): no serious or critical violations. And
 * the keyboard reaches every part of the library view with a visible focus.
 */
async function seriousViolations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
}

/** Both themes and both languages, paired to keep the run short (axe is slow on a busy machine). */
const looks = [
  { locale: 'en', theme: 'light' },
  { locale: 'zh-CN', theme: 'dark' },
] as const;

test.describe('accessibility', () => {
  test.afterEach(async ({ app }) => {
    await app.call('settings.set', { locale: 'en', theme: 'system' });
  });

  for (const look of looks) {
    const label = `${look.locale}, ${look.theme}`;
    test.describe(label, () => {
      test.beforeEach(async ({ app }) => {
        await app.call('settings.set', { locale: look.locale, theme: look.theme });
      });

      test(`library view: list, selection, menu, search, dialog, trash (${label})`, async ({ page, app }) => {
        test.setTimeout(240_000);
        const token = Math.random().toString(36).slice(2, 7);
        await app.call('articles.create', { title: `Accessible ${token} 无障碍`, status: 'published', tags: [`a11y-${token}`] });

        await page.goto(app.launchUrl);
        await expect(page.getByTestId('article-list').locator('[role=row][data-article-id]').first()).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);

        // A selection (bulk bar) with its status menu open.
        await page.getByTestId('article-list').focus();
        await page.keyboard.press('Control+a');
        await expect(page.getByTestId('bulk-bar')).toBeVisible();
        await page.getByTestId('bulk-status').click();
        await expect(page.getByRole('menu')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');

        // Search results with highlighted snippets.
        await page.getByTestId('search-input').fill(`Accessible ${token}`);
        await expect(page.getByTestId('article-list').locator('mark').first()).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);

        // A dialog: the category picker.
        await page.getByTestId('article-list').focus();
        await page.keyboard.press('Control+a');
        await page.getByTestId('bulk-bar').getByRole('button', { name: /Move to category|移动到分类/ }).click();
        await expect(page.getByTestId('category-picker')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('category-picker')).toHaveCount(0);

        // The trash view.
        await page.getByRole('tab', { name: /Trash|回收站/ }).click();
        expect(await seriousViolations(page)).toEqual([]);
      });

      test(`taxonomy manager (${label})`, async ({ page, app }) => {
        test.setTimeout(180_000);
        await page.goto(`${app.launchUrl}#/taxonomy`);
        await expect(page.getByTestId('category-tree')).toBeVisible();
        await page.getByTestId('category-tree').getByRole('treeitem').first().locator('.tree-label').first().click();
        await expect(page.getByTestId('category-breadcrumb')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });

      test(`settings (${label})`, async ({ page, app }) => {
        test.setTimeout(180_000);
        await page.goto(`${app.launchUrl}#/settings`);
        await expect(page.getByTestId('site-form')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });
    });
  }

  test('the keyboard reaches every part of the library view, with a visible focus', async ({ page, openApp }) => {
    await openApp(page);
    const reached = new Set<string>();
    const invisible: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const label = el.getAttribute('data-testid') ?? el.getAttribute('role') ?? el.getAttribute('aria-label') ?? el.tagName.toLowerCase();
        const visibleFocus = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        // The grid and the tree show focus on their active row rather than on themselves.
        const delegated = el.matches('[role=grid], [role=treeitem], [role=listbox]');
        return { label, visibleFocus, delegated, name: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('type') ? `(${el.getAttribute('type')})` : ''}[${label}]` };
      });
      if (!info) continue;
      reached.add(info.label);
      if (!info.visibleFocus && !info.delegated) invisible.push(info.name);
    }
    for (const part of ['nav-library', 'nav-taxonomy', 'nav-settings', 'treeitem', 'tag-filter', 'search-input', 'sort-select', 'sort-order', 'article-list']) {
      expect([...reached], `Tab reaches ${part}`).toContain(part);
    }
    expect(invisible).toEqual([]);

    // The active row of the grid is outlined while the grid has focus.
    await page.getByTestId('article-list').focus();
    const outline = await page.getByTestId('article-list').locator('.grid-row.active').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
  });
});
