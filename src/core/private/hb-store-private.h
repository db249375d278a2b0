/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The store's own header: only the files of src/core/store include it.
 * It is the one place that knows the connection; everything else reads
 * and writes through the typed modules (hb-store-articles.h, …) and the
 * transactions of hb-store.h.
 */

#include <sqlite3.h>

#include "hb-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The connection. */
sqlite3 *hb_store_get_db (HbStore *self);

/**
 * hb_store_set_error_from_sqlite:
 * @rc: an SQLite result code
 * @what: (nullable): what was being done, for the message
 *
 * Turns an SQLite failure into a #HB_STORE_ERROR whose message names the
 * database file. Returns %FALSE so callers can `return` it.
 */
gboolean hb_store_set_error_from_sqlite (HbStore *self, GError **error, int rc, const char *what);

/* Runs SQL without results; an error names the database file. */
gboolean hb_store_exec (HbStore *self, const char *sql, GError **error);

/* A new statement; finalize it (g_autoptr (sqlite3_stmt) does). */
sqlite3_stmt *hb_store_prepare (HbStore *self, const char *sql, GError **error);

/*
 * A statement prepared once per store and kept: for what runs on every
 * keystroke or every row of an import. @sql must be a string literal (the
 * cache is keyed by its address). It comes back reset with no bindings;
 * reset it after use (g_autoptr (HbStoreStmt) does) so that no read stays
 * open.
 */
sqlite3_stmt *hb_store_cached (HbStore *self, const char *sql, GError **error);

typedef sqlite3_stmt HbStoreStmt;
void hb_store_stmt_reset (HbStoreStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbStoreStmt, hb_store_stmt_reset)

/* Steps @stmt once, expecting no row, and resets it. */
gboolean hb_store_step_done (HbStore *self, sqlite3_stmt *stmt, GError **error);

/* The first column of the single row of @sql as an integer, or -1. */
gint64 hb_store_query_int (HbStore *self, const char *sql, GError **error);

/* Whether a write transaction is open on the connection. */
gboolean hb_store_in_write (HbStore *self);

/*
 * Per-store state of a module of src/core (the search's caches, say),
 * owned by the store and freed with it. One slot per module, so nothing
 * hangs on the object by name.
 */
typedef enum
{
  HB_STORE_SLOT_SEARCH,
  HB_STORE_N_SLOTS
} HbStoreSlot;

gpointer hb_store_get_slot (HbStore *self, HbStoreSlot slot);
/* Which read transaction of its own the store is in (none: 0): what another
 * connection commits is not seen until it ends, so what was checked in it
 * stays checked. */
guint64 hb_store_read_serial (HbStore *self);
void hb_store_set_slot (HbStore *self, HbStoreSlot slot, gpointer data, GDestroyNotify destroy);

/* Lists of names (platforms, tags) as the versions table stores them. */
char **hb_store_split_list (const char *stored);
char *hb_store_join_list (const char *const *items);

/* The migrations, in order (hb-store-schema.c). */
extern const char *const hb_store_migrations[];
extern const guint hb_store_n_migrations;

/* hb-store-fts.c: the tokenizer and the FTS5 functions the search index
 * needs, registered on every connection. Returns an SQLite result code. */
int hb_store_fts_register (sqlite3 *db);

/* hb-store-articles.c: what a write transaction leaves to its commit. */
void hb_store_articles_touch (HbStoreWrite *write, const char *id);
GPtrArray *hb_store_articles_refresh (HbStore *self, const char *today, GError **error);

/* hb-store-search.c: brings the search index in step with the version in
 * force of each id, inside the write transaction. */
gboolean hb_store_search_index (HbStore *self, GPtrArray *ids, GError **error);

/* hb-store-search.c: per-store search state, freed with the store. */
void hb_store_search_forget (HbStore *self);

G_END_DECLS
