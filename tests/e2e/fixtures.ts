import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
  const token = `e2e-${Math.random().toString(36).slice(2)}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/web-entry.ts', '--library', libraryPath, '--port', '0', '--token', token], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}${err}`)));
  });
  return {
    url,
    launchUrl: `${url}/?token=${token}`,
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
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
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
