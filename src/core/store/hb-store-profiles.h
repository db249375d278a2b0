/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * The people who use a handbook (table profiles): their training and
 * acknowledgements are kept per profile. Several profiles on one machine
 * are normal (a training room, a shared desk).
 */

typedef enum
{
  HB_PROFILE_ROLE_STAFF,
  HB_PROFILE_ROLE_EDITOR,
  HB_PROFILE_ROLE_MANAGER,
} HbProfileRole;

/* "staff", "editor", "manager". */
const char *hb_profile_role_to_string (HbProfileRole role);
gboolean hb_profile_role_from_string (const char *text, HbProfileRole *role);
/* Translated: "Staff", "Editor", "Manager". */
const char *hb_profile_role_get_label (HbProfileRole role);

typedef struct
{
  char *uuid;
  char *name;        /* display name */
  char *employee_id; /* (nullable) */
  HbProfileRole role;
  char *created_at;  /* ISO 8601, UTC */
} HbProfile;

#define HB_TYPE_PROFILE (hb_profile_get_type ())
GType hb_profile_get_type (void) G_GNUC_CONST;

HbProfile *hb_profile_copy (const HbProfile *profile);
void hb_profile_free (HbProfile *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbProfile, hb_profile_free)

/* Whether @profile may publish updates (editors) and see the team
 * (editors and managers). */
gboolean hb_profile_can_publish (const HbProfile *profile);
gboolean hb_profile_can_see_team (const HbProfile *profile);

/**
 * hb_store_add_profile:
 * @name: the display name (one line, not empty)
 * @employee_id: (nullable): the employee id, unique when given
 *
 * Returns: (transfer full): the new profile, or %NULL with @error set
 *   (%HB_STORE_ERROR_INVALID for a bad name, a taken employee id)
 */
HbProfile *hb_store_add_profile (HbStoreWrite *write,
                                 const char *name,
                                 const char *employee_id,
                                 HbProfileRole role,
                                 GError **error);

/* Every profile, by name. */
GPtrArray *hb_store_list_profiles (HbStore *self, GError **error);

/**
 * hb_store_find_profile:
 * @key: a profile's uuid, employee id or name
 *
 * Returns: (transfer full): the profile, or %NULL with
 *   %HB_STORE_ERROR_NOT_FOUND (or %HB_STORE_ERROR_INVALID when a name is
 *   shared by several profiles)
 */
HbProfile *hb_store_find_profile (HbStore *self, const char *key, GError **error);

G_END_DECLS
