/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-search.h"

G_BEGIN_DECLS

#define HB_TYPE_SEARCHER (hb_searcher_get_type ())
G_DECLARE_FINAL_TYPE (HbSearcher, hb_searcher, HB, SEARCHER, GObject)

/*
 * HbSearcher searches a handbook off the main loop: in a thread, on a
 * read-only connection of its own (so a search never waits for the
 * window's connection, nor the window for it). One search runs at a time;
 * cancelling one (as typing on does) stops it within a few milliseconds.
 */

HbSearcher *hb_searcher_new (const char *db_path);

/**
 * hb_searcher_search_async:
 * @options: (nullable): copied
 * @cancellable: (nullable): stops the search; the callback then gets
 *   %G_IO_ERROR_CANCELLED
 *
 * hb_search() in a thread.
 */
void hb_searcher_search_async (HbSearcher *self,
                               const char *query,
                               const HbSearchOptions *options,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);

/* Returns: (transfer full): what was found, or %NULL with @error set */
HbSearchResponse *hb_searcher_search_finish (HbSearcher *self, GAsyncResult *result, GError **error);

/* Opens the searcher's connection and runs hb_search_prepare() on it, in
 * its thread: the first search then answers as fast as the next. A search
 * asked meanwhile waits for it. */
void hb_searcher_prepare (HbSearcher *self);

G_END_DECLS
