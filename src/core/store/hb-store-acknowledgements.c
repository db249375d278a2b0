/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-acknowledgements.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "hb-store-audit.h"
#include "hb-store-private.h"
#include "hb-store-profiles.h"
#include "hb-util.h"

/*
 * Whether the version v (an alias of article_versions) needs each
 * person's acknowledgement: the newest manifest entry that says, else the
 * front matter, else its kind. And its due date, from the manifest.
 */
#define NEEDS_ACK_SQL(v)                                                                                      \
  "(COALESCE ((SELECT e.acknowledge FROM publish_entries e WHERE e.article_id = " v ".article_id "            \
  "AND e.version = " v ".version AND e.acknowledge IS NOT NULL ORDER BY e.rowid DESC LIMIT 1), "              \
  "CASE WHEN json_type (" v ".front_matter, '$.acknowledge') IS NULL "                                      \
  "OR json_type (" v ".front_matter, '$.acknowledge') = 'null' THEN NULL "                                   \
  "WHEN lower (json_extract (" v ".front_matter, '$.acknowledge')) IN ('required', 'true', 'yes', '1') "     \
  "THEN 'required' ELSE 'none' END, "                                                                        \
  "CASE WHEN " v ".kind = 'regulation' THEN 'required' ELSE 'none' END) = 'required')"

#define DUE_SQL(v)                                                                                            \
  "(SELECT e.due FROM publish_entries e WHERE e.article_id = " v ".article_id AND e.version = " v ".version " \
  "AND e.due IS NOT NULL ORDER BY e.rowid DESC LIMIT 1)"

void
hb_acknowledgement_free (HbAcknowledgement *ack)
{
  if (ack == NULL)
    return;
  g_free (ack->uuid);
  g_free (ack->profile_uuid);
  g_free (ack->profile_name);
  g_free (ack->employee_id);
  g_free (ack->article_id);
  g_free (ack->title);
  g_free (ack->sha256);
  g_free (ack->acknowledged_at);
  g_free (ack);
}

void
hb_pending_acknowledgement_free (HbPendingAcknowledgement *pending)
{
  if (pending == NULL)
    return;
  g_free (pending->profile_uuid);
  g_free (pending->profile_name);
  g_free (pending->employee_id);
  g_free (pending->article_id);
  g_free (pending->title);
  g_free (pending->kind);
  g_free (pending->effective);
  g_free (pending->due);
  g_free (pending);
}

void
hb_acknowledgement_state_clear (HbAcknowledgementState *state)
{
  g_clear_pointer (&state->due, g_free);
  g_clear_pointer (&state->acknowledged_at, g_free);
  state->required = FALSE;
}

static void
whats_new_item_free (HbWhatsNewItem *item)
{
  g_free (item->article_id);
  g_free (item->title);
  g_free (item->kind);
  g_free (item->lang);
  g_free (item->effective);
  g_free (item->took_effect);
  g_free (item->changes);
  g_free (item->bundle_title);
  g_free (item->publisher);
  g_free (item->due);
  g_free (item);
}

void
hb_whats_new_free (HbWhatsNew *whats_new)
{
  if (whats_new == NULL)
    return;
  g_free (whats_new->since);
  g_clear_pointer (&whats_new->items, g_ptr_array_unref);
  g_free (whats_new);
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

#define ACK_COLUMNS                                                                                           \
  "k.uuid, k.profile_uuid, p.name, p.employee_id, k.article_id, k.version, v.title, v.sha256, "            \
  "k.acknowledged_at"
#define ACK_JOINS                                                                                             \
  "FROM acknowledgements k JOIN profiles p ON p.uuid = k.profile_uuid "                                      \
  "JOIN article_versions v ON v.article_id = k.article_id AND v.version = k.version "

static HbAcknowledgement *
ack_from_row (sqlite3_stmt *stmt)
{
  HbAcknowledgement *ack = g_new0 (HbAcknowledgement, 1);

  ack->uuid = column_dup (stmt, 0);
  ack->profile_uuid = column_dup (stmt, 1);
  ack->profile_name = column_dup (stmt, 2);
  ack->employee_id = column_dup (stmt, 3);
  ack->article_id = column_dup (stmt, 4);
  ack->version = (guint) sqlite3_column_int (stmt, 5);
  ack->title = column_dup (stmt, 6);
  ack->sha256 = column_dup (stmt, 7);
  ack->acknowledged_at = column_dup (stmt, 8);
  return ack;
}

/* The version @version (0: the one in force) of @article_id, or 0 with
 * @error set. */
static guint
resolve_version (HbStore *self, const char *article_id, guint version, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = hb_store_prepare (self,
                           "SELECT CASE WHEN ?2 > 0 THEN (SELECT v.version FROM article_versions v "
                           "WHERE v.article_id = a.id AND v.version = ?2) ELSE a.current_version END, "
                           "a.latest_version FROM articles a WHERE a.id = ?1",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, article_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL && sqlite3_column_int (stmt, 0) > 0)
    return (guint) sqlite3_column_int (stmt, 0);
  if (rc == SQLITE_ROW)
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND, _("The article “%s” has no version %u (it has %d)"),
                 article_id, version, sqlite3_column_int (stmt, 1));
  else if (rc == SQLITE_DONE)
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND, _("No article with the id “%s”"), article_id);
  else
    hb_store_set_error_from_sqlite (self, error, rc, NULL);
  return 0;
}

static HbAcknowledgement *
find_ack (HbStore *self, const char *profile_uuid, const char *article_id, guint version, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = hb_store_prepare (self,
                           "SELECT " ACK_COLUMNS " " ACK_JOINS
                           "WHERE k.profile_uuid = ?1 AND k.article_id = ?2 AND k.version = ?3",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, article_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return ack_from_row (stmt);
  if (rc != SQLITE_DONE)
    hb_store_set_error_from_sqlite (self, error, rc, NULL);
  return NULL;
}

HbAcknowledgement *
hb_store_acknowledge (HbStoreWrite *write, const char *profile_uuid, const char *article_id, guint version,
                      gboolean *already, GError **error)
{
  HbStore *self;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (HbAcknowledgement) ack = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (write != NULL, NULL);
  g_return_val_if_fail (profile_uuid != NULL && article_id != NULL, NULL);

  self = hb_store_write_get_store (write);
  if (already != NULL)
    *already = FALSE;

  profile = hb_store_find_profile (self, profile_uuid, error);
  if (profile == NULL)
    return NULL;
  version = resolve_version (self, article_id, version, error);
  if (version == 0)
    return NULL;

  ack = find_ack (self, profile->uuid, article_id, version, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (ack != NULL)
    {
      if (already != NULL)
        *already = TRUE;
      return g_steal_pointer (&ack);
    }

  uuid = g_uuid_string_random ();
  stmt = hb_store_prepare (self,
                           "INSERT INTO acknowledgements (uuid, profile_uuid, article_id, version, acknowledged_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, article_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, version);
  sqlite3_bind_text (stmt, 5, hb_store_write_get_now (write), -1, SQLITE_STATIC);
  if (!hb_store_step_done (self, stmt, error))
    return NULL;

  ack = find_ack (self, profile->uuid, article_id, version, error);
  if (ack == NULL)
    return NULL;
  /* Acknowledging a version is having read it. */
  if (!hb_store_record_read (write, profile->uuid, article_id, version, error))
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "acknowledgement");
  json_builder_add_string_value (builder, ack->uuid);
  json_builder_set_member_name (builder, "article");
  json_builder_add_string_value (builder, ack->article_id);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ack->version);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, ack->title);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, ack->sha256);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  details = json_to_string (root, FALSE);
  if (!hb_store_audit_add (write, HB_AUDIT_EVENT_ACKNOWLEDGE, profile->uuid, article_id, details, error))
    return NULL;

  return g_steal_pointer (&ack);
}

GPtrArray *
hb_store_list_acknowledgements (HbStore *self, const char *profile_uuid, const char *article_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) acks = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_acknowledgement_free);
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT " ACK_COLUMNS " " ACK_JOINS
                           "WHERE (?1 IS NULL OR k.profile_uuid = ?1) AND (?2 IS NULL OR k.article_id = ?2) "
                           "ORDER BY k.acknowledged_at, k.rowid",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, article_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (acks, ack_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&acks);
}

GPtrArray *
hb_store_list_pending_acknowledgements (HbStore *self, const char *profile_uuid, const char *today, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_pending_acknowledgement_free);
  g_autofree char *day = today != NULL ? g_strdup (today) : hb_util_today ();
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT p.uuid, p.name, p.employee_id, v.article_id, v.version, v.title, v.kind, "
                           "v.effective, " DUE_SQL ("v") " AS due FROM profiles p "
                           "JOIN articles a JOIN article_versions v ON v.article_id = a.id "
                           "AND v.version = a.current_version "
                           "WHERE (?1 IS NULL OR p.uuid = ?1) AND " NEEDS_ACK_SQL ("v") " "
                           "AND NOT EXISTS (SELECT 1 FROM acknowledgements k WHERE k.profile_uuid = p.uuid "
                           "AND k.article_id = v.article_id AND k.version >= v.version) "
                           "ORDER BY p.name COLLATE NOCASE, p.uuid, due IS NULL, due, v.title COLLATE NOCASE",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_uuid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HbPendingAcknowledgement *item = g_new0 (HbPendingAcknowledgement, 1);

      item->profile_uuid = column_dup (stmt, 0);
      item->profile_name = column_dup (stmt, 1);
      item->employee_id = column_dup (stmt, 2);
      item->article_id = column_dup (stmt, 3);
      item->version = (guint) sqlite3_column_int (stmt, 4);
      item->title = column_dup (stmt, 5);
      item->kind = column_dup (stmt, 6);
      item->effective = column_dup (stmt, 7);
      item->due = column_dup (stmt, 8);
      item->overdue = item->due != NULL && strcmp (item->due, day) < 0;
      g_ptr_array_add (pending, item);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&pending);
}

gboolean
hb_store_get_acknowledgement_state (HbStore *self, const char *profile_uuid, const char *article_id, guint version,
                                    HbAcknowledgementState *state, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  g_return_val_if_fail (article_id != NULL && state != NULL, FALSE);

  memset (state, 0, sizeof *state);
  stmt = hb_store_prepare (self,
                           "SELECT " NEEDS_ACK_SQL ("v") ", " DUE_SQL ("v") ", "
                           "(SELECT min (k.acknowledged_at) FROM acknowledgements k WHERE k.profile_uuid = ?3 "
                           "AND k.article_id = v.article_id AND k.version >= v.version) "
                           "FROM article_versions v WHERE v.article_id = ?1 AND v.version = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, article_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, profile_uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->required = sqlite3_column_int (stmt, 0) != 0;
      state->due = column_dup (stmt, 1);
      state->acknowledged_at = column_dup (stmt, 2);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND, _("The article “%s” has no version %u"),
                   article_id, version);
      return FALSE;
    }
  return hb_store_set_error_from_sqlite (self, error, rc, NULL);
}

/* ------------------------------------------------------------------------ */
/* Reads and What's new */

gboolean
hb_store_record_read (HbStoreWrite *write, const char *profile_uuid, const char *article_id, guint version,
                      GError **error)
{
  HbStore *self;
  sqlite3_stmt *stmt;
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (profile_uuid != NULL && article_id != NULL && version > 0, FALSE);

  self = hb_store_write_get_store (write);
  stmt = hb_store_cached (self,
                          "INSERT OR IGNORE INTO reads (uuid, profile_uuid, article_id, version, read_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, article_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, version);
  sqlite3_bind_text (stmt, 5, hb_store_write_get_now (write), -1, SQLITE_STATIC);
  return hb_store_step_done (self, stmt, error);
}

guint
hb_store_get_last_read_version (HbStore *self, const char *profile_uuid, const char *article_id, guint below)
{
  g_autoptr (HbStoreStmt) stmt = NULL;

  g_return_val_if_fail (HB_IS_STORE (self), 0);

  if (profile_uuid == NULL || article_id == NULL)
    return 0;
  stmt = hb_store_cached (self,
                          "SELECT max (version) FROM reads WHERE profile_uuid = ?1 AND article_id = ?2 "
                          "AND (?3 = 0 OR version < ?3)",
                          NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, article_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, below);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int (stmt, 0);
}

gboolean
hb_store_record_whats_new_view (HbStoreWrite *write, const char *profile_uuid, GError **error)
{
  HbStore *self;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (profile_uuid != NULL, FALSE);

  self = hb_store_write_get_store (write);
  stmt = hb_store_prepare (self, "INSERT INTO whats_new_views (uuid, profile_uuid, viewed_at) VALUES (?1, ?2, ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hb_store_write_get_now (write), -1, SQLITE_STATIC);
  return hb_store_step_done (self, stmt, error);
}

/* "YYYY-MM-DD" @days before @day. */
static char *
days_before (const char *day, int days)
{
  int y = 0, m = 0, d = 0;
  g_autoptr (GDateTime) date = NULL;
  g_autoptr (GDateTime) earlier = NULL;

  if (sscanf (day, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (day);
  date = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (date == NULL)
    return g_strdup (day);
  earlier = g_date_time_add_days (date, -days);
  return g_date_time_format (earlier, "%Y-%m-%d");
}

HbWhatsNew *
hb_store_get_whats_new (HbStore *self, const char *profile_uuid, const char *today, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (HbWhatsNew) result = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) coming = g_ptr_array_new ();
  g_autoptr (GPtrArray) earlier = g_ptr_array_new ();
  g_autofree char *day = today != NULL ? g_strdup (today) : hb_util_today ();
  g_autofree char *month_ago = days_before (day, 30);
  gboolean since_view = FALSE;
  guint n_earlier = 0;
  guint i;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (profile_uuid != NULL, NULL);

  profile = hb_store_find_profile (self, profile_uuid, error);
  if (profile == NULL)
    return NULL;

  result = g_new0 (HbWhatsNew, 1);
  result->items = g_ptr_array_new_with_free_func ((GDestroyNotify) whats_new_item_free);

  stmt = hb_store_prepare (self, "SELECT max (viewed_at) FROM whats_new_views WHERE profile_uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile->uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  result->since = column_dup (stmt, 0);
  since_view = result->since != NULL;
  if (result->since == NULL)
    result->since = g_strdup (profile->created_at);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /*
   * A version took effect at the later of its arrival (a UTC time) and its
   * effective day: compared as text, "2026-12-15" comes after any time of
   * 2026-12-14 and before any time of 2026-12-15. Newest first, so the
   * first row of an article is the one to show.
   */
  stmt = hb_store_prepare (self,
                           "SELECT v.article_id, v.version, v.title, v.kind, v.lang, v.effective, v.changes, "
                           "max (v.imported_at, coalesce (v.effective, '')) AS took, a.current_version, "
                           "(SELECT max (r.version) FROM reads r WHERE r.profile_uuid = ?1 "
                           "AND r.article_id = v.article_id AND r.version < v.version), "
                           "EXISTS (SELECT 1 FROM reads r WHERE r.profile_uuid = ?1 AND r.article_id = v.article_id "
                           "AND r.version = v.version), "
                           "p.title, p.publisher, " NEEDS_ACK_SQL ("v") ", "
                           "EXISTS (SELECT 1 FROM acknowledgements k WHERE k.profile_uuid = ?1 "
                           "AND k.article_id = v.article_id AND k.version >= v.version), "
                           DUE_SQL ("v") ", e.status "
                           "FROM article_versions v JOIN articles a ON a.id = v.article_id "
                           "LEFT JOIN publish_entries e ON e.article_id = v.article_id AND e.version = v.version "
                           "AND e.status != 'unchanged' "
                           "LEFT JOIN publishes p ON p.uuid = e.publish_uuid "
                           "WHERE took >= min (?2, ?3) OR v.version > a.current_version "
                           "ORDER BY took DESC, v.version DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, result->since, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, month_ago, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      guint version = (guint) sqlite3_column_int (stmt, 1);
      guint current = (guint) sqlite3_column_int (stmt, 8);
      const char *took = (const char *) sqlite3_column_text (stmt, 7);
      const char *status = (const char *) sqlite3_column_text (stmt, 16);
      gboolean pending = version > current;
      g_autofree char *key = g_strdup_printf ("%c%s", pending ? '+' : '=', id);
      HbWhatsNewItem *item;
      int cmp;

      /* One item per article: the newest version in force, and the one
       * to come. */
      if (g_hash_table_contains (seen, key))
        continue;

      cmp = strcmp (took, result->since);
      item = g_new0 (HbWhatsNewItem, 1);
      /* Someone who never looked starts with the updates since they
       * joined, not with every article of the handbook they joined. */
      if (pending)
        item->group = HB_WHATS_NEW_COMING;
      else if (since_view ? cmp > 0 : cmp >= 0 && (version > 1 || status != NULL))
        item->group = HB_WHATS_NEW_NEW;
      else if (version > 1 || status != NULL)
        item->group = HB_WHATS_NEW_EARLIER;
      else
        {
          g_free (item);
          continue;
        }
      g_hash_table_add (seen, g_steal_pointer (&key));

      item->article_id = g_strdup (id);
      item->version = version;
      item->title = column_dup (stmt, 2);
      item->kind = column_dup (stmt, 3);
      item->lang = column_dup (stmt, 4);
      item->effective = column_dup (stmt, 5);
      item->changes = column_dup (stmt, 6);
      item->took_effect = g_strdup (took);
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        {
          item->base_version = (guint) sqlite3_column_int (stmt, 9);
          item->base_was_read = TRUE;
        }
      else
        item->base_version = version - 1;
      item->read = sqlite3_column_int (stmt, 10) != 0;
      item->bundle_title = column_dup (stmt, 11);
      item->publisher = column_dup (stmt, 12);
      item->needs_ack = sqlite3_column_int (stmt, 13) != 0;
      item->acknowledged = sqlite3_column_int (stmt, 14) != 0;
      item->due = column_dup (stmt, 15);

      if (item->group == HB_WHATS_NEW_NEW)
        {
          g_ptr_array_add (result->items, item);
          if (!item->read)
            result->n_unseen++;
        }
      else if (item->group == HB_WHATS_NEW_COMING)
        g_ptr_array_add (coming, item);
      else if (n_earlier++ < 20)
        g_ptr_array_add (earlier, item);
      else
        whats_new_item_free (item);
    }
  if (rc != SQLITE_DONE)
    {
      for (i = 0; i < coming->len; i++)
        whats_new_item_free (g_ptr_array_index (coming, i));
      for (i = 0; i < earlier->len; i++)
        whats_new_item_free (g_ptr_array_index (earlier, i));
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  /* What is to come, soonest first. */
  for (i = coming->len; i > 0; i--)
    g_ptr_array_add (result->items, g_ptr_array_index (coming, i - 1));
  for (i = 0; i < earlier->len; i++)
    g_ptr_array_add (result->items, g_ptr_array_index (earlier, i));
  return g_steal_pointer (&result);
}
