/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hb-import.h"
#include "hb-library.h"
#include "hb-page.h"
#include "hb-store-articles.h"
#include "hb-test-util.h"
#include "hb-util.h"

static char *
render_page (HbStore *store, const char *id, guint version)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbArticle) article = hb_store_get_article (store, id, version, &error);
  g_autoptr (HbRendered) rendered = NULL;

  g_assert_no_error (error);
  rendered = hb_markdown_render (hb_article_get_body (article), NULL, NULL, NULL);
  return hb_page_render_article (article, rendered, "2026-11-26", FALSE);
}

static guint
count (const char *haystack, const char *needle)
{
  guint n = 0;

  for (haystack = strstr (haystack, needle); haystack != NULL; haystack = strstr (haystack + 1, needle))
    n++;
  return n;
}

static void
test_page_header (void)
{
  const char *files[] = {
    "a.md",
    "---\nid: nad\ntitle: Returns & \"refunds\" <b>now</b>\nkind: guide\n"
    "platforms: [tmall, jd]\nlang: en\n---\n# Returns\n\nBody text.\n",
    "b.md", "---\nid: plain\ntitle: Plain title\nlang: zh-CN\n---\n# Plain title\n\n## Part\n\nText.\n",
    NULL
  };
  g_autoptr (HbStore) store = hb_test_store_with ("page-header", files);
  g_autofree char *html = render_page (store, "nad", 0);
  g_autofree char *plain = render_page (store, "plain", 0);

  /* The title is escaped; the meta line names kind, platforms and version. */
  g_assert_nonnull (strstr (html, "<title>Returns &amp; &quot;refunds&quot; &lt;b&gt;now&lt;/b&gt;</title>"));
  g_assert_nonnull (strstr (html, "<h1 id=\"top\">Returns &amp; &quot;refunds&quot; &lt;b&gt;now&lt;/b&gt;</h1>"));
  g_assert_nonnull (strstr (html, "<span class=\"hb-platform\">Tmall</span>, <span class=\"hb-platform\">JD</span>"));
  g_assert_nonnull (strstr (html, "Version 1 of 1"));
  g_assert_nonnull (strstr (html, "<html lang=\"en\">"));
  g_assert_nonnull (strstr (html, HB_PAGE_STYLE_URI));
  g_assert_null (strstr (html, "hb-notice"));
  /* A first heading that differs from the title stays. */
  g_assert_cmpuint (count (html, "<h1"), ==, 2);

  /* One that repeats it is shown once, and keeps its id. */
  g_assert_cmpuint (count (plain, "<h1"), ==, 1);
  g_assert_nonnull (strstr (plain, "<h1 id=\"plain-title\">Plain title</h1>"));
  g_assert_nonnull (strstr (plain, "<html lang=\"zh-CN\">"));
}

static void
test_page_versions (void)
{
  const char *v1[] = {
    "law.md", "---\nid: law\nkind: regulation\neffective: 2020-01-01\n---\n# Law\n\nOld.\n", NULL
  };
  g_autoptr (HbStore) store = hb_test_store_with ("page-versions", v1);
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = hb_test_write_file ("page-versions/law.md",
                                              "---\nid: law\nkind: regulation\neffective: 2999-01-01\n"
                                              "changes: Shorter deadline.\n---\n# Law\n\nNew.\n",
                                              -1);
  const char *paths[] = { path, NULL };
  g_autofree char *old_page = NULL;
  g_autofree char *new_page = NULL;

  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The version in force says nothing special; the one to come says when. */
  old_page = render_page (store, "law", 1);
  g_assert_null (strstr (old_page, "hb-notice"));
  g_assert_nonnull (strstr (old_page, "Effective January 1, 2020"));
  new_page = render_page (store, "law", 2);
  g_assert_nonnull (strstr (new_page, "This version takes effect on January 1, 2999. Until then, version 1 is in force."));
  g_assert_nonnull (strstr (new_page, "Shorter deadline."));
}

static void
test_page_message_escaped (void)
{
  g_autofree char *html = hb_page_render_message ("<script>", "a & b", TRUE);

  g_assert_nonnull (strstr (html, "<h1>&lt;script&gt;</h1>"));
  g_assert_nonnull (strstr (html, "a &amp; b"));
  g_assert_nonnull (strstr (html, "class=\"dark\""));
}

static void
test_page_uri (void)
{
  g_autofree char *uri = hb_article_uri ("zh/退货须知", "第一章-总则", 3);
  g_autofree char *id = NULL;
  g_autofree char *section = NULL;
  guint version = 0;

  /* Readable when pasted: letters of every script stay as they are. */
  g_assert_cmpstr (uri, ==, "handbook://article/zh/退货须知?version=3#第一章-总则");
  g_assert_true (hb_article_uri_parse (uri, &id, &version, &section));
  g_assert_cmpstr (id, ==, "zh/退货须知");
  g_assert_cmpuint (version, ==, 3);
  g_assert_cmpstr (section, ==, "第一章-总则");

  /* As WebKit reports it, percent-encoded. */
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&section, g_free);
  g_assert_true (hb_article_uri_parse ("handbook://article/zh/%E9%80%80%E8%B4%A7%E9%A1%BB%E7%9F%A5#%E7%AC%AC",
                                       &id, &version, &section));
  g_assert_cmpstr (id, ==, "zh/退货须知");
  g_assert_cmpuint (version, ==, 0);
  g_assert_cmpstr (section, ==, "第");
  g_clear_pointer (&id, g_free);

  g_assert_false (hb_article_uri_parse ("https://example.com/", &id, &version, NULL));
  g_assert_false (hb_article_uri_parse ("handbook://article/", &id, &version, NULL));
}

static void
test_page_citation (void)
{
  const char *files[] = {
    "crpl.md", "---\nid: crpl\ntitle: CRPL\nkind: regulation\neffective: 2014-03-15\n---\n# CRPL\n\n## Article 25\n\nText.\n",
    "guide.md", "---\nid: guide\ntitle: Replies\n---\n# Replies\n\nText.\n",
    NULL
  };
  g_autoptr (HbStore) store = hb_test_store_with ("citation", files);
  g_autoptr (HbArticle) crpl = hb_store_get_article (store, "crpl", 0, NULL);
  g_autoptr (HbArticle) guide = hb_store_get_article (store, "guide", 0, NULL);
  g_autofree char *cited = hb_citation_format (crpl, "Article 25", "article-25");
  g_autofree char *top = hb_citation_format (guide, NULL, NULL);
  g_autofree char *expected_date = NULL;

  g_assert_cmpstr (cited, ==,
                   "CRPL — § Article 25\n"
                   "Handbook, version 1, effective March 15, 2014\n"
                   "handbook://article/crpl?version=1#article-25");

  /* Without an effective date, the day of import dates the version. */
  expected_date = hb_util_format_date (hb_article_get_imported_at (guide));
  g_assert_true (g_str_has_prefix (top, "Replies\nHandbook, version 1 of "));
  g_assert_nonnull (strstr (top, expected_date));
  g_assert_true (g_str_has_suffix (top, "\nhandbook://article/guide?version=1"));
}

static void
test_library_groups (void)
{
  const char *files[] = {
    "a.md", "---\nid: a\ntitle: A\nkind: guide\nplatforms: [tmall]\ntags: [returns]\n---\n",
    "b.md", "---\nid: b\ntitle: B\nkind: faq\nplatforms: [tmall, jd]\ntags: [returns, evidence]\n---\n",
    "c.md", "---\nid: c\ntitle: C\nkind: regulation\nplatforms: [jd]\n---\n",
    "d.md", "---\nid: d\ntitle: D\nkind: guide\n---\n",
    NULL
  };
  g_autoptr (HbStore) store = hb_test_store_with ("library", files);
  g_autoptr (GListModel) articles = hb_store_list_articles (store, NULL, NULL);
  g_autoptr (GListModel) all = hb_library_build (articles, NULL, NULL, NULL);
  g_autoptr (GListModel) tmall = hb_library_build (articles, NULL, "tmall", NULL);
  g_autoptr (GListModel) evidence = hb_library_build (articles, NULL, NULL, "evidence");
  g_autoptr (GListModel) faqs = hb_library_build (articles, "faq", NULL, NULL);
  g_autoptr (GHashTable) platforms = hb_library_count_values (articles, FALSE);
  g_autoptr (HbLibraryGroup) first = NULL;

  /* Guides, FAQs, regulations, in that order, only kinds that have articles. */
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  first = g_list_model_get_item (all, 0);
  g_assert_cmpint (hb_library_group_get_kind (first), ==, HB_ARTICLE_KIND_GUIDE);
  g_assert_cmpuint (hb_library_group_get_count (first), ==, 2);

  g_assert_cmpuint (g_list_model_get_n_items (tmall), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (evidence), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (faqs), ==, 1);

  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (platforms, "tmall")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (platforms, "jd")), ==, 2);
  g_assert_cmpuint (g_hash_table_size (platforms), ==, 2);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page/header", test_page_header);
  g_test_add_func ("/page/versions", test_page_versions);
  g_test_add_func ("/page/message-escaped", test_page_message_escaped);
  g_test_add_func ("/page/uri", test_page_uri);
  g_test_add_func ("/page/citation", test_page_citation);
  g_test_add_func ("/library/groups", test_library_groups);

  rc = g_test_run ();
  hb_test_cleanup ();
  return rc;
}
