/**
 * The first schema: the whole data model of DESIGN.md. Later versions only add steps in
 * migrations.ts; this text never changes once released, because libraries exist that were
 * created by it.
 */
export const SCHEMA_V1 = `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL               -- JSON
) STRICT;

CREATE TABLE categories (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES categories(id) ON DELETE RESTRICT,
  name        TEXT NOT NULL,
  slug        TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  overrides   TEXT NOT NULL DEFAULT '{}',   -- JSON: per-category site settings (copyright, contact)
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX categories_sibling_slug ON categories (IFNULL(parent_id, 0), slug);
CREATE INDEX categories_parent ON categories (parent_id, position);

CREATE TABLE tags (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  slug       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX tags_name ON tags (name COLLATE NOCASE);

CREATE TABLE assets (
  sha256        TEXT PRIMARY KEY,
  mime          TEXT NOT NULL,
  byte_size     INTEGER NOT NULL,
  width         INTEGER,
  height        INTEGER,
  original_name TEXT NOT NULL DEFAULT '',
  data          BLOB NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
  id               INTEGER PRIMARY KEY,
  title            TEXT NOT NULL DEFAULT '',
  slug             TEXT NOT NULL UNIQUE,
  status           TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft','in_review','ready','published','archived')),
  body             TEXT NOT NULL,              -- Lexical JSON, canonical
  plain_text       TEXT NOT NULL DEFAULT '',   -- derived at save
  excerpt          TEXT NOT NULL DEFAULT '',   -- manual, or derived at save
  excerpt_is_manual INTEGER NOT NULL DEFAULT 0,
  author           TEXT NOT NULL DEFAULT '',
  byline           TEXT NOT NULL DEFAULT '',
  category_id      INTEGER REFERENCES categories(id) ON DELETE SET NULL,
  cover_asset      TEXT REFERENCES assets(sha256) ON DELETE SET NULL,
  seo_title        TEXT NOT NULL DEFAULT '',
  seo_description  TEXT NOT NULL DEFAULT '',
  canonical_url    TEXT NOT NULL DEFAULT '',
  cjk_chars        INTEGER NOT NULL DEFAULT 0, -- derived at save
  latin_words      INTEGER NOT NULL DEFAULT 0,
  word_count       INTEGER NOT NULL DEFAULT 0,
  paragraph_count  INTEGER NOT NULL DEFAULT 0,
  reading_minutes  INTEGER NOT NULL DEFAULT 0,
  meta             TEXT NOT NULL DEFAULT '{}', -- JSON: view count, source, unknown imported fields
  source_key       TEXT UNIQUE,                -- import identity: source path, WXR guid
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  published_at     TEXT,
  scheduled_at     TEXT,
  version          INTEGER NOT NULL DEFAULT 1,
  deleted_at       TEXT
) STRICT;
CREATE INDEX articles_live_updated ON articles (deleted_at, updated_at DESC);
CREATE INDEX articles_live_published ON articles (deleted_at, published_at DESC);
CREATE INDEX articles_live_title ON articles (deleted_at, title);
CREATE INDEX articles_status_updated ON articles (status, updated_at DESC);
CREATE INDEX articles_category_updated ON articles (category_id, updated_at DESC);
CREATE INDEX articles_author ON articles (author);

-- secondary categories (imported WordPress posts often sit in several)
CREATE TABLE article_categories (
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, category_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_categories_category ON article_categories (category_id);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

-- curated, ordered related-articles list
CREATE TABLE related_links (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  target_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (article_id, target_id),
  CHECK (article_id <> target_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX related_links_target ON related_links (target_id);

-- internal links inside the body, derived at save
CREATE TABLE body_links (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  target_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, target_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX body_links_target ON body_links (target_id);

CREATE TABLE revisions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  snapshot   TEXT NOT NULL,    -- JSON of the metadata at that moment
  reason     TEXT NOT NULL,    -- created | periodic | status | manual | restore | conflict
  label      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX revisions_article ON revisions (article_id, id DESC);
`;
