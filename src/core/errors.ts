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

/**
 * A message for a person, as data: a key of the interface's message table and its parameters.
 * Errors carry one in `details` (`key`, `params`) beside their English `message`, so the UI can
 * phrase them in its own language while the CLI and logs keep the English.
 */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
}

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
  new CoreError('not_found', `${what} ${JSON.stringify(id)} does not exist.`, { id, key: 'notFound', params: { what, id: String(id) } });

export const invalid = (message: string, details?: Record<string, unknown>): CoreError =>
  new CoreError('validation', message, details);

/** `details` naming the message key (and parameters) the UI phrases instead of `message`. */
export const says = (key: string, params?: MessageRef['params'], more?: Record<string, unknown>): Record<string, unknown> =>
  ({ ...more, key, ...(params ? { params } : {}) });
