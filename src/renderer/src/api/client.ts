/**
 * The renderer's only door to the core: one typed `call` over whichever transport this page
 * has — Electron's preload bridge (`window.copydesk`) or browser mode's loopback HTTP endpoint.
 * Only types come from the core; no core code runs in the renderer.
 */
import type { OperationName } from '../../../core/api/operations/index.js';
import type { InputOf, OutputOf } from '../../../core/api/dispatch.js';
import type { ContractError, Result } from '../../../core/api/contract.js';

export type { OperationName, InputOf, OutputOf, ContractError };

// `window.copydesk` (Electron's preload bridge) is typed in src/shared/bridge-types.ts.
import type {} from '../../../shared/bridge-types.js';
import { phraseCurrent } from '../i18n/errors';

/** An error value from the core, thrown inside the renderer so callers can `catch` it. */
/** Its message is phrased in the interface's language (i18n/errors.ts); `error.message` keeps the core's. */
export class ApiError extends Error {
  constructor(readonly error: ContractError) {
    super(phraseCurrent(error));
    this.name = 'ApiError';
  }
  get code() {
    return this.error.code;
  }
}

/**
 * Browser mode signs in with an HttpOnly session cookie the server sets when the launch URL is
 * opened (and the token is dropped from the address there), so the page never holds the token:
 * its calls carry the cookie plus this header, which no other origin can add without a CORS
 * preflight the server never answers.
 */
const PAGE_HEADER = 'x-copydesk-page';

export const transport: 'electron' | 'browser' = typeof window !== 'undefined' && window.copydesk ? 'electron' : 'browser';

async function send(op: string, input: unknown): Promise<Result<unknown>> {
  if (window.copydesk) return (window.copydesk.call as (o: string, i: unknown) => Promise<Result<unknown>>)(op, input);
  let res: Response;
  try {
    res = await fetch('/api/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PAGE_HEADER]: '1' },
      credentials: 'same-origin',
      body: JSON.stringify({ op, input }),
    });
  } catch (err) {
    return { ok: false, error: { code: 'io', message: `Copydesk's local server did not answer (${(err as Error).message}). Is it still running?`, details: { key: 'transport.noAnswer' } } };
  }
  try {
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'io', message: `Unexpected answer from the local server (HTTP ${res.status}).`, details: { key: 'transport.badAnswer', params: { status: res.status } } } };
  }
}

export async function call<N extends OperationName>(op: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const result = await send(op, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.data as OutputOf<N>;
}

/** URL of a library asset for <img src>, in either transport (browser mode: the cookie admits it). */
export function assetUrl(sha256: string): string {
  return transport === 'electron' ? `copydesk-asset://${sha256}` : `/media/${sha256}`;
}

/** Open URL for a new window/tab showing one article (browser mode: the cookie goes with it). */
export function articleWindowUrl(id: number): string {
  return `${window.location.pathname}#/article/${id}`;
}
