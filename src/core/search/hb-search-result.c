/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-internal.h"

/* ------------------------------------------------------------------------ */
/* HbSearchResult */

struct _HbSearchResult
{
  GObject parent_instance;

  HbStoreSearchRow *row;    /* id, title, kind, language, platforms, source, version */
  HbSearchSnippet *snippet; /* (nullable) the section, the text and its marks */
  double rank;
  GPtrArray *matches; /* (element-type HbSearchMatch) */
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

  g_clear_pointer (&self->row, hb_store_search_row_unref);
  g_clear_pointer (&self->snippet, hb_search_snippet_unref);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  G_OBJECT_CLASS (hb_search_result_parent_class)->finalize (object);
}

static void
hb_search_result_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbSearchResult *self = HB_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->row->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->row->title);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->row->kind);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->row->source);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->row->version);
      break;
    case PROP_SECTION_ID:
      g_value_set_string (value, hb_search_result_get_section_id (self));
      break;
    case PROP_SECTION:
      g_value_set_string (value, hb_search_result_get_section (self));
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, hb_search_result_get_snippet (self));
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
match_free (HbSearchMatch *match)
{
  g_free (match->word);
  g_free (match->matched);
  g_free (match);
}

static void
hb_search_result_init (HbSearchResult *self)
{
  self->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) match_free);
}

HbSearchResult *
hb_search_result_new (HbStoreSearchRow *row, double rank, HbSearchSnippet *snippet)
{
  HbSearchResult *self = g_object_new (HB_TYPE_SEARCH_RESULT, NULL);

  self->rank = rank;
  self->row = hb_store_search_row_ref (row);
  if (snippet != NULL)
    self->snippet = hb_search_snippet_ref (snippet);
  return self;
}

void
hb_search_result_add_match (HbSearchResult *self, const char *word, const char *matched,
                            HbSearchHow how, HbSearchFields fields)
{
  HbSearchMatch *match = g_new0 (HbSearchMatch, 1);

  match->word = g_strdup (word);
  match->matched = g_strdup (matched);
  match->how = how;
  match->fields = fields;
  g_ptr_array_add (self->matches, match);
}

const char *
hb_search_result_get_id (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->row->id;
}

const char *
hb_search_result_get_title (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->row->title;
}

const char *
hb_search_result_get_kind (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->row->kind;
}

const char *
hb_search_result_get_lang (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->row->lang;
}

GPtrArray *
hb_search_result_get_matches (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->matches;
}

const char *const *
hb_search_result_get_platforms (HbSearchResult *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->row->platforms != NULL ? (const char *const *) self->row->platforms : none;
}

const char *
hb_search_result_get_source (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->row->source;
}

guint
hb_search_result_get_version (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), 0);
  return self->row->version;
}

const char *
hb_search_result_get_section_id (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->snippet != NULL ? self->snippet->section_id : NULL;
}

const char *
hb_search_result_get_section (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->snippet != NULL ? self->snippet->section : NULL;
}

const char *
hb_search_result_get_snippet (HbSearchResult *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);
  return self->snippet != NULL && self->snippet->text != NULL ? self->snippet->text : "";
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
  const char *text;
  GArray *marks;
  int at = 0;
  guint i;

  g_return_val_if_fail (HB_IS_SEARCH_RESULT (self), NULL);

  text = hb_search_result_get_snippet (self);
  marks = self->snippet != NULL ? self->snippet->marks : NULL;
  markup = g_string_new (NULL);
  for (i = 0; marks != NULL && i + 1 < marks->len; i += 2)
    {
      int start = g_array_index (marks, int, i);
      int end = g_array_index (marks, int, i + 1);
      g_autofree char *before = g_markup_escape_text (text + at, start - at);
      g_autofree char *marked = g_markup_escape_text (text + start, end - start);

      g_string_append (markup, before);
      g_string_append (markup, "<b>");
      g_string_append (markup, marked);
      g_string_append (markup, "</b>");
      at = end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + at, -1);

    g_string_append (markup, rest);
  }

  return g_string_free (markup, FALSE);
}

