/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-search-lexicon.h"
#include "hb-store.h"

G_BEGIN_DECLS

/*
 * Corrections: the word the index knows that a typo stands for. The edit
 * distance is Damerau's (a swap of two letters is one edit): 1 for words
 * of four to seven letters, 2 for longer ones; shorter words are not
 * corrected (too many words are one letter from them).
 */

typedef struct
{
  char *term;    /* as the index holds it (a stem) */
  char *word;    /* as the articles write it ("warranty") */
  int distance;
  gint64 docs;
} HbSearchCorrection;

void hb_search_correction_free (HbSearchCorrection *correction);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchCorrection, hb_search_correction_free)

/* Whether @word (lower-case) is an English word of the system's word list
 * ($HANDBOOK_WORDS, or else HB_WORD_LIST: -Dword_list=, by default
 * /usr/share/dict/words): a real word that no article holds is not a typo
 * of one that some do ("postage" is not "postal"). */
gboolean hb_search_is_english_word (const char *word);

/* The distance a word of @len letters may be corrected by: 0 for none. */
int hb_search_correct_max_distance (gsize len);

/* Damerau–Levenshtein (optimal string alignment) distance, or @max + 1
 * when it is more than @max. */
int hb_search_edit_distance (const char *a, int la, const char *b, int lb, int max);

/**
 * hb_search_correct:
 * @word: a lower-case ASCII word that the index does not know
 * @max: the most corrections to return
 *
 * Returns: (transfer full) (element-type HbSearchCorrection): the closest
 *   words the index knows, the closest and most common first; empty when
 *   none is close enough
 */
GPtrArray *hb_search_correct (HbStore *store, const char *word, guint max);

/**
 * hb_search_prefix_terms:
 * @prefix: the start of a lower-case ASCII word being typed
 * @max: the most terms to return
 * @docs: (nullable) (element-type gint64): where to add how many rows
 *   hold each term
 *
 * The terms of the index that start with @prefix, for a search that asks
 * for them one by one rather than as a prefix: FTS5 reads every row of
 * every term of a prefix longer than its prefix indexes before it gives
 * the first, and a term's rows one after another.
 *
 * Returns: (transfer full) (nullable) (element-type utf8): the terms, in
 *   order; %NULL when none, more than @max, or one that a query cannot ask
 *   for as it is (a stem that stems again to another)
 */
GPtrArray *hb_search_prefix_terms (HbStore *store, const char *prefix, guint max,
                                   GArray *docs);

/* A character of a Chinese query replaced, as hb_search_correct_han()
 * found it. */
typedef struct
{
  char *from; /* the word as typed, with its neighbours ("权宜保") */
  char *to;   /* as corrected ("权益保") */
} HbSearchHanCorrection;

void hb_search_han_correction_free (HbSearchHanCorrection *correction);

/**
 * hb_search_correct_han:
 * @text: the query
 * @corrections: (element-type HbSearchHanCorrection): where to add what
 *   was corrected
 *
 * A Chinese character typed for another of the same sound (宜 for 益)
 * leaves three characters that no title or heading has, where one
 * character more would make three, and four with the next one out, that
 * some title or heading has ("者权益保" of 消费者权益保护法). It is replaced
 * when the words it made with its neighbours are far rarer in the index
 * than those the replacement makes. At the start or end of a word, where
 * one side has no neighbour to go by, the replacement must also sound as
 * the typed character does (hb-search-pinyin.h), make three characters
 * with its neighbours that a title, heading or thesaurus word has (说明书
 * for 说明数), and break no word of the dictionary on the other side.
 *
 * Returns: (transfer full) (nullable): the corrected text, %NULL when
 *   nothing was corrected
 */
char *hb_search_correct_han (HbStore *store, HbSearchLexicon *lexicon, const char *text,
                             GPtrArray *corrections);

G_END_DECLS
