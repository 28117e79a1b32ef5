import path from 'node:path';
import { openLibrary } from '../core/db/open.js';
import { resolveLibraryPath } from '../core/db/paths.js';
import { seedWelcomeContent } from '../core/samples/welcome.js';
import { tidyBetweenSaves } from '../core/db/between-saves.js';
import { warmUp } from '../core/api/warm-up.js';
import { startServer } from './http.js';

/**
 * Browser mode: the real core behind a loopback HTTP server, serving the built renderer.
 * `--port N` (default 4780; 0 picks a free one), `--library PATH`, `--token T` (tests).
 */
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const libraryPath = resolveLibraryPath(argv);
let library;
try {
  library = await openLibrary(libraryPath);
} catch (err) {
  process.stderr.write(`Copydesk could not open the library: ${(err as Error).message}\n`);
  process.exit(1);
}
if (library.created) seedWelcomeContent(library.db);
const stopTidying = tidyBetweenSaves(library.db);
warmUp({ db: library.db, libraryPath: library.path });

const server = await startServer({
  ctx: { db: library.db, libraryPath: library.path },
  staticDir: path.resolve(import.meta.dirname, '../../out/renderer'),
  port: Number(flag('port') ?? 4780),
  token: flag('token') ?? process.env.COPYDESK_TOKEN,
});

process.stdout.write(`Copydesk (browser mode) is serving ${library.path}\nOpen: ${server.launchUrl}\n`);

const shutdown = async () => {
  await server.close();
  stopTidying();
  library.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
