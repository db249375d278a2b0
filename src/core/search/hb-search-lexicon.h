/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * HbSearchLexicon: the words of a handbook that search reads queries
 * with. The thesaurus that editors keep (synonyms.yaml), the pairs of a
 * term and its translation found in the articles ("Refund-only
 * (仅退款)"), and the Chinese words of the titles and headings, which the
 * segmenter keeps whole (价保, 仅退款).
 */

#define HB_SEARCH_LEXICON_ERROR (hb_search_lexicon_error_quark ())

typedef enum
{
  /* The file is not YAML. */
  HB_SEARCH_LEXICON_ERROR_SYNTAX,
  /* It is YAML, but not a list of groups of words. */
  HB_SEARCH_LEXICON_ERROR_INVALID,
  /* Too many words, or too long. */
  HB_SEARCH_LEXICON_ERROR_TOO_LARGE,
} HbSearchLexiconError;

GQuark hb_search_lexicon_error_quark (void);

/* Bounds of a thesaurus: nobody keeps more by hand. */
#define HB_SEARCH_THESAURUS_MAX_GROUP 64
#define HB_SEARCH_THESAURUS_MAX_WORDS 20000
#define HB_SEARCH_THESAURUS_MAX_LENGTH 80

typedef struct _HbSearchLexicon HbSearchLexicon;

HbSearchLexicon *hb_search_lexicon_new (void);
HbSearchLexicon *hb_search_lexicon_ref (HbSearchLexicon *self);
void hb_search_lexicon_unref (HbSearchLexicon *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchLexicon, hb_search_lexicon_unref)

/**
 * hb_search_thesaurus_check:
 * @text: a thesaurus file
 * @file: its name, for messages
 * @error_line: (out) (optional): the 1-based line of the problem
 *
 * Checks a thesaurus as the importer stores it:
 *
 * |[
 * groups:
 *   - [counterfeit, knockoff, fake, 假货, 假冒]
 *   - [DOA, dead on arrival]
 * ]|
 *
 * A word in two groups, a group of one word, or more than the bounds above
 * is an error that names the line.
 *
 * Returns: the number of groups, or -1 with @error set
 */
int hb_search_thesaurus_check (const char *text, const char *file, guint *error_line,
                               GError **error);

/* Adds the groups of a thesaurus that hb_search_thesaurus_check() took. */
gboolean hb_search_lexicon_add_thesaurus (HbSearchLexicon *self, const char *text, GError **error);

/* Adds a pair found in the text: @a and @b mean the same. */
void hb_search_lexicon_add_pair (HbSearchLexicon *self, const char *a, const char *b);

/* Adds the Chinese words of a title or heading to the segmenter's
 * vocabulary (runs of two to five characters), and its runs of three and
 * four characters to those hb_search_lexicon_titles_have() knows. */
void hb_search_lexicon_add_vocabulary (HbSearchLexicon *self, const char *text);

/* Adds a title of the index, for hb_search_lexicon_title_docs(). */
void hb_search_lexicon_add_title (HbSearchLexicon *self, const char *title);

/* How many titles of the index hold the index term @token, and how many
 * titles there are (@n_titles). */
guint hb_search_lexicon_title_docs (HbSearchLexicon *self, const char *token, guint *n_titles);

/* A token of a title, and what the ranking asks of it. */
typedef struct
{
  guint docs;         /* how many titles hold it (hb_search_lexicon_title_docs()) */
  int start;          /* its first byte in the title */
  gboolean han;       /* it starts with a Chinese character */
  gboolean one_char;  /* it is a single character (of at most 4 bytes) */
  gboolean quoted;    /* it is between 《 and 》 */
  int len;            /* its bytes, as the index holds it */
} HbSearchTitleToken;

/* The tokens of @title, each position once (no synonyms), remembered for
 * the keystrokes that follow: a search looks at the titles of its best
 * rows at every key. (transfer full) (element-type HbSearchTitleToken) */
GArray *hb_search_lexicon_title_tokens (HbSearchLexicon *self, const char *title);

/* Whether some title, heading or Chinese word of the thesaurus (or of a
 * pair found in the text) has the @n (3 or 4) Chinese characters @chars
 * (folded) one after another. */
gboolean hb_search_lexicon_titles_have (HbSearchLexicon *self, const gunichar *chars, int n);

/* The words of four Chinese characters of the titles and headings that
 * the two-character @word may abbreviate, taking the first and third
 * (社会保险 for 社保). (element-type utf8) */
GPtrArray *hb_search_lexicon_titles_expand (HbSearchLexicon *self, const char *word);

/* The characters x that make, with @a and @b, three that some title or
 * heading has: x @a @b for @gap 0, @a x @b for 1, @a @b x for 2
 * (element-type gunichar); %NULL for none. */
GArray *hb_search_lexicon_titles_third (HbSearchLexicon *self, gunichar a, gunichar b, guint gap);

/**
 * hb_search_lexicon_key:
 *
 * Returns: (transfer full): @text as the lexicon compares it: folded,
 *   lower-case, English words stemmed and one space apart, Chinese
 *   characters together
 */
char *hb_search_lexicon_key (const char *text);

/**
 * hb_search_lexicon_synonyms:
 * @key: a key from hb_search_lexicon_key()
 *
 * Returns: (transfer none) (nullable) (element-type utf8): the other
 *   words of its group, as the thesaurus writes them
 */
GPtrArray *hb_search_lexicon_synonyms (HbSearchLexicon *self, const char *key);

/* (transfer none) (nullable) (element-type utf8): the words a text of the
 * handbook gives as the translation of @key ("Refund-only (仅退款)"). */
GPtrArray *hb_search_lexicon_partners (HbSearchLexicon *self, const char *key);

/* How many words of @words (keys of single words, in order) the longest
 * English phrase of the lexicon that starts with @words[0] spans: 0 or
 * at least 2. The stop words of either may differ ("changed their mind"
 * is "changed my mind", "send it back" is "send back"): then
 * *@phrase_key is the key of the lexicon's phrase. */
guint hb_search_lexicon_phrase_length (HbSearchLexicon *self, const char *const *words, guint n,
                                       const char **phrase_key);

/* The bytes of the longest Chinese phrase of the lexicon that @text starts
 * with (two characters at least); 0 when none. */
gsize hb_search_lexicon_han_phrase (HbSearchLexicon *self, const char *text, gsize len);

/**
 * hb_search_lexicon_segment:
 * @han: a run of Chinese characters
 *
 * Splits @han into words with friso (MMSEG over its dictionary and the
 * lexicon's vocabulary): 买家说是假货 gives 买家, 说, 是, 假货.
 *
 * Returns: (transfer full) (element-type utf8): the words in order
 */
GPtrArray *hb_search_lexicon_segment (HbSearchLexicon *self, const char *han, gsize len);

/* Whether the Chinese @word is a word of the segmenter's dictionary
 * (friso's own, or one a handbook added): 哪里 is, 哪理 is not. */
gboolean hb_search_lexicon_is_word (const char *word);

/**
 * hb_search_lexicon_title_place:
 *
 * The place a title opens with, of those friso's dictionary lists whose
 * name says it is a place (山东省, 杭州市): the text of that place
 * (山东省消费者权益保护条例) more than anywhere else's.
 *
 * Returns: (transfer full) (nullable): its name without the ending that
 *   says what it is (山东), or %NULL
 */
char *hb_search_lexicon_title_place (const char *title);

G_END_DECLS
