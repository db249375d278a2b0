/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-bench-training"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hb-course.h"
#include "hb-import.h"
#include "hb-progress.h"
#include "hb-quiz.h"
#include "hb-store-attempts.h"
#include "hb-store-profiles.h"
#include "hb-store-reads.h"

/*
 * The team report benchmark, a developer tool (figures, not a test):
 *
 *   build/tools/hb-bench-training [--profiles N] [--lessons N] [--attempts N] [--runs N] [--db PATH]
 *
 * Builds a handbook of LESSONS synthetic lessons (ten questions each) in
 * three courses, PROFILES people, and ATTEMPTS quiz attempts per person
 * and lesson (500 × 60 × 10 = 300 000 by default), a read of each lesson,
 * then a new version of one lesson in ten so that the report has lessons
 * to send back to review. It times the team report (hb_progress_load_team
 * ()) from a store just opened, then RUNS times more, and its CSV, and
 * prints the figures in milliseconds: the wall clock, and the CPU time
 * the process used (the wall clock of a machine shared with other work
 * measures the others too).
 */

static int n_profiles = 500;
static int n_lessons = 60;
static int n_attempts = 10;
static int runs = 10;
static char *db_path = NULL;
static gboolean reuse = FALSE;

static const GOptionEntry entries[] = {
  { "profiles", 'p', 0, G_OPTION_ARG_INT, &n_profiles, "People (500)", "N" },
  { "lessons", 'l', 0, G_OPTION_ARG_INT, &n_lessons, "Lessons (60)", "N" },
  { "attempts", 'a', 0, G_OPTION_ARG_INT, &n_attempts, "Attempts per person and lesson (10)", "N" },
  { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed reports after the first (10)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Keep the database at PATH (default: a temporary file)", "PATH" },
  { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse, "Time the report of the database at --db as it is", NULL },
  { NULL },
};

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* The CPU time this process used, in ms: on a machine shared with other
 * work the wall clock says more about the others. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
write_lesson (const char *folder, int number, gboolean changed)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *name = g_strdup_printf ("lesson-%02d.md", number);
  g_autofree char *path = g_build_filename (folder, "lessons", name, NULL);
  g_autoptr (GError) error = NULL;

  g_string_append_printf (text,
                          "---\nid: bench-lesson-%02d\ntitle: Lesson %d\nkind: lesson\ncourse: bench-%d\n"
                          "order: %d\ndepends_on: [bench-guide]\n---\n# Lesson %d\n\n",
                          number, number, number % 3, number, number);
  for (int s = 0; s < 6; s++)
    g_string_append_printf (text, "## Section %d\n\nWhat an agent does in case %d of lesson %d.%s\n\n", s, s, number,
                            changed && s == 2 ? " A new rule since December." : "");
  g_string_append (text, "## Quiz\n\n```gift\n");
  for (int q = 0; q < 10; q++)
    {
      switch (q % 4)
        {
        case 0:
          g_string_append_printf (text, "::Q%d::Which is right in case %d?{=Right ~Wrong ~Also wrong}\n\n", q, q);
          break;
        case 1:
          g_string_append_printf (text, "::Q%d::Case %d is always escalated.{T}\n\n", q, q);
          break;
        case 2:
          g_string_append_printf (text, "::Q%d::How many days in case %d?{#7:0}\n\n", q, q);
          break;
        default:
          g_string_append_printf (text, "::Q%d::Name the record of case %d.{=snapshot =order snapshot}\n\n", q, q);
          break;
        }
    }
  g_string_append (text, "```\n");
  if (!g_file_set_contents (path, text->str, -1, &error))
    g_error ("%s", error->message);
}

static void
write_handbook (const char *folder, gboolean changed)
{
  g_autofree char *lessons = g_build_filename (folder, "lessons", NULL);
  g_autofree char *guide = g_build_filename (folder, "bench-guide.md", NULL);

  g_mkdir_with_parents (lessons, 0755);
  g_file_set_contents (guide, "---\nid: bench-guide\n---\n# The guide\n\nWhat every lesson rests on.\n", -1, NULL);
  for (int l = 1; l <= n_lessons; l++)
    write_lesson (folder, l, changed && l % 10 == 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
import (HbStore *store, const char *folder)
{
  g_autoptr (GError) error = NULL;
  const char *paths[] = { folder, NULL };
  g_autoptr (HbImportReport) report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);

  if (report == NULL || !report->committed)
    g_error ("The import failed: %s", error != NULL ? error->message : "problems in the files");
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("— time the team report");
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_profile_free);
  g_autoptr (GPtrArray) quizzes = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_quiz_free);
  g_autoptr (GPtrArray) report = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree double *times = NULL;
  g_autofree double *cpu = NULL;
  double cpu_start;
  g_autofree char *csv = NULL;
  GRand *rand = g_rand_new_with_seed (1);
  gint64 start;
  double first, csv_ms;
  guint rows = 0, needs_review = 0, completed = 0, overdue = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_profiles < 1 || n_lessons < 1 || n_attempts < 0 || runs < 1)
    {
      g_printerr ("The counts must be positive\n");
      return 2;
    }

  tmp = g_dir_make_tmp ("handbook-bench-training-XXXXXX", &error);
  if (tmp == NULL)
    g_error ("%s", error->message);
  folder = g_build_filename (tmp, "content", NULL);
  path = db_path != NULL ? g_strdup (db_path) : g_build_filename (tmp, "bench.db", NULL);
  if (reuse && db_path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    goto timing;
  g_remove (path);

  store = hb_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  write_handbook (folder, FALSE);
  import (store, folder);
  for (int l = 1; l <= n_lessons; l++)
    {
      g_autofree char *id = g_strdup_printf ("bench-lesson-%02d", l);
      HbQuiz *quiz = hb_quiz_load (store, id, 0, &error);

      if (quiz == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (quizzes, quiz);
    }
  printf ("handbook: %d lessons in 3 courses, imported in %.0f ms\n", n_lessons, elapsed_ms (start));

  /* The records, in one transaction, through the store's one write path. */
  start = g_get_monotonic_time ();
  {
    g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);

    if (write == NULL)
      g_error ("%s", error->message);
    for (int p = 0; p < n_profiles; p++)
      {
        g_autofree char *name = g_strdup_printf ("Agent %03d", p);
        g_autofree char *employee = g_strdup_printf ("E%04d", p);
        HbProfile *profile = hb_store_add_profile (write, name, employee,
                                                   p % 50 == 0 ? HB_PROFILE_ROLE_MANAGER : HB_PROFILE_ROLE_STAFF,
                                                   &error);

        if (profile == NULL)
          g_error ("%s", error->message);
        g_ptr_array_add (profiles, profile);
      }
    for (int p = 0; p < n_profiles; p++)
      {
        HbProfile *profile = g_ptr_array_index (profiles, p);

        for (guint l = 0; l < quizzes->len; l++)
          {
            HbQuiz *quiz = g_ptr_array_index (quizzes, l);
            g_autoptr (HbReadRecord) read = g_new0 (HbReadRecord, 1);

            read->profile_uuid = g_strdup (profile->uuid);
            read->lesson_id = g_strdup (quiz->lesson_id);
            read->lesson_version = quiz->lesson_version;
            read->read_at = g_strdup_printf ("2026-11-%02uT08:00:00Z", 1 + l % 28);
            read->dependencies = g_strdup ("bench-guide@1");
            if (!hb_store_add_read (write, read, &error))
              g_error ("%s", error->message);

            for (int a = 0; a < n_attempts; a++)
              {
                g_autoptr (HbAttemptRecord) attempt = g_new0 (HbAttemptRecord, 1);
                double score = g_rand_int_range (rand, 0, 11) / 10.0;

                attempt->profile_uuid = g_strdup (profile->uuid);
                attempt->course_id = g_strdup_printf ("bench-%u", (l + 1) % 3);
                attempt->lesson_id = g_strdup (quiz->lesson_id);
                attempt->lesson_version = quiz->lesson_version;
                attempt->quiz_sha256 = g_strdup (quiz->quiz_sha256);
                attempt->started_at = g_strdup_printf ("2026-11-%02uT09:%02d:00Z", 1 + l % 28, a * 5);
                attempt->finished_at = g_strdup_printf ("2026-11-%02uT09:%02d:30Z", 1 + l % 28, a * 5 + 4);
                attempt->score = score;
                attempt->passed = score >= 0.8;
                attempt->pass_mark = 80;
                attempt->answers = g_strdup ("{\"Q0\":\"Right\",\"Q1\":true,\"Q2\":7,\"Q3\":\"snapshot\"}");
                attempt->results = g_strdup ("[{\"key\":\"Q0\",\"type\":\"multiple-choice\",\"state\":\"right\","
                                             "\"fraction\":1,\"answered\":true}]");
                attempt->dependencies = g_strdup ("bench-guide@1");
                if (!hb_store_add_attempt (write, attempt, &error))
                  g_error ("%s", error->message);
              }
          }
      }
    if (!hb_store_write_commit (g_steal_pointer (&write), &error))
      g_error ("%s", error->message);
  }
  printf ("records: %d profiles, %d attempts, %d reads, written in %.0f ms\n", n_profiles,
          n_profiles * n_lessons * n_attempts, n_profiles * n_lessons, elapsed_ms (start));

  /* One lesson in ten gets a new text: its people need review. */
  write_handbook (folder, TRUE);
  import (store, folder);

timing:
  /* As the app starts: a store just opened, nothing known yet. */
  g_clear_object (&store);
  store = hb_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  report = hb_progress_load_team (store, "2026-12-01", &error);
  first = elapsed_ms (start);
  cpu_start = cpu_ms () - cpu_start;
  if (report == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < report->len; i++)
    {
      HbCourseProgress *course = g_ptr_array_index (report, i);

      rows += course->lessons->len;
      completed += course->n_completed;
      needs_review += course->n_needs_review;
      overdue += course->n_overdue;
    }
  printf ("team report: %u rows (%u completed, %u need review, %u overdue)\n", rows, completed, needs_review,
          overdue);
  printf ("team report, first after opening: %.1f ms (CPU %.1f ms)\n", first, cpu_start);

  times = g_new0 (double, runs);
  cpu = g_new0 (double, runs);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr (GPtrArray) again = NULL;

      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      again = hb_progress_load_team (store, "2026-12-01", &error);
      times[r] = elapsed_ms (start);
      cpu[r] = cpu_ms () - cpu_start;
      if (again == NULL)
        g_error ("%s", error->message);
    }
  qsort (times, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  printf ("team report, again (%d runs): median %.1f ms, max %.1f ms (CPU: median %.1f ms)\n", runs,
          times[runs / 2], times[runs - 1], cpu[runs / 2]);

  start = g_get_monotonic_time ();
  csv = hb_progress_to_csv (report);
  csv_ms = elapsed_ms (start);
  printf ("CSV: %zu bytes in %.1f ms\n", strlen (csv), csv_ms);

  g_rand_free (rand);
  g_clear_object (&store);
  if (db_path == NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
    }
  remove_tree (tmp);
  return 0;
}
