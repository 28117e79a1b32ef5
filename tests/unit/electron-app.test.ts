// The real app in the real Electron, where the binary can be had: launch it on a temporary
// library with COPYDESK_SELF_TEST, and check from inside the sandboxed page that the bridge has
// exactly its four keys, Node is out of reach, and a contract call reaches the core over IPC.
// On machines without the binary (these ones: its download host is unreachable) it skips and
// says why; everything it relies on is also covered by the Node tests beside it.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
// @ts-expect-error: a plain .mjs script without type declarations
import * as setup from '../../scripts/ensure-electron.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ensure = setup as {
  installedElectron(root: string): string | null;
  displayProblem(env: NodeJS.ProcessEnv, platform: string): string | null;
  electronNativeBinding(root: string): string;
};

function whyNot(): string | null {
  if (!ensure.installedElectron(ROOT)) return 'the Electron binary is not installed (node_modules/electron/dist is missing; `npm start` fetches it where its download host is reachable)';
  const display = ensure.displayProblem(process.env, process.platform);
  if (display) return display;
  if (!fs.existsSync(ensure.electronNativeBinding(ROOT))) return 'better-sqlite3 is not built for Electron yet (.electron-native/ is missing; `npm start` builds it)';
  if (!fs.existsSync(path.join(ROOT, 'out', 'main', 'index.js'))) return 'the app is not built (run `npm run build`)';
  return null;
}

describe('the app under Electron', () => {
  it('loads the sandboxed page with only the bridge, and calls reach the core', async (ctx) => {
    const reason = whyNot();
    if (reason) {
      console.log(`skipped: ${reason}`);
      ctx.skip();
    }
    const dir = tempDir('copydesk-electron-app-');
    try {
      const report = path.join(dir, 'report.json');
      const env: NodeJS.ProcessEnv = { ...process.env, COPYDESK_SELF_TEST: report, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
      delete env.ELECTRON_RUN_AS_NODE;
      const child = spawn(ensure.installedElectron(ROOT)!, [ROOT, '--library', path.join(dir, 'library.sqlite')], { cwd: ROOT, env, stdio: 'inherit' });
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      expect(code).toBe(0);
      const result = JSON.parse(fs.readFileSync(report, 'utf8')) as { ok: boolean; report: Record<string, unknown> };
      expect(result.ok).toBe(true);
      expect(result.report.keys).toEqual(['call', 'host', 'onMenuCommand', 'platform']);
      expect(result.report.nodeVisible).toBe(false);
      expect(result.report.location).toBe('file:');
      expect(result.report.stats).toMatchObject({ ok: true });
      expect((result.report.stats as { data: { articles: number } }).data.articles).toBeGreaterThan(0); // first-run welcome content
      expect(result.report.bogus).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
