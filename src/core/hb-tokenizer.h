/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name the tokenizer is registered under: `tokenize = 'hb'`. */
#define HB_TOKENIZER_NAME "hb"

/* The same values as FTS5_TOKENIZE_*, so the FTS5 glue passes them on. */
typedef enum
{
  HB_TOKENIZE_QUERY = 0x0001,
  HB_TOKENIZE_PREFIX = 0x0002,
  HB_TOKENIZE_DOCUMENT = 0x0004,
  HB_TOKENIZE_AUX = 0x0008,
  /* Ours: only where the tokens are counts (snippets), so words are not
   * stemmed nor wholly folded: @token is then not what the index holds. */
  HB_TOKENIZE_BOUNDS = 0x0100,
} HbTokenizeFlags;

/* What an #HbTokenFunc returns to go on: SQLITE_OK, which FTS5's own
 * callback returns. */
#define HB_TOKENIZE_OK 0

/* The same value as FTS5_TOKEN_COLOCATED. */
#define HB_TOKEN_COLOCATED 0x0001

/**
 * HbTokenFunc:
 * @user_data: closure
 * @flags: 0 or %HB_TOKEN_COLOCATED (a synonym at the previous position)
 * @token: the folded token, not nul-terminated
 * @len: its length in bytes
 * @start: byte offset of the token's first character in the input
 * @end: byte offset just past its last character
 *
 * Returns: %HB_TOKENIZE_OK to go on; anything else stops tokenizing and is
 *   returned by hb_tokenize() (FTS5 passes its own result codes through)
 */
typedef int (*HbTokenFunc) (gpointer user_data,
                            int flags,
                            const char *token,
                            int len,
                            int start,
                            int end);

/**
 * hb_tokenize:
 * @text: UTF-8 text (invalid bytes are treated as separators)
 * @len: its length in bytes, or -1 if nul-terminated
 * @flags: %HB_TOKENIZE_DOCUMENT (or %HB_TOKENIZE_AUX) for indexed text,
 *   %HB_TOKENIZE_QUERY for a query string, with %HB_TOKENIZE_PREFIX when
 *   its last token is a prefix
 * @func: called for each token in order
 * @user_data: closure for @func
 *
 * Splits text the way the search index does. Letters and digits of
 * alphabetic scripts form words: full-width forms are folded to ASCII,
 * case and diacritics are folded, and words of ASCII letters only are
 * stemmed with Snowball's English stemmer ("Refunds" gives "refund"); a word that holds a digit
 * ("TB2024", "123456") is kept whole. Runs of Chinese, Japanese or Korean
 * characters give overlapping pairs (退款申请: 退款, 款申, 申请) and then
 * their last character alone, so that every character of a run starts the
 * token at its position and a one-character query can find it as a prefix.
 * A word or run ends wherever the script changes, so the order number in
 * 订单123456退款 is a token of its own.
 *
 * In a query the last character of the last run is dropped (it would ask
 * for a run that ends there), and with %HB_TOKENIZE_PREFIX the last word is
 * looked up both stemmed and as typed.
 *
 * Returns: %HB_TOKENIZE_OK, or the first other code @func returned
 */
int hb_tokenize (const char *text,
                 int len,
                 HbTokenizeFlags flags,
                 HbTokenFunc func,
                 gpointer user_data);

/**
 * hb_tokenizer_stem:
 * @word: a lower-case ASCII word
 *
 * Returns: (transfer full): the stem of @word (Snowball's English stemmer)
 */
char *hb_tokenizer_stem (const char *word);

/**
 * hb_tokenizer_is_cjk:
 *
 * Returns: whether @c is a Han, kana or Hangul character, which the
 *   tokenizer splits into pairs
 */
gboolean hb_tokenizer_is_cjk (gunichar c);

/**
 * hb_tokenizer_fold_char:
 *
 * Returns: @c as the index holds it: full-width forms as ASCII, the
 *   ideographic space as a space, and traditional Han characters as their
 *   simplified forms (OpenCC's t2s, character by character)
 */
gunichar hb_tokenizer_fold_char (gunichar c);

G_END_DECLS
