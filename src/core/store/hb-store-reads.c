/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-reads.h"
#include "hb-store-audit.h"

#include <glib/gi18n-lib.h>

#include "hb-store-private.h"

void
hb_read_record_free (HbReadRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->uuid);
  g_free (record->profile_uuid);
  g_free (record->lesson_id);
  g_free (record->read_at);
  g_free (record->recorded_at);
  g_free (record->dependencies);
  g_free (record);
}

static char *
dup_column (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

gboolean
hb_store_add_read (HbStoreWrite *write, HbReadRecord *record, GError **error)
{
  HbStore *self;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  self = hb_store_write_get_store (write);
  if (record->profile_uuid == NULL || record->lesson_id == NULL || record->lesson_version == 0)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("A read needs a profile and a lesson version"));
      return FALSE;
    }
  if (record->uuid == NULL)
    record->uuid = g_uuid_string_random ();
  g_free (record->recorded_at);
  record->recorded_at = g_strdup (hb_store_write_get_now (write));
  if (record->read_at == NULL)
    record->read_at = g_strdup (record->recorded_at);

  stmt = hb_store_cached (self,
                          "INSERT INTO lesson_reads (uuid, profile_uuid, lesson_id, lesson_version, "
                          "read_at, recorded_at, dependencies) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record->lesson_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, record->lesson_version);
  sqlite3_bind_text (stmt, 5, record->read_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, record->recorded_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, record->dependencies != NULL ? record->dependencies : "", -1,
                     SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("The read %s is stored already"), record->uuid);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);

  {
    JsonObject *details = json_object_new ();

    json_object_set_string_member (details, "read", record->uuid);
    json_object_set_int_member (details, "lesson_version", record->lesson_version);
    return hb_store_audit_add_object (write, HB_AUDIT_EVENT_LESSON_READ, record->profile_uuid,
                                      record->lesson_id, details, error);
  }
}

GPtrArray *
hb_store_list_reads (HbStore *self, const char *profile_uuid, const char *lesson_id,
                     gboolean latest_only, GError **error)
{
  g_autoptr (GPtrArray) reads = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_read_record_free);
  g_autoptr (HbStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  /* SQLite gives the other columns of the row holding the max (). */
  if (latest_only)
    stmt = hb_store_cached (self,
                            "SELECT uuid, profile_uuid, lesson_id, lesson_version, max (read_at), "
                            "recorded_at, dependencies FROM lesson_reads "
                            "WHERE (?1 IS NULL OR profile_uuid = ?1) AND (?2 IS NULL OR lesson_id = ?2) "
                            "GROUP BY profile_uuid, lesson_id",
                            error);
  else
    stmt = hb_store_cached (self,
                            "SELECT uuid, profile_uuid, lesson_id, lesson_version, read_at, "
                            "recorded_at, dependencies FROM lesson_reads "
                            "WHERE (?1 IS NULL OR profile_uuid = ?1) AND (?2 IS NULL OR lesson_id = ?2) "
                            "ORDER BY read_at, rowid",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lesson_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HbReadRecord *record = g_new0 (HbReadRecord, 1);

      record->uuid = dup_column (stmt, 0);
      record->profile_uuid = dup_column (stmt, 1);
      record->lesson_id = dup_column (stmt, 2);
      record->lesson_version = (guint) sqlite3_column_int (stmt, 3);
      record->read_at = dup_column (stmt, 4);
      record->recorded_at = dup_column (stmt, 5);
      record->dependencies = dup_column (stmt, 6);
      g_ptr_array_add (reads, record);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&reads);
}
