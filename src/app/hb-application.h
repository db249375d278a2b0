/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store-profiles.h"

G_BEGIN_DECLS

#define HB_TYPE_APPLICATION (hb_application_get_type ())
G_DECLARE_FINAL_TYPE (HbApplication, hb_application, HB, APPLICATION, AdwApplication)

HbApplication *hb_application_new (void);

/* The person using the app ("profile", notified): the profile the
 * GSettings key "profile" names, or %NULL until someone said who is
 * learning. */
HbProfile *hb_application_get_profile (HbApplication *self);

/* Opens the handbook at @path instead of the one that could not be
 * opened (app.open-database, from the window's error page). */
void hb_application_open_database (HbApplication *self, const char *path);

G_END_DECLS
