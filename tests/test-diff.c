/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hb-diff.h"
#include "hb-markdown.h"
#include "hb-test-util.h"

static char *
read_corpus_file (const char *corpus, const char *relative)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (corpus, relative, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static HbDiff *
diff (const char *old_md, const char *new_md)
{
  g_autoptr (GError) error = NULL;
  HbDiff *result = hb_diff_markdown (old_md, new_md, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The block whose new text (or old text, if removed) starts with @prefix;
 * it must be the only one. */
static guint
find_block (HbDiff *d, const char *prefix)
{
  guint found = G_MAXUINT;
  guint i;

  for (i = 0; i < hb_diff_get_n_blocks (d); i++)
    {
      const HbDiffBlock *block = hb_diff_get_block (d, i);
      const char *text = block->new_text != NULL ? block->new_text : block->old_text;

      if (g_str_has_prefix (text, prefix))
        {
          if (found != G_MAXUINT)
            g_error ("Two blocks start with “%s”: %u and %u", prefix, found, i);
          found = i;
        }
    }
  if (found == G_MAXUINT)
    g_error ("No block starts with “%s”", prefix);
  return found;
}

static const HbDiffSection *
find_section (const HbDiffSummary *summary, const char *text)
{
  guint i;

  for (i = 0; i < summary->sections->len; i++)
    {
      const HbDiffSection *section = g_ptr_array_index (summary->sections, i);

      if (g_strcmp0 (section->text, text) == 0)
        return section;
    }
  return NULL;
}

/* @text with every run of white space (an ideographic space too) one
 * space: what a reader sees as the same words. */
static char *
collapse_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_diff_identical (void)
{
  g_autofree char *corpus = hb_test_corpus ("zh-laws");
  g_autofree char *law = NULL;
  g_autoptr (HbDiff) d = NULL;
  g_autofree char *html = NULL;
  g_autofree char *changes = NULL;
  const HbDiffSummary *summary;

  if (corpus == NULL)
    return;

  law = read_corpus_file (corpus, "经济法/农产品质量安全法(2022-09-02).md");
  d = diff (law, law);
  summary = hb_diff_get_summary (d);

  g_assert_false (hb_diff_has_changes (d));
  g_assert_cmpuint (summary->sections->len, ==, 0);
  g_assert_cmpuint (summary->words_added + summary->words_removed, ==, 0);
  g_assert_cmpuint (summary->blocks_unchanged, ==, hb_diff_get_n_blocks (d));
  g_assert_cmpuint (summary->blocks_unchanged, >, 150);

  html = hb_diff_to_html (d, FALSE);
  g_assert_null (strstr (html, "<ins>"));
  g_assert_null (strstr (html, "<del>"));
  g_assert_null (strstr (html, "hb-changed"));
  g_assert_null (strstr (html, "hb-added"));
  g_assert_null (strstr (html, "hb-removed"));
  g_assert_nonnull (strstr (html, "第一条 为了保障农产品质量安全"));

  /* Nothing changed, so "changes only" is one marker. */
  changes = hb_diff_to_text (d, TRUE);
  g_assert_true (g_str_has_prefix (changes, "… "));
  g_assert_true (strchr (changes, '\n') == changes + strlen (changes) - 1);
  g_assert_nonnull (strstr (changes, "unchanged blocks"));
}

/* The real revisions of four laws, one after the other. */
static void
test_diff_git_history (void)
{
  static const char *const laws[] = {
    "产品质量法(2018-12-29)",
    "广告法(2021-04-29)",
    "消费者权益保护法(2013-10-25)",
    "电子商务法(2018-08-31)",
  };
  g_autofree char *corpus = hb_test_corpus ("zh-laws");
  guint l;

  if (corpus == NULL)
    return;

  for (l = 0; l < G_N_ELEMENTS (laws); l++)
    {
      g_autofree char *folder = g_build_filename (corpus, "_git_history", laws[l], NULL);
      g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;
      guint v;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".md"))
          g_ptr_array_add (versions, g_build_filename (folder, name, NULL));
      g_ptr_array_sort (versions, (GCompareFunc) g_strcmp0);
      g_assert_cmpuint (versions->len, >=, 4);

      for (v = 0; v + 1 < versions->len; v++)
        {
          g_autofree char *old_md = NULL;
          g_autofree char *new_md = NULL;
          g_autoptr (HbDiff) d = NULL;
          guint i;

          g_file_get_contents (g_ptr_array_index (versions, v), &old_md, NULL, NULL);
          g_file_get_contents (g_ptr_array_index (versions, v + 1), &new_md, NULL, NULL);
          d = diff (old_md, new_md);

          /* A block shown as unchanged reads the same in both versions
           * (white space aside); a changed one does not. */
          for (i = 0; i < hb_diff_get_n_blocks (d); i++)
            {
              const HbDiffBlock *block = hb_diff_get_block (d, i);
              g_autofree char *old_words = NULL;
              g_autofree char *new_words = NULL;

              if (block->change == HB_DIFF_ADDED || block->change == HB_DIFF_REMOVED)
                continue;
              old_words = collapse_space (block->old_text);
              new_words = collapse_space (block->new_text);
              if (block->change == HB_DIFF_SAME)
                g_assert_cmpstr (old_words, ==, new_words);
              else
                g_assert_cmpstr (block->old_text, !=, block->new_text);
            }
        }
    }

  /* v1 → v2 of the product quality law: one word was inserted in the
   * history of amendments, nothing else changed but white space. */
  {
    g_autofree char *old_md = read_corpus_file (corpus, "_git_history/产品质量法(2018-12-29)/v1-2022-03-21-3305c96.md");
    g_autofree char *new_md = read_corpus_file (corpus, "_git_history/产品质量法(2018-12-29)/v2-2022-03-26-d7dff84.md");
    g_autoptr (HbDiff) d = diff (old_md, new_md);
    const HbDiffSummary *summary = hb_diff_get_summary (d);
    guint i = find_block (d, "2000年7月8日");
    g_autofree char *text = hb_diff_block_to_text (d, i, NULL);

    g_assert_cmpint (hb_diff_get_block (d, i)->change, ==, HB_DIFF_CHANGED);
    g_assert_nonnull (strstr (text, "第一次修正{+根据+}2009年8月27日"));
    g_assert_null (strstr (text, "[-"));
    g_assert_cmpuint (summary->blocks_changed, ==, 1);
    g_assert_cmpuint (summary->blocks_added + summary->blocks_removed, ==, 0);
    g_assert_cmpuint (summary->words_added, ==, 2);
    g_assert_cmpuint (summary->words_removed, ==, 0);
    g_assert_cmpint (hb_diff_get_block (d, find_block (d, "第七十四条"))->change, ==, HB_DIFF_SAME);
  }

  /* v1 → v5 of the advertising law: the line with the old effective date
   * was removed. */
  {
    g_autofree char *old_md = read_corpus_file (corpus, "_git_history/广告法(2021-04-29)/v1-2022-03-21-3305c96.md");
    g_autofree char *new_md = read_corpus_file (corpus, "_git_history/广告法(2021-04-29)/v5-2022-05-01-ad3fc7a.md");
    g_autoptr (HbDiff) d = diff (old_md, new_md);
    const HbDiffBlock *block = hb_diff_get_block (d, find_block (d, "2015年9月1日 施行"));
    g_autofree char *html = hb_diff_to_html (d, TRUE);

    g_assert_cmpint (block->change, ==, HB_DIFF_REMOVED);
    g_assert_null (block->new_text);
    g_assert_cmpuint (block->words_removed, ==, 8);
    g_assert_nonnull (strstr (html, "<p class=\"hb-removed\"><del>2015年9月1日 施行</del></p>"));
  }
}

/* Two dated versions of the agricultural technology extension law: the
 * 2024 amendment renamed the ministries in 第九条 and struck a phrase
 * from 第十九条; 第三条 and most others are untouched. */
static void
test_diff_small_amendment (void)
{
  g_autofree char *corpus = hb_test_corpus ("zh-laws");
  g_autofree char *old_md = NULL;
  g_autofree char *new_md = NULL;
  g_autoptr (HbDiff) d = NULL;
  g_autofree char *text = NULL;
  g_autofree char *changes = NULL;
  const HbDiffSummary *summary;
  const HbDiffSection *section;
  const HbDiffBlock *block;
  guint i;

  if (corpus == NULL)
    return;

  old_md = read_corpus_file (corpus, "经济法/农业技术推广法(2012-08-31).md");
  new_md = read_corpus_file (corpus, "经济法/农业技术推广法(2024-04-26).md");
  d = diff (old_md, new_md);
  summary = hb_diff_get_summary (d);

  /* Untouched. */
  block = hb_diff_get_block (d, find_block (d, "第三条 国家扶持农业技术推广事业"));
  g_assert_cmpint (block->change, ==, HB_DIFF_SAME);
  g_assert_cmpuint (block->words_added + block->words_removed, ==, 0);
  g_assert_cmpint (hb_diff_get_block (d, find_block (d, "第三十三条"))->change, ==, HB_DIFF_SAME);

  /* A phrase struck out. */
  i = find_block (d, "第十九条");
  block = hb_diff_get_block (d, i);
  text = hb_diff_block_to_text (d, i, NULL);
  g_assert_cmpint (block->change, ==, HB_DIFF_CHANGED);
  g_assert_cmpstr (text, ==, "第十九条 重大农业技术的推广应当列入国家和地方相关发展规划、计划，"
                             "由农业技术推广部门会同[-科学技术等-]相关部门按照各自的职责，相互配合，组织实施。");
  g_assert_cmpuint (block->words_removed, ==, 5);
  g_assert_cmpuint (block->words_added, ==, 0);
  g_assert_cmpstr (block->section->text, ==, "第三章 农业技术的推广与应用");

  /* Words inserted. */
  i = find_block (d, "第九条");
  g_clear_pointer (&text, g_free);
  text = hb_diff_block_to_text (d, i, NULL);
  g_assert_true (g_str_has_prefix (text, "第九条 国务院农业{+农村+}、林业{+草原+}、水利等部门"));
  g_assert_cmpuint (hb_diff_get_block (d, i)->words_added, ==, 4);

  /* The summary names the changed chapters, with the ids the article page
   * gives their headings, and not the untouched ones. */
  section = find_section (summary, "第三章 农业技术的推广与应用");
  g_assert_nonnull (section);
  g_assert_cmpint (section->change, ==, HB_DIFF_CHANGED);
  g_assert_cmpstr (section->id, ==, "第三章-农业技术的推广与应用");
  g_assert_cmpstr (section->anchor, ==, section->id);
  g_assert_cmpuint (section->words_removed, >=, 5);
  g_assert_null (find_section (summary, "第四章 农业技术推广的保障措施"));
  g_assert_null (find_section (summary, "第五章 法律责任"));
  section = find_section (summary, "第二章 农业技术推广体系");
  g_assert_nonnull (section);
  g_assert_cmpint (section->change, ==, HB_DIFF_ADDED);

  /* "Changes only" shows the amended articles under their chapters and
   * leaves the others out. */
  changes = hb_diff_to_text (d, TRUE);
  g_assert_nonnull (strstr (changes, "\n## 第三章 农业技术的推广与应用\n\n第十九条 "));
  g_assert_null (strstr (changes, "第三条"));
  g_assert_null (strstr (changes, "第四章"));
  g_assert_nonnull (strstr (changes, "unchanged blocks"));
}

/* The 2022 revision of the agricultural product quality law rewrote and
 * renumbered it; what stayed must still be found. */
static void
test_diff_revision (void)
{
  g_autofree char *corpus = hb_test_corpus ("zh-laws");
  g_autofree char *old_md = NULL;
  g_autofree char *new_md = NULL;
  g_autoptr (HbDiff) d = NULL;
  g_autoptr (HbRendered) page = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  const HbDiffSummary *summary;
  const HbDiffSection *section;
  guint i;

  if (corpus == NULL)
    return;

  old_md = read_corpus_file (corpus, "经济法/农产品质量安全法(2018-10-26).md");
  new_md = read_corpus_file (corpus, "经济法/农产品质量安全法(2022-09-02).md");
  d = diff (old_md, new_md);
  summary = hb_diff_get_summary (d);

  i = find_block (d, "第一条");
  text = hb_diff_block_to_text (d, i, NULL);
  g_assert_cmpstr (text, ==, "第一条 为{+了+}保障农产品质量安全，维护公众健康，促进农业和农村经济发展，制定本法。");

  /* Old 第八条 is new 第九条, with one word more. */
  i = find_block (d, "第九条");
  g_clear_pointer (&text, g_free);
  text = hb_diff_block_to_text (d, i, NULL);
  g_assert_cmpint (hb_diff_get_block (d, i)->change, ==, HB_DIFF_CHANGED);
  g_assert_cmpstr (hb_diff_get_block (d, i)->old_text, ==,
                   "第八条 国家引导、推广农产品标准化生产，鼓励和支持生产优质农产品，"
                   "禁止生产、销售不符合国家规定的农产品质量安全标准的农产品。");
  g_assert_cmpstr (text, ==, "第[-八-]{+九+}条 国家引导、推广农产品标准化生产，鼓励和支持生产{+绿色+}优质农产品，"
                             "禁止生产、销售不符合国家规定的农产品质量安全标准的农产品。");

  /* Untouched paragraphs of amended articles. */
  g_assert_cmpint (hb_diff_get_block (d, find_block (d, "国家鼓励其他农产品生产者建立农产品生产记录。"))->change, ==,
                   HB_DIFF_SAME);
  g_assert_cmpint (hb_diff_get_block (d, find_block (d, "因检测结果错误给当事人造成损害的"))->change, ==,
                   HB_DIFF_SAME);

  /* Chapter 5 was split and renamed: the old heading is removed, with an
   * anchor of its own in the redline. */
  section = find_section (summary, "第五章 农产品包装和标识");
  g_assert_nonnull (section);
  g_assert_cmpint (section->change, ==, HB_DIFF_REMOVED);
  g_assert_cmpstr (section->id, ==, "第五章-农产品包装和标识");
  g_assert_cmpstr (section->anchor, ==, "hb-removed-第五章-农产品包装和标识");
  html = hb_diff_to_html (d, FALSE);
  g_assert_nonnull (strstr (html, "<h2 id=\"hb-removed-第五章-农产品包装和标识\" class=\"hb-removed\">"));

  /* Every other section's id is the one the new version's page gives. */
  page = hb_markdown_render (new_md, NULL, NULL, NULL);
  for (i = 0; i < summary->sections->len; i++)
    {
      const HbDiffSection *changed = g_ptr_array_index (summary->sections, i);
      gboolean found = FALSE;
      guint h;

      if (changed->change == HB_DIFF_REMOVED || changed->id == NULL)
        continue;
      for (h = 0; h < page->headings->len && !found; h++)
        {
          HbHeading *heading = g_ptr_array_index (page->headings, h);

          found = g_strcmp0 (heading->id, changed->id) == 0 && g_strcmp0 (heading->text, changed->text) == 0;
        }
      g_assert_true (found);
      g_assert_nonnull (strstr (html, changed->anchor));
    }

  g_assert_cmpuint (summary->blocks_changed, >, 40);
  g_assert_cmpuint (summary->words_added, >, summary->words_removed);
}

static const char table_old[] =
  "# Fees\n\n"
  "| Item | Fee | Days |\n"
  "|:-----|----:|:----:|\n"
  "| Return shipping | 10 | 7 |\n"
  "| Restocking | 5 | 14 |\n"
  "| Gift wrap | 2 | 0 |\n\n"
  "After the table.\n";

static const char table_new[] =
  "# Fees\n\n"
  "| Item | Fee | Days |\n"
  "|:-----|----:|:----:|\n"
  "| Return shipping | 12 | 7 |\n"
  "| Restocking | 5 | 14 |\n"
  "| Gift wrap | 2 | 0 |\n"
  "| Insurance | 3 | 30 |\n\n"
  "After the table.\n";

static void
test_diff_table_cell (void)
{
  g_autoptr (HbDiff) d = diff (table_old, table_new);
  const HbDiffSummary *summary = hb_diff_get_summary (d);
  const HbDiffBlock *block;
  g_autofree char *html = hb_diff_to_html (d, FALSE);
  g_autofree char *changes = hb_diff_to_html (d, TRUE);
  g_autofree char *text = hb_diff_to_text (d, TRUE);
  guint i;

  /* The changed cell is that cell, in its row and column. */
  i = find_block (d, "12");
  block = hb_diff_get_block (d, i);
  g_assert_cmpint (block->change, ==, HB_DIFF_CHANGED);
  g_assert_cmpint (block->kind, ==, HB_DIFF_BLOCK_TABLE_CELL);
  g_assert_cmpint (block->row, ==, 1);
  g_assert_cmpint (block->column, ==, 1);
  g_assert_cmpstr (block->old_text, ==, "10");
  g_assert_nonnull (strstr (html, "<tr><td align=\"left\">Return shipping</td>"
                                  "<td align=\"right\" class=\"hb-changed\"><del>10</del><ins>12</ins></td>"
                                  "<td align=\"center\">7</td></tr>"));
  /* The added row is a row of added cells. */
  g_assert_nonnull (strstr (html, "<tr><td align=\"left\" class=\"hb-added\"><ins>Insurance</ins></td>"));
  g_assert_cmpuint (summary->blocks_changed, ==, 1);
  g_assert_cmpuint (summary->blocks_added, ==, 3);
  g_assert_cmpuint (summary->blocks_removed, ==, 0);

  /* "Changes only" keeps the header row and the changed row whole, and
   * marks the rows left out as a row. */
  g_assert_nonnull (strstr (changes, "<tr><th align=\"left\">Item</th>"));
  g_assert_nonnull (strstr (changes, "<td align=\"left\">Return shipping</td>"));
  g_assert_null (strstr (changes, "Restocking"));
  g_assert_nonnull (strstr (changes, "<tr class=\"hb-skipped\"><td colspan=\"3\">"));
  g_assert_null (strstr (changes, "After the table"));

  g_assert_nonnull (strstr (text, "| Item | Fee | Days |\n| Return shipping | [-10-]{+12+} | 7 |\n"));
  g_assert_nonnull (strstr (text, "| {+Insurance+} | {+3+} | {+30+} |"));
}

static void
test_diff_english (void)
{
  g_autoptr (HbDiff) d = diff ("# Shipping\n\nThe seller must ship within 48 hours of payment.\n\n"
                               "Refund requests are answered the same day.\n\n"
                               "Keep the box.\n",
                               "# Shipping\n\nThe seller shall ship within 72 hours of payment.\n\n"
                               "Refunds are answered the same day.\n\n"
                               "Keep the box.\n");
  const HbDiffSummary *summary = hb_diff_get_summary (d);
  g_autofree char *first = hb_diff_block_to_text (d, find_block (d, "The seller"), NULL);
  g_autofree char *second = hb_diff_block_to_text (d, find_block (d, "Refunds"), NULL);
  g_autofree char *text = hb_diff_to_text (d, FALSE);
  const HbDiffSection *section;

  /* Whole words, never parts of them. */
  g_assert_cmpstr (first, ==, "The seller [-must-]{+shall+} ship within [-48-]{+72+} hours of payment.");
  g_assert_cmpstr (second, ==, "[-Refund requests-]{+Refunds+} are answered the same day.");
  g_assert_cmpuint (summary->words_added, ==, 3);
  g_assert_cmpuint (summary->words_removed, ==, 4);
  g_assert_cmpint (hb_diff_get_block (d, find_block (d, "Keep the box."))->change, ==, HB_DIFF_SAME);

  g_assert_cmpstr (text, ==, "# Shipping\n\n"
                             "The seller [-must-]{+shall+} ship within [-48-]{+72+} hours of payment.\n\n"
                             "[-Refund requests-]{+Refunds+} are answered the same day.\n\n"
                             "Keep the box.\n");

  g_assert_cmpuint (summary->sections->len, ==, 1);
  section = g_ptr_array_index (summary->sections, 0);
  g_assert_cmpstr (section->id, ==, "shipping");
  g_assert_cmpstr (section->text, ==, "Shipping");
  g_assert_cmpint (section->level, ==, 1);
}

static void
test_diff_chinese (void)
{
  g_autoptr (HbDiff) d = diff ("消费者可以在七日内退货。\n", "消费者可以在收到商品之日起七日内无理由退货，运费由卖家承担。\n");
  g_autofree char *text = hb_diff_block_to_text (d, 0, NULL);
  const HbDiffSummary *summary = hb_diff_get_summary (d);

  /* Character by character, punctuation on its own, not counted. */
  g_assert_cmpstr (text, ==, "消费者可以在{+收到商品之日起+}七日内{+无理由+}退货{+，运费由卖家承担+}。");
  g_assert_cmpuint (summary->words_added, ==, 7 + 3 + 7);
  g_assert_cmpuint (summary->words_removed, ==, 0);
}

static void
test_diff_markers (void)
{
  static const HbDiffMarkers colours = { "\033[31m", "\033[0m", "\033[32m", "\033[0m" };
  g_autoptr (HbDiff) d = diff ("Reply in 48 hours.\n", "Reply in 24 hours.\n");
  g_autofree char *text = hb_diff_to_text_with_markers (d, FALSE, &colours);

  g_assert_cmpstr (text, ==, "Reply in \033[31m48\033[0m\033[32m24\033[0m hours.\n");
}

static void
test_diff_structure (void)
{
  g_autoptr (HbDiff) d = diff ("## Steps\n\n1. Ask for photos.\n2. Check the order.\n3. Refund.\n\n"
                               "> Quoted rule.\n\n- [ ] video\n\n```\ncode one\n```\n",
                               "## Steps\n\n1. Ask for photos.\n2. Refund.\n\n"
                               "> Quoted rule, amended.\n\n- [x] video\n\n```\ncode two\n```\n\n## More\n\nNew.\n");
  g_autofree char *html = hb_diff_to_html (d, FALSE);
  g_autofree char *text = hb_diff_to_text (d, FALSE);

  /* A removed list item stays in its list, with its number. */
  g_assert_nonnull (strstr (html, "<ol>\n<li value=\"1\"><div>Ask for photos.</div>\n</li>\n"
                                  "<li value=\"2\"><div class=\"hb-removed\"><del>Check the order.</del></div>\n</li>\n"
                                  "<li value=\"2\"><div>Refund.</div>\n</li>\n</ol>\n"));
  g_assert_nonnull (strstr (html, "<blockquote>\n<p class=\"hb-changed\">Quoted rule<ins>, amended</ins>.</p>\n</blockquote>"));
  /* Ticking a task is a change. */
  g_assert_nonnull (strstr (html, "<del>☐</del><ins>☑</ins> video"));
  g_assert_nonnull (strstr (html, "<pre class=\"hb-changed\"><code>code <del>one</del><ins>two</ins></code></pre>"));
  /* An added section is marked on its heading. */
  g_assert_nonnull (strstr (html, "<h2 id=\"more\" class=\"hb-added\"><ins>More</ins></h2>"));
  g_assert_nonnull (strstr (html, "<p class=\"hb-added\"><ins>New.</ins></p>"));

  g_assert_cmpstr (text, ==, "## Steps\n\n"
                             "1. Ask for photos.\n"
                             "2. [-Check the order.-]\n"
                             "2. Refund.\n\n"
                             "> Quoted rule{+, amended+}.\n\n"
                             "- [-☐-]{+☑+} video\n\n"
                             "    code [-one-]{+two+}\n\n"
                             "## {+More+}\n\n"
                             "{+New.+}\n");
}

static void
test_diff_escaping (void)
{
  g_autoptr (HbDiff) d = diff ("# Rules\n\nOld <b>bold</b> text & more.\n\nUse `<script>` never.\n",
                               "# Rules \"x\" & y\n\nNew <script>alert(1)</script> text & more.\n\n"
                               "Use `<script>alert(2)</script>` never.\n\n"
                               "```html\n<script>alert(3)</script>\n```\n\n"
                               "<div onclick=\"alert(4)\">raw block</div>\n\n"
                               "[a link](javascript:alert(5)) and ![img](http://127.0.0.1/x.png)\n");
  g_autofree char *html = hb_diff_to_html (d, FALSE);
  g_autofree char *changes = hb_diff_to_html (d, TRUE);
  const char *p;

  /* Only our own tags: everything of the article is text. */
  for (p = html; (p = strchr (p, '<')) != NULL; p++)
    {
      static const char *const ours[] = {
        "<div class=\"hb-redline\">", "</div>", "<h1", "</h1>", "<p", "</p>", "<ins>", "</ins>",
        "<del>", "</del>", "<pre", "</pre>", "<code>", "</code>",
      };
      gboolean known = FALSE;
      guint k;

      for (k = 0; k < G_N_ELEMENTS (ours) && !known; k++)
        known = g_str_has_prefix (p, ours[k]);
      if (!known)
        g_error ("Unexpected tag in the redline: %.40s", p);
    }
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (changes, "<script"));
  g_assert_null (strstr (html, "onclick"));
  g_assert_null (strstr (html, "href"));
  g_assert_null (strstr (html, "src="));
  /* What the page shows as text, the redline shows as text. */
  g_assert_nonnull (strstr (html, "Use &lt;script&gt;<ins>alert(2)&lt;/script&gt;</ins> never."));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(3)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "text &amp; more."));
  g_assert_nonnull (strstr (html, "Rules<ins> &quot;x&quot; &amp; y</ins></h1>"));
  /* Raw HTML is dropped by the page, so by the redline too. */
  g_assert_null (strstr (html, "raw block"));
  g_assert_null (strstr (html, "bold</b>"));
}

static void
test_diff_invalid_utf8 (void)
{
  g_autoptr (GError) error = NULL;
  HbDiff *d = hb_diff_markdown ("# Fine\n", "# Title\n\nline two\n\xff\xfe bad\n", &error);

  g_assert_null (d);
  g_assert_error (error, HB_DIFF_ERROR, HB_DIFF_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "new version"));
  g_assert_nonnull (strstr (error->message, "line 4"));
}

static void
test_diff_empty (void)
{
  g_autoptr (HbDiff) same = diff ("", "");
  g_autoptr (HbDiff) added = diff ("", "# New\n\nText.\n");
  g_autofree char *text = hb_diff_to_text (same, FALSE);
  g_autofree char *html = hb_diff_to_html (added, TRUE);

  g_assert_false (hb_diff_has_changes (same));
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpuint (hb_diff_get_summary (added)->blocks_added, ==, 2);
  g_assert_cmpstr (html, ==, "<div class=\"hb-redline\">\n<h1 id=\"new\" class=\"hb-added\"><ins>New</ins></h1>\n"
                             "<p class=\"hb-added\"><ins>Text.</ins></p>\n</div>\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/identical", test_diff_identical);
  g_test_add_func ("/diff/git-history", test_diff_git_history);
  g_test_add_func ("/diff/small-amendment", test_diff_small_amendment);
  g_test_add_func ("/diff/revision", test_diff_revision);
  g_test_add_func ("/diff/table-cell", test_diff_table_cell);
  g_test_add_func ("/diff/english", test_diff_english);
  g_test_add_func ("/diff/chinese", test_diff_chinese);
  g_test_add_func ("/diff/markers", test_diff_markers);
  g_test_add_func ("/diff/structure", test_diff_structure);
  g_test_add_func ("/diff/escaping", test_diff_escaping);
  g_test_add_func ("/diff/invalid-utf8", test_diff_invalid_utf8);
  g_test_add_func ("/diff/empty", test_diff_empty);

  return g_test_run ();
}
