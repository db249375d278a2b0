/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-search-lexicon.h"

G_BEGIN_DECLS

/*
 * The query: what a person typed, read as people write it, never as FTS
 * syntax. Words, "quoted phrases", -exclusions and scopes (kind:,
 * platform:, tag:, lang:); Chinese split into words; the words that
 * carry no meaning (stop words, question words) and the words that name a
 * platform or a kind marked as such.
 */

typedef enum
{
  HB_SEARCH_TERM_WORD,   /* a word, an English phrase of the thesaurus, a Chinese word */
  HB_SEARCH_TERM_PHRASE, /* "quoted": must appear as written */
  HB_SEARCH_TERM_SCOPE,  /* kind:regulation */
} HbSearchTermKind;

typedef struct
{
  HbSearchTermKind kind;
  char *text;         /* folded (width, traditional), lower-case; a scope's value */
  char *typed;        /* as typed, for messages */
  int start;          /* where it is in HbSearchQuery.text, in bytes */
  int end;
  char scope;         /* HB_SEARCH_TERM_SCOPE: 'k', 'l', 'p' or 't' */
  gboolean negated;   /* -word */
  gboolean prefix;    /* still being typed */
  gboolean han;       /* Chinese (or Japanese, Korean) */
  gboolean stop;      /* a stop word or a question word */
  gboolean thesaurus; /* a phrase of the thesaurus, read as one */
  gboolean corrected; /* @text is the correction of a typo */
  char *phrase_key;   /* (nullable) the key of the thesaurus's phrase it was read as,
                       * when its stop words differ ("changed their mind") */
  char boost;         /* 'p' or 'k' when the word names a platform or kind */
  char *boost_value;  /* "jd", "faq", … */
  gboolean boost_word; /* names the platform within a longer word (天猫国际,
                        * 京东自营): it boosts and is looked for too */
} HbSearchTerm;

typedef struct
{
  char *text;        /* the query as typed, made valid UTF-8 */
  GPtrArray *terms;  /* (element-type HbSearchTerm) in order */
  gboolean only_stop; /* nothing but stop words: then they count */
} HbSearchQuery;

void hb_search_query_free (HbSearchQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchQuery, hb_search_query_free)

/* The most terms read of a query: a pasted page is searched by its first
 * words. */
#define HB_SEARCH_MAX_TERMS 32

/**
 * hb_search_query_parse:
 * @text: (nullable): what was typed
 * @lexicon: (nullable): the thesaurus and the words of the handbook, so
 *   that a phrase of the thesaurus is read as one and Chinese is split
 *   where the handbook's own words are
 *
 * Nothing typed is an error: unbalanced quotes, operators or SQL are read
 * as words, or dropped when they hold none.
 *
 * Returns: (transfer full): the query
 */
HbSearchQuery *hb_search_query_parse (const char *text, HbSearchLexicon *lexicon);

/* Reads the thesaurus's English phrases again, after words were
 * corrected ("treble damges" becomes the phrase "treble damages"). */
void hb_search_query_join_phrases (HbSearchQuery *query, HbSearchLexicon *lexicon);

/* Works out again what depends on the terms (only_stop). */
void hb_search_query_update (HbSearchQuery *query);

/* Whether @word (lower-case) says nothing about what is looked for. */
gboolean hb_search_is_stop_word (const char *word);

/**
 * hb_search_boost_word:
 * @word: a lower-case word
 * @value: (out): the platform or kind it names
 *
 * Returns: 'p' when @word names a platform ("jd", "京东"), 'k' when it
 *   names a kind ("faq", "law"), 0 otherwise
 */
char hb_search_boost_word (const char *word, const char **value);

G_END_DECLS
