import { isAppUrl, type RendererLocation } from './renderer-location.js';

/**
 * Pure decisions behind the window guards, so they can be tested without Electron.
 * The page may stay on its own document (hash routes, reload); everything else is denied.
 * A link meant for the outside world opens in the system browser, and only when it is a plain
 * http(s) URL: never file:, javascript:, data:, custom schemes or URLs with credentials.
 */

const MAX_EXTERNAL_URL = 2048;

/** Returns the normalised URL if it is safe to hand to the system browser, else null. */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  if (!url.hostname) return null;
  return url.href;
}

/** `will-navigate` / `will-redirect`: may this window's main frame go to `url`? */
export function isAllowedNavigation(url: string, location: RendererLocation): boolean {
  return isAppUrl(url, location);
}

export interface WindowOpenDecision {
  action: 'deny';
  /** Set when the URL should open in the system browser instead. */
  openExternal?: string;
}

/**
 * `setWindowOpenHandler`: no page ever gets a new Electron window by itself (article windows are
 * opened by the main process on a host action). An http(s) link goes to the system browser.
 */
export function decideWindowOpen(url: string): WindowOpenDecision {
  const external = safeExternalUrl(url);
  return external ? { action: 'deny', openExternal: external } : { action: 'deny' };
}

/**
 * Permission requests and checks (camera, microphone, notifications, geolocation, clipboard
 * read, HID, serial, fullscreen by the page…): an offline editor needs none of them.
 */
export function decidePermission(_permission: string): boolean {
  return false;
}
