import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu as a plain template (built into a Menu by the caller), so its shape can be
 * checked without Electron. Standard roles do the platform's usual work (edit, view, window,
 * the macOS app menu); File carries Copydesk's own commands.
 */
export interface MenuActions {
  newArticle(): void;
  openLibrary(): void;
  createLibrary(): void;
  openRecent(libraryPath: string): void;
  clearRecent(): void;
  openArticleInNewWindow(): void;
}

export function buildMenuTemplate(args: {
  platform: NodeJS.Platform;
  appName: string;
  recent: readonly string[];
  currentLibrary: string | null;
  isDev: boolean;
  actions: MenuActions;
}): MenuItemConstructorOptions[] {
  const { platform, actions } = args;
  const isMac = platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] = args.recent.length
    ? [
        ...args.recent.map<MenuItemConstructorOptions>((p) => ({
          label: `${path.basename(p)} — ${path.dirname(p)}`,
          type: p === args.currentLibrary ? 'checkbox' : 'normal',
          checked: p === args.currentLibrary,
          click: () => actions.openRecent(p),
        })),
        { type: 'separator' },
        { label: 'Clear Recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No Recent Libraries', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Article', accelerator: 'CmdOrCtrl+N', click: () => actions.newArticle() },
      { label: 'Open Article in New Window', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.openArticleInNewWindow() },
      { type: 'separator' },
      { label: 'Open Library…', accelerator: 'CmdOrCtrl+O', click: () => actions.openLibrary() },
      { label: 'New Library…', click: () => actions.createLibrary() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(args.isDev ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  return [
    ...(isMac ? [{ label: args.appName, role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Copydesk', role: 'about' }] },
  ];
}
