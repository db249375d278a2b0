/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-imports.h"

#include <json-glib/json-glib.h>

#include "hb-store-audit.h"
#include "hb-store-private.h"

gboolean
hb_store_add_import (HbStoreWrite *write, const HbImportRecord *record, GError **error)
{
  HbStore *self;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (record != NULL && record->uuid != NULL, FALSE);

  self = hb_store_write_get_store (write);
  stmt = hb_store_cached (self,
                          "INSERT INTO imports (uuid, started_at, finished_at, source, new_count, "
                          "updated_count, unchanged_count, skipped_count) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->started_at != NULL ? record->started_at
                                                         : hb_store_write_get_now (write),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hb_store_write_get_now (write), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record->source != NULL ? record->source : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (int) record->n_new);
  sqlite3_bind_int (stmt, 6, (int) record->n_updated);
  sqlite3_bind_int (stmt, 7, (int) record->n_unchanged);
  sqlite3_bind_int (stmt, 8, (int) record->n_skipped);
  if (!hb_store_step_done (self, stmt, error))
    return FALSE;

  /* New versions of the rules arrived: the audit log says so. */
  {
    g_autoptr (JsonBuilder) builder = json_builder_new ();
    g_autoptr (JsonNode) root = NULL;
    g_autofree char *details = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "source");
    json_builder_add_string_value (builder, record->source != NULL ? record->source : "");
    json_builder_set_member_name (builder, "new");
    json_builder_add_int_value (builder, record->n_new);
    json_builder_set_member_name (builder, "updated");
    json_builder_add_int_value (builder, record->n_updated);
    json_builder_set_member_name (builder, "unchanged");
    json_builder_add_int_value (builder, record->n_unchanged);
    json_builder_set_member_name (builder, "skipped");
    json_builder_add_int_value (builder, record->n_skipped);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    details = json_to_string (root, FALSE);
    return hb_store_audit_add (write, HB_AUDIT_EVENT_IMPORT, NULL, record->uuid, details, error);
  }
}

char *
hb_store_get_meta (HbStore *self, const char *key)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

gboolean
hb_store_set_meta (HbStoreWrite *write, const char *key, const char *value, GError **error)
{
  HbStore *self;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (write != NULL, FALSE);

  self = hb_store_write_get_store (write);
  stmt = hb_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return hb_store_step_done (self, stmt, error);
}
