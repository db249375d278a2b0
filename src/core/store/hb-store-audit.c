/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-audit.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "hb-store-private.h"

void
hb_audit_row_free (HbAuditRow *row)
{
  if (row == NULL)
    return;
  g_free (row->uuid);
  g_free (row->at);
  g_free (row->event);
  g_free (row->profile_uuid);
  g_free (row->profile_name);
  g_free (row->subject);
  g_free (row->details);
  g_free (row->prev_hash);
  g_free (row->hash);
  g_free (row);
}

void
hb_audit_verification_free (HbAuditVerification *verification)
{
  if (verification == NULL)
    return;
  g_free (verification->uuid);
  g_free (verification->head_hash);
  g_free (verification->message);
  g_free (verification);
}

/* ------------------------------------------------------------------------ */
/* The canonical encoding (see hb-store-audit.h) */

static void
append_string (GString *out, const char *text)
{
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (a, b);
}

static gboolean
append_node (GString *out, JsonNode *node, GError **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint i;

        g_string_append_c (out, '[');
        for (i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!append_node (out, json_array_get_element (array, i), error))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GList *members = g_list_sort (json_object_get_members (object), compare_keys);
        GList *l;
        gboolean ok = TRUE;

        g_string_append_c (out, '{');
        for (l = members; l != NULL && ok; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            append_string (out, l->data);
            g_string_append_c (out, ':');
            ok = append_node (out, json_object_get_member (object, l->data), error);
          }
        g_list_free (members);
        if (ok)
          g_string_append_c (out, '}');
        return ok;
      }

    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          return TRUE;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          return TRUE;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          return TRUE;
        default:
          g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                       _("Audit details hold whole numbers only: write a fraction as text"));
          return FALSE;
        }
    }
}

/* The canonical text of a JSON object, or NULL with @error set. */
static char *
canonical_object (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID, _("Audit details are not JSON: %s"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID, _("Audit details must be a JSON object"));
      return NULL;
    }
  if (!append_node (out, root, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_member (GString *out, const char *key, const char *value, gboolean first)
{
  if (!first)
    g_string_append_c (out, ',');
  append_string (out, key);
  g_string_append_c (out, ':');
  if (value != NULL)
    append_string (out, value);
  else
    g_string_append (out, "null");
}

/* The keys in byte order: at, details, event, profile, subject, uuid.
 * @details is canonical already. */
static char *
canonical_row (const char *uuid, const char *at, const char *event, const char *profile,
               const char *subject, const char *details)
{
  GString *out = g_string_new ("{");

  append_member (out, "at", at, TRUE);
  g_string_append (out, ",\"details\":");
  g_string_append (out, details);
  append_member (out, "event", event, FALSE);
  append_member (out, "profile", profile, FALSE);
  append_member (out, "subject", subject, FALSE);
  append_member (out, "uuid", uuid, FALSE);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

char *
hb_audit_row_canonical (const HbAuditRow *row)
{
  g_autofree char *details = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  /* Stored canonical; encoded again so that a changed text that is still
   * JSON is compared as what it says. */
  details = canonical_object (row->details != NULL ? row->details : "", NULL);
  if (details == NULL)
    return NULL;
  return canonical_row (row->uuid, row->at, row->event, row->profile_uuid, row->subject, details);
}

static char *
chain_hash (const char *prev_hash, const char *canonical)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) prev_hash, -1);
  g_checksum_update (checksum, (const guchar *) canonical, -1);
  return g_strdup (g_checksum_get_string (checksum));
}

/* ------------------------------------------------------------------------ */
/* Writing */

gboolean
hb_store_audit_add (HbStoreWrite *write, const char *event, const char *profile_uuid, const char *subject,
                    const char *details_json, GError **error)
{
  HbStore *self;
  sqlite3_stmt *stmt;
  g_autofree char *details = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  const char *at;
  gint64 seq = 1;
  int rc;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (event != NULL && *event != '\0', FALSE);

  self = hb_store_write_get_store (write);
  details = canonical_object (details_json != NULL ? details_json : "{}", error);
  if (details == NULL)
    return FALSE;

  /* The write transaction holds the database (BEGIN IMMEDIATE): nobody
   * else appends between this read and the insert. */
  stmt = hb_store_cached (self, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      prev_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);
  if (prev_hash == NULL)
    prev_hash = g_strdup (HB_AUDIT_GENESIS_HASH);

  uuid = g_uuid_string_random ();
  at = hb_store_write_get_now (write);
  canonical = canonical_row (uuid, at, event, profile_uuid, subject, details);
  hash = chain_hash (prev_hash, canonical);

  stmt = hb_store_cached (self,
                          "INSERT INTO audit_log (seq, uuid, at, event, profile_uuid, subject, details, "
                          "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, event, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, details, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, hash, -1, SQLITE_STATIC);
  return hb_store_step_done (self, stmt, error);
}

gboolean
hb_store_audit_add_object (HbStoreWrite *write, const char *event, const char *profile_uuid,
                           const char *subject, JsonObject *details, GError **error)
{
  g_autoptr (JsonObject) object = details;
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;

  json_node_set_object (root, object);
  json = json_to_string (root, FALSE);
  return hb_store_audit_add (write, event, profile_uuid, subject, json, error);
}

/* ------------------------------------------------------------------------ */
/* Reading */

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

GPtrArray *
hb_store_audit_list (HbStore *self, const char *since, const char *profile_uuid, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_audit_row_free);
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT l.seq, l.uuid, l.at, l.event, l.profile_uuid, p.name, l.subject, l.details, "
                           "l.prev_hash, l.hash FROM audit_log l "
                           "LEFT JOIN profiles p ON p.uuid = l.profile_uuid "
                           "WHERE (?1 IS NULL OR l.at >= ?1) AND (?2 IS NULL OR l.profile_uuid = ?2) "
                           "ORDER BY l.seq",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_uuid, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HbAuditRow *row = g_new0 (HbAuditRow, 1);

      row->seq = sqlite3_column_int64 (stmt, 0);
      row->uuid = column_dup (stmt, 1);
      row->at = column_dup (stmt, 2);
      row->event = column_dup (stmt, 3);
      row->profile_uuid = column_dup (stmt, 4);
      row->profile_name = column_dup (stmt, 5);
      row->subject = column_dup (stmt, 6);
      row->details = column_dup (stmt, 7);
      row->prev_hash = column_dup (stmt, 8);
      row->hash = column_dup (stmt, 9);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static HbAuditVerification *
found (HbAuditDamage damage, const HbAuditRow *row, guint n_rows, char *message)
{
  HbAuditVerification *result = g_new0 (HbAuditVerification, 1);

  result->damage = damage;
  result->seq = row != NULL ? row->seq : 0;
  result->uuid = row != NULL ? g_strdup (row->uuid) : NULL;
  result->n_rows = n_rows;
  result->message = message;
  return result;
}

/* "row 7 (2026-12-01T09:00:00Z, publish)" */
static char *
describe (const HbAuditRow *row)
{
  /* A macro such as G_GINT64_FORMAT would cut the message that translators
   * see: the numbers of translated messages are long long. */
  return g_strdup_printf (_("row %lld (%s, %s)"), (long long) row->seq, row->at != NULL ? row->at : "?",
                          row->event != NULL ? row->event : "?");
}

HbAuditVerification *
hb_store_audit_verify (HbStore *self, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *expected = HB_AUDIT_GENESIS_HASH;
  HbAuditVerification *result;
  guint i;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  rows = hb_store_audit_list (self, NULL, NULL, error);
  if (rows == NULL)
    return NULL;

  for (i = 0; i < rows->len; i++)
    {
      HbAuditRow *row = g_ptr_array_index (rows, i);
      g_autofree char *canonical = hb_audit_row_canonical (row);
      g_autofree char *computed = canonical != NULL && row->prev_hash != NULL
                                    ? chain_hash (row->prev_hash, canonical)
                                    : NULL;
      gboolean self_ok = computed != NULL && g_strcmp0 (computed, row->hash) == 0;
      g_autofree char *what = describe (row);

      if (g_strcmp0 (row->prev_hash, expected) != 0)
        {
          gpointer index = NULL;
          gboolean earlier = row->prev_hash != NULL
                             && (g_hash_table_lookup_extended (seen, row->prev_hash, NULL, &index)
                                 || (strcmp (row->prev_hash, HB_AUDIT_GENESIS_HASH) == 0 && i > 0));

          if (earlier)
            {
              /* The row chains to one further back: those in between
               * were put in afterwards. */
              guint first = strcmp (row->prev_hash, HB_AUDIT_GENESIS_HASH) == 0 ? 0
                                                                                 : GPOINTER_TO_UINT (index) + 1;
              HbAuditRow *inserted = g_ptr_array_index (rows, first);
              g_autofree char *inserted_what = describe (inserted);

              return found (HB_AUDIT_INSERTED, inserted, rows->len,
                            g_strdup_printf (_("The audit log was tampered with: %s was inserted (%s "
                                               "chains to the row before it)"),
                                             inserted_what, what));
            }
          if (!self_ok)
            return found (HB_AUDIT_CHANGED, row, rows->len,
                          g_strdup_printf (_("The audit log was tampered with: %s was changed (its hash "
                                             "does not match its content)"),
                                           what));
          if (i == 0 ? row->seq != 1 : row->seq != ((HbAuditRow *) g_ptr_array_index (rows, i - 1))->seq + 1)
            {
              gint64 from = i == 0 ? 1 : ((HbAuditRow *) g_ptr_array_index (rows, i - 1))->seq + 1;

              return found (HB_AUDIT_REMOVED, row, rows->len,
                            from == row->seq - 1
                              ? g_strdup_printf (_("The audit log was tampered with: row %lld was removed (%s "
                                                   "chains to a row that is gone)"),
                                                 (long long) from, what)
                              : g_strdup_printf (_("The audit log was tampered with: rows %lld to %lld were "
                                                   "removed (%s chains to a row that is gone)"),
                                                 (long long) from, (long long) (row->seq - 1), what));
            }
          return found (HB_AUDIT_REMOVED, row, rows->len,
                        g_strdup_printf (_("The audit log was tampered with: the chain breaks before %s (a row "
                                           "before it was removed, or the row before it rewritten with a "
                                           "new hash)"),
                                         what));
        }

      if (!self_ok)
        {
          HbAuditRow *next = i + 1 < rows->len ? g_ptr_array_index (rows, i + 1) : NULL;

          if (next != NULL && g_strcmp0 (next->prev_hash, expected) == 0)
            return found (HB_AUDIT_INSERTED, row, rows->len,
                          g_strdup_printf (_("The audit log was tampered with: %s was inserted (the row "
                                             "after it chains to the row before it)"),
                                           what));
          return found (HB_AUDIT_CHANGED, row, rows->len,
                        g_strdup_printf (_("The audit log was tampered with: %s was changed (its hash does "
                                           "not match its content)"),
                                         what));
        }

      g_hash_table_insert (seen, row->hash, GUINT_TO_POINTER (i));
      expected = row->hash;
    }

  result = found (HB_AUDIT_INTACT, NULL, rows->len,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The audit log is intact: %u row",
                                                "The audit log is intact: %u rows", rows->len),
                                   rows->len));
  result->head_hash = rows->len > 0 ? g_strdup (expected) : NULL;
  return result;
}

gint64
hb_store_audit_export (HbStore *self, GOutputStream *stream, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  guint i;

  g_return_val_if_fail (HB_IS_STORE (self), -1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), -1);

  rows = hb_store_audit_list (self, NULL, NULL, error);
  if (rows == NULL)
    return -1;

  for (i = 0; i < rows->len; i++)
    {
      HbAuditRow *row = g_ptr_array_index (rows, i);
      g_autoptr (GString) line = g_string_new ("{");
      g_autofree char *details = canonical_object (row->details != NULL ? row->details : "", NULL);

      g_string_append_printf (line, "\"seq\":%" G_GINT64_FORMAT, row->seq);
      append_member (line, "uuid", row->uuid, FALSE);
      append_member (line, "at", row->at, FALSE);
      append_member (line, "event", row->event, FALSE);
      append_member (line, "profile", row->profile_uuid, FALSE);
      append_member (line, "profile_name", row->profile_name, FALSE);
      append_member (line, "subject", row->subject, FALSE);
      /* A row whose details are no longer JSON goes out as their text, so
       * that the damage shows in the export too. */
      if (details != NULL)
        g_string_append_printf (line, ",\"details\":%s", details);
      else
        append_member (line, "details", row->details, FALSE);
      append_member (line, "prev_hash", row->prev_hash, FALSE);
      append_member (line, "hash", row->hash, FALSE);
      g_string_append (line, "}\n");

      if (!g_output_stream_write_all (stream, line->str, line->len, NULL, cancellable, error))
        return -1;
    }
  return rows->len;
}
