import type { z } from 'zod';
import type { Result } from '../../core/api/contract.js';
import { toContractError } from '../../core/api/dispatch.js';
import { hostActions, isHostActionName, type HostActionName, type HostActions } from '../../shared/host-actions.js';
import { isTrustedSender } from '../security/sender.js';
import type { RendererLocation } from '../security/renderer-location.js';
import type { InvokeEventLike } from './ipc-event.js';

/** What each host action does; the Electron implementation lives in host-services.ts. */
export type HostServices = {
  [A in HostActionName]: (
    input: z.output<HostActions[A]['input']>,
    event: InvokeEventLike,
  ) => Promise<z.input<HostActions[A]['output']>> | z.input<HostActions[A]['output']>;
};

/**
 * The handler behind `ipcMain.handle('copydesk:host')`: same sender check as contract calls,
 * then the action name against the host allow-list and its input against a strict schema.
 * Like the contract, it answers with a Result value and never throws across IPC.
 */
export function createHostCallHandler(deps: { services: HostServices; location: RendererLocation }) {
  return async function handleHostCall(event: InvokeEventLike, payload: unknown): Promise<Result<unknown>> {
    try {
      if (!isTrustedSender(event?.senderFrame, deps.location)) {
        return { ok: false, error: { code: 'forbidden', message: 'This request did not come from the Copydesk window and was refused.' } };
      }
      const { action, input } = (typeof payload === 'object' && payload !== null ? payload : {}) as { action?: unknown; input?: unknown };
      if (!isHostActionName(action)) {
        return { ok: false, error: { code: 'not_found', message: `There is no host action named ${JSON.stringify(String(action).slice(0, 100))}.` } };
      }
      const spec = hostActions[action];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        const why = parsed.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`).join('; ');
        return { ok: false, error: { code: 'validation', message: `${action}: ${why}` } };
      }
      const run = deps.services[action] as (i: unknown, e: InvokeEventLike) => unknown;
      const data = await run(parsed.data, event);
      const checked = spec.output.safeParse(data);
      if (!checked.success) return { ok: false, error: { code: 'internal', message: `${action} produced a malformed result.` } };
      return { ok: true, data: checked.data };
    } catch (err) {
      return { ok: false, error: toContractError(err) };
    }
  };
}
