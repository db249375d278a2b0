/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * Quiz attempts (table quiz_attempts): what a person answered in a
 * lesson's quiz, how each question was graded, the score and whether it
 * passed, against the lesson version and quiz version shown. Attempts are
 * records that travel to a team server: each has a UUID and UTC
 * timestamps, and the database refuses to change or delete one.
 */

/**
 * HbAttemptRecord:
 * @uuid: the attempt's UUID (set by hb_store_add_attempt() when %NULL)
 * @profile_uuid: who took the quiz
 * @course_id: (nullable): the course the lesson was taken in
 * @lesson_id: the lesson (article) whose quiz it was
 * @lesson_version: the version of the lesson that was shown
 * @quiz_sha256: the quiz version: the SHA-256 of the lesson's GIFT text
 * @started_at: when the quiz was shown (ISO 8601, UTC)
 * @finished_at: when it was submitted (ISO 8601, UTC)
 * @recorded_at: when it was stored (set by hb_store_add_attempt())
 * @score: 0 to 1
 * @passed: whether @score reached @pass_mark
 * @pass_mark: in percent (80 for 80 %)
 * @pending: essays waiting for a person to grade them
 * @answers: the answers given, JSON keyed by question key (the format of
 *   `handbook-cli quiz take --answers`)
 * @results: each question's result, a JSON array of objects with "key",
 *   "type", "state", "fraction" and "answered"
 * @dependencies: the versions in force of the articles the lesson depends
 *   on when it was taken, "id@version" joined by spaces
 */
typedef struct
{
  char *uuid;
  char *profile_uuid;
  char *course_id;
  char *lesson_id;
  guint lesson_version;
  char *quiz_sha256;
  char *started_at;
  char *finished_at;
  char *recorded_at;
  double score;
  gboolean passed;
  double pass_mark;
  guint pending;
  char *answers;
  char *results;
  char *dependencies;
} HbAttemptRecord;

void hb_attempt_record_free (HbAttemptRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbAttemptRecord, hb_attempt_record_free)

/**
 * hb_store_add_attempt:
 * @write: a write transaction
 * @record: the attempt; its @uuid and @recorded_at are filled in when
 *   %NULL
 *
 * Stores an attempt. This is the one function that writes attempts.
 *
 * Returns: whether it was stored (%HB_STORE_ERROR_INVALID for a score out
 *   of range, missing fields, a uuid already used)
 */
gboolean hb_store_add_attempt (HbStoreWrite *write, HbAttemptRecord *record, GError **error);

/**
 * hb_store_list_attempts:
 * @profile_uuid: (nullable): one person's, or everyone's
 * @lesson_id: (nullable): one lesson's, or every lesson's
 *
 * Returns: (transfer full) (element-type HbAttemptRecord): the attempts,
 *   oldest first, or %NULL on error
 */
GPtrArray *hb_store_list_attempts (HbStore *self, const char *profile_uuid, const char *lesson_id,
                                   GError **error);

/* One attempt, or %NULL with %HB_STORE_ERROR_NOT_FOUND. */
HbAttemptRecord *hb_store_get_attempt (HbStore *self, const char *uuid, GError **error);

/**
 * HbLessonTotals:
 * @profile_uuid: the person
 * @lesson_id: the lesson
 * @attempts: how many quiz attempts
 * @best_score: the best score, 0 to 1; -1 without attempts
 * @last_score: the score of the latest attempt; -1 without attempts
 * @last_at: (nullable): when the latest attempt was submitted
 * @passed_version: the lesson version of the latest attempt that passed,
 *   0 when none did
 * @passed_dependencies: (nullable): its dependencies ("id@version …")
 * @passed_at: (nullable): when it was submitted
 * @read_version: the version of the latest read to the end, 0 never read
 * @read_dependencies: (nullable): its dependencies
 * @read_at: (nullable): when
 *
 * A person's attempts at one lesson and reads of it, summed up (table
 * lesson_totals, kept by triggers as records are added).
 */
typedef struct
{
  const char *profile_uuid;
  const char *lesson_id;
  guint attempts;
  double best_score;
  double last_score;
  const char *last_at;
  guint passed_version;
  const char *passed_dependencies;
  const char *passed_at;
  guint read_version;
  const char *read_dependencies;
  const char *read_at;
} HbLessonTotals;

/* Called for each person and lesson; @totals and its strings are only
 * valid during the call. Return %FALSE to stop. */
typedef gboolean (*HbLessonTotalsFunc) (const HbLessonTotals *totals, gpointer user_data);

/**
 * hb_store_foreach_lesson_totals:
 * @profile_uuid: (nullable): one person's, or everyone's
 * @func: (scope call): called for each person and lesson with a record,
 *   by profile uuid, then lesson id
 *
 * Reads the summary without copying it: the team report reads a row per
 * person and lesson.
 *
 * Returns: whether it was read to the end (or @func stopped it)
 */
gboolean hb_store_foreach_lesson_totals (HbStore *self, const char *profile_uuid, HbLessonTotalsFunc func,
                                         gpointer user_data, GError **error);

G_END_DECLS
