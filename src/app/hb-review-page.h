/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-sidebar-page.h"

G_BEGIN_DECLS

#define HB_TYPE_REVIEW_PAGE (hb_review_page_get_type ())
G_DECLARE_FINAL_TYPE (HbReviewPage, hb_review_page, HB, REVIEW_PAGE, AdwBin)

/*
 * The sidebar's Review: how many of the questions "profile" missed are due
 * today ("badge-number", which the window shows on the page's switcher),
 * and Start Review ("win.start-review").
 */

G_END_DECLS
