/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-rank.h"

#include <math.h>
#include <string.h>

/*
 * The weights. Coverage dominates: holding more of the query, weighted by
 * rarity, is worth more than anything else; the other rules order rows
 * that hold about as much. They were tuned on tests/data/search-queries.tsv
 * (see tools/hb-bench.c --eval).
 */
#define W_COVERAGE 1000.0 /* all the query's weight */
#define W_TYPO 40.0       /* each word found only through a correction */
#define W_PROXIMITY 90.0  /* every word of the body next to each other */
#define W_FIELD 260.0     /* every word in the title */
#define W_EXACT 20.0      /* every word as typed, none through a synonym */
#define W_BM25 40.0       /* bm25, squashed to 0..1 */
#define W_BOOST 120.0     /* the platform or kind the query names */

double
hb_search_rank_score (const HbSearchFeatures *f, gpointer data)
{
  const HbSearchRankContext *context = data;
  double total = context != NULL && context->total_weight > 0 ? context->total_weight : 1;
  double n = context != NULL ? MAX (context->n_groups, 1) : 1;
  double score = 0;

  score += W_COVERAGE * f->matched / total;
  score -= W_TYPO * f->typos;
  if (f->n_span >= 2 && f->span > 0)
    {
      /* The words of the body as close as they can be: span == n_span. */
      double tight = (double) f->n_span / f->span;

      score += W_PROXIMITY * ((f->n_span - 1) / MAX (n - 1, 1)) * sqrt (tight);
    }
  score += W_FIELD * f->field * (f->matched / total);
  score += W_EXACT * f->exact / n;
  score += W_BM25 * f->bm25 / (f->bm25 + 2.0);
  if (f->boosted)
    score += W_BOOST;
  return score;
}

double
hb_search_rank_kind_prior (const char *kind)
{
  /* A guide says what to do, an FAQ answers; a regulation is the source,
   * a lesson teaches what the guides say. */
  static const struct
  {
    const char *kind;
    double prior;
  } priors[] = {
    { "guide", 1.0 },
    { "faq", 1.0 },
    { "regulation", 0.93 },
    { "lesson", 0.82 },
  };

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (priors); i++)
    if (strcmp (kind, priors[i].kind) == 0)
      return priors[i].prior;
  return 0.9;
}

double
hb_search_rank_word_weight (gint64 docs, gint64 n_rows)
{
  double n = MAX (n_rows, 1);
  double d = CLAMP ((double) docs, 0, n);

  /* bm25's idf, never quite zero: a word in every article still counts a
   * little for the one that holds it. */
  return log (1.0 + (n - d + 0.5) / (d + 0.5)) + 0.05;
}
