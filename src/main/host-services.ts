import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import type { HostServices } from './ipc/host-call.js';
import type { InvokeEventLike } from './ipc/ipc-event.js';
import type { Shell } from './shell.js';
import { HOST_LIMITS } from '../shared/host-actions.js';
import { CoreError } from '../core/errors.js';

function senderWindow(event: InvokeEventLike): BrowserWindow | null {
  const sender = (event as { sender?: WebContents }).sender;
  return sender ? BrowserWindow.fromWebContents(sender) : null;
}

function sender(event: InvokeEventLike): WebContents | null {
  return (event as { sender?: WebContents }).sender ?? null;
}

/**
 * The Electron side of the host actions (their inputs are already validated by host-call.ts).
 * Files are only ever written or read where the user pointed a native dialog.
 */
export function createHostServices(shell: Shell): HostServices {
  return {
    'library.current': () => ({
      path: shell.session.path ?? '',
      recent: shell.recent.map((p) => ({ path: p, name: path.basename(p) })),
    }),
    'library.openDialog': (_input, event) => shell.openLibraryDialog(senderWindow(event)),
    'library.createDialog': (_input, event) => shell.createLibraryDialog(senderWindow(event)),
    'library.openRecent': ({ path: p }) => shell.openRecent(p),
    'window.openArticle': ({ id }, event) => {
      shell.windows.openArticleWindow(id, senderWindow(event));
      return { opened: true as const };
    },
    'window.setEdited': ({ edited }, event) => {
      const contents = sender(event);
      if (contents) shell.windows.setEdited(contents, edited);
      return {};
    },
    'window.flushed': ({ requestId }) => {
      shell.windows.flush.acknowledge(requestId);
      return {};
    },
    'file.saveAs': async ({ suggestedName, content, filters }, event) => {
      const parent = senderWindow(event);
      const options = { defaultPath: path.join(app.getPath('documents'), suggestedName), filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'> };
      const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
      // Write beside the target and rename, so a failed write never leaves half a file.
      const tmp = path.join(path.dirname(choice.filePath), `.${path.basename(choice.filePath)}.${process.pid}.tmp`);
      try {
        await fs.writeFile(tmp, bytes, { flag: 'wx' });
        await fs.rename(tmp, choice.filePath);
      } catch (err) {
        await fs.rm(tmp, { force: true });
        throw new CoreError('io', `Could not write ${choice.filePath}: ${(err as Error).message}`);
      }
      return { saved: true, path: choice.filePath, bytes: bytes.byteLength };
    },
    'file.open': async ({ filters, multiple }, event) => {
      const parent = senderWindow(event);
      const properties: Array<'openFile' | 'multiSelections'> = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
      const choice = parent ? await dialog.showOpenDialog(parent, { filters, properties }) : await dialog.showOpenDialog({ filters, properties });
      if (choice.canceled) return { files: [] };
      let total = 0;
      const files = [];
      for (const file of choice.filePaths) {
        const stat = await fs.stat(file);
        if (!stat.isFile()) throw new CoreError('validation', `${path.basename(file)} is not a regular file.`);
        total += stat.size;
        if (total > HOST_LIMITS.fileBytes) {
          throw new CoreError('validation', `The chosen files are larger than ${HOST_LIMITS.fileBytes / 1024 / 1024} MB together; choose fewer or smaller files.`);
        }
        const content = new Uint8Array(await fs.readFile(file));
        files.push({ name: path.basename(file), bytes: content.byteLength, content });
      }
      return { files };
    },
    'folder.pick': async ({ title }, event) => {
      const parent = senderWindow(event);
      const options = { ...(title ? { title } : {}), properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
      const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      const picked = choice.canceled ? undefined : choice.filePaths[0];
      return picked ? { path: picked } : {};
    },
  };
}
