#!/usr/bin/env node
// `npm start`: build, make sure Electron can run (binary, better-sqlite3 for Electron's ABI, a
// display), then open the Copydesk window. Where Electron cannot be had, say why in one
// paragraph and start browser mode instead (scripts/web.mjs prints its URL).
// Arguments after `--` go to the app: `npm start -- --library ~/news.sqlite`.
// `--no-build` skips the build (used when one has just been made).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { displayProblem, electronPackage, ensureElectronBinary, ensureElectronNative } from './ensure-electron.mjs';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const skipBuild = argv.includes('--no-build');
const appArgs = argv.filter((a) => a !== '--no-build');
const seconds = (name, fallback) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v * 1000 : fallback;
};
/** An Electron that dies this soon after launch did not really start (sandbox, GPU, libraries). */
const EARLY_EXIT_MS = 10_000;

function wrap(text, width = 100) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function startBrowserMode(reason) {
  const { version } = electronPackage(root);
  console.log(
    `\n${wrap(
      `Copydesk cannot open its Electron window on this machine: ${reason}. ` +
        'Starting browser mode instead: the same app, on the same library and the same core, served to your web browser from 127.0.0.1 only; ' +
        'open the URL printed below (it carries the session token). ' +
        `To get the window, run \`npm start\` where Electron ${version} can be downloaded and a display is available.`,
    )}\n`,
  );
  const web = spawn(process.execPath, [path.join(root, 'scripts', 'web.mjs'), '--no-build', ...appArgs], { cwd: root, stdio: 'inherit' });
  forwardSignals(web);
  web.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
}

async function main() {
  if (!skipBuild) {
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (build.status !== 0) {
      console.error('Copydesk: the build failed (see the messages above); nothing was started.');
      process.exit(build.status ?? 1);
    }
  }

  const binary = await ensureElectronBinary(root, { timeoutMs: seconds('COPYDESK_ELECTRON_INSTALL_TIMEOUT', 180_000) });
  if (!binary.ok) return startBrowserMode(binary.reason);

  const noDisplay = displayProblem();
  if (noDisplay) return startBrowserMode(noDisplay);

  const native = await ensureElectronNative(root, { timeoutMs: seconds('COPYDESK_NATIVE_BUILD_TIMEOUT', 900_000) });
  if (!native.ok) return startBrowserMode(native.reason);

  const env = { ...process.env };
  // Inherited from some shells and tools; it would make the binary a plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const startedAt = Date.now();
  const electron = spawn(binary.exe, [root, ...appArgs], { cwd: root, env, stdio: 'inherit' });
  forwardSignals(electron);
  electron.on('error', (err) => startBrowserMode(`Electron could not be started (${err.message})`));
  electron.on('exit', (code, signal) => {
    if (code !== 0 && code !== null && Date.now() - startedAt < EARLY_EXIT_MS) {
      return startBrowserMode(`Electron stopped right after starting (exit code ${code}; its messages are above)`);
    }
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
