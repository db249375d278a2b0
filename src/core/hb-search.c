/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search.h"

#include <string.h>

#include "hb-search-private.h"
#include "hb-store-search.h"
#include "hb-tokenizer.h"

#define DEFAULT_LIMIT 20
#define MAX_LIMIT 1000
/* A pasted page is searched by its first words. */
#define MAX_TERMS 32

/* ------------------------------------------------------------------------ */
/* HbSearchResult */

struct _HbSearchResult
{
  GObject parent_instance;

  char *id;
  char *title;
  char *kind;
  char **platforms;
  char *source;
  guint version;
  char *section_id;
  char *section;
  char *snippet;
  /* (element-type int): pairs of byte offsets of the matches in snippet */
  GArray *marks;
  double rank;
};

G_DEFINE_FINAL_TYPE (HbSearchResult, hb_search_result, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_SOURCE,
  PROP_VERSION,
  PROP_SECTION_ID,
  PROP_SECTION,
  PROP_SNIPPET,
  PROP_RANK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hb_search_result_finalize (GObject *object)
{
  HbSearchResult *self = (HbSearchResult *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->platforms, g_strfreev);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->section_id, g_free);
  g_clear_pointer (&self->section, g_free);
  g_clear_pointer (&self->snippet, g_free);
  g_clear_pointer (&self->marks, g_array_unref);

  G_OBJECT_CLASS (hb_search_result_parent_class)->finalize (object);
}

static void
hb_search_result_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbSearchResult *self = HB_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;
    case PROP_SECTION_ID:
      g_value_set_string (value, self->section_id);
      break;
    case PROP_SECTION:
      g_value_set_string (value, self->section);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    case PROP_RANK:
      g_value_set_double (value, self->rank);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_search_result_class_init (HbSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_search_result_finalize;
  object_class->get_property = hb_search_result_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_VERSION] = g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SECTION_ID] = g_param_spec_string ("section-id", NULL, NULL, NULL, flags);
  properties[PROP_SECTION] = g_param_spec_string ("section", NULL, NULL, NULL, flags);
  properties[PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);
  properties[PROP_RANK] = g_param_spec_double ("rank", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                               flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_search_result_init (HbSearchResult *self)
{
  self->marks = g_array_new (FALSE, FALSE, sizeof (int));
}

const char *
hb_search_result_get_id (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->id;
}

const char *
hb_search_result_get_title (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->title;
}

const char *
hb_search_result_get_kind (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->kind;
}

const char *const *
hb_search_result_get_platforms (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return (const char *const *) self->platforms;
}

const char *
hb_search_result_get_source (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->source;
}

guint
hb_search_result_get_version (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), 0);
  return self->version;
}

const char *
hb_search_result_get_section_id (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->section_id;
}

const char *
hb_search_result_get_section (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->section;
}

const char *
hb_search_result_get_snippet (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->snippet;
}

double
hb_search_result_get_rank (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), 0);
  return self->rank;
}

char *
hb_search_result_get_snippet_markup (HbSearchResult *self)
{
  GString *markup;
  int at = 0;
  guint i;

  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);

  markup = g_string_new (NULL);
  for (i = 0; i + 1 < self->marks->len; i += 2)
    {
      int start = g_array_index (self->marks, int, i);
      int end = g_array_index (self->marks, int, i + 1);
      g_autofree char *before = g_markup_escape_text (self->snippet + at, start - at);
      g_autofree char *marked = g_markup_escape_text (self->snippet + start, end - start);

      g_string_append (markup, before);
      g_string_append (markup, "<b>");
      g_string_append (markup, marked);
      g_string_append (markup, "</b>");
      at = end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (self->snippet + at, -1);

    g_string_append (markup, rest);
  }

  return g_string_free (markup, FALSE);
}

/* Takes the "HEADING_ID \x1f HEADING \x1f SNIPPET" that hb_match() gives. */
static void
hb_search_result_set_match (HbSearchResult *self, const char *match)
{
  const char *first;
  const char *second;
  GString *snippet;

  if (match == NULL)
    {
      self->snippet = g_strdup ("");
      return;
    }

  first = strchr (match, HB_SEARCH_FIELD_SEPARATOR);
  second = first != NULL ? strchr (first + 1, HB_SEARCH_FIELD_SEPARATOR) : NULL;
  if (second == NULL)
    {
      self->snippet = g_strdup ("");
      return;
    }

  if (first > match)
    self->section_id = g_strndup (match, first - match);
  if (self->section_id != NULL && second > first + 1)
    self->section = g_strndup (first + 1, second - first - 1);

  snippet = g_string_new (NULL);
  for (const char *p = second + 1; *p != '\0'; p++)
    {
      if (*p == HB_SEARCH_MARK_START || *p == HB_SEARCH_MARK_END)
        {
          int offset = (int) snippet->len;

          g_array_append_val (self->marks, offset);
        }
      else
        g_string_append_c (snippet, *p);
    }
  if (self->marks->len % 2 != 0)
    {
      int offset = (int) snippet->len;

      g_array_append_val (self->marks, offset);
    }
  self->snippet = g_string_free (snippet, FALSE);
}

/* ------------------------------------------------------------------------ */
/* The query language. */

typedef enum
{
  TERM_WORD,
  TERM_PHRASE,
  TERM_SCOPE,
} TermKind;

typedef struct
{
  TermKind kind;
  gboolean negated;
  gboolean prefix;
  char scope;  /* TERM_SCOPE: 'k', 'l', 'p' or 't' */
  char *text;  /* the word, the phrase, or the scope's value */
  int start;   /* where it is in the (valid UTF-8) query */
  int end;
} Term;

static void
term_free (Term *term)
{
  g_free (term->text);
  g_free (term);
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
  int *count = user_data;

  (*count)++;
  return HB_TOKENIZE_OK;
}

static gboolean
has_tokens (const char *text)
{
  int count = 0;

  hb_tokenize (text, -1, HB_TOKENIZE_QUERY, count_cb, &count);
  return count > 0;
}

/* Whether the last letter or digit of @text is Chinese (or Japanese,
 * Korean): then it is looked up as a prefix, since a run's last character
 * stands alone in the index only where the run ends. */
static gboolean
ends_in_cjk (const char *text)
{
  const char *p = text + strlen (text);

  while (p > text)
    {
      gunichar c;

      p = g_utf8_find_prev_char (text, p);
      if (p == NULL)
        break;
      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        continue;
      if (hb_tokenizer_is_cjk (c))
        return TRUE;
      if (g_unichar_isalnum (c))
        return FALSE;
    }
  return FALSE;
}

/* Reads up to the closing quote; *@closed tells whether there was one. */
static const char *
read_quoted (const char *p, const char *end, GString *out, gboolean *closed)
{
  *closed = FALSE;
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next = c == (gunichar) -1 || c == (gunichar) -2 ? p + 1 : g_utf8_next_char (p);

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

static GPtrArray *
parse_query (const char *query, char **valid_out)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  g_autofree char *valid = NULL;
  const char *p;
  const char *end;
  gboolean ends_in_space = TRUE;
  Term *last_positive = NULL;

  if (query == NULL)
    return terms;

  valid = g_utf8_make_valid (query, -1);
  p = valid;
  end = valid + strlen (valid);

  while (p < end && terms->len < MAX_TERMS)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      gunichar c = g_utf8_get_char (p);
      Term *term;
      gboolean negated = FALSE;
      gboolean closed = TRUE;
      const char *term_start = p;
      TermKind kind = TERM_WORD;
      char key = 0;
      const char *colon;
      const char *word_end;

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

          kind = TERM_SCOPE;
          if (value < end && is_open_quote (g_utf8_get_char (value)))
            p = read_quoted (g_utf8_next_char (value), end, text, &closed);
          else
            {
              g_string_append_len (text, value, word_end - value);
              p = word_end;
            }
          /* "kind:" with nothing after it yet is ignored. */
          g_strstrip (text->str);
          text->len = strlen (text->str);
          if (text->len == 0)
            continue;
        }
      else if (is_open_quote (c))
        {
          kind = TERM_PHRASE;
          p = read_quoted (g_utf8_next_char (p), end, text, &closed);
          if (!has_tokens (text->str))
            continue;
        }
      else
        {
          g_string_append_len (text, p, word_end - p);
          p = word_end;
          if (!has_tokens (text->str))
            continue;
        }

      term = g_new0 (Term, 1);
      term->kind = kind;
      term->negated = negated;
      term->scope = key;
      term->text = g_string_free (g_steal_pointer (&text), FALSE);
      term->start = (int) (term_start - valid);
      term->end = (int) (p - valid);
      if (kind != TERM_SCOPE)
        {
          term->prefix = ends_in_cjk (term->text);
          /* A phrase still being typed. */
          if (kind == TERM_PHRASE && !closed)
            term->prefix = TRUE;
          if (!negated)
            last_positive = term;
        }
      g_ptr_array_add (terms, term);
      ends_in_space = kind == TERM_PHRASE && closed;
    }

  /* The word being typed is a prefix: "refu" finds "refund". */
  if (!ends_in_space && last_positive != NULL && terms->len > 0
      && g_ptr_array_index (terms, terms->len - 1) == last_positive)
    last_positive->prefix = TRUE;

  if (valid_out != NULL)
    *valid_out = g_steal_pointer (&valid);
  return terms;
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

static void
append_facet (GString *out, char key, const char *value)
{
  g_autofree char *token = hb_search_facet_token (key, value);

  g_string_append (out, "{facets} : ");
  append_quoted (out, token);
}

static gboolean is_ascii_word (const char *text);

static void
append_term (GString *out, const Term *term)
{
  gsize len;

  if (term->kind == TERM_SCOPE)
    {
      append_facet (out, term->scope, term->text);
      return;
    }
  if (!term->prefix)
    {
      append_quoted (out, term->text);
      return;
    }

  len = strlen (term->text);
  if (term->kind != TERM_WORD || len < 4 || !is_ascii_word (term->text))
    {
      append_quoted (out, term->text);
      g_string_append (out, " *");
      return;
    }

  /*
   * The index holds stems, and a word being typed may stop inside the
   * suffix that stemming takes off: "arbitra" on its way to "arbitration"
   * (indexed "arbitr") is no prefix of it. So the typed word is also
   * looked up whole without its last one to three letters.
   */
  g_string_append_c (out, '(');
  append_quoted (out, term->text);
  g_string_append (out, " *");
  for (gsize cut = MAX (3, len - 3); cut < len; cut++)
    {
      g_autofree char *shorter = g_strndup (term->text, cut);

      g_string_append (out, " OR ");
      append_quoted (out, shorter);
    }
  g_string_append_c (out, ')');
}

typedef struct
{
  char *match;  /* the whole query */
  char *titles; /* the text terms ORed, for the title tier; NULL when none */
} FtsQuery;

static void
fts_query_clear (FtsQuery *q)
{
  g_clear_pointer (&q->match, g_free);
  g_clear_pointer (&q->titles, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FtsQuery, fts_query_clear)

static gboolean
build_fts_query (const char *query, const HbSearchOptions *options, FtsQuery *out)
{
  g_autoptr (GPtrArray) terms = parse_query (query, NULL);
  g_autoptr (GString) positive = g_string_new (NULL);
  g_autoptr (GString) titles = g_string_new (NULL);
  g_autoptr (GString) match = NULL;
  guint n_negative = 0;
  guint i;

#define AND(s)                                                                                     \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if ((s)->len > 0)                                                                              \
      g_string_append (s, " AND ");                                                                \
  }                                                                                                \
  G_STMT_END

  for (i = 0; i < terms->len; i++)
    {
      Term *term = g_ptr_array_index (terms, i);

      if (term->negated)
        {
          n_negative++;
          continue;
        }
      if (term->kind != TERM_SCOPE)
        {
          if (titles->len > 0)
            g_string_append (titles, " OR ");
          append_term (titles, term);
        }
      AND (positive);
      append_term (positive, term);
    }

  if (options != NULL)
    {
      const struct
      {
        char key;
        const char *value;
      } filters[] = { { 'k', options->kind },
                      { 'p', options->platform },
                      { 't', options->tag },
                      { 'l', options->lang } };

      for (i = 0; i < G_N_ELEMENTS (filters); i++)
        if (filters[i].value != NULL && *filters[i].value != '\0')
          {
            AND (positive);
            append_facet (positive, filters[i].key, filters[i].value);
          }
    }

  if (positive->len == 0)
    {
      if (n_negative == 0)
        return FALSE;
      /* Only exclusions: from every article. */
      g_string_append (positive, "{facets} : \"" HB_SEARCH_FACET_ALL "\"");
    }

  match = g_string_new (NULL);
  if (n_negative > 0)
    g_string_append_c (match, '(');
  g_string_append (match, positive->str);
  if (n_negative > 0)
    g_string_append_c (match, ')');
  for (i = 0; i < terms->len; i++)
    {
      Term *term = g_ptr_array_index (terms, i);

      if (!term->negated)
        continue;
      g_string_append (match, " NOT ");
      append_term (match, term);
    }

#undef AND

  out->match = g_string_free (g_steal_pointer (&match), FALSE);
  out->titles = titles->len > 0 ? g_string_free (g_steal_pointer (&titles), FALSE) : NULL;
  return TRUE;
}

char *
hb_search_query_to_fts (const char *query, const HbSearchOptions *options)
{
  FtsQuery q = { NULL, NULL };
  char *match;

  if (!build_fts_query (query, options, &q))
    return NULL;
  match = g_steal_pointer (&q.match);
  fts_query_clear (&q);
  return match;
}

/* ------------------------------------------------------------------------ */
/* Running it. */

static HbSearchResult *
result_from_row (HbStoreSearchRow *row)
{
  HbSearchResult *result = g_object_new (HB_TYPE_SEARCH_RESULT, NULL);

  result->rank = row->rank;
  hb_search_result_set_match (result, row->match);
  result->id = g_steal_pointer (&row->id);
  result->version = row->version;
  result->title = g_steal_pointer (&row->title);
  result->kind = g_steal_pointer (&row->kind);
  result->platforms = g_steal_pointer (&row->platforms);
  if (result->platforms == NULL)
    result->platforms = g_new0 (char *, 1);
  result->source = g_steal_pointer (&row->source);
  return result;
}

/* Exclusions and scopes only: nothing to rank, so the newest matches from
 * rowid @threshold on by title. The snippets are made for the rows shown
 * only. */
static gboolean
run_by_title (HbStore *store,
              const char *match,
              gint64 threshold,
              guint limit,
              GListStore *results,
              GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_store_search_row_free);

  if (!hb_store_search_by_title (store, match, threshold, limit, rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr (HbSearchResult) result = result_from_row (g_ptr_array_index (rows, i));

      g_list_store_append (results, result);
    }
  return TRUE;
}

/*
 * What each phrase of an expression that build_fts_query() made is, in
 * the order FTS5 numbers them (the order they are written in): every
 * phrase is a quoted string, perhaps a prefix (" *" after it) or limited
 * to the facets ("{facets} : " before it). The key is that text.
 */
static GPtrArray *
phrase_keys (const char *match)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const char *p = match;

  while ((p = strchr (p, '"')) != NULL)
    {
      const char *start = p;
      const char *end;

      /* "" inside a quoted string is a quote. */
      for (end = p + 1; *end != '\0'; end++)
        if (*end == '"')
          {
            if (end[1] != '"')
              break;
            end++;
          }
      if (*end == '\0')
        break;
      end++;
      if (g_str_has_prefix (end, " *"))
        end += 2;
      if (start - match >= 4 && strncmp (start - 4, "} : ", 4) == 0)
        g_ptr_array_add (keys, g_strdup_printf ("{facets} : %.*s", (int) (end - start), start));
      else
        g_ptr_array_add (keys, g_strndup (start, end - start));
      p = end;
    }
  return keys;
}

/* The result for a row the scan kept; NULL with no error when the row is
 * gone. */
static HbSearchResult *
result_for_row (HbStore *store, HbSearchScan *scan, const HbSearchRow *row, GError **error)
{
  g_autoptr (HbStoreSearchRow) found = hb_store_search_scan_row (store, scan, row, error);

  return found != NULL ? result_from_row (found) : NULL;
}

/* Best first; equal ranks oldest first, as FTS5's own sorting gives them. */
static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const HbSearchRow *x = *(const HbSearchRow *const *) a;
  const HbSearchRow *y = *(const HbSearchRow *const *) b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->rowid < y->rowid ? -1 : x->rowid > y->rowid ? 1 : 0;
}

/* Appends the best of @rows not in @seen to @results until it holds
 * @limit. */
static gboolean
append_best (HbStore *store,
             HbSearchScan *scan,
             GPtrArray *rows,
             guint limit,
             GListStore *results,
             GHashTable *seen,
             GError **error)
{
  g_ptr_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len && g_list_model_get_n_items (G_LIST_MODEL (results)) < limit;
       i++)
    {
      const HbSearchRow *row = g_ptr_array_index (rows, i);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (HbSearchResult) result = NULL;

      if (!g_hash_table_add (seen, (gpointer) row))
        continue;
      result = result_for_row (store, scan, row, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (result != NULL)
        g_list_store_append (results, result);
    }
  return TRUE;
}

void
hb_search_set_caps (HbStore *store, guint rank_cap, guint title_window)
{
  g_return_if_fail (HB_IS_STORE (store));

  hb_store_search_set_caps (store, rank_cap, title_window);
}

static gboolean
run_query (HbStore *store, FtsQuery *q, guint limit, GListStore *results, GError **error)
{
  g_autoptr (HbSearchScan) scan = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  guint rank_cap;
  guint title_window;
  gboolean refused = FALSE;

  hb_store_search_get_caps (store, &rank_cap, &title_window);
  if (q->titles == NULL)
    {
      gint64 threshold = hb_store_search_threshold (store, q->match, 0, (int) rank_cap, error);

      if (threshold < 0)
        return threshold == -2;
      return run_by_title (store, q->match, threshold, limit, results, error);
    }

  /*
   * Too many matches to rank them all on every keystroke: only the newest
   * rank_cap are. With the title weighing ten times the body, the best
   * come from the articles that match in their title: those among the
   * newest title_window matches (the newest rank_cap of them) come first,
   * ranked, then the best of the rest of the newest matches. One pass
   * over the matches, newest first, finds and ranks both and keeps what
   * the snippets of the best need: the expression, which for a prefix of
   * more than three letters means merging the lists of every word that
   * starts so, is evaluated once per search.
   */
  scan = hb_search_scan_new (rank_cap, title_window, limit);
  keys = phrase_keys (q->match);
  scan->phrase_keys = keys;
  scan->phrase_rows = hb_store_search_phrase_rows (store);
  if (!hb_store_search_scan (store, q->match, scan, &refused, error))
    return FALSE;
  if (refused)
    return TRUE;

  seen = g_hash_table_new (NULL, NULL);
  rows = g_ptr_array_sized_new (scan->limit);
  if (scan->n_matches > scan->rank_cap)
    {
      for (guint i = 0; i < scan->best_titles->len; i++)
        g_ptr_array_add (rows, &g_array_index (scan->rows, HbSearchRow,
                                               g_array_index (scan->best_titles, guint, i)));
      if (!append_best (store, scan, rows, limit, results, seen, error))
        return FALSE;
      g_ptr_array_set_size (rows, 0);
    }
  for (guint i = 0; i < scan->best->len; i++)
    g_ptr_array_add (rows, &g_array_index (scan->rows, HbSearchRow,
                                           g_array_index (scan->best, guint, i)));
  return append_best (store, scan, rows, limit, results, seen, error);
}

GListModel *
hb_search_run (HbStore *store, const char *query, const HbSearchOptions *options, GError **error)
{
  g_autoptr (GListStore) results = g_list_store_new (HB_TYPE_SEARCH_RESULT);
  guint limit = DEFAULT_LIMIT;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  if (options != NULL && options->limit > 0)
    limit = MIN (options->limit, MAX_LIMIT);

  {
    g_auto (FtsQuery) q = { NULL, NULL };
    gboolean ok = TRUE;

    if (build_fts_query (query, options, &q))
      {
        /* One read for every statement of the search: each statement on its
         * own would take and drop the WAL lock, which costs more than
         * reading its row. */
        gboolean own = hb_store_read_begin (store, NULL);

        ok = run_query (store, &q, limit, results, error);
        if (own)
          hb_store_read_end (store);
      }
    if (!ok)
      return NULL;
  }

  return G_LIST_MODEL (g_steal_pointer (&results));
}

/* ------------------------------------------------------------------------ */
/* Did you mean */

/* The optimal string alignment distance (Levenshtein with transpositions),
 * or @max + 1 when it is more than @max. */
static int
edit_distance (const char *a, int la, const char *b, int lb, int max)
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

typedef struct
{
  char *term;
  int distance;
  gint64 docs;
} Candidate;

static void
candidate_clear (gpointer data)
{
  g_free (((Candidate *) data)->term);
}

static int
compare_candidates (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->distance != y->distance)
    return x->distance - y->distance;
  return x->docs > y->docs ? -1 : x->docs < y->docs ? 1 : strcmp (x->term, y->term);
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

static void
collect_candidates (HbStore *store, const char *stem, char first, GArray *candidates, GHashTable *seen)
{
  char from[2] = { first, '\0' };
  char to[2] = { (char) (first + 1), '\0' };
  int len = (int) strlen (stem);
  int max = len <= 4 ? 1 : 2;
  g_autoptr (GArray) terms = hb_store_search_vocab_range (store, from, to);

  for (guint i = 0; i < terms->len; i++)
    {
      HbStoreVocabTerm *vocab = &g_array_index (terms, HbStoreVocabTerm, i);
      const char *term = vocab->term;
      int term_len = (int) strlen (term);
      int d;

      if (term_len < 2 || !is_ascii_word (term) || g_hash_table_contains (seen, term))
        continue;
      d = edit_distance (stem, len, term, term_len, max);
      if (d <= max)
        {
          Candidate c = { g_strdup (term), d, vocab->docs };

          g_hash_table_add (seen, g_strdup (term));
          g_array_append_val (candidates, c);
        }
    }
}

/* The word as the articles write it for a stemmed term of the index: the
 * shortest of the forms in the first few articles ("policy" rather than
 * "policies" for "polici"); NULL when none is found. */
static char *
surface_word (HbStore *store, const char *term)
{
  g_autoptr (GString) match = g_string_new (NULL);
  g_autoptr (GPtrArray) words = NULL;
  const char *best = NULL;

  /* As a prefix, the term is also looked up unstemmed. */
  append_quoted (match, term);
  g_string_append (match, " *");
  words = hb_store_search_term_texts (store, match->str, term, 20);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (is_ascii_word (word) && (best == NULL || strlen (word) < strlen (best)))
        best = word;
    }
  return g_strdup (best);
}

typedef struct
{
  const Term *term;
  GPtrArray *words; /* (element-type utf8) corrections, best first */
} Correction;

char **
hb_search_suggest (HbStore *store, const char *query, guint max)
{
  g_autofree char *valid = NULL;
  g_autoptr (GPtrArray) terms = NULL;
  g_autoptr (GArray) corrections = g_array_new (FALSE, FALSE, sizeof (Correction));
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  guint i, k;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  terms = parse_query (query, &valid);
  for (i = 0; i < terms->len && max > 0; i++)
    {
      Term *term = g_ptr_array_index (terms, i);
      g_autofree char *word = NULL;
      g_autofree char *stem = NULL;
      g_autoptr (GArray) candidates = NULL;
      g_autoptr (GHashTable) seen = NULL;
      Correction correction;

      if (term->kind != TERM_WORD || term->negated)
        continue;
      word = g_ascii_strdown (term->text, -1);
      if (!is_ascii_word (word) || strlen (word) < 3)
        continue;
      stem = hb_tokenizer_stem (word);
      if (hb_store_search_vocab_knows (store, stem, FALSE)
          || (term->prefix && (hb_store_search_vocab_knows (store, word, TRUE)
                               || hb_store_search_vocab_knows (store, stem, TRUE))))
        continue;

      candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
      g_array_set_clear_func (candidates, candidate_clear);
      seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      collect_candidates (store, stem, stem[0], candidates, seen);
      /* A slip on the first letter. */
      if (stem[1] != stem[0])
        collect_candidates (store, stem, stem[1], candidates, seen);
      if (candidates->len == 0)
        continue;
      g_array_sort (candidates, compare_candidates);
      /* Only the closest few are looked up as written. */
      if (candidates->len > 8)
        g_array_set_size (candidates, 8);

      correction.term = term;
      correction.words = g_ptr_array_new_with_free_func (g_free);
      for (k = 0; k < candidates->len && correction.words->len < max; k++)
        {
          char *surface = surface_word (store, g_array_index (candidates, Candidate, k).term);

          if (surface == NULL)
            continue;
          if (g_ptr_array_find_with_equal_func (correction.words, surface, g_str_equal, NULL))
            g_free (surface);
          else
            g_ptr_array_add (correction.words, surface);
        }
      if (correction.words->len == 0)
        {
          g_ptr_array_unref (correction.words);
          continue;
        }
      g_array_append_val (corrections, correction);
    }

  /* Suggestion k takes the k-th correction of each word (or its best). */
  for (k = 0; corrections->len > 0 && k < max; k++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      gboolean new_word = FALSE;
      int at = 0;

      for (i = 0; i < corrections->len; i++)
        {
          Correction *c = &g_array_index (corrections, Correction, i);
          const char *replacement;

          if (k < c->words->len)
            {
              replacement = g_ptr_array_index (c->words, k);
              new_word = TRUE;
            }
          else
            replacement = g_ptr_array_index (c->words, 0);
          g_string_append_len (text, valid + at, c->term->start - at);
          g_string_append (text, replacement);
          at = c->term->end;
        }
      g_string_append (text, valid + at);
      if (!new_word)
        break;
      g_ptr_array_add (out, g_string_free (g_steal_pointer (&text), FALSE));
    }

  for (i = 0; i < corrections->len; i++)
    g_ptr_array_unref (g_array_index (corrections, Correction, i).words);

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}
