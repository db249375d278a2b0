/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "hb-import.h"
#include "hb-markdown.h"
#include "hb-search-private.h"
#include "hb-search.h"
#include "hb-store-articles.h"
#include "hb-store-private.h"
#include "hb-test-util.h"

/* One store for all the tests: the sample handbook, the 18F handbook, the
 * civil and commercial laws of zh-laws and a few files of our own, all
 * copied out of the (read-only) corpus first. */
static HbStore *store;

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
  HbImportOptions options = { HB_IMPORT_FLAGS_SKIP_INVALID, NULL };

  g_assert_nonnull (content_dir);
  g_assert_nonnull (corpus);
  zh_source = g_build_filename (corpus, "zh-laws", "民法商法", NULL);
  handbook_source = g_build_filename (corpus, "handbook-18f", "pages", NULL);

  content = hb_test_copy_tree (content_dir, "content");
  zh = hb_test_copy_tree (zh_source, "zh-laws");
  handbook = hb_test_copy_tree (handbook_source, "handbook-18f");
  extra = hb_test_write_file ("extra/order-case.md", order_article, -1);

  store = hb_test_new_store ("search.db");
  {
    const char *paths[] = { content, zh, handbook, extra, NULL };

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

static void
assert_ranked (GListModel *results)
{
  for (guint i = 1; i < g_list_model_get_n_items (results); i++)
    g_assert_cmpfloat (hb_search_result_get_rank (nth (results, i - 1)), <=,
                       hb_search_result_get_rank (nth (results, i)));
}

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
  g_autoptr (GListModel) typed = search ("arbitra", NULL);
  g_autoptr (GListModel) done = search ("arbitra ", NULL);
  g_autoptr (GListModel) suffix = search ("evidence unboxi", NULL);
  g_autoptr (GListModel) whole = search ("evidence unboxing", NULL);

  /* The word being typed is a prefix; once a space follows, it is not. */
  g_assert_true (has_id (typed, "platform-arbitration"));
  g_assert_cmpuint (g_list_model_get_n_items (done), ==, 0);
  /* Cut inside a suffix that the index stemmed away ("unbox"). */
  g_assert_cmpuint (g_list_model_get_n_items (suffix), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (suffix), >=, g_list_model_get_n_items (whole));
  g_assert_true (has_id (suffix, hb_search_result_get_id (nth (whole, 0))));
}

static void
test_chinese_pairs (void)
{
  g_autoptr (GListModel) no_reason = search ("七日无理由退货", NULL);
  g_autoptr (GListModel) refund = search ("退款", NULL);
  gboolean longer = FALSE;

  /* The sample FAQ and the E-Commerce and Consumer Rights laws say it. */
  g_assert_true (has_id (no_reason, "zh-faq-intact-goods"));
  for (guint i = 0; i < g_list_model_get_n_items (no_reason); i++)
    {
      HbSearchResult *result = nth (no_reason, i);

      g_assert_true (has_mark (result));
      g_assert_nonnull (strstr (hb_search_result_get_snippet (result), "七日无理由退货"));
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
  g_autofree char *body = g_utf8_strdown (hb_article_get_body (article), -1);
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

  /* The law of that name comes before the laws and guides that cite it. */
  g_assert_cmpuint (g_list_model_get_n_items (law), >, 3);
  first = nth (law, 0);
  g_assert_nonnull (strstr (hb_search_result_get_title (first), "消费者权益保护法"));
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
test_rank_is_bm25 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rows = 0;

  /* Below the counting limit, hb_rank() is exactly FTS5's bm25(). */
  stmt = hb_store_prepare (store,
                           "SELECT hb_rank (search_index, 10.0, 4.0, 2.5, 1.0, 0.0, 0.0), "
                           "bm25 (search_index, 10.0, 4.0, 2.5, 1.0, 0.0, 0.0) "
                           "FROM search_index WHERE search_index MATCH "
                           "'\"refund\" OR \"退款\" OR \"evidence\" *'",
                           &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 0),
                                      sqlite3_column_double (stmt, 1), 1e-9);
      rows++;
    }
  g_assert_cmpint (rows, >, 20);
}

typedef struct
{
  sqlite3_int64 rowid;
  double rank;
} RankedRow;

static int
compare_ranked (gconstpointer a, gconstpointer b)
{
  const RankedRow *x = a;
  const RankedRow *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->rowid < y->rowid ? -1 : x->rowid > y->rowid ? 1 : 0;
}

static char *
article_of_row (sqlite3_int64 rowid)
{
  g_autoptr (sqlite3_stmt) stmt = hb_store_prepare (
    store, "SELECT article_id FROM search_rows WHERE id = ?1", NULL);

  sqlite3_bind_int64 (stmt, 1, rowid);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Appends the best of @rows not in @taken to @out until it holds 20. */
static void
take_best (GArray *rows, GHashTable *taken, GArray *out)
{
  g_array_sort (rows, compare_ranked);
  for (guint i = 0; i < rows->len && out->len < 20; i++)
    {
      RankedRow *row = &g_array_index (rows, RankedRow, i);

      if (g_hash_table_add (taken, GINT_TO_POINTER ((int) row->rowid)))
        g_array_append_val (out, *row);
    }
}

static void
test_narrowed_ranking (void)
{
  /* A query and its words ORed, as the title tier looks for them. */
  static const char *const cases[][2] = {
    { "refund ", "\"refund\"" },
    { "the ", "\"the\"" },
    { "refund policy ", "\"refund\" OR \"policy\"" },
    { "合同", "\"合同\" *" },
    { "return", "\"return\" * OR \"ret\" OR \"retu\" OR \"retur\"" },
  };
  const guint cap = 12;
  const guint window = 60;
  guint narrowed = 0;

  /* As if the store held many more articles: the newest 12 matches are
   * ranked, and the title matches among the newest 60 come first. */
  hb_search_set_caps (store, cap, window);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *match = hb_search_query_to_fts (cases[c][0], NULL);
      g_autofree char *title_match = g_strdup_printf ("(%s) AND {title} : (%s)", match, cases[c][1]);
      g_autoptr (GListModel) results = search (cases[c][0], NULL);
      g_autoptr (sqlite3_stmt) stmt = NULL;
      g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (RankedRow));
      g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (RankedRow));
      g_autoptr (GHashTable) titled = g_hash_table_new (NULL, NULL);
      g_autoptr (GHashTable) taken = g_hash_table_new (NULL, NULL);

      /* Every match, newest first, with hb_rank(). */
      stmt = hb_store_prepare (store,
                               "SELECT rowid, hb_rank (search_index, 10.0, 4.0, 2.5, 1.0, 0.0, 0.0) "
                               "FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid DESC",
                               NULL);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          RankedRow row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

          g_array_append_val (all, row);
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
      stmt = hb_store_prepare (store, "SELECT rowid FROM search_index WHERE search_index MATCH ?1",
                               NULL);
      sqlite3_bind_text (stmt, 1, title_match, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (titled, GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 0)));

      if (all->len <= cap)
        take_best (all, taken, expected);
      else
        {
          g_autoptr (GArray) titles = g_array_new (FALSE, FALSE, sizeof (RankedRow));

          for (guint i = 0; i < all->len && i < window && titles->len < cap; i++)
            if (g_hash_table_contains (titled,
                                       GINT_TO_POINTER ((int) g_array_index (all, RankedRow, i).rowid)))
              g_array_append_val (titles, g_array_index (all, RankedRow, i));
          take_best (titles, taken, expected);
          g_array_set_size (all, cap);
          take_best (all, taken, expected);
          narrowed++;
        }

      g_assert_cmpuint (g_list_model_get_n_items (results), ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        {
          RankedRow *row = &g_array_index (expected, RankedRow, i);
          g_autofree char *id = article_of_row (row->rowid);
          HbSearchResult *result = nth (results, i);

          g_assert_cmpstr (hb_search_result_get_id (result), ==, id);
          g_assert_cmpfloat (hb_search_result_get_rank (result), ==, row->rank);
        }
    }
  hb_search_set_caps (store, 0, 0);

  /* The cases do narrow. */
  g_assert_cmpuint (narrowed, >=, 3);
}

/* Each result's rank is hb_rank() of its row, counted afresh. */
static void
assert_hb_rank (HbStore *on, const char *query)
{
  g_autofree char *match = hb_search_query_to_fts (query, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) results = hb_search_run (on, query, NULL, &error);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  stmt = hb_store_prepare (on,
                           "SELECT hb_rank (search_index, 10.0, 4.0, 2.5, 1.0, 0.0, 0.0) "
                           "FROM search_index WHERE search_index MATCH ?1 "
                           "AND rowid = (SELECT id FROM search_rows WHERE article_id = ?2)",
                           NULL);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      HbSearchResult *result = nth (results, i);

      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, hb_search_result_get_id (result), -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpfloat (hb_search_result_get_rank (result), ==, sqlite3_column_double (stmt, 0));
      sqlite3_reset (stmt);
    }
}

static void
test_rarity_follows_changes (void)
{
  static const char note[] = "---\ntitle: Refund notes %d\n---\nA refund, refunded.\n";
  g_autoptr (GError) error = NULL;

  /* How many articles hold a phrase is remembered between searches... */
  assert_hb_rank (store, "refund policy ");
  assert_hb_rank (store, "refund ");

  /* ...until this connection changes the index... */
  {
    g_autofree char *text = g_strdup_printf (note, 1);
    g_autofree char *path = hb_test_write_file ("notes/refund-notes-1.md", text, -1);
    const char *paths[] = { path, NULL };
    g_autoptr (HbImportReport) report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL,
                                                         &error);

    g_assert_no_error (error);
    g_assert_cmpuint (report->n_new, ==, 1);
  }
  assert_hb_rank (store, "refund ");

  /* ...or another one does. */
  {
    g_autofree char *text = g_strdup_printf (note, 2);
    g_autofree char *path = hb_test_write_file ("notes/refund-notes-2.md", text, -1);
    const char *paths[] = { path, NULL };
    g_autoptr (HbStore) other = hb_store_open (hb_store_get_path (store), &error);
    g_autoptr (HbImportReport) report = NULL;

    g_assert_no_error (error);
    report = hb_import_paths (other, paths, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_new, ==, 1);
  }
  assert_hb_rank (store, "refund ");
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

  g_assert_cmpuint (g_list_model_get_n_items (chinese), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (chinese); i++)
    {
      g_autofree char *m = hb_search_result_get_snippet_markup (nth (chinese, i));

      g_assert_nonnull (strstr (m, "<b>电子商务经营者</b>"));
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

  /* Version 2 of the case file replaces the order number. */
  g_string_replace (text, "123456", "654321", 0);
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
  }
}

static void
test_query_expression (void)
{
  g_autofree char *plain = hb_search_query_to_fts ("refund policy", NULL);
  g_autofree char *typed = hb_search_query_to_fts ("refund pol", NULL);
  g_autofree char *hostile = hb_search_query_to_fts ("a\" OR \"b", NULL);
  g_autofree char *nothing = hb_search_query_to_fts ("* ^ : (", NULL);

  g_assert_cmpstr (plain, ==,
                   "\"refund\" AND (\"policy\" * OR \"pol\" OR \"poli\" OR \"polic\")");
  g_assert_cmpstr (typed, ==, "\"refund\" AND \"pol\" *");
  /* Quotes inside are doubled, never closing the string. */
  g_assert_cmpstr (hostile, ==, "\"a\"\"\" AND \"OR\" AND \"b\" *");
  g_assert_null (nothing);
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

  g_test_add_func ("/search/query-expression", test_query_expression);
  g_test_add_func ("/search/english-stems", test_english_stems);
  g_test_add_func ("/search/prefix", test_prefix);
  g_test_add_func ("/search/chinese-pairs", test_chinese_pairs);
  g_test_add_func ("/search/chinese-single", test_chinese_single);
  g_test_add_func ("/search/order-numbers", test_order_numbers);
  g_test_add_func ("/search/scopes", test_scopes);
  g_test_add_func ("/search/phrases-and-exclusion", test_phrases_and_exclusion);
  g_test_add_func ("/search/hostile", test_hostile);
  g_test_add_func ("/search/ranking", test_ranking);
  g_test_add_func ("/search/rank-is-bm25", test_rank_is_bm25);
  g_test_add_func ("/search/narrowed-ranking", test_narrowed_ranking);
  g_test_add_func ("/search/sections", test_sections);
  g_test_add_func ("/search/snippets", test_snippets);
  g_test_add_func ("/search/suggestions", test_suggestions);
  /* Last: they change the store. */
  g_test_add_func ("/search/rarity-follows-changes", test_rarity_follows_changes);
  g_test_add_func ("/search/follows-versions", test_follows_versions);

  rc = g_test_run ();
  g_clear_object (&store);
  hb_test_cleanup ();
  return rc;
}
