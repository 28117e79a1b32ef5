import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLibrary, APPLICATION_ID } from '../../src/core/db/open.js';
import { LATEST_SCHEMA_VERSION, migrations, runMigrations, type Migration } from '../../src/core/db/migrations.js';
import { listBackups } from '../../src/core/db/backups.js';
import { dispatch } from '../../src/core/api/dispatch.js';
import { CoreError } from '../../src/core/errors.js';
import { tempDir } from './helpers.js';
import { fileSha256, libraryChecksum } from './workers/shared.js';

const FIXTURE_V1 = path.resolve(import.meta.dirname, '../fixtures/libraries/v1.sqlite');
const needsStep2 = LATEST_SCHEMA_VERSION > 1 ? null : 'the app is still at schema version 1: there is no upgrade to run';
if (needsStep2) console.log(`migrations: upgrade tests skipped: ${needsStep2}`);

function facts(file: string) {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return {
      appId: db.pragma('application_id', { simple: true }) as number,
      version: db.pragma('user_version', { simple: true }) as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      checksum: libraryChecksum(db),
    };
  } finally {
    db.close();
  }
}

describe('schema migrations', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = tempDir('copydesk-migrate-');
    file = path.join(dir, 'library.sqlite');
    fs.copyFileSync(FIXTURE_V1, file);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the committed v1 fixture is a whole version-1 library', () => {
    expect(facts(FIXTURE_V1)).toMatchObject({ appId: APPLICATION_ID, version: 1, integrity: 'ok' });
  });

  it.skipIf(needsStep2 !== null)('opens a version-1 library in the current version, after an automatic backup that is a valid v1 library', async () => {
    const fixture = facts(FIXTURE_V1);
    const lib = await openLibrary(file);
    const ctx = { db: lib.db, libraryPath: lib.path };
    expect(lib.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(lib.created).toBe(false);

    const backups = listBackups(file);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ kind: `before-v${LATEST_SCHEMA_VERSION}`, schemaVersion: 1 });
    // The backup is the library exactly as it was before the upgrade.
    expect(facts(backups[0]!.path)).toEqual(fixture);

    // Everything the editor wrote in version 1 is there, through the contract.
    const get = async (id: number) => {
      const r = await dispatch(ctx, 'articles.get', { id });
      if (!r.ok) throw new Error(r.error.message);
      return r.data as { title: string; tags: Array<{ name: string }>; categoryPath: string[]; deletedAt: string | null; version: number; plainText: string };
    };
    const a1 = await get(1);
    expect(a1).toMatchObject({ title: '都昌县召开新材料及智能装备产业园项目调度会议', categoryPath: ['广东产业信息', '项目调度'], version: 3 });
    expect(a1.tags.map((t) => t.name)).toEqual(['产业园', '都昌']);
    expect(a1.plainText).toContain('会议要求加快项目建设进度。');
    expect((await get(3)).deletedAt).not.toBeNull();
    expect(await dispatch(ctx, 'settings.get', {})).toMatchObject({ ok: true, data: { siteName: '广东产业信息网' } });
    expect(await dispatch(ctx, 'revisions.list', { articleId: 1 })).toMatchObject({ ok: true, data: [{ reason: 'created' }] });
    const stats = await dispatch(ctx, 'library.stats', {});
    expect(stats).toMatchObject({ ok: true, data: { articles: 3, trashed: 1, categories: 3, tags: 3 } });
    // And the new version's features work on the old data (search arrived in step 2).
    const found = await dispatch(ctx, 'search', { query: '产业园' });
    if (found.ok) expect((found.data as { hits: Array<{ id: number }> }).hits.map((h) => h.id).sort()).toEqual([1, 4]);
    // Saving still works, with the versions v1 wrote.
    expect(await dispatch(ctx, 'articles.save', { id: 1, version: 3, title: 'Edited after the upgrade' })).toMatchObject({ ok: true, data: { version: 4 } });
    lib.close();
    expect(facts(file).integrity).toBe('ok');

    // Opening again needs no upgrade and takes no second backup.
    (await openLibrary(file)).close();
    expect(listBackups(file)).toHaveLength(1);
  });

  it.skipIf(needsStep2 !== null)('leaves the library byte for byte as it was when an upgrade step fails half way', async () => {
    const before = fileSha256(file);
    const data = facts(file).checksum;
    // The first step above the fixture's version 1: when it fails, nothing may have changed.
    const step = migrations.find((m) => m.version === 2)!;
    const realUp = step.up;
    // The step does all its real work, then fails: everything it did must roll back.
    (step as { up: Migration['up'] }).up = (db) => {
      realUp(db);
      throw new Error('injected failure after the step had done its work');
    };
    let err: unknown;
    try {
      err = await openLibrary(file).then(() => null, (e: unknown) => e);
    } finally {
      (step as { up: Migration['up'] }).up = realUp;
    }
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).message).toMatch(new RegExp(`Upgrading .* from library version 1 to ${LATEST_SCHEMA_VERSION} failed: injected failure`));
    expect((err as CoreError).message).toMatch(/The library was left as it was; the copy taken before the upgrade is .*before-v\d+\.sqlite/);
    expect((err as CoreError).code).toBe('internal');
    expect(fileSha256(file)).toBe(before);
    expect(facts(file)).toMatchObject({ version: 1, integrity: 'ok', checksum: data });
    // Nothing is lost by trying again once the app is fixed.
    const lib = await openLibrary(file);
    expect(lib.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    lib.close();
  });

  it.skipIf(needsStep2 !== null)('does not upgrade when the backup taken first cannot be written, and says so', async () => {
    const before = fileSha256(file);
    fs.writeFileSync(path.join(dir, 'backups'), 'a file where the backups folder should be');
    const err = await openLibrary(file).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).message).toMatch(/needs upgrading to library version \d+, but the backup taken first could not be written .* The library was left as it was/);
    expect(fileSha256(file)).toBe(before);
  });

  it('rolls back a failing step on a current library, whatever it had done (a test-only step)', async () => {
    const lib = await openLibrary(file);
    const before = libraryChecksum(lib.db);
    const failing: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      description: 'test-only: changes everything, then fails',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT; INSERT INTO half_done VALUES (1)');
        db.exec("UPDATE articles SET title = 'clobbered'");
        db.exec('DELETE FROM tags');
        throw new Error('step failed');
      },
    };
    (migrations as Migration[]).push(failing);
    try {
      expect(() => runMigrations(lib.db, LATEST_SCHEMA_VERSION, failing.version)).toThrow('step failed');
    } finally {
      (migrations as Migration[]).pop();
    }
    expect(lib.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(libraryChecksum(lib.db)).toBe(before);
    lib.close();
  });
});
