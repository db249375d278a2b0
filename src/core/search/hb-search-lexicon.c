/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-lexicon.h"

#include <friso/friso.h>
#include <friso/friso_API.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <yaml.h>

#include "hb-search-query.h"
#include "hb-tokenizer.h"

G_DEFINE_QUARK (hb-search-lexicon-error-quark, hb_search_lexicon_error)

/* Chinese phrases of the lexicon are at most this many characters. */
#define MAX_HAN_PHRASE 12
/* English phrases, this many words. */
#define MAX_PHRASE_WORDS 6

struct _HbSearchLexicon
{
  gatomicrefcount ref_count;
  /* key -> group (GPtrArray of the words as written), shared by the
   * keys of its words */
  GHashTable *groups;
  GPtrArray *all_groups;
  /* Keys of the phrases, for finding them in a query, and the same
   * without their stop words ("chang mind" for "changed my mind"). */
  GHashTable *phrases;
  GHashTable *content_phrases;
  /* key -> the words that a text gives as its translation (GPtrArray):
   * kept apart from the thesaurus, never merged into its groups */
  GHashTable *partners;
  /* Chinese words for the segmenter. */
  GPtrArray *vocabulary;
  gboolean vocabulary_added;
  /* The runs of three and four Chinese characters of the titles and
   * headings, packed (16 bits a character, those of the BMP only), and
   * for each first and last of a run of three, the middles. */
  GHashTable *title_ngrams;
  /* The third character of the titles' runs of three, by the other two:
   * [0] the first, by the second and third; [1] the middle, by the first
   * and last; [2] the last, by the first two (packed pair -> GArray of
   * gunichar). */
  GHashTable *title_thirds[3];
  /* For each first and third of a run of four, the second and fourth:
   * the words that a two-character abbreviation may stand for (社保 for
   * 社会保险). */
  GHashTable *title_abbreviated; /* packed pair -> GArray of packed pairs */
  /* index term -> how many titles hold it */
  GHashTable *title_docs;
  guint n_titles;
  /* title -> its tokens (GArray of HbSearchTitleToken), of the titles
   * looked at last; a search thread and the window's may share it */
  GMutex title_tokens_lock;
  GHashTable *title_tokens;
};

/* The most titles whose tokens are remembered (then all go). */
#define TITLE_TOKENS_MAX 4096

/* The packed keys differ in few bits: they are mixed (MurmurHash3's
 * finaliser) before GHashTable takes the low ones. */
static guint
packed_hash (gconstpointer key)
{
  guint64 x = *(const guint64 *) key;

  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return (guint) x;
}

static guint
pair_hash (gconstpointer key)
{
  guint64 x = GPOINTER_TO_UINT (key);

  return packed_hash (&x);
}

/* Packs up to four characters of the BMP into one key; 0 when one is
 * outside it. */
static guint64
pack_chars (const gunichar *chars, int n)
{
  guint64 key = 0;

  for (int i = 0; i < n; i++)
    {
      if (chars[i] == 0 || chars[i] > 0xFFFF)
        return 0;
      key = (key << 16) | chars[i];
    }
  /* No run of three is a run of four: its first character is not 0. */
  return key;
}

HbSearchLexicon *
hb_search_lexicon_new (void)
{
  HbSearchLexicon *self = g_new0 (HbSearchLexicon, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->all_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->content_phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->vocabulary = g_ptr_array_new_with_free_func (g_free);
  self->partners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->title_ngrams = g_hash_table_new_full (packed_hash, g_int64_equal, g_free, NULL);
  self->title_docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&self->title_tokens_lock);
  self->title_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_array_unref);
  self->title_abbreviated = g_hash_table_new_full (pair_hash, g_direct_equal, NULL,
                                                   (GDestroyNotify) g_array_unref);
  for (int gap = 0; gap < 3; gap++)
    self->title_thirds[gap] = g_hash_table_new_full (pair_hash, g_direct_equal, NULL,
                                                     (GDestroyNotify) g_array_unref);
  return self;
}

HbSearchLexicon *
hb_search_lexicon_ref (HbSearchLexicon *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hb_search_lexicon_unref (HbSearchLexicon *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->groups);
  g_ptr_array_unref (self->all_groups);
  g_hash_table_unref (self->phrases);
  g_hash_table_unref (self->content_phrases);
  g_ptr_array_unref (self->vocabulary);
  g_hash_table_unref (self->partners);
  g_hash_table_unref (self->title_ngrams);
  for (int gap = 0; gap < 3; gap++)
    g_hash_table_unref (self->title_thirds[gap]);
  g_hash_table_unref (self->title_docs);
  g_hash_table_unref (self->title_tokens);
  g_mutex_clear (&self->title_tokens_lock);
  g_hash_table_unref (self->title_abbreviated);
  g_free (self);
}

/* ------------------------------------------------------------------------ */
/* Keys */

typedef struct
{
  GString *out;
  gboolean last_han;
} KeyBuild;

static int
key_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  KeyBuild *key = user_data;

  if (flags & HB_TOKEN_COLOCATED)
    return HB_TOKENIZE_OK;
  if (key->out->len > 0)
    g_string_append_c (key->out, ' ');
  g_string_append_len (key->out, token, len);
  return HB_TOKENIZE_OK;
}

static char *lexicon_key (const char *text);

/* The keys of the words typed last: a search asks for a few at every key,
 * mostly the words it asked for at the key before. For words, not
 * texts; forgotten all at once when full. */
#define KEYS_MAX 4096
#define KEY_TEXT_MAX 64

char *
hb_search_lexicon_key (const char *text)
{
  static GMutex lock;
  static GHashTable *keys = NULL;
  char *key;

  if (text == NULL)
    return g_strdup ("");
  if (strlen (text) > KEY_TEXT_MAX)
    return lexicon_key (text);

  g_mutex_lock (&lock);
  if (keys == NULL)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  key = g_strdup (g_hash_table_lookup (keys, text));
  g_mutex_unlock (&lock);
  if (key != NULL)
    return key;

  key = lexicon_key (text);
  g_mutex_lock (&lock);
  if (g_hash_table_size (keys) >= KEYS_MAX)
    g_hash_table_remove_all (keys);
  g_hash_table_replace (keys, g_strdup (text), g_strdup (key));
  g_mutex_unlock (&lock);
  return key;
}

static char *
lexicon_key (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) words = g_string_new (NULL);
  const char *p;

  /* Chinese as its folded characters, the rest as the index's words
   * (stemmed). */
  for (p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      c = hb_tokenizer_fold_char (c);
      if (hb_tokenizer_is_cjk (c))
        {
          if (words->len > 0)
            {
              KeyBuild key = { out, FALSE };

              hb_tokenize (words->str, (int) words->len, HB_TOKENIZE_DOCUMENT, key_token_cb, &key);
              g_string_truncate (words, 0);
            }
          g_string_append_unichar (out, c);
        }
      else
        g_string_append_len (words, p, next - p);
      p = next;
    }
  if (words->len > 0)
    {
      KeyBuild key = { out, FALSE };

      hb_tokenize (words->str, (int) words->len, HB_TOKENIZE_DOCUMENT, key_token_cb, &key);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @key without its stop words; %NULL when fewer than two words are left. */
static char *
content_key (const char *key)
{
  g_auto (GStrv) words = g_strsplit (key, " ", -1);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  guint n = g_strv_length (words);

  for (guint i = 0; i < n; i++)
    if (!hb_search_is_stop_word (words[i]))
      g_ptr_array_add (kept, words[i]);
  if (kept->len < 2)
    return NULL;
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" ", (char **) kept->pdata);
}

static void
add_phrase_key (HbSearchLexicon *self, const char *key)
{
  g_autofree char *content = content_key (key);

  g_hash_table_add (self->phrases, g_strdup (key));
  if (content != NULL && !g_hash_table_contains (self->content_phrases, content))
    g_hash_table_insert (self->content_phrases, g_steal_pointer (&content), g_strdup (key));
}

static gboolean
key_is_han (const char *key)
{
  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    if (hb_tokenizer_is_cjk (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}
static void add_title_ngrams (HbSearchLexicon *self, const char *start, const char *end);


/* Adds @words (as written) as one group, merged into the group of a word
 * already known. */
static void
add_group (HbSearchLexicon *self, GPtrArray *words)
{
  GPtrArray *group = NULL;
  guint i;

  for (i = 0; i < words->len && group == NULL; i++)
    {
      g_autofree char *key = hb_search_lexicon_key (g_ptr_array_index (words, i));

      group = g_hash_table_lookup (self->groups, key);
    }
  if (group == NULL)
    {
      group = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (self->all_groups, group);
    }

  for (i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *key = hb_search_lexicon_key (word);
      GPtrArray *known;

      if (*key == '\0')
        continue;
      known = g_hash_table_lookup (self->groups, key);
      if (known == group)
        continue;
      if (known != NULL)
        /* In another group already: the thesaurus says which. */
        continue;
      g_ptr_array_add (group, g_strdup (word));
      if (strchr (key, ' ') != NULL || (key_is_han (key) && g_utf8_strlen (key, -1) >= 2))
        add_phrase_key (self, key);
      if (key_is_han (key))
        {
          g_ptr_array_add (self->vocabulary, g_strdup (key));
          /* The editors' words are words of the handbook's as its titles
           * are (说明书), for the corrections. */
          add_title_ngrams (self, key, key + strlen (key));
        }
      g_hash_table_insert (self->groups, g_steal_pointer (&key), group);
    }
  self->vocabulary_added = FALSE;
}

static void
add_partner (HbSearchLexicon *self, const char *word, const char *partner)
{
  g_autofree char *key = hb_search_lexicon_key (word);
  GPtrArray *partners;

  if (*key == '\0')
    return;
  partners = g_hash_table_lookup (self->partners, key);
  if (partners == NULL)
    {
      partners = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->partners, g_strdup (key), partners);
      if (strchr (key, ' ') != NULL || (key_is_han (key) && g_utf8_strlen (key, -1) >= 2))
        add_phrase_key (self, key);
      if (key_is_han (key))
        {
          g_ptr_array_add (self->vocabulary, g_strdup (key));
          add_title_ngrams (self, key, key + strlen (key));
          self->vocabulary_added = FALSE;
        }
    }
  for (guint i = 0; i < partners->len; i++)
    if (strcmp (g_ptr_array_index (partners, i), partner) == 0)
      return;
  g_ptr_array_add (partners, g_strdup (partner));
}

void
hb_search_lexicon_add_pair (HbSearchLexicon *self, const char *a, const char *b)
{
  g_return_if_fail (self != NULL && a != NULL && b != NULL);

  add_partner (self, a, b);
  add_partner (self, b, a);
}

GPtrArray *
hb_search_lexicon_partners (HbSearchLexicon *self, const char *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  return key != NULL ? g_hash_table_lookup (self->partners, key) : NULL;
}

void
hb_search_lexicon_add_vocabulary (HbSearchLexicon *self, const char *text)
{
  const char *p = text;

  g_return_if_fail (self != NULL);

  while (p != NULL && *p != '\0')
    {
      const char *start;
      guint n = 0;

      while (*p != '\0' && !hb_tokenizer_is_cjk (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && hb_tokenizer_is_cjk (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          n++;
        }
      /* friso keeps words of up to five characters. */
      if (n >= 2 && n <= 5)
        {
          g_autofree char *run = g_strndup (start, p - start);

          g_ptr_array_add (self->vocabulary, hb_search_lexicon_key (run));
          self->vocabulary_added = FALSE;
        }
      if (n >= 3)
        add_title_ngrams (self, start, p);
    }
}

static void
add_title_ngrams (HbSearchLexicon *self, const char *start, const char *end)
{
  gunichar chars[64];
  int n = 0;

  for (const char *p = start; p < end && n < (int) G_N_ELEMENTS (chars); p = g_utf8_next_char (p))
    chars[n++] = hb_tokenizer_fold_char (g_utf8_get_char (p));
  for (int i = 0; i + 3 <= n; i++)
    for (int len = 3; len <= 4 && i + len <= n; len++)
      {
        guint64 key = pack_chars (chars + i, len);

        if (key == 0 || g_hash_table_contains (self->title_ngrams, &key))
          continue;
        g_hash_table_add (self->title_ngrams, g_memdup2 (&key, sizeof key));
        if (len == 4)
          {
            gpointer pair = GUINT_TO_POINTER ((chars[i] << 16) | chars[i + 2]);
            guint32 rest = (chars[i + 1] << 16) | chars[i + 3];
            GArray *words = g_hash_table_lookup (self->title_abbreviated, pair);

            if (words == NULL)
              {
                words = g_array_new (FALSE, FALSE, sizeof (guint32));
                g_hash_table_insert (self->title_abbreviated, pair, words);
              }
            g_array_append_val (words, rest);
          }
        if (len == 3)
          for (int gap = 0; gap < 3; gap++)
            {
              gunichar a = chars[i + (gap == 0 ? 1 : 0)];
              gunichar b = chars[i + (gap == 2 ? 1 : 2)];
              gpointer pair = GUINT_TO_POINTER ((a << 16) | b);
              GArray *thirds = g_hash_table_lookup (self->title_thirds[gap], pair);

              if (thirds == NULL)
                {
                  thirds = g_array_new (FALSE, FALSE, sizeof (gunichar));
                  g_hash_table_insert (self->title_thirds[gap], pair, thirds);
                }
              g_array_append_val (thirds, chars[i + gap]);
            }
      }
}

typedef struct
{
  HbSearchLexicon *self;
  GHashTable *seen;
} TitleCount;

static int
title_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  TitleCount *count = user_data;
  g_autofree char *term = NULL;
  gpointer docs;

  if (flags & HB_TOKEN_COLOCATED)
    return HB_TOKENIZE_OK;
  term = g_strndup (token, len);
  if (g_hash_table_contains (count->seen, term))
    return HB_TOKENIZE_OK;
  g_hash_table_add (count->seen, g_strdup (term));
  docs = g_hash_table_lookup (count->self->title_docs, term);
  g_hash_table_replace (count->self->title_docs, g_steal_pointer (&term),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (docs) + 1));
  return HB_TOKENIZE_OK;
}

void
hb_search_lexicon_add_title (HbSearchLexicon *self, const char *title)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TitleCount count = { self, seen };

  g_return_if_fail (self != NULL);
  if (title == NULL)
    return;
  hb_tokenize (title, -1, HB_TOKENIZE_DOCUMENT, title_token_cb, &count);
  self->n_titles++;
}

guint
hb_search_lexicon_title_docs (HbSearchLexicon *self, const char *token, guint *n_titles)
{
  g_return_val_if_fail (self != NULL, 0);
  if (n_titles != NULL)
    *n_titles = self->n_titles;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->title_docs, token));
}

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

typedef struct
{
  HbSearchLexicon *self;
  const char *title;
  GArray *tokens;
} TitleTokens;

static int
title_tokens_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  TitleTokens *read = user_data;
  g_autofree char *term = NULL;
  HbSearchTitleToken t = { 0 };

  if (flags & HB_TOKEN_COLOCATED)
    return HB_TOKENIZE_OK;
  term = g_strndup (token, len);
  t.docs = GPOINTER_TO_UINT (g_hash_table_lookup (read->self->title_docs, term));
  t.start = start;
  t.han = hb_tokenizer_is_cjk (g_utf8_get_char (token));
  t.one_char = len <= 4 && g_utf8_strlen (token, len) == 1;
  t.quoted = is_quoted (read->title, start);
  t.len = len;
  g_array_append_val (read->tokens, t);
  return HB_TOKENIZE_OK;
}

GArray *
hb_search_lexicon_title_tokens (HbSearchLexicon *self, const char *title)
{
  TitleTokens read = { self, title, NULL };
  GArray *tokens;

  g_return_val_if_fail (self != NULL && title != NULL, NULL);

  g_mutex_lock (&self->title_tokens_lock);
  tokens = g_hash_table_lookup (self->title_tokens, title);
  if (tokens != NULL)
    {
      g_array_ref (tokens);
      g_mutex_unlock (&self->title_tokens_lock);
      return tokens;
    }
  g_mutex_unlock (&self->title_tokens_lock);

  read.tokens = g_array_new (FALSE, FALSE, sizeof (HbSearchTitleToken));
  hb_tokenize (title, -1, HB_TOKENIZE_DOCUMENT, title_tokens_cb, &read);

  g_mutex_lock (&self->title_tokens_lock);
  if (g_hash_table_size (self->title_tokens) >= TITLE_TOKENS_MAX)
    g_hash_table_remove_all (self->title_tokens);
  g_hash_table_replace (self->title_tokens, g_strdup (title), g_array_ref (read.tokens));
  g_mutex_unlock (&self->title_tokens_lock);
  return read.tokens;
}

gboolean
hb_search_lexicon_titles_have (HbSearchLexicon *self, const gunichar *chars, int n)
{
  guint64 key;

  g_return_val_if_fail (self != NULL, FALSE);
  if (n < 3 || n > 4)
    return FALSE;
  key = pack_chars (chars, n);
  return key != 0 && g_hash_table_contains (self->title_ngrams, &key);
}

GPtrArray *
hb_search_lexicon_titles_expand (HbSearchLexicon *self, const char *word)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  gunichar chars[2];
  const char *p = word;
  GArray *words;

  g_return_val_if_fail (self != NULL && word != NULL, out);

  for (int i = 0; i < 2; i++)
    {
      if (*p == '\0')
        return out;
      chars[i] = hb_tokenizer_fold_char (g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }
  if (*p != '\0' || chars[0] > 0xFFFF || chars[1] > 0xFFFF)
    return out;
  words = g_hash_table_lookup (self->title_abbreviated, GUINT_TO_POINTER ((chars[0] << 16) | chars[1]));
  for (guint i = 0; words != NULL && i < words->len; i++)
    {
      guint32 rest = g_array_index (words, guint32, i);
      gunichar full[4] = { chars[0], rest >> 16, chars[1], rest & 0xFFFF };
      g_autoptr (GString) text = g_string_new (NULL);

      for (int k = 0; k < 4; k++)
        g_string_append_unichar (text, full[k]);
      g_ptr_array_add (out, g_string_free (g_steal_pointer (&text), FALSE));
    }
  return out;
}

GArray *
hb_search_lexicon_titles_third (HbSearchLexicon *self, gunichar a, gunichar b, guint gap)
{
  g_return_val_if_fail (self != NULL && gap < 3, NULL);
  if (a > 0xFFFF || b > 0xFFFF)
    return NULL;
  return g_hash_table_lookup (self->title_thirds[gap], GUINT_TO_POINTER ((a << 16) | b));
}

GPtrArray *
hb_search_lexicon_synonyms (HbSearchLexicon *self, const char *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  return key != NULL ? g_hash_table_lookup (self->groups, key) : NULL;
}

guint
hb_search_lexicon_phrase_length (HbSearchLexicon *self, const char *const *words, guint n,
                                 const char **phrase_key)
{
  g_return_val_if_fail (self != NULL, 0);

  if (phrase_key != NULL)
    *phrase_key = NULL;
  /* The longest run of the first words that is a phrase, as written or
   * without its stop words ("changed their mind" is "changed my mind");
   * a phrase neither starts nor ends with a stop word. */
  for (guint len = MIN (n, MAX_PHRASE_WORDS); len >= 2; len--)
    {
      g_autofree char *joined = NULL;
      g_autofree char *content = NULL;
      char **parts = (char **) g_new0 (char *, len + 1);

      for (guint i = 0; i < len; i++)
        parts[i] = (char *) words[i];
      joined = g_strjoinv (" ", parts);
      g_free (parts);
      if (g_hash_table_contains (self->phrases, joined))
        return len;
      if (hb_search_is_stop_word (words[0]) || hb_search_is_stop_word (words[len - 1]))
        continue;
      content = content_key (joined);
      if (content != NULL && g_hash_table_contains (self->content_phrases, content))
        {
          if (phrase_key != NULL)
            *phrase_key = g_hash_table_lookup (self->content_phrases, content);
          return len;
        }
    }
  return 0;
}

gsize
hb_search_lexicon_han_phrase (HbSearchLexicon *self, const char *text, gsize len)
{
  const char *ends[MAX_HAN_PHRASE + 1];
  const char *p = text;
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  ends[0] = text;
  while (n < MAX_HAN_PHRASE && p < text + len && *p != '\0')
    {
      p = g_utf8_next_char (p);
      ends[++n] = p;
    }
  for (guint k = n; k >= 2; k--)
    {
      g_autofree char *run = g_strndup (text, ends[k] - text);
      g_autofree char *key = hb_search_lexicon_key (run);

      if (g_hash_table_contains (self->phrases, key))
        return ends[k] - text;
    }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The thesaurus file */

typedef struct
{
  yaml_parser_t parser;
  const char *file;
  guint *error_line;
  GError **error;
} Reader;

G_GNUC_PRINTF (4, 5)
static gboolean
fail (Reader *reader, int code, guint line, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (reader->error_line != NULL)
    *reader->error_line = line;
  g_set_error (reader->error, HB_SEARCH_LEXICON_ERROR, code, "%s:%u: %s", reader->file, line,
               message);
  return FALSE;
}

static gboolean
next_event (Reader *reader, yaml_event_t *event)
{
  if (!yaml_parser_parse (&reader->parser, event))
    {
      guint line = (guint) reader->parser.problem_mark.line + 1;

      return fail (reader, HB_SEARCH_LEXICON_ERROR_SYNTAX, line, _("this is not valid YAML: %s"),
                   reader->parser.problem != NULL ? reader->parser.problem : _("unknown error"));
    }
  return TRUE;
}

typedef struct
{
  char *text;
  guint line;
} Word;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->text);
}

/* Reads the groups: a sequence of sequences of scalars. Calls @group for
 * each. */
static gboolean
read_groups (Reader *reader, void (*group) (GArray *words, gpointer data), gpointer data,
             guint *n_groups)
{
  yaml_event_t event;
  guint total = 0;
  gboolean ok = FALSE;

  /* groups: [ … ] */
  if (!next_event (reader, &event))
    return FALSE;
  if (event.type != YAML_SEQUENCE_START_EVENT)
    {
      guint line = (guint) event.start_mark.line + 1;

      yaml_event_delete (&event);
      return fail (reader, HB_SEARCH_LEXICON_ERROR_INVALID, line,
                   _("“groups” must be a list of groups, each a list of words"));
    }
  yaml_event_delete (&event);

  for (;;)
    {
      g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
      guint group_line;

      g_array_set_clear_func (words, word_clear);
      if (!next_event (reader, &event))
        return FALSE;
      if (event.type == YAML_SEQUENCE_END_EVENT)
        {
          yaml_event_delete (&event);
          ok = TRUE;
          break;
        }
      group_line = (guint) event.start_mark.line + 1;
      if (event.type != YAML_SEQUENCE_START_EVENT)
        {
          yaml_event_delete (&event);
          return fail (reader, HB_SEARCH_LEXICON_ERROR_INVALID, group_line,
                       _("a group must be a list of words, such as [refund, money back, 退款]"));
        }
      yaml_event_delete (&event);

      for (;;)
        {
          Word word;

          if (!next_event (reader, &event))
            return FALSE;
          if (event.type == YAML_SEQUENCE_END_EVENT)
            {
              yaml_event_delete (&event);
              break;
            }
          word.line = (guint) event.start_mark.line + 1;
          if (event.type != YAML_SCALAR_EVENT)
            {
              yaml_event_delete (&event);
              return fail (reader, HB_SEARCH_LEXICON_ERROR_INVALID, word.line,
                           _("a word of a group must be text, not a list or a map"));
            }
          word.text = g_strstrip (g_strndup ((const char *) event.data.scalar.value,
                                             event.data.scalar.length));
          yaml_event_delete (&event);
          if (*word.text == '\0')
            {
              g_free (word.text);
              continue;
            }
          if (g_utf8_strlen (word.text, -1) > HB_SEARCH_THESAURUS_MAX_LENGTH)
            {
              g_free (word.text);
              return fail (reader, HB_SEARCH_LEXICON_ERROR_TOO_LARGE, word.line,
                           g_dngettext (GETTEXT_PACKAGE, "a word or phrase of the thesaurus has at most %d character",
                                        "a word or phrase of the thesaurus has at most %d characters",
                                        HB_SEARCH_THESAURUS_MAX_LENGTH),
                           HB_SEARCH_THESAURUS_MAX_LENGTH);
            }
          g_array_append_val (words, word);
          if (words->len > HB_SEARCH_THESAURUS_MAX_GROUP)
            return fail (reader, HB_SEARCH_LEXICON_ERROR_TOO_LARGE, group_line,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "a group has more than %d word: split it into groups of words that truly "
                                      "mean the same",
                                      "a group has more than %d words: split it into groups of words that truly "
                                      "mean the same",
                                      HB_SEARCH_THESAURUS_MAX_GROUP),
                         HB_SEARCH_THESAURUS_MAX_GROUP);
          if (++total > HB_SEARCH_THESAURUS_MAX_WORDS)
            return fail (reader, HB_SEARCH_LEXICON_ERROR_TOO_LARGE, word.line,
                         g_dngettext (GETTEXT_PACKAGE, "the thesaurus has more than %d word",
                                      "the thesaurus has more than %d words", HB_SEARCH_THESAURUS_MAX_WORDS),
                         HB_SEARCH_THESAURUS_MAX_WORDS);
        }

      if (words->len == 1)
        return fail (reader, HB_SEARCH_LEXICON_ERROR_INVALID, group_line,
                     _("a group needs at least two words that mean the same"));
      if (words->len >= 2)
        {
          group (words, data);
          (*n_groups)++;
        }
    }
  return ok;
}

static int
read_thesaurus (const char *text, const char *file, guint *error_line,
                void (*group) (GArray *words, gpointer data), gpointer data, GError **error)
{
  Reader reader = { { 0 }, file != NULL ? file : "synonyms.yaml", error_line, error };
  yaml_event_t event;
  gboolean ok = TRUE;
  gboolean seen_groups = FALSE;
  guint n_groups = 0;
  int depth = 0;

  if (error_line != NULL)
    *error_line = 0;
  if (!yaml_parser_initialize (&reader.parser))
    {
      g_set_error (error, HB_SEARCH_LEXICON_ERROR, HB_SEARCH_LEXICON_ERROR_SYNTAX,
                   "%s: cannot read YAML", reader.file);
      return -1;
    }
  yaml_parser_set_input_string (&reader.parser, (const unsigned char *) text, strlen (text));

  while (ok)
    {
      if (!(ok = next_event (&reader, &event)))
        break;
      if (event.type == YAML_STREAM_END_EVENT)
        {
          yaml_event_delete (&event);
          break;
        }
      switch (event.type)
        {
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
          depth++;
          if (depth > 1 || event.type == YAML_SEQUENCE_START_EVENT)
            ok = fail (&reader, HB_SEARCH_LEXICON_ERROR_INVALID, (guint) event.start_mark.line + 1,
                       _("a thesaurus is a map with the key “groups”"));
          break;
        case YAML_MAPPING_END_EVENT:
          depth--;
          break;
        case YAML_SCALAR_EVENT:
          if (depth != 1)
            {
              ok = fail (&reader, HB_SEARCH_LEXICON_ERROR_INVALID, (guint) event.start_mark.line + 1,
                         _("a thesaurus is a map with the key “groups”"));
              break;
            }
          if (strcmp ((const char *) event.data.scalar.value, "groups") == 0)
            {
              yaml_event_delete (&event);
              if (seen_groups)
                ok = fail (&reader, HB_SEARCH_LEXICON_ERROR_INVALID, (guint) reader.parser.mark.line + 1,
                           _("“groups” is given twice"));
              else
                ok = read_groups (&reader, group, data, &n_groups);
              seen_groups = TRUE;
              continue;
            }
          else
            {
              /* Other keys ("kind", a comment field) are allowed; their
               * value is skipped. */
              guint line = (guint) event.start_mark.line + 1;
              int skip_depth = 0;

              yaml_event_delete (&event);
              do
                {
                  if (!(ok = next_event (&reader, &event)))
                    break;
                  if (event.type == YAML_MAPPING_START_EVENT || event.type == YAML_SEQUENCE_START_EVENT)
                    skip_depth++;
                  else if (event.type == YAML_MAPPING_END_EVENT || event.type == YAML_SEQUENCE_END_EVENT)
                    skip_depth--;
                  yaml_event_delete (&event);
                  if (skip_depth > 32)
                    ok = fail (&reader, HB_SEARCH_LEXICON_ERROR_TOO_LARGE, line, _("nested too deeply"));
                }
              while (ok && skip_depth > 0);
              continue;
            }
        default:
          break;
        }
      yaml_event_delete (&event);
    }

  yaml_parser_delete (&reader.parser);
  if (!ok)
    return -1;
  if (!seen_groups)
    {
      if (error_line != NULL)
        *error_line = 1;
      g_set_error (error, HB_SEARCH_LEXICON_ERROR, HB_SEARCH_LEXICON_ERROR_INVALID,
                   _("%s:1: a thesaurus needs “groups:”, a list of groups of words"), reader.file);
      return -1;
    }
  return (int) n_groups;
}

typedef struct
{
  GHashTable *seen; /* key -> line */
  const char *file;
  guint *error_line;
  GError **error;
  gboolean failed;
} Check;

static void
check_group_cb (GArray *words, gpointer data)
{
  Check *check = data;
  g_autoptr (GHashTable) in_group = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < words->len && !check->failed; i++)
    {
      Word *word = &g_array_index (words, Word, i);
      g_autofree char *key = hb_search_lexicon_key (word->text);
      gpointer other;

      if (*key == '\0' || g_hash_table_contains (in_group, key))
        continue;
      if (g_hash_table_lookup_extended (check->seen, key, NULL, &other))
        {
          if (check->error_line != NULL)
            *check->error_line = word->line;
          g_set_error (check->error, HB_SEARCH_LEXICON_ERROR, HB_SEARCH_LEXICON_ERROR_INVALID,
                       _("%s:%u: “%s” is also in the group on line %u: a word belongs to one "
                         "group"),
                       check->file, word->line, word->text, GPOINTER_TO_UINT (other));
          check->failed = TRUE;
          return;
        }
      g_hash_table_add (in_group, g_strdup (key));
      g_hash_table_insert (check->seen, g_steal_pointer (&key), GUINT_TO_POINTER (word->line));
    }
}

int
hb_search_thesaurus_check (const char *text, const char *file, guint *error_line, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Check check = { seen, file != NULL ? file : "synonyms.yaml", error_line, error, FALSE };
  g_autoptr (GError) local_error = NULL;
  int n;

  g_return_val_if_fail (text != NULL, -1);

  n = read_thesaurus (text, check.file, error_line, check_group_cb, &check, &local_error);
  if (n < 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  return check.failed ? -1 : n;
}

static void
add_group_cb (GArray *words, gpointer data)
{
  HbSearchLexicon *self = data;
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (texts, g_array_index (words, Word, i).text);
  add_group (self, texts);
}

gboolean
hb_search_lexicon_add_thesaurus (HbSearchLexicon *self, const char *text, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return read_thesaurus (text, NULL, NULL, add_group_cb, self, error) >= 0;
}

/* ------------------------------------------------------------------------ */
/* Segmenting with friso */

typedef struct
{
  friso_t friso;
  friso_config_t config;
  friso_task_t task;
  GMutex lock;
  GHashTable *added; /* words given to friso's dictionary */
} Segmenter;

/* The endings of a place's name that say it is one. */
static const char *const place_endings[] = { "特别行政区", "自治区", "自治州", "省", "市", "县", "区", "州", "盟" };

/* The folder of friso's dictionary, as its configuration file gives it. */
static char *
lexicon_folder (const char *ini)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (ini, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "friso.lex_dir"))
        {
          const char *eq = strchr (line, '=');

          if (eq != NULL)
            return g_strdup (g_strstrip ((char *) eq + 1));
        }
    }
  return NULL;
}

static const char *
friso_ini (void)
{
  const char *ini = g_getenv ("HANDBOOK_FRISO_INI");

  return ini != NULL && *ini != '\0' ? ini : HB_FRISO_INI;
}

/* The places of friso's dictionary (lex-cn-place.lex) whose names say
 * what they are (山东省, 杭州市, 香港特别行政区): name -> its length in
 * bytes without that (山东, 杭州, 香港特别行政). Read on their own, as an
 * English query needs them but not the segmenter. */
typedef struct
{
  GHashTable *names;  /* name → the length in bytes of the place without its ending */
  GHashTable *firsts; /* (element-type gunichar) the characters a name opens with */
} Places;

static gpointer
read_places (gpointer data)
{
  Places *places = g_new0 (Places, 1);
  g_autofree char *folder = lexicon_folder (friso_ini ());
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  places->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  places->firsts = g_hash_table_new (g_direct_hash, g_direct_equal);
  if (folder == NULL)
    return places;
  file = g_build_filename (folder, "lex-cn-place.lex", NULL);
  if (!g_file_get_contents (file, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
    return places;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *slash = strchr (lines[i], '/');
      const char *name = g_strstrip (lines[i]);

      if (slash != NULL)
        *slash = '\0';
      /* Two characters at least before the ending: 新县 would be any
       * title that opens with 新. */
      for (guint e = 0; e < G_N_ELEMENTS (place_endings); e++)
        if (g_str_has_suffix (name, place_endings[e]))
          {
            if (g_utf8_strlen (name, strlen (name) - strlen (place_endings[e])) < 2)
              break;
            g_hash_table_insert (places->names, g_strdup (name),
                                 GSIZE_TO_POINTER (strlen (name) - strlen (place_endings[e])));
            g_hash_table_add (places->firsts, GUINT_TO_POINTER (g_utf8_get_char (name)));
            break;
          }
    }
  return places;
}

static gpointer
segmenter_init (gpointer data)
{
  Segmenter *segmenter = g_new0 (Segmenter, 1);
  const char *ini = friso_ini ();

  g_mutex_init (&segmenter->lock);
  segmenter->added = g_hash_table_new (g_str_hash, g_str_equal);

  segmenter->friso = friso_new ();
  segmenter->config = friso_new_config ();
  if (!g_file_test (ini, G_FILE_TEST_IS_REGULAR)
      || friso_init_from_ifile (segmenter->friso, segmenter->config, (fstring) ini) != 1)
    {
      g_warning ("friso cannot start from %s: Chinese queries are not split into words", ini);
      friso_free_config (segmenter->config);
      friso_free (segmenter->friso);
      segmenter->friso = NULL;
      segmenter->config = NULL;
      return segmenter;
    }
  /* Words only: no synonyms of its own, stop words kept (the query decides). */
  segmenter->config->add_syn = 0;
  segmenter->config->clr_stw = 0;
  segmenter->task = friso_new_task ();
  return segmenter;
}

static Segmenter *
segmenter_get (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, segmenter_init, NULL);
}

GPtrArray *
hb_search_lexicon_segment (HbSearchLexicon *self, const char *han, gsize len)
{
  Segmenter *segmenter = segmenter_get ();
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = g_strndup (han, len);

  if (segmenter->friso == NULL)
    {
      g_ptr_array_add (words, g_steal_pointer (&text));
      return words;
    }

  g_mutex_lock (&segmenter->lock);

  /* The handbook's own words, once each (friso keeps them). */
  if (self != NULL && !self->vocabulary_added)
    {
      for (guint i = 0; i < self->vocabulary->len; i++)
        {
          const char *word = g_ptr_array_index (self->vocabulary, i);

          if (g_hash_table_contains (segmenter->added, word)
              || friso_dic_match (segmenter->friso->dic, __LEX_CJK_WORDS__, (fstring) word))
            continue;
          {
            char *copy = g_strdup (word);

            /* friso keeps the pointer for as long as it lives. */
            friso_dic_add (segmenter->friso->dic, __LEX_CJK_WORDS__, copy, NULL);
            g_hash_table_add (segmenter->added, copy);
          }
        }
      self->vocabulary_added = TRUE;
    }

  friso_set_text (segmenter->task, text);
  while (segmenter->config->next_token (segmenter->friso, segmenter->config, segmenter->task) != NULL)
    {
      const char *word = segmenter->task->token->word;

      if (word != NULL && *word != '\0')
        g_ptr_array_add (words, g_strdup (word));
    }

  g_mutex_unlock (&segmenter->lock);
  return words;
}

gboolean
hb_search_lexicon_is_word (const char *word)
{
  Segmenter *segmenter = segmenter_get ();
  gboolean found;

  g_return_val_if_fail (word != NULL, FALSE);
  if (segmenter->friso == NULL)
    return FALSE;
  g_mutex_lock (&segmenter->lock);
  found = friso_dic_match (segmenter->friso->dic, __LEX_CJK_WORDS__, (fstring) word) != 0;
  g_mutex_unlock (&segmenter->lock);
  return found;
}

char *
hb_search_lexicon_title_place (const char *title)
{
  static GOnce once = G_ONCE_INIT;
  Places *places = g_once (&once, read_places, NULL);
  /* Eight characters of at most four bytes each. */
  char head[8 * 4 + 1];
  const char *ends[8];
  int n = 0;

  if (title == NULL || *title == '\0'
      || !g_hash_table_contains (places->firsts, GUINT_TO_POINTER (g_utf8_get_char (title))))
    return NULL;
  /* The longest name the title opens with, of three to eight characters. */
  for (const char *end = title; n < 8 && *end != '\0';)
    {
      end = g_utf8_next_char (end);
      ends[n++] = end;
    }
  for (; n >= 3; n--)
    {
      gsize len = (gsize) (ends[n - 1] - title);
      gpointer stem;

      memcpy (head, title, len);
      head[len] = '\0';
      if (g_hash_table_lookup_extended (places->names, head, NULL, &stem))
        return g_strndup (title, GPOINTER_TO_SIZE (stem));
    }
  return NULL;
}
