/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void hb_accessible_name_button    (GtkWidget  *widget,
                                   const char *name);
void hb_accessible_name_list_item (GtkWidget  *child,
                                   const char *name);
void hb_accessible_name_controls  (GtkWidget  *root);

G_END_DECLS
