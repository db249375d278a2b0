/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store.h"
#include "hb-web-view.h"

G_BEGIN_DECLS

#define HB_TYPE_WINDOW (hb_window_get_type ())
G_DECLARE_FINAL_TYPE (HbWindow, hb_window, HB, WINDOW, AdwApplicationWindow)

HbWindow *hb_window_new (GtkApplication *application, HbStore *store);

HbStore *hb_window_get_store (HbWindow *self);

/* For tests and the screenshot script: the parts a user works with. */
GtkEditable *hb_window_get_search_entry (HbWindow *self);
HbWebView *hb_window_get_web_view (HbWindow *self);
/* The query whose results are shown; changes before ::search-updated. */
const char *hb_window_get_shown_query (HbWindow *self);
/* The search results shown, a #GListModel of #HbSearchResult. */
GListModel *hb_window_get_results (HbWindow *self);

/* Opens an article (version 0: the one in force) at a section. */
void hb_window_open_article (HbWindow *self, const char *id, guint version, const char *section_id);

/* Re-reads the library and the search after the store changed. */
void hb_window_reload (HbWindow *self);

G_END_DECLS
