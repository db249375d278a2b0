/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HB_TYPE_IMPORT_DIALOG (hb_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HbImportDialog, hb_import_dialog, HB, IMPORT_DIALOG, AdwWindow)

/*
 * Imports @folder into the database at @db_path in a background thread, on
 * a connection of its own, with progress and Cancel, then shows the same
 * report as handbook-cli import. Emits "imported" when something was
 * written.
 */
HbImportDialog *hb_import_dialog_new (GtkWindow *parent, const char *db_path, GFile *folder);

G_END_DECLS
