/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-search.h"
#include "hb-store.h"

G_BEGIN_DECLS

/**
 * hb_search_set_caps: (skip)
 * @store: a store
 * @rank_cap: matches ranked at most, or 0 for HB_SEARCH_RANK_CAP
 * @title_window: newest matches looked at for title matches, or 0 for
 *   HB_SEARCH_TITLE_WINDOW
 *
 * For tests: narrows the ranking of hb_search_run() on @store as if it
 * held many more articles.
 */
void hb_search_set_caps (HbStore *store, guint rank_cap, guint title_window);

/**
 * hb_search_query_to_fts:
 * @query: what the user typed
 * @options: (nullable): filters
 *
 * For tests and the benchmark: the FTS5 expression hb_search_run() runs.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when the
 *   query asks for nothing
 */
char *hb_search_query_to_fts (const char *query, const HbSearchOptions *options);

G_END_DECLS
