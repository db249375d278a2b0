/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-profiles.h"
#include "hb-store-audit.h"

#include <json-glib/json-glib.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hb-store-private.h"

G_DEFINE_BOXED_TYPE (HbProfile, hb_profile, hb_profile_copy, hb_profile_free)

static const char *const role_names[] = { "staff", "editor", "manager" };

const char *
hb_profile_role_to_string (HbProfileRole role)
{
  g_return_val_if_fail (role <= HB_PROFILE_ROLE_MANAGER, "staff");
  return role_names[role];
}

gboolean
hb_profile_role_from_string (const char *text, HbProfileRole *role)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (g_ascii_strcasecmp (text, role_names[i]) == 0)
      {
        if (role != NULL)
          *role = (HbProfileRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
hb_profile_role_get_label (HbProfileRole role)
{
  switch (role)
    {
    case HB_PROFILE_ROLE_EDITOR:
      return _("Editor");
    case HB_PROFILE_ROLE_MANAGER:
      return _("Manager");
    case HB_PROFILE_ROLE_STAFF:
    default:
      return _("Staff");
    }
}

HbProfile *
hb_profile_copy (const HbProfile *profile)
{
  HbProfile *copy = g_new0 (HbProfile, 1);

  copy->uuid = g_strdup (profile->uuid);
  copy->name = g_strdup (profile->name);
  copy->employee_id = g_strdup (profile->employee_id);
  copy->role = profile->role;
  copy->created_at = g_strdup (profile->created_at);
  return copy;
}

void
hb_profile_free (HbProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->uuid);
  g_free (profile->name);
  g_free (profile->employee_id);
  g_free (profile->created_at);
  g_free (profile);
}

gboolean
hb_profile_can_publish (const HbProfile *profile)
{
  return profile != NULL && profile->role == HB_PROFILE_ROLE_EDITOR;
}

gboolean
hb_profile_can_see_team (const HbProfile *profile)
{
  return profile != NULL && profile->role != HB_PROFILE_ROLE_STAFF;
}

static HbProfile *
profile_from_row (sqlite3_stmt *stmt)
{
  HbProfile *profile = g_new0 (HbProfile, 1);

  profile->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  profile->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  profile->employee_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  if (!hb_profile_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &profile->role))
    profile->role = HB_PROFILE_ROLE_STAFF;
  profile->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  return profile;
}

HbProfile *
hb_store_add_profile (HbStoreWrite *write, const char *name, const char *employee_id,
                      HbProfileRole role, GError **error)
{
  HbStore *self;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *clean_id = NULL;
  int rc;

  g_return_val_if_fail (write != NULL, NULL);

  self = hb_store_write_get_store (write);
  clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  clean_id = employee_id != NULL ? g_strstrip (g_strdup (employee_id)) : NULL;
  if (clean_id != NULL && *clean_id == '\0')
    g_clear_pointer (&clean_id, g_free);

  if (*clean == '\0' || strpbrk (clean, "\n\r\t") != NULL || g_utf8_strlen (clean, -1) > 100
      || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("A name is one line of at most 100 characters"));
      return NULL;
    }

  profile = g_new0 (HbProfile, 1);
  profile->uuid = g_uuid_string_random ();
  profile->name = g_steal_pointer (&clean);
  profile->employee_id = g_steal_pointer (&clean_id);
  profile->role = role;
  profile->created_at = g_strdup (hb_store_write_get_now (write));

  stmt = hb_store_prepare (self,
                           "INSERT INTO profiles (uuid, name, employee_id, role, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, profile->employee_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hb_profile_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, profile->created_at, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("The employee id “%s” is someone else’s"), profile->employee_id);
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  /* Who may publish and who is trained is on the audit trail. */
  {
    JsonObject *details = json_object_new ();

    json_object_set_string_member (details, "name", profile->name);
    json_object_set_string_member (details, "role", hb_profile_role_to_string (role));
    if (profile->employee_id != NULL)
      json_object_set_string_member (details, "employee_id", profile->employee_id);
    if (!hb_store_audit_add_object (write, HB_AUDIT_EVENT_PROFILE_ADDED, profile->uuid, profile->uuid, details,
                                    error))
      return NULL;
  }
  return g_steal_pointer (&profile);
}

GPtrArray *
hb_store_list_profiles (HbStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_profile_free);
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_prepare (self,
                           "SELECT uuid, name, employee_id, role, created_at FROM profiles "
                           "ORDER BY name COLLATE NOCASE, created_at",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (profiles, profile_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&profiles);
}

HbProfile *
hb_store_find_profile (HbStore *self, const char *key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (HbProfile) found = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  /* The uuid, then the employee id, then the name (which must then be
   * one person's). */
  stmt = hb_store_prepare (self,
                           "SELECT uuid, name, employee_id, role, created_at, "
                           "CASE WHEN uuid = ?1 THEN 0 WHEN employee_id = ?1 THEN 1 ELSE 2 END AS how "
                           "FROM profiles WHERE uuid = ?1 OR employee_id = ?1 "
                           "OR name = ?1 COLLATE NOCASE ORDER BY how",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int how = sqlite3_column_int (stmt, 5);

      if (found == NULL)
        {
          found = profile_from_row (stmt);
          if (how < 2)
            return g_steal_pointer (&found);
        }
      else
        {
          g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                       _("More than one profile is called “%s”: give the employee id"), key);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  if (found == NULL)
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND, _("No profile “%s”"), key);
  return g_steal_pointer (&found);
}
