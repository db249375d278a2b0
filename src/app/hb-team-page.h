/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store.h"

G_BEGIN_DECLS

#define HB_TYPE_TEAM_PAGE (hb_team_page_get_type ())
G_DECLARE_FINAL_TYPE (HbTeamPage, hb_team_page, HB, TEAM_PAGE, AdwBin)

/*
 * The team report, for editors and managers: every profile of the
 * handbook, per course and lesson, with the state, the best score, the
 * attempts and the day it is due or was completed; exported to CSV and to
 * xAPI statements.
 */
HbTeamPage *hb_team_page_new (HbStore *store);

/* Reads everyone's progress again. */
void hb_team_page_reload (HbTeamPage *self);

/* The rows shown (for tests): a #GListModel, one item per person and
 * lesson. */
GListModel *hb_team_page_get_rows (HbTeamPage *self);

G_END_DECLS
