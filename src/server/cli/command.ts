import type { CoreContext } from '../../core/api/contract.js';

/**
 * One CLI command. Commands call the core through the contract (`call`/`dispatch`), like every
 * other transport, print human text or `--json`, send progress to stderr, and return an exit code.
 */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(ctx: CoreContext, args: ParsedArgs, io: CliIO): Promise<number>;
}

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | boolean | string[]>;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export class CliUsageError extends Error {}

/** Flags `--name value`, `--name=value`, booleans `--json`; repeated flags collect into arrays. */
export function parseArgs(argv: readonly string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const positional: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  const put = (k: string, v: string | boolean) => {
    const prev = flags[k];
    if (prev === undefined || typeof v === 'boolean') flags[k] = v;
    else flags[k] = Array.isArray(prev) ? [...prev, v as string] : [prev as string, v as string];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) put(a.slice(2, eq), a.slice(eq + 1));
      else {
        const name = a.slice(2);
        if (booleanFlags.has(name)) put(name, true);
        else {
          const v = argv[i + 1];
          if (v === undefined) throw new CliUsageError(`--${name} needs a value`);
          put(name, v);
          i++;
        }
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

export const flagString = (args: ParsedArgs, name: string): string | undefined => {
  const v = args.flags[name];
  return Array.isArray(v) ? v[v.length - 1] : typeof v === 'string' ? v : undefined;
};

export const flagInt = (args: ParsedArgs, name: string): number | undefined => {
  const v = flagString(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new CliUsageError(`--${name} takes a whole number, not ${JSON.stringify(v)}`);
  return n;
};
