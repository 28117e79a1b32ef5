/**
 * The editor, measured in Chromium (issue 3, "Speed"): a 30,000-character Chinese article
 * beside a 1,000-character one, for
 *   - open → first keystroke accepted: from the route change in an already-running app to the
 *     moment a character typed into the body is in the DOM (load over the contract, build the
 *     Lexical state, render, focus, type);
 *   - typing latency: keydown → the next animation frame, p95 over typed characters, with the
 *     whole editor running (toolbar state, journal written on every change, counts, checks);
 *   - autosave main-process time: the articles.save dispatch in Node for the whole body (what
 *     the Electron main process or the loopback server spends per autosave).
 * Chromium is Playwright's, launched with the options of playwright.config.ts, against a
 * browser-mode server started the way tests/e2e/fixtures.ts starts one. The renderer must be
 * built (npm run build); the module says so and skips its browser figures if it is not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import playwrightConfig from '../../playwright.config.js';
import { generateCorpus } from './corpus.js';
import { startBrowserMode, type BrowserModeServer } from '../support/browser-mode.js';
import { distribution, finishRow, timingRow, type BenchContext, type BenchRow } from './bench-kit.js';
import { openLibrary } from '../../src/core/db/open.js';
import { dispatch } from '../../src/core/api/dispatch.js';
import { bodyFromParagraphs, type SerializedEditorState } from '../../src/core/content/lexical-json.js';
import { characterLength } from '../../src/core/content/counts.js';
import { tidyBetweenSaves, tidyNow } from '../../src/core/db/between-saves.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TARGETS = { openMs: 300, typingP95Ms: 16, autosaveMs: 20 };
const OPEN_RUNS = 8;
const KEYSTROKES = 120;
const SAVE_RUNS = 30;

/** Chinese paragraphs from the deterministic corpus until the article holds `chars` characters. */
function chineseArticle(seed: number, chars: number): { title: string; paragraphs: string[] } {
  const paragraphs: string[] = [];
  let total = 0;
  for (const a of generateCorpus({ seed, count: 2_000 })) {
    const cjk = a.paragraphs.join('').match(/\p{Script=Han}/gu)?.length ?? 0;
    if (cjk < a.paragraphs.join('').length * 0.5) continue; // the mostly-English articles
    for (const p of a.paragraphs) {
      const room = chars - total;
      if (room <= 0) break;
      const piece = characterLength(p) <= room ? p : [...p].slice(0, room).join('');
      paragraphs.push(piece);
      total += characterLength(piece);
    }
    if (total >= chars) break;
  }
  return { title: `${chars.toLocaleString('en')} 字的测试稿件`, paragraphs };
}

async function callServer(server: BrowserModeServer, op: string, input: unknown): Promise<any> {
  const res = await fetch(`${server.url}/api/call`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-copydesk-token': server.token }, body: JSON.stringify({ op, input }),
  });
  const r = await res.json() as { ok: boolean; data?: unknown; error?: { message: string } };
  if (!r.ok) throw new Error(`${op}: ${r.error?.message}`);
  return r.data;
}

/** Resolves, inside the page, on the DOM mutation that closes or opens the editor (no polling delay). */
function whenInPage(page: Page, what: 'open' | 'closed'): Promise<void> {
  // A string, not a function: tsx would wrap a named arrow function in a helper the page lacks.
  return page.evaluate(`new Promise((resolve) => {
    const test = ${what === 'open' ? "() => Boolean(document.querySelector('[data-testid=body] p'))" : "() => !document.querySelector('[data-testid=body]')"};
    if (test()) return resolve();
    const mo = new MutationObserver(() => { if (test()) { mo.disconnect(); resolve(); } });
    mo.observe(document.body, { subtree: true, childList: true });
  })`);
}

/**
 * Route change → editor rendered (the article loaded over the contract, the Lexical state
 * built, the body on screen) → caret placed → a key pressed and its character in the DOM.
 * Measured inside the page in two parts, open (route change → body rendered) and keystroke
 * (keydown → character in the DOM), and summed: the DevTools round trip between them, the
 * harness sending the key, is not the editor's time.
 */
async function openToFirstKeystroke(page: Page, id: number): Promise<{ open: number; key: number; total: number }> {
  await page.evaluate(() => {
    (globalThis as any).location.hash = '#/';
  });
  await whenInPage(page, 'closed');
  await page.evaluate((articleId) => {
    const w = globalThis as any;
    w.__benchOpen = { t0: w.performance.now(), ready: 0, keydown: 0, accepted: 0 };
    w.location.hash = `#/article/${articleId}`;
  }, id);
  await whenInPage(page, 'open');
  await page.evaluate(`(() => {
    const b = window.__benchOpen;
    b.ready = performance.now();
    const el = document.querySelector('[data-testid=body]');
    el.focus();
    const first = el.querySelector('p');
    const r = document.createRange();
    r.selectNodeContents(first);
    r.collapse(true);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    const before = el.textContent.length;
    window.addEventListener('keydown', (e) => { if (!b.keydown) b.keydown = e.timeStamp; }, { capture: true, once: true });
    const mo = new MutationObserver(() => {
      if (el.textContent.length > before) { b.accepted = performance.now(); mo.disconnect(); }
    });
    mo.observe(el, { subtree: true, characterData: true, childList: true });
  })()`);
  await page.keyboard.press('Q');
  await page.waitForFunction(() => (globalThis as any).__benchOpen.accepted > 0, undefined, { polling: 'raf' });
  const b = await page.evaluate(() => (globalThis as any).__benchOpen as { t0: number; ready: number; keydown: number; accepted: number });
  const open = b.ready - b.t0;
  const key = b.accepted - b.keydown;
  return { open, key, total: open + key };
}

/** keydown → next animation frame, for each of `count` characters typed mid-article. */
async function typingLatency(page: Page, count: number): Promise<number[]> {
  await page.evaluate(() => {
    const w = globalThis as any;
    const el = w.document.querySelector('[data-testid=body]');
    const ps = el.querySelectorAll('p');
    const middle = ps[Math.floor(ps.length / 2)];
    middle.scrollIntoView({ block: 'center' });
    el.focus();
    const r = w.document.createRange();
    r.selectNodeContents(middle);
    r.collapse(false);
    w.getSelection().removeAllRanges();
    w.getSelection().addRange(r);
    w.__benchTyping = [];
    w.addEventListener('keydown', (e: any) => {
      const t = e.timeStamp;
      w.requestAnimationFrame(() => w.__benchTyping.push(w.performance.now() - t));
    }, true);
  });
  await page.waitForTimeout(300);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(letters[i % letters.length]!);
    await page.waitForTimeout(30 + (i % 7) * 5); // a fast typist, not a queue of events
  }
  await page.waitForTimeout(200);
  return page.evaluate(() => (globalThis as any).__benchTyping as number[]);
}

/** The articles.save dispatch for a whole body, in this (Node) process: wall and CPU time. */
async function autosaveTimes(dir: string, body: SerializedEditorState, runs: number): Promise<{ wall: number[]; cpu: number[] }> {
  const file = path.join(dir, `editor-save-${characterLength(JSON.stringify(body))}.sqlite`);
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  const lib = await openLibrary(file);
  // As the app's host does; the loop below runs the timer's step itself, between saves.
  const stopTidying = tidyBetweenSaves(lib.db, 3_600_000);
  const ctx = { db: lib.db, libraryPath: lib.path };
  try {
    const created = await dispatch(ctx, 'articles.create', { title: 'autosave', body });
    if (!created.ok) throw new Error(created.error.message);
    let { id, version } = created.data as { id: number; version: number };
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      // Each save carries the whole body with one more character typed, as the editor sends it.
      // The app merges index segments and checkpoints on a timer between autosaves (between-saves.ts): untimed.
      tidyNow(lib.db);
      const next = structuredClone(body);
      const first = next.root.children[0]!.children![0]!;
      first.text = `${first.text}${i % 10}`;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await dispatch(ctx, 'articles.save', { id, version, body: next });
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (!r.ok) throw new Error(r.error.message);
      version = (r.data as { version: number }).version;
      if (i >= 3) {
        wall.push(ms);
        cpu.push((c.user + c.system) / 1000);
      }
    }
    return { wall, cpu };
  } finally {
    stopTidying();
    lib.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  }
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const big = chineseArticle(ctx.seed, 30_000);
  const small = chineseArticle(ctx.seed + 1, 1_000);
  const bigBody = bodyFromParagraphs(big.paragraphs);
  const smallBody = bodyFromParagraphs(small.paragraphs);
  const bigChars = characterLength(big.paragraphs.join(''));
  const smallChars = characterLength(small.paragraphs.join(''));
  ctx.log(`editor: articles of ${bigChars} characters (${big.paragraphs.length} paragraphs) and ${smallChars} (${small.paragraphs.length})`);
  const rows: BenchRow[] = [];
  // Absolute times on a shared machine say little without its load; ratios say more.
  const load = () => `load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;

  // Autosave in Node first: no browser or server competing for the cores.
  const bigSave = await autosaveTimes(ctx.workDir, bigBody, SAVE_RUNS);
  const smallSave = await autosaveTimes(ctx.workDir, smallBody, SAVE_RUNS);
  rows.push(timingRow('autosave articles.save (30k chars)', bigSave.wall, {
    baseline: { name: '1k chars', samples: smallSave.wall }, target: TARGETS.autosaveMs,
    note: `(CPU p95 ${distribution(bigSave.cpu).p95.toFixed(1)} ms vs ${distribution(smallSave.cpu).p95.toFixed(1)} ms; ${load()})`,
  }));

  if (!fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) {
    ctx.log('editor: out/renderer is not built (npm run build): the browser figures are skipped');
    rows.push(finishRow({ name: 'open → first keystroke / typing latency', unit: 'ms', value: NaN, note: 'skipped: renderer not built (run npm run build)' }));
    return rows;
  }

  const libDir = fs.mkdtempSync(path.join(ctx.workDir, 'editor-'));
  const server = await startBrowserMode(path.join(libDir, 'library.sqlite'), { tokenPrefix: 'bench' });
  const launch = playwrightConfig.use?.launchOptions ?? {};
  const browser = await chromium.launch({ ...launch, headless: true });
  try {
    const bigId = (await callServer(server, 'articles.create', { title: big.title, body: bigBody })).id as number;
    const smallId = (await callServer(server, 'articles.create', { title: small.title, body: smallBody })).id as number;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.launchUrl);
    await page.waitForSelector('[data-testid=article-list], [data-testid=library]', { timeout: 30_000 }).catch(() => undefined);
    // Warm the code paths once each (first-use compilation is not what an editor feels all day).
    await openToFirstKeystroke(page, smallId);
    await openToFirstKeystroke(page, bigId);

    const openBig: Array<{ open: number; key: number; total: number }> = [];
    const openSmall: Array<{ open: number; key: number; total: number }> = [];
    for (let i = 0; i < OPEN_RUNS; i++) {
      openSmall.push(await openToFirstKeystroke(page, smallId));
      openBig.push(await openToFirstKeystroke(page, bigId));
    }
    const p50 = (xs: number[]) => distribution(xs).p50.toFixed(0);
    rows.push(timingRow('open → first keystroke (30k chars)', openBig.map((o) => o.total), {
      baseline: { name: '1k chars', samples: openSmall.map((o) => o.total) }, target: TARGETS.openMs,
      note: `(p50 open ${p50(openBig.map((o) => o.open))} + key ${p50(openBig.map((o) => o.key))} ms; 1k: ${p50(openSmall.map((o) => o.open))} + ${p50(openSmall.map((o) => o.key))} ms; ${load()})`,
    }));

    await openToFirstKeystroke(page, bigId);
    const typingBig = await typingLatency(page, KEYSTROKES);
    await openToFirstKeystroke(page, smallId);
    const typingSmall = await typingLatency(page, KEYSTROKES);
    rows.push(timingRow('typing keydown → next frame (30k chars)', typingBig, {
      baseline: { name: '1k chars', samples: typingSmall }, target: TARGETS.typingP95Ms,
      note: `(p50 ${distribution(typingBig).p50.toFixed(1)} vs ${distribution(typingSmall).p50.toFixed(1)} ms; includes waiting for the frame; ${load()})`,
    }));
    await page.close();
  } finally {
    await browser.close();
    await server.stop(); // waits for the server to exit, so its library can be removed
    fs.rmSync(libDir, { recursive: true, force: true });
  }
  return rows;
}
