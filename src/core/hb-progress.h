/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hb-course.h"
#include "hb-store.h"
#include "hb-store-profiles.h"

G_BEGIN_DECLS

/*
 * Who has done what: each person's state in each lesson of each course,
 * worked out from the records (reads and attempts) and the versions in
 * force. Nothing here is stored; a new lesson version changes the state
 * of the people who completed an older one the moment it comes in force.
 */

typedef enum
{
  HB_LESSON_NOT_STARTED,
  /* Read to the end; its quiz not yet taken. */
  HB_LESSON_READ,
  /* Its quiz taken, not passed. */
  HB_LESSON_ATTEMPTED,
  /* Its quiz passed (a lesson without a quiz: read to the end). */
  HB_LESSON_COMPLETED,
  /* Completed under a version whose text or quiz (or an article it depends
   * on) has changed since: to be read and taken again. */
  HB_LESSON_NEEDS_REVIEW,
} HbLessonState;

/* "not-started", "read", "attempted", "completed", "needs-review". */
const char *hb_lesson_state_to_string (HbLessonState state);
/* Translated, for people: "Not started", "Read", "Quiz not passed",
 * "Quiz passed" (or "Read" without a quiz), "Needs review". */
const char *hb_lesson_state_get_label (HbLessonState state, gboolean has_quiz);

/**
 * HbLessonProgress:
 * @lesson_id: the lesson
 * @title: its title, in the version in force
 * @position: its place in the course, from 1
 * @has_quiz: whether the version in force has a quiz
 * @n_questions: how many questions are graded
 * @state: where the person stands
 * @locked: the course is taken in order and an earlier lesson is not done
 * @current_version: the version in force
 * @read_version: the latest version read to the end, 0 none
 * @completed_version: the version of the latest completion, 0 none
 * @completed_at: (nullable): when
 * @completed_dependencies: (nullable): the dependencies recorded then
 * @attempts: quiz attempts, every version
 * @best_score: the best score, 0 to 1; -1 without attempts
 * @last_score: the latest attempt's score; -1 without attempts
 * @last_attempt_at: (nullable): when the latest attempt was submitted
 * @due_on: (nullable): "YYYY-MM-DD", the last day to complete it; %NULL
 *   when the course sets no deadline
 * @overdue: not completed and past @due_on
 */
typedef struct
{
  const char *lesson_id;
  const char *title;
  guint position;
  gboolean has_quiz;
  guint n_questions;
  HbLessonState state;
  gboolean locked;
  guint current_version;
  guint read_version;
  guint completed_version;
  const char *completed_at;
  const char *completed_dependencies;
  guint attempts;
  double best_score;
  double last_score;
  const char *last_attempt_at;
  const char *due_on;
  gboolean overdue;
} HbLessonProgress;

/**
 * HbCourseProgress:
 * @course: the course
 * @profile: the person
 * @lessons: (element-type HbLessonProgress): in course order
 * @n_completed: lessons completed (needs review does not count)
 * @n_needs_review: lessons to take again
 * @n_overdue: lessons past their day
 * @completed: every lesson completed
 * @completed_at: (nullable): when the last of them was, if @completed
 * @next_lesson: (nullable): the first lesson left to do
 */
typedef struct
{
  const HbCourse *course;
  const HbProfile *profile;
  GPtrArray *lessons;
  guint n_completed;
  guint n_needs_review;
  guint n_overdue;
  gboolean completed;
  const char *completed_at;
  const HbLessonProgress *next_lesson;
} HbCourseProgress;

#define HB_TYPE_COURSE_PROGRESS (hb_course_progress_get_type ())
GType hb_course_progress_get_type (void) G_GNUC_CONST;

HbCourseProgress *hb_course_progress_ref (HbCourseProgress *progress);
void hb_course_progress_unref (HbCourseProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbCourseProgress, hb_course_progress_unref)

/* The lesson @lesson_id of @progress, or %NULL. */
const HbLessonProgress *hb_course_progress_find_lesson (const HbCourseProgress *progress,
                                                        const char *lesson_id);

/**
 * hb_progress_load:
 * @store: a store
 * @profile_uuid: the person
 * @today: (nullable): "YYYY-MM-DD" for what is overdue; today when %NULL
 *
 * Returns: (transfer full) (element-type HbCourseProgress): the person's
 *   progress in every course, or %NULL with @error set
 */
GPtrArray *hb_progress_load (HbStore *store, const char *profile_uuid, const char *today, GError **error);

/**
 * hb_progress_load_team:
 * @store: a store
 * @today: (nullable): as for hb_progress_load()
 *
 * The team report: every profile's progress in every course.
 *
 * Returns: (transfer full) (element-type HbCourseProgress): by profile
 *   (by name), then course, or %NULL with @error set
 */
GPtrArray *hb_progress_load_team (HbStore *store, const char *today, GError **error);

/**
 * hb_progress_check_open:
 * @course_id: a course
 * @lesson_id: one of its lessons
 *
 * Returns: whether the person may take the lesson's quiz now; %FALSE with
 *   %HB_COURSE_ERROR_LOCKED when the course is taken in order and an
 *   earlier lesson is not done
 */
gboolean hb_progress_check_open (HbStore *store, const char *profile_uuid, const char *course_id,
                                 const char *lesson_id, GError **error);

/**
 * hb_progress_to_csv:
 * @progress: (element-type HbCourseProgress): as hb_progress_load_team()
 *   or hb_progress_load() give it
 *
 * One row per person and lesson, with a header row (RFC 4180).
 *
 * Returns: (transfer full): the CSV text
 */
char *hb_progress_to_csv (GPtrArray *progress);

G_END_DECLS
