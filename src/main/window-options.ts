import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * Every window's web preferences, in one factory so a test can assert them without Electron.
 * The page is an untrusted document as far as the main process is concerned: isolated, in the
 * OS sandbox, no Node, no webviews, no insecure content, and it reaches the core only through
 * the preload's small client.
 */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Middle-click would otherwise try to open links in new windows (denied anyway, but no need to ask).
    disableBlinkFeatures: 'Auxclick',
    safeDialogs: true,
    spellcheck: true,
    devTools: options.devTools,
  };
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export function mainWindowOptions(args: {
  preloadPath: string;
  bounds: WindowBounds;
  title?: string;
  devTools: boolean;
  icon?: string;
}): BrowserWindowConstructorOptions {
  return {
    ...args.bounds,
    minWidth: 640,
    minHeight: 420,
    title: args.title ?? 'Copydesk',
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    ...(args.icon ? { icon: args.icon } : {}),
    webPreferences: secureWebPreferences(args.preloadPath, { devTools: args.devTools }),
  };
}
