import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Runs a worker script (tests/unit/workers/<name>.ts) as a real child process that a test can
 * SIGKILL.
 *
 * By default the worker is bundled once per test file with esbuild (the transformer tsx itself
 * uses) and started with plain `node`: under `node --import tsx` every one of the core's few
 * hundred modules goes through the loader thread, which costs ~1.7 s of CPU per process here
 * against ~0.5 s for the bundle, and the crash test starts 50+ processes on a shared 2-core
 * machine. COPYDESK_WORKER_RUNTIME=tsx runs the .ts file through tsx instead (same code path,
 * slower start).
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'copydesk-test-workers');
const built = new Map<string, Promise<string[]>>();

export function workerCommand(name: string): Promise<string[]> {
  let cmd = built.get(name);
  if (!cmd) {
    cmd = build(name);
    built.set(name, cmd);
  }
  return cmd;
}

async function build(name: string): Promise<string[]> {
  const source = path.join(ROOT, 'tests', 'unit', 'workers', `${name}.ts`);
  if (process.env.COPYDESK_WORKER_RUNTIME === 'tsx') return ['--import', 'tsx', source];
  const { build: esbuild } = await import('esbuild');
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // One bundle per test process (test files run in parallel); old ones are swept here.
  for (const f of fs.readdirSync(OUT_DIR)) {
    const file = path.join(OUT_DIR, f);
    if (Date.now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true });
  }
  const out = path.join(OUT_DIR, `${name}-${process.pid}.mjs`);
  process.once('exit', () => fs.rmSync(out, { force: true }));
  await esbuild({
    entryPoints: [source],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'esbuild'],
    // Bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cdRequire } from 'node:module'; const require = __cdRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return [out];
}

export interface RunningWorker {
  child: ChildProcessWithoutNullStreams;
  /** Every stdout line so far. */
  lines: string[];
  stderr(): string;
  /** Resolves with the first line (already seen or future) that matches. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  send(line: string): void;
  /** Resolves when the process has exited, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startWorker(name: string, args: string[], options: { prefix?: string[] } = {}): Promise<RunningWorker> {
  const cmd = await workerCommand(name);
  const [exe, ...pre] = options.prefix ?? [];
  const child = exe
    ? spawn(exe, [...pre, process.execPath, ...cmd, ...args], { cwd: ROOT, stdio: 'pipe' })
    : spawn(process.execPath, [...cmd, ...args], { cwd: ROOT, stdio: 'pipe' });
  const lines: string[] = [];
  let err = '';
  let partial = '';
  const waiters: Array<{ match: (l: string) => boolean; resolve: (l: string) => void }> = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    partial += chunk;
    let nl;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => (err += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    send: (line) => child.stdin.write(`${line}\n`),
    waitFor(match, timeoutMs = 20_000) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${name}: no matching line within ${timeoutMs} ms; stdout: ${lines.slice(-5).join(' | ')}; stderr: ${err.slice(-2000)}`)), timeoutMs);
        waiters.push({ match, resolve: (l) => { clearTimeout(timer); resolve(l); } });
        void exited.then(() => {
          // Give the last chunk of stdout a moment to be parsed before giving up.
          setTimeout(() => {
            const late = lines.find(match);
            if (late !== undefined) { clearTimeout(timer); resolve(late); return; }
            if (done) { clearTimeout(timer); reject(new Error(`worker ${name} exited before a matching line; stdout: ${lines.slice(-5).join(' | ')}; stderr: ${err.slice(-2000)}`)); }
          }, 20);
        });
      });
    },
  };
}
