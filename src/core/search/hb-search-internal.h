/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of src/core/search/ share. */

#include "hb-search.h"
#include "hb-search-snippet.h"
#include "hb-store-search.h"

G_BEGIN_DECLS

/* hb-search-result.c: a result, holding a reference to @row and to
 * @snippet (nullable), which it shows as they are. */
HbSearchResult *hb_search_result_new (HbStoreSearchRow *row, double rank, HbSearchSnippet *snippet);
void hb_search_result_add_match (HbSearchResult *self, const char *word, const char *matched,
                                 HbSearchHow how, HbSearchFields fields);

G_END_DECLS
