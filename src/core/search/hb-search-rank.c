/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-rank.h"

#include <math.h>
#include <string.h>

#include "hb-tokenizer.h"

/*
 * The weights. Coverage dominates: holding more of the query, weighted by
 * rarity, is worth more than anything else; the other rules order rows
 * that hold about as much. They were tuned on tests/data/search-queries.tsv
 * (see tools/hb-bench.c --eval).
 */
static struct
{
  const char *name;
  double value;
} weights[] = {
#define W_COVERAGE weights[0].value /* every word of the query, in the title */
  { "coverage", 75.0 },
#define W_ABOUT weights[1].value /* every word, said again and again in the body */
  { "about", 156.0 },
#define W_TYPO weights[2].value /* each word found only through a correction */
  { "typo", 40.0 },
#define W_PROXIMITY weights[3].value /* every word of the body next to each other */
  { "proximity", 0.0 },
#define W_EXACT weights[4].value /* every word as typed, none through a synonym */
  { "exact", 1.0 },
#define W_BM25 weights[5].value /* bm25, squashed to 0..1 */
  { "bm25", 30.0 },
#define W_BOOST weights[6].value /* the platform or kind the query names */
  { "boost", 250.0 },
#define W_GENERIC weights[7].value /* the weight of a word no title, heading or tag has */
  { "generic", 0.64 },
#define P_GUIDE weights[8].value /* the priors of the kinds */
  { "guide", 1.0 },
#define P_FAQ weights[9].value
  { "faq", 1.0 },
#define P_REGULATION weights[10].value
  { "regulation", 0.93 },
#define P_LESSON weights[11].value
  { "lesson", 0.35 },
#define W_SYNONYM weights[12].value /* a synonym's worth, of a word as rare */
  { "synonym", 0.85 },
#define W_PREFIX weights[13].value /* a prefix's worth, of a word as rare */
  { "prefix", 0.9 },
#define W_WEAK weights[14].value /* a Chinese word of one character */
  { "weak", 0.6 },
/* How much of the query, first of all, in N_TIERS steps: strict
 * Meilisearch order. Off: on tests/data/search-queries.tsv it costs three
 * to seven points of top-1, as field and rarity within a query do better
 * weighed together. */
#define W_TIER weights[15].value
  { "tier", 0.0 },
#define N_TIERS weights[16].value /* in how many steps */
  { "tiers", 8.0 },
/* How much an alternative (a synonym, a form) is worth the rarity of the
 * word as typed rather than its own: 1 the word's, 0 its own. */
#define W_WORD_RARITY weights[17].value
  { "word-rarity", 1.0 },
#define W_PASSAGE weights[18].value /* every word of the query in one passage of the body */
  { "passage", 1.0 },
/* Where a word is: the best place a row has it in, as a share of its
 * weight (the "field" feature). */
#define F_TITLE weights[19].value
  { "field-title", 1.0 },
#define F_HEADINGS weights[20].value
  { "field-headings", 0.56 },
#define F_TAGS weights[21].value /* tags, keywords, aliases and the id's words */
  { "field-tags", 0.6 },
#define F_BODY weights[22].value
  { "field-body", 0.35 },
/* BM25F: how much a match in each column counts… */
#define B_TITLE weights[23].value
  { "bm25-title", 10.0 },
#define B_HEADINGS weights[24].value
  { "bm25-headings", 0.0 },
#define B_TAGS weights[25].value
  { "bm25-tags", 2.5 },
#define B_BODY weights[26].value
  { "bm25-body", 1.0 },
/* …how much a longer column than most says less (bm25's b)… */
#define B_B_SHORT weights[27].value /* the title, headings and tags */
  { "b-short", 0.75 },
#define B_B_BODY weights[28].value
  { "b-body", 0.75 },
/* …and how soon more matches stop counting (bm25's k1). */
#define B_K1 weights[29].value
  { "k1", 1.2 },
/* How soon the body's saying a word again and again stops counting for
 * "about", in matches of a body of average length. */
#define ABOUT_K weights[30].value
  { "about-k", 1.5 },
/* How long a passage is, in tokens: a sentence or two. */
#define PASSAGE_TOKENS weights[31].value
  { "passage-tokens", 24 },
/* How long a heading is, in tokens. */
#define HEADING_TOKENS weights[32].value
  { "heading-tokens", 8 },
#define W_HEADING weights[33].value /* every word of the query in one heading */
  { "heading", 1.0 },
/* A title that is nothing but the query's words: the share of the title
 * they are, times the share of the query in it. */
#define W_TITLE_COVER weights[34].value
  { "title-cover", 1.0 },
/* The same, each word of the title weighed by how few titles have it
 * ("中华人民共和国" of every law says nothing), in the second look at the
 * best rows. */
#define W_TITLE_ABOUT weights[35].value
  { "title-about", 300.0 },
/* A title's words between 《》 name another text ("北京市实施《消费者权益保护法》
 * 办法" is about implementing the law): they count for this much of
 * the title. */
#define W_QUOTED weights[36].value
  { "quoted", 0.5 },
/* A word that occurs nowhere weighs as a word no title has that one row
 * holds, times this. */
#define W_MISSING weights[37].value
  { "missing", 1.0 },
/* When the best row holds less than this share of the query's weight
 * (the words that occur nowhere too), nothing answers; a row holding less
 * than "floor-best" of what the best one holds is no answer either. */
#define W_FLOOR weights[38].value
  { "floor", 0.15 },
/* How many of the best rows the second look weighs again. */
#define RERANK weights[39].value
  { "rerank", 40 },
#define W_FLOOR_BEST weights[40].value
  { "floor-best", 0.0 },
/* A word is at least as common as this share of the rows that hold it or
 * one of its synonyms: 买家 that the laws hardly write is as common as
 * the 消费者 they write everywhere, "shopper" as "customer". */
#define W_CONCEPT weights[41].value
  { "concept", 0.25 },
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
  score += W_TITLE_COVER * f->title_cover * f->title_weight / total;
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
  HbSearchLexicon *lexicon;
  const char *title;
  const guint8 *covered; /* by position */
  int n_covered;
  int pos;
  double total;
  double about;
} TitleAbout;

/* Whether byte @at of @title is between 《 and 》. */
static gboolean
is_quoted (const char *title, int at)
{
  int depth = 0;

  for (const char *p = title; *p != '\0' && p < title + at; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x300A) /* 《 */
        depth++;
      else if (c == 0x300B && depth > 0) /* 》 */
        depth--;
    }
  return depth > 0;
}

static int
title_about_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  TitleAbout *about = user_data;
  g_autofree char *term = NULL;
  guint n_titles = 0;
  guint docs;
  double weight;
  int pos;

  if (flags & HB_TOKEN_COLOCATED)
    return HB_TOKENIZE_OK;
  pos = about->pos++;
  term = g_strndup (token, len);
  docs = hb_search_lexicon_title_docs (about->lexicon, term, &n_titles);
  /* bm25's idf among the titles: a word most titles have is worth
   * next to nothing. */
  weight = MAX (log ((n_titles - docs + 0.5) / (docs + 0.5)), 0.05);
  about->total += weight;
  if (pos < about->n_covered && about->covered[pos])
    about->about += weight * (is_quoted (about->title, start) ? W_QUOTED : 1.0);
  /* A pair of Chinese characters of which the query has one (国劳 of
   * 中华人民共和国劳动法 for 劳动法) is half the query's. */
  else if (len > 3 && hb_tokenizer_is_cjk (g_utf8_get_char (token))
           && ((pos > 0 && pos - 1 < about->n_covered && about->covered[pos - 1])
               || (pos + 1 < about->n_covered && about->covered[pos + 1])))
    about->about += 0.5 * weight * (is_quoted (about->title, start) ? W_QUOTED : 1.0);
  return HB_TOKENIZE_OK;
}

double
hb_search_rank_title_about (HbSearchLexicon *lexicon, const char *title, GArray *hits,
                            const HbSearchPhraseInfo *phrases)
{
  g_autofree guint8 *covered = NULL;
  TitleAbout about = { lexicon, title, NULL, 0, 0, 0, 0 };

  load_weights ();
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
  hb_tokenize (title, -1, HB_TOKENIZE_DOCUMENT, title_about_cb, &about);
  return about.total > 0 ? about.about / about.total : 0;
}

double
hb_search_rank_second_look (const HbSearchFeatures *f, double title_about, gpointer data)
{
  const HbSearchRankContext *context = data;
  double total = context != NULL && context->total_weight > 0 ? context->total_weight : 1;

  load_weights ();
  return W_TITLE_ABOUT * title_about * f->title_weight / total;
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
