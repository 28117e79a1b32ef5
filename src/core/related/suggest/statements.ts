import type { Database, Statement } from 'better-sqlite3';
import type { Status } from '../../api/schemas.js';

/**
 * The reads of one suggestion, prepared once per connection: preparing costs more than running
 * most of them. Lists of ids travel as one JSON array parameter (`json_each`), so a statement
 * serves any list length and stays far from SQLite's bound-parameter limit.
 */

export interface SourceArticle {
  id: number; title: string; plain_text: string; category_id: number | null;
  published_at: string | null; created_at: string;
}

export interface CandidateFacts {
  id: number; status: Status; deleted_at: string | null; category_id: number | null;
  published_at: string | null; created_at: string;
}

export interface SuggestStatements {
  article: Statement<[number], SourceArticle>;
  /** Targets the article already lists or links in its text. */
  linked: Statement<[number, number], number>;
  tags: Statement<[number], { id: number; name: string }>;
  /** Newest holders of a tag. */
  tagHolders: Statement<[number, number], number>;
  maxId: Statement<[], number>;
  secondaryCategories: Statement<[number], number>;
  /** Most recently updated articles of a category, from the (category_id, updated_at) index alone. */
  inCategory: Statement<[number, number], number>;
  facts: Statement<[string], CandidateFacts>;
  /** Which of the given tags each of the given articles carries. */
  tagsOf: Statement<[string, string], { id: number; tag: number }>;
  secondaryCategoriesOf: Statement<[string], { id: number; category: number }>;
  texts: Statement<[string], { id: number; plain_text: string }>;
}

const cache = new WeakMap<Database, SuggestStatements>();
const IDS = 'SELECT value FROM json_each(?)';

export function suggestStatements(db: Database): SuggestStatements {
  let s = cache.get(db);
  if (s) return s;
  s = {
    article: db.prepare('SELECT id, title, plain_text, category_id, published_at, created_at FROM articles WHERE id = ?'),
    linked: db.prepare('SELECT target_id FROM related_links WHERE article_id = ? UNION SELECT target_id FROM body_links WHERE article_id = ?').pluck() as Statement<[number, number], number>,
    tags: db.prepare('SELECT t.id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY at.position'),
    tagHolders: db.prepare('SELECT article_id FROM article_tags WHERE tag_id = ? ORDER BY article_id DESC LIMIT ?').pluck() as Statement<[number, number], number>,
    maxId: db.prepare('SELECT IFNULL(max(id), 0) FROM articles').pluck() as Statement<[], number>,
    secondaryCategories: db.prepare('SELECT category_id FROM article_categories WHERE article_id = ? ORDER BY position').pluck() as Statement<[number], number>,
    inCategory: db.prepare('SELECT id FROM articles WHERE category_id = ? ORDER BY updated_at DESC LIMIT ?').pluck() as Statement<[number, number], number>,
    facts: factsStatement(db),
    tagsOf: db.prepare(`SELECT article_id AS id, tag_id AS tag FROM article_tags WHERE article_id IN (${IDS}) AND tag_id IN (${IDS})`),
    secondaryCategoriesOf: db.prepare(`SELECT article_id AS id, category_id AS category FROM article_categories WHERE article_id IN (${IDS})`),
    texts: db.prepare(`SELECT id, plain_text FROM articles WHERE id IN (${IDS})`),
  };
  cache.set(db, s);
  return s;
}

/**
 * Facts of candidates by id. Bodies sit inline in `articles`, so reading the columns after them
 * walks overflow pages; the search schema's covering index (articles_search_lookup) holds all
 * of them but `deleted_at`, and liveness is "indexed in search_docs" (only live articles are).
 * Without the search schema, the plain rows are read.
 */
function factsStatement(db: Database): Statement<[string], CandidateFacts> {
  try {
    return db.prepare(`SELECT a.id, a.status, CASE WHEN d.article_id IS NULL THEN 'trashed' END AS deleted_at,
        a.category_id, a.published_at, a.created_at
      FROM articles a INDEXED BY articles_search_lookup LEFT JOIN search_docs d ON d.article_id = a.id
      WHERE a.id IN (${IDS})`);
  } catch {
    return db.prepare(`SELECT id, status, deleted_at, category_id, published_at, created_at FROM articles WHERE id IN (${IDS})`);
  }
}

/** Groups rows of (id, value) into a map from id to its values. */
export function groupBy<R extends { id: number }>(rows: readonly R[], value: (r: R) => number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const list = out.get(r.id);
    if (list) list.push(value(r));
    else out.set(r.id, [value(r)]);
  }
  return out;
}
