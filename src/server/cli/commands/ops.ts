import fs from 'node:fs';
import { z } from 'zod';
import { dispatch } from '../../../core/api/dispatch.js';
import { operations } from '../../../core/api/operations/index.js';
import { CliUsageError, type CliCommand } from '../command.js';

/** Every operation of the contract with its input schema as JSON Schema, for scripts and pipelines. */
export function describeOperations(): Array<{ name: string; summary: string; input: unknown }> {
  return Object.entries(operations).map(([name, op]) => ({
    name,
    summary: op.summary,
    // Custom checks (a Lexical body, limits checked in code) have no JSON Schema form: "any".
    input: z.toJSONSchema(op.input, { io: 'input', unrepresentable: 'any' }),
  }));
}

export const opsCommand: CliCommand = {
  name: 'ops',
  usage: 'ops [--json]',
  summary: 'List every contract operation (with --json: and its input as JSON Schema).',
  async run(_ctx, args, io) {
    if (args.positional.length) throw new CliUsageError('ops takes no arguments');
    const ops = describeOperations();
    if (args.flags.json) io.out(JSON.stringify(ops, null, 2));
    else for (const o of ops) io.out(`${o.name.padEnd(28)} ${o.summary}`);
    return 0;
  },
};

export const callCommand: CliCommand = {
  name: 'call',
  usage: 'call OPERATION [JSON | -]',
  summary: 'Run one contract operation with a JSON input (or - to read it from stdin); prints the result as JSON.',
  async run(ctx, args, io) {
    const [name, input, extra] = args.positional;
    if (!name || extra !== undefined) throw new CliUsageError('call needs an operation name (see `copydesk ops`) and at most one JSON input');
    const text = input === '-' ? fs.readFileSync(0, 'utf8') : (input ?? '{}');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new CliUsageError(`the input is not JSON: ${(e as Error).message}`);
    }
    const r = await dispatch(ctx, name, value);
    if (!r.ok) {
      io.err(JSON.stringify(r.error, null, 2));
      return 1;
    }
    io.out(JSON.stringify(r.data, null, 2));
    return 0;
  },
};
