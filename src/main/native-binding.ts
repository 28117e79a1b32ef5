import fs from 'node:fs';
import path from 'node:path';

/**
 * Where `npm start` puts better-sqlite3 built for Electron's ABI (scripts/ensure-electron-native.mjs),
 * separate from node_modules/better-sqlite3, whose Node build the tests use. A packaged app has
 * its own copy rebuilt for Electron by electron-builder, so it needs no override.
 */
export const ELECTRON_NATIVE_DIR = '.electron-native';

export function electronNativeBindingPath(appRoot: string): string {
  return path.join(appRoot, ELECTRON_NATIVE_DIR, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

export function findElectronNativeBinding(appRoot: string, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const candidate = electronNativeBindingPath(appRoot);
  return fs.existsSync(candidate) ? candidate : undefined;
}
