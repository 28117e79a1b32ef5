// What `npm start` needs before it can open the Electron window, each step bounded in time and
// each answering {ok: true, ...} or {ok: false, reason} instead of throwing, so start.mjs can
// fall back to browser mode with one clear explanation:
//   1. the Electron binary (electron's own installer downloads it when missing);
//   2. better-sqlite3 built for Electron's ABI in .electron-native/better-sqlite3, a copy of the
//      package, so node_modules/better-sqlite3/build (the Node build the tests use) is never
//      touched; the main process loads it through better-sqlite3's `nativeBinding` option;
//   3. a display to show a window on.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const NATIVE_DIR = '.electron-native';

/** Runs a command with a time limit; never throws. Output is captured (tail kept) unless `inherit`. */
export function run(command, args, { cwd, env = process.env, timeoutMs, inherit = false } = {}) {
  return new Promise((resolve) => {
    let output = '';
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    } catch (err) {
      resolve({ code: null, timedOut: false, output: String(err?.message ?? err) });
      return;
    }
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-16_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let timedOut = false;
    // The whole process group: installers and node-gyp start children of their own.
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs ?? 600_000);
    // The group is detached from our terminal, so pass on Ctrl-C ourselves.
    const onSignal = (signal) => {
      killGroup();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    child.on('error', (err) => keep(`\n${err.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve({ code, timedOut, output });
    });
  });
}

/** The most telling line of an installer's output (its error, not its stack). */
export function lastError(output) {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
  // Most telling first: a network failure names the host; then a tool's own error line.
  const preferences = [/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|certificate|\b40[34]\b/i, /ERR!|^\w*Error\b/, /error/i];
  for (const pattern of preferences) {
    const hit = lines.find((l) => pattern.test(l));
    if (hit) return hit.slice(0, 300);
  }
  return (lines.at(-1) ?? '').slice(0, 300);
}

export function electronPackage(root) {
  const dir = path.join(root, 'node_modules', 'electron');
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { dir, version: pkg.version };
}

/** The Electron executable when it is installed and matches the package's version, else null. */
export function installedElectron(root) {
  const { dir, version } = electronPackage(root);
  try {
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const distVersion = fs.readFileSync(path.join(dir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    const exe = process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel) : path.join(dir, 'dist', rel);
    if (distVersion !== version || !fs.existsSync(exe)) return null;
    return exe;
  } catch {
    return null;
  }
}

/** Step 1: the binary, running electron's own installer (bounded) when it is missing. */
export async function ensureElectronBinary(root, { timeoutMs = 180_000, log = console.log } = {}) {
  let exe = installedElectron(root);
  if (exe) return { ok: true, exe };
  const { dir, version } = electronPackage(root);
  log(`Copydesk: the Electron ${version} binary is not installed; running Electron's installer (up to ${Math.round(timeoutMs / 1000)} s)…`);
  // Remove the skip switch a developer may have set for `npm ci`: here we do want the download.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = await run(process.execPath, [path.join(dir, 'install.js')], { cwd: dir, env, timeoutMs });
  exe = installedElectron(root);
  if (exe) return { ok: true, exe };
  const why = result.timedOut ? `the download did not finish within ${Math.round(timeoutMs / 1000)} s` : lastError(result.output) || `the installer exited with code ${result.code}`;
  return { ok: false, reason: `Electron's binary is not installed and its installer could not download it (${why})` };
}

function nodeGypScript() {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    /* not a direct dependency */
  }
  return candidates.find((c) => c && fs.existsSync(c)) ?? null;
}

export function electronNativeBinding(root) {
  return path.join(root, NATIVE_DIR, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/**
 * Step 2: better-sqlite3 for Electron's ABI in its own folder. A stamp records what it was built
 * for, so it is rebuilt only when Electron, better-sqlite3, the platform or the CPU changes.
 */
export async function ensureElectronNative(root, { timeoutMs = 900_000, log = console.log } = {}) {
  const { version: electronVersion } = electronPackage(root);
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  const target = path.join(root, NATIVE_DIR, 'better-sqlite3');
  const binding = electronNativeBinding(root);
  const stampFile = path.join(target, '.copydesk-build.json');
  const want = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };
  try {
    const have = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    if (fs.existsSync(binding) && JSON.stringify(have) === JSON.stringify(want)) return { ok: true, binding };
  } catch {
    /* no stamp: build */
  }

  log(`Copydesk: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} into ${NATIVE_DIR}/ (once; node_modules stays as it is)…`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // The package without its Node build: the copy gets a build of its own.
  fs.cpSync(source, target, { recursive: true, filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'build' });

  // The Node-targeted settings a machine's npm config may carry (nodedir=/usr here) would build
  // against Node's headers instead of Electron's: drop them for this build only.
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|build_from_source)$/i.test(key)) delete env[key];
  }
  const started = Date.now();
  const left = () => Math.max(10_000, timeoutMs - (Date.now() - started));
  const attempts = [];

  // A prebuilt binary when the download host is reachable: seconds instead of a minute.
  const prebuild = await run(
    process.execPath,
    [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform],
    { cwd: target, env, timeoutMs: Math.min(120_000, left()) },
  );
  if (prebuild.code !== 0 || !fs.existsSync(binding)) {
    attempts.push(`prebuilt download: ${prebuild.timedOut ? 'timed out' : lastError(prebuild.output) || `exit ${prebuild.code}`}`);
    const gyp = nodeGypScript();
    if (!gyp) {
      attempts.push('node-gyp: not found');
    } else {
      log('Copydesk: no prebuilt binary; compiling with node-gyp against Electron\'s headers (about a minute)…');
      const build = await run(
        process.execPath,
        [gyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
        { cwd: target, env, timeoutMs: left() },
      );
      if (build.code !== 0 || !fs.existsSync(binding)) {
        const headers = /gyp http GET (\S+)/.exec(build.output)?.[1];
        const why = build.timedOut
          ? 'timed out'
          : /network connectivity/i.test(build.output) && headers
            ? `Electron's headers could not be downloaded from ${new URL(headers).host}`
            : lastError(build.output) || `exit ${build.code}`;
        attempts.push(`compile: ${why}`);
      }
    }
  }
  if (!fs.existsSync(binding)) {
    return { ok: false, reason: `better-sqlite3 could not be built for Electron ${electronVersion} (${attempts.join('; ')})` };
  }
  fs.writeFileSync(stampFile, JSON.stringify(want, null, 2));
  return { ok: true, binding };
}

/** Step 3: somewhere to show a window. Only Linux and the BSDs can lack one. */
export function displayProblem(env = process.env, platform = process.platform) {
  if (platform === 'darwin' || platform === 'win32') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}
