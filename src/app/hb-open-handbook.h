/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-store.h"

G_BEGIN_DECLS

/**
 * hb_app_open_handbook:
 * @path: the database file
 * @cancellable: (nullable): stops the seeding
 * @error: return location for a #HB_STORE_ERROR (or %G_IO_ERROR_CANCELLED)
 *
 * Opens the handbook database at @path (creating it when missing) and, on
 * the first start, seeds it with the bundled sample handbook. Blocks: run
 * it in a thread. The store it returns has not been used by any other
 * thread, so it can be handed to the main one.
 *
 * This is the one place the app opens and seeds a handbook; it moves to
 * src/core, shared with the CLI, once the store has its open-and-seed
 * function.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
HbStore *hb_app_open_handbook (const char *path, GCancellable *cancellable, GError **error);

/* hb_app_open_handbook() in a GTask thread; the result comes back on the
 * thread-default main context of the caller. */
void hb_app_open_handbook_async (const char *path,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);

HbStore *hb_app_open_handbook_finish (GAsyncResult *result, GError **error);

G_END_DECLS
