import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { dispatch } from '../../src/core/api/dispatch.js';
import { CoreError } from '../../src/core/errors.js';
import { tempDir } from './helpers.js';
import { fileSha256 } from './workers/shared.js';

/**
 * Files that are not (or no longer) a library this app can open: each is refused with a message
 * that says what is wrong, and left byte for byte as it was, with nothing created beside it.
 */
describe('opening files that are not a usable library', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('copydesk-open-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function expectRefused(file: string, message: RegExp): Promise<void> {
    const before = fileSha256(file);
    const siblings = fs.readdirSync(dir).sort();
    const err = await openLibrary(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('unsupported_library');
    expect((err as CoreError).message).toMatch(message);
    expect((err as CoreError).message).toContain('left untouched');
    expect(fileSha256(file)).toBe(before);
    // Nothing written beside it either: no backups folder, no copies. SQLite's read-only look at
    // a WAL-mode file may leave an empty -wal and its index (-shm), which hold no data.
    const name = path.basename(file);
    const added = fs.readdirSync(dir).filter((f) => !siblings.includes(f));
    for (const f of added) {
      expect([`${name}-wal`, `${name}-shm`]).toContain(f);
      if (f.endsWith('-wal')) expect(fs.statSync(path.join(dir, f)).size).toBe(0);
    }
  }

  async function realLibrary(name = 'real.sqlite'): Promise<string> {
    const file = path.join(dir, name);
    const lib = await openLibrary(file);
    for (let i = 0; i < 30; i++) createArticle(lib.db, { title: `Article ${i}`, tags: [`tag ${i % 4}`] });
    lib.close();
    return file;
  }

  it('refuses random bytes', async () => {
    const file = path.join(dir, 'noise.sqlite');
    fs.writeFileSync(file, crypto.randomBytes(64 * 1024));
    await expectRefused(file, /not a Copydesk library \(it is not a SQLite database\)/);
  });

  it('refuses a short text file', async () => {
    const file = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(file, 'hello\n');
    await expectRefused(file, /not a SQLite database/);
  });

  it('refuses an unrelated SQLite database', async () => {
    const file = path.join(dir, 'other-app.db');
    const other = new BetterSqlite3(file);
    other.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('Ada');");
    other.close();
    await expectRefused(file, /is a SQLite database but not a Copydesk library/);
  });

  it('refuses a truncated copy of a real library', async () => {
    const file = await realLibrary();
    const cut = path.join(dir, 'cut.sqlite');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    fs.rmSync(file);
    await expectRefused(cut, /damaged: it is shorter than its header says/);
  });

  it('refuses a library made by a newer Copydesk, naming both versions', async () => {
    const file = await realLibrary();
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    await expectRefused(file, new RegExp(`newer Copydesk \\(library version ${LATEST_SCHEMA_VERSION + 1}; this app understands up to ${LATEST_SCHEMA_VERSION}\\)`));
  });

  it('refuses a directory in place of the file with a clear message', async () => {
    const sub = path.join(dir, 'folder.sqlite');
    fs.mkdirSync(sub);
    const err = await openLibrary(sub).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).message).toMatch(/is a folder, not a library file/);
  });

  it('opens a zero-byte file as a new library (an empty file is nobody\'s data)', async () => {
    const file = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(file, '');
    const lib = await openLibrary(file);
    expect(lib.created).toBe(true);
    expect(lib.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    lib.close();
  });

  it('reports a library damaged inside (not at open) as a clear io error, without crashing', async () => {
    const file = await realLibrary();
    // Overwrite the pages of the articles table (found with SQLite's dbstat) with garbage: the
    // header and schema still check out, so the damage shows only when the data is read.
    const probe = new BetterSqlite3(file, { readonly: true });
    const pages = (probe.prepare("SELECT pageno FROM dbstat WHERE name = 'articles'").all() as Array<{ pageno: number }>).map((p) => p.pageno);
    probe.close();
    expect(pages.length).toBeGreaterThan(0);
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    for (const p of pages) crypto.randomBytes(pageSize).copy(bytes, (p - 1) * pageSize);
    fs.writeFileSync(file, bytes);
    // Opening reads only the header and the schema, which are intact.
    const lib = await openLibrary(file);
    const ctx = { db: lib.db, libraryPath: lib.path };
    const results = [
      await dispatch(ctx, 'articles.list', {}),
      await dispatch(ctx, 'articles.get', { id: 3 }),
      await dispatch(ctx, 'articles.create', { title: 'After the damage' }),
    ];
    lib.close();
    const failures = results.filter((r) => !r.ok);
    expect(failures.length).toBeGreaterThan(0);
    for (const r of failures) {
      expect(r.ok ? null : r.error.code).toBe('io');
      expect(r.ok ? '' : r.error.message).toMatch(/library file is damaged.*restore a backup/i);
    }
  });
});
