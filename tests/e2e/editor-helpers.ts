import { expect, type Page } from '@playwright/test';
import { startApp, test as base, type AppServer } from './fixtures';
import { bodyFromParagraphs, type SerializedEditorState, type SerializedNode } from '../../src/core/content/lexical-json.js';

/** Helpers shared by the editor's end-to-end specs (tests/e2e/editor-*.spec.ts). */

/**
 * The editor specs' own library server: they create dozens of articles, which must not leak
 * into specs that expect the first-run library (a worker-scoped `app` is shared by every file
 * a worker runs). Overriding the worker fixture also makes Playwright run these files in
 * workers of their own.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no test-scoped fixtures of its own
export const test = base.extend<{}, { app: AppServer }>({
  app: [
    async ({}, use) => {
      const app = await startApp();
      await use(app);
      await app.stop();
    },
    { scope: 'worker' },
  ],
});
export { expect };

export async function createArticle(app: AppServer, fields: Record<string, unknown> = {}): Promise<{ id: number; version: number }> {
  const r = await app.call('articles.create', fields);
  if (!r.ok) throw new Error(`articles.create failed: ${r.error?.message}`);
  return r.data;
}

export const paragraphs = (...texts: string[]): SerializedEditorState => bodyFromParagraphs(texts);

/** Opens one article in its own page state (the token comes from the launch URL). */
export async function openArticle(page: Page, app: AppServer, id: number): Promise<void> {
  await page.goto(`${app.launchUrl}#/article/${id}`);
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page.getByTestId('body')).toBeVisible();
}

export const body = (page: Page) => page.getByTestId('body');

/** Puts the caret at the end of the body (and waits until the editor has taken it). */
export async function focusBodyEnd(page: Page): Promise<void> {
  await body(page).click();
  await page.keyboard.press('Control+End');
  await page.evaluate(() => new Promise<void>((resolve) => {
    const w = globalThis as any; // the page's window; this file type-checks without the DOM lib
    const el = w.document.querySelector('[data-testid=body]');
    const walker = w.document.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    let last = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n;
    const r = w.document.createRange();
    if (last) r.setStart(last, last.length);
    else r.setStart(el.lastElementChild ?? el, 0);
    r.collapse(true);
    w.getSelection().removeAllRanges();
    w.getSelection().addRange(r);
    // Lexical reads the DOM selection on selectionchange; give it two frames.
    w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve()));
  }));
}

/**
 * Waits two frames, so Lexical has read the selection that the last typing moved (it does so on
 * selectionchange, which a loaded machine can deliver after the next key). A format shortcut
 * pressed before that is applied, then undone when the late selectionchange resets the caret's
 * format from the text under it; a person is never that quick.
 */
export async function selectionSettled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
}

/** The stored article, as the library has it (after the autosave). */
export async function stored(app: AppServer, id: number): Promise<any> {
  const r = await app.call('articles.get', { id });
  if (!r.ok) throw new Error(`articles.get failed: ${r.error?.message}`);
  return r.data;
}

/** Top-level node types of a stored body, e.g. ['heading:h2', 'paragraph', 'list:bullet']. */
export function shape(b: SerializedEditorState): string[] {
  return b.root.children.map((n: SerializedNode) => n.type === 'heading' ? `heading:${n.tag}` : n.type === 'list' ? `list:${n.listType}` : n.type);
}

export function findNodes(root: SerializedNode, type: string): SerializedNode[] {
  const out: SerializedNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === type) out.push(n);
    for (const c of [...(n.children ?? [])].reverse()) stack.push(c);
  }
  return out;
}

export { makePng } from '../support/png';
