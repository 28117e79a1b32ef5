/**
 * Every failure that crosses the contract is a CoreError with a code a caller can branch on.
 * Electron keeps only the message of a thrown error across IPC, so dispatch turns these into
 * `{ok: false, error}` values instead of letting them propagate.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unsupported_library'
  | 'io'
  | 'internal';

export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export const notFound = (what: string, id: unknown): CoreError =>
  new CoreError('not_found', `${what} ${JSON.stringify(id)} does not exist.`, { id });

export const invalid = (message: string, details?: Record<string, unknown>): CoreError =>
  new CoreError('validation', message, details);
