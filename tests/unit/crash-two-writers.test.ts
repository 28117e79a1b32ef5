import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openLibrary } from '../../src/core/db/open.js';
import { createArticle } from '../../src/core/articles/articles.js';
import { bodyFromParagraphs } from '../../src/core/content/lexical-json.js';
import { tempDir } from './helpers.js';
import { startWorker, type RunningWorker } from './workers/spawn.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Two processes on one library (two app windows, or the app and the CLI): no corruption, and no
 * lost write. Two saves naming the same version: one succeeds, the other is a conflict.
 */
describe('two processes writing one library', () => {
  let dir: string;
  let file: string;
  let id: number;
  let a: RunningWorker;
  let b: RunningWorker;
  beforeAll(async () => {
    dir = tempDir('copydesk-two-writers-');
    file = path.join(dir, 'library.sqlite');
    const lib = await openLibrary(file);
    id = createArticle(lib.db, { title: 'Shared', body: bodyFromParagraphs(['Both windows have this open.']) }).id;
    lib.close();
    [a, b] = await Promise.all([startWorker('writer', [file, String(id)]), startWorker('writer', [file, String(id)])]);
    await Promise.all([a.waitFor((l) => l === 'ready'), b.waitFor((l) => l === 'ready')]);
  }, 60_000);
  afterAll(async () => {
    for (const w of [a, b]) {
      w?.send('quit');
      await Promise.race([w?.exited, new Promise((r) => setTimeout(r, 3000))]);
      w?.child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const version = () => {
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      return db.prepare('SELECT version, title FROM articles WHERE id = ?').get(id) as { version: number; title: string };
    } finally {
      db.close();
    }
  };

  it('two saves naming the same version, sent at once: exactly one succeeds, the other is a conflict (30 rounds)', async () => {
    for (let round = 0; round < 30; round++) {
      const { version: v } = version();
      const seenA = a.lines.length;
      const seenB = b.lines.length;
      a.send(`save ${v} A${round}`);
      b.send(`save ${v} B${round}`);
      const [ra, rb] = await Promise.all([
        a.waitFor((l) => a.lines.indexOf(l) >= seenA && l.includes(`"A${round}"`)),
        b.waitFor((l) => b.lines.indexOf(l) >= seenB && l.includes(`"B${round}"`)),
      ]).then((ls) => ls.map((l) => JSON.parse(l) as { label: string; ok: boolean; code?: string; version?: number }));
      const results = [ra!, rb!];
      const winners = results.filter((r) => r.ok);
      expect(winners, JSON.stringify(results)).toHaveLength(1);
      const loser = results.find((r) => !r.ok)!;
      expect(loser.code).toBe('conflict');
      expect((loser as { message?: string }).message).toMatch(/changed elsewhere/);
      const now = version();
      expect(now).toEqual({ version: v + 1, title: winners[0]!.label });
    }
  }, 120_000);

  it('free-running writers and a CLI backup at the same time: every success distinct, none lost, no corruption', async () => {
    const start = version().version;
    const seenA = a.lines.length;
    const seenB = b.lines.length;
    a.send('run 60 A');
    b.send('run 60 B');
    // Meanwhile the CLI takes a backup of the same library.
    const backup = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const p = spawn(process.execPath, ['bin/copydesk.mjs', '--library', file, 'backup', '--json'], { cwd: ROOT });
      let out = '';
      let err = '';
      p.stdout.on('data', (c: Buffer) => (out += c));
      p.stderr.on('data', (c: Buffer) => (err += c));
      p.on('close', (code) => resolve({ code, out, err }));
    });
    const [sa, sb] = await Promise.all([
      a.waitFor((l) => a.lines.indexOf(l) >= seenA && l.includes('"done":"A"'), 90_000),
      b.waitFor((l) => b.lines.indexOf(l) >= seenB && l.includes('"done":"B"'), 90_000),
    ]).then((ls) => ls.map((l) => JSON.parse(l) as { successes: Array<{ title: string; named: number; version: number }>; conflicts: number; errors: unknown[] }));
    expect(sa!.errors).toEqual([]);
    expect(sb!.errors).toEqual([]);
    const all = [...sa!.successes, ...sb!.successes];
    expect(all).toHaveLength(120);
    // Each success moved the article from the version it named to the next one, and no two
    // successes share a version: no save overwrote another unseen.
    for (const s of all) expect(s.version).toBe(s.named + 1);
    expect(new Set(all.map((s) => s.version)).size).toBe(120);
    const end = version();
    expect(end.version).toBe(start + 120);
    // The last success is what the library holds.
    expect(end.title).toBe(all.find((s) => s.version === end.version)!.title);
    console.log(`two-writers: 120 saves, ${sa!.conflicts + sb!.conflicts} conflicts retried`);

    expect(backup.code, backup.err).toBe(0);
    const made = JSON.parse(backup.out) as { path: string };
    const copy = new BetterSqlite3(made.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const saved = copy.prepare('SELECT version, title FROM articles WHERE id = ?').get(id) as { version: number; title: string };
    copy.close();
    expect(saved.version).toBeGreaterThanOrEqual(start);
    if (saved.version > start) expect(saved.title).toBe(all.find((s) => s.version === saved.version)!.title);

    const db = new BetterSqlite3(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 150_000);
});
