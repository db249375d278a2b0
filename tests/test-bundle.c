/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "hb-bundle.h"
#include "hb-import.h"
#include "hb-minisign.h"
#include "hb-test-util.h"

/* Two versions of one regulation from the zh-laws corpus: the 2018
 * amendment of the agricultural product quality and safety law, and its
 * 2022 revision, which took effect on 2023-01-01. */
#define LAW_DIR "经济法"
#define LAW_2018 "农产品质量安全法(2018-10-26).md"
#define LAW_2022 "农产品质量安全法(2022-09-02).md"
#define LAW_ID "agri-product-quality-safety-law"

/* Building bundles */

static char *
read_corpus (const char *name, gsize *length)
{
  g_autofree char *dir = hb_test_corpus ("zh-laws");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, LAW_DIR, name, NULL);
  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
manifest_for (const char *bundle_id, const char *date, const char *law, const char *effective)
{
  return g_strdup_printf ("bundle: %s\n"
                          "title: 农产品质量安全法 %s\n"
                          "publisher: Compliance team\n"
                          "date: %s\n"
                          "entries:\n"
                          "  - file: " LAW_DIR "/%s\n"
                          "    id: " LAW_ID "\n"
                          "    effective: %s\n"
                          "    changes: 农产品质量安全法 as in force from %s.\n"
                          "    acknowledge: required\n"
                          "    due: %s\n",
                          bundle_id, date, date, law, effective, effective, effective);
}

/* A folder bundle in the temporary folder: the law, the manifest naming it,
 * and an image that travels along. NULL (test skipped) without the corpus. */
static char *
make_law_folder (const char *name, const char *law, const char *bundle_id, const char *date, const char *effective)
{
  g_autofree char *text = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *law_path = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *image_path = NULL;
  gsize length = 0;

  text = read_corpus (law, &length);
  if (text == NULL)
    return NULL;
  law_path = g_build_filename (name, LAW_DIR, law, NULL);
  g_free (hb_test_write_file (law_path, text, (gssize) length));
  manifest = manifest_for (bundle_id, date, law, effective);
  manifest_path = g_build_filename (name, "manifest.yaml", NULL);
  g_free (hb_test_write_file (manifest_path, manifest, -1));
  image_path = g_build_filename (name, "images", "seal.png", NULL);
  g_free (hb_test_write_file (image_path, (const char *) hb_test_png_red, sizeof hb_test_png_red));
  return g_build_filename (hb_test_tmpdir (), name, NULL);
}

static char *
make_law_2018 (const char *name)
{
  return make_law_folder (name, LAW_2018, "agri-law-2018", "2018-10-26", "2018-10-26");
}

static char *
make_law_2022 (const char *name)
{
  return make_law_folder (name, LAW_2022, "agri-law-2022", "2022-09-02", "2023-01-01");
}

typedef struct
{
  const char *path;
  int type;               /* AE_IFREG, AE_IFLNK … */
  const char *contents;   /* regular files */
  gssize length;          /* -1: strlen */
  const char *link;       /* symbolic and hard links */
  gsize zeros;            /* a regular file of this many zero bytes */
} Entry;

/* Writes @entries as a .tar.gz or a .zip with libarchive. */
static char *
write_archive (const char *name, gboolean zip, const Entry *entries, guint n_entries)
{
  g_autofree char *path = g_build_filename (hb_test_tmpdir (), name, NULL);
  struct archive *archive = archive_write_new ();
  guint i;

  if (zip)
    g_assert_cmpint (archive_write_set_format_zip (archive), ==, ARCHIVE_OK);
  else
    {
      g_assert_cmpint (archive_write_set_format_pax_restricted (archive), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_add_filter_gzip (archive), ==, ARCHIVE_OK);
    }
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);

  for (i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      const Entry *e = &entries[i];
      gsize length = e->contents != NULL ? (e->length >= 0 ? (gsize) e->length : strlen (e->contents)) : e->zeros;

      archive_entry_set_pathname_utf8 (entry, e->path);
      archive_entry_set_filetype (entry, (unsigned int) e->type);
      archive_entry_set_perm (entry, e->type == AE_IFDIR ? 0755 : 0644);
      archive_entry_set_mtime (entry, 1764547200, 0);
      if (e->type == AE_IFLNK)
        archive_entry_set_symlink_utf8 (entry, e->link);
      else if (e->link != NULL)
        archive_entry_set_hardlink_utf8 (entry, e->link);
      if (e->type == AE_IFCHR || e->type == AE_IFBLK)
        archive_entry_set_rdev (entry, makedev (1, 3));
      if (e->type == AE_IFREG && e->link == NULL)
        archive_entry_set_size (entry, (la_int64_t) length);

      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      if (e->type == AE_IFREG && e->link == NULL)
        {
          if (e->contents != NULL)
            g_assert_cmpint (archive_write_data (archive, e->contents, length), ==, (la_ssize_t) length);
          else
            {
              static const char zeros[65536];
              gsize done;

              for (done = 0; done < length; done += sizeof zeros)
                archive_write_data (archive, zeros, MIN (sizeof zeros, length - done));
            }
        }
      archive_entry_free (entry);
    }

  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
  return g_steal_pointer (&path);
}

/* Packs a folder bundle's files (as listed by a reading of it) into an
 * archive, optionally under a top folder. */
static char *
pack_folder (const char *folder, const char *name, gboolean zip, const char *top)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBundle) bundle = hb_bundle_read (folder, NULL, &error);
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree Entry *entries = NULL;
  guint i;

  g_assert_no_error (error);
  files = hb_bundle_list_files (bundle);
  entries = g_new0 (Entry, files->len);
  for (i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      GBytes *bytes = hb_bundle_get_file (bundle, path);
      char *entry_name = top != NULL ? g_strconcat (top, "/", path, NULL) : g_strdup (path);

      g_ptr_array_add (names, entry_name);
      entries[i].path = entry_name;
      entries[i].type = AE_IFREG;
      entries[i].contents = g_bytes_get_data (bytes, NULL);
      entries[i].length = (gssize) g_bytes_get_size (bytes);
    }
  return write_archive (name, zip, entries, files->len);
}

static HbBundle *
read_ok (const char *path)
{
  g_autoptr (GError) error = NULL;
  HbBundle *bundle = hb_bundle_read (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  return bundle;
}

/* Reads @path, expects @code, and that the message holds each of the
 * (NULL-terminated) words: the file, the line… */
static void
read_fails (const char *path, int code, ...)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBundle) bundle = hb_bundle_read (path, NULL, &error);
  va_list args;
  const char *word;

  g_assert_null (bundle);
  if (error == NULL || error->domain != HB_BUNDLE_ERROR || error->code != code)
    g_error ("%s: expected error %d, got %s", path, code, error != NULL ? error->message : "none");
  va_start (args, code);
  while ((word = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, word) == NULL)
      g_error ("“%s” does not say “%s”", error->message, word);
  va_end (args);
  g_test_message ("%s", error->message);
}

static void
write_text (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Reading */

static void
assert_law_2018 (HbBundle *bundle)
{
  GPtrArray *entries = hb_bundle_get_entries (bundle);
  HbBundleEntry *entry;
  g_autoptr (GPtrArray) files = hb_bundle_list_files (bundle);
  GBytes *law;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_cmpstr (hb_bundle_get_id (bundle), ==, "agri-law-2018");
  g_assert_cmpstr (hb_bundle_get_title (bundle), ==, "农产品质量安全法 2018-10-26");
  g_assert_cmpstr (hb_bundle_get_publisher (bundle), ==, "Compliance team");
  g_assert_cmpstr (hb_bundle_get_date (bundle), ==, "2018-10-26");

  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->file, ==, LAW_DIR "/" LAW_2018);
  g_assert_cmpstr (entry->id, ==, LAW_ID);
  g_assert_cmpstr (entry->effective, ==, "2018-10-26");
  g_assert_cmpstr (entry->changes, ==, "农产品质量安全法 as in force from 2018-10-26.");
  g_assert_cmpint (entry->acknowledge, ==, HB_BUNDLE_ACKNOWLEDGE_REQUIRED);
  g_assert_cmpstr (entry->due, ==, "2018-10-26");
  g_assert_cmpuint (entry->line, ==, 6);

  g_assert_cmpuint (files->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (files, 0), ==, "images/seal.png");
  g_assert_cmpstr (g_ptr_array_index (files, 1), ==, "manifest.yaml");
  g_assert_cmpstr (g_ptr_array_index (files, 2), ==, LAW_DIR "/" LAW_2018);

  law = hb_bundle_get_file (bundle, LAW_DIR "/" LAW_2018);
  g_assert_nonnull (law);
  text = read_corpus (LAW_2018, &length);
  g_assert_cmpmem (g_bytes_get_data (law, NULL), g_bytes_get_size (law), text, length);
  g_assert_nonnull (strstr (text, "第一条 为保障农产品质量安全"));
  g_assert_null (hb_bundle_get_file (bundle, "经济法/nothing.md"));
  g_assert_cmpuint (g_bytes_get_size (hb_bundle_get_file (bundle, "./images/seal.png")), ==,
                    sizeof hb_test_png_red);
}

static void
test_read_kinds (void)
{
  g_autofree char *folder = make_law_2018 ("kinds");
  g_autofree char *tar = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *zip_top = NULL;
  g_autoptr (HbBundle) from_folder = NULL;
  g_autoptr (HbBundle) from_tar = NULL;
  g_autoptr (HbBundle) from_zip = NULL;
  g_autoptr (HbBundle) from_zip_top = NULL;
  g_autoptr (HbBundle) from_bytes = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *archive_sha = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  if (folder == NULL)
    return;

  from_folder = read_ok (folder);
  g_assert_cmpint (hb_bundle_get_kind (from_folder), ==, HB_BUNDLE_KIND_FOLDER);
  assert_law_2018 (from_folder);
  listing = hb_bundle_get_listing (from_folder);
  {
    g_autofree char *listing_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, listing, -1);

    g_assert_cmpstr (hb_bundle_get_sha256 (from_folder), ==, listing_sha);
  }

  tar = pack_folder (folder, "kinds.tar.gz", FALSE, NULL);
  zip = pack_folder (folder, "kinds.zip", TRUE, NULL);
  zip_top = pack_folder (folder, "kinds-top.zip", TRUE, "agri-law-2018");

  from_tar = read_ok (tar);
  g_assert_cmpint (hb_bundle_get_kind (from_tar), ==, HB_BUNDLE_KIND_TAR);
  assert_law_2018 (from_tar);
  from_zip = read_ok (zip);
  g_assert_cmpint (hb_bundle_get_kind (from_zip), ==, HB_BUNDLE_KIND_ZIP);
  assert_law_2018 (from_zip);
  /* An archive of the folder itself reads from inside it. */
  from_zip_top = read_ok (zip_top);
  assert_law_2018 (from_zip_top);

  /* The same files, so the same listing; an archive's hash is its file's. */
  {
    g_autofree char *tar_listing = hb_bundle_get_listing (from_tar);
    g_autofree char *zip_listing = hb_bundle_get_listing (from_zip);
    g_autofree char *top_listing = hb_bundle_get_listing (from_zip_top);

    g_assert_cmpstr (tar_listing, ==, listing);
    g_assert_cmpstr (zip_listing, ==, listing);
    g_assert_cmpstr (top_listing, ==, listing);
  }
  g_file_get_contents (tar, &contents, &length, &error);
  g_assert_no_error (error);
  archive_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
  g_assert_cmpstr (hb_bundle_get_sha256 (from_tar), ==, archive_sha);
  g_assert_cmpstr (hb_bundle_get_sha256 (from_tar), !=, hb_bundle_get_sha256 (from_zip));

  /* From memory, as the fuzzer reads archives. */
  {
    g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

    from_bytes = hb_bundle_new_from_bytes (bytes, "kinds.tar.gz", &error);
    g_assert_no_error (error);
    assert_law_2018 (from_bytes);
  }
}

/* Archives as the usual tools make them: tar's "./" entries, and Python's
 * zipfile, which stores the folder's name on top. */
static void
test_read_tools (void)
{
  g_autofree char *folder = make_law_2018 ("tools");
  g_autofree char *tar = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *tar_program = g_find_program_in_path ("tar");
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (folder == NULL)
    return;
  if (tar_program == NULL || python == NULL)
    {
      g_test_skip ("tar or python3 is not installed");
      return;
    }

  tar = g_build_filename (hb_test_tmpdir (), "tools.tar.gz", NULL);
  zip = g_build_filename (hb_test_tmpdir (), "tools.zip", NULL);
  {
    const char *argv[] = { "tar", "-C", folder, "-czf", tar, ".", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  {
    const char *argv[] = { "python3", "-m", "zipfile", "-c", zip, folder, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  {
    g_autoptr (HbBundle) from_tar = read_ok (tar);
    g_autoptr (HbBundle) from_zip = read_ok (zip);

    assert_law_2018 (from_tar);
    assert_law_2018 (from_zip);
  }
}

static void
test_read_skips (void)
{
  g_autofree char *folder = make_law_2018 ("skips");
  g_autofree char *git = NULL;
  g_autoptr (HbBundle) bundle = NULL;
  g_autoptr (GPtrArray) files = NULL;

  if (folder == NULL)
    return;
  /* Version control and macOS litter are left out, Markdown or not. */
  g_free (hb_test_write_file ("skips/.git/config", "[core]\n", -1));
  g_free (hb_test_write_file ("skips/.git/notes.md", "# not an article\n", -1));
  g_free (hb_test_write_file ("skips/.DS_Store", "\0\0\0\1Bud1", 9));
  g_free (hb_test_write_file ("skips/经济法/._" LAW_2018, "\0\5\26\7", 4));

  bundle = read_ok (folder);
  files = hb_bundle_list_files (bundle);
  g_assert_cmpuint (files->len, ==, 3);
  assert_law_2018 (bundle);
}

/* Ids, when the manifest gives none: the front matter's, else the path's. */
static void
test_default_ids (void)
{
  g_autoptr (HbBundle) bundle = NULL;
  g_autofree char *folder = NULL;
  GPtrArray *entries;

  g_free (hb_test_write_file ("ids/manifest.yaml",
                              "bundle: tmall-rules-2026-12\n"
                              "title: Tmall after-sales rule changes, December 2026\n"
                              "date: 2026-12-01\n"
                              "entries:\n"
                              "  - file: guides/tmall-not-as-described.md\n"
                              "    changes: Seller response window shortened from 72 h to 48 h.\n"
                              "  - file: guides/Price Protection.md\n"
                              "    acknowledge: none\n",
                              -1));
  g_free (hb_test_write_file ("ids/guides/tmall-not-as-described.md",
                              "---\r\nid: tmall-nad\r\ntitle: Not as described\r\n---\r\n# Not as described\r\n", -1));
  g_free (hb_test_write_file ("ids/guides/Price Protection.md", "# Price protection\n\nThirty days.\n", -1));
  folder = g_build_filename (hb_test_tmpdir (), "ids", NULL);

  bundle = read_ok (folder);
  entries = hb_bundle_get_entries (bundle);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((HbBundleEntry *) g_ptr_array_index (entries, 0))->id, ==, "tmall-nad");
  g_assert_cmpstr (((HbBundleEntry *) g_ptr_array_index (entries, 1))->id, ==, "guides/price-protection");
  g_assert_cmpint (((HbBundleEntry *) g_ptr_array_index (entries, 1))->acknowledge, ==, HB_BUNDLE_ACKNOWLEDGE_NONE);
  g_assert_null (hb_bundle_get_publisher (bundle));
  g_assert_null (((HbBundleEntry *) g_ptr_array_index (entries, 0))->effective);

  /* A front matter id may not collide with another entry's. */
  g_free (hb_test_write_file ("ids/guides/Price Protection.md", "---\nid: tmall-nad\n---\n# Price protection\n", -1));
  read_fails (folder, HB_BUNDLE_ERROR_DUPLICATE, "manifest.yaml:7:", "tmall-nad", NULL);

  /* Nor be a path out of the handbook. */
  g_free (hb_test_write_file ("ids/guides/Price Protection.md", "---\nid: ../../etc/passwd\n---\n# x\n", -1));
  read_fails (folder, HB_BUNDLE_ERROR_MANIFEST, "Price Protection.md:2:", "../../etc/passwd", NULL);
}

/* The manifest */

/* Parses @text alone and expects @code on @line. */
static void
manifest_fails (const char *text, int code, guint line, const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBundleManifest) manifest = hb_bundle_manifest_parse (text, strlen (text), "manifest.yaml", &error);
  g_autofree char *where = g_strdup_printf ("manifest.yaml:%u: ", line);

  g_assert_null (manifest);
  if (error == NULL || error->code != code || !g_str_has_prefix (error->message, where)
      || strstr (error->message, words) == NULL)
    g_error ("expected %d “%s…%s”, got “%s”", code, where, words, error != NULL ? error->message : "nothing");
  g_test_message ("%s", error->message);
}

#define HEAD "bundle: tmall-rules-2026-12\ntitle: Tmall rules\ndate: 2026-12-01\n"

static void
test_manifest_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBundleManifest) manifest = NULL;
  const char *good = HEAD "entries:\n  - file: a.md\n    id: a\n";

  manifest = hb_bundle_manifest_parse (good, strlen (good), "manifest.yaml", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (manifest->bundle_id, ==, "tmall-rules-2026-12");
  g_assert_cmpuint (manifest->date_line, ==, 3);
  g_clear_pointer (&manifest, hb_bundle_manifest_free);

  /* As a Windows editor saves it: a byte order mark and CRLF line ends. */
  {
    const char *windows = "\xEF\xBB\xBF" "bundle: b\r\ntitle: t\r\ndate: 2026-12-01\r\nentries:\r\n  - file: a.md\r\n";

    manifest = hb_bundle_manifest_parse (windows, strlen (windows), "manifest.yaml", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (manifest->bundle_id, ==, "b");
    g_assert_cmpuint (manifest->date_line, ==, 3);
  }
  manifest_fails ("\xEF\xBB\xBF" "bundle: b\r\ntitle: t\r\ndate: 2026-12-01\r\nentries:\r\n  - file: a.md\r\n    efective: x\r\n",
                  HB_BUNDLE_ERROR_MANIFEST, 6, "unknown key “efective”");

  /* Required keys, reported where they could be added. */
  manifest_fails ("title: x\ndate: 2026-12-01\nentries:\n  - file: a.md\n", HB_BUNDLE_ERROR_MANIFEST, 4,
                  "“bundle” is missing");
  manifest_fails ("bundle: b\ndate: 2026-12-01\nentries:\n  - file: a.md\n", HB_BUNDLE_ERROR_MANIFEST, 4,
                  "“title” is missing");
  manifest_fails ("bundle: b\ntitle: t\nentries:\n  - file: a.md\n", HB_BUNDLE_ERROR_MANIFEST, 4,
                  "“date” is missing");
  manifest_fails (HEAD, HB_BUNDLE_ERROR_MANIFEST, 3, "“entries” is missing");
  manifest_fails (HEAD "entries: []\n", HB_BUNDLE_ERROR_MANIFEST, 4, "lists no file");
  manifest_fails (HEAD "entries:\n  - id: a\n", HB_BUNDLE_ERROR_MANIFEST, 5, "“file” is missing");

  /* Bad dates: not a day, not written YYYY-MM-DD. */
  manifest_fails ("bundle: b\ntitle: t\ndate: 2026-02-30\nentries:\n  - file: a.md\n", HB_BUNDLE_ERROR_MANIFEST, 3,
                  "2026-02-30");
  manifest_fails ("bundle: b\ntitle: t\ndate: 20261201\nentries:\n  - file: a.md\n", HB_BUNDLE_ERROR_MANIFEST, 3,
                  "YYYY-MM-DD");
  manifest_fails (HEAD "entries:\n  - file: a.md\n    effective: 1 December 2026\n", HB_BUNDLE_ERROR_MANIFEST, 6,
                  "“effective” must be a date");
  manifest_fails (HEAD "entries:\n  - file: a.md\n    due: 2026-13-01\n", HB_BUNDLE_ERROR_MANIFEST, 6,
                  "“due” must be a date");

  /* Unknown keys are errors: a misspelt effective date must not vanish. */
  manifest_fails (HEAD "entries:\n  - file: a.md\n    efective: 2026-12-15\n", HB_BUNDLE_ERROR_MANIFEST, 6,
                  "unknown key “efective”");
  manifest_fails (HEAD "version: 2\nentries:\n  - file: a.md\n", HB_BUNDLE_ERROR_MANIFEST, 4, "unknown key “version”");

  /* Duplicates. */
  manifest_fails (HEAD "entries:\n  - file: a.md\n    id: x\n  - file: b.md\n    id: x\n", HB_BUNDLE_ERROR_DUPLICATE, 8,
                  "given twice (also on line 5)");
  manifest_fails (HEAD "entries:\n  - file: a.md\n  - file: ./a.md\n", HB_BUNDLE_ERROR_DUPLICATE, 6,
                  "listed twice (also on line 5)");
  manifest_fails (HEAD "date: 2026-12-02\nentries:\n  - file: a.md\n", HB_BUNDLE_ERROR_MANIFEST, 4, "given twice");

  /* Values. */
  manifest_fails ("bundle: Tmall Rules\ntitle: t\ndate: 2026-12-01\nentries:\n  - file: a.md\n", HB_BUNDLE_ERROR_MANIFEST,
                  1, "not a valid bundle id");
  manifest_fails (HEAD "entries:\n  - file: a.md\n    acknowledge: yes please\n", HB_BUNDLE_ERROR_MANIFEST, 6,
                  "“required” or “none”");
  manifest_fails (HEAD "entries:\n  - file: a.md\n    acknowledge: none\n    due: 2026-12-20\n", HB_BUNDLE_ERROR_MANIFEST,
                  7, "“none”");
  manifest_fails (HEAD "entries:\n  - file: ../outside.md\n", HB_BUNDLE_ERROR_MANIFEST, 5, "“..”");
  manifest_fails (HEAD "entries:\n  - file: /etc/passwd.md\n", HB_BUNDLE_ERROR_MANIFEST, 5, "absolute");
  manifest_fails (HEAD "entries:\n  - file: images/seal.png\n", HB_BUNDLE_ERROR_MANIFEST, 5, "not a Markdown file");
  manifest_fails (HEAD "entries:\n  - file: a.md\n    id: ../../etc/passwd\n", HB_BUNDLE_ERROR_MANIFEST, 6,
                  "not a valid article id");
  manifest_fails (HEAD "entries:\n  - file: a.md\n    id: \"a\\e[31mred\"\n", HB_BUNDLE_ERROR_MANIFEST, 6,
                  "\\u001B");
  manifest_fails (HEAD "entries:\n  - a.md\n", HB_BUNDLE_ERROR_MANIFEST, 5, "“- file: …”");
  manifest_fails (HEAD "entries:\n  file: a.md\n", HB_BUNDLE_ERROR_MANIFEST, 4, "must be a list");
  manifest_fails (HEAD "entries:\n  - file: [a.md\n", HB_BUNDLE_ERROR_MANIFEST, 5, "not valid YAML");
  manifest_fails ("- just\n- a list\n", HB_BUNDLE_ERROR_MANIFEST, 1, "“key: value” lines");
  manifest_fails (HEAD "entries:\n  - file: a.md\n    changes: \xff\n", HB_BUNDLE_ERROR_MANIFEST, 6, "UTF-8");

  /* Deeply nested flow collections, which libyaml takes quadratic time
   * over, and an alias bomb, which would expand to a billion nodes. */
  {
    g_autoptr (GString) deep = g_string_new (HEAD "entries:\n  - file: a.md\n    changes: ");
    guint i;

    for (i = 0; i < 500000; i++)
      g_string_append_c (deep, '[');
    manifest_fails (deep->str, HB_BUNDLE_ERROR_MANIFEST, 6, "nested too deeply");
  }
  manifest_fails (HEAD "entries:\n  - file: a.md\n    changes: &a [x, x, x, x, x, x, x, x, x, x]\n"
                  "  - file: b.md\n    changes: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                  "  - file: c.md\n    changes: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                  "  - file: d.md\n    changes: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                  "  - file: e.md\n    changes: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                  "  - file: f.md\n    changes: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                  "  - file: g.md\n    changes: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
                  HB_BUNDLE_ERROR_MANIFEST, 6, "repeats itself");
}

static void
test_manifest_against_files (void)
{
  g_autofree char *folder = make_law_2018 ("against");
  g_autofree char *manifest_path = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *law_path = NULL;

  if (folder == NULL)
    return;
  manifest_path = g_build_filename (folder, "manifest.yaml", NULL);
  manifest = manifest_for ("agri-law-2018", "2018-10-26", LAW_2018, "2018-10-26");

  /* A file the manifest names is missing: the 2022 text was meant. */
  {
    g_autofree char *wrong = manifest_for ("agri-law-2018", "2018-10-26", LAW_2022, "2018-10-26");

    write_text (manifest_path, wrong);
    read_fails (folder, HB_BUNDLE_ERROR_MISSING_FILE, "manifest.yaml:6:", LAW_2022, "is not in the bundle", NULL);
    write_text (manifest_path, manifest);
  }

  /* A Markdown file no entry names would be dropped silently. */
  {
    g_autofree char *extra = NULL;

    extra = hb_test_write_file ("against/" LAW_DIR "/README.md", "# 说明\n", -1);
    read_fails (folder, HB_BUNDLE_ERROR_UNLISTED_FILE, LAW_DIR "/README.md", "no entry", NULL);
    g_remove (extra);
  }

  /* The same law twice under one id: the second entry is refused. */
  {
    g_autofree char *both = g_strconcat (manifest, "  - file: " LAW_DIR "/copy.md\n    id: " LAW_ID "\n", NULL);
    g_autofree char *text = NULL;
    g_autofree char *copy = NULL;
    gsize length = 0;

    text = read_corpus (LAW_2018, &length);
    copy = hb_test_write_file ("against/" LAW_DIR "/copy.md", text, (gssize) length);
    write_text (manifest_path, both);
    read_fails (folder, HB_BUNDLE_ERROR_DUPLICATE, "manifest.yaml:13:", LAW_ID, NULL);
    g_remove (copy);
    write_text (manifest_path, manifest);
  }

  /* A bad date, named with its file and line. */
  {
    g_autofree char *bad = manifest_for ("agri-law-2018", "2018-10-26", LAW_2018, "2018-10-32");

    write_text (manifest_path, bad);
    read_fails (folder, HB_BUNDLE_ERROR_MANIFEST, "against/manifest.yaml:8:", "2018-10-32", NULL);
    write_text (manifest_path, manifest);
  }

  /* No manifest at all. */
  g_remove (manifest_path);
  read_fails (folder, HB_BUNDLE_ERROR_NO_MANIFEST, "manifest.yaml", NULL);
  write_text (manifest_path, manifest);

  /* A file larger than the importer takes. */
  {
    g_autofree char *large = g_malloc0 (HB_IMPORT_MAX_FILE_SIZE + 1);
    g_autofree char *large_path = hb_test_write_file ("against/images/scan.png", large, HB_IMPORT_MAX_FILE_SIZE + 1);

    read_fails (folder, HB_BUNDLE_ERROR_TOO_LARGE, "images/scan.png", "10.0\u00a0MB", NULL);
    g_remove (large_path);
  }

  law_path = g_build_filename (folder, LAW_DIR, LAW_2018, NULL);
  g_assert_true (g_file_test (law_path, G_FILE_TEST_EXISTS));
  g_object_unref (read_ok (folder));
  read_fails ("/nonexistent/bundle", HB_BUNDLE_ERROR_NOT_FOUND, "/nonexistent/bundle", NULL);
  read_fails (law_path, HB_BUNDLE_ERROR_NOT_A_BUNDLE, LAW_2018, NULL);
}

/* Hostile folders and archives */

static void
test_folder_links (void)
{
  g_autofree char *folder = make_law_2018 ("links");
  g_autofree char *link = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *fifo = NULL;

  if (folder == NULL)
    return;

  /* passwd.md -> /etc/passwd would publish the system's file. */
  link = g_build_filename (folder, "passwd.md", NULL);
  g_assert_cmpint (symlink ("/etc/passwd", link), ==, 0);
  read_fails (folder, HB_BUNDLE_ERROR_UNSAFE_ENTRY, "passwd.md", "symbolic link", NULL);
  g_remove (link);

  /* A folder link to "." and a loop: refused at once, no hang. */
  g_assert_cmpint (symlink (".", link), ==, 0);
  read_fails (folder, HB_BUNDLE_ERROR_UNSAFE_ENTRY, "passwd.md", "symbolic link", NULL);
  g_remove (link);
  a = g_build_filename (folder, "a", NULL);
  b = g_build_filename (folder, "b", NULL);
  g_assert_cmpint (symlink ("b", a), ==, 0);
  g_assert_cmpint (symlink ("a", b), ==, 0);
  read_fails (folder, HB_BUNDLE_ERROR_UNSAFE_ENTRY, "symbolic link", NULL);
  g_remove (a);
  g_remove (b);

  /* A FIFO would block a reader forever. */
  fifo = g_build_filename (folder, "经济法", "pipe.md", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  read_fails (folder, HB_BUNDLE_ERROR_UNSAFE_ENTRY, "pipe.md", "FIFO", NULL);
  g_remove (fifo);

  g_object_unref (read_ok (folder));
}

#define MANIFEST_A HEAD "entries:\n  - file: a.md\n    id: a\n"

static void
test_archive_entries (void)
{
  const Entry manifest = { "manifest.yaml", AE_IFREG, MANIFEST_A, -1, NULL, 0 };
  const Entry article = { "a.md", AE_IFREG, "# A\n\nText.\n", -1, NULL, 0 };
  struct
  {
    Entry bad;
    gboolean zip;
    const char *words;
  } cases[] = {
    { { "/etc/cron.d/evil.md", AE_IFREG, "x", -1, NULL, 0 }, FALSE, "absolute path" },
    { { "../../home/user/.bashrc", AE_IFREG, "x", -1, NULL, 0 }, FALSE, "“..”" },
    { { "guides/../../outside.md", AE_IFREG, "x", -1, NULL, 0 }, TRUE, "“..”" },
    { { "C:/Windows/evil.md", AE_IFREG, "x", -1, NULL, 0 }, TRUE, "Windows" },
    /* libarchive reads a zip's Windows separators as '/'. */
    { { "guides\\..\\..\\evil.md", AE_IFREG, "x", -1, NULL, 0 }, TRUE, "“..”" },
    { { "guides\\evil.md", AE_IFREG, "x", -1, NULL, 0 }, FALSE, "backslash" },
    { { "passwd.md", AE_IFLNK, NULL, -1, "/etc/passwd", 0 }, FALSE, "symbolic link" },
    { { "passwd.md", AE_IFLNK, NULL, -1, "/etc/passwd", 0 }, TRUE, "symbolic link" },
    { { "b.md", AE_IFREG, NULL, -1, "a.md", 0 }, FALSE, "hard link" },
    { { "null.md", AE_IFCHR, NULL, -1, NULL, 0 }, FALSE, "device" },
    { { "disk.md", AE_IFBLK, NULL, -1, NULL, 0 }, FALSE, "device" },
    { { "pipe.md", AE_IFIFO, NULL, -1, NULL, 0 }, FALSE, "FIFO" },
    { { "a.md", AE_IFREG, "# Again\n", -1, NULL, 0 }, FALSE, "twice" },
    { { "evil\x1b]0;owned\a.md", AE_IFREG, "x", -1, NULL, 0 }, FALSE, "control character" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.%s", i, cases[i].zip ? "zip" : "tar.gz");
      Entry entries[3] = { manifest, article, cases[i].bad };
      g_autofree char *path = write_archive (name, cases[i].zip, entries, 3);
      g_autoptr (GError) error = NULL;
      g_autoptr (HbBundle) bundle = hb_bundle_read (path, NULL, &error);

      g_assert_null (bundle);
      g_assert_error (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_UNSAFE_ENTRY);
      if (strstr (error->message, name) == NULL || strstr (error->message, cases[i].words) == NULL)
        g_error ("“%s” should name %s and say “%s”", error->message, name, cases[i].words);
      /* Nothing from the name reaches the terminal raw. */
      g_assert_null (strchr (error->message, '\x1b'));
      g_test_message ("%s", error->message);
    }

  /* Without the bad entry the same archive is fine. */
  {
    Entry entries[2] = { manifest, article };
    g_autofree char *path = write_archive ("good.tar.gz", FALSE, entries, 2);

    g_object_unref (read_ok (path));
  }
}

static void
test_limits (void)
{
  const Entry manifest = { "manifest.yaml", AE_IFREG, MANIFEST_A, -1, NULL, 0 };
  const Entry article = { "a.md", AE_IFREG, "# A\n\nText.\n", -1, NULL, 0 };
  g_autofree char *bomb = NULL;
  g_autofree char *tar_bomb = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *many = NULL;
  g_autofree char *lying = NULL;
  GStatBuf st;

  /* A zip bomb: 300 MB of zeros, deflated to a few hundred kilobytes. */
  {
    Entry entries[3] = { manifest, article, { "images/bomb.png", AE_IFREG, NULL, -1, NULL, 300 * 1000 * 1000 } };

    bomb = write_archive ("bomb.zip", TRUE, entries, 3);
    g_assert_cmpint (g_stat (bomb, &st), ==, 0);
    g_test_message ("bomb.zip: %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
    g_assert_cmpint (st.st_size, <, 1000 * 1000);
    read_fails (bomb, HB_BUNDLE_ERROR_TOO_LARGE, "bomb.zip:images/bomb.png", "10.0\u00a0MB", NULL);
  }
  {
    Entry entries[3] = { manifest, article, { "images/bomb.png", AE_IFREG, NULL, -1, NULL, 200 * 1000 * 1000 } };

    tar_bomb = write_archive ("bomb.tar.gz", FALSE, entries, 3);
    read_fails (tar_bomb, HB_BUNDLE_ERROR_TOO_LARGE, "bomb.tar.gz:images/bomb.png", "10.0\u00a0MB", NULL);
  }

  /* A zip whose headers say its file is small: the limit holds while it
   * inflates. */
  {
    Entry entries[3] = { manifest, article, { "images/liar.png", AE_IFREG, NULL, -1, NULL, 30 * 1000 * 1000 } };
    g_autofree char *data = NULL;
    gsize length = 0;
    g_autoptr (GError) error = NULL;
    const char *name = "images/liar.png";
    gsize name_length = strlen (name);
    gsize i;
    guint patched = 0;

    lying = write_archive ("liar.zip", TRUE, entries, 3);
    g_file_get_contents (lying, &data, &length, &error);
    g_assert_no_error (error);
    /* Local header: size at 22, name at 30; central header: size at 24,
     * name at 46. */
    for (i = 0; i + 46 + name_length <= length; i++)
      {
        if (memcmp (data + i, "PK\3\4", 4) == 0 && memcmp (data + i + 30, name, name_length) == 0)
          {
            memcpy (data + i + 22, "\x10\0\0\0", 4);
            patched++;
          }
        if (memcmp (data + i, "PK\1\2", 4) == 0 && memcmp (data + i + 46, name, name_length) == 0)
          {
            memcpy (data + i + 24, "\x10\0\0\0", 4);
            patched++;
          }
      }
    g_assert_cmpuint (patched, ==, 2);
    write_text (lying, "");
    g_file_set_contents (lying, data, (gssize) length, &error);
    g_assert_no_error (error);
    {
      g_autoptr (HbBundle) bundle = hb_bundle_read (lying, NULL, &error);

      g_assert_null (bundle);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      /* Either the limit or libarchive's own size check stops it. */
      g_assert_true (g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_TOO_LARGE)
                     || g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_CORRUPT));
    }
  }

  /* Files each under the limit, together over the bundle's. */
  {
    Entry entries[14] = { manifest, article };
    guint i;

    for (i = 2; i < G_N_ELEMENTS (entries); i++)
      {
        entries[i].type = AE_IFREG;
        entries[i].length = -1;
        entries[i].zeros = 9 * 1000 * 1000;
      }
    entries[2].path = "images/1.png";
    entries[3].path = "images/2.png";
    entries[4].path = "images/3.png";
    entries[5].path = "images/4.png";
    entries[6].path = "images/5.png";
    entries[7].path = "images/6.png";
    entries[8].path = "images/7.png";
    entries[9].path = "images/8.png";
    entries[10].path = "images/9.png";
    entries[11].path = "images/10.png";
    entries[12].path = "images/11.png";
    entries[13].path = "images/12.png";
    wide = write_archive ("wide.tar.gz", FALSE, entries, G_N_ELEMENTS (entries));
    read_fails (wide, HB_BUNDLE_ERROR_TOO_LARGE, "wide.tar.gz", "100.0\u00a0MB", NULL);
  }

  /* Too many entries. */
  {
    g_autofree Entry *entries = g_new0 (Entry, HB_BUNDLE_MAX_ENTRIES + 2);
    g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    guint i;

    entries[0] = manifest;
    entries[1] = article;
    for (i = 2; i < HB_BUNDLE_MAX_ENTRIES + 2; i++)
      {
        char *entry_name = g_strdup_printf ("images/%u.png", i);

        g_ptr_array_add (names, entry_name);
        entries[i].path = entry_name;
        entries[i].type = AE_IFREG;
        entries[i].contents = "";
        entries[i].length = 0;
      }
    many = write_archive ("many.zip", TRUE, entries, HB_BUNDLE_MAX_ENTRIES + 2);
    read_fails (many, HB_BUNDLE_ERROR_TOO_LARGE, "many.zip", "10000", NULL);
  }
}

static void
test_truncated (void)
{
  g_autofree char *folder = make_law_2018 ("truncated");
  const char *names[] = { "truncated.tar.gz", "truncated.zip" };
  guint i;

  if (folder == NULL)
    return;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = pack_folder (folder, names[i], i == 1, NULL);
      g_autofree char *data = NULL;
      g_autoptr (GError) error = NULL;
      gsize length = 0;
      gsize cut;

      g_file_get_contents (path, &data, &length, &error);
      g_assert_no_error (error);
      g_object_unref (read_ok (path));

      /* Cut in half, and just before the end. */
      for (cut = length / 2; cut < length; cut = cut == length / 2 ? length - 4 : length)
        {
          g_file_set_contents (path, data, (gssize) cut, &error);
          g_assert_no_error (error);
          read_fails (path, HB_BUNDLE_ERROR_CORRUPT, names[i], "damaged or cut short", NULL);
        }

      /* One bit flipped in the middle: the CRCs catch it (for a .tar.gz,
       * gzip's, which libarchive alone does not check). */
      data[length / 2] ^= 0x01;
      g_file_set_contents (path, data, (gssize) length, &error);
      g_assert_no_error (error);
      read_fails (path, HB_BUNDLE_ERROR_CORRUPT, names[i], "damaged", NULL);
    }

  /* A plain tar, which cannot show where it was cut, is refused. */
  {
    const Entry entries[] = { { "manifest.yaml", AE_IFREG, MANIFEST_A, -1, NULL, 0 },
                              { "a.md", AE_IFREG, "# A\n", -1, NULL, 0 } };
    g_autofree char *path = g_build_filename (hb_test_tmpdir (), "plain.tar", NULL);
    struct archive *archive = archive_write_new ();
    guint j;

    archive_write_set_format_pax_restricted (archive);
    archive_write_open_filename (archive, path);
    for (j = 0; j < G_N_ELEMENTS (entries); j++)
      {
        struct archive_entry *entry = archive_entry_new ();

        archive_entry_set_pathname (entry, entries[j].path);
        archive_entry_set_filetype (entry, AE_IFREG);
        archive_entry_set_perm (entry, 0644);
        archive_entry_set_size (entry, (la_int64_t) strlen (entries[j].contents));
        archive_write_header (archive, entry);
        archive_write_data (archive, entries[j].contents, strlen (entries[j].contents));
        archive_entry_free (entry);
      }
    archive_write_close (archive);
    archive_write_free (archive);
    read_fails (path, HB_BUNDLE_ERROR_NOT_A_BUNDLE, "plain.tar", "gzip", NULL);
  }
}

/* Signatures */

static void
keygen (char **public_key, char **secret_key)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (hb_minisign_keygen (NULL, public_key, secret_key, NULL, &error));
  g_assert_no_error (error);
}

static HbBundleSignature *
sign (const char *path, const char *secret_key)
{
  g_autoptr (GError) error = NULL;
  HbBundleSignature *signature = hb_bundle_sign (path, secret_key, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (signature);
  return signature;
}

static HbBundleSignature *
verify_ok (const char *path, const char *const *keys)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBundle) bundle = read_ok (path);
  HbBundleSignature *signature = NULL;

  g_assert_true (hb_bundle_verify (bundle, keys, &signature, &error));
  g_assert_no_error (error);
  return signature;
}

static void
verify_fails (const char *path, const char *const *keys, int code, const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBundle) bundle = read_ok (path);
  HbBundleSignature *signature = NULL;

  g_assert_false (hb_bundle_verify (bundle, keys, &signature, &error));
  g_assert_null (signature);
  if (error == NULL || error->domain != HB_BUNDLE_ERROR || error->code != code || strstr (error->message, words) == NULL)
    g_error ("expected %d “%s”, got “%s”", code, words, error != NULL ? error->message : "nothing");
  g_test_message ("%s", error->message);
}

static void
test_sign_folder (void)
{
  g_autofree char *folder = make_law_2018 ("signed-folder");
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *other_public = NULL;
  g_autofree char *other_secret = NULL;
  g_autoptr (HbBundleSignature) signed_ = NULL;
  g_autoptr (HbBundleSignature) verified = NULL;
  g_autofree char *sums_path = NULL;
  g_autofree char *sums = NULL;
  g_autofree char *law_path = NULL;
  g_autofree char *law = NULL;
  g_autoptr (GError) error = NULL;
  const char *keys[] = { NULL, NULL, NULL };
  const char *untrusted[] = { NULL, NULL };

  if (folder == NULL)
    return;
  keygen (&public_key, &secret_key);
  keygen (&other_public, &other_secret);
  keys[0] = other_public;
  keys[1] = public_key;
  untrusted[0] = other_public;

  verify_fails (folder, keys, HB_BUNDLE_ERROR_UNSIGNED, "not signed");

  signed_ = sign (folder, secret_key);
  g_assert_cmpstr (signed_->bundle_id, ==, "agri-law-2018");
  g_assert_cmpstr (signed_->date, ==, "2018-10-26");
  g_assert_cmpint (signed_->timestamp, >, 1764547200 - 86400 * 365 * 10);
  g_assert_true (g_str_has_prefix (signed_->trusted_comment, "handbook-bundle:agri-law-2018 date:2018-10-26 timestamp:"));
  g_assert_true (g_str_has_suffix (signed_->signature_file, "SHA256SUMS.minisig"));

  /* SHA256SUMS is the folder's listing, in sha256sum's format. */
  sums_path = g_build_filename (folder, "SHA256SUMS", NULL);
  g_file_get_contents (sums_path, &sums, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr (HbBundle) bundle = read_ok (folder);
    g_autofree char *listing = hb_bundle_get_listing (bundle);

    g_assert_cmpstr (sums, ==, listing);
    g_assert_true (hb_bundle_has_signature (bundle));
    g_assert_null (hb_bundle_get_file (bundle, "SHA256SUMS"));
  }
  {
    g_autofree char *sha256sum = g_find_program_in_path ("sha256sum");
    const char *argv[] = { "sha256sum", "--check", "--quiet", "SHA256SUMS", NULL };
    int status = 0;

    if (sha256sum != NULL)
      {
        g_spawn_sync (folder, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                      NULL, NULL, &status, &error);
        g_assert_no_error (error);
        g_assert_true (g_spawn_check_wait_status (status, NULL));
      }
  }

  verified = verify_ok (folder, keys);
  g_assert_cmpuint (verified->key_index, ==, 1);
  g_assert_cmpstr (verified->key_id, ==, signed_->key_id);
  g_assert_cmpstr (verified->trusted_comment, ==, signed_->trusted_comment);
  g_assert_cmpstr (verified->bundle_id, ==, "agri-law-2018");
  g_assert_cmpstr (verified->date, ==, "2018-10-26");
  g_assert_cmpint (verified->timestamp, ==, signed_->timestamp);

  verify_fails (folder, untrusted, HB_BUNDLE_ERROR_UNKNOWN_KEY, "not a trusted key");
  verify_fails (folder, NULL, HB_BUNDLE_ERROR_NO_TRUSTED_KEYS, "no public key is trusted");

  /* One article changed after signing: 第二条 edited. */
  law_path = g_build_filename (folder, LAW_DIR, LAW_2018, NULL);
  g_file_get_contents (law_path, &law, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *changed = g_strdup (law);
    char *article = strstr (changed, "第二条");

    g_assert_nonnull (article);
    memcpy (article, "第三条", strlen ("第三条"));
    write_text (law_path, changed);
    verify_fails (folder, keys, HB_BUNDLE_ERROR_CHANGED, LAW_2018 ": this file was changed after");

    /* Updating SHA256SUMS too breaks its signature instead. */
    {
      g_autoptr (HbBundle) bundle = read_ok (folder);
      g_autofree char *listing = hb_bundle_get_listing (bundle);

      write_text (sums_path, listing);
      verify_fails (folder, keys, HB_BUNDLE_ERROR_BAD_SIGNATURE, "SHA256SUMS.minisig");
      write_text (sums_path, sums);
    }
    write_text (law_path, law);
  }
  g_clear_pointer (&verified, hb_bundle_signature_free);
  verified = verify_ok (folder, keys);

  /* A file added, and one removed. */
  {
    g_autofree char *added = hb_test_write_file ("signed-folder/images/new.png", (const char *) hb_test_png_blue,
                                                 sizeof hb_test_png_blue);
    g_autofree char *seal = g_build_filename (folder, "images", "seal.png", NULL);

    verify_fails (folder, keys, HB_BUNDLE_ERROR_CHANGED, "images/new.png: this file was added");
    g_remove (added);
    g_remove (seal);
    verify_fails (folder, keys, HB_BUNDLE_ERROR_CHANGED, "images/seal.png: this file was removed");
    g_free (hb_test_write_file ("signed-folder/images/seal.png", (const char *) hb_test_png_red,
                                sizeof hb_test_png_red));
  }

  /* A zip of the signed folder still carries its signature. */
  {
    g_autofree char *python = g_find_program_in_path ("python3");
    g_autofree char *zip = g_build_filename (hb_test_tmpdir (), "signed-folder.zip", NULL);
    const char *argv[] = { "python3", "-m", "zipfile", "-c", zip, folder, NULL };
    int status = 0;

    if (python != NULL)
      {
        g_autoptr (HbBundleSignature) inner = NULL;

        g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
        g_assert_no_error (error);
        inner = verify_ok (zip, keys);
        g_assert_true (g_str_has_suffix (inner->signature_file, "signed-folder.zip:SHA256SUMS.minisig"));
      }
  }

  /* Signing refuses a bundle that is not valid. */
  {
    g_autofree char *manifest_path = g_build_filename (folder, "manifest.yaml", NULL);
    g_autofree char *bad = manifest_for ("agri-law-2018", "2018-10-26", LAW_2022, "2018-10-26");
    g_autoptr (HbBundleSignature) none = NULL;

    write_text (manifest_path, bad);
    none = hb_bundle_sign (folder, secret_key, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_MISSING_FILE);
  }
}

static void
test_sign_archive (void)
{
  g_autofree char *folder = make_law_2018 ("signed-archive");
  g_autofree char *tar = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *pub_path = NULL;
  g_autofree char *signature_path = NULL;
  g_autoptr (HbBundleSignature) signed_ = NULL;
  g_autoptr (HbBundleSignature) verified = NULL;
  g_autofree char *minisign = g_find_program_in_path ("minisign");
  g_autoptr (GError) error = NULL;
  const char *keys[] = { NULL, NULL };

  if (folder == NULL)
    return;
  keygen (&public_key, &secret_key);
  keys[0] = public_key;
  tar = pack_folder (folder, "signed-archive.tar.gz", FALSE, NULL);
  signature_path = g_strconcat (tar, ".minisig", NULL);

  verify_fails (tar, keys, HB_BUNDLE_ERROR_UNSIGNED, "signed-archive.tar.gz.minisig");

  signed_ = sign (tar, secret_key);
  g_assert_cmpstr (signed_->signature_file, ==, signature_path);
  verified = verify_ok (tar, keys);
  g_assert_cmpstr (verified->bundle_id, ==, "agri-law-2018");
  g_assert_cmpstr (verified->signature_file, ==, signature_path);

  /* minisign itself agrees: `minisign -Vm bundle.tar.gz -p key.pub`. */
  if (minisign != NULL)
    {
      const char *argv[] = { "minisign", "-Vm", tar, "-p", NULL, NULL };
      g_autofree char *out = NULL;
      int status = 0;

      pub_path = g_build_filename (hb_test_tmpdir (), "archive.pub", NULL);
      write_text (pub_path, public_key);
      argv[4] = pub_path;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, "handbook-bundle:agri-law-2018 date:2018-10-26"));
    }

  /* The archive rebuilt with one article changed keeps the old signature
   * beside it: refused. */
  {
    g_autofree char *law_path = g_build_filename (folder, LAW_DIR, LAW_2018, NULL);
    g_autofree char *law = NULL;
    g_autofree char *kept = NULL;
    char *article;

    g_file_get_contents (law_path, &law, NULL, &error);
    g_assert_no_error (error);
    g_file_get_contents (signature_path, &kept, NULL, &error);
    g_assert_no_error (error);
    article = strstr (law, "第二条");
    memcpy (article, "第三条", strlen ("第三条"));
    write_text (law_path, law);
    g_free (pack_folder (folder, "signed-archive.tar.gz", FALSE, NULL));
    g_assert_true (g_file_test (signature_path, G_FILE_TEST_EXISTS));
    verify_fails (tar, keys, HB_BUNDLE_ERROR_BAD_SIGNATURE, "does not match");
  }
}

/* A valid signature whose trusted comment names another bundle or date
 * than the manifest: an old signature reused. */
static void
test_comment_mismatch (void)
{
  g_autofree char *folder = make_law_2022 ("mismatch");
  g_autofree char *tar = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autoptr (HbMinisignSecretKey) key = NULL;
  g_autoptr (GError) error = NULL;
  const char *keys[] = { NULL, NULL };
  struct
  {
    const char *comment;
    const char *words;
  } cases[] = {
    { "handbook-bundle:agri-law-2018 date:2022-09-02 timestamp:1662076800", "for the bundle “agri-law-2018”" },
    { "handbook-bundle:agri-law-2022 date:2018-10-26 timestamp:1540512000", "of 2018-10-26" },
    { "timestamp:1662076800\tfile:mismatch.tar.gz\thashed", "names no bundle id" },
  };
  guint i;

  if (folder == NULL)
    return;
  keygen (&public_key, &secret_key);
  keys[0] = public_key;
  key = hb_minisign_secret_key_new (secret_key, NULL, &error);
  g_assert_no_error (error);
  tar = pack_folder (folder, "mismatch.tar.gz", FALSE, NULL);

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (hb_minisign_sign_file (key, tar, NULL, cases[i].comment, &error));
      g_assert_no_error (error);
      verify_fails (tar, keys, HB_BUNDLE_ERROR_SIGNATURE_MISMATCH, cases[i].words);
    }
}

/* The 2018 and 2022 bundles of one regulation: each verifies as itself,
 * and the 2018 signature does not carry over to the 2022 files. */
static void
test_two_versions (void)
{
  g_autofree char *v1 = make_law_2018 ("law-v1");
  g_autofree char *v2 = make_law_2022 ("law-v2");
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autoptr (HbBundleSignature) s1 = NULL;
  g_autoptr (HbBundleSignature) s2 = NULL;
  g_autoptr (HbBundle) b1 = NULL;
  g_autoptr (HbBundle) b2 = NULL;
  HbBundleEntry *e1;
  HbBundleEntry *e2;
  const char *keys[] = { NULL, NULL };

  if (v1 == NULL || v2 == NULL)
    return;
  keygen (&public_key, &secret_key);
  keys[0] = public_key;

  b1 = read_ok (v1);
  b2 = read_ok (v2);
  e1 = g_ptr_array_index (hb_bundle_get_entries (b1), 0);
  e2 = g_ptr_array_index (hb_bundle_get_entries (b2), 0);
  /* Two files, one article: versions 1 and 2 of the regulation. */
  g_assert_cmpstr (e1->id, ==, e2->id);
  g_assert_cmpstr (e1->file, !=, e2->file);
  g_assert_cmpstr (e2->effective, ==, "2023-01-01");
  g_assert_cmpstr (hb_bundle_get_sha256 (b1), !=, hb_bundle_get_sha256 (b2));
  g_assert_cmpuint (g_bytes_get_size (hb_bundle_get_file (b2, e2->file)), >,
                    g_bytes_get_size (hb_bundle_get_file (b1, e1->file)));

  g_clear_pointer (&s1, hb_bundle_signature_free);
  s1 = sign (v1, secret_key);
  s2 = sign (v2, secret_key);
  g_clear_pointer (&s1, hb_bundle_signature_free);
  s1 = verify_ok (v1, keys);
  g_clear_pointer (&s2, hb_bundle_signature_free);
  s2 = verify_ok (v2, keys);
  g_assert_cmpstr (s1->date, <, s2->date);

  /* The 2018 signature copied into the 2022 folder. */
  {
    const char *names[] = { "SHA256SUMS", "SHA256SUMS.minisig" };
    guint i;

    for (i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *from = g_build_filename (v1, names[i], NULL);
        g_autofree char *to = g_build_filename (v2, names[i], NULL);
        g_autofree char *text = NULL;
        g_autoptr (GError) error = NULL;

        g_file_get_contents (from, &text, NULL, &error);
        g_assert_no_error (error);
        write_text (to, text);
      }
    verify_fails (v2, keys, HB_BUNDLE_ERROR_CHANGED, "after the bundle was signed");
  }
}

int
main (int argc, char **argv)
{
  int status;

  /* libarchive's writer converts names to the locale's encoding. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundle/read/kinds", test_read_kinds);
  g_test_add_func ("/bundle/read/tools", test_read_tools);
  g_test_add_func ("/bundle/read/skips", test_read_skips);
  g_test_add_func ("/bundle/read/default-ids", test_default_ids);
  g_test_add_func ("/bundle/manifest/errors", test_manifest_errors);
  g_test_add_func ("/bundle/manifest/against-files", test_manifest_against_files);
  g_test_add_func ("/bundle/unsafe/folder-links", test_folder_links);
  g_test_add_func ("/bundle/unsafe/archive-entries", test_archive_entries);
  g_test_add_func ("/bundle/unsafe/limits", test_limits);
  g_test_add_func ("/bundle/unsafe/truncated", test_truncated);
  g_test_add_func ("/bundle/sign/folder", test_sign_folder);
  g_test_add_func ("/bundle/sign/archive", test_sign_archive);
  g_test_add_func ("/bundle/sign/comment-mismatch", test_comment_mismatch);
  g_test_add_func ("/bundle/sign/two-versions", test_two_versions);

  status = g_test_run ();
  hb_test_cleanup ();
  return status;
}
