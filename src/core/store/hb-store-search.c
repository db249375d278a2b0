/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store-search"

#include "config.h"

#include "hb-store-search.h"

#include <string.h>

#include "hb-markdown.h"
#include "hb-store-private.h"
#include "hb-tokenizer.h"

/*
 * The search tables (search_rows, search_index, search_vocab; see
 * hb-search-scan.h): written from the version in force of each article
 * when a write transaction commits, and read by the statements below,
 * which hb-search.c runs.
 */

/* ------------------------------------------------------------------------ */
/* Indexing. */

char *
hb_search_facet_token (char key, const char *value)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  stripped = g_strstrip (g_strdup (value));
  folded = g_utf8_casefold (stripped, -1);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, folded, -1);

  /* A digit first keeps the tokenizer from stemming it; the hash keeps any
   * value, Chinese or with spaces, one token. */
  return g_strdup_printf ("0%c%.20s", key, hash);
}


static int
count_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  int *count = user_data;

  if (!(flags & HB_TOKEN_COLOCATED))
    (*count)++;
  return SQLITE_OK;
}

static int
count_tokens (const char *text, gsize len)
{
  int count = 0;

  hb_tokenize (text, (int) len, HB_TOKENIZE_DOCUMENT, count_token_cb, &count);
  return count;
}

typedef struct
{
  int pos;         /* of the next token in the body */
  gsize base;      /* where the text being counted starts in the body */
  GString *marks;  /* the checkpoints so far */
  gboolean full;   /* the body went past CHECKPOINT_MAX */
} BodyCount;

static int
count_body_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  BodyCount *count = user_data;

  if (flags & HB_TOKEN_COLOCATED)
    return SQLITE_OK;
  if (count->pos > 0 && count->pos % CHECKPOINT_TOKENS == 0 && !count->full)
    {
      gsize offset = count->base + start;

      if (offset > CHECKPOINT_MAX)
        count->full = TRUE;
      else
        g_string_append_printf (count->marks, "%0*x", CHECKPOINT_WIDTH, (guint) offset);
    }
  count->pos++;
  return SQLITE_OK;
}

/* Headings and ids go in one line of the section map. */
static void
append_one_line (GString *out, const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    g_string_append_c (out, (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p);
}

static void
add_facet (GString *facets, char key, const char *value)
{
  g_autofree char *token = NULL;

  if (value == NULL || *value == '\0')
    return;
  token = hb_search_facet_token (key, value);
  g_string_append_c (facets, ' ');
  g_string_append (facets, token);
}

typedef struct
{
  HbStore *store;
  sqlite3_stmt *select_article;
  sqlite3_stmt *select_row;
  sqlite3_stmt *delete_fts;
  sqlite3_stmt *delete_row;
  sqlite3_stmt *insert_row;
  sqlite3_stmt *update_row;
  sqlite3_stmt *insert_fts;
} Indexer;

static void
indexer_clear (Indexer *self)
{
  g_clear_pointer (&self->select_article, sqlite3_finalize);
  g_clear_pointer (&self->select_row, sqlite3_finalize);
  g_clear_pointer (&self->delete_fts, sqlite3_finalize);
  g_clear_pointer (&self->delete_row, sqlite3_finalize);
  g_clear_pointer (&self->insert_row, sqlite3_finalize);
  g_clear_pointer (&self->update_row, sqlite3_finalize);
  g_clear_pointer (&self->insert_fts, sqlite3_finalize);
}

static gboolean
indexer_init (Indexer *self, HbStore *store, GError **error)
{
  self->store = store;
  if ((self->select_article = hb_store_prepare (
         store,
         "SELECT v.version, v.title, v.kind, v.lang, v.platforms, v.tags, v.body "
         "FROM articles a JOIN article_versions v ON v.article_id = a.id "
         "AND v.version = a.current_version WHERE a.id = ?1",
         error))
        == NULL
      || (self->select_row = hb_store_prepare (
            store, "SELECT id FROM search_rows WHERE article_id = ?1", error))
           == NULL
      || (self->delete_fts = hb_store_prepare (
            store, "DELETE FROM search_index WHERE rowid = ?1", error))
           == NULL
      || (self->delete_row = hb_store_prepare (
            store, "DELETE FROM search_rows WHERE id = ?1", error))
           == NULL
      || (self->insert_row = hb_store_prepare (
            store, "INSERT INTO search_rows (article_id, version) VALUES (?1, ?2)", error))
           == NULL
      || (self->update_row = hb_store_prepare (
            store, "UPDATE search_rows SET version = ?2 WHERE id = ?1", error))
           == NULL
      || (self->insert_fts = hb_store_prepare (
            store,
            "INSERT INTO search_index (rowid, title, headings, tags, body, facets, sections) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            error))
           == NULL)
    return FALSE;
  return TRUE;
}

static gboolean
step_done (Indexer *self, sqlite3_stmt *stmt, GError **error)
{
  return hb_store_step_done (self->store, stmt, error);
}

static gboolean
index_article (Indexer *self, const char *id, GError **error)
{
  sqlite3 *db = hb_store_get_db (self->store);
  sqlite3_stmt *article = self->select_article;
  sqlite3_int64 row = 0;
  gboolean have_row = FALSE;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GString) headings = g_string_new (NULL);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GString) map = g_string_new (NULL);
  g_autoptr (GString) tags_text = g_string_new (NULL);
  g_autoptr (GString) facets = g_string_new (HB_SEARCH_FACET_ALL);
  g_auto (GStrv) platforms = NULL;
  g_auto (GStrv) tags = NULL;
  const char *lang;
  g_autoptr (GString) marks = g_string_new (NULL);
  BodyCount count = { 0, 0, marks, FALSE };
  int heading_pos = 0;
  int rc;
  guint i;

  sqlite3_bind_text (self->select_row, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (self->select_row);
  if (rc == SQLITE_ROW)
    {
      row = sqlite3_column_int64 (self->select_row, 0);
      have_row = TRUE;
    }
  sqlite3_reset (self->select_row);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self->store, error, rc, NULL);

  if (have_row)
    {
      sqlite3_bind_int64 (self->delete_fts, 1, row);
      if (!step_done (self, self->delete_fts, error))
        return FALSE;
    }

  sqlite3_bind_text (article, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (article);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (article);
      if (rc != SQLITE_DONE)
        return hb_store_set_error_from_sqlite (self->store, error, rc, NULL);
      /* No version in force: nothing to find. */
      if (have_row)
        {
          sqlite3_bind_int64 (self->delete_row, 1, row);
          return step_done (self, self->delete_row, error);
        }
      return TRUE;
    }

  sections = hb_markdown_sections ((const char *) sqlite3_column_text (article, 6));
  for (i = 0; i < sections->len; i++)
    {
      HbSection *section = g_ptr_array_index (sections, i);
      const char *text = section->text != NULL ? section->text : "";

      if (i > 0)
        g_string_append_c (body, '\n');

      g_string_append_printf (map, "%d\t%" G_GSIZE_FORMAT "\t%d\t", count.pos, body->len,
                              heading_pos);
      if (section->heading != NULL)
        {
          gsize start;

          if (headings->len > 0)
            g_string_append_c (headings, '\n');
          start = headings->len;
          append_one_line (headings, section->heading->text);
          heading_pos += count_tokens (headings->str + start, headings->len - start);

          g_string_append_printf (map, "%d\t", section->heading->level);
          append_one_line (map, section->heading->id);
          g_string_append_c (map, '\t');
          append_one_line (map, section->heading->text);
        }
      else
        g_string_append (map, "0\t\t");
      g_string_append_c (map, '\n');

      count.base = body->len;
      g_string_append (body, text);
      hb_tokenize (text, (int) strlen (text), HB_TOKENIZE_DOCUMENT | HB_TOKENIZE_BOUNDS,
                   count_body_token_cb, &count);
    }
  /* A line of its own, which readers of the older map pass over. */
  if (marks->len > 0)
    g_string_append_printf (map, "%c\t%d\t%s\n", HB_SEARCH_CHECKPOINTS, CHECKPOINT_TOKENS,
                            marks->str);

  add_facet (facets, 'k', (const char *) sqlite3_column_text (article, 2));
  lang = (const char *) sqlite3_column_text (article, 3);
  add_facet (facets, 'l', lang);
  if (lang != NULL && strchr (lang, '-') != NULL)
    {
      /* lang:zh finds zh-CN and zh-TW. */
      g_autofree char *primary = g_strndup (lang, strchr (lang, '-') - lang);

      add_facet (facets, 'l', primary);
    }
  platforms = hb_store_split_list ((const char *) sqlite3_column_text (article, 4));
  for (i = 0; platforms != NULL && platforms[i] != NULL; i++)
    add_facet (facets, 'p', platforms[i]);
  tags = hb_store_split_list ((const char *) sqlite3_column_text (article, 5));
  for (i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      add_facet (facets, 't', tags[i]);
      if (tags_text->len > 0)
        g_string_append_c (tags_text, '\n');
      g_string_append (tags_text, tags[i]);
    }

  if (have_row)
    {
      sqlite3_bind_int64 (self->update_row, 1, row);
      sqlite3_bind_int64 (self->update_row, 2, sqlite3_column_int64 (article, 0));
      if (!step_done (self, self->update_row, error))
        {
          sqlite3_reset (article);
          return FALSE;
        }
    }
  else
    {
      sqlite3_bind_text (self->insert_row, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->insert_row, 2, sqlite3_column_int64 (article, 0));
      if (!step_done (self, self->insert_row, error))
        {
          sqlite3_reset (article);
          return FALSE;
        }
      row = sqlite3_last_insert_rowid (db);
    }

  sqlite3_bind_int64 (self->insert_fts, 1, row);
  sqlite3_bind_text (self->insert_fts, 2, (const char *) sqlite3_column_text (article, 1), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (self->insert_fts, 3, headings->str, (int) headings->len, SQLITE_STATIC);
  sqlite3_bind_text (self->insert_fts, 4, tags_text->str, (int) tags_text->len, SQLITE_STATIC);
  sqlite3_bind_text (self->insert_fts, 5, body->str, (int) body->len, SQLITE_STATIC);
  sqlite3_bind_text (self->insert_fts, 6, facets->str, (int) facets->len, SQLITE_STATIC);
  sqlite3_bind_text (self->insert_fts, 7, map->str, (int) map->len, SQLITE_STATIC);
  sqlite3_reset (article);

  return step_done (self, self->insert_fts, error);
}

gboolean
hb_store_search_index (HbStore *store, GPtrArray *ids, GError **error)
{
  Indexer indexer = { 0 };
  gboolean ok = TRUE;
  guint i;

  g_return_val_if_fail (HB_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (ids->len == 0)
    return TRUE;
  /* The index changed: what the search remembers of it is stale. */
  hb_store_search_forget (store);

  if (!indexer_init (&indexer, store, error))
    {
      indexer_clear (&indexer);
      return FALSE;
    }

  for (i = 0; ok && i < ids->len; i++)
    ok = index_article (&indexer, g_ptr_array_index (ids, i), error);

  indexer_clear (&indexer);
  if (!ok)
    g_prefix_error (error, "%s", "search index: ");
  return ok;
}

/* ------------------------------------------------------------------------ */
/* What the search remembers per store. */

typedef struct
{
  sqlite3_int64 data_version;
  sqlite3_int64 changes;
  GHashTable *phrase_rows; /* phrase key to the number of rows that hold it */
  guint rank_cap;
  guint title_window;
} SearchState;

static void
search_state_free (SearchState *state)
{
  g_clear_pointer (&state->phrase_rows, g_hash_table_unref);
  g_free (state);
}

static SearchState *
search_state (HbStore *self)
{
  SearchState *state = hb_store_get_slot (self, HB_STORE_SLOT_SEARCH);

  if (state == NULL)
    {
      state = g_new0 (SearchState, 1);
      state->phrase_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      state->data_version = -1;
      hb_store_set_slot (self, HB_STORE_SLOT_SEARCH, state, (GDestroyNotify) search_state_free);
    }
  return state;
}

void
hb_store_search_forget (HbStore *self)
{
  SearchState *state = hb_store_get_slot (self, HB_STORE_SLOT_SEARCH);

  if (state != NULL)
    g_hash_table_remove_all (state->phrase_rows);
}

void
hb_store_search_set_caps (HbStore *self, guint rank_cap, guint title_window)
{
  SearchState *state = search_state (self);

  state->rank_cap = rank_cap;
  state->title_window = title_window;
}

void
hb_store_search_get_caps (HbStore *self, guint *rank_cap, guint *title_window)
{
  SearchState *state = search_state (self);

  *rank_cap = state->rank_cap > 0 ? state->rank_cap : HB_SEARCH_RANK_CAP;
  *title_window = state->title_window > 0 ? state->title_window : HB_SEARCH_TITLE_WINDOW;
}

/* Phrases beyond this many are forgotten: a day of typing, not a leak. */
#define PHRASE_ROWS_MAX 4096

/*
 * How many rows hold the phrases seen so far, as long as the index has
 * not changed since: not through this connection (its count of changes)
 * nor through another (PRAGMA data_version).
 */
GHashTable *
hb_store_search_phrase_rows (HbStore *self)
{
  SearchState *state = search_state (self);
  g_autoptr (HbStoreStmt) stmt = hb_store_cached (self, "PRAGMA data_version", NULL);
  sqlite3_int64 version;
  sqlite3_int64 changes = sqlite3_total_changes64 (hb_store_get_db (self));

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  version = sqlite3_column_int64 (stmt, 0);

  if (state->data_version != version || state->changes != changes
      || g_hash_table_size (state->phrase_rows) > PHRASE_ROWS_MAX)
    g_hash_table_remove_all (state->phrase_rows);
  state->data_version = version;
  state->changes = changes;
  return state->phrase_rows;
}

/* ------------------------------------------------------------------------ */
/* Matching. */

void
hb_store_search_row_free (HbStoreSearchRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->title);
  g_free (row->kind);
  g_strfreev (row->platforms);
  g_free (row->source);
  g_free (row->match);
  g_free (row);
}

/* Whether an FTS5 error comes from the query rather than the database:
 * the expression is built so that it never should, but a user's query must
 * not become an error if it does. */
static gboolean
is_query_error (sqlite3 *db, int rc)
{
  return (rc & 0xff) == SQLITE_ERROR && strstr (sqlite3_errmsg (db), "fts5") != NULL;
}

static gboolean
query_failed (HbStore *self, const char *match, int rc, GError **error)
{
  sqlite3 *db = hb_store_get_db (self);

  if (is_query_error (db, rc))
    {
      g_warning ("Search expression refused: %s: %s", match, sqlite3_errmsg (db));
      return TRUE;
    }
  return hb_store_set_error_from_sqlite (self, error, rc, NULL);
}

gint64
hb_store_search_threshold (HbStore *self, const char *match, gint64 from, int count,
                           GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  sqlite3_int64 threshold = 0;
  int rc;

  stmt = hb_store_cached (self,
                          "SELECT rowid FROM search_index WHERE search_index MATCH ?1 "
                          "AND rowid >= ?3 ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
                          error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, count);
  sqlite3_bind_int64 (stmt, 3, from);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    threshold = sqlite3_column_int64 (stmt, 0) + 1;
  else if (rc != SQLITE_DONE)
    {
      if (is_query_error (hb_store_get_db (self), rc))
        {
          query_failed (self, match, rc, NULL);
          return -2;
        }
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return -1;
    }
  return threshold;
}

#define RESULT_COLUMNS "r.article_id, r.version, v.title, v.kind, v.platforms, v.source "
#define RESULT_JOIN                                                                                \
  "JOIN search_rows r ON r.id = s.rowid "                                                          \
  "JOIN article_versions v ON v.article_id = r.article_id AND v.version = r.version "

/* Takes RESULT_COLUMNS from column @first of @stmt on. */
static HbStoreSearchRow *
row_from_stmt (sqlite3_stmt *stmt, int first, double rank, char *match)
{
  HbStoreSearchRow *row = g_new0 (HbStoreSearchRow, 1);

  row->rank = rank;
  row->match = match;
  row->id = g_strdup ((const char *) sqlite3_column_text (stmt, first));
  row->version = (guint) sqlite3_column_int64 (stmt, first + 1);
  row->title = g_strdup ((const char *) sqlite3_column_text (stmt, first + 2));
  row->kind = g_strdup ((const char *) sqlite3_column_text (stmt, first + 3));
  row->platforms = hb_store_split_list ((const char *) sqlite3_column_text (stmt, first + 4));
  row->source = g_strdup ((const char *) sqlite3_column_text (stmt, first + 5));
  return row;
}

gboolean
hb_store_search_by_title (HbStore *self, const char *match, gint64 threshold, guint limit,
                          GPtrArray *rows, GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  guint found = 0;
  int rc;

  stmt = hb_store_cached (self,
                          "SELECT s.rowid, 0.0, hb_match (s.search_index), " RESULT_COLUMNS
                          "FROM (SELECT i.rowid AS id, v.title AS title FROM search_index i "
                          "JOIN search_rows r ON r.id = i.rowid "
                          "JOIN article_versions v ON v.article_id = r.article_id "
                          "AND v.version = r.version "
                          "WHERE i.search_index MATCH ?1 AND i.rowid >= ?2 "
                          "ORDER BY v.title COLLATE NOCASE, r.article_id LIMIT ?3) AS t "
                          "JOIN search_index s ON s.rowid = t.id " RESULT_JOIN
                          "WHERE s.search_index MATCH ?1 "
                          "ORDER BY t.title COLLATE NOCASE, r.article_id",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, threshold);
  sqlite3_bind_int64 (stmt, 3, limit);

  while (found < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (rows, row_from_stmt (stmt, 3, sqlite3_column_double (stmt, 1),
                                            g_strdup ((const char *) sqlite3_column_text (stmt, 2))));
      found++;
    }
  if (found >= limit)
    return TRUE;
  if (rc != SQLITE_DONE)
    return query_failed (self, match, rc, error);
  return TRUE;
}

gboolean
hb_store_search_scan (HbStore *self, const char *match, HbSearchScan *scan, gboolean *refused,
                      GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  int rc = SQLITE_DONE;

  *refused = FALSE;
  stmt = hb_store_cached (self,
                          "SELECT hb_scan (search_index, ?2, " HB_SEARCH_WEIGHTS ") "
                          "FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid DESC",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_pointer (stmt, 2, scan, HB_SEARCH_SCAN_POINTER, NULL);
  while (!scan->done && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      *refused = is_query_error (hb_store_get_db (self), rc);
      return query_failed (self, match, rc, error);
    }
  return TRUE;
}

HbStoreSearchRow *
hb_store_search_scan_row (HbStore *self, HbSearchScan *scan, const HbSearchRow *row,
                          GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  char *match;
  int rc;

  /* The text comes from the index's own copy, as FTS5 would read it. */
  stmt = hb_store_cached (self,
                          "SELECT c.c3, c.c5, " RESULT_COLUMNS
                          "FROM search_rows r JOIN article_versions v "
                          "ON v.article_id = r.article_id AND v.version = r.version "
                          "JOIN search_index_content c ON c.id = r.id WHERE r.id = ?1",
                          error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, row->rowid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  match = hb_search_scan_match_text (scan, row, (const char *) sqlite3_column_text (stmt, 0),
                                     sqlite3_column_bytes (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1),
                                     sqlite3_column_bytes (stmt, 1));
  return row_from_stmt (stmt, 2, row->rank, match);
}

int
hb_store_search_bare (HbStore *self, const char *match, guint limit, GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  int found = 0;
  int rc;

  stmt = hb_store_cached (self,
                          "SELECT rowid FROM search_index WHERE search_index MATCH ?1 "
                          "ORDER BY rank LIMIT ?2",
                          error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    found++;
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return -1;
    }
  return found;
}

/* ------------------------------------------------------------------------ */
/* The vocabulary, for corrections. */

/* Upper bound of the terms that start with @prefix. */
static char *
prefix_end (const char *prefix)
{
  return g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
}

gboolean
hb_store_search_vocab_knows (HbStore *self, const char *term, gboolean as_prefix)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  g_autofree char *end = prefix_end (term);

  stmt = as_prefix ? hb_store_cached (self,
                                      "SELECT 1 FROM search_vocab WHERE term >= ?1 AND term < ?2 "
                                      "LIMIT 1",
                                      NULL)
                   : hb_store_cached (self, "SELECT 1 FROM search_vocab WHERE term = ?1", NULL);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, term, -1, SQLITE_STATIC);
  if (as_prefix)
    sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static void
vocab_term_clear (gpointer data)
{
  g_free (((HbStoreVocabTerm *) data)->term);
}

GArray *
hb_store_search_vocab_range (HbStore *self, const char *from, const char *to)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (HbStoreVocabTerm));

  g_array_set_clear_func (terms, vocab_term_clear);
  stmt = hb_store_cached (self, "SELECT term, doc FROM search_vocab WHERE term >= ?1 AND term < ?2",
                          NULL);
  if (stmt == NULL)
    return terms;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      HbStoreVocabTerm term = { g_strndup ((const char *) sqlite3_column_text (stmt, 0),
                                           sqlite3_column_bytes (stmt, 0)),
                                sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (terms, term);
    }
  return terms;
}

GPtrArray *
hb_store_search_term_texts (HbStore *self, const char *match, const char *term, guint limit)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  stmt = hb_store_cached (self,
                          "SELECT hb_term_text (search_index, ?2) FROM search_index "
                          "WHERE search_index MATCH ?1 LIMIT ?3",
                          NULL);
  if (stmt == NULL)
    return words;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, term, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *word = (const char *) sqlite3_column_text (stmt, 0);

      if (word != NULL)
        g_ptr_array_add (words, g_strdup (word));
    }
  return words;
}
