#!/usr/bin/env node
// Builds the `copydesk` CLI into out/cli: one CommonJS bundle of src/server/cli/main.ts and the
// core (better-sqlite3 stays external: it is native), plus out/cli/manifest.json naming every
// file the bundle was made from. bin/copydesk.mjs runs the bundle only while none of those files
// has changed since the build started, and otherwise runs the sources through tsx.
//
// Run by `npm run build` and by npm's `prepare` after `npm ci`/`npm install`, so a fresh clone
// gets the fast CLI with no extra step. `--if-possible` (prepare) warns instead of failing, so
// an install never fails over the CLI's bundle: the bin falls back to tsx then.
import fs from 'node:fs';
import path from 'node:path';
import { lazyPackagesPlugin } from './lazy-packages.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = path.join(ROOT, 'out/cli');
export const BUNDLE = 'cli.cjs';
export const MANIFEST = 'manifest.json';

export async function buildCli({ root = ROOT, outDir = OUT_DIR } = {}) {
  const startedAt = Date.now();
  // A dev dependency; imported here so that --if-possible covers its absence (a production install).
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'src/server/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Mostly ASCII (esbuild escapes what it can; some dependencies' regex literals stay UTF-8).
    charset: 'ascii',
    minify: true,
    external: ['better-sqlite3'],
    plugins: [lazyPackagesPlugin(root)],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes(':'))
    .map((p) => path.relative(root, path.resolve(root, p)));
  // Files that shape the bundle without being part of it.
  inputs.push(...['scripts/build-cli.mjs', 'scripts/lazy-packages.mjs', 'package.json'].filter((f) => fs.existsSync(path.join(root, f))));

  fs.mkdirSync(outDir, { recursive: true });
  const code = result.outputFiles[0].contents;
  writeAtomically(path.join(outDir, BUNDLE), code);
  // V8's code cache for the bundle is written by the bin, named by this build's id: V8 checks a
  // cache against its source's length only, so a cache must never outlive its bundle.
  for (const f of fs.readdirSync(outDir)) if (f.endsWith('.cache')) fs.rmSync(path.join(outDir, f), { force: true });
  // The manifest last: a bundle without a manifest of this build is never run.
  writeAtomically(path.join(outDir, MANIFEST), JSON.stringify({ id: `${startedAt}-${process.pid}`, startedAt, bundleBytes: code.length, inputs: [...new Set(inputs)].sort() }));
  return { startedAt, inputs: inputs.length, bytes: code.length, ms: Date.now() - startedAt };
}

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const lenient = process.argv.includes('--if-possible');
  try {
    // --root DIR builds another project laid out like this one (the bin's tests use a small one).
    const at = process.argv.indexOf('--root');
    const root = at > 0 ? path.resolve(process.argv[at + 1]) : ROOT;
    const r = await buildCli({ root, outDir: path.join(root, 'out/cli') });
    if (!process.argv.includes('--quiet')) console.log(`out/cli/${BUNDLE}: ${(r.bytes / 1e6).toFixed(1)} MB from ${r.inputs} files in ${r.ms} ms`);
  } catch (err) {
    console.error(`Copydesk: could not build the CLI bundle (${err.message}); \`copydesk\` will run from the sources instead.`);
    if (!lenient) process.exit(1);
  }
}
