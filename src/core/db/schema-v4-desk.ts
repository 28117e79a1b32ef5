import type { Database } from 'better-sqlite3';

/**
 * Step 4: the desk. Articles, categories and tags get a global identity (`uid`, 128 random
 * bits as 32 hex digits) that travels between libraries; numeric ids stay local. Existing rows
 * are backfilled, and a trigger gives every new row one unless the inserter chose it (a desk
 * sync inserts rows under the desk's uid).
 *
 * `desk_state` (one row) is the library's membership of a desk and the commit it last applied;
 * `desk_changes` records, by trigger, which items changed since then, so a sync serializes only
 * those (INSERT OR REPLACE keeps one row per item, with a fresh seq). The change triggers fire
 * only while the library is on a desk, so a library that never joins one pays nothing.
 * `desk_conflicts` lists the articles that need a decision after a merge.
 */
const NEW_UID = "lower(hex(randomblob(16)))";

const TABLES = ['articles', 'categories', 'tags'] as const;
const KIND: Record<(typeof TABLES)[number], string> = { articles: 'article', categories: 'category', tags: 'tag' };

const ON_DESK = 'EXISTS (SELECT 1 FROM desk_state WHERE id = 1)';

export function migrateToDesk(db: Database): void {
  for (const table of TABLES) {
    db.exec(`ALTER TABLE ${table} ADD COLUMN uid TEXT`);
    db.exec(`UPDATE ${table} SET uid = ${NEW_UID} WHERE uid IS NULL`);
    db.exec(`CREATE UNIQUE INDEX ${table}_uid ON ${table} (uid)`);
    db.exec(`CREATE TRIGGER ${table}_uid_on_insert AFTER INSERT ON ${table} WHEN NEW.uid IS NULL
      BEGIN UPDATE ${table} SET uid = ${NEW_UID} WHERE rowid = NEW.rowid; END`);
  }
  db.exec(`
CREATE TABLE desk_state (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  remote       TEXT NOT NULL,
  author_name  TEXT NOT NULL,
  author_email TEXT NOT NULL,
  base_commit  TEXT,                -- the desk commit whose content the library holds
  last_sync_at TEXT,
  last_result  TEXT NOT NULL DEFAULT '{}'  -- JSON: what the last sync brought in, sent, refused
) STRICT;

CREATE TABLE desk_changes (
  seq  INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,               -- article | category | tag
  uid  TEXT NOT NULL,
  UNIQUE (kind, uid)
) STRICT;

CREATE TABLE desk_conflicts (
  article_uid  TEXT PRIMARY KEY,
  revision_id  INTEGER,             -- the other side's version, kept as a 'conflict' revision
  fields       TEXT NOT NULL DEFAULT '[]',  -- JSON: which fields or blocks both sides changed
  created_at   TEXT NOT NULL
) STRICT;
`);
  for (const table of TABLES) {
    const kind = KIND[table];
    for (const event of ['INSERT', 'UPDATE'] as const) {
      db.exec(`CREATE TRIGGER ${table}_desk_${event.toLowerCase()} AFTER ${event} ON ${table} WHEN ${ON_DESK}
        BEGIN INSERT OR REPLACE INTO desk_changes (kind, uid) SELECT '${kind}', uid FROM ${table} WHERE rowid = NEW.rowid AND uid IS NOT NULL; END`);
    }
    db.exec(`CREATE TRIGGER ${table}_desk_delete AFTER DELETE ON ${table} WHEN ${ON_DESK} AND OLD.uid IS NOT NULL
      BEGIN INSERT OR REPLACE INTO desk_changes (kind, uid) VALUES ('${kind}', OLD.uid); END`);
  }
  // An article's file also holds its tags, secondary categories and related list.
  for (const table of ['article_tags', 'article_categories', 'related_links']) {
    for (const [event, row] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const) {
      db.exec(`CREATE TRIGGER ${table}_desk_${event.toLowerCase()} AFTER ${event} ON ${table} WHEN ${ON_DESK}
        BEGIN INSERT OR REPLACE INTO desk_changes (kind, uid) SELECT 'article', uid FROM articles WHERE id = ${row}.article_id AND uid IS NOT NULL; END`);
    }
  }
}
