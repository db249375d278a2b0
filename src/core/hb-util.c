/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-util"

#include "config.h"

#include "hb-util.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

char *
hb_util_now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
hb_util_today (void)
{
  const char *fixed = g_getenv ("HANDBOOK_TODAY");
  g_autoptr (GDateTime) now = NULL;

  if (fixed != NULL && hb_util_is_valid_date (fixed))
    return g_strdup (fixed);

  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/*
 * ASCII punctuation separates words ("Returns & refunds" is
 * "returns-refunds"), but other scripts' punctuation is kept: two Chinese
 * file names that differ only in "、" must not become the same id.
 */
static gboolean
is_id_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '-' || c == '_';
  return !g_unichar_isspace (c) && g_unichar_isprint (c);
}

char *
hb_util_id_from_path (const char *relative_path)
{
  g_autofree char *path = NULL;
  g_autoptr (GString) id = g_string_new (NULL);
  char *dot, *slash;
  const char *p;
  gboolean pending_dash = FALSE;

  g_return_val_if_fail (relative_path != NULL, NULL);

  path = g_strdup (relative_path);
  g_strdelimit (path, "\\", '/');

  /* Drop the extension of the last component only. */
  slash = strrchr (path, '/');
  dot = strrchr (path, '.');
  if (dot != NULL && (slash == NULL || dot > slash) && dot != path && (slash == NULL || dot > slash + 1))
    *dot = '\0';

  /* "guides/returns/index.md" is the page "guides/returns". */
  slash = strrchr (path, '/');
  if (slash != NULL && (g_ascii_strcasecmp (slash + 1, "index") == 0
                        || g_ascii_strcasecmp (slash + 1, "_index") == 0))
    *slash = '\0';

  for (p = path; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/')
        {
          /* Collapse empty or "." segments; keep one separator. */
          pending_dash = FALSE;
          if (id->len > 0 && id->str[id->len - 1] != '/')
            g_string_append_c (id, '/');
          continue;
        }

      if (is_id_char (c))
        {
          if (pending_dash && id->len > 0 && id->str[id->len - 1] != '/')
            g_string_append_c (id, '-');
          pending_dash = FALSE;
          if (c < 0x80)
            g_string_append_c (id, g_ascii_tolower ((char) c));
          else
            g_string_append_unichar (id, c);
        }
      else
        pending_dash = TRUE;
    }

  while (id->len > 0 && (id->str[id->len - 1] == '/' || id->str[id->len - 1] == '-'))
    g_string_truncate (id, id->len - 1);

  if (id->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&id), FALSE);
}

gboolean
hb_util_is_valid_date (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (text[4] != '-' || text[7] != '-')
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

char *
hb_util_format_date (const char *date)
{
  g_autoptr (GDateTime) when = NULL;
  int y, m, d;
  char tail;

  if (date == NULL)
    return NULL;

  if (hb_util_is_valid_date (date) && sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    when = g_date_time_new_utc (y, m, d, 0, 0, 0);
  else if (strlen (date) > 10 && date[10] == 'T')
    {
      g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (date, NULL);

      if (utc != NULL)
        when = g_date_time_to_local (utc);
    }
  if (when == NULL)
    return g_strdup (date);

  /* Translators: how a day is written in the interface, for
   * g_date_time_format(): "%B %-d, %Y" is "December 1, 2026". Write it as
   * your language does, with numbers where month names would be foreign:
   * "%Y年%-m月%-d日" is 2026年12月1日. */
  return g_date_time_format (when, C_("date format", "%B %-d, %Y"));
}

const char *
hb_util_get_locale_dir (void)
{
  const char *dir = g_getenv ("HANDBOOK_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

guint
hb_util_line_of_offset (const char *text, gsize offset)
{
  guint line = 1;
  gsize i;

  for (i = 0; i < offset && text[i] != '\0'; i++)
    if (text[i] == '\n')
      line++;

  return line;
}

static gboolean
is_control (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT || type == G_UNICODE_LINE_SEPARATOR
         || type == G_UNICODE_PARAGRAPH_SEPARATOR || type == G_UNICODE_UNASSIGNED
         || type == G_UNICODE_SURROGATE || type == G_UNICODE_PRIVATE_USE;
}

gboolean
hb_util_check_id (const char *id, char **reason)
{
  const char *p;
  const char *segment;

  if (reason != NULL)
    *reason = NULL;

#define REFUSE(...)                                                                                \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (reason != NULL)                                                                            \
      *reason = g_strdup_printf (__VA_ARGS__);                                                     \
    return FALSE;                                                                                  \
  }                                                                                                \
  G_STMT_END

  if (id == NULL || *id == '\0')
    REFUSE ("%s", _("an id cannot be empty"));
  if (!g_utf8_validate (id, -1, NULL))
    REFUSE ("%s", _("an id must be UTF-8 text"));
  if (g_utf8_strlen (id, -1) > 200 || strlen (id) > 800)
    REFUSE ("%s", _("an id has at most 200 characters"));

  for (segment = p = id;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\0')
        {
          gsize len = p - segment;

          if (len == 0)
            REFUSE ("%s", _("an id has no empty part between two “/”, nor at its ends"));
          if ((len == 1 && segment[0] == '.') || (len == 2 && segment[0] == '.' && segment[1] == '.'))
            REFUSE ("%s", _("an id has no “.” or “..” part: it names an article, not a path"));
          if (c == '\0')
            break;
          segment = p + 1;
          continue;
        }
      if (c < 0x80)
        {
          if (!(g_ascii_islower (c) || g_ascii_isdigit (c) || c == '-' || c == '_' || c == '.'))
            {
              if (g_ascii_isupper (c))
                REFUSE ("%s", _("an id is written in lower case"));
              if (c < 0x20 || c == 0x7f)
                REFUSE (_("an id holds no control character (it holds U+%04X)"), (guint) c);
              REFUSE (_("an id holds letters, digits, “-”, “_”, “.” and “/”, not “%c”"), (char) c);
            }
        }
      else if (is_control (c) || g_unichar_isspace (c))
        REFUSE (_("an id holds no space, control or formatting character (it holds U+%04X)"),
                (guint) c);
    }

#undef REFUSE
  return TRUE;
}

char *
hb_util_escape_controls (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      if ((c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && is_control (c)))
        g_string_append_printf (out, "\\u%04X", (guint) c);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
