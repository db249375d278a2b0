/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HB_TYPE_FILTER_BAR (hb_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (HbFilterBar, hb_filter_bar, HB, FILTER_BAR, GtkBox)

/*
 * The kind, platform and tag filters of the library and of the search.
 * The platform and tag filters offer the values the articles have, most
 * used first, each with its count; a filter with nothing to offer hides.
 * Each value is %NULL for "all".
 */
GListModel *hb_filter_bar_get_articles (HbFilterBar *self);
void hb_filter_bar_set_articles (HbFilterBar *self, GListModel *articles);

const char *hb_filter_bar_get_kind (HbFilterBar *self);
void hb_filter_bar_set_kind (HbFilterBar *self, const char *kind);

const char *hb_filter_bar_get_platform (HbFilterBar *self);
void hb_filter_bar_set_platform (HbFilterBar *self, const char *platform);

const char *hb_filter_bar_get_tag (HbFilterBar *self);
void hb_filter_bar_set_tag (HbFilterBar *self, const char *tag);

G_END_DECLS
