#!/usr/bin/env node
// `npm run web`: build the renderer if its sources changed, then serve it with the real core over loopback HTTP.
// Arguments after `--` go to the server (e.g. `npm run web -- --library ~/news.sqlite`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, runElectronViteBuild } from './web-build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

// The renderer is built only when src/ or the build's configuration changed since the last
// build (scripts/web-build.mjs); --rebuild builds regardless, --no-build never.
if (!args.includes('--no-build')) {
  const outcome = ensureBuilt(root, () => {
    process.stderr.write('Copydesk: building the app (the sources changed since the last build)...\n');
    return runElectronViteBuild(root);
  }, { force: args.includes('--rebuild') });
  if (outcome === 'failed') {
    console.error('Copydesk: the build failed, so browser mode cannot start (see the messages above).');
    process.exit(1);
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/web-entry.ts'), ...args.filter((a) => a !== '--no-build' && a !== '--rebuild')], {
  cwd: root,
  stdio: 'inherit',
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
