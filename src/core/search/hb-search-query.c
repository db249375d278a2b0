/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-query.h"

#include <string.h>

#include "hb-tokenizer.h"

/* ------------------------------------------------------------------------ */
/* Words that say nothing about what is looked for. */

static const char *const stop_words[] = {
  /* English function words */
  "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
  "from", "into", "onto", "as", "is", "are", "was", "were", "be", "been", "being", "am",
  "do", "does", "did", "done", "have", "has", "had", "i", "me", "my", "mine", "we", "us",
  "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them",
  "their", "this", "that", "these", "those", "there", "here", "then", "than", "so", "if",
  "can", "could", "should", "would", "will", "shall", "may", "might", "must", "let",
  "get", "got", "just", "also", "any", "some", "about", "up", "out", "over", "very",
  "please", "ok", "okay", "hi", "hello",
  /* who and what in general, and the saying of it: "someone says they will…" */
  "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "something",
  "anything", "say", "says", "said",
  /* What the tokenizer leaves of "doesn't", "I'm", "they've", and the
   * same typed without the apostrophe ("doesnt" is no typo of "doesn") */
  "doesn", "don", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn", "wouldn",
  "shouldn", "couldn", "t", "s", "d", "ll", "re", "ve", "m", "doesnt", "dont", "didnt", "isnt",
  "arent", "wasnt", "werent", "hasnt", "havent", "hadnt", "wouldnt", "shouldnt", "couldnt",
  "cant", "im", "ive", "youre", "theyre", "thats", "whats",
  /* English question words */
  "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
  /* Chinese function words and question words */
  "的", "了", "吗", "呢", "吧", "啊", "呀", "哦", "嘛", "么", "是", "在", "和", "与", "及",
  "或", "我", "你", "您", "他", "她", "它", "们", "这", "那", "就", "都", "也", "还", "又",
  "很", "把", "被", "给", "让", "对", "从", "向", "到", "着", "过", "得", "地", "之",
  "我们", "你们", "他们", "她们", "我的", "你的", "他的", "这个", "那个", "这些", "那些",
  "怎么", "怎么办", "怎样", "如何", "什么", "为什么", "为何", "哪", "哪个", "哪些", "哪里",
  "多少", "几", "请问", "我想", "想要", "可以", "能不能", "可不可以", "是不是", "有没有",
  "一下", "应该", "这种", "那种", "这样", "那样", "这么", "那么", "这里", "那里", "这儿", "那儿",
  "哪儿", "之内", "以内", "之后", "以后", "之前", "以前",
  /* oneself and others, and words of 了 that say nothing */
  "自己", "别人", "人家", "大家", "咱们", "咱", "为了", "除了", "算了", "罢了", "好了", "对了",
};

gboolean
hb_search_is_stop_word (const char *word)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    {
      GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (stop_words); i++)
        g_hash_table_add (set, (gpointer) stop_words[i]);
      g_once_init_leave (&table, set);
    }
  return word != NULL && g_hash_table_contains (table, word);
}

/* Words that name a platform or a kind: they make the articles of that
 * platform or kind rank higher, and need not be in their text. */
static const struct
{
  const char *word;
  char key;
  const char *value;
} boost_words[] = {
  { "jd", 'p', "jd" },           { "jd.com", 'p', "jd" },       { "jingdong", 'p', "jd" },
  { "京东", 'p', "jd" },         { "京东商城", 'p', "jd" },     { "tmall", 'p', "tmall" },
  { "天猫", 'p', "tmall" },      { "douyin", 'p', "douyin" },   { "抖音", 'p', "douyin" },
  { "抖店", 'p', "douyin" },     { "pinduoduo", 'p', "pinduoduo" }, { "pdd", 'p', "pinduoduo" },
  { "拼多多", 'p', "pinduoduo" }, { "xiaohongshu", 'p', "xiaohongshu" },
  { "小红书", 'p', "xiaohongshu" },
  { "faq", 'k', "faq" },         { "faqs", 'k', "faq" },        { "常见问题", 'k', "faq" },
  { "law", 'k', "regulation" },  { "laws", 'k', "regulation" }, { "legal", 'k', "regulation" },
  { "regulation", 'k', "regulation" }, { "regulations", 'k', "regulation" },
  { "statute", 'k', "regulation" }, { "法", 'k', "regulation" }, { "法律", 'k', "regulation" },
  { "法规", 'k', "regulation" }, { "条例", 'k', "regulation" }, { "法条", 'k', "regulation" },
  { "guide", 'k', "guide" },     { "guides", 'k', "guide" },    { "指南", 'k', "guide" },
  { "lesson", 'k', "lesson" },   { "lessons", 'k', "lesson" },  { "课程", 'k', "lesson" },
};

char
hb_search_boost_word (const char *word, const char **value)
{
  for (guint i = 0; i < G_N_ELEMENTS (boost_words); i++)
    if (g_strcmp0 (word, boost_words[i].word) == 0)
      {
        if (value != NULL)
          *value = boost_words[i].value;
        return boost_words[i].key;
      }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Reading the text. */

static void
term_free (HbSearchTerm *term)
{
  g_free (term->text);
  g_free (term->typed);
  g_free (term->boost_value);
  g_free (term->phrase_key);
  g_free (term);
}

void
hb_search_query_free (HbSearchQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->text);
  g_clear_pointer (&query->terms, g_ptr_array_unref);
  g_free (query);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000;
}

static gboolean
is_open_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x300C || c == 0xFF02 || c == 0x300E;
}

static gboolean
is_close_quote (gunichar c)
{
  return c == '"' || c == 0x201D || c == 0x300D || c == 0xFF02 || c == 0x300F || c == 0x201C;
}

static char
scope_key (const char *start, gsize len)
{
  static const struct
  {
    const char *name;
    char key;
  } keys[] = { { "kind", 'k' }, { "platform", 'p' }, { "tag", 't' }, { "lang", 'l' } };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strlen (keys[i].name) == len && g_ascii_strncasecmp (start, keys[i].name, len) == 0)
      return keys[i].key;
  return 0;
}

static int
count_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  (*(int *) user_data)++;
  return HB_TOKENIZE_OK;
}

static gboolean
has_tokens (const char *text, gsize len)
{
  int count = 0;

  hb_tokenize (text, (int) len, HB_TOKENIZE_DOCUMENT, count_cb, &count);
  return count > 0;
}

/* @text folded as the index folds it (width, traditional characters),
 * lower-case. */
static char *
fold_text (const char *text, gsize len)
{
  GString *out = g_string_sized_new (len);

  for (const char *p = text; p < text + len && *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (out, g_unichar_tolower (hb_tokenizer_fold_char (g_utf8_get_char (p))));
  return g_string_free (out, FALSE);
}

/* Reads up to the closing quote; *@closed tells whether there was one. */
static const char *
read_quoted (const char *p, const char *end, GString *out, gboolean *closed)
{
  *closed = FALSE;
  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (is_close_quote (c))
        {
          *closed = TRUE;
          return MIN (next, end);
        }
      g_string_append_len (out, p, MIN (next, end) - p);
      p = next;
    }
  return end;
}

static HbSearchTerm *
term_new (HbSearchTermKind kind, const char *valid, const char *start, const char *end,
          const char *text, gsize text_len)
{
  HbSearchTerm *term = g_new0 (HbSearchTerm, 1);

  term->kind = kind;
  term->start = (int) (start - valid);
  term->end = (int) (end - valid);
  term->typed = g_strndup (start, end - start);
  term->text = fold_text (text, text_len);
  return term;
}

static void
mark_word (HbSearchTerm *term)
{
  const char *value = NULL;

  term->stop = hb_search_is_stop_word (term->text);
  term->boost = hb_search_boost_word (term->text, &value);
  /* A Chinese word that opens with a platform's name is of that platform:
   * 天猫国际, 京东自营, 抖音小店. */
  for (guint i = 0; term->boost == 0 && term->han && i < G_N_ELEMENTS (boost_words); i++)
    if (boost_words[i].key == 'p' && hb_tokenizer_is_cjk (g_utf8_get_char (boost_words[i].word))
        && g_str_has_prefix (term->text, boost_words[i].word)
        && strlen (term->text) > strlen (boost_words[i].word))
      {
        term->boost = 'p';
        term->boost_word = TRUE;
        value = boost_words[i].value;
      }
  term->boost_value = g_strdup (value);
}

/* friso knows simplified Chinese: it splits the folded run, and the
 * words it gives are laid back over the text as typed, character by
 * character (folding keeps the number of characters). */
static GPtrArray *
segment (HbSearchLexicon *lexicon, const char *start, const char *end)
{
  g_autofree char *folded = fold_text (start, end - start);
  g_autoptr (GPtrArray) words = hb_search_lexicon_segment (lexicon, folded, strlen (folded));
  GPtrArray *spans = g_ptr_array_new_with_free_func (g_free);
  const char *at = start;

  for (guint i = 0; i < words->len && at < end; i++)
    {
      glong n = g_utf8_strlen (g_ptr_array_index (words, i), -1);
      const char *word_end = at;

      for (glong k = 0; k < n && word_end < end; k++)
        word_end = g_utf8_next_char (word_end);
      g_ptr_array_add (spans, g_strndup (at, word_end - at));
      at = word_end;
    }
  if (at < end)
    g_ptr_array_add (spans, g_strndup (at, end - at));
  return spans;
}

/* Whether [@from, @to) lies inside one word of @word_ends (the byte
 * offsets where the words of a run end) and is not all of it. */
static gboolean
inside_word (GArray *word_ends, gsize from, gsize to)
{
  gsize word_start = 0;

  for (guint i = 0; i < word_ends->len; i++)
    {
      gsize word_end = g_array_index (word_ends, gsize, i);

      if (from < word_end)
        return to <= word_end && (from > word_start || to < word_end);
      word_start = word_end;
    }
  return FALSE;
}

/* A run of Chinese characters: the thesaurus's phrases found in it are
 * read as one; the rest is split into words by friso. */
static void
add_han_run (GPtrArray *terms, HbSearchLexicon *lexicon, const char *valid, const char *start,
             const char *end, gboolean negated)
{
  const char *p = start;
  const char *pending = start;
  /* Where the words friso sees in the whole run end: a phrase of the
   * thesaurus inside a longer word is not read out of it (合同 in
   * 劳动合同到期). */
  g_autoptr (GArray) word_ends = g_array_new (FALSE, FALSE, sizeof (gsize));

  if (lexicon != NULL)
    {
      g_autoptr (GPtrArray) words = segment (lexicon, start, end);
      gsize at = 0;

      for (guint i = 0; i < words->len; i++)
        {
          at += strlen (g_ptr_array_index (words, i));
          g_array_append_val (word_ends, at);
        }
    }

  while (p < end)
    {
      gsize len = lexicon != NULL ? hb_search_lexicon_han_phrase (lexicon, p, end - p) : 0;

      if (len > 0 && inside_word (word_ends, (gsize) (p - start), (gsize) (p - start) + len))
        len = 0;
      if (len == 0)
        {
          p = g_utf8_next_char (p);
          continue;
        }
      /* What came before the phrase is split into words. */
      if (pending < p)
        {
          g_autoptr (GPtrArray) words = segment (lexicon, pending, p);
          const char *at = pending;

          for (guint i = 0; i < words->len; i++)
            {
              const char *word = g_ptr_array_index (words, i);
              gsize word_len = strlen (word);
              HbSearchTerm *term = term_new (HB_SEARCH_TERM_WORD, valid, at, at + word_len, word,
                                             word_len);

              term->han = TRUE;
              term->negated = negated;
              mark_word (term);
              g_ptr_array_add (terms, term);
              at += word_len;
            }
        }
      {
        HbSearchTerm *term = term_new (HB_SEARCH_TERM_WORD, valid, p, p + len, p, len);

        term->han = TRUE;
        term->thesaurus = TRUE;
        term->negated = negated;
        mark_word (term);
        g_ptr_array_add (terms, term);
      }
      p += len;
      pending = p;
    }

  if (pending < end)
    {
      g_autoptr (GPtrArray) words = segment (lexicon, pending, end);
      const char *at = pending;

      for (guint i = 0; i < words->len; i++)
        {
          const char *word = g_ptr_array_index (words, i);
          gsize word_len = strlen (word);
          HbSearchTerm *term;

          /* friso gives back the text as it was given: the words tile it. */
          if (at + word_len > end || strncmp (at, word, word_len) != 0)
            word_len = MIN (word_len, (gsize) (end - at));
          term = term_new (HB_SEARCH_TERM_WORD, valid, at, at + word_len, word, word_len);
          term->han = TRUE;
          term->negated = negated;
          mark_word (term);
          g_ptr_array_add (terms, term);
          at += word_len;
        }
    }
}

/* A bare word as typed: its Chinese runs are split, the rest kept whole
 * ("refund-only", "TB2024"). */
static void
add_word (GPtrArray *terms, HbSearchLexicon *lexicon, const char *valid, const char *start,
          const char *end, gboolean negated)
{
  const char *p = start;

  while (p < end)
    {
      const char *run = p;
      gboolean han = hb_tokenizer_is_cjk (hb_tokenizer_fold_char (g_utf8_get_char (p)));

      while (p < end && hb_tokenizer_is_cjk (hb_tokenizer_fold_char (g_utf8_get_char (p))) == han)
        p = g_utf8_next_char (p);

      if (han)
        add_han_run (terms, lexicon, valid, run, p, negated);
      else if (has_tokens (run, p - run))
        {
          /* Punctuation around a word is not part of it. */
          const char *from = run;
          const char *to = p;
          HbSearchTerm *term;

          while (from < to && !g_unichar_isalnum (g_utf8_get_char (from)))
            from = g_utf8_next_char (from);
          while (to > from)
            {
              const char *prev = g_utf8_find_prev_char (from, to);

              if (prev == NULL || g_unichar_isalnum (g_utf8_get_char (prev)))
                break;
              to = prev;
            }
          term = term_new (HB_SEARCH_TERM_WORD, valid, from, to, from, to - from);
          term->negated = negated;
          mark_word (term);
          g_ptr_array_add (terms, term);
        }
    }
}

/* Terms @i to @i + @n - 1 become one term of the thesaurus, the phrase
 * @phrase_key (taken). */
static void
join_terms (GPtrArray *terms, const char *valid, guint i, guint n, char *phrase_key)
{
  HbSearchTerm *first = g_ptr_array_index (terms, i);
  HbSearchTerm *last = g_ptr_array_index (terms, i + n - 1);
  g_autoptr (GString) text = g_string_new (NULL);
  HbSearchTerm *joined;

  /* The words as they are now (a correction changes one). */
  for (guint j = i; j < i + n; j++)
    {
      HbSearchTerm *word = g_ptr_array_index (terms, j);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, word->text);
    }
  joined = term_new (HB_SEARCH_TERM_WORD, valid, valid + first->start, valid + last->end, text->str,
                     text->len);
  g_free (joined->typed);
  joined->typed = g_strndup (valid + first->start, last->end - first->start);
  joined->thesaurus = TRUE;
  joined->phrase_key = phrase_key;
  for (guint j = i; j < i + n; j++)
    joined->corrected |= ((HbSearchTerm *) g_ptr_array_index (terms, j))->corrected;
  joined->prefix = last->prefix;
  g_ptr_array_remove_range (terms, i, n);
  g_ptr_array_insert (terms, (int) i, joined);
}

/* English phrases of the thesaurus ("money back", "dead on arrival") are
 * read as one term, whose words then count once. */
static void
join_phrases (GPtrArray *terms, HbSearchLexicon *lexicon, const char *valid)
{

  for (guint i = 0; lexicon != NULL && i + 1 < terms->len; i++)
    {
      g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      const char *phrase_key = NULL;
      guint n;

      for (guint j = i; j < terms->len && j < i + 6; j++)
        {
          HbSearchTerm *term = g_ptr_array_index (terms, j);

          if (term->kind != HB_SEARCH_TERM_WORD || term->han || term->negated)
            break;
          g_ptr_array_add (keys, hb_search_lexicon_key (term->text));
        }
      if (keys->len < 2)
        continue;
      g_ptr_array_add (keys, NULL);
      n = hb_search_lexicon_phrase_length (lexicon, (const char *const *) keys->pdata,
                                           keys->len - 1, &phrase_key);
      if (n >= 2)
        join_terms (terms, valid, i, n, g_strdup (phrase_key));
    }
}

/* How many terms, and how many words of each, a phrase of the thesaurus
 * said in its other words is looked for in. */
#define SYNONYM_PHRASE_TERMS 4
#define SYNONYM_PHRASE_CHOICES 6
/* How many combinations of them a query tries, at most. */
#define SYNONYM_PHRASE_BUDGET 512

/* The English words that a term may stand for to the thesaurus: its own
 * key, and those of its synonyms of one word. */
static GPtrArray *
term_word_keys (HbSearchTerm *term, HbSearchLexicon *lexicon)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *own = hb_search_lexicon_key (term->text);
  GPtrArray *synonyms = hb_search_lexicon_synonyms (lexicon, term->phrase_key != NULL
                                                                 ? term->phrase_key
                                                                 : own);

  if (strchr (own, ' ') == NULL)
    g_ptr_array_add (keys, g_strdup (own));
  for (guint i = 0; synonyms != NULL && i < synonyms->len && keys->len < SYNONYM_PHRASE_CHOICES; i++)
    {
      const char *synonym = g_ptr_array_index (synonyms, i);
      g_autofree char *key = NULL;

      if (strchr (synonym, ' ') != NULL || !g_str_is_ascii (synonym))
        continue;
      key = hb_search_lexicon_key (synonym);
      if (*key != '\0' && strchr (key, ' ') == NULL
          && !g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_ptr_array_add (keys, g_steal_pointer (&key));
    }
  return keys;
}

/* The longest phrase of the thesaurus that the words @choices make (one
 * of each term's keys, from @at on, trying each in turn), when longer
 * than *@best: its length in *@best and its key in *@phrase_key. */
static void
synonym_phrase (HbSearchLexicon *lexicon, GPtrArray **choices, guint n, guint at,
                const char **words, guint *budget, guint *best, char **phrase_key)
{
  if (at == n)
    {
      const char *key = NULL;
      guint len;

      if (*budget == 0)
        return;
      (*budget)--;
      len = hb_search_lexicon_phrase_length (lexicon, words, n, &key);

      if (len >= 2 && len > *best)
        {
          *best = len;
          g_free (*phrase_key);
          if (key != NULL)
            *phrase_key = g_strdup (key);
          else
            {
              char **parts = g_new0 (char *, len + 1);

              for (guint i = 0; i < len; i++)
                parts[i] = (char *) words[i];
              *phrase_key = g_strjoinv (" ", parts);
              g_free (parts);
            }
        }
      return;
    }
  for (guint c = 0; c < choices[at]->len && *best < n; c++)
    {
      words[at] = g_ptr_array_index (choices[at], c);
      synonym_phrase (lexicon, choices, n, at + 1, words, budget, best, phrase_key);
    }
}

/* A phrase of the thesaurus said in other words of it: "money back
 * without sending it back" is "refund without return" (refund-only), as
 * "money back" is "refund" and "sending it back" is "return". Read as one
 * term, like the phrases the thesaurus writes. */
static void
join_synonym_phrases (GPtrArray *terms, HbSearchLexicon *lexicon, const char *valid)
{
  /* A long query of words with many synonyms is read in bounded time. */
  guint budget = SYNONYM_PHRASE_BUDGET;

  for (guint i = 0; lexicon != NULL && i + 1 < terms->len; i++)
    {
      GPtrArray *choices[SYNONYM_PHRASE_TERMS] = { NULL };
      const char *words[SYNONYM_PHRASE_TERMS + 1] = { NULL };
      g_autofree char *phrase_key = NULL;
      gboolean other_words = FALSE;
      guint n = 0;
      guint len;

      for (guint j = i; j < terms->len && n < SYNONYM_PHRASE_TERMS; j++)
        {
          HbSearchTerm *term = g_ptr_array_index (terms, j);

          if (term->kind != HB_SEARCH_TERM_WORD || term->han || term->negated)
            break;
          choices[n] = term_word_keys (term, lexicon);
          if (choices[n]->len == 0)
            {
              g_ptr_array_unref (choices[n]);
              choices[n] = NULL;
              break;
            }
          /* Some word other than the term itself. */
          {
            g_autofree char *own = hb_search_lexicon_key (term->text);

            other_words |= choices[n]->len > 1 || strcmp (g_ptr_array_index (choices[n], 0), own) != 0;
          }
          n++;
        }
      len = 0;
      if (n >= 2 && other_words)
        synonym_phrase (lexicon, choices, n, 0, words, &budget, &len, &phrase_key);
      for (guint k = 0; k < n; k++)
        g_ptr_array_unref (choices[k]);
      if (len >= 2 && phrase_key != NULL)
        join_terms (terms, valid, i, len, g_steal_pointer (&phrase_key));
    }
}

HbSearchQuery *
hb_search_query_parse (const char *text, HbSearchLexicon *lexicon)
{
  HbSearchQuery *query = g_new0 (HbSearchQuery, 1);
  GPtrArray *terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  const char *valid;
  const char *p;
  const char *end;
  gboolean ends_in_space = TRUE;

  query->text = g_utf8_make_valid (text != NULL ? text : "", -1);
  query->terms = terms;
  valid = query->text;
  p = valid;
  end = valid + strlen (valid);

  while (p < end && terms->len < HB_SEARCH_MAX_TERMS)
    {
      g_autoptr (GString) quoted = NULL;
      gunichar c = g_utf8_get_char (p);
      gboolean negated = FALSE;
      gboolean closed = TRUE;
      const char *term_start = p;
      const char *word_end;
      const char *colon;
      char key;

      if (is_space (c))
        {
          p = g_utf8_next_char (p);
          ends_in_space = TRUE;
          continue;
        }
      ends_in_space = FALSE;

      if ((c == '-' || c == 0x2212 || c == 0xFF0D) && g_utf8_next_char (p) < end
          && !is_space (g_utf8_get_char (g_utf8_next_char (p))))
        {
          negated = TRUE;
          p = g_utf8_next_char (p);
          c = g_utf8_get_char (p);
        }

      /* The extent of a bare word. */
      word_end = p;
      while (word_end < end && !is_space (g_utf8_get_char (word_end)))
        word_end = g_utf8_next_char (word_end);

      colon = memchr (p, ':', word_end - p);
      if (colon != NULL && colon > p && (key = scope_key (p, colon - p)) != 0)
        {
          const char *value = colon + 1;
          g_autoptr (GString) value_text = g_string_new (NULL);
          HbSearchTerm *term;

          if (value < end && is_open_quote (g_utf8_get_char (value)))
            p = read_quoted (g_utf8_next_char (value), end, value_text, &closed);
          else
            {
              g_string_append_len (value_text, value, word_end - value);
              p = word_end;
            }
          /* "kind:" with nothing after it yet is ignored. */
          g_strstrip (value_text->str);
          if (*value_text->str == '\0')
            continue;
          term = term_new (HB_SEARCH_TERM_SCOPE, valid, term_start, p, value_text->str,
                           strlen (value_text->str));
          term->scope = key;
          term->negated = negated;
          g_ptr_array_add (terms, term);
          continue;
        }

      if (is_open_quote (c))
        {
          HbSearchTerm *term;

          quoted = g_string_new (NULL);
          p = read_quoted (g_utf8_next_char (p), end, quoted, &closed);
          if (!has_tokens (quoted->str, quoted->len))
            continue;
          term = term_new (HB_SEARCH_TERM_PHRASE, valid, term_start, p, quoted->str, quoted->len);
          term->negated = negated;
          /* A phrase still being typed. */
          term->prefix = !closed;
          term->han = hb_tokenizer_is_cjk (g_utf8_get_char (term->text));
          g_ptr_array_add (terms, term);
          ends_in_space = closed;
          continue;
        }

      add_word (terms, lexicon, valid, p, word_end, negated);
      p = word_end;
    }
  /* A long Chinese run is split into many words at once: the limit holds
   * for them too. */
  if (terms->len > HB_SEARCH_MAX_TERMS)
    {
      g_ptr_array_set_size (terms, HB_SEARCH_MAX_TERMS);
      ends_in_space = TRUE;
    }

  /* The word being typed is a prefix: "refu" finds "refund". */
  if (!ends_in_space && terms->len > 0)
    {
      HbSearchTerm *last = g_ptr_array_index (terms, terms->len - 1);

      if (last->kind == HB_SEARCH_TERM_WORD && !last->negated)
        last->prefix = TRUE;
    }

  join_phrases (terms, lexicon, valid);
  join_synonym_phrases (terms, lexicon, valid);
  hb_search_query_update (query);
  return query;
}

void
hb_search_query_join_phrases (HbSearchQuery *query, HbSearchLexicon *lexicon)
{
  join_phrases (query->terms, lexicon, query->text);
  hb_search_query_update (query);
}

void
hb_search_query_update (HbSearchQuery *query)
{
  GPtrArray *terms = query->terms;
  gboolean any_meaning = FALSE;

  for (guint i = 0; i < terms->len; i++)
    {
      HbSearchTerm *term = g_ptr_array_index (terms, i);

      if (term->kind == HB_SEARCH_TERM_PHRASE || (term->kind == HB_SEARCH_TERM_WORD && !term->stop))
        any_meaning = TRUE;
    }
  query->only_stop = !any_meaning;
}
