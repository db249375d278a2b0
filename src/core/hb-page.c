/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hb-page.h"
#include "hb-uri.h"
#include "hb-util.h"

static const struct
{
  const char *id;
  const char *label;
} platforms[] = {
  /* Translators: the marketplaces, by the names their users know them by. */
  { "tmall", N_("Tmall") },
  { "taobao", N_("Taobao") },
  { "jd", N_("JD") },
  { "douyin", N_("Douyin") },
  { "pinduoduo", N_("Pinduoduo") },
  { "xiaohongshu", N_("Xiaohongshu") },
  { "kuaishou", N_("Kuaishou") },
};

const char *
hb_platform_get_label (const char *platform)
{
  guint i;

  g_return_val_if_fail (platform != NULL, NULL);

  for (i = 0; i < G_N_ELEMENTS (platforms); i++)
    if (g_ascii_strcasecmp (platform, platforms[i].id) == 0)
      return _(platforms[i].label);
  return platform;
}

const char *
hb_article_kind_get_singular_label (HbArticleKind kind)
{
  switch (kind)
    {
    case HB_ARTICLE_KIND_GUIDE:
      return _("Guide");
    case HB_ARTICLE_KIND_FAQ:
      return _("FAQ");
    case HB_ARTICLE_KIND_REGULATION:
      return _("Regulation");
    case HB_ARTICLE_KIND_LESSON:
      return _("Lesson");
    case HB_ARTICLE_N_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

static void
append_escaped (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
append_head (GString *out, const char *lang, const char *title, gboolean dark)
{
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  append_escaped (out, lang != NULL ? lang : "en");
  g_string_append_printf (out, "\"%s>\n<head>\n<meta charset=\"utf-8\">\n", dark ? " class=\"dark\"" : "");
  g_string_append (out, "<meta name=\"color-scheme\" content=\"light dark\">\n");
  g_string_append (out, "<link rel=\"stylesheet\" href=\"" HB_PAGE_STYLE_URI "\">\n<title>");
  append_escaped (out, title);
  g_string_append (out, "</title>\n</head>\n<body>\n");
}

/* The body without a leading "# Title" that only repeats the title. */
static const char *
skip_repeated_title (HbRendered *rendered, const char *title, const char **h1_id)
{
  HbHeading *first;
  const char *end;

  *h1_id = "top";
  if (rendered->headings->len == 0)
    return rendered->html;

  first = g_ptr_array_index (rendered->headings, 0);
  if (first->level != 1 || g_strcmp0 (first->text, title) != 0
      || !g_str_has_prefix (rendered->html, "<h1 "))
    return rendered->html;

  end = strstr (rendered->html, "</h1>");
  if (end == NULL)
    return rendered->html;

  *h1_id = first->id;
  end += strlen ("</h1>");
  while (*end == '\n')
    end++;
  return end;
}

char *
hb_page_render_article (HbArticle *article, HbRendered *rendered, const char *today, gboolean dark)
{
  return hb_page_render_article_full (article, rendered, today, dark, NULL);
}

char *
hb_page_render_article_full (HbArticle *article, HbRendered *rendered, const char *today, gboolean dark,
                             const HbPageUpcoming *upcoming)
{
  g_autoptr (GString) out = g_string_sized_new (strlen (rendered->html) + 2048);
  const char *const *article_platforms = hb_article_get_platforms (article);
  const char *title = hb_article_get_title (article);
  g_autofree char *effective = hb_util_format_date (hb_article_get_effective (article));
  guint version = hb_article_get_version (article);
  guint current = hb_article_get_current_version (article);
  guint latest = hb_article_get_latest_version (article);
  const char *h1_id;
  const char *body;
  guint i;

  g_return_val_if_fail (HB_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (rendered != NULL, NULL);

  body = skip_repeated_title (rendered, title, &h1_id);
  append_head (out, hb_article_get_lang (article), title, dark);

  g_string_append (out, "<header class=\"hb-header\">\n<h1 id=\"");
  append_escaped (out, h1_id);
  g_string_append (out, "\">");
  append_escaped (out, title);
  g_string_append (out, "</h1>\n<p class=\"hb-meta\"><span class=\"hb-kind\">");
  append_escaped (out, hb_article_kind_get_singular_label (hb_article_get_kind (article)));
  g_string_append (out, "</span>");

  for (i = 0; article_platforms != NULL && article_platforms[i] != NULL; i++)
    {
      g_string_append (out, i == 0 ? " · " : C_("list separator", ", "));
      g_string_append (out, "<span class=\"hb-platform\">");
      append_escaped (out, hb_platform_get_label (article_platforms[i]));
      g_string_append (out, "</span>");
    }

  g_string_append (out, " · <span class=\"hb-version\">");
  {
    g_autofree char *label = g_strdup_printf (_("Version %u of %u"), version, latest);

    append_escaped (out, label);
  }
  g_string_append (out, "</span>");
  if (effective != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Effective %s"), effective);

      g_string_append (out, " · <span class=\"hb-effective\">");
      append_escaped (out, label);
      g_string_append (out, "</span>");
    }
  g_string_append (out, "</p>\n");

  if (version != current || hb_article_is_pending (article, today))
    {
      g_autofree char *notice = NULL;

      if (hb_article_is_pending (article, today) && version == current)
        notice = g_strdup_printf (_("This version takes effect on %s. No earlier version is in force."),
                                  effective);
      else if (hb_article_is_pending (article, today))
        notice = g_strdup_printf (_("This version takes effect on %s. Until then, version %u is in force."),
                                  effective, current);
      else
        notice = g_strdup_printf (_("This version is no longer in force: version %u replaced it."),
                                  current);
      g_string_append (out, "<p class=\"hb-notice\">");
      append_escaped (out, notice);
      g_string_append (out, "</p>\n");
    }

  /* The version in force, with a newer one waiting for its day. */
  if (upcoming != NULL && upcoming->effective != NULL && version == current)
    {
      g_autofree char *day = hb_util_format_date (upcoming->effective);
      g_autofree char *notice = g_strdup_printf (_("A new version takes effect on %s."), day);

      g_string_append (out, "<p class=\"hb-notice hb-upcoming\">");
      append_escaped (out, notice);
      if (upcoming->uri != NULL)
        {
          g_autofree char *href = g_markup_escape_text (upcoming->uri, -1);

          g_string_append_printf (out, " <a href=\"%s\">", href);
          append_escaped (out, _("See what changes"));
          g_string_append (out, "</a>");
        }
      g_string_append (out, "</p>\n");
    }

  if (hb_article_get_changes (article) != NULL)
    {
      g_string_append (out, "<p class=\"hb-changes\"><strong>");
      append_escaped (out, _("What changed:"));
      g_string_append (out, "</strong> ");
      append_escaped (out, hb_article_get_changes (article));
      g_string_append (out, "</p>\n");
    }

  g_string_append (out, "</header>\n<main class=\"hb-body\">\n");
  g_string_append (out, body);
  g_string_append (out, "</main>\n</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
hb_page_print_header (HbArticle *article, guint redline_from)
{
  g_autoptr (GString) out = g_string_new (hb_article_get_title (article));

  g_return_val_if_fail (HB_IS_ARTICLE (article), NULL);

  g_string_append (out, " · ");
  if (redline_from > 0)
    g_string_append_printf (out, _("Redline, version %u → version %u"), redline_from,
                            hb_article_get_version (article));
  else
    g_string_append_printf (out, _("Version %u of %u"), hb_article_get_version (article),
                            hb_article_get_latest_version (article));
  if (hb_article_get_effective (article) != NULL)
    {
      g_string_append (out, " · ");
      g_string_append_printf (out, _("Effective %s"), hb_article_get_effective (article));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
hb_page_print_footer (HbArticle *article)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (HB_IS_ARTICLE (article), NULL);

  uri = hb_article_uri (hb_article_get_id (article), NULL, hb_article_get_version (article));
  /* TRANSLATORS: at the bottom of each printed page; %s is the link */
  return g_strdup_printf (_("Cite as: %s"), uri);
}

char *
hb_page_render_message (const char *title, const char *message, gboolean dark)
{
  g_autoptr (GString) out = g_string_new (NULL);

  append_head (out, NULL, title, dark);
  g_string_append (out, "<main class=\"hb-body hb-message\">\n<h1>");
  append_escaped (out, title);
  g_string_append (out, "</h1>\n<p>");
  append_escaped (out, message);
  g_string_append (out, "</p>\n</main>\n</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
hb_citation_format (HbArticle *article, const char *section, const char *section_id)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *uri = NULL;
  g_autofree char *effective = NULL;
  g_autofree char *imported = NULL;

  g_return_val_if_fail (HB_IS_ARTICLE (article), NULL);

  g_string_append (out, hb_article_get_title (article));
  if (section != NULL && *section != '\0' && g_strcmp0 (section, hb_article_get_title (article)) != 0)
    g_string_append_printf (out, " — § %s", section);
  g_string_append_c (out, '\n');

  /* The line people read gives the day as their language writes it; the
   * link under it is the exact, machine-readable part. */
  effective = hb_util_format_date (hb_article_get_effective (article));
  if (effective != NULL)
    g_string_append_printf (out, _("Handbook, version %u, effective %s"), hb_article_get_version (article),
                            effective);
  else
    {
      /* Without an effective date, the day the version arrived dates it. */
      imported = hb_util_format_date (hb_article_get_imported_at (article));
      g_string_append_printf (out, _("Handbook, version %u of %s"), hb_article_get_version (article),
                              imported);
    }
  g_string_append_c (out, '\n');

  uri = hb_article_uri (hb_article_get_id (article), section_id, hb_article_get_version (article));
  g_string_append (out, uri);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
