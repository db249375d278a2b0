/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-import.h"
#include "hb-store.h"

G_BEGIN_DECLS

/*
 * Opening a handbook the way the app and handbook-cli both do: the store,
 * and on a first start the bundled sample handbook in it.
 */

typedef enum
{
  HB_HANDBOOK_OPEN_NONE = 0,
  /* Import the bundled sample handbook into a database that has never
   * been seeded and holds no article. */
  HB_HANDBOOK_OPEN_SEED = 1 << 0,
} HbHandbookOpenFlags;

/**
 * hb_handbook_find_content_dir:
 *
 * Returns: (nullable): the bundled sample handbook: `$HANDBOOK_CONTENT_DIR`,
 *   else the installed copy, else the source tree's data/content (for an
 *   uninstalled build)
 */
char *hb_handbook_find_content_dir (void);

/**
 * hb_handbook_seed:
 * @store: a store
 *
 * Imports the bundled sample handbook into @store if it has never been
 * seeded and holds no article, so a first start shows a real handbook.
 *
 * Returns: (transfer full) (nullable): the report when it seeded; %NULL
 *   with no error when there was nothing to do
 */
HbImportReport *hb_handbook_seed (HbStore *store, GCancellable *cancellable, GError **error);

/**
 * hb_handbook_open:
 * @path: (nullable): the database, or %NULL for hb_store_default_path()
 * @flags: what to do besides opening
 * @seeded: (out) (optional) (nullable): the seeding's report, when it seeded
 * @cancellable: (nullable): cancels the seeding
 *
 * Opens the handbook and, with %HB_HANDBOOK_OPEN_SEED, seeds it. Slow the
 * first time (the seeding is an import): the app calls it in a thread.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
HbStore *hb_handbook_open (const char *path,
                           HbHandbookOpenFlags flags,
                           HbImportReport **seeded,
                           GCancellable *cancellable,
                           GError **error);

G_END_DECLS
