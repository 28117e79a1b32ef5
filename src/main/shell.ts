import path from 'node:path';
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { LibrarySession } from './library-session.js';
import { WindowManager } from './windows.js';
import { buildMenuTemplate } from './menu.js';
import { readRecent, withRecent, writeRecent, isOnRecentList } from './recent-libraries.js';
import { CoreError } from '../core/errors.js';

const LIBRARY_FILTERS = [{ name: 'Copydesk library', extensions: ['sqlite', 'copydesk', 'db'] }];

export type OpenResult = { opened: boolean; path?: string };

/**
 * The desktop shell's state: the open library, its windows, the recent list and the menu that
 * shows it. Switching libraries goes through here, from the menu and from host actions alike.
 */
export class Shell {
  readonly session: LibrarySession;
  recent: string[];

  constructor(
    readonly windows: WindowManager,
    private readonly opts: { nativeBinding?: string; recentFile: string; isDev: boolean },
  ) {
    this.session = new LibrarySession({ nativeBinding: opts.nativeBinding });
    this.recent = readRecent(opts.recentFile);
  }

  /** Opens `file` (flushing windows first) and makes it current; a refused file leaves things as they were. */
  async switchTo(file: string, options: { seedIfNew?: boolean } = {}): Promise<OpenResult> {
    const target = path.resolve(file);
    if (target === this.session.path) return { opened: true, path: target };
    await this.windows.flushAll();
    await this.session.open(target, options);
    this.remember(target);
    this.windows.resetForNewLibrary();
    return { opened: true, path: target };
  }

  remember(libraryPath: string): void {
    this.recent = withRecent(this.recent, libraryPath);
    writeRecent(this.opts.recentFile, this.recent);
    this.refreshMenu();
  }

  async openLibraryDialog(parent: BrowserWindow | null): Promise<OpenResult> {
    const options = {
      title: 'Open Library',
      properties: ['openFile'] as Array<'openFile'>,
      filters: [...LIBRARY_FILTERS, { name: 'All files', extensions: ['*'] }],
      defaultPath: this.session.path ? path.dirname(this.session.path) : app.getPath('documents'),
    };
    const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    const file = choice.filePaths[0];
    if (choice.canceled || !file) return { opened: false };
    return this.switchTo(file);
  }

  async createLibraryDialog(parent: BrowserWindow | null): Promise<OpenResult> {
    const options = {
      title: 'New Library',
      buttonLabel: 'Create',
      filters: LIBRARY_FILTERS,
      defaultPath: path.join(app.getPath('documents'), 'Copydesk library.sqlite'),
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
    };
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { opened: false };
    // A "new" library over an existing file would open that file instead: refuse, say why.
    const { existsSync, statSync } = await import('node:fs');
    if (existsSync(choice.filePath) && statSync(choice.filePath).size > 0) {
      throw new CoreError('validation', `${choice.filePath} already exists. Choose Open Library… to open it, or pick a new name.`);
    }
    return this.switchTo(choice.filePath, { seedIfNew: false });
  }

  async openRecent(file: string): Promise<OpenResult> {
    if (!isOnRecentList(this.recent, file)) {
      throw new CoreError('forbidden', 'Only a library on the recent list can be reopened this way.');
    }
    return this.switchTo(file);
  }

  clearRecent(): void {
    this.recent = this.session.path ? [this.session.path] : [];
    writeRecent(this.opts.recentFile, this.recent);
    this.refreshMenu();
  }

  /** Menu-initiated actions report failures in a dialog: there is no page waiting for a Result. */
  async fromMenu(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (err) {
      const parent = this.windows.target();
      const message = err instanceof Error ? err.message : String(err);
      if (parent) await dialog.showMessageBox(parent, { type: 'error', message: 'Copydesk could not do that', detail: message });
      else dialog.showErrorBox('Copydesk could not do that', message);
    }
  }

  refreshMenu(): void {
    const w = this.windows;
    const template = buildMenuTemplate({
      platform: process.platform,
      appName: app.getName(),
      recent: this.recent,
      currentLibrary: this.session.path,
      isDev: this.opts.isDev,
      actions: {
        newArticle: () => w.send(w.target(), { command: 'article.new' }),
        openArticleInNewWindow: () => w.send(w.target(), { command: 'article.openInNewWindow' }),
        openLibrary: () => void this.fromMenu(() => this.openLibraryDialog(w.target())),
        createLibrary: () => void this.fromMenu(() => this.createLibraryDialog(w.target())),
        openRecent: (p) => void this.fromMenu(() => this.openRecent(p)),
        clearRecent: () => this.clearRecent(),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }
}
