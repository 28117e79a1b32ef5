import type { App, Session, WebContents } from 'electron';
import { decidePermission, decideWindowOpen, isAllowedNavigation } from './navigation.js';
import { RENDERER_CSP_HEADER, serializeCsp, devCspDirectives, ASSET_SCHEME } from './csp.js';
import type { RendererLocation } from './renderer-location.js';

/**
 * Wires the pure decisions of navigation.ts into Electron. Applied to *every* web contents the
 * app ever creates (web-contents-created), not only to the windows we make ourselves, so a
 * webview or a window a page manages to open is covered as well.
 */
export function installWebContentsGuards(
  app: Pick<App, 'on'>,
  location: RendererLocation,
  openExternal: (url: string) => void,
): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, location, openExternal));
}

export function guardWebContents(contents: WebContents, location: RendererLocation, openExternal: (url: string) => void): void {
  // No <webview> ever: the renderer has no use for one and it would run with its own preferences.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, location)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url, location)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, location)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternal) openExternal(decision.openExternal);
    return { action: 'deny' };
  });
}

/**
 * Session-wide: deny every permission, refuse network requests to anywhere but the dev server
 * (the app is offline; a request out is either a bug or an injected resource), and put the CSP
 * header on dev-server responses.
 */
export function guardSession(session: Session, location: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  session.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));

  const devOrigin = location.kind === 'dev' ? location.origin : null;
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    const allowed = devOrigin !== null && sameDevOrigin(details.url, devOrigin);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (devOrigin && details.resourceType === 'mainFrame' && sameDevOrigin(details.url, devOrigin)) {
      const headers = { ...details.responseHeaders, 'Content-Security-Policy': [serializeCsp(devCspDirectives(devOrigin))] };
      callback({ responseHeaders: headers });
      return;
    }
    callback({});
  });
}

function sameDevOrigin(url: string, devOrigin: string): boolean {
  try {
    const u = new URL(url);
    return u.origin === devOrigin || u.origin === devOrigin.replace(/^http/, 'ws');
  } catch {
    return false;
  }
}

/** Registered before `ready`: a standard, secure scheme so <img src="copydesk-asset://…"> works under the CSP. */
export const ASSET_SCHEME_PRIVILEGES = {
  scheme: ASSET_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, bypassCSP: false, stream: false },
} as const;

export { RENDERER_CSP_HEADER };
