import os from 'node:os';
import path from 'node:path';

/**
 * Where a library lives when nobody says otherwise: the platform's user-data folder, the same
 * place Electron's app.getPath('userData') points at, so the app, the CLI and browser mode
 * agree without Electron being loaded.
 */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COPYDESK_LIBRARY) return path.resolve(env.COPYDESK_LIBRARY);
  return path.join(userDataDir(env), 'library.sqlite');
}

export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Copydesk');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Copydesk');
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'Copydesk');
  }
}

/** `--library PATH` beats COPYDESK_LIBRARY beats the default. */
export function resolveLibraryPath(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const i = argv.indexOf('--library');
  if (i >= 0 && argv[i + 1]) return path.resolve(argv[i + 1]!);
  const eq = argv.find((a) => a.startsWith('--library='));
  if (eq) return path.resolve(eq.slice('--library='.length));
  return defaultLibraryPath(env);
}
