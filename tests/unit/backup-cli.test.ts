import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openLibrary } from '../../src/core/db/open.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { tempDir } from './helpers.js';
import { fileSha256 } from './workers/shared.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE_V1 = path.resolve(import.meta.dirname, '../fixtures/libraries/v1.sqlite');
const cli = (args: string[]) => spawnSync(process.execPath, ['bin/copydesk.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });

/** `copydesk backup`, `copydesk backups` and `copydesk restore`, run as a person would (each run starts tsx: slow on a busy machine). */
describe('backups from the command line', () => {
  let dir: string;
  let library: string;
  beforeAll(async () => {
    dir = tempDir('copydesk-backup-cli-');
    library = path.join(dir, 'lib.sqlite');
    const lib = await openLibrary(library);
    createArticle(lib.db, { title: 'Before the backup' });
    lib.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const titles = async () => {
    const lib = await openLibrary(library);
    try {
      return (lib.db.prepare('SELECT title FROM articles ORDER BY id').all() as Array<{ title: string }>).map((r) => r.title);
    } finally {
      lib.close();
    }
  };

  it('backs up, lists and restores, keeping the replaced library as a backup', async () => {
    const made = cli(['--library', library, 'backup', '--json']);
    expect(made.status, made.stderr).toBe(0);
    const backup = JSON.parse(made.stdout) as { name: string; path: string; kind: string };
    expect(backup.kind).toBe('manual');
    expect(fs.existsSync(backup.path)).toBe(true);

    const human = cli(['--library', library, 'backups']);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain(`Backups in ${path.join(dir, 'backups')}`);
    expect(human.stdout).toContain(backup.name);

    const lib = await openLibrary(library);
    createArticle(lib.db, { title: 'After the backup' });
    lib.close();

    const restored = cli(['--library', library, 'restore', backup.name]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored ${backup.name}`);
    const undo = /`copydesk restore (\S+)` undoes this/.exec(restored.stdout)?.[1];
    expect(undo).toMatch(/-before-restore\.sqlite$/);
    expect(await titles()).toEqual(['Before the backup']);

    // The command it printed undoes the restore.
    expect(cli(['--library', library, 'restore', undo!]).status).toBe(0);
    expect(await titles()).toEqual(['Before the backup', 'After the backup']);

    const listed = JSON.parse(cli(['--library', library, 'backups', '--json']).stdout) as { backups: Array<{ kind: string }> };
    expect(listed.backups.map((b) => b.kind).sort()).toEqual(['before-restore', 'before-restore', 'manual']);
  }, 120_000);

  it('restores a library file from elsewhere (an older version) by copying it into the backups first', async () => {
    const outside = path.join(dir, 'from-a-colleague.sqlite');
    fs.copyFileSync(FIXTURE_V1, outside);
    const before = fileSha256(outside);
    const r = cli(['--library', library, 'restore', outside, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Copied .*from-a-colleague\.sqlite into the backups as lib-.*-imported\.sqlite/);
    expect(JSON.parse(r.stdout)).toMatchObject({ restored: { kind: 'imported', schemaVersion: 1 }, migratedFrom: expect.anything() });
    expect(await titles()).toContain('Factory output rises for a third month');
    expect(fileSha256(outside)).toBe(before);
  }, 60_000);

  it('fails clearly, changing nothing, for a missing backup, a non-library file and stray arguments', async () => {
    const before = await titles();
    const missing = cli(['--library', library, 'restore', 'nope.sqlite']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.sqlite is neither a backup in .* nor a file/);

    const noise = path.join(dir, 'noise.sqlite');
    fs.writeFileSync(noise, crypto.randomBytes(4096));
    const bad = cli(['--library', library, 'restore', noise]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not a Copydesk library \(it is not a SQLite database\)/);

    expect(cli(['--library', library, 'restore']).status).toBe(2);
    expect(cli(['--library', library, 'backup', 'extra']).status).toBe(2);
    expect(await titles()).toEqual(before);
  }, 120_000);
});
