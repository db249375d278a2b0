/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-redline"

#include "config.h"

#include "hb-redline.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hb-page.h"

char *
hb_redline_uri (const char *id, guint from, guint to, gboolean changes_only)
{
  g_autoptr (GString) uri = g_string_new (HB_REDLINE_URI_PREFIX);

  g_return_val_if_fail (id != NULL, NULL);

  g_string_append_uri_escaped (uri, id, "/", TRUE);
  g_string_append_printf (uri, "?from=%u&to=%u", from, to);
  if (changes_only)
    g_string_append (uri, "&changes-only=1");
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

static gboolean
parse_number (const char *text, guint *out)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

gboolean
hb_redline_uri_parse (const char *uri, char **id, guint *from, guint *to, gboolean *changes_only)
{
  g_autofree char *rest = NULL;
  g_auto (GStrv) params = NULL;
  char *query;
  char *fragment;
  gboolean have_to = FALSE;
  guint i;

  g_return_val_if_fail (uri != NULL && id != NULL && from != NULL && to != NULL, FALSE);

  if (!g_str_has_prefix (uri, HB_REDLINE_URI_PREFIX))
    return FALSE;
  rest = g_strdup (uri + strlen (HB_REDLINE_URI_PREFIX));
  fragment = strchr (rest, '#');
  if (fragment != NULL)
    *fragment = '\0';
  query = strchr (rest, '?');
  if (query == NULL)
    return FALSE;
  *query++ = '\0';

  *from = 0;
  *to = 0;
  if (changes_only != NULL)
    *changes_only = FALSE;
  params = g_strsplit (query, "&", -1);
  for (i = 0; params[i] != NULL; i++)
    {
      if (g_str_has_prefix (params[i], "from="))
        {
          if (!parse_number (params[i] + 5, from))
            return FALSE;
        }
      else if (g_str_has_prefix (params[i], "to="))
        {
          if (!parse_number (params[i] + 3, to) || *to == 0)
            return FALSE;
          have_to = TRUE;
        }
      else if (strcmp (params[i], "changes-only=1") == 0 && changes_only != NULL)
        *changes_only = TRUE;
    }
  if (!have_to || *from >= *to)
    return FALSE;

  *id = g_uri_unescape_string (rest, NULL);
  if (*id == NULL || **id == '\0')
    {
      g_clear_pointer (id, g_free);
      return FALSE;
    }
  return TRUE;
}

static void
append_escaped (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static const char *
change_label (HbDiffChange change)
{
  switch (change)
    {
    case HB_DIFF_ADDED:
      return _("new");
    case HB_DIFF_REMOVED:
      return _("removed");
    case HB_DIFF_CHANGED:
    case HB_DIFF_SAME:
    default:
      return _("changed");
    }
}

static void
append_summary (GString *out, HbDiff *diff, const HbRedlinePage *page)
{
  const HbDiffSummary *summary = hb_diff_get_summary (diff);
  g_autofree char *counts = NULL;
  guint i;

  g_string_append (out, "<nav class=\"hb-redline-summary\">\n<p>");
  if (!hb_diff_has_changes (diff))
    append_escaped (out, _("The two versions say the same."));
  else
    {
      g_autofree char *sections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section changed",
                                                                "%u sections changed", summary->sections->len),
                                                   summary->sections->len);

      /* Translators: the first %s is "2 sections changed"; the plural
       * follows the words added. */
      counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u word added, %u removed",
                                             "%s: %u words added, %u removed", summary->words_added),
                                sections, summary->words_added, summary->words_removed);
      g_string_append (out, "<strong>");
      append_escaped (out, counts);
      g_string_append (out, "</strong>");
    }
  if (page->toggle_uri != NULL)
    {
      g_autofree char *href = g_markup_escape_text (page->toggle_uri, -1);

      g_string_append_printf (out, " · <a class=\"hb-redline-toggle\" href=\"%s\">", href);
      append_escaped (out, page->changes_only ? _("Show the whole text") : _("Show the changes only"));
      g_string_append (out, "</a>");
    }
  g_string_append (out, "</p>\n");

  if (summary->sections->len > 0)
    {
      g_string_append (out, "<ul>\n");
      for (i = 0; i < summary->sections->len; i++)
        {
          const HbDiffSection *section = g_ptr_array_index (summary->sections, i);
          g_autofree char *numbers = g_strdup_printf ("+%u −%u", section->words_added, section->words_removed);
          const char *text = section->text != NULL ? section->text : _("Before the first heading");

          g_string_append_printf (out, "<li class=\"hb-%s\">",
                                  section->change == HB_DIFF_ADDED     ? "added"
                                  : section->change == HB_DIFF_REMOVED ? "removed"
                                                                       : "changed");
          if (section->anchor != NULL)
            {
              g_autofree char *anchor = g_uri_escape_string (section->anchor, NULL, TRUE);

              g_string_append_printf (out, "<a href=\"#%s\">", anchor);
              append_escaped (out, text);
              g_string_append (out, "</a>");
            }
          else
            append_escaped (out, text);
          g_string_append (out, " <span class=\"hb-redline-count\">");
          append_escaped (out, change_label (section->change));
          g_string_append (out, " · ");
          append_escaped (out, numbers);
          g_string_append (out, "</span></li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
  g_string_append (out, "</nav>\n");
}

/* An unchanged first "# Title" that only repeats the title is left out,
 * as on the article page; its id goes to the page's own heading, so that
 * links to it still land. Returns that id, and in @shown the HTML to show. */
static char *
skip_repeated_title (char *body, const char *title, const char **shown)
{
  static const char start[] = "<div class=\"hb-redline\">\n<h1 id=\"";
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *closing = g_strdup_printf ("\">%s</h1>\n", escaped);
  g_autofree char *context = g_strdup_printf ("\" class=\"hb-context\">%s</h1>\n", escaped);
  char *id_end;
  char *id;

  *shown = body;
  if (!g_str_has_prefix (body, start))
    return NULL;
  /* As it is, or as the context of the changes only. */
  id_end = strstr (body + strlen (start), closing);
  if (id_end == NULL || strchr (body + strlen (start), '"') < id_end)
    {
      id_end = strstr (body + strlen (start), context);
      g_free (closing);
      closing = g_steal_pointer (&context);
    }
  if (id_end == NULL || memchr (body + strlen (start), '"', id_end - body - strlen (start)) != NULL)
    return NULL;

  id = g_strndup (body + strlen (start), id_end - body - strlen (start));
  /* Keep the <div>: move its start over the heading. */
  memmove (id_end + strlen (closing) - strlen ("<div class=\"hb-redline\">\n"), "<div class=\"hb-redline\">\n",
           strlen ("<div class=\"hb-redline\">\n"));
  *shown = id_end + strlen (closing) - strlen ("<div class=\"hb-redline\">\n");
  /* The id was escaped for the attribute: give it back as text. */
  {
    g_autoptr (GString) unescaped = g_string_new (id);

    g_string_replace (unescaped, "&quot;", "\"", 0);
    g_string_replace (unescaped, "&apos;", "'", 0);
    g_string_replace (unescaped, "&lt;", "<", 0);
    g_string_replace (unescaped, "&gt;", ">", 0);
    g_string_replace (unescaped, "&amp;", "&", 0);
    g_free (id);
    return g_string_free (g_steal_pointer (&unescaped), FALSE);
  }
}

char *
hb_redline_render_page (HbDiff *diff, const HbRedlinePage *page, gboolean dark)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *body = NULL;
  g_autofree char *header_id = NULL;
  const char *shown = NULL;

  g_return_val_if_fail (diff != NULL && page != NULL && page->title != NULL, NULL);

  body = hb_diff_to_html (diff, page->changes_only);
  header_id = skip_repeated_title (body, page->title, &shown);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  append_escaped (out, page->lang != NULL ? page->lang : "en");
  g_string_append_printf (out, "\"%s>\n<head>\n<meta charset=\"utf-8\">\n", dark ? " class=\"dark\"" : "");
  g_string_append (out, "<meta name=\"color-scheme\" content=\"light dark\">\n");
  g_string_append (out, "<link rel=\"stylesheet\" href=\"" HB_PAGE_STYLE_URI "\">\n<title>");
  append_escaped (out, page->title);
  g_string_append (out, "</title>\n</head>\n<body class=\"hb-redline-page\">\n");

  g_string_append (out, "<header class=\"hb-header\">\n<h1 id=\"");
  append_escaped (out, header_id != NULL ? header_id : "top");
  g_string_append (out, "\">");
  append_escaped (out, page->title);
  g_string_append (out, "</h1>\n<p class=\"hb-meta\"><span class=\"hb-kind\">");
  append_escaped (out, _("Redline"));
  g_string_append (out, "</span> · <span class=\"hb-versions\">");
  append_escaped (out, page->versions);
  g_string_append (out, "</span>");
  if (page->meta != NULL)
    {
      g_string_append (out, " · ");
      append_escaped (out, page->meta);
    }
  g_string_append (out, "</p>\n");
  if (page->notice != NULL)
    {
      g_string_append (out, "<p class=\"hb-notice\">");
      append_escaped (out, page->notice);
      g_string_append (out, "</p>\n");
    }
  if (page->changes != NULL)
    {
      g_string_append (out, "<p class=\"hb-changes\"><strong>");
      append_escaped (out, _("What changed:"));
      g_string_append (out, "</strong> ");
      append_escaped (out, page->changes);
      g_string_append (out, "</p>\n");
    }
  append_summary (out, diff, page);
  g_string_append (out, "</header>\n<main class=\"hb-body\">\n");
  g_string_append (out, shown);
  g_string_append (out, "</main>\n</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
