import fs from 'node:fs';
import path from 'node:path';
import { openLibrary } from '../core/db/open.js';
import { resolveLibraryPath } from '../core/db/paths.js';
import { seedWelcomeContent } from '../core/samples/welcome.js';
import { tidyBetweenSaves } from '../core/db/between-saves.js';
import { warmUp } from '../core/api/warm-up.js';
import { startOnFreePort } from './listen.js';
import { MIN_TOKEN_LENGTH, tokenProblem } from './session.js';
import { liveServer, removeRuntimeNote, writeRuntimeNote } from './runtime-file.js';

/**
 * Browser mode: the real core behind a loopback HTTP server, serving the built renderer.
 * `--port N` (default 4780, or the next free one; 0 picks any free one), `--library PATH`.
 * The token comes from the environment (COPYDESK_TOKEN) or a file (`--token-file PATH`), never
 * from the command line, where every local user could read it in the process list; without
 * either a fresh random one is made.
 */
const DEFAULT_PORT = 4780;
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const fail = (message: string): never => {
  process.stderr.write(`Copydesk: ${message}\n`);
  process.exit(2);
};

if (argv.some((a) => a === '--token' || a.startsWith('--token='))) {
  fail('--token is not accepted: every user of this machine can read a command line in the process list. Put the token in the COPYDESK_TOKEN environment variable or in a file only you can read, named with --token-file PATH.');
}
const token = readToken();
const portText = flag('port');
const port = portText === undefined ? DEFAULT_PORT : Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port needs a port number (0 to 65535), not "${portText}".`);

const libraryPath = resolveLibraryPath(argv);
const running = await liveServer(libraryPath);
if (running) {
  process.stdout.write(
    `Copydesk is already serving ${libraryPath} in browser mode (process ${running.pid}, since ${running.startedAt}).\n` +
      `Open: ${running.launchUrl}\n` +
      `To start it again here, stop that one first (Ctrl+C where it runs, or kill ${running.pid}).\n`,
  );
  process.exit(0);
}

let library;
try {
  library = await openLibrary(libraryPath);
} catch (err) {
  fail(`could not open the library: ${(err as Error).message}`);
  throw err;
}
if (library.created) seedWelcomeContent(library.db);
const stopTidying = tidyBetweenSaves(library.db);
warmUp({ db: library.db, libraryPath: library.path });

const { server, note } = await startOnFreePort(
  { ctx: { db: library.db, libraryPath: library.path }, staticDir: path.resolve(import.meta.dirname, '../../out/renderer'), token },
  port,
);
// Before the note and the "Open:" line: whoever reads them may stop us at once, and a stop
// must still remove the note.
const shutdown = async () => {
  removeRuntimeNote(library.path);
  await server.close();
  stopTidying();
  library.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGHUP', shutdown);
try {
  writeRuntimeNote(library.path, { pid: process.pid, url: server.url, launchUrl: server.launchUrl, startedAt: new Date().toISOString() });
} catch (err) {
  // The note only helps a second start find this one; serving goes on without it.
  process.stderr.write(`Copydesk: could not leave a note beside the library saying where it is served (${(err as Error).message}).\n`);
}

if (note) process.stdout.write(`${note}\n`);
process.stdout.write(`Copydesk (browser mode) is serving ${library.path}\nOpen: ${server.launchUrl}\n`);


function readToken(): string | undefined {
  const file = flag('token-file');
  let given: string | undefined;
  let where: string;
  if (file !== undefined) {
    try {
      given = fs.readFileSync(file, 'utf8').trim();
    } catch (err) {
      return fail(`could not read the token file ${file}: ${(err as Error).message}`);
    }
    where = `the token file ${file}`;
  } else {
    given = process.env.COPYDESK_TOKEN;
    where = 'COPYDESK_TOKEN';
  }
  if (given === undefined) return undefined;
  const problem = tokenProblem(given);
  // An empty value is refused too: it is what an unset variable expands to, and a server that
  // quietly made up its own token would hide that mistake.
  if (problem) fail(`${where}: ${problem}. Use at least ${MIN_TOKEN_LENGTH} random characters (for example \`openssl rand -hex 24\`), or leave it out and Copydesk makes one.`);
  return given;
}
