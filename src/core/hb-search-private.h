/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-search.h"

G_BEGIN_DECLS

/* At most this many matches are ranked for one query; above it the
 * ranking narrows (see hb_search_run()). */
/* Title matches are looked for among at most this many of the newest
 * matches. */
#ifndef HB_SEARCH_TITLE_WINDOW
#define HB_SEARCH_TITLE_WINDOW 10000
#endif

#ifndef HB_SEARCH_RANK_CAP
#define HB_SEARCH_RANK_CAP 1000
#endif

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
