/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-test-util.h"

#include "hb-import.h"
#include "hb-store-private.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

static char *tmpdir = NULL;

const unsigned char hb_test_png_red[70] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00"
  "\x00\x01\x08\x02\x00\x00\x00\x7b\x40\xe8\xdd\x00\x00\x00\x0d\x49\x44\x41\x54\x78\x9c\x63"
  "\xf8\xcf\xc0\x00\x44\x00\x08\xfe\x01\xff\xc6\x9e\x79\xf7\x00\x00\x00\x00\x49\x45\x4e\x44"
  "\xae\x42\x60\x82";

const unsigned char hb_test_png_blue[70] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x03\x00\x00"
  "\x00\x01\x08\x02\x00\x00\x00\x94\x82\x83\xe3\x00\x00\x00\x0d\x49\x44\x41\x54\x78\x9c\x63"
  "\x60\x60\xf8\x0f\x41\x00\x0b\xfe\x02\xfe\x91\xcd\x99\xfe\x00\x00\x00\x00\x49\x45\x4e\x44"
  "\xae\x42\x60\x82";

const char *
hb_test_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autoptr (GError) error = NULL;

      tmpdir = g_dir_make_tmp ("handbook-test-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return tmpdir;
}

char *
hb_test_db_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".db", NULL);

  return g_build_filename (hb_test_tmpdir (), file, NULL);
}

HbStore *
hb_test_new_store (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = hb_test_db_path (name);
  HbStore *store;

  g_remove (path);
  store = hb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

char *
hb_test_corpus (const char *name)
{
  const char *dir = g_getenv ("HANDBOOK_CORPUS_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    {
      g_test_skip ("HANDBOOK_CORPUS_DIR is not set");
      return NULL;
    }
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_test_skip_printf ("the corpus %s is not there", path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
copy_tree (GFile *source, GFile *target)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileEnumerator) children = NULL;
  GFileInfo *info;

  if (!g_file_make_directory_with_parents (target, NULL, &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
      g_clear_error (&error);
    }

  children = g_file_enumerate_children (source, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);

  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      g_autoptr (GFile) from = g_file_get_child (source, g_file_info_get_name (info));
      g_autoptr (GFile) to = g_file_get_child (target, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        copy_tree (from, to);
      else
        {
          g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          /* The corpus is read-only; the copy is ours to change. */
          g_chmod (g_file_peek_path (to), 0644);
        }
      g_object_unref (info);
    }
  g_assert_no_error (error);
}

char *
hb_test_copy_tree (const char *source, const char *name)
{
  g_autoptr (GFile) from = g_file_new_for_path (source);
  g_autofree char *path = g_build_filename (hb_test_tmpdir (), name, NULL);
  g_autoptr (GFile) to = g_file_new_for_path (path);

  copy_tree (from, to);
  return g_steal_pointer (&path);
}

char *
hb_test_write_file (const char *name, const char *contents, gssize length)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (hb_test_tmpdir (), name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));

        if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
          remove_tree (child);
        else
          g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
  g_file_delete (file, NULL, NULL);
}

void
hb_test_cleanup (void)
{
  if (tmpdir != NULL)
    {
      g_autoptr (GFile) dir = g_file_new_for_path (tmpdir);

      /* Read-only files made by a test must go too. */
      g_chmod (tmpdir, 0700);
      remove_tree (dir);
      g_clear_pointer (&tmpdir, g_free);
    }
}

gint64
hb_test_query_int (HbStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3_stmt) stmt = hb_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

char *
hb_test_query_text (HbStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3_stmt) stmt = hb_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The answers that earn every question its full credit, read off the
 * question itself: so every sample question can be answered right. */
GHashTable *
hb_test_right_responses (const HbQuiz *quiz)
{
  GHashTable *responses = hb_quiz_responses_new ();

  for (guint i = 0; i < quiz->gift->questions->len; i++)
    {
      const HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, i);
      HbGradeResponse *response = hb_grade_response_new ();

      switch (question->type)
        {
        case HB_GIFT_MULTIPLE_CHOICE:
          for (guint a = 0; a < question->answers->len; a++)
            if (((HbGiftAnswer *) g_ptr_array_index (question->answers, a))->fraction > 0.999)
              response->choice = (int) a;
          break;
        case HB_GIFT_MULTIPLE_ANSWER:
          for (guint a = 0; a < question->answers->len; a++)
            if (((HbGiftAnswer *) g_ptr_array_index (question->answers, a))->fraction > 0)
              g_array_append_val (response->choices, a);
          break;
        case HB_GIFT_TRUE_FALSE:
          response->answered = TRUE;
          response->truth = question->truth;
          break;
        case HB_GIFT_SHORT_ANSWER:
          for (guint a = 0; a < question->answers->len && response->text == NULL; a++)
            {
              HbGiftAnswer *answer = g_ptr_array_index (question->answers, a);

              if (answer->fraction > 0.999)
                {
                  g_auto (GStrv) parts = g_strsplit (answer->text, "*", -1);

                  response->text = g_strjoinv ("", parts);
                }
            }
          break;
        case HB_GIFT_NUMERICAL:
          for (guint a = 0; a < question->answers->len && !response->answered; a++)
            {
              HbGiftAnswer *answer = g_ptr_array_index (question->answers, a);

              if (answer->fraction > 0.999 && answer->number_kind != HB_GIFT_NUMBER_ANY)
                {
                  response->answered = TRUE;
                  response->number = answer->value;
                }
            }
          break;
        case HB_GIFT_MATCHING:
          for (guint a = 0; a < question->answers->len; a++)
            {
              HbGiftAnswer *answer = g_ptr_array_index (question->answers, a);

              g_ptr_array_add (response->matches, answer->text != NULL ? g_strdup (answer->match) : NULL);
            }
          break;
        case HB_GIFT_ORDERING:
          for (guint a = 0; a < question->answers->len; a++)
            g_array_append_val (response->order, a);
          break;
        case HB_GIFT_ESSAY:
          response->text = g_strdup ("An answer for a manager to read.");
          break;
        default:
          break;
        }
      g_hash_table_insert (responses, g_strdup (question->key), response);
    }
  return responses;
}

HbStore *
hb_test_store_with (const char *name, const char *const *files)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autofree char *dir = g_build_filename (hb_test_tmpdir (), name, NULL);
  const char *paths[] = { dir, NULL };
  HbStore *store = hb_test_new_store (name);

  for (guint i = 0; files[i] != NULL; i += 2)
    {
      g_autofree char *relative = g_build_filename (name, files[i], NULL);

      g_free (hb_test_write_file (relative, files[i + 1], -1));
    }
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);
  return store;
}
