/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-search-lexicon.h"
#include "hb-search-scan.h"

G_BEGIN_DECLS

/*
 * Ranking: every weight and prior of search in one place.
 *
 * The rules, in order, as Meilisearch and Typesense rank: how much of
 * the query a row holds (each word weighted by its rarity, so "customer"
 * counts for less than "counterfeit"), then typos, then how close
 * together the words stand, then where they are (title above headings,
 * headings above tags and keywords, those above the body), then
 * exactness, with bm25 breaking ties. A row of the platform or kind the
 * query names, and an article that is about the query rather than one
 * that mentions it, come first among equals; the kind of article is a
 * prior (a guide or FAQ before a lesson that only names the term).
 */

typedef struct
{
  double total_weight;     /* of every word of the query, those that occur nowhere too */
  double matchable_weight; /* of those some row holds */
  guint n_groups;
  double latin_weight;     /* of the words with an alternative in Latin letters, and those
                            * that occur nowhere; 0 when not known */
  double han_weight;       /* … in Chinese */
} HbSearchRankContext;

/* The score of a row's features: higher is better. An HbSearchScoreFunc. */
double hb_search_rank_score (const HbSearchFeatures *features, gpointer context);

/* The prior of an article's language @lang for a query with a Chinese
 * word (@han_query) or none: scores are multiplied by it. */
double hb_search_rank_lang_prior (gboolean han_query, const char *lang);

/* The prior of a kind of article ("guide", …): scores are multiplied by it. */
double hb_search_rank_kind_prior (const char *kind);

/* The weight of a word that @docs of @n_rows rows hold, @topical when some
 * title, heading or tag has it. */
double hb_search_rank_word_weight (gint64 docs, gint64 n_rows, gboolean topical);

/* What a match of an alternative of a word is worth: the rarity of the
 * word as typed (@word_docs rows hold it) more than its own (@docs), less
 * for a synonym or prefix, less for a @weak word (one Chinese character). */
double hb_search_rank_alt_weight (HbSearchAltKind kind, gint64 docs, gint64 word_docs,
                                  gint64 n_rows, gboolean topical, gboolean weak);

/* Whether a synonym's own rarity counts in its weight: when it does not
 * (the default), whether some row holds it is all a search needs to know. */
gboolean hb_search_rank_synonym_rarity_counts (void);

/*
 * The second look, at the best rows only (hb_search_rank_second_look_rows()
 * of them): how much of the row's title the query is, each word of the
 * title weighed by how few titles have it, those between 《》 less (they
 * name another text). 0 to 1. @named, if not %NULL, says whether the query
 * names the article: its title is some of the query's words and words that
 * many titles have.
 */
double hb_search_rank_title_about (HbSearchLexicon *lexicon, const char *title, GArray *hits,
                                   const HbSearchPhraseInfo *phrases, gboolean *named);

/* What the second look adds to a row's score. */
double hb_search_rank_second_look (const HbSearchFeatures *features, double title_about,
                                   gpointer context);
/* How much more of the query an article in @lang holds than its score
 * says, when some of the query's words have no word in its language: 1 or
 * more. */
double hb_search_rank_lang_reach (const char *lang, const HbSearchRankContext *context);

double hb_search_rank_title_prior (double prior, double title_about);
guint hb_search_rank_second_look_rows (void);

/* The prior of an article of one place (its title opens with the place)
 * for a query that names the place (@named) or not. */
double hb_search_rank_place_prior (gboolean named);

/* How much of its platform or kind boost a row does not earn, to take off
 * its score: it holds less than "boost-gate" of @most, what the best row
 * holds of the query's words. */
double hb_search_rank_boost_unearned (const HbSearchFeatures *f, double most);

/* How common a word is to weigh it, when @word_docs rows hold it as typed
 * (0 when none) and @group_docs hold it or a synonym. */
gint64 hb_search_rank_word_docs (gint64 word_docs, gint64 group_docs);

/* What a word that occurs nowhere weighs (for @weak, a Chinese word of
 * one character): it counts against how much of the query a row holds. */
double hb_search_rank_missing_weight (gint64 n_rows, gboolean weak);

/* Whether a row holds enough of the query to be an answer at all, when
 * the row that holds the most holds @best_matched (HbSearchFeatures.matched). */
gboolean hb_search_rank_relevant (const HbSearchFeatures *features, double best_matched,
                                  gpointer context);

/* The constants of hb_scan(): where a word is, BM25F, passages. */
void hb_search_rank_scan_weights (HbSearchScanWeights *weights);

/* What naming a platform is worth to an article of several platforms
 * (1 for an article of that platform only), or naming a kind. */
#define HB_SEARCH_BOOST_SHARED 0.45

/* How many rows a query's rarest words may hold for every one of them to
 * be weighed; beyond that, each pass (the rows that have them in a title
 * or heading, then the first of the others) weighs at most
 * HB_SEARCH_SCAN_CAP rows. Typing then stays within a few milliseconds on
 * 100,000 articles, at the price of ranking only some of the rows that a
 * very common word finds. 100 rather than 150 scores the same on all five
 * query sets of tests/data and takes 100k p50 from 2.8-3.1 to 2.5 ms with
 * the thesaurus. */
#define HB_SEARCH_CANDIDATES 250
#define HB_SEARCH_SCAN_CAP 100

G_END_DECLS
