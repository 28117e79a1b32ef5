import type { z } from 'zod';
import type { Database } from 'better-sqlite3';

/** What every handler gets: the open library. Transports build one per library they serve. */
export interface CoreContext {
  db: Database;
  libraryPath: string;
}

export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  handler: (ctx: CoreContext, input: z.output<I>) => z.input<O> | Promise<z.input<O>>;
}

/** Identity function that keeps each operation's input and output types precise. */
export const defineOperation = <I extends z.ZodType, O extends z.ZodType>(op: Operation<I, O>): Operation<I, O> => op;

export interface ContractError {
  code: import('../errors.js').ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ContractError };
