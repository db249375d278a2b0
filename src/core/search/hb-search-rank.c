/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-rank.h"

#include <math.h>
#include <string.h>

#include "hb-tokenizer.h"

/*
 * The weights. A row's score is a sum of its features (HbSearchFeatures),
 * each as a share of the query's weight (its words weighed by their
 * rarity, those that occur nowhere too) times its weight here; the kind
 * and language priors multiply it; the second look adds how much the
 * title is about the query. Every feature is a rule of issue 8: how much
 * of the query a row holds and where ("coverage": the title above the
 * headings, those above the tags and keywords, those above the body), how
 * often the body says it ("about"), typos, closeness ("passage",
 * "heading"), exactness, bm25, the platform or kind named.
 *
 * They were tuned with `handbook-bench --eval tests/data/search-queries.tsv`
 * (HANDBOOK_RANK="name=value,…" overrides them for such a run): first on
 * one half of the set only (--half 1), the other half kept to check; then,
 * once the mechanisms had been looked at on both halves, on the whole set
 * within sane bounds (a prior at most 1, a synonym or prefix worth at most
 * the word); the later rules (prior-title, named, reach) on that set and
 * tests/data/search-queries-holdout.tsv together. The blind set
 * (search-queries-blind.tsv) is the check: see tests/data/README.md.
 * Weights at 0 are rules that did not pay on the set, kept to be tried
 * again on other content.
 */
enum
{
  I_W_COVERAGE,
  I_W_ABOUT,
  I_W_TYPO,
  I_W_PROXIMITY,
  I_W_EXACT,
  I_W_BM25,
  I_W_BOOST,
  I_W_GENERIC,
  I_P_GUIDE,
  I_P_FAQ,
  I_P_REGULATION,
  I_P_LESSON,
  I_W_SYNONYM,
  I_W_PREFIX,
  I_W_WEAK,
  I_W_TIER,
  I_N_TIERS,
  I_W_WORD_RARITY,
  I_W_PASSAGE,
  I_F_TITLE,
  I_F_HEADINGS,
  I_F_TAGS,
  I_F_BODY,
  I_B_TITLE,
  I_B_HEADINGS,
  I_B_TAGS,
  I_B_BODY,
  I_B_B_SHORT,
  I_B_B_BODY,
  I_B_K1,
  I_ABOUT_K,
  I_PASSAGE_TOKENS,
  I_HEADING_TOKENS,
  I_W_HEADING,
  I_W_TITLE_ABOUT,
  I_W_QUOTED,
  I_W_MISSING,
  I_W_FLOOR,
  I_RERANK,
  I_W_FLOOR_BEST,
  I_P_OTHER_LANG_EN,
  I_P_OTHER_LANG_ZH,
  I_W_CONCEPT,
  I_P_TITLE,
  I_W_NAMED,
  I_W_REACH,
  I_NAMED_COMMON,
  I_P_PLACE,
  I_BOOST_GATE,
  N_WEIGHTS
};

static struct
{
  const char *name;
  double value;
} weights[N_WEIGHTS] = {
/* Every word of the query, in the title (the "field" feature: each word
 * by the best place it is in, F_…). */
#define W_COVERAGE weights[I_W_COVERAGE].value
  [I_W_COVERAGE] = { "coverage", 75.0 },
#define W_ABOUT weights[I_W_ABOUT].value /* every word, said again and again in the body */
  [I_W_ABOUT] = { "about", 156.0 },
#define W_TYPO weights[I_W_TYPO].value /* each word found only through a correction */
  [I_W_TYPO] = { "typo", 40.0 },
/* Every word of the body next to each other (the smallest part of the
 * body holding them all). Off: "passage" and "heading" do better on long
 * questions, whose words a whole article never holds together. */
#define W_PROXIMITY weights[I_W_PROXIMITY].value
  [I_W_PROXIMITY] = { "proximity", 0.0 },
#define W_EXACT weights[I_W_EXACT].value /* every word as typed, none through a synonym */
  [I_W_EXACT] = { "exact", 4.0 },
#define W_BM25 weights[I_W_BM25].value /* bm25, squashed to 0..1 */
  [I_W_BM25] = { "bm25", 30.0 },
#define W_BOOST weights[I_W_BOOST].value /* the platform or kind the query names */
  [I_W_BOOST] = { "boost", 625.0 },
#define W_GENERIC weights[I_W_GENERIC].value /* the weight of a word no title, heading or tag has */
  [I_W_GENERIC] = { "generic", 0.8 },
#define P_GUIDE weights[I_P_GUIDE].value /* the priors of the kinds */
  [I_P_GUIDE] = { "guide", 1.0 },
#define P_FAQ weights[I_P_FAQ].value
  [I_P_FAQ] = { "faq", 1.0 },
#define P_REGULATION weights[I_P_REGULATION].value
  [I_P_REGULATION] = { "regulation", 0.744 },
#define P_LESSON weights[I_P_LESSON].value
  [I_P_LESSON] = { "lesson", 0.35 },
#define W_SYNONYM weights[I_W_SYNONYM].value /* a synonym's worth, of a word as rare */
  [I_W_SYNONYM] = { "synonym", 0.85 },
#define W_PREFIX weights[I_W_PREFIX].value /* a prefix's worth, of a word as rare */
  [I_W_PREFIX] = { "prefix", 0.45 },
#define W_WEAK weights[I_W_WEAK].value /* a Chinese word of one character */
  [I_W_WEAK] = { "weak", 0.75 },
/* How much of the query, first of all, in N_TIERS steps: strict
 * Meilisearch order. Off: on tests/data/search-queries.tsv it costs three
 * to seven points of top-1, as field and rarity within a query do better
 * weighed together. */
#define W_TIER weights[I_W_TIER].value
  [I_W_TIER] = { "tier", 0.0 },
#define N_TIERS weights[I_N_TIERS].value /* in how many steps */
  [I_N_TIERS] = { "tiers", 8.0 },
/* How much an alternative (a synonym, a form) is worth the rarity of the
 * word as typed rather than its own: 1 the word's, 0 its own. */
#define W_WORD_RARITY weights[I_W_WORD_RARITY].value
  [I_W_WORD_RARITY] = { "word-rarity", 1.0 },
/* Every word of the query in one passage of the body (passage-tokens):
 * little, it orders rows that are otherwise equal. */
#define W_PASSAGE weights[I_W_PASSAGE].value
  [I_W_PASSAGE] = { "passage", 1.0 },
/* Where a word is: the best place a row has it in, as a share of its
 * weight (the "field" feature). */
#define F_TITLE weights[I_F_TITLE].value
  [I_F_TITLE] = { "field-title", 1.0 },
#define F_HEADINGS weights[I_F_HEADINGS].value
  [I_F_HEADINGS] = { "field-headings", 0.56 },
#define F_TAGS weights[I_F_TAGS].value /* tags, keywords, aliases and the id's words */
  [I_F_TAGS] = { "field-tags", 0.75 },
#define F_BODY weights[I_F_BODY].value
  [I_F_BODY] = { "field-body", 0.35 },
/* BM25F: how much a match in each column counts… */
#define B_TITLE weights[I_B_TITLE].value
  [I_B_TITLE] = { "bm25-title", 10.0 },
#define B_HEADINGS weights[I_B_HEADINGS].value /* off: "coverage" weighs the headings */
  [I_B_HEADINGS] = { "bm25-headings", 0.0 },
#define B_TAGS weights[I_B_TAGS].value
  [I_B_TAGS] = { "bm25-tags", 2.5 },
#define B_BODY weights[I_B_BODY].value
  [I_B_BODY] = { "bm25-body", 1.0 },
/* …how much a longer column than most says less (bm25's b)… */
#define B_B_SHORT weights[I_B_B_SHORT].value /* the title, headings and tags */
  [I_B_B_SHORT] = { "b-short", 0.75 },
#define B_B_BODY weights[I_B_B_BODY].value
  [I_B_B_BODY] = { "b-body", 0.75 },
/* …and how soon more matches stop counting (bm25's k1). */
#define B_K1 weights[I_B_K1].value
  [I_B_K1] = { "k1", 1.2 },
/* How soon the body's saying a word again and again stops counting for
 * "about", in matches of a body of average length. */
#define ABOUT_K weights[I_ABOUT_K].value
  [I_ABOUT_K] = { "about-k", 3.0 },
/* How long a passage is, in tokens: a sentence or two. */
#define PASSAGE_TOKENS weights[I_PASSAGE_TOKENS].value
  [I_PASSAGE_TOKENS] = { "passage-tokens", 24 },
/* How long a heading is, in tokens. */
#define HEADING_TOKENS weights[I_HEADING_TOKENS].value
  [I_HEADING_TOKENS] = { "heading-tokens", 8 },
/* Every word of the query in one heading (heading-tokens): as little. */
#define W_HEADING weights[I_W_HEADING].value
  [I_W_HEADING] = { "heading", 1.0 },
/* A title that is nothing but the query's words: the share of the title
 * they are, each word of the title weighed by how few titles have it
 * ("中华人民共和国" of every law says nothing), times the share of the
 * query in the title; in the second look at the best rows. */
#define W_TITLE_ABOUT weights[I_W_TITLE_ABOUT].value
  [I_W_TITLE_ABOUT] = { "title-about", 300.0 },
/* A title's words between 《》 name another text ("北京市实施《消费者权益保护法》
 * 办法" is about implementing the law): they count for this much of
 * the title. */
#define W_QUOTED weights[I_W_QUOTED].value
  [I_W_QUOTED] = { "quoted", 0.5 },
/* A word that occurs nowhere weighs as a word no title has that one row
 * holds, times this. */
#define W_MISSING weights[I_W_MISSING].value
  [I_W_MISSING] = { "missing", 1.25 },
/* When the best row holds less than this share of the query's weight
 * (the words that occur nowhere too), nothing answers; a row holding less
 * than "floor-best" of what the best one holds is no answer either. */
#define W_FLOOR weights[I_W_FLOOR].value
  [I_W_FLOOR] = { "floor", 0.15 },
/* How many of the best rows the second look weighs again. */
#define RERANK weights[I_RERANK].value
  [I_RERANK] = { "rerank", 24 },
/* Off: on the set it cut right answers that hold little of a long question. */
#define W_FLOOR_BEST weights[I_W_FLOOR_BEST].value
  [I_W_FLOOR_BEST] = { "floor-best", 0.0 },
/* An article in Chinese for a query without a Chinese word, and one in
 * another language for a query with one: the agent reads the language
 * typed. */
#define P_OTHER_LANG_EN weights[I_P_OTHER_LANG_EN].value
  [I_P_OTHER_LANG_EN] = { "other-lang-en", 0.9 },
#define P_OTHER_LANG_ZH weights[I_P_OTHER_LANG_ZH].value
  [I_P_OTHER_LANG_ZH] = { "other-lang-zh", 1.0 },
/* A word is at least as common as this share of the rows that hold it or
 * one of its synonyms: 买家 that the laws hardly write is as common as
 * the 消费者 they write everywhere, "shopper" as "customer". */
#define W_CONCEPT weights[I_W_CONCEPT].value
  [I_W_CONCEPT] = { "concept", 0.4 },
/* How far a title about the query lifts the kind's prior towards 1: a
 * lesson that only names the term is below the guide, one whose title is
 * the query ("your first week") is not merely naming it. */
#define P_TITLE weights[I_P_TITLE].value
  [I_P_TITLE] = { "prior-title", 0.5 },
/* A query that names an article and asks something of it ("劳动法 加班费"):
 * the article named makes up for the words it lacks, up to this. Named:
 * the title is some of the query's words and words at least "named-common"
 * of the titles (and five) have (中华人民共和国), ends with the query's
 * words, and is more than one word (a title of one word is named by any
 * word that stems like it: "access" and "Accessibility"). */
#define W_NAMED weights[I_W_NAMED].value
  [I_W_NAMED] = { "named", 150.0 },
/* An article in the other language is weighed against the words it could
 * hold (those with a word in its language), this much: 0 not at all, 1 in
 * full. */
#define W_REACH weights[I_W_REACH].value
  [I_W_REACH] = { "reach", 0.3 },
#define NAMED_COMMON weights[I_NAMED_COMMON].value
  [I_NAMED_COMMON] = { "named-common", 0.03 },
/* A text of one place (山东省消费者权益保护条例, a title that opens with a
 * place) for a query that names no place: the agent of a shop that sells
 * across the country asks what holds everywhere, which the national law
 * says. The local text restates it for one province, and outranked it
 * for holding the same words. */
#define P_PLACE weights[I_P_PLACE].value
  [I_P_PLACE] = { "place", 0.8 },
/* The platform or kind named boosts in full a row that holds at least
 * this share of what the best row holds of the query's words, and less
 * one that holds less: "JD 价保 rules" is about 价保 on JD, and a JD
 * article that only says "rules" is not its answer. */
#define BOOST_GATE weights[I_BOOST_GATE].value
  [I_BOOST_GATE] = { "boost-gate", 0.5 },
};

/*
 * For tuning only: HANDBOOK_RANK="coverage=900,about=300" overrides the
 * weights above in a developer's run of `handbook-bench --eval`.
 */
static void
load_weights (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const char *env = g_getenv ("HANDBOOK_RANK");
      g_auto (GStrv) pairs = env != NULL ? g_strsplit (env, ",", -1) : NULL;

      for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
        {
          g_auto (GStrv) kv = g_strsplit (pairs[i], "=", 2);

          if (kv[0] == NULL || kv[1] == NULL)
            continue;
          for (guint k = 0; k < G_N_ELEMENTS (weights); k++)
            if (strcmp (kv[0], weights[k].name) == 0)
              weights[k].value = g_ascii_strtod (kv[1], NULL);
        }
      g_once_init_leave (&done, 1);
    }
}

double
hb_search_rank_score (const HbSearchFeatures *f, gpointer data)
{
  const HbSearchRankContext *context = data;
  double total = context != NULL && context->total_weight > 0 ? context->total_weight : 1;
  double n = context != NULL ? MAX (context->n_groups, 1) : 1;
  double score = 0;

  load_weights ();
  /* How much of the query it holds, each word by its rarity, first of
   * all, in steps: a row holding more of it comes first whatever else.
   * Then, within a step, where the words are. */
  if (N_TIERS > 0)
    score += W_TIER * floor (N_TIERS * MIN (f->matched / total, 1.0) + 1e-9) / N_TIERS;
  score += W_COVERAGE * f->field / total;
  score += W_ABOUT * f->about / total;
  score -= W_TYPO * f->typos;
  if (f->n_span >= 2 && f->span > 0)
    {
      /* The words of the body as close as they can be: span == n_span. */
      double tight = (double) f->n_span / f->span;

      score += W_PROXIMITY * ((f->n_span - 1) / MAX (n - 1, 1)) * sqrt (tight);
    }
  score += W_PASSAGE * f->passage / total;
  score += W_HEADING * f->heading / total;
  score += W_EXACT * f->exact / n;
  score += W_BM25 * f->bm25 / (f->bm25 + 2.0);
  score += W_BOOST * f->boost;
  return score;
}

double
hb_search_rank_kind_prior (const char *kind)
{
  /* A guide says what to do, an FAQ answers; a regulation is the source,
   * a lesson teaches what the guides say. */
  load_weights ();
  if (g_strcmp0 (kind, "guide") == 0)
    return P_GUIDE;
  if (g_strcmp0 (kind, "faq") == 0)
    return P_FAQ;
  if (g_strcmp0 (kind, "regulation") == 0)
    return P_REGULATION;
  if (g_strcmp0 (kind, "lesson") == 0)
    return P_LESSON;
  return 0.9;
}

gboolean
hb_search_rank_synonym_rarity_counts (void)
{
  load_weights ();
  return W_WORD_RARITY < 1.0;
}

double
hb_search_rank_alt_weight (HbSearchAltKind kind, gint64 docs, gint64 word_docs, gint64 n_rows,
                           gboolean topical, gboolean weak)
{
  double own, word, weight;

  load_weights ();
  /* What the agent typed says how much the word matters: a rare synonym
   * of a common word ("shopper" for "customer") is no rarer a thing. */
  own = hb_search_rank_word_weight (docs, n_rows, topical);
  word = hb_search_rank_word_weight (word_docs, n_rows, topical);
  weight = pow (word, W_WORD_RARITY) * pow (own, 1 - W_WORD_RARITY);
  if (weak)
    weight *= W_WEAK;
  switch (kind)
    {
    case HB_SEARCH_ALT_SYNONYM:
      return weight * W_SYNONYM;
    case HB_SEARCH_ALT_PREFIX:
      return weight * W_PREFIX;
    case HB_SEARCH_ALT_WORD:
    case HB_SEARCH_ALT_CORRECTION:
    case HB_SEARCH_ALT_BOOST:
    case HB_SEARCH_ALT_FILLER:
    default:
      return weight;
    }
}

double
hb_search_rank_word_weight (gint64 docs, gint64 n_rows, gboolean topical)
{
  double n = MAX (n_rows, 1);
  double d = CLAMP ((double) docs, 0, n);
  /* bm25's idf, never quite zero: a word in every article still counts a
   * little for the one that holds it. */
  double idf = log (1.0 + (n - d + 0.5) / (d + 0.5)) + 0.05;

  load_weights ();
  /* A word no title, heading or tag has is not a word of the trade:
   * "still", "wants". */
  return topical ? idf : idf * W_GENERIC;
}

void
hb_search_rank_scan_weights (HbSearchScanWeights *out)
{
  load_weights ();
  memset (out, 0, sizeof *out);
  out->field[HB_SEARCH_COLUMN_TITLE] = F_TITLE;
  out->field[HB_SEARCH_COLUMN_HEADINGS] = F_HEADINGS;
  out->field[HB_SEARCH_COLUMN_TAGS] = F_TAGS;
  out->field[HB_SEARCH_COLUMN_BODY] = F_BODY;
  out->bm25[HB_SEARCH_COLUMN_TITLE] = B_TITLE;
  out->bm25[HB_SEARCH_COLUMN_HEADINGS] = B_HEADINGS;
  out->bm25[HB_SEARCH_COLUMN_TAGS] = B_TAGS;
  out->bm25[HB_SEARCH_COLUMN_BODY] = B_BODY;
  out->bm25_b[HB_SEARCH_COLUMN_TITLE] = B_B_SHORT;
  out->bm25_b[HB_SEARCH_COLUMN_HEADINGS] = B_B_SHORT;
  out->bm25_b[HB_SEARCH_COLUMN_TAGS] = B_B_SHORT;
  out->bm25_b[HB_SEARCH_COLUMN_BODY] = B_B_BODY;
  out->bm25_k1 = B_K1;
  out->about_k = ABOUT_K;
  out->passage_tokens = (int) PASSAGE_TOKENS;
  out->heading_tokens = (int) HEADING_TOKENS;
}

typedef struct
{
  const guint8 *covered; /* by position */
  int n_covered;
  int pos;
  double total;
  double about;
  guint rare_left; /* words of the title, not the query's, that few titles have */
  guint covered_words;
  gboolean last_covered; /* the title's last word is the query's */
} TitleAbout;

static void
title_about_token (TitleAbout *about, const HbSearchTitleToken *token, guint n_titles)
{
  guint docs = token->docs;
  double weight;
  int pos;

  pos = about->pos++;
  /* bm25's idf among the titles: a word most titles have is worth
   * next to nothing. */
  weight = MAX (log ((n_titles - docs + 0.5) / (docs + 0.5)), 0.05);
  about->total += weight;
  about->last_covered = pos < about->n_covered && about->covered[pos];
  /* The last character of a run stands alone after its pair (法 after 动法):
   * the query has it if it has the pair. */
  if (!about->last_covered && token->han && token->one_char && pos > 0
      && pos - 1 < about->n_covered && about->covered[pos - 1])
    {
      about->last_covered = TRUE;
      return;
    }
  if (about->last_covered)
    {
      about->about += weight * (token->quoted ? W_QUOTED : 1.0);
      about->covered_words++;
    }
  /* A pair of Chinese characters of which the query has one (国劳 of
   * 中华人民共和国劳动法 for 劳动法) is half the query's. */
  else if (token->len > 3 && token->han
           && ((pos > 0 && pos - 1 < about->n_covered && about->covered[pos - 1])
               || (pos + 1 < about->n_covered && about->covered[pos + 1])))
    about->about += 0.5 * weight * (token->quoted ? W_QUOTED : 1.0);
  /* What the query leaves of the title: boilerplate, or more? */
  else if (docs < MAX (NAMED_COMMON * n_titles, 5))
    about->rare_left++;
}

double
hb_search_rank_title_about (HbSearchLexicon *lexicon, const char *title, GArray *hits,
                            const HbSearchPhraseInfo *phrases, gboolean *named)
{
  g_autofree guint8 *covered = NULL;
  g_autoptr (GArray) tokens = NULL;
  TitleAbout about = { NULL, 0, 0, 0, 0, 0, 0, FALSE };
  guint n_titles = 0;

  load_weights ();
  if (named != NULL)
    *named = FALSE;
  if (lexicon == NULL || title == NULL || hits == NULL)
    return 0;
  for (guint i = 0; i < hits->len; i++)
    {
      const HbSearchHit *hit = &g_array_index (hits, HbSearchHit, i);
      int last;

      if (hit->column != HB_SEARCH_COLUMN_TITLE || phrases[hit->phrase].group < 0)
        continue;
      last = MIN (hit->offset + MAX (phrases[hit->phrase].n_tokens, 1), 256);
      if (last > about.n_covered)
        {
          covered = g_realloc (covered, last);
          memset (covered + about.n_covered, 0, last - about.n_covered);
          about.n_covered = last;
        }
      for (int k = MAX (hit->offset, 0); k < last; k++)
        covered[k] = 1;
    }
  if (about.n_covered == 0)
    return 0;
  about.covered = covered;
  tokens = hb_search_lexicon_title_tokens (lexicon, title);
  hb_search_lexicon_title_docs (lexicon, "", &n_titles);
  for (guint i = 0; i < tokens->len; i++)
    title_about_token (&about, &g_array_index (tokens, HbSearchTitleToken, i), n_titles);
  /* Named: the title is the query's words and what many titles say
   * (中华人民共和国), ends with the query's (劳动法, not 公司 of 公司法), and
   * is more than one word. */
  if (named != NULL)
    *named = about.covered_words > 0 && about.rare_left == 0 && about.last_covered && about.pos > 1;
  return about.total > 0 ? about.about / about.total : 0;
}

double
hb_search_rank_second_look (const HbSearchFeatures *f, double title_about, gpointer data)
{
  const HbSearchRankContext *context = data;
  double total = context != NULL && context->total_weight > 0 ? context->total_weight : 1;

  double in_title = MIN (f->title_weight / total, 1.0);
  double score;

  load_weights ();
  score = W_TITLE_ABOUT * title_about * in_title;
  if (f->title_named && in_title > 0)
    score += W_NAMED * (1.0 - in_title);
  return score;
}

double
hb_search_rank_lang_reach (const char *lang, const HbSearchRankContext *context)
{
  gboolean zh = lang != NULL && g_str_has_prefix (lang, "zh");
  double reach;

  load_weights ();
  if (context == NULL || context->total_weight <= 0 || lang == NULL)
    return 1.0;
  reach = zh ? context->han_weight : context->latin_weight;
  if (reach <= 0)
    return 1.0;
  return pow (MAX (context->total_weight / reach, 1.0), W_REACH);
}

double
hb_search_rank_title_prior (double prior, double title_about)
{
  load_weights ();
  if (prior >= 1.0)
    return prior;
  return prior + (1.0 - prior) * CLAMP (title_about * P_TITLE, 0.0, 1.0);
}

double
hb_search_rank_place_prior (gboolean named)
{
  load_weights ();
  return named ? 1.0 : P_PLACE;
}

guint
hb_search_rank_second_look_rows (void)
{
  load_weights ();
  return (guint) MAX (RERANK, 0);
}

double
hb_search_rank_missing_weight (gint64 n_rows, gboolean weak)
{
  double weight;

  load_weights ();
  weight = hb_search_rank_word_weight (1, n_rows, FALSE) * W_MISSING;
  return weak ? weight * W_WEAK : weight;
}

gboolean
hb_search_rank_relevant (const HbSearchFeatures *f, double best_matched, gpointer data)
{
  const HbSearchRankContext *context = data;

  load_weights ();
  if (context == NULL || context->total_weight <= 0)
    return TRUE;
  return best_matched / context->total_weight >= W_FLOOR && f->matched >= W_FLOOR_BEST * best_matched;
}

gint64
hb_search_rank_word_docs (gint64 word_docs, gint64 group_docs)
{
  load_weights ();
  if (word_docs <= 0)
    return group_docs;
  return MAX (word_docs, (gint64) (W_CONCEPT * group_docs));
}

double
hb_search_rank_lang_prior (gboolean han_query, const char *lang)
{
  gboolean zh = lang != NULL && g_str_has_prefix (lang, "zh");

  load_weights ();
  if (lang == NULL)
    return 1.0;
  if (!han_query && zh)
    return P_OTHER_LANG_EN;
  if (han_query && !zh)
    return P_OTHER_LANG_ZH;
  return 1.0;
}

double
hb_search_rank_boost_unearned (const HbSearchFeatures *f, double most)
{
  double gate, share;

  load_weights ();
  gate = BOOST_GATE;
  if (gate <= 0 || f->boost <= 0 || most <= 0)
    return 0;
  share = CLAMP (f->matched / (gate * most), 0.0, 1.0);
  return W_BOOST * f->boost * (1.0 - share);
}
