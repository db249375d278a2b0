/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "hb-import.h"
#include "hb-library.h"
#include "hb-page.h"
#include "hb-store-articles.h"
#include "hb-test-util.h"
#include "hb-util.h"

/*
 * The interface in the language of the messages: LANGUAGE=zh_CN with the
 * translations built into <builddir>/po (HANDBOOK_LOCALEDIR, as an
 * uninstalled build finds them). setlocale() after changing LANGUAGE
 * makes gettext forget what it looked up before.
 */
static gboolean
use_language (const char *language)
{
  g_autofree char *mo = g_build_filename (hb_util_get_locale_dir (), "zh_CN", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (language != NULL && !g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf ("%s is not built: run the test from meson", mo);

      g_test_skip (message);
      return FALSE;
    }
  g_setenv ("LANGUAGE", language != NULL ? language : "", TRUE);
  setlocale (LC_ALL, "");
  return TRUE;
}

static void
test_date_english (void)
{
  g_autofree char *day = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *other = NULL;

  use_language (NULL);
  day = hb_util_format_date ("2026-12-01");
  stamp = hb_util_format_date ("2026-11-26T03:59:22Z");
  other = hb_util_format_date ("next week");

  g_assert_cmpstr (day, ==, "December 1, 2026");
  g_assert_cmpstr (stamp, ==, "November 26, 2026");
  /* What is not a date is shown as it is. */
  g_assert_cmpstr (other, ==, "next week");
  g_assert_null (hb_util_format_date (NULL));
}

static void
test_date_chinese (void)
{
  g_autofree char *day = NULL;
  g_autofree char *english = NULL;

  if (!use_language ("zh_CN"))
    return;
  day = hb_util_format_date ("2026-12-01");
  g_assert_cmpstr (day, ==, "2026年12月1日");

  /* And back: the same process follows a change of language. */
  use_language (NULL);
  english = hb_util_format_date ("2026-12-01");
  g_assert_cmpstr (english, ==, "December 1, 2026");
}

/* A timestamp is shown as the day it was where the reader is: 20:00 UTC on
 * November 26 is already November 27 in Shanghai. */
static void
test_date_local_day (void)
{
  g_autofree char *utc = NULL;
  g_autofree char *shanghai = NULL;

  use_language (NULL);
  utc = hb_util_format_date ("2026-11-26T20:00:00Z");
  g_setenv ("TZ", "CST-8", TRUE);
  shanghai = hb_util_format_date ("2026-11-26T20:00:00Z");
  g_setenv ("TZ", "UTC", TRUE);

  g_assert_cmpstr (utc, ==, "November 26, 2026");
  g_assert_cmpstr (shanghai, ==, "November 27, 2026");
}

/* The article page and the citation an agent pastes, in Chinese: the kind,
 * the platform, the version and the day as a Chinese reader writes them. */
static void
test_page_chinese (void)
{
  const char *files[] = {
    "refund.md", "---\nid: refund-only\ntitle: 仅退款规则\nkind: regulation\nplatforms: [tmall]\n"
                 "effective: 2026-12-01\n---\n# 仅退款规则\n\n## 举证\n\n买家需在七天内举证。\n",
    NULL
  };
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbArticle) article = NULL;
  g_autoptr (HbRendered) rendered = NULL;
  g_autofree char *page = NULL;
  g_autofree char *citation = NULL;

  if (!use_language ("zh_CN"))
    return;
  store = hb_test_store_with ("page-zh", files);
  article = hb_store_get_article (store, "refund-only", 0, NULL);
  g_assert_nonnull (article);
  rendered = hb_markdown_render (hb_article_get_body (article), NULL, NULL, NULL);
  page = hb_page_render_article (article, rendered, "2026-12-02", FALSE);
  citation = hb_citation_format (article, "举证", "举证");
  use_language (NULL);
  g_test_message ("%s", citation);

  g_assert_nonnull (strstr (page, "<span class=\"hb-kind\">法规</span>"));
  g_assert_nonnull (strstr (page, "<span class=\"hb-platform\">天猫</span>"));
  g_assert_nonnull (strstr (page, "第 1 版（共 1 版）"));
  g_assert_nonnull (strstr (page, "2026年12月1日起生效"));
  g_assert_true (g_str_has_prefix (citation, "仅退款规则 — § 举证\n客服手册第 1 版，2026年12月1日起生效\n"
                                             "handbook://article/refund-only?version=1#"));
}

/* zh_CN has one plural form: the count never picks an English plural. */
static void
test_plural_chinese (void)
{
  g_autofree char *one = NULL;
  g_autofree char *many = NULL;

  if (!use_language ("zh_CN"))
    return;
  one = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", 1), 1);
  many = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", 5), 5);
  use_language (NULL);

  g_assert_cmpstr (one, ==, "1 篇文章");
  g_assert_cmpstr (many, ==, "5 篇文章");
}

/* The core's errors, which the window and the CLI show, are translated. */
static void
test_errors_chinese (void)
{
  g_autofree char *reason = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;

  if (!use_language ("zh_CN"))
    return;
  g_assert_false (hb_util_check_id ("", &reason));
  store = hb_test_new_store ("errors-zh");
  g_assert_null (hb_store_get_article (store, "nope", 0, &error));
  use_language (NULL);

  g_assert_cmpstr (reason, ==, "ID 不能为空");
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, "没有 ID 为“nope”的文章");
}

/* In zh_CN.UTF-8 the library sorts Chinese titles by pinyin, as glibc's
 * collation (iso14651_t1_pinyin) does: jià, jǐn, jǔ, píng, tuì. */
static void
test_library_pinyin (void)
{
  const char *files[] = {
    "a.md", "---\nid: a\ntitle: 退货退款流程\nkind: guide\n---\n",
    "b.md", "---\nid: b\ntitle: 仅退款规则\nkind: guide\n---\n",
    "c.md", "---\nid: c\ntitle: 平台介入指引\nkind: guide\n---\n",
    "d.md", "---\nid: d\ntitle: 举证要求\nkind: guide\n---\n",
    "e.md", "---\nid: e\ntitle: 价保说明\nkind: guide\n---\n",
    NULL
  };
  const char *expected[] = { "e", "b", "d", "c", "a" };
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GListModel) articles = NULL;
  g_autoptr (GListModel) groups = NULL;
  g_autoptr (HbLibraryGroup) guides = NULL;
  GListModel *sorted;

  if (setlocale (LC_COLLATE, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed (Debian: locales-all, or locale-gen zh_CN.UTF-8)");
      return;
    }
  store = hb_test_store_with ("pinyin", files);
  articles = hb_store_list_articles (store, NULL, NULL);
  groups = hb_library_build (articles, NULL, NULL, NULL);
  setlocale (LC_COLLATE, "");

  guides = g_list_model_get_item (groups, 0);
  sorted = hb_library_group_get_articles (guides);
  g_assert_cmpuint (g_list_model_get_n_items (sorted), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (HbArticle) article = g_list_model_get_item (sorted, i);

      g_assert_cmpstr (hb_article_get_id (article), ==, expected[i]);
    }
}

/* Whatever the locale, case does not split the library: "apple" beside
 * "Apple", both before "banana". */
static void
test_library_case (void)
{
  const char *files[] = {
    "x.md", "---\nid: x\ntitle: banana\nkind: faq\n---\n",
    "y.md", "---\nid: y\ntitle: Apple\nkind: faq\n---\n",
    "z.md", "---\nid: z\ntitle: apple pie\nkind: faq\n---\n",
    NULL
  };
  const char *expected[] = { "y", "z", "x" };
  g_autoptr (HbStore) store = hb_test_store_with ("case", files);
  g_autoptr (GListModel) articles = hb_store_list_articles (store, NULL, NULL);
  g_autoptr (GListModel) groups = hb_library_build (articles, NULL, NULL, NULL);
  g_autoptr (HbLibraryGroup) faqs = g_list_model_get_item (groups, 0);
  GListModel *sorted = hb_library_group_get_articles (faqs);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (HbArticle) article = g_list_model_get_item (sorted, i);

      g_assert_cmpstr (hb_article_get_id (article), ==, expected[i]);
    }
}

int
main (int argc, char **argv)
{
  int rc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, hb_util_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/date/english", test_date_english);
  g_test_add_func ("/i18n/date/chinese", test_date_chinese);
  g_test_add_func ("/i18n/date/local-day", test_date_local_day);
  g_test_add_func ("/i18n/page/chinese", test_page_chinese);
  g_test_add_func ("/i18n/plural/chinese", test_plural_chinese);
  g_test_add_func ("/i18n/errors/chinese", test_errors_chinese);
  g_test_add_func ("/i18n/library/pinyin", test_library_pinyin);
  g_test_add_func ("/i18n/library/case", test_library_case);

  rc = g_test_run ();
  hb_test_cleanup ();
  return rc;
}
