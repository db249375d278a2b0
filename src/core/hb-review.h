/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-fsrs.h"
#include "hb-grade.h"
#include "hb-quiz.h"
#include "hb-store.h"

G_BEGIN_DECLS

/*
 * The spaced review of what a person missed. Each question they answered
 * wrong in a quiz has a card, scheduled by FSRS (hb-fsrs.h) from the
 * review events (hb-store-reviews.h) replayed in order: a wrong answer is
 * Again, a right one Good. A question whose lesson has changed since it
 * was last asked is out of the queue until the person has read the new
 * version; one the new version no longer asks is gone.
 */

/**
 * HbReviewItem:
 * @lesson_id: the lesson whose quiz asks the question
 * @lesson_title: its title, in force
 * @question_key: the question's key
 * @card: its FSRS state after every answer so far
 * @reviews: how many answers made it
 * @lesson_version: the lesson version it was last asked from
 * @suspended: the lesson changed and its new version is not read yet
 * @due: whether it is due by the time the queue was asked for
 */
typedef struct
{
  char *lesson_id;
  char *lesson_title;
  char *question_key;
  HbFsrsCard card;
  guint reviews;
  guint lesson_version;
  gboolean suspended;
  gboolean due;
} HbReviewItem;

void hb_review_item_free (HbReviewItem *item);

/**
 * hb_review_load:
 * @store: a store
 * @profile_uuid: the person
 * @due_by: the time (UTC unix seconds) by which a card counts as due:
 *   the end of today for "due today"
 * @n_due: (out) (optional): how many are due and not suspended
 *
 * Returns: (transfer full) (element-type HbReviewItem): every card of the
 *   person's, the due ones first (soonest first), then the others; %NULL
 *   with @error set
 */
GPtrArray *hb_review_load (HbStore *store, const char *profile_uuid, gint64 due_by, guint *n_due,
                           GError **error);

/* The end of the local day of @now, in UTC unix seconds. */
gint64 hb_review_end_of_day (gint64 now);

/**
 * hb_review_answer:
 * @store: a store
 * @profile_uuid: the person
 * @quiz: the lesson's quiz in force (hb_quiz_load())
 * @question_key: the question answered
 * @response: the answer
 * @answered_at: (nullable): when (ISO 8601, UTC); now when %NULL
 * @error: return location for an error
 *
 * Grades an answer given in the review and records the review event that
 * schedules the question's next review.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
HbGradeResult *hb_review_answer (HbStore *store, const char *profile_uuid, const HbQuiz *quiz,
                                 const char *question_key, const HbGradeResponse *response,
                                 const char *answered_at, GError **error);

G_END_DECLS
