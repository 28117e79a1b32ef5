/**
 * The library view in a real browser (Chromium, browser mode over the corpus library): how long
 * a jump to anywhere in the list takes until every visible row shows its article, and how smooth
 * continuous scrolling is, at each corpus size.
 *
 * Baselines, measured in the same page in the same run:
 * - jump → rows filled, beside one bare `articles.list` call for a page of 500 rows (the view's
 *   page size) from that page: the network + core floor the view cannot beat;
 * - scrolling frame time, beside the frame time of the same page left idle (the display's own
 *   cadence: a ratio near 1 means scrolling costs no frames).
 * And the number of rows in the DOM beside the number of articles (virtualization at work).
 *
 * Needs the built renderer (out/renderer; built here when missing) and a Chromium
 * (COPYDESK_CHROMIUM, else /usr/bin/chromium, else Playwright's own).
 *
 * What it showed first (2 shared cores, load 11-15): the view adds ~1.5-2x over the bare page
 * fetch, keeps 36 rows in the DOM at 100,000 articles; the fetch itself dominates deep in the
 * list, because `articles.list` sorted by `updated`/`published` cannot use its index for the
 * `id` tie-break (the indexes are declared `... DESC`, the rowid runs ascending) and sorts every
 * row before the OFFSET: 3.9 s p95 per page at 100,000.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { finishRow, percentile, timingRow, type BenchContext, type BenchRow } from './bench-kit.js';
import { startBrowserMode } from '../support/browser-mode.js';
import { measureViewStartup, welcomeLibrary, type StartupSample } from './view-startup.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The few browser globals the in-page measurements use. The bench is type-checked as Node code
 * (no DOM library), and these functions run in the page, where the globals exist.
 */
interface PageElement {
  scrollTop: number;
  scrollHeight: number;
  getBoundingClientRect(): { top: number; bottom: number };
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  hasAttribute(name: string): boolean;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null };
  requestAnimationFrame(callback: () => void): number;
  sessionStorage: { getItem(key: string): string | null };
}
const JUMPS = 30;
const STARTUP_SAMPLES = 5;
const STARTUP_TARGET_MS = 1000;
const SCROLL_FRAMES = 240;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  ensureRendererBuilt(ctx);
  const executablePath = process.env.COPYDESK_CHROMIUM ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const rows: BenchRow[] = [];
  try {
    const welcome = await welcomeLibrary(ctx.workDir);
    const floor = await measureViewStartup(browser, welcome.path, STARTUP_SAMPLES).finally(() => welcome.dispose());
    for (const size of ctx.sizes) {
      const lib = await ctx.library(size);
      rows.push(...startupRows(size, await measureViewStartup(browser, lib.path, STARTUP_SAMPLES), floor));
      const server = await startBrowserMode(lib.path, { tokenPrefix: 'bench', timeoutMs: 60_000 });
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        // tsx compiles this file with esbuild's keepNames, which wraps the functions passed to
        // page.evaluate in calls to its `__name` helper; the page needs that helper too.
        await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
        await page.goto(server.launchUrl);
        await page.getByTestId('article-list').locator('[role=row][data-article-id]').first().waitFor();
        const total = Number(await page.getByTestId('article-list').getAttribute('data-total'));
        if (total !== size) ctx.log(`library-view: the list shows ${total} articles for a corpus of ${size}`);

        const jumps = await measureJumps(page, total);
        const fetches = await measureBareFetch(page, total);
        rows.push(timingRow('jump to a random position → visible rows filled', jumps, {
          size, baseline: { name: 'one articles.list page of 500, bare fetch', samples: fetches },
          note: `(${JUMPS} jumps, list sorted by last update)`,
        }));

        const idle = await frameTimes(page, false, 0);
        const scrolling = await frameTimes(page, true, 0);
        rows.push(timingRow('frame time while scrolling continuously', scrolling.frames, {
          size, baseline: { name: 'frame time, idle page', samples: idle.frames },
          note: `(${scrolling.rowsPassed.toLocaleString('en')} rows passed in ${SCROLL_FRAMES} frames; frames over 50 ms: ${scrolling.frames.filter((f) => f > 50).length})`,
        }));
        // Deep in the list every page is fetched with a large OFFSET: how often does scrolling
        // there show rows still loading, beside scrolling from the top?
        const deep = await frameTimes(page, true, 0.5);
        rows.push(finishRow({
          name: 'scrolling mid-list: frames with unloaded rows rendered', size, unit: 'count', value: deep.framesWithPlaceholders,
          baseline: { name: 'the same, scrolling from the top', value: scrolling.framesWithPlaceholders },
          note: `(of ${SCROLL_FRAMES - 5} frames)`,
        }));

        const domRows = await page.getByTestId('article-list').locator('[role=row][aria-rowindex]').count();
        rows.push(finishRow({ name: 'rows in the DOM', size, unit: 'count', value: domRows, baseline: { name: 'articles in the list', value: total } }));
        await page.close();
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

/**
 * Opening → a usable library view (list, sidebar counts, a search answered), beside opening the
 * welcome library (loading the app itself); and each part apart. Medians of fresh starts.
 */
function startupRows(size: number, samples: StartupSample[], floor: StartupSample[]): BenchRow[] {
  const median = (xs: StartupSample[], k: keyof StartupSample) => percentile(xs.map((x) => x[k]), 50);
  const row = (name: string, k: keyof StartupSample, target?: number): BenchRow => finishRow({
    name, size, unit: 'ms', value: median(samples, k), p50: median(samples, k), p95: percentile(samples.map((x) => x[k]), 95), n: samples.length,
    baseline: { name: 'the same, welcome library', value: median(floor, k) },
    ...(target !== undefined ? { target } : {}),
    note: `(median of ${samples.length} fresh starts${k === 'search' ? `, a search typed as soon as the box appears` : ''})`,
  });
  return [
    row('start-up: opening → usable (list, sidebar counts, search answered)', 'usable', STARTUP_TARGET_MS),
    row('start-up: opening → list shown', 'list'),
    row('start-up: opening → sidebar with counts', 'sidebar'),
    row('start-up: opening → first search answered', 'search'),
  ];
}

/** Jumps to random offsets; time until no visible row is still a loading placeholder. */
async function measureJumps(page: Page, total: number): Promise<number[]> {
  return page.evaluate(async ({ count, total }) => {
    const w = globalThis as unknown as PageGlobals;
    const scroller = w.document.querySelector('[data-testid="article-list"] .grid-scroll')!;
    const frame = () => new Promise<void>((r) => w.requestAnimationFrame(() => r()));
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const filled = () => {
      const view = scroller.getBoundingClientRect();
      const visible = Array.from(scroller.querySelectorAll('[role=row]')).filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > view.top && b.top < view.bottom;
      });
      return visible.length > 0 && visible.every((r) => r.hasAttribute('data-article-id'));
    };
    const out: number[] = [];
    for (let i = 0; i < count + 2; i++) {
      const target = Math.floor(random() * scroller.scrollHeight);
      const t0 = performance.now();
      scroller.scrollTop = target;
      await frame();
      while (!filled()) {
        await frame();
        if (performance.now() - t0 > 60_000) throw new Error(`rows at ${target} of ${total} did not fill within 60 s`);
      }
      if (i >= 2) out.push(performance.now() - t0); // the first two warm the page and the server
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  }, { count: JUMPS, total });
}

/** The same transport and page size the view uses (500 rows), at random depths. */
async function measureBareFetch(page: Page, total: number): Promise<number[]> {
  return page.evaluate(async ({ count, total }) => {
    const out: number[] = [];
    for (let i = 0; i < count + 2; i++) {
      const p = 1 + Math.floor(((i * 7919) % 1000) / 1000 * Math.max(1, Math.ceil(total / 500)));
      const t0 = performance.now();
      const res = await fetch('/api/call', {
        method: 'POST',
        // The page's session cookie, as the app's own client sends it.
        headers: { 'content-type': 'application/json', 'x-copydesk-page': '1' },
        body: JSON.stringify({ op: 'articles.list', input: { page: p, pageSize: 500, sort: 'updated', order: 'desc' } }),
      });
      await res.json();
      if (i >= 2) out.push(performance.now() - t0);
    }
    return out;
  }, { count: JUMPS, total });
}

/**
 * Frame-to-frame times over SCROLL_FRAMES frames, scrolling 3 rows' worth per frame or idle,
 * starting at `from` (0 = top, 0.5 = middle), and how many frames showed a row still loading.
 */
async function frameTimes(page: Page, scroll: boolean, from: number): Promise<{ frames: number[]; rowsPassed: number; framesWithPlaceholders: number }> {
  return page.evaluate(async ({ frames, scroll, from }) => {
    const w = globalThis as unknown as PageGlobals;
    const scroller = w.document.querySelector('[data-testid="article-list"] .grid-scroll')!;
    scroller.scrollTop = Math.floor(scroller.scrollHeight * from);
    // Let the rows at the starting point arrive before measuring.
    for (let i = 0; i < 600 && scroller.querySelectorAll('[role=row][aria-busy]').length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    const out: number[] = [];
    let placeholders = 0;
    let last = performance.now();
    const start = scroller.scrollTop;
    for (let i = 0; i < frames; i++) {
      await new Promise<void>((r) => w.requestAnimationFrame(() => r()));
      const now = performance.now();
      out.push(now - last);
      last = now;
      if (i >= 5 && scroller.querySelectorAll('[role=row][aria-busy]').length > 0) placeholders++;
      if (scroll) scroller.scrollTop += 120;
    }
    return { frames: out.slice(5), rowsPassed: Math.round((scroller.scrollTop - start) / 40), framesWithPlaceholders: placeholders };
  }, { frames: SCROLL_FRAMES, scroll, from });
}

function ensureRendererBuilt(ctx: BenchContext): void {
  if (fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) return;
  ctx.log('library-view: building the renderer (out/renderer is missing)...');
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

