/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "hb-article.h"

G_BEGIN_DECLS

#define HB_STORE_ERROR (hb_store_error_quark ())

typedef enum
{
  HB_STORE_ERROR_FAILED,
  /* The file cannot be opened or created (missing folder, permissions). */
  HB_STORE_ERROR_OPEN,
  /* The file exists but is not an SQLite database. */
  HB_STORE_ERROR_NOT_A_DATABASE,
  /* The file or its folder cannot be written. */
  HB_STORE_ERROR_READ_ONLY,
  /* Another program holds a lock on the database. */
  HB_STORE_ERROR_BUSY,
  /* SQLite found the file damaged. */
  HB_STORE_ERROR_CORRUPT,
  /* The database was made by a newer Handbook. */
  HB_STORE_ERROR_TOO_NEW,
  /* No such article or version. */
  HB_STORE_ERROR_NOT_FOUND,
  /* The disk is full. */
  HB_STORE_ERROR_FULL,
} HbStoreError;

GQuark hb_store_error_quark (void);

#define HB_TYPE_STORE (hb_store_get_type ())
G_DECLARE_FINAL_TYPE (HbStore, hb_store, HB, STORE, GObject)

/**
 * hb_store_default_path:
 *
 * Returns: `$XDG_DATA_HOME/handbook/handbook.db`
 */
char *hb_store_default_path (void);

/**
 * hb_store_open:
 * @path: the database file; it and its folder are created when missing
 * @error: return location for a #HB_STORE_ERROR
 *
 * Opens (or creates) a Handbook database in WAL mode with foreign keys on,
 * and brings its schema up to date through the numbered migrations. A file
 * that is not a database, or one made by a newer Handbook, is refused and
 * left as it is.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
HbStore *hb_store_open (const char *path, GError **error);

const char *hb_store_get_path (HbStore *self);

/* The connection, for the other modules of src/core. */
sqlite3 *hb_store_get_db (HbStore *self);

/* Whether this open created the database file (a new one is seeded). */
gboolean hb_store_is_new (HbStore *self);

/* Whether the database can only be read (a read-only file or folder). */
gboolean hb_store_is_read_only (HbStore *self);

/* How long to wait for another program's lock before failing with
 * %HB_STORE_ERROR_BUSY (5 s by default). */
void hb_store_set_busy_timeout (HbStore *self, int milliseconds);

/* The schema version the database is at after hb_store_open(). */
int hb_store_get_schema_version (HbStore *self);

/**
 * hb_store_begin:
 *
 * Starts a write transaction (BEGIN IMMEDIATE, so a locked database fails
 * here rather than halfway through). Pair with hb_store_commit() or
 * hb_store_rollback().
 */
gboolean hb_store_begin (HbStore *self, GError **error);
gboolean hb_store_commit (HbStore *self, GError **error);
void hb_store_rollback (HbStore *self);

/**
 * hb_store_set_error_from_sqlite:
 * @self: the store
 * @error: where to put the error
 * @rc: an SQLite result code
 * @what: (nullable): what was being done, for the message
 *
 * Turns an SQLite failure into a #HB_STORE_ERROR whose message names the
 * database file. Returns %FALSE so callers can `return` it.
 */
gboolean hb_store_set_error_from_sqlite (HbStore *self, GError **error, int rc, const char *what);

/**
 * hb_store_exec:
 *
 * Runs SQL without results; an error names the database file.
 */
gboolean hb_store_exec (HbStore *self, const char *sql, GError **error);

/**
 * hb_store_prepare:
 *
 * Returns: (transfer full) (nullable): a statement; finalize it with
 *   sqlite3_finalize() (g_autoptr (sqlite3_stmt) works too)
 */
sqlite3_stmt *hb_store_prepare (HbStore *self, const char *sql, GError **error);

/**
 * hb_store_list_articles:
 * @kind: (nullable): only articles of this kind ("guide", …)
 *
 * The version in force of every article, without bodies, ordered by kind
 * and title.
 *
 * Returns: (transfer full): a #GListModel of #HbArticle, or %NULL on error
 */
GListModel *hb_store_list_articles (HbStore *self, const char *kind, GError **error);

/**
 * hb_store_get_article:
 * @id: the article id
 * @version: a version number, or 0 for the version in force today
 *
 * Returns: (transfer full): the article with its body, or %NULL with
 *   %HB_STORE_ERROR_NOT_FOUND
 */
HbArticle *hb_store_get_article (HbStore *self, const char *id, guint version, GError **error);

/**
 * hb_store_get_history:
 *
 * Returns: (transfer full) (element-type HbArticle): every version of @id,
 *   oldest first, without bodies; %NULL with %HB_STORE_ERROR_NOT_FOUND
 */
GPtrArray *hb_store_get_history (HbStore *self, const char *id, GError **error);

/**
 * hb_store_get_asset:
 * @article_id: the article
 * @version: the version whose images to look in
 * @path: the image's path relative to the import root, as in a
 *   #HB_ASSET_URI_PREFIX link
 * @mime_type: (out) (optional): its type, such as "image/png"
 *
 * Returns: (transfer full): the image as imported with that version, or
 *   %NULL with %HB_STORE_ERROR_NOT_FOUND
 */
GBytes *hb_store_get_asset (HbStore *self, const char *article_id, guint version, const char *path,
                            char **mime_type, GError **error);

/**
 * hb_store_find_by_source:
 * @source: a path relative to an import root ("guides/returns.md")
 *
 * Returns: (nullable): the id of the article whose newest version came
 *   from @source
 */
char *hb_store_find_by_source (HbStore *self, const char *source);

/**
 * hb_store_count_articles:
 *
 * Returns: the number of articles, or -1 on error
 */
int hb_store_count_articles (HbStore *self, GError **error);

/**
 * hb_store_refresh_current:
 * @today: "YYYY-MM-DD"
 *
 * Makes the newest version whose effective date has come the version in
 * force of each article (called on open; versions with a future date wait).
 * Must run inside a transaction or it opens its own.
 *
 * Returns: the ids of the articles whose version in force changed
 *   (the search index follows them), or %NULL on error
 */
GPtrArray *hb_store_refresh_current (HbStore *self, const char *today, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
