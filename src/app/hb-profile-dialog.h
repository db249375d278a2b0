/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store.h"

G_BEGIN_DECLS

#define HB_TYPE_PROFILE_DIALOG (hb_profile_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HbProfileDialog, hb_profile_dialog, HB, PROFILE_DIALOG, AdwMessageDialog)

/*
 * "Who is learning?": pick one of the handbook's profiles, or add one
 * (name, prefilled from the system's real name; employee id; role).
 * Emits ::profile-chosen with the profile's uuid.
 */
HbProfileDialog *hb_profile_dialog_new (GtkWindow *parent, HbStore *store);

/* For tests: the name entry, and adding the profile it names. */
GtkEditable *hb_profile_dialog_get_name_entry (HbProfileDialog *self);
gboolean hb_profile_dialog_add (HbProfileDialog *self, GError **error);

G_END_DECLS
