/**
 * Copydesk's Electron main process: lifecycle and wiring only. Everything a Node test needs
 * lives in src/core; the pure decisions of this process (security, window state, menu shape,
 * IPC checks) live in small modules beside this one and are tested without Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, protocol, session, shell as electronShell } from 'electron';
import { resolveLibraryPath, userDataDir } from '../core/db/paths.js';
import { IPC_CHANNELS } from '../shared/ipc-channels.js';
import { ASSET_SCHEME } from './security/csp.js';
import { ASSET_SCHEME_PRIVILEGES, guardSession, installWebContentsGuards } from './security/guards.js';
import { devRenderer, fileRenderer, type RendererLocation } from './security/renderer-location.js';
import { createCoreCallHandler } from './ipc/core-call.js';
import { createHostCallHandler } from './ipc/host-call.js';
import { createHostServices } from './host-services.js';
import { createAssetHandler } from './asset-protocol.js';
import { findElectronNativeBinding } from './native-binding.js';
import { WindowManager } from './windows.js';
import { Shell } from './shell.js';
import { onQuit, runQuitHooks } from './quit-hooks.js';
import { autoBackup } from '../core/db/backups.js';
import { runSelfTest, selfTestTarget } from './self-test.js';

// Automatic rotating backups: on quit, and hourly while running (autoBackup makes at most one a
// day and prunes the rest by the policy in core/db/backups.ts).
onQuit('automatic backup', async ({ db, libraryPath }) => {
  await autoBackup(db, libraryPath);
});
const BACKUP_CHECK_MS = 60 * 60 * 1000;

// ---- Before `ready` -------------------------------------------------------------------------

app.setName('Copydesk');
// Same folder as the CLI and browser mode (src/core/db/paths.ts), so all three find one library.
app.setPath('userData', userDataDir());
// Every renderer in the OS sandbox, whatever a window's own options say.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([ASSET_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // Another Copydesk is running: it gets 'second-instance' and comes to the front.
  app.quit();
} else {
  start();
}

function start(): void {
  const isDev = !app.isPackaged;
  const devUrl = isDev ? process.env.ELECTRON_RENDERER_URL : undefined;
  const location: RendererLocation = devUrl ? devRenderer(devUrl) : fileRenderer(path.join(import.meta.dirname, '../renderer/index.html'));
  const appRoot = app.getAppPath();
  const iconPath = path.join(appRoot, 'resources', 'icon.png');

  const windows = new WindowManager({
    location,
    preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
    stateFile: path.join(app.getPath('userData'), 'window-state.json'),
    devTools: isDev,
    icon: fs.existsSync(iconPath) ? iconPath : undefined,
    onAllClosedWhileQuitting: () => app.quit(),
  });
  const shell = new Shell(windows, {
    nativeBinding: findElectronNativeBinding(appRoot, app.isPackaged),
    recentFile: path.join(app.getPath('userData'), 'recent-libraries.json'),
    isDev,
  });

  installWebContentsGuards(app, location, (url) => void electronShell.openExternal(url));

  app.on('second-instance', () => {
    if (windows.windows.length) windows.focusFirst();
    else if (shell.session.context) windows.openLibraryWindow();
  });

  app.whenReady().then(async () => {
    guardSession(session.defaultSession, location);
    protocol.handle(ASSET_SCHEME, createAssetHandler(() => shell.session.context?.db ?? null));
    ipcMain.handle(IPC_CHANNELS.call, createCoreCallHandler({ context: () => shell.session.context, location }));
    ipcMain.handle(IPC_CHANNELS.host, createHostCallHandler({ services: createHostServices(shell), location }));

    shell.refreshMenu();
    if (!(await openInitialLibrary(shell, resolveLibraryPath(process.argv)))) {
      app.quit();
      return;
    }
    const first = windows.openLibraryWindow();
    setInterval(() => {
      const ctx = shell.session.context;
      if (ctx) autoBackup(ctx.db, ctx.libraryPath).catch((err: unknown) => console.error('Copydesk: automatic backup failed:', err));
    }, BACKUP_CHECK_MS).unref();
    const selfTest = selfTestTarget();
    if (selfTest) runSelfTest(first, selfTest, () => app.quit());

    app.on('activate', () => {
      if (windows.windows.length === 0) windows.openLibraryWindow();
    });
  }).catch((err: unknown) => {
    dialog.showErrorBox('Copydesk could not start', err instanceof Error ? err.stack ?? err.message : String(err));
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    windows.quitting = true;
  });

  let cleanedUp = false;
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    void (async () => {
      const ctx = shell.session.context;
      // Hook point for the automatic backup on quit (see quit-hooks.ts): the library is still open.
      if (ctx) await runQuitHooks({ db: ctx.db, libraryPath: ctx.libraryPath });
      shell.session.close();
      cleanedUp = true;
      app.quit();
    })();
  });
}

/**
 * The library named by `--library`, COPYDESK_LIBRARY or the default. When it cannot be opened,
 * the user is told why and may pick another or create one; nothing is written to the refused file.
 */
async function openInitialLibrary(shell: Shell, file: string): Promise<boolean> {
  try {
    await shell.session.open(file);
    shell.remember(file);
    return true;
  } catch (err) {
    let message = explainOpenError(err);
    for (;;) {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        message: 'Copydesk could not open the library',
        detail: message,
        buttons: ['Open Another Library…', 'New Library…', 'Quit'],
        defaultId: 0,
        cancelId: 2,
      });
      if (response === 2) return false;
      try {
        const result = response === 0 ? await shell.openLibraryDialog(null) : await shell.createLibraryDialog(null);
        if (result.opened) return true;
      } catch (again) {
        message = explainOpenError(again);
      }
    }
  }
}

function explainOpenError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    return `${message}\n\nbetter-sqlite3 is not built for this Electron. Start Copydesk with \`npm start\`, which builds it into .electron-native/.`;
  }
  return message;
}
