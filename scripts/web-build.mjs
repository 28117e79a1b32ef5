// The build step of `npm run web`: the renderer is rebuilt only when what it is built from has
// changed since the last build. The fingerprint is a hash of the contents of src/ and of the
// build's configuration files, recorded in out/web-build.json after a build succeeds; hashing
// the contents (not the times) means a checkout or a touch that changes nothing costs no build.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What the build reads besides src/: a change to any of them can change the output. */
export const CONFIG_FILES = ['electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.web.json', 'tsconfig.node.json'];
const RECORD = 'out/web-build.json';
/** The files browser mode serves; without it there is nothing to start from. */
const BUILT_PAGE = 'out/renderer/index.html';

/** A hash of the path and contents of every file under src/ and of the configuration files. */
export function sourceFingerprint(root) {
  const hash = crypto.createHash('sha256');
  const files = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) files.push(child);
    }
  };
  if (fs.existsSync(path.join(root, 'src'))) walk('src');
  for (const f of CONFIG_FILES) if (fs.existsSync(path.join(root, f))) files.push(f);
  for (const f of files.sort()) {
    const data = fs.readFileSync(path.join(root, f));
    hash.update(`${f}\0${data.length}\0`).update(data);
  }
  return hash.digest('hex');
}

/** Whether out/ holds a build of exactly the current sources. */
export function buildIsCurrent(root, fingerprint = sourceFingerprint(root)) {
  try {
    if (!fs.existsSync(path.join(root, BUILT_PAGE))) return false;
    return JSON.parse(fs.readFileSync(path.join(root, RECORD), 'utf8')).fingerprint === fingerprint;
  } catch {
    return false;
  }
}

/**
 * Runs `build()` (which returns true on success) unless the last build is of the current
 * sources. The fingerprint is taken before building, so a file saved during the build makes
 * the next start build again. Returns 'reused', 'built' or 'failed'.
 */
export function ensureBuilt(root, build, { force = false } = {}) {
  const fingerprint = sourceFingerprint(root);
  if (!force && buildIsCurrent(root, fingerprint)) return 'reused';
  fs.rmSync(path.join(root, RECORD), { force: true });
  if (!build()) return 'failed';
  fs.mkdirSync(path.dirname(path.join(root, RECORD)), { recursive: true });
  fs.writeFileSync(path.join(root, RECORD), JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }));
  return 'built';
}

/** `electron-vite build` in `root`, its output on this process's stderr/stdout; true on success. */
export function runElectronViteBuild(root) {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return build.status === 0;
}

// `npm run build` runs this file: it always builds, and records what it built from, so the next
// `npm run web` starts from that build.
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const root = path.resolve(import.meta.dirname, '..');
  if (ensureBuilt(root, () => runElectronViteBuild(root), { force: true }) === 'failed') process.exit(1);
}
