/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-store.h"
#include "hb-article.h"

G_BEGIN_DECLS

#define HB_IMPORT_ERROR (hb_import_error_quark ())

typedef enum
{
  /* A path given to import does not exist. */
  HB_IMPORT_ERROR_NOT_FOUND,
  /* A folder holds no Markdown file. */
  HB_IMPORT_ERROR_EMPTY,
  /* A path cannot be read (permissions). */
  HB_IMPORT_ERROR_READ,
} HbImportError;

GQuark hb_import_error_quark (void);

/* Files larger than this are refused: no article is that long. */
#define HB_IMPORT_MAX_FILE_SIZE (10 * 1000 * 1000)

typedef enum
{
  HB_IMPORT_FLAGS_NONE = 0,
  /* Import the valid files even when others are invalid (the invalid ones
   * are still reported). Without it, one invalid file means nothing is
   * written. */
  HB_IMPORT_FLAGS_SKIP_INVALID = 1 << 0,
  /* Read, check and compare, but write nothing. */
  HB_IMPORT_FLAGS_DRY_RUN = 1 << 1,
} HbImportFlags;

typedef struct
{
  HbImportFlags flags;
  /* (nullable): the kind of files whose front matter names none; "guide"
   * when NULL. */
  const char *default_kind;
  /* (nullable) (array zero-terminated=1): names of files and folders not
   * to import, wherever they are ("_git_history"). */
  const char *const *exclude;
} HbImportOptions;

typedef enum
{
  HB_IMPORT_STATUS_NEW,
  HB_IMPORT_STATUS_UPDATED,
  HB_IMPORT_STATUS_UNCHANGED,
} HbImportStatus;

typedef struct
{
  char *file;       /* the path as found, for messages */
  char *source;     /* relative to the import root, as stored */
  char *id;
  char *title;
  guint version;    /* the version this import made, or the unchanged one */
  HbImportStatus status;
  gboolean pending; /* takes effect later; the earlier version stays in force */
  gboolean content; /* a thesaurus or a course file, not an article */
} HbImportEntry;

typedef struct
{
  char *file;
  guint line;       /* 1-based, 0 when the problem is the whole file */
  char *message;
} HbImportProblem;

typedef struct
{
  GPtrArray *entries;  /* (element-type HbImportEntry) in file order */
  GPtrArray *problems; /* (element-type HbImportProblem) in file order */
  guint n_new;
  guint n_updated;
  guint n_unchanged;
  /* Whether the valid files were written (not with problems and without
   * SKIP_INVALID, and not in a dry run). */
  gboolean committed;
  char *import_uuid;   /* the imports row, when committed */
} HbImportReport;

void hb_import_report_free (HbImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbImportReport, hb_import_report_free)

/* Formats a problem as "FILE:LINE: message". */
char *hb_import_problem_to_string (const HbImportProblem *problem);

/**
 * HbImportProgressFunc:
 * @done: files handled so far
 * @total: files in all
 *
 * Called from the importing thread.
 */
typedef void (*HbImportProgressFunc) (guint done, guint total, gpointer user_data);

/**
 * hb_import_paths:
 * @store: the store to import into
 * @paths: (array zero-terminated=1): Markdown files and folders (searched
 *   recursively for *.md and *.markdown, synonyms.yaml and the YAML files
 *   of a folder "courses";
 *   .git and other version-control folders skipped)
 * @options: (nullable): options
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: closure
 * @cancellable: (nullable): cancels before anything is written
 * @error: return location for a #HB_IMPORT_ERROR or #HB_STORE_ERROR
 *
 * Reads every file, checks it (UTF-8 text, size, front matter, kind, dates,
 * unique ids) and then, in one transaction, stores a new version of each
 * article whose text changed: version 1 for a new id, N+1 for changed text,
 * nothing for the same text. Versions already stored are never rewritten.
 * The search index follows in the same transaction.
 *
 * Problems with files are listed in the report, not returned as @error.
 *
 * Returns: (transfer full): the report, or %NULL when nothing could be done
 *   (a path is missing, the database refused, cancelled); then nothing was
 *   written
 */
HbImportReport *hb_import_paths (HbStore *store,
                                 const char *const *paths,
                                 const HbImportOptions *options,
                                 HbImportProgressFunc progress,
                                 gpointer progress_data,
                                 GCancellable *cancellable,
                                 GError **error);

/**
 * hb_import_is_markdown_file:
 * @name: a file name
 *
 * Returns: whether the importer reads @name: *.md, *.MD or *.markdown
 */
gboolean hb_import_is_markdown_file (const char *name);

/**
 * HbImportAssetFunc:
 * @path: an image's path relative to the root of what is imported
 *
 * Returns: (transfer full) (nullable): the image's bytes, or %NULL when
 *   there is no such file
 */
typedef GBytes *(*HbImportAssetFunc) (const char *path, gpointer user_data);

/**
 * hb_import_parse_bytes:
 * @file: the file's name for messages ("bundle.zip:guides/tmall.md")
 * @source: its path relative to the root, stored with the version
 * @data: its bytes
 * @default_kind: (nullable): the kind when the front matter names none
 * @get_asset: (nullable) (scope call): where the images it shows come
 *   from; %NULL for none
 * @user_data: closure for @get_asset
 * @problems: (out) (optional) (transfer full) (element-type HbImportProblem):
 *   what is wrong with it, "FILE:LINE: message" as the importer reports
 *
 * Reads and checks one Markdown file already in memory exactly as
 * hb_import_paths() reads one from disk (text, size, front matter, kind,
 * dates), without storing anything: an update bundle's files.
 *
 * Returns: (transfer full) (nullable): the version's record, or %NULL when
 *   the file is not valid (@problems says why)
 */
HbArticleRecord *hb_import_parse_bytes (const char *file,
                                        const char *source,
                                        GBytes *data,
                                        const char *default_kind,
                                        HbImportAssetFunc get_asset,
                                        gpointer user_data,
                                        GPtrArray **problems);

G_END_DECLS
