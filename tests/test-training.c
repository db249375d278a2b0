/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Training on the sample handbook: courses, quizzes graded and recorded,
 * progress that survives a restart, re-training on a new lesson version,
 * the spaced review, the exports, and a database from before training.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "hb-course.h"
#include "hb-fsrs.h"
#include "hb-import.h"
#include "hb-markdown.h"
#include "hb-progress.h"
#include "hb-quiz.h"
#include "hb-review.h"
#include "hb-store-articles.h"
#include "hb-store-attempts.h"
#include "hb-store-private.h"
#include "hb-store-profiles.h"
#include "hb-store-reads.h"
#include "hb-store-reviews.h"
#include "hb-test-util.h"
#include "hb-xapi.h"

#define LESSON_1 "lesson-dispute-lifecycle"
#define LESSON_2 "lesson-legal-foundations"
#define LESSON_3 "lesson-glossary-tools"

/* Helpers ------------------------------------------------------------------- */

static HbImportReport *
import_paths (HbStore *store, const char *path)
{
  g_autoptr (GError) error = NULL;
  const char *paths[] = { path, NULL };
  HbImportReport *report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* A store with a copy of the sample handbook, and the copy's path. */
static HbStore *
new_handbook (const char *name, char **content)
{
  HbStore *store = hb_test_new_store (name);
  g_autofree char *copy_name = g_strconcat ("content-", name, NULL);
  g_autofree char *copy = hb_test_copy_tree (g_getenv ("HANDBOOK_CONTENT_DIR"), copy_name);
  g_autoptr (HbImportReport) report = import_paths (store, copy);

  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("%s", hb_import_problem_to_string (g_ptr_array_index (report->problems, i)));
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_true (report->committed);
  if (content != NULL)
    *content = g_steal_pointer (&copy);
  return store;
}

static HbProfile *
add_profile (HbStore *store, const char *name, HbProfileRole role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);
  HbProfile *profile;

  g_assert_no_error (error);
  profile = hb_store_add_profile (write, name, NULL, role, &error);
  g_assert_no_error (error);
  g_assert_true (hb_store_write_commit (g_steal_pointer (&write), &error));
  g_assert_no_error (error);
  return profile;
}

static HbAttemptRecord *
take (HbStore *store, const HbProfile *profile, const char *lesson, gboolean right, const char *at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbQuiz) quiz = hb_quiz_load (store, lesson, 0, &error);
  g_autoptr (GHashTable) responses = NULL;
  HbAttemptRecord *attempt;

  g_assert_no_error (error);
  responses = right ? hb_test_right_responses (quiz) : hb_quiz_responses_new ();
  attempt = hb_quiz_record_attempt (store, quiz, profile->uuid, responses, at, at, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attempt);
  return attempt;
}

static HbCourseProgress *
course_of (GPtrArray *progress, const char *id)
{
  for (guint i = 0; i < progress->len; i++)
    {
      HbCourseProgress *course = g_ptr_array_index (progress, i);

      if (strcmp (course->course->id, id) == 0)
        return course;
    }
  g_assert_not_reached ();
}

static HbLessonState
state_of (HbStore *store, const HbProfile *profile, const char *lesson)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) progress = hb_progress_load (store, profile->uuid, NULL, &error);
  const HbLessonProgress *found;

  g_assert_no_error (error);
  found = hb_course_progress_find_lesson (course_of (progress, "onboarding-basics"), lesson);
  g_assert_nonnull (found);
  return found->state;
}

/* Writes a new version of a sample file: @from replaced by @to. */
static void
edit_file (const char *content, const char *file, const char *from, const char *to)
{
  g_autofree char *path = g_build_filename (content, file, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) edited = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, from));
  edited = g_string_new (text);
  g_string_replace (edited, from, to, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, &error));
}

static void
reimport (HbStore *store, const char *content, guint expected_updates)
{
  g_autoptr (HbImportReport) report = import_paths (store, content);

  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->n_updated, ==, expected_updates);
}

/* Courses and quizzes of the sample handbook --------------------------------- */

static void
test_training_courses (void)
{
  g_autoptr (HbStore) store = new_handbook ("courses", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) courses = hb_course_list (store, &error);
  HbCourse *onboarding, *chinese;

  g_assert_no_error (error);
  g_assert_cmpuint (courses->len, ==, 2);
  onboarding = g_ptr_array_index (courses, 0);
  g_assert_cmpstr (onboarding->id, ==, "onboarding-basics");
  g_assert_cmpstr (onboarding->title, ==, "After-sales basics");
  g_assert_cmpfloat (onboarding->pass_mark, ==, 80);
  g_assert_true (onboarding->sequential);
  g_assert_cmpuint (g_strv_length (onboarding->lessons), ==, 6);
  g_assert_cmpstr (onboarding->lessons[0], ==, LESSON_1);
  g_assert_cmpstr (onboarding->lessons[5], ==, "lesson-platform-arbitration");
  g_assert_cmpstr (onboarding->source, ==, "courses/onboarding");

  chinese = g_ptr_array_index (courses, 1);
  g_assert_cmpstr (chinese->id, ==, "zh-basics");
  g_assert_cmpstr (chinese->lang, ==, "zh-CN");
  g_assert_cmpuint (g_strv_length (chinese->lessons), ==, 2);

  {
    g_autoptr (HbCourse) found = hb_course_find_for_lesson (store, "zh-lesson-refund-only-and-intervention", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (found->id, ==, "zh-basics");
  }
}

/* Every lesson has a quiz; together they ask at least 40 questions and
 * every GIFT type; every question can be answered right, and every
 * right answer passes. */
static void
test_training_sample_quizzes (void)
{
  g_autoptr (HbStore) store = new_handbook ("sample-quizzes", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) courses = hb_course_list (store, &error);
  gboolean seen[HB_GIFT_ORDERING + 1] = { FALSE };
  gboolean missing_word = FALSE;
  guint questions = 0;

  g_assert_no_error (error);
  for (guint c = 0; c < courses->len; c++)
    {
      HbCourse *course = g_ptr_array_index (courses, c);

      for (guint l = 0; course->lessons[l] != NULL; l++)
        {
          g_autoptr (HbQuiz) quiz = hb_quiz_load (store, course->lessons[l], 0, &error);
          g_autoptr (GHashTable) responses = NULL;
          g_autoptr (HbQuizGrade) grade = NULL;

          g_assert_no_error (error);
          g_assert_cmpfloat (quiz->pass_mark, ==, course->pass_mark);
          g_assert_cmpstr (quiz->course_id, ==, course->id);
          questions += hb_quiz_count_gradable (quiz);
          for (guint q = 0; q < quiz->gift->questions->len; q++)
            {
              HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, q);

              seen[question->type] = TRUE;
              missing_word |= question->text_after != NULL;
            }

          responses = hb_test_right_responses (quiz);
          grade = hb_quiz_grade (quiz, responses);
          for (guint q = 0; q < grade->results->len; q++)
            {
              HbGradeResult *result = g_ptr_array_index (grade->results, q);
              HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, q);

              if (question->type == HB_GIFT_ESSAY)
                g_assert_cmpint (result->state, ==, HB_GRADE_PENDING);
              else if (question->type != HB_GIFT_DESCRIPTION)
                {
                  if (result->state != HB_GRADE_RIGHT)
                    g_test_message ("%s: %s", course->lessons[l], question->key);
                  g_assert_cmpint (result->state, ==, HB_GRADE_RIGHT);
                }
            }
          g_assert_true (grade->score.passed);
        }
    }

  g_assert_cmpuint (questions, >=, 40);
  for (guint t = HB_GIFT_MULTIPLE_CHOICE; t <= HB_GIFT_DESCRIPTION; t++)
    {
      if (!seen[t])
        g_test_message ("no question of type %s", hb_quiz_type_to_string (t));
      g_assert_true (seen[t]);
    }
  g_assert_true (missing_word);
}

/* The article view and the search never show a quiz's answers. */
static void
test_training_strip_quiz (void)
{
  g_autoptr (HbStore) store = new_handbook ("strip", NULL);
  g_autoptr (HbArticle) lesson = hb_store_get_article (store, "lesson-evidence", 0, NULL);
  g_autofree char *text = hb_quiz_strip_markdown (hb_article_get_body (lesson));
  g_autoptr (GPtrArray) sections = hb_markdown_sections (hb_article_get_body (lesson));
  g_autofree char *text_sha = NULL, *quiz_sha = NULL, *quiz_sha2 = NULL;

  g_assert_nonnull (strstr (hb_article_get_body (lesson), "```gift"));
  g_assert_null (strstr (text, "```gift"));
  g_assert_null (strstr (text, "Only the best moments, edited together"));
  g_assert_nonnull (strstr (text, "## Quiz"));
  for (guint i = 0; i < sections->len; i++)
    g_assert_null (strstr (((HbSection *) g_ptr_array_index (sections, i))->text, "~%25%"));

  hb_quiz_fingerprint (hb_article_get_body (lesson), &text_sha, &quiz_sha);
  g_assert_cmpuint (strlen (text_sha), ==, 64);
  g_assert_cmpuint (strlen (quiz_sha), ==, 64);
  {
    g_autoptr (HbQuiz) quiz = hb_quiz_load (store, "lesson-evidence", 0, NULL);

    g_assert_cmpstr (quiz->quiz_sha256, ==, quiz_sha);
  }
  hb_quiz_fingerprint (text, NULL, &quiz_sha2);
  g_assert_null (quiz_sha2);
}

/* Bad input ------------------------------------------------------------------ */

static void
test_training_import_errors (void)
{
  g_autoptr (HbStore) store = new_handbook ("import-errors", NULL);
  g_autofree char *lesson = NULL;
  g_autofree char *course = NULL;
  g_autofree char *dir = NULL;
  int before = hb_store_count_articles (store, NULL);

  lesson = hb_test_write_file ("bad/lessons/broken.md",
                               "---\nid: broken-lesson\nkind: lesson\ncourse: onboarding-basics\n---\n"
                               "# Broken\n\nText.\n\n## Quiz\n\n```gift\n"
                               "::Fine::All right?{T}\n\n"
                               "::Bad weight::Pick one{\n~%33%A\n~%67%B\n}\n"
                               "```\n",
                               -1);
  course = hb_test_write_file ("bad/courses/bad.yaml",
                               "id: bad-course\ntitle: Bad\npass_mark: 180\nlessons: [broken-lesson]\n", -1);
  g_free (hb_test_write_file ("bad/courses/unknown.yaml",
                      "id: unknown-course\ntitle: Unknown\n\nlessons:\n  - broken-lesson\n  - no-such-lesson\n", -1));
  g_free (hb_test_write_file ("bad/guides/fine.md", "# A fine guide\n\nText.\n", -1));
  dir = g_build_filename (hb_test_tmpdir (), "bad", NULL);

  {
    g_autoptr (HbImportReport) report = import_paths (store, dir);
    gboolean weight = FALSE, mark = FALSE, unknown = FALSE;

    g_assert_false (report->committed);
    for (guint i = 0; i < report->problems->len; i++)
      {
        HbImportProblem *problem = g_ptr_array_index (report->problems, i);
        g_autofree char *text = hb_import_problem_to_string (problem);

        g_test_message ("%s", text);
        if (g_str_has_suffix (problem->file, "broken.md"))
          {
            /* The line of each bad weight, and the question's name. */
            g_assert_true (problem->line == 16 || problem->line == 17);
            g_assert_nonnull (strstr (problem->message, "Bad weight"));
            weight = TRUE;
          }
        else if (problem->line == 3)
          mark = strstr (problem->message, "pass_mark") != NULL;
        else if (problem->line == 6)
          unknown = strstr (problem->message, "no-such-lesson") != NULL;
      }
    g_assert_true (weight);
    g_assert_true (mark);
    g_assert_true (unknown);
  }
  /* All or nothing: the fine guide was not stored either. */
  g_assert_cmpint (hb_store_count_articles (store, NULL), ==, before);
}

/* A course written as Markdown, beside the articles. */
static void
test_training_markdown_course (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("markdown-course");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) courses = NULL;
  g_autofree char *dir = NULL;
  HbCourse *course;

  g_free (hb_test_write_file ("md-course/lessons/returns.md",
                              "---\nid: lesson-returns\nkind: lesson\n---\n# Returns\n\nRead this.\n", -1));
  g_free (hb_test_write_file ("md-course/lessons/refunds.md",
                              "---\nid: lesson-refunds\nkind: lesson\n---\n# Refunds\n\nRead this too.\n", -1));
  g_free (hb_test_write_file ("md-course/refund-desk.md",
                              "---\nkind: course\nid: refund-desk\ntitle: The refund desk\npass_mark: 90\n"
                              "sequential: true\nlessons:\n  - lesson-returns\n  - lesson-refunds\n---\n"
                              "Two lessons for the **refund desk**, before the first shift.\n",
                              -1));
  dir = g_build_filename (hb_test_tmpdir (), "md-course", NULL);
  {
    g_autoptr (HbImportReport) report = import_paths (store, dir);

    g_assert_cmpuint (report->problems->len, ==, 0);
    g_assert_true (report->committed);
  }

  courses = hb_course_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (courses->len, ==, 1);
  course = g_ptr_array_index (courses, 0);
  g_assert_cmpstr (course->id, ==, "refund-desk");
  g_assert_cmpstr (course->title, ==, "The refund desk");
  g_assert_cmpfloat (course->pass_mark, ==, 90);
  g_assert_true (course->sequential);
  g_assert_cmpuint (g_strv_length (course->lessons), ==, 2);
  g_assert_cmpstr (course->lessons[1], ==, "lesson-refunds");
  g_assert_cmpstr (course->description, ==, "Two lessons for the **refund desk**, before the first shift.");
  /* A course, not an article of the library. */
  g_assert_null (hb_store_get_article (store, "refund-desk", 0, NULL));

  /* A mistake names the file and the line of the front matter it is on. */
  g_free (hb_test_write_file ("md-course/refund-desk.md",
                              "---\nkind: course\nid: refund-desk\ntitle: The refund desk\npass_mark: 190\n"
                              "lessons: [lesson-returns]\n---\nText.\n",
                              -1));
  {
    g_autoptr (HbImportReport) report = import_paths (store, dir);
    HbImportProblem *problem;

    g_assert_false (report->committed);
    g_assert_cmpuint (report->problems->len, ==, 1);
    problem = g_ptr_array_index (report->problems, 0);
    g_assert_true (g_str_has_suffix (problem->file, "refund-desk.md"));
    g_assert_cmpuint (problem->line, ==, 5);
    g_assert_nonnull (strstr (problem->message, "pass_mark"));
  }
}

static void
test_training_gift_file (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("gift-file");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *gift = NULL;

  g_free (hb_test_write_file ("bank/lessons/bank.md",
                              "---\nid: bank-lesson\nkind: lesson\ncourse: bank\norder: 1\n---\n# Bank\n\nRead this.\n", -1));
  gift = hb_test_write_file ("bank/lessons/bank.gift",
                             "\xEF\xBB\xBF// A Moodle bank, as exported\n::Capital::The capital of France?{=Paris ~Lyon}\n",
                             -1);
  dir = g_build_filename (hb_test_tmpdir (), "bank", NULL);
  {
    g_autoptr (HbImportReport) report = import_paths (store, dir);

    g_assert_true (report->committed);
    g_assert_cmpuint (report->n_new, ==, 1);
  }
  {
    g_autoptr (HbQuiz) quiz = hb_quiz_load (store, "bank-lesson", 0, &error);
    g_autoptr (GPtrArray) courses = hb_course_list (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (quiz->gift->questions->len, ==, 1);
    g_assert_cmpstr (((HbGiftQuestion *) g_ptr_array_index (quiz->gift->questions, 0))->key, ==, "Capital");
    /* A course of front matter only. */
    g_assert_cmpuint (courses->len, ==, 1);
    g_assert_cmpstr (((HbCourse *) g_ptr_array_index (courses, 0))->id, ==, "bank");
  }

  /* A changed bank is a new lesson version. */
  g_assert_true (g_file_set_contents (gift, "::Capital::The capital of Italy?{=Rome ~Milan}\n", -1, NULL));
  {
    g_autoptr (HbImportReport) report = import_paths (store, dir);
    g_autoptr (HbQuiz) quiz = hb_quiz_load (store, "bank-lesson", 0, &error);

    g_assert_cmpuint (report->n_updated, ==, 1);
    g_assert_cmpuint (quiz->lesson_version, ==, 2);
  }

  /* A broken bank names its own file and line. */
  g_assert_true (g_file_set_contents (gift, "::A::fine{T}\n\n::B::broken{=x ~y\n", -1, NULL));
  {
    g_autoptr (HbImportReport) report = import_paths (store, dir);
    HbImportProblem *problem;

    g_assert_false (report->committed);
    g_assert_cmpuint (report->problems->len, ==, 1);
    problem = g_ptr_array_index (report->problems, 0);
    g_assert_true (g_str_has_suffix (problem->file, "bank.gift"));
    g_assert_cmpuint (problem->line, ==, 3);
  }
}

/* Progress --------------------------------------------------------------- */

static void
test_training_progress_after_restart (void)
{
  g_autoptr (HbStore) store = new_handbook ("restart", NULL);
  g_autoptr (HbProfile) ana = add_profile (store, "Ana Li", HB_PROFILE_ROLE_STAFF);
  g_autoptr (HbAttemptRecord) failed = NULL;
  g_autoptr (HbAttemptRecord) passed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strdup (hb_store_get_path (store));
  g_autoptr (GPtrArray) progress = NULL;
  HbCourseProgress *onboarding;
  HbLessonProgress *first, *second;

  /* In order: lesson 2 waits for lesson 1. */
  {
    g_autoptr (HbQuiz) quiz = hb_quiz_load (store, LESSON_2, 0, NULL);
    g_autoptr (GHashTable) responses = hb_test_right_responses (quiz);

    g_assert_null (hb_quiz_record_attempt (store, quiz, ana->uuid, responses, NULL, NULL, NULL, &error));
    g_assert_error (error, HB_COURSE_ERROR, HB_COURSE_ERROR_LOCKED);
    g_clear_error (&error);
  }

  g_assert_true (hb_lesson_record_read (store, ana->uuid, LESSON_1, 0, "2026-11-02T09:00:00Z", &error));
  g_assert_no_error (error);
  failed = take (store, ana, LESSON_1, FALSE, "2026-11-02T09:10:00Z");
  g_assert_false (failed->passed);
  g_assert_cmpfloat (failed->score, ==, 0);
  passed = take (store, ana, LESSON_1, TRUE, "2026-11-02T09:20:00Z");
  g_assert_true (passed->passed);
  g_assert_cmpfloat (passed->score, ==, 1);
  g_assert_cmpuint (passed->lesson_version, ==, 1);
  g_assert_cmpuint (strlen (passed->quiz_sha256), ==, 64);

  /* The app closes; the next start sees the same progress. */
  g_clear_object (&store);
  store = hb_store_open (path, &error);
  g_assert_no_error (error);

  progress = hb_progress_load (store, ana->uuid, "2026-11-10", &error);
  g_assert_no_error (error);
  onboarding = course_of (progress, "onboarding-basics");
  g_assert_cmpuint (onboarding->n_completed, ==, 1);
  g_assert_false (onboarding->completed);
  first = g_ptr_array_index (onboarding->lessons, 0);
  g_assert_cmpint (first->state, ==, HB_LESSON_COMPLETED);
  g_assert_cmpuint (first->attempts, ==, 2);
  g_assert_cmpfloat (first->best_score, ==, 1);
  g_assert_cmpfloat (first->last_score, ==, 1);
  g_assert_cmpuint (first->completed_version, ==, 1);
  g_assert_cmpstr (first->completed_at, ==, "2026-11-02T09:20:00Z");
  second = g_ptr_array_index (onboarding->lessons, 1);
  g_assert_cmpint (second->state, ==, HB_LESSON_NOT_STARTED);
  g_assert_false (second->locked);
  g_assert_true (((HbLessonProgress *) g_ptr_array_index (onboarding->lessons, 2))->locked);
  g_assert_true (onboarding->next_lesson == second);

  /* The attempt kept what was answered. */
  {
    g_autoptr (HbAttemptRecord) stored = hb_store_get_attempt (store, passed->uuid, &error);
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonObject *answers;

    g_assert_no_error (error);
    g_assert_cmpstr (stored->profile_uuid, ==, ana->uuid);
    g_assert_cmpstr (stored->started_at, ==, "2026-11-02T09:20:00Z");
    g_assert_nonnull (stored->recorded_at);
    g_assert_true (json_parser_load_from_data (parser, stored->answers, -1, NULL));
    answers = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (answers, "Classify a page mismatch"), ==, "Not as described");
    g_assert_false (json_object_get_boolean_member (answers, "Two case types"));
    g_assert_nonnull (strstr (stored->results, "\"state\":\"right\""));
    g_assert_cmpstr (stored->dependencies, !=, "");
  }

  /* Records are never changed or deleted. */
  g_assert_false (hb_store_exec (store, "UPDATE quiz_attempts SET score = 1", &error));
  g_assert_nonnull (strstr (error->message, "never changed"));
  g_clear_error (&error);
  g_assert_false (hb_store_exec (store, "DELETE FROM quiz_attempts", &error));
  g_clear_error (&error);
  g_assert_false (hb_store_exec (store, "DELETE FROM lesson_reads", &error));
  g_clear_error (&error);
  g_assert_false (hb_store_exec (store, "UPDATE review_events SET rating = 3", &error));
  g_clear_error (&error);
}

/* Re-training only what changed ------------------------------------------- */

static void
test_training_retraining (void)
{
  g_autofree char *content = NULL;
  g_autoptr (HbStore) store = new_handbook ("retraining", &content);
  g_autoptr (HbProfile) ana = add_profile (store, "Ana Li", HB_PROFILE_ROLE_STAFF);
  g_autoptr (HbProfile) bo = add_profile (store, "Bo Chen", HB_PROFILE_ROLE_STAFF);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbAttemptRecord) a1 = take (store, ana, LESSON_1, TRUE, "2026-11-02T09:00:00Z");
  g_autoptr (HbAttemptRecord) a2 = take (store, ana, LESSON_2, TRUE, "2026-11-02T10:00:00Z");
  g_autoptr (HbAttemptRecord) a3 = take (store, ana, LESSON_3, TRUE, "2026-11-02T11:00:00Z");

  /* A new version that only retags the lesson teaches nothing new. */
  edit_file (content, "lessons/01-dispute-lifecycle.md", "tags: [", "tags: [lifecycle, ");
  reimport (store, content, 1);
  g_assert_cmpint (state_of (store, ana, LESSON_1), ==, HB_LESSON_COMPLETED);

  /* New text in lesson 1: only lesson 1 goes back to review. */
  edit_file (content, "lessons/01-dispute-lifecycle.md", "## Who we are",
             "## Who we are\n\nFrom December, every case gets a case number in the first reply.\n\n## Our stores");
  reimport (store, content, 1);
  g_assert_cmpint (state_of (store, ana, LESSON_1), ==, HB_LESSON_NEEDS_REVIEW);
  g_assert_cmpint (state_of (store, ana, LESSON_2), ==, HB_LESSON_COMPLETED);
  g_assert_cmpint (state_of (store, ana, LESSON_3), ==, HB_LESSON_COMPLETED);
  /* Someone who never took it is not "needs review". */
  g_assert_cmpint (state_of (store, bo, LESSON_1), ==, HB_LESSON_NOT_STARTED);

  /* What changed, in plain words. */
  {
    g_autoptr (GPtrArray) lines = hb_lesson_describe_changes (store, LESSON_1, 1, a1->dependencies, &error);
    gboolean named = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < lines->len; i++)
      {
        g_test_message ("%s", (char *) g_ptr_array_index (lines, i));
        named |= strstr (g_ptr_array_index (lines, i), "Our stores") != NULL
                 || strstr (g_ptr_array_index (lines, i), "Who we are") != NULL;
      }
    g_assert_true (named);
  }

  /* Needs review does not lock the rest: lesson 4 is open. */
  {
    g_autoptr (GPtrArray) progress = hb_progress_load (store, ana->uuid, NULL, &error);
    HbCourseProgress *onboarding = course_of (progress, "onboarding-basics");

    g_assert_cmpuint (onboarding->n_needs_review, ==, 1);
    g_assert_cmpuint (onboarding->n_completed, ==, 2);
    g_assert_false (((HbLessonProgress *) g_ptr_array_index (onboarding->lessons, 3))->locked);
  }

  /* Taken again under the new version: completed again. */
  {
    g_autoptr (HbAttemptRecord) again = take (store, ana, LESSON_1, TRUE, "2026-11-20T09:00:00Z");

    g_assert_cmpuint (again->lesson_version, ==, 3);
    g_assert_cmpint (state_of (store, ana, LESSON_1), ==, HB_LESSON_COMPLETED);
  }

  /* A changed quiz alone sends the lesson back too. */
  edit_file (content, "lessons/02-legal-foundations.md", "{T", "{TRUE");
  reimport (store, content, 1);
  {
    gboolean changed = FALSE;
    g_autofree char *text_sha = NULL, *quiz_sha = NULL;

    g_assert_true (hb_lesson_get_fingerprint (store, LESSON_2, 1, &text_sha, &quiz_sha, NULL, NULL, &error));
    g_assert_true (hb_lesson_changes_since (store, LESSON_2, 1, NULL, &changed, &error));
    g_assert_true (changed);
  }
  g_assert_cmpint (state_of (store, ana, LESSON_2), ==, HB_LESSON_NEEDS_REVIEW);

  /* A new text of an article lesson 3 depends on sends lesson 3 back, and
   * the others stay. */
  g_assert_nonnull (strstr (a3->dependencies, "@"));
  {
    g_autoptr (HbArticle) lesson = hb_store_get_article (store, LESSON_3, 0, NULL);
    g_autofree char *first = g_strndup (a3->dependencies, strcspn (a3->dependencies, "@"));
    g_autoptr (HbArticle) dependency = hb_store_get_article (store, first, 0, NULL);
    g_autofree char *file = g_strdup (hb_article_get_source (dependency));

    g_assert_nonnull (strstr (hb_article_get_front_matter (lesson), first));
    edit_file (content, file, "\n## ", "\nA new paragraph that changes what agents must know.\n\n## ");
    reimport (store, content, 1);
    g_assert_cmpint (state_of (store, ana, LESSON_3), ==, HB_LESSON_NEEDS_REVIEW);
    g_assert_cmpint (state_of (store, ana, LESSON_1), ==, HB_LESSON_COMPLETED);
  }
}

/* An attempt on a quiz whose lesson changed meanwhile counts against the
 * version shown. */
static void
test_training_attempt_on_changed_lesson (void)
{
  g_autofree char *content = NULL;
  g_autoptr (HbStore) store = new_handbook ("changed-meanwhile", &content);
  g_autoptr (HbProfile) ana = add_profile (store, "Ana Li", HB_PROFILE_ROLE_STAFF);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbQuiz) shown = hb_quiz_load (store, LESSON_1, 0, &error);
  g_autoptr (GHashTable) responses = hb_test_right_responses (shown);
  g_autoptr (HbAttemptRecord) attempt = NULL;

  edit_file (content, "lessons/01-dispute-lifecycle.md", "{T#It does.", "{TRUE#It does, always.");
  reimport (store, content, 1);

  attempt = hb_quiz_record_attempt (store, shown, ana->uuid, responses, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempt->lesson_version, ==, 1);
  g_assert_cmpstr (attempt->quiz_sha256, ==, shown->quiz_sha256);
  /* Passed, but under the old quiz: to be taken again. */
  g_assert_cmpint (state_of (store, ana, LESSON_1), ==, HB_LESSON_NEEDS_REVIEW);
}

/* The review queue ---------------------------------------------------------- */

static gint64
unix_of (const char *iso)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);

  return g_date_time_to_unix (time);
}

static HbReviewItem *
find_item (GPtrArray *items, const char *key)
{
  for (guint i = 0; i < items->len; i++)
    {
      HbReviewItem *item = g_ptr_array_index (items, i);

      if (strcmp (item->question_key, key) == 0)
        return item;
    }
  return NULL;
}

static void
test_training_review_queue (void)
{
  g_autofree char *content = NULL;
  g_autoptr (HbStore) store = new_handbook ("review", &content);
  g_autoptr (HbProfile) ana = add_profile (store, "Ana Li", HB_PROFILE_ROLE_STAFF);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbQuiz) quiz = hb_quiz_load (store, LESSON_1, 0, &error);
  g_autoptr (GHashTable) responses = hb_test_right_responses (quiz);
  g_autoptr (HbAttemptRecord) attempt = NULL;
  g_autoptr (GPtrArray) items = NULL;
  HbFsrsScheduler scheduler;
  HbFsrsCard expected;
  HbReviewItem *item;
  guint due = 0;
  const char *t0 = "2026-11-02T09:00:00Z";

  /* Two questions missed: they, and only they, enter the review. */
  g_hash_table_replace (responses, g_strdup ("Two case types"), hb_grade_response_new_truth (TRUE));
  g_hash_table_replace (responses, g_strdup ("Whose contract"), hb_grade_response_new_text ("the platform"));
  attempt = hb_quiz_record_attempt (store, quiz, ana->uuid, responses, t0, t0, NULL, &error);
  g_assert_no_error (error);

  items = hb_review_load (store, ana->uuid, unix_of (t0) + 30, &due, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (due, ==, 0); /* Again: due in a minute */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = hb_review_load (store, ana->uuid, unix_of (t0) + 60, &due, &error);
  g_assert_cmpuint (due, ==, 2);
  item = find_item (items, "Two case types");
  g_assert_nonnull (item);
  g_assert_cmpint (item->card.state, ==, HB_FSRS_LEARNING);

  /* The same schedule as FSRS gives a card answered Again, then Good
   * twice. */
  hb_fsrs_scheduler_init (&scheduler);
  hb_fsrs_card_init (&expected, unix_of (t0));
  hb_fsrs_review (&scheduler, &expected, HB_FSRS_AGAIN, unix_of (t0));
  g_assert_cmpint (item->card.due, ==, expected.due);

  {
    g_autoptr (HbGradeResponse) right = hb_grade_response_new_truth (FALSE);
    g_autoptr (HbGradeResult) r1 = hb_review_answer (store, ana->uuid, quiz, "Two case types", right,
                                                     "2026-11-02T09:02:00Z", &error);
    g_autoptr (HbGradeResult) r2 = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (r1->state, ==, HB_GRADE_RIGHT);
    hb_fsrs_review (&scheduler, &expected, HB_FSRS_GOOD, unix_of ("2026-11-02T09:02:00Z"));
    r2 = hb_review_answer (store, ana->uuid, quiz, "Two case types", right, "2026-11-02T09:15:00Z", &error);
    g_assert_no_error (error);
    hb_fsrs_review (&scheduler, &expected, HB_FSRS_GOOD, unix_of ("2026-11-02T09:15:00Z"));
  }
  g_clear_pointer (&items, g_ptr_array_unref);
  items = hb_review_load (store, ana->uuid, hb_review_end_of_day (unix_of ("2026-11-02T09:16:00Z")), &due, &error);
  item = find_item (items, "Two case types");
  g_assert_cmpint (item->card.state, ==, HB_FSRS_REVIEW);
  g_assert_cmpint (item->card.state, ==, expected.state);
  g_assert_cmpint (item->card.due, ==, expected.due);
  g_assert_cmpfloat_with_epsilon (item->card.stability, expected.stability, 1e-9);
  g_assert_cmpuint (item->reviews, ==, 3);
  g_assert_false (item->due); /* days from now */
  g_assert_cmpuint (due, ==, 1); /* "Whose contract" still is */
  /* The due ones first. */
  g_assert_cmpstr (((HbReviewItem *) g_ptr_array_index (items, 0))->question_key, ==, "Whose contract");

  /* The lesson changes: its questions leave the queue until the new
   * version is read. */
  edit_file (content, "lessons/01-dispute-lifecycle.md", "## Who we are",
             "## Who we are\n\nA new rule everyone must read.\n\n## Our stores");
  reimport (store, content, 1);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = hb_review_load (store, ana->uuid, unix_of ("2026-11-30T00:00:00Z"), &due, &error);
  g_assert_cmpuint (due, ==, 0);
  g_assert_true (find_item (items, "Whose contract")->suspended);
  g_assert_true (hb_lesson_record_read (store, ana->uuid, LESSON_1, 0, NULL, &error));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = hb_review_load (store, ana->uuid, unix_of ("2026-11-30T00:00:00Z"), &due, &error);
  g_assert_false (find_item (items, "Whose contract")->suspended);
  g_assert_cmpuint (due, ==, 2);

  /* A question the new version no longer asks is gone. */
  edit_file (content, "lessons/01-dispute-lifecycle.md", "::Whose contract::", "::Whose contract now::");
  reimport (store, content, 1);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = hb_review_load (store, ana->uuid, unix_of ("2026-11-30T00:00:00Z"), &due, &error);
  g_assert_null (find_item (items, "Whose contract"));
  g_assert_nonnull (find_item (items, "Two case types"));
}

/* Team report and exports ------------------------------------------------- */

static void
test_training_team_and_csv (void)
{
  g_autoptr (HbStore) store = new_handbook ("team", NULL);
  g_autoptr (HbProfile) ana = add_profile (store, "Ana \"AJ\" Li, Jr.", HB_PROFILE_ROLE_STAFF);
  g_autoptr (HbProfile) lead = add_profile (store, "Mei Wang", HB_PROFILE_ROLE_MANAGER);
  g_autoptr (HbAttemptRecord) a1 = take (store, ana, LESSON_1, TRUE, "2026-11-02T09:00:00Z");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) team = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) rows = NULL;
  guint overdue = 0;

  /* Far in the future, everything not done is overdue. */
  team = hb_progress_load_team (store, "2030-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (team->len, ==, 4); /* two people, two courses */
  for (guint i = 0; i < team->len; i++)
    {
      HbCourseProgress *course = g_ptr_array_index (team, i);

      overdue += course->n_overdue;
      for (guint j = 0; j < course->lessons->len; j++)
        {
          HbLessonProgress *lesson = g_ptr_array_index (course->lessons, j);

          g_assert_nonnull (lesson->due_on);
          g_assert_true (lesson->overdue == (lesson->state != HB_LESSON_COMPLETED));
        }
    }
  g_assert_cmpuint (overdue, ==, 8 + 7);
  g_assert_true (hb_profile_can_see_team (lead));
  g_assert_false (hb_profile_can_see_team (ana));

  csv = hb_progress_to_csv (team);
  rows = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (rows[0], "profile_uuid,name,employee_id,role,course_id"));
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 2 * 8 + 1);
  g_assert_cmpstr (rows[g_strv_length (rows) - 1], ==, "");
  {
    gboolean quoted = FALSE;

    for (guint i = 1; rows[i] != NULL; i++)
      if (strstr (rows[i], LESSON_1) != NULL && strstr (rows[i], ana->uuid) != NULL)
        {
          g_assert_nonnull (strstr (rows[i], ",\"Ana \"\"AJ\"\" Li, Jr.\","));
          g_assert_nonnull (strstr (rows[i], ",completed,1,100.0,100.0,"));
          quoted = TRUE;
        }
    g_assert_true (quoted);
  }
}

static gboolean
is_uuid (const char *text)
{
  return text != NULL && strlen (text) == 36 && g_uuid_string_is_valid (text);
}

static void
test_training_xapi (void)
{
  g_autoptr (HbStore) store = new_handbook ("xapi", NULL);
  g_autoptr (HbProfile) ana = add_profile (store, "Ana Li", HB_PROFILE_ROLE_STAFF);
  g_autoptr (HbAttemptRecord) failed = NULL;
  g_autoptr (HbAttemptRecord) passed = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) reads = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  static const char *const verbs[] = { "attempted", "answered", "passed", "failed", "completed" };
  guint counts[G_N_ELEMENTS (verbs)] = { 0 };
  gboolean failed_found = FALSE, passed_found = FALSE, read_found = FALSE;
  g_autoptr (GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *statements;

  g_assert_true (hb_lesson_record_read (store, ana->uuid, LESSON_1, 0, "2026-11-02T08:50:00Z", &error));
  failed = take (store, ana, LESSON_1, FALSE, "2026-11-02T09:00:00Z");
  passed = take (store, ana, LESSON_1, TRUE, "2026-11-02T09:30:00Z");
  reads = hb_store_list_reads (store, ana->uuid, NULL, FALSE, &error);

  json = hb_xapi_export (store, ana->uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  statements = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (statements), >, 10);

  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *statement = json_array_get_object_element (statements, i);
      const char *id = json_object_get_string_member (statement, "id");
      const char *verb = json_object_get_string_member (json_object_get_object_member (statement, "verb"), "id");
      JsonObject *actor = json_object_get_object_member (statement, "actor");
      JsonObject *object = json_object_get_object_member (statement, "object");
      const char *timestamp = json_object_get_string_member (statement, "timestamp");
      g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (timestamp, NULL);
      gboolean known = FALSE;

      g_assert_true (is_uuid (id));
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (gpointer) id);
      g_assert_nonnull (time);
      g_assert_true (g_str_has_suffix (timestamp, "Z"));
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (actor, "account"), "name"), ==,
                       ana->uuid);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "id"), "https://"));
      for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
        if (g_str_has_suffix (verb, verbs[v]) && g_str_has_prefix (verb, "http://adlnet.gov/expapi/verbs/"))
          {
            counts[v]++;
            known = TRUE;
          }
      g_assert_true (known);

      if (g_str_has_suffix (verb, "/answered"))
        {
          JsonObject *definition = json_object_get_object_member (object, "definition");

          g_hash_table_add (types, (gpointer) json_object_get_string_member (definition, "interactionType"));
          g_assert_true (json_object_has_member (json_object_get_object_member (statement, "result"), "completion"));
        }
      if (strcmp (id, failed->uuid) == 0 || strcmp (id, passed->uuid) == 0)
        {
          JsonObject *result = json_object_get_object_member (statement, "result");
          JsonObject *score = json_object_get_object_member (result, "score");
          gboolean is_passed = strcmp (id, passed->uuid) == 0;

          g_assert_true (g_str_has_suffix (verb, is_passed ? "/passed" : "/failed"));
          g_assert_cmpfloat (json_object_get_double_member (score, "scaled"), ==, is_passed ? 1.0 : 0.0);
          g_assert_true (json_object_get_boolean_member (result, "success") == is_passed);
          g_assert_true (json_object_get_boolean_member (result, "completion"));
          g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "duration"), "PT"));
          if (is_passed)
            passed_found = TRUE;
          else
            failed_found = TRUE;
        }
      if (strcmp (id, ((HbReadRecord *) g_ptr_array_index (reads, 0))->uuid) == 0)
        {
          g_assert_true (g_str_has_suffix (verb, "/completed"));
          read_found = TRUE;
        }
    }
  g_assert_true (passed_found && failed_found && read_found);
  g_assert_cmpuint (counts[0], ==, 2);
  g_assert_cmpuint (counts[1], ==, 2 * 9);
  g_assert_true (g_hash_table_contains (types, "choice"));
  g_assert_true (g_hash_table_contains (types, "true-false"));
  g_assert_true (g_hash_table_contains (types, "matching"));
  g_assert_true (g_hash_table_contains (types, "fill-in"));

  /* Exported again: the same statements, the same ids. */
  again = hb_xapi_export (store, ana->uuid, NULL, &error);
  g_assert_cmpstr (again, ==, json);

  /* RFC 4122's own example of a version 5 UUID (DNS namespace). */
  {
    g_autofree char *uuid = hb_xapi_uuid5 ("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com");

    g_assert_cmpstr (uuid, ==, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  }
}

/* A database from before training ------------------------------------------ */

static void
test_training_migration (void)
{
  g_autoptr (HbStore) current = new_handbook ("migration-source", NULL);
  g_autofree char *old_path = hb_test_db_path ("migration-old");
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) migrated = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  gint64 articles, versions, bodies;
  const guint before = 5; /* the schema before training */

  /* A database as the Handbook before training left it: the first five
   * migrations, and the articles, versions and content copied in. */
  g_remove (old_path);
  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (hb_store_fts_register (db), ==, SQLITE_OK);
  for (guint i = 0; i < before; i++)
    g_assert_cmpint (sqlite3_exec (db, hb_store_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  sql = g_strdup_printf ("ATTACH '%s' AS source;"
                         "INSERT INTO imports SELECT * FROM source.imports;"
                         "INSERT INTO articles SELECT * FROM source.articles;"
                         "INSERT INTO article_versions SELECT * FROM source.article_versions;"
                         "INSERT INTO content_files SELECT * FROM source.content_files;"
                         "INSERT INTO asset_blobs SELECT * FROM source.asset_blobs;"
                         "INSERT INTO version_assets SELECT * FROM source.version_assets;"
                         "DETACH source; PRAGMA user_version = %u;",
                         hb_store_get_path (current), before);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  articles = hb_test_query_int (current, "SELECT count (*) FROM articles");
  versions = hb_test_query_int (current, "SELECT count (*) FROM article_versions");
  bodies = hb_test_query_int (current, "SELECT sum (length (body)) FROM article_versions");

  migrated = hb_store_open (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hb_store_get_schema_version (migrated), ==, hb_store_n_migrations);
  g_assert_cmpint (hb_test_query_int (migrated, "SELECT count (*) FROM articles"), ==, articles);
  g_assert_cmpint (hb_test_query_int (migrated, "SELECT count (*) FROM article_versions"), ==, versions);
  g_assert_cmpint (hb_test_query_int (migrated, "SELECT sum (length (body)) FROM article_versions"), ==, bodies);
  g_assert_cmpint (hb_test_query_int (migrated, "SELECT count (*) FROM quiz_attempts"), ==, 0);

  /* And training works on it at once. */
  {
    g_autoptr (HbProfile) ana = add_profile (migrated, "Ana Li", HB_PROFILE_ROLE_STAFF);
    g_autoptr (HbAttemptRecord) attempt = take (migrated, ana, LESSON_1, TRUE, NULL);
    g_autoptr (GPtrArray) courses = hb_course_list (migrated, &error);

    g_assert_true (attempt->passed);
    g_assert_cmpuint (courses->len, ==, 2);
    g_assert_cmpint (state_of (migrated, ana, LESSON_1), ==, HB_LESSON_COMPLETED);
  }
}

/* Answers files ------------------------------------------------------------- */

static void
test_training_answers_json (void)
{
  g_autoptr (HbStore) store = new_handbook ("answers", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbQuiz) quiz = hb_quiz_load (store, "lesson-evidence", 0, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) responses = NULL;
  g_autoptr (HbQuizGrade) grade = NULL;
  const char *answers =
    "{\"Unboxing video contents\": [0, \"The sealed parcel with the waybill number readable\", 2, 3],"
    " \"No customer video\": false,"
    " \"Swapped return\": \"stop, do not refund yet, and escalate to the team lead with the warehouse video "
    "and the scan records\","
    " \"Burden of proof months\": \"6\","
    " \"Compared record\": \"Order Snapshot\","
    " \"Must-have evidence\": {\"Transport damage\": \"Carton photos, item photos and the sign-for record\"}}";

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, answers, -1, NULL));
  responses = hb_quiz_responses_from_json (quiz, json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  grade = hb_quiz_grade (quiz, responses);
  for (guint i = 0; i < quiz->gift->questions->len; i++)
    {
      HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, i);
      HbGradeResult *result = g_ptr_array_index (grade->results, i);

      if (strcmp (question->key, "Must-have evidence") == 0)
        g_assert_cmpfloat_with_epsilon (result->fraction, 0.25, 1e-9);
      else if (g_hash_table_contains (responses, question->key))
        g_assert_cmpint (result->state, ==, HB_GRADE_RIGHT);
      else
        g_assert_false (result->answered);
    }

  /* Answers that do not fit are named, all of them. */
  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"No customer video\": \"perhaps\", \"Swapped return\": 9,"
                                             " \"No such question\": 1}",
                                             -1, NULL));
  g_assert_null (hb_quiz_responses_from_json (quiz, json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_error (error, HB_QUIZ_ERROR, HB_QUIZ_ERROR_ANSWER);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "No customer video"));
  g_assert_nonnull (strstr (error->message, "Swapped return"));
  g_assert_nonnull (strstr (error->message, "No such question"));
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/training/courses", test_training_courses);
  g_test_add_func ("/training/sample-quizzes", test_training_sample_quizzes);
  g_test_add_func ("/training/strip-quiz", test_training_strip_quiz);
  g_test_add_func ("/training/import-errors", test_training_import_errors);
  g_test_add_func ("/training/gift-file", test_training_gift_file);
  g_test_add_func ("/training/markdown-course", test_training_markdown_course);
  g_test_add_func ("/training/progress-after-restart", test_training_progress_after_restart);
  g_test_add_func ("/training/retraining", test_training_retraining);
  g_test_add_func ("/training/attempt-on-changed-lesson", test_training_attempt_on_changed_lesson);
  g_test_add_func ("/training/review-queue", test_training_review_queue);
  g_test_add_func ("/training/team-and-csv", test_training_team_and_csv);
  g_test_add_func ("/training/xapi", test_training_xapi);
  g_test_add_func ("/training/migration", test_training_migration);
  g_test_add_func ("/training/answers-json", test_training_answers_json);

  rc = g_test_run ();
  hb_test_cleanup ();
  return rc;
}
