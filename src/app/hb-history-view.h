/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store.h"

G_BEGIN_DECLS

#define HB_TYPE_HISTORY_VIEW (hb_history_view_get_type ())
G_DECLARE_FINAL_TYPE (HbHistoryView, hb_history_view, HB, HISTORY_VIEW, AdwBin)

/*
 * The History of an article, on its page: every version with its date,
 * effective date, change note, the bundle that brought it and who
 * published it; each opens, or opens as a redline against the one before;
 * any two can be compared. It tells the page what to open through
 * ::open-version and ::open-redline.
 */
HbHistoryView *hb_history_view_new (void);

/* Reads the versions of @id from @store. */
void hb_history_view_load (HbHistoryView *self, HbStore *store, const char *id);

/* How many versions it lists (for tests). */
guint hb_history_view_get_n_versions (HbHistoryView *self);

/* Asks for the redline of @from against @to, as "Show Redline" does. */
void hb_history_view_compare (HbHistoryView *self, guint from, guint to);

G_END_DECLS
