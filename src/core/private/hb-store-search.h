/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The store's side of search (store/hb-store-search.c): the statements
 * that read the search index, for src/core/search/ and the benchmark. The
 * SQL stays in the store; what comes back is plain data.
 */

#include "hb-search-scan.h"
#include "hb-store.h"

G_BEGIN_DECLS

/* A row of the index, as a result shows it: shared and never changed
 * once read (the store keeps the rows shown last, and each result holds
 * its own reference). */
typedef struct
{
  gint64 rowid;
  char *id;
  guint version;
  char *title;
  char *kind;
  char *lang;
  char **platforms;
  char *source;
} HbStoreSearchRow;

HbStoreSearchRow *hb_store_search_row_ref (HbStoreSearchRow *row);
void hb_store_search_row_unref (HbStoreSearchRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbStoreSearchRow, hb_store_search_row_unref)

/* How many rows the index holds. -1 on error. */
gint64 hb_store_search_n_rows (HbStore *self, GError **error);

/*
 * How many rows match @match: counted up to @cap, estimated above it.
 * Remembered until the index changes. -1 on error; -2 when FTS5 refused
 * the expression (then no error is set).
 */
gint64 hb_store_search_count (HbStore *self, const char *match, int cap, GError **error);

/*
 * The counts of each of @phrases (@n quoted phrases, prefixes or not)
 * with caps[i] (none when negative), into docs[i], and of their OR with
 * @cap, into *@group_docs: the same as hb_store_search_count() of each
 * gives, and remembered as it remembers them, but in one query. Whether
 * a title, heading or tag holds one of them is remembered too when the
 * rows read tell (see hb_store_search_titled()). FALSE, with nothing
 * counted, when the phrases are not all plain phrases or the query
 * fails: count each on its own then.
 */
gboolean hb_store_search_count_group (HbStore *self,
                                      const char *const *phrases,
                                      const int *caps,
                                      guint n,
                                      int cap,
                                      gint64 *docs,
                                      gint64 *group_docs);

/* Whether a title, heading or tag holds a match of @expression: 1 or 0,
 * remembered; -1 on error. */
int hb_store_search_titled (HbStore *self, const char *expression, GError **error);

/* One pass over the matches of @match, in rowid order (see HbSearchScan).
 * FALSE on error; *@refused when FTS5 would not take the expression. */
gboolean hb_store_search_scan (HbStore *self, const char *match, HbSearchScan *scan,
                               gboolean *refused, GError **error);

/* The rows matching @match by title, at most @limit (a query of filters
 * only: nothing to rank). */
gboolean hb_store_search_by_title (HbStore *self, const char *match, guint limit, GArray *rowids,
                                   gboolean *refused, GError **error);

/* What a result shows of a row, a reference; %NULL with no error when it
 * is gone. */
HbStoreSearchRow *hb_store_search_row (HbStore *self, gint64 rowid, GError **error);

/* The body, sections and checkpoints of a row, for its snippet. */
HbSearchText *hb_store_search_text (HbStore *self, gint64 rowid, GError **error);

/* The kind of each row of @rowids (element-type gint64), %NULL for a row
 * that is gone; its language added to @langs (nullable) the same way.
 * The strings are interned (g_intern_string()): the arrays free none. */
GPtrArray *hb_store_search_kinds (HbStore *self, GArray *rowids, GPtrArray *langs,
                                  GError **error);

/* The pairs found in the text: en, zh, en, zh, … */
GPtrArray *hb_store_search_pairs (HbStore *self);

/* The titles and headings of the articles in force. */
GPtrArray *hb_store_search_titles (HbStore *self);

/* The titles of the rows of the index (element-type utf8). */
GPtrArray *hb_store_search_row_titles (HbStore *self);

/*
 * What the search computes from the index and keeps until it changes
 * (the thesaurus, the segmenter's vocabulary): under @key, freed with
 * @destroy when the index changes or the store goes.
 */
gpointer hb_store_search_cache_get (HbStore *self, const char *key);
void hb_store_search_cache_set (HbStore *self, const char *key, gpointer data,
                                GDestroyNotify destroy);

/* Whether the index knows the term @term (or, @as_prefix, a term that
 * starts with it). */
gboolean hb_store_search_vocab_knows (HbStore *self, const char *term, gboolean as_prefix);

/* How many rows hold the term @term: 0 for none. */
gint64 hb_store_search_vocab_docs (HbStore *self, const char *term);

typedef struct
{
  char *term;
  gint64 docs; /* articles holding it */
} HbStoreVocabTerm;

/* The terms of the index from @from up to (not including) @to, in order:
 * every one, or the first @limit (when not 0). fts5vocab counts the rows
 * of each term it gives. */
GArray *hb_store_search_vocab_range (HbStore *self, const char *from, const char *to, guint limit);

/* How the articles matching @match write the index term @term, in the
 * first @limit of them (hb_term_text()). */
GPtrArray *hb_store_search_term_texts (HbStore *self, const char *match, const char *term,
                                       guint limit);

/* For the benchmark: the bare `MATCH ?1 ORDER BY rank LIMIT @limit` of
 * FTS5 on the same index; with @shown, also what a list of results
 * shows, each row's title and FTS5's snippet() of its body. Returns the
 * rows found, or -1. */
int hb_store_search_bare (HbStore *self, const char *match, guint limit, gboolean shown,
                          GError **error);

G_END_DECLS
