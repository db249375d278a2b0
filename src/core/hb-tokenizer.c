/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-tokenizer"

#include "config.h"

#include "hb-tokenizer.h"

#include <libstemmer.h>
#include <opencc/opencc.h>
#include <string.h>

/* Longer words (base64, hashes) are cut: nobody types them. */
#define MAX_WORD 64

/* ------------------------------------------------------------------------ */
/* Stemming: Snowball's English stemmer. Its objects are not thread-safe,
 * and imports tokenize in a thread of their own: one per thread. */

static void
stemmer_free (gpointer stemmer)
{
  sb_stemmer_delete (stemmer);
}

static GPrivate stemmer_key = G_PRIVATE_INIT (stemmer_free);

/* Stems the lower-case ASCII word @b of @len bytes in place (a stem is
 * never longer than its word); returns the stem's length. */
static int
stem_word (char *b, int len)
{
  struct sb_stemmer *stemmer = g_private_get (&stemmer_key);
  const sb_symbol *stem;
  int stem_len;

  if (stemmer == NULL)
    {
      stemmer = sb_stemmer_new ("english", "UTF_8");
      if (stemmer == NULL)
        return len;
      g_private_set (&stemmer_key, stemmer);
    }

  stem = sb_stemmer_stem (stemmer, (const sb_symbol *) b, len);
  if (stem == NULL)
    return len;
  stem_len = MIN (sb_stemmer_length (stemmer), len);
  memmove (b, stem, stem_len);
  return stem_len;
}

char *
hb_tokenizer_stem (const char *word)
{
  char *copy;
  int len;

  g_return_val_if_fail (word != NULL, NULL);

  copy = g_strdup (word);
  len = stem_word (copy, (int) strlen (copy));
  copy[len] = '\0';
  return copy;
}

/* ------------------------------------------------------------------------ */
/* Characters. */

gboolean
hb_tokenizer_is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF)      /* CJK Unified Ideographs */
         || (c >= 0x3400 && c <= 0x4DBF)   /* Extension A */
         || (c >= 0x20000 && c <= 0x3134F) /* Extensions B to G */
         || (c >= 0xF900 && c <= 0xFAFF)   /* Compatibility Ideographs */
         || (c >= 0x3040 && c <= 0x30FF)   /* Hiragana, Katakana */
         || (c >= 0x31F0 && c <= 0x31FF)   /* Katakana extensions */
         || (c >= 0xAC00 && c <= 0xD7AF)   /* Hangul syllables */
         || c == 0x3005 || c == 0x3007;    /* 々, 〇 */
}

typedef enum
{
  CHAR_SEPARATOR,
  CHAR_WORD,
  CHAR_CJK,
  /* A combining mark: part of the word it follows, folded away. */
  CHAR_MARK,
} CharClass;

/* Decodes one UTF-8 character; an invalid byte gives (gunichar) -1 and a
 * length of 1. */
static inline gunichar
decode_utf8 (const guchar *p, const guchar *end, int *len)
{
  gunichar c;

  /* The fast path: three bytes, as every common Chinese character, with
   * what g_utf8_get_char_validated() refuses (overlong forms, surrogates)
   * left to it. */
  if ((p[0] & 0xF0) == 0xE0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
    {
      c = ((gunichar) (p[0] & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      if (c >= 0x800 && (c & 0xFFFFF800) != 0xD800)
        {
          *len = 3;
          return c;
        }
    }

  c = g_utf8_get_char_validated ((const char *) p, end - p);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *len = 1;
      return (gunichar) -1;
    }
  *len = g_utf8_skip[*p];
  return c;
}

/*
 * Traditional characters fold to simplified ones, as OpenCC's t2s
 * conversion gives them character by character, so that 退貨運費 finds
 * 退货运费. The table is built once from OpenCC's own dictionary: every
 * Han character of the Basic Multilingual Plane is converted, and those
 * that change are kept. Converting whole texts through OpenCC on every
 * import would cost more than tokenizing them; character by character is
 * what matching through pairs of characters needs.
 */
#define HAN_FIRST 0x3400
#define HAN_LAST 0x9FFF

/* For each character of HAN_FIRST to HAN_LAST, its simplified form, or 0
 * where it has none of its own: a table rather than a hash table, since
 * every Chinese character of every text indexed or shown is looked up. */
static gunichar *han_folds;

static gpointer
build_han_folds (gpointer data)
{
  gunichar *folds = g_new0 (gunichar, HAN_LAST - HAN_FIRST + 1);
  opencc_t converter = opencc_open (OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
  g_autoptr (GString) all = g_string_new (NULL);
  char *converted;
  gunichar c;

  if (converter == (opencc_t) -1)
    {
      g_warning ("OpenCC cannot convert traditional characters: %s", opencc_error ());
      return folds;
    }

  /* One character per line: no phrase of the dictionary spans two. */
  for (c = HAN_FIRST; c <= HAN_LAST; c++)
    {
      g_string_append_unichar (all, c);
      g_string_append_c (all, '\n');
    }

  converted = opencc_convert_utf8 (converter, all->str, all->len);
  if (converted != NULL)
    {
      const char *p = converted;

      for (c = HAN_FIRST; c <= HAN_LAST && *p != '\0'; c++)
        {
          const char *line_end = strchr (p, '\n');
          gunichar folded;

          if (line_end == NULL)
            break;
          folded = g_utf8_get_char_validated (p, line_end - p);
          /* Only a single character for a single character. */
          if (folded != (gunichar) -1 && folded != (gunichar) -2 && folded != c
              && g_utf8_next_char (p) == line_end)
            folds[c - HAN_FIRST] = folded;
          p = line_end + 1;
        }
      opencc_convert_utf8_free (converted);
    }
  opencc_close (converter);
  return folds;
}

static inline gunichar
fold_han (gunichar c)
{
  static GOnce once = G_ONCE_INIT;
  gunichar folded;

  if (c < HAN_FIRST || c > HAN_LAST)
    return c;
  han_folds = g_once (&once, build_han_folds, NULL);
  folded = han_folds[c - HAN_FIRST];
  return folded != 0 ? folded : c;
}

gunichar
hb_tokenizer_fold_char (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    return c - 0xFEE0;
  if (c == 0x3000)
    return ' ';
  return fold_han (c);
}

/* Folds full-width ASCII (Ａ, １) and the ideographic space to ASCII. */
static inline gunichar
fold_width (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    return c - 0xFEE0;
  if (c == 0x3000)
    return ' ';
  return c;
}

static inline CharClass
classify (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) ? CHAR_WORD : CHAR_SEPARATOR;
  if (c == (gunichar) -1)
    return CHAR_SEPARATOR;
  if (hb_tokenizer_is_cjk (c))
    return CHAR_CJK;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return CHAR_MARK;
    default:
      return g_unichar_isalnum (c) ? CHAR_WORD : CHAR_SEPARATOR;
    }
}

/* ------------------------------------------------------------------------ */
/* The scanner. It reports tokens with their kind; the document and query
 * drivers below decide what to emit. */

typedef enum
{
  TOKEN_WORD,
  TOKEN_CJK_PAIR,
  /* The only character of a one-character run. */
  TOKEN_CJK_SINGLE,
  /* The last character of a longer run. */
  TOKEN_CJK_LAST,
} TokenKind;

typedef int (*ScanFunc) (gpointer user_data,
                         TokenKind kind,
                         const char *token,
                         int len,
                         const char *raw,
                         int raw_len,
                         int start,
                         int end);

typedef struct
{
  char buf[MAX_WORD + 8];
  int len;
  gboolean ascii_letters; /* only a-z so far: stem it */
  int start;
  int end;
} Word;

static inline void
word_append_char (Word *w, gunichar c)
{
  char tmp[6];
  int n;

  if (c < 0x80)
    {
      /* g_ascii_tolower() is a call for each letter. */
      if (w->len < MAX_WORD)
        w->buf[w->len++] = (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      if (!g_ascii_isalpha (c))
        w->ascii_letters = FALSE;
      return;
    }

  w->ascii_letters = FALSE;
  n = g_unichar_to_utf8 (c, tmp);
  if (w->len + n <= MAX_WORD)
    {
      memcpy (w->buf + w->len, tmp, n);
      w->len += n;
    }
}

/* Case- and diacritic-folds @c (not ASCII) into @w: é -> e, ß -> ss,
 * ﬁ -> fi, Ä -> a. */
static void
word_append_folded (Word *w, gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;
  gsize i;

  if (c == 0x00DF || c == 0x1E9E)
    {
      word_append_char (w, 's');
      word_append_char (w, 's');
      return;
    }

  n = g_unichar_fully_decompose (g_unichar_tolower (c), TRUE, decomposed, G_N_ELEMENTS (decomposed));
  for (i = 0; i < n; i++)
    {
      gunichar d = g_unichar_tolower (decomposed[i]);
      GUnicodeType type = g_unichar_type (d);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK
          || type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (d < 0x80 && !g_ascii_isalnum (d))
        continue;
      word_append_char (w, d);
    }
}

static int
scan (const char *text, int len, gboolean bounds_only, ScanFunc func, gpointer user_data)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  Word word = { { 0 }, 0, TRUE, -1, -1 };
  gboolean in_word = FALSE;
  int run = 0;       /* characters in the current CJK run */
  int prev_start = 0; /* the previous CJK character */
  int prev_end = 0;
  char prev_char[8];  /* and its folded form */
  int prev_char_len = 0;
  int rc = HB_TOKENIZE_OK;

#define FINISH_WORD()                                                                              \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (in_word)                                                                                   \
      {                                                                                            \
        in_word = FALSE;                                                                           \
        if (word.len > 0)                                                                          \
          {                                                                                        \
            char stem[MAX_WORD + 8];                                                               \
            const char *token = word.buf;                                                          \
            int stem_len = word.len;                                                               \
            if (word.ascii_letters && !bounds_only)                                                \
              {                                                                                    \
                memcpy (stem, word.buf, word.len);                                                 \
                stem_len = stem_word (stem, word.len);                                             \
                token = stem;                                                                      \
              }                                                                                    \
            rc = func (user_data, TOKEN_WORD, token, stem_len, word.buf, word.len, word.start,     \
                       word.end);                                                                  \
            if (rc != HB_TOKENIZE_OK)                                                                   \
              return rc;                                                                           \
          }                                                                                        \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

#define FINISH_RUN()                                                                               \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (run > 0)                                                                                   \
      {                                                                                            \
        rc = func (user_data, run == 1 ? TOKEN_CJK_SINGLE : TOKEN_CJK_LAST,                       \
                   bounds_only ? text + prev_start : prev_char,                                    \
                   bounds_only ? prev_end - prev_start : prev_char_len, NULL, 0, prev_start,      \
                   prev_end);                                                                      \
        run = 0;                                                                                   \
        if (rc != HB_TOKENIZE_OK)                                                                       \
          return rc;                                                                               \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

  while (p < end)
    {
      int n;
      int offset = (int) (p - (const guchar *) text);
      gunichar c;
      CharClass cls;

      /* The fast path: ASCII. */
      if (*p < 0x80)
        {
          c = *p;
          n = 1;
          cls = g_ascii_isalnum (c) ? CHAR_WORD : CHAR_SEPARATOR;
        }
      else
        {
          c = fold_width (decode_utf8 (p, end, &n));
          /* A Han character folds to a Han character: where only the
           * bounds count, its class is enough. */
          if (!bounds_only)
            c = fold_han (c);
          cls = classify (c);
        }

      switch (cls)
        {
        case CHAR_WORD:
          FINISH_RUN ();
          if (!in_word)
            {
              in_word = TRUE;
              word.len = 0;
              word.ascii_letters = TRUE;
              word.start = offset;
            }
          /* Where only the bounds count, a word's first letter is enough
           * of it: the rest need not be folded. */
          if (!bounds_only || word.len == 0)
            {
              if (c < 0x80)
                word_append_char (&word, c);
              else
                word_append_folded (&word, c);
            }
          word.end = offset + n;
          break;

        case CHAR_MARK:
          /* Combining marks fold away inside a word; elsewhere they
           * separate. */
          if (in_word)
            word.end = offset + n;
          else
            FINISH_RUN ();
          break;

        case CHAR_CJK:
          FINISH_WORD ();
          if (bounds_only)
            {
              /* Where only the bounds count, the bytes as written. */
              if (run > 0)
                {
                  rc = func (user_data, TOKEN_CJK_PAIR, text + prev_start, offset + n - prev_start,
                             NULL, 0, prev_start, offset + n);
                  if (rc != HB_TOKENIZE_OK)
                    return rc;
                }
              run++;
              prev_start = offset;
              prev_end = offset + n;
              break;
            }
          {
            /* The folded character (簡 for 簡), not the bytes as written. */
            char this_char[8];
            int this_len = g_unichar_to_utf8 (c, this_char);

            if (run > 0)
              {
                char pair[16];

                memcpy (pair, prev_char, prev_char_len);
                memcpy (pair + prev_char_len, this_char, this_len);
                rc = func (user_data, TOKEN_CJK_PAIR, pair, prev_char_len + this_len, NULL, 0,
                           prev_start, offset + n);
                if (rc != HB_TOKENIZE_OK)
                  return rc;
              }
            run++;
            prev_start = offset;
            prev_end = offset + n;
            memcpy (prev_char, this_char, this_len);
            prev_char_len = this_len;
          }
          break;

        case CHAR_SEPARATOR:
        default:
          FINISH_WORD ();
          FINISH_RUN ();
          break;
        }

      p += n;
    }

  FINISH_WORD ();
  FINISH_RUN ();

#undef FINISH_WORD
#undef FINISH_RUN

  return HB_TOKENIZE_OK;
}

/* ------------------------------------------------------------------------ */
/* Drivers. */

typedef struct
{
  HbTokenFunc func;
  gpointer user_data;
} DocumentScan;

static int
document_token_cb (gpointer user_data,
                   TokenKind kind,
                   const char *token,
                   int len,
                   const char *raw,
                   int raw_len,
                   int start,
                   int end)
{
  DocumentScan *scan_data = user_data;

  return scan_data->func (scan_data->user_data, 0, token, len, start, end);
}

typedef struct
{
  TokenKind kind;
  char *token;
  int len;
  char *raw;
  int raw_len;
  int start;
  int end;
} QueryToken;

static void
query_token_clear (gpointer data)
{
  QueryToken *t = data;

  g_free (t->token);
  g_free (t->raw);
}

static int
query_token_cb (gpointer user_data,
                TokenKind kind,
                const char *token,
                int len,
                const char *raw,
                int raw_len,
                int start,
                int end)
{
  GArray *tokens = user_data;
  QueryToken t = { kind, g_strndup (token, len), len, NULL, 0, start, end };

  if (raw != NULL)
    {
      t.raw = g_strndup (raw, raw_len);
      t.raw_len = raw_len;
    }
  g_array_append_val (tokens, t);
  return HB_TOKENIZE_OK;
}

int
hb_tokenize (const char *text,
             int len,
             HbTokenizeFlags flags,
             HbTokenFunc func,
             gpointer user_data)
{
  g_autoptr (GArray) tokens = NULL;
  guint n;
  guint i;
  int rc;

  g_return_val_if_fail (func != NULL, -1);

  if (text == NULL)
    return HB_TOKENIZE_OK;
  if (len < 0)
    len = (int) strlen (text);

  if (!(flags & HB_TOKENIZE_QUERY))
    {
      DocumentScan scan_data = { func, user_data };

      return scan (text, len, (flags & HB_TOKENIZE_BOUNDS) != 0, document_token_cb, &scan_data);
    }

  /* Queries are short: collect, then trim the end. */
  tokens = g_array_new (FALSE, FALSE, sizeof (QueryToken));
  g_array_set_clear_func (tokens, query_token_clear);
  rc = scan (text, len, FALSE, query_token_cb, tokens);
  if (rc != HB_TOKENIZE_OK)
    return rc;

  n = tokens->len;
  /* A run that ends the query may go on in the text: 退款 must find 退款申请. */
  if (n > 0 && g_array_index (tokens, QueryToken, n - 1).kind == TOKEN_CJK_LAST)
    n--;

  for (i = 0; i < n; i++)
    {
      QueryToken *t = &g_array_index (tokens, QueryToken, i);

      rc = func (user_data, 0, t->token, t->len, t->start, t->end);
      if (rc != HB_TOKENIZE_OK)
        return rc;

      /* A word being typed may be cut where its stem is not a prefix of the
       * typed text ("happy" is stemmed "happi", "happ" is not): look it up
       * as typed too. */
      if (i == n - 1 && (flags & HB_TOKENIZE_PREFIX) && t->kind == TOKEN_WORD
          && t->raw != NULL && (t->raw_len != t->len || memcmp (t->raw, t->token, t->len) != 0))
        {
          rc = func (user_data, HB_TOKEN_COLOCATED, t->raw, t->raw_len, t->start, t->end);
          if (rc != HB_TOKENIZE_OK)
            return rc;
        }
    }

  return HB_TOKENIZE_OK;
}
