import { runChecks, type CheckInput, type Finding } from '../../../../core/content/checks';

/**
 * Runs the checks in a Web Worker when the platform gives us one (browser mode, Electron pages
 * that allow module workers), else in an idle callback on the main thread. A worker that fails
 * once is not tried again.
 */
let worker: Worker | null | undefined;
let seq = 0;
const waiting = new Map<number, (f: Finding[]) => void>();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./checks.worker.ts', import.meta.url), { type: 'module', name: 'copydesk-checks' });
    worker.onmessage = (e: MessageEvent<{ id: number; findings: Finding[] }>) => {
      waiting.get(e.data.id)?.(e.data.findings);
      waiting.delete(e.data.id);
    };
    worker.onerror = () => {
      // Fall back for good; answer what was waiting on the main thread.
      worker?.terminate();
      worker = null;
    };
  } catch {
    worker = null;
  }
  return worker;
}

function onMainThread(input: CheckInput): Promise<Finding[]> {
  return new Promise((resolve) => {
    const run = () => resolve(runChecks(input));
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 1000 });
    else window.setTimeout(run, 0);
  });
}

export function runChecksAsync(input: CheckInput): Promise<Finding[]> {
  const w = getWorker();
  if (!w) return onMainThread(input);
  const id = ++seq;
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => {
      // No answer (the worker died or never started): do it here.
      if (waiting.delete(id)) void onMainThread(input).then(resolve);
    }, 5_000);
    waiting.set(id, (f) => {
      window.clearTimeout(timer);
      resolve(f);
    });
    try {
      w.postMessage({ id, input });
    } catch {
      waiting.delete(id);
      window.clearTimeout(timer);
      void onMainThread(input).then(resolve);
    }
  });
}
