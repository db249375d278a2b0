/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "hb-import.h"
#include "hb-store-articles.h"
#include "hb-store-private.h"
#include "hb-test-util.h"

static HbImportReport *
import_one (HbStore *store, const char *path)
{
  g_autoptr (GError) error = NULL;
  const char *paths[] = { path, NULL };
  HbImportReport *report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_store_create (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("create");
  g_autofree char *mode = hb_test_query_text (store, "PRAGMA journal_mode");
  g_autofree char *nested = NULL;
  g_autoptr (HbStore) again = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (hb_store_is_new (store));
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (hb_test_query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (hb_store_get_schema_version (store), >=, 1);
  g_assert_cmpint (hb_test_query_int (store, "PRAGMA user_version"), ==, hb_store_get_schema_version (store));
  g_assert_cmpint (hb_store_count_articles (store, &error), ==, 0);
  g_assert_no_error (error);

  /* Reopening runs no migration twice and knows the file is not new. */
  again = hb_store_open (hb_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_false (hb_store_is_new (again));

  /* Missing folders are made. */
  nested = g_build_filename (hb_test_tmpdir (), "a", "b", "c.db", NULL);
  g_clear_object (&again);
  again = hb_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (nested, G_FILE_TEST_EXISTS));
}

static void
test_store_not_a_database (void)
{
  const char *garbage = "This is a note, not a database.\n";
  g_autofree char *path = hb_test_write_file ("notes.db", garbage, -1);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = hb_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, path));

  /* The file is left exactly as it was. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, garbage);
}

static void
test_store_folder_as_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = hb_store_open (hb_test_tmpdir (), &error);

  g_assert_null (store);
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_OPEN);
}

static void
test_store_too_new (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = hb_test_new_store ("too-new");

  g_assert_true (hb_store_exec (store, "PRAGMA user_version = 999", &error));
  path = g_strdup (hb_store_get_path (store));
  g_clear_object (&store);

  store = hb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_TOO_NEW);
}

static void
test_store_versions_immutable (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("immutable");
  g_autofree char *file = hb_test_write_file ("immutable/a.md", "# A\n\nText.\n", -1);
  g_autoptr (HbImportReport) report = import_one (store, file);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbArticle) article = NULL;

  g_assert_true (report->committed);
  g_assert_false (hb_store_exec (store, "UPDATE article_versions SET body = 'changed'", &error));
  g_assert_nonnull (strstr (error->message, "immutable"));
  g_clear_error (&error);
  g_assert_false (hb_store_exec (store, "DELETE FROM article_versions", &error));
  g_clear_error (&error);

  article = hb_store_get_article (store, "a", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_article_get_body (article), ==, "# A\n\nText.\n");
}

static void
test_store_read_only (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("read-only");
  g_autofree char *path = g_strdup (hb_store_get_path (store));
  g_autofree char *dir = hb_test_write_file ("ro-content/a.md", "# A\n\nOne.\n", -1);
  g_autofree char *changed = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbArticle) article = NULL;
  const char *paths[2] = { NULL, NULL };
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  report = import_one (store, dir);
  g_assert_true (report->committed);
  g_clear_pointer (&report, hb_import_report_free);
  /* Close, so everything is checkpointed into the file. */
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_remove (shm);
  g_remove (wal);

  store = hb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (hb_store_is_read_only (store));

  changed = hb_test_write_file ("ro-content/a.md", "# A\n\nTwo.\n", -1);
  paths[0] = changed;
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Reading still works, and nothing changed. */
  article = hb_store_get_article (store, "a", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_article_get_body (article), ==, "# A\n\nOne.\n");
  g_assert_cmpuint (hb_article_get_latest_version (article), ==, 1);

  g_chmod (path, 0644);
}

static void
test_store_locked (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("locked");
  g_autofree char *file = hb_test_write_file ("locked/a.md", "# A\n\nText.\n", -1);
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  const char *paths[] = { file, NULL };
  sqlite3 *other = NULL;

  /* Another program takes the write lock and keeps it. */
  g_assert_cmpint (sqlite3_open (hb_store_get_path (store), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  hb_store_set_busy_timeout (store, 50);
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);

  /* Once the other program is done, the same import goes through. */
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 1);
}

static void
test_store_missing_article (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("missing");
  g_autoptr (GError) error = NULL;
  g_autoptr (HbArticle) article = hb_store_get_article (store, "nope", 0, &error);
  g_autoptr (GPtrArray) history = NULL;

  g_assert_null (article);
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  history = hb_store_get_history (store, "nope", &error);
  g_assert_null (history);
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/create", test_store_create);
  g_test_add_func ("/store/not-a-database", test_store_not_a_database);
  g_test_add_func ("/store/folder-as-database", test_store_folder_as_database);
  g_test_add_func ("/store/too-new", test_store_too_new);
  g_test_add_func ("/store/versions-immutable", test_store_versions_immutable);
  g_test_add_func ("/store/read-only", test_store_read_only);
  g_test_add_func ("/store/locked", test_store_locked);
  g_test_add_func ("/store/missing-article", test_store_missing_article);

  rc = g_test_run ();
  hb_test_cleanup ();
  return rc;
}
