import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLibrary, APPLICATION_ID } from '../../src/core/db/open.js';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations.js';
import {
  autoBackup, backupsDir, backupsToPrune, createBackup, importBackupFile, KEEP_LAST, listBackups, type BackupInfo,
} from '../../src/core/db/backups.js';
import { dispatch } from '../../src/core/api/dispatch.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { makeLibrary, type TestLibrary } from './helpers.js';
import { crashBody, crashTitle, libraryChecksum } from './workers/shared.js';
import { startWorker } from './workers/spawn.js';
import { createArticle } from '../../src/core/articles/articles.js';

const FIXTURE_V1 = path.resolve(import.meta.dirname, '../fixtures/libraries/v1.sqlite');

/** Opens a backup file on its own and returns its facts: it must be a whole, valid library. */
function readBackup(file: string): { appId: number; version: number; integrity: string; checksum: string; titles: string[] } {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return {
      appId: db.pragma('application_id', { simple: true }) as number,
      version: db.pragma('user_version', { simple: true }) as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      checksum: libraryChecksum(db),
      titles: (db.prepare('SELECT title FROM articles ORDER BY id').all() as Array<{ title: string }>).map((r) => r.title),
    };
  } finally {
    db.close();
  }
}

describe('backups', () => {
  let lib: TestLibrary;
  beforeEach(async () => {
    lib = await makeLibrary();
  });
  afterEach(() => lib.dispose());

  it('backs up now into <library dir>/backups: a whole, valid copy of the library, listed newest first', async () => {
    await lib.ok('articles.create', { title: '都昌产业园', body: bodyFromParagraphs(['正文。']), tags: ['产业园'] });
    const first = (await lib.ok('backup.create', {})).created!;
    expect(path.dirname(first.path)).toBe(path.join(lib.dir, 'backups'));
    expect(first).toMatchObject({ kind: 'manual', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(first.name).toMatch(/^library-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-manual\.sqlite$/);
    expect(first.bytes).toBe(fs.statSync(first.path).size);
    const facts = readBackup(first.path);
    expect(facts).toMatchObject({ appId: APPLICATION_ID, version: LATEST_SCHEMA_VERSION, integrity: 'ok', titles: ['都昌产业园'] });
    expect(facts.checksum).toBe(libraryChecksum(lib.db));

    await lib.ok('articles.create', { title: 'Second' });
    const second = (await lib.ok('backup.create', {})).created!;
    const listed = await lib.ok('backup.list', {});
    expect(listed.dir).toBe(backupsDir(lib.path));
    expect(listed.backups.map((b) => b.name)).toEqual([second.name, first.name]);
    expect(readBackup(second.path).titles).toEqual(['都昌产业园', 'Second']);
    // One self-contained file (rollback journal, not WAL): nothing left beside it after reading
    // it, and no half-written leftovers.
    expect([...fs.readFileSync(first.path).subarray(18, 20)]).toEqual([1, 1]);
    expect(fs.readdirSync(listed.dir).filter((f) => !f.endsWith('.sqlite'))).toEqual([]);
  });

  it('ignores other libraries\' backups and stray files in the same folder', async () => {
    await lib.ok('backup.create', {});
    const dir = backupsDir(lib.path);
    fs.writeFileSync(path.join(dir, 'other-2026-01-01T00-00-00-000Z-manual.sqlite'), 'not ours');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    fs.symlinkSync('/etc/passwd', path.join(dir, 'library-2026-01-01T00-00-00-000Z-manual.sqlite'));
    const { backups } = await lib.ok('backup.list', {});
    expect(backups).toHaveLength(1);
    expect(backups[0]!.kind).toBe('manual');
  });

  it('makes at most one automatic backup per day, then rotates: the last 7 plus the newest of each month', async () => {
    // 75 days of daily use, two quits a day.
    const start = new Date(2025, 0, 10, 9, 0, 0);
    let made = 0;
    for (let day = 0; day < 75; day++) {
      for (const hour of [12, 18]) {
        const now = new Date(start.getFullYear(), start.getMonth(), start.getDate() + day, hour, 30);
        const r = await autoBackup(lib.db, lib.path, now);
        if (hour === 12) {
          expect(r.created?.kind).toBe('auto');
          made++;
        } else {
          expect(r.created).toBeNull();
          expect(r.skipped).toMatch(/already made today/);
        }
      }
    }
    expect(made).toBe(75);
    const autos = listBackups(lib.path).filter((b) => b.kind === 'auto');
    // Expected, computed independently: the 7 newest days, and per month the newest day.
    const days = Array.from({ length: 75 }, (_, d) => new Date(start.getFullYear(), start.getMonth(), start.getDate() + d, 12, 30));
    const keep = new Set(days.slice(-KEEP_LAST).map((d) => d.getTime()));
    const byMonth = new Map<string, number>();
    for (const d of days) byMonth.set(`${d.getFullYear()}-${d.getMonth()}`, d.getTime());
    for (const t of byMonth.values()) keep.add(t);
    expect(autos.map((b) => new Date(b.createdAt).getTime()).sort()).toEqual([...keep].sort());
    expect(autos.length).toBe(KEEP_LAST + 2); // + January's and February's newest; March's is among the last 7
    for (const b of autos) expect(readBackup(b.path).integrity).toBe('ok');
  });

  it('never rotates away manual, pre-upgrade, pre-restore or imported backups', () => {
    const mk = (kind: string, day: number): BackupInfo => ({
      name: `library-${day}-${kind}.sqlite`, path: `/x/${day}-${kind}`, kind: kind as BackupInfo['kind'],
      createdAt: new Date(2025, 0, day, 12).toISOString(), bytes: 1, schemaVersion: 2,
    });
    const list = [
      ...Array.from({ length: 20 }, (_, d) => mk('auto', d + 1)),
      ...Array.from({ length: 20 }, (_, d) => mk('manual', d + 1)),
      mk('before-v2', 1), mk('before-restore', 2), mk('imported', 3),
    ];
    const pruned = backupsToPrune(list);
    expect(pruned.every((b) => b.kind === 'auto')).toBe(true);
    // January 14..20 are the last seven, and the 20th is also January's newest.
    expect(pruned.map((b) => new Date(b.createdAt).getDate()).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('automatic backup through the contract: backup.create {automatic: true}', async () => {
    const r1 = await lib.ok('backup.create', { automatic: true });
    expect(r1.created?.kind).toBe('auto');
    const r2 = await lib.ok('backup.create', { automatic: true });
    expect(r2.created).toBeNull();
    expect(r2.skipped).toMatch(/already made today/);
  });

  it('restores a backup in place: backs up the current library first, and the open handle keeps working', async () => {
    const a = await lib.ok('articles.create', { title: 'Original title', body: bodyFromParagraphs(['Original text.']), tags: ['kept'] });
    const backup = (await lib.ok('backup.create', {})).created!;
    const atBackup = libraryChecksum(lib.db);

    const edited = await lib.ok('articles.save', { id: a.id, version: a.version, title: 'Edited later', body: bodyFromParagraphs(['Edited text.']) });
    await lib.ok('articles.create', { title: 'Written after the backup' });
    await lib.ok('tags.create', { name: 'later tag' });
    const beforeRestore = libraryChecksum(lib.db);

    const r = await lib.ok('backup.restore', { name: backup.name });
    expect(r).toMatchObject({ restored: { name: backup.name }, schemaVersion: LATEST_SCHEMA_VERSION, migratedFrom: null });
    expect(r.safetyBackup.kind).toBe('before-restore');
    // The library is the backup again, through the very same handle.
    expect(libraryChecksum(lib.db)).toBe(atBackup);
    const back = await lib.ok('articles.get', { id: a.id });
    expect(back).toMatchObject({ title: 'Original title', plainText: 'Original text.', version: a.version });
    expect((await lib.ok('articles.list', {})).total).toBe(1);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The safety backup is exactly the library as it was before the restore.
    expect(readBackup(r.safetyBackup.path).checksum).toBe(beforeRestore);
    // A save naming a version from before the restore is a conflict, not an overwrite.
    expect(await lib.raw('articles.save', { id: a.id, version: edited.version, title: 'Stale window' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Saving after the restore works, and search (when present) finds the restored text.
    await lib.ok('articles.save', { id: a.id, version: back.version, title: 'After restore' });
    const search = await lib.raw('search', { query: 'After restore' });
    if (search.ok) expect((search.data as { hits: Array<{ id: number }> }).hits.map((h) => h.id)).toEqual([a.id]);
    if (search.ok) expect((await lib.raw('search', { query: 'Edited later' })) as unknown).toMatchObject({ ok: true, data: { hits: [] } });

    // Restoring the safety backup undoes the restore.
    await lib.ok('backup.restore', { name: r.safetyBackup.name });
    expect(libraryChecksum(lib.db)).toBe(beforeRestore);
    // The backup file itself was only read.
    expect(readBackup(backup.path).checksum).toBe(atBackup);
  });

  it('refuses to restore what is not a restorable backup, and changes nothing', async () => {
    await lib.ok('articles.create', { title: 'Keep me' });
    const before = libraryChecksum(lib.db);
    const dir = backupsDir(lib.path);
    fs.mkdirSync(dir, { recursive: true });
    const noise = 'library-2025-01-01T00-00-00-000Z-manual.sqlite';
    fs.writeFileSync(path.join(dir, noise), crypto.randomBytes(8192));
    const newer = 'library-2025-01-02T00-00-00-000Z-manual.sqlite';
    await createBackup(lib.db, lib.path, 'manual', new Date('2025-01-02T00:00:00.000Z'));
    const db = new BetterSqlite3(path.join(dir, newer));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const listedBefore = fs.readdirSync(dir).sort();

    const cases: Array<[unknown, string, RegExp]> = [
      [{ name: 'library-1999-01-01T00-00-00-000Z-manual.sqlite' }, 'not_found', /does not exist/],
      [{ name: '../library.sqlite' }, 'validation', /file name from backup\.list, not a path/],
      [{ name: '/etc/passwd' }, 'validation', /not a path/],
      [{ name: '' }, 'validation', /name a backup/],
      [{ name: noise }, 'unsupported_library', /not a SQLite database/],
      [{ name: newer }, 'unsupported_library', /newer Copydesk/],
      [{ path: '/tmp/x.sqlite' }, 'validation', /name/],
    ];
    for (const [input, code, message] of cases) {
      const r = await lib.raw('backup.restore', input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
    expect(libraryChecksum(lib.db)).toBe(before);
    // No safety backup was taken for a restore that could not happen.
    expect(fs.readdirSync(dir).sort()).toEqual(listedBefore);
  });

  it('restores a backup from an older schema version (the v1 fixture) and upgrades it', async () => {
    const imported = await importBackupFile(lib.db, lib.path, FIXTURE_V1);
    expect(imported).toMatchObject({ kind: 'imported', schemaVersion: 1 });
    const r = await lib.ok('backup.restore', { name: imported.name });
    expect(r).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, migratedFrom: LATEST_SCHEMA_VERSION > 1 ? 1 : null });
    const list = await lib.ok('articles.list', { sort: 'title', order: 'asc' });
    expect(list.items.map((i) => i.title)).toEqual(['Factory output rises for a third month', '产业园二期开工', '都昌县召开新材料及智能装备产业园项目调度会议']);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The imported copy is a byte-faithful copy of the data of the file it came from.
    expect(readBackup(imported.path).checksum).toBe(readBackup(FIXTURE_V1).checksum);
  });

  it('keeps every acknowledged write in the safety backup or the restored library, even with another connection writing', async () => {
    for (let i = 0; i < 200; i++) await lib.ok('articles.create', { title: `Bulk ${i}`, body: bodyFromParagraphs(['x'.repeat(2000)]) });
    const backup = (await lib.ok('backup.create', {})).created!;
    const other = await openLibrary(lib.path);
    const octx = { db: other.db, libraryPath: other.path };
    const acked: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let n = 0; !stop; n++) {
        const title = `Concurrent ${n}`;
        const r = await dispatch(octx, 'articles.create', { title });
        if (r.ok) acked.push(title);
        await new Promise((res) => setImmediate(res));
      }
    })();
    await new Promise((res) => setTimeout(res, 20));
    const r = await lib.raw('backup.restore', { name: backup.name });
    stop = true;
    await writer;
    other.close();
    const now = new Set((lib.db.prepare('SELECT title FROM articles').all() as Array<{ title: string }>).map((x) => x.title));
    if (r.ok) {
      const safety = new Set(readBackup((r.data as { safetyBackup: BackupInfo }).safetyBackup.path).titles);
      const lost = acked.filter((t) => !now.has(t) && !safety.has(t));
      expect(lost).toEqual([]);
    } else {
      // Refusing is allowed (the library kept changing); then nothing was replaced.
      expect(r.error.code).toBe('conflict');
      for (const t of acked) expect(now.has(t)).toBe(true);
    }
    expect(acked.length).toBeGreaterThan(0);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('with another process saving all the while, the safety backup holds every save acknowledged before the restore', async () => {
    const a = createArticle(lib.db, { title: crashTitle(1), body: crashBody(1), tags: ['t1'] });
    const backup = (await lib.ok('backup.create', {})).created!;
    const worker = await startWorker('save-loop', [lib.path, String(a.id)]);
    await worker.waitFor((l) => l === 'loaded');
    worker.send('go');
    await worker.waitFor((l) => l === 'ack 5');
    const r = await lib.raw('backup.restore', { name: backup.name });
    // The child's next save names a version the restored library does not have: a conflict.
    await Promise.race([worker.exited, new Promise((res) => setTimeout(res, 5_000))]);
    worker.child.kill('SIGKILL');
    await worker.exited;
    const acks = worker.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
    const lastAck = Math.max(...acks);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    const { safetyBackup } = r.data as { safetyBackup: BackupInfo };
    const safety = new BetterSqlite3(safetyBackup.path, { readonly: true });
    const saved = safety.prepare('SELECT version, title FROM articles WHERE id = ?').get(a.id) as { version: number; title: string };
    safety.close();
    // Every save the child was told had succeeded before it hit the conflict is in the safety backup.
    expect(saved.version).toBeGreaterThanOrEqual(lastAck);
    expect(saved.title).toBe(crashTitle(saved.version));
    expect(worker.lines.some((l) => l.startsWith('error') && l.includes('"conflict"'))).toBe(true);
    const now = await lib.ok('articles.get', { id: a.id });
    expect(now).toMatchObject({ version: 1, title: crashTitle(1) });
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
