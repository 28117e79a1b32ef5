import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe-core's serious and critical violations inside `include`, with the first few offending
 * nodes named, so a failing assertion says what to fix. `exclude` leaves parts out (a
 * sandboxed, script-less frame axe cannot run in).
 */
export async function seriousViolations(page: Page, include: string, exclude?: string) {
  let builder = new AxeBuilder({ page }).include(include);
  if (exclude) builder = builder.exclude(exclude);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
}
