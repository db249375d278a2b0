/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include "hb-cli-commands.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "hb-cli.h"
#include "hb-search.h"


static void
print_snippet (HbSearchResult *result, gboolean tty)
{
  g_autofree char *markup = hb_search_result_get_snippet_markup (result);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *plain = NULL;

  /* The markup is escaped text with <b> around the matches: turn it back
   * into text, the matches bold on a terminal and **marked** elsewhere. */
  for (const char *p = markup; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "<b>"))
        {
          g_string_append (out, tty ? "\033[1m" : "**");
          p += 2;
        }
      else if (g_str_has_prefix (p, "</b>"))
        {
          g_string_append (out, tty ? "\033[0m" : "**");
          p += 3;
        }
      else if (g_str_has_prefix (p, "&lt;"))
        g_string_append_c (out, '<'), p += 3;
      else if (g_str_has_prefix (p, "&gt;"))
        g_string_append_c (out, '>'), p += 3;
      else if (g_str_has_prefix (p, "&amp;"))
        g_string_append_c (out, '&'), p += 4;
      else if (g_str_has_prefix (p, "&quot;"))
        g_string_append_c (out, '"'), p += 5;
      else if (g_str_has_prefix (p, "&apos;"))
        g_string_append_c (out, '\''), p += 5;
      else if (g_str_has_prefix (p, "&#39;"))
        g_string_append_c (out, '\''), p += 4;
      else
        g_string_append_c (out, *p);
    }
  plain = g_string_free (g_steal_pointer (&out), FALSE);
  if (*plain != '\0')
    g_print ("   %s\n", plain);
}

static JsonNode *
result_to_json (HbSearchResult *result)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *const *platforms = hb_search_result_get_platforms (result);
  g_autofree char *markup = hb_search_result_get_snippet_markup (result);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, hb_search_result_get_id (result));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, hb_search_result_get_title (result));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, hb_search_result_get_source (result));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, hb_search_result_get_kind (result));
  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  for (guint i = 0; platforms != NULL && platforms[i] != NULL; i++)
    json_builder_add_string_value (builder, platforms[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, hb_search_result_get_version (result));
  json_builder_set_member_name (builder, "section_id");
  if (hb_search_result_get_section_id (result) != NULL)
    json_builder_add_string_value (builder, hb_search_result_get_section_id (result));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "section");
  if (hb_search_result_get_section (result) != NULL)
    json_builder_add_string_value (builder, hb_search_result_get_section (result));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "snippet");
  json_builder_add_string_value (builder, hb_search_result_get_snippet (result));
  json_builder_set_member_name (builder, "snippet_markup");
  json_builder_add_string_value (builder, markup);
  json_builder_set_member_name (builder, "rank");
  json_builder_add_double_value (builder, hb_search_result_get_rank (result));
  /* Why it was found: each word of the query it holds, through what and
   * where. */
  json_builder_set_member_name (builder, "matches");
  json_builder_begin_array (builder);
  {
    GPtrArray *matches = hb_search_result_get_matches (result);
    static const char *const how_names[] = { "word",       "prefix",   "synonym",
                                             "correction", "platform", "kind" };
    static const struct
    {
      HbSearchFields field;
      const char *name;
    } fields[] = { { HB_SEARCH_FIELD_TITLE, "title" },
                   { HB_SEARCH_FIELD_HEADINGS, "headings" },
                   { HB_SEARCH_FIELD_TAGS, "tags" },
                   { HB_SEARCH_FIELD_BODY, "body" },
                   { HB_SEARCH_FIELD_PLATFORMS, "platforms" },
                   { HB_SEARCH_FIELD_KIND, "kind" } };

    for (guint i = 0; i < matches->len; i++)
      {
        HbSearchMatch *match = g_ptr_array_index (matches, i);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "word");
        json_builder_add_string_value (builder, match->word);
        json_builder_set_member_name (builder, "matched");
        json_builder_add_string_value (builder, match->matched);
        json_builder_set_member_name (builder, "how");
        json_builder_add_string_value (builder, how_names[match->how]);
        json_builder_set_member_name (builder, "fields");
        json_builder_begin_array (builder);
        for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
          if (match->fields & fields[f].field)
            json_builder_add_string_value (builder, fields[f].name);
        json_builder_end_array (builder);
        json_builder_end_object (builder);
      }
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

int
hb_cli_search (int argc, char **argv)
{
  g_autoptr (HbStore) store = NULL;
  int limit = 20;
  gboolean json = FALSE;
  g_autofree char *kind = NULL;
  g_autofree char *platform = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *lang = NULL;
  g_auto (GStrv) words = NULL;
  gboolean no_correction = FALSE;
  GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N results (default 20)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the results and suggestions as JSON"), NULL },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Only articles of this kind"), N_("KIND") },
    { "platform", 'p', 0, G_OPTION_ARG_STRING, &platform, N_("Only articles for this platform"),
      N_("PLATFORM") },
    { "tag", 't', 0, G_OPTION_ARG_STRING, &tag, N_("Only articles with this tag"), N_("TAG") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("Only articles in this language"), N_("LANG") },
    { "no-correction", 0, 0, G_OPTION_ARG_NONE, &no_correction,
      N_("Search for the words as typed, even where they look like typos"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &words, NULL, N_("QUERY…") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GPtrArray) excluded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) placeholders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) results = NULL;
  g_autoptr (HbSearchResponse) response = NULL;
  const char *const *suggestions;
  g_autofree char *query = NULL;
  HbSearchOptions options = { 0 };
  guint n;

  g_option_context_set_summary (
    context, _("Searches the articles in force. The articles that hold the most of the words "
               "come first, \"quoted phrases\" match as written, -word excludes, and kind:, "
               "platform:, tag: and lang: filter."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /*
   * "-word" excludes a word: once the query has begun, an argument of one
   * dash and a word ("-tmall", "-card") is part of it, not an option.
   * They are set aside from GOption and put back in place.
   */
  {
    gboolean in_query = FALSE;

    for (int i = 1; i < argc; i++)
      {
        const char *arg = argv[i];

        if (arg[0] != '-')
          in_query = TRUE;
        else if (in_query && arg[1] != '-' && arg[1] != '\0' && arg[2] != '\0')
          {
            g_ptr_array_add (excluded, g_strdup (arg));
            argv[i] = g_strdup_printf ("\x01%u", excluded->len - 1);
            g_ptr_array_add (placeholders, argv[i]);
          }
      }
  }
  if (!hb_cli_option_parse (context, &argc, &argv, &error))
    {
      g_printerr (_("handbook-cli search: %s (see “handbook-cli search --help”)\n"),
                  error->message);
      return 2;
    }
  if (words == NULL || words[0] == NULL)
    {
      g_printerr (_("handbook-cli search: no query (see “handbook-cli search --help”)\n"));
      return 2;
    }
  if (limit < 1)
    {
      g_printerr (_("handbook-cli search: --limit must be at least 1\n"));
      return 2;
    }

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);

  /* The words of the query, as if typed and finished. */
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] == '\x01')
      {
        guint index = (guint) g_ascii_strtoull (words[i] + 1, NULL, 10);

        if (index < excluded->len)
          {
            g_free (words[i]);
            words[i] = g_strdup (g_ptr_array_index (excluded, index));
          }
      }
  query = g_strjoinv (" ", words);
  options.kind = kind;
  options.platform = platform;
  options.tag = tag;
  options.lang = lang;
  options.limit = (guint) limit;
  options.flags = no_correction ? HB_SEARCH_FLAGS_NO_CORRECTION : HB_SEARCH_FLAGS_NONE;

  response = hb_search (store, query, &options, NULL, &error);
  if (response == NULL)
    {
      g_printerr ("handbook-cli: %s\n", error->message);
      return 1;
    }
  results = g_object_ref (hb_search_response_get_results (response));
  n = g_list_model_get_n_items (results);
  suggestions = hb_search_response_get_suggestions (response);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, query);
      /* The query as searched, when a typo was corrected. */
      json_builder_set_member_name (builder, "corrected_query");
      if (hb_search_response_get_corrected_query (response) != NULL)
        json_builder_add_string_value (builder, hb_search_response_get_corrected_query (response));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "corrections");
      json_builder_begin_array (builder);
      {
        GPtrArray *corrections = hb_search_response_get_corrections (response);

        for (guint i = 0; i < corrections->len; i++)
          {
            HbSearchCorrected *corrected = g_ptr_array_index (corrections, i);

            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "from");
            json_builder_add_string_value (builder, corrected->from);
            json_builder_set_member_name (builder, "to");
            json_builder_add_string_value (builder, corrected->to);
            json_builder_end_object (builder);
          }
      }
      json_builder_end_array (builder);
      /* The words no article has: the results match the others. */
      json_builder_set_member_name (builder, "missing");
      json_builder_begin_array (builder);
      {
        GPtrArray *missing = hb_search_response_get_missing (response);

        for (guint i = 0; i < missing->len; i++)
          json_builder_add_string_value (builder, g_ptr_array_index (missing, i));
      }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "results");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (HbSearchResult) result = g_list_model_get_item (results, i);

          json_builder_add_value (builder, result_to_json (result));
        }
      json_builder_end_array (builder);
      /* Whether a larger --limit would list more. */
      json_builder_set_member_name (builder, "has_more");
      json_builder_add_boolean_value (builder, hb_search_response_get_has_more (response));
      json_builder_set_member_name (builder, "suggestions");
      json_builder_begin_array (builder);
      for (guint i = 0; suggestions[i] != NULL; i++)
        json_builder_add_string_value (builder, suggestions[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return 0;
    }

  if (hb_search_response_get_corrected_query (response) != NULL)
    g_print (_("Showing results for “%s”. Search for “%s” instead with --no-correction.\n\n"),
             hb_search_response_get_corrected_query (response), query);
  if (n > 0 && hb_search_response_get_missing (response)->len > 0)
    {
      g_autofree char *absent = hb_search_quote_words (hb_search_response_get_missing (response));

      /* Translators: %s is one or more words as typed, each in quotes. */
      g_print (_("No article has %s: these results match the other words.\n\n"), absent);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HbSearchResult) result = g_list_model_get_item (results, i);
      const char *const *platforms = hb_search_result_get_platforms (result);
      g_autofree char *platform_list = g_strjoinv (", ", (char **) platforms);

      g_print ("%u. %s\n", i + 1, hb_search_result_get_title (result));
      g_print ("   %s · %s · v%u%s%s · %s\n", hb_search_result_get_id (result),
               hb_search_result_get_kind (result), hb_search_result_get_version (result),
               *platform_list != '\0' ? " · " : "", platform_list,
               hb_search_result_get_source (result));
      if (hb_search_result_get_section (result) != NULL)
        g_print ("   § %s (#%s)\n", hb_search_result_get_section (result),
                 hb_search_result_get_section_id (result));
      print_snippet (result, isatty (STDOUT_FILENO));
    }

  if (hb_search_response_get_has_more (response))
    /* Translators: %d is the --limit given, 20 unless the user chose. */
    g_print (_("More results than these %d: show more with --limit.\n"), limit);
  if (n == 0)
    g_printerr (_("No articles match “%s”.\n"), query);
  if (suggestions[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (_("”, “"), (char **) suggestions);

      g_print (_("Did you mean “%s”?\n"), joined);
    }

  return 0;
}
