/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-store.h"
#include "hb-search-index.h"
#include "hb-util.h"

G_BEGIN_DECLS

/* For the other modules of src/core only. */
gboolean hb_store_in_transaction (HbStore *self);
guint hb_store_count_versions (HbStore *self, const char *id);

/*
 * Brings the search index in step with the version in force of each id in
 * @ids. Runs inside the caller's transaction, so the index never disagrees
 * with the articles.
 */
gboolean hb_store_index_articles (HbStore *self, GPtrArray *ids, GError **error);

G_END_DECLS
