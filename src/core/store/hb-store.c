/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hb-store-private.h"
#include "hb-util.h"

struct _HbStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int schema_version;
  guint is_new : 1;
  guint damaged : 1;
  /* The open write transaction, and how deep reads are nested. */
  HbStoreWrite *write;
  guint read_depth;
  gboolean read_own;
  guint64 read_serial; /* counts the read transactions begun */
  /* Statements kept for the life of the connection, by SQL address. */
  GHashTable *statements;
  GArray *commit_hooks; /* (element-type CommitHook) */
  GCancellable *cancellable;
  struct
  {
    gpointer data;
    GDestroyNotify destroy;
  } slots[HB_STORE_N_SLOTS];
};

struct _HbStoreWrite
{
  HbStore *store;
  char *now;
  char *today;
  /* Articles whose version in force may have changed. */
  GHashTable *touched;
};

typedef struct
{
  HbStoreCommitHook func;
  gpointer user_data;
  GDestroyNotify destroy;
} CommitHook;

G_DEFINE_FINAL_TYPE (HbStore, hb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (hb-store-error-quark, hb_store_error)

static void
hb_store_finalize (GObject *object)
{
  HbStore *self = (HbStore *) object;

  guint i;

  g_clear_pointer (&self->write, hb_store_write_rollback);
  for (i = 0; i < HB_STORE_N_SLOTS; i++)
    hb_store_set_slot (self, i, NULL, NULL);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->commit_hooks, g_array_unref);
  g_clear_object (&self->cancellable);
  if (self->db != NULL)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (hb_store_parent_class)->finalize (object);
}

static void
hb_store_class_init (HbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hb_store_finalize;
}

static void
commit_hook_clear (gpointer data)
{
  CommitHook *hook = data;

  if (hook->destroy != NULL)
    hook->destroy (hook->user_data);
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
hb_store_init (HbStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, statement_free);
  self->commit_hooks = g_array_new (FALSE, TRUE, sizeof (CommitHook));
  g_array_set_clear_func (self->commit_hooks, commit_hook_clear);
}

char *
hb_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "handbook", "handbook.db", NULL);
}

gboolean
hb_store_set_error_from_sqlite (HbStore *self, GError **error, int rc, const char *what)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  const char *path = self->path != NULL ? self->path : "";
  g_autofree char *prefix = what != NULL ? g_strdup_printf ("%s: ", what) : g_strdup ("");

  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      break;
    case SQLITE_NOTADB:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Handbook database (it is not an SQLite file)"), path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_CORRUPT,
                   _("%s is damaged: %s%s"), path, prefix, detail);
      break;
    case SQLITE_READONLY:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_READ_ONLY,
                   _("%s is read-only: nothing was changed"), path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_BUSY,
                   _("%s is locked by another program: try again when it has finished"), path);
      break;
    case SQLITE_FULL:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_FULL,
                   _("%s: the disk is full: nothing was changed"), path);
      break;
    case SQLITE_IOERR:
      /* A full disk may show as an I/O error when writing begins. */
      if (self->db != NULL && sqlite3_system_errno (self->db) == ENOSPC)
        g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_FULL,
                     _("%s: the disk is full: nothing was changed"), path);
      else
        g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_FAILED, _("%s: %s%s"), path, prefix,
                     detail);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_OPEN,
                   _("Cannot open %s: %s"), path, detail);
      break;
    default:
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_FAILED,
                   _("%s: %s%s"), path, prefix, detail);
      break;
    }

  return FALSE;
}

gboolean
hb_store_exec (HbStore *self, const char *sql, GError **error)
{
  char *errmsg = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);
  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);

  return TRUE;
}

sqlite3_stmt *
hb_store_prepare (HbStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  return stmt;
}

sqlite3_stmt *
hb_store_cached (HbStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = hb_store_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

void
hb_store_stmt_reset (HbStoreStmt *stmt)
{
  sqlite3_reset (stmt);
}

gboolean
hb_store_step_done (HbStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);
  return TRUE;
}

gint64
hb_store_query_int (HbStore *self, const char *sql, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = hb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gpointer
hb_store_get_slot (HbStore *self, HbStoreSlot slot)
{
  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (slot < HB_STORE_N_SLOTS, NULL);
  return self->slots[slot].data;
}

void
hb_store_set_slot (HbStore *self, HbStoreSlot slot, gpointer data, GDestroyNotify destroy)
{
  gpointer old;
  GDestroyNotify old_destroy;

  g_return_if_fail (HB_IS_STORE (self));
  g_return_if_fail (slot < HB_STORE_N_SLOTS);

  old = self->slots[slot].data;
  old_destroy = self->slots[slot].destroy;
  self->slots[slot].data = data;
  self->slots[slot].destroy = destroy;
  if (old != NULL && old_destroy != NULL)
    old_destroy (old);
}

gboolean
hb_store_in_write (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  return self->write != NULL;
}

/* ------------------------------------------------------------------------ */
/* Transactions */

gboolean
hb_store_read_begin (HbStore *self, GError **error)
{
  g_return_val_if_fail (HB_IS_STORE (self), FALSE);

  if (self->read_depth++ > 0 || self->write != NULL || !sqlite3_get_autocommit (self->db))
    return TRUE;

  {
    g_autoptr (HbStoreStmt) stmt = hb_store_cached (self, "BEGIN", error);
    int rc;

    if (stmt == NULL)
      {
        self->read_depth--;
        return FALSE;
      }
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_DONE)
      {
        self->read_depth--;
        return hb_store_set_error_from_sqlite (self, error, rc, NULL);
      }
  }
  self->read_own = TRUE;
  self->read_serial++;
  return TRUE;
}

guint64
hb_store_read_serial (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), 0);
  return self->read_own && self->read_depth > 0 ? self->read_serial : 0;
}

void
hb_store_read_end (HbStore *self)
{
  g_return_if_fail (HB_IS_STORE (self));
  g_return_if_fail (self->read_depth > 0);

  if (--self->read_depth > 0 || !self->read_own)
    return;
  self->read_own = FALSE;

  {
    g_autoptr (HbStoreStmt) stmt = hb_store_cached (self, "COMMIT", NULL);

    if (stmt == NULL || sqlite3_step (stmt) != SQLITE_DONE)
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  }
}

static void
write_free (HbStoreWrite *write)
{
  g_free (write->now);
  g_free (write->today);
  g_clear_pointer (&write->touched, g_hash_table_unref);
  g_free (write);
}

HbStoreWrite *
hb_store_write_begin (HbStore *self, GError **error)
{
  HbStoreWrite *write;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (self->write == NULL, NULL);
  g_return_val_if_fail (self->read_depth == 0, NULL);

  if (self->damaged)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_CORRUPT,
                   _("%s is damaged: nothing is written into it; restore a backup"), self->path);
      return NULL;
    }
  if (sqlite3_db_readonly (self->db, "main") != 0)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_READ_ONLY,
                   _("%s is read-only: nothing was changed"), self->path);
      return NULL;
    }
  if (!hb_store_exec (self, "BEGIN IMMEDIATE", error))
    return NULL;
  /*
   * Foreign keys are checked at the COMMIT: an import's versions point at
   * its record, which is written last, with the final counts, so that it
   * is never changed once written.
   */
  if (!hb_store_exec (self, "PRAGMA defer_foreign_keys = ON", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }

  write = g_new0 (HbStoreWrite, 1);
  write->store = self;
  write->now = hb_util_now_utc ();
  write->today = hb_util_today ();
  write->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->write = write;
  return write;
}

HbStore *
hb_store_write_get_store (HbStoreWrite *write)
{
  g_return_val_if_fail (write != NULL, NULL);
  return write->store;
}

const char *
hb_store_write_get_now (HbStoreWrite *write)
{
  g_return_val_if_fail (write != NULL, NULL);
  return write->now;
}

const char *
hb_store_write_get_today (HbStoreWrite *write)
{
  g_return_val_if_fail (write != NULL, NULL);
  return write->today;
}

void
hb_store_articles_touch (HbStoreWrite *write, const char *id)
{
  g_hash_table_add (write->touched, g_strdup (id));
}

/* What every transaction finishes with, in one place. */
static gboolean
write_finish (HbStoreWrite *write, GError **error)
{
  HbStore *self = write->store;
  guint i;

  if (g_hash_table_size (write->touched) > 0)
    {
      g_autoptr (GPtrArray) changed = hb_store_articles_refresh (self, write->today, error);

      if (changed == NULL)
        return FALSE;
      if (!hb_store_search_index (self, changed, error))
        return FALSE;
      /* New versions are never committed into a damaged file. */
      if (!hb_store_check (self, error))
        return FALSE;
    }

  for (i = 0; i < self->commit_hooks->len; i++)
    {
      CommitHook *hook = &g_array_index (self->commit_hooks, CommitHook, i);

      if (!hook->func (write, hook->user_data, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
hb_store_write_commit (HbStoreWrite *write, GError **error)
{
  HbStore *self;

  g_return_val_if_fail (write != NULL, FALSE);
  self = write->store;
  g_return_val_if_fail (self->write == write, FALSE);

  if (!write_finish (write, error) || !hb_store_exec (self, "COMMIT", error))
    {
      gboolean full = error != NULL && g_error_matches (*error, HB_STORE_ERROR, HB_STORE_ERROR_FULL);

      hb_store_write_rollback (write);
      if (full)
        g_debug ("%s: the disk is full; the WAL was given back", self->path);
      return FALSE;
    }

  self->write = NULL;
  write_free (write);
  return TRUE;
}

void
hb_store_write_rollback (HbStoreWrite *write)
{
  HbStore *self;

  if (write == NULL)
    return;
  self = write->store;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* What the transaction wrote to the WAL is given back: on a full disk,
   * a failed import must not keep the disk full. */
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (self->write == write)
    self->write = NULL;
  /* What the search remembers may be of the rolled-back state. */
  hb_store_search_forget (self);
  write_free (write);
}

void
hb_store_add_commit_hook (HbStore *self, HbStoreCommitHook hook, gpointer user_data,
                          GDestroyNotify destroy)
{
  CommitHook entry = { hook, user_data, destroy };

  g_return_if_fail (HB_IS_STORE (self));
  g_return_if_fail (hook != NULL);
  g_array_append_val (self->commit_hooks, entry);
}

GPtrArray *
hb_store_refresh (HbStore *self, const char *today, GError **error)
{
  g_autoptr (HbStoreWrite) write = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  write = hb_store_write_begin (self, error);
  if (write == NULL)
    return NULL;
  day = g_strdup (today != NULL ? today : write->today);
  changed = hb_store_articles_refresh (self, day, error);
  if (changed == NULL || !hb_store_search_index (self, changed, error))
    return NULL;
  if (!hb_store_write_commit (g_steal_pointer (&write), error))
    return NULL;
  return g_steal_pointer (&changed);
}

static int
read_user_version (HbStore *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gint64 version = hb_store_query_int (self, "PRAGMA user_version", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  if (version < 0 || version > G_MAXINT)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_CORRUPT,
                   _("%s is not a Handbook database (its schema version is %lld)"), self->path,
                   (long long) version);
      return -1;
    }
  return (int) version;
}

/* "HBK1" as a big-endian integer: the mark every Handbook database has in
 * its header (PRAGMA application_id), so that another program's SQLite
 * file is never taken for one. */
#define HB_STORE_APPLICATION_ID 0x48424B31

/* Below this size a database is checked (PRAGMA quick_check) on open. */
#define QUICK_CHECK_ON_OPEN_BYTES (64 * 1024 * 1024)

/* Backups made before migrations, kept. */
#define KEPT_BACKUPS 2

static gboolean
has_table (HbStore *self, const char *name)
{
  g_autoptr (sqlite3_stmt) stmt = hb_store_prepare (self,
                                                    "SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                                    "AND name = ?1",
                                                    NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/*
 * Whether the file is a Handbook database: the mark in its header, or,
 * for one made before the mark, Handbook's own tables at a schema version
 * Handbook made. Anything else (another program's database, an empty
 * SQLite file) is left as it is.
 */
static gboolean
check_is_handbook (HbStore *self, int version, gboolean *unmarked, GError **error)
{
  gint64 application_id = hb_store_query_int (self, "PRAGMA application_id", error);

  *unmarked = FALSE;
  if (application_id == -1 && error != NULL && *error != NULL)
    return FALSE;
  if (application_id == HB_STORE_APPLICATION_ID)
    return TRUE;
  if (application_id == 0 && version >= 1 && has_table (self, "articles")
      && has_table (self, "article_versions") && has_table (self, "meta"))
    {
      *unmarked = TRUE;
      return TRUE;
    }
  g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_A_DATABASE,
               _("%s is not a Handbook database (it belongs to another program); it was left "
                 "as it is"),
               self->path);
  return FALSE;
}

/* Copies the database beside itself as PATH.bak-VERSION with SQLite's
 * backup API, and removes all but the newest KEPT_BACKUPS. */
static gboolean
backup_before_migration (HbStore *self, int version, GError **error)
{
  g_autofree char *backup_path = g_strdup_printf ("%s.bak-%d", self->path, version);
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *prefix = g_strconcat (base, ".bak-", NULL);
  g_autoptr (GDir) folder = NULL;
  g_autoptr (GPtrArray) backups = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  const char *name;
  int rc;

  rc = sqlite3_open_v2 (backup_path, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (copy);
    }
  sqlite3_close (copy);
  if (rc != SQLITE_OK)
    {
      g_remove (backup_path);
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_FAILED,
                   _("Cannot make the backup %s before updating the database: %s"), backup_path,
                   sqlite3_errstr (rc));
      return FALSE;
    }

  folder = g_dir_open (dir, 0, NULL);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_ascii_isdigit (name[strlen (prefix)]))
      g_ptr_array_add (backups, g_strdup (name));
  /* Oldest (lowest version) first. */
  for (guint i = 0; i < backups->len; i++)
    for (guint j = i + 1; j < backups->len; j++)
      if (atoi ((char *) backups->pdata[i] + strlen (prefix)) > atoi ((char *) backups->pdata[j] + strlen (prefix)))
        {
          gpointer tmp = backups->pdata[i];

          backups->pdata[i] = backups->pdata[j];
          backups->pdata[j] = tmp;
        }
  for (guint i = 0; i + KEPT_BACKUPS < backups->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, g_ptr_array_index (backups, i), NULL);

      g_remove (old);
    }
  return TRUE;
}

static gboolean
migrate (HbStore *self, int current, gboolean mark, GError **error)
{
  int target = (int) hb_store_n_migrations;
  int i;

  if (current > target)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_TOO_NEW,
                   _("%s was made by a newer version of Handbook (schema %d; this one knows %d)"),
                   self->path, current, target);
      return FALSE;
    }
  self->schema_version = current;
  if (current == target && !mark)
    return TRUE;

  if (sqlite3_db_readonly (self->db, "main") != 0)
    {
      if (current == target)
        return TRUE;
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_READ_ONLY,
                   _("%s was made by an older Handbook and cannot be updated, as it is read-only"),
                   self->path);
      return FALSE;
    }

  /* A database that holds something is saved before it is changed. */
  if (current > 0 && current < target && !backup_before_migration (self, current, error))
    return FALSE;

  if (mark)
    {
      g_autofree char *set = g_strdup_printf ("PRAGMA application_id = %d", HB_STORE_APPLICATION_ID);

      if (!hb_store_exec (self, set, error))
        return FALSE;
    }

  for (i = current; i < target; i++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", i + 1);

      g_debug ("Migrating %s to schema %d", self->path, i + 1);

      if (!hb_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!hb_store_exec (self, hb_store_migrations[i], error) || !hb_store_exec (self, bump, error)
          || !hb_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, _("Cannot update the database schema to version %d: "), i + 1);
          return FALSE;
        }
    }

  self->schema_version = target;
  /* The schema goes into the file now: a transaction that fails later (a
   * full disk) then leaves nothing in the WAL that must be kept. */
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;
}

HbStore *
hb_store_open (const char *path, GError **error)
{
  return hb_store_open_full (path, HB_STORE_OPEN_NONE, error);
}

/* Whether a file starts as an SQLite database does. */
static gboolean
has_sqlite_header (const char *path, gboolean *empty)
{
  char header[16] = { 0 };
  FILE *file = g_fopen (path, "rb");
  gsize n;

  *empty = FALSE;
  if (file == NULL)
    return TRUE; /* sqlite3_open says why */
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  *empty = n == 0;
  return n == sizeof header && memcmp (header, "SQLite format 3", 16) == 0;
}

/* Whether nothing can be written beside the file (a read-only disk, a
 * folder the user cannot write): then the WAL's shared memory cannot be
 * made either, and the file is read as it is. */
static gboolean
folder_is_read_only (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *probe = g_build_filename (dir, ".handbook-write-test-XXXXXX", NULL);
  int fd = g_mkstemp (probe);

  if (fd < 0)
    return TRUE;
  close (fd);
  g_remove (probe);
  return FALSE;
}

/* Whether the file may be written: a file marked read-only is opened
 * read-only, even by root (who could write it anyway): the mark is the
 * owner saying "do not change this". */
static gboolean
file_is_read_only (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && ((st.st_mode & 0222) == 0 || g_access (path, W_OK) != 0);
}

/* The version in force of some article is not the one it should be: a
 * read, so that opening writes nothing when nothing is due. */
static gboolean
refresh_due (HbStore *self)
{
  g_autofree char *today = hb_util_today ();
  g_autoptr (sqlite3_stmt) stmt = hb_store_prepare (
    self,
    "SELECT 1 FROM articles a WHERE a.current_version IS NOT "
    "COALESCE ((SELECT max (w.version) FROM article_versions w WHERE w.article_id = a.id "
    "AND (w.effective IS NULL OR w.effective <= ?1)), "
    "(SELECT min (w.version) FROM article_versions w WHERE w.article_id = a.id)) LIMIT 1",
    NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
hb_store_check (HbStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), FALSE);

  stmt = hb_store_prepare (self, "PRAGMA quick_check", error);
  if (stmt == NULL)
    {
      self->damaged = TRUE;
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
    return TRUE;
  self->damaged = TRUE;
  if (rc == SQLITE_ROW || (rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_CORRUPT,
                 _("%s is damaged (%s): it can still be read, but nothing is written into it; "
                   "restore a backup"),
                 self->path, rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : sqlite3_errstr (rc));
  else
    hb_store_set_error_from_sqlite (self, error, rc, NULL);
  return FALSE;
}

/* A second connection that only reads (the window's searches): nothing
 * is written on open, and the schema must be the one this Handbook knows. */
static HbStore *
open_reader (HbStore *self, GError **error)
{
  int version;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  hb_store_fts_register (self->db);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  version = read_user_version (self, error);
  if (version < 0)
    return NULL;
  if (version != (int) hb_store_n_migrations)
    {
      g_set_error (error, HB_STORE_ERROR, version > (int) hb_store_n_migrations ? HB_STORE_ERROR_TOO_NEW
                                                                                : HB_STORE_ERROR_READ_ONLY,
                   _("%s is at schema %d and this Handbook reads schema %d"), self->path, version,
                   (int) hb_store_n_migrations);
      return NULL;
    }
  self->schema_version = version;
  hb_store_exec (self, "PRAGMA mmap_size = 2147418112", NULL);
  return g_object_ref (self);
}

/* SQLite's process-wide settings, before it starts. Its count of the
 * memory it uses (nothing here reads it) takes a lock at each allocation,
 * and a search allocates at each row it reads. */
static gpointer
configure_sqlite (gpointer data)
{
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  return NULL;
}

HbStore *
hb_store_open_full (const char *path, HbStoreOpenFlags flags, GError **error)
{
  static GOnce configured = G_ONCE_INIT;
  g_autoptr (HbStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
  gboolean unmarked = FALSE;
  gboolean empty = FALSE;
  const char *busy;
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  g_once (&configured, configure_sqlite, NULL);

  self = g_object_new (HB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (flags & HB_STORE_OPEN_READ_ONLY)
    return open_reader (self, error);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_OPEN,
                   _("%s is a folder, not a database file"), path);
      return NULL;
    }

  self->is_new = !g_file_test (path, G_FILE_TEST_EXISTS);

  dir = g_path_get_dirname (path);
  if (self->is_new && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!self->is_new)
    {
      /* A file that is there is never taken for a new handbook: an empty
       * one is a user's file gone wrong, not an invitation. */
      if (!has_sqlite_header (path, &empty))
        {
          if (empty)
            g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_A_DATABASE,
                         _("%s is empty: it is not a Handbook database; it was left as it is"), path);
          else
            g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_A_DATABASE,
                         _("%s is not a Handbook database (it is not an SQLite file); it was left "
                           "as it is"),
                         path);
          return NULL;
        }
      if (folder_is_read_only (path))
        {
          /* Nothing can change the file there: read it as it is, WAL and all. */
          g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

          uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
          open_flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        }
      else if (file_is_read_only (path))
        open_flags = SQLITE_OPEN_READONLY;
    }

  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &self->db, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  hb_store_fts_register (self->db);
  sqlite3_extended_result_codes (self->db, 1);
  busy = g_getenv ("HANDBOOK_BUSY_TIMEOUT_MS");
  sqlite3_busy_timeout (self->db, busy != NULL ? atoi (busy) : 5000);

  /*
   * Reading the schema is the first thing that touches the file, so a file
   * that is not a database fails here, before anything is written.
   */
  version = read_user_version (self, error);
  if (version < 0)
    return NULL;
  if (!self->is_new && !check_is_handbook (self, version, &unmarked, error))
    return NULL;

  /* A small database is checked whole: a damaged one is read, never
   * written. */
  if (!self->is_new)
    {
      GStatBuf st;

      if (g_stat (path, &st) == 0 && st.st_size <= QUICK_CHECK_ON_OPEN_BYTES)
        {
          g_autoptr (GError) damage = NULL;

          if (!hb_store_check (self, &damage))
            g_warning ("%s", damage->message);
        }
    }

  /* WAL lets the window read while an import writes; it is switched on
   * once, when the file can be written. */
  if (sqlite3_db_readonly (self->db, "main") == 0 && !self->damaged)
    {
      g_autoptr (sqlite3_stmt) mode = hb_store_prepare (self, "PRAGMA journal_mode", NULL);

      if (mode != NULL && sqlite3_step (mode) == SQLITE_ROW
          && g_ascii_strcasecmp ((const char *) sqlite3_column_text (mode, 0), "wal") != 0)
        {
          g_clear_pointer (&mode, sqlite3_finalize);
          if (!hb_store_exec (self, "PRAGMA journal_mode = WAL", error))
            return NULL;
        }
    }
  if (!hb_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", error))
    return NULL;
  /*
   * Searching reads pages all over the index and the text: mapped, they
   * are read in place rather than copied through read() into a page cache
   * of 2 MB. SQLite caps the size at what it was built for (2 GB here);
   * a file that cannot be mapped is read as before, so failing is fine.
   */
  hb_store_exec (self, "PRAGMA mmap_size = 2147418112", NULL);

  if (self->damaged)
    {
      if (version != (int) hb_store_n_migrations)
        {
          g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_CORRUPT,
                       _("%s is damaged and made by an older Handbook: restore a backup"), path);
          return NULL;
        }
      self->schema_version = version;
      return g_steal_pointer (&self);
    }

  if (!migrate (self, version, self->is_new || unmarked, error))
    return NULL;

  /* A version whose effective date has come takes over: written only when
   * some is due and the file can be written. Another program's lock does
   * not stop the reading. */
  if (sqlite3_db_readonly (self->db, "main") == 0 && refresh_due (self))
    {
      g_autoptr (GError) refresh_error = NULL;
      g_autoptr (GPtrArray) changed = hb_store_refresh (self, NULL, &refresh_error);

      if (changed == NULL)
        {
          if (!g_error_matches (refresh_error, HB_STORE_ERROR, HB_STORE_ERROR_BUSY)
              && !g_error_matches (refresh_error, HB_STORE_ERROR, HB_STORE_ERROR_READ_ONLY)
              && !g_error_matches (refresh_error, HB_STORE_ERROR, HB_STORE_ERROR_FULL))
            {
              g_propagate_error (error, g_steal_pointer (&refresh_error));
              return NULL;
            }
          g_warning ("%s", refresh_error->message);
        }
    }

  return g_steal_pointer (&self);
}

const char *
hb_store_get_path (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
hb_store_get_db (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  return self->db;
}

gboolean
hb_store_is_new (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  return self->is_new;
}

int
hb_store_get_schema_version (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), 0);
  return self->schema_version;
}

void
hb_store_set_busy_timeout (HbStore *self, int milliseconds)
{
  g_return_if_fail (HB_IS_STORE (self));
  sqlite3_busy_timeout (self->db, milliseconds);
}

gboolean
hb_store_is_read_only (HbStore *self)
{
  g_return_val_if_fail (HB_IS_STORE (self), TRUE);
  return sqlite3_db_readonly (self->db, "main") != 0;
}

static int
progress_cb (void *data)
{
  HbStore *self = data;

  return self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable);
}

void
hb_store_set_cancellable (HbStore *self, GCancellable *cancellable)
{
  g_return_if_fail (HB_IS_STORE (self));

  g_set_object (&self->cancellable, cancellable);
  /* Every thousand steps of the virtual machine: a few microseconds. */
  sqlite3_progress_handler (self->db, cancellable != NULL ? 1000 : 0,
                            cancellable != NULL ? progress_cb : NULL, self);
}

gboolean
hb_store_get_sizes (HbStore *self, HbStoreSizes *sizes, GError **error)
{
  gint64 index_bytes, search_bytes, text_bytes;

  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  g_return_val_if_fail (sizes != NULL, FALSE);

  /* A checkpoint, so the sizes are the file's. */
  hb_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  index_bytes = hb_store_query_int (self,
                                    "SELECT coalesce (sum (pgsize), 0) FROM dbstat WHERE name IN "
                                    "('search_index_data', 'search_index_idx')",
                                    error);
  if (index_bytes < 0)
    return FALSE;
  search_bytes = hb_store_query_int (self,
                                     "SELECT coalesce (sum (pgsize), 0) FROM dbstat WHERE name "
                                     "LIKE 'search%' OR name = 'sqlite_autoindex_search_rows_1'",
                                     error);
  if (search_bytes < 0)
    return FALSE;
  text_bytes = hb_store_query_int (self,
                                   "SELECT coalesce (sum (length (CAST (title || headings || tags "
                                   "|| body AS BLOB))), 0) FROM search_index",
                                   error);
  if (text_bytes < 0)
    return FALSE;

  sizes->index_bytes = (guint64) index_bytes;
  sizes->search_bytes = (guint64) search_bytes;
  sizes->text_bytes = (guint64) text_bytes;
  return TRUE;
}
