/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store.h"

G_BEGIN_DECLS

#define HB_TYPE_TEAM_PAGE (hb_team_page_get_type ())
G_DECLARE_FINAL_TYPE (HbTeamPage, hb_team_page, HB, TEAM_PAGE, AdwBin)

/*
 * The team report, for editors and managers: a row per profile of the
 * handbook and course, how many lessons are done, and a column per
 * lesson with its best score or what is in the way (overdue, to review,
 * not started); a lesson's tooltip has its attempts and the day it was
 * completed or is due. Exported to CSV (a row per person and lesson) and
 * to xAPI statements.
 */
HbTeamPage *hb_team_page_new (HbStore *store);

/* Reads everyone's progress again. */
void hb_team_page_reload (HbTeamPage *self);

/* The rows shown (for tests): a #GListModel, one item per person and
 * course. */
GListModel *hb_team_page_get_rows (HbTeamPage *self);

/* Everyone's progress as shown (element-type HbCourseProgress), for
 * printing; %NULL before the first reload. */
GPtrArray *hb_team_page_get_progress (HbTeamPage *self);

G_END_DECLS
