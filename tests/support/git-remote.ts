import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A bare repository playing the desk's remote (a plain path remote). */
export function makeBareRemote(dir: string, name = 'desk.git'): string {
  const repo = path.join(dir, name);
  const r = spawnSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', repo], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return repo;
}

export function git(args: string[], cwd?: string, env: Record<string, string> = {}): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

export interface GitDaemon { url(name: string): string; port: number; stop(): Promise<void> }

/** A real `git daemon` on 127.0.0.1 on a free port, serving every repository under baseDir, pushes allowed. */
export async function startGitDaemon(baseDir: string): Promise<GitDaemon> {
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    const child: ChildProcess = spawn('git', ['daemon', `--base-path=${baseDir}`, '--export-all', '--enable=receive-pack', '--reuseaddr',
      '--listen=127.0.0.1', `--port=${port}`, baseDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let exited = false;
    child.once('exit', () => { exited = true; });
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline && !(await accepts(port))) await new Promise((r) => setTimeout(r, 25));
    if (!exited && (await accepts(port))) {
      return {
        port,
        url: (name) => `git://127.0.0.1:${port}/${name}`,
        stop: () => new Promise((resolve) => { if (exited) resolve(); else { child.once('exit', () => resolve()); child.kill('SIGTERM'); } }),
      };
    }
    child.kill('SIGKILL');
    if (tries >= 3) throw new Error('git daemon did not start');
  }
}

export const fileExists = (p: string) => fs.existsSync(p);
