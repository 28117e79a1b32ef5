import { expect, type Page } from '@playwright/test';
import zlib from 'node:zlib';
import type { AppServer } from './fixtures';
import { bodyFromParagraphs, type SerializedEditorState, type SerializedNode } from '../../src/core/content/lexical-json.js';

/** Helpers shared by the editor's end-to-end specs (tests/e2e/editor-*.spec.ts). */

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

/** Puts the caret at the end of the body. */
export async function focusBodyEnd(page: Page): Promise<void> {
  await body(page).click();
  await page.keyboard.press('Control+End');
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

/** A real PNG (greyscale, deflated), so the core's header check and the browser both accept it. */
export function makePng(width: number, height: number): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 0;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x * 7 + y * 13) & 0xff;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
