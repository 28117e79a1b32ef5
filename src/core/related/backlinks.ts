import type { Database } from 'better-sqlite3';
import { notFound } from '../errors.js';
import { loadCategoryIndex } from '../taxonomy/category-index.js';
import { LINKED_COLUMNS, linkedArticleOf, type LinkedArticle, type LinkedArticleRow } from './linked-article.js';

/** How one article links another: in its curated related list, or inside its text. */
export type LinkKind = 'related' | 'text';
export const LINK_KINDS = ['related', 'text'] as const;

export interface Backlink extends LinkedArticle {
  /** Every way this holder links the article (both when it lists it and links it in the text). */
  kinds: LinkKind[];
  /** Place of the article in the holder's related list, when it is listed there. */
  position: number | null;
}

interface HolderRow extends LinkedArticleRow { kind: LinkKind; position: number | null; target_id: number }

/** Every (holder, target, kind) link pointing at any of `targetIds`; both link tables. */
export function holdersOf(db: Database, targetIds: readonly number[]): HolderRow[] {
  const out: HolderRow[] = [];
  for (let i = 0; i < targetIds.length; i += 400) {
    const chunk = targetIds.slice(i, i + 400);
    const marks = chunk.map(() => '?').join(',');
    out.push(...(db
      .prepare(`SELECT ${LINKED_COLUMNS}, 'related' AS kind, r.position, r.target_id
          FROM related_links r JOIN articles a ON a.id = r.article_id WHERE r.target_id IN (${marks})
        UNION ALL
        SELECT ${LINKED_COLUMNS}, 'text' AS kind, NULL AS position, b.target_id
          FROM body_links b JOIN articles a ON a.id = b.article_id WHERE b.target_id IN (${marks})`)
      .all(...chunk, ...chunk) as HolderRow[]));
  }
  return out;
}

/**
 * "Linked from": the articles that list or link this one. Holders in the trash link nothing
 * anybody can see, so they are left out unless asked for (the delete-forever warning wants them).
 * Live holders come first, then by title.
 */
export function backlinksOf(db: Database, articleId: number, options: { includeTrashed?: boolean } = {}): Backlink[] {
  if (!db.prepare('SELECT 1 FROM articles WHERE id = ?').get(articleId)) throw notFound('Article', articleId);
  const categories = loadCategoryIndex(db);
  const byHolder = new Map<number, Backlink>();
  for (const row of holdersOf(db, [articleId])) {
    if (row.deleted_at !== null && !options.includeTrashed) continue;
    let b = byHolder.get(row.id);
    if (!b) byHolder.set(row.id, (b = { ...linkedArticleOf(row, categories), kinds: [], position: null }));
    if (!b.kinds.includes(row.kind)) b.kinds.push(row.kind);
    if (row.kind === 'related') b.position = row.position;
  }
  const rank = { live: 0, unpublished: 1, trashed: 2 } as const;
  for (const b of byHolder.values()) b.kinds.sort();
  return [...byHolder.values()].sort((a, b) => rank[a.state] - rank[b.state] || a.title.localeCompare(b.title, 'zh') || a.id - b.id);
}
