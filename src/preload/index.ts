/**
 * The preload: runs sandboxed (CommonJS, only Electron's `contextBridge` and `ipcRenderer`
 * available, no npm imports) and exposes exactly one small client to the page. The page never
 * sees `ipcRenderer`, an event object or a channel name it could choose: `call` and `host` go to
 * two fixed invoke channels that the main process allow-lists, and menu commands arrive as plain
 * data.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc-channels.js';
import type { CopydeskBridge } from '../shared/bridge-types.js';

const MAX_NAME = 200;

function checkName(kind: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME) {
    throw new TypeError(`copydesk.${kind}: the name must be a non-empty string`);
  }
}

const bridge = {
  call(op: string, input: unknown) {
    checkName('call', op);
    // Structured clone carries the input; the main process validates it against the contract.
    return ipcRenderer.invoke(IPC_CHANNELS.call, { op, input });
  },
  host(action: string, input: unknown) {
    checkName('host', action);
    return ipcRenderer.invoke(IPC_CHANNELS.host, { action, input });
  },
  onMenuCommand(callback: (command: unknown) => void) {
    if (typeof callback !== 'function') throw new TypeError('copydesk.onMenuCommand: a callback function is required');
    // Hand the page the command only, never the event (it carries `sender`).
    const listener = (_event: IpcRendererEvent, command: unknown) => callback(command);
    ipcRenderer.on(IPC_CHANNELS.menu, listener);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.menu, listener);
    };
  },
  platform: process.platform,
} as unknown as CopydeskBridge;

contextBridge.exposeInMainWorld('copydesk', bridge);
