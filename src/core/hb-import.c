/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hb-import.h"
#include "hb-article-private.h"
#include "hb-frontmatter.h"
#include "hb-markdown.h"
#include "hb-store-private.h"

G_DEFINE_QUARK (hb-import-error-quark, hb_import_error)

/* Folders nested deeper than this are not followed (symlink loops). */
#define MAX_FOLDER_DEPTH 32

typedef struct
{
  char *file;   /* as shown in messages */
  char *source; /* relative to the import root */
} FoundFile;

/* One file, read and checked, ready to be stored. */
typedef struct
{
  FoundFile *found;
  char *id;
  guint id_line;
  char *title;
  HbArticleKind kind;
  char *lang;
  char **platforms;
  char **tags;
  char *effective;
  char *changes;
  char *course;
  int order;
  char *front_matter_json;
  char *body;
  char *sha256;
  GPtrArray *assets; /* (element-type Asset) */
  gboolean invalid;
} ParsedFile;

/* An image an article shows, read from beside it. */
typedef struct
{
  char *path; /* relative to the import root */
  char *sha256;
  char *mime_type;
  GBytes *data;
} Asset;

static void
asset_free (Asset *asset)
{
  g_free (asset->path);
  g_free (asset->sha256);
  g_free (asset->mime_type);
  g_bytes_unref (asset->data);
  g_free (asset);
}

static void
found_file_free (FoundFile *found)
{
  g_free (found->file);
  g_free (found->source);
  g_free (found);
}

static void
parsed_file_free (ParsedFile *parsed)
{
  g_free (parsed->id);
  g_free (parsed->title);
  g_free (parsed->lang);
  g_strfreev (parsed->platforms);
  g_strfreev (parsed->tags);
  g_free (parsed->effective);
  g_free (parsed->changes);
  g_free (parsed->course);
  g_free (parsed->front_matter_json);
  g_free (parsed->body);
  g_free (parsed->sha256);
  g_clear_pointer (&parsed->assets, g_ptr_array_unref);
  g_free (parsed);
}

static void
entry_free (HbImportEntry *entry)
{
  g_free (entry->file);
  g_free (entry->source);
  g_free (entry->id);
  g_free (entry->title);
  g_free (entry);
}

static void
problem_free (HbImportProblem *problem)
{
  g_free (problem->file);
  g_free (problem->message);
  g_free (problem);
}

void
hb_import_report_free (HbImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->entries, g_ptr_array_unref);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report->import_uuid);
  g_free (report);
}

char *
hb_import_problem_to_string (const HbImportProblem *problem)
{
  if (problem->line > 0)
    return g_strdup_printf ("%s:%u: %s", problem->file, problem->line, problem->message);
  return g_strdup_printf ("%s: %s", problem->file, problem->message);
}

G_GNUC_PRINTF (4, 5)
static void
add_problem (HbImportReport *report, const char *file, guint line, const char *format, ...)
{
  HbImportProblem *problem = g_new0 (HbImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  problem->file = g_strdup (file);
  problem->line = line;
  g_ptr_array_add (report->problems, problem);
}

static gboolean
is_markdown_file (const char *name)
{
  return g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".markdown")
         || g_str_has_suffix (name, ".MD");
}

/* Version-control metadata is never content; other hidden folders (such
 * as .github) may hold pages. */
static gboolean
is_skipped_name (const char *name)
{
  static const char *const skipped[] = { ".git", ".hg", ".svn", ".bzr", ".flatpak-builder" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (skipped); i++)
    if (strcmp (name, skipped[i]) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
collect_folder (const char *dir_path, const char *relative, guint depth, GPtrArray *found,
                GError **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint i;

  if (depth > MAX_FOLDER_DEPTH)
    return TRUE;

  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    {
      g_prefix_error (error, _("Cannot read the folder %s: "), dir_path);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!is_skipped_name (name))
      g_ptr_array_add (names, g_strdup (name));

  /* Sorted, so reports and versions come out the same on every machine. */
  g_ptr_array_sort (names, compare_names);

  for (i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *child = g_build_filename (dir_path, entry, NULL);
      g_autofree char *child_rel = relative != NULL ? g_strconcat (relative, "/", entry, NULL)
                                                    : g_strdup (entry);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!collect_folder (child, child_rel, depth + 1, found, error))
            return FALSE;
        }
      else if (is_markdown_file (entry))
        {
          FoundFile *file = g_new0 (FoundFile, 1);

          file->file = g_steal_pointer (&child);
          file->source = g_steal_pointer (&child_rel);
          g_ptr_array_add (found, file);
        }
    }

  return TRUE;
}

static GPtrArray *
collect_files (const char *const *paths, GError **error)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) found_file_free);
  guint i;

  for (i = 0; paths[i] != NULL; i++)
    {
      const char *path = paths[i];
      guint before = found->len;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, HB_IMPORT_ERROR, HB_IMPORT_ERROR_NOT_FOUND,
                       _("%s: no such file or folder"), path);
          return NULL;
        }

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!collect_folder (path, NULL, 0, found, error))
            return NULL;
          if (found->len == before)
            {
              g_set_error (error, HB_IMPORT_ERROR, HB_IMPORT_ERROR_EMPTY,
                           _("%s: the folder holds no Markdown (.md) file"), path);
              return NULL;
            }
        }
      else
        {
          FoundFile *file = g_new0 (FoundFile, 1);

          file->file = g_strdup (path);
          file->source = g_path_get_basename (path);
          g_ptr_array_add (found, file);
        }
    }

  return g_steal_pointer (&found);
}

/* Reads a file whole, refusing what cannot be an article. The text comes
 * back as UTF-8 with '\n' line ends and no byte order mark. */
static char *
read_text (FoundFile *found, HbImportReport *report)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;
  gsize length = 0;
  const char *invalid = NULL;
  char *text;
  char *r, *w;

  if (g_stat (found->file, &st) != 0)
    {
      add_problem (report, found->file, 0, _("cannot read the file: %s"), g_strerror (errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      add_problem (report, found->file, 0, _("not a regular file"));
      return NULL;
    }
  if (st.st_size > HB_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size = hb_util_format_size ((guint64) st.st_size);
      g_autofree char *limit = hb_util_format_size (HB_IMPORT_MAX_FILE_SIZE);

      add_problem (report, found->file, 0, _("the file is too large (%s; the limit is %s)"), size,
                   limit);
      return NULL;
    }

  if (!g_file_get_contents (found->file, &contents, &length, &error))
    {
      add_problem (report, found->file, 0, _("cannot read the file: %s"), error->message);
      return NULL;
    }

  if (memchr (contents, '\0', length) != NULL)
    {
      add_problem (report, found->file, 0, _("this is not a text file (it holds binary data)"));
      return NULL;
    }

  if (!g_utf8_validate (contents, length, &invalid))
    {
      guint line = hb_util_line_of_offset (contents, invalid - contents);

      add_problem (report, found->file, line,
                   _("the text is not valid UTF-8 (byte 0x%02X); save the file as UTF-8"),
                   (guint) (guchar) *invalid);
      return NULL;
    }

  /* Skip a byte order mark; make every line end "\n". */
  text = g_str_has_prefix (contents, "\xEF\xBB\xBF") ? contents + 3 : contents;
  for (r = w = text; *r != '\0'; r++)
    {
      if (*r == '\r')
        {
          *w++ = '\n';
          if (r[1] == '\n')
            r++;
        }
      else
        *w++ = *r;
    }
  *w = '\0';

  {
    const char *p = text;

    while (g_ascii_isspace (*p))
      p++;
    if (*p == '\0')
      {
        add_problem (report, found->file, 0, _("the file is empty"));
        return NULL;
      }
  }

  return g_strdup (text);
}

/* A scalar as text; lists and maps are not. */
static char *
scalar_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static void
add_list_item (GPtrArray *items, const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  guint i;

  for (i = 0; parts[i] != NULL; i++)
    {
      char *item = g_utf8_strdown (g_strstrip (parts[i]), -1);
      guint j;
      gboolean seen = FALSE;

      for (j = 0; j < items->len; j++)
        seen |= strcmp (g_ptr_array_index (items, j), item) == 0;

      if (*item != '\0' && !seen)
        g_ptr_array_add (items, item);
      else
        g_free (item);
    }
}

/* "platforms: [tmall, jd]", "platforms: tmall" and "tags: a, b" all work. */
static char **
string_list (JsonNode *node, gboolean *ok)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    ;
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint i;

      for (i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *text = scalar_string (json_array_get_element (array, i));

          if (text == NULL)
            {
              *ok = FALSE;
              continue;
            }
          add_list_item (items, text);
        }
    }
  else
    {
      g_autofree char *text = scalar_string (node);

      if (text != NULL)
        add_list_item (items, text);
      else
        *ok = FALSE;
    }

  g_ptr_array_add (items, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

/* Chinese when Han characters are a good part of the letters. */
static const char *
guess_lang (const char *title, const char *body)
{
  guint han = 0, letters = 0;
  const char *texts[] = { title, body };
  guint t;

  for (t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      const char *p;
      guint seen = 0;

      if (texts[t] == NULL)
        continue;
      for (p = texts[t]; *p != '\0' && seen < 4096; p = g_utf8_next_char (p), seen++)
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
            han++, letters++;
          else if (g_unichar_isalpha (c))
            letters++;
        }
    }

  return letters > 0 && han * 10 >= letters * 2 ? "zh-CN" : "en";
}

/* The title of a page with no title: its file name, or for "x/index.md"
 * and the like, its folder's name. */
static char *
file_stem (const char *source)
{
  g_autofree char *base = g_path_get_basename (source);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  if (g_ascii_strcasecmp (base, "index") == 0 || g_ascii_strcasecmp (base, "_index") == 0
      || g_ascii_strcasecmp (base, "readme") == 0)
    {
      g_autofree char *dir = g_path_get_dirname (source);

      if (strcmp (dir, ".") != 0)
        return g_path_get_basename (dir);
    }

  return g_steal_pointer (&base);
}

/* The folder the source path is relative to. */
static char *
import_root (FoundFile *found)
{
  gsize file_len = strlen (found->file);
  gsize source_len = strlen (found->source);

  if (file_len > source_len && g_str_has_suffix (found->file, found->source)
      && found->file[file_len - source_len - 1] == G_DIR_SEPARATOR)
    return g_strndup (found->file, file_len - source_len - 1);
  return g_path_get_dirname (found->file);
}

/* The type of an image, from its first bytes (never its name: a file
 * called chart.png is not a picture for that). NULL if it is no image the
 * content view shows. */
static const char *
sniff_image_type (const char *data, gsize length)
{
  const guchar *d = (const guchar *) data;
  g_autofree char *head = NULL;

  if (length >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return "image/jpeg";
  if (length >= 6 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    return "image/gif";
  if (length >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (length >= 12 && memcmp (d + 4, "ftypavif", 8) == 0)
    return "image/avif";

  /* SVG is text; shown through <img>, its scripts never run. */
  head = g_strndup (data, MIN (length, 1024));
  if (g_utf8_validate (head, -1, NULL) && strstr (head, "<svg") != NULL)
    return "image/svg+xml";

  return NULL;
}

/*
 * Reads the local images the article shows. An image that is missing, too
 * large or not an image is left out (the page shows it as missing): pages
 * often name images that were never written, and that is no reason to
 * refuse the text.
 */
static GPtrArray *
read_assets (FoundFile *found, const char *body)
{
  g_autoptr (GPtrArray) paths = hb_markdown_images (body, found->source);
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify) asset_free);
  g_autofree char *root = NULL;
  guint i;

  if (paths->len == 0)
    return g_steal_pointer (&assets);

  root = import_root (found);
  for (i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *file = g_build_filename (root, path, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *mime_type = NULL;
      gsize length = 0;
      GStatBuf st;
      Asset *asset;

      if (g_stat (file, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > HB_IMPORT_MAX_FILE_SIZE)
        continue;
      if (!g_file_get_contents (file, &contents, &length, NULL))
        continue;

      mime_type = g_strdup (sniff_image_type (contents, length));
      if (mime_type == NULL)
        continue;

      asset = g_new0 (Asset, 1);
      asset->path = g_strdup (path);
      asset->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      asset->mime_type = g_steal_pointer (&mime_type);
      asset->data = g_bytes_new_take (g_steal_pointer (&contents), length);
      g_ptr_array_add (assets, asset);
    }

  return g_steal_pointer (&assets);
}

static ParsedFile *
parse_file (FoundFile *found, const HbImportOptions *options, HbImportReport *report)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbFrontMatter) fm = NULL;
  g_autofree char *text = NULL;
  ParsedFile *parsed;
  JsonObject *object;
  JsonNode *node;
  g_autofree char *kind = NULL;
  guint problems_before = report->problems->len;
  guint error_line = 0;
  gboolean ok;

  text = read_text (found, report);
  if (text == NULL)
    return NULL;

  fm = hb_front_matter_parse (text, &error_line, &error);
  if (fm == NULL)
    {
      add_problem (report, found->file, error_line, "%s", error->message);
      return NULL;
    }
  object = fm->object;

  parsed = g_new0 (ParsedFile, 1);
  parsed->found = found;
  parsed->body = g_strdup (text + fm->body_offset);

  /* The hash covers the whole file: a change to the front matter (a new
   * effective date, say) is a new version too. Images are added below. */
  parsed->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  {
    g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), object);

    parsed->front_matter_json = json_to_string (root, FALSE);
  }

  node = json_object_get_member (object, "id");
  if (node != NULL)
    {
      parsed->id = scalar_string (node);
      parsed->id_line = hb_front_matter_get_line (fm, "id");
      if (parsed->id != NULL)
        g_strstrip (parsed->id);
      if (parsed->id == NULL || *parsed->id == '\0')
        add_problem (report, found->file, parsed->id_line, _("“id” must be a short text"));
      else if (strlen (parsed->id) > 200 || strpbrk (parsed->id, "\t\n\r#?") != NULL)
        add_problem (report, found->file, parsed->id_line,
                     _("“id” must be one line of at most 200 characters without “#” or “?”"));
    }
  else
    {
      parsed->id = hb_util_id_from_path (found->source);
      if (parsed->id == NULL)
        add_problem (report, found->file, 0,
                     _("cannot make an id from the file name; add “id:” to the front matter"));
    }

  node = json_object_get_member (object, "title");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      parsed->title = scalar_string (node);
      if (parsed->title == NULL)
        add_problem (report, found->file, hb_front_matter_get_line (fm, "title"),
                     _("“title” must be text, not a list or a map"));
      else
        g_strstrip (parsed->title);
    }
  if (parsed->title == NULL || *parsed->title == '\0')
    {
      g_free (parsed->title);
      parsed->title = hb_markdown_first_heading (parsed->body);
    }
  if (parsed->title == NULL)
    parsed->title = file_stem (found->source);

  kind = scalar_string (json_object_get_member (object, "kind"));
  if (kind == NULL)
    kind = g_strdup (options != NULL && options->default_kind != NULL ? options->default_kind
                                                                     : "guide");
  if (!hb_article_kind_from_string (kind, &parsed->kind))
    add_problem (report, found->file, hb_front_matter_get_line (fm, "kind"),
                 _("unknown kind “%s”: use guide, faq, regulation or lesson"), kind);

  parsed->lang = scalar_string (json_object_get_member (object, "lang"));
  if (parsed->lang == NULL || *g_strstrip (parsed->lang) == '\0')
    {
      g_free (parsed->lang);
      parsed->lang = g_strdup (guess_lang (parsed->title, parsed->body));
    }

  parsed->platforms = string_list (json_object_get_member (object, "platforms"), &ok);
  if (!ok)
    add_problem (report, found->file, hb_front_matter_get_line (fm, "platforms"),
                 _("“platforms” must be a list of names, such as [tmall, jd]"));
  parsed->tags = string_list (json_object_get_member (object, "tags"), &ok);
  if (!ok)
    add_problem (report, found->file, hb_front_matter_get_line (fm, "tags"),
                 _("“tags” must be a list of words, such as [returns, evidence]"));

  node = json_object_get_member (object, "effective");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      parsed->effective = scalar_string (node);
      if (parsed->effective != NULL)
        g_strstrip (parsed->effective);
      if (!hb_util_is_valid_date (parsed->effective))
        add_problem (report, found->file, hb_front_matter_get_line (fm, "effective"),
                     _("“effective” must be a date written YYYY-MM-DD, such as 2026-12-01"));
    }

  parsed->changes = scalar_string (json_object_get_member (object, "changes"));
  parsed->course = scalar_string (json_object_get_member (object, "course"));

  node = json_object_get_member (object, "order");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *order = scalar_string (node);
      gint64 value = 0;

      if (order == NULL || !g_ascii_string_to_signed (order, 10, G_MININT, G_MAXINT, &value, NULL))
        add_problem (report, found->file, hb_front_matter_get_line (fm, "order"),
                     _("“order” must be a whole number"));
      parsed->order = (int) value;
    }

  parsed->invalid = report->problems->len > problems_before;
  if (!parsed->invalid)
    {
      parsed->assets = read_assets (found, parsed->body);

      /* A new picture is a change of the article as much as new words. */
      if (parsed->assets->len > 0)
        {
          g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
          guint i;

          g_checksum_update (checksum, (const guchar *) text, -1);
          for (i = 0; i < parsed->assets->len; i++)
            {
              Asset *asset = g_ptr_array_index (parsed->assets, i);

              g_checksum_update (checksum, (const guchar *) "\n", 1);
              g_checksum_update (checksum, (const guchar *) asset->path, -1);
              g_checksum_update (checksum, (const guchar *) " ", 1);
              g_checksum_update (checksum, (const guchar *) asset->sha256, -1);
            }
          g_free (parsed->sha256);
          parsed->sha256 = g_strdup (g_checksum_get_string (checksum));
        }
    }
  return parsed;
}

static gboolean
check_duplicate_ids (GPtrArray *parsed_files, HbImportReport *report)
{
  g_autoptr (GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean any = FALSE;
  guint i;

  for (i = 0; i < parsed_files->len; i++)
    {
      ParsedFile *parsed = g_ptr_array_index (parsed_files, i);
      ParsedFile *other;

      if (parsed->id == NULL)
        continue;

      other = g_hash_table_lookup (first, parsed->id);
      if (other == NULL)
        {
          g_hash_table_insert (first, parsed->id, parsed);
          continue;
        }

      /* Neither file can be trusted to be the article: both are refused. */
      if (!other->invalid)
        {
          other->invalid = TRUE;
          add_problem (report, other->found->file, other->id_line,
                       _("the id “%s” is also used by %s"), parsed->id, parsed->found->file);
        }
      parsed->invalid = TRUE;
      add_problem (report, parsed->found->file, parsed->id_line,
                   _("the id “%s” is also used by %s"), parsed->id, other->found->file);
      any = TRUE;
    }

  return !any;
}

typedef struct
{
  HbStore *store;
  sqlite3_stmt *latest;
  sqlite3_stmt *insert_article;
  sqlite3_stmt *update_article;
  sqlite3_stmt *insert_version;
  sqlite3_stmt *insert_blob;
  sqlite3_stmt *insert_version_asset;
  char *import_uuid;
  char *now;
} Writer;

static void
writer_clear (Writer *writer)
{
  g_clear_pointer (&writer->latest, sqlite3_finalize);
  g_clear_pointer (&writer->insert_article, sqlite3_finalize);
  g_clear_pointer (&writer->update_article, sqlite3_finalize);
  g_clear_pointer (&writer->insert_version, sqlite3_finalize);
  g_clear_pointer (&writer->insert_blob, sqlite3_finalize);
  g_clear_pointer (&writer->insert_version_asset, sqlite3_finalize);
  g_clear_pointer (&writer->import_uuid, g_free);
  g_clear_pointer (&writer->now, g_free);
}

static gboolean
writer_prepare (Writer *writer, HbStore *store, GError **error)
{
  writer->store = store;
  writer->latest = hb_store_prepare (store,
                                     "SELECT a.latest_version, v.sha256, a.current_version "
                                     "FROM articles a JOIN article_versions v "
                                     "ON v.article_id = a.id AND v.version = a.latest_version "
                                     "WHERE a.id = ?1",
                                     error);
  if (writer->latest == NULL)
    return FALSE;
  writer->insert_article = hb_store_prepare (store,
                                             "INSERT INTO articles (id, latest_version, "
                                             "current_version, created_at) VALUES (?1, 1, 0, ?2)",
                                             error);
  if (writer->insert_article == NULL)
    return FALSE;
  writer->update_article = hb_store_prepare (store,
                                             "UPDATE articles SET latest_version = ?2 WHERE id = ?1",
                                             error);
  if (writer->update_article == NULL)
    return FALSE;
  writer->insert_version = hb_store_prepare (store,
                                             "INSERT INTO article_versions (article_id, version, "
                                             "uuid, title, kind, lang, platforms, tags, effective, "
                                             "changes, course, sort_order, front_matter, body, "
                                             "sha256, source, import_uuid, imported_at) VALUES "
                                             "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                             "?13, ?14, ?15, ?16, ?17, ?18)",
                                             error);
  if (writer->insert_version == NULL)
    return FALSE;
  writer->insert_blob = hb_store_prepare (store,
                                          "INSERT OR IGNORE INTO asset_blobs (sha256, mime_type, data) "
                                          "VALUES (?1, ?2, ?3)",
                                          error);
  if (writer->insert_blob == NULL)
    return FALSE;
  writer->insert_version_asset = hb_store_prepare (store,
                                                   "INSERT INTO version_assets (article_id, version, "
                                                   "path, sha256) VALUES (?1, ?2, ?3, ?4)",
                                                   error);
  return writer->insert_version_asset != NULL;
}

static gboolean
step_done (Writer *writer, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (writer->store, error, rc, NULL);
  return TRUE;
}

/* Stores @parsed as a new version if its text changed; fills @entry. */
static gboolean
write_article (Writer *writer, ParsedFile *parsed, const char *today, HbImportEntry *entry,
               GError **error)
{
  sqlite3_stmt *stmt;
  guint latest = 0;
  guint current = 0;
  gboolean same = FALSE;
  int rc;

  stmt = writer->latest;
  sqlite3_bind_text (stmt, 1, parsed->id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      latest = (guint) sqlite3_column_int (stmt, 0);
      same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), parsed->sha256) == 0;
      current = (guint) sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (writer->store, error, rc, NULL);

  if (same)
    {
      entry->status = HB_IMPORT_STATUS_UNCHANGED;
      entry->version = latest;
      entry->pending = latest != current;
      return TRUE;
    }

  if (latest == 0)
    {
      stmt = writer->insert_article;
      sqlite3_bind_text (stmt, 1, parsed->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, writer->now, -1, SQLITE_TRANSIENT);
      if (!step_done (writer, stmt, error))
        return FALSE;
      entry->status = HB_IMPORT_STATUS_NEW;
    }
  else
    {
      stmt = writer->update_article;
      sqlite3_bind_text (stmt, 1, parsed->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, latest + 1);
      if (!step_done (writer, stmt, error))
        return FALSE;
      entry->status = HB_IMPORT_STATUS_UPDATED;
    }
  entry->version = latest + 1;
  entry->pending = parsed->effective != NULL && latest > 0 && strcmp (parsed->effective, today) > 0;

  {
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *platforms = hb_article_join_list ((const char *const *) parsed->platforms);
    g_autofree char *tags = hb_article_join_list ((const char *const *) parsed->tags);

    stmt = writer->insert_version;
    sqlite3_bind_text (stmt, 1, parsed->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, latest + 1);
    sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, parsed->title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 5, hb_article_kind_to_string (parsed->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 6, parsed->lang, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 7, platforms, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 8, tags, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 9, parsed->effective, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 10, parsed->changes, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 11, parsed->course, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int (stmt, 12, parsed->order);
    sqlite3_bind_text (stmt, 13, parsed->front_matter_json, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 14, parsed->body, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 15, parsed->sha256, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 16, parsed->found->source, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 17, writer->import_uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 18, writer->now, -1, SQLITE_TRANSIENT);
    if (!step_done (writer, stmt, error))
      return FALSE;
  }

  /* The images go with the version that shows them. */
  for (guint i = 0; parsed->assets != NULL && i < parsed->assets->len; i++)
    {
      Asset *asset = g_ptr_array_index (parsed->assets, i);

      stmt = writer->insert_blob;
      sqlite3_bind_text (stmt, 1, asset->sha256, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, asset->mime_type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob64 (stmt, 3, g_bytes_get_data (asset->data, NULL),
                           g_bytes_get_size (asset->data), SQLITE_STATIC);
      if (!step_done (writer, stmt, error))
        return FALSE;

      stmt = writer->insert_version_asset;
      sqlite3_bind_text (stmt, 1, parsed->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, latest + 1);
      sqlite3_bind_text (stmt, 3, asset->path, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, asset->sha256, -1, SQLITE_TRANSIENT);
      if (!step_done (writer, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_import_row (HbStore *store, const char *uuid, const char *started_at,
                   const char *const *paths, HbImportReport *report, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *source = g_strjoinv ("\n", (char **) paths);
  g_autofree char *finished_at = hb_util_now_utc ();
  int rc;

  stmt = hb_store_prepare (store,
                           "INSERT INTO imports (uuid, started_at, finished_at, source, new_count, "
                           "updated_count, unchanged_count, skipped_count) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, started_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, finished_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, source, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (int) report->n_new);
  sqlite3_bind_int (stmt, 6, (int) report->n_updated);
  sqlite3_bind_int (stmt, 7, (int) report->n_unchanged);
  sqlite3_bind_int (stmt, 8, (int) report->problems->len);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (store, error, rc, NULL);
  return TRUE;
}

/* The import row must exist before the versions that point at it; its
 * counts are filled in at the end. */
static gboolean
update_import_row (HbStore *store, const char *uuid, HbImportReport *report, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *finished_at = hb_util_now_utc ();
  int rc;

  stmt = hb_store_prepare (store,
                           "UPDATE imports SET finished_at = ?2, new_count = ?3, "
                           "updated_count = ?4, unchanged_count = ?5, skipped_count = ?6 "
                           "WHERE uuid = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, finished_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) report->n_new);
  sqlite3_bind_int (stmt, 4, (int) report->n_updated);
  sqlite3_bind_int (stmt, 5, (int) report->n_unchanged);
  sqlite3_bind_int (stmt, 6, (int) report->problems->len);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (store, error, rc, NULL);
  return TRUE;
}

static gboolean
write_all (HbStore *store, const char *const *paths, GPtrArray *parsed_files,
           HbImportReport *report, gboolean dry_run, HbImportProgressFunc progress,
           gpointer progress_data, guint done, guint total, GCancellable *cancellable,
           GError **error)
{
  Writer writer = { 0 };
  g_autofree char *today = hb_util_today ();
  g_autoptr (GPtrArray) refreshed = NULL;
  gboolean ok = FALSE;
  guint i;

  if (!hb_store_begin (store, error))
    return FALSE;

  if (!writer_prepare (&writer, store, error))
    goto out;
  writer.import_uuid = g_uuid_string_random ();
  writer.now = hb_util_now_utc ();

  if (!insert_import_row (store, writer.import_uuid, writer.now, paths, report, error))
    goto out;

  for (i = 0; i < parsed_files->len; i++)
    {
      ParsedFile *parsed = g_ptr_array_index (parsed_files, i);
      HbImportEntry *entry;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (parsed->invalid)
        continue;

      entry = g_new0 (HbImportEntry, 1);
      entry->file = g_strdup (parsed->found->file);
      entry->source = g_strdup (parsed->found->source);
      entry->id = g_strdup (parsed->id);
      entry->title = g_strdup (parsed->title);
      g_ptr_array_add (report->entries, entry);

      if (!write_article (&writer, parsed, today, entry, error))
        {
          g_prefix_error (error, "%s: ", parsed->found->file);
          goto out;
        }

      switch (entry->status)
        {
        case HB_IMPORT_STATUS_NEW:
          report->n_new++;
          break;
        case HB_IMPORT_STATUS_UPDATED:
          report->n_updated++;
          break;
        case HB_IMPORT_STATUS_UNCHANGED:
        default:
          report->n_unchanged++;
          break;
        }

      if (progress != NULL)
        progress (done + i + 1, total, progress_data);
    }

  if (!update_import_row (store, writer.import_uuid, report, error))
    goto out;

  /* New versions whose day has come are put in force, and indexed. */
  refreshed = hb_store_refresh_current (store, today, error);
  if (refreshed == NULL)
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (dry_run)
    {
      hb_store_rollback (store);
      ok = TRUE;
      goto out;
    }

  if (!hb_store_commit (store, error))
    goto out;

  report->committed = TRUE;
  report->import_uuid = g_steal_pointer (&writer.import_uuid);
  ok = TRUE;

out:
  writer_clear (&writer);
  if (hb_store_in_transaction (store))
    hb_store_rollback (store);
  return ok;
}

HbImportReport *
hb_import_paths (HbStore *store, const char *const *paths, const HbImportOptions *options,
                 HbImportProgressFunc progress, gpointer progress_data, GCancellable *cancellable,
                 GError **error)
{
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) parsed_files = NULL;
  HbImportFlags flags = options != NULL ? options->flags : HB_IMPORT_FLAGS_NONE;
  guint total;
  guint i;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  if (options != NULL && options->default_kind != NULL
      && !hb_article_kind_from_string (options->default_kind, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown kind “%s”: use guide, faq, regulation or lesson"),
                   options->default_kind);
      return NULL;
    }

  found = collect_files (paths, error);
  if (found == NULL)
    return NULL;

  report = g_new0 (HbImportReport, 1);
  report->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);

  /* Reading and checking takes one step per file, writing another. */
  total = found->len * 2;
  parsed_files = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_file_free);
  for (i = 0; i < found->len; i++)
    {
      ParsedFile *parsed;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      parsed = parse_file (g_ptr_array_index (found, i), options, report);
      if (parsed != NULL)
        g_ptr_array_add (parsed_files, parsed);

      if (progress != NULL)
        progress (i + 1, total, progress_data);
    }

  check_duplicate_ids (parsed_files, report);

  /* All or nothing, unless asked to skip the invalid files. */
  if (report->problems->len > 0 && !(flags & HB_IMPORT_FLAGS_SKIP_INVALID))
    return g_steal_pointer (&report);

  if (!write_all (store, paths, parsed_files, report, (flags & HB_IMPORT_FLAGS_DRY_RUN) != 0,
                  progress, progress_data, total - parsed_files->len, total, cancellable, error))
    return NULL;

  return g_steal_pointer (&report);
}

char *
hb_import_find_content_dir (void)
{
  const char *env = g_getenv ("HANDBOOK_CONTENT_DIR");
  const char *candidates[] = { HB_CONTENT_DIR, HB_SOURCE_CONTENT_DIR };
  guint i;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  for (i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_strdup (candidates[i]);

  return NULL;
}

static char *
meta_get (HbStore *store, const char *key)
{
  g_autoptr (sqlite3_stmt) stmt = hb_store_prepare (store, "SELECT value FROM meta WHERE key = ?1",
                                                    NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

HbImportReport *
hb_import_seed (HbStore *store, GCancellable *cancellable, GError **error)
{
  g_autofree char *seeded = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *now = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const char *paths[2] = { NULL, NULL };
  int count;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  seeded = meta_get (store, "seeded");
  count = hb_store_count_articles (store, error);
  if (count < 0)
    return NULL;
  if (seeded != NULL || count > 0 || hb_store_is_read_only (store))
    return NULL;

  dir = hb_import_find_content_dir ();
  if (dir == NULL)
    {
      g_warning ("The sample handbook is not installed; starting with an empty library");
      return NULL;
    }

  paths[0] = dir;
  report = hb_import_paths (store, paths, NULL, NULL, NULL, cancellable, error);
  if (report == NULL)
    return NULL;

  if (!report->committed)
    {
      /* The bundled handbook is ours: a problem in it is a bug to see. */
      guint i;

      for (i = 0; i < report->problems->len; i++)
        {
          g_autofree char *line = hb_import_problem_to_string (g_ptr_array_index (report->problems, i));

          g_warning ("Sample handbook: %s", line);
        }
      return g_steal_pointer (&report);
    }

  now = hb_util_now_utc ();
  stmt = hb_store_prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', ?1)",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (store, error, sqlite3_errcode (hb_store_get_db (store)), NULL);
      return NULL;
    }

  return g_steal_pointer (&report);
}
