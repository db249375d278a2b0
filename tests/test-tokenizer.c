/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "hb-store-private.h"
#include "hb-test-util.h"
#include "hb-tokenizer.h"

/* Tokens as "a b c", colocated ones as "+x", with their offsets checked
 * against the input when @offsets is given. */
typedef struct
{
  GString *out;
  const char *text;
  GString *offsets;
} Collect;

static int
collect_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  Collect *c = user_data;

  if (c->out->len > 0)
    g_string_append_c (c->out, ' ');
  if (flags & HB_TOKEN_COLOCATED)
    g_string_append_c (c->out, '+');
  g_string_append_len (c->out, token, len);

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (end, >, start);
  g_assert_cmpint (end, <=, (int) strlen (c->text));
  if (c->offsets->len > 0)
    g_string_append_c (c->offsets, ' ');
  g_string_append_len (c->offsets, c->text + start, end - start);
  return SQLITE_OK;
}

static char *
tokens (const char *text, HbTokenizeFlags flags, char **offsets)
{
  Collect c = { g_string_new (NULL), text, g_string_new (NULL) };

  g_assert_cmpint (hb_tokenize (text, -1, flags, collect_cb, &c), ==, SQLITE_OK);
  if (offsets != NULL)
    *offsets = g_string_free (c.offsets, FALSE);
  else
    g_string_free (c.offsets, TRUE);
  return g_string_free (c.out, FALSE);
}

#define assert_tokens(text, flags, expected)                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *got_ = tokens ((text), (flags), NULL);                                        \
    g_assert_cmpstr (got_, ==, (expected));                                                        \
  }                                                                                                \
  G_STMT_END

static void
test_stemmer (void)
{
  /* Snowball's English stemmer ("Porter2"), as its published vocabulary
   * stems them: unlike the original Porter stemmer it keeps "general" and
   * "generous" apart. */
  static const char *const cases[][2] = {
    { "caresses", "caress" }, { "ponies", "poni" },       { "cats", "cat" },
    { "feed", "feed" },       { "agreed", "agre" },       { "plastered", "plaster" },
    { "motoring", "motor" },  { "sing", "sing" },         { "hopping", "hop" },
    { "falling", "fall" },    { "filing", "file" },       { "happy", "happi" },
    { "relational", "relat" }, { "conditional", "condit" }, { "generalization", "general" },
    { "generously", "generous" },
    { "refunds", "refund" },  { "refunded", "refund" },   { "refunding", "refund" },
    { "policies", "polici" }, { "policy", "polici" },     { "arbitration", "arbitr" },
    { "electrical", "electr" }, { "adjustable", "adjust" }, { "is", "is" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stem = hb_tokenizer_stem (cases[i][0]);

      g_assert_cmpstr (stem, ==, cases[i][1]);
    }
}

static void
test_english (void)
{
  assert_tokens ("Refunds were REFUNDED, refunding!", HB_TOKENIZE_DOCUMENT,
                 "refund were refund refund");
  /* Words with a digit are kept whole, never stemmed. */
  assert_tokens ("Order TB2024s and 123456", HB_TOKENIZE_DOCUMENT, "order tb2024s and 123456");
  /* Punctuation separates; an order code becomes a phrase of its parts. */
  assert_tokens ("TM-2024-001 (x)", HB_TOKENIZE_DOCUMENT, "tm 2024 001 x");
}

static void
test_folding (void)
{
  /* Full-width letters, digits and space; case; diacritics; ligatures. */
  assert_tokens ("ＲＥＦＵＮＤ　１２３", HB_TOKENIZE_DOCUMENT, "refund 123");
  assert_tokens ("Café Ärger STRASSE straße ﬁle naïve", HB_TOKENIZE_DOCUMENT,
                 "cafe arger strass strass file naiv");
  /* A combining accent folds away inside the word. */
  assert_tokens ("cafe\xcc\x81s", HB_TOKENIZE_DOCUMENT, "cafe");
}

static void
test_cjk_pairs (void)
{
  g_autofree char *offsets = NULL;
  g_autofree char *got = NULL;

  assert_tokens ("退款申请", HB_TOKENIZE_DOCUMENT, "退款 款申 申请 请");
  assert_tokens ("七日无理由退货", HB_TOKENIZE_DOCUMENT, "七日 日无 无理 理由 由退 退货 货");
  /* A query drops the last character of its last run, so it finds runs
   * that go on. */
  assert_tokens ("退款", HB_TOKENIZE_QUERY, "退款");
  assert_tokens ("七日无理由退货", HB_TOKENIZE_QUERY, "七日 日无 无理 理由 由退 退货");
  /* A single character stays. */
  assert_tokens ("退", HB_TOKENIZE_QUERY, "退");
  assert_tokens ("退", HB_TOKENIZE_DOCUMENT, "退");
  /* Punctuation ends a run. */
  assert_tokens ("退款，申请。", HB_TOKENIZE_DOCUMENT, "退款 款 申请 请");
  /* Kana and Hangul are paired too. */
  assert_tokens ("ひらがな", HB_TOKENIZE_DOCUMENT, "ひら らが がな な");

  got = tokens ("申请退款", HB_TOKENIZE_DOCUMENT, &offsets);
  g_assert_cmpstr (offsets, ==, "申请 请退 退款 款");
}

static void
test_mixed (void)
{
  g_autofree char *offsets = NULL;
  g_autofree char *got = NULL;

  /* The order number is a token of its own even when glued to Chinese. */
  assert_tokens ("订单123456退款", HB_TOKENIZE_DOCUMENT, "订单 单 123456 退款 款");
  assert_tokens ("订单123456退款", HB_TOKENIZE_QUERY, "订单 单 123456 退款");
  assert_tokens ("iPhone手机壳", HB_TOKENIZE_DOCUMENT, "iphon 手机 机壳 壳");
  assert_tokens ("天猫Tmall京东", HB_TOKENIZE_DOCUMENT, "天猫 猫 tmall 京东 东");

  got = tokens ("订单１２３退款", HB_TOKENIZE_DOCUMENT, &offsets);
  g_assert_cmpstr (got, ==, "订单 单 123 退款 款");
  /* Offsets point at the text as written, full-width digits included. */
  g_assert_cmpstr (offsets, ==, "订单 单 １２３ 退款 款");
}

static void
test_prefix (void)
{
  /* The word being typed is looked up stemmed and as typed. */
  assert_tokens ("happy", HB_TOKENIZE_QUERY | HB_TOKENIZE_PREFIX, "happi +happy");
  assert_tokens ("refund", HB_TOKENIZE_QUERY | HB_TOKENIZE_PREFIX, "refund");
  assert_tokens ("happy", HB_TOKENIZE_QUERY, "happi");
}

static void
test_hostile (void)
{
  g_autoptr (GString) huge = g_string_new (NULL);
  g_autofree char *got = NULL;

  /* Invalid UTF-8 separates; nothing crashes or reads past the end. */
  assert_tokens ("\xff\xfe" "abc\xe9\x80" "def\xf0", HB_TOKENIZE_DOCUMENT, "abc def");
  /* An overlong form of "a" is no letter, nor a surrogate a character. */
  assert_tokens ("x\xe0\x81\xa1y", HB_TOKENIZE_DOCUMENT, "x y");
  assert_tokens ("退\xed\xa0\x80款", HB_TOKENIZE_DOCUMENT, "退 款");
  assert_tokens ("", HB_TOKENIZE_DOCUMENT, "");
  assert_tokens ("\"*^:()-NEAR", HB_TOKENIZE_QUERY, "near");
  /* Very long words are cut, not refused. */
  for (int i = 0; i < 1000; i++)
    g_string_append_c (huge, 'a' + i % 26);
  got = tokens (huge->str, HB_TOKENIZE_DOCUMENT, NULL);
  g_assert_cmpuint (strlen (got), <=, 64);
}

/* Each token's bounds and flags, as "start-end" or "+start-end". */
static int
bounds_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  GString *out = user_data;

  g_assert_cmpint (len, >, 0);
  g_string_append_printf (out, "%s%d-%d ", (flags & HB_TOKEN_COLOCATED) ? "+" : "", start, end);
  return SQLITE_OK;
}

static void
assert_same_bounds (const char *text, gsize len, const char *what)
{
  g_autoptr (GString) indexed = g_string_new (NULL);
  g_autoptr (GString) counted = g_string_new (NULL);

  hb_tokenize (text, (int) len, HB_TOKENIZE_DOCUMENT, bounds_cb, indexed);
  hb_tokenize (text, (int) len, HB_TOKENIZE_DOCUMENT | HB_TOKENIZE_BOUNDS, bounds_cb, counted);
  if (g_strcmp0 (indexed->str, counted->str) != 0)
    g_error ("%s: the bounds counted for snippets are not the index's", what);
  g_assert_cmpuint (indexed->len, >, 0);
}

/* A snippet counts tokens without folding them (HB_TOKENIZE_BOUNDS): it
 * must count the very tokens the index holds, or it marks the wrong
 * words. */
static void
test_bounds (void)
{
  static const char *const texts[] = {
    "Refund-only (仅退款) requests: the customer keeps the goods.",
    "退貨運費由誰承擔？七日內無理由退貨。",
    "Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ　１２３，全角标点。",
    "café naïve e\xcc\x81t\xc3\xa9 \xcc\x81 mark alone",
    "\xf0\xa0\x80\x80\xf0\xa0\x80\x81 ext B, 한국어 テスト 々〇",
    "bad \xe4\xb8 cut \xed\xa0\x80 surrogate \xe0\x80\x80 overlong \xff end 退",
  };
  static const char *const files[][2] = {
    { "zh-laws", "民法商法/消费者权益保护法(2013-10-25).md" },
    { "handbook-18f", "pages/travel-and-leave/going-out-of-office.md" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_same_bounds (texts[i], strlen (texts[i]), texts[i]);

  /* Every Han character, which the index folds to simplified and a
   * snippet does not, and every letter of Latin-1 and Latin Extended-A,
   * which the index folds and a snippet does after the first of a word:
   * one by one, in runs and in words. */
  {
    g_autoptr (GString) all = g_string_new (NULL);
    static const gunichar ranges[][2] = { { 0x3400, 0x9FFF }, { 0xF900, 0xFAFF }, { 0xC0, 0x17F } };

    for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
      for (gunichar c = ranges[r][0]; c <= ranges[r][1]; c++)
        {
          g_string_append_unichar (all, c);
          if (c % 7 == 0)
            g_string_append_c (all, ' ');
          if (c % 11 == 0)
            g_string_append (all, "a");
        }
    assert_same_bounds (all->str, all->len, "every Han and Latin letter");
  }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *corpus = hb_test_corpus (files[i][0]);
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      gsize len = 0;
      g_autoptr (GError) error = NULL;

      if (corpus == NULL)
        return;
      path = g_build_filename (corpus, files[i][1], NULL);
      g_file_get_contents (path, &contents, &len, &error);
      g_assert_no_error (error);
      assert_same_bounds (contents, len, path);
    }
}

static int
print_row_cb (void *user_data, int n, char **values, char **names)
{
  g_string_append_printf (user_data, "%s;", values[0]);
  return 0;
}

static void
test_fts5 (void)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  g_autoptr (GString) rows = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (hb_store_fts_register (db), ==, SQLITE_OK);
  sqlite3_exec (db,
                "CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = 'hb');"
                "INSERT INTO t (rowid, body) VALUES (1, '消费者可以申请退款'),"
                " (2, '七日无理由退货的规定'), (3, '订单123456退款已处理'), (4, 'Refunds are due');",
                NULL, NULL, &errmsg);
  g_assert_null (errmsg);

#define MATCH(query, expected)                                                                     \
  G_STMT_START                                                                                     \
  {                                                                                                \
    char *sql_ = sqlite3_mprintf ("SELECT rowid FROM t WHERE t MATCH %Q ORDER BY rowid", (query)); \
    g_string_truncate (rows, 0);                                                                   \
    sqlite3_exec (db, sql_, print_row_cb, rows, &errmsg);                                          \
    sqlite3_free (sql_);                                                                           \
    g_assert_null (errmsg);                                                                        \
    g_assert_cmpstr (rows->str, ==, (expected));                                                   \
  }                                                                                                \
  G_STMT_END

  MATCH ("\"退款\"", "1;3;");
  MATCH ("\"退款申请\"", "");
  MATCH ("\"申请退款\"", "1;");
  MATCH ("\"七日无理由退货\"", "2;");
  MATCH ("\"退\" *", "1;2;3;");
  MATCH ("\"款\" *", "1;3;");
  MATCH ("\"123456\"", "3;");
  MATCH ("\"订单123456退款\"", "3;");
  MATCH ("\"refund\"", "4;");
  MATCH ("\"REFUNDING\"", "4;");

#undef MATCH

  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tokenizer/stemmer", test_stemmer);
  g_test_add_func ("/tokenizer/english", test_english);
  g_test_add_func ("/tokenizer/folding", test_folding);
  g_test_add_func ("/tokenizer/cjk-pairs", test_cjk_pairs);
  g_test_add_func ("/tokenizer/mixed", test_mixed);
  g_test_add_func ("/tokenizer/prefix", test_prefix);
  g_test_add_func ("/tokenizer/hostile", test_hostile);
  g_test_add_func ("/tokenizer/bounds", test_bounds);
  g_test_add_func ("/tokenizer/fts5", test_fts5);

  return g_test_run ();
}
