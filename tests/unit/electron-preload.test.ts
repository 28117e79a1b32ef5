// The preload as built: evaluated in a bare vm context with stand-ins for the two Electron APIs a
// sandboxed preload may use (contextBridge, ipcRenderer). This is a harness around Electron's API,
// not a mock of Copydesk: it records what the preload exposes and what it sends.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../src/shared/ipc-channels.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILT = path.join(ROOT, 'out', 'preload', 'index.cjs');
const SOURCES = [path.join(ROOT, 'src/preload/index.ts'), path.join(ROOT, 'src/shared/ipc-channels.ts'), path.join(ROOT, 'electron.vite.config.ts')];

/** Builds with electron-vite when out/preload is missing or older than its sources. */
function builtPreload(): string {
  const fresh = fs.existsSync(BUILT) && SOURCES.every((s) => fs.statSync(s).mtimeMs <= fs.statSync(BUILT).mtimeMs);
  if (!fresh) {
    console.log('out/preload/index.cjs is missing or stale: running `electron-vite build` first');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stderr}\n${r.stdout}`);
  }
  return fs.readFileSync(BUILT, 'utf8');
}

interface Harness {
  exposed: Array<{ key: string; api: Record<string, unknown> }>;
  invoked: Array<{ channel: string; args: unknown[] }>;
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
  required: string[];
}

function evaluatePreload(source: string): Harness {
  const h: Harness = { exposed: [], invoked: [], listeners: new Map(), required: [] };
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: Record<string, unknown>) {
        h.exposed.push({ key, api });
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        h.invoked.push({ channel, args });
        return Promise.resolve({ ok: true, data: null });
      },
      on(channel: string, listener: (...args: unknown[]) => void) {
        if (!h.listeners.has(channel)) h.listeners.set(channel, new Set());
        h.listeners.get(channel)!.add(listener);
      },
      removeListener(channel: string, listener: (...args: unknown[]) => void) {
        h.listeners.get(channel)?.delete(listener);
      },
      send() {
        throw new Error('the preload must not use ipcRenderer.send');
      },
      sendSync() {
        throw new Error('the preload must not use ipcRenderer.sendSync');
      },
    },
  };
  const module = { exports: {} };
  // What a sandboxed preload gets: a limited `require` and `process`. Anything else would throw.
  const context = vm.createContext({
    module,
    exports: module.exports,
    process: { platform: 'linux' },
    require(name: string) {
      h.required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${JSON.stringify(name)}`);
    },
  });
  vm.runInContext(source, context, { filename: BUILT });
  return h;
}

describe('preload (built output)', () => {
  let source: string;
  beforeAll(() => {
    source = builtPreload();
  });

  it('is CommonJS with no import statements and requires nothing but electron', () => {
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/^\s*export\s/m);
    const requires = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    const h = evaluatePreload(source);
    expect(new Set(h.required)).toEqual(new Set(['electron']));
  });

  it('exposes exactly one object, `copydesk`, with exactly call, host, onMenuCommand and platform', () => {
    const h = evaluatePreload(source);
    expect(h.exposed.map((e) => e.key)).toEqual(['copydesk']);
    const api = h.exposed[0]!.api;
    expect(Object.keys(api).sort()).toEqual(['call', 'host', 'onMenuCommand', 'platform']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.host).toBe('function');
    expect(typeof api.onMenuCommand).toBe('function');
    expect(api.platform).toBe('linux');
  });

  it('call and host go to the two fixed invoke channels, carrying the input as data', async () => {
    const h = evaluatePreload(source);
    const api = h.exposed[0]!.api as { call: (op: unknown, input: unknown) => Promise<unknown>; host: (a: unknown, i: unknown) => Promise<unknown> };
    const input = { title: '都昌', nested: { n: 1 } };
    await api.call('articles.create', input);
    await api.host('window.openArticle', { id: 4 });
    expect(h.invoked).toEqual([
      { channel: IPC_CHANNELS.call, args: [{ op: 'articles.create', input }] },
      { channel: IPC_CHANNELS.host, args: [{ action: 'window.openArticle', input: { id: 4 } }] },
    ]);
    // The page cannot pick a channel: whatever it passes, only the two fixed channels are used.
    expect(() => api.call({ toString: () => 'copydesk:menu' }, {})).toThrow(/copydesk\./);
    expect(() => api.call('', {})).toThrow(/copydesk\./);
    expect(() => api.host('x'.repeat(1000), {})).toThrow(/copydesk\./);
    expect(new Set(h.invoked.map((i) => i.channel))).toEqual(new Set([IPC_CHANNELS.call, IPC_CHANNELS.host]));
  });

  it('onMenuCommand hands the page the command only (never the event) and can unsubscribe', () => {
    const h = evaluatePreload(source);
    const api = h.exposed[0]!.api as { onMenuCommand: (cb: (...args: unknown[]) => void) => () => void };
    const received: unknown[][] = [];
    const off = api.onMenuCommand((...args) => received.push(args));
    expect([...h.listeners.keys()]).toEqual([IPC_CHANNELS.menu]);
    const fakeEvent = { sender: { send: () => {} }, ports: [] };
    for (const l of h.listeners.get(IPC_CHANNELS.menu)!) l(fakeEvent, { command: 'article.new' });
    expect(received).toEqual([[{ command: 'article.new' }]]);
    off();
    expect(h.listeners.get(IPC_CHANNELS.menu)!.size).toBe(0);
    expect(() => api.onMenuCommand('not a function' as never)).toThrow(/copydesk\./);
  });
});
