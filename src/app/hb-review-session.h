/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store-profiles.h"

G_BEGIN_DECLS

#define HB_TYPE_REVIEW_SESSION (hb_review_session_get_type ())
G_DECLARE_FINAL_TYPE (HbReviewSession, hb_review_session, HB, REVIEW_SESSION, AdwBin)

/*
 * The review, beside the sidebar: the questions due today, one at a
 * time: Check grades the answer and schedules the question's next review
 * (::answered); Open the Lesson goes to the section that answers it
 * (::open-lesson).
 */
HbReviewSession *hb_review_session_new (HbStore *store);

/* Starts over with the questions of "profile" due now. */
void hb_review_session_start (HbReviewSession *self);

G_END_DECLS
