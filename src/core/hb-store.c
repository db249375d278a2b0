/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hb-store-private.h"
#include "hb-article-private.h"

struct _HbStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int schema_version;
  guint is_new : 1;
  guint in_transaction : 1;
};

G_DEFINE_FINAL_TYPE (HbStore, hb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (hb-store-error-quark, hb_store_error)

/*
 * Numbered migrations. Each runs once, in its own transaction, and moves
 * PRAGMA user_version to its index + 1. Never edit one that has shipped;
 * add another.
 */
static const char *const migrations[] = {
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
};

static void
hb_store_finalize (GObject *object)
{
  HbStore *self = (HbStore *) object;

  if (self->db != NULL)
    {
      if (self->in_transaction)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (hb_store_parent_class)->finalize (object);
}

static void
hb_store_class_init (HbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hb_store_finalize;
}

static void
hb_store_init (HbStore *self)
{
}

char *
hb_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "handbook", "handbook.db", NULL);
}

gboolean
hb_store_set_error_from_sqlite (HbStore *self, GError **error, int rc, const char *what)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  const char *path = self->path != NULL ? self->path : "";
  g_autofree char *prefix = what != NULL ? g_strdup_printf ("%s: ", what) : g_strdup ("");

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Handbook database (it is not an SQLite file)"), path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_CORRUPT,
                   _("%s is damaged: %s%s"), path, prefix, detail);
      break;
    case SQLITE_READONLY:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_READ_ONLY,
                   _("%s is read-only: nothing was changed"), path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_BUSY,
                   _("%s is locked by another program: try again when it has finished"), path);
      break;
    case SQLITE_FULL:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_FULL,
                   _("%s: the disk is full: nothing was changed"), path);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_OPEN,
                   _("Cannot open %s: %s"), path, detail);
      break;
    default:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_FAILED,
                   _("%s: %s%s"), path, prefix, detail);
      break;
    }

  return FALSE;
}

gboolean
hb_store_exec (HbStore *self, const char *sql, GError **error)
{
  char *errmsg = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);
  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);

  return TRUE;
}

sqlite3_stmt *
hb_store_prepare (HbStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  return stmt;
}

gboolean
hb_store_begin (HbStore *self, GError **error)
{
  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!hb_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
hb_store_commit (HbStore *self, GError **error)
{
  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!hb_store_exec (self, "COMMIT", error))
    {
      hb_store_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;
  return TRUE;
}

void
hb_store_rollback (HbStore *self)
{
  g_return_if_fail (HB_IS_STORE (self));

  if (self->in_transaction)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

gboolean
hb_store_in_transaction (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  return self->in_transaction;
}

static int
read_user_version (HbStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = hb_store_prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

static gboolean
migrate (HbStore *self, GError **error)
{
  int current = read_user_version (self, error);
  int target = (int) G_N_ELEMENTS (migrations);
  int i;

  if (current < 0)
    return FALSE;

  if (current > target)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_TOO_NEW,
                   _("%s was made by a newer version of Handbook (schema %d; this one knows %d)"),
                   self->path, current, target);
      return FALSE;
    }

  for (i = current; i < target; i++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", i + 1);

      g_debug ("Migrating %s to schema %d", self->path, i + 1);

      if (!hb_store_begin (self, error))
        return FALSE;
      if (!hb_store_exec (self, migrations[i], error) || !hb_store_exec (self, bump, error))
        {
          hb_store_rollback (self);
          g_prefix_error (error, _("Cannot update the database schema to version %d: "), i + 1);
          return FALSE;
        }
      if (!hb_store_commit (self, error))
        return FALSE;
    }

  self->schema_version = target;
  return TRUE;
}

HbStore *
hb_store_open (const char *path, GError **error)
{
  g_autoptr (HbStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *today = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (HB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_OPEN,
                   _("%s is a folder, not a database file"), path);
      return NULL;
    }

  self->is_new = !g_file_test (path, G_FILE_TEST_EXISTS);

  dir = g_path_get_dirname (path);
  if (self->is_new && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  /*
   * A file marked read-only is opened read-only, even by root (who could
   * write it anyway): the mark is the owner saying "do not change this".
   */
  if (!self->is_new)
    {
      GStatBuf st;

      if (g_stat (path, &st) == 0 && ((st.st_mode & 0222) == 0 || g_access (path, W_OK) != 0))
        open_flags = SQLITE_OPEN_READONLY;
    }

  rc = sqlite3_open_v2 (path, &self->db, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  hb_search_index_register (self->db);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /*
   * Reading the schema is the first thing that touches the file, so a file
   * that is not a database fails here, before anything is written.
   */
  if (read_user_version (self, error) < 0)
    return NULL;

  /* WAL lets the window read while an import writes. A read-only file
   * cannot switch modes; it still opens for reading. */
  if (sqlite3_db_readonly (self->db, "main") == 0)
    {
      if (!hb_store_exec (self, "PRAGMA journal_mode = WAL", error))
        return NULL;
    }
  if (!hb_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", error))
    return NULL;
  /*
   * Searching reads pages all over the index and the text: mapped, they
   * are read in place rather than copied through read() into a page cache
   * of 2 MB. SQLite caps the size at what it was built for (2 GB here);
   * a file that cannot be mapped is read as before, so failing is fine.
   */
  hb_store_exec (self, "PRAGMA mmap_size = 2147418112", NULL);

  if (!migrate (self, error))
    return NULL;

  /* A version whose effective date has come takes over. */
  today = hb_util_today ();
  if (sqlite3_db_readonly (self->db, "main") == 0)
    {
      changed = hb_store_refresh_current (self, today, error);
      if (changed == NULL)
        return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
hb_store_get_path (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
hb_store_get_db (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  return self->db;
}

gboolean
hb_store_is_new (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  return self->is_new;
}

int
hb_store_get_schema_version (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), 0);
  return self->schema_version;
}

void
hb_store_set_busy_timeout (HbStore *self, int milliseconds)
{
  g_return_if_fail (HB_IS_STORE (self));
  sqlite3_busy_timeout (self->db, milliseconds);
}

gboolean
hb_store_is_read_only (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), TRUE);
  return sqlite3_db_readonly (self->db, "main") != 0;
}

GListModel *
hb_store_list_articles (HbStore *self, const char *kind, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GListStore) list = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT " HB_ARTICLE_COLUMNS " FROM articles a "
                           "JOIN article_versions v ON v.article_id = a.id "
                           "AND v.version = a.current_version "
                           "WHERE ?1 IS NULL OR v.kind = ?1 "
                           "ORDER BY CASE v.kind WHEN 'guide' THEN 0 WHEN 'faq' THEN 1 "
                           "WHEN 'regulation' THEN 2 ELSE 3 END, v.title COLLATE NOCASE, a.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);

  list = g_list_store_new (HB_TYPE_ARTICLE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (HbArticle) article = hb_article_new_from_stmt (stmt, FALSE);

      g_list_store_append (list, article);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

HbArticle *
hb_store_get_article (HbStore *self, const char *id, guint version, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = hb_store_prepare (self,
                           "SELECT " HB_ARTICLE_COLUMNS ", v.body FROM articles a "
                           "JOIN article_versions v ON v.article_id = a.id "
                           "AND v.version = CASE WHEN ?2 > 0 THEN ?2 ELSE a.current_version END "
                           "WHERE a.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return hb_article_new_from_stmt (stmt, TRUE);
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  if (version == 0 || hb_store_count_versions (self, id) == 0)
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND,
                 _("No article with the id “%s”"), id);
  else
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND,
                 _("The article “%s” has no version %u (it has %u)"), id, version,
                 hb_store_count_versions (self, id));
  return NULL;
}

guint
hb_store_count_versions (HbStore *self, const char *id)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = hb_store_prepare (self, "SELECT count(*) FROM article_versions WHERE article_id = ?1",
                           NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int (stmt, 0);
}

GPtrArray *
hb_store_get_history (HbStore *self, const char *id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) history = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = hb_store_prepare (self,
                           "SELECT " HB_ARTICLE_COLUMNS " FROM articles a "
                           "JOIN article_versions v ON v.article_id = a.id "
                           "WHERE a.id = ?1 ORDER BY v.version",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);

  history = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (history, hb_article_new_from_stmt (stmt, FALSE));
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  if (history->len == 0)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND,
                   _("No article with the id “%s”"), id);
      return NULL;
    }

  return g_steal_pointer (&history);
}

char *
hb_store_find_by_source (HbStore *self, const char *source)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT v.article_id FROM article_versions v "
                           "JOIN articles a ON a.id = v.article_id "
                           "AND v.version = a.latest_version WHERE v.source = ?1 LIMIT 1",
                           NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

int
hb_store_count_articles (HbStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), -1);

  stmt = hb_store_prepare (self, "SELECT count(*) FROM articles", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

/* The SQL choosing the version in force: the newest one whose effective date
 * has come, or, when every version lies in the future, the oldest. */
#define CURRENT_VERSION_SQL                                                                        \
  "COALESCE ((SELECT max (w.version) FROM article_versions w WHERE w.article_id = a.id "          \
  "AND (w.effective IS NULL OR w.effective <= ?1)), "                                             \
  "(SELECT min (w.version) FROM article_versions w WHERE w.article_id = a.id))"

GPtrArray *
hb_store_refresh_current (HbStore *self, const char *today, GError **error)
{
  g_autoptr (sqlite3_stmt) select = NULL;
  g_autoptr (sqlite3_stmt) update = NULL;
  g_autoptr (GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  gboolean own_transaction = FALSE;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  select = hb_store_prepare (self,
                             "SELECT a.id, " CURRENT_VERSION_SQL " AS c FROM articles a "
                             "WHERE c IS NOT a.current_version",
                             error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_text (select, 1, today, -1, SQLITE_TRANSIENT);

  update = hb_store_prepare (self, "UPDATE articles SET current_version = ?2 WHERE id = ?1", error);
  if (update == NULL)
    return NULL;

  if (!self->in_transaction)
    {
      if (!hb_store_begin (self, error))
        return NULL;
      own_transaction = TRUE;
    }

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (select, 0);

      sqlite3_reset (update);
      sqlite3_bind_text (update, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (update, 2, sqlite3_column_int64 (select, 1));
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          rc = sqlite3_errcode (self->db);
          break;
        }
      g_ptr_array_add (changed, g_strdup (id));
    }

  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      if (own_transaction)
        hb_store_rollback (self);
      return NULL;
    }

  if (changed->len > 0 && !hb_store_index_articles (self, changed, error))
    {
      if (own_transaction)
        hb_store_rollback (self);
      return NULL;
    }

  if (own_transaction && !hb_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&changed);
}

GBytes *
hb_store_get_asset (HbStore *self, const char *article_id, guint version, const char *path,
                    char **mime_type, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (article_id != NULL && path != NULL, NULL);

  stmt = hb_store_prepare (self,
                           "SELECT b.mime_type, b.data FROM version_assets a "
                           "JOIN asset_blobs b ON b.sha256 = a.sha256 "
                           "WHERE a.article_id = ?1 AND a.version = ?2 AND a.path = ?3",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, article_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, path, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (mime_type != NULL)
        *mime_type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      return g_bytes_new (sqlite3_column_blob (stmt, 1), (gsize) sqlite3_column_bytes (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND,
               _("The article “%s” has no image “%s”"), article_id, path);
  return NULL;
}

gboolean
hb_store_index_articles (HbStore *self, GPtrArray *ids, GError **error)
{
  /* The search index follows the version in force; see hb-search-index.c. */
  return hb_search_index_update (self, ids, error);
}
