/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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

G_END_DECLS
