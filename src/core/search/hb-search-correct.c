/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-correct.h"

#include <string.h>

#include "hb-store-search.h"
#include "hb-tokenizer.h"

void
hb_search_correction_free (HbSearchCorrection *correction)
{
  if (correction == NULL)
    return;
  g_free (correction->term);
  g_free (correction->word);
  g_free (correction);
}

static gpointer
load_words (gpointer data)
{
  const char *path = g_getenv ("HANDBOOK_WORDS");
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  gsize length = 0;

  if (path == NULL || *path == '\0')
    path = HB_WORD_LIST;
  if (g_file_get_contents (path, &text, &length, NULL))
    {
      const char *end = text + length;

      /* One pass over the lines (a split would copy each twice). */
      for (const char *line = text; line < end;)
        {
          const char *eol = memchr (line, '\n', end - line);
          gsize n = (eol != NULL ? eol : end) - line;

          if (n > 0 && memchr (line, '\'', n) == NULL)
            g_hash_table_add (words, g_ascii_strdown (line, n));
          line += n + 1;
        }
    }
  return words;
}

gboolean
hb_search_is_english_word (const char *word)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *words = g_once (&once, load_words, NULL);

  return g_hash_table_contains (words, word);
}

int
hb_search_correct_max_distance (gsize len)
{
  if (len < 4)
    return 0;
  return len <= 7 ? 1 : 2;
}

int
hb_search_edit_distance (const char *a, int la, const char *b, int lb, int max)
{
  g_autofree int *rows = NULL;
  int *prev2, *prev, *cur;
  int i, j;

  if (ABS (la - lb) > max)
    return max + 1;

  rows = g_new (int, 3 * (lb + 1));
  prev2 = rows;
  prev = rows + (lb + 1);
  cur = rows + 2 * (lb + 1);
  for (j = 0; j <= lb; j++)
    prev[j] = j;

  for (i = 1; i <= la; i++)
    {
      int row_min;
      int *tmp;

      cur[0] = i;
      row_min = i;
      for (j = 1; j <= lb; j++)
        {
          int cost = a[i - 1] == b[j - 1] ? 0 : 1;
          int d = MIN (MIN (prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);

          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            d = MIN (d, prev2[j - 2] + 1);
          cur[j] = d;
          row_min = MIN (row_min, d);
        }
      if (row_min > max)
        return max + 1;
      tmp = prev2;
      prev2 = prev;
      prev = cur;
      cur = tmp;
    }

  return prev[lb];
}

static gboolean
is_ascii_word (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return TRUE;
}

static int
compare_corrections (gconstpointer a, gconstpointer b)
{
  const HbSearchCorrection *x = *(const HbSearchCorrection *const *) a;
  const HbSearchCorrection *y = *(const HbSearchCorrection *const *) b;

  if (x->distance != y->distance)
    return x->distance - y->distance;
  return x->docs > y->docs ? -1 : x->docs < y->docs ? 1 : strcmp (x->term, y->term);
}

static void
collect (HbStore *store, const char *stem, const char *word, char first, int max,
         GPtrArray *found, GHashTable *seen)
{
  char from[2] = { first, '\0' };
  char to[2] = { (char) (first + 1), '\0' };
  int stem_len = (int) strlen (stem);
  int word_len = (int) strlen (word);
  g_autoptr (GArray) terms = hb_store_search_vocab_range (store, from, to);

  for (guint i = 0; i < terms->len; i++)
    {
      HbStoreVocabTerm *vocab = &g_array_index (terms, HbStoreVocabTerm, i);
      int len = (int) strlen (vocab->term);
      int d;

      if (len < 3 || !is_ascii_word (vocab->term) || g_hash_table_contains (seen, vocab->term))
        continue;
      /* The stem against the index's stems, and the word as typed against
       * them too: a typo may change how a word stems. */
      d = MIN (hb_search_edit_distance (stem, stem_len, vocab->term, len, max),
               hb_search_edit_distance (word, word_len, vocab->term, len, max));
      if (d <= max)
        {
          HbSearchCorrection *c = g_new0 (HbSearchCorrection, 1);

          c->term = g_strdup (vocab->term);
          c->distance = d;
          c->docs = vocab->docs;
          g_hash_table_add (seen, g_strdup (vocab->term));
          g_ptr_array_add (found, c);
        }
    }
}

/* The word as the articles write it for a term of the index: the shortest
 * of the forms in the first few articles ("policy" rather than "policies"
 * for "polici"). */
static char *
surface_word (HbStore *store, const char *term)
{
  g_autoptr (GString) match = g_string_new ("\"");
  g_autoptr (GPtrArray) words = NULL;
  const char *best = NULL;

  g_string_append (match, term);
  g_string_append (match, "\" *");
  words = hb_store_search_term_texts (store, match->str, term, 20);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (is_ascii_word (word) && (best == NULL || strlen (word) < strlen (best)))
        best = word;
    }
  return g_strdup (best);
}

GPtrArray *
hb_search_correct (HbStore *store, const char *word, guint max)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_search_correction_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_search_correction_free);
  g_autofree char *stem = NULL;
  int distance = hb_search_correct_max_distance (strlen (word));

  if (distance == 0 || !is_ascii_word (word))
    return out;

  /*
   * The index holds stems, and a typo changes how a word stems ("evidnce"
   * stems to "evidnc", "evidence" to "evid"): candidates are looked for a
   * little further among the stems, then the words as the articles write
   * them are held to the distance.
   */
  stem = hb_tokenizer_stem (word);
  collect (store, stem, word, word[0], distance + 2, found, seen);
  /* A slip on the first letter. */
  if (word[1] != word[0])
    collect (store, stem, word, word[1], distance + 2, found, seen);
  g_ptr_array_sort (found, compare_corrections);

  /* Only the closest few are looked up as written. */
  for (guint i = 0; i < found->len && out->len < max && i < 12; i++)
    {
      HbSearchCorrection *c = g_ptr_array_index (found, i);

      c->word = surface_word (store, c->term);
      if (c->word == NULL)
        continue;
      c->distance = hb_search_edit_distance (word, (int) strlen (word), c->word,
                                             (int) strlen (c->word), distance);
      if (c->distance > distance)
        {
          g_clear_pointer (&c->word, g_free);
          continue;
        }
      for (guint k = 0; k < out->len; k++)
        if (strcmp (((HbSearchCorrection *) g_ptr_array_index (out, k))->word, c->word) == 0)
          g_clear_pointer (&c->word, g_free);
      if (c->word != NULL)
        g_ptr_array_add (out, g_ptr_array_steal_index (found, i--));
    }
  /* The closest as written, then the most common. */
  g_ptr_array_sort (out, compare_corrections);
  return out;
}
