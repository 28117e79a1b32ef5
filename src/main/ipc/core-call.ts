import { dispatch } from '../../core/api/dispatch.js';
import type { CoreContext, Result } from '../../core/api/contract.js';
import { isTrustedSender } from '../security/sender.js';
import type { RendererLocation } from '../security/renderer-location.js';
import type { InvokeEventLike } from './ipc-event.js';

export interface CoreCallDeps {
  /** The open library, or null while none is open (switching, or failed to open). */
  context: () => CoreContext | null;
  location: RendererLocation;
}

/**
 * The handler behind `ipcMain.handle('copydesk:call')`. It checks who is asking, then hands
 * {op, input} to the contract's one dispatch, whose operation registry is the allow-list. It
 * never throws: Electron would keep only the message of a thrown error, so every failure,
 * including a refused sender or a bug, comes back as `{ok: false, error}`.
 */
export function createCoreCallHandler(deps: CoreCallDeps) {
  return async function handleCoreCall(event: InvokeEventLike, payload: unknown): Promise<Result<unknown>> {
    try {
      if (!isTrustedSender(event?.senderFrame, deps.location)) {
        return { ok: false, error: { code: 'forbidden', message: 'This call did not come from the Copydesk window and was refused.' } };
      }
      if (typeof payload !== 'object' || payload === null || typeof (payload as { op?: unknown }).op !== 'string') {
        return { ok: false, error: { code: 'validation', message: 'A call needs the shape {op: string, input}.' } };
      }
      const ctx = deps.context();
      if (!ctx) {
        return { ok: false, error: { code: 'unsupported_library', message: 'No library is open. Open or create one from the File menu.' } };
      }
      const { op, input } = payload as { op: string; input?: unknown };
      return await dispatch(ctx, op, input);
    } catch (err) {
      // dispatch already turns handler failures into values; this only catches our own bugs.
      return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
    }
  };
}
