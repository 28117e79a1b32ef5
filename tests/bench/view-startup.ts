/**
 * Opening the app on a library until the library view is usable: the list shows articles, the
 * sidebar shows its category and tag counts, and the search box has answered a search typed as
 * soon as it appeared (an editor who opens the app to look something up). Each sample is a
 * fresh browser-mode server (its connection's caches cold, as after a launch) and a fresh page;
 * the times are the page's own clock from navigation start, recorded by a script the page runs
 * before anything else, so they include loading the app and every call it makes at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { startBrowserMode } from '../support/browser-mode.js';
import { openLibrary } from '../../src/core/db/open.js';
import { seedWelcomeContent } from '../../src/core/samples/welcome.js';

export interface StartupSample { list: number; sidebar: number; search: number; usable: number }

/** The query typed at once: in the welcome articles and throughout the corpus. */
const QUERY = '产业';

// Runs in the page before its own scripts; plain JavaScript text so no compiler helper leaks in.
const RECORDER = `
(() => {
  const out = { list: 0, sidebar: 0, search: 0, typed: false };
  globalThis.__startup = out;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const tick = () => {
    const now = performance.now();
    const list = document.querySelector('[data-testid="article-list"]');
    if (!out.list && !out.typed && list && list.querySelector('[role=row][data-article-id]')) out.list = now;
    const filters = document.querySelector('[data-testid="filters"]');
    if (!out.sidebar && filters && filters.querySelector('[data-testid="category-filter"] .count') && filters.querySelector('.tag-filter [role=option] .count')) out.sidebar = now;
    const box = document.querySelector('[data-testid="search-input"]');
    if (!out.typed && box && !box.disabled) {
      out.typed = true;
      if (!out.list && list && list.querySelector('[role=row][data-article-id]')) out.list = now;
      setValue.call(box, ${JSON.stringify(QUERY)});
      box.dispatchEvent(new Event('input', { bubbles: true }));
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    }
    if (out.typed && !out.search && list && list.querySelector('[role=row][data-article-id] mark')) out.search = now;
    if (!(out.list && out.sidebar && out.search)) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
`;

/**
 * `samples` openings of the library at `libraryPath`. The list time counts the library's own
 * rows, shown before the search replaced them; when the search box was ready before any row,
 * the list counts as shown once the search results are.
 */
export async function measureViewStartup(browser: Browser, libraryPath: string, samples: number): Promise<StartupSample[]> {
  const out: StartupSample[] = [];
  for (let i = 0; i < samples; i++) {
    const server = await startBrowserMode(libraryPath, { tokenPrefix: 'bench', timeoutMs: 120_000 });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript({ content: RECORDER });
      await page.goto(server.launchUrl, { waitUntil: 'commit' });
      await page.waitForFunction(() => {
        const s = (globalThis as unknown as { __startup?: { list: number; sidebar: number; search: number } }).__startup;
        return !!s && s.sidebar > 0 && s.search > 0;
      }, undefined, { timeout: 120_000, polling: 100 });
      const s = await page.evaluate(() => (globalThis as unknown as { __startup: { list: number; sidebar: number; search: number } }).__startup);
      const list = s.list || s.search;
      out.push({ list, sidebar: s.sidebar, search: s.search, usable: Math.max(list, s.sidebar, s.search) });
      await page.close();
    } finally {
      await server.stop();
    }
  }
  return out;
}

/** A library of just the welcome articles (what browser mode creates), the floor of opening. */
export async function welcomeLibrary(workDir: string): Promise<{ path: string; dispose(): void }> {
  const dir = fs.mkdtempSync(path.join(workDir, 'welcome-'));
  const lib = await openLibrary(path.join(dir, 'library.sqlite'));
  seedWelcomeContent(lib.db);
  lib.close();
  return { path: lib.path, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
