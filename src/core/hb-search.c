/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hb-search-correct.h"
#include "hb-search-forms.h"
#include "hb-search-internal.h"
#include "hb-search-lexicon.h"
#include "hb-search-private.h"
#include "hb-search-query.h"
#include "hb-search-rank.h"
#include "hb-store-content.h"
#include "hb-tokenizer.h"

/*
 * A search, from the words typed to the results:
 *
 *   query (search/hb-search-query.c)   the text read into terms
 *   lexicon (search/hb-search-lexicon.c)
 *                                      the thesaurus, the pairs found in the
 *                                      text, friso's words, the title stats
 *   plan (here)                        each word's alternatives (itself,
 *                                      synonyms, its English family from
 *                                      search/hb-search-forms.c, its parts,
 *                                      corrections), its rarity, and the
 *                                      FTS5 expression
 *   matching (store/hb-store-search.c, store/hb-store-fts.c)
 *                                      one pass over the matches, each row's
 *                                      features
 *   ranking (search/hb-search-rank.c)  every weight and prior
 *   snippets (search/hb-search-snippet.c)
 *   corrections (search/hb-search-correct.c)
 *   results (search/hb-search-result.c)
 */

#define DEFAULT_LIMIT 20
/* The most words of the titles an abbreviation is looked up as, and how
 * much more often the index must hold each. */
#define HB_SEARCH_MAX_EXPANSIONS 8
#define HB_SEARCH_ABBREVIATION_RARER 10
#define MAX_LIMIT 1000
/* A word being typed that starts at most this many terms of the index is
 * asked for as those terms. */
#define HB_SEARCH_PREFIX_TERMS 12
/* Results below this many bring "did you mean" suggestions, this many. */
#define SUGGEST_BELOW 3
#define SUGGESTIONS 3
/* A word still being typed is corrected from this many letters on. */
#define CORRECT_PREFIX_FROM 4

/* ------------------------------------------------------------------------ */
/* The response */

struct _HbSearchResponse
{
  char *query;
  GListStore *results;
  GPtrArray *found;       /* (element-type HbSearchResult) results, until put in @results at once */
  char *corrected_query;
  GPtrArray *corrections; /* (element-type HbSearchCorrected) */
  char **suggestions;
  GPtrArray *missing;     /* (element-type utf8): the words no article has, as typed */
  char *expression;       /* (nullable) what the scan asked FTS5 for */
  gboolean has_more;      /* more results than were asked for */
};

static void
corrected_free (HbSearchCorrected *corrected)
{
  g_free (corrected->from);
  g_free (corrected->to);
  g_free (corrected);
}

static HbSearchResponse *
response_new (const char *query)
{
  HbSearchResponse *response = g_new0 (HbSearchResponse, 1);

  response->query = g_strdup (query != NULL ? query : "");
  response->results = g_list_store_new (HB_TYPE_SEARCH_RESULT);
  response->found = g_ptr_array_new_with_free_func (g_object_unref);
  response->corrections = g_ptr_array_new_with_free_func ((GDestroyNotify) corrected_free);
  response->missing = g_ptr_array_new_with_free_func (g_free);
  return response;
}

void
hb_search_response_free (HbSearchResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->query);
  g_clear_object (&response->results);
  g_clear_pointer (&response->found, g_ptr_array_unref);
  g_free (response->corrected_query);
  g_clear_pointer (&response->corrections, g_ptr_array_unref);
  g_strfreev (response->suggestions);
  g_clear_pointer (&response->missing, g_ptr_array_unref);
  g_free (response->expression);
  g_free (response);
}

const char *
hb_search_response_get_query (HbSearchResponse *self)
{
  return self->query;
}

GListModel *
hb_search_response_get_results (HbSearchResponse *self)
{
  return G_LIST_MODEL (self->results);
}

const char *
hb_search_response_get_corrected_query (HbSearchResponse *self)
{
  return self->corrected_query;
}

GPtrArray *
hb_search_response_get_corrections (HbSearchResponse *self)
{
  return self->corrections;
}

GPtrArray *
hb_search_response_get_missing (HbSearchResponse *self)
{
  return self->missing;
}

gboolean
hb_search_response_get_has_more (HbSearchResponse *self)
{
  return self->has_more;
}

char *
hb_search_quote_words (GPtrArray *words)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; words != NULL && i < words->len; i++)
    {
      if (i > 0)
        g_string_append (out, C_("list separator", ", "));
      /* Translators: a word the user typed, quoted. */
      g_string_append_printf (out, _("“%s”"), (const char *) g_ptr_array_index (words, i));
    }
  return g_string_free (out, FALSE);
}

const char *const *
hb_search_response_get_suggestions (HbSearchResponse *self)
{
  static const char *const none[] = { NULL };

  return self->suggestions != NULL ? (const char *const *) self->suggestions : none;
}

/* For a developer: $HANDBOOK_SEARCH_DEBUG, read once (a search would
 * read it a dozen times); NULL when unset. */
static const char *
search_debug (void)
{
  static gsize once = 0;
  static const char *debug = NULL;

  if (g_once_init_enter (&once))
    {
      debug = g_getenv ("HANDBOOK_SEARCH_DEBUG") != NULL ? g_strdup (g_getenv ("HANDBOOK_SEARCH_DEBUG"))
                                                          : NULL;
      g_once_init_leave (&once, 1);
    }
  return debug;
}

/* Whether HANDBOOK_SEARCH_DEBUG asks for the plan and rows (any value
 * but t). */
static gboolean
debug_plans (void)
{
  return search_debug () != NULL && search_debug ()[0] != 't';
}

/* For a developer: HANDBOOK_SEARCH_DEBUG=t prints how long each step of
 * a search took on stderr. */
static __thread gint64 debug_since;

static void
debug_time (const char *step)
{
  const char *debug = search_debug ();
  gint64 now;

  if (debug == NULL || debug[0] != 't')
    return;
  now = g_get_monotonic_time ();
  if (step != NULL)
    g_printerr ("  %-12s %7.2f ms\n", step, (now - debug_since) / 1000.0);
  debug_since = now;
}

/* ------------------------------------------------------------------------ */
/* The lexicon of the handbook, built once per state of the index. */

static void
lexicon_unref (gpointer lexicon)
{
  hb_search_lexicon_unref (lexicon);
}

static HbSearchLexicon *
get_lexicon (HbStore *store)
{
  HbSearchLexicon *lexicon = hb_store_search_cache_get (store, "lexicon");
  g_autoptr (GPtrArray) thesauri = NULL;
  g_autoptr (GPtrArray) pairs = NULL;
  g_autoptr (GPtrArray) titles = NULL;

  if (lexicon != NULL)
    return hb_search_lexicon_ref (lexicon);

  lexicon = hb_search_lexicon_new ();
  thesauri = hb_store_list_content (store, HB_CONTENT_KIND_THESAURUS, NULL);
  for (guint i = 0; thesauri != NULL && i < thesauri->len; i++)
    {
      HbContentRecord *record = g_ptr_array_index (thesauri, i);
      g_autoptr (GError) error = NULL;

      /* The importer checked it; a thesaurus it let in reads. */
      if (!hb_search_lexicon_add_thesaurus (lexicon, record->text, &error))
        g_warning ("Thesaurus %s: %s", record->source, error->message);
    }
  debug_time ("thesauri");
  pairs = hb_store_search_pairs (store);
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    hb_search_lexicon_add_pair (lexicon, g_ptr_array_index (pairs, i), g_ptr_array_index (pairs, i + 1));
  debug_time ("pairs");
  titles = hb_store_search_titles (store);
  debug_time ("titles read");
  for (guint i = 0; i < titles->len; i++)
    hb_search_lexicon_add_vocabulary (lexicon, g_ptr_array_index (titles, i));
  debug_time ("vocabulary");
  g_ptr_array_unref (titles);
  titles = hb_store_search_row_titles (store);
  debug_time ("row titles");
  for (guint i = 0; i < titles->len; i++)
    hb_search_lexicon_add_title (lexicon, g_ptr_array_index (titles, i));
  debug_time ("title words");

  hb_store_search_cache_set (store, "lexicon", hb_search_lexicon_ref (lexicon), lexicon_unref);
  return lexicon;
}

/* ------------------------------------------------------------------------ */
/* The plan */

typedef struct
{
  char *fts;      /* the phrase as FTS5 reads it: "…", "…" * or NEAR("…" "…", N) */
  char *text;     /* what it stands for, for the explanation */
  HbSearchAltKind kind;
  int n_tokens;
  int n_phrases;  /* the phrases of fts: 1, or the 2 of a NEAR group */
  int n_tokens_2; /* the tokens of a NEAR group's second phrase */
  gint64 docs;    /* rows that hold it */
  double weight;  /* what a match of it is worth */
  char facet;     /* a boost's: 'p' for the platform named, 'k' for the kind */
  char *named;    /* a boost's: the platform or kind ("tmall"); text is the word */
} Alt;

typedef struct
{
  HbSearchTerm *term; /* (nullable) */
  char *label;        /* the word as typed */
  GPtrArray *alts;    /* (element-type Alt) */
  gint64 docs;
  gint64 word_docs;   /* rows that hold the word as typed (or its correction); 0
                       * when only its synonyms are found */
  gboolean topical;   /* some title or heading has it */
  gboolean weak;      /* a Chinese word of one character: it says little */
  gboolean family;    /* has the other words of its English family */
  double weight;
  gboolean required;  /* a quoted phrase */
  int index;          /* among the groups the scan weighs */
} Group;

typedef struct
{
  GPtrArray *groups;     /* (element-type Group) the words that count */
  GPtrArray *required;   /* (element-type Group) quoted phrases (also in groups) */
  GPtrArray *exclusions; /* (element-type utf8) FTS5 phrases */
  GPtrArray *filters;    /* (element-type utf8) FTS5 expressions, ANDed */
  GPtrArray *boosts;     /* (element-type Alt) facet phrases */
  GPtrArray *specific_boosts; /* (element-type Alt) facet phrases of a platform's own, of a kind */
  GArray *phrases;       /* (element-type HbSearchPhraseInfo) of the expression */
  GArray *weights;       /* (element-type double) of the groups */
  GPtrArray *phrase_alts; /* (element-type Alt) the alt of each phrase, or NULL */
  double missing_weight; /* of the words that occur nowhere */
  gboolean han_query;    /* some word is Chinese */
} Plan;

static void
alt_free (Alt *alt)
{
  g_free (alt->fts);
  g_free (alt->text);
  g_free (alt->named);
  g_free (alt);
}

static void
group_free (Group *group)
{
  g_free (group->label);
  g_clear_pointer (&group->alts, g_ptr_array_unref);
  g_free (group);
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->groups, g_ptr_array_unref);
  g_clear_pointer (&plan->required, g_ptr_array_unref);
  g_clear_pointer (&plan->exclusions, g_ptr_array_unref);
  g_clear_pointer (&plan->filters, g_ptr_array_unref);
  g_clear_pointer (&plan->boosts, g_ptr_array_unref);
  g_clear_pointer (&plan->specific_boosts, g_ptr_array_unref);
  g_clear_pointer (&plan->phrases, g_array_unref);
  g_clear_pointer (&plan->weights, g_array_unref);
  g_clear_pointer (&plan->phrase_alts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static void
plan_init (Plan *plan)
{
  plan->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  plan->required = g_ptr_array_new ();
  plan->exclusions = g_ptr_array_new_with_free_func (g_free);
  plan->filters = g_ptr_array_new_with_free_func (g_free);
  plan->boosts = g_ptr_array_new_with_free_func ((GDestroyNotify) alt_free);
  plan->specific_boosts = g_ptr_array_new_with_free_func ((GDestroyNotify) alt_free);
  plan->phrases = g_array_new (FALSE, FALSE, sizeof (HbSearchPhraseInfo));
  plan->weights = g_array_new (FALSE, FALSE, sizeof (double));
  plan->phrase_alts = g_ptr_array_new ();
}

/* A facet phrase that the platform or kind a word names boosts: @fts
 * (taken), worth @weight of a match. */
static Alt *
boost_alt (char *fts, const HbSearchTerm *term, double weight)
{
  Alt *alt = g_new0 (Alt, 1);

  alt->fts = fts;
  alt->text = g_strdup (term->typed);
  alt->named = g_strdup (term->boost_value);
  alt->facet = term->boost;
  alt->kind = HB_SEARCH_ALT_BOOST;
  alt->n_tokens = 1;
  alt->n_phrases = 1;
  alt->weight = weight;
  return alt;
}

static void
append_quoted (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static int
count_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  if (!(flags & HB_TOKEN_COLOCATED))
    (*(int *) user_data)++;
  return HB_TOKENIZE_OK;
}

static int
count_query_tokens (const char *text)
{
  int count = 0;

  hb_tokenize (text, -1, HB_TOKENIZE_QUERY, count_cb, &count);
  return count;
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

/* Whether a word that no article has is worth saying so: a word, not a
 * fragment of a Chinese sentence that the segmenter left (说不, 用了, 来的);
 * those of three characters or more without a function character. */
static gboolean
worth_telling_missing (const HbSearchTerm *term)
{
  static const char function_chars[] = "了的不说就是在也都还吗呢吧啊么着过得地把被给让要想";

  if (!term->han)
    return strlen (term->text) >= 3;
  if (g_utf8_strlen (term->text, -1) < 3)
    return FALSE;
  for (const char *p = term->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char c[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), c);
      if (strstr (function_chars, c) != NULL)
        return FALSE;
    }
  return TRUE;
}

/* Adds @text to the alternatives of @group, looked up as @term (an index
 * term) when not %NULL. */
static void
group_add_alt_as (Group *group, const char *text, const char *term, HbSearchAltKind kind,
                  gboolean prefix)
{
  g_autoptr (GString) fts = g_string_new (NULL);
  Alt *alt;
  int n_tokens = count_query_tokens (term != NULL ? term : text);

  if (n_tokens == 0)
    return;
  append_quoted (fts, term != NULL ? term : text);
  if (prefix)
    g_string_append (fts, " *");
  for (guint i = 0; i < group->alts->len; i++)
    if (strcmp (((Alt *) g_ptr_array_index (group->alts, i))->fts, fts->str) == 0)
      return;

  alt = g_new0 (Alt, 1);
  alt->fts = g_string_free (g_steal_pointer (&fts), FALSE);
  alt->text = g_strdup (text);
  alt->kind = kind;
  alt->n_tokens = MAX (n_tokens, 1);
  alt->n_phrases = 1;
  g_ptr_array_add (group->alts, alt);
}

/* A Chinese word of the thesaurus of four characters or more is often
 * written with its parts apart (快递破损: 快递在运输中破损, 包裹在途中丢失): its
 * two parts near each other stand for it, a little less than the word.
 * The parts are where both are words the index has most. */
#define SPLIT_NEAR 12
/* Longer words are not split: each cut is two lookups. */
#define SPLIT_MAX_CHARS 8

static gboolean
group_add_split (Group *group, HbStore *store, const char *text, GError **error)
{
  glong n_chars = g_utf8_strlen (text, -1);
  g_autofree char *best_a = NULL;
  g_autofree char *best_b = NULL;
  gint64 best_docs = 0;
  g_autoptr (GString) fts = NULL;
  Alt *alt;

  for (glong cut = 2; cut + 2 <= n_chars; cut++)
    {
      const char *at = g_utf8_offset_to_pointer (text, cut);
      g_autofree char *a = g_strndup (text, at - text);
      g_autofree char *match_a = g_strdup_printf ("\"%s\"", a);
      g_autofree char *match_b = g_strdup_printf ("\"%s\"", at);
      gint64 docs_a = hb_store_search_count (store, match_a, HB_SEARCH_CANDIDATES, error);
      gint64 docs_b = docs_a > 0 ? hb_store_search_count (store, match_b, HB_SEARCH_CANDIDATES, error) : 0;

      if (docs_a < 0 || docs_b < 0)
        return FALSE;
      if (MIN (docs_a, docs_b) > best_docs)
        {
          best_docs = MIN (docs_a, docs_b);
          g_free (best_a);
          g_free (best_b);
          best_a = g_steal_pointer (&a);
          best_b = g_strdup (at);
        }
    }
  if (best_a == NULL)
    return TRUE;
  fts = g_string_new ("NEAR(");
  append_quoted (fts, best_a);
  g_string_append_c (fts, ' ');
  append_quoted (fts, best_b);
  g_string_append_printf (fts, ", %d)", SPLIT_NEAR);
  alt = g_new0 (Alt, 1);
  alt->text = g_strdup_printf ("%s…%s", best_a, best_b);
  alt->kind = HB_SEARCH_ALT_SYNONYM;
  alt->n_tokens = MAX (count_query_tokens (best_a), 1);
  alt->n_tokens_2 = MAX (count_query_tokens (best_b), 1);
  alt->n_phrases = 2;
  alt->fts = g_string_free (g_steal_pointer (&fts), FALSE);
  g_ptr_array_add (group->alts, alt);
  return TRUE;
}

static void
group_add_alt (Group *group, const char *text, HbSearchAltKind kind, gboolean prefix)
{
  group_add_alt_as (group, text, NULL, kind, prefix);
}

/* Whether @tail can begin a suffix that stemming takes off ("a" of
 * "-ation", "in" of "-ing"), so that the typed word may be cut there. */
static gboolean
is_suffix_start (const char *tail)
{
  static const char *const suffixes[] = {
    "s", "es", "ed", "ing", "ion", "ions", "ation", "ations", "ment", "ments", "ly", "er", "ers",
    "ness", "ity", "ive", "al", "ance", "ence", "able", "ible", "ful", "ous", "ize", "ise",
    "ies", "y", "ist", "ism", "ate", "ated",
  };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_prefix (suffixes[i], tail))
      return TRUE;
  return FALSE;
}

/* Whether a word being typed is the start of a word the index knows, or
 * would be as group_add_word() cuts it ("tracki" of "tracking", indexed
 * "track"). */
static gboolean
prefix_known (HbStore *store, const char *text)
{
  gsize len = strlen (text);

  if (hb_store_search_vocab_knows (store, text, TRUE))
    return TRUE;
  if (len >= 4 && is_ascii_word (text) && !hb_search_is_english_word (text))
    for (gsize cut = MAX (3, len - 3); cut < len; cut++)
      if (is_suffix_start (text + cut))
        {
          g_autofree char *shorter = g_strndup (text, cut);

          if (hb_store_search_vocab_knows (store, shorter, FALSE))
            return TRUE;
        }
  return FALSE;
}

/* The word itself: whole, or as the start of a word while typing. */
static void
group_add_word (Group *group, HbStore *store, HbSearchTerm *term)
{
  const char *text = term->text;
  gsize len = strlen (text);

  if (term->han)
    {
      /* One character stands alone in the index only at the end of a run:
       * elsewhere it starts a pair. */
      group_add_alt (group, text, g_utf8_strlen (text, -1) == 1 ? HB_SEARCH_ALT_PREFIX
                                                                : HB_SEARCH_ALT_WORD,
                     g_utf8_strlen (text, -1) == 1);
      return;
    }
  if (!term->prefix || term->thesaurus)
    {
      group_add_alt (group, text, HB_SEARCH_ALT_WORD, FALSE);
      return;
    }

  /* A word being typed that is a word already ("proof", not "proo") is
   * most likely that word: it counts as typed, its longer words as a
   * prefix. */
  if (is_ascii_word (text))
    {
      g_autofree char *stem = hb_tokenizer_stem (text);

      if (hb_store_search_vocab_knows (store, stem, FALSE))
        group_add_alt (group, text, HB_SEARCH_ALT_WORD, FALSE);
    }
  /* Beyond the prefix indexes (of one to three characters), a word being
   * typed is asked for as the few terms of the index it starts, each of
   * which FTS5 reads only as far as the scan goes. */
  {
    g_autoptr (GArray) docs = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr (GPtrArray) terms = len > 3 && is_ascii_word (text)
                                    ? hb_search_prefix_terms (store, text, HB_SEARCH_PREFIX_TERMS,
                                                              docs)
                                    : NULL;

    if (terms != NULL)
      for (guint i = 0; i < terms->len; i++)
        {
          guint n = group->alts->len;

          group_add_alt_as (group, text, g_ptr_array_index (terms, i), HB_SEARCH_ALT_PREFIX, FALSE);
          /* fts5vocab counted its rows. */
          if (group->alts->len > n)
            ((Alt *) g_ptr_array_index (group->alts, n))->docs = g_array_index (docs, gint64, i);
        }
    else
      group_add_alt (group, text, HB_SEARCH_ALT_PREFIX, TRUE);
  }
  /*
   * The index holds stems, and a word being typed may stop inside the
   * suffix that stemming takes off: "arbitra" on its way to "arbitration"
   * (indexed "arbitr") is no prefix of it. So the typed word is also
   * looked up whole without its last one to three letters, unless it is
   * a word already ("logo" is no "log").
   */
  if (len >= 4 && is_ascii_word (text) && !hb_search_is_english_word (text))
    for (gsize cut = MAX (3, len - 3); cut < len; cut++)
      if (is_suffix_start (text + cut))
        {
          g_autofree char *shorter = g_strndup (text, cut);

          group_add_alt (group, shorter, HB_SEARCH_ALT_PREFIX, FALSE);
        }
}

/* The synonyms of @text (or of the thesaurus's phrase @phrase_key it was
 * read as) but itself. */
static void
group_add_synonyms (Group *group, HbSearchLexicon *lexicon, const char *text,
                    const char *phrase_key)
{
  g_autofree char *key = hb_search_lexicon_key (text);
  GPtrArray *lists[2] = { NULL, NULL };

  if (lexicon == NULL)
    return;
  lists[0] = hb_search_lexicon_synonyms (lexicon, phrase_key != NULL ? phrase_key : key);
  lists[1] = hb_search_lexicon_partners (lexicon, phrase_key != NULL ? phrase_key : key);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        const char *synonym = g_ptr_array_index (lists[l], i);
        g_autofree char *synonym_key = hb_search_lexicon_key (synonym);
        g_autofree char *folded = g_utf8_strdown (synonym, -1);

        if (strcmp (synonym_key, key) != 0)
          group_add_alt (group, folded, HB_SEARCH_ALT_SYNONYM, FALSE);
      }
}

/* The other words of an English word's family that the stemmer does not
 * join: "dies" asks for "death", "broke" for "break" and "broken". */
static void
group_add_family (Group *group, const char *text)
{
  const char *const *family = hb_search_word_family (text);

  for (guint i = 0; family != NULL && family[i] != NULL; i++)
    if (g_ascii_strcasecmp (family[i], text) != 0)
      {
        group_add_alt (group, family[i], HB_SEARCH_ALT_WORD, FALSE);
        group->family = TRUE;
      }
}

/* A Chinese word of two characters may be the abbreviation of a longer
 * word that the handbook writes out (社保 for 社会保险, 网购 for 网络购物):
 * the words of four characters of the titles and headings that it could
 * abbreviate are synonyms, when the index holds each far more often than
 * the abbreviation. */
static gboolean
group_add_expansions (Group *group, HbStore *store, HbSearchLexicon *lexicon, const char *text,
                      GError **error)
{
  g_autoptr (GPtrArray) words = NULL;
  g_autofree char *match = NULL;
  gint64 docs;

  if (lexicon == NULL)
    return TRUE;
  words = hb_search_lexicon_titles_expand (lexicon, text);
  if (words->len == 0)
    return TRUE;
  match = g_strdup_printf ("\"%s\"", text);
  docs = hb_store_search_count (store, match, HB_SEARCH_CANDIDATES, error);
  if (docs == -1)
    return FALSE;
  for (guint i = 0; i < words->len && i < HB_SEARCH_MAX_EXPANSIONS; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *word_match = g_strdup_printf ("\"%s\"", word);
      gint64 word_docs = hb_store_search_count (store, word_match, HB_SEARCH_CANDIDATES, error);

      if (word_docs == -1)
        return FALSE;
      if (word_docs > 0 && word_docs >= HB_SEARCH_ABBREVIATION_RARER * MAX (docs, 0))
        group_add_alt (group, word, HB_SEARCH_ALT_SYNONYM, FALSE);
    }
  return TRUE;
}

/* Whether the lexicon knows other words for @text. */
static gboolean
has_synonyms (HbSearchLexicon *lexicon, const char *text)
{
  g_autofree char *key = hb_search_lexicon_key (text);

  return lexicon != NULL
         && (hb_search_lexicon_synonyms (lexicon, key) != NULL
             || hb_search_lexicon_partners (lexicon, key) != NULL);
}

/* The alternatives of a group, ORed. */
static char *
group_expression (Group *group)
{
  GString *out = g_string_new ("(");

  for (guint i = 0; i < group->alts->len; i++)
    {
      if (i > 0)
        g_string_append (out, " OR ");
      g_string_append (out, ((Alt *) g_ptr_array_index (group->alts, i))->fts);
    }
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/* How many rows hold the group, and each of its alternatives (of a
 * synonym, whose rarity is the word's, only whether one row does). */
static gint64
group_docs (HbStore *store, Group *group, GError **error)
{
  gboolean synonym_rarity = hb_search_rank_synonym_rarity_counts ();
  guint n = group->alts->len;
  g_autofree const char **phrases = NULL;
  g_autofree int *caps = NULL;
  g_autofree gint64 *docs = NULL;
  gint64 total = 0;

  if (n == 0)
    return 0;
  phrases = g_new (const char *, n);
  caps = g_new (int, n);
  docs = g_new (gint64, n);
  for (guint i = 0; i < n; i++)
    {
      Alt *alt = g_ptr_array_index (group->alts, i);

      phrases[i] = alt->fts;
      docs[i] = alt->docs;
      /* Not counted: counted before, or the group's own count. */
      caps[i] = alt->docs > 0 || n == 1 ? -1
                : i > 0 && alt->kind == HB_SEARCH_ALT_SYNONYM && !synonym_rarity
                  ? 1
                  : HB_SEARCH_CANDIDATES;
    }

  /* In one query when the alternatives are plain phrases (mostly); else
   * one query each, which gives the same counts. */
  if (!hb_store_search_count_group (store, phrases, caps, n, HB_SEARCH_CANDIDATES, docs, &total))
    {
      g_autofree char *expression = group_expression (group);

      for (guint i = 0; i < n; i++)
        if (caps[i] >= 0 && (docs[i] = hb_store_search_count (store, phrases[i], caps[i], error)) == -1)
          return -1;
      total = hb_store_search_count (store, expression, HB_SEARCH_CANDIDATES, error);
    }

  for (guint i = 0; i < n; i++)
    {
      Alt *alt = g_ptr_array_index (group->alts, i);

      if (n == 1)
        alt->docs = total >= 0 ? total : alt->docs > 0 ? alt->docs : -3;
      else if (caps[i] >= 0)
        /* Counted up to one, the count above it is no more than a guess. */
        alt->docs = caps[i] == 1 && docs[i] > 1 ? 1 : docs[i];
    }
  return total;
}

static void
add_facet_filter (Plan *plan, GPtrArray *values, char key)
{
  GString *out;

  if (values->len == 0)
    return;
  out = g_string_new ("(");
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *token = hb_search_facet_token (key, g_ptr_array_index (values, i));

      if (i > 0)
        g_string_append (out, " OR ");
      g_string_append (out, "{facets} : ");
      append_quoted (out, token);
    }
  g_string_append_c (out, ')');
  g_ptr_array_add (plan->filters, g_string_free (out, FALSE));
}

/* Reads the query into the plan's groups, filters and exclusions; looks up
 * how many rows hold each group, and corrects the words none holds. */
static gboolean
plan_build (Plan *plan,
            HbStore *store,
            HbSearchQuery *query,
            HbSearchLexicon *lexicon,
            const HbSearchOptions *options,
            HbSearchResponse *response,
            GError **error)
{
  static const char keys[] = { 'k', 'p', 't', 'l' };
  GPtrArray *scope_values[G_N_ELEMENTS (keys)] = { NULL };
  gboolean correct = options == NULL || !(options->flags & HB_SEARCH_FLAGS_NO_CORRECTION);
  guint n_plain = 0;
  gboolean any_corrected = FALSE;
  g_autoptr (GString) corrected_query = g_string_new (NULL);
  int corrected_at = 0;
  gboolean boosts_as_words = FALSE;
  gint64 n_rows;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    scope_values[k] = g_ptr_array_new_with_free_func (g_free);
  n_rows = hb_store_search_n_rows (store, error);
  if (n_rows < 0)
    goto failed;

  /*
   * Typos first: a word that no article holds, that has no synonym and
   * is no English word, becomes the closest word the index knows. Then
   * the thesaurus's phrases are read again, so that "treble damges" is
   * the phrase "treble damages".
   */
  for (guint i = 0; correct && i < query->terms->len; i++)
    {
      HbSearchTerm *term = g_ptr_array_index (query->terms, i);
      g_autofree char *stem = NULL;
      g_autoptr (GPtrArray) corrections = NULL;
      HbSearchCorrection *best;
      HbSearchCorrected *corrected;

      if (term->kind != HB_SEARCH_TERM_WORD || term->negated || term->han || term->thesaurus
          || term->stop || !is_ascii_word (term->text) || hb_search_is_english_word (term->text)
          || has_synonyms (lexicon, term->text))
        continue;
      /* A word being typed is a typo only once it is long enough to be
       * one of a word. */
      if (term->prefix && strlen (term->text) < CORRECT_PREFIX_FROM)
        continue;
      stem = hb_tokenizer_stem (term->text);
      if (hb_store_search_vocab_knows (store, stem, FALSE)
          || hb_store_search_vocab_knows (store, term->text, FALSE)
          || (term->prefix && prefix_known (store, term->text)))
        continue;
      /* As many as the suggestions ask for, so that both share them. */
      corrections = hb_search_correct (store, term->text, SUGGESTIONS);
      if (corrections->len == 0)
        continue;
      best = g_ptr_array_index (corrections, 0);

      corrected = g_new0 (HbSearchCorrected, 1);
      corrected->from = g_strdup (term->typed);
      corrected->to = g_strdup (best->word);
      g_ptr_array_add (response->corrections, corrected);
      g_string_append_len (corrected_query, query->text + corrected_at, term->start - corrected_at);
      g_string_append (corrected_query, best->word);
      corrected_at = term->end;
      any_corrected = TRUE;

      g_free (term->text);
      term->text = g_strdup (best->word);
      term->corrected = TRUE;
      term->prefix = FALSE;
    }
  if (any_corrected)
    hb_search_query_join_phrases (query, lexicon);

  /* Boost words boost only when something else is looked for. */
  for (guint i = 0; i < query->terms->len; i++)
    {
      HbSearchTerm *term = g_ptr_array_index (query->terms, i);

      if (!term->negated && term->kind != HB_SEARCH_TERM_SCOPE
          && (term->boost == 0 || term->boost_word) && (!term->stop || query->only_stop))
        n_plain++;
    }

again:
  for (guint i = 0; i < query->terms->len; i++)
    {
      HbSearchTerm *term = g_ptr_array_index (query->terms, i);
      Group *group;

      if (boosts_as_words
          && (term->boost == 0 || term->negated || term->kind == HB_SEARCH_TERM_SCOPE))
        continue;

      if (term->kind == HB_SEARCH_TERM_SCOPE)
        {
          if (term->negated)
            {
              g_autofree char *token = hb_search_facet_token (term->scope, term->text);
              GString *out = g_string_new ("{facets} : ");

              append_quoted (out, token);
              g_ptr_array_add (plan->exclusions, g_string_free (out, FALSE));
            }
          else
            for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
              if (keys[k] == term->scope)
                g_ptr_array_add (scope_values[k], g_strdup (term->text));
          continue;
        }

      if (term->negated)
        {
          GString *out = g_string_new (NULL);

          if (count_query_tokens (term->text) == 0)
            {
              g_string_free (out, TRUE);
              continue;
            }
          append_quoted (out, term->text);
          if (term->han && g_utf8_strlen (term->text, -1) == 1)
            g_string_append (out, " *");
          g_ptr_array_add (plan->exclusions, g_string_free (out, FALSE));
          continue;
        }

      if (term->kind == HB_SEARCH_TERM_WORD && term->stop && !query->only_stop)
        continue;
      /* The first words weigh, up to what the scan can weigh. */
      if (plan->groups->len >= HB_SEARCH_MAX_GROUPS)
        continue;

      if (term->boost != 0 && n_plain > 0)
        {
          g_autofree char *token = hb_search_facet_token (term->boost, term->boost_value);
          GString *out = g_string_new ("{facets} : ");
          gint64 with_facet;

          append_quoted (out, token);
          with_facet = hb_store_search_count (store, out->str, 1, error);
          if (with_facet == -1)
            {
              g_string_free (out, TRUE);
              goto failed;
            }
          /* A platform or kind that no article is of is only a word
           * ("laws" in a handbook of no law). */
          if (with_facet > 0)
            {
              /* An article has one kind: naming it is worth all of the boost. */
              g_ptr_array_add (term->boost == 'k' ? plan->specific_boosts : plan->boosts,
                               boost_alt (g_string_free (out, FALSE), term,
                                          term->boost == 'k' ? 1.0 : HB_SEARCH_BOOST_SHARED));
              /* Of the platform's own articles more than those of every one. */
              if (term->boost == 'p')
                {
                  g_autofree char *only = hb_search_facet_token ('s', term->boost_value);

                  out = g_string_new ("{facets} : ");
                  append_quoted (out, only);
                  g_ptr_array_add (plan->specific_boosts,
                                   boost_alt (g_string_free (out, FALSE), term, 1.0));
                }
              if (!term->boost_word)
                continue;
            }
          else
            g_string_free (out, TRUE);
        }

      if (term->han)
        plan->han_query = TRUE;
      group = g_new0 (Group, 1);
      group->term = term;
      group->label = g_strdup (term->typed);
      group->alts = g_ptr_array_new_with_free_func ((GDestroyNotify) alt_free);
      if (term->kind == HB_SEARCH_TERM_PHRASE)
        {
          group->required = TRUE;
          group_add_alt (group, term->text, HB_SEARCH_ALT_WORD, term->prefix);
        }
      else if (term->corrected)
        {
          group_add_alt (group, term->text, HB_SEARCH_ALT_CORRECTION, FALSE);
          group_add_synonyms (group, lexicon, term->text, NULL);
        }
      else
        {
          group_add_word (group, store, term);
          group_add_synonyms (group, lexicon, term->text, term->phrase_key);
          if (!term->han && term->kind == HB_SEARCH_TERM_WORD)
            group_add_family (group, term->text);
          group->weak = term->han && g_utf8_strlen (term->text, -1) == 1;
          if (term->han && term->thesaurus && g_utf8_strlen (term->text, -1) >= 4
              && g_utf8_strlen (term->text, -1) <= SPLIT_MAX_CHARS
              && !group_add_split (group, store, term->text, error))
            {
              group_free (group);
              goto failed;
            }
          if (term->han && !term->thesaurus && g_utf8_strlen (term->text, -1) == 2
              && !group_add_expansions (group, store, lexicon, term->text, error))
            {
              group_free (group);
              goto failed;
            }
        }

      group->docs = group_docs (store, group, error);
      if (group->docs == -1)
        {
          group_free (group);
          goto failed;
        }
      /* How rare the word is, as typed (or its correction): its first
       * alternative, or the most common of the terms a word being typed
       * was asked for as. */
      if (group->alts->len > 0
          && ((Alt *) g_ptr_array_index (group->alts, 0))->kind != HB_SEARCH_ALT_SYNONYM)
        {
          Alt *first = g_ptr_array_index (group->alts, 0);

          group->word_docs = first->docs;
          for (guint a = 1; first->kind == HB_SEARCH_ALT_PREFIX && a < group->alts->len; a++)
            {
              Alt *alt = g_ptr_array_index (group->alts, a);

              if (alt->kind == HB_SEARCH_ALT_PREFIX && strcmp (alt->text, first->text) == 0)
                group->word_docs = MAX (group->word_docs, alt->docs);
            }
          /* A word is as rare as its family: "came" as "come". */
          for (guint a = 1; group->family && a < group->alts->len; a++)
            {
              Alt *alt = g_ptr_array_index (group->alts, a);

              if (alt->kind == HB_SEARCH_ALT_WORD)
                group->word_docs = MAX (group->word_docs, alt->docs);
            }
        }
      /* An alternative that no row holds only lengthens the expression. */
      for (guint a = group->alts->len; group->docs > 0 && a-- > 0;)
        if (((Alt *) g_ptr_array_index (group->alts, a))->docs == 0)
          g_ptr_array_remove_index (group->alts, a);

      /* A word that some title or heading has is a word of the trade; one
       * that none has ("still", "wants") says less of what is looked for. */
      if (group->docs > 0)
        {
          g_autofree char *alts = group_expression (group);
          int titled = hb_store_search_titled (store, alts, error);

          if (titled == -1)
            {
              group_free (group);
              goto failed;
            }
          group->topical = titled > 0;
        }

      /* A word that occurs nowhere drops out, rather than emptying the
       * results; a quoted phrase that occurs nowhere empties them. What
       * it weighed counts against how much of the query a row holds. */
      if (group->docs <= 0 && !group->required)
        {
          /* A word still being typed, too short yet to be corrected, that
           * starts nothing ("refund qz") is unfinished, not asked for: the
           * results do not vanish at every key. */
          if (!(term->prefix && term->kind == HB_SEARCH_TERM_WORD && !term->han
                && strlen (term->text) < CORRECT_PREFIX_FROM))
            {
              plan->missing_weight += hb_search_rank_missing_weight (n_rows, group->weak);
              /* Said with the results: no article is about it. */
              if (response != NULL && term->typed != NULL && worth_telling_missing (term))
                g_ptr_array_add (response->missing, g_strdup (term->typed));
            }
          group_free (group);
          continue;
        }
      g_ptr_array_add (plan->groups, group);
      if (group->required)
        g_ptr_array_add (plan->required, group);
    }

  /* None of the other words is in any row: the platform and kind words
   * are words of their own ("douyin after-sal" is about Douyin when no
   * row has "after-sal"), rather than a listing of every article of that
   * platform by title. */
  if (!boosts_as_words && plan->groups->len == 0
      && (plan->boosts->len > 0 || plan->specific_boosts->len > 0))
    {
      g_ptr_array_set_size (plan->boosts, 0);
      g_ptr_array_set_size (plan->specific_boosts, 0);
      n_plain = 0;
      boosts_as_words = TRUE;
      goto again;
    }

  if (any_corrected)
    {
      g_string_append (corrected_query, query->text + corrected_at);
      g_free (response->corrected_query);
      response->corrected_query = g_string_free (g_steal_pointer (&corrected_query), FALSE);
    }

  /* Filters: typed scopes and the options. */
  if (options != NULL)
    {
      const char *values[] = { options->kind, options->platform, options->tag, options->lang };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (values[k] != NULL && *values[k] != '\0')
          {
            g_autoptr (GPtrArray) one = g_ptr_array_new ();

            g_ptr_array_add (one, (gpointer) values[k]);
            add_facet_filter (plan, one, keys[k]);
          }
    }
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    add_facet_filter (plan, scope_values[k], keys[k]);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    g_ptr_array_unref (scope_values[k]);
  return TRUE;

failed:
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    g_ptr_array_unref (scope_values[k]);
  return FALSE;
}

static int
compare_groups_by_docs (gconstpointer a, gconstpointer b)
{
  const Group *x = *(const Group *const *) a;
  const Group *y = *(const Group *const *) b;

  return x->docs < y->docs ? -1 : x->docs > y->docs ? 1 : x->index - y->index;
}

static void
add_phrase (Plan *plan, GString *out, const char *fts, int group, HbSearchAltKind kind,
            int n_tokens, Alt *alt, double weight)
{
  HbSearchPhraseInfo info = { group, kind, n_tokens, alt != NULL ? alt->weight : weight };

  g_string_append (out, fts);
  g_array_append_val (plan->phrases, info);
  g_ptr_array_add (plan->phrase_alts, alt);
}

static void
append_group (Plan *plan, GString *out, Group *group)
{
  for (guint i = 0; i < group->alts->len; i++)
    {
      Alt *alt = g_ptr_array_index (group->alts, i);

      if (i > 0)
        g_string_append (out, " OR ");
      add_phrase (plan, out, alt->fts, group->index, alt->kind, alt->n_tokens, alt, 0);
      /* The second phrase of a NEAR group. */
      if (alt->n_phrases > 1)
        add_phrase (plan, out, "", group->index, alt->kind, alt->n_tokens_2, alt, 0);
    }
}

/*
 * The expression, and what its phrases are, in the order FTS5 numbers
 * them:
 *
 *   [REQUIRED AND] (SELECTIVE) AND (COMMON OR BOOSTS OR SELECTIVE) [AND FILTERS]
 *   [NOT (EXCLUSIONS)]
 *
 * A row must hold one of the selective words (the rarest ones, together
 * in few enough rows to weigh them all); the common ones and the boosts
 * are only looked at in those rows (the selective words again make that
 * part always hold; with none, "all", in every row). With @title_only,
 * the selective words must be in the title or headings the first time.
 * Both give the same phrases in the same order. With @alone (no common
 * words, no boosts, and no pass of titles that must give the same
 * phrases), the selective words are asked for once: (SELECTIVE) AND
 * (SELECTIVE) would read every row of each of them twice to find the
 * same rows and the same hits.
 */
static char *
plan_expression (Plan *plan, GPtrArray *selective, GPtrArray *common, gboolean title_only,
                 gboolean alone, gboolean record)
{
  g_autoptr (GString) out = g_string_new (NULL);
  GArray *saved_phrases = NULL;
  GPtrArray *saved_alts = NULL;

  if (!record)
    {
      saved_phrases = plan->phrases;
      saved_alts = plan->phrase_alts;
      plan->phrases = g_array_new (FALSE, FALSE, sizeof (HbSearchPhraseInfo));
      plan->phrase_alts = g_ptr_array_new ();
    }

  for (guint i = 0; i < plan->required->len; i++)
    {
      if (out->len > 0)
        g_string_append (out, " AND ");
      g_string_append_c (out, '(');
      append_group (plan, out, g_ptr_array_index (plan->required, i));
      g_string_append_c (out, ')');
    }

  if (selective->len > 0 && (title_only || !alone))
    {
      if (out->len > 0)
        g_string_append (out, " AND ");
      g_string_append (out, title_only ? "({title headings} : (" : "((");
      for (guint i = 0; i < selective->len; i++)
        {
          if (i > 0)
            g_string_append (out, " OR ");
          append_group (plan, out, g_ptr_array_index (selective, i));
        }
      g_string_append (out, "))");
    }

  if (out->len > 0)
    g_string_append (out, " AND ");
  g_string_append_c (out, '(');
  for (guint i = 0; i < common->len; i++)
    {
      append_group (plan, out, g_ptr_array_index (common, i));
      g_string_append (out, " OR ");
    }
  for (guint i = 0; i < plan->boosts->len; i++)
    {
      Alt *boost = g_ptr_array_index (plan->boosts, i);

      add_phrase (plan, out, boost->fts, -1, HB_SEARCH_ALT_BOOST, 1, boost, 0);
      g_string_append (out, " OR ");
    }
  for (guint i = 0; i < plan->specific_boosts->len; i++)
    {
      Alt *boost = g_ptr_array_index (plan->specific_boosts, i);

      add_phrase (plan, out, boost->fts, -1, HB_SEARCH_ALT_BOOST, 1, boost, 0);
      g_string_append (out, " OR ");
    }
  /* The selective words again, anywhere (the title pass has them in the
   * title or headings only): this part always holds, and the common words
   * are only looked up in the rows the selective ones found. FTS5 finds
   * those by seeking, where HB_SEARCH_FACET_ALL, in every row, would make
   * it read through every row. */
  if (selective->len > 0)
    for (guint i = 0; i < selective->len; i++)
      {
        if (i > 0)
          g_string_append (out, " OR ");
        append_group (plan, out, g_ptr_array_index (selective, i));
      }
  else
    add_phrase (plan, out, "{facets} : \"" HB_SEARCH_FACET_ALL "\"", -1, HB_SEARCH_ALT_FILLER, 1,
                NULL, 0);
  g_string_append_c (out, ')');

  /* Filters and exclusions are phrases too. */
  for (guint i = 0; i < plan->filters->len; i++)
    {
      const char *filter = g_ptr_array_index (plan->filters, i);
      const char *p = filter;

      g_string_append (out, " AND ");
      g_string_append (out, filter);
      while ((p = strstr (p, "{facets}")) != NULL)
        {
          HbSearchPhraseInfo info = { -1, HB_SEARCH_ALT_FILLER, 1, 0 };

          g_array_append_val (plan->phrases, info);
          g_ptr_array_add (plan->phrase_alts, NULL);
          p++;
        }
    }
  if (plan->exclusions->len > 0)
    {
      g_string_append (out, " NOT (");
      for (guint i = 0; i < plan->exclusions->len; i++)
        {
          HbSearchPhraseInfo info = { -1, HB_SEARCH_ALT_FILLER, 1, 0 };

          if (i > 0)
            g_string_append (out, " OR ");
          g_string_append (out, g_ptr_array_index (plan->exclusions, i));
          g_array_append_val (plan->phrases, info);
          g_ptr_array_add (plan->phrase_alts, NULL);
        }
      g_string_append_c (out, ')');
    }

  if (!record)
    {
      g_array_unref (plan->phrases);
      g_ptr_array_unref (plan->phrase_alts);
      plan->phrases = saved_phrases;
      plan->phrase_alts = saved_alts;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Results */

static HbSearchFields
fields_of_column (int column)
{
  switch (column)
    {
    case HB_SEARCH_COLUMN_TITLE:
      return HB_SEARCH_FIELD_TITLE;
    case HB_SEARCH_COLUMN_HEADINGS:
      return HB_SEARCH_FIELD_HEADINGS;
    case HB_SEARCH_COLUMN_TAGS:
      return HB_SEARCH_FIELD_TAGS;
    case HB_SEARCH_COLUMN_BODY:
      return HB_SEARCH_FIELD_BODY;
    default:
      return 0;
    }
}

static HbSearchHow
how_of_alt (HbSearchAltKind kind)
{
  switch (kind)
    {
    case HB_SEARCH_ALT_PREFIX:
      return HB_SEARCH_HOW_PREFIX;
    case HB_SEARCH_ALT_SYNONYM:
      return HB_SEARCH_HOW_SYNONYM;
    case HB_SEARCH_ALT_CORRECTION:
      return HB_SEARCH_HOW_CORRECTION;
    case HB_SEARCH_ALT_WORD:
    case HB_SEARCH_ALT_BOOST:
    case HB_SEARCH_ALT_FILLER:
    default:
      return HB_SEARCH_HOW_WORD;
    }
}

/* Which of two ways a word was found says most: as typed, as the start
 * of a word, as the word a typo was for, then through a synonym. */
static int
alt_precedence (HbSearchAltKind kind)
{
  switch (kind)
    {
    case HB_SEARCH_ALT_WORD:
      return 0;
    case HB_SEARCH_ALT_PREFIX:
      return 1;
    case HB_SEARCH_ALT_CORRECTION:
      return 2;
    case HB_SEARCH_ALT_SYNONYM:
      return 3;
    case HB_SEARCH_ALT_BOOST:
    case HB_SEARCH_ALT_FILLER:
    default:
      return 4;
    }
}

/* Why a row was found: each group it holds, through what and where. */
static void
explain (HbSearchResult *result, Plan *plan, GArray *hits)
{
  GPtrArray *matches;

  for (guint g = 0; g < plan->groups->len; g++)
    {
      Group *group = g_ptr_array_index (plan->groups, g);
      HbSearchFields fields = 0;
      Alt *best = NULL;

      for (guint i = 0; hits != NULL && i < hits->len; i++)
        {
          const HbSearchHit *hit = &g_array_index (hits, HbSearchHit, i);
          Alt *alt;

          if (hit->phrase < 0 || hit->phrase >= (int) plan->phrase_alts->len)
            continue;
          alt = g_ptr_array_index (plan->phrase_alts, hit->phrase);
          if (alt == NULL || g_array_index (plan->phrases, HbSearchPhraseInfo, hit->phrase).group != group->index)
            continue;
          fields |= fields_of_column (hit->column);
          if (best == NULL || alt_precedence (alt->kind) < alt_precedence (best->kind))
            best = alt;
        }
      if (best != NULL)
        hb_search_result_add_match (result, group->label, best->text, how_of_alt (best->kind),
                                    fields);
    }
  /* And the platform or kind a word names, which need not be in the text. */
  matches = hb_search_result_get_matches (result);
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      const HbSearchHit *hit = &g_array_index (hits, HbSearchHit, i);
      Alt *alt;
      gboolean told = FALSE;

      if (hit->phrase < 0 || hit->phrase >= (int) plan->phrase_alts->len)
        continue;
      alt = g_ptr_array_index (plan->phrase_alts, hit->phrase);
      if (alt == NULL || alt->kind != HB_SEARCH_ALT_BOOST)
        continue;
      /* Once, for the two phrases of a platform. */
      for (guint m = 0; m < matches->len; m++)
        {
          HbSearchMatch *match = g_ptr_array_index (matches, m);

          if ((match->how == HB_SEARCH_HOW_PLATFORM || match->how == HB_SEARCH_HOW_KIND)
              && g_strcmp0 (match->word, alt->text) == 0)
            told = TRUE;
        }
      if (!told)
        hb_search_result_add_match (result, alt->text, alt->named,
                                    alt->facet == 'k' ? HB_SEARCH_HOW_KIND : HB_SEARCH_HOW_PLATFORM,
                                    alt->facet == 'k' ? HB_SEARCH_FIELD_KIND : HB_SEARCH_FIELD_PLATFORMS);
    }
}

typedef struct
{
  HbSearchRow *row;
  double rank;
  const char *kind;
  const char *lang;
  double prior; /* of its kind and language */
} Ranked;

static int
compare_ranked (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  if (x->rank != y->rank)
    return x->rank > y->rank ? -1 : 1;
  return x->row->rowid > y->row->rowid ? -1 : x->row->rowid < y->row->rowid ? 1 : 0;
}

/* The snippets of the last keystrokes, for this state of the index. */
static HbSearchSnippetMemo *
get_snippet_memo (HbStore *store)
{
  HbSearchSnippetMemo *memo = hb_store_search_cache_get (store, "snippets");

  if (memo == NULL)
    {
      memo = hb_search_snippet_memo_new ();
      hb_store_search_cache_set (store, "snippets", hb_search_snippet_memo_ref (memo),
                                 (GDestroyNotify) hb_search_snippet_memo_unref);
      return memo;
    }
  return hb_search_snippet_memo_ref (memo);
}

/* @row: (transfer full) (nullable): the row of @rowid if it was read */
static gboolean
add_result (HbStore *store, HbSearchResponse *response, Plan *plan, gint64 rowid,
            HbStoreSearchRow *row_read, double rank, GArray *hits, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (HbStoreSearchRow) row = row_read != NULL ? row_read
                                                      : hb_store_search_row (store, rowid, &local_error);
  g_autoptr (HbSearchText) text = NULL;
  g_autoptr (HbSearchSnippet) snippet = NULL;
  g_autoptr (HbSearchResult) result = NULL;
  g_autoptr (HbSearchSnippetMemo) memo = get_snippet_memo (store);
  const HbSearchPhraseInfo *phrases = (const HbSearchPhraseInfo *) plan->phrases->data;
  int n_phrases = (int) plan->phrases->len;

  if (row == NULL)
    {
      if (local_error == NULL)
        return TRUE; /* gone meanwhile */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  snippet = hb_search_snippet_memo_lookup (memo, rowid, hits, phrases, n_phrases);
  if (snippet == NULL)
    {
      text = hb_store_search_text (store, rowid, error);
      if (text == NULL)
        return FALSE;
      snippet = hb_search_snippet_build (text, hits, phrases, n_phrases);
      hb_search_snippet_memo_add (memo, snippet);
    }
  result = hb_search_result_new (row, rank, snippet);
  explain (result, plan, hits);
  g_ptr_array_add (response->found, g_steal_pointer (&result));
  return TRUE;
}

/* Filters and exclusions only: nothing to rank, so by title. */
static gboolean
run_listing (HbStore *store, Plan *plan, guint limit, HbSearchResponse *response, GError **error)
{
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autofree char *match = plan_expression (plan, none, none, FALSE, FALSE, TRUE);
  g_autoptr (GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean refused = FALSE;

  if (plan->filters->len == 0 && plan->exclusions->len == 0 && plan->boosts->len == 0)
    return TRUE;
  /* One more than asked tells whether there are more. */
  if (!hb_store_search_by_title (store, match, limit + 1, rowids, &refused, error))
    return FALSE;
  response->has_more = rowids->len > limit;
  for (guint i = 0; i < MIN (rowids->len, limit); i++)
    if (!add_result (store, response, plan, g_array_index (rowids, gint64, i), NULL, 0, NULL, error))
      return FALSE;
  return TRUE;
}

/* For a developer: HANDBOOK_SEARCH_DEBUG=1 prints the plan and the
 * features of each result on stderr. */
static void
debug_plan (Plan *plan, const char *match, HbSearchScan *scan)
{
  g_printerr ("plan: %s\n  rows looked at: %u\n", match, scan->n_matches);
  if (search_debug ()[0] == '2')
    return;
  for (guint g = 0; g < plan->groups->len; g++)
    {
      Group *group = g_ptr_array_index (plan->groups, g);

      g_printerr ("  group %u “%s” docs %" G_GINT64_FORMAT " weight %.3f%s%s%s\n", g, group->label,
                  group->docs, group->weight, group->topical ? " topical" : "",
                  group->weak ? " weak" : "", group->required ? " required" : "");
      for (guint a = 0; a < group->alts->len; a++)
        {
          Alt *alt = g_ptr_array_index (group->alts, a);

          g_printerr ("    %-30s kind %d docs %" G_GINT64_FORMAT " weight %.3f\n", alt->fts, alt->kind,
                      alt->docs, alt->weight);
        }
    }
}

static void
debug_row (HbSearchResponse *response, Ranked *r)
{
  guint n = response->found->len;
  HbSearchResult *result = n > 0 ? g_ptr_array_index (response->found, n - 1) : NULL;
  const HbSearchFeatures *f = &r->row->features;

  g_printerr ("  %2u %-40s %8.2f (%.2f) matched %.2f/%u field %.2f about %.2f typos %u span %d/%u "
              "passage %.2f heading %.2f title %.2f/%.2f exact %u bm25 %.2f boost %.2f T%x H%x G%x B%x\n",
              n, result != NULL ? hb_search_result_get_id (result) : "?", r->rank, r->row->score,
              f->matched, f->n_matched, f->field, f->about, f->typos, f->span, f->n_span, f->passage, f->heading, f->title_about, f->title_weight, f->exact,
              f->bm25, f->boost, f->in_title, f->in_headings, f->in_tags, f->in_body);
}

/* Whether a row of the same title and kind as @row is in @shown (a set
 * of rows, as title_hash() and title_equal() see them); if not, it is
 * now. */
static gboolean
shown_before (GHashTable *shown, HbStoreSearchRow *row)
{
  if (g_hash_table_contains (shown, row))
    return TRUE;
  g_hash_table_add (shown, hb_store_search_row_ref (row));
  return FALSE;
}

/* Rows as their kind and title: a set of rows that holds one of each. */
static guint
title_hash (gconstpointer key)
{
  const HbStoreSearchRow *row = key;

  return g_str_hash (row->title) * 31 + g_str_hash (row->kind != NULL ? row->kind : "");
}

static gboolean
title_equal (gconstpointer a, gconstpointer b)
{
  const HbStoreSearchRow *x = a;
  const HbStoreSearchRow *y = b;

  return strcmp (x->title, y->title) == 0
         && strcmp (x->kind != NULL ? x->kind : "", y->kind != NULL ? y->kind : "") == 0;
}

/* Whether a word of the query names @place (山东 of 山东省; 广西 of
 * 广西壮族自治区): it holds its first two characters. */
static gboolean
plan_names_place (Plan *plan, const char *place)
{
  const char *second = g_utf8_next_char (place);
  g_autofree char *head = g_strndup (place, g_utf8_next_char (second) - place);

  for (guint i = 0; i < plan->groups->len; i++)
    {
      Group *group = g_ptr_array_index (plan->groups, i);

      if (group->label != NULL && strstr (group->label, head) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
run_plan (HbStore *store, Plan *plan, HbSearchLexicon *lexicon, guint limit,
          HbSearchResponse *response, GCancellable *cancellable, GError **error)
{
  double best_matched = 0;
  guint second_look;
  guint next, n_listed;
  g_autoptr (GPtrArray) optional = g_ptr_array_new ();
  g_autoptr (GPtrArray) selective = g_ptr_array_new ();
  g_autoptr (GPtrArray) common = g_ptr_array_new ();
  g_autoptr (HbSearchScan) scan = NULL;
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr (GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) kinds = NULL;
  g_autoptr (GPtrArray) langs = NULL;
  g_autofree char *match = NULL;
  HbSearchRankContext context = { 0, 0 };
  gint64 cumulative = 0;
  gboolean capped = FALSE;
  gboolean alone;
  gboolean refused = FALSE;
  GPtrArray *rows;
  gint64 n_rows;
  guint keep = MAX (limit * 3, 60);
  g_autoptr (GHashTable) shown_titles = NULL;

  if (plan->groups->len == 0)
    return run_listing (store, plan, limit, response, error);

  n_rows = hb_store_search_n_rows (store, error);
  if (n_rows < 0)
    return FALSE;

  for (guint i = 0; i < plan->groups->len; i++)
    {
      Group *group = g_ptr_array_index (plan->groups, i);
      gint64 word_docs = hb_search_rank_word_docs (group->word_docs, group->docs);
      double weight = 0;

      /* Each alternative is worth the word's rarity, or its own (see
       * hb_search_rank_alt_weight()), scaled by how it stands for the word
       * (a synonym a little less than the word itself); the word is worth
       * the most any of them is. */
      for (guint a = 0; a < group->alts->len; a++)
        {
          Alt *alt = g_ptr_array_index (group->alts, a);

          alt->weight = hb_search_rank_alt_weight (alt->kind, MAX (alt->docs, 0), word_docs,
                                                   n_rows, group->topical, group->weak);
          weight = MAX (weight, alt->weight);
        }

      group->index = (int) i;
      group->weight = weight;
      g_array_append_val (plan->weights, weight);
      context.total_weight += weight;
      context.matchable_weight += weight;
      if (!group->required)
        g_ptr_array_add (optional, group);
    }
  context.n_groups = plan->groups->len;
  context.total_weight += plan->missing_weight;

  /* The rarest words find the rows; the common ones only refine. */
  g_ptr_array_sort (optional, compare_groups_by_docs);
  for (guint i = 0; i < optional->len; i++)
    {
      Group *group = g_ptr_array_index (optional, i);

      if (selective->len == 0 || cumulative + group->docs <= HB_SEARCH_CANDIDATES)
        {
          g_ptr_array_add (selective, group);
          cumulative += group->docs;
        }
      else
        g_ptr_array_add (common, group);
    }
  capped = selective->len > 0 && cumulative > HB_SEARCH_CANDIDATES;

  /* The selective words alone need not be asked for twice (see
   * plan_expression()), unless a pass of titles first asks with the
   * same phrases. */
  alone = !capped && common->len == 0 && plan->boosts->len == 0 && plan->specific_boosts->len == 0;
  match = plan_expression (plan, selective, common, FALSE, alone, TRUE);
  g_free (response->expression);
  response->expression = g_strdup (match);

  scan = hb_search_scan_new (keep);
  scan->phrases = (const HbSearchPhraseInfo *) plan->phrases->data;
  scan->n_phrases = (int) plan->phrases->len;
  scan->group_weights = (const double *) plan->weights->data;
  scan->n_groups = (int) plan->groups->len;
  scan->n_rows = n_rows;
  scan->score = hb_search_rank_score;
  hb_search_rank_scan_weights (&scan->weights);
  scan->score_data = &context;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (capped)
    {
      /*
       * More rows hold even the rarest word than can be weighed on every
       * keystroke: the ones that have it in a title or heading first (an
       * article about it), then the first of the rest.
       */
      g_autofree char *titles = plan_expression (plan, selective, common, TRUE, FALSE, FALSE);

      scan->cap = HB_SEARCH_SCAN_CAP;
      if (!hb_store_search_scan (store, titles, scan, &refused, error))
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  scan->cap = capped ? HB_SEARCH_SCAN_CAP : 0;
  if (!refused && !hb_store_search_scan (store, match, scan, &refused, error))
    return FALSE;
  debug_time ("scan");
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* What an article in the other language can hold of the query: the
   * words that have a word in its language (顾客 has "customer", 说 none). */
  {
    double latin = 0, han = 0;

    for (guint i = 0; i < plan->groups->len; i++)
      {
        Group *group = g_ptr_array_index (plan->groups, i);
        gboolean has_latin = FALSE, has_han = FALSE;

        for (guint a = 0; a < group->alts->len; a++)
          {
            const char *text = ((Alt *) g_ptr_array_index (group->alts, a))->text;

            if (hb_tokenizer_is_cjk (g_utf8_get_char (text)))
              has_han = TRUE;
            else
              has_latin = TRUE;
          }
        if (has_latin)
          latin += group->weight;
        if (has_han)
          han += group->weight;
      }
    context.latin_weight = latin + plan->missing_weight;
    context.han_weight = han + plan->missing_weight;
  }

  /* The kind of article is a prior on the best rows. */
  rows = hb_search_scan_sorted_rows (scan);
  for (guint i = 0; i < rows->len; i++)
    g_array_append_val (rowids, ((HbSearchRow *) g_ptr_array_index (rows, i))->rowid);
  langs = g_ptr_array_sized_new (rowids->len);
  kinds = hb_store_search_kinds (store, rowids, langs, error);
  if (kinds == NULL)
    return FALSE;
  debug_time ("kinds");
  /* The platform or kind a word names lifts the rows that hold what was
   * asked, not those that hold little else ("JD 价保 rules"). */
  {
    double most = 0;

    for (guint i = 0; i < rows->len; i++)
      most = MAX (most, ((HbSearchRow *) g_ptr_array_index (rows, i))->features.matched);
    for (guint i = 0; i < rows->len; i++)
      {
        HbSearchRow *row = g_ptr_array_index (rows, i);

        row->score -= hb_search_rank_boost_unearned (&row->features, most);
      }
  }
  for (guint i = 0; i < rows->len; i++)
    {
      HbSearchRow *row = g_ptr_array_index (rows, i);
      const char *kind = g_ptr_array_index (kinds, i);
      double prior = hb_search_rank_kind_prior (kind)
                     * hb_search_rank_lang_prior (plan->han_query, g_ptr_array_index (langs, i))
                     * hb_search_rank_lang_reach (g_ptr_array_index (langs, i), &context);
      Ranked r = { row, row->score * prior, kind, g_ptr_array_index (langs, i), prior };

      if (kind != NULL)
        g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);

  /* A second look at the best: is the title about the query? */
  second_look = MIN (ranked->len, hb_search_rank_second_look_rows ());
  for (guint i = 0; i < second_look; i++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);
      g_autoptr (HbStoreSearchRow) row = NULL;
      g_autofree char *place = NULL;
      double about;

      /* Only a Chinese title can open with a place of friso's list. */
      if (r->row->features.in_title == 0 && (r->lang == NULL || !g_str_has_prefix (r->lang, "zh")))
        continue;
      row = hb_store_search_row (store, r->row->rowid, NULL);
      if (row == NULL)
        continue;
      /* A text of one place, for a query that may name none. */
      place = hb_search_lexicon_title_place (row->title);
      if (place != NULL)
        {
          r->prior *= hb_search_rank_place_prior (plan_names_place (plan, place));
          r->rank = r->row->score * r->prior;
        }
      if (r->row->features.in_title == 0)
        continue;
      about = hb_search_rank_title_about (lexicon, row->title, r->row->hits,
                                          (const HbSearchPhraseInfo *) plan->phrases->data,
                                          &r->row->features.title_named);
      r->row->features.title_about = about;
      r->prior = hb_search_rank_title_prior (r->prior, about);
      r->rank = (r->row->score + hb_search_rank_second_look (&r->row->features, about, &context))
                * r->prior;
    }
  if (second_look > 0)
    g_array_sort (ranked, compare_ranked);
  debug_time ("second look");

  if (debug_plans ())
    {
      debug_plan (plan, match, scan);
      g_printerr ("  total %.3f missing %.3f best coverage %.3f\n", context.total_weight,
                  plan->missing_weight,
                  ranked->len > 0 ? g_array_index (ranked, Ranked, 0).row->features.matched
                                      / MAX (context.total_weight, 1e-9)
                                  : 0);
    }
  for (guint i = 0; i < ranked->len; i++)
    best_matched = MAX (best_matched, g_array_index (ranked, Ranked, i).row->features.matched);
  shown_titles = g_hash_table_new_full (title_hash, title_equal,
                                        (GDestroyNotify) hb_store_search_row_unref, NULL);
  for (next = 0, n_listed = 0; next < ranked->len && n_listed < limit; next++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, next);

      /* Too little of what was asked: no answer. */
      if (!hb_search_rank_relevant (&r->row->features, best_matched, &context))
        continue;
      /* Two articles of one title and kind are one text in two versions
       * (a law as amended in 2018 and in 2022): the better one stands for
       * both. */
      {
        g_autoptr (GError) local_error = NULL;
        HbStoreSearchRow *row = hb_store_search_row (store, r->row->rowid, &local_error);

        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        if (row == NULL) /* gone meanwhile */
          continue;
        if (shown_before (shown_titles, row))
          {
            hb_store_search_row_unref (row);
            continue;
          }
        n_listed++;
        if (!add_result (store, response, plan, r->row->rowid, row, r->rank, r->row->hits, error))
          return FALSE;
      }
      if (debug_plans ())
        debug_row (response, r);
    }
  /* Whether a window that lists a page of them has another to show: a
   * row left that would be an answer, and not only another version of a
   * title listed, which the next page would not list either. */
  for (; n_listed == limit && next < ranked->len && !response->has_more; next++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, next);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (HbStoreSearchRow) row = NULL;

      if (!hb_search_rank_relevant (&r->row->features, best_matched, &context))
        continue;
      row = hb_store_search_row (store, r->row->rowid, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      response->has_more = row != NULL && !shown_before (shown_titles, row);
    }
  return TRUE;
}

HbSearchResponse *
hb_search (HbStore *store, const char *query, const HbSearchOptions *options,
           GCancellable *cancellable, GError **error)
{
  g_autoptr (HbSearchResponse) response = response_new (query);
  g_autoptr (HbSearchLexicon) lexicon = NULL;
  g_autoptr (HbSearchQuery) parsed = NULL;
  g_auto (Plan) plan = { NULL };
  g_autofree char *han_corrected = NULL;
  guint limit = DEFAULT_LIMIT;
  gboolean ok;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  if (options != NULL && options->limit > 0)
    limit = MIN (options->limit, MAX_LIMIT);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* One read for every statement of the search: each on its own would take
   * and drop the WAL lock, which costs more than reading its row. */
  if (!hb_store_read_begin (store, error))
    return NULL;
  hb_store_set_cancellable (store, cancellable);

  debug_time (NULL);
  lexicon = get_lexicon (store);
  debug_time ("lexicon");
  /* A Chinese character typed for another of the same sound: the query
   * is read as corrected. */
  if (options == NULL || !(options->flags & HB_SEARCH_FLAGS_NO_CORRECTION))
    {
      g_autoptr (GPtrArray) fixes = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_search_han_correction_free);

      han_corrected = query != NULL ? hb_search_correct_han (store, lexicon, query, fixes) : NULL;
      for (guint i = 0; han_corrected != NULL && i < fixes->len; i++)
        {
          HbSearchHanCorrection *fix = g_ptr_array_index (fixes, i);
          HbSearchCorrected *corrected = g_new0 (HbSearchCorrected, 1);

          corrected->from = g_strdup (fix->from);
          corrected->to = g_strdup (fix->to);
          g_ptr_array_add (response->corrections, corrected);
        }
      if (han_corrected != NULL)
        response->corrected_query = g_strdup (han_corrected);
    }
  parsed = hb_search_query_parse (han_corrected != NULL ? han_corrected : query, lexicon);
  debug_time ("parse");
  plan_init (&plan);
  ok = plan_build (&plan, store, parsed, lexicon, options, response, error);
  debug_time ("plan");
  ok = ok && run_plan (store, &plan, lexicon, limit, response, cancellable, error);
  /* In one change: a signal for each would be more of the search than
   * building its result. */
  g_list_store_splice (response->results, 0, 0, response->found->pdata, response->found->len);
  g_ptr_array_set_size (response->found, 0);
  debug_time ("results");

  hb_store_set_cancellable (store, NULL);
  hb_store_read_end (store);
  if (!ok)
    return NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (response->results)) < SUGGEST_BELOW
      && response->corrections->len == 0)
    response->suggestions = hb_search_suggest (store, query, SUGGESTIONS);
  debug_time ("suggestions");
  return g_steal_pointer (&response);
}

gboolean
hb_search_prepare (HbStore *store, GError **error)
{
  g_autoptr (HbSearchLexicon) lexicon = NULL;
  g_autoptr (GPtrArray) words = NULL;

  g_return_val_if_fail (HB_IS_STORE (store), FALSE);

  if (!hb_store_read_begin (store, error))
    return FALSE;
  lexicon = get_lexicon (store);
  /* friso loads its dictionary, and the handbook's words into it, on the
   * first Chinese text it is given. */
  words = hb_search_lexicon_segment (lexicon, "退款", strlen ("退款"));
  /* and its list of places on the first title it is asked about. */
  g_free (hb_search_lexicon_title_place (""));
  hb_store_read_end (store);
  return TRUE;
}

GListModel *
hb_search_run (HbStore *store, const char *query, const HbSearchOptions *options, GError **error)
{
  g_autoptr (HbSearchResponse) response = hb_search (store, query, options, NULL, error);

  if (response == NULL)
    return NULL;
  return G_LIST_MODEL (g_object_ref (response->results));
}

const char *
hb_search_response_get_expression (HbSearchResponse *response)
{
  g_return_val_if_fail (response != NULL, NULL);
  return response->expression;
}

char *
hb_search_query_to_fts (const char *query, const HbSearchOptions *options)
{
  g_autoptr (HbSearchQuery) parsed = hb_search_query_parse (query, NULL);
  g_autoptr (GString) out = g_string_new (NULL);

  /* The bare OR of the words, as FTS5 alone would be asked. */
  for (guint i = 0; i < parsed->terms->len; i++)
    {
      HbSearchTerm *term = g_ptr_array_index (parsed->terms, i);

      if (term->negated || term->kind == HB_SEARCH_TERM_SCOPE || (term->stop && !parsed->only_stop)
          || count_query_tokens (term->text) == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, " OR ");
      append_quoted (out, term->text);
      if (term->prefix)
        g_string_append (out, " *");
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Did you mean */

char **
hb_search_suggest (HbStore *store, const char *query, guint max)
{
  g_autoptr (HbSearchQuery) parsed = hb_search_query_parse (query, NULL);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) per_term = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) which = g_ptr_array_new ();

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  for (guint i = 0; i < parsed->terms->len && max > 0; i++)
    {
      HbSearchTerm *term = g_ptr_array_index (parsed->terms, i);
      g_autofree char *stem = NULL;
      GPtrArray *corrections;

      if (term->kind != HB_SEARCH_TERM_WORD || term->negated || term->han
          || !is_ascii_word (term->text) || strlen (term->text) < 3
          || (term->prefix && strlen (term->text) < CORRECT_PREFIX_FROM))
        continue;
      stem = hb_tokenizer_stem (term->text);
      if (hb_store_search_vocab_knows (store, stem, FALSE)
          || (term->prefix && (hb_store_search_vocab_knows (store, term->text, TRUE)
                               || hb_store_search_vocab_knows (store, stem, TRUE))))
        continue;
      corrections = hb_search_correct (store, term->text, max);
      if (corrections->len == 0)
        {
          g_ptr_array_unref (corrections);
          continue;
        }
      g_ptr_array_add (per_term, corrections);
      g_ptr_array_add (which, term);
    }

  /* Suggestion k takes the k-th correction of each word (or its best). */
  for (guint k = 0; per_term->len > 0 && k < max; k++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      gboolean new_word = FALSE;
      int at = 0;

      for (guint i = 0; i < per_term->len; i++)
        {
          GPtrArray *corrections = g_ptr_array_index (per_term, i);
          HbSearchTerm *term = g_ptr_array_index (which, i);
          HbSearchCorrection *c;

          if (k < corrections->len)
            {
              c = g_ptr_array_index (corrections, k);
              new_word = TRUE;
            }
          else
            c = g_ptr_array_index (corrections, 0);
          g_string_append_len (text, parsed->text + at, term->start - at);
          g_string_append (text, c->word);
          at = term->end;
        }
      g_string_append (text, parsed->text + at);
      if (!new_word)
        break;
      g_ptr_array_add (out, g_string_free (g_steal_pointer (&text), FALSE));
    }

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}
