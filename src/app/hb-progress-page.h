/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-sidebar-page.h"

G_BEGIN_DECLS

#define HB_TYPE_PROGRESS_PAGE (hb_progress_page_get_type ())
G_DECLARE_FINAL_TYPE (HbProgressPage, hb_progress_page, HB, PROGRESS_PAGE, AdwBin)

/*
 * The sidebar's Progress: the person's courses ("profile"), their scores
 * and what is left to do; for editors and managers, the way to the team
 * report ("win.team-report").
 */

G_END_DECLS
