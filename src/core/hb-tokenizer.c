/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-tokenizer"

#include "config.h"

#include "hb-tokenizer.h"

#include <string.h>

/* Longer words (base64, hashes) are cut: nobody types them. */
#define MAX_WORD 64

/* ------------------------------------------------------------------------ */
/* Porter stemmer: M.F. Porter, "An algorithm for suffix stripping" (1980),
 * following his reference implementation, with its two departures
 * (-bli -> -ble, -logi -> -log). */

typedef struct
{
  char *b;
  int k;
  int k0;
  int j;
} Stemmer;

static gboolean
cons (Stemmer *z, int i)
{
  switch (z->b[i])
    {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
      return FALSE;
    case 'y':
      return i == z->k0 ? TRUE : !cons (z, i - 1);
    default:
      return TRUE;
    }
}

/* The number of consonant sequences between k0 and j. */
static int
measure (Stemmer *z)
{
  int n = 0;
  int i = z->k0;

  for (;;)
    {
      if (i > z->j)
        return n;
      if (!cons (z, i))
        break;
      i++;
    }
  i++;
  for (;;)
    {
      for (;;)
        {
          if (i > z->j)
            return n;
          if (cons (z, i))
            break;
          i++;
        }
      i++;
      n++;
      for (;;)
        {
          if (i > z->j)
            return n;
          if (!cons (z, i))
            break;
          i++;
        }
      i++;
    }
}

static gboolean
vowel_in_stem (Stemmer *z)
{
  for (int i = z->k0; i <= z->j; i++)
    if (!cons (z, i))
      return TRUE;
  return FALSE;
}

static gboolean
double_cons (Stemmer *z, int j)
{
  if (j < z->k0 + 1)
    return FALSE;
  if (z->b[j] != z->b[j - 1])
    return FALSE;
  return cons (z, j);
}

/* consonant-vowel-consonant, the last not w, x or y. */
static gboolean
cvc (Stemmer *z, int i)
{
  int ch;

  if (i < z->k0 + 2 || !cons (z, i) || cons (z, i - 1) || !cons (z, i - 2))
    return FALSE;
  ch = z->b[i];
  return ch != 'w' && ch != 'x' && ch != 'y';
}

static gboolean
ends (Stemmer *z, const char *s)
{
  int length = (int) strlen (s);

  if (s[length - 1] != z->b[z->k])
    return FALSE;
  if (length > z->k - z->k0 + 1)
    return FALSE;
  if (memcmp (z->b + z->k - length + 1, s, length) != 0)
    return FALSE;
  z->j = z->k - length;
  return TRUE;
}

static void
set_to (Stemmer *z, const char *s)
{
  int length = (int) strlen (s);

  memmove (z->b + z->j + 1, s, length);
  z->k = z->j + length;
}

static void
replace (Stemmer *z, const char *s)
{
  if (measure (z) > 0)
    set_to (z, s);
}

static void
step1ab (Stemmer *z)
{
  if (z->b[z->k] == 's')
    {
      if (ends (z, "sses"))
        z->k -= 2;
      else if (ends (z, "ies"))
        set_to (z, "i");
      else if (z->b[z->k - 1] != 's')
        z->k--;
    }
  if (ends (z, "eed"))
    {
      if (measure (z) > 0)
        z->k--;
    }
  else if ((ends (z, "ed") || ends (z, "ing")) && vowel_in_stem (z))
    {
      z->k = z->j;
      if (ends (z, "at"))
        set_to (z, "ate");
      else if (ends (z, "bl"))
        set_to (z, "ble");
      else if (ends (z, "iz"))
        set_to (z, "ize");
      else if (double_cons (z, z->k))
        {
          int ch;

          z->k--;
          ch = z->b[z->k];
          if (ch == 'l' || ch == 's' || ch == 'z')
            z->k++;
        }
      else if (measure (z) == 1 && cvc (z, z->k))
        set_to (z, "e");
    }
}

static void
step1c (Stemmer *z)
{
  if (ends (z, "y") && vowel_in_stem (z))
    z->b[z->k] = 'i';
}

typedef struct
{
  const char *suffix;
  const char *replacement;
} Rule;

static gboolean
apply_rules (Stemmer *z, const Rule *rules)
{
  for (; rules->suffix != NULL; rules++)
    if (ends (z, rules->suffix))
      {
        replace (z, rules->replacement);
        return TRUE;
      }
  return FALSE;
}

static void
step2 (Stemmer *z)
{
  static const Rule a[] = { { "ational", "ate" }, { "tional", "tion" }, { NULL, NULL } };
  static const Rule c[] = { { "enci", "ence" }, { "anci", "ance" }, { NULL, NULL } };
  static const Rule e[] = { { "izer", "ize" }, { NULL, NULL } };
  static const Rule l[] = { { "bli", "ble" }, { "alli", "al" }, { "entli", "ent" },
                            { "eli", "e" }, { "ousli", "ous" }, { NULL, NULL } };
  static const Rule o[] = { { "ization", "ize" }, { "ation", "ate" }, { "ator", "ate" },
                            { NULL, NULL } };
  static const Rule s[] = { { "alism", "al" }, { "iveness", "ive" }, { "fulness", "ful" },
                            { "ousness", "ous" }, { NULL, NULL } };
  static const Rule t[] = { { "aliti", "al" }, { "iviti", "ive" }, { "biliti", "ble" },
                            { NULL, NULL } };
  static const Rule g[] = { { "logi", "log" }, { NULL, NULL } };

  switch (z->b[z->k - 1])
    {
    case 'a': apply_rules (z, a); break;
    case 'c': apply_rules (z, c); break;
    case 'e': apply_rules (z, e); break;
    case 'l': apply_rules (z, l); break;
    case 'o': apply_rules (z, o); break;
    case 's': apply_rules (z, s); break;
    case 't': apply_rules (z, t); break;
    case 'g': apply_rules (z, g); break;
    default: break;
    }
}

static void
step3 (Stemmer *z)
{
  static const Rule e[] = { { "icate", "ic" }, { "ative", "" }, { "alize", "al" },
                            { NULL, NULL } };
  static const Rule i[] = { { "iciti", "ic" }, { NULL, NULL } };
  static const Rule l[] = { { "ical", "ic" }, { "ful", "" }, { NULL, NULL } };
  static const Rule s[] = { { "ness", "" }, { NULL, NULL } };

  switch (z->b[z->k])
    {
    case 'e': apply_rules (z, e); break;
    case 'i': apply_rules (z, i); break;
    case 'l': apply_rules (z, l); break;
    case 's': apply_rules (z, s); break;
    default: break;
    }
}

static void
step4 (Stemmer *z)
{
  switch (z->b[z->k - 1])
    {
    case 'a':
      if (ends (z, "al"))
        break;
      return;
    case 'c':
      if (ends (z, "ance") || ends (z, "ence"))
        break;
      return;
    case 'e':
      if (ends (z, "er"))
        break;
      return;
    case 'i':
      if (ends (z, "ic"))
        break;
      return;
    case 'l':
      if (ends (z, "able") || ends (z, "ible"))
        break;
      return;
    case 'n':
      if (ends (z, "ant") || ends (z, "ement") || ends (z, "ment") || ends (z, "ent"))
        break;
      return;
    case 'o':
      if (ends (z, "ion") && z->j >= z->k0 && (z->b[z->j] == 's' || z->b[z->j] == 't'))
        break;
      if (ends (z, "ou"))
        break;
      return;
    case 's':
      if (ends (z, "ism"))
        break;
      return;
    case 't':
      if (ends (z, "ate") || ends (z, "iti"))
        break;
      return;
    case 'u':
      if (ends (z, "ous"))
        break;
      return;
    case 'v':
      if (ends (z, "ive"))
        break;
      return;
    case 'z':
      if (ends (z, "ize"))
        break;
      return;
    default:
      return;
    }
  if (measure (z) > 1)
    z->k = z->j;
}

static void
step5 (Stemmer *z)
{
  z->j = z->k;
  if (z->b[z->k] == 'e')
    {
      int a = measure (z);

      if (a > 1 || (a == 1 && !cvc (z, z->k - 1)))
        z->k--;
    }
  if (z->b[z->k] == 'l' && double_cons (z, z->k) && measure (z) > 1)
    z->k--;
}

/* Stems the lower-case ASCII word @b of @len bytes in place; returns the
 * new length. */
static int
porter_stem (char *b, int len)
{
  Stemmer z = { b, len - 1, 0, 0 };

  if (len <= 2)
    return len;

  step1ab (&z);
  if (z.k > z.k0)
    {
      step1c (&z);
      step2 (&z);
      step3 (&z);
      step4 (&z);
      step5 (&z);
    }
  return z.k + 1;
}

char *
hb_tokenizer_stem (const char *word)
{
  char *copy;
  int len;

  g_return_val_if_fail (word != NULL, NULL);

  copy = g_strdup (word);
  len = porter_stem (copy, (int) strlen (copy));
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
  gunichar c = p[0];
  int n;
  int i;

  if (c < 0x80)
    {
      *len = 1;
      return c;
    }
  if ((c & 0xE0) == 0xC0)
    n = 2, c &= 0x1F;
  else if ((c & 0xF0) == 0xE0)
    n = 3, c &= 0x0F;
  else if ((c & 0xF8) == 0xF0)
    n = 4, c &= 0x07;
  else
    {
      *len = 1;
      return (gunichar) -1;
    }
  if (p + n > end)
    {
      *len = 1;
      return (gunichar) -1;
    }
  for (i = 1; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        {
          *len = 1;
          return (gunichar) -1;
        }
      c = (c << 6) | (p[i] & 0x3F);
    }
  *len = n;
  return c;
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

static void
word_append_char (Word *w, gunichar c)
{
  char tmp[6];
  int n;

  if (c < 0x80)
    {
      if (w->len < MAX_WORD)
        w->buf[w->len++] = g_ascii_tolower ((char) c);
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
  int rc = SQLITE_OK;

#define FINISH_WORD()                                                                              \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (in_word)                                                                                   \
      {                                                                                            \
        in_word = FALSE;                                                                           \
        if (word.len > 0)                                                                          \
          {                                                                                        \
            char stem[MAX_WORD + 8];                                                               \
            int stem_len = word.len;                                                               \
            memcpy (stem, word.buf, word.len);                                                     \
            if (word.ascii_letters && !bounds_only)                                                \
              stem_len = porter_stem (stem, word.len);                                             \
            rc = func (user_data, TOKEN_WORD, stem, stem_len, word.buf, word.len, word.start,      \
                       word.end);                                                                  \
            if (rc != SQLITE_OK)                                                                   \
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
        rc = func (user_data, run == 1 ? TOKEN_CJK_SINGLE : TOKEN_CJK_LAST, text + prev_start,     \
                   prev_end - prev_start, NULL, 0, prev_start, prev_end);                          \
        run = 0;                                                                                   \
        if (rc != SQLITE_OK)                                                                       \
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
          if (c < 0x80)
            {
              if (!bounds_only || word.len == 0)
                word_append_char (&word, c);
            }
          else
            word_append_folded (&word, c);
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
          if (run > 0)
            {
              rc = func (user_data, TOKEN_CJK_PAIR, text + prev_start, offset + n - prev_start,
                         NULL, 0, prev_start, offset + n);
              if (rc != SQLITE_OK)
                return rc;
            }
          run++;
          prev_start = offset;
          prev_end = offset + n;
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

  return SQLITE_OK;
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
  return SQLITE_OK;
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

  g_return_val_if_fail (func != NULL, SQLITE_MISUSE);

  if (text == NULL)
    return SQLITE_OK;
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
  if (rc != SQLITE_OK)
    return rc;

  n = tokens->len;
  /* A run that ends the query may go on in the text: 退款 must find 退款申请. */
  if (n > 0 && g_array_index (tokens, QueryToken, n - 1).kind == TOKEN_CJK_LAST)
    n--;

  for (i = 0; i < n; i++)
    {
      QueryToken *t = &g_array_index (tokens, QueryToken, i);

      rc = func (user_data, 0, t->token, t->len, t->start, t->end);
      if (rc != SQLITE_OK)
        return rc;

      /* A word being typed may be cut where its stem is not a prefix of the
       * typed text ("happy" is stemmed "happi", "happ" is not): look it up
       * as typed too. */
      if (i == n - 1 && (flags & HB_TOKENIZE_PREFIX) && t->kind == TOKEN_WORD
          && t->raw != NULL && (t->raw_len != t->len || memcmp (t->raw, t->token, t->len) != 0))
        {
          rc = func (user_data, HB_TOKEN_COLOCATED, t->raw, t->raw_len, t->start, t->end);
          if (rc != SQLITE_OK)
            return rc;
        }
    }

  return SQLITE_OK;
}

/* ------------------------------------------------------------------------ */
/* FTS5 glue. */

typedef struct
{
  int unused;
} HbFts5Tokenizer;

static int
fts5_create (void *context, const char **args, int n_args, Fts5Tokenizer **out)
{
  *out = (Fts5Tokenizer *) g_new0 (HbFts5Tokenizer, 1);
  return SQLITE_OK;
}

static void
fts5_delete (Fts5Tokenizer *tokenizer)
{
  g_free (tokenizer);
}

static int
fts5_tokenize (Fts5Tokenizer *tokenizer,
               void *context,
               int flags,
               const char *text,
               int len,
               int (*token_cb) (void *, int, const char *, int, int, int))
{
  return hb_tokenize (text, len, (HbTokenizeFlags) flags, (HbTokenFunc) token_cb, context);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

int
hb_tokenizer_register (sqlite3 *db)
{
  static fts5_tokenizer tokenizer = { fts5_create, fts5_delete, fts5_tokenize };
  fts5_api *api;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  api = get_fts5_api (db);
  if (api == NULL)
    {
      g_warning ("SQLite was built without FTS5: search will not work");
      return SQLITE_ERROR;
    }

  return api->xCreateTokenizer (api, HB_TOKENIZER_NAME, NULL, &tokenizer, NULL);
}
