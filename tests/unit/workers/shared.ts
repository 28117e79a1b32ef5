import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { bodyFromParagraphs, type SerializedEditorState } from '../../../src/core/content/lexical-json.js';

/**
 * Helpers shared by the data-safety tests and the child processes they spawn (crash, two
 * writers, full disk). Nothing here mocks anything: they read real library files.
 */

/**
 * A fingerprint of everything a library holds: schema, user_version and every row of every
 * table (virtual tables through their shadow tables), rows sorted, so two libraries with the
 * same data hash equal whatever their page layout. `onlyTables`: just those tables' definitions
 * and rows (to compare the data a migration must not touch).
 */
export function libraryChecksum(db: Database, onlyTables?: readonly string[]): string {
  const hash = crypto.createHash('sha256');
  if (!onlyTables) hash.update(`user_version=${db.pragma('user_version', { simple: true })};`);
  const objects = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as Array<{ type: string; name: string; sql: string | null }>;
  for (const o of objects) {
    if (onlyTables && !(o.type === 'table' && onlyTables.includes(o.name))) continue;
    hash.update(`${o.type}:${o.name}:${o.sql ?? ''};`);
    if (o.type !== 'table' || /^CREATE VIRTUAL/i.test(o.sql ?? '')) continue;
    const rows = db.prepare(`SELECT * FROM "${o.name.replace(/"/g, '""')}"`).raw().all() as unknown[][];
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? `blob:${v.toString('base64')}` : typeof v === 'bigint' ? `${v}n` : v)));
    lines.sort();
    hash.update(`${o.name}(${lines.length}):`);
    for (const l of lines) hash.update(l).update('\n');
  }
  return hash.digest('hex');
}

export const fileSha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The n-th save of the crash test: title and body are a function of n, so any version can be checked. */
export const crashTitle = (n: number): string => `Autosave number ${n} · 第${n}次保存`;

export function crashBody(n: number): SerializedEditorState {
  // ~15 KB of JSON: with its plain text, revision and index rows a save spans several pages, so a
  // kill can land in the middle of writing one.
  const paragraphs: string[] = [];
  for (let p = 0; p < 14; p++) paragraphs.push(`Save ${n}, paragraph ${p}: ${'都昌县召开项目调度会议 copy desk text '.repeat(12)}`);
  return bodyFromParagraphs(paragraphs);
}

/** The plain text the core derives from crashBody(n): proves derived fields went in the same transaction. */
export const crashPlainText = (n: number): string =>
  (crashBody(n).root.children as Array<{ children: Array<{ text: string }> }>).map((p) => p.children[0]!.text).join('\n');

/** Writes one line to stdout synchronously, so it is in the pipe before the next instruction runs. */
export function report(line: string): void {
  fs.writeSync(1, `${line}\n`);
}

/** Resolves with each line of stdin, for workers driven step by step. */
export function stdinLines(onLine: (line: string) => void | Promise<void>): void {
  let buf = '';
  let chain = Promise.resolve();
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      chain = chain.then(() => onLine(line));
    }
  });
}
