// `npm start`'s preparation steps (scripts/ensure-electron.mjs) with real child processes and
// real file layouts, and the fallback end to end: where Electron cannot be had, start.mjs says so
// in one paragraph and brings up browser mode on a real library.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
// @ts-expect-error: a plain .mjs script without type declarations
import * as setup from '../../scripts/ensure-electron.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface RunResult { code: number | null; timedOut: boolean; output: string }
const ensure = setup as {
  run(cmd: string, args: string[], opts?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult>;
  lastError(output: string): string;
  installedElectron(root: string): string | null;
  ensureElectronBinary(root: string, opts?: { timeoutMs?: number; log?: (m: string) => void }): Promise<{ ok: true; exe: string } | { ok: false; reason: string }>;
  displayProblem(env: NodeJS.ProcessEnv, platform: string): string | null;
};

const dirs: string[] = [];
function scratch(): string {
  const d = tempDir('copydesk-start-');
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Alive and not a zombie (a killed child whose reaper is slow still answers kill(pid, 0)). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

/** A project folder with an electron package whose installer is the given script. */
function fakeProject(installScript: string, version = '41.7.1'): string {
  const root = scratch();
  const dir = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version }));
  fs.writeFileSync(path.join(dir, 'install.js'), installScript);
  return root;
}

describe('ensure-electron', () => {
  it('finds an installed binary only when path.txt, dist/version and the executable agree', () => {
    const root = fakeProject('');
    expect(ensure.installedElectron(root)).toBeNull();
    const dir = path.join(root, 'node_modules', 'electron');
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'version'), 'v41.7.0');
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(ensure.installedElectron(root)).toBeNull(); // another version
    fs.writeFileSync(path.join(dir, 'dist', 'version'), 'v41.7.1');
    expect(ensure.installedElectron(root)).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('runs the installer and reports its error in a line a person can read', async () => {
    const root = fakeProject(
      "console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous> (x.js:1:1)'); process.exit(1);",
    );
    const logs: string[] = [];
    const r = await ensure.ensureElectronBinary(root, { timeoutMs: 20_000, log: (m) => logs.push(m) });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/could not download it \(RequestError: getaddrinfo ENOTFOUND github\.com\)/);
    expect(logs.join('\n')).toMatch(/running Electron's installer/);
  });

  it('an installer that succeeds is picked up', async () => {
    const root = fakeProject(
      "const fs=require('fs'),p=require('path');fs.mkdirSync(p.join(__dirname,'dist'));" +
        "fs.writeFileSync(p.join(__dirname,'dist','version'),'41.7.1');fs.writeFileSync(p.join(__dirname,'dist','electron'),'');" +
        "fs.writeFileSync(p.join(__dirname,'path.txt'),'electron');",
    );
    const r = await ensure.ensureElectronBinary(root, { timeoutMs: 20_000, log: () => {} });
    expect(r).toEqual({ ok: true, exe: path.join(root, 'node_modules', 'electron', 'dist', 'electron') });
  });

  it('a hanging installer is stopped at the time limit, children included', async () => {
    const marker = path.join(scratch(), 'child.pid');
    const root = fakeProject(
      // The installer starts a grandchild, as @electron/get's extraction might, then hangs.
      `const {spawn}=require('child_process');const c=spawn(process.execPath,['-e','setInterval(()=>{},1000)'],{stdio:'ignore'});` +
        `require('fs').writeFileSync(${JSON.stringify(marker)},String(c.pid));setInterval(()=>{},1000);`,
    );
    const started = Date.now();
    const r = await ensure.ensureElectronBinary(root, { timeoutMs: 1_500, log: () => {} });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(!r.ok && r.reason).toMatch(/did not finish within 2 s|did not finish within 1 s/);
    const grandchild = Number(fs.readFileSync(marker, 'utf8'));
    await new Promise((res) => setTimeout(res, 200));
    expect(isRunning(grandchild), 'the installer\'s own child was stopped too').toBe(false);
  });

  it('lastError prefers the error line to the stack', () => {
    expect(ensure.lastError('downloading\nError: connect ECONNREFUSED 127.0.0.1:9\n    at foo (bar.js:1:1)\n')).toBe('Error: connect ECONNREFUSED 127.0.0.1:9');
    expect(ensure.lastError('')).toBe('');
  });

  it('knows when there is no display to show a window on', () => {
    expect(ensure.displayProblem({}, 'linux')).toMatch(/no graphical display/);
    expect(ensure.displayProblem({ DISPLAY: ':0' }, 'linux')).toBeNull();
    expect(ensure.displayProblem({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull();
    expect(ensure.displayProblem({}, 'darwin')).toBeNull();
  });
});

describe('npm start without an Electron binary', () => {
  it('explains in one paragraph and serves browser mode on the library', async (ctx) => {
    if (ensure.installedElectron(ROOT) && !ensure.displayProblem(process.env, process.platform)) {
      console.log('skipped: Electron is installed and a display is available here, so npm start would open the real window instead of browser mode');
      ctx.skip();
    }
    if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html')) || !fs.existsSync(path.join(ROOT, 'scripts', 'web.mjs'))) {
      console.log('skipped: needs the built renderer (npm run build) and scripts/web.mjs');
      ctx.skip();
    }
    const dir = scratch();
    const library = path.join(dir, 'library.sqlite');
    // A closed local port as Electron's download mirror: the installer fails at once instead of
    // downloading 100 MB where a network happens to exist.
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', COPYDESK_ELECTRON_INSTALL_TIMEOUT: '30' };
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    // A port something already listens on, as the preferred one: browser mode must take the
    // next free one and say so, whatever else runs on this machine (no fixed port).
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as net.AddressInfo).port;
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--no-build', '--library', library, '--port', String(taken)], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no browser-mode URL within 60 s; output:\n${output}`)), 60_000);
        const check = () => {
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*token=[^\s&#]+)/.exec(output);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        };
        child.stdout.on('data', check);
        child.on('exit', (code) => reject(new Error(`start.mjs exited (${code}) before printing a URL:\n${output}`)));
      });

      // One paragraph: it starts with the reason, and no blank line comes before its last words.
      const paragraph = output.slice(output.indexOf('Copydesk cannot open its Electron window')).split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ');
      expect(paragraph).toMatch(/^Copydesk cannot open its Electron window on this machine: Electron's binary is not installed/);
      expect(paragraph).toMatch(/ECONNREFUSED/);
      expect(paragraph).toMatch(/Starting browser mode instead/);
      expect(paragraph).toMatch(/display is available\.$/);
      expect(output).toMatch(new RegExp(`Port ${taken} is in use .* took port \\d+ instead`));
      expect(new URL(url).port).not.toBe(String(taken));

      const token = new URL(url).searchParams.get('token')!;
      const res = await fetch(new URL('/api/call', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-copydesk-token': token },
        body: JSON.stringify({ op: 'library.info', input: {} }),
      });
      const body = (await res.json()) as { ok: boolean; data: { path: string } };
      expect(body).toMatchObject({ ok: true, data: { path: library } });
    } finally {
      squatter.close();
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await new Promise((res) => (child.exitCode !== null ? res(null) : child.once('exit', res)));
    }
  }, 90_000);
});
