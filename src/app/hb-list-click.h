/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void hb_list_item_activate_on_click (GtkListItem *item,
                                     GtkWidget   *child);

G_END_DECLS
