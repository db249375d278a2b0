/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-private.h"

/*
 * Numbered migrations. Each runs once, in its own transaction, and moves
 * PRAGMA user_version to its index + 1. Never edit one that has shipped;
 * add another at the end.
 */
const char *const hb_store_migrations[] = {
  /* 1: articles and their immutable versions, imports. */
  "CREATE TABLE articles ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  latest_version INTEGER NOT NULL,"
  "  current_version INTEGER NOT NULL,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE imports ("
  "  uuid TEXT PRIMARY KEY NOT NULL,"
  "  started_at TEXT NOT NULL,"
  "  finished_at TEXT NOT NULL,"
  "  source TEXT NOT NULL,"
  "  new_count INTEGER NOT NULL,"
  "  updated_count INTEGER NOT NULL,"
  "  unchanged_count INTEGER NOT NULL,"
  "  skipped_count INTEGER NOT NULL"
  ");"
  "CREATE TABLE article_versions ("
  "  article_id TEXT NOT NULL REFERENCES articles (id),"
  "  version INTEGER NOT NULL CHECK (version >= 1),"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('guide', 'faq', 'regulation', 'lesson')),"
  "  lang TEXT NOT NULL,"
  "  platforms TEXT NOT NULL,"
  "  tags TEXT NOT NULL,"
  "  effective TEXT,"
  "  changes TEXT,"
  "  course TEXT,"
  "  sort_order INTEGER NOT NULL DEFAULT 0,"
  "  front_matter TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  source TEXT NOT NULL,"
  "  import_uuid TEXT REFERENCES imports (uuid),"
  "  imported_at TEXT NOT NULL,"
  "  PRIMARY KEY (article_id, version)"
  ");"
  "CREATE INDEX article_versions_source ON article_versions (source);"
  /* Versions are immutable: the database itself refuses to change them. */
  "CREATE TRIGGER article_versions_no_update BEFORE UPDATE ON article_versions "
  "BEGIN SELECT RAISE (ABORT, 'article versions are immutable'); END;"
  "CREATE TRIGGER article_versions_no_delete BEFORE DELETE ON article_versions "
  "BEGIN SELECT RAISE (ABORT, 'article versions are immutable'); END;"
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);",

  /* 2: the full-text search index over the version in force of each
   * article (see hb-search-index.h). current_version is reset so that the
   * refresh at the end of hb_store_open() recomputes it for every article
   * and indexes them all. */
  "CREATE TABLE search_rows ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id TEXT NOT NULL UNIQUE REFERENCES articles (id),"
  "  version INTEGER NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  title, headings, tags, body, facets, sections UNINDEXED,"
  "  tokenize = 'hb', prefix = '1 2 3'"
  ");"
  "INSERT INTO search_index (search_index, rank) "
  "VALUES ('rank', 'bm25 (10.0, 4.0, 2.5, 1.0, 0.0, 0.0)');"
  "CREATE VIRTUAL TABLE search_vocab USING fts5vocab (search_index, row);"
  "UPDATE articles SET current_version = 0;",

  /* 3: the images an article shows, stored with it so the content view
   * loads nothing from outside. Blobs are stored once per content; each
   * version keeps the images it had when imported, so an old version
   * shows its old pictures. */
  "CREATE TABLE asset_blobs ("
  "  sha256 TEXT PRIMARY KEY NOT NULL,"
  "  mime_type TEXT NOT NULL,"
  "  data BLOB NOT NULL"
  ");"
  "CREATE TABLE version_assets ("
  "  article_id TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  path TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL REFERENCES asset_blobs (sha256),"
  "  PRIMARY KEY (article_id, version, path),"
  "  FOREIGN KEY (article_id, version) REFERENCES article_versions (article_id, version)"
  ");"
  "CREATE TRIGGER version_assets_no_update BEFORE UPDATE ON version_assets "
  "BEGIN SELECT RAISE (ABORT, 'article versions are immutable'); END;"
  "CREATE TRIGGER version_assets_no_delete BEFORE DELETE ON version_assets "
  "BEGIN SELECT RAISE (ABORT, 'article versions are immutable'); END;",

  /* 4: search that understands how people ask. English is stemmed by
   * Snowball's English stemmer, traditional characters fold to simplified;
   * the sections of each body are a table rather than a column of text;
   * the front matter's keywords and aliases are indexed with the tags;
   * pairs such as "Refund-only (仅退款)" are kept to bridge the two
   * languages. The index is built again: every article is put in force
   * anew by the refresh at the end of hb_store_open(). */
  "DROP TABLE search_vocab;"
  "DROP TABLE search_index;"
  "DROP TABLE search_rows;"
  "CREATE TABLE search_rows ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id TEXT NOT NULL UNIQUE REFERENCES articles (id),"
  "  version INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  lang TEXT NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  title, headings, tags, body, facets,"
  "  tokenize = 'hb', prefix = '1 2 3'"
  ");"
  "INSERT INTO search_index (search_index, rank) "
  "VALUES ('rank', 'bm25 (10.0, 4.0, 2.5, 1.0, 0.0)');"
  "CREATE VIRTUAL TABLE search_vocab USING fts5vocab (search_index, row);"
  "CREATE TABLE search_sections ("
  "  row INTEGER NOT NULL,"
  "  idx INTEGER NOT NULL,"
  "  body_pos INTEGER NOT NULL,"
  "  body_byte INTEGER NOT NULL,"
  "  heading_pos INTEGER NOT NULL,"
  "  level INTEGER NOT NULL,"
  "  heading_id TEXT,"
  "  heading TEXT,"
  "  PRIMARY KEY (row, idx)"
  ") WITHOUT ROWID;"
  "CREATE TABLE search_checkpoints ("
  "  row INTEGER PRIMARY KEY,"
  "  step INTEGER NOT NULL,"
  "  offsets BLOB NOT NULL"
  ");"
  "CREATE TABLE search_pairs ("
  "  row INTEGER NOT NULL,"
  "  en TEXT NOT NULL,"
  "  zh TEXT NOT NULL"
  ");"
  "CREATE INDEX search_pairs_row ON search_pairs (row);"
  /* Content that is not an article: the thesaurus, the courses. Versioned
   * and immutable like articles. */
  "CREATE TABLE content_files ("
  "  id TEXT NOT NULL,"
  "  version INTEGER NOT NULL CHECK (version >= 1),"
  "  kind TEXT NOT NULL,"
  "  source TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  import_uuid TEXT REFERENCES imports (uuid),"
  "  imported_at TEXT NOT NULL,"
  "  PRIMARY KEY (id, version)"
  ");"
  "CREATE TRIGGER content_files_no_update BEFORE UPDATE ON content_files "
  "BEGIN SELECT RAISE (ABORT, 'content versions are immutable'); END;"
  "CREATE TRIGGER content_files_no_delete BEFORE DELETE ON content_files "
  "BEGIN SELECT RAISE (ABORT, 'content versions are immutable'); END;"
  "UPDATE articles SET current_version = 0;",

  /* 5: the people who use the handbook. */
  "CREATE TABLE profiles ("
  "  uuid TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  employee_id TEXT UNIQUE,"
  "  role TEXT NOT NULL CHECK (role IN ('staff', 'editor', 'manager')),"
  "  created_at TEXT NOT NULL"
  ");",
};

const guint hb_store_n_migrations = G_N_ELEMENTS (hb_store_migrations);
