#!/usr/bin/env node
// The copydesk CLI. It runs the built bundle (out/cli, made by `npm run build` and after
// `npm ci` by npm's `prepare`) while no file it was built from has changed since; otherwise it
// runs the TypeScript sources through tsx, which is slower to start but never stale.
//
// Fresh means: every input named in out/cli/manifest.json still exists and was neither
// modified nor replaced (mtime, ctime: npm gives package files old mtimes) after the build
// began. A new source file can only join the CLI through an edit to a file already listed.
// COPYDESK_CLI=sources forces the tsx path, COPYDESK_CLI=built refuses it (for tests and the
// bench); COPYDESK_CLI_TRACE=1 says on stderr which one ran.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'out/cli');
const mode = process.env.COPYDESK_CLI;
const argv = process.argv.slice(2);
const io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

const manifest = mode === 'sources' ? undefined : freshManifest();
if (mode === 'built' && !manifest) {
  io.err('copydesk: COPYDESK_CLI=built, but out/cli is missing or older than its sources (npm run build)');
  process.exit(70);
}
if (process.env.COPYDESK_CLI_TRACE) io.err(`copydesk: running ${manifest ? 'out/cli' : 'the sources (tsx)'}`);

if (manifest) {
  const cli = loadBundle(manifest);
  process.exitCode = await cli.runCli(argv, io);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/server/cli/entry.ts');
}

/** The manifest of a bundle none of whose inputs changed since its build began, else undefined. */
function freshManifest() {
  let m;
  try {
    m = JSON.parse(fs.readFileSync(path.join(OUT, 'manifest.json'), 'utf8'));
    for (const rel of m.inputs) {
      const s = fs.statSync(path.resolve(ROOT, rel));
      if (s.mtimeMs > m.startedAt || s.ctimeMs > m.startedAt) return undefined;
    }
    if (fs.statSync(path.join(OUT, 'cli.cjs')).size !== m.bundleBytes) return undefined;
  } catch {
    return undefined;
  }
  return m;
}

/**
 * Evaluates the CommonJS bundle through vm.Script with V8's code cache, which Node 20 does not
 * keep for modules itself: without it, compiling the bundle is a large part of every start.
 * The cache is written after the first run of a build (and again if V8 rejects it, e.g. after
 * a Node upgrade), under the build's id, and only if the folder is writable.
 */
function loadBundle(m) {
  const file = path.join(OUT, 'cli.cjs');
  const cacheFile = path.join(OUT, `cli.${m.id}.cache`);
  const source = fs.readFileSync(file, 'utf8'); // esbuild's ASCII charset leaves some regex literals of dependencies in UTF-8
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // first run of this build
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, OUT);
  if (!cachedData || script.cachedDataRejected) {
    process.once('beforeExit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // a read-only install: every start compiles, which is still correct
      }
    });
  }
  return mod.exports;
}
