import type { Database } from 'better-sqlite3';
import { CoreError, invalid, notFound, says } from '../errors.js';
import { nowIso } from '../time.js';
import { loadCategoryIndex } from '../taxonomy/category-index.js';
import { LINKED_COLUMNS, linkedArticleOf, type LinkedArticle, type LinkedArticleRow } from './linked-article.js';

/**
 * The curated `相关文章` list of an article: ordered, stored by article id (so renaming or
 * re-slugging a target never breaks it), plus the internal links inside its text, which count
 * as links too but are listed apart because the body, not this list, decides them.
 *
 * Changing the list does not bump the article's version: the list is edited beside the open
 * editor, and a version bump would turn the editor's next save into a conflict.
 */

/** More than this is no longer a "related" list; it keeps a runaway script from bloating pages. */
export const MAX_RELATED_LINKS = 100;

export interface ListedLink extends LinkedArticle {
  /** 0-based place in the list. */
  position: number;
  /** The target lists this article too. */
  reciprocal: boolean;
  /** The body links to the target as well. */
  alsoInText: boolean;
}

export interface TextLink extends LinkedArticle {
  /** The target is also in the curated list. */
  alsoListed: boolean;
}

export interface RelatedList {
  articleId: number;
  /** The curated list, in order. */
  links: ListedLink[];
  /** Articles the body links to (`article-link` nodes), by title. */
  inText: TextLink[];
  /** How many of the above point at an article that is not live (trashed or unpublished). */
  notLive: number;
}

interface ArticleState { id: number; title: string; deleted_at: string | null }

function articleState(db: Database, id: number): ArticleState {
  const row = db.prepare('SELECT id, title, deleted_at FROM articles WHERE id = ?').get(id) as ArticleState | undefined;
  if (!row) throw notFound('Article', id);
  return row;
}

const label = (a: ArticleState) => `#${a.id}${a.title ? ` "${a.title}"` : ''}`;

export function getRelatedList(db: Database, articleId: number): RelatedList {
  articleState(db, articleId);
  const categories = loadCategoryIndex(db);
  const listed = db
    .prepare(`SELECT ${LINKED_COLUMNS}, r.position,
        EXISTS (SELECT 1 FROM related_links back WHERE back.article_id = r.target_id AND back.target_id = r.article_id) AS reciprocal,
        EXISTS (SELECT 1 FROM body_links b WHERE b.article_id = r.article_id AND b.target_id = r.target_id) AS also_in_text
      FROM related_links r JOIN articles a ON a.id = r.target_id
      WHERE r.article_id = ? ORDER BY r.position, r.target_id`)
    .all(articleId) as Array<LinkedArticleRow & { position: number; reciprocal: number; also_in_text: number }>;
  const inText = db
    .prepare(`SELECT ${LINKED_COLUMNS},
        EXISTS (SELECT 1 FROM related_links r WHERE r.article_id = b.article_id AND r.target_id = b.target_id) AS also_listed
      FROM body_links b JOIN articles a ON a.id = b.target_id
      WHERE b.article_id = ? ORDER BY a.title, a.id`)
    .all(articleId) as Array<LinkedArticleRow & { also_listed: number }>;
  const links = listed.map((r, i) => ({
    ...linkedArticleOf(r, categories),
    position: i,
    reciprocal: r.reciprocal === 1,
    alsoInText: r.also_in_text === 1,
  }));
  const text = inText.map((r) => ({ ...linkedArticleOf(r, categories), alsoListed: r.also_listed === 1 }));
  const notLive = new Set([...links, ...text].filter((l) => l.state !== 'live').map((l) => l.id)).size;
  return { articleId, links, inText: text, notLive };
}

function currentOrder(db: Database, articleId: number): number[] {
  return (db.prepare('SELECT target_id AS id FROM related_links WHERE article_id = ? ORDER BY position, target_id').all(articleId) as Array<{ id: number }>)
    .map((r) => r.id);
}

/** Rewrites positions as 0..n-1 in the given order (lists are short: at most MAX_RELATED_LINKS). */
function writeOrder(db: Database, articleId: number, order: readonly number[]): void {
  const update = db.prepare('UPDATE related_links SET position = ? WHERE article_id = ? AND target_id = ?');
  order.forEach((target, i) => update.run(i, articleId, target));
}

/** The article whose list changes must exist and not be in the trash. */
function editableSource(db: Database, articleId: number): ArticleState {
  const source = articleState(db, articleId);
  if (source.deleted_at !== null) {
    throw invalid(`Article ${label(source)} is in the trash; restore it before changing its related articles.`, says('related.sourceTrashed', { title: label(source) }, { id: articleId, reason: 'trashed' }));
  }
  return source;
}

/** A new link's target must exist, be another article, and not be in the trash. */
function linkableTarget(db: Database, articleId: number, targetId: number): ArticleState {
  if (targetId === articleId) throw invalid('An article cannot be related to itself.', says('related.self', undefined, { id: articleId, targetId, reason: 'self' }));
  const target = db.prepare('SELECT id, title, deleted_at FROM articles WHERE id = ?').get(targetId) as ArticleState | undefined;
  if (!target) throw new CoreError('not_found', `Article #${targetId} does not exist, so it cannot be linked.`, says('related.unknownTarget', { id: targetId }, { targetId, reason: 'unknown' }));
  if (target.deleted_at !== null) {
    throw invalid(`Article ${label(target)} is in the trash; restore it before linking to it.`, says('related.targetTrashed', { title: label(target) }, { targetId, reason: 'trashed' }));
  }
  return target;
}

/** Adds (or moves, when already listed and a position is given) one link; no transaction of its own. */
function putLink(db: Database, articleId: number, targetId: number, position: number | undefined): void {
  const order = currentOrder(db, articleId);
  const at = order.indexOf(targetId);
  if (at >= 0) {
    if (position === undefined) return; // already listed: adding again is a no-op (double clicks happen)
    order.splice(at, 1);
  } else {
    if (order.length >= MAX_RELATED_LINKS) {
      throw invalid(`Article #${articleId} already lists ${MAX_RELATED_LINKS} related articles, the most one list can hold; remove one first.`, says('related.full', { max: MAX_RELATED_LINKS }, { id: articleId, max: MAX_RELATED_LINKS }));
    }
    db.prepare('INSERT INTO related_links (article_id, target_id, position, created_at) VALUES (?, ?, ?, ?)').run(articleId, targetId, order.length, nowIso());
  }
  order.splice(Math.min(position ?? order.length, order.length), 0, targetId);
  writeOrder(db, articleId, order);
}

function dropLink(db: Database, articleId: number, targetId: number): boolean {
  const { changes } = db.prepare('DELETE FROM related_links WHERE article_id = ? AND target_id = ?').run(articleId, targetId);
  if (changes) writeOrder(db, articleId, currentOrder(db, articleId));
  return changes > 0;
}

export interface AddLinkInput {
  id: number;
  targetId: number;
  /** 0-based place; default: the end. Given for an already listed target, it moves it there. */
  position?: number;
  /** Also list `id` in the target's list (appended at its end), in the same transaction. */
  reciprocal?: boolean;
}

export function addRelatedLink(db: Database, input: AddLinkInput): RelatedList {
  return db.transaction(() => {
    editableSource(db, input.id);
    linkableTarget(db, input.id, input.targetId);
    putLink(db, input.id, input.targetId, input.position);
    if (input.reciprocal) putLink(db, input.targetId, input.id, undefined);
    return getRelatedList(db, input.id);
  }).immediate();
}

export interface RemoveLinkInput {
  id: number;
  targetId: number;
  /** Also remove `id` from the target's list, in the same transaction. */
  reciprocal?: boolean;
}

/**
 * Removing is allowed whatever state the target is in (a trashed target is exactly what one
 * wants to unlink), and removing a link that is not there is a no-op, not an error.
 */
export function removeRelatedLink(db: Database, input: RemoveLinkInput): RelatedList {
  return db.transaction(() => {
    editableSource(db, input.id);
    dropLink(db, input.id, input.targetId);
    if (input.reciprocal && db.prepare('SELECT 1 FROM articles WHERE id = ?').get(input.targetId)) {
      dropLink(db, input.targetId, input.id);
    }
    return getRelatedList(db, input.id);
  }).immediate();
}

/** Sets the whole order at once (drag and drop): `order` must name exactly the listed targets. */
export function reorderRelatedLinks(db: Database, articleId: number, order: readonly number[]): RelatedList {
  return db.transaction(() => {
    editableSource(db, articleId);
    const current = currentOrder(db, articleId);
    const seen = new Set<number>();
    const repeated = order.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    const listed = new Set(current);
    const extra = order.filter((id) => !listed.has(id));
    const missing = current.filter((id) => !seen.has(id));
    if (repeated.length || extra.length || missing.length) {
      const parts = [
        missing.length ? `missing ${missing.map((i) => `#${i}`).join(', ')}` : '',
        extra.length ? `not in the list ${extra.map((i) => `#${i}`).join(', ')}` : '',
        repeated.length ? `named twice ${repeated.map((i) => `#${i}`).join(', ')}` : '',
      ].filter(Boolean);
      const message = `The new order must name each related article of #${articleId} exactly once (${parts.join('; ')}).`;
      const details = says(repeated.length ? 'related.orderRepeated' : 'related.orderChanged', undefined, { id: articleId, missing, extra, repeated, current });
      // A list that changed since the caller read it is a conflict (reload); a repeat is a plain mistake.
      if (repeated.length) throw invalid(message, details);
      throw new CoreError('conflict', `${message} The list changed since it was read: reload it and try again.`, details);
    }
    writeOrder(db, articleId, order);
    return getRelatedList(db, articleId);
  }).immediate();
}
