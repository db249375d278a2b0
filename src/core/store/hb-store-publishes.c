/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-publishes.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "hb-minisign.h"
#include "hb-store-audit.h"
#include "hb-store-private.h"
#include "hb-store-profiles.h"

static const char *const status_names[] = { "new", "updated", "unchanged" };

void
hb_publish_free (HbPublish *publish)
{
  if (publish == NULL)
    return;
  g_free (publish->uuid);
  g_free (publish->bundle_id);
  g_free (publish->bundle_date);
  g_free (publish->title);
  g_free (publish->publisher);
  g_free (publish->bundle_sha256);
  g_free (publish->signer_key_id);
  g_free (publish->profile_uuid);
  g_free (publish->profile_name);
  g_free (publish->published_at);
  g_free (publish);
}

void
hb_version_origin_free (HbVersionOrigin *origin)
{
  if (origin == NULL)
    return;
  g_free (origin->publish_uuid);
  g_free (origin->bundle_id);
  g_free (origin->bundle_title);
  g_free (origin->bundle_date);
  g_free (origin->publisher);
  g_free (origin->profile_name);
  g_free (origin->signer_key_id);
  g_free (origin->published_at);
  g_free (origin->acknowledge);
  g_free (origin->due);
  g_free (origin);
}

void
hb_trusted_key_free (HbTrustedKey *key)
{
  if (key == NULL)
    return;
  g_free (key->key_id);
  g_free (key->public_key);
  g_free (key->name);
  g_free (key->added_by);
  g_free (key->added_at);
  g_free (key);
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Publishes */

gboolean
hb_store_check_bundle_is_new (HbStore *self, const char *bundle_id, const char *bundle_date, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  g_return_val_if_fail (bundle_id != NULL && bundle_date != NULL, FALSE);

  stmt = hb_store_prepare (self, "SELECT published_at, title FROM publishes WHERE bundle_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bundle_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("The bundle “%s” was published already, on %.10s: a bundle is published once (give a "
                     "new one its own id)"),
                   bundle_id, (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = hb_store_prepare (self, "SELECT bundle_id, bundle_date FROM publishes ORDER BY bundle_date DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && strcmp ((const char *) sqlite3_column_text (stmt, 1), bundle_date) > 0)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("The bundle “%s” is dated %s, before “%s” of %s that was published already: an older "
                     "bundle cannot be published over a newer one"),
                   bundle_id, bundle_date, (const char *) sqlite3_column_text (stmt, 0),
                   (const char *) sqlite3_column_text (stmt, 1));
      return FALSE;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);
  return TRUE;
}

static char *
publish_details (const HbPublishRecord *record, const char *uuid)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  guint counts[3] = { 0, 0, 0 };
  guint i;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "publish");
  json_builder_add_string_value (builder, uuid);
  json_builder_set_member_name (builder, "bundle");
  json_builder_add_string_value (builder, record->bundle_id);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, record->bundle_date);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, record->title);
  json_builder_set_member_name (builder, "publisher");
  if (record->publisher != NULL)
    json_builder_add_string_value (builder, record->publisher);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, record->bundle_sha256);
  json_builder_set_member_name (builder, "signer");
  if (record->signer_key_id != NULL)
    json_builder_add_string_value (builder, record->signer_key_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "signed_at");
  json_builder_add_int_value (builder, record->signed_at);
  json_builder_set_member_name (builder, "import");
  json_builder_add_string_value (builder, record->import_uuid);
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  for (i = 0; i < record->n_entries; i++)
    {
      const HbPublishEntryRecord *entry = &record->entries[i];

      counts[entry->status]++;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, entry->article_id);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, entry->version);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, status_names[entry->status]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "new");
  json_builder_add_int_value (builder, counts[HB_PUBLISH_ENTRY_NEW]);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, counts[HB_PUBLISH_ENTRY_UPDATED]);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, counts[HB_PUBLISH_ENTRY_UNCHANGED]);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
hb_store_add_publish (HbStoreWrite *write, const HbPublishRecord *record, char **uuid_out, GError **error)
{
  HbStore *self;
  sqlite3_stmt *stmt;
  g_autofree char *uuid = NULL;
  g_autofree char *details = NULL;
  guint i;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (record != NULL && record->bundle_id != NULL && record->import_uuid != NULL, FALSE);

  self = hb_store_write_get_store (write);

  /* Checked again inside the transaction: nobody published in between. */
  if (!hb_store_check_bundle_is_new (self, record->bundle_id, record->bundle_date, error))
    return FALSE;

  uuid = g_uuid_string_random ();
  stmt = hb_store_cached (self,
                          "INSERT INTO publishes (uuid, bundle_id, bundle_date, title, publisher, bundle_sha256, "
                          "signer_key_id, signed_at, profile_uuid, import_uuid, published_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->bundle_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record->bundle_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, record->publisher, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, record->bundle_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, record->signer_key_id, -1, SQLITE_STATIC);
  if (record->signed_at > 0)
    sqlite3_bind_int64 (stmt, 8, record->signed_at);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_text (stmt, 9, record->profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, record->import_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, hb_store_write_get_now (write), -1, SQLITE_STATIC);
  if (!hb_store_step_done (self, stmt, error))
    return FALSE;

  for (i = 0; i < record->n_entries; i++)
    {
      const HbPublishEntryRecord *entry = &record->entries[i];

      stmt = hb_store_cached (self,
                              "INSERT INTO publish_entries (publish_uuid, article_id, version, status, file, "
                              "acknowledge, due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, entry->article_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, entry->version);
      sqlite3_bind_text (stmt, 4, status_names[entry->status], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, entry->file, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, entry->acknowledge, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, entry->due, -1, SQLITE_STATIC);
      if (!hb_store_step_done (self, stmt, error))
        return FALSE;
    }

  details = publish_details (record, uuid);
  if (record->signer_key_id == NULL)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *why = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "bundle");
      json_builder_add_string_value (builder, record->bundle_id);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, record->bundle_sha256);
      json_builder_set_member_name (builder, "publish");
      json_builder_add_string_value (builder, uuid);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      why = json_to_string (root, FALSE);
      if (!hb_store_audit_add (write, HB_AUDIT_EVENT_UNSIGNED_ALLOWED, record->profile_uuid, record->bundle_id, why,
                               error))
        return FALSE;
    }
  if (!hb_store_audit_add (write, HB_AUDIT_EVENT_PUBLISH, record->profile_uuid, record->bundle_id, details, error))
    return FALSE;

  if (uuid_out != NULL)
    *uuid_out = g_steal_pointer (&uuid);
  return TRUE;
}

GPtrArray *
hb_store_list_publishes (HbStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) publishes = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_publish_free);
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT p.uuid, p.bundle_id, p.bundle_date, p.title, p.publisher, p.bundle_sha256, "
                           "p.signer_key_id, p.profile_uuid, f.name, p.published_at, "
                           "(SELECT count(*) FROM publish_entries e WHERE e.publish_uuid = p.uuid AND e.status = 'new'), "
                           "(SELECT count(*) FROM publish_entries e WHERE e.publish_uuid = p.uuid AND e.status = 'updated'), "
                           "(SELECT count(*) FROM publish_entries e WHERE e.publish_uuid = p.uuid AND e.status = 'unchanged') "
                           "FROM publishes p LEFT JOIN profiles f ON f.uuid = p.profile_uuid "
                           "ORDER BY p.published_at DESC, p.bundle_date DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HbPublish *publish = g_new0 (HbPublish, 1);

      publish->uuid = column_dup (stmt, 0);
      publish->bundle_id = column_dup (stmt, 1);
      publish->bundle_date = column_dup (stmt, 2);
      publish->title = column_dup (stmt, 3);
      publish->publisher = column_dup (stmt, 4);
      publish->bundle_sha256 = column_dup (stmt, 5);
      publish->signer_key_id = column_dup (stmt, 6);
      publish->profile_uuid = column_dup (stmt, 7);
      publish->profile_name = column_dup (stmt, 8);
      publish->published_at = column_dup (stmt, 9);
      publish->n_new = (guint) sqlite3_column_int (stmt, 10);
      publish->n_updated = (guint) sqlite3_column_int (stmt, 11);
      publish->n_unchanged = (guint) sqlite3_column_int (stmt, 12);
      g_ptr_array_add (publishes, publish);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&publishes);
}

GPtrArray *
hb_store_get_version_origins (HbStore *self, const char *article_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) origins = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_version_origin_free);
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (article_id != NULL, NULL);

  /* The publish that stored a version: its entry is "new" or "updated". */
  stmt = hb_store_prepare (self,
                           "SELECT e.version, p.uuid, p.bundle_id, p.title, p.bundle_date, p.publisher, f.name, "
                           "p.signer_key_id, p.published_at, e.acknowledge, e.due "
                           "FROM publish_entries e JOIN publishes p ON p.uuid = e.publish_uuid "
                           "LEFT JOIN profiles f ON f.uuid = p.profile_uuid "
                           "WHERE e.article_id = ?1 AND e.status != 'unchanged' ORDER BY e.version",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, article_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HbVersionOrigin *origin = g_new0 (HbVersionOrigin, 1);

      origin->version = (guint) sqlite3_column_int (stmt, 0);
      origin->publish_uuid = column_dup (stmt, 1);
      origin->bundle_id = column_dup (stmt, 2);
      origin->bundle_title = column_dup (stmt, 3);
      origin->bundle_date = column_dup (stmt, 4);
      origin->publisher = column_dup (stmt, 5);
      origin->profile_name = column_dup (stmt, 6);
      origin->signer_key_id = column_dup (stmt, 7);
      origin->published_at = column_dup (stmt, 8);
      origin->acknowledge = column_dup (stmt, 9);
      origin->due = column_dup (stmt, 10);
      g_ptr_array_add (origins, origin);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&origins);
}

/* ------------------------------------------------------------------------ */
/* Trusted keys */

/* The base64 line of a public key file (or the line itself). */
static char *
key_line (const char *public_key)
{
  g_auto (GStrv) lines = g_strsplit (public_key, "\n", -1);
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0' && !g_str_has_prefix (line, "untrusted comment:"))
        return g_strdup (line);
    }
  return NULL;
}

/* The profile behind a key change, who must be an editor. */
static gboolean
check_editor (HbStore *self, const char *profile_uuid, GError **error)
{
  g_autoptr (HbProfile) profile = NULL;

  if (profile_uuid == NULL)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("Only an editor can change the keys trusted to sign updates: say which editor"));
      return FALSE;
    }
  profile = hb_store_find_profile (self, profile_uuid, error);
  if (profile == NULL)
    return FALSE;
  if (!hb_profile_can_publish (profile))
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("%s is not an editor: only editors can change the keys trusted to sign updates"),
                   profile->name);
      return FALSE;
    }
  return TRUE;
}

/* The last change of @key_id, or NULL. */
static char *
last_action (HbStore *self, const char *key_id, GError **error, gboolean *failed)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  *failed = FALSE;
  stmt = hb_store_prepare (self,
                           "SELECT action FROM trusted_key_changes WHERE key_id = ?1 "
                           "ORDER BY changed_at DESC, rowid DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    {
      *failed = TRUE;
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, key_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      *failed = TRUE;
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
    }
  return NULL;
}

static gboolean
add_key_change (HbStoreWrite *write, const char *key_id, const char *line, const char *action, const char *name,
                const char *profile_uuid, GError **error)
{
  HbStore *self = hb_store_write_get_store (write);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *details = NULL;

  stmt = hb_store_prepare (self,
                           "INSERT INTO trusted_key_changes (uuid, key_id, public_key, action, name, profile_uuid, "
                           "changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, line, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, hb_store_write_get_now (write), -1, SQLITE_STATIC);
  if (!hb_store_step_done (self, stmt, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key_id);
  json_builder_set_member_name (builder, "public_key");
  json_builder_add_string_value (builder, line);
  json_builder_set_member_name (builder, "name");
  if (name != NULL)
    json_builder_add_string_value (builder, name);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  details = json_to_string (root, FALSE);
  return hb_store_audit_add (write, strcmp (action, "trust") == 0 ? HB_AUDIT_EVENT_KEY_TRUSTED
                                                                  : HB_AUDIT_EVENT_KEY_REVOKED,
                             profile_uuid, key_id, details, error);
}

gboolean
hb_store_trust_key (HbStoreWrite *write, const char *public_key, const char *name, const char *profile_uuid,
                    char **key_id_out, GError **error)
{
  HbStore *self;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *line = NULL;
  g_autofree char *last = NULL;
  g_autofree char *clean_name = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (public_key != NULL, FALSE);

  self = hb_store_write_get_store (write);
  if (!check_editor (self, profile_uuid, error))
    return FALSE;

  key_id = hb_minisign_public_key_get_id (public_key, &local_error);
  line = key_line (public_key);
  if (key_id == NULL || line == NULL)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID, _("This is not a minisign public key: %s"),
                   local_error != NULL ? local_error->message : _("it is empty"));
      return FALSE;
    }

  last = last_action (self, key_id, error, &failed);
  if (failed)
    return FALSE;
  if (g_strcmp0 (last, "trust") == 0)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID, _("The key %s is trusted already"), key_id);
      return FALSE;
    }

  if (name != NULL)
    {
      clean_name = g_strstrip (g_strdup (name));
      if (*clean_name == '\0')
        g_clear_pointer (&clean_name, g_free);
    }
  if (!add_key_change (write, key_id, line, "trust", clean_name, profile_uuid, error))
    return FALSE;
  if (key_id_out != NULL)
    *key_id_out = g_steal_pointer (&key_id);
  return TRUE;
}

gboolean
hb_store_revoke_key (HbStoreWrite *write, const char *key_id, const char *profile_uuid, GError **error)
{
  HbStore *self;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *line = NULL;
  g_autofree char *name = NULL;
  g_autofree char *last = NULL;
  g_autofree char *upper = NULL;
  gboolean failed = FALSE;
  int rc;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (key_id != NULL, FALSE);

  self = hb_store_write_get_store (write);
  if (!check_editor (self, profile_uuid, error))
    return FALSE;

  upper = g_ascii_strup (key_id, -1);
  last = last_action (self, upper, error, &failed);
  if (failed)
    return FALSE;
  if (g_strcmp0 (last, "trust") != 0)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND, _("The key %s is not trusted"), upper);
      return FALSE;
    }

  stmt = hb_store_prepare (self,
                           "SELECT public_key, name FROM trusted_key_changes WHERE key_id = ?1 "
                           "AND action = 'trust' ORDER BY changed_at DESC, rowid DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, upper, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);
  line = column_dup (stmt, 0);
  name = column_dup (stmt, 1);
  return add_key_change (write, upper, line, "revoke", name, profile_uuid, error);
}

GPtrArray *
hb_store_list_trusted_keys (HbStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_trusted_key_free);
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  /* A key is trusted when its last change trusted it. */
  stmt = hb_store_prepare (self,
                           "SELECT c.key_id, c.public_key, c.name, p.name, c.changed_at FROM trusted_key_changes c "
                           "LEFT JOIN profiles p ON p.uuid = c.profile_uuid "
                           "WHERE c.action = 'trust' AND c.rowid = (SELECT d.rowid FROM trusted_key_changes d "
                           "WHERE d.key_id = c.key_id ORDER BY d.changed_at DESC, d.rowid DESC LIMIT 1) "
                           "ORDER BY c.changed_at, c.rowid",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HbTrustedKey *key = g_new0 (HbTrustedKey, 1);

      key->key_id = column_dup (stmt, 0);
      key->public_key = column_dup (stmt, 1);
      key->name = column_dup (stmt, 2);
      key->added_by = column_dup (stmt, 3);
      key->added_at = column_dup (stmt, 4);
      g_ptr_array_add (keys, key);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

GStrv
hb_store_get_trusted_public_keys (HbStore *self, GError **error)
{
  g_autoptr (GPtrArray) keys = hb_store_list_trusted_keys (self, error);
  g_autoptr (GStrvBuilder) builder = NULL;
  guint i;

  if (keys == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (i = 0; i < keys->len; i++)
    g_strv_builder_add (builder, ((HbTrustedKey *) g_ptr_array_index (keys, i))->public_key);
  return g_strv_builder_end (builder);
}
