import fs from 'node:fs';
import type { BrowserWindow } from 'electron';

/**
 * `COPYDESK_SELF_TEST=<file>`: once the library window has loaded, report from inside the real
 * page what it can reach (the bridge's keys, whether Node leaked in, one contract call through
 * IPC) into <file> as JSON, then quit. Used by tests/unit/electron-app.test.ts where the Electron
 * binary exists; ignored otherwise. The script is a fixed literal: nothing from outside runs.
 */
const PROBE = `(async () => {
  const bridge = window.copydesk;
  const keys = bridge ? Object.keys(bridge).sort() : [];
  const stats = bridge ? await bridge.call('library.stats', {}) : null;
  const bogus = bridge ? await bridge.call('no.such.operation', {}) : null;
  return { keys, stats, bogus, platform: bridge && bridge.platform, nodeVisible: typeof require !== 'undefined' || typeof process !== 'undefined', location: location.protocol };
})()`;

export function selfTestTarget(env: NodeJS.ProcessEnv = process.env): string | null {
  const file = env.COPYDESK_SELF_TEST;
  return file && file.length > 0 ? file : null;
}

export function runSelfTest(win: BrowserWindow, file: string, quit: () => void): void {
  win.webContents.once('did-finish-load', () => {
    win.webContents
      .executeJavaScript(PROBE, true)
      .then((report: unknown) => fs.writeFileSync(file, JSON.stringify({ ok: true, report }, null, 2)))
      .catch((err: unknown) => fs.writeFileSync(file, JSON.stringify({ ok: false, error: String(err) })))
      .finally(quit);
  });
}
