import { z } from 'zod';
import { CoreError, says } from '../errors.js';
import type { ContractError, CoreContext, Result } from './contract.js';
import { operations, type OperationName, type Operations } from './operations/index.js';
import { LIMITS } from './schemas.js';

export type InputOf<N extends OperationName> = z.input<Operations[N]['input']>;
export type OutputOf<N extends OperationName> = z.output<Operations[N]['output']>;

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}

/**
 * The one entry point of every transport: validate the input, run the handler, check the
 * output, and turn any failure into a value. Nothing is thrown across a process boundary.
 */
export async function dispatch(ctx: CoreContext, name: string, input: unknown): Promise<Result<unknown>> {
  if (!isOperationName(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 100)) : `of type ${typeof name}`;
    return fail({ code: 'not_found', message: `There is no operation named ${shown}.`, details: says('operation.unknown', { name: shown }) });
  }
  const op = operations[name];
  if (nestedDeeperThan(input, LIMITS.inputDepth)) {
    // Checked before anything walks the input recursively (zod, JSON.stringify of a free-form
    // field), which would overflow the stack on a hostile payload.
    return fail({ code: 'validation', message: `${name}: input: nested deeper than ${LIMITS.inputDepth} levels (the limit).`, details: { limit: LIMITS.inputDepth } });
  }
  try {
    const parsed = op.input.safeParse(wellFormed(input ?? {}));
    if (!parsed.success) {
      return fail({ code: 'validation', message: `${name}: ${describeIssues(parsed.error)}`, details: says('input.invalid', undefined, { issues: parsed.error.issues.slice(0, 20) as unknown as Record<string, unknown>[] }) });
    }
    const data = await (op.handler as (c: CoreContext, i: unknown) => unknown)(ctx, parsed.data);
    const checked = op.output.safeParse(data);
    if (!checked.success) {
      return fail({ code: 'internal', message: `${name} produced a malformed result: ${describeIssues(checked.error)}` });
    }
    return { ok: true, data: checked.data };
  } catch (err) {
    return fail(toContractError(err));
  }
}

/**
 * Lone UTF-16 surrogates (half an emoji, left by a careless slice or a broken paste) are not text:
 * UTF-8 cannot encode them. Stored as they come, a TEXT column would keep invalid bytes that read
 * back as three U+FFFD, a JSON column would keep them as escapes, and search and every export
 * would each see something else. So they are replaced by U+FFFD, the standard replacement
 * character, once, at the door: what is saved, read back, searched and exported is then the same
 * text. Rejecting them instead would make an autosave fail over a character nobody can see.
 * Strings are checked in keys too; containers are copied only where something changed.
 */
export function wellFormed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.isWellFormed() ? value : value.toWellFormed();
  // Past this depth the schemas refuse the input anyway (bodies stop at 64 levels).
  if (value === null || typeof value !== 'object' || depth > 200) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = wellFormed(value[i], depth + 1);
      if (next !== value[i]) (copy ??= value.slice())[i] = next;
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // Buffers, Dates: not text
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const next = wellFormed(item, depth + 1);
    const nextKey = key.isWellFormed() ? key : key.toWellFormed();
    if (next === item && nextKey === key) continue;
    copy ??= Object.defineProperties({}, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
    if (nextKey !== key) delete copy[key];
    // defineProperty, not assignment: a key named __proto__ must stay a plain own property.
    Object.defineProperty(copy, nextKey, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return copy ?? value;
}

/** Whether a value nests objects or arrays more than `limit` deep; iterative, so any depth is safe. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    const proto = Object.getPrototypeOf(item);
    if (!Array.isArray(item) && proto !== Object.prototype && proto !== null) continue; // Buffers, Dates
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Typed call for in-process callers (CLI, tests). */
export async function call<N extends OperationName>(ctx: CoreContext, name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>> {
  return (await dispatch(ctx, name, input)) as Result<OutputOf<N>>;
}

export function toContractError(err: unknown): ContractError {
  if (err instanceof CoreError) return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  const e = err as { code?: string; message?: string };
  // better-sqlite3 reports extended result codes (SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED...),
  // so match on the primary code's prefix.
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('SQLITE_BUSY')) return { code: 'conflict', message: 'The library is busy (another window or process is writing). Try again.', details: says('library.busy') };
  if (code.startsWith('SQLITE_FULL')) return { code: 'io', message: 'The disk is full: nothing was saved. Free some space and try again.', details: says('library.diskFull') };
  if (code === 'SQLITE_READONLY_DBMOVED') return { code: 'io', message: 'The library file was moved or deleted while open: nothing was saved. Open it again from where it is now.', details: says('library.moved') };
  if (code.startsWith('SQLITE_READONLY')) return { code: 'io', message: 'The library file is read-only: nothing was saved.', details: says('library.readOnly') };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return { code: 'io', message: `The library file is damaged (SQLite: ${e.message ?? code}): nothing was saved. Restore a backup (Library › Backups, or \`copydesk backups\` and \`copydesk restore\`).`, details: says('library.damaged') };
  }
  if (code === 'SQLITE_TOOBIG') return { code: 'validation', message: 'The text is too large to store in one piece: nothing was saved.', details: says('library.tooBig') };
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { code: 'not_found', message: 'A referenced item does not exist.', details: says('library.missingReference') };
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return { code: 'io', message: `The library could not be written (${code}): nothing was saved.`, details: says('library.writeFailed', { code }) };
  return { code: 'internal', message: e?.message ?? String(err) };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
}

function fail(error: ContractError): Result<never> {
  return { ok: false, error };
}
