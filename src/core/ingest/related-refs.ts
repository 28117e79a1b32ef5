import type { Database } from 'better-sqlite3';
import { nowIso } from '../time.js';
import { IMPORT_META_KEY, type ImportMeta, type RelatedRef } from './draft.js';

/**
 * Links imported articles to the related articles their sources name (front-matter `related`
 * slugs, the titles under a page's 相关文章 list), once every file of the run is in the library.
 *
 * The references stay in the article's import record, so a target imported later (in a later
 * chunk of a large CLI import, or next week) is linked then: each run also revisits the articles
 * whose references are not all resolved yet. Existing links are respected: when an editor has
 * curated the list (it holds links the source does not name), missing targets are appended
 * rather than the list being rewritten.
 */
export function linkRelatedReferences(db: Database, runArticleIds: Iterable<number>): number {
  const candidates = new Set(runArticleIds);
  const pending = db
    .prepare(`SELECT id FROM articles WHERE deleted_at IS NULL AND instr(meta, '"related":[') > 0
      AND json_array_length(meta, '$.${IMPORT_META_KEY}.related') > (SELECT count(*) FROM related_links r WHERE r.article_id = articles.id)`)
    .all() as Array<{ id: number }>;
  for (const { id } of pending) candidates.add(id);

  const metaOf = db.prepare('SELECT meta FROM articles WHERE id = ? AND deleted_at IS NULL');
  const bySlug = db.prepare('SELECT id FROM articles WHERE slug = ? AND deleted_at IS NULL');
  const byTitle = db.prepare('SELECT id FROM articles WHERE title = ? AND deleted_at IS NULL AND id <> ? ORDER BY published_at DESC, id DESC LIMIT 1');
  const current = db.prepare('SELECT target_id AS id FROM related_links WHERE article_id = ? ORDER BY position');
  const remove = db.prepare('DELETE FROM related_links WHERE article_id = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO related_links (article_id, target_id, position, created_at) VALUES (?, ?, ?, ?)');

  let written = 0;
  db.transaction(() => {
    for (const id of candidates) {
      const row = metaOf.get(id) as { meta: string } | undefined;
      if (!row) continue;
      const refs = ((JSON.parse(row.meta) as Record<string, unknown>)[IMPORT_META_KEY] as ImportMeta | undefined)?.related ?? [];
      if (!refs.length) continue;
      const wanted: number[] = [];
      for (const ref of refs) {
        const hit = resolve(ref, id, bySlug, byTitle);
        if (hit !== null && hit !== id && !wanted.includes(hit)) wanted.push(hit);
      }
      const have = (current.all(id) as Array<{ id: number }>).map((r) => r.id);
      const missing = wanted.filter((w) => !have.includes(w));
      const curated = have.some((h) => !wanted.includes(h));
      const now = nowIso();
      if (!curated) {
        // Only links the source names: keep the source's order.
        if (sameList(have, wanted)) continue;
        remove.run(id);
        wanted.forEach((target, position) => insert.run(id, target, position, now));
      } else {
        let position = have.length;
        for (const target of missing) insert.run(id, target, position++, now);
      }
      written += missing.length;
    }
  })();
  return written;
}

function resolve(ref: RelatedRef, self: number, bySlug: { get(...a: unknown[]): unknown }, byTitle: { get(...a: unknown[]): unknown }): number | null {
  const hit = ('slug' in ref ? bySlug.get(ref.slug) : byTitle.get(ref.title.trim(), self)) as { id: number } | undefined;
  return hit?.id ?? null;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
