/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-uri"

#include "config.h"

#include "hb-uri.h"
#include "hb-util.h"

#include <string.h>

char *
hb_article_uri (const char *id, const char *section_id, guint version)
{
  g_autoptr (GString) uri = g_string_new (HB_ARTICLE_URI_PREFIX);

  g_return_val_if_fail (id != NULL, NULL);

  g_string_append_uri_escaped (uri, id, "/", TRUE);
  if (version > 0)
    g_string_append_printf (uri, "?version=%u", version);
  if (section_id != NULL && *section_id != '\0')
    {
      g_string_append_c (uri, '#');
      g_string_append_uri_escaped (uri, section_id, NULL, TRUE);
    }
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

gboolean
hb_article_uri_parse (const char *uri, char **id, guint *version, char **section_id)
{
  g_autofree char *path = NULL;
  const char *rest;
  const char *fragment;
  const char *query;

  g_return_val_if_fail (uri != NULL, FALSE);

  if (!g_str_has_prefix (uri, HB_ARTICLE_URI_PREFIX))
    return FALSE;
  rest = uri + strlen (HB_ARTICLE_URI_PREFIX);

  fragment = strchr (rest, '#');
  query = strchr (rest, '?');
  if (query != NULL && fragment != NULL && query > fragment)
    query = NULL;

  path = g_strndup (rest, query != NULL ? (gsize) (query - rest)
                          : fragment != NULL ? (gsize) (fragment - rest) : strlen (rest));
  *id = g_uri_unescape_string (path, NULL);
  /* "../../etc/passwd" names no article, not "etc/passwd". */
  if (*id == NULL || !hb_util_check_id (*id, NULL))
    {
      g_clear_pointer (id, g_free);
      return FALSE;
    }

  *version = 0;
  if (query != NULL && g_str_has_prefix (query, "?version="))
    {
      guint64 v = 0;
      g_autofree char *number = g_strndup (query + 9, fragment != NULL ? (gsize) (fragment - query - 9)
                                                                       : strlen (query + 9));

      if (g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT, &v, NULL))
        *version = (guint) v;
    }

  if (section_id != NULL)
    *section_id = fragment != NULL && fragment[1] != '\0' ? g_uri_unescape_string (fragment + 1, NULL)
                                                          : NULL;
  return TRUE;
}
