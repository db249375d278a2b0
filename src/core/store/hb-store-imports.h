/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * The record of each import (table imports), and the store's own facts
 * (table meta: "seeded", …).
 */

typedef struct
{
  const char *uuid;
  const char *started_at;  /* ISO 8601, UTC */
  const char *source;      /* what was imported, one path per line */
  guint n_new;
  guint n_updated;
  guint n_unchanged;
  guint n_skipped;
} HbImportRecord;

/**
 * hb_store_add_import:
 * @write: the transaction that stored the versions of the import
 *
 * Records one import with its counts; it finishes at the transaction's
 * time. Imports are never changed afterwards.
 */
gboolean hb_store_add_import (HbStoreWrite *write, const HbImportRecord *record, GError **error);

/* The value of a key of the meta table, or %NULL. */
char *hb_store_get_meta (HbStore *self, const char *key);
gboolean hb_store_set_meta (HbStoreWrite *write, const char *key, const char *value, GError **error);

G_END_DECLS
