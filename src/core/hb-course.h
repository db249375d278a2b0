/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * Courses: ordered lessons with a pass mark. A course is a YAML file in
 * the handbook (courses/onboarding.yaml), stored as versioned content
 * (hb-store-content.h), and the lessons whose front matter names it
 * ("course:" and "order:"). A course named only by front matter is a
 * course too, titled by its id.
 *
 * The course file:
 *
 *   id: onboarding-basics          # required
 *   title: After-sales basics      # required
 *   description: …
 *   lang: en
 *   pass_mark: 80                  # percent per quiz, default 80
 *   sequential: true               # lessons in order, default false
 *   due_days: 14                   # days to finish a lesson, default 30
 *   lessons: [lesson-a, lesson-b]  # article ids, in order
 */

#define HB_COURSE_ERROR (hb_course_error_quark ())

typedef enum
{
  /* A course file is not what a course file must be. */
  HB_COURSE_ERROR_INVALID,
  /* No such course or lesson. */
  HB_COURSE_ERROR_NOT_FOUND,
  /* The course is taken in order and an earlier lesson is not done. */
  HB_COURSE_ERROR_LOCKED,
} HbCourseError;

GQuark hb_course_error_quark (void);

#define HB_COURSE_DEFAULT_PASS_MARK 80.0
#define HB_COURSE_DEFAULT_DUE_DAYS 30

/**
 * HbCourse:
 * @id: the course id ("onboarding-basics")
 * @title: its title
 * @description: (nullable): what it is about
 * @lang: (nullable): its language ("en", "zh-CN")
 * @pass_mark: the pass mark of each quiz, in percent
 * @sequential: whether the lessons must be taken in order
 * @due_days: how many days a person has to complete a lesson, from the
 *   day their profile was made or the lesson's version came into force
 * @lessons: the lesson (article) ids in order, %NULL-terminated
 * @lesson_lines: the line of each lesson in the course file (0 when it
 *   comes from front matter)
 * @source: (nullable): the content id of the course file
 *   ("courses/onboarding"); %NULL for a course of front matter only
 * @version: the course file's version
 */
typedef struct
{
  char *id;
  char *title;
  char *description;
  char *lang;
  double pass_mark;
  gboolean sequential;
  guint due_days;
  char **lessons;
  guint *lesson_lines;
  char *source;
  guint version;
} HbCourse;

#define HB_TYPE_COURSE (hb_course_get_type ())
GType hb_course_get_type (void) G_GNUC_CONST;

HbCourse *hb_course_copy (const HbCourse *course);
void hb_course_free (HbCourse *course);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbCourse, hb_course_free)

/**
 * hb_course_parse:
 * @text: a course file: YAML, or Markdown whose front matter holds the
 *   same keys and "kind: course", its body being the description (UTF-8)
 * @file: its name, for messages
 * @error: return location for a #HB_COURSE_ERROR
 *
 * Reads and checks a course file. Every problem is in the message, one
 * per line, each "FILE:LINE: what is wrong".
 *
 * Returns: (transfer full): the course, or %NULL with @error set
 */
HbCourse *hb_course_parse (const char *text, const char *file, GError **error);

/**
 * hb_course_get_lesson_index:
 *
 * Returns: the position of @lesson_id in @course, or -1
 */
int hb_course_get_lesson_index (const HbCourse *course, const char *lesson_id);

/**
 * hb_course_list:
 * @store: a store
 *
 * The courses of the handbook: each course file's newest version with the
 * lessons whose front matter names the course added after the listed
 * ones (by "order:"), then the courses only front matter names. Lessons
 * that are not in the handbook are left out.
 *
 * Returns: (transfer full) (element-type HbCourse): the courses, or %NULL
 *   on error
 */
GPtrArray *hb_course_list (HbStore *store, GError **error);

/**
 * hb_course_find:
 * @id: a course id
 *
 * Returns: (transfer full): the course, or %NULL with
 *   %HB_COURSE_ERROR_NOT_FOUND
 */
HbCourse *hb_course_find (HbStore *store, const char *id, GError **error);

/**
 * hb_course_find_for_lesson:
 * @lesson_id: an article id
 *
 * Returns: (transfer full) (nullable): the first course that holds the
 *   lesson, or %NULL (with @error unset when there is none)
 */
HbCourse *hb_course_find_for_lesson (HbStore *store, const char *lesson_id, GError **error);

/**
 * hb_lesson_get_dependencies:
 * @store: a store
 * @lesson_id: a lesson
 * @version: its version (0: the one in force)
 *
 * The articles the lesson version depends on ("depends_on:" in its front
 * matter) with the version of each in force now, as attempts and reads
 * record them: "id@version" joined by spaces, in the order written.
 * Articles not in the handbook are left out.
 *
 * Returns: (transfer full): the text, maybe empty; %NULL on error
 */
char *hb_lesson_get_dependencies (HbStore *store, const char *lesson_id, guint version, GError **error);

/**
 * hb_lesson_get_fingerprint:
 * @store: a store
 * @lesson_id: a lesson (or any article)
 * @version: a version, 0 for the one in force
 * @text_sha256: (out) (optional): what hb_quiz_fingerprint() says of its text
 * @quiz_sha256: (out) (optional): its quiz version, %NULL without a quiz
 * @n_questions: (out) (optional): the questions of its quiz that are graded
 * @resolved: (out) (optional): the version that was read
 *
 * Known per version content, so asking again reads nothing but the
 * version's hash.
 *
 * Returns: whether the version exists and was read
 */
gboolean hb_lesson_get_fingerprint (HbStore *store, const char *lesson_id, guint version,
                                    char **text_sha256, char **quiz_sha256, guint *n_questions,
                                    guint *resolved, GError **error);

/**
 * hb_lesson_changes_since:
 * @store: a store
 * @lesson_id: a lesson
 * @version: the version a person completed it under
 * @dependencies: (nullable): the dependencies recorded then
 * @changed: (out): whether what they learnt changed since: the lesson's
 *   text or quiz (not merely its front matter), or the text of an article
 *   it depends on
 *
 * Returns: whether it could tell
 */
gboolean hb_lesson_changes_since (HbStore *store, const char *lesson_id, guint version,
                                  const char *dependencies, gboolean *changed, GError **error);

/**
 * hb_lesson_describe_changes:
 * @store: a store
 * @lesson_id: a lesson
 * @old_version: the version a person completed
 * @dependencies: (nullable): the dependencies recorded then
 *
 * What changed since, in plain words for a person: the lesson's changed
 * sections by heading, "the quiz", and the articles it depends on that
 * have a new text.
 *
 * Returns: (transfer full) (element-type utf8): one line each, maybe none;
 *   %NULL on error
 */
GPtrArray *hb_lesson_describe_changes (HbStore *store, const char *lesson_id, guint old_version,
                                       const char *dependencies, GError **error);

/**
 * hb_lesson_record_read:
 * @store: a store
 * @profile_uuid: who read
 * @lesson_id: the lesson read to its end
 * @version: the version shown (0: the one in force)
 * @read_at: (nullable): when (ISO 8601, UTC); now when %NULL
 *
 * Records that a person read a lesson to its end, with the versions of the
 * articles it depends on, in a transaction of its own.
 *
 * Returns: whether it was recorded
 */
gboolean hb_lesson_record_read (HbStore *store, const char *profile_uuid, const char *lesson_id,
                                guint version, const char *read_at, GError **error);

G_END_DECLS
