/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

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
  /* What was to be stored is not valid (an empty name, a duplicate). */
  HB_STORE_ERROR_INVALID,
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

typedef enum
{
  HB_STORE_OPEN_NONE = 0,
  /* Only read: the file must exist, nothing is written on open (no
   * migration, no refresh), and writes fail. For a second connection to a
   * handbook that the app has open. */
  HB_STORE_OPEN_READ_ONLY = 1 << 0,
} HbStoreOpenFlags;

/* hb_store_open() with @flags. */
HbStore *hb_store_open_full (const char *path, HbStoreOpenFlags flags, GError **error);

const char *hb_store_get_path (HbStore *self);

/* Whether this open created the database file (a new one is seeded). */
gboolean hb_store_is_new (HbStore *self);

/* Whether the database can only be read (a read-only file or folder). */
gboolean hb_store_is_read_only (HbStore *self);

/* How long to wait for another program's lock before failing with
 * %HB_STORE_ERROR_BUSY (5 s by default). */
void hb_store_set_busy_timeout (HbStore *self, int milliseconds);

/* The schema version the database is at after hb_store_open(). */
int hb_store_get_schema_version (HbStore *self);

/*
 * Reading. A read transaction sees one state of the database from its
 * first read to its end, however many statements it runs, and costs the
 * WAL lock once rather than per statement. They nest, and inside a write
 * transaction they are part of it.
 */
gboolean hb_store_read_begin (HbStore *self, GError **error);
void hb_store_read_end (HbStore *self);

/**
 * HbStoreWrite:
 *
 * One write transaction: the only way anything is written. Every typed
 * module of the store (hb-store-articles.h, …) takes one, so nothing is
 * written outside a transaction, and hb_store_write_commit() is the one
 * place where what a transaction did is finished: versions whose day has
 * come are put in force, the search index follows them, and the commit
 * hooks run (the audit log hooks here), all before the COMMIT.
 */
typedef struct _HbStoreWrite HbStoreWrite;

/**
 * hb_store_write_begin:
 *
 * Starts a write transaction (BEGIN IMMEDIATE, so that a locked database
 * fails here rather than halfway through).
 *
 * Returns: (transfer full): the transaction, or %NULL with @error set
 */
HbStoreWrite *hb_store_write_begin (HbStore *self, GError **error);

HbStore *hb_store_write_get_store (HbStoreWrite *write);

/* One UTC timestamp ("2026-12-01T09:00:00Z") for everything the
 * transaction records, and the local day it counts as "today". */
const char *hb_store_write_get_now (HbStoreWrite *write);
const char *hb_store_write_get_today (HbStoreWrite *write);

/**
 * hb_store_write_commit:
 * @write: (transfer full): the transaction
 *
 * Finishes and commits the transaction; on failure everything it wrote
 * is rolled back. Either way @write is freed.
 */
gboolean hb_store_write_commit (HbStoreWrite *write, GError **error);

/**
 * hb_store_write_rollback:
 * @write: (transfer full) (nullable): the transaction
 *
 * Undoes everything the transaction wrote and frees it.
 */
void hb_store_write_rollback (HbStoreWrite *write);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbStoreWrite, hb_store_write_rollback)

/**
 * HbStoreCommitHook:
 *
 * Called by hb_store_write_commit() inside the transaction, after the
 * store has finished its own work and before the COMMIT. Failing rolls
 * the whole transaction back.
 */
typedef gboolean (*HbStoreCommitHook) (HbStoreWrite *write, gpointer user_data, GError **error);

void hb_store_add_commit_hook (HbStore *self,
                               HbStoreCommitHook hook,
                               gpointer user_data,
                               GDestroyNotify destroy);

/**
 * hb_store_refresh:
 * @today: (nullable): "YYYY-MM-DD", or %NULL for today
 *
 * Puts in force the newest version of each article whose effective date
 * has come (versions with a future date wait), and the search index
 * follows. hb_store_open() does it; call it again when the day changes.
 *
 * Returns: (transfer full) (element-type utf8): the ids whose version in
 *   force changed, or %NULL on error
 */
GPtrArray *hb_store_refresh (HbStore *self, const char *today, GError **error);

/**
 * hb_store_set_cancellable:
 * @cancellable: (nullable): cancels what the store runs from now on
 *
 * While set, a statement in progress stops soon after @cancellable is
 * cancelled and fails with %G_IO_ERROR_CANCELLED. Set %NULL when done.
 */
void hb_store_set_cancellable (HbStore *self, GCancellable *cancellable);

/**
 * hb_store_check:
 *
 * Checks the database (PRAGMA quick_check). A damaged one is still read,
 * but from then on nothing is written into it. hb_store_open() checks a
 * small database; hb_store_write_commit() checks before committing new
 * versions.
 *
 * Returns: whether the database is sound; %FALSE with
 *   %HB_STORE_ERROR_CORRUPT when not
 */
gboolean hb_store_check (HbStore *self, GError **error);

/* The sizes `handbook-cli bench` prints. */
typedef struct
{
  guint64 index_bytes;  /* the FTS5 index itself */
  guint64 search_bytes; /* every table of the search, index and text */
  guint64 text_bytes;   /* the text indexed */
} HbStoreSizes;

/* Checkpoints the WAL, then measures. */
gboolean hb_store_get_sizes (HbStore *self, HbStoreSizes *sizes, GError **error);

G_END_DECLS
