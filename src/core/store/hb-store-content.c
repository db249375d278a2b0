/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-content.h"

#include <glib/gi18n-lib.h>

#include "hb-store-private.h"

void
hb_content_record_free (HbContentRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->kind);
  g_free (record->source);
  g_free (record->text);
  g_free (record->sha256);
  g_free (record->imported_at);
  g_free (record);
}

gboolean
hb_store_add_content (HbStoreWrite *write,
                      const HbContentRecord *record,
                      const char *import_uuid,
                      guint *version,
                      gboolean *is_new,
                      GError **error)
{
  HbStore *self;
  sqlite3_stmt *stmt;
  guint latest = 0;
  gboolean same = FALSE;
  int rc;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (record != NULL && record->id != NULL && record->text != NULL, FALSE);

  self = hb_store_write_get_store (write);
  stmt = hb_store_cached (self,
                          "SELECT version, sha256 FROM content_files WHERE id = ?1 "
                          "ORDER BY version DESC LIMIT 1",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      latest = (guint) sqlite3_column_int (stmt, 0);
      same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), record->sha256) == 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);

  if (is_new != NULL)
    *is_new = !same;
  if (same)
    {
      *version = latest;
      return TRUE;
    }

  stmt = hb_store_cached (self,
                          "INSERT INTO content_files (id, version, kind, source, text, sha256, "
                          "import_uuid, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, latest + 1);
  sqlite3_bind_text (stmt, 3, record->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record->source != NULL ? record->source : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, record->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, record->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, import_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, hb_store_write_get_now (write), -1, SQLITE_STATIC);
  if (!hb_store_step_done (self, stmt, error))
    return FALSE;

  *version = latest + 1;
  /* The thesaurus changes what search finds. */
  hb_store_search_forget (self);
  return TRUE;
}

static HbContentRecord *
record_from_row (sqlite3_stmt *stmt)
{
  HbContentRecord *record = g_new0 (HbContentRecord, 1);

  record->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  record->version = (guint) sqlite3_column_int (stmt, 1);
  record->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  record->source = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  record->text = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  record->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  record->imported_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  return record;
}

GPtrArray *
hb_store_list_content (HbStore *self, const char *kind, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_content_record_free);
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT c.id, c.version, c.kind, c.source, c.text, c.sha256, "
                           "c.imported_at FROM content_files c WHERE c.kind = ?1 "
                           "AND c.version = (SELECT max (d.version) FROM content_files d "
                           "WHERE d.id = c.id) ORDER BY c.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&records);
}

HbContentRecord *
hb_store_get_content (HbStore *self, const char *id, guint version, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT id, version, kind, source, text, sha256, imported_at "
                           "FROM content_files WHERE id = ?1 AND (?2 = 0 OR version = ?2) "
                           "ORDER BY version DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return record_from_row (stmt);
  if (rc != SQLITE_DONE)
    hb_store_set_error_from_sqlite (self, error, rc, NULL);
  else
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND, _("No content file “%s”"), id);
  return NULL;
}
