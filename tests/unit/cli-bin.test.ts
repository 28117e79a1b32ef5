import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SAMPLES_DIR, tempDir } from './helpers.js';

/**
 * bin/copydesk.mjs runs the built bundle (out/cli) only while it is fresh, else the sources
 * through tsx. A small project laid out like this one (the real bin, a two-file CLI, the shared
 * node_modules) is built with the real build script and run as real processes; then the real
 * project's bundle is checked against its sources on a real library.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILD = path.join(ROOT, 'scripts/build-cli.mjs');

const MAIN_TS = `import { greeting } from './greeting.js';
export async function runCli(argv: readonly string[], io: { out(t: string): void }): Promise<number> {
  io.out(\`\${greeting()} bundle \${argv.join(' ')}\`);
  return 3;
}
`;
const ENTRY_TS = `import { greeting } from './greeting.js';
process.stdout.write(\`\${greeting()} sources \${process.argv.slice(2).join(' ')}\\n\`);
process.exitCode = 4;
`;

function run(root: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(root, 'bin/copydesk.mjs'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, COPYDESK_CLI: '', COPYDESK_CLI_TRACE: '1', ...env }, timeout: 120_000,
  });
}
function build(root: string) {
  const r = spawnSync(process.execPath, [BUILD, '--root', root, '--quiet'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

describe('bin/copydesk.mjs: the built CLI when fresh, the sources otherwise', () => {
  let root: string;
  const cliDir = () => path.join(root, 'src/server/cli');
  beforeAll(() => {
    root = tempDir('copydesk-bin-');
    fs.mkdirSync(path.join(root, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin/copydesk.mjs'), path.join(root, 'bin/copydesk.mjs'));
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bin-test', type: 'module' }));
    fs.mkdirSync(cliDir(), { recursive: true });
    fs.writeFileSync(path.join(cliDir(), 'main.ts'), MAIN_TS);
    fs.writeFileSync(path.join(cliDir(), 'entry.ts'), ENTRY_TS);
    fs.writeFileSync(path.join(cliDir(), 'greeting.ts'), "export const greeting = () => 'one';\n");
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs the sources when nothing was built', () => {
    const r = run(root, ['stats']);
    expect(r.stdout).toBe('one sources stats\n');
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('running the sources (tsx)');
    expect(run(root, ['stats'], { COPYDESK_CLI: 'built' }).status).toBe(70);
  });

  it('runs the bundle once built, with its exit code, and keeps V8 code cache for the next start', () => {
    build(root);
    const first = run(root, ['stats', '--json']);
    expect(first.stdout).toBe('one bundle stats --json\n');
    expect(first.status).toBe(3);
    expect(first.stderr).toContain('running out/cli');
    const caches = fs.readdirSync(path.join(root, 'out/cli')).filter((f) => f.endsWith('.cache'));
    expect(caches).toHaveLength(1);
    const second = run(root, ['list']);
    expect(second.stdout).toBe('one bundle list\n');
    expect(fs.readdirSync(path.join(root, 'out/cli')).filter((f) => f.endsWith('.cache'))).toEqual(caches);
  });

  it('falls back to the sources once a file the bundle was made from changes, until the next build', () => {
    build(root);
    expect(run(root, ['a']).stdout).toBe('one bundle a\n');
    fs.writeFileSync(path.join(cliDir(), 'greeting.ts'), "export const greeting = () => 'two';\n");
    const stale = run(root, ['a']);
    expect(stale.stdout).toBe('two sources a\n');
    expect(run(root, ['a'], { COPYDESK_CLI: 'built' }).status).toBe(70);
    build(root);
    expect(run(root, ['a']).stdout).toBe('two bundle a\n');
  });

  it('falls back when an input is gone, the manifest is missing or the bundle is not the one built', () => {
    build(root);
    const manifest = path.join(root, 'out/cli/manifest.json');
    const bundle = path.join(root, 'out/cli/cli.cjs');

    fs.renameSync(path.join(cliDir(), 'greeting.ts'), path.join(root, 'greeting.ts.away'));
    expect(run(root, ['x'], { COPYDESK_CLI: 'built' }).status).toBe(70);
    fs.renameSync(path.join(root, 'greeting.ts.away'), path.join(cliDir(), 'greeting.ts'));
    // Moving it back changed its ctime: the bundle is stale until rebuilt.
    expect(run(root, ['x']).stdout).toContain('sources x');
    build(root);

    fs.renameSync(manifest, `${manifest}.away`);
    expect(run(root, ['x']).stdout).toContain('sources x');
    fs.renameSync(`${manifest}.away`, manifest);
    expect(run(root, ['x']).stdout).toContain('bundle x');

    fs.appendFileSync(bundle, '\n// edited by hand\n');
    expect(run(root, ['x']).stdout).toContain('sources x');
    fs.rmSync(path.join(root, 'out'), { recursive: true });
    expect(run(root, ['x']).stdout).toContain('sources x');
  });

  it('COPYDESK_CLI=sources runs the sources even when the bundle is fresh', () => {
    build(root);
    expect(run(root, ['y'], { COPYDESK_CLI: 'sources' }).stdout).toContain('sources y');
  });
});

describe("the real project's bundle", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    const r = spawnSync(process.execPath, [BUILD, '--quiet'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
  }, 200_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers as the sources do, including commands that load packages on first use', () => {
    const md = path.join(dir, 'md');
    fs.mkdirSync(md);
    fs.writeFileSync(path.join(md, '都昌新材料.md'), '---\ntitle: 都昌新材料产业园\ntags: [园区]\n---\n\n# 标题\n\n正文 **加粗**，<em>强调</em>。\n');
    // A real page: its breadcrumb, title and pinyin slug go through regexes with Chinese and
    // toned letters, which a bundle read in the wrong encoding gets wrong.
    fs.copyFileSync(path.join(SAMPLES_DIR, 'site-article-page.txt'), path.join(md, 'site-article-page.txt'));
    const both = (args: string[]) => (['built', 'sources'] as const).map((mode) => {
      const lib = path.join(dir, `${mode}.sqlite`);
      const argv = args.map((a) => a.replace(path.join(dir, 'out'), path.join(dir, `out-${mode}`)));
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/copydesk.mjs'), '--library', lib, ...argv], {
        cwd: ROOT, encoding: 'utf8', env: { ...process.env, COPYDESK_CLI: mode }, timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      // The two libraries differ only in where they are and when their articles were written.
      return r.stdout.replaceAll(lib, 'LIB').replaceAll(`out-${mode}`, 'out').replaceAll(dir, 'DIR').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'TIME')
        .replace(/"durationMs": [\d.]+/, '"durationMs": 0');
    });
    const [builtImport, sourcesImport] = both(['import', md, '--json']);
    expect(builtImport).toBe(sourcesImport);
    let shown = '';
    for (const args of [['export', '--out', path.join(dir, 'out'), '--format', 'both', '--all', '--json', '--quiet'], ['stats', '--json'], ['list', '--json'], ['show', '2', '--json'], ['search', '产业园', '--json']]) {
      const [built, sources] = both(args);
      expect(built, args.join(' ')).toBe(sources);
      if (args[0] === 'show') shown = built!;
    }
    const files = (mode: string) => fs.readdirSync(path.join(dir, `out-${mode}`), { recursive: true, encoding: 'utf8' }).sort();
    expect(files('built')).toEqual(files('sources'));
    const read = (mode: string, f: string) => fs.readFileSync(path.join(dir, `out-${mode}`, f), 'utf8').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z|"sha256": "\w+"/g, '');
    for (const f of files('built').filter((f) => /\.(md|html)$/.test(f))) expect(read('built', f), f).toBe(read('sources', f));
    expect(JSON.parse(shown)).toMatchObject({ title: '都昌新材料产业园', slug: expect.stringMatching(/chang-xin-cai-liao$/) });
  }, 300_000); // fourteen processes, half of them through tsx, on a shared machine
});
