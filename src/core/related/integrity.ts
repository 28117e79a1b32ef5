import type { Database } from 'better-sqlite3';
import { notFound } from '../errors.js';
import type { Status } from '../api/schemas.js';
import { internalLinkTargets } from '../content/links.js';
import type { SerializedEditorState } from '../content/lexical-json.js';
import { loadCategoryIndex } from '../taxonomy/category-index.js';
import { holdersOf, type LinkKind } from './backlinks.js';
import { linkedArticleOf, targetState, type LinkedArticle } from './linked-article.js';

/**
 * Link integrity. Trashing an article never touches the links to it: they stay, and the
 * articles holding them are flagged by reading the targets' state, a derived fact, so restoring
 * the target clears every flag with nothing to repair. Only deleting forever removes links
 * (the schema's ON DELETE CASCADE), after `deletionImpact` has named the articles affected.
 */

export interface BrokenLink {
  targetId: number;
  /** Empty for a `missing` target: it no longer exists. */
  title: string;
  slug: string;
  status: Status | null;
  /**
   * `trashed`: in the trash (restore it, or remove the link);
   * `unpublished`: exists but is not on the site, so the link would lead nowhere there;
   * `missing`: deleted for good, yet the text still holds a link to it.
   */
  state: 'trashed' | 'unpublished' | 'missing';
  /** Where the link sits: the related list, the text, or both. */
  via: LinkKind[];
}

/**
 * The links of one article whose target is not live, for the copy-desk checks panel. Reads the
 * stored link tables plus the article's own body (one article: cheap), since a link in the
 * text to an article deleted forever survives in the body after its body_links row is gone.
 */
export function brokenLinksOf(db: Database, articleId: number): BrokenLink[] {
  const article = db.prepare('SELECT body FROM articles WHERE id = ?').get(articleId) as { body: string } | undefined;
  if (!article) throw notFound('Article', articleId);
  const rows = db
    .prepare(`SELECT 'related' AS via, r.target_id AS id, a.title, a.slug, a.status, a.deleted_at, r.position AS ord
        FROM related_links r JOIN articles a ON a.id = r.target_id WHERE r.article_id = ?
      UNION ALL
      SELECT 'text' AS via, b.target_id AS id, a.title, a.slug, a.status, a.deleted_at, 1000000 AS ord
        FROM body_links b JOIN articles a ON a.id = b.target_id WHERE b.article_id = ?
      ORDER BY ord, title`)
    .all(articleId, articleId) as Array<{ via: LinkKind; id: number; title: string; slug: string; status: Status; deleted_at: string | null }>;

  const out = new Map<number, BrokenLink>();
  for (const r of rows) {
    const state = targetState(r.status, r.deleted_at);
    if (state === 'live') continue;
    const b = out.get(r.id) ?? { targetId: r.id, title: r.title, slug: r.slug, status: r.status, state, via: [] };
    if (!b.via.includes(r.via)) b.via.push(r.via);
    out.set(r.id, b);
  }
  let targets: number[] = [];
  try {
    targets = internalLinkTargets(JSON.parse(article.body) as SerializedEditorState);
  } catch {
    // A body that does not parse is the body checks' finding, not a link finding.
  }
  const exists = db.prepare('SELECT 1 FROM articles WHERE id = ?');
  for (const id of targets) {
    if (id !== articleId && !out.has(id) && !exists.get(id)) {
      out.set(id, { targetId: id, title: '', slug: '', status: null, state: 'missing', via: ['text'] });
    }
  }
  return [...out.values()];
}

export interface AffectedArticle extends LinkedArticle {
  /** The articles being deleted that this one links, and how. */
  links: Array<{ targetId: number; kind: LinkKind }>;
}

export interface DeletionImpact {
  ids: number[];
  /** Articles, other than those being deleted, that lose a link. Live ones first. */
  affected: AffectedArticle[];
  /** How many links (list entries and links in the text) go away with the deletion. */
  linkCount: number;
}

/**
 * What deleting `ids` forever would do to the links of other articles, for the warning shown
 * before the delete (or before emptying the trash). Links among the deleted articles themselves
 * are not counted: nobody is left to miss them.
 */
export function deletionImpact(db: Database, ids: readonly number[]): DeletionImpact {
  const unique = [...new Set(ids)];
  for (const id of unique) if (!db.prepare('SELECT 1 FROM articles WHERE id = ?').get(id)) throw notFound('Article', id);
  const deleting = new Set(unique);
  const categories = loadCategoryIndex(db);
  const byHolder = new Map<number, AffectedArticle>();
  let linkCount = 0;
  for (const row of holdersOf(db, unique)) {
    if (deleting.has(row.id)) continue;
    let a = byHolder.get(row.id);
    if (!a) byHolder.set(row.id, (a = { ...linkedArticleOf(row, categories), links: [] }));
    a.links.push({ targetId: row.target_id, kind: row.kind });
    linkCount++;
  }
  const rank = { live: 0, unpublished: 1, trashed: 2 } as const;
  const affected = [...byHolder.values()].sort((a, b) => rank[a.state] - rank[b.state] || a.title.localeCompare(b.title, 'zh') || a.id - b.id);
  for (const a of affected) a.links.sort((x, y) => x.targetId - y.targetId || x.kind.localeCompare(y.kind));
  return { ids: unique, affected, linkCount };
}
