import type { Database } from 'better-sqlite3';
import { revisionNote } from './revision-note.js';
import { notFound, type MessageRef } from '../errors.js';
import { nowIso } from '../time.js';
import { statement } from '../db/statements.js';

/** While an editor keeps typing, keep at most one automatic snapshot per ten minutes. */
export const PERIODIC_REVISION_MS = 10 * 60 * 1000;

export type RevisionReason = 'created' | 'periodic' | 'status' | 'manual' | 'restore' | 'conflict';

export interface RevisionSummary {
  id: number;
  articleId: number;
  version: number;
  title: string;
  reason: RevisionReason;
  label: string;
  createdAt: string;
  /** The label as a message key, when the core wrote it (status change, before a restore). */
  note?: MessageRef;
}

const SNAPSHOT_COLUMNS = `json_object('status', status, 'slug', slug, 'excerpt', excerpt, 'author', author,
  'byline', byline, 'categoryId', category_id, 'seoTitle', seo_title, 'seoDescription', seo_description)`;

/** Snapshot of the article as it is stored now (call before overwriting it). */
export function recordRevision(db: Database, articleId: number, reason: RevisionReason, label = ''): number {
  const info = statement(db, `INSERT INTO revisions (article_id, version, title, body, snapshot, reason, label, created_at)
      SELECT id, version, title, body, ${SNAPSHOT_COLUMNS}, ?, ?, ? FROM articles WHERE id = ?`)
    .run(reason, label, nowIso(), articleId);
  if (info.changes === 0) throw notFound('Article', articleId);
  return Number(info.lastInsertRowid);
}

export function maybePeriodicRevision(db: Database, articleId: number, now = Date.now()): void {
  const last = statement(db, 'SELECT created_at FROM revisions WHERE article_id = ? ORDER BY id DESC LIMIT 1').get(articleId) as
    | { created_at: string }
    | undefined;
  if (!last || now - Date.parse(last.created_at) >= PERIODIC_REVISION_MS) recordRevision(db, articleId, 'periodic');
}

export function listRevisions(db: Database, articleId: number): RevisionSummary[] {
  return (db
    .prepare(`SELECT id, article_id AS articleId, version, title, reason, label, created_at AS createdAt
      FROM revisions WHERE article_id = ? ORDER BY id DESC`)
    .all(articleId) as RevisionSummary[]).map(withNote);
}

export function getRevision(db: Database, id: number): RevisionSummary & { body: unknown; snapshot: Record<string, unknown> } {
  const row = db
    .prepare(`SELECT id, article_id AS articleId, version, title, reason, label, created_at AS createdAt, body, snapshot
      FROM revisions WHERE id = ?`)
    .get(id) as (RevisionSummary & { body: string; snapshot: string }) | undefined;
  if (!row) throw notFound('Revision', id);
  return { ...withNote(row), body: JSON.parse(row.body), snapshot: JSON.parse(row.snapshot) };
}

/** A label the core wrote, as a message for the UI to phrase (revision-note.ts). */
function withNote<T extends RevisionSummary>(row: T): T {
  const note = revisionNote(row.reason, row.label);
  return note ? { ...row, note } : row;
}
