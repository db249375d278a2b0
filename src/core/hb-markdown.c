/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-markdown"

#include "config.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <string.h>

#include "hb-markdown.h"

#include <glib/gi18n-lib.h>
#include "hb-markdown-private.h"

/* Safe mode is cmark-gfm's default; we never pass CMARK_OPT_UNSAFE. */
#define HB_CMARK_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES \
                          | CMARK_OPT_GITHUB_PRE_LANG)

static const char *const extension_names[] = {
  "table",
  "strikethrough",
  "autolink",
  "tasklist",
};

void
hb_heading_free (HbHeading *heading)
{
  if (heading == NULL)
    return;
  g_free (heading->id);
  g_free (heading->text);
  g_free (heading);
}

void
hb_section_free (HbSection *section)
{
  if (section == NULL)
    return;
  hb_heading_free (section->heading);
  g_free (section->text);
  g_free (section);
}

void
hb_rendered_free (HbRendered *rendered)
{
  if (rendered == NULL)
    return;
  g_free (rendered->html);
  g_clear_pointer (&rendered->headings, g_ptr_array_unref);
  g_free (rendered);
}

static cmark_node *
parse (const char *markdown, cmark_llist **extensions_out)
{
  cmark_parser *parser;
  cmark_node *document;
  guint i;

  cmark_gfm_core_extensions_ensure_registered ();

  parser = cmark_parser_new (HB_CMARK_OPTIONS);
  for (i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (extension_names[i]);

      if (extension != NULL)
        cmark_parser_attach_syntax_extension (parser, extension);
      else
        g_warning ("cmark-gfm has no “%s” extension", extension_names[i]);
    }

  cmark_parser_feed (parser, markdown, strlen (markdown));
  document = cmark_parser_finish (parser);

  if (extensions_out != NULL)
    {
      /* The list points at the registered extensions; copy the spine only. */
      cmark_llist *list = NULL;
      cmark_llist *l;
      cmark_mem *mem = cmark_get_default_mem_allocator ();

      for (l = cmark_parser_get_syntax_extensions (parser); l != NULL; l = l->next)
        list = cmark_llist_append (mem, list, l->data);
      *extensions_out = list;
    }

  cmark_parser_free (parser);
  return document;
}

/* The plain text of an inline subtree: text and code, breaks as spaces. */
static void
append_plain_text (GString *out, cmark_node *node)
{
  cmark_node *child;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      g_string_append (out, cmark_node_get_literal (node));
      return;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      g_string_append_c (out, ' ');
      return;
    case CMARK_NODE_HTML_INLINE:
      /* Raw HTML is never shown, so it is not text either. */
      return;
    default:
      break;
    }

  for (child = cmark_node_first_child (node); child != NULL; child = cmark_node_next (child))
    append_plain_text (out, child);
}

static char *
heading_text (cmark_node *heading)
{
  g_autoptr (GString) text = g_string_new (NULL);

  append_plain_text (text, heading);
  return g_strstrip (g_string_free (g_steal_pointer (&text), FALSE));
}

char *
hb_markdown_heading_id (const char *text)
{
  g_autoptr (GString) id = g_string_new (NULL);
  g_autofree char *trimmed = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  /* GitHub's rule, so anchors written for GitHub keep working: each space
   * is a '-', other punctuation goes, letters of every script stay. */
  trimmed = g_strstrip (g_strdup (text));
  for (p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        g_string_append_c (id, '-');
      else if (c == '-' || c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (id, g_unichar_tolower (c));
    }

  return g_string_free (g_steal_pointer (&id), FALSE);
}

/*
 * Gives every heading of @document a unique id, in document order: the same
 * text twice gets "text", then "text-1", as GitHub does, so links written
 * for GitHub keep working.
 */
static GPtrArray *
collect_headings (cmark_node *document)
{
  g_autoptr (GPtrArray) headings = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_heading_free);
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) next_suffix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      HbHeading *heading;
      g_autofree char *base = NULL;
      char *id;
      guint n;

      if (event != CMARK_EVENT_ENTER || cmark_node_get_type (node) != CMARK_NODE_HEADING)
        continue;

      heading = g_new0 (HbHeading, 1);
      heading->level = cmark_node_get_heading_level (node);
      heading->text = heading_text (node);
      base = hb_markdown_heading_id (heading->text);
      if (*base == '\0')
        {
          g_free (base);
          base = g_strdup ("section");
        }

      /* The next suffix to try is kept per base: 20,000 headings of the
       * same text would otherwise try 200 million ids. */
      n = GPOINTER_TO_UINT (g_hash_table_lookup (next_suffix, base));
      id = n == 0 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      while (g_hash_table_contains (used, id))
        {
          g_free (id);
          id = g_strdup_printf ("%s-%u", base, ++n);
        }
      g_hash_table_insert (next_suffix, g_strdup (base), GUINT_TO_POINTER (n + 1));
      g_hash_table_add (used, g_strdup (id));
      heading->id = id;

      g_ptr_array_add (headings, heading);
    }

  cmark_iter_free (iter);
  return g_steal_pointer (&headings);
}

/* Whether @url starts with a scheme ("https:"), which then goes to
 * @scheme_out, lower-cased. */
static gboolean
has_scheme (const char *url, char **scheme_out)
{
  const char *scheme = g_uri_peek_scheme (url);

  if (scheme == NULL)
    return FALSE;
  if (scheme_out != NULL)
    *scheme_out = g_strdup (scheme);
  return TRUE;
}

/* Resolves @target against the folder of @source_path; NULL if it climbs
 * above the import root. */
static char *
resolve_relative (const char *source_path, const char *target)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) base_parts = NULL;
  g_auto (GStrv) target_parts = NULL;
  gboolean trailing_slash;
  guint i;

  if (target[0] != '/' && source_path != NULL)
    {
      base_parts = g_strsplit (source_path, "/", -1);
      /* Every component but the file name. */
      for (i = 0; base_parts[i] != NULL && base_parts[i + 1] != NULL; i++)
        if (*base_parts[i] != '\0' && strcmp (base_parts[i], ".") != 0)
          g_ptr_array_add (parts, g_strdup (base_parts[i]));
    }

  trailing_slash = g_str_has_suffix (target, "/");
  target_parts = g_strsplit (target, "/", -1);
  for (i = 0; target_parts[i] != NULL; i++)
    {
      const char *part = target_parts[i];

      if (*part == '\0' || strcmp (part, ".") == 0)
        continue;
      if (strcmp (part, "..") == 0)
        {
          if (parts->len == 0)
            return NULL;
          g_ptr_array_remove_index (parts, parts->len - 1);
          continue;
        }
      g_ptr_array_add (parts, g_strdup (part));
    }

  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *joined = g_strjoinv ("/", (char **) parts->pdata);

    return trailing_slash && *joined != '\0' ? g_strconcat (joined, "/", NULL)
                                              : g_steal_pointer (&joined);
  }
}

static gboolean
is_markdown_name (const char *path)
{
  return g_str_has_suffix (path, ".md") || g_str_has_suffix (path, ".markdown")
         || g_str_has_suffix (path, ".MD");
}

/* Finds the article a relative link points at: the file itself, or, for a
 * link to a folder or an extension-less page, the usual file names. */
static char *
resolve_article (const char *path, HbLinkResolveFunc resolve, gpointer user_data)
{
  static const char *const folder_pages[] = { "index.md", "README.md", "_index.md" };
  g_autofree char *bare = NULL;
  char *id;
  guint i;

  if (resolve == NULL)
    return NULL;

  if (is_markdown_name (path))
    return resolve (path, user_data);

  bare = g_strdup (path);
  if (g_str_has_suffix (bare, "/"))
    bare[strlen (bare) - 1] = '\0';
  else if (strrchr (bare, '.') > strrchr (bare, '/') && strrchr (bare, '.') != NULL)
    return NULL; /* Some other file type: an asset, not an article. */

  if (*bare != '\0')
    {
      g_autofree char *with_ext = g_strconcat (bare, ".md", NULL);

      if ((id = resolve (with_ext, user_data)) != NULL)
        return id;
    }

  for (i = 0; i < G_N_ELEMENTS (folder_pages); i++)
    {
      g_autofree char *candidate = *bare != '\0' ? g_strconcat (bare, "/", folder_pages[i], NULL)
                                                 : g_strdup (folder_pages[i]);

      if ((id = resolve (candidate, user_data)) != NULL)
        return id;
    }

  return NULL;
}

static char *
article_uri (const char *id, const char *fragment)
{
  g_autofree char *section = fragment != NULL ? g_uri_unescape_string (fragment, NULL) : NULL;

  return hb_article_uri (id, section != NULL ? section : fragment, 0);
}

static gboolean
scheme_is_allowed (const char *scheme)
{
  static const char *const allowed[] = { "http", "https", "mailto", "tel", "handbook" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (strcmp (scheme, allowed[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Rewrites the target of a link, or returns NULL to leave it. */
static char *
rewrite_link (const char *url, const char *source_path, HbLinkResolveFunc resolve,
              gpointer user_data)
{
  g_autofree char *scheme = NULL;
  g_autofree char *path_part = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *id = NULL;
  const char *fragment;
  char *cut;

  if (*url == '\0' || url[0] == '#')
    return NULL;

  if (has_scheme (url, &scheme))
    return scheme_is_allowed (scheme) ? NULL : g_strdup ("");

  if (g_str_has_prefix (url, "//"))
    return g_strconcat ("https:", url, NULL);

  fragment = strchr (url, '#');
  path_part = fragment != NULL ? g_strndup (url, fragment - url) : g_strdup (url);
  if (fragment != NULL)
    fragment++;
  if ((cut = strchr (path_part, '?')) != NULL)
    *cut = '\0';

  decoded = g_uri_unescape_string (path_part, NULL);
  if (decoded == NULL)
    decoded = g_strdup (path_part);

  resolved = resolve_relative (source_path, decoded);
  if (resolved != NULL)
    id = resolve_article (resolved, resolve, user_data);

  if (id != NULL)
    return article_uri (id, fragment);

  if (resolved != NULL && !is_markdown_name (resolved) && strrchr (resolved, '.') > strrchr (resolved, '/'))
    {
      g_autofree char *escaped = g_uri_escape_string (resolved, "/", TRUE);

      return g_strconcat (HB_ASSET_URI_PREFIX, escaped, NULL);
    }

  /* A page that is not in the handbook: the window says so when followed. */
  {
    g_autofree char *escaped = g_uri_escape_string (resolved != NULL ? resolved : decoded, "/", TRUE);

    return g_strconcat ("handbook://missing/", escaped, NULL);
  }
}

/* The path, relative to the import root, of a relative image; NULL for
 * anything else. */
static char *
resolve_image_path (const char *url, const char *source_path)
{
  g_autofree char *decoded = NULL;
  char *cut;

  if (has_scheme (url, NULL) || g_str_has_prefix (url, "//") || *url == '\0')
    return NULL;

  decoded = g_uri_unescape_string (url, NULL);
  if (decoded == NULL)
    decoded = g_strdup (url);
  if ((cut = strpbrk (decoded, "?#")) != NULL)
    *cut = '\0';

  return resolve_relative (source_path, decoded);
}

static char *
rewrite_image (const char *url, const char *source_path)
{
  g_autofree char *scheme = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *escaped = NULL;

  if (has_scheme (url, &scheme))
    return strcmp (scheme, "handbook") == 0 ? NULL : g_strdup ("");
  if (g_str_has_prefix (url, "//"))
    return g_strdup ("");

  resolved = resolve_image_path (url, source_path);
  if (resolved == NULL || *resolved == '\0')
    return g_strdup ("");

  escaped = g_uri_escape_string (resolved, "/", TRUE);
  return g_strconcat (HB_ASSET_URI_PREFIX, escaped, NULL);
}

GPtrArray *
hb_markdown_images (const char *markdown, const char *source_path)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (markdown != NULL, NULL);

  document = parse (markdown, NULL);
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      const char *url;
      char *path;

      if (event != CMARK_EVENT_ENTER || cmark_node_get_type (node) != CMARK_NODE_IMAGE)
        continue;
      url = cmark_node_get_url (node);
      path = url != NULL ? resolve_image_path (url, source_path) : NULL;
      if (path == NULL || *path == '\0' || g_hash_table_contains (seen, path))
        {
          g_free (path);
          continue;
        }
      g_hash_table_add (seen, path);
      g_ptr_array_add (paths, path);
    }
  cmark_iter_free (iter);
  cmark_node_free (document);

  return g_steal_pointer (&paths);
}

static gboolean
is_remote (const char *url)
{
  g_autofree char *scheme = NULL;

  return g_str_has_prefix (url, "//")
         || (has_scheme (url, &scheme) && strcmp (scheme, "handbook") != 0
             && strcmp (scheme, "data") != 0);
}

/*
 * Rewrites links and images. A remote image is not loaded (the content view
 * makes no request that leaves the machine): it becomes a link to the image
 * whose text is the image's alternative text.
 */
static void
rewrite_links (cmark_node *document, const char *source_path, HbLinkResolveFunc resolve,
               gpointer user_data)
{
  g_autoptr (GPtrArray) remote_images = g_ptr_array_new ();
  g_autoptr (GPtrArray) unsafe_links = g_ptr_array_new ();
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;
  guint i;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      const char *url;
      g_autofree char *rewritten = NULL;

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_LINK:
          url = cmark_node_get_url (node);
          rewritten = rewrite_link (url != NULL ? url : "", source_path, resolve, user_data);
          if (rewritten != NULL && *rewritten == '\0')
            g_ptr_array_add (unsafe_links, node);
          else if (rewritten != NULL)
            cmark_node_set_url (node, rewritten);
          break;

        case CMARK_NODE_IMAGE:
          url = cmark_node_get_url (node);
          if (url != NULL && is_remote (url))
            g_ptr_array_add (remote_images, node);
          else if (url != NULL && (rewritten = rewrite_image (url, source_path)) != NULL)
            cmark_node_set_url (node, rewritten);
          break;

        default:
          break;
        }
    }
  cmark_iter_free (iter);

  /* A javascript:, file: or data: link is not a link at all: its text
   * stays, and there is nothing to click. */
  for (i = 0; i < unsafe_links->len; i++)
    {
      cmark_node *link = g_ptr_array_index (unsafe_links, i);
      cmark_node *child;

      while ((child = cmark_node_first_child (link)) != NULL)
        {
          cmark_node_unlink (child);
          cmark_node_insert_before (link, child);
        }
      cmark_node_free (link);
    }

  for (i = 0; i < remote_images->len; i++)
    {
      cmark_node *image = g_ptr_array_index (remote_images, i);
      cmark_node *link = cmark_node_new (CMARK_NODE_LINK);
      g_autofree char *link_url = NULL;
      const char *url = cmark_node_get_url (image);
      cmark_node *child;

      link_url = rewrite_link (url, source_path, resolve, user_data);
      if (link_url != NULL && *link_url == '\0')
        {
          /* An image from a javascript: or file: URL: its text only. */
          while ((child = cmark_node_first_child (image)) != NULL)
            {
              cmark_node_unlink (child);
              cmark_node_insert_before (image, child);
            }
          cmark_node_free (image);
          cmark_node_free (link);
          continue;
        }
      cmark_node_set_url (link, link_url != NULL ? link_url : url);
      cmark_node_set_title (link, cmark_node_get_title (image));

      while ((child = cmark_node_first_child (image)) != NULL)
        {
          cmark_node_unlink (child);
          cmark_node_append_child (link, child);
        }
      if (cmark_node_first_child (link) == NULL)
        {
          cmark_node *text = cmark_node_new (CMARK_NODE_TEXT);

          cmark_node_set_literal (text, url);
          cmark_node_append_child (link, text);
        }

      cmark_node_replace (image, link);
      cmark_node_free (image);
    }
}

/*
 * Puts the ids on the heading tags. cmark-gfm prints a heading as a bare
 * "<hN>", and in safe mode nothing else in its output can be such a tag
 * (raw HTML is omitted, text is escaped), so the n-th "<hN>" in the output
 * is the n-th heading of the document.
 */
static char *
add_heading_ids (const char *html, GPtrArray *headings)
{
  g_autoptr (GString) out = g_string_sized_new (strlen (html) + headings->len * 24);
  const char *p = html;
  guint next = 0;

  while (*p != '\0')
    {
      const char *tag = strstr (p, "<h");

      if (tag == NULL)
        break;

      g_string_append_len (out, p, tag - p);
      if (tag[2] >= '1' && tag[2] <= '6' && tag[3] == '>' && next < headings->len)
        {
          HbHeading *heading = g_ptr_array_index (headings, next++);

          g_string_append_printf (out, "<h%c id=\"", tag[2]);
          {
            g_autofree char *escaped = g_markup_escape_text (heading->id, -1);

            g_string_append (out, escaped);
          }
          g_string_append (out, "\">");
          p = tag + 4;
        }
      else
        {
          g_string_append (out, "<h");
          p = tag + 2;
        }
    }
  g_string_append (out, p);

  if (next != headings->len)
    g_warning ("Found %u heading tags for %u headings", next, headings->len);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

G_DEFINE_QUARK (hb-markdown-error-quark, hb_markdown_error)

/* The number of cells of a GFM table's delimiter row ("| --- | :-: |"),
 * or 0 when @line is no such row. */
static guint
delimiter_cells (const char *line, gsize len)
{
  guint cells = 0;
  gboolean dash = FALSE;
  gboolean pipe = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = line[i];

      if (c == '|')
        {
          if (dash)
            cells++;
          dash = FALSE;
          pipe = TRUE;
        }
      else if (c == '-')
        dash = TRUE;
      else if (c != ':' && c != ' ' && c != '\t')
        return 0;
    }
  if (dash)
    cells++;
  /* "---" alone is a rule or a setext heading, not a table. */
  return pipe || cells > 1 ? cells : 0;
}

gboolean
hb_markdown_check (const char *markdown, guint *error_line, GError **error)
{
  const char *p = markdown;
  const char *prev = NULL;
  gsize prev_len = 0;
  guint line = 1;
  guint headings = 0;
  guint table_columns = 0;
  guint64 table_cells = 0;
  guint table_line = 0;
  gboolean in_fence = FALSE;

  g_return_val_if_fail (markdown != NULL, FALSE);

  if (error_line != NULL)
    *error_line = 0;

  for (; *p != '\0'; line++)
    {
      const char *end = strchr (p, '\n');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);
      const char *q = p;
      guint depth = 0;

      while (q < p + len && (*q == ' ' || *q == '\t'))
        q++;
      if (len - (q - p) >= 3 && (strncmp (q, "```", 3) == 0 || strncmp (q, "~~~", 3) == 0))
        in_fence = !in_fence;

      if (!in_fence)
        {
          /* Quotes and lists nested in each other. */
          for (const char *r = p; r < p + len; r++)
            {
              if (*r == '>')
                depth++;
              else if ((*r == '-' || *r == '*' || *r == '+') && r + 1 < p + len && r[1] == ' ')
                depth++, r++;
              else if (*r != ' ' && *r != '\t')
                break;
            }
          if (depth > HB_MARKDOWN_MAX_NESTING)
            {
              if (error_line != NULL)
                *error_line = line;
              g_set_error (error, HB_MARKDOWN_ERROR, HB_MARKDOWN_ERROR_TOO_LARGE,
                           _("quotes and lists are nested %u deep; the most is %u"), depth,
                           HB_MARKDOWN_MAX_NESTING);
              return FALSE;
            }

          if (*q == '#' && ++headings > HB_MARKDOWN_MAX_HEADINGS)
            {
              if (error_line != NULL)
                *error_line = line;
              g_set_error (error, HB_MARKDOWN_ERROR, HB_MARKDOWN_ERROR_TOO_LARGE,
                           g_dngettext (GETTEXT_PACKAGE, "the article has more than %u heading: split it into several",
                                        "the article has more than %u headings: split it into several",
                                        HB_MARKDOWN_MAX_HEADINGS),
                           HB_MARKDOWN_MAX_HEADINGS);
              return FALSE;
            }

          if (q == p + len)
            table_columns = 0; /* a blank line ends a table */
          else if (table_columns > 0)
            table_cells += table_columns;
          else if (prev != NULL && prev_len > 0 && (table_columns = delimiter_cells (p, len)) > 0)
            {
              table_line = line - 1;
              table_cells += 2 * (guint64) table_columns;
              if (table_columns > HB_MARKDOWN_MAX_TABLE_COLUMNS)
                {
                  if (error_line != NULL)
                    *error_line = table_line;
                  g_set_error (error, HB_MARKDOWN_ERROR, HB_MARKDOWN_ERROR_TOO_LARGE,
                               g_dngettext (GETTEXT_PACKAGE, "a table of %u column is too wide; the most is %u",
                                            "a table of %u columns is too wide; the most is %u", table_columns),
                               table_columns, HB_MARKDOWN_MAX_TABLE_COLUMNS);
                  return FALSE;
                }
            }
          if (table_cells > HB_MARKDOWN_MAX_TABLE_CELLS)
            {
              if (error_line != NULL)
                *error_line = table_line;
              g_set_error (error, HB_MARKDOWN_ERROR, HB_MARKDOWN_ERROR_TOO_LARGE,
                           g_dngettext (GETTEXT_PACKAGE, "the tables hold more than %u cell: split them, or link to a file",
                                        "the tables hold more than %u cells: split them, or link to a file",
                                        HB_MARKDOWN_MAX_TABLE_CELLS),
                           HB_MARKDOWN_MAX_TABLE_CELLS);
              return FALSE;
            }
        }

      prev = p;
      prev_len = len - (q - p);
      if (end == NULL)
        break;
      p = end + 1;
    }
  return TRUE;
}

HbRendered *
hb_markdown_render (const char *markdown, const char *source_path, HbLinkResolveFunc resolve,
                    gpointer user_data)
{
  HbRendered *rendered;
  cmark_llist *extensions = NULL;
  cmark_node *document;
  char *html;

  g_return_val_if_fail (markdown != NULL, NULL);

  document = parse (markdown, &extensions);
  rewrite_links (document, source_path, resolve, user_data);

  rendered = g_new0 (HbRendered, 1);
  rendered->headings = collect_headings (document);

  html = cmark_render_html (document, HB_CMARK_OPTIONS, extensions);
  rendered->html = add_heading_ids (html, rendered->headings);

  free (html);
  cmark_llist_free (cmark_get_default_mem_allocator (), extensions);
  cmark_node_free (document);

  return rendered;
}

static gboolean
is_block_separator (cmark_node *node)
{
  const char *type = cmark_node_get_type_string (node);

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_THEMATIC_BREAK:
      return TRUE;
    default:
      return g_strcmp0 (type, "table_row") == 0 || g_strcmp0 (type, "table") == 0;
    }
}

static void
section_append (GString *text, const char *literal)
{
  if (literal != NULL)
    g_string_append (text, literal);
}

static void
section_separate (GString *text, char sep)
{
  if (text->len > 0 && !g_ascii_isspace (text->str[text->len - 1]))
    g_string_append_c (text, sep);
}

static HbSection *
finish_section (HbHeading *heading, GString *text)
{
  HbSection *section = g_new0 (HbSection, 1);

  section->heading = heading;
  section->text = g_strstrip (g_strdup (text->str));
  g_string_truncate (text, 0);
  return section;
}

/* A fenced block whose info string's first word is "gift", as
 * hb_gift_find_blocks() finds them. */
static gboolean
is_gift_block (cmark_node *node)
{
  int length = 0, offset = 0;
  char fence = 0;
  const char *info;

  if (!cmark_node_get_fenced (node, &length, &offset, &fence))
    return FALSE;
  info = cmark_node_get_fence_info (node);
  return info != NULL && strcspn (info, " \t") == 4 && g_ascii_strncasecmp (info, "gift", 4) == 0;
}

GPtrArray *
hb_markdown_sections (const char *markdown)
{
  g_autoptr (GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_section_free);
  g_autoptr (GPtrArray) headings = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  HbHeading *current = NULL;
  guint next_heading = 0;
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (markdown != NULL, NULL);

  document = parse (markdown, NULL);
  headings = collect_headings (document);
  iter = cmark_iter_new (document);

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_HEADING && event == CMARK_EVENT_ENTER)
        {
          HbHeading *heading = g_ptr_array_index (headings, next_heading++);
          HbHeading *copy = g_new0 (HbHeading, 1);

          if (current != NULL || text->len > 0)
            g_ptr_array_add (sections, finish_section (current, text));

          copy->level = heading->level;
          copy->id = g_strdup (heading->id);
          copy->text = g_strdup (heading->text);
          current = copy;

          /* The heading's own text belongs to the heading, not the section. */
          cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
          continue;
        }

      if (event == CMARK_EVENT_EXIT)
        {
          if (is_block_separator (node))
            section_separate (text, '\n');
          else if (g_strcmp0 (cmark_node_get_type_string (node), "table_cell") == 0)
            section_separate (text, ' ');
          continue;
        }

      switch (type)
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          section_append (text, cmark_node_get_literal (node));
          break;
        case CMARK_NODE_CODE_BLOCK:
          /* A lesson's quiz (```gift) is not text to find it by: its
           * answers made every lesson rank first. */
          if (is_gift_block (node))
            break;
          section_append (text, cmark_node_get_literal (node));
          section_separate (text, '\n');
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          section_separate (text, ' ');
          break;
        default:
          break;
        }
    }

  if (current != NULL || text->len > 0)
    g_ptr_array_add (sections, finish_section (current, text));

  cmark_iter_free (iter);
  cmark_node_free (document);

  return g_steal_pointer (&sections);
}

char *
hb_markdown_first_heading (const char *markdown)
{
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;
  char *text = NULL;

  g_return_val_if_fail (markdown != NULL, NULL);

  document = parse (markdown, NULL);
  iter = cmark_iter_new (document);
  while (text == NULL && (event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && cmark_node_get_type (node) == CMARK_NODE_HEADING)
        {
          text = heading_text (node);
          if (*text == '\0')
            g_clear_pointer (&text, g_free);
        }
    }
  cmark_iter_free (iter);
  cmark_node_free (document);

  return text;
}

cmark_node *
hb_markdown_parse (const char *markdown)
{
  g_return_val_if_fail (markdown != NULL, NULL);
  return parse (markdown, NULL);
}

GPtrArray *
hb_markdown_collect_headings (cmark_node *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  return collect_headings (document);
}

void
hb_markdown_append_plain_text (GString *out, cmark_node *node)
{
  g_return_if_fail (out != NULL && node != NULL);
  append_plain_text (out, node);
}
