/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-bundle"

#include "config.h"

#include "hb-bundle.h"

#include "hb-frontmatter.h"
#include "hb-import.h"
#include "hb-minisign.h"
#include "hb-util.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (hb-bundle-error-quark, hb_bundle_error)

/* The importer's limit: no article is larger. */
#define MAX_FILE_SIZE HB_IMPORT_MAX_FILE_SIZE
#define MAX_PATH_LENGTH 1024
#define MAX_DEPTH 32
#define MAX_ID_LENGTH 200
/* Larger than any minisign signature file; a larger one is refused by
 * hb_minisign_verify() as malformed. */
#define MAX_SIGNATURE_SIZE 16384
#define READ_CHUNK 65536

#define COMMENT_BUNDLE "handbook-bundle:"
#define COMMENT_DATE "date:"
#define COMMENT_TIMESTAMP "timestamp:"

typedef struct
{
  char *path;   /* inside the bundle */
  GBytes *bytes;
  char *sha256;
} BundleFile;

struct _HbBundle
{
  GObject parent_instance;

  char *path;
  HbBundleKind kind;
  HbBundleManifest *manifest;
  GHashTable *files;   /* path -> BundleFile */
  GPtrArray *sorted;   /* (element-type BundleFile) in byte order of path */
  char *sha256;

  GBytes *archive;          /* archives: the bytes read */
  GBytes *archive_signature; /* (nullable): ARCHIVE.minisig as read */
  char *archive_signature_path;
  GBytes *sums;             /* (nullable): SHA256SUMS as read */
  GBytes *sums_signature;   /* (nullable): SHA256SUMS.minisig as read */
};

G_DEFINE_FINAL_TYPE (HbBundle, hb_bundle, G_TYPE_OBJECT)

static void
bundle_file_free (BundleFile *file)
{
  g_free (file->path);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_free (file->sha256);
  g_free (file);
}

static void
hb_bundle_entry_free (HbBundleEntry *entry)
{
  g_free (entry->file);
  g_free (entry->id);
  g_free (entry->effective);
  g_free (entry->changes);
  g_free (entry->due);
  g_free (entry);
}

void
hb_bundle_manifest_free (HbBundleManifest *manifest)
{
  if (manifest == NULL)
    return;
  g_free (manifest->bundle_id);
  g_free (manifest->title);
  g_free (manifest->publisher);
  g_free (manifest->date);
  g_clear_pointer (&manifest->entries, g_ptr_array_unref);
  g_free (manifest);
}

void
hb_bundle_signature_free (HbBundleSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->key_id);
  g_free (signature->trusted_comment);
  g_free (signature->bundle_id);
  g_free (signature->date);
  g_free (signature->signature_file);
  g_free (signature);
}

static void
hb_bundle_finalize (GObject *object)
{
  HbBundle *self = HB_BUNDLE (object);

  g_free (self->path);
  g_clear_pointer (&self->manifest, hb_bundle_manifest_free);
  g_clear_pointer (&self->files, g_hash_table_unref);
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_free (self->sha256);
  g_clear_pointer (&self->archive, g_bytes_unref);
  g_clear_pointer (&self->archive_signature, g_bytes_unref);
  g_free (self->archive_signature_path);
  g_clear_pointer (&self->sums, g_bytes_unref);
  g_clear_pointer (&self->sums_signature, g_bytes_unref);

  G_OBJECT_CLASS (hb_bundle_parent_class)->finalize (object);
}

static void
hb_bundle_class_init (HbBundleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_bundle_finalize;
}

static void
hb_bundle_init (HbBundle *self)
{
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) bundle_file_free);
}

/* Messages */

/* Text from a bundle made safe to print: invalid UTF-8 replaced, control
 * and format characters (terminal escapes, bidi overrides) written as
 * \uXXXX. */
static char *
display (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_new (NULL);
  const char *p;

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT || type == G_UNICODE_LINE_SEPARATOR
          || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Sets @error to "NAME:LINE: message" (or "NAME: message" for line 0). */
static gboolean
fail_at (GError **error, int code, const char *name, guint line, const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_at (GError **error, int code, const char *name, guint line, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_set_error (error, HB_BUNDLE_ERROR, code, "%s:%u: %s", name, line, message);
  else
    g_set_error (error, HB_BUNDLE_ERROR, code, "%s: %s", name, message);
  return FALSE;
}

/* Paths and ids */

typedef enum
{
  PATH_OK,
  PATH_SKIP,
  PATH_UNSAFE,
} PathVerdict;

/* Whether a folder or file is left out of every bundle: version control
 * and the litter of macOS archivers. */
static gboolean
is_skipped (char **segments, guint n)
{
  guint i;

  for (i = 0; i < n; i++)
    if (strcmp (segments[i], ".git") == 0 || strcmp (segments[i], "__MACOSX") == 0)
      return TRUE;
  return n > 0 && (strcmp (segments[n - 1], ".DS_Store") == 0 || g_str_has_prefix (segments[n - 1], "._"));
}

/* Checks a path found in a bundle or named by the manifest and gives its
 * normal form: '/'-separated, no "." or empty segments, NFC. */
static PathVerdict
clean_path (const char *raw, char **out, const char **why)
{
  g_auto (GStrv) segments = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  const char *p;
  guint i;

  *out = NULL;
  if (!g_utf8_validate (raw, -1, NULL))
    {
      *why = _("its name is not UTF-8 text");
      return PATH_UNSAFE;
    }
  if (strlen (raw) > MAX_PATH_LENGTH)
    {
      *why = _("its path is too long");
      return PATH_UNSAFE;
    }
  for (p = raw; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        {
          *why = _("its name holds a control character");
          return PATH_UNSAFE;
        }
      if (*p == '\\')
        {
          *why = _("its name holds a backslash");
          return PATH_UNSAFE;
        }
    }
  if (raw[0] == '/')
    {
      *why = _("it has an absolute path");
      return PATH_UNSAFE;
    }
  if (g_ascii_isalpha (raw[0]) && raw[1] == ':')
    {
      *why = _("it has an absolute Windows path");
      return PATH_UNSAFE;
    }

  segments = g_strsplit (raw, "/", -1);
  for (i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0)
        continue;
      if (strcmp (segments[i], "..") == 0)
        {
          *why = _("its path climbs out of the bundle (“..”)");
          return PATH_UNSAFE;
        }
      g_ptr_array_add (kept, segments[i]);
    }
  if (kept->len > MAX_DEPTH)
    {
      *why = _("it is nested too deeply");
      return PATH_UNSAFE;
    }
  if (kept->len == 0 || is_skipped ((char **) kept->pdata, kept->len))
    return PATH_SKIP;

  g_ptr_array_add (kept, NULL);
  joined = g_strjoinv ("/", (char **) kept->pdata);
  *out = g_utf8_normalize (joined, -1, G_NORMALIZE_NFC);
  return PATH_OK;
}

static gboolean
is_markdown (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown");
}

/* A bundle id: lowercase ASCII letters, digits, '-', '_' and '.', starting
 * with a letter or digit. */
static gboolean
is_valid_bundle_id (const char *id)
{
  const char *p;

  if (id[0] == '\0' || strlen (id) > MAX_ID_LENGTH || !(g_ascii_islower (id[0]) || g_ascii_isdigit (id[0])))
    return FALSE;
  for (p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;
  return strstr (id, "..") == NULL;
}

/* An article id: '/'-separated segments of lowercase ASCII letters,
 * digits, '-', '_' and '.' and of other scripts' characters (ids made from
 * Chinese file names keep them), with no empty, "." or ".." segment and no
 * space, control or format character.
 * TODO: use the store's id rule once issue 11 gives it one. */
static gboolean
is_valid_article_id (const char *id)
{
  g_auto (GStrv) segments = NULL;
  const char *p;
  guint i;

  if (id[0] == '\0' || strlen (id) > MAX_ID_LENGTH || !g_utf8_validate (id, -1, NULL))
    return FALSE;
  for (p = id; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        {
          if (!(g_ascii_islower (c) || g_ascii_isdigit (c) || c == '-' || c == '_' || c == '.' || c == '/'))
            return FALSE;
        }
      else if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_CONTROL
               || g_unichar_type (c) == G_UNICODE_FORMAT || g_unichar_type (c) == G_UNICODE_UNASSIGNED)
        return FALSE;
    }
  segments = g_strsplit (id, "/", -1);
  for (i = 0; segments[i] != NULL; i++)
    if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0 || strcmp (segments[i], "..") == 0)
      return FALSE;
  return TRUE;
}

/* The manifest */

static const char *const top_keys[] = { "bundle", "title", "publisher", "date", "entries", NULL };
static const char *const entry_keys[] = { "file", "id", "effective", "changes", "acknowledge", "due", NULL };

typedef struct
{
  HbYamlDocument *doc;
  const char *name;
} ManifestParser;

static guint
line_of (ManifestParser *mp, JsonNode *node)
{
  return node != NULL ? hb_yaml_document_get_line (mp->doc, node) : 0;
}

static gboolean
check_keys (ManifestParser *mp, JsonObject *object, const char *const *known, const char *known_list,
            GError **error)
{
  g_autoptr (GList) members = json_object_get_members (object);
  GList *l;

  for (l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *key = display (l->data);

        return fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name,
                        line_of (mp, json_object_get_member (object, l->data)),
                        _("unknown key “%s” (known keys: %s)"), key, known_list);
      }
  return TRUE;
}

/* Reads an optional text value (%NULL when absent or null); @missing_line
 * is where to report a required one that is absent. */
static gboolean
get_text (ManifestParser *mp, JsonObject *object, const char *key, gboolean required, guint missing_line,
          char **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, node != NULL ? line_of (mp, node) : missing_line,
                        _("“%s” is missing"), key);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, line_of (mp, node),
                    _("“%s” must be text (put it in quotes)"), key);
  *out = g_strstrip (g_strdup (json_node_get_string (node)));
  if (required && **out == '\0')
    {
      g_clear_pointer (out, g_free);
      return fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, line_of (mp, node), _("“%s” is empty"), key);
    }
  return TRUE;
}

static gboolean
get_date (ManifestParser *mp, JsonObject *object, const char *key, gboolean required, guint missing_line,
          char **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, line_of (mp, node),
                    _("“%s” must be a date written YYYY-MM-DD, such as 2026-12-01"), key);
  if (!get_text (mp, object, key, required, missing_line, out, error))
    return FALSE;
  if (*out != NULL && !hb_util_is_valid_date (*out))
    {
      g_autofree char *shown = display (*out);

      g_clear_pointer (out, g_free);
      return fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, line_of (mp, node),
                      _("“%s” must be a date written YYYY-MM-DD, such as 2026-12-01, not “%s”"), key, shown);
    }
  return TRUE;
}

static HbBundleEntry *
parse_entry (ManifestParser *mp, JsonNode *node, GHashTable *files_seen, GHashTable *ids_seen, GError **error)
{
  HbBundleEntry *entry = g_new0 (HbBundleEntry, 1);
  g_autofree char *raw_file = NULL;
  g_autofree char *acknowledge = NULL;
  JsonObject *object;
  const char *why = NULL;
  gpointer other;

  entry->line = line_of (mp, node);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, entry->line,
               _("each entry must be a mapping that starts with “- file: …”"));
      goto fail;
    }
  object = json_node_get_object (node);

  if (!check_keys (mp, object, entry_keys, "file, id, effective, changes, acknowledge, due", error)
      || !get_text (mp, object, "file", TRUE, entry->line, &raw_file, error)
      || !get_text (mp, object, "id", FALSE, entry->line, &entry->id, error)
      || !get_date (mp, object, "effective", FALSE, entry->line, &entry->effective, error)
      || !get_text (mp, object, "changes", FALSE, entry->line, &entry->changes, error)
      || !get_text (mp, object, "acknowledge", FALSE, entry->line, &acknowledge, error)
      || !get_date (mp, object, "due", FALSE, entry->line, &entry->due, error))
    goto fail;

  switch (clean_path (raw_file, &entry->file, &why))
    {
    case PATH_OK:
      break;
    case PATH_SKIP:
      {
        g_autofree char *shown = display (raw_file);

        fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, line_of (mp, json_object_get_member (object, "file")),
                 _("“%s” is in a folder that bundles leave out (.git, __MACOSX) or is not a file"), shown);
        goto fail;
      }
    case PATH_UNSAFE:
    default:
      {
        g_autofree char *shown = display (raw_file);

        fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, line_of (mp, json_object_get_member (object, "file")),
                 _("the file “%s” cannot be in a bundle: %s"), shown, why);
        goto fail;
      }
    }
  if (!is_markdown (entry->file))
    {
      g_autofree char *shown = display (entry->file);

      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, line_of (mp, json_object_get_member (object, "file")),
               _("“%s” is not a Markdown file (.md)"), shown);
      goto fail;
    }

  if (entry->id != NULL && !is_valid_article_id (entry->id))
    {
      g_autofree char *shown = display (entry->id);

      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, line_of (mp, json_object_get_member (object, "id")),
               _("“%s” is not a valid article id: use lowercase letters, digits, “-”, “_”, “.” and “/” between parts"),
               shown);
      goto fail;
    }

  if (acknowledge == NULL)
    entry->acknowledge = HB_BUNDLE_ACKNOWLEDGE_DEFAULT;
  else if (strcmp (acknowledge, "required") == 0)
    entry->acknowledge = HB_BUNDLE_ACKNOWLEDGE_REQUIRED;
  else if (strcmp (acknowledge, "none") == 0)
    entry->acknowledge = HB_BUNDLE_ACKNOWLEDGE_NONE;
  else
    {
      g_autofree char *shown = display (acknowledge);

      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name,
               line_of (mp, json_object_get_member (object, "acknowledge")),
               _("“acknowledge” must be “required” or “none”, not “%s”"), shown);
      goto fail;
    }
  if (entry->due != NULL && entry->acknowledge == HB_BUNDLE_ACKNOWLEDGE_NONE)
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, mp->name, line_of (mp, json_object_get_member (object, "due")),
               _("an acknowledgement due date is given, but “acknowledge” is “none”"));
      goto fail;
    }

  if (g_hash_table_lookup_extended (files_seen, entry->file, NULL, &other))
    {
      g_autofree char *shown = display (entry->file);

      fail_at (error, HB_BUNDLE_ERROR_DUPLICATE, mp->name, entry->line,
               _("“%s” is listed twice (also on line %u)"), shown, GPOINTER_TO_UINT (other));
      goto fail;
    }
  g_hash_table_insert (files_seen, g_strdup (entry->file), GUINT_TO_POINTER (entry->line));

  if (entry->id != NULL)
    {
      if (g_hash_table_lookup_extended (ids_seen, entry->id, NULL, &other))
        {
          fail_at (error, HB_BUNDLE_ERROR_DUPLICATE, mp->name, line_of (mp, json_object_get_member (object, "id")),
                   _("the article id “%s” is given twice (also on line %u)"), entry->id, GPOINTER_TO_UINT (other));
          goto fail;
        }
      g_hash_table_insert (ids_seen, g_strdup (entry->id), GUINT_TO_POINTER (entry->line));
    }

  return entry;

fail:
  hb_bundle_entry_free (entry);
  return NULL;
}

HbBundleManifest *
hb_bundle_manifest_parse (const char *text, gsize length, const char *name, GError **error)
{
  g_autoptr (HbBundleManifest) manifest = g_new0 (HbBundleManifest, 1);
  g_autoptr (HbYamlDocument) doc = NULL;
  g_autoptr (GError) yaml_error = NULL;
  g_autoptr (GHashTable) files_seen = NULL;
  g_autoptr (GHashTable) ids_seen = NULL;
  ManifestParser mp = { NULL, name };
  const char *invalid = NULL;
  guint error_line = 0;
  JsonObject *root;
  JsonNode *entries;
  JsonArray *array;
  guint last_line;
  guint i;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  manifest->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_bundle_entry_free);

  if (length > HB_BUNDLE_MAX_MANIFEST_SIZE)
    {
      g_autofree char *limit = g_format_size (HB_BUNDLE_MAX_MANIFEST_SIZE);

      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, 0, _("the manifest is larger than %s"), limit);
      return NULL;
    }
  if (length > 0 && memchr (text, '\0', length) != NULL)
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, 0, _("the manifest is not a text file"));
      return NULL;
    }
  if (!g_utf8_validate_len (text, length, &invalid))
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, hb_util_line_of_offset (text, invalid - text),
               _("the manifest is not valid UTF-8; save it as UTF-8"));
      return NULL;
    }
  last_line = length > 0 ? hb_util_line_of_offset (text, length - 1) : 1;

  doc = hb_yaml_parse (text, (gssize) length, &error_line, &yaml_error);
  if (doc == NULL)
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, error_line, "%s", yaml_error->message);
      return NULL;
    }
  mp.doc = doc;

  if (!JSON_NODE_HOLDS_OBJECT (doc->root))
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, MAX (line_of (&mp, doc->root), 1),
               _("the manifest must be “key: value” lines: bundle, title, date and entries"));
      return NULL;
    }
  root = json_node_get_object (doc->root);

  /* A missing key is reported on the last line, where it could be added. */
  if (!check_keys (&mp, root, top_keys, "bundle, title, publisher, date, entries", error)
      || !get_text (&mp, root, "bundle", TRUE, last_line, &manifest->bundle_id, error)
      || !get_text (&mp, root, "title", TRUE, last_line, &manifest->title, error)
      || !get_text (&mp, root, "publisher", FALSE, last_line, &manifest->publisher, error)
      || !get_date (&mp, root, "date", TRUE, last_line, &manifest->date, error))
    return NULL;

  manifest->bundle_line = line_of (&mp, json_object_get_member (root, "bundle"));
  manifest->date_line = line_of (&mp, json_object_get_member (root, "date"));
  if (!is_valid_bundle_id (manifest->bundle_id))
    {
      g_autofree char *shown = display (manifest->bundle_id);

      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, manifest->bundle_line,
               _("“%s” is not a valid bundle id: use lowercase letters, digits, “-”, “_” and “.”, "
                 "such as tmall-rules-2026-12"),
               shown);
      return NULL;
    }
  if (manifest->publisher != NULL && *manifest->publisher == '\0')
    g_clear_pointer (&manifest->publisher, g_free);

  entries = json_object_get_member (root, "entries");
  if (entries == NULL || JSON_NODE_HOLDS_NULL (entries))
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, entries != NULL ? line_of (&mp, entries) : last_line,
               _("“entries” is missing: list the bundle's files under it"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (entries))
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, line_of (&mp, entries),
               _("“entries” must be a list of “- file: …” items"));
      return NULL;
    }
  array = json_node_get_array (entries);
  if (json_array_get_length (array) == 0)
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, line_of (&mp, entries), _("“entries” lists no file"));
      return NULL;
    }
  if (json_array_get_length (array) > HB_BUNDLE_MAX_ENTRIES)
    {
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, line_of (&mp, entries),
               g_dngettext (GETTEXT_PACKAGE, "“entries” lists more than %u file", "“entries” lists more than %u files",
                            HB_BUNDLE_MAX_ENTRIES),
               (guint) HB_BUNDLE_MAX_ENTRIES);
      return NULL;
    }

  files_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ids_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      HbBundleEntry *entry = parse_entry (&mp, json_array_get_element (array, i), files_seen, ids_seen, error);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (manifest->entries, entry);
    }

  return g_steal_pointer (&manifest);
}

/* Reading */

typedef struct
{
  HbBundle *bundle;
  guint n_entries;
  guint64 total;
  GCancellable *cancellable;
} Reader;

/* How a file inside the bundle is named in messages. */
static char *
file_name (HbBundle *bundle, const char *path)
{
  if (bundle->kind == HB_BUNDLE_KIND_FOLDER)
    return g_build_filename (bundle->path, path, NULL);
  return g_strdup_printf ("%s:%s", bundle->path, path);
}

static gboolean
count_entry (Reader *reader, GError **error)
{
  if (++reader->n_entries > HB_BUNDLE_MAX_ENTRIES)
    return fail_at (error, HB_BUNDLE_ERROR_TOO_LARGE, reader->bundle->path, 0,
                    g_dngettext (GETTEXT_PACKAGE, "the bundle holds more than %u file or folder",
                                 "the bundle holds more than %u files and folders", HB_BUNDLE_MAX_ENTRIES),
                    (guint) HB_BUNDLE_MAX_ENTRIES);
  return TRUE;
}

/* Checks a file's size so far against the limits. */
static gboolean
check_size (Reader *reader, const char *path, guint64 size, GError **error)
{
  if (size > MAX_FILE_SIZE)
    {
      g_autofree char *name = file_name (reader->bundle, path);
      g_autofree char *limit = g_format_size (MAX_FILE_SIZE);

      return fail_at (error, HB_BUNDLE_ERROR_TOO_LARGE, name, 0, _("the file is larger than %s, the limit"), limit);
    }
  if (reader->total + size > HB_BUNDLE_MAX_TOTAL_SIZE)
    {
      g_autofree char *limit = g_format_size (HB_BUNDLE_MAX_TOTAL_SIZE);

      return fail_at (error, HB_BUNDLE_ERROR_TOO_LARGE, reader->bundle->path, 0,
                      _("unpacked, the bundle would be larger than %s, the limit"), limit);
    }
  return TRUE;
}

static gboolean
unsafe (Reader *reader, const char *raw_path, const char *why, GError **error)
{
  g_autofree char *shown = display (raw_path);
  g_autofree char *name = file_name (reader->bundle, shown);

  return fail_at (error, HB_BUNDLE_ERROR_UNSAFE_ENTRY, name, 0, _("refused: %s"), why);
}

static gboolean
add_file (Reader *reader, char *path, GByteArray *data, GError **error)
{
  BundleFile *file;

  if (g_hash_table_contains (reader->bundle->files, path))
    {
      gboolean ok = unsafe (reader, path, _("the bundle holds this file twice"), error);

      g_free (path);
      g_byte_array_unref (data);
      return ok;
    }

  file = g_new0 (BundleFile, 1);
  file->path = path;
  file->bytes = g_byte_array_free_to_bytes (data);
  file->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file->bytes);
  reader->total += g_bytes_get_size (file->bytes);
  g_hash_table_insert (reader->bundle->files, file->path, file);
  return TRUE;
}

static gboolean
corrupt (Reader *reader, struct archive *archive, GError **error)
{
  const char *why = archive_error_string (archive);

  if (why == NULL)
    return fail_at (error, HB_BUNDLE_ERROR_CORRUPT, reader->bundle->path, 0, _("the archive is damaged or cut short"));
  return fail_at (error, HB_BUNDLE_ERROR_CORRUPT, reader->bundle->path, 0,
                  _("the archive is damaged or cut short (%s)"), why);
}

static gboolean
read_archive_entry_data (Reader *reader, struct archive *archive, const char *path, la_int64_t declared,
                         GByteArray *data, GError **error)
{
  guint8 buffer[READ_CHUNK];

  if (declared > 0 && !check_size (reader, path, (guint64) declared, error))
    return FALSE;

  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, buffer, sizeof buffer);

      if (n == 0)
        return TRUE;
      if (n < 0)
        return corrupt (reader, archive, error);
      g_byte_array_append (data, buffer, (guint) n);
      /* Checked as it inflates: a zip bomb stops here, early. */
      if (!check_size (reader, path, data->len, error))
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
        return FALSE;
    }
}

/* Whether @bytes start as a gzip file or a zip archive do: one that
 * libarchive cannot read is then damaged, not something else. */
static gboolean
looks_like_archive (const guint8 *bytes, gsize size)
{
  return (size >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
         || (size >= 4 && memcmp (bytes, "PK\3\4", 4) == 0)
         || (size >= 4 && memcmp (bytes, "PK\5\6", 4) == 0);
}

static gboolean
not_an_archive (Reader *reader, struct archive *archive, const guint8 *bytes, gsize size, GError **error)
{
  /* The zip reader finds nothing without the central directory at the
   * end, which is what a cut loses first. */
  if (size >= 4 && memcmp (bytes, "PK", 2) == 0 && looks_like_archive (bytes, size))
    return fail_at (error, HB_BUNDLE_ERROR_CORRUPT, reader->bundle->path, 0,
                    _("the archive is damaged or cut short (the zip's table of contents at its end is missing)"));
  if (looks_like_archive (bytes, size))
    return corrupt (reader, archive, error);
  return fail_at (error, HB_BUNDLE_ERROR_NOT_A_BUNDLE, reader->bundle->path, 0,
                  _("neither a folder, a .tar.gz nor a .zip"));
}

/* libarchive stops reading a .tar.gz at the tar's end and never checks
 * gzip's CRC: a damaged file would come out changed. zlib checks it here,
 * in a second pass that keeps nothing and stops at the size limit (tar
 * adds a header and padding to each file). */
static gboolean
check_gzip (Reader *reader, const guint8 *bytes, gsize size, GError **error)
{
  g_autoptr (GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  guint64 limit = HB_BUNDLE_MAX_TOTAL_SIZE + (guint64) HB_BUNDLE_MAX_ENTRIES * 2048 + 1024 * 1024;
  guint64 total = 0;
  gsize offset = 0;
  guint8 buffer[READ_CHUNK];

  while (offset < size)
    {
      g_autoptr (GError) local_error = NULL;
      gsize read = 0;
      gsize written = 0;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (decompressor), bytes + offset, size - offset, buffer,
                                    sizeof buffer, G_CONVERTER_INPUT_AT_END, &read, &written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            return fail_at (error, HB_BUNDLE_ERROR_CORRUPT, reader->bundle->path, 0,
                            _("the archive is damaged or cut short (it ends in the middle)"));
          return fail_at (error, HB_BUNDLE_ERROR_CORRUPT, reader->bundle->path, 0,
                          _("the archive is damaged or cut short (%s)"), local_error->message);
        }
      offset += read;
      total += written;
      if (total > limit)
        {
          g_autofree char *max = g_format_size (HB_BUNDLE_MAX_TOTAL_SIZE);

          return fail_at (error, HB_BUNDLE_ERROR_TOO_LARGE, reader->bundle->path, 0,
                          _("unpacked, the bundle would be larger than %s, the limit"), max);
        }
      if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
        return FALSE;
      if (result == G_CONVERTER_FINISHED)
        {
          /* Another gzip member may follow (they concatenate); padding
           * zeros may too. */
          while (offset < size && bytes[offset] == 0)
            offset++;
          if (offset < size)
            {
              if (size - offset < 2 || bytes[offset] != 0x1f || bytes[offset + 1] != 0x8b)
                return fail_at (error, HB_BUNDLE_ERROR_CORRUPT, reader->bundle->path, 0,
                                _("the archive is damaged (there is data after its end)"));
              g_converter_reset (G_CONVERTER (decompressor));
            }
        }
    }
  return TRUE;
}

static gboolean
read_archive (Reader *reader, GError **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (reader->bundle->archive, &size);
  gboolean first = TRUE;
  gboolean ok = FALSE;

  archive_read_support_filter_gzip (archive);
  archive_read_support_format_tar (archive);
  /* Only the reader that trusts the central directory, as unzip does: it
   * also notices a zip cut short, which the streaming one may not. */
  archive_read_support_format_zip_seekable (archive);

  if (archive_read_open_memory (archive, bytes, size) != ARCHIVE_OK)
    {
      not_an_archive (reader, archive, bytes, size, error);
      goto out;
    }

  for (;;)
    {
      g_autofree char *path = NULL;
      g_autoptr (GByteArray) data = NULL;
      const char *raw;
      const char *why = NULL;
      int status;
      la_int64_t declared;

      if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
        goto out;

      status = archive_read_next_header (archive, &entry);
      if (status == ARCHIVE_EOF)
        break;
      if (status < ARCHIVE_WARN)
        {
          if (first)
            not_an_archive (reader, archive, bytes, size, error);
          else
            corrupt (reader, archive, error);
          goto out;
        }

      if (first)
        {
          int format = archive_format (archive) & ARCHIVE_FORMAT_BASE_MASK;

          first = FALSE;
          if (format == ARCHIVE_FORMAT_ZIP)
            reader->bundle->kind = HB_BUNDLE_KIND_ZIP;
          else if (format == ARCHIVE_FORMAT_TAR && archive_filter_code (archive, 0) == ARCHIVE_FILTER_GZIP)
            reader->bundle->kind = HB_BUNDLE_KIND_TAR;
          else
            {
              /* A plain tar cut short at a file's end reads as a smaller,
               * valid archive; gzip's trailer shows the cut. */
              fail_at (error, HB_BUNDLE_ERROR_NOT_A_BUNDLE, reader->bundle->path, 0,
                       _("a tar archive must be compressed with gzip (.tar.gz)"));
              goto out;
            }
        }

      if (!count_entry (reader, error))
        goto out;

      raw = archive_entry_pathname_utf8 (entry);
      if (raw == NULL)
        raw = archive_entry_pathname (entry);
      if (raw == NULL)
        {
          unsafe (reader, "?", _("its name cannot be read"), error);
          goto out;
        }

      switch (clean_path (raw, &path, &why))
        {
        case PATH_SKIP:
          continue;
        case PATH_UNSAFE:
          unsafe (reader, raw, why, error);
          goto out;
        case PATH_OK:
        default:
          break;
        }

      if (archive_entry_hardlink (entry) != NULL)
        {
          unsafe (reader, raw, _("it is a hard link"), error);
          goto out;
        }
      switch (archive_entry_filetype (entry))
        {
        case AE_IFREG:
          break;
        case AE_IFDIR:
          continue;
        case AE_IFLNK:
          unsafe (reader, raw, _("it is a symbolic link; bundles may not hold links"), error);
          goto out;
        case AE_IFCHR:
        case AE_IFBLK:
          unsafe (reader, raw, _("it is a device file"), error);
          goto out;
        case AE_IFIFO:
          unsafe (reader, raw, _("it is a FIFO"), error);
          goto out;
        default:
          unsafe (reader, raw, _("it is not a regular file"), error);
          goto out;
        }
      if (archive_entry_is_encrypted (entry))
        {
          unsafe (reader, raw, _("it is encrypted"), error);
          goto out;
        }

      declared = archive_entry_size_is_set (entry) ? archive_entry_size (entry) : 0;
      data = g_byte_array_sized_new ((guint) CLAMP (declared, 0, READ_CHUNK));
      if (!read_archive_entry_data (reader, archive, path, declared, data, error))
        goto out;
      if (!add_file (reader, g_steal_pointer (&path), g_steal_pointer (&data), error))
        goto out;
    }

  if (first)
    {
      fail_at (error, HB_BUNDLE_ERROR_NO_MANIFEST, reader->bundle->path, 0, _("the archive is empty"));
      goto out;
    }
  if (reader->bundle->kind == HB_BUNDLE_KIND_TAR && !check_gzip (reader, bytes, size, error))
    goto out;
  ok = TRUE;

out:
  archive_read_free (archive);
  return ok;
}

/* Reads an open regular file whole, within the limits. */
static gboolean
read_fd (Reader *reader, int fd, const char *path, GByteArray *data, GError **error)
{
  guint8 buffer[READ_CHUNK];

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n == 0)
        return TRUE;
      if (n < 0)
        {
          int saved = errno;
          g_autofree char *name = NULL;

          if (saved == EINTR)
            continue;
          name = file_name (reader->bundle, path);
          return fail_at (error, HB_BUNDLE_ERROR_READ, name, 0, _("cannot read the file: %s"), g_strerror (saved));
        }
      g_byte_array_append (data, buffer, (guint) n);
      if (!check_size (reader, path, data->len, error))
        return FALSE;
    }
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Reads a folder through file descriptors, so that no symbolic link is
 * followed even if one appears while it is read. Takes @dir_fd. */
static gboolean
read_folder (Reader *reader, int dir_fd, const char *relative, guint depth, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  DIR *dir = fdopendir (dir_fd);
  struct dirent *dent;
  gboolean ok = FALSE;
  guint i;

  if (dir == NULL)
    {
      int saved = errno;
      g_autofree char *name = file_name (reader->bundle, relative);

      close (dir_fd);
      return fail_at (error, HB_BUNDLE_ERROR_READ, name, 0, _("cannot read the folder: %s"), g_strerror (saved));
    }

  errno = 0;
  while ((dent = readdir (dir)) != NULL)
    {
      if (strcmp (dent->d_name, ".") == 0 || strcmp (dent->d_name, "..") == 0)
        continue;
      if (!count_entry (reader, error))
        goto out;
      g_ptr_array_add (names, g_strdup (dent->d_name));
    }
  g_ptr_array_sort (names, compare_names);

  for (i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);
      g_autofree char *raw = *relative != '\0' ? g_strconcat (relative, "/", child, NULL) : g_strdup (child);
      g_autofree char *path = NULL;
      const char *why = NULL;
      struct stat st;
      struct stat opened;
      int fd;

      if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
        goto out;

      switch (clean_path (raw, &path, &why))
        {
        case PATH_SKIP:
          continue;
        case PATH_UNSAFE:
          unsafe (reader, raw, why, error);
          goto out;
        case PATH_OK:
        default:
          break;
        }

      if (fstatat (dirfd (dir), child, &st, AT_SYMLINK_NOFOLLOW) != 0)
        {
          int saved = errno;
          g_autofree char *name = file_name (reader->bundle, path);

          fail_at (error, HB_BUNDLE_ERROR_READ, name, 0, _("cannot read it: %s"), g_strerror (saved));
          goto out;
        }

      if (S_ISLNK (st.st_mode))
        {
          unsafe (reader, raw, _("it is a symbolic link; bundles may not hold links"), error);
          goto out;
        }
      if (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode))
        {
          unsafe (reader, raw, _("it is a device file"), error);
          goto out;
        }
      if (S_ISFIFO (st.st_mode))
        {
          unsafe (reader, raw, _("it is a FIFO"), error);
          goto out;
        }
      if (!S_ISDIR (st.st_mode) && !S_ISREG (st.st_mode))
        {
          unsafe (reader, raw, _("it is not a regular file"), error);
          goto out;
        }
      if (S_ISREG (st.st_mode) && !check_size (reader, path, (guint64) st.st_size, error))
        goto out;

      /* O_NOFOLLOW and the same inode: what was checked is what is read. */
      fd = openat (dirfd (dir), child,
                   O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (S_ISDIR (st.st_mode) ? O_DIRECTORY : 0));
      if (fd < 0 || fstat (fd, &opened) != 0 || opened.st_dev != st.st_dev || opened.st_ino != st.st_ino
          || (opened.st_mode & S_IFMT) != (st.st_mode & S_IFMT))
        {
          int saved = errno;
          g_autofree char *name = file_name (reader->bundle, path);

          if (fd >= 0)
            close (fd);
          fail_at (error, HB_BUNDLE_ERROR_READ, name, 0, _("cannot read it: %s"),
                   fd < 0 ? g_strerror (saved) : _("it changed while it was read"));
          goto out;
        }

      if (S_ISDIR (st.st_mode))
        {
          if (depth + 1 >= MAX_DEPTH)
            {
              close (fd);
              unsafe (reader, raw, _("it is nested too deeply"), error);
              goto out;
            }
          if (!read_folder (reader, fd, path, depth + 1, error))
            goto out;
        }
      else
        {
          g_autoptr (GByteArray) data = g_byte_array_sized_new ((guint) MIN (st.st_size, READ_CHUNK));
          gboolean read_ok = read_fd (reader, fd, path, data, error);

          close (fd);
          if (!read_ok || !add_file (reader, g_steal_pointer (&path), g_steal_pointer (&data), error))
            goto out;
        }
    }
  ok = TRUE;

out:
  closedir (dir);
  return ok;
}

/* An archive whose files all sit in one top folder that holds the manifest
 * (what `zip -r b.zip b/` makes) is read from inside that folder. */
static void
strip_top_folder (HbBundle *self)
{
  g_autofree char *top = NULL;
  g_autofree char *manifest = NULL;
  g_autoptr (GHashTable) stripped = NULL;
  GHashTableIter iter;
  gpointer value;
  gsize top_length;

  if (g_hash_table_contains (self->files, HB_BUNDLE_MANIFEST) || g_hash_table_size (self->files) == 0)
    return;

  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BundleFile *file = value;
      const char *slash = strchr (file->path, '/');

      if (slash == NULL)
        return;
      if (top == NULL)
        top = g_strndup (file->path, slash - file->path + 1);
      else if (strncmp (file->path, top, strlen (top)) != 0)
        return;
    }
  manifest = g_strconcat (top, HB_BUNDLE_MANIFEST, NULL);
  if (!g_hash_table_contains (self->files, manifest))
    return;

  top_length = strlen (top);
  stripped = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) bundle_file_free);
  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BundleFile *file = value;
      char *inner = g_strdup (file->path + top_length);

      g_hash_table_iter_steal (&iter);
      g_free (file->path);
      file->path = inner;
      g_hash_table_insert (stripped, file->path, file);
    }
  g_clear_pointer (&self->files, g_hash_table_unref);
  self->files = g_steal_pointer (&stripped);
}

/* Takes a file out of the table (SHA256SUMS and its signature are not part
 * of what they sign). */
static GBytes *
take_file (HbBundle *self, const char *path)
{
  BundleFile *file = g_hash_table_lookup (self->files, path);
  GBytes *bytes;

  if (file == NULL)
    return NULL;
  bytes = g_bytes_ref (file->bytes);
  g_hash_table_remove (self->files, path);
  return bytes;
}

static int
compare_files (gconstpointer a, gconstpointer b)
{
  const BundleFile *fa = *(const BundleFile *const *) a;
  const BundleFile *fb = *(const BundleFile *const *) b;

  return strcmp (fa->path, fb->path);
}

/* A file's text as the importer reads it: UTF-8, no BOM, '\n' line ends. */
static char *
file_text (HbBundle *self, BundleFile *file, GError **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (file->bytes, &length);
  const char *invalid = NULL;
  g_autofree char *name = NULL;
  GString *text;
  gsize i;

  if (length > 0 && memchr (data, '\0', length) != NULL)
    {
      name = file_name (self, file->path);
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, 0, _("this is not a text file (it holds binary data)"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, &invalid))
    {
      name = file_name (self, file->path);
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, hb_util_line_of_offset (data, invalid - data),
               _("the text is not valid UTF-8; save the file as UTF-8"));
      return NULL;
    }

  text = g_string_sized_new (length);
  i = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  for (; i < length; i++)
    {
      if (data[i] == '\r')
        {
          g_string_append_c (text, '\n');
          if (i + 1 < length && data[i + 1] == '\n')
            i++;
        }
      else
        g_string_append_c (text, data[i]);
    }
  return g_string_free (text, FALSE);
}

/* The id of an entry the manifest gives none: the front matter's, else one
 * made from the path, as the importer makes them. */
static char *
default_id (HbBundle *self, BundleFile *file, GError **error)
{
  g_autofree char *text = file_text (self, file, error);
  g_autoptr (HbFrontMatter) front_matter = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;
  guint line = 0;
  JsonNode *node;

  if (text == NULL)
    return NULL;
  front_matter = hb_front_matter_parse (text, &line, &local_error);
  if (front_matter == NULL)
    {
      name = file_name (self, file->path);
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, line, "%s", local_error->message);
      return NULL;
    }
  node = json_object_get_member (front_matter->object, "id");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *id = g_strstrip (g_strdup (json_node_get_string (node)));

      if (is_valid_article_id (id))
        return id;
      name = file_name (self, file->path);
      {
        g_autofree char *shown = display (id);

        g_free (id);
        fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, hb_front_matter_get_line (front_matter, "id"),
                 _("“%s” is not a valid article id: use lowercase letters, digits, “-”, “_”, “.” and “/” between parts"),
                 shown);
      }
      return NULL;
    }
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      name = file_name (self, file->path);
      fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, hb_front_matter_get_line (front_matter, "id"),
               _("“id” must be text"));
      return NULL;
    }

  {
    char *id = hb_util_id_from_path (file->path);

    if (id != NULL && is_valid_article_id (id))
      return id;
    g_free (id);
    name = file_name (self, file->path);
    fail_at (error, HB_BUNDLE_ERROR_MANIFEST, name, 0,
             _("no article id can be made from this file's name; give one in the manifest"));
    return NULL;
  }
}

/* Checks the manifest against the files, once they are all read. */
static gboolean
finish (HbBundle *self, GError **error)
{
  g_autofree char *manifest_name = NULL;
  g_autoptr (GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  BundleFile *manifest;
  GHashTableIter iter;
  gpointer value;
  guint i;

  if (self->kind != HB_BUNDLE_KIND_FOLDER)
    strip_top_folder (self);
  self->sums = take_file (self, HB_BUNDLE_SUMS);
  self->sums_signature = take_file (self, HB_BUNDLE_SUMS_SIGNATURE);

  manifest_name = file_name (self, HB_BUNDLE_MANIFEST);
  manifest = g_hash_table_lookup (self->files, HB_BUNDLE_MANIFEST);
  if (manifest == NULL)
    return fail_at (error, HB_BUNDLE_ERROR_NO_MANIFEST, self->path, 0,
                    _("this is not an update bundle: there is no %s at its top"), HB_BUNDLE_MANIFEST);

  {
    gsize length = 0;
    const char *text = g_bytes_get_data (manifest->bytes, &length);

    self->manifest = hb_bundle_manifest_parse (length > 0 ? text : "", length, manifest_name, error);
    if (self->manifest == NULL)
      return FALSE;
  }

  for (i = 0; i < self->manifest->entries->len; i++)
    {
      HbBundleEntry *entry = g_ptr_array_index (self->manifest->entries, i);
      BundleFile *file = g_hash_table_lookup (self->files, entry->file);
      HbBundleEntry *other;

      if (file == NULL)
        {
          g_autofree char *shown = display (entry->file);
          const char *like = NULL;

          /* A name that differs only in case is most likely the one meant. */
          g_hash_table_iter_init (&iter, self->files);
          while (like == NULL && g_hash_table_iter_next (&iter, NULL, &value))
            if (g_ascii_strcasecmp (((BundleFile *) value)->path, entry->file) == 0)
              like = ((BundleFile *) value)->path;

          if (like != NULL)
            {
              g_autofree char *like_shown = display (like);

              return fail_at (error, HB_BUNDLE_ERROR_MISSING_FILE, manifest_name, entry->line,
                              _("“%s” is not in the bundle (there is “%s”)"), shown, like_shown);
            }
          return fail_at (error, HB_BUNDLE_ERROR_MISSING_FILE, manifest_name, entry->line,
                          _("“%s” is not in the bundle"), shown);
        }
      g_hash_table_add (named, entry->file);

      if (entry->id == NULL)
        {
          entry->id = default_id (self, file, error);
          if (entry->id == NULL)
            return FALSE;
        }
      other = g_hash_table_lookup (ids, entry->id);
      if (other != NULL)
        return fail_at (error, HB_BUNDLE_ERROR_DUPLICATE, manifest_name, entry->line,
                        _("the article id “%s” is also the id of “%s” (line %u)"), entry->id, other->file,
                        other->line);
      g_hash_table_insert (ids, entry->id, entry);
    }

  self->sorted = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (self->sorted, value);
  g_ptr_array_sort (self->sorted, compare_files);

  for (i = 0; i < self->sorted->len; i++)
    {
      BundleFile *file = g_ptr_array_index (self->sorted, i);

      if (is_markdown (file->path) && !g_hash_table_contains (named, file->path))
        {
          g_autofree char *name = file_name (self, file->path);

          return fail_at (error, HB_BUNDLE_ERROR_UNLISTED_FILE, name, 0,
                          _("no entry of %s names this Markdown file, so it would be left out; "
                            "add an entry for it or take it out of the bundle"),
                          HB_BUNDLE_MANIFEST);
        }
    }

  if (self->kind == HB_BUNDLE_KIND_FOLDER)
    {
      g_autofree char *listing = hb_bundle_get_listing (self);

      self->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, listing, -1);
    }
  else
    self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->archive);
  return TRUE;
}

/* Reads a small file beside the bundle, at most @max + 1 bytes (so that a
 * larger one is seen to be too large); %NULL when it is not there. */
static GBytes *
read_beside (const char *path, gsize max, GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 buffer[4096];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  struct stat st;

  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        return NULL;
      fail_at (error, HB_BUNDLE_ERROR_READ, path, 0, _("cannot read it: %s"), g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      fail_at (error, HB_BUNDLE_ERROR_READ, path, 0, _("not a regular file"));
      return NULL;
    }
  while (data->len <= max)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          fail_at (error, HB_BUNDLE_ERROR_READ, path, 0, _("cannot read it: %s"), g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, (guint) n);
    }
  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static HbBundle *
read_archive_bytes (HbBundle *self, GCancellable *cancellable, GError **error)
{
  Reader reader = { self, 0, 0, cancellable };

  if (g_bytes_get_size (self->archive) > HB_BUNDLE_MAX_TOTAL_SIZE)
    {
      g_autofree char *limit = g_format_size (HB_BUNDLE_MAX_TOTAL_SIZE);

      fail_at (error, HB_BUNDLE_ERROR_TOO_LARGE, self->path, 0, _("the archive is larger than %s, the limit"), limit);
      g_object_unref (self);
      return NULL;
    }
  if (!read_archive (&reader, error) || !finish (self, error))
    {
      g_object_unref (self);
      return NULL;
    }
  return self;
}

HbBundle *
hb_bundle_read (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (HbBundle) self = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR)
        fail_at (error, HB_BUNDLE_ERROR_NOT_FOUND, path, 0, _("there is no such file or folder"));
      else
        fail_at (error, HB_BUNDLE_ERROR_READ, path, 0, _("cannot read it: %s"), g_strerror (saved));
      return NULL;
    }

  self = g_object_new (HB_TYPE_BUNDLE, NULL);
  self->path = g_strdup (path);

  if (S_ISDIR (st.st_mode))
    {
      Reader reader = { self, 0, 0, cancellable };
      int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

      self->kind = HB_BUNDLE_KIND_FOLDER;
      if (fd < 0)
        {
          int saved = errno;

          fail_at (error, HB_BUNDLE_ERROR_READ, path, 0, _("cannot read the folder: %s"), g_strerror (saved));
          return NULL;
        }
      if (!read_folder (&reader, fd, "", 0, error) || !finish (self, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (S_ISREG (st.st_mode))
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GMappedFile) mapped = NULL;

      if (st.st_size > HB_BUNDLE_MAX_TOTAL_SIZE)
        {
          g_autofree char *limit = g_format_size (HB_BUNDLE_MAX_TOTAL_SIZE);

          fail_at (error, HB_BUNDLE_ERROR_TOO_LARGE, path, 0, _("the archive is larger than %s, the limit"), limit);
          return NULL;
        }
      /* A copy, not a mapping: what is checked, hashed and signed must not
       * change underneath. */
      mapped = g_mapped_file_new (path, FALSE, &local_error);
      if (mapped == NULL)
        {
          fail_at (error, HB_BUNDLE_ERROR_READ, path, 0, _("cannot read it: %s"), local_error->message);
          return NULL;
        }
      self->archive = g_bytes_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
      g_clear_pointer (&mapped, g_mapped_file_unref);

      self->archive_signature_path = g_strconcat (path, HB_MINISIGN_SUFFIX, NULL);
      self->archive_signature = read_beside (self->archive_signature_path, MAX_SIGNATURE_SIZE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return read_archive_bytes (g_steal_pointer (&self), cancellable, error);
    }

  fail_at (error, HB_BUNDLE_ERROR_NOT_A_BUNDLE, path, 0, _("neither a folder, a .tar.gz nor a .zip"));
  return NULL;
}

HbBundle *
hb_bundle_new_from_bytes (GBytes *archive, const char *name, GError **error)
{
  HbBundle *self;

  g_return_val_if_fail (archive != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (HB_TYPE_BUNDLE, NULL);
  self->path = g_strdup (name);
  self->archive = g_bytes_ref (archive);
  return read_archive_bytes (self, NULL, error);
}

/* Getters */

const char *
hb_bundle_get_path (HbBundle *self)
{
  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);
  return self->path;
}

HbBundleKind
hb_bundle_get_kind (HbBundle *self)
{
  g_return_val_if_fail (HB_IS_BUNDLE (self), HB_BUNDLE_KIND_FOLDER);
  return self->kind;
}

const char *
hb_bundle_get_id (HbBundle *self)
{
  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);
  return self->manifest->bundle_id;
}

const char *
hb_bundle_get_title (HbBundle *self)
{
  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);
  return self->manifest->title;
}

const char *
hb_bundle_get_publisher (HbBundle *self)
{
  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);
  return self->manifest->publisher;
}

const char *
hb_bundle_get_date (HbBundle *self)
{
  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);
  return self->manifest->date;
}

GPtrArray *
hb_bundle_get_entries (HbBundle *self)
{
  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);
  return self->manifest->entries;
}

const char *
hb_bundle_get_sha256 (HbBundle *self)
{
  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);
  return self->sha256;
}

GBytes *
hb_bundle_get_file (HbBundle *self, const char *path)
{
  g_autofree char *normal = NULL;
  const char *why = NULL;
  BundleFile *file;

  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  file = g_hash_table_lookup (self->files, path);
  if (file == NULL && clean_path (path, &normal, &why) == PATH_OK)
    file = g_hash_table_lookup (self->files, normal);
  return file != NULL ? file->bytes : NULL;
}

GPtrArray *
hb_bundle_list_files (HbBundle *self)
{
  GPtrArray *paths;
  guint i;

  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);

  paths = g_ptr_array_sized_new (self->sorted->len);
  for (i = 0; i < self->sorted->len; i++)
    g_ptr_array_add (paths, ((BundleFile *) g_ptr_array_index (self->sorted, i))->path);
  return paths;
}

char *
hb_bundle_get_listing (HbBundle *self)
{
  GString *listing;
  guint i;

  g_return_val_if_fail (HB_IS_BUNDLE (self), NULL);

  listing = g_string_new (NULL);
  for (i = 0; i < self->sorted->len; i++)
    {
      BundleFile *file = g_ptr_array_index (self->sorted, i);

      g_string_append_printf (listing, "%s  %s\n", file->sha256, file->path);
    }
  return g_string_free (listing, FALSE);
}

gboolean
hb_bundle_has_signature (HbBundle *self)
{
  g_return_val_if_fail (HB_IS_BUNDLE (self), FALSE);
  return self->archive_signature != NULL || self->sums_signature != NULL;
}

/* Signatures */

static char *
make_comment (HbBundle *self, gint64 timestamp)
{
  return g_strdup_printf (COMMENT_BUNDLE "%s " COMMENT_DATE "%s " COMMENT_TIMESTAMP "%" G_GINT64_FORMAT,
                          self->manifest->bundle_id, self->manifest->date, timestamp);
}

/* Reads "handbook-bundle:ID date:DATE timestamp:N" (in any order, between
 * spaces or tabs). */
static gboolean
parse_comment (const char *comment, char **bundle_id, char **date, gint64 *timestamp)
{
  g_auto (GStrv) words = g_strsplit_set (comment, " \t", -1);
  guint i;

  *bundle_id = NULL;
  *date = NULL;
  *timestamp = 0;
  for (i = 0; words[i] != NULL; i++)
    {
      if (g_str_has_prefix (words[i], COMMENT_BUNDLE) && *bundle_id == NULL)
        *bundle_id = g_strdup (words[i] + strlen (COMMENT_BUNDLE));
      else if (g_str_has_prefix (words[i], COMMENT_DATE) && *date == NULL)
        *date = g_strdup (words[i] + strlen (COMMENT_DATE));
      else if (g_str_has_prefix (words[i], COMMENT_TIMESTAMP))
        *timestamp = g_ascii_strtoll (words[i] + strlen (COMMENT_TIMESTAMP), NULL, 10);
    }
  return *bundle_id != NULL && *date != NULL;
}

static int
bundle_code_for (const GError *error)
{
  if (error->domain != HB_MINISIGN_ERROR)
    return HB_BUNDLE_ERROR_BAD_SIGNATURE;
  switch (error->code)
    {
    case HB_MINISIGN_ERROR_NO_SIGNATURE:
      return HB_BUNDLE_ERROR_UNSIGNED;
    case HB_MINISIGN_ERROR_UNKNOWN_KEY:
      return HB_BUNDLE_ERROR_UNKNOWN_KEY;
    case HB_MINISIGN_ERROR_NO_TRUSTED_KEYS:
      return HB_BUNDLE_ERROR_NO_TRUSTED_KEYS;
    case HB_MINISIGN_ERROR_IO:
      return HB_BUNDLE_ERROR_READ;
    default:
      return HB_BUNDLE_ERROR_BAD_SIGNATURE;
    }
}

/* Checks every file against a verified SHA256SUMS: none changed, added or
 * removed since it was signed. */
static gboolean
check_sums (HbBundle *self, const char *sums_name, GError **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (self->sums, &length);
  g_autofree char *text = g_strndup (length > 0 ? data : "", length);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      const char *why = NULL;
      char *line = lines[i];
      gsize line_length = strlen (line);
      guint j;

      if (line_length > 0 && line[line_length - 1] == '\r')
        line[--line_length] = '\0';
      if (line_length == 0)
        continue;
      /* "HEX  PATH", or "HEX *PATH" as sha256sum -b writes. */
      for (j = 0; j < 64 && g_ascii_isxdigit (line[j]); j++)
        ;
      if (j != 64 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*')
          || clean_path (line + 66, &path, &why) != PATH_OK)
        return fail_at (error, HB_BUNDLE_ERROR_BAD_SIGNATURE, sums_name, i + 1,
                        _("not a line of SHA-256 sums (“HEX  PATH”)"));
      if (g_hash_table_contains (listed, path))
        return fail_at (error, HB_BUNDLE_ERROR_BAD_SIGNATURE, sums_name, i + 1, _("this file is listed twice"));
      line[64] = '\0';
      g_hash_table_insert (listed, g_steal_pointer (&path), g_ascii_strdown (line, -1));
    }

  for (i = 0; i < self->sorted->len; i++)
    {
      BundleFile *file = g_ptr_array_index (self->sorted, i);
      const char *sum = g_hash_table_lookup (listed, file->path);
      g_autofree char *name = file_name (self, file->path);

      if (sum == NULL)
        return fail_at (error, HB_BUNDLE_ERROR_CHANGED, name, 0,
                        _("this file was added after the bundle was signed (%s does not list it)"), HB_BUNDLE_SUMS);
      if (strcmp (sum, file->sha256) != 0)
        return fail_at (error, HB_BUNDLE_ERROR_CHANGED, name, 0, _("this file was changed after the bundle was signed"));
      g_hash_table_remove (listed, file->path);
    }
  if (g_hash_table_size (listed) > 0)
    {
      g_autoptr (GList) missing = g_list_sort (g_hash_table_get_keys (listed), (GCompareFunc) strcmp);
      g_autofree char *name = file_name (self, missing->data);

      return fail_at (error, HB_BUNDLE_ERROR_CHANGED, name, 0,
                      _("this file was removed after the bundle was signed (%s lists it)"), HB_BUNDLE_SUMS);
    }
  return TRUE;
}

gboolean
hb_bundle_verify (HbBundle *self,
                  const char *const *trusted_public_keys,
                  HbBundleSignature **out,
                  GError **error)
{
  g_autoptr (HbMinisignSignature) verified = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (HbBundleSignature) result = NULL;
  g_autofree char *signature_name = NULL;
  g_autofree char *signature_text = NULL;
  g_autofree char *manifest_name = NULL;
  const char *const no_keys[] = { NULL };
  GBytes *signed_bytes;
  gsize length = 0;
  gconstpointer data;

  g_return_val_if_fail (HB_IS_BUNDLE (self), FALSE);

  if (out != NULL)
    *out = NULL;
  if (trusted_public_keys == NULL)
    trusted_public_keys = no_keys;

  if (self->archive != NULL && self->archive_signature != NULL)
    {
      signature_name = g_strdup (self->archive_signature_path);
      signature_text = g_strndup (g_bytes_get_data (self->archive_signature, NULL),
                                  g_bytes_get_size (self->archive_signature));
      signed_bytes = self->archive;
    }
  else if (self->sums_signature != NULL)
    {
      signature_name = file_name (self, HB_BUNDLE_SUMS_SIGNATURE);
      if (self->sums == NULL)
        return fail_at (error, HB_BUNDLE_ERROR_BAD_SIGNATURE, signature_name, 0,
                        _("the signature is there, but the %s it signs is not"), HB_BUNDLE_SUMS);
      signature_text = g_strndup (g_bytes_get_data (self->sums_signature, NULL),
                                  g_bytes_get_size (self->sums_signature));
      signed_bytes = self->sums;
    }
  else if (self->kind == HB_BUNDLE_KIND_FOLDER)
    return fail_at (error, HB_BUNDLE_ERROR_UNSIGNED, self->path, 0,
                    _("the bundle is not signed (it has no %s)"), HB_BUNDLE_SUMS_SIGNATURE);
  else if (self->archive_signature_path != NULL)
    return fail_at (error, HB_BUNDLE_ERROR_UNSIGNED, self->path, 0,
                    _("the bundle is not signed (there is no %s beside it)"), self->archive_signature_path);
  else
    return fail_at (error, HB_BUNDLE_ERROR_UNSIGNED, self->path, 0, _("the bundle is not signed"));

  data = g_bytes_get_data (signed_bytes, &length);
  verified = hb_minisign_verify (length > 0 ? data : (gconstpointer) "", length, signature_text, signature_name,
                                 trusted_public_keys, &local_error);
  if (verified == NULL)
    {
      g_set_error_literal (error, HB_BUNDLE_ERROR, bundle_code_for (local_error), local_error->message);
      return FALSE;
    }

  if (signed_bytes == self->sums)
    {
      g_autofree char *sums_name = file_name (self, HB_BUNDLE_SUMS);

      if (!check_sums (self, sums_name, error))
        return FALSE;
    }

  result = g_new0 (HbBundleSignature, 1);
  result->key_id = g_strdup (verified->key_id);
  result->key_index = verified->key_index;
  result->trusted_comment = g_strdup (verified->trusted_comment);
  result->signature_file = g_strdup (signature_name);

  manifest_name = file_name (self, HB_BUNDLE_MANIFEST);
  if (!parse_comment (verified->trusted_comment, &result->bundle_id, &result->date, &result->timestamp))
    {
      g_autofree char *shown = display (verified->trusted_comment);

      return fail_at (error, HB_BUNDLE_ERROR_SIGNATURE_MISMATCH, signature_name, 0,
                      _("this is not a bundle signature: its trusted comment “%s” names no bundle id and date"),
                      shown);
    }
  if (strcmp (result->bundle_id, self->manifest->bundle_id) != 0)
    {
      g_autofree char *shown = display (result->bundle_id);

      return fail_at (error, HB_BUNDLE_ERROR_SIGNATURE_MISMATCH, signature_name, 0,
                      _("the signature is for the bundle “%s”, but %s says “%s”"), shown, manifest_name,
                      self->manifest->bundle_id);
    }
  if (strcmp (result->date, self->manifest->date) != 0)
    {
      g_autofree char *shown = display (result->date);

      return fail_at (error, HB_BUNDLE_ERROR_SIGNATURE_MISMATCH, signature_name, 0,
                      _("the signature is for the bundle of %s, but %s says %s"), shown, manifest_name,
                      self->manifest->date);
    }

  if (out != NULL)
    *out = g_steal_pointer (&result);
  return TRUE;
}

static gboolean
write_file (const char *path, const char *contents, gssize length, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!g_file_set_contents (path, contents, length, &local_error))
    return fail_at (error, HB_BUNDLE_ERROR_READ, path, 0, _("cannot write it: %s"), local_error->message);
  return TRUE;
}

HbBundleSignature *
hb_bundle_sign (const char *path, const char *secret_key, const char *password, GError **error)
{
  g_autoptr (HbBundle) self = NULL;
  g_autoptr (HbMinisignSecretKey) key = NULL;
  g_autoptr (HbBundleSignature) result = NULL;
  g_autofree char *signature = NULL;
  gint64 timestamp = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);

  self = hb_bundle_read (path, NULL, error);
  if (self == NULL)
    return NULL;
  key = hb_minisign_secret_key_new (secret_key, password, error);
  if (key == NULL)
    return NULL;

  result = g_new0 (HbBundleSignature, 1);
  result->key_id = g_strdup (hb_minisign_secret_key_get_id (key));
  result->trusted_comment = make_comment (self, timestamp);
  result->bundle_id = g_strdup (self->manifest->bundle_id);
  result->date = g_strdup (self->manifest->date);
  result->timestamp = timestamp;

  if (self->kind == HB_BUNDLE_KIND_FOLDER)
    {
      g_autofree char *listing = hb_bundle_get_listing (self);
      g_autofree char *sums_path = g_build_filename (path, HB_BUNDLE_SUMS, NULL);

      result->signature_file = g_build_filename (path, HB_BUNDLE_SUMS_SIGNATURE, NULL);
      signature = hb_minisign_sign (key, (const guint8 *) listing, strlen (listing), result->trusted_comment, error);
      if (signature == NULL || !write_file (sums_path, listing, -1, error))
        return NULL;
    }
  else
    {
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (self->archive, &length);

      /* The bytes that were read and checked, not the file as it may be by
       * now. */
      result->signature_file = g_strdup (self->archive_signature_path);
      signature = hb_minisign_sign (key, length > 0 ? data : (const guint8 *) "", length, result->trusted_comment,
                                    error);
      if (signature == NULL)
        return NULL;
    }

  if (!write_file (result->signature_file, signature, -1, error))
    return NULL;
  return g_steal_pointer (&result);
}
