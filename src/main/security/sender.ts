import { isAppUrl, type RendererLocation } from './renderer-location.js';

/** The part of Electron's WebFrameMain the check needs. */
export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

/**
 * An IPC message is trusted only when it comes from the top frame of a page showing the app's
 * own renderer. A destroyed frame (null), a sub-frame, or any other document is refused.
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, location: RendererLocation): boolean {
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url, location);
}
