import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { openLibrary } from '../../src/core/db/open.js';
import { createBackup, importBackupFile, restoreBackup } from '../../src/core/db/backups.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { exportToFolder } from '../../src/core/publish/folder-export.js';
import { CoreError } from '../../src/core/errors.js';
import { tempDir } from './helpers.js';

/**
 * Issue 16.3 and 16.8 on real files with real modes: a library and what is made from it are
 * readable by the owner only whatever the umask, a mode the user chose is never widened, and
 * a path that is not a regular file is refused before anything is created.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('16.3 a library is readable by its owner only', () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = tempDir('copydesk-modes-');
    umask = process.umask(0o022); // the usual umask, whatever the test runner has
  });
  afterEach(() => {
    process.umask(umask);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the library, its -wal and -shm, and new folders on its way owner-only', async () => {
    const file = path.join(dir, 'new', 'nested', 'library.sqlite');
    const lib = await openLibrary(file);
    createArticle(lib.db, { title: 'Secret draft' });
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    expect(modeOf(`${file}-shm`)).toBe(0o600);
    expect(modeOf(path.join(dir, 'new'))).toBe(0o700);
    expect(modeOf(path.join(dir, 'new', 'nested'))).toBe(0o700);
    lib.close();
  });

  it('writes every kind of backup owner-only into an owner-only folder', async () => {
    const file = path.join(dir, 'library.sqlite');
    const lib = await openLibrary(file);
    createArticle(lib.db, { title: 'Secret draft' });
    const manual = await createBackup(lib.db, file, 'manual');
    expect(modeOf(path.dirname(manual.path))).toBe(0o700);
    expect(modeOf(manual.path)).toBe(0o600);

    // A library file from elsewhere, world-readable: its imported copy is owner-only.
    const outside = path.join(dir, 'outside.sqlite');
    const other = await openLibrary(outside);
    other.close();
    fs.chmodSync(outside, 0o644);
    const imported = await importBackupFile(lib.db, file, outside);
    expect(modeOf(imported.path)).toBe(0o600);

    const restored = await restoreBackup(lib.db, file, manual.name);
    expect(modeOf(restored.safetyBackup.path)).toBe(0o600);
    expect(modeOf(file)).toBe(0o600);
    lib.close();
  });

  it('keeps the mode of a library the user made 0600, in its backups too, and never widens one', async () => {
    const file = path.join(dir, 'mine.sqlite');
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o600);
    const lib = await openLibrary(file);
    createArticle(lib.db, { title: 'Secret draft' });
    const backup = await createBackup(lib.db, file, 'manual');
    expect(modeOf(backup.path)).toBe(0o600);
    expect(modeOf(file)).toBe(0o600);
    lib.close();

    // A mode the user chose for sharing with a group (0640) stays as it is.
    const strict = path.join(dir, 'strict.sqlite');
    fs.writeFileSync(strict, '');
    fs.chmodSync(strict, 0o640);
    const lib2 = await openLibrary(strict);
    lib2.close();
    expect(modeOf(strict)).toBe(0o640);
  });

  it('exports into owner-only folders and files', async () => {
    const lib = await openLibrary(path.join(dir, 'library.sqlite'));
    createArticle(lib.db, { title: 'Secret draft', status: 'published' });
    const out = path.join(dir, 'site', 'export');
    await exportToFolder(lib.db, { outDir: out, format: 'both', all: true });
    lib.close();
    const seen: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        seen.push(p);
        if (e.isDirectory()) {
          expect(modeOf(p), p).toBe(0o700);
          walk(p);
        } else expect(modeOf(p), p).toBe(0o600);
      }
    };
    expect(modeOf(path.join(dir, 'site'))).toBe(0o700);
    expect(modeOf(out)).toBe(0o700);
    walk(out);
    expect(seen.some((p) => p.endsWith('.html'))).toBe(true);
  });

  it('keeps the mode of a folder that already exists', async () => {
    const shared = path.join(dir, 'shared');
    fs.mkdirSync(shared, { mode: 0o755 });
    fs.chmodSync(shared, 0o755);
    const lib = await openLibrary(path.join(shared, 'library.sqlite'));
    lib.close();
    expect(modeOf(shared)).toBe(0o755);
    expect(modeOf(path.join(shared, 'library.sqlite'))).toBe(0o600);
  });
});

describe('16.8 odd library paths', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('copydesk-paths-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function refusal(file: string): Promise<CoreError> {
    const err = await openLibrary(file).then(
      (lib) => {
        lib.close();
        return null;
      },
      (e: unknown) => e,
    );
    expect(err, `${file} was opened`).toBeInstanceOf(CoreError);
    return err as CoreError;
  }

  it('refuses to create a library through a dangling symlink, creating nothing at its target', async () => {
    const target = path.join(dir, 'elsewhere', 'planted.sqlite');
    fs.mkdirSync(path.dirname(target));
    const link = path.join(dir, 'library.sqlite');
    fs.symlinkSync(target, link);
    const err = await refusal(link);
    expect(err.code).toBe('unsupported_library');
    expect(err.message).toMatch(/symbolic link to .*planted\.sqlite, which does not exist/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });

  it('refuses devices, a named pipe and a folder, leaving nothing beside them', async () => {
    const fifo = path.join(dir, 'pipe.sqlite');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const cases: [string, RegExp][] = [
      ['/dev/null', /not a regular file \(it is a device\)/],
      ['/dev/zero', /not a regular file \(it is a device\)/],
      [fifo, /not a regular file \(it is a named pipe\)/],
      [dir, /is a folder, not a library file/],
    ];
    for (const [file, message] of cases) {
      // Compared with before: /dev is shared, and another run may have left one there.
      const companions = ['-journal', '-wal', '-shm'].map((c) => `${file}${c}`);
      const before = companions.filter((c) => fs.existsSync(c));
      const err = await refusal(file);
      expect(err.code, file).toBe('unsupported_library');
      expect(err.message, file).toMatch(message);
      expect(companions.filter((c) => fs.existsSync(c))).toEqual(before);
    }
    // A symlink to a device is the device.
    const link = path.join(dir, 'null.sqlite');
    fs.symlinkSync('/dev/null', link);
    expect((await refusal(link)).message).toMatch(/not a regular file/);
  });

  it('says plainly that a symlink points to a file the user cannot read', async () => {
    const secret = path.join(dir, 'secret.sqlite');
    const lib = await openLibrary(secret);
    lib.close();
    const link = path.join(dir, 'link.sqlite');
    fs.symlinkSync(secret, link);
    // As root every file is readable, so the check runs as an unprivileged user there.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(secret, 0o600);
    } else fs.chmodSync(secret, 0o000);
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      const { openLibrary } = await import(${JSON.stringify(path.join(ROOT, 'src/core/db/open.ts'))});
      try { (await openLibrary(${JSON.stringify(link)})).close(); console.log('OPENED'); }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`], {
      cwd: ROOT,
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: '/tmp', TSX_TSCONFIG_PATH: undefined } } : {}),
    });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    expect(line, run.stderr).not.toBe('OPENED');
    const err = JSON.parse(line) as { code: string; message: string };
    expect(err.code).toBe('io');
    expect(err.message).toMatch(/not allowed to read .*link\.sqlite \(permission denied/);
    expect(err.message).not.toMatch(/EACCES/);
  });
});
