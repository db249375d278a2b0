/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-articles.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hb-store-private.h"
#include "hb-util.h"

/*
 * The columns article_from_row() reads, in this order: a query selects
 * ARTICLE_COLUMNS from article_versions v JOIN articles a, and the body,
 * when it wants it, right after them.
 */
#define ARTICLE_COLUMNS                                                                            \
  "v.article_id, v.version, a.latest_version, a.current_version, v.title, v.kind, v.lang, "     \
  "v.platforms, v.tags, v.effective, v.changes, v.course, v.sort_order, v.sha256, v.source, "   \
  "v.imported_at, v.front_matter"
#define ARTICLE_N_COLUMNS 17

/* The separator of the lists stored for platforms and tags: a character
 * no name holds. Only this file and hb_store_split_list()'s callers in
 * the store know it. */
#define LIST_SEPARATOR "\x1f"

char **
hb_store_split_list (const char *stored)
{
  if (stored == NULL || *stored == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (stored, LIST_SEPARATOR, -1);
}

char *
hb_store_join_list (const char *const *items)
{
  if (items == NULL)
    return g_strdup ("");
  return g_strjoinv (LIST_SEPARATOR, (char **) items);
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static HbArticle *
article_from_row (sqlite3_stmt *stmt, gboolean with_body)
{
  HbArticleRecord *record = g_new0 (HbArticleRecord, 1);
  g_autofree char *kind = NULL;
  g_autofree char *platforms = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *imported_at = NULL;

  record->id = column_dup (stmt, 0);
  record->title = column_dup (stmt, 4);
  kind = column_dup (stmt, 5);
  if (!hb_article_kind_from_string (kind, &record->kind))
    record->kind = HB_ARTICLE_KIND_GUIDE;
  record->lang = column_dup (stmt, 6);
  platforms = column_dup (stmt, 7);
  record->platforms = hb_store_split_list (platforms);
  tags = column_dup (stmt, 8);
  record->tags = hb_store_split_list (tags);
  record->effective = column_dup (stmt, 9);
  record->changes = column_dup (stmt, 10);
  record->course = column_dup (stmt, 11);
  record->order = sqlite3_column_int (stmt, 12);
  record->sha256 = column_dup (stmt, 13);
  record->source = column_dup (stmt, 14);
  imported_at = column_dup (stmt, 15);
  record->front_matter = column_dup (stmt, 16);
  if (with_body)
    record->body = column_dup (stmt, ARTICLE_N_COLUMNS);

  return hb_article_new (record, (guint) sqlite3_column_int (stmt, 1),
                         (guint) sqlite3_column_int (stmt, 2),
                         (guint) sqlite3_column_int (stmt, 3), imported_at);
}

/* ------------------------------------------------------------------------ */
/* Reading */

GListModel *
hb_store_list_articles (HbStore *self, const char *kind, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GListStore) list = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT " ARTICLE_COLUMNS " FROM articles a "
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
      g_autoptr (HbArticle) article = article_from_row (stmt, FALSE);

      g_list_store_append (list, article);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

static guint
count_versions (HbStore *self, const char *id)
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

HbArticle *
hb_store_get_article (HbStore *self, const char *id, guint version, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  guint count;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* An id is never a path: "a/./b/../c" is not "a/c", and names nothing. */
  if (!hb_util_check_id (id, NULL))
    {
      g_autofree char *shown = hb_util_escape_controls (id);

      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not an article id"), shown);
      return NULL;
    }

  stmt = hb_store_prepare (self,
                           "SELECT " ARTICLE_COLUMNS ", v.body FROM articles a "
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
    return article_from_row (stmt, TRUE);
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  count = version == 0 ? 0 : count_versions (self, id);
  if (count == 0)
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND,
                 _("No article with the id “%s”"), id);
  else
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND,
                 _("The article “%s” has no version %u (it has %u)"), id, version, count);
  return NULL;
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
                           "SELECT " ARTICLE_COLUMNS " FROM articles a "
                           "JOIN article_versions v ON v.article_id = a.id "
                           "WHERE a.id = ?1 ORDER BY v.version",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);

  history = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (history, article_from_row (stmt, FALSE));
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
  g_autoptr (HbStoreStmt) stmt = NULL;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  /* Rendering a page asks this for every link in it. */
  stmt = hb_store_cached (self,
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
  g_return_val_if_fail (HB_IS_STORE (self), -1);

  return (int) hb_store_query_int (self, "SELECT count(*) FROM articles", error);
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

/* ------------------------------------------------------------------------ */
/* Writing */

/* The images go with the version that shows them; a picture is stored
 * once however many versions show it. */
static gboolean
add_assets (HbStoreWrite *write, const HbArticleRecord *record, guint version, GError **error)
{
  HbStore *self = hb_store_write_get_store (write);
  guint i;

  for (i = 0; record->assets != NULL && i < record->assets->len; i++)
    {
      HbAssetRecord *asset = g_ptr_array_index (record->assets, i);
      sqlite3_stmt *stmt;

      stmt = hb_store_cached (self,
                              "INSERT OR IGNORE INTO asset_blobs (sha256, mime_type, data) "
                              "VALUES (?1, ?2, ?3)",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, asset->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, asset->mime_type, -1, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 3, g_bytes_get_data (asset->data, NULL),
                           g_bytes_get_size (asset->data), SQLITE_STATIC);
      if (!hb_store_step_done (self, stmt, error))
        return FALSE;

      stmt = hb_store_cached (self,
                              "INSERT INTO version_assets (article_id, version, path, sha256) "
                              "VALUES (?1, ?2, ?3, ?4)",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, version);
      sqlite3_bind_text (stmt, 3, asset->path, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, asset->sha256, -1, SQLITE_STATIC);
      if (!hb_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
hb_store_add_version (HbStoreWrite *write,
                      const HbArticleRecord *record,
                      const char *import_uuid,
                      HbStoreAdded *added,
                      GError **error)
{
  HbStore *self;
  sqlite3_stmt *stmt;
  guint latest = 0;
  guint current = 0;
  gboolean same = FALSE;
  int rc;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (record != NULL && record->id != NULL && record->body != NULL, FALSE);
  g_return_val_if_fail (added != NULL, FALSE);

  self = hb_store_write_get_store (write);

  stmt = hb_store_cached (self,
                          "SELECT a.latest_version, v.sha256, a.current_version FROM articles a "
                          "JOIN article_versions v ON v.article_id = a.id "
                          "AND v.version = a.latest_version WHERE a.id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      latest = (guint) sqlite3_column_int (stmt, 0);
      same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), record->sha256) == 0;
      current = (guint) sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);

  if (same)
    {
      added->status = HB_STORE_ADDED_UNCHANGED;
      added->version = latest;
      added->pending = latest != current;
      return TRUE;
    }

  if (latest == 0)
    {
      stmt = hb_store_cached (self,
                              "INSERT INTO articles (id, latest_version, current_version, "
                              "created_at) VALUES (?1, 1, 0, ?2)",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, hb_store_write_get_now (write), -1, SQLITE_STATIC);
      added->status = HB_STORE_ADDED_NEW;
    }
  else
    {
      stmt = hb_store_cached (self, "UPDATE articles SET latest_version = ?2 WHERE id = ?1",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, latest + 1);
      added->status = HB_STORE_ADDED_UPDATED;
    }
  if (!hb_store_step_done (self, stmt, error))
    return FALSE;

  added->version = latest + 1;
  added->pending = record->effective != NULL && latest > 0
                   && strcmp (record->effective, hb_store_write_get_today (write)) > 0;

  {
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *platforms = hb_store_join_list ((const char *const *) record->platforms);
    g_autofree char *tags = hb_store_join_list ((const char *const *) record->tags);

    stmt = hb_store_cached (self,
                            "INSERT INTO article_versions (article_id, version, uuid, title, kind, "
                            "lang, platforms, tags, effective, changes, course, sort_order, "
                            "front_matter, body, sha256, source, import_uuid, imported_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                            "?15, ?16, ?17, ?18)",
                            error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, record->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, latest + 1);
    sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 4, record->title, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 5, hb_article_kind_to_string (record->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 6, record->lang, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 7, platforms, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 8, tags, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 9, record->effective, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 10, record->changes, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 11, record->course, -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 12, record->order);
    sqlite3_bind_text (stmt, 13, record->front_matter != NULL ? record->front_matter : "{}", -1,
                       SQLITE_STATIC);
    sqlite3_bind_text (stmt, 14, record->body, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 15, record->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 16, record->source != NULL ? record->source : "", -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 17, import_uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 18, hb_store_write_get_now (write), -1, SQLITE_STATIC);
    if (!hb_store_step_done (self, stmt, error))
      return FALSE;
  }

  if (!add_assets (write, record, latest + 1, error))
    return FALSE;

  hb_store_articles_touch (write, record->id);
  return TRUE;
}

/* The SQL choosing the version in force: the newest one whose effective date
 * has come, or, when every version lies in the future, the oldest. */
#define CURRENT_VERSION_SQL                                                                        \
  "COALESCE ((SELECT max (w.version) FROM article_versions w WHERE w.article_id = a.id "          \
  "AND (w.effective IS NULL OR w.effective <= ?1)), "                                             \
  "(SELECT min (w.version) FROM article_versions w WHERE w.article_id = a.id))"

/*
 * Makes the newest version whose effective date has come the version in
 * force of each article. Runs inside a write transaction. Returns the ids
 * whose version in force changed.
 */
GPtrArray *
hb_store_articles_refresh (HbStore *self, const char *today, GError **error)
{
  g_autoptr (sqlite3_stmt) select = NULL;
  g_autoptr (sqlite3_stmt) update = NULL;
  g_autoptr (GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (hb_store_in_write (self), NULL);

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

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (select, 0);

      sqlite3_bind_text (update, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (update, 2, sqlite3_column_int64 (select, 1));
      if (!hb_store_step_done (self, update, error))
        return NULL;
      g_ptr_array_add (changed, g_strdup (id));
    }

  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  return g_steal_pointer (&changed);
}
