/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hb-import.h"
#include "hb-markdown.h"
#include "hb-quiz.h"
#include "hb-search-correct.h"
#include "hb-search-lexicon.h"
#include "hb-search-query.h"
#include "hb-search-private.h"
#include "hb-search.h"
#include "hb-store-articles.h"
#include "hb-store-private.h"
#include "hb-store-search.h"
#include "hb-test-util.h"

/* One store for all the tests: the sample handbook, the 18F handbook, the
 * civil and commercial laws of zh-laws, the local regulations of one
 * province (浙江) and a few files of our own, all
 * copied out of the (read-only) corpus first. */
static HbStore *store;
/* The copy of the 18F handbook's pages, for a store of its own. */
static char *handbook_pages;

static const char order_article[] =
  "---\n"
  "id: order-case\n"
  "title: A refund case file\n"
  "kind: faq\n"
  "platforms: [pinduoduo]\n"
  "tags: [case-files]\n"
  "lang: zh-CN\n"
  "---\n"
  "# 案例\n\n"
  "客户订单123456退款已处理，运单号ＳＦ１４２８５７。\n\n"
  "## Markup\n\n"
  "Quote a < b && c > d literally, with the refund & the reply.\n";

static void
setup_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autofree char *zh = NULL;
  g_autofree char *handbook = NULL;
  g_autofree char *content = NULL;
  g_autofree char *extra = NULL;
  const char *content_dir = g_getenv ("HANDBOOK_CONTENT_DIR");
  const char *corpus = g_getenv ("HANDBOOK_CORPUS_DIR");
  g_autofree char *zh_source = NULL;
  g_autofree char *handbook_source = NULL;
  g_autofree char *local_source = NULL;
  g_autofree char *local = NULL;
  HbImportOptions options = { HB_IMPORT_FLAGS_SKIP_INVALID, NULL };

  g_assert_nonnull (content_dir);
  g_assert_nonnull (corpus);
  zh_source = g_build_filename (corpus, "zh-laws", "民法商法", NULL);
  handbook_source = g_build_filename (corpus, "handbook-18f", "pages", NULL);
  local_source = g_build_filename (corpus, "zh-laws", "DLC", "浙江地方法规", NULL);

  content = hb_test_copy_tree (content_dir, "content");
  zh = hb_test_copy_tree (zh_source, "zh-laws");
  handbook = hb_test_copy_tree (handbook_source, "handbook-18f");
  local = hb_test_copy_tree (local_source, "zh-laws-zhejiang");
  extra = hb_test_write_file ("extra/order-case.md", order_article, -1);
  handbook_pages = g_strdup (handbook);

  store = hb_test_new_store ("search.db");
  {
    const char *paths[] = { content, zh, local, handbook, extra, NULL };

    report = hb_import_paths (store, paths, &options, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (report);
    g_assert_true (report->committed);
    g_assert_cmpuint (report->n_new, >, 250);
  }
}

static GListModel *
search (const char *query, const HbSearchOptions *options)
{
  g_autoptr (GError) error = NULL;
  GListModel *results = hb_search_run (store, query, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static HbSearchResult *
nth (GListModel *results, guint i)
{
  HbSearchResult *result = g_list_model_get_item (results, i);

  /* The model holds a reference for as long as the test needs it. */
  g_object_unref (result);
  return result;
}

static gboolean
has_id (GListModel *results, const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    if (g_strcmp0 (hb_search_result_get_id (nth (results, i)), id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_mark (HbSearchResult *result)
{
  g_autofree char *markup = hb_search_result_get_snippet_markup (result);

  return strstr (markup, "<b>") != NULL && strstr (markup, "</b>") != NULL;
}

/* Results come best first: higher ranks before lower. */
static void
assert_ranked (GListModel *results)
{
  for (guint i = 1; i < g_list_model_get_n_items (results); i++)
    g_assert_cmpfloat (hb_search_result_get_rank (nth (results, i - 1)), >=,
                       hb_search_result_get_rank (nth (results, i)));
}

static HbSearchMatch *match_of (HbSearchResult *result, const char *word);

static void
test_english_stems (void)
{
  g_autoptr (GListModel) refunds = search ("refunds ", NULL);
  g_autoptr (GListModel) refund = search ("refund ", NULL);
  g_autoptr (GListModel) refunded = search ("REFUNDED ", NULL);
  guint n = g_list_model_get_n_items (refunds);

  g_assert_cmpuint (n, >, 5);
  g_assert_cmpuint (g_list_model_get_n_items (refund), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (refunded), ==, n);
  g_assert_true (has_id (refunds, "faq-refund-timing"));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (hb_search_result_get_id (nth (refunds, i)), ==,
                     hb_search_result_get_id (nth (refund, i)));
  assert_ranked (refunds);
}

static void
test_prefix (void)
{
  HbSearchOptions as_typed = { .flags = HB_SEARCH_FLAGS_NO_CORRECTION };
  g_autoptr (GListModel) typed = search ("arbitra", NULL);
  g_autoptr (GListModel) done = search ("arbitra ", &as_typed);
  g_autoptr (GListModel) suffix = search ("evidence unboxi", NULL);
  g_autoptr (GListModel) whole = search ("evidence unboxing", NULL);

  /* The word being typed is a prefix; once a space follows, it is not (and
   * only a correction would find it). */
  g_assert_true (has_id (typed, "platform-arbitration"));
  g_assert_cmpuint (g_list_model_get_n_items (done), ==, 0);
  /* Cut inside a suffix that the index stemmed away ("unbox"). */
  g_assert_cmpuint (g_list_model_get_n_items (suffix), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (suffix), >=, g_list_model_get_n_items (whole));
  g_assert_true (has_id (suffix, hb_search_result_get_id (nth (whole, 0))));
}

static void
test_prefix_terms (void)
{
  g_autoptr (GPtrArray) terms = hb_search_prefix_terms (store, "counterf", 12, NULL);
  g_autoptr (GPtrArray) many = hb_search_prefix_terms (store, "co", 12, NULL);
  g_autoptr (GListModel) typed = search ("counterfei", NULL);
  g_autoptr (GListModel) whole = search ("counterfeit ", NULL);
  g_autoptr (GListModel) common = search ("cons", NULL);
  HbSearchMatch *match;

  /* A word being typed past the prefix indexes is asked for as the terms
   * of the index it starts ("counterfeit"), found as the whole word is,
   * shown and explained as typed. */
  g_assert_nonnull (terms);
  g_assert_true (g_ptr_array_find_with_equal_func (terms, "counterfeit", g_str_equal, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (typed), >, 0);
  g_assert_cmpstr (hb_search_result_get_id (nth (typed, 0)), ==, "counterfeit-accusations");
  g_assert_cmpstr (hb_search_result_get_id (nth (typed, 0)), ==,
                   hb_search_result_get_id (nth (whole, 0)));
  g_assert_true (has_mark (nth (typed, 0)));
  match = match_of (nth (typed, 0), "counterfei");
  g_assert_nonnull (match);
  g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_PREFIX);
  g_assert_true (match->fields & HB_SEARCH_FIELD_TITLE);
  /* A start of many words stays a prefix, and finds them. */
  g_assert_null (many);
  g_assert_cmpuint (g_list_model_get_n_items (common), >, 5);
  match = match_of (nth (common, 0), "cons");
  g_assert_nonnull (match);
  g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_PREFIX);
}

static void
test_chinese_pairs (void)
{
  g_autoptr (GListModel) no_reason = search ("七日无理由退货", NULL);
  g_autoptr (GListModel) refund = search ("退款", NULL);
  gboolean longer = FALSE;

  /* The sample FAQ and the E-Commerce and Consumer Rights laws say it; the
   * best results say it whole (those after them may hold only some of
   * its words). */
  g_assert_true (has_id (no_reason, "zh-faq-intact-goods"));
  for (guint i = 0; i < MIN (3, g_list_model_get_n_items (no_reason)); i++)
    {
      HbSearchResult *result = nth (no_reason, i);

      g_assert_true (has_mark (result));
      /* 七日 is 七天 to the thesaurus; the words are in the snippet, or in
       * the heading of the section it is from. */
      g_assert_true (strstr (hb_search_result_get_snippet (result), "无理由退货") != NULL
                     || strstr (hb_search_result_get_section (result), "无理由退货") != NULL);
    }

  /* 退款 also finds the longer words that hold it, 退款申请 among them. */
  g_assert_cmpuint (g_list_model_get_n_items (refund), >, 3);
  for (guint i = 0; i < g_list_model_get_n_items (refund); i++)
    if (strstr (hb_search_result_get_snippet (nth (refund, i)), "退款") != NULL)
      longer = TRUE;
  g_assert_true (longer);
}

static void
test_chinese_single (void)
{
  g_autoptr (GListModel) one = search ("赔", NULL);
  g_autoptr (GListModel) end = search ("tag:case-files 理", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (one), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (end), >, 0);
  /* 理 is found where it ends a run (已处理，) as well as inside one. */
  g_assert_true (has_id (end, "order-case"));
}

static void
test_order_numbers (void)
{
  g_autoptr (GListModel) number = search ("123456", NULL);
  g_autoptr (GListModel) glued = search ("订单123456退款", NULL);
  g_autoptr (GListModel) wide = search ("SF142857", NULL);
  g_autoptr (GListModel) partial = search ("12345 ", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (number), ==, 1);
  g_assert_cmpstr (hb_search_result_get_id (nth (number, 0)), ==, "order-case");
  g_assert_true (has_mark (nth (number, 0)));
  g_assert_true (has_id (glued, "order-case"));
  /* Full-width letters and digits are found by normal ones. */
  g_assert_true (has_id (wide, "order-case"));
  g_assert_false (has_id (partial, "order-case"));
}

static void
test_scopes (void)
{
  g_autoptr (GListModel) regulations = search ("kind:regulation", NULL);
  g_autoptr (GListModel) tmall = search ("platform:Tmall returns", NULL);
  g_autoptr (GListModel) tagged = search ("tag:case-files", NULL);
  g_autoptr (GListModel) chinese = search ("lang:zh 退货", NULL);
  g_autoptr (GListModel) not_tmall = search ("returns -platform:tmall", NULL);
  HbSearchOptions faq_only = { .kind = "faq", .lang = "en" };
  g_autoptr (GListModel) faqs = search ("refund", &faq_only);
  g_autoptr (GListModel) both = search ("kind:guide refund", &faq_only);
  guint i;

  g_assert_cmpuint (g_list_model_get_n_items (regulations), >=, 7);
  for (i = 0; i < g_list_model_get_n_items (regulations); i++)
    g_assert_cmpstr (hb_search_result_get_kind (nth (regulations, i)), ==, "regulation");

  g_assert_cmpuint (g_list_model_get_n_items (tmall), >, 0);
  for (i = 0; i < g_list_model_get_n_items (tmall); i++)
    g_assert_true (g_strv_contains (hb_search_result_get_platforms (nth (tmall, i)), "tmall"));
  g_assert_cmpuint (g_list_model_get_n_items (not_tmall), >, 0);
  for (i = 0; i < g_list_model_get_n_items (not_tmall); i++)
    g_assert_false (g_strv_contains (hb_search_result_get_platforms (nth (not_tmall, i)), "tmall"));

  g_assert_cmpuint (g_list_model_get_n_items (tagged), ==, 1);
  g_assert_cmpstr (hb_search_result_get_id (nth (tagged, 0)), ==, "order-case");

  g_assert_cmpuint (g_list_model_get_n_items (chinese), >, 0);
  for (i = 0; i < g_list_model_get_n_items (chinese); i++)
    {
      g_autoptr (HbArticle) article = hb_store_get_article (
        store, hb_search_result_get_id (nth (chinese, i)), 0, NULL);

      g_assert_cmpstr (hb_article_get_lang (article), ==, "zh-CN");
    }

  g_assert_cmpuint (g_list_model_get_n_items (faqs), >, 0);
  for (i = 0; i < g_list_model_get_n_items (faqs); i++)
    g_assert_cmpstr (hb_search_result_get_kind (nth (faqs, i)), ==, "faq");
  /* Options and typed scopes are ANDed. */
  g_assert_cmpuint (g_list_model_get_n_items (both), ==, 0);
}

static gboolean
article_contains (const char *id, const char *needle)
{
  g_autoptr (HbArticle) article = hb_store_get_article (store, id, 0, NULL);
  /* What is searched: a lesson's quiz is not (hb_markdown_sections ()). */
  g_autofree char *text = hb_quiz_strip_markdown (hb_article_get_body (article));
  g_autofree char *body = g_utf8_strdown (text, -1);
  g_autofree char *title = g_utf8_strdown (hb_article_get_title (article), -1);

  return strstr (body, needle) != NULL || strstr (title, needle) != NULL;
}

static void
test_phrases_and_exclusion (void)
{
  g_autoptr (GListModel) phrase = search ("\"not as described\"", NULL);
  g_autoptr (GListModel) words = search ("described not as", NULL);
  g_autoptr (GListModel) without = search ("evidence -tmall", NULL);
  g_autoptr (GListModel) without_phrase = search ("evidence -\"not as described\"", NULL);
  g_autoptr (GListModel) only_exclusion = search ("-tmall", NULL);
  guint i;

  g_assert_cmpuint (g_list_model_get_n_items (phrase), >, 3);
  g_assert_cmpuint (g_list_model_get_n_items (words), >=, g_list_model_get_n_items (phrase));
  for (i = 0; i < g_list_model_get_n_items (phrase); i++)
    g_assert_true (article_contains (hb_search_result_get_id (nth (phrase, i)), "as described"));

  g_assert_cmpuint (g_list_model_get_n_items (without), >, 0);
  for (i = 0; i < g_list_model_get_n_items (without); i++)
    g_assert_false (article_contains (hb_search_result_get_id (nth (without, i)), "tmall"));
  for (i = 0; i < g_list_model_get_n_items (without_phrase); i++)
    g_assert_false (has_id (phrase, hb_search_result_get_id (nth (without_phrase, i))));

  /* Exclusions alone search everything else. */
  g_assert_cmpuint (g_list_model_get_n_items (only_exclusion), ==, 20);
}

static void
test_hostile (void)
{
  static const char *const queries[] = {
    "\"", "\"\"\"", "*", "**", "NEAR(", "NEAR(a b", ":", "^", "^refund", "refund*",
    "'; DROP TABLE articles; --", "AND OR NOT", "a AND", "OR", "(((", ")))", "{title}: refund",
    "title:refund", "kind:", "kind:\"", "-", "--", "- -", "-\"", "\"refund", "refund\"",
    "col:\"x", "\xff\xfe\xfd", "退款\xe9", "NOT refund", "refund NOT", "+refund", "\\", "%",
    "_", "\x01\x02\x03", "😀", "：", "“退款", "「退款」", "platform:\"tm all\"", "tag:",
    "lang:zh-CN -lang:zh-CN", "x:y:z", "0a", "{facets}: \"0a\"", "rank:1", "rowid=1",
  };
  g_autoptr (GString) huge = g_string_new (NULL);
  g_autoptr (GListModel) after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (GListModel) results = search (queries[i], NULL);
      g_auto (GStrv) suggestions = hb_search_suggest (store, queries[i], 3);

      g_assert_nonnull (suggestions);
    }

  for (int i = 0; i < 5000; i++)
    g_string_append (huge, i % 7 == 0 ? "\" " : "退款 refund ");
  {
    g_autoptr (GListModel) results = search (huge->str, NULL);
  }

  /* The database is untouched. */
  after = search ("refund", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (after), >, 0);
  g_assert_cmpint (hb_store_count_articles (store, NULL), >, 250);

  {
    g_autoptr (GListModel) empty = search ("", NULL);
    g_autoptr (GListModel) blank = search ("   \t　", NULL);
    g_autoptr (GListModel) none = search (NULL, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (empty), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (blank), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  }
}

static void
test_ranking (void)
{
  g_autoptr (GListModel) law = search ("消费者权益保护法", NULL);
  g_autoptr (GListModel) arbitration = search ("arbitration", NULL);
  HbSearchResult *first;

  /* The law of that name (or the handbook's summary of it, in English)
   * comes before the laws and guides that cite it. */
  g_assert_cmpuint (g_list_model_get_n_items (law), >, 3);
  first = nth (law, 0);
  g_assert_true (strstr (hb_search_result_get_title (first), "消费者权益保护法") != NULL
                 || strstr (hb_search_result_get_title (first), "Consumer Rights Protection Law") != NULL);
  g_assert_true (strstr (hb_search_result_get_title (nth (law, 1)), "消费者权益保护法") != NULL
                 || strstr (hb_search_result_get_title (nth (law, 1)), "Consumer Rights Protection Law") != NULL);
  g_assert_null (strstr (hb_search_result_get_title (nth (law, g_list_model_get_n_items (law) - 1)),
                         "消费者权益保护法"));
  assert_ranked (law);

  /* A title match outranks a body match. */
  first = nth (arbitration, 0);
  g_assert_nonnull (strstr (hb_search_result_get_title (first), "arbitration")
                    ? hb_search_result_get_title (first)
                    : strstr (hb_search_result_get_title (first), "Arbitration"));
  assert_ranked (arbitration);
}

static void
test_sections (void)
{
  g_autoptr (GListModel) results = search ("unboxing video", NULL);
  gboolean found = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      HbSearchResult *result = nth (results, i);
      g_autoptr (HbArticle) article = NULL;
      g_autoptr (HbRendered) rendered = NULL;
      const char *section_id = hb_search_result_get_section_id (result);

      if (section_id == NULL)
        continue;
      g_assert_nonnull (hb_search_result_get_section (result));

      /* The id is one the rendered page has, so the window can scroll there. */
      article = hb_store_get_article (store, hb_search_result_get_id (result), 0, NULL);
      rendered = hb_markdown_render (hb_article_get_body (article), NULL, NULL, NULL);
      for (guint h = 0; h < rendered->headings->len; h++)
        {
          HbHeading *heading = g_ptr_array_index (rendered->headings, h);

          if (g_strcmp0 (heading->id, section_id) == 0)
            {
              g_assert_cmpstr (heading->text, ==, hb_search_result_get_section (result));
              found = TRUE;
            }
        }
    }
  g_assert_true (found);
}

static void
test_snippets (void)
{
  g_autoptr (GListModel) results = search ("literally quote", NULL);
  g_autoptr (GListModel) chinese = search ("电子商务经营者", NULL);
  HbSearchResult *result = NULL;
  g_autofree char *markup = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
  g_assert_true (has_id (results, "order-case"));
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    if (g_strcmp0 (hb_search_result_get_id (nth (results, i)), "order-case") == 0)
      result = nth (results, i);
  g_assert_cmpstr (hb_search_result_get_section (result), ==, "Markup");
  g_assert_cmpstr (hb_search_result_get_section_id (result), ==, "markup");
  markup = hb_search_result_get_snippet_markup (result);
  /* Matches marked, the text around them escaped. */
  g_assert_nonnull (strstr (markup, "<b>Quote</b> a &lt; b &amp;&amp; c &gt; d <b>literally</b>"));
  g_assert_nonnull (strstr (hb_search_result_get_snippet (result), "Quote a < b && c > d literally"));
  g_assert_nonnull (hb_search_result_get_source (result));
  g_assert_cmpuint (hb_search_result_get_version (result), ==, 1);

  /* The best results hold both words (电子商务, 经营者), marked. */
  g_assert_cmpuint (g_list_model_get_n_items (chinese), >, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *m = hb_search_result_get_snippet_markup (nth (chinese, i));

      g_assert_nonnull (strstr (m, "<b>电子商务"));
    }

  /* Typed again, the rows have the same matches: their snippets come from
   * the memo of the last keystrokes, and read the same, marks and all. */
  {
    g_autoptr (GListModel) again = search ("电子商务经营者", NULL);

    g_assert_cmpuint (g_list_model_get_n_items (again), ==, g_list_model_get_n_items (chinese));
    for (guint i = 0; i < g_list_model_get_n_items (again); i++)
      {
        g_autofree char *first = hb_search_result_get_snippet_markup (nth (chinese, i));
        g_autofree char *second = hb_search_result_get_snippet_markup (nth (again, i));

        g_assert_cmpstr (hb_search_result_get_id (nth (again, i)), ==,
                         hb_search_result_get_id (nth (chinese, i)));
        g_assert_cmpstr (second, ==, first);
        g_assert_cmpstr (hb_search_result_get_section (nth (again, i)), ==,
                         hb_search_result_get_section (nth (chinese, i)));
      }
  }
}

/* Counted in one query, a word's alternatives and their OR have the counts
 * that counting each on its own gives: exactly up to the cap, the same
 * guess beyond it. Each side counts on a store of its own, so that
 * neither reads what the other remembered. */
static void
check_group_counts (const char *const *phrases, const int *caps, guint n, int cap)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) alone = hb_store_open (hb_store_get_path (store), &error);
  g_autoptr (HbStore) together = hb_store_open (hb_store_get_path (store), &error);
  g_autoptr (GString) expression = g_string_new ("(");
  gint64 docs[8] = { 0 };
  gint64 group_docs = -7;

  g_assert_no_error (error);
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (docs));
  for (guint i = 0; i < n; i++)
    g_string_append_printf (expression, "%s%s", i > 0 ? " OR " : "", phrases[i]);
  g_string_append_c (expression, ')');

  g_assert_true (hb_store_read_begin (together, &error));
  g_assert_true (hb_store_search_count_group (together, phrases, caps, n, cap, docs, &group_docs));
  hb_store_read_end (together);
  g_assert_true (hb_store_read_begin (alone, &error));
  g_assert_cmpint (group_docs, ==, hb_store_search_count (alone, expression->str, cap, &error));
  for (guint i = 0; i < n; i++)
    if (caps[i] >= 0)
      g_assert_cmpint (docs[i], ==, hb_store_search_count (alone, phrases[i], caps[i], &error));
  g_assert_no_error (error);
  hb_store_read_end (alone);

  /* What is remembered is what was counted. */
  {
    gint64 again[8] = { 0 };
    gint64 group_again = -7;

    g_assert_true (hb_store_read_begin (together, &error));
    g_assert_true (hb_store_search_count_group (together, phrases, caps, n, cap, again, &group_again));
    g_assert_cmpint (group_again, ==, group_docs);
    for (guint i = 0; i < n; i++)
      if (caps[i] >= 0)
        {
          g_assert_cmpint (again[i], ==, docs[i]);
          g_assert_cmpint (hb_store_search_count (together, phrases[i], caps[i], &error), ==, docs[i]);
        }
    hb_store_read_end (together);
  }
}

/* The terms a prefix asks for, and how many rows hold each, or NULL. */
static char *
prefix_terms_text (HbStore *on, const char *prefix, guint max)
{
  g_autoptr (GArray) docs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) terms = hb_search_prefix_terms (on, prefix, max, docs);
  GString *out;

  if (terms == NULL)
    return NULL;
  g_assert_cmpuint (terms->len, <=, max);
  g_assert_cmpuint (docs->len, ==, terms->len);
  out = g_string_new (NULL);
  for (guint i = 0; i < terms->len; i++)
    g_string_append_printf (out, "%s:%" G_GINT64_FORMAT " ", (const char *) g_ptr_array_index (terms, i),
                            g_array_index (docs, gint64, i));
  return g_string_free (out, FALSE);
}

/* A word being typed asks for the few terms it starts: read on their own,
 * they are the same as those of every term of its letter, which a
 * correction reads (on a store of its own, which has read no letter). */
static void
test_prefix_terms_alone (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) fresh = hb_store_open (hb_store_get_path (store), &error);
  g_autoptr (HbStore) lettered = hb_store_open (hb_store_get_path (store), &error);
  const char *prefixes[] = { "r", "re", "ref", "refu", "refun", "ret", "retu", "retur",
                             "del", "deli", "deliv", "wa", "war", "warr", "coun", "count",
                             "zzqx", "evid", "pro", "prov" };
  guint n_some = 0, n_none = 0;

  g_assert_no_error (error);
  g_assert_true (hb_store_read_begin (fresh, &error));
  g_assert_true (hb_store_read_begin (lettered, &error));
  /* A typo makes a correction read the terms of its first two letters. */
  for (const char *letter = "rdwcezp"; *letter != '\0'; letter++)
    {
      g_autofree char *typo = g_strdup_printf ("%cqqqzx", *letter);
      g_autoptr (GPtrArray) corrections = hb_search_correct (lettered, typo, 3);
    }
  for (guint max = 1; max <= 16; max++)
    for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
      {
        g_autofree char *alone = prefix_terms_text (fresh, prefixes[i], max);
        g_autofree char *from_letter = prefix_terms_text (lettered, prefixes[i], max);

        g_assert_cmpstr (alone, ==, from_letter);
        if (alone != NULL)
          n_some++;
        else
          n_none++;
      }
  /* Both answers were given: some terms, and none or too many. */
  g_assert_cmpuint (n_some, >, 20);
  g_assert_cmpuint (n_none, >, 20);
  {
    g_autofree char *refun = prefix_terms_text (fresh, "refun", 12);

    g_assert_nonnull (strstr (refun, "refund:"));
  }
  hb_store_read_end (lettered);
  hb_store_read_end (fresh);
}

static void
test_group_counts (void)
{
  g_autoptr (GError) error = NULL;
  /* A word, its prefix, a phrase of two words and one that no row has. */
  const char *refund[] = { "\"refund\"", "\"refund\" *", "\"partial refund\"", "\"zzqxv\"" };
  const int refund_caps[] = { 250, 250, 1, 1 };
  /* Small caps: more rows than counted, so the counts are guesses. */
  const int small_caps[] = { 3, 5, 1, 0 };
  /* Chinese words (pairs of characters in the index) and a synonym. */
  const char *han[] = { "\"退款\"", "\"仅退款\"", "\"refund only\"" };
  const int han_caps[] = { 250, 250, 1 };
  const int han_counted[] = { -1, 250, 250 };
  const char *near[] = { "NEAR(\"部分\" \"退款\", 12)", "\"退款\"" };
  const int near_caps[] = { 1, 250 };
  gint64 docs[2], group_docs;

  check_group_counts (refund, refund_caps, G_N_ELEMENTS (refund), 250);
  check_group_counts (refund, small_caps, G_N_ELEMENTS (refund), 4);
  check_group_counts (han, han_caps, G_N_ELEMENTS (han), 250);
  /* A phrase counted before is not counted again. */
  check_group_counts (han, han_counted, G_N_ELEMENTS (han), 2);

  /* Only plain phrases: NEAR is counted on its own. */
  g_assert_true (hb_store_read_begin (store, &error));
  g_assert_false (hb_store_search_count_group (store, near, near_caps, 2, 250, docs, &group_docs));
  hb_store_read_end (store);

  /* Whether a title, heading or tag has one: remembered from the rows the
   * counts read, the same as asking. */
  {
    g_autoptr (HbStore) fresh = hb_store_open (hb_store_get_path (store), &error);
    const char *words[] = { "\"counterfeit\"", "\"counterfeit\" *" };
    const int caps[] = { 250, 250 };
    const char *rare[] = { "\"unboxing\"" };
    const int rare_caps[] = { -1 };

    g_assert_true (hb_store_read_begin (fresh, &error));
    g_assert_true (hb_store_search_count_group (fresh, words, caps, 2, 250, docs, &group_docs));
    g_assert_cmpint (hb_store_search_titled (fresh, "(\"counterfeit\" OR \"counterfeit\" *)", &error), ==, 1);
    g_assert_true (hb_store_search_count_group (fresh, rare, rare_caps, 1, 250, docs, &group_docs));
    g_assert_cmpint (group_docs, >, 0);
    g_assert_cmpint (hb_store_search_titled (fresh, "(\"unboxing\")", &error), ==,
                     hb_store_search_count (fresh, "{title headings tags} : (\"unboxing\")", 1, &error) > 0);
    g_assert_no_error (error);
    hb_store_read_end (fresh);
  }
}

static void
test_suggestions (void)
{
  g_auto (GStrv) refund = hb_search_suggest (store, "refnud", 3);
  g_auto (GStrv) two = hb_search_suggest (store, "polcy evidnce", 3);
  g_auto (GStrv) known = hb_search_suggest (store, "refund policy", 3);
  g_auto (GStrv) scoped = hb_search_suggest (store, "kind:faq refnud -tmall", 3);

  g_assert_nonnull (refund[0]);
  g_assert_cmpstr (refund[0], ==, "refund");
  g_assert_cmpstr (two[0], ==, "policy evidence");
  g_assert_null (known[0]);
  g_assert_cmpstr (scoped[0], ==, "kind:faq refund -tmall");
}

static void
test_follows_versions (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GString) text = g_string_new (order_article);
  const char *paths[2] = { NULL, NULL };

  /* What the results showed is remembered for the next keystroke: it
   * must not outlive the version it was read from. */
  {
    g_autoptr (GListModel) before = search ("quote literally", NULL);
    int at = -1;

    for (guint i = 0; i < g_list_model_get_n_items (before); i++)
      if (g_strcmp0 (hb_search_result_get_id (nth (before, i)), "order-case") == 0)
        at = (int) i;
    g_assert_cmpint (at, >=, 0);
    g_assert_cmpuint (hb_search_result_get_version (nth (before, (guint) at)), ==, 1);
  }

  /* Version 2 of the case file replaces the order number. */
  g_string_replace (text, "123456", "654321", 0);
  g_string_replace (text, "A refund case file", "A refund case file, reopened", 0);
  g_string_replace (text, "the reply", "the answer", 0);
  path = hb_test_write_file ("extra/order-case.md", text->str, -1);
  paths[0] = path;
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_updated, ==, 1);

  {
    g_autoptr (GListModel) old = search ("123456", NULL);
    g_autoptr (GListModel) current = search ("654321", NULL);

    g_assert_cmpuint (g_list_model_get_n_items (old), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (current), ==, 1);
    g_assert_cmpuint (hb_search_result_get_version (nth (current, 0)), ==, 2);
    g_assert_nonnull (strstr (hb_search_result_get_snippet (nth (current, 0)), "654321"));
  }
  {
    g_autoptr (GListModel) again = search ("quote literally", NULL);
    gboolean seen = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (again); i++)
      if (g_strcmp0 (hb_search_result_get_id (nth (again, i)), "order-case") == 0)
        {
          g_assert_cmpuint (hb_search_result_get_version (nth (again, i)), ==, 2);
          g_assert_cmpstr (hb_search_result_get_title (nth (again, i)), ==,
                           "A refund case file, reopened");
          /* The same matches as before, but not the snippet of version 1. */
          g_assert_nonnull (strstr (hb_search_result_get_snippet (nth (again, i)), "the answer"));
          g_assert_null (strstr (hb_search_result_get_snippet (nth (again, i)), "the reply"));
          seen = TRUE;
        }
    g_assert_true (seen);
  }
}


/* ------------------------------------------------------------------------ */
/* Search that understands how agents ask (issue 8). */

static HbSearchResponse *
respond (const char *query, const HbSearchOptions *options)
{
  g_autoptr (GError) error = NULL;
  HbSearchResponse *response = hb_search (store, query, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static int
position_of (GListModel *results, const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    if (g_strcmp0 (hb_search_result_get_id (nth (results, i)), id) == 0)
      return (int) i;
  return -1;
}

static int
position_of_title (GListModel *results, const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    if (g_strcmp0 (hb_search_result_get_title (nth (results, i)), title) == 0)
      return (int) i;
  return -1;
}

/* The search read @query as @corrected, and says it replaced @from by @to. */
static void
assert_corrected (HbSearchResponse *response, const char *corrected, const char *from, const char *to)
{
  HbSearchCorrected *correction;

  g_assert_cmpstr (hb_search_response_get_corrected_query (response), ==, corrected);
  g_assert_cmpuint (hb_search_response_get_corrections (response)->len, ==, 1);
  correction = g_ptr_array_index (hb_search_response_get_corrections (response), 0);
  g_assert_cmpstr (correction->from, ==, from);
  g_assert_cmpstr (correction->to, ==, to);
}

static HbSearchMatch *
match_of (HbSearchResult *result, const char *word)
{
  GPtrArray *matches = hb_search_result_get_matches (result);

  for (guint i = 0; i < matches->len; i++)
    {
      HbSearchMatch *match = g_ptr_array_index (matches, i);

      if (g_strcmp0 (match->word, word) == 0)
        return match;
    }
  return NULL;
}

static void
test_missing_word (void)
{
  g_autoptr (GListModel) results = search ("refund timing xylophone", NULL);
  g_autoptr (GListModel) question = search ("the buyer keeps the goods and still wants money back", NULL);

  /* No article says "xylophone": the others still find the refund FAQ. */
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  g_assert_cmpint (position_of (results, "faq-refund-timing"), >=, 0);
  g_assert_cmpint (position_of (results, "faq-refund-timing"), <, 3);
  g_assert_null (match_of (nth (results, 0), "xylophone"));
  g_assert_nonnull (match_of (nth (results, 0), "refund"));

  /* A question as an agent types it: stop words ignored, "money back" is
   * a refund, and the refund-only guide is among the first. */
  g_assert_cmpint (position_of (question, "refund-only"), >=, 0);
  g_assert_cmpint (position_of (question, "refund-only"), <, 3);
  assert_ranked (question);
}

static void
test_rare_words (void)
{
  g_autoptr (GListModel) results = search ("customer counterfeit", NULL);

  /* "counterfeit" is rare, "customer" is everywhere: the article about
   * counterfeits first, and the first five all say it (or a synonym). */
  g_assert_cmpstr (hb_search_result_get_id (nth (results, 0)), ==, "counterfeit-accusations");
  for (guint i = 0; i < 5; i++)
    g_assert_nonnull (match_of (nth (results, i), "counterfeit"));
}

static void
test_chinese_sentence (void)
{
  g_autoptr (GListModel) fake = search ("买家说是假货", NULL);
  g_autoptr (GListModel) pictured = search ("收到的东西和图片不一样", NULL);
  const char *first;

  /* 买家|说|是|假货: the counterfeit article, though the sentence is not in it. */
  g_assert_cmpint (position_of (fake, "counterfeit-accusations"), >=, 0);
  g_assert_cmpint (position_of (fake, "counterfeit-accusations"), <, 3);
  g_assert_nonnull (match_of (nth (fake, position_of (fake, "counterfeit-accusations")), "假货"));

  /* 和图片不一样 is "not as described" to the thesaurus. */
  first = hb_search_result_get_id (nth (pictured, 0));
  g_assert_true (g_strcmp0 (first, "not-as-described") == 0 || g_strcmp0 (first, "zh-tpl-quality") == 0
                 || g_strcmp0 (first, "tmall-not-as-described") == 0);
}

static void
test_traditional (void)
{
  g_autoptr (GListModel) results = search ("退貨運費", NULL);
  HbSearchMatch *match;

  g_assert_cmpstr (hb_search_result_get_id (nth (results, 0)), ==, "zh-faq-return-shipping");
  match = match_of (nth (results, 0), "退貨運費");
  g_assert_nonnull (match);
  g_assert_cmpstr (match->matched, ==, "退货运费");
  g_assert_true (has_mark (nth (results, 0)));
}

static void
test_thesaurus_both_ways (void)
{
  g_autoptr (GListModel) knockoff = search ("knockoff ", NULL);
  g_autoptr (GListModel) chinese = search ("假货 ", NULL);
  g_autoptr (GListModel) english = search ("counterfeit ", NULL);
  HbSearchMatch *match;
  int at;

  /* No article says "knockoff": the thesaurus says counterfeit. */
  g_assert_cmpstr (hb_search_result_get_id (nth (knockoff, 0)), ==, "counterfeit-accusations");
  match = match_of (nth (knockoff, 0), "knockoff");
  g_assert_nonnull (match);
  g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_SYNONYM);

  /* Chinese finds an English article that never writes 假货… */
  at = position_of (chinese, "faq-treble-damages");
  g_assert_cmpint (at, >=, 0);
  match = match_of (nth (chinese, at), "假货");
  g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_SYNONYM);
  g_assert_cmpstr (match->matched, ==, "counterfeit");

  /* …and English a Chinese one that never writes "counterfeit". */
  at = position_of (english, "zh-tpl-quality");
  g_assert_cmpint (at, >=, 0);
  match = match_of (nth (english, at), "counterfeit");
  g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_SYNONYM);
}

static void
test_synonym_phrase (void)
{
  g_autoptr (GListModel) results = search ("money back without sending it back", NULL);
  HbSearchMatch *match;

  /* "money back" is "refund" and "sending it back" is "return" to the
   * thesaurus: together they are its "refund without return", which is
   * refund-only (仅退款). */
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  g_assert_cmpstr (hb_search_result_get_id (nth (results, 0)), ==, "refund-only");
  match = match_of (nth (results, 0), "money back without sending it back");
  g_assert_nonnull (match);
  g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_SYNONYM);
  g_assert_true (match->fields & HB_SEARCH_FIELD_TITLE);
}

static void
test_mined_pair (void)
{
  static const char *const english =
    "---\nid: widget-returns\ntitle: Sending back spare parts\n---\n"
    "A **Widget return** (零件退回) is the customer sending a spare part back to us.\n";
  static const char *const chinese =
    "---\nid: zh-widget\ntitle: 售后须知\nlang: zh-CN\n---\n"
    "顾客申请零件退回时，先核对订单。\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) small = hb_test_new_store ("pairs.db");
  g_autofree char *en = hb_test_write_file ("pairs/en/widget.md", english, -1);
  g_autofree char *zh = hb_test_write_file ("pairs/zh/widget.md", chinese, -1);
  const char *paths[] = { en, zh, NULL };
  g_autoptr (HbImportReport) report = hb_import_paths (small, paths, NULL, NULL, NULL, NULL, &error);
  g_autoptr (GListModel) from_english = NULL;
  g_autoptr (GListModel) from_chinese = NULL;
  HbSearchMatch *match;

  g_assert_no_error (error);
  g_assert_true (report->committed);

  /* "Widget return (零件退回)" in one article bridges the two languages. */
  from_english = hb_search_run (small, "widget return", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (position_of (from_english, "zh-widget"), >=, 0);
  match = match_of (nth (from_english, position_of (from_english, "zh-widget")), "widget return");
  g_assert_nonnull (match);
  g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_SYNONYM);
  g_assert_cmpstr (match->matched, ==, "零件退回");

  from_chinese = hb_search_run (small, "零件退回", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (position_of (from_chinese, "widget-returns"), >=, 0);
  g_assert_cmpint (position_of (from_chinese, "zh-widget"), >=, 0);
}

static void
test_corrected_typo (void)
{
  g_autoptr (HbSearchResponse) response = respond ("warrnaty repair twice", NULL);
  HbSearchOptions as_typed = { .flags = HB_SEARCH_FLAGS_NO_CORRECTION };
  g_autoptr (HbSearchResponse) literal = respond ("warrnaty repair twice", &as_typed);
  GListModel *results = hb_search_response_get_results (response);

  /* Searched with the correction, and said so. */
  assert_corrected (response, "warranty repair twice", "warrnaty", "warranty");
  g_assert_cmpint (position_of (results, "warranty-claims"), >=, 0);
  g_assert_cmpint (position_of (results, "warranty-claims"), <, 3);
  g_assert_cmpint (match_of (nth (results, position_of (results, "warranty-claims")), "warrnaty")->how,
                   ==, HB_SEARCH_HOW_CORRECTION);

  /* "Search for warrnaty instead" searches the words as typed. */
  g_assert_null (hb_search_response_get_corrected_query (literal));

  /* A word still being typed, which starts no word of the handbook, is a
   * typo too: an agent who types "refnd" and stops. */
  {
    g_autoptr (HbSearchResponse) typing = respond ("refnd", NULL);

    g_assert_cmpstr (hb_search_response_get_corrected_query (typing), ==, "refund");
    g_assert_cmpuint (g_list_model_get_n_items (hb_search_response_get_results (typing)), >, 0);
  }

  /* Four letters are enough (issue 8: edit distance 1 from four letters). */
  {
    g_autoptr (HbSearchResponse) typing = respond ("refund olny", NULL);

    g_assert_cmpstr (hb_search_response_get_corrected_query (typing), ==, "refund only");
    g_assert_cmpstr (hb_search_result_get_id (nth (hb_search_response_get_results (typing), 0)), ==,
                     "refund-only");
  }

  /* A word still being typed that starts nothing and corrects to nothing
   * ("refund qzx") does not take away what "refund" found a key ago. */
  {
    g_autoptr (HbSearchResponse) typing = respond ("refund qzx", NULL);
    g_autoptr (HbSearchResponse) typed = respond ("refund qzx ", NULL);

    g_assert_cmpint (position_of (hb_search_response_get_results (typing), "faq-refund-timing"), >=, 0);
    g_assert_cmpuint (g_list_model_get_n_items (hb_search_response_get_results (typed)), <=,
                      g_list_model_get_n_items (hb_search_response_get_results (typing)));
  }

  /* A word written only far into a long body is corrected to it as the
   * article writes it: "mercurial" is near token 5,800 of the 18F
   * handbook's infrastructure guide, and "traceable" near 6,200. */
  {
    g_autoptr (HbSearchResponse) deep = respond ("mercurail", NULL);
    g_autoptr (HbSearchResponse) deeper = respond ("traceabel logs", NULL);

    assert_corrected (deep, "mercurial", "mercurail", "mercurial");
    g_assert_cmpstr (hb_search_result_get_id (nth (hb_search_response_get_results (deep), 0)), ==,
                     "launching-software/infrastructure");
    assert_corrected (deeper, "traceable logs", "traceabel", "traceable");
  }

  /* A real word that no article holds is not a typo of one that does. */
  {
    g_autoptr (HbSearchResponse) real = respond ("xylophone refund", NULL);

    g_assert_null (hb_search_response_get_corrected_query (real));
  }

  /* "doesnt" typed without its apostrophe is no typo of "doesn", what the
   * index keeps of "doesn't": it says nothing, like "doesn't". */
  {
    g_autoptr (HbSearchResponse) contraction = respond ("plug doesnt fit ", NULL);
    int at = position_of (hb_search_response_get_results (contraction), "not-as-described");

    g_assert_null (hb_search_response_get_corrected_query (contraction));
    g_assert_cmpint (at, >=, 0);
  }
}

static void
test_corrected_han_typo (void)
{
  g_autoptr (HbSearchResponse) response = respond ("消费者权宜保护法", NULL);
  HbSearchOptions as_typed = { .flags = HB_SEARCH_FLAGS_NO_CORRECTION };
  g_autoptr (HbSearchResponse) literal = respond ("消费者权宜保护法", &as_typed);
  g_autoptr (HbSearchResponse) right = respond ("消费者权利保护", NULL);
  GListModel *results = hb_search_response_get_results (response);
  int at;

  /* 宜 typed for 益 (both yì): no title has 权宜保, the law's has 权益保. */
  assert_corrected (response, "消费者权益保护法", "权宜保", "权益保");
  at = position_of (results, "消费者权益保护法-2013-10-25");
  g_assert_cmpint (at, >=, 0);
  g_assert_cmpint (at, <, 3);
  g_assert_null (hb_search_response_get_corrected_query (literal));

  /* 权利 is a word of its own, however close to the law's title. */
  g_assert_null (hb_search_response_get_corrected_query (right));
}

static void
test_corrected_han_homophone (void)
{
  g_autoptr (HbSearchResponse) typo = respond ("说明数丢了还能退吗", NULL);
  g_autoptr (HbSearchResponse) typed_right = respond ("说明书丢了还能退吗", NULL);
  g_autoptr (HbSearchResponse) short_typo = respond ("仅退宽", NULL);
  g_autoptr (HbSearchResponse) where = respond ("商家拒绝退货可以向哪里投诉", NULL);
  GListModel *results = hb_search_response_get_results (typo);
  GListModel *right = hb_search_response_get_results (typed_right);

  /* 数 typed for 书 (both shu) at the end of a word, where no character
   * follows to tell: the thesaurus has 说明书. */
  assert_corrected (typo, "说明书丢了还能退吗", "说明数", "说明书");
  /* The agent sees what the right spelling finds. */
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (hb_search_result_get_id (nth (results, i)), ==,
                     hb_search_result_get_id (nth (right, i)));

  /* 宽 for 款 (kuan): 仅退款 is the case type. */
  g_assert_cmpstr (hb_search_response_get_corrected_query (short_typo), ==, "仅退款");
  g_assert_cmpint (position_of (hb_search_response_get_results (short_typo), "refund-only"), ==, 0);

  /* 里 and 理 sound alike, and titles have 处理投诉; but 哪里 is a word
   * and 哪理 none. */
  g_assert_null (hb_search_response_get_corrected_query (where));
}

static void
test_no_answer (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) sample = hb_test_new_store ("sample.db");
  const char *paths[] = { g_getenv ("HANDBOOK_CONTENT_DIR"), NULL };
  g_autoptr (HbImportReport) report = hb_import_paths (sample, paths, NULL, NULL, NULL, NULL, &error);
  g_autoptr (GListModel) leave = NULL;
  g_autoptr (GListModel) missing = NULL;

  g_assert_no_error (error);
  g_assert_true (report->committed);

  /* The sample handbook has nothing on annual leave: of 员工|年假|怎么|请
   * only 请 is in it, and an article holding that alone is no answer. */
  leave = hb_search_run (sample, "员工年假怎么请", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (leave), ==, 0);

  /* A word no article holds still only drops out of a query that is
   * about something the handbook has. */
  missing = hb_search_run (sample, "refund timing xylophone", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (position_of (missing, "faq-refund-timing"), >=, 0);
}

static void
test_platform_boost (void)
{
  g_autoptr (GListModel) jd = search ("JD not as described", NULL);
  g_autoptr (GListModel) douyin = search ("抖音 not as described", NULL);
  g_autoptr (GListModel) faq = search ("refund FAQ", NULL);

  /* The platform's own article first, though "JD" is not a word the
   * others lack; the FAQ first when the query says FAQ. */
  g_assert_cmpstr (hb_search_result_get_id (nth (jd, 0)), ==, "jd-not-as-described");
  g_assert_cmpstr (hb_search_result_get_id (nth (douyin, 0)), ==, "douyin-not-as-described");
  g_assert_cmpstr (hb_search_result_get_kind (nth (faq, 0)), ==, "faq");
  /* The words boost; they are not required. */
  g_assert_cmpint (position_of (jd, "not-as-described"), >=, 0);
  /* A platform's article that holds little else of the query is not
   * lifted above the one that answers it. */
  {
    g_autoptr (GListModel) price = search ("JD 价保 rules", NULL);

    g_assert_cmpstr (hb_search_result_get_id (nth (price, 0)), ==, "price-protection");
  }
  /* The explanation says why: JD is the article's platform, FAQ its kind. */
  {
    HbSearchMatch *match = match_of (nth (jd, 0), "JD");

    g_assert_nonnull (match);
    g_assert_cmpstr (match->matched, ==, "jd");
    g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_PLATFORM);
    g_assert_cmpint (match->fields, ==, HB_SEARCH_FIELD_PLATFORMS);
    match = match_of (nth (faq, 0), "FAQ");
    g_assert_nonnull (match);
    g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_KIND);
    g_assert_cmpint (match->fields, ==, HB_SEARCH_FIELD_KIND);
  }
  /* A word that opens with a platform's name is of that platform, and is
   * looked for too: 天猫国际 (Tmall Global) finds Tmall's article, which
   * says it. */
  {
    g_autoptr (HbSearchResponse) response = respond ("天猫国际 订单 描述不符", NULL);
    GListModel *tmall = hb_search_response_get_results (response);
    HbSearchMatch *match;

    g_assert_cmpstr (hb_search_result_get_id (nth (tmall, 0)), ==, "tmall-not-as-described");
    match = match_of (nth (tmall, 0), "天猫国际");
    g_assert_nonnull (match);
  }
  {
    g_autoptr (HbSearchLexicon) lexicon = hb_search_lexicon_new ();
    g_autoptr (HbSearchQuery) query = NULL;
    HbSearchTerm *term;

    hb_search_lexicon_add_vocabulary (lexicon, "天猫国际");
    query = hb_search_query_parse ("天猫国际", lexicon);
    g_assert_cmpuint (query->terms->len, ==, 1);
    term = g_ptr_array_index (query->terms, 0);
    g_assert_cmpstr (term->text, ==, "天猫国际");
    g_assert_cmpint (term->boost, ==, 'p');
    g_assert_cmpstr (term->boost_value, ==, "tmall");
    g_assert_true (term->boost_word);
  }
  {
    g_autoptr (GListModel) own = search ("京东自营 描述不符", NULL);

    g_assert_cmpstr (hb_search_result_get_id (nth (own, 0)), ==, "jd-not-as-described");
  }
  {
    g_autoptr (GListModel) shop = search ("抖音小店 差评", NULL);

    /* Douyin's articles are about other things than bad reviews: the
     * article on bad reviews answers, on every platform. */
    g_assert_cmpstr (hb_search_result_get_id (nth (shop, 0)), ==, "bad-reviews");
  }
}

static void
test_kind_word_as_word (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) pages = hb_test_new_store ("search-18f.db");
  const char *paths[] = { handbook_pages, NULL };
  HbImportOptions options = { HB_IMPORT_FLAGS_SKIP_INVALID, NULL };
  g_autoptr (HbImportReport) report = hb_import_paths (pages, paths, &options, NULL, NULL, NULL,
                                                       &error);
  g_autoptr (GListModel) results = NULL;
  HbSearchMatch *match;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  /* The 18F handbook has no article of the kind "regulation": "laws" is
   * a word there, and its page about laws answers. */
  results = hb_search_run (pages, "which laws apply when we launch a website", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  g_assert_cmpstr (hb_search_result_get_id (nth (results, 0)), ==, "launching-software/laws");
  match = match_of (nth (results, 0), "laws");
  g_assert_nonnull (match);
  g_assert_true (match->fields & HB_SEARCH_FIELD_TITLE);
}

static void
test_about_not_mentioning (void)
{
  g_autoptr (GListModel) results = search ("refund only", NULL);
  int guide = position_of (results, "refund-only");

  /* The guide about refund-only before the lessons that name it. */
  g_assert_cmpint (guide, ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    if (g_strcmp0 (hb_search_result_get_kind (nth (results, i)), "lesson") == 0)
      g_assert_cmpint ((int) i, >, guide);
}

static void
test_lesson_named_by_its_title (void)
{
  g_autoptr (GListModel) results = search ("life of an after-sales case", NULL);

  /* A lesson is below a guide that says the same words, unless its title
   * is what was asked: "Lesson 1: The life of an after-sales case". */
  g_assert_cmpstr (hb_search_result_get_id (nth (results, 0)), ==, "lesson-dispute-lifecycle");
}

static void
test_chinese_word_written_apart (void)
{
  g_autoptr (GListModel) results = search ("包裹丢失", NULL);
  int lesson = position_of (results, "zh-lesson-refund-only-and-intervention");
  HbSearchMatch *match;

  /* The lesson writes 包裹确认丢失, not 包裹丢失: the two parts near each
   * other stand for the word, and the explanation says so. */
  g_assert_cmpint (lesson, >=, 0);
  match = match_of (nth (results, lesson), "包裹丢失");
  g_assert_nonnull (match);
  g_assert_cmpstr (match->matched, ==, "包裹…丢失");
  g_assert_cmpint (match->how, ==, HB_SEARCH_HOW_SYNONYM);
  /* The template that says the word itself comes first. */
  g_assert_cmpint (position_of (results, "zh-tpl-logistics"), <, lesson);
}

static void
test_other_language_reach (void)
{
  g_autoptr (GListModel) results = search ("京东自营的订单顾客找我们售后", NULL);

  /* "A JD Retail order, and the customer comes to us for after-sales": the
   * English JD guide, whose first section is "POP or JD Retail?", holds
   * 京东自营, 顾客 (as "customer") and 售后. 订单 and 找 have no English word
   * it could hold: it is weighed against the words it could, and comes
   * before the Chinese FAQ that says 订单, 顾客 and 售后 in passing. */
  g_assert_cmpstr (hb_search_result_get_id (nth (results, 0)), ==, "jd-not-as-described");
}

static void
test_word_family (void)
{
  g_autoptr (GListModel) results = search ("time off when a relative dies", NULL);
  HbSearchMatch *match;

  /* The stemmer does not make "dies" of "death": the word's family does,
   * and the leave page, whose keywords say "death, bereavement", is first. */
  g_assert_cmpstr (hb_search_result_get_id (nth (results, 0)), ==, "travel-and-leave/leave");
  match = match_of (nth (results, 0), "dies");
  g_assert_nonnull (match);
  g_assert_cmpstr (match->matched, ==, "death");
}

static void
test_named_article (void)
{
  g_autoptr (GListModel) results = search ("电子商务法 快递柜", NULL);

  /* The agent names the law and asks about parcel lockers: the E-Commerce
   * Law first, though only the logistics guide says 快递柜. */
  g_assert_cmpstr (hb_search_result_get_id (nth (results, 0)), ==, "电子商务法-2018-08-31");
  g_assert_cmpint (position_of (results, "logistics-failures"), >, 0);
  g_assert_cmpint (position_of (results, "logistics-failures"), <, 3);
}

static void
test_thesaurus_inside_word (void)
{
  g_autoptr (HbSearchLexicon) lexicon = hb_search_lexicon_new ();
  g_autoptr (HbSearchQuery) query = NULL;
  g_autoptr (GError) error = NULL;
  HbSearchTerm *first;

  /* 合同 is a word of the thesaurus (contract), and the start of a
   * sentence about an employment contract (劳动合同) running out: the
   * longer word is read, not 劳动 and 合同. */
  g_assert_true (hb_search_lexicon_add_thesaurus (lexicon, "groups:\n  - [contract, 合同]\n", &error));
  g_assert_no_error (error);
  hb_search_lexicon_add_vocabulary (lexicon, "劳动合同");
  query = hb_search_query_parse ("劳动合同到期不续签", lexicon);
  g_assert_cmpuint (query->terms->len, >=, 2);
  first = g_ptr_array_index (query->terms, 0);
  g_assert_cmpstr (first->text, ==, "劳动合同");

  /* A phrase of the thesaurus at a word's start is still read whole. */
  g_clear_pointer (&query, hb_search_query_free);
  query = hb_search_query_parse ("合同到期", lexicon);
  first = g_ptr_array_index (query->terms, 0);
  g_assert_cmpstr (first->text, ==, "合同");
}

static void
test_versions_folded (void)
{
  g_autoptr (GListModel) results = search ("公司法 股东会", NULL);
  guint n = 0;

  /* The Company Law is in two dated versions, 2018 and 2023, of one
   * title: the list shows it once, and the slot goes to something else. */
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    if (g_strcmp0 (hb_search_result_get_title (nth (results, i)), "中华人民共和国公司法") == 0)
      n++;
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 1);
}

static void
test_local_regulation (void)
{
  static const struct
  {
    const char *title, *place;
  } places[] = {
    { "山东省消费者权益保护条例", "山东" },
    { "杭州市跨境电子商务促进条例", "杭州" },
    { "香港特别行政区基本法", "香港" },
    { "广西壮族自治区消费者权益保护条例", "广西壮族" },
    { "中华人民共和国电子商务法", NULL },
    { "城市房地产管理法", NULL },
    { "证券市场禁入规定", NULL },
  };

  /* A title that opens with a place of friso's dictionary is that
   * place's text. */
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *place = hb_search_lexicon_title_place (places[i].title);

      g_assert_cmpstr (place, ==, places[i].place);
    }
  /* The national E-Commerce Law above the province's regulation that
   * restates it, for an agent who names no province… */
  {
    g_autoptr (GListModel) results = search ("平台能不能删掉买家的差评", NULL);
    int national = position_of_title (results, "中华人民共和国电子商务法");
    int local = position_of_title (results, "浙江省电子商务条例");

    g_assert_cmpint (national, >=, 0);
    g_assert_true (local < 0 || local > national);
  }
  /* …and the province's own above it for one who does. */
  {
    g_autoptr (GListModel) results = search ("浙江 平台能不能删掉买家的差评", NULL);
    int national = position_of_title (results, "中华人民共和国电子商务法");
    int local = position_of_title (results, "浙江省电子商务条例");

    g_assert_cmpint (local, >=, 0);
    g_assert_true (national < 0 || national > local);
  }
}

static void
test_explained (void)
{
  g_autoptr (GListModel) results = search ("money back", NULL);
  int at = position_of (results, "refund-only");
  HbSearchMatch *match;

  g_assert_cmpint (at, >=, 0);
  match = match_of (nth (results, at), "money back");
  g_assert_nonnull (match);
  g_assert_true (match->fields & HB_SEARCH_FIELD_TITLE);
}

static void
test_odd_queries (void)
{
  static const char *const queries[] = { "?!…，。", "what is the", "😀😀", "的了吗", "- - -", "“”" };
  g_autoptr (GString) long_query = g_string_new (NULL);

  /* Punctuation, stop words and emoji answer at once and never fail. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (HbSearchResponse) response = respond (queries[i], NULL);
    }
  while (long_query->len < 10000)
    g_string_append (long_query, "refund 退款 warranty ");
  {
    g_autoptr (HbSearchResponse) response = respond (long_query->str, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (hb_search_response_get_results (response)), >, 0);
  }
}

static void
test_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (HbSearchResponse) response = NULL;

  g_cancellable_cancel (cancellable);
  response = hb_search (store, "refund", NULL, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The store reads on. */
  {
    g_autoptr (GListModel) after = search ("refund", NULL);

    g_assert_cmpuint (g_list_model_get_n_items (after), >, 0);
  }
}

/* Whether a search has more results than it was asked for: a window that
 * lists a page of them lists the next when scrolled to the end. */
static gboolean
has_more (const char *query, guint limit, guint *n)
{
  g_autoptr (GError) error = NULL;
  HbSearchOptions options = { .limit = limit };
  g_autoptr (HbSearchResponse) response = hb_search (store, query, &options, NULL, &error);

  g_assert_no_error (error);
  *n = g_list_model_get_n_items (hb_search_response_get_results (response));
  return hb_search_response_get_has_more (response);
}

static void
test_pages (void)
{
  guint all, n;

  /* A common word: a page, and more to come. */
  g_assert_true (has_more ("refund", HB_SEARCH_LIST_PAGE, &n));
  g_assert_cmpuint (n, ==, HB_SEARCH_LIST_PAGE);

  /* Asked for them all, there is no more; asked for one fewer, there is. */
  g_assert_false (has_more ("refund", 1000, &all));
  g_assert_cmpuint (all, >, HB_SEARCH_LIST_PAGE);
  g_assert_false (has_more ("refund", all, &n));
  g_assert_cmpuint (n, ==, all);
  g_assert_true (has_more ("refund", all - 1, &n));
  g_assert_cmpuint (n, ==, all - 1);

  /* A list by filter alone (no words) pages alike. */
  g_assert_false (has_more ("kind:faq", 1000, &all));
  g_assert_cmpuint (all, >, 2);
  g_assert_true (has_more ("kind:faq", all - 1, &n));
  g_assert_false (has_more ("kind:faq", all, &n));

  /* A law in two versions (the company law of 2018 and of 2023) is
   * listed once; the version left out is no next page, which the next
   * page would not list either. */
  g_assert_false (has_more ("\"有限责任公司的股权转让\"", 1000, &all));
  g_assert_cmpuint (all, ==, 1);
  g_assert_false (has_more ("\"有限责任公司的股权转让\"", 1, &n));
  g_assert_cmpuint (n, ==, 1);

  /* Nothing found has no next page. */
  g_assert_false (has_more ("quokka", HB_SEARCH_LIST_PAGE, &n));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_prepared (void)
{
  g_autoptr (GError) error = NULL;

  /* What the first search would read (the thesaurus, the titles) is read
   * ahead, and the first search finds what the next does. */
  hb_store_search_forget (store);
  g_assert_null (hb_store_search_cache_get (store, "lexicon"));
  g_assert_true (hb_search_prepare (store, &error));
  g_assert_no_error (error);
  g_assert_nonnull (hb_store_search_cache_get (store, "lexicon"));
  {
    g_autoptr (GListModel) results = search ("假货", NULL);

    g_assert_cmpstr (hb_search_result_get_id (nth (results, 0)), ==, "counterfeit-accusations");
  }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  /* The tests search real content; without it there is nothing to test. */
  if (g_getenv ("HANDBOOK_CORPUS_DIR") == NULL || g_getenv ("HANDBOOK_CONTENT_DIR") == NULL)
    {
      g_print ("1..0 # SKIP HANDBOOK_CORPUS_DIR and HANDBOOK_CONTENT_DIR are needed\n");
      return 0;
    }
  {
    g_autofree char *zh = g_build_filename (g_getenv ("HANDBOOK_CORPUS_DIR"), "zh-laws", NULL);

    if (!g_file_test (zh, G_FILE_TEST_IS_DIR))
      {
        g_print ("1..0 # SKIP the corpus %s is not there\n", zh);
        return 0;
      }
  }
  setup_store ();

  g_test_add_func ("/search/english-stems", test_english_stems);
  g_test_add_func ("/search/pages", test_pages);
  g_test_add_func ("/search/prefix", test_prefix);
  g_test_add_func ("/search/prefix-terms", test_prefix_terms);
  g_test_add_func ("/search/chinese-pairs", test_chinese_pairs);
  g_test_add_func ("/search/chinese-single", test_chinese_single);
  g_test_add_func ("/search/order-numbers", test_order_numbers);
  g_test_add_func ("/search/scopes", test_scopes);
  g_test_add_func ("/search/phrases-and-exclusion", test_phrases_and_exclusion);
  g_test_add_func ("/search/hostile", test_hostile);
  g_test_add_func ("/search/ranking", test_ranking);
  g_test_add_func ("/search/sections", test_sections);
  g_test_add_func ("/search/snippets", test_snippets);
  g_test_add_func ("/search/group-counts", test_group_counts);
  g_test_add_func ("/search/prefix-terms-alone", test_prefix_terms_alone);
  g_test_add_func ("/search/suggestions", test_suggestions);
  /* Last: they change the store. */
  g_test_add_func ("/search/follows-versions", test_follows_versions);
  g_test_add_func ("/search/missing-word", test_missing_word);
  g_test_add_func ("/search/rare-words", test_rare_words);
  g_test_add_func ("/search/chinese-sentence", test_chinese_sentence);
  g_test_add_func ("/search/traditional", test_traditional);
  g_test_add_func ("/search/thesaurus-both-ways", test_thesaurus_both_ways);
  g_test_add_func ("/search/synonym-phrase", test_synonym_phrase);
  g_test_add_func ("/search/mined-pair", test_mined_pair);
  g_test_add_func ("/search/corrected-typo", test_corrected_typo);
  g_test_add_func ("/search/corrected-han-typo", test_corrected_han_typo);
  g_test_add_func ("/search/corrected-han-homophone", test_corrected_han_homophone);
  g_test_add_func ("/search/no-answer", test_no_answer);
  g_test_add_func ("/search/platform-boost", test_platform_boost);
  g_test_add_func ("/search/kind-word-as-word", test_kind_word_as_word);
  g_test_add_func ("/search/about-not-mentioning", test_about_not_mentioning);
  g_test_add_func ("/search/lesson-named-by-its-title", test_lesson_named_by_its_title);
  g_test_add_func ("/search/named-article", test_named_article);
  g_test_add_func ("/search/word-family", test_word_family);
  g_test_add_func ("/search/other-language-reach", test_other_language_reach);
  g_test_add_func ("/search/chinese-word-written-apart", test_chinese_word_written_apart);
  g_test_add_func ("/search/versions-folded", test_versions_folded);
  g_test_add_func ("/search/thesaurus-inside-word", test_thesaurus_inside_word);
  g_test_add_func ("/search/local-regulation", test_local_regulation);
  g_test_add_func ("/search/explained", test_explained);
  g_test_add_func ("/search/odd-queries", test_odd_queries);
  g_test_add_func ("/search/cancelled", test_cancelled);
  g_test_add_func ("/search/prepared", test_prepared);

  rc = g_test_run ();
  g_clear_object (&store);
  hb_test_cleanup ();
  return rc;
}
