/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * The spaced review of missed questions (table review_events): each time
 * a question was answered, in a quiz attempt or in the review, with the
 * FSRS rating it earned. A question's schedule is these events replayed
 * through FSRS (hb-review.h). Records that travel: a UUID, UTC
 * timestamps, never changed or deleted.
 */

/**
 * HbReviewEvent:
 * @uuid: set by hb_store_add_review() when %NULL
 * @profile_uuid: who answered
 * @lesson_id: the lesson whose quiz holds the question
 * @lesson_version: the lesson version the question was asked from
 * @quiz_sha256: that version's quiz version
 * @question_key: the question's key in the quiz
 * @rating: the FSRS rating, 1 (again) to 4 (easy)
 * @reviewed_at: when it was answered (ISO 8601, UTC)
 * @recorded_at: set by hb_store_add_review()
 * @attempt_uuid: (nullable): the quiz attempt it was answered in; %NULL
 *   for an answer in the review
 * @answer: (nullable): the answer given, JSON, for answers in the review
 */
typedef struct
{
  char *uuid;
  char *profile_uuid;
  char *lesson_id;
  guint lesson_version;
  char *quiz_sha256;
  char *question_key;
  int rating;
  char *reviewed_at;
  char *recorded_at;
  char *attempt_uuid;
  char *answer;
} HbReviewEvent;

void hb_review_event_free (HbReviewEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbReviewEvent, hb_review_event_free)

/* Stores a review event; the one function that writes them. */
gboolean hb_store_add_review (HbStoreWrite *write, HbReviewEvent *event, GError **error);

/**
 * hb_store_list_reviews:
 * @profile_uuid: (nullable): one person's, or everyone's
 *
 * Returns: (transfer full) (element-type HbReviewEvent): the events in the
 *   order they happened, or %NULL on error
 */
GPtrArray *hb_store_list_reviews (HbStore *self, const char *profile_uuid, GError **error);

G_END_DECLS
