import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';

/**
 * Browser mode (src/server/web-entry.ts) as a child process on a library, on a free loopback
 * port with a fresh token: what the end-to-end fixtures and the benchmarks that drive a real
 * page start. It waits for the "Open: URL" line the server prints once it listens. The token
 * goes through the environment, never the command line (where `ps` shows it to everyone).
 */
export interface BrowserModeServer {
  /** Base URL, without the token. */
  url: string;
  token: string;
  /** The URL a person opens: carries the token. */
  launchUrl: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the process to exit (at most `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function startBrowserMode(libraryPath: string, options: { tokenPrefix?: string; timeoutMs?: number } = {}): Promise<BrowserModeServer> {
  const token = `${options.tokenPrefix ?? 'test'}-${crypto.randomBytes(24).toString('hex')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/web-entry.ts', '--library', libraryPath, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, COPYDESK_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser-mode server did not start: ${out}`)), options.timeoutMs ?? 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser-mode server exited ${code}: ${out}`));
    });
  });
  return {
    url,
    token,
    launchUrl: `${url}/?token=${token}`,
    child,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
    },
  };
}
