/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hb-import.h"
#include "hb-search-private.h"
#include "hb-search.h"
#include "hb-store-articles.h"
#include "hb-store-search.h"

/*
 * The search benchmark: imports a corpus into a database of its own, then
 * types each query letter by letter, running the search after every
 * letter, and the same FTS5 expressions as a bare
 * `MATCH … ORDER BY rank LIMIT 20` on the same index, as well as the
 * expression our search weighed (synonyms and corrections included).
 * Figures, not tests.
 */

/* The results timed: the window's first page. */
#define TOP HB_SEARCH_LIST_PAGE

/* Realistic queries of an agent or a new employee, English and Chinese.
 * Each is typed letter by letter. */
static const char *const queries[] = {
  /* Disputes and returns */
  "refund", "refund policy", "partial refund", "refund only", "refund timing",
  "return shipping", "return shipping fee", "return label", "returns window", "seven day return",
  "7-day no reason return", "no-reason return exceptions", "opened package return", "intact goods",
  "not as described", "item not as described", "damaged in transit", "damaged package",
  "missing parts", "wrong item sent", "counterfeit claim", "counterfeit accusation",
  "authenticity certificate", "genuine product proof", "unboxing video", "evidence checklist",
  "photo evidence", "chat records", "tracking number", "logistics failure", "lost parcel",
  "courier delay", "delivery exception", "signed but not received", "rejected delivery",
  "warranty claim", "warranty period", "repair or replace", "three guarantees", "quality problem",
  "platform arbitration", "arbitration deadline", "escalate to platform", "appeal a decision",
  "seller response window", "48 hours", "72 hours response", "customer complaint",
  "regulator complaint", "12315 complaint", "bad review", "negative review reply",
  "price protection", "price difference refund", "coupon refund", "deposit presale",
  "invoice request", "missing invoice", "VAT invoice", "treble damages", "punitive damages",
  "fraud compensation", "consumer rights protection law", "e-commerce law", "article 24",
  "privacy request", "personal information deletion", "data export request", "abusive claims",
  "professional claimant", "blacklist buyer", "tmall rules", "jd return policy",
  "douyin after-sales", "pinduoduo refund", "xiaohongshu", "cross-border returns", "customs duty",
  "order TB20240518", "order 123456", "reply template", "apology template", "escalation template",
  "citation format", "policy update", "effective date", "version history",
  /* A handbook for staff */
  "onboarding checklist", "first week", "leave policy", "parental leave", "sick leave",
  "vacation days", "holiday schedule", "remote work", "travel reimbursement", "expense report",
  "laptop setup", "security training", "password manager", "two-factor authentication",
  "code review", "pull request", "github access", "slack channels", "meeting notes",
  "performance review", "hiring process", "interview guide", "benefits enrollment",
  "health insurance", "timesheet", "overtime pay", "training budget", "accessibility",
  "incident response", "on-call rotation", "engineering handbook", "design principles",
  /* 中文：纠纷、退货与法规 */
  "退款", "退货", "仅退款", "部分退款", "退款时限", "退货运费", "运费险", "七日无理由退货",
  "七天无理由退货", "无理由退货例外", "商品完好", "拆封", "描述不符", "质量问题", "三包",
  "保修期", "维修", "换货", "假货", "假一赔三", "退一赔三", "惩罚性赔偿", "欺诈", "正品证明",
  "开箱视频", "证据", "聊天记录", "物流信息", "快递丢件", "签收", "拒收", "运单号", "订单号",
  "订单123456", "发货延迟", "平台介入", "小二介入", "平台仲裁", "申诉", "投诉", "差评", "消费者",
  "消费者权益保护法", "电子商务法", "电子商务经营者", "产品质量法", "广告法", "价格法",
  "合同法", "民法典", "个人信息保护法", "个人信息", "数据安全", "网络安全", "食品安全",
  "不正当竞争", "虚假宣传", "价格欺诈", "格式条款", "违约责任", "损害赔偿", "举证责任",
  "诉讼时效", "管辖", "行政处罚", "罚款", "市场监督管理", "12315", "经营者的义务",
  "消费者的权利", "安全保障义务", "召回", "缺陷产品", "生产者责任", "销售者责任", "发票",
  "增值税发票", "跨境电商", "海关", "保证金", "店铺处罚", "天猫规则", "京东", "抖音", "拼多多",
  "小红书", "回复模板", "劳动合同", "试用期", "加班费", "年休假", "知识产权", "商标侵权",
  "著作权", "专利",
};

/* ------------------------------------------------------------------------ */
/* The synthetic corpus: deterministic, about 2 KB of Markdown each, three
 * in five in English and two in Chinese, words drawn with Zipf's law from a
 * vocabulary shaped like real text: function words first, then the words of
 * the trade spread through a long tail of made-up filler words, so that a
 * domain word is in a few to a few tens of percent of the articles rather
 * than in all of them. */

/* The first this many of en_words and zh_words are function words. */
#define EN_FUNCTION_WORDS 50
#define ZH_FUNCTION_WORDS 17
/* Filler words after each domain word. */
#define EN_FILLER_EVERY 10
#define ZH_FILLER_EVERY 8

static const char *const en_words[] = {
  "the", "of", "and", "to", "a", "in", "for", "is", "on", "that", "by", "this", "with", "as",
  "be", "or", "it", "are", "from", "at", "an", "not", "will", "must", "should", "can", "may",
  "if", "when", "within", "after", "before", "all", "any", "each", "their", "our", "we", "you",
  "they", "has", "have", "was", "were", "which", "than", "more", "only", "also", "other",
  "customer", "order", "refund", "return", "seller", "buyer", "platform", "claim", "dispute",
  "evidence", "shipping", "delivery", "package", "product", "quality", "warranty", "policy",
  "days", "hours", "request", "payment", "tmall", "jd", "douyin", "pinduoduo", "arbitration",
  "described", "damaged", "missing", "tracking", "number", "logistics", "courier",
  "compensation", "deposit", "invoice", "price", "discount", "coupon", "promotion", "complaint",
  "response", "window", "store", "brand", "authorized", "counterfeit", "genuine", "photo",
  "video", "unboxing", "receipt", "service", "agent", "escalate", "manager", "approve",
  "reject", "appeal", "review", "rating", "feedback", "penalty", "violation", "rule",
  "regulation", "law", "consumer", "rights", "protection", "commerce", "article", "section",
  "chapter", "liability", "defect", "repair", "replace", "exchange", "cancel", "cancellation",
  "partial", "full", "amount", "fee", "freight", "insurance", "overseas", "cross-border",
  "customs", "duty", "tax", "warehouse", "stock", "presale", "deadline", "extend", "timeout",
  "automatic", "confirm", "receive", "received", "signed", "lost", "fraud", "abuse", "risk",
  "account", "suspend", "notice", "update", "version", "effective", "date", "template", "reply",
  "message", "chat", "phone", "email", "hotline", "language", "translation", "reason",
  "seven", "intact", "opened", "label", "exception", "treble", "damages", "punitive", "privacy",
  "personal", "information", "deletion", "blacklist", "professional", "claimant", "citation",
  "onboarding", "checklist", "leave", "parental", "vacation", "holiday", "remote", "travel",
  "reimbursement", "expense", "report", "laptop", "security", "training", "password",
  "authentication", "code", "pull", "github", "slack", "meeting", "notes", "performance",
  "hiring", "interview", "benefits", "health", "timesheet", "overtime", "budget",
  "accessibility", "incident", "rotation", "engineering", "design", "principles", "team",
  "process", "guide", "steps", "first", "week", "manager", "approval", "documentation",
};

static const char *const zh_words[] = {
  "的", "了", "和", "是", "在", "对", "应当", "可以", "不得", "或者", "以及", "其", "有关",
  "依法", "按照", "规定", "本法", "消费者", "经营者", "商品", "服务", "平台", "商家", "买家",
  "卖家", "订单", "退款", "退货", "换货", "维修", "物流", "快递", "签收", "拒收", "运费",
  "运费险", "赔偿", "七日无理由退货", "无理由退货", "质量问题", "描述不符", "发票", "保修",
  "三包", "投诉", "仲裁", "平台介入", "申诉", "证据", "聊天记录", "开箱视频", "正品", "假货",
  "欺诈", "惩罚性赔偿", "价格", "优惠券", "促销", "发货", "延迟", "丢失", "损坏", "包装",
  "鉴定", "举报", "审核", "处罚", "违规", "保证金", "店铺", "客服", "售后", "时限", "小时",
  "工作日", "申请", "处理", "责任", "义务", "权利", "合同", "条款", "格式条款", "违约",
  "损害", "举证", "诉讼", "时效", "管辖", "行政", "罚款", "市场监督管理", "部门", "个人信息",
  "数据", "安全", "网络", "广告", "虚假宣传", "不正当竞争", "电子商务", "电子商务经营者",
  "产品质量", "生产者", "销售者", "缺陷", "召回", "食品安全", "跨境", "海关", "天猫", "京东",
  "抖音", "拼多多", "小红书", "模板", "回复", "劳动合同", "试用期", "加班费", "年休假",
  "知识产权", "商标", "著作权", "专利", "完好", "拆封", "差评", "国家", "保护", "合法权益",
  "第一条", "第二十四条", "中华人民共和国", "人民法院", "调解", "协商",
};

static const char *const platforms[] = { "tmall", "jd", "douyin", "pinduoduo", "xiaohongshu" };
static const char *const tags[] = { "returns", "refunds", "evidence", "warranty", "logistics",
                                    "arbitration", "replies", "regulation", "privacy", "reviews",
                                    "onboarding", "invoices" };
static const char *const kinds[] = { "guide", "guide", "guide", "faq", "faq", "regulation",
                                     "lesson" };

/* The corpus is the same for the same seed on every machine: GRand is
 * the Mersenne Twister. */
static guint
rng_below (GRand *rng, guint n)
{
  return (guint) g_rand_int_range (rng, 0, (gint32) n);
}

static const char *const syllables[] = { "ka", "lo", "mi", "ter", "an", "sel", "vo", "ri",
                                         "den", "pu", "ga", "shi", "mor", "ed", "ly", "tan",
                                         "bre", "qui", "zon", "fa", "ul", "nes", "pra", "dio" };

/* A made-up word: two or three syllables, different for each @i. */
static char *
filler_en (guint i)
{
  guint n = G_N_ELEMENTS (syllables);
  GString *word = g_string_new (syllables[i % n]);

  g_string_append (word, syllables[(i / n) % n]);
  if (i / (n * n) > 0)
    g_string_append (word, syllables[(i / (n * n) - 1) % n]);
  return g_string_free (word, FALSE);
}

static const char filler_chars[] =
  "一人大小中上下生年国家学工会出时行作用地方分同动成发定经现开法理心意道事物";

/* A made-up two-character Chinese word. */
static char *
filler_zh (guint i)
{
  static gunichar chars[64];
  static guint n_chars = 0;
  char out[16];
  int len;

  if (n_chars == 0)
    for (const char *p = filler_chars; *p != '\0' && n_chars < G_N_ELEMENTS (chars); p = g_utf8_next_char (p))
      chars[n_chars++] = g_utf8_get_char (p);

  len = g_unichar_to_utf8 (chars[i % n_chars], out);
  len += g_unichar_to_utf8 (chars[(i / n_chars + i) % n_chars], out + len);
  out[len] = '\0';
  return g_strdup (out);
}

typedef struct
{
  GPtrArray *words;
  guint n;
  double *cumulative;
} Zipf;

static void
zipf_init (Zipf *z,
           const char *const *words,
           guint n,
           guint n_function,
           guint filler_every,
           char *(*filler) (guint))
{
  double total = 0;
  guint next_filler = 0;

  z->words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (z->words, g_strdup (words[i]));
      if (i >= n_function)
        for (guint k = 0; k < filler_every; k++)
          g_ptr_array_add (z->words, filler (next_filler++));
    }
  n = z->n = z->words->len;
  z->cumulative = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      total += 1.0 / (i + 1.5);
      z->cumulative[i] = total;
    }
  for (guint i = 0; i < n; i++)
    z->cumulative[i] /= total;
}

static const char *
zipf_pick (Zipf *z, GRand *rng)
{
  double u = g_rand_double (rng);
  guint lo = 0;
  guint hi = z->n - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (z->cumulative[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }
  return g_ptr_array_index (z->words, lo);
}

static void
zipf_clear (Zipf *z)
{
  g_clear_pointer (&z->words, g_ptr_array_unref);
  g_clear_pointer (&z->cumulative, g_free);
}

static void
append_words (GString *out, Zipf *z, GRand *rng, guint n, gboolean chinese, gboolean title_case)
{
  for (guint i = 0; i < n; i++)
    {
      const char *word = zipf_pick (z, rng);

      if (!chinese && i > 0)
        g_string_append_c (out, ' ');
      if (title_case && i == 0 && !chinese)
        {
          g_string_append_c (out, g_ascii_toupper (word[0]));
          g_string_append (out, word + 1);
        }
      else
        g_string_append (out, word);
    }
}

static void
append_paragraph (GString *out, Zipf *en, Zipf *zh, GRand *rng, gboolean chinese, gsize target)
{
  gsize start = out->len;

  while (out->len - start < target)
    {
      guint n = 6 + rng_below (rng, 12);

      append_words (out, chinese ? zh : en, rng, n, chinese, TRUE);
      /* Order numbers, sometimes glued to Chinese, and the other
       * language's names now and then. */
      switch (rng_below (rng, 16))
        {
        case 0:
          g_string_append_printf (out, chinese ? "订单%u" : " order TB%u", 100000 + rng_below (rng, 9000000));
          break;
        case 1:
          g_string_append (out, chinese ? "Tmall" : " 天猫");
          break;
        default:
          break;
        }
      g_string_append (out, chinese ? "。" : ". ");
    }
  g_string_append (out, "\n\n");
}

static char *
synthetic_article (guint index, Zipf *en, Zipf *zh, GRand *rng)
{
  GString *out = g_string_new ("---\n");
  gboolean chinese = rng_below (rng, 5) >= 3;
  guint n_sections = 2 + rng_below (rng, 3);
  guint n_platforms = 1 + rng_below (rng, 3);
  guint n_tags = 1 + rng_below (rng, 3);
  gsize body_start;
  guint i;

  g_string_append_printf (out, "id: syn-%06u\ntitle: \"", index);
  append_words (out, chinese ? zh : en, rng, 3 + rng_below (rng, 5), chinese, TRUE);
  g_string_append_printf (out, " %u\"\nkind: %s\nlang: %s\nplatforms: [", index,
                          kinds[rng_below (rng, G_N_ELEMENTS (kinds))], chinese ? "zh-CN" : "en");
  for (i = 0; i < n_platforms; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                            platforms[(index + i) % G_N_ELEMENTS (platforms)]);
  g_string_append (out, "]\ntags: [");
  for (i = 0; i < n_tags; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", tags[(index * 7 + i) % G_N_ELEMENTS (tags)]);
  g_string_append (out, "]\n---\n\n");

  body_start = out->len;
  append_paragraph (out, en, zh, rng, chinese, 200);
  for (i = 0; i < n_sections; i++)
    {
      g_string_append (out, "## ");
      append_words (out, chinese ? zh : en, rng, 2 + rng_below (rng, 4), chinese, TRUE);
      g_string_append (out, "\n\n");
      while (out->len - body_start < (i + 1) * 1900 / n_sections)
        append_paragraph (out, en, zh, rng, chinese, 150 + rng_below (rng, 300));
    }

  return g_string_free (out, FALSE);
}

static gboolean
write_synthetic (const char *dir, guint n, guint32 seed, GError **error)
{
  Zipf en, zh;
  g_autoptr (GRand) rng = g_rand_new_with_seed (seed);

  zipf_init (&en, en_words, G_N_ELEMENTS (en_words), EN_FUNCTION_WORDS, EN_FILLER_EVERY, filler_en);
  zipf_init (&zh, zh_words, G_N_ELEMENTS (zh_words), ZH_FUNCTION_WORDS, ZH_FILLER_EVERY, filler_zh);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/%03u", dir, i / 1000);
      g_autofree char *path = g_strdup_printf ("%s/article-%06u.md", sub, i);
      g_autofree char *text = synthetic_article (i, &en, &zh, rng);

      if (i % 1000 == 0 && g_mkdir_with_parents (sub, 0700) != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", sub);
          zipf_clear (&en);
          zipf_clear (&zh);
          return FALSE;
        }
      if (!g_file_set_contents (path, text, -1, error))
        {
          zipf_clear (&en);
          zipf_clear (&zh);
          return FALSE;
        }
    }

  zipf_clear (&en);
  zipf_clear (&zh);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Measuring. */

typedef struct
{
  char *name;
  guint articles;
  guint64 markdown_bytes;
  double import_seconds; /* negative when the database was reused */
  guint64 index_bytes;   /* the FTS5 index proper */
  guint64 search_bytes;  /* all the search tables, the copy of the text included */
  guint64 text_bytes;    /* the plain text indexed */
  guint prefixes;
  double ours[4];        /* p50, p95, p99, max in ms */
  double listed[4];      /* ours, as many results as the window's second page asks */
  double bare[4];
  double bare_shown[4]; /* the same with titles and FTS5's snippet() */
  double bare_same[4];  /* bare, of the expression our search weighed */
  guint same_prefixes;
} Figures;

static void
count_markdown (const char *path, guint64 *bytes)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      GStatBuf st;

      if (hb_import_is_markdown_file (path) && g_stat (path, &st) == 0)
        *bytes += st.st_size;
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (name[0] == '.')
        continue;
      child = g_build_filename (path, name, NULL);
      count_markdown (child, bytes);
    }
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
percentiles (GArray *samples, double out[4])
{
  guint n = samples->len;

  memset (out, 0, 4 * sizeof (double));
  if (n == 0)
    return;
  g_array_sort (samples, compare_doubles);
  out[0] = g_array_index (samples, double, (guint) (0.50 * (n - 1)));
  out[1] = g_array_index (samples, double, (guint) (0.95 * (n - 1)));
  out[2] = g_array_index (samples, double, (guint) (0.99 * (n - 1)));
  out[3] = g_array_index (samples, double, n - 1);
}

/* Every prefix of @query, as typed: "r", "re", …, "refund p". */
static GPtrArray *
typed_prefixes (const char *query)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = query; *p != '\0';)
    {
      p = g_utf8_next_char (p);
      g_ptr_array_add (out, g_strndup (query, p - query));
    }
  return out;
}

/* Runs the search, adding its time in ms to @times. */
static HbSearchResponse *
timed_search (HbStore *store, const char *query, const HbSearchOptions *options, GArray *times,
              GError **error)
{
  gint64 start = g_get_monotonic_time ();
  HbSearchResponse *response = hb_search (store, query, options, NULL, error);
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  if (response != NULL)
    g_array_append_val (times, ms);
  return response;
}

/* Runs the bare FTS5 query of @match (see hb_store_search_bare()), adding
 * its time in ms to @times. */
static gboolean
timed_bare (HbStore *store, const char *match, gboolean shown, GArray *times, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  double ms;

  if (hb_store_search_bare (store, match, TOP, shown, error) < 0)
    return FALSE;
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (times, ms);
  return TRUE;
}

/* The rows of the latency table, each typing a query as its user would. */
typedef enum
{
  ROW_OURS,       /* our search, top 20 */
  ROW_BARE,       /* the bare OR of the words, rowids */
  ROW_BARE_SAME,  /* the bare query of our expression, rowids */
  ROW_BARE_SHOWN, /* the bare OR with titles and snippet() */
  ROW_LISTED,     /* our search, as many as the window asks for scrolled to the end */
  N_ROWS
} Row;

/* Types the prefixes of one query with @row, adding each one's time to
 * @times. The bare query of our expression needs ours: @expressions holds
 * it per prefix (NULL where there was none), filled by ROW_OURS. */
static gboolean
type_row (HbStore *store, Row row, GPtrArray *prefixes, GPtrArray *matches,
          GPtrArray *expressions, GArray *times, GError **error)
{
  HbSearchOptions options = { .limit = row == ROW_LISTED ? 2 * HB_SEARCH_LIST_PAGE : TOP };

  for (guint i = 0; i < prefixes->len; i++)
    {
      const char *prefix = g_ptr_array_index (prefixes, i);
      const char *match = g_ptr_array_index (matches, i);

      if (match == NULL)
        continue;
      switch (row)
        {
        case ROW_OURS:
        case ROW_LISTED:
          {
            g_autoptr (HbSearchResponse) response = timed_search (store, prefix, &options, times, error);
            double ms;

            if (response == NULL)
              return FALSE;
            ms = g_array_index (times, double, times->len - 1);
            if (row == ROW_OURS && g_getenv ("HANDBOOK_BENCH_SLOW") != NULL
                && ms > g_ascii_strtod (g_getenv ("HANDBOOK_BENCH_SLOW"), NULL))
              g_printerr ("slow: %.2f ms  %s\n", ms, prefix);
            if (row == ROW_OURS && hb_search_response_get_expression (response) != NULL)
              {
                g_free (g_ptr_array_index (expressions, i));
                g_ptr_array_index (expressions, i)
                    = g_strdup (hb_search_response_get_expression (response));
              }
          }
          break;
        case ROW_BARE:
        case ROW_BARE_SHOWN:
          if (!timed_bare (store, match, row == ROW_BARE_SHOWN, times, error))
            return FALSE;
          break;
        case ROW_BARE_SAME:
          if (g_ptr_array_index (expressions, i) != NULL
              && !timed_bare (store, g_ptr_array_index (expressions, i), FALSE, times, error))
            return FALSE;
          break;
        case N_ROWS:
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/*
 * Each row types each query, letter by letter, as a user of that engine
 * would: its keystrokes follow one another, with what the engine keeps
 * from the keystroke before (SQLite's pages, our search's counts and
 * rows) and not what another row left. The rows take turns query by
 * query, so that all of them are timed in the same minute of a machine
 * whose speed wanders, and the row that goes first turns with the
 * query: going first, or right after another has read the same words'
 * pages, is nobody's advantage.
 */
static gboolean
measure_search (HbStore *store, Figures *figures, GError **error)
{
  GArray *times[N_ROWS];
  HbSearchOptions options = { .limit = TOP };
  guint i;

  for (int r = 0; r < N_ROWS; r++)
    times[r] = g_array_new (FALSE, FALSE, sizeof (double));

  /* Warm the page cache the way a running app has it. */
  for (i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (GListModel) results = hb_search_run (store, queries[i], &options, NULL);
    }

  for (i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (GPtrArray) prefixes = typed_prefixes (queries[i]);
      g_autoptr (GPtrArray) matches = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) expressions = g_ptr_array_new_with_free_func (g_free);
      guint first[N_ROWS];
      Row order[N_ROWS];

      /* A prefix that is no query (only punctuation) is timed by no row. */
      for (guint p = 0; p < prefixes->len; p++)
        {
          g_ptr_array_add (matches, hb_search_query_to_fts (g_ptr_array_index (prefixes, p), NULL));
          g_ptr_array_add (expressions, NULL);
        }
      /*
       * The order turns with the query, over three turns: our search,
       * the bare query of the words, and the bare one showing titles and
       * snippets. Our search's own other rows follow it, never precede
       * it: the window's second page (scrolled to after typing) and the
       * bare query of our expression (which needs it). Before our search
       * they would have typed the same query with our engine, and left
       * it the counts and texts of every prefix.
       */
      {
        static const Row turns[][3] = {
          { ROW_OURS, ROW_BARE, ROW_BARE_SHOWN },
          { ROW_BARE, ROW_BARE_SHOWN, ROW_OURS },
          { ROW_BARE_SHOWN, ROW_OURS, ROW_BARE },
        };
        int n = 0;

        for (int k = 0; k < 3; k++)
          {
            Row row = turns[i % 3][k];

            order[n++] = row;
            if (row == ROW_OURS)
              {
                order[n++] = ROW_LISTED;
                order[n++] = ROW_BARE_SAME;
              }
          }
      }
      for (int k = 0; k < N_ROWS; k++)
        {
          first[order[k]] = times[order[k]]->len;
          if (!type_row (store, order[k], prefixes, matches, expressions, times[order[k]], error))
            goto failed;
        }

      /* For a developer: each prefix's times by row, to see where they part. */
      if (g_getenv ("HANDBOOK_BENCH_DUMP") != NULL)
        for (guint p = 0, n = 0; p < prefixes->len; p++)
          {
            if (g_ptr_array_index (matches, p) == NULL)
              continue;
            g_printerr ("dump\t%.3f\t%.3f\t%.3f\t%s\n",
                        g_array_index (times[ROW_OURS], double, first[ROW_OURS] + n),
                        g_array_index (times[ROW_BARE], double, first[ROW_BARE] + n),
                        g_array_index (times[ROW_BARE_SHOWN], double, first[ROW_BARE_SHOWN] + n),
                        (const char *) g_ptr_array_index (prefixes, p));
            n++;
          }
    }

  figures->prefixes = times[ROW_OURS]->len;
  percentiles (times[ROW_OURS], figures->ours);
  percentiles (times[ROW_LISTED], figures->listed);
  percentiles (times[ROW_BARE], figures->bare);
  percentiles (times[ROW_BARE_SHOWN], figures->bare_shown);
  figures->same_prefixes = times[ROW_BARE_SAME]->len;
  percentiles (times[ROW_BARE_SAME], figures->bare_same);
  for (int r = 0; r < N_ROWS; r++)
    g_array_unref (times[r]);
  return TRUE;

failed:
  for (int r = 0; r < N_ROWS; r++)
    g_array_unref (times[r]);
  return FALSE;
}

static char *
corpus_db_path (const char *workdir, const char *name)
{
  return g_strdup_printf ("%s/%s.db", workdir, name);
}

/* A handbook has its thesaurus: the sample's goes with the corpora, so
 * that a search weighs synonyms as it does in the app. Importing it again
 * into a reused database changes nothing when it is the same. */
static gboolean
add_thesaurus (HbStore *store, GError **error)
{
  g_autofree char *thesaurus = g_build_filename (g_getenv ("HANDBOOK_CONTENT_DIR") != NULL
                                                   ? g_getenv ("HANDBOOK_CONTENT_DIR")
                                                   : "data/content",
                                                 "synonyms.yaml", NULL);
  const char *paths[] = { thesaurus, NULL };
  g_autoptr (HbImportReport) added = NULL;

  if (!g_file_test (thesaurus, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  added = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, error);
  return added != NULL;
}

/* With @reuse, a database left by an earlier run in @workdir is searched
 * as it is: importing 100,000 articles takes longer than measuring them. */
static gboolean
run_corpus (const char *workdir,
            const char *name,
            const char *const *paths,
            gboolean reuse,
            Figures *figures,
            GError **error)
{
  g_autofree char *db_path = corpus_db_path (workdir, name);
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbImportReport) report = NULL;
  HbImportOptions options = { HB_IMPORT_FLAGS_SKIP_INVALID, NULL };
  gboolean reused = reuse && g_file_test (db_path, G_FILE_TEST_IS_REGULAR);
  gint64 start;

  figures->name = g_strdup (name);
  for (guint i = 0; paths[i] != NULL; i++)
    count_markdown (paths[i], &figures->markdown_bytes);

  g_printerr (reused ? "%s: reusing %s\n" : "%s: importing…\n", name, db_path);
  store = hb_store_open (db_path, error);
  if (store == NULL)
    return FALSE;

  if (reused)
    figures->import_seconds = -1;
  else
    {
      start = g_get_monotonic_time ();
      report = hb_import_paths (store, paths, &options, NULL, NULL, NULL, error);
      figures->import_seconds = (g_get_monotonic_time () - start) / 1e6;
      if (report == NULL)
        return FALSE;
      if (report->problems->len > 0)
        g_printerr ("%s: %u files not imported\n", name, report->problems->len);
    }
  figures->articles = (guint) hb_store_count_articles (store, NULL);

  {
    HbStoreSizes sizes = { 0 };

    if (!hb_store_get_sizes (store, &sizes, error))
      return FALSE;
    figures->index_bytes = sizes.index_bytes;
    figures->search_bytes = sizes.search_bytes;
    figures->text_bytes = sizes.text_bytes;
  }

  if (!add_thesaurus (store, error))
    return FALSE;
  g_printerr ("%s: typing %u queries…\n", name, (guint) G_N_ELEMENTS (queries));
  return measure_search (store, figures, error);
}

static void
figures_clear (Figures *figures)
{
  g_clear_pointer (&figures->name, g_free);
}

static void
print_table (GArray *all)
{
  g_print ("\n%-22s %9s %10s %9s %7s %8s %10s %10s %8s\n", "corpus", "articles", "Markdown",
           "import", "MB/s", "art/s", "FTS index", "search", "idx/text");
  for (guint i = 0; i < all->len; i++)
    {
      Figures *f = &g_array_index (all, Figures, i);

      if (f->import_seconds < 0)
        g_print ("%-22s %9u %7.1f MB %9s %7s %8s %7.1f MB %7.1f MB %7.2fx\n", f->name,
                 f->articles, f->markdown_bytes / 1e6, "reused", "-", "-", f->index_bytes / 1e6,
                 f->search_bytes / 1e6, (double) f->index_bytes / MAX (f->text_bytes, 1));
      else
        g_print ("%-22s %9u %7.1f MB %7.1f s %7.2f %8.0f %7.1f MB %7.1f MB %7.2fx\n", f->name,
                 f->articles, f->markdown_bytes / 1e6, f->import_seconds,
                 f->markdown_bytes / 1e6 / MAX (f->import_seconds, 1e-9),
                 f->articles / MAX (f->import_seconds, 1e-9), f->index_bytes / 1e6,
                 f->search_bytes / 1e6, (double) f->index_bytes / MAX (f->text_bytes, 1));
    }

  g_print ("\nSearch latency in ms over every typed prefix of %u queries (top %d, with "
           "snippets and sections):\n",
           (guint) G_N_ELEMENTS (queries), TOP);
  g_print ("%-22s %-22s %8s %8s %8s %8s %9s\n", "corpus", "", "p50", "p95", "p99", "max",
           "prefixes");
  for (guint i = 0; i < all->len; i++)
    {
      Figures *f = &g_array_index (all, Figures, i);

      g_print ("%-22s %-22s %8.2f %8.2f %8.2f %8.2f %9u\n", f->name, "handbook search",
               f->ours[0], f->ours[1], f->ours[2], f->ours[3], f->prefixes);
      g_print ("%-22s %-22s %8.2f %8.2f %8.2f %8.2f %9u\n", "", "…top 40, scrolled once",
               f->listed[0], f->listed[1], f->listed[2], f->listed[3], f->prefixes);
      g_print ("%-22s %-22s %8.2f %8.2f %8.2f %8.2f %9u\n", "", "bare MATCH/rank/20",
               f->bare[0], f->bare[1], f->bare[2], f->bare[3], f->prefixes);
      g_print ("%-22s %-22s %7.2fx %7.2fx %7.2fx %7.2fx\n", "", "ratio",
               f->ours[0] / MAX (f->bare[0], 1e-9), f->ours[1] / MAX (f->bare[1], 1e-9),
               f->ours[2] / MAX (f->bare[2], 1e-9), f->ours[3] / MAX (f->bare[3], 1e-9));
      g_print ("%-22s %-22s %8.2f %8.2f %8.2f %8.2f %9u\n", "", "bare, our expression",
               f->bare_same[0], f->bare_same[1], f->bare_same[2], f->bare_same[3],
               f->same_prefixes);
      g_print ("%-22s %-22s %7.2fx %7.2fx %7.2fx %7.2fx\n", "", "ratio",
               f->ours[0] / MAX (f->bare_same[0], 1e-9), f->ours[1] / MAX (f->bare_same[1], 1e-9),
               f->ours[2] / MAX (f->bare_same[2], 1e-9), f->ours[3] / MAX (f->bare_same[3], 1e-9));
      g_print ("%-22s %-22s %8.2f %8.2f %8.2f %8.2f %9u\n", "", "bare + titles, snippet()",
               f->bare_shown[0], f->bare_shown[1], f->bare_shown[2], f->bare_shown[3], f->prefixes);
      g_print ("%-22s %-22s %7.2fx %7.2fx %7.2fx %7.2fx\n", "", "ratio",
               f->ours[0] / MAX (f->bare_shown[0], 1e-9), f->ours[1] / MAX (f->bare_shown[1], 1e-9),
               f->ours[2] / MAX (f->bare_shown[2], 1e-9), f->ours[3] / MAX (f->bare_shown[3], 1e-9));
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* ------------------------------------------------------------------------ */
/* Quality: the evaluation set of natural queries (tests/data). */

typedef struct
{
  guint n;
  guint top1;
  guint top3;
  guint zero;          /* queries with an answer that found nothing */
  guint answerable;
  guint no_answer;
  guint no_answer_ok;  /* queries without one that found nothing relevant */
  guint no_answer_told; /* … or said a word of them is in no article */
  guint told;          /* queries with an answer that said a word is in no article */
  double reciprocal;   /* the sum of 1 / rank of the first right answer */
} EvalCounts;

static gboolean eval_reuse = FALSE;
/* 0: every query; 1 or 2: only the tuning or the checking half. */
static int eval_half = 0;

/* Which half of the set a query is in: by an FNV-1a hash of its text, so
 * that the halves are a fixed random split that no tuning can move. */
static int
eval_half_of (const char *query)
{
  guint32 h = 0x811c9dc5u;

  for (const guchar *p = (const guchar *) query; *p != '\0'; p++)
    h = (h ^ *p) * 0x01000193u;
  return (int) (h % 2) + 1;
}

static HbStore *
eval_store (const char *workdir, const char *corpus_dir, const char *name, GHashTable *stores,
            GError **error)
{
  HbStore *store = g_hash_table_lookup (stores, name);
  g_autofree char *db_path = NULL;
  g_autofree char *content = NULL;
  g_autoptr (HbImportReport) report = NULL;
  const char *paths[2] = { NULL, NULL };
  /* The revisions of four laws are versions, not more laws. */
  static const char *const exclude[] = { "_git_history", NULL };
  HbImportOptions options = { HB_IMPORT_FLAGS_SKIP_INVALID, NULL, exclude };

  if (store != NULL)
    return store;

  if (strcmp (name, "sample") == 0)
    content = g_strdup (g_getenv ("HANDBOOK_CONTENT_DIR") != NULL ? g_getenv ("HANDBOOK_CONTENT_DIR")
                                                                   : "data/content");
  else if (strcmp (name, "18f") == 0)
    content = g_build_filename (corpus_dir, "handbook-18f", NULL);
  else
    content = g_build_filename (corpus_dir, name, NULL);

  db_path = g_strdup_printf ("%s/eval-%s.db", workdir, name);
  if (eval_reuse && g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      store = hb_store_open (db_path, error);
      if (store == NULL)
        return NULL;
    }
  else
    {
      g_remove (db_path);
      store = hb_store_open (db_path, error);
      if (store == NULL)
        return NULL;
      paths[0] = content;
      g_printerr ("eval: importing %s…\n", content);
      report = hb_import_paths (store, paths, &options, NULL, NULL, NULL, error);
      if (report == NULL || (strcmp (name, "sample") != 0 && !add_thesaurus (store, error)))
        {
          g_object_unref (store);
          return NULL;
        }
    }
  /* As the window's searcher does when it opens a database: the lexicon
   * and friso's dictionary are read before the first query, which is then
   * timed like the others. */
  if (!hb_search_prepare (store, error))
    {
      g_object_unref (store);
      return NULL;
    }
  g_hash_table_insert (stores, g_strdup (name), store);
  return store;
}

static void
eval_add (GHashTable *by_category, const char *category, gboolean answerable, int rank,
          guint n_results, gboolean told)
{
  EvalCounts *counts = g_hash_table_lookup (by_category, category);

  if (counts == NULL)
    {
      counts = g_new0 (EvalCounts, 1);
      g_hash_table_insert (by_category, g_strdup (category), counts);
    }
  counts->n++;
  if (answerable)
    {
      counts->answerable++;
      if (rank == 0)
        counts->top1++;
      if (rank >= 0 && rank < 3)
        counts->top3++;
      if (rank >= 0)
        counts->reciprocal += 1.0 / (rank + 1);
      if (n_results == 0)
        counts->zero++;
      if (told)
        counts->told++;
    }
  else
    {
      counts->no_answer++;
      if (n_results == 0)
        counts->no_answer_ok++;
      if (n_results == 0 || told)
        counts->no_answer_told++;
    }
}

static void
eval_print_row (const char *name, const EvalCounts *c)
{
  g_print ("%-14s %5u %7.1f%% %7.1f%% %9.1f%% %10u/%u %10u/%u %9u\n", name, c->n,
           c->answerable > 0 ? 100.0 * c->top1 / c->answerable : 0,
           c->answerable > 0 ? 100.0 * c->top3 / c->answerable : 0,
           c->answerable > 0 ? 100.0 * c->zero / c->answerable : 0, c->no_answer_ok, c->no_answer,
           c->no_answer_told, c->no_answer, c->told);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Runs every query of @file, prints top-1, top-3 and the zero-result rate
 * per category, and with @verbose each query that missed. */
static int
run_eval (const char *file, const char *corpus_dir, const char *workdir, gboolean verbose)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_object_unref);
  g_autoptr (GHashTable) by_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              g_free);
  g_autoptr (GPtrArray) categories = NULL;
  g_autoptr (GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  EvalCounts all = { 0 };
  double figures[4];

  if (!g_file_get_contents (file, &text, NULL, &error))
    {
      g_printerr ("handbook-bench: %s\n", error->message);
      return 1;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_auto (GStrv) expected = NULL;
      g_autoptr (GListModel) results = NULL;
      g_autoptr (HbSearchResponse) response = NULL;
      HbSearchOptions options = { .limit = 10 };
      HbStore *store;
      guint n_results;
      int rank = -1;
      gint64 start;
      double ms;

      if (g_strv_length (fields) < 4 || *fields[2] == '\0')
        continue;
      if (eval_half != 0 && eval_half_of (fields[2]) != eval_half)
        continue;
      store = eval_store (workdir, corpus_dir, fields[1], stores, &error);
      if (store == NULL)
        {
          g_printerr ("handbook-bench: %s\n", error->message);
          return 1;
        }
      expected = g_strsplit (fields[3], "|", -1);
      start = g_get_monotonic_time ();
      response = hb_search (store, fields[2], &options, NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      results = response != NULL ? g_object_ref (hb_search_response_get_results (response)) : NULL;
      g_array_append_val (latencies, ms);
      if (verbose && ms > 10)
        g_print ("slow\t%s\t%s\t%.2f ms\n", fields[1], fields[2], ms);
      if (results == NULL)
        {
          g_printerr ("handbook-bench: %s\n", error->message);
          return 1;
        }
      n_results = g_list_model_get_n_items (results);
      for (guint r = 0; r < n_results && rank < 0; r++)
        {
          g_autoptr (HbSearchResult) result = g_list_model_get_item (results, r);

          for (guint e = 0; expected[e] != NULL; e++)
            if (*expected[e] != '\0' && strcmp (expected[e], hb_search_result_get_id (result)) == 0)
              rank = (int) r;
        }
      {
        gboolean answerable = *fields[3] != '\0';

        gboolean told = hb_search_response_get_missing (response)->len > 0;

        eval_add (by_category, fields[0], answerable, rank, n_results, told);
        eval_add (by_category, "ALL", answerable, rank, n_results, told);
        {
          g_autofree char *corpus_name = g_strconcat ("corpus ", fields[1], NULL);

          eval_add (by_category, corpus_name, answerable, rank, n_results, told);
        }
        if (verbose && ((answerable && rank != 0) || (!answerable && n_results > 0)))
          {
            g_autoptr (GString) got = g_string_new (NULL);

            for (guint r = 0; r < n_results && r < 3; r++)
              {
                g_autoptr (HbSearchResult) result = g_list_model_get_item (results, r);

                g_string_append_printf (got, "%s%s", r > 0 ? " | " : "",
                                        hb_search_result_get_id (result));
              }
            g_print ("%s\t%s\t%s\trank %d\twant %s\tgot %s\n", fields[0], fields[1], fields[2],
                     rank >= 0 ? rank + 1 : -1, fields[3], n_results > 0 ? got->str : "(none)");
          }
      }
    }

  {
    GHashTableIter iter;
    gpointer key;

    categories = g_ptr_array_new ();
    g_hash_table_iter_init (&iter, by_category);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (categories, key);
  }
  g_ptr_array_sort (categories, compare_strings);
  g_print ("\n%-14s %5s %8s %8s %10s %12s %12s %9s\n", "category", "n", "top-1", "top-3", "zero-res",
           "no-answer ok", "…or told", "told");
  for (guint i = 0; i < categories->len; i++)
    {
      const char *name = g_ptr_array_index (categories, i);

      if (strcmp (name, "ALL") != 0)
        eval_print_row (name, g_hash_table_lookup (by_category, name));
    }
  all = *(EvalCounts *) g_hash_table_lookup (by_category, "ALL");
  eval_print_row ("ALL", &all);
  g_print ("\nmean reciprocal rank (of the first 10): %.4f\n",
           all.answerable > 0 ? all.reciprocal / all.answerable : 0);
  percentiles (latencies, figures);
  g_print ("\nlatency of the evaluation queries (ms): p50 %.2f  p95 %.2f  p99 %.2f  max %.2f\n",
           figures[0], figures[1], figures[2], figures[3]);
  return 0;
}

/* One keystroke's search, a function of its own so that a profiler can
 * count it alone: valgrind --tool=callgrind --toggle-collect=typed_search */
static G_GNUC_NO_INLINE GListModel *
typed_search (HbStore *store, const char *query, const HbSearchOptions *options, GError **error)
{
  return hb_search_run (store, query, options, error);
}

/* The same, for the keystrokes $HANDBOOK_BENCH_PROFILE names (a file of
 * prefixes, one a line): --toggle-collect=profiled_search counts those
 * alone, with the caches the others left, as typing leaves them. */
static G_GNUC_NO_INLINE GListModel *
profiled_search (HbStore *store, const char *query, const HbSearchOptions *options, GError **error)
{
  /* Not the body of typed_search(), which the compiler would make one
   * function of. */
  return typed_search (store, query, options, error);
}

/* Types each query of @typed ("|" between them) letter by letter into
 * @db_path, $HANDBOOK_BENCH_ROUNDS times (default 3), printing each
 * prefix's fastest time (with HANDBOOK_SEARCH_DEBUG=t, each step's), and
 * the median and the 95th percentile of those. */
static int
run_typing (const char *db_path, const char *typed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = hb_store_open (db_path, &error);
  HbSearchOptions options = { .limit = TOP };
  g_auto (GStrv) list = g_strsplit (typed, "|", -1);
  g_autoptr (GPtrArray) prefixes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) best = NULL;
  g_autoptr (GArray) sorted = NULL;
  int rounds = g_getenv ("HANDBOOK_BENCH_ROUNDS") != NULL ? atoi (g_getenv ("HANDBOOK_BENCH_ROUNDS")) : 3;
  double figures[4];
  g_autoptr (GHashTable) profiled = NULL;

  if (store == NULL)
    {
      g_printerr ("handbook-bench: %s\n", error->message);
      return 1;
    }
  if (g_getenv ("HANDBOOK_BENCH_PROFILE") != NULL)
    {
      g_autofree char *contents = NULL;
      g_auto (GStrv) lines = NULL;

      if (!g_file_get_contents (g_getenv ("HANDBOOK_BENCH_PROFILE"), &contents, NULL, &error))
        {
          g_printerr ("handbook-bench: %s\n", error->message);
          return 1;
        }
      lines = g_strsplit (contents, "\n", -1);
      profiled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint l = 0; lines[l] != NULL; l++)
        if (lines[l][0] != '\0')
          g_hash_table_add (profiled, g_strdup (lines[l]));
    }
  for (guint q = 0; list[q] != NULL; q++)
    for (const char *p = list[q]; *p != '\0';)
      {
        p = g_utf8_next_char (p);
        g_ptr_array_add (prefixes, g_strndup (list[q], p - list[q]));
      }
  best = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_set_size (best, prefixes->len);
  for (guint i = 0; i < prefixes->len; i++)
    g_array_index (best, double, i) = G_MAXDOUBLE;
  /* The lexicon and the page cache, as a running app has them: each
   * query once, as the latency table warms them. */
  for (guint q = 0; list[q] != NULL; q++)
    {
      g_autoptr (GListModel) warm = hb_search_run (store, list[q], &options, NULL);
    }
  for (int round = 0; round < MAX (rounds, 1); round++)
    for (guint i = 0; i < prefixes->len; i++)
      {
        g_autoptr (GListModel) results = NULL;
        gint64 start = g_get_monotonic_time ();
        double ms;

        if (profiled != NULL && g_hash_table_contains (profiled, g_ptr_array_index (prefixes, i)))
          results = profiled_search (store, g_ptr_array_index (prefixes, i), &options, &error);
        else
          results = typed_search (store, g_ptr_array_index (prefixes, i), &options, &error);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        if (results == NULL)
          {
            g_printerr ("handbook-bench: %s\n", error->message);
            return 1;
          }
        g_array_index (best, double, i) = MIN (g_array_index (best, double, i), ms);
      }
  for (guint i = 0; i < prefixes->len; i++)
    g_print ("%8.2f ms  %s\n", g_array_index (best, double, i),
             (const char *) g_ptr_array_index (prefixes, i));
  sorted = g_array_copy (best);
  percentiles (sorted, figures);
  g_print ("p50 %.2f  p95 %.2f  p99 %.2f  max %.2f ms over %u prefixes\n", figures[0], figures[1],
           figures[2], figures[3], prefixes->len);
  return 0;
}

/* The quality, in a process of its own: friso's dictionary is one per
 * process and keeps the words of every handbook searched in it, so after
 * the latency runs (the 100,000 synthetic articles' words) it would split
 * some Chinese queries differently from the window, which reads one
 * handbook. */
static int
run_eval_apart (const char *set, const char *corpus, const char *workdir, gboolean reuse)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self, "--eval", set, "--corpus", corpus, "--workdir", workdir,
                         reuse ? "--reuse" : NULL, NULL };
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "HANDBOOK_BENCH_APART", "1", TRUE);
  int status = 0;

  if (self == NULL)
    {
      eval_reuse = reuse;
      return run_eval (set, corpus, workdir, FALSE);
    }
  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                     NULL, &status, &error))
    {
      g_printerr ("handbook-bench: %s\n", error->message);
      return 1;
    }
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

int
main (int argc, char **argv)
{
  int articles = 100000;
  int seed = 1;
  gboolean no_corpus = FALSE;
  gboolean no_eval = FALSE;
  gboolean keep = FALSE;
  gboolean reuse = FALSE;
  g_autofree char *corpus = NULL;
  g_autofree char *workdir = NULL;
  g_autofree char *eval = NULL;
  gboolean verbose = FALSE;
  g_autofree char *typing = NULL;
  g_autofree char *db_file = NULL;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &typing,
      "Type each query of TEXT (| between them) letter by letter into the database of --db-file, "
      "printing each prefix's fastest time of three rounds", "TEXT" },
    { "db-file", 0, 0, G_OPTION_ARG_FILENAME, &db_file, "With --type, the database to search",
      "PATH" },
    { "eval", 0, 0, G_OPTION_ARG_FILENAME, &eval,
      "Measure quality instead: run the queries of FILE (tests/data/search-queries.tsv) and "
      "print top-1, top-3 and the zero-result rate", "FILE" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "With --eval, list every query that missed",
      NULL },
    { "half", 0, 0, G_OPTION_ARG_INT, &eval_half,
      "With --eval, only the first (1) or the second (2) half of a fixed random split of the "
      "queries: tune on one, check on the other",
      "N" },
    { "articles", 'a', 0, G_OPTION_ARG_INT, &articles,
      "Articles in the synthetic corpus (default 100000; 0 for none)", "N" },
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &corpus,
      "The shared corpus folder (default $HANDBOOK_CORPUS_DIR or ../shared/corpus)", "DIR" },
    { "no-corpus", 0, 0, G_OPTION_ARG_NONE, &no_corpus, "Skip the real corpus", NULL },
    { "no-eval", 0, 0, G_OPTION_ARG_NONE, &no_eval,
      "Do not print, after the latency table, the quality of tests/data/search-queries.tsv",
      NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the synthetic corpus (default 1)", "N" },
    { "workdir", 0, 0, G_OPTION_ARG_FILENAME, &workdir,
      "Where to put the databases and the synthetic files (default a temporary folder)",
      "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the work folder", NULL },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse,
      "Search the databases an earlier run left in the --workdir folder instead of importing "
         "again",
      NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) all = g_array_new (FALSE, TRUE, sizeof (Figures));
  gboolean own_workdir = FALSE;
  int rc = 0;

  setlocale (LC_ALL, "");
  g_array_set_clear_func (all, (GDestroyNotify) figures_clear);
  g_option_context_set_summary (
    context, "Imports the shared corpus and a synthetic one into databases of its own, types "
               "realistic queries letter by letter, and prints import speed, index size and "
               "search latency next to bare FTS5 queries. The database given with --db is not "
               "used.");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr (("handbook-bench: %s (see “handbook-bench --help”)\n"), error->message);
      return 2;
    }
  if (argc > 1 || articles < 0)
    {
      g_printerr (("handbook-bench: unexpected argument (see “handbook-bench --help”)\n"));
      return 2;
    }
  if (typing != NULL)
    {
      if (db_file == NULL)
        {
          g_printerr (("handbook-bench: --type needs --db-file\n"));
          return 2;
        }
      return run_typing (db_file, typing);
    }
  if (reuse && workdir == NULL)
    {
      g_printerr (("handbook-bench: --reuse needs --workdir\n"));
      return 2;
    }

  if (corpus == NULL && !no_corpus)
    corpus = g_strdup (g_getenv ("HANDBOOK_CORPUS_DIR") != NULL ? g_getenv ("HANDBOOK_CORPUS_DIR")
                                                                 : "../shared/corpus");
  if (workdir == NULL)
    {
      workdir = g_dir_make_tmp ("handbook-bench-XXXXXX", &error);
      if (workdir == NULL)
        {
          g_printerr ("handbook-bench: %s\n", error->message);
          return 1;
        }
      own_workdir = TRUE;
    }
  else if (g_mkdir_with_parents (workdir, 0700) != 0)
    {
      g_printerr ("handbook-bench: cannot create %s\n", workdir);
      return 1;
    }

  if (eval != NULL)
    {
      eval_reuse = reuse;
      rc = run_eval (eval, corpus, workdir, verbose);
      goto out;
    }

  if (!no_corpus)
    {
      g_autofree char *a = g_build_filename (corpus, "handbook-18f", NULL);
      g_autofree char *b = g_build_filename (corpus, "handbook-sourcegraph", NULL);
      g_autofree char *c = g_build_filename (corpus, "zh-laws", NULL);
      const char *paths[] = { a, b, c, NULL };
      Figures figures = { 0 };

      if (!g_file_test (a, G_FILE_TEST_IS_DIR) || !g_file_test (c, G_FILE_TEST_IS_DIR))
        {
          g_printerr (("handbook-bench: no corpus in %s (use --corpus or --no-corpus)\n"),
                      corpus);
          rc = 1;
          goto out;
        }
      if (!run_corpus (workdir, "shared corpus", paths, reuse, &figures, &error))
        {
          figures_clear (&figures);
          g_printerr ("handbook-bench: %s\n", error->message);
          rc = 1;
          goto out;
        }
      g_array_append_val (all, figures);
    }

  if (articles > 0)
    {
      g_autofree char *dir = g_build_filename (workdir, "synthetic", NULL);
      g_autofree char *name = g_strdup_printf ("synthetic %dk", articles / 1000);
      g_autofree char *db_path = NULL;
      const char *paths[] = { dir, NULL };
      Figures figures = { 0 };

      if (articles < 1000)
        {
          g_free (name);
          name = g_strdup_printf ("synthetic %d", articles);
        }
      db_path = corpus_db_path (workdir, name);
      if (!reuse || !g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
        {
          g_printerr ("%s: writing the articles…\n", name);
          if (!write_synthetic (dir, (guint) articles, (guint32) seed, &error))
            {
              g_printerr ("handbook-bench: %s\n", error->message);
              rc = 1;
              goto out;
            }
        }
      if (!run_corpus (workdir, name, paths, reuse, &figures, &error))
        {
          figures_clear (&figures);
          g_printerr ("handbook-bench: %s\n", error->message);
          rc = 1;
          goto out;
        }
      g_array_append_val (all, figures);
    }

  print_table (all);

  /* The quality of the evaluation set, next to the latency (issue 8). */
  if (!no_eval && !no_corpus)
    {
      const char *set = "tests/data/search-queries.tsv";

      if (g_file_test (set, G_FILE_TEST_IS_REGULAR))
        {
          g_print ("\nQuality on %s (handbook-bench --eval, each corpus in a database of its own):\n",
                   set);
          rc = run_eval_apart (set, corpus, workdir, reuse);
        }
      else
        g_printerr ("handbook-bench: no %s here: run from the source folder for the quality "
                    "figures, or pass --no-eval\n",
                    set);
    }

out:
  if (own_workdir && !keep)
    remove_tree (workdir);
  else if (g_getenv ("HANDBOOK_BENCH_APART") == NULL)
    g_printerr ("The databases are in %s\n", workdir);
  return rc;
}
