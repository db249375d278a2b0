/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-correct.h"

#include <string.h>

#include "hb-search-pinyin.h"
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
  g_autofree int *heap = NULL;
  int stack[3 * 65];
  int *rows, *prev2, *prev, *cur;
  int i, j;

  if (ABS (la - lb) > max)
    return max + 1;

  /* Words are short: no allocation for each of the index's terms. */
  rows = lb < 65 ? stack : (heap = g_new (int, 3 * (lb + 1)));
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

/* The terms of the index that start with the letter @first, in order,
 * read once for each state of the index: fts5vocab counts the rows of
 * every term it gives, which takes long in a large index. */
static char *
letter_key (char first)
{
  return g_strdup_printf ("vocab %c", first);
}

static GArray *
letter_terms (HbStore *store, char first)
{
  char from[2] = { first, '\0' };
  char to[2] = { (char) (first + 1), '\0' };
  g_autofree char *key = letter_key (first);
  GArray *terms = hb_store_search_cache_get (store, key);

  if (terms == NULL)
    {
      terms = hb_store_search_vocab_range (store, from, to, 0);
      hb_store_search_cache_set (store, key, terms, (GDestroyNotify) g_array_unref);
    }
  return terms;
}

/* The first @n terms that start with @prefix, in order: those of its
 * letter if a correction read them, or else these alone (reading every
 * term of a letter takes 20 ms at 100,000 articles, and a word typed
 * needs only a few), read once for each state of the index. */
static GArray *
prefix_vocab (HbStore *store, const char *prefix, guint n)
{
  g_autofree char *key = letter_key (prefix[0]);
  GArray *terms = hb_store_search_cache_get (store, key);

  if (terms != NULL)
    return terms;
  g_free (key);
  key = g_strdup_printf ("vocab %u %s", n, prefix);
  terms = hb_store_search_cache_get (store, key);
  if (terms == NULL)
    {
      /* Past every term that starts with @prefix: U+10FFFF, the last
       * character, follows it. */
      g_autofree char *end = g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);

      terms = hb_store_search_vocab_range (store, prefix, end, n);
      hb_store_search_cache_set (store, key, terms, (GDestroyNotify) g_array_unref);
    }
  return terms;
}

GPtrArray *
hb_search_prefix_terms (HbStore *store, const char *prefix, guint max, GArray *docs)
{
  gsize len = strlen (prefix);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  GArray *terms;
  guint lo = 0, hi;

  if (len == 0 || !g_ascii_islower (prefix[0]))
    return NULL;
  /* One more than @max tells there are more. */
  terms = prefix_vocab (store, prefix, max + 1);
  /* The first term not before @prefix: the terms are in order. */
  hi = terms->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (g_array_index (terms, HbStoreVocabTerm, mid).term, prefix) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < terms->len; i++)
    {
      const HbStoreVocabTerm *vocab = &g_array_index (terms, HbStoreVocabTerm, i);
      const char *term = vocab->term;
      g_autofree char *stem = NULL;

      if (strncmp (term, prefix, len) != 0)
        break;
      if (out->len >= max)
        return NULL;
      /* A term that a query would not ask for as it is (one of digits,
       * or a stem that stems again to another) is only found as a prefix. */
      for (const char *p = term; *p != '\0'; p++)
        if (!g_ascii_islower (*p))
          return NULL;
      stem = hb_tokenizer_stem (term);
      if (strcmp (stem, term) != 0)
        return NULL;
      g_ptr_array_add (out, g_strdup (term));
      if (docs != NULL)
        g_array_append_val (docs, vocab->docs);
    }
  return out->len > 0 ? g_steal_pointer (&out) : NULL;
}

/* The letters of @text, a bit each (c & 31: a letter and its capital
 * share one), and its length in *@len. */
static guint32
letters_of (const char *text, int *len)
{
  guint32 letters = 0;
  const char *p;

  for (p = text; *p != '\0'; p++)
    letters |= 1u << ((guchar) *p & 31);
  *len = (int) (p - text);
  return letters;
}

/* The distance of @a and @b, or more than @max, told at once when one
 * holds more than @max letters the other lacks: no edit removes more
 * than one letter from a word nor brings more than one in. */
static int
distance_within (const char *a, int la, guint32 a_letters, const char *b, int lb,
                 guint32 b_letters, int max)
{
  if (__builtin_popcount (a_letters & ~b_letters) > max
      || __builtin_popcount (b_letters & ~a_letters) > max)
    return max + 1;
  return hb_search_edit_distance (a, la, b, lb, max);
}

static void
collect (HbStore *store, const char *stem, const char *word, char first, int max,
         GPtrArray *found, GHashTable *seen)
{
  int stem_len, word_len;
  guint32 stem_letters = letters_of (stem, &stem_len);
  guint32 word_letters = letters_of (word, &word_len);
  GArray *terms = letter_terms (store, first);

  for (guint i = 0; i < terms->len; i++)
    {
      HbStoreVocabTerm *vocab = &g_array_index (terms, HbStoreVocabTerm, i);
      int len;
      guint32 letters = letters_of (vocab->term, &len);
      int d;

      if (len < 3 || !is_ascii_word (vocab->term) || g_hash_table_contains (seen, vocab->term))
        continue;
      /* The stem against the index's stems, and the word as typed against
       * them too: a typo may change how a word stems. */
      d = MIN (distance_within (stem, stem_len, stem_letters, vocab->term, len, letters, max),
               distance_within (word, word_len, word_letters, vocab->term, len, letters, max));
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

/* The word as the articles write it for a term of the index that is
 * closest to @typed, in the first few articles ("received" rather than
 * "receive" for "recieved"), the shortest of equally close ones ("policy"
 * rather than "policies" for "polici"). */
/* The words as the articles write them for a term of the index, in the
 * first few articles: read once for each state of the index. */
static GPtrArray *
term_forms (HbStore *store, const char *term)
{
  g_autofree char *key = g_strdup_printf ("forms %s", term);
  GPtrArray *forms = hb_store_search_cache_get (store, key);

  if (forms == NULL)
    {
      g_autoptr (GString) match = g_string_new ("\"");

      g_string_append (match, term);
      g_string_append (match, "\" *");
      forms = hb_store_search_term_texts (store, match->str, term, 8);
      hb_store_search_cache_set (store, key, forms, (GDestroyNotify) g_ptr_array_unref);
    }
  return forms;
}

/* The word as the articles write it for a term of the index that is
 * closest to @typed ("received" rather than "receive" for "recieved"),
 * the shortest of equally close ones ("policy" rather than "policies" for
 * "polici"). */
static char *
surface_word (HbStore *store, const char *term, const char *typed)
{
  GPtrArray *words = term_forms (store, term);
  const char *best = NULL;
  int best_distance = G_MAXINT;
  int typed_len = (int) strlen (typed);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      int distance;

      if (!is_ascii_word (word))
        continue;
      distance = hb_search_edit_distance (typed, typed_len, word, (int) strlen (word), 8);
      if (best == NULL || distance < best_distance
          || (distance == best_distance && strlen (word) < strlen (best)))
        {
          best = word;
          best_distance = distance;
        }
    }
  return g_strdup (best);
}

static GPtrArray *
corrections_copy (GPtrArray *corrections)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_search_correction_free);

  for (guint i = 0; i < corrections->len; i++)
    {
      HbSearchCorrection *c = g_ptr_array_index (corrections, i);
      HbSearchCorrection *d = g_new0 (HbSearchCorrection, 1);

      d->term = g_strdup (c->term);
      d->word = g_strdup (c->word);
      d->distance = c->distance;
      d->docs = c->docs;
      g_ptr_array_add (copy, d);
    }
  return copy;
}

static GPtrArray *correct (HbStore *store, const char *word, guint max);

GPtrArray *
hb_search_correct (HbStore *store, const char *word, guint max)
{
  g_autofree char *key = g_strdup_printf ("correct %u %s", max, word);
  GPtrArray *known = hb_store_search_cache_get (store, key);

  /* Typing on asks again for the same words: they are corrected once
   * for each state of the index. */
  if (known == NULL)
    {
      known = correct (store, word, max);
      hb_store_search_cache_set (store, key, known, (GDestroyNotify) g_ptr_array_unref);
    }
  return corrections_copy (known);
}

static GPtrArray *
correct (HbStore *store, const char *word, guint max)
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
  for (guint i = 0; i < found->len && out->len < max && i < 6; i++)
    {
      HbSearchCorrection *c = g_ptr_array_index (found, i);

      c->word = surface_word (store, c->term, word);
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

/* ------------------------------------------------------------------------ */
/* Chinese */

void
hb_search_han_correction_free (HbSearchHanCorrection *correction)
{
  if (correction == NULL)
    return;
  g_free (correction->from);
  g_free (correction->to);
  g_free (correction);
}

static char *
chars_to_utf8 (const gunichar *chars, int n)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    g_string_append_unichar (out, chars[i]);
  return g_string_free (out, FALSE);
}

/* How many rows hold the two characters @a @b as a word. */
static gint64
pair_docs (HbStore *store, gunichar a, gunichar b)
{
  gunichar pair[2] = { a, b };
  g_autofree char *term = chars_to_utf8 (pair, 2);

  return hb_store_search_vocab_docs (store, term);
}

/* A typed word is this many times rarer than the corrected one at least. */
#define HAN_RARER 20

/* The character of @chars[@i] (folded, @n of them) that its neighbours
 * say it should be, or 0: one with which a title or heading has the
 * three, and four with the next character out, while the typed one makes
 * far rarer words with its neighbours than it does. */
static gunichar
han_correction (HbStore *store, HbSearchLexicon *lexicon, const gunichar *chars, glong n, glong i)
{
  gunichar typed[3] = { chars[i - 1], chars[i], chars[i + 1] };
  gboolean left = i >= 2 && hb_tokenizer_is_cjk (chars[i - 2]);
  gboolean right = i + 2 < n && hb_tokenizer_is_cjk (chars[i + 2]);
  GArray *middles;
  gunichar best = 0;
  int best_support = 0;
  gint64 best_docs = 0;
  gint64 typed_before = -1, typed_after = -1;

  if (hb_search_lexicon_titles_have (lexicon, typed, 3))
    return 0;
  middles = hb_search_lexicon_titles_third (lexicon, chars[i - 1], chars[i + 1], 1);
  for (guint m = 0; middles != NULL && m < middles->len; m++)
    {
      gunichar x = g_array_index (middles, gunichar, m);
      gunichar four[4];
      int support = 0;
      gint64 before, after;

      if (x == chars[i])
        continue;
      if (left)
        {
          four[0] = chars[i - 2], four[1] = chars[i - 1], four[2] = x, four[3] = chars[i + 1];
          support += hb_search_lexicon_titles_have (lexicon, four, 4);
        }
      if (right)
        {
          four[0] = chars[i - 1], four[1] = x, four[2] = chars[i + 1], four[3] = chars[i + 2];
          support += hb_search_lexicon_titles_have (lexicon, four, 4);
        }
      if (support == 0 || support < best_support)
        continue;
      before = pair_docs (store, chars[i - 1], x);
      after = pair_docs (store, x, chars[i + 1]);
      if (typed_before < 0)
        {
          typed_before = pair_docs (store, chars[i - 1], chars[i]);
          typed_after = pair_docs (store, chars[i], chars[i + 1]);
        }
      if (typed_before * HAN_RARER > before || typed_after * HAN_RARER > after)
        continue;
      if (support > best_support || MIN (before, after) > best_docs)
        {
          best = x;
          best_support = support;
          best_docs = MIN (before, after);
        }
    }
  return best;
}

/* Whether the two characters @a @b are a word that @x @y is not. */
static gboolean
breaks_word (gunichar a, gunichar b, gunichar x, gunichar y)
{
  gunichar typed[2] = { a, b };
  gunichar fixed[2] = { x, y };
  g_autofree char *typed_word = NULL;
  g_autofree char *fixed_word = NULL;

  if (!hb_tokenizer_is_cjk (a) || !hb_tokenizer_is_cjk (b))
    return FALSE;
  typed_word = chars_to_utf8 (typed, 2);
  fixed_word = chars_to_utf8 (fixed, 2);
  return hb_search_lexicon_is_word (typed_word) && !hb_search_lexicon_is_word (fixed_word);
}

/*
 * The character that sounds as @chars[@i] does (folded, @n of them) and
 * makes three characters that a title or heading has with its neighbours
 * on either side, or 0: 说明数 is 说明书 typed with a pinyin input method
 * (both shu), at the end of a word, where han_correction() has no
 * neighbour to go by. The typed character makes no such three with them,
 * and its words with them are far rarer in the index than the
 * replacement's. @window is set to where the three start.
 */
static gunichar
han_homophone (HbStore *store, HbSearchLexicon *lexicon, const gunichar *chars, glong n, glong i,
               glong *window)
{
  gunichar best = 0;
  int best_support = 0;
  gint64 best_docs = 0;

  /* The three characters of each window that holds @i, and where in it
   * @i stands. */
  for (glong start = MAX (i - 2, 0); start <= i && start + 3 <= n; start++)
    {
      gboolean all_han = TRUE;

      for (glong k = start; k < start + 3; k++)
        all_han = all_han && hb_tokenizer_is_cjk (chars[k]);
      if (all_han && hb_search_lexicon_titles_have (lexicon, chars + start, 3))
        return 0;
    }
  for (glong start = MAX (i - 2, 0); start <= i && start + 3 <= n; start++)
    {
      guint gap = (guint) (i - start);
      gunichar a = chars[start + (gap == 0 ? 1 : 0)];
      gunichar b = chars[start + (gap == 2 ? 1 : 2)];
      GArray *thirds;

      if (!hb_tokenizer_is_cjk (a) || !hb_tokenizer_is_cjk (b))
        continue;
      thirds = hb_search_lexicon_titles_third (lexicon, a, b, gap);
      for (guint m = 0; thirds != NULL && m < thirds->len; m++)
        {
          gunichar x = g_array_index (thirds, gunichar, m);
          gint64 fixed = G_MAXINT64;
          int support = 1;

          if (!hb_search_pinyin_same_sound (chars[i], x))
            continue;
          /* The words the character makes with its neighbours: the
           * typed one's rarer, each by far, than the replacement's. */
          for (int side = -1; side <= 1; side += 2)
            {
              glong j = i + side;
              gint64 typed_docs, fixed_docs;

              if (j < start || j >= start + 3)
                continue;
              typed_docs = side < 0 ? pair_docs (store, chars[j], chars[i])
                                    : pair_docs (store, chars[i], chars[j]);
              fixed_docs = side < 0 ? pair_docs (store, chars[j], x) : pair_docs (store, x, chars[j]);
              fixed = MIN (fixed, fixed_docs);
              if (typed_docs * HAN_RARER > fixed_docs)
                fixed = -1;
            }
          if (fixed <= 0)
            continue;
          /* Nor may it break the word the typed one makes on its other
           * side (哪里投诉 is not 哪理投诉 for 处理投诉). */
          if (start == i && i >= 1 && breaks_word (chars[i - 1], chars[i], chars[i - 1], x))
            continue;
          if (start + 2 == i && i + 1 < n && breaks_word (chars[i], chars[i + 1], x, chars[i + 1]))
            continue;
          /* A replacement that makes three with the other neighbours too
           * is the likelier one. */
          for (glong other = MAX (i - 2, 0); other <= i && other + 3 <= n; other++)
            {
              gunichar three[3] = { chars[other], chars[other + 1], chars[other + 2] };

              if (other == start)
                continue;
              three[i - other] = x;
              support += hb_search_lexicon_titles_have (lexicon, three, 3);
            }
          if (support > best_support || (support == best_support && fixed > best_docs))
            {
              best = x;
              best_support = support;
              best_docs = fixed;
              *window = start;
            }
        }
    }
  return best;
}

char *
hb_search_correct_han (HbStore *store, HbSearchLexicon *lexicon, const char *text,
                       GPtrArray *corrections)
{
  g_autofree gunichar *chars = NULL;
  g_autofree gunichar *folded = NULL;
  glong n = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (lexicon == NULL)
    return NULL;
  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  folded = g_new (gunichar, MAX (n, 1));
  for (glong i = 0; i < n; i++)
    folded[i] = hb_tokenizer_fold_char (chars[i]);
  for (glong i = 0; i < n; i++)
    {
      gboolean middle = i >= 1 && i + 1 < n && hb_tokenizer_is_cjk (folded[i - 1])
                        && hb_tokenizer_is_cjk (folded[i + 1]);
      gunichar c = 0;
      glong from = i - 1;

      if (!hb_tokenizer_is_cjk (folded[i]))
        continue;
      if (middle)
        c = han_correction (store, lexicon, folded, n, i);
      if (c == 0)
        c = han_homophone (store, lexicon, folded, n, i, &from);
      if (c == 0)
        continue;
      /* The notice shows the three characters the replacement makes a
       * word of. */
      if (corrections != NULL)
        {
          HbSearchHanCorrection *correction = g_new0 (HbSearchHanCorrection, 1);

          correction->from = chars_to_utf8 (chars + from, 3);
          chars[i] = c;
          correction->to = chars_to_utf8 (chars + from, 3);
          g_ptr_array_add (corrections, correction);
        }
      chars[i] = c;
      folded[i] = c;
      any = TRUE;
    }
  return any ? chars_to_utf8 (chars, (int) n) : NULL;
}
