/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-sidebar-page.h"

G_BEGIN_DECLS

#define HB_TYPE_COURSES_PAGE (hb_courses_page_get_type ())
G_DECLARE_FINAL_TYPE (HbCoursesPage, hb_courses_page, HB, COURSES_PAGE, AdwBin)

/*
 * The sidebar's Courses: each course with its lessons, the state of each
 * for "profile" (not started, read, quiz passed, needs review) and the
 * course's progress. A lesson opens in the article view.
 */

G_END_DECLS
