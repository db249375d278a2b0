/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-search.h"
#include "hb-store.h"

G_BEGIN_DECLS

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

/**
 * hb_search_response_get_expression:
 * @response: a response of hb_search()
 *
 * For the benchmark: the FTS5 expression the search weighed its rows
 * from, the synonyms, corrections and boosts of the words included.
 *
 * Returns: (nullable): the expression, or %NULL when the search ran none
 *   (a listing of filters only, or nothing to search for)
 */
const char *hb_search_response_get_expression (HbSearchResponse *response);

G_END_DECLS
