/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "hb-import.h"
#include "hb-frontmatter.h"
#include "hb-import-quiz.h"
#include "hb-markdown.h"
#include "hb-store-articles.h"
#include "hb-store-content.h"
#include "hb-store-imports.h"
#include "hb-search-lexicon.h"
#include "hb-util.h"

G_DEFINE_QUARK (hb-import-error-quark, hb_import_error)

/* Folders nested deeper than this are not followed (symlink loops). */
#define MAX_FOLDER_DEPTH 32

typedef struct
{
  char *file;    /* as shown in messages */
  char *source;  /* relative to the import root */
  char *problem; /* (nullable) why it is not read (a link leading outside) */
  /* A file already in memory (hb_import_parse_bytes()), and where its
   * images come from; NULL for a file on disk. */
  GBytes *data;
  HbImportAssetFunc get_asset;
  gpointer get_asset_data;
} FoundFile;

/* One file, read and checked: the record to store, and where it came
 * from. */
typedef struct
{
  FoundFile *found;
  HbArticleRecord *record;  /* an article, or */
  HbContentRecord *content; /* a thesaurus or a course */
  guint id_line;
  gboolean invalid;
} ParsedFile;

static void
found_file_free (FoundFile *found)
{
  g_free (found->file);
  g_free (found->source);
  g_free (found->problem);
  g_clear_pointer (&found->data, g_bytes_unref);
  g_free (found);
}

static void
parsed_file_free (ParsedFile *parsed)
{
  g_clear_pointer (&parsed->record, hb_article_record_free);
  g_clear_pointer (&parsed->content, hb_content_record_free);
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

/*
 * The content that is not an article, by its name: synonyms.yaml (or
 * thesaurus.yaml) anywhere is the thesaurus; a YAML file in a folder
 * called "courses" (or NAME.course.yaml) is a course, and so is Markdown
 * whose front matter says "kind: course". Other YAML files (a site's
 * _config.yml, say) are not content.
 */
static const char *
content_kind (const char *relative)
{
  g_autofree char *base = g_path_get_basename (relative);
  g_autofree char *dir = g_path_get_dirname (relative);
  g_autofree char *folder = g_path_get_basename (dir);

  if (!g_str_has_suffix (base, ".yaml") && !g_str_has_suffix (base, ".yml"))
    return NULL;
  if (g_str_has_prefix (base, "synonyms.") || g_str_has_prefix (base, "thesaurus.")
      || g_str_has_suffix (base, ".thesaurus.yaml"))
    return HB_CONTENT_KIND_THESAURUS;
  if (strcmp (folder, "courses") == 0 || g_str_has_suffix (base, ".course.yaml"))
    return HB_CONTENT_KIND_COURSE;
  return NULL;
}

gboolean
hb_import_is_markdown_file (const char *name)
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

/*
 * Walking the folders: links are followed only where they lead inside
 * the folder being imported (a link to /etc/passwd is no article), and a
 * folder met twice, through a link or a loop of links, is read once.
 */
typedef struct
{
  char *root;                 /* the imported folder, every link resolved */
  const char *const *exclude;
  GHashTable *seen;           /* "device:inode" of the folders and files met */
  GPtrArray *found;
} Walk;

static char *
file_key (const GStatBuf *st)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, (guint64) st->st_dev,
                          (guint64) st->st_ino);
}

static gboolean
is_inside (const char *path, const char *root)
{
  gsize len = strlen (root);

  return strncmp (path, root, len) == 0 && (path[len] == '\0' || path[len] == G_DIR_SEPARATOR
                                             || (len > 0 && root[len - 1] == G_DIR_SEPARATOR));
}

static void
add_found (Walk *walk, const char *file, const char *source, const char *problem)
{
  FoundFile *found = g_new0 (FoundFile, 1);

  found->file = g_strdup (file);
  found->source = g_strdup (source);
  found->problem = g_strdup (problem);
  g_ptr_array_add (walk->found, found);
}

static gboolean
collect_folder (Walk *walk, const char *dir_path, const char *relative, guint depth, GError **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  GStatBuf st;
  guint i;

  if (depth > MAX_FOLDER_DEPTH)
    return TRUE;
  if (g_stat (dir_path, &st) != 0 || !g_hash_table_add (walk->seen, file_key (&st)))
    return TRUE;

  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    {
      g_prefix_error (error, _("Cannot read the folder %s: "), dir_path);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!is_skipped_name (name) && (walk->exclude == NULL || !g_strv_contains (walk->exclude, name)))
      g_ptr_array_add (names, g_strdup (name));

  /* Sorted, so reports and versions come out the same on every machine. */
  g_ptr_array_sort (names, compare_names);

  for (i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *child = g_build_filename (dir_path, entry, NULL);
      g_autofree char *child_rel = relative != NULL ? g_strconcat (relative, "/", entry, NULL)
                                                    : g_strdup (entry);
      gboolean wanted = hb_import_is_markdown_file (entry) || content_kind (child_rel) != NULL;
      GStatBuf lst;

      if (g_lstat (child, &lst) != 0)
        continue;

      if (S_ISLNK (lst.st_mode))
        {
          char *resolved = realpath (child, NULL);
          g_autofree char *target = resolved != NULL ? g_strdup (resolved) : NULL;

          free (resolved);
          if (target == NULL || g_stat (target, &lst) != 0)
            {
              if (wanted)
                add_found (walk, child, child_rel, _("this link leads nowhere (or round in a loop)"));
              continue;
            }
          if (!is_inside (target, walk->root))
            {
              if (wanted || S_ISDIR (lst.st_mode))
                add_found (walk, child, child_rel,
                           S_ISDIR (lst.st_mode)
                             ? _("this links to a folder outside the imported folder; it is not followed")
                             : _("this links to a file outside the imported folder; it is not imported"));
              continue;
            }
        }

      if (S_ISDIR (lst.st_mode))
        {
          if (!collect_folder (walk, child, child_rel, depth + 1, error))
            return FALSE;
        }
      else if (wanted && S_ISREG (lst.st_mode) && g_hash_table_add (walk->seen, file_key (&lst)))
        add_found (walk, child, child_rel, NULL);
    }

  return TRUE;
}

static GPtrArray *
collect_files (const char *const *paths, const char *const *exclude, GError **error)
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
          char *root = realpath (path, NULL);
          Walk walk = { g_strdup (root != NULL ? root : path), exclude,
                        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), found };
          gboolean ok;

          free (root);
          ok = collect_folder (&walk, path, NULL, 0, error);
          g_free (walk.root);
          g_hash_table_unref (walk.seen);
          if (!ok)
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

  if (found->data != NULL)
    {
      const char *data = g_bytes_get_data (found->data, &length);

      if (length > HB_IMPORT_MAX_FILE_SIZE)
        {
          g_autofree char *size = g_format_size (length);
          g_autofree char *limit = g_format_size (HB_IMPORT_MAX_FILE_SIZE);

          add_problem (report, found->file, 0, _("the file is too large (%s; the limit is %s)"), size, limit);
          return NULL;
        }
      contents = g_malloc (length + 1);
      if (length > 0)
        memcpy (contents, data, length);
      contents[length] = '\0';
      goto check;
    }

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
      g_autofree char *size = g_format_size ((guint64) st.st_size);
      g_autofree char *limit = g_format_size (HB_IMPORT_MAX_FILE_SIZE);

      add_problem (report, found->file, 0, _("the file is too large (%s; the limit is %s)"), size,
                   limit);
      return NULL;
    }

  if (!g_file_get_contents (found->file, &contents, &length, &error))
    {
      add_problem (report, found->file, 0, _("cannot read the file: %s"), error->message);
      return NULL;
    }

check:
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

/* The images the content view shows. */
static const char *const image_types[] = {
  "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/svg+xml",
};

/* The type of an image, from its bytes (never its name: a file called
 * chart.png is not a picture for that). NULL if it is no image the
 * content view shows. SVG is text; shown through <img>, its scripts never
 * run. */
static const char *
sniff_image_type (const char *data, gsize length)
{
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  gboolean uncertain = FALSE;
  guint i;

  content_type = g_content_type_guess (NULL, (const guchar *) data, length, &uncertain);
  if (content_type == NULL || uncertain)
    return NULL;
  mime_type = g_content_type_get_mime_type (content_type);
  for (i = 0; mime_type != NULL && i < G_N_ELEMENTS (image_types); i++)
    if (strcmp (mime_type, image_types[i]) == 0)
      return image_types[i];
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
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_asset_record_free);
  g_autofree char *root = NULL;
  guint i;

  if (paths->len == 0)
    return g_steal_pointer (&assets);

  /* The images of a file in memory come from where it came from. */
  if (found->get_asset != NULL)
    {
      for (i = 0; i < paths->len; i++)
        {
          const char *path = g_ptr_array_index (paths, i);
          g_autoptr (GBytes) data = found->get_asset (path, found->get_asset_data);
          const char *mime_type;

          if (data == NULL || g_bytes_get_size (data) > HB_IMPORT_MAX_FILE_SIZE)
            continue;
          mime_type = sniff_image_type (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
          if (mime_type != NULL)
            g_ptr_array_add (assets, hb_asset_record_new (path, data, mime_type));
        }
      return g_steal_pointer (&assets);
    }
  if (found->data != NULL)
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

      if (g_stat (file, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > HB_IMPORT_MAX_FILE_SIZE)
        continue;
      if (!g_file_get_contents (file, &contents, &length, NULL))
        continue;

      mime_type = g_strdup (sniff_image_type (contents, length));
      if (mime_type == NULL)
        continue;

      {
        g_autoptr (GBytes) data = g_bytes_new_take (g_steal_pointer (&contents), length);

        g_ptr_array_add (assets, hb_asset_record_new (path, data, mime_type));
      }
    }

  return g_steal_pointer (&assets);
}

/* The id of a content file: its path without the extension. */
static char *
content_id (const char *source)
{
  g_autofree char *copy = g_strdup (source);
  char *dot = strrchr (copy, '.');

  if (dot != NULL && strchr (dot, '/') == NULL)
    *dot = '\0';
  return hb_util_id_from_path (copy);
}

static ParsedFile *
parse_content (FoundFile *found, const char *kind, HbImportReport *report)
{
  g_autofree char *text = read_text (found, report);
  g_autoptr (GError) error = NULL;
  ParsedFile *parsed;
  guint line = 0;

  if (text == NULL)
    return NULL;

  if (strcmp (kind, HB_CONTENT_KIND_THESAURUS) == 0
      && hb_search_thesaurus_check (text, found->file, &line, &error) < 0)
    {
      /* The message names the file and line already. */
      HbImportProblem *problem = g_new0 (HbImportProblem, 1);
      const char *message = error->message;
      g_autofree char *prefix = g_strdup_printf ("%s:%u: ", found->file, line);

      if (g_str_has_prefix (message, prefix))
        message += strlen (prefix);
      problem->file = g_strdup (found->file);
      problem->line = line;
      problem->message = g_strdup (message);
      g_ptr_array_add (report->problems, problem);
      return NULL;
    }

  parsed = g_new0 (ParsedFile, 1);
  parsed->found = found;
  parsed->content = g_new0 (HbContentRecord, 1);
  parsed->content->id = content_id (found->source);
  parsed->content->kind = g_strdup (kind);
  parsed->content->source = g_strdup (found->source);
  parsed->content->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  parsed->content->text = g_steal_pointer (&text);
  if (parsed->content->id == NULL)
    {
      add_problem (report, found->file, 0, _("cannot make an id from the file name"));
      parsed->invalid = TRUE;
    }
  return parsed;
}

static ParsedFile *
parse_file (FoundFile *found, const HbImportOptions *options, HbImportReport *report)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbFrontMatter) fm = NULL;
  g_autofree char *text = NULL;
  ParsedFile *parsed;
  HbArticleRecord *record;
  JsonObject *object;
  JsonNode *node;
  g_autofree char *kind = NULL;
  guint problems_before = report->problems->len;
  guint error_line = 0;
  gboolean ok;

  if (found->problem != NULL)
    {
      add_problem (report, found->file, 0, "%s", found->problem);
      return NULL;
    }
  if (content_kind (found->source) != NULL)
    return parse_content (found, content_kind (found->source), report);

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

  /* A course may be written as Markdown too: its front matter says so. */
  {
    g_autofree char *declared = scalar_string (json_object_get_member (object, "kind"));

    if (g_strcmp0 (declared, "course") == 0)
      return parse_content (found, HB_CONTENT_KIND_COURSE, report);
  }

  {
    guint bad_line = 0;
    g_autoptr (GError) too_large = NULL;

    if (!hb_markdown_check (text + fm->body_offset, &bad_line, &too_large))
      {
        add_problem (report, found->file, bad_line > 0 ? fm->body_line + bad_line - 1 : 0, "%s",
                     too_large->message);
        return NULL;
      }
  }

  parsed = g_new0 (ParsedFile, 1);
  parsed->found = found;
  parsed->record = record = hb_article_record_new ();
  record->source = g_strdup (found->source);
  record->body = g_strdup (text + fm->body_offset);

  /* The hash covers the whole file: a change to the front matter (a new
   * effective date, say) is a new version too. Images are added below. */
  record->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  {
    g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), object);

    record->front_matter = json_to_string (root, FALSE);
  }

  node = json_object_get_member (object, "id");
  if (node != NULL)
    {
      record->id = scalar_string (node);
      parsed->id_line = hb_front_matter_get_line (fm, "id");
      if (record->id != NULL)
        g_strstrip (record->id);
      if (record->id == NULL || *record->id == '\0')
        add_problem (report, found->file, parsed->id_line, _("“id” must be a short text"));
      else
        {
          g_autofree char *reason = NULL;

          if (!hb_util_check_id (record->id, &reason))
            {
              g_autofree char *shown = hb_util_escape_controls (record->id);

              add_problem (report, found->file, parsed->id_line, _("“id: %s” is not an id: %s"),
                           shown, reason);
            }
        }
    }
  else
    {
      g_autofree char *reason = NULL;

      record->id = hb_util_id_from_path (found->source);
      if (record->id == NULL)
        add_problem (report, found->file, 0,
                     _("cannot make an id from the file name; add “id:” to the front matter"));
      else if (!hb_util_check_id (record->id, &reason))
        add_problem (report, found->file, 0,
                     _("the file’s name makes no valid id (%s); add “id:” to the front matter"),
                     reason);
    }

  /* What is printed to a terminal or shown in the window holds no escape
   * sequence. */
  {
    const char *fields[] = { "title", "changes", "course", "effective", "lang", "kind" };

    for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
      {
        g_autofree char *value = scalar_string (json_object_get_member (object, fields[f]));
        g_autofree char *escaped = hb_util_escape_controls (value);

        if (value != NULL && strcmp (value, escaped) != 0)
          add_problem (report, found->file, hb_front_matter_get_line (fm, fields[f]),
                       _("“%s” holds a control character: %s"), fields[f], escaped);
      }
  }

  node = json_object_get_member (object, "title");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      record->title = scalar_string (node);
      if (record->title == NULL)
        add_problem (report, found->file, hb_front_matter_get_line (fm, "title"),
                     _("“title” must be text, not a list or a map"));
      else
        g_strstrip (record->title);
    }
  if (record->title == NULL || *record->title == '\0')
    {
      g_free (record->title);
      record->title = hb_markdown_first_heading (record->body);
    }
  if (record->title == NULL)
    record->title = file_stem (found->source);

  kind = scalar_string (json_object_get_member (object, "kind"));
  if (kind == NULL)
    kind = g_strdup (options != NULL && options->default_kind != NULL ? options->default_kind
                                                                     : "guide");
  if (!hb_article_kind_from_string (kind, &record->kind))
    add_problem (report, found->file, hb_front_matter_get_line (fm, "kind"),
                 _("unknown kind “%s”: use guide, faq, regulation or lesson"), kind);

  record->lang = scalar_string (json_object_get_member (object, "lang"));
  if (record->lang == NULL || *g_strstrip (record->lang) == '\0')
    {
      g_free (record->lang);
      record->lang = g_strdup (guess_lang (record->title, record->body));
    }

  g_strfreev (record->platforms);
  record->platforms = string_list (json_object_get_member (object, "platforms"), &ok);
  if (!ok)
    add_problem (report, found->file, hb_front_matter_get_line (fm, "platforms"),
                 _("“platforms” must be a list of names, such as [tmall, jd]"));
  g_strfreev (record->tags);
  record->tags = string_list (json_object_get_member (object, "tags"), &ok);
  if (!ok)
    add_problem (report, found->file, hb_front_matter_get_line (fm, "tags"),
                 _("“tags” must be a list of words, such as [returns, evidence]"));

  node = json_object_get_member (object, "effective");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      record->effective = scalar_string (node);
      if (record->effective != NULL)
        g_strstrip (record->effective);
      if (!hb_util_is_valid_date (record->effective))
        add_problem (report, found->file, hb_front_matter_get_line (fm, "effective"),
                     _("“effective” must be a date written YYYY-MM-DD, such as 2026-12-01"));
    }

  record->changes = scalar_string (json_object_get_member (object, "changes"));
  record->course = scalar_string (json_object_get_member (object, "course"));

  node = json_object_get_member (object, "order");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *order = scalar_string (node);
      gint64 value = 0;

      if (order == NULL || !g_ascii_string_to_signed (order, 10, G_MININT, G_MAXINT, &value, NULL))
        add_problem (report, found->file, hb_front_matter_get_line (fm, "order"),
                     _("“order” must be a whole number"));
      record->order = (int) value;
    }

  parsed->invalid = report->problems->len > problems_before;
  if (!parsed->invalid)
    {
      record->assets = read_assets (found, record->body);

      /* A new picture is a change of the article as much as new words. */
      if (record->assets->len > 0)
        {
          g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
          guint i;

          g_checksum_update (checksum, (const guchar *) text, -1);
          for (i = 0; i < record->assets->len; i++)
            {
              HbAssetRecord *asset = g_ptr_array_index (record->assets, i);

              g_checksum_update (checksum, (const guchar *) "\n", 1);
              g_checksum_update (checksum, (const guchar *) asset->path, -1);
              g_checksum_update (checksum, (const guchar *) " ", 1);
              g_checksum_update (checksum, (const guchar *) asset->sha256, -1);
            }
          g_free (record->sha256);
          record->sha256 = g_strdup (g_checksum_get_string (checksum));
        }
    }

  /* Quizzes are checked in hb-import-quiz.c (a .gift file beside joins
   * the body there, so it comes after the hash above). */
  if (!hb_import_check_quiz (report, found->file, record, fm->body_line))
    parsed->invalid = TRUE;
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

      if (parsed->record == NULL || parsed->record->id == NULL)
        continue;

      other = g_hash_table_lookup (first, parsed->record->id);
      if (other == NULL)
        {
          g_hash_table_insert (first, parsed->record->id, parsed);
          continue;
        }

      /* Neither file can be trusted to be the article: both are refused. */
      if (!other->invalid)
        {
          other->invalid = TRUE;
          add_problem (report, other->found->file, other->id_line,
                       _("the id “%s” is also used by %s"), parsed->record->id, parsed->found->file);
        }
      parsed->invalid = TRUE;
      add_problem (report, parsed->found->file, parsed->id_line,
                   _("the id “%s” is also used by %s"), parsed->record->id, other->found->file);
      any = TRUE;
    }

  return !any;
}

/* Course files are checked in hb-import-quiz.c, once every article of
 * the import is known (a course may list lessons imported with it). */
static void
check_courses (HbStore *store, GPtrArray *parsed_files, HbImportReport *report)
{
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint i;

  for (i = 0; i < parsed_files->len; i++)
    {
      ParsedFile *parsed = g_ptr_array_index (parsed_files, i);

      /* An invalid article is reported on its own; the course that
       * lists it is not wrong to. */
      if (parsed->record != NULL && parsed->record->id != NULL)
        g_hash_table_add (ids, parsed->record->id);
    }
  for (i = 0; i < parsed_files->len; i++)
    {
      ParsedFile *parsed = g_ptr_array_index (parsed_files, i);

      if (parsed->content != NULL && strcmp (parsed->content->kind, HB_CONTENT_KIND_COURSE) == 0
          && !hb_import_check_course (report, store, parsed->found->file, parsed->content->text, ids))
        parsed->invalid = TRUE;
    }
}

static gboolean
write_all (HbStore *store, const char *const *paths, GPtrArray *parsed_files,
           HbImportReport *report, gboolean dry_run, HbImportProgressFunc progress,
           gpointer progress_data, guint done, guint total, GCancellable *cancellable,
           GError **error)
{
  g_autoptr (HbStoreWrite) write = NULL;
  g_autofree char *import_uuid = g_uuid_string_random ();
  g_autofree char *started_at = hb_util_now_utc ();
  g_autofree char *source = g_strjoinv ("\n", (char **) paths);
  HbImportRecord record = { 0 };
  guint i;

  write = hb_store_write_begin (store, error);
  if (write == NULL)
    return FALSE;

  for (i = 0; i < parsed_files->len; i++)
    {
      ParsedFile *parsed = g_ptr_array_index (parsed_files, i);
      HbImportEntry *entry;
      HbStoreAdded added = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (parsed->invalid)
        continue;

      entry = g_new0 (HbImportEntry, 1);
      entry->file = g_strdup (parsed->found->file);
      entry->source = g_strdup (parsed->found->source);
      g_ptr_array_add (report->entries, entry);

      if (parsed->content != NULL)
        {
          gboolean is_new = FALSE;

          entry->id = g_strdup (parsed->content->id);
          entry->title = g_strdup (strcmp (parsed->content->kind, HB_CONTENT_KIND_THESAURUS) == 0
                                     ? _("Thesaurus")
                                     : _("Course"));
          entry->content = TRUE;
          if (!hb_store_add_content (write, parsed->content, import_uuid, &entry->version, &is_new,
                                     error))
            {
              g_prefix_error (error, "%s: ", parsed->found->file);
              return FALSE;
            }
          entry->status = !is_new ? HB_IMPORT_STATUS_UNCHANGED
                          : entry->version == 1 ? HB_IMPORT_STATUS_NEW
                                                : HB_IMPORT_STATUS_UPDATED;
          if (entry->status == HB_IMPORT_STATUS_NEW)
            report->n_new++;
          else if (entry->status == HB_IMPORT_STATUS_UPDATED)
            report->n_updated++;
          else
            report->n_unchanged++;
          continue;
        }

      entry->id = g_strdup (parsed->record->id);
      entry->title = g_strdup (parsed->record->title);

      if (!hb_store_add_version (write, parsed->record, import_uuid, &added, error))
        {
          g_prefix_error (error, "%s: ", parsed->found->file);
          return FALSE;
        }
      entry->version = added.version;
      entry->pending = added.pending;

      switch (added.status)
        {
        case HB_STORE_ADDED_NEW:
          entry->status = HB_IMPORT_STATUS_NEW;
          report->n_new++;
          break;
        case HB_STORE_ADDED_UPDATED:
          entry->status = HB_IMPORT_STATUS_UPDATED;
          report->n_updated++;
          break;
        case HB_STORE_ADDED_UNCHANGED:
        default:
          entry->status = HB_IMPORT_STATUS_UNCHANGED;
          report->n_unchanged++;
          break;
        }

      if (progress != NULL)
        progress (done + i + 1, total, progress_data);
    }

  record.uuid = import_uuid;
  record.started_at = started_at;
  record.source = source;
  record.n_new = report->n_new;
  record.n_updated = report->n_updated;
  record.n_unchanged = report->n_unchanged;
  record.n_skipped = report->problems->len;
  if (!hb_store_add_import (write, &record, error))
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* A dry run does everything but the COMMIT: what the report says is
   * what an import would do. */
  if (dry_run)
    return TRUE;

  if (!hb_store_write_commit (g_steal_pointer (&write), error))
    return FALSE;

  report->committed = TRUE;
  report->import_uuid = g_steal_pointer (&import_uuid);
  return TRUE;
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

  found = collect_files (paths, options != NULL ? options->exclude : NULL, error);
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
  check_courses (store, parsed_files, report);

  /* All or nothing, unless asked to skip the invalid files. */
  if (report->problems->len > 0 && !(flags & HB_IMPORT_FLAGS_SKIP_INVALID))
    return g_steal_pointer (&report);

  if (!write_all (store, paths, parsed_files, report, (flags & HB_IMPORT_FLAGS_DRY_RUN) != 0,
                  progress, progress_data, total - parsed_files->len, total, cancellable, error))
    return NULL;

  return g_steal_pointer (&report);
}

HbArticleRecord *
hb_import_parse_bytes (const char *file, const char *source, GBytes *data, const char *default_kind,
                       HbImportAssetFunc get_asset, gpointer user_data, GPtrArray **problems)
{
  g_autoptr (HbImportReport) report = g_new0 (HbImportReport, 1);
  FoundFile *found = g_new0 (FoundFile, 1);
  HbImportOptions options = { 0 };
  ParsedFile *parsed;
  HbArticleRecord *record = NULL;

  g_return_val_if_fail (file != NULL && source != NULL && data != NULL, NULL);

  report->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  found->file = g_strdup (file);
  found->source = g_strdup (source);
  found->data = g_bytes_ref (data);
  found->get_asset = get_asset;
  found->get_asset_data = user_data;
  options.default_kind = default_kind;

  if (content_kind (source) != NULL)
    add_problem (report, file, 0, _("this is not a Markdown article"));
  else
    {
      parsed = parse_file (found, &options, report);
      if (parsed != NULL && !parsed->invalid && parsed->record != NULL)
        record = g_steal_pointer (&parsed->record);
      if (parsed != NULL)
        parsed_file_free (parsed);
    }

  found_file_free (found);
  if (problems != NULL)
    *problems = g_steal_pointer (&report->problems);
  return record;
}
