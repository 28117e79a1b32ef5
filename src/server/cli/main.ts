import { openLibrary } from '../../core/db/open.js';
import { resolveLibraryPath } from '../../core/db/paths.js';
import { CoreError } from '../../core/errors.js';
import { CliUsageError, parseArgs, type CliCommand, type CliIO } from './command.js';
import { listCommand, showCommand, statsCommand } from './commands/basic.js';
import { relatedCommand } from './commands/related.js';
import { backupCommand, backupsCommand, restoreCommand } from './commands/backup.js';
import { searchCommand } from './commands/search.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { deskCommand } from './commands/desk.js';
import { opsCommand, callCommand } from './commands/ops.js';

/** Every command the CLI knows. Later capabilities add theirs here. */
const COMMANDS: CliCommand[] = [listCommand, showCommand, statsCommand, backupCommand, backupsCommand, restoreCommand, searchCommand, relatedCommand, importCommand, exportCommand, deskCommand, opsCommand, callCommand];

const BOOLEAN_FLAGS = new Set(['json', 'trashed', 'all', 'help', 'quiet', 'force', 'dry-run', 'drafts']);

function help(): string {
  const lines = COMMANDS.map((c) => `  copydesk ${c.usage.padEnd(58)} ${c.summary}`);
  return [
    'Copydesk: the article library from the command line.',
    '',
    'usage: copydesk [--library PATH] <command> [options]',
    '',
    ...lines,
    '',
    'The library is --library PATH, else $COPYDESK_LIBRARY, else the app\'s own library.',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIO, env = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, BOOLEAN_FLAGS);
  } catch (err) {
    io.err(`copydesk: ${(err as Error).message}\n\n${help()}`);
    return 2;
  }
  const [name, ...rest] = parsed.positional;
  if (!name || parsed.flags.help) {
    (name ? io.out : io.err)(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`copydesk: unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  const libraryFlag = parsed.flags.library;
  const libraryPath = resolveLibraryPath(typeof libraryFlag === 'string' ? ['--library', libraryFlag] : [], env);
  let library;
  try {
    // A library the CLI creates starts empty: sample articles are the app's first-run welcome.
    library = await openLibrary(libraryPath);
  } catch (err) {
    io.err(`copydesk: ${(err as Error).message}`);
    return 1;
  }
  try {
    return await command.run({ db: library.db, libraryPath: library.path }, { positional: rest, flags: parsed.flags }, io);
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.err(`copydesk ${command.name}: ${err.message}\nusage: copydesk ${command.usage}`);
      return 2;
    }
    const e = err as Error & { contractError?: { code: string } };
    const code = e.contractError?.code ?? (err instanceof CoreError ? err.code : 'internal');
    io.err(`copydesk ${command.name}: ${e.message} (${code})`);
    return 1;
  } finally {
    library.close();
  }
}
