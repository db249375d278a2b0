/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hb-markdown.h"
#include "hb-test-util.h"

static HbRendered *
render (const char *markdown)
{
  return hb_markdown_render (markdown, NULL, NULL, NULL);
}

static void
test_markdown_gfm (void)
{
  g_autoptr (HbRendered) page = render ("# Deadlines\n\n"
                                        "| Platform | Reply within |\n"
                                        "|---|---:|\n"
                                        "| Tmall | 48 h |\n"
                                        "| JD | 24 h |\n\n"
                                        "~~72 h~~ is the old rule. See https://example.com/rules.\n\n"
                                        "- [x] unboxing video\n- [ ] photos\n");

  g_assert_nonnull (strstr (page->html, "<table>"));
  g_assert_nonnull (strstr (page->html, "<th>Platform</th>"));
  g_assert_nonnull (strstr (page->html, "<td align=\"right\">48 h</td>"));
  g_assert_nonnull (strstr (page->html, "<del>72 h</del>"));
  g_assert_nonnull (strstr (page->html, "<a href=\"https://example.com/rules\">"));
  g_assert_nonnull (strstr (page->html, "type=\"checkbox\" checked=\"\" disabled=\"\""));
}

static void
test_markdown_safe (void)
{
  g_autoptr (HbRendered) page = render ("# Title\n\n"
                                        "<script>alert('x')</script>\n\n"
                                        "Inline <img src=\"http://127.0.0.1:9/track.png\" onerror=\"alert(1)\"> html.\n\n"
                                        "<iframe src=\"https://example.com\"></iframe>\n\n"
                                        "[click](javascript:alert(1)) [file](file:///etc/passwd) "
                                        "[data](data:text/html;base64,PHNjcmlwdD4=) [vb](VBScript:msgbox)\n\n"
                                        "![remote](http://127.0.0.1:9/pixel.png)\n");

  g_assert_null (strstr (page->html, "<script"));
  g_assert_null (strstr (page->html, "<iframe"));
  g_assert_null (strstr (page->html, "onerror"));
  g_assert_null (strstr (page->html, "<img"));
  g_assert_null (strstr (page->html, "javascript:"));
  g_assert_null (strstr (page->html, "file:"));
  g_assert_null (strstr (page->html, "data:"));
  g_assert_null (strstr (page->html, "VBScript"));
  /* The text of the links is still there, but not as links. */
  g_assert_nonnull (strstr (page->html, "click file data vb"));
  g_assert_null (strstr (page->html, "href=\"\""));
  /* A remote image is a link to it, not a request. */
  g_assert_nonnull (strstr (page->html, "<a href=\"http://127.0.0.1:9/pixel.png\">remote</a>"));
}

static void
test_markdown_heading_ids (void)
{
  g_autoptr (HbRendered) page = render ("# Returns & Refunds\n\n"
                                        "## Evidence\n\ntext\n\n"
                                        "## Evidence\n\nmore\n\n"
                                        "## 第一章　总则\n\n"
                                        "### `code` and *emphasis*\n\n"
                                        "## !!!\n");
  const char *ids[] = { "returns--refunds", "evidence", "evidence-1", "第一章-总则",
                        "code-and-emphasis", "section" };
  guint i;

  g_assert_cmpuint (page->headings->len, ==, G_N_ELEMENTS (ids));
  for (i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      HbHeading *heading = g_ptr_array_index (page->headings, i);
      g_autofree char *tag = g_strdup_printf ("<h%d id=\"%s\">", heading->level, ids[i]);

      g_assert_cmpstr (heading->id, ==, ids[i]);
      g_assert_nonnull (strstr (page->html, tag));
    }
  g_assert_cmpstr (((HbHeading *) g_ptr_array_index (page->headings, 0))->text, ==, "Returns & Refunds");
  g_assert_cmpstr (((HbHeading *) g_ptr_array_index (page->headings, 4))->text, ==, "code and emphasis");
  g_assert_cmpint (((HbHeading *) g_ptr_array_index (page->headings, 4))->level, ==, 3);
}

/* The same heading written with an ASCII or an ideographic space, as the
 * revisions of a law differ, keeps its id. */
static void
test_markdown_heading_id_spaces (void)
{
  g_autofree char *a = hb_markdown_heading_id ("第二章 电子商务经营者");
  g_autofree char *b = hb_markdown_heading_id ("第二章\u3000电子商务经营者");

  g_assert_cmpstr (a, ==, b);
}

static char *
resolve_cb (const char *path, gpointer user_data)
{
  GHashTable *known = user_data;

  return g_strdup (g_hash_table_lookup (known, path));
}

static void
test_markdown_links (void)
{
  g_autoptr (GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (HbRendered) page = NULL;

  g_hash_table_insert (known, "guides/evidence-checklist.md", "evidence-checklist");
  g_hash_table_insert (known, "faq/index.md", "faq");
  g_hash_table_insert (known, "regulations/电子商务法.md", "ecl");

  page = hb_markdown_render ("[evidence](../evidence-checklist.md#photos) "
                             "[faq](../../faq/) "
                             "[law](/regulations/%E7%94%B5%E5%AD%90%E5%95%86%E5%8A%A1%E6%B3%95.md) "
                             "[here](#top) "
                             "[gone](missing.md) "
                             "[web](https://www.tmall.com/) "
                             "![chart](img/chart.png)\n",
                             "guides/returns/seven-day.md", resolve_cb, known);

  g_assert_nonnull (strstr (page->html, "href=\"handbook://article/evidence-checklist#photos\""));
  g_assert_nonnull (strstr (page->html, "href=\"handbook://article/faq\""));
  g_assert_nonnull (strstr (page->html, "href=\"handbook://article/ecl\""));
  g_assert_nonnull (strstr (page->html, "href=\"#top\""));
  g_assert_nonnull (strstr (page->html, "href=\"handbook://missing/guides/returns/missing.md\""));
  g_assert_nonnull (strstr (page->html, "href=\"https://www.tmall.com/\""));
  g_assert_nonnull (strstr (page->html, "src=\"handbook://asset/guides/returns/img/chart.png\""));
}

static void
test_markdown_sections (void)
{
  g_autoptr (GPtrArray) sections = hb_markdown_sections ("Intro text.\n\n"
                                                         "## Deadlines\n\n"
                                                         "Reply **fast**.\n\n"
                                                         "| Platform | Hours |\n|---|---|\n| Tmall | 48 |\n\n"
                                                         "## 证据\n\n<div>raw</div>\n\n上传开箱视频。\n");
  HbSection *section;

  g_assert_cmpuint (sections->len, ==, 3);

  section = g_ptr_array_index (sections, 0);
  g_assert_null (section->heading);
  g_assert_cmpstr (section->text, ==, "Intro text.");

  section = g_ptr_array_index (sections, 1);
  g_assert_cmpstr (section->heading->id, ==, "deadlines");
  g_assert_cmpstr (section->heading->text, ==, "Deadlines");
  g_assert_nonnull (strstr (section->text, "Reply fast."));
  g_assert_nonnull (strstr (section->text, "Tmall 48"));
  g_assert_null (strstr (section->text, "Deadlines"));

  section = g_ptr_array_index (sections, 2);
  g_assert_cmpstr (section->heading->id, ==, "证据");
  g_assert_cmpstr (section->text, ==, "上传开箱视频。");
}

static void
test_markdown_first_heading (void)
{
  g_autofree char *a = hb_markdown_first_heading ("Intro\n\nTitle **bold**\n===\n\n# Second\n");
  g_autofree char *b = hb_markdown_first_heading ("No heading at all.\n");
  g_autofree char *c = hb_markdown_first_heading ("```\n# not a heading\n```\n\n## Real\n");

  g_assert_cmpstr (a, ==, "Title bold");
  g_assert_null (b);
  g_assert_cmpstr (c, ==, "Real");
}

static void
render_tree (const char *root, const char *dir, guint *n_files, guint *n_raw)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr (HbRendered) page = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          render_tree (root, path, n_files, n_raw);
          continue;
        }
      if (!g_str_has_suffix (name, ".md"))
        continue;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      if (!g_utf8_validate (text, -1, NULL))
        continue;
      if (strstr (text, "<script") || strstr (text, "<iframe") || strstr (text, "<img"))
        (*n_raw)++;

      page = hb_markdown_render (text, path + strlen (root) + 1, NULL, NULL);
      if (strstr (page->html, "<script") || strstr (page->html, "<iframe")
          || strstr (page->html, "<img src=\"http") || strstr (page->html, "<img src=\"//")
          || strstr (page->html, "<style") || strstr (page->html, "=\"javascript:"))
        g_error ("%s: unsafe HTML survived rendering", path);
      (*n_files)++;
    }
}

/* The sourcegraph handbook is full of raw HTML: none of it reaches the page. */
static void
test_markdown_corpus_safe (void)
{
  g_autofree char *corpus = hb_test_corpus ("handbook-sourcegraph");
  guint n = 0, raw = 0;

  if (corpus == NULL)
    return;
  render_tree (corpus, corpus, &n, &raw);
  g_assert_cmpuint (n, >, 800);
  /* The corpus does exercise the filter. */
  g_assert_cmpuint (raw, >, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/gfm", test_markdown_gfm);
  g_test_add_func ("/markdown/safe", test_markdown_safe);
  g_test_add_func ("/markdown/heading-ids", test_markdown_heading_ids);
  g_test_add_func ("/markdown/heading-id-spaces", test_markdown_heading_id_spaces);
  g_test_add_func ("/markdown/links", test_markdown_links);
  g_test_add_func ("/markdown/sections", test_markdown_sections);
  g_test_add_func ("/markdown/first-heading", test_markdown_first_heading);
  g_test_add_func ("/markdown/corpus-safe", test_markdown_corpus_safe);

  return g_test_run ();
}
