/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store.h"

G_BEGIN_DECLS

#define HB_TYPE_SEARCH_PANEL (hb_search_panel_get_type ())
G_DECLARE_FINAL_TYPE (HbSearchPanel, hb_search_panel, HB, SEARCH_PANEL, AdwBin)

/*
 * The results of the search entry's query, under the kind, platform and
 * tag filters, with "did you mean" suggestions when few or none match.
 * The window owns the entry: it hands the panel the query and the keys
 * that move through the results. The panel emits ::result-activated when
 * a result is chosen, ::suggestion-activated when a suggestion is, and
 * ::updated when it shows the results of a query.
 */
HbSearchPanel *hb_search_panel_new (HbStore *store);

/* Searches for @query; a blank query shows nothing ("active" goes FALSE). */
void hb_search_panel_set_query (HbSearchPanel *self, const char *query);

/* The query whose results are shown. */
const char *hb_search_panel_get_query (HbSearchPanel *self);

/* Whether the panel has something to show: results, or that none match. */
gboolean hb_search_panel_get_active (HbSearchPanel *self);

/* Searches again, after the store changed. */
void hb_search_panel_reload (HbSearchPanel *self);

/* The results shown, a #GListModel of #HbSearchResult. */
GListModel *hb_search_panel_get_results (HbSearchPanel *self);

/* (nullable): the query searched instead of the one typed, when a typo
 * was corrected ("Showing results for …"). */
const char *hb_search_panel_get_corrected_query (HbSearchPanel *self);

/* (nullable): what the panel says of the words no article has, when it
 * says it. */
const char *hb_search_panel_get_missing_notice (HbSearchPanel *self);

/* What the panel says above the results: "37 results", or "More than 20
 * results" while scrolling to the end would list more. */
const char *hb_search_panel_get_count_text (HbSearchPanel *self);

/* "Search for … instead": the query as typed, without corrections. */
void hb_search_panel_search_as_typed (HbSearchPanel *self);

/* Moves the selection for Up, Down, Page Up and Page Down; returns
 * whether @keyval was used. */
gboolean hb_search_panel_move_selection (HbSearchPanel *self, guint keyval);

/* Chooses the selected result, or the best one; returns %FALSE when there
 * is none. */
gboolean hb_search_panel_activate_selected (HbSearchPanel *self);

G_END_DECLS
