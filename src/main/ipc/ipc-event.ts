import type { SenderFrameLike } from '../security/sender.js';

/** The part of Electron's IpcMainInvokeEvent the handlers look at (a test passes a plain object). */
export interface InvokeEventLike {
  senderFrame: SenderFrameLike | null;
  sender?: { id: number };
}
