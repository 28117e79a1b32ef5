import { test as base, expect, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserMode } from '../support/browser-mode';

/**
 * Browser mode with a fresh temporary library per test file: the real core, the real
 * loopback server, a real SQLite file. Nothing is mocked.
 */
export interface AppServer {
  /** Base URL (no token). */
  url: string;
  /** URL a person opens: carries the token. */
  launchUrl: string;
  token: string;
  libraryPath: string;
  /** Runs the real CLI against the same library. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Calls the contract over HTTP as the page does. */
  call(op: string, input: unknown): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function startApp(options: { seed?: boolean } = {}): Promise<AppServer & { stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-e2e-'));
  const libraryPath = path.join(dir, 'library.sqlite');
  if (options.seed === false) {
    // An existing empty library: the CLI creates one without the first-run welcome articles.
    await runNode(['bin/copydesk.mjs', '--library', libraryPath, 'stats']);
  }
  const server = await startBrowserMode(libraryPath, { tokenPrefix: 'e2e' });
  const { url, token } = server;
  return {
    url,
    launchUrl: server.launchUrl,
    token,
    libraryPath,
    cli: (args) => runNode(['bin/copydesk.mjs', '--library', libraryPath, ...args]),
    async call(op, input) {
      const res = await fetch(`${url}/api/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-copydesk-token': token },
        body: JSON.stringify({ op, input }),
      });
      return (await res.json()) as Awaited<ReturnType<AppServer['call']>>;
    },
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function runNode(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** `app`: one server per test file (worker-scoped), seeded with the first-run welcome content. */
export const test = base.extend<{ openApp: (page: Page) => Promise<void> }, { app: AppServer }>({
  app: [
    async ({}, use) => {
      const app = await startApp();
      await use(app);
      await app.stop();
    },
    { scope: 'worker' },
  ],
  openApp: async ({ app }, use) => {
    await use(async (page: Page) => {
      await page.goto(app.launchUrl);
      await expect(page.getByTestId('article-list')).toBeVisible();
    });
  },
});

export { expect };
