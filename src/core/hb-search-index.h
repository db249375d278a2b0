/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HbStore HbStore;

/**
 * hb_search_index_update:
 * @store: the store, inside a write transaction
 * @ids: (element-type utf8): article ids whose version in force changed
 *
 * Replaces the indexed text of each article in @ids with its version in
 * force.
 */
gboolean hb_search_index_update (HbStore *store, GPtrArray *ids, GError **error);

G_END_DECLS
