import { BrowserWindow, screen, type WebContents } from 'electron';
import { mainWindowOptions } from './window-options.js';
import { fitToDisplays, readWindowState, writeWindowState, DEFAULT_SIZE } from './window-state.js';
import { rendererUrl, type RendererLocation } from './security/renderer-location.js';
import { FlushCoordinator } from './flush.js';
import { IPC_CHANNELS } from '../shared/ipc-channels.js';
import type { MenuCommand } from '../shared/menu-commands.js';

/** How long a window waits for its page to save before it closes anyway. */
export const FLUSH_TIMEOUT_MS = 5_000;

interface WindowRecord {
  window: BrowserWindow;
  kind: 'library' | 'article';
  /** The page said it holds unsaved work (host action window.setEdited). */
  edited: boolean;
  /** Set once the flush handshake is over, so the next 'close' goes through. */
  closeAllowed: boolean;
  flushing: boolean;
}

/**
 * Creates and tracks the app's windows: the library window (size and position remembered) and
 * article windows, all on the same renderer and the same secure preferences. Owns the close
 * handshake: a window whose page reported unsaved work asks it to flush before closing.
 */
export class WindowManager {
  private records = new Map<number, WindowRecord>();
  readonly flush = new FlushCoordinator();
  quitting = false;

  constructor(
    private readonly opts: {
      location: RendererLocation;
      preloadPath: string;
      stateFile: string;
      devTools: boolean;
      icon?: string;
      onAllClosedWhileQuitting: () => void;
    },
  ) {}

  get windows(): BrowserWindow[] {
    return [...this.records.values()].map((r) => r.window);
  }

  openLibraryWindow(): BrowserWindow {
    const primary = screen.getPrimaryDisplay();
    const workAreas = [primary.workArea, ...screen.getAllDisplays().filter((d) => d.id !== primary.id).map((d) => d.workArea)];
    const saved = fitToDisplays(readWindowState(this.opts.stateFile), workAreas);
    const win = this.create('library', { x: saved.x, y: saved.y, width: saved.width, height: saved.height }, '');
    if (saved.maximized) win.maximize();
    return win;
  }

  openArticleWindow(articleId: number, parent?: BrowserWindow | null): BrowserWindow {
    const base = parent && !parent.isDestroyed() ? parent.getBounds() : null;
    const bounds = base
      ? { x: base.x + 32, y: base.y + 32, width: Math.min(960, base.width), height: base.height }
      : { width: Math.min(960, DEFAULT_SIZE.width), height: DEFAULT_SIZE.height };
    return this.create('article', bounds, `/article/${articleId}`);
  }

  focusFirst(): void {
    const first = this.windows.find((w) => !w.isDestroyed());
    if (!first) return;
    if (first.isMinimized()) first.restore();
    first.show();
    first.focus();
  }

  /** The window a menu command is for: the focused one, else the library window. */
  target(): BrowserWindow | null {
    const focused = BrowserWindow.getFocusedWindow();
    if (focused && this.records.has(focused.id)) return focused;
    return [...this.records.values()].find((r) => r.kind === 'library')?.window ?? this.windows[0] ?? null;
  }

  send(win: BrowserWindow | null, command: MenuCommand): void {
    if (win && !win.isDestroyed()) win.webContents.send(IPC_CHANNELS.menu, command);
  }

  recordFor(contents: WebContents): WindowRecord | undefined {
    const win = BrowserWindow.fromWebContents(contents);
    return win ? this.records.get(win.id) : undefined;
  }

  setEdited(contents: WebContents, edited: boolean): void {
    const record = this.recordFor(contents);
    if (!record) return;
    record.edited = edited;
    record.window.setDocumentEdited(edited);
  }

  /** Asks every window with unsaved work to save; resolves when all answered or timed out. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.records.values()].filter((r) => r.edited).map((r) => this.flushOne(r)));
  }

  /** After a library switch: article windows belong to the old library and close; the rest reload. */
  resetForNewLibrary(): void {
    for (const record of [...this.records.values()]) {
      record.edited = false;
      if (record.kind === 'article') {
        record.closeAllowed = true;
        record.window.close();
      } else {
        void record.window.loadURL(rendererUrl(this.opts.location));
      }
    }
  }

  private async flushOne(record: WindowRecord): Promise<void> {
    if (record.window.isDestroyed()) return;
    await this.flush.request((requestId) => {
      if (record.window.isDestroyed()) throw new Error('window gone');
      record.window.webContents.send(IPC_CHANNELS.menu, { command: 'window.flush', requestId } satisfies MenuCommand);
    }, FLUSH_TIMEOUT_MS);
    record.edited = false;
  }

  private create(kind: WindowRecord['kind'], bounds: { x?: number; y?: number; width: number; height: number }, route: string): BrowserWindow {
    const options = mainWindowOptions({ preloadPath: this.opts.preloadPath, bounds, devTools: this.opts.devTools, icon: this.opts.icon });
    const win = new BrowserWindow({
      ...options,
      // The factory already sets these (and a test asserts it); restated here, last, so nothing
      // can override them and the static scan (electronegativity) sees them at the call site.
      webPreferences: {
        ...options.webPreferences,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    const record: WindowRecord = { window: win, kind, edited: false, closeAllowed: false, flushing: false };
    const id = win.id;
    this.records.set(id, record);

    win.once('ready-to-show', () => win.show());
    win.on('close', (event) => {
      if (kind === 'library') this.rememberBounds(win);
      if (record.closeAllowed || !record.edited) return;
      event.preventDefault();
      if (record.flushing) return;
      record.flushing = true;
      void this.flushOne(record).finally(() => {
        record.closeAllowed = true;
        if (!win.isDestroyed()) win.close();
      });
    });
    win.on('closed', () => {
      this.records.delete(id);
      if (this.quitting && this.records.size === 0) this.opts.onAllClosedWhileQuitting();
    });
    win.webContents.on('render-process-gone', (_event, details) => {
      console.error(`Copydesk: a window's page stopped (${details.reason}); reloading it.`);
      if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.webContents.reload();
    });

    void win.loadURL(rendererUrl(this.opts.location, route));
    return win;
  }

  private rememberBounds(win: BrowserWindow): void {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    writeWindowState(this.opts.stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  }
}
