import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { tempDir } from './helpers.js';
import { startBrowserMode } from '../support/browser-mode.js';
import { runtimeNotePath } from '../../src/server/runtime-file.js';

/**
 * Browser mode as a person starts it (src/server/web-entry.ts in its own process): where the
 * token may come from (issue 16.1, 16.2), a port already taken, and a second start on the same
 * library (issue 12.20). No fixed port: a taken port is one this test takes itself.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the URL after "Open:", or with null when the process exits first. */
  opened: Promise<string | null>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

function webEntry(args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete fullEnv[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/web-entry.ts', ...args], { cwd: ROOT, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const opened = new Promise<string | null>((resolve) => {
    const check = () => {
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      check();
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then(() => resolve(null));
  });
  return { child, output: () => out, opened, exited };
}

async function stop(s: Started, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill(signal);
  await s.exited;
}

describe('starting browser mode', () => {
  let dir: string;
  let library: string;
  beforeEach(() => {
    dir = tempDir('copydesk-web-');
    library = path.join(dir, 'library.sqlite');
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('16.1: refuses an empty or short token instead of running unguarded', async () => {
    for (const value of ['', 'abc', 'x'.repeat(31)]) {
      const s = webEntry(['--library', library, '--port', '0'], { COPYDESK_TOKEN: value });
      expect(await s.opened, s.output()).toBeNull();
      expect(await s.exited).toBe(2);
      expect(s.output()).toMatch(/COPYDESK_TOKEN: the token (is empty|is \d+ characters long; it needs at least 32)/);
    }
    expect(fs.existsSync(library)).toBe(false);
  }, 60_000);

  it('16.2: refuses a token on the command line, takes one from a file, and the tests\' servers keep theirs out of ps', async () => {
    const token = crypto.randomBytes(24).toString('hex');
    const onCommandLine = webEntry(['--library', library, '--port', '0', '--token', token], { COPYDESK_TOKEN: undefined });
    expect(await onCommandLine.opened).toBeNull();
    expect(await onCommandLine.exited).toBe(2);
    expect(onCommandLine.output()).toMatch(/--token is not accepted.*process list.*COPYDESK_TOKEN.*--token-file/s);

    const file = path.join(dir, 'token');
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
    const fromFile = webEntry(['--library', library, '--port', '0', '--token-file', file], { COPYDESK_TOKEN: undefined });
    expect(await fromFile.opened).toMatch(new RegExp(`\\?token=${token}$`));
    const cmdline = fs.readFileSync(`/proc/${fromFile.child.pid}/cmdline`, 'utf8');
    expect(cmdline).not.toContain(token);
    await stop(fromFile);

    const server = await startBrowserMode(library);
    try {
      const args = fs.readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8');
      expect(args).toContain('web-entry.ts');
      expect(args).not.toContain(server.token);
      expect(server.token.length).toBeGreaterThanOrEqual(32);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('12.20: takes the next free port when the preferred one is taken, and says so', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as net.AddressInfo).port;
    try {
      const s = webEntry(['--library', library, '--port', String(taken)], { COPYDESK_TOKEN: undefined });
      const url = await s.opened;
      expect(url, s.output()).not.toBeNull();
      expect(s.output()).toMatch(new RegExp(`Port ${taken} is in use .* took port \\d+ instead`));
      expect(s.output()).not.toMatch(/EADDRINUSE|at .*\.ts:\d+/);
      const port = Number(new URL(url!).port);
      expect(port).not.toBe(taken);
      const token = new URL(url!).searchParams.get('token')!;
      const res = await fetch(`http://127.0.0.1:${port}/api/call`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-copydesk-token': token }, body: JSON.stringify({ op: 'library.info', input: {} }) });
      expect(((await res.json()) as { data: { path: string } }).data.path).toBe(library);
      await stop(s);
    } finally {
      squatter.close();
    }
  }, 60_000);

  it('12.20: a second start on the same library points to the first; a stale note is replaced', async () => {
    const first = webEntry(['--library', library, '--port', '0']);
    const firstUrl = await first.opened;
    expect(firstUrl, first.output()).not.toBeNull();
    const note = runtimeNotePath(library);
    expect(fs.statSync(note).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(note, 'utf8'))).toMatchObject({ pid: first.child.pid, launchUrl: firstUrl });

    const second = webEntry(['--library', library, '--port', '0']);
    expect(await second.opened).toBe(firstUrl);
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(new RegExp(`already serving .*library\\.sqlite in browser mode \\(process ${first.child.pid}`));

    // Killed outright, the first leaves its note behind: the next start sees it is stale.
    await stop(first, 'SIGKILL');
    expect(fs.existsSync(note)).toBe(true);
    const third = webEntry(['--library', library, '--port', '0']);
    const thirdUrl = await third.opened;
    expect(thirdUrl, third.output()).not.toBeNull();
    expect(thirdUrl).not.toBe(firstUrl);
    expect(JSON.parse(fs.readFileSync(note, 'utf8')).pid).toBe(third.child.pid);
    // A clean stop removes it.
    await stop(third);
    expect(fs.existsSync(note)).toBe(false);
  }, 90_000);
});
