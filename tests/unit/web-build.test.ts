import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildIsCurrent, ensureBuilt, sourceFingerprint } from '../../scripts/web-build.mjs';
import { tempDir } from './helpers.js';

/**
 * `npm run web` starts from the last build while src/ and the build's configuration are as they
 * were when it was made. A small project in a temp folder stands in for this one; its "build"
 * writes out/renderer/index.html as the real one does.
 */
describe('npm run web: the build fingerprint', () => {
  let root: string;
  let builds: number;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const build = (ok = true) => () => {
    builds++;
    if (ok) write('out/renderer/index.html', `<!doctype html><title>build ${builds}</title>`);
    return ok;
  };

  beforeEach(() => {
    root = tempDir('copydesk-web-build-');
    builds = 0;
    write('src/renderer/index.html', '<!doctype html>');
    write('src/renderer/src/main.tsx', 'export {};\n');
    write('src/core/content/text.ts', 'export const a = 1;\n');
    write('electron.vite.config.ts', 'export default {};\n');
    write('package.json', '{"name":"x"}\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds the first time, then starts from that build while nothing changed', () => {
    expect(ensureBuilt(root, build())).toBe('built');
    expect(ensureBuilt(root, build())).toBe('reused');
    expect(builds).toBe(1);
    expect(buildIsCurrent(root)).toBe(true);
  });

  it('builds again after a change to a source, a new or removed file, or a configuration file', () => {
    ensureBuilt(root, build());
    const changes = [
      () => write('src/renderer/src/main.tsx', 'export const changed = true;\n'),
      () => write('src/renderer/src/new.ts', 'export {};\n'),
      () => fs.rmSync(path.join(root, 'src/renderer/src/new.ts')),
      () => write('src/core/content/text.ts', 'export const a = 2;\n'),
      () => write('electron.vite.config.ts', 'export default { changed: true };\n'),
      () => write('package.json', '{"name":"y"}\n'),
      () => write('package-lock.json', '{}\n'),
    ];
    for (const [i, change] of changes.entries()) {
      change();
      expect(buildIsCurrent(root), `change ${i}`).toBe(false);
      expect(ensureBuilt(root, build())).toBe('built');
      expect(ensureBuilt(root, build())).toBe('reused');
    }
    expect(builds).toBe(1 + changes.length);
  });

  it('ignores times and files outside what the build reads', () => {
    ensureBuilt(root, build());
    const before = sourceFingerprint(root);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'src/renderer/src/main.tsx'), later, later);
    write('tests/unit/x.test.ts', 'changed\n');
    write('bench-results/latest.json', '{}');
    expect(sourceFingerprint(root)).toBe(before);
    expect(ensureBuilt(root, build())).toBe('reused');
  });

  it('builds when the built page is gone, when forced, and never records a failed build', () => {
    ensureBuilt(root, build());
    fs.rmSync(path.join(root, 'out/renderer'), { recursive: true });
    expect(ensureBuilt(root, build())).toBe('built');
    expect(ensureBuilt(root, build(), { force: true })).toBe('built');
    write('src/renderer/src/main.tsx', 'broken(\n');
    expect(ensureBuilt(root, build(false))).toBe('failed');
    // The page of the previous build is still there, but it is not a build of these sources.
    expect(buildIsCurrent(root)).toBe(false);
    expect(ensureBuilt(root, build())).toBe('built');
    expect(builds).toBe(5);
  });
});

describe('scripts/web.mjs', () => {
  let root: string;
  beforeEach(() => {
    // The real script in a small project: its build is a stand-in electron-vite that writes the
    // page and logs each run, its server a web-entry.ts that says what it was given and exits.
    root = tempDir('copydesk-web-script-');
    const ROOT = path.resolve(import.meta.dirname, '../..');
    fs.mkdirSync(path.join(root, 'scripts'));
    for (const f of ['web.mjs', 'web-build.mjs']) fs.copyFileSync(path.join(ROOT, 'scripts', f), path.join(root, 'scripts', f));
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"x","type":"module"}\n');
    fs.mkdirSync(path.join(root, 'node_modules/electron-vite/bin'), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules/tsx')), path.join(root, 'node_modules/tsx'));
    fs.writeFileSync(path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), [
      "const fs = require('node:fs');",
      "fs.appendFileSync('builds.log', 'build\\n');",
      "fs.mkdirSync('out/renderer', { recursive: true });",
      "fs.writeFileSync('out/renderer/index.html', '<!doctype html>');",
      "if (fs.readFileSync('src/renderer/main.ts', 'utf8').includes('broken')) process.exit(1);",
    ].join('\n'));
    fs.mkdirSync(path.join(root, 'src/server'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src/renderer'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/renderer/main.ts'), 'export {};\n');
    fs.writeFileSync(path.join(root, 'src/server/web-entry.ts'), "process.stdout.write(`serving ${process.argv.slice(2).join(' ')}\\n`);\n");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const web = (...args: string[]) => spawnSync(process.execPath, ['scripts/web.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const builds = () => (fs.existsSync(path.join(root, 'builds.log')) ? fs.readFileSync(path.join(root, 'builds.log'), 'utf8').split('\n').length - 1 : 0);

  it('builds once, starts from that build while the sources are unchanged, and builds again after a change', () => {
    const first = web('--port', '0');
    expect(first.stdout).toBe('serving --port 0\n');
    expect(first.status).toBe(0);
    expect(builds()).toBe(1);
    expect(web('--port', '0').stdout).toBe('serving --port 0\n');
    expect(builds()).toBe(1);
    fs.writeFileSync(path.join(root, 'src/renderer/main.ts'), 'export const x = 1;\n');
    web();
    expect(builds()).toBe(2);
    expect(web('--rebuild').stdout).toBe('serving \n');
    expect(builds()).toBe(3);
    expect(web('--no-build').stdout).toBe('serving \n');
    expect(builds()).toBe(3);
  }, 180_000); // seven starts of node with tsx on a shared machine

  it('npm run build (scripts/web-build.mjs) always builds and records it, so the next web start reuses it', () => {
    const build = () => spawnSync(process.execPath, ['scripts/web-build.mjs'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(build().status).toBe(0);
    expect(build().status).toBe(0);
    expect(builds()).toBe(2);
    expect(web().stdout).toBe('serving \n');
    expect(builds()).toBe(2);
  }, 60_000);

  it('does not serve after a failed build, and does not take that build for current', () => {
    fs.writeFileSync(path.join(root, 'src/renderer/main.ts'), 'broken(\n');
    const failed = web();
    expect(failed.status).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('the build failed');
    web();
    expect(builds()).toBe(2);
  }, 60_000);
});
