import type { Database, Statement } from 'better-sqlite3';
import { CoreError } from '../errors.js';
import { MAX_INDEXED_ID } from './recency-key.js';
import { foldText } from './fold.js';
import { bigramStream, distinctCharsOf } from './tokens.js';
import { RECENCY_KEY_SQL } from './recency-key.js';

/**
 * Keeps the full-text index in step with the articles table. Called inside the same transaction
 * as every save, trash, restore and delete (articles.ts, tags.ts, categories.ts), so the index
 * can never disagree with the library. Only live articles are indexed.
 *
 * Libraries still at schema version 1 (no index yet) are left alone: step 2 fills the index
 * from the articles when it creates it.
 */

interface Statements {
  article: Statement<[number], { title: string; excerpt: string; plain_text: string; deleted_at: string | null }>;
  tags: Statement<[number], { name: string }>;
  remove: Statement<[number]>;
  removeChars: Statement<[number]>;
  removeDoc: Statement<[number]>;
  insertDoc: Statement<[number]>;
  insert: Statement<unknown[]>;
  insertChars: Statement<unknown[]>;
  insertDocs: Statement<[string]>;
  idsByKey: Statement<[string], number>;
  docsByKey: Statement<[string], { article_id: bigint; key: bigint; title: string; excerpt: string; plain_text: string }>;
  insertAt: Statement<unknown[]>;
  insertCharsAt: Statement<unknown[]>;
}

const statements = new WeakMap<Database, Statements | null>();

function prepared(db: Database): Statements | null {
  let s = statements.get(db);
  if (s !== undefined) return s;
  const hasIndex = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'search_index'").get() !== undefined;
  s = hasIndex
    ? {
        article: db.prepare('SELECT title, excerpt, plain_text, deleted_at FROM articles WHERE id = ?'),
        tags: db.prepare('SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY at.position'),
        // Index rows are keyed by the article's recency key (schema.ts), which stays in SQL:
        // it does not fit a JavaScript number exactly.
        remove: db.prepare('DELETE FROM search_index WHERE rowid = (SELECT key FROM search_docs WHERE article_id = ?)'),
        removeChars: db.prepare('DELETE FROM search_chars WHERE rowid = (SELECT key FROM search_docs WHERE article_id = ?)'),
        removeDoc: db.prepare('DELETE FROM search_docs WHERE article_id = ?'),
        insertDoc: db.prepare(`INSERT INTO search_docs (article_id, key) SELECT id, ${RECENCY_KEY_SQL} FROM articles WHERE id = ?`),
        insert: db.prepare(`INSERT INTO search_index (rowid, body, title, excerpt, tags, u_title)
          VALUES ((SELECT key FROM search_docs WHERE article_id = ?), ?, ?, ?, ?, ?)`),
        insertChars: db.prepare('INSERT INTO search_chars (rowid, chars) VALUES ((SELECT key FROM search_docs WHERE article_id = ?), ?)'),
        // For indexMany: a batch of articles by a JSON array of ids, then their rows in key order.
        insertDocs: db.prepare(`INSERT INTO search_docs (article_id, key) SELECT id, ${RECENCY_KEY_SQL} FROM articles
          WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`),
        idsByKey: db.prepare('SELECT article_id FROM search_docs WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY key').pluck() as Statements['idsByKey'],
        docsByKey: db.prepare(`SELECT d.article_id, d.key, a.title, a.excerpt, a.plain_text FROM search_docs d
          JOIN articles a ON a.id = d.article_id WHERE d.article_id IN (SELECT value FROM json_each(?)) ORDER BY d.key`).safeIntegers(true) as Statements['docsByKey'],
        insertAt: db.prepare('INSERT INTO search_index (rowid, body, title, excerpt, tags, u_title) VALUES (?, ?, ?, ?, ?, ?)'),
        insertCharsAt: db.prepare('INSERT INTO search_chars (rowid, chars) VALUES (?, ?)'),
      }
    : null;
  // Only remember a positive answer: a library at version 1 gains the index when it migrates.
  if (s) statements.set(db, s);
  return s;
}

export interface IndexedFields {
  title: string;
  excerpt: string;
  tags: readonly string[];
  body: string;
}

/**
 * The index rows of an article's fields: search_index's columns (body, title, excerpt, tags
 * bigram streams, the title's characters) and search_chars' one column (every character).
 */
export function indexRows(fields: IndexedFields): { index: string[]; chars: string } {
  const title = foldText(fields.title);
  const excerpt = foldText(fields.excerpt);
  const tags = fields.tags.map(foldText);
  const body = foldText(fields.body);
  return {
    index: [bigramStream(body), bigramStream(title), bigramStream(excerpt), tags.map(bigramStream).filter(Boolean).join(' '), distinctCharsOf([title])],
    chars: distinctCharsOf([title, excerpt, ...tags, body]),
  };
}

/** Articles whose (re)indexing waits for the end of a deferIndexing block, per connection. */
const deferred = new WeakMap<Database, Set<number>>();

export function indexArticle(db: Database, articleId: number): void {
  const pending = deferred.get(db);
  if (pending) {
    pending.add(articleId);
    return;
  }
  const s = prepared(db);
  if (!s) return;
  unindex(s, articleId);
  const row = s.article.get(articleId);
  if (!row || row.deleted_at !== null) return;
  if (articleId > MAX_INDEXED_ID) throw new CoreError('internal', `Article #${articleId} is beyond the search index's range of ${MAX_INDEXED_ID} ids.`);
  s.insertDoc.run(articleId);
  const tags = s.tags.all(articleId).map((t) => t.name);
  const rows = indexRows({ title: row.title, excerpt: row.excerpt, tags, body: row.plain_text });
  s.insert.run(articleId, ...rows.index);
  s.insertChars.run(articleId, rows.chars);
}

export function unindexArticle(db: Database, articleId: number): void {
  const pending = deferred.get(db);
  if (pending) {
    // The block's end re-reads the article: trashed or deleted by then, it is only unindexed.
    pending.add(articleId);
    return;
  }
  const s = prepared(db);
  if (s) unindex(s, articleId);
}

/**
 * Runs `fn` (many creates and saves: a bulk import) in one transaction, or a savepoint of the
 * caller's, and indexes every article it touched once, at the end, before that transaction
 * commits, so the index still never disagrees with the library once committed. Inside the
 * block, search does not see the block's own changes.
 *
 * Why: FTS5 keeps new rows in memory and writes them out as a segment when a row arrives out
 * of rowid order and at every savepoint. Indexing article by article inside each create's
 * savepoint wrote one tiny segment per article and spent most of an import merging them
 * (measured: 2–5 ms of a 4–8 ms create). Here the rows go in ascending key order, in chunks.
 */
export function deferIndexing<T>(db: Database, fn: () => T): T {
  if (deferred.has(db)) return fn(); // nested: the outermost block indexes
  const pending = new Set<number>();
  deferred.set(db, pending);
  try {
    return db.transaction(() => {
      const out = fn();
      deferred.delete(db);
      useLargeWriteBuffer(db);
      indexMany(db, [...pending]);
      return out;
    })();
  } finally {
    deferred.delete(db);
  }
}

const INDEX_CHUNK = 1000;

/**
 * FTS5 holds new rows in memory up to its `hashsize` (1 MB by default) and writes a segment each
 * time it fills; automerge then merges those segments again and again. A batch of 2,000 corpus
 * articles is ~24 MB of index data: two dozen segments per batch, and merge work that grew with
 * the index (measured: 2.3, 4.2, 8.9 s for three successive batches). With 64 MB, one segment
 * per batch and a flat ~1 ms per article. The setting is stored in the index's config table;
 * it only matters for large transactions (a save writes its article's rows at commit anyway),
 * and memory is only taken as rows are pending.
 */
const WRITE_BUFFER_BYTES = 64 * 1024 * 1024;

function useLargeWriteBuffer(db: Database): void {
  setIndexSetting(db, 'hashsize', WRITE_BUFFER_BYTES);
}

const FTS_TABLES = ['search_index', 'search_chars'] as const;

/** An FTS5 setting on both index tables, written only where it differs (a write bumps FTS5's config cookie). */
function setIndexSetting(db: Database, key: 'hashsize' | 'automerge', value: number): void {
  for (const table of FTS_TABLES) {
    const current = db.prepare(`SELECT v FROM ${table}_config WHERE k = ?`).pluck().get(key);
    // FTS5 takes integer settings only; a JavaScript number would bind as a float.
    if (current !== value) db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES (?, ?)`).run(key, BigInt(value));
  }
}

/** indexArticle for many articles: unindex them all, then add the live ones in key order. */
export function indexMany(db: Database, articleIds: readonly number[]): void {
  const s = prepared(db);
  if (!s) return;
  const beyond = articleIds.find((id) => id > MAX_INDEXED_ID);
  if (beyond !== undefined) throw new CoreError('internal', `Article #${beyond} is beyond the search index's range of ${MAX_INDEXED_ID} ids.`);
  for (let i = 0; i < articleIds.length; i += INDEX_CHUNK) {
    const chunk = articleIds.slice(i, i + INDEX_CHUNK);
    for (const id of chunk) unindex(s, id);
    s.insertDocs.run(JSON.stringify(chunk));
  }
  // Every chunk in ascending key order, and the chunks after one another: FTS5 then appends.
  const inKeyOrder = s.idsByKey.all(JSON.stringify(articleIds));
  for (let i = 0; i < inKeyOrder.length; i += INDEX_CHUNK) {
    for (const row of s.docsByKey.all(JSON.stringify(inKeyOrder.slice(i, i + INDEX_CHUNK)))) {
      const tags = s.tags.all(Number(row.article_id)).map((t) => t.name);
      const rows = indexRows({ title: row.title, excerpt: row.excerpt, tags, body: row.plain_text });
      s.insertAt.run(row.key, ...rows.index);
      s.insertCharsAt.run(row.key, rows.chars);
    }
  }
}

function unindex(s: Statements, articleId: number): void {
  s.remove.run(articleId);
  s.removeChars.run(articleId);
  s.removeDoc.run(articleId);
}

/** Rebuilds the whole index from the articles (schema step 2, repair). Caller holds a transaction. */
export function reindexAll(db: Database): number {
  db.prepare("INSERT INTO search_index (search_index) VALUES ('delete-all')").run();
  db.prepare("INSERT INTO search_chars (search_chars) VALUES ('delete-all')").run();
  db.prepare('DELETE FROM search_docs').run();
  const ids = db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];
  useLargeWriteBuffer(db);
  indexMany(db, ids);
  optimizeSearchIndex(db);
  return ids.length;
}

/**
 * For a host that calls mergeSearchSegments between saves: saves then never merge segments
 * themselves. FTS5's automatic merging runs inside the writing transaction, so every few saves
 * of a long article paid for a merge of the last few (measured: every sixth autosave of a
 * 30,000-character article took 20–23 ms instead of 12–14). Stored in the index's config;
 * crisis merging (16 segments on one level) still bounds the index for other writers.
 */
export function mergeBetweenSaves(db: Database): void {
  if (prepared(db)) setIndexSetting(db, 'automerge', 0);
}

/** One bounded step of segment merging (about `pages` leaf pages written), in its own transaction. */
export function mergeSearchSegments(db: Database, pages = 500): void {
  if (!prepared(db)) return;
  db.transaction(() => {
    for (const table of FTS_TABLES) db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ?)`).run(BigInt(pages));
  })();
}

/**
 * Merges the index's segments into one: queries read fewer b-trees afterwards. Worth running
 * after a bulk import; ordinary saves rely on FTS5's automatic merging.
 */
export function optimizeSearchIndex(db: Database): void {
  if (!prepared(db)) return;
  db.prepare("INSERT INTO search_index (search_index) VALUES ('optimize')").run();
  db.prepare("INSERT INTO search_chars (search_chars) VALUES ('optimize')").run();
}
