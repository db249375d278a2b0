/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-import"

#include "config.h"

#include "hb-import-quiz.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hb-course.h"
#include "hb-gift.h"
#include "hb-quiz.h"
#include "hb-store-articles.h"

/* Turns a message of "FILE:LINE: what" lines into the report's problems. */
static void
add_problems (HbImportReport *report, const char *file, const char *message)
{
  g_auto (GStrv) lines = g_strsplit (message, "\n", -1);
  g_autofree char *prefix = g_strconcat (file, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      HbImportProblem *problem;
      const char *text = lines[i];
      guint64 line = 0;

      if (*text == '\0')
        continue;
      if (g_str_has_prefix (text, prefix))
        {
          const char *digits = text + strlen (prefix);
          char *end = NULL;

          line = g_ascii_strtoull (digits, &end, 10);
          if (end != digits && end[0] == ':' && end[1] == ' ')
            text = end + 2;
          else
            {
              line = 0;
              text = digits;
              while (*text == ' ')
                text++;
            }
        }
      problem = g_new0 (HbImportProblem, 1);
      problem->file = g_strdup (file);
      problem->line = (guint) line;
      problem->message = g_strdup (text);
      g_ptr_array_add (report->problems, problem);
    }
}

/* The longest run of @c at the start of a line of @text. */
static guint
longest_fence (const char *text, char c)
{
  guint longest = 0;

  for (const char *p = text; *p != '\0';)
    {
      guint run = 0;

      while (*p == ' ')
        p++;
      while (*p == c)
        p++, run++;
      longest = MAX (longest, run);
      p = strchr (p, '\n');
      if (p == NULL)
        break;
      p++;
    }
  return longest;
}

/* NAME.gift beside NAME.md: a Moodle question bank kept as it is. */
static gboolean
attach_gift_file (HbImportReport *report, const char *file, HbArticleRecord *record)
{
  g_autofree char *stem = NULL;
  g_autofree char *gift_file = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbGiftQuiz) quiz = NULL;
  g_autoptr (GString) body = NULL;
  g_autofree char *fence = NULL;
  g_autofree char *gift_sha = NULL;
  g_autofree char *sha = NULL;
  const char *dot = strrchr (file, '.');
  const char *text;
  gsize length = 0;

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return TRUE;
  stem = g_strndup (file, dot - file);
  gift_file = g_strconcat (stem, ".gift", NULL);
  if (!g_file_test (gift_file, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  if (!g_file_get_contents (gift_file, &contents, &length, &error))
    {
      HbImportProblem *problem = g_new0 (HbImportProblem, 1);

      problem->file = g_strdup (gift_file);
      problem->message = g_strdup_printf (_("cannot read the file: %s"), error->message);
      g_ptr_array_add (report->problems, problem);
      return FALSE;
    }
  if (length > HB_IMPORT_MAX_FILE_SIZE || memchr (contents, '\0', length) != NULL)
    {
      HbImportProblem *problem = g_new0 (HbImportProblem, 1);

      problem->file = g_strdup (gift_file);
      problem->message = g_strdup (_("this is not a GIFT text file"));
      g_ptr_array_add (report->problems, problem);
      return FALSE;
    }

  /* The file's own lines in messages. */
  quiz = hb_gift_parse (contents, length, gift_file, 1, &error);
  if (quiz == NULL)
    {
      add_problems (report, gift_file, error->message);
      return FALSE;
    }

  /* Into the body, fenced so that nothing in it closes the fence; the
   * version then holds its quiz and a changed .gift file is a new one. */
  text = g_str_has_prefix (contents, "\xEF\xBB\xBF") ? contents + 3 : contents;
  fence = g_strnfill (MAX (3, longest_fence (text, '~') + 1), '~');
  body = g_string_new (record->body);
  if (body->len > 0 && body->str[body->len - 1] != '\n')
    g_string_append_c (body, '\n');
  g_string_append_printf (body, "\n%s gift\n%s", fence, text);
  if (body->str[body->len - 1] != '\n')
    g_string_append_c (body, '\n');
  g_string_append_printf (body, "%s\n", fence);
  g_free (record->body);
  record->body = g_string_free (g_steal_pointer (&body), FALSE);

  gift_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  sha = g_strconcat (record->sha256, "\n", gift_sha, NULL);
  g_free (record->sha256);
  record->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, sha, -1);
  return TRUE;
}

gboolean
hb_import_check_quiz (HbImportReport *report, const char *file, HbArticleRecord *record, guint body_line)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbGiftQuiz) quiz = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (report != NULL && file != NULL && record != NULL, FALSE);

  if (record->body == NULL)
    return TRUE;

  quiz = hb_quiz_parse_markdown (record->body, file, MAX (body_line, 1), NULL, &error);
  if (quiz == NULL)
    {
      add_problems (report, file, error->message);
      ok = FALSE;
    }
  return attach_gift_file (report, file, record) && ok;
}

gboolean
hb_import_check_course (HbImportReport *report, HbStore *store, const char *file, const char *text,
                        GHashTable *imported_ids)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbCourse) course = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (report != NULL && file != NULL && text != NULL, FALSE);

  course = hb_course_parse (text, file, &error);
  if (course == NULL)
    {
      add_problems (report, file, error->message);
      return FALSE;
    }

  for (guint i = 0; course->lessons[i] != NULL; i++)
    {
      g_autoptr (HbArticle) article = NULL;
      HbImportProblem *problem;

      if (imported_ids != NULL && g_hash_table_contains (imported_ids, course->lessons[i]))
        continue;
      if (store != NULL && (article = hb_store_get_article (store, course->lessons[i], 0, NULL)) != NULL)
        continue;

      problem = g_new0 (HbImportProblem, 1);
      problem->file = g_strdup (file);
      problem->line = course->lesson_lines[i];
      problem->message = g_strdup_printf (_("the lesson “%s” is not in the handbook: give the id of an article"),
                                          course->lessons[i]);
      g_ptr_array_add (report->problems, problem);
      ok = FALSE;
    }
  return ok;
}
