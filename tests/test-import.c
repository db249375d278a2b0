/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "hb-import.h"
#include "hb-search.h"
#include "hb-store-articles.h"
#include "hb-store-private.h"
#include "hb-test-util.h"

#define CONCUR_ID "pages/travel-and-leave/travel-and-leave-policies/first-time-travel-get-in-concur"
#define CONCUR_PATH CONCUR_ID ".md"

static HbImportReport *
import_flags (HbStore *store, const char *path, HbImportFlags flags)
{
  g_autoptr (GError) error = NULL;
  const char *paths[] = { path, NULL };
  HbImportOptions options = { flags, NULL };
  HbImportReport *report = hb_import_paths (store, paths, &options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static HbImportReport *
import (HbStore *store, const char *path)
{
  return import_flags (store, path, HB_IMPORT_FLAGS_NONE);
}

/* Whether some problem of @report names @file (by its base name), is on
 * @line (0: any) and says @words. */
static gboolean
has_problem (HbImportReport *report, const char *file, guint line, const char *words)
{
  guint i;

  for (i = 0; i < report->problems->len; i++)
    {
      HbImportProblem *problem = g_ptr_array_index (report->problems, i);

      if (g_str_has_suffix (problem->file, file) && (line == 0 || problem->line == line)
          && strstr (problem->message, words) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
dump_problems (HbImportReport *report)
{
  guint i;

  for (i = 0; i < report->problems->len; i++)
    {
      g_autofree char *line = hb_import_problem_to_string (g_ptr_array_index (report->problems, i));

      g_test_message ("%s", line);
    }
}

static void
test_import_18f (void)
{
  g_autofree char *corpus = hb_test_corpus ("handbook-18f");
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbImportReport) first = NULL;
  g_autoptr (HbImportReport) second = NULL;
  g_autoptr (HbArticle) concur = NULL;
  g_autoptr (GError) error = NULL;

  if (corpus == NULL)
    return;

  store = hb_test_new_store ("18f");
  first = import (store, corpus);
  dump_problems (first);
  g_assert_cmpuint (first->problems->len, ==, 0);
  g_assert_true (first->committed);
  g_assert_cmpuint (first->n_new, ==, 252);
  g_assert_cmpint (hb_store_count_articles (store, NULL), ==, 252);

  /* A page keeps its nested front matter and reads back whole. */
  concur = hb_store_get_article (store, CONCUR_ID, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_article_get_title (concur), ==, "Get access to Concur");
  g_assert_cmpstr (hb_article_get_source (concur), ==, CONCUR_PATH);
  g_assert_nonnull (strstr (hb_article_get_front_matter (concur), "\"step_indicator\""));
  g_assert_nonnull (strstr (hb_article_get_body (concur), "travel vendor"));
  g_assert_false (g_str_has_prefix (hb_article_get_body (concur), "---"));

  /* Importing the same files again writes no version. */
  second = import (store, corpus);
  g_assert_true (second->committed);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 0);
  g_assert_cmpuint (second->n_unchanged, ==, 252);
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM article_versions"), ==, 252);
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM imports"), ==, 2);
}

static void
test_import_edit_one (void)
{
  g_autofree char *corpus = hb_test_corpus ("handbook-18f");
  g_autofree char *copy = NULL;
  g_autofree char *page = NULL;
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *id = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbImportReport) first = NULL;
  g_autoptr (HbImportReport) second = NULL;
  g_autoptr (HbArticle) v1 = NULL;
  g_autoptr (HbArticle) v2 = NULL;
  g_autoptr (HbArticle) current = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  HbImportEntry *updated = NULL;
  guint i;

  if (corpus == NULL)
    return;

  copy = hb_test_copy_tree (corpus, "18f-edit");
  store = hb_test_new_store ("18f-edit");
  first = import (store, copy);
  g_assert_cmpuint (first->n_new, ==, 252);

  page = g_build_filename (copy, CONCUR_PATH, NULL);
  g_assert_true (g_file_get_contents (page, &text, NULL, NULL));
  edited = g_strconcat (text, "\n## Added section\n\nNew rule: file the claim within 48 hours.\n", NULL);
  g_assert_true (g_file_set_contents (page, edited, -1, NULL));

  second = import (store, copy);
  g_assert_true (second->committed);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_cmpuint (second->n_unchanged, ==, 251);
  for (i = 0; i < second->entries->len; i++)
    {
      HbImportEntry *entry = g_ptr_array_index (second->entries, i);

      if (entry->status == HB_IMPORT_STATUS_UPDATED)
        updated = entry;
    }
  g_assert_nonnull (updated);
  g_assert_cmpuint (updated->version, ==, 2);
  g_assert_true (g_str_has_suffix (updated->file, "first-time-travel-get-in-concur.md"));
  id = g_strdup (updated->id);

  /* Only that article has a second version. */
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM article_versions"), ==, 253);
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM articles WHERE latest_version > 1"), ==, 1);

  /* Version 1 is still there, unchanged; version 2 is in force. */
  v1 = hb_store_get_article (store, id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_article_get_body (v1), ==, text + (strstr (text, "\n---\n") - text) + 5);
  g_assert_null (strstr (hb_article_get_body (v1), "48 hours"));

  v2 = hb_store_get_article (store, id, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (hb_article_get_body (v2), "48 hours"));

  current = hb_store_get_article (store, id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hb_article_get_version (current), ==, 2);

  history = hb_store_get_history (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (hb_article_get_sha256 (g_ptr_array_index (history, 0)), !=,
                   hb_article_get_sha256 (g_ptr_array_index (history, 1)));
}

static void
test_import_defaults (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (HbStore) store = hb_test_new_store ("defaults");
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (HbArticle) plain = NULL;
  g_autoptr (HbArticle) chinese = NULL;
  g_autoptr (HbArticle) full = NULL;
  g_autoptr (HbArticle) folder = NULL;
  g_autoptr (GError) error = NULL;

  g_free (hb_test_write_file ("defaults/Returns & Refunds.md", "Intro.\n\n## Returns and refunds\n\nText.\n", -1));
  g_free (hb_test_write_file ("defaults/zh/退货须知.md", "# 七日无理由退货\n\n消费者有权自收到商品之日起七日内退货。\n", -1));
  g_free (hb_test_write_file ("defaults/warranty/index.md", "No heading here.\n", -1));
  dir = hb_test_write_file ("defaults/full.md",
                            "---\nid: tmall-nad\ntitle: Not as described on Tmall\nkind: faq\n"
                            "platforms: [Tmall, jd]\ntags: returns, evidence\nlang: en\n"
                            "effective: 2020-01-01\nchanges: First version.\ncourse: basics\n"
                            "order: 2\nreviewer: {name: Li, team: CS}\n---\n# Heading\n",
                            -1);
  g_free (dir);
  dir = g_build_filename (hb_test_tmpdir (), "defaults", NULL);

  report = import (store, dir);
  dump_problems (report);
  g_assert_cmpuint (report->n_new, ==, 4);

  /* The id comes from the path, the title from the first heading. */
  plain = hb_store_get_article (store, "returns-refunds", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_article_get_title (plain), ==, "Returns and refunds");
  g_assert_cmpint (hb_article_get_kind (plain), ==, HB_ARTICLE_KIND_GUIDE);
  g_assert_cmpstr (hb_article_get_lang (plain), ==, "en");
  g_assert_cmpstr (hb_article_get_source (plain), ==, "Returns & Refunds.md");

  chinese = hb_store_get_article (store, "zh/退货须知", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_article_get_title (chinese), ==, "七日无理由退货");
  g_assert_cmpstr (hb_article_get_lang (chinese), ==, "zh-CN");

  /* A folder's index page is the folder; without a heading, it is named after it. */
  folder = hb_store_get_article (store, "warranty", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_article_get_title (folder), ==, "warranty");

  full = hb_store_get_article (store, "tmall-nad", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_article_get_title (full), ==, "Not as described on Tmall");
  g_assert_cmpint (hb_article_get_kind (full), ==, HB_ARTICLE_KIND_FAQ);
  g_assert_cmpstr (hb_article_get_platforms (full)[0], ==, "tmall");
  g_assert_cmpstr (hb_article_get_platforms (full)[1], ==, "jd");
  g_assert_cmpstr (hb_article_get_tags (full)[0], ==, "returns");
  g_assert_cmpstr (hb_article_get_tags (full)[1], ==, "evidence");
  g_assert_cmpstr (hb_article_get_effective (full), ==, "2020-01-01");
  g_assert_cmpstr (hb_article_get_changes (full), ==, "First version.");
  g_assert_cmpstr (hb_article_get_course (full), ==, "basics");
  g_assert_cmpint (hb_article_get_order (full), ==, 2);
  /* Unknown keys are kept. */
  g_assert_nonnull (strstr (hb_article_get_front_matter (full), "\"reviewer\""));
}

/* A store holding one good article, to show bad input changes nothing. */
static HbStore *
store_with_one_article (const char *name, char **dir_out)
{
  g_autofree char *dir = g_build_filename (hb_test_tmpdir (), name, NULL);
  g_autofree char *file = g_build_filename (name, "good.md", NULL);
  g_autofree char *path = hb_test_write_file (file, "---\nid: good\n---\n# Good\n\nVersion one.\n", -1);
  HbStore *store = hb_test_new_store (name);
  g_autoptr (HbImportReport) report = import (store, dir);

  g_assert_true (report->committed);
  g_assert_cmpuint (report->n_new, ==, 1);

  /* The next import would make version 2 of it, if it were allowed to. */
  g_assert_true (g_file_set_contents (path, "---\nid: good\n---\n# Good\n\nVersion two.\n", -1, NULL));

  *dir_out = g_steal_pointer (&dir);
  return store;
}

static void
assert_nothing_changed (HbStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbArticle) good = hb_store_get_article (store, "good", 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (hb_article_get_latest_version (good), ==, 1);
  g_assert_nonnull (strstr (hb_article_get_body (good), "Version one."));
  g_assert_cmpint (hb_store_count_articles (store, NULL), ==, 1);
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM imports"), ==, 1);
}

typedef struct
{
  const char *name;
  const char *file;
  const char *contents;
  gssize length;
  guint line;
  const char *words;
} BadCase;

static const BadCase bad_cases[] = {
  { "invalid-utf8", "latin1.md", "# Caf\xe9\n\nOK line.\nBad \xff\xfe here.\n", -1, 1, "UTF-8" },
  { "invalid-utf8-line", "later.md", "# Title\n\nFine.\n\nStill fine.\nBroken \xc3\x28 here.\n", -1, 6, "UTF-8" },
  { "binary", "image.md", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, 0, "binary" },
  { "empty", "empty.md", "", 0, 0, "empty" },
  { "blank", "blank.md", "\n\n   \n", -1, 0, "empty" },
  { "malformed-yaml", "yaml.md", "---\ntitle: Returns\ntags: [a, b\nkind: guide\n---\n# X\n", -1, 3, "YAML" },
  { "unclosed-front-matter", "open.md", "---\ntitle: Returns\n\n# Returns\n", -1, 1, "closing" },
  { "unknown-kind", "kind.md", "---\ntitle: Returns\nkind: guidline\n---\n", -1, 3, "guidline" },
  { "bad-date", "date.md", "---\nkind: regulation\neffective: 2026-02-30\n---\n# Law\n", -1, 3, "YYYY-MM-DD" },
  { "title-map", "title.md", "---\ntitle:\n  en: Returns\n---\n", -1, 2, "title" },
};

static void
test_import_bad_input (gconstpointer data)
{
  const BadCase *bad = data;
  g_autofree char *dir = NULL;
  g_autofree char *relative = NULL;
  g_autoptr (HbStore) store = store_with_one_article (bad->name, &dir);
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (HbImportReport) skipped = NULL;
  g_autoptr (HbArticle) good = NULL;

  relative = g_build_filename (bad->name, bad->file, NULL);
  g_free (hb_test_write_file (relative, bad->contents, bad->length));

  report = import (store, dir);
  dump_problems (report);
  g_assert_false (report->committed);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_true (has_problem (report, bad->file, bad->line, bad->words));
  assert_nothing_changed (store);

  /* With --skip-invalid the good file goes in and the bad one is still named. */
  skipped = import_flags (store, dir, HB_IMPORT_FLAGS_SKIP_INVALID);
  g_assert_true (skipped->committed);
  g_assert_cmpuint (skipped->n_updated, ==, 1);
  g_assert_true (has_problem (skipped, bad->file, bad->line, bad->words));
  good = hb_store_get_article (store, "good", 0, NULL);
  g_assert_cmpuint (hb_article_get_version (good), ==, 2);
}

static void
test_import_huge_file (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (HbStore) store = store_with_one_article ("huge", &dir);
  g_autofree char *path = g_build_filename (dir, "huge.md", NULL);
  g_autoptr (HbImportReport) report = NULL;
  FILE *f;

  /* 50 MB, written sparse so the test stays quick. */
  f = fopen (path, "w");
  g_assert_nonnull (f);
  fputs ("# Huge\n", f);
  g_assert_cmpint (ftruncate (fileno (f), 50 * 1000 * 1000), ==, 0);
  fclose (f);

  report = import (store, dir);
  g_assert_false (report->committed);
  g_assert_true (has_problem (report, "huge.md", 0, "too large (50.0"));
  assert_nothing_changed (store);
}

static void
test_import_duplicate_ids (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (HbStore) store = store_with_one_article ("duplicates", &dir);
  g_autoptr (HbImportReport) report = NULL;

  g_free (hb_test_write_file ("duplicates/a/returns.md", "---\nid: returns\n---\n# Returns A\n", -1));
  g_free (hb_test_write_file ("duplicates/b/returns.md", "---\ntitle: B\nid: returns\n---\n# Returns B\n", -1));

  report = import (store, dir);
  g_assert_false (report->committed);
  g_assert_cmpuint (report->problems->len, ==, 2);
  /* Each file is named, with the line of its id and the other file. */
  g_assert_true (has_problem (report, "a/returns.md", 2, "b/returns.md"));
  g_assert_true (has_problem (report, "b/returns.md", 3, "a/returns.md"));
  assert_nothing_changed (store);
}

static void
test_import_missing_folder (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (HbStore) store = store_with_one_article ("missing-folder", &dir);
  g_autofree char *missing = g_build_filename (hb_test_tmpdir (), "no-such-folder", NULL);
  const char *paths[] = { missing, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, HB_IMPORT_ERROR, HB_IMPORT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  assert_nothing_changed (store);
}

static void
test_import_empty_folder (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("empty-folder");
  g_autofree char *dir = g_build_filename (hb_test_tmpdir (), "empty-folder", NULL);
  const char *paths[] = { dir, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_free (hb_test_write_file ("empty-folder/notes.txt", "not markdown", -1));
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, HB_IMPORT_ERROR, HB_IMPORT_ERROR_EMPTY);
}

static void
test_import_cancelled (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (HbStore) store = store_with_one_article ("cancelled", &dir);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  const char *paths[] = { dir, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;

  g_cancellable_cancel (cancellable);
  report = hb_import_paths (store, paths, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_nothing_changed (store);
}

static void
test_import_dry_run (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (HbStore) store = store_with_one_article ("dry-run", &dir);
  g_autoptr (HbImportReport) report = import_flags (store, dir, HB_IMPORT_FLAGS_DRY_RUN);

  g_assert_false (report->committed);
  g_assert_cmpuint (report->n_updated, ==, 1);
  assert_nothing_changed (store);
}

static void
test_import_line_endings (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("line-endings");
  g_autofree char *unix_file = hb_test_write_file ("eol/a.md", "# A\n\nText.\n", -1);
  g_autoptr (HbImportReport) first = import (store, unix_file);
  g_autoptr (HbImportReport) second = NULL;

  /* The same text saved on Windows, with a byte order mark, is not a change. */
  g_free (hb_test_write_file ("eol/a.md", "\xEF\xBB\xBF# A\r\n\r\nText.\r\n", -1));
  second = import (store, unix_file);
  g_assert_cmpuint (second->n_unchanged, ==, 1);
  g_assert_cmpuint (second->n_updated, ==, 0);
}

static void
test_import_future_version (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("future");
  g_autofree char *file = hb_test_write_file ("future/law.md",
                                              "---\nid: law\nkind: regulation\neffective: 2020-01-01\n---\n# Law\n\nOld rule.\n",
                                              -1);
  g_autoptr (HbImportReport) first = import (store, file);
  g_autoptr (HbImportReport) second = NULL;
  g_autoptr (HbArticle) in_force = NULL;
  g_autoptr (HbArticle) later = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  g_autoptr (GError) error = NULL;

  g_free (hb_test_write_file ("future/law.md",
                              "---\nid: law\nkind: regulation\neffective: 2999-01-01\n"
                              "changes: New rule.\n---\n# Law\n\nNew rule.\n",
                              -1));
  second = import (store, file);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_true (((HbImportEntry *) g_ptr_array_index (second->entries, 0))->pending);

  /* Version 2 is stored but the earlier version stays in force until its day. */
  in_force = hb_store_get_article (store, "law", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hb_article_get_version (in_force), ==, 1);
  g_assert_cmpuint (hb_article_get_latest_version (in_force), ==, 2);
  later = hb_store_get_article (store, "law", 2, &error);
  g_assert_no_error (error);
  g_assert_true (hb_article_is_pending (later, "2026-11-26"));

  /* On the day, version 2 takes over. */
  changed = hb_store_refresh (store, "2999-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 1);
  g_clear_object (&in_force);
  in_force = hb_store_get_article (store, "law", 0, &error);
  g_assert_cmpuint (hb_article_get_version (in_force), ==, 2);
}

static void
test_import_zh_laws (void)
{
  g_autofree char *corpus = hb_test_corpus ("zh-laws");
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbArticle) law = NULL;
  g_autofree char *id = NULL;

  if (corpus == NULL)
    return;

  store = hb_test_new_store ("zh-laws");
  report = import (store, corpus);
  dump_problems (report);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->n_new, >=, 1016);

  id = hb_store_find_by_source (store, "民法商法/电子商务法(2018-08-31).md");
  g_assert_nonnull (id);
  law = hb_store_get_article (store, id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_article_get_title (law), ==, "中华人民共和国电子商务法");
  g_assert_cmpstr (hb_article_get_lang (law), ==, "zh-CN");
}

static void
assert_asset (HbStore *store, const char *id, guint version, const char *path,
              const unsigned char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr (GBytes) image = hb_store_get_asset (store, id, version, path, &mime_type, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mime_type, ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (image, NULL), g_bytes_get_size (image), expected, 70);
}

static void
test_import_images (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("images");
  g_autofree char *dir = g_build_filename (hb_test_tmpdir (), "images", NULL);
  g_autoptr (HbImportReport) first = NULL;
  g_autoptr (HbImportReport) second = NULL;
  g_autoptr (HbImportReport) third = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) missing = NULL;

  g_free (hb_test_write_file ("images/guides/returns.md",
                              "---\nid: returns\n---\n# Returns\n\n![chart](img/chart.png)\n\n"
                              "![again](./img/chart.png) ![gone](img/missing.png) "
                              "![not an image](img/fake.png) ![outside](../../outside.png)\n",
                              -1));
  g_free (hb_test_write_file ("images/guides/img/chart.png", (const char *) hb_test_png_red, 70));
  g_free (hb_test_write_file ("images/guides/img/fake.png", "just text", -1));
  g_free (hb_test_write_file ("outside.png", (const char *) hb_test_png_blue, 70));

  /* Missing and false images do not stop the import. */
  first = import (store, dir);
  dump_problems (first);
  g_assert_true (first->committed);
  g_assert_cmpuint (first->problems->len, ==, 0);
  assert_asset (store, "returns", 1, "guides/img/chart.png", hb_test_png_red);

  missing = hb_store_get_asset (store, "returns", 1, "guides/img/fake.png", NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The same text and picture: nothing new. */
  second = import (store, dir);
  g_assert_cmpuint (second->n_unchanged, ==, 1);

  /* A new picture with the same text is a new version; the old version
   * keeps its picture. */
  g_free (hb_test_write_file ("images/guides/img/chart.png", (const char *) hb_test_png_blue, 70));
  third = import (store, dir);
  g_assert_cmpuint (third->n_updated, ==, 1);
  assert_asset (store, "returns", 1, "guides/img/chart.png", hb_test_png_red);
  assert_asset (store, "returns", 2, "guides/img/chart.png", hb_test_png_blue);
}

static void
test_import_thesaurus (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("thesaurus");
  g_autoptr (HbImportReport) good = NULL;
  g_autoptr (GString) huge = g_string_new ("groups:\n  - [");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  struct
  {
    const char *text;
    guint line;
    const char *words;
  } bad[] = {
    { "groups:\n  - [refund, money back\n  - [x, y]\n", 3, "not valid YAML" },
    { "groups:\n  - [refund, money back]\n  - [return, money back]\n", 3, "also in the group on line 2" },
    { "groups:\n  - [lonely]\n", 2, "at least two words" },
    { "groups:\n  - {a: b}\n", 2, "list of words" },
    { "synonyms:\n  - [a, b]\n", 1, "needs “groups:”" },
  };

  /* A good thesaurus is content: imported, versioned, found by search. */
  path = hb_test_write_file ("thesaurus/good/synonyms.yaml",
                             "groups:\n  - [knockoff, counterfeit, 假货]\n", -1);
  g_free (hb_test_write_file ("thesaurus/good/fake.md", "# Counterfeit claims\n\nWhat to do.\n", -1));
  {
    g_autofree char *dir = g_path_get_dirname (path);

    good = import (store, dir);
  }
  g_assert_true (good->committed);
  g_assert_cmpuint (good->n_new, ==, 2);
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM content_files"), ==, 1);
  {
    g_autoptr (GListModel) results = hb_search_run (store, "knockoff", NULL, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  }

  /* A bad one names the file and line, and changes nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *name = g_strdup_printf ("thesaurus/bad%u/synonyms.yaml", i);
      g_autofree char *file = hb_test_write_file (name, bad[i].text, -1);
      g_autoptr (HbImportReport) report = import (store, file);

      g_test_message ("%s", bad[i].text);
      g_assert_false (report->committed);
      g_assert_true (has_problem (report, "synonyms.yaml", bad[i].line, bad[i].words));
    }

  /* A group of 10,000 words is refused at its bound. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (huge, "%sword%u", i > 0 ? ", " : "", i);
  g_string_append (huge, "]\n");
  {
    g_autofree char *file = hb_test_write_file ("thesaurus/huge/synonyms.yaml", huge->str, -1);
    g_autoptr (HbImportReport) report = import (store, file);

    g_assert_false (report->committed);
    g_assert_true (has_problem (report, "synonyms.yaml", 2, "more than"));
  }
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM content_files"), ==, 1);
}

int
main (int argc, char **argv)
{
  int rc;
  guint i;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("HANDBOOK_TODAY", "2026-11-26", TRUE);

  g_test_add_func ("/import/18f", test_import_18f);
  g_test_add_func ("/import/edit-one", test_import_edit_one);
  g_test_add_func ("/import/defaults", test_import_defaults);
  g_test_add_func ("/import/zh-laws", test_import_zh_laws);
  for (i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_import_bad_input);
    }
  g_test_add_func ("/import/bad/huge-file", test_import_huge_file);
  g_test_add_func ("/import/bad/duplicate-ids", test_import_duplicate_ids);
  g_test_add_func ("/import/bad/missing-folder", test_import_missing_folder);
  g_test_add_func ("/import/bad/empty-folder", test_import_empty_folder);
  g_test_add_func ("/import/cancelled", test_import_cancelled);
  g_test_add_func ("/import/dry-run", test_import_dry_run);
  g_test_add_func ("/import/line-endings", test_import_line_endings);
  g_test_add_func ("/import/future-version", test_import_future_version);
  g_test_add_func ("/import/images", test_import_images);
  g_test_add_func ("/import/thesaurus", test_import_thesaurus);

  rc = g_test_run ();
  hb_test_cleanup ();
  return rc;
}
