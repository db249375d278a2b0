/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The store's side of search (store/hb-store-search.c): the statements
 * that read the search index, for hb-search.c and the benchmark. The SQL
 * stays in the store; what comes back is plain data.
 */

#include "hb-search-scan.h"
#include "hb-store.h"

G_BEGIN_DECLS

/* A row of the index, as a result needs it. */
typedef struct
{
  char *id;
  guint version;
  char *title;
  char *kind;
  char **platforms;
  char *source;
  /* What hb_match() gives: "HEADING_ID \x1f HEADING \x1f SNIPPET". */
  char *match;
  double rank;
} HbStoreSearchRow;

void hb_store_search_row_free (HbStoreSearchRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbStoreSearchRow, hb_store_search_row_free)

/*
 * The smallest rowid to look at so that at most @count matches of @match
 * from rowid @from on are looked at: 0 when all of them can be. -1 on
 * error; -2 when FTS5 refused the expression (then no error is set).
 */
gint64 hb_store_search_threshold (HbStore *self, const char *match, gint64 from, int count,
                                  GError **error);

/* The matches of @match from rowid @threshold on, by title, at most
 * @limit (exclusions and scopes only: nothing to rank). Appends
 * #HbStoreSearchRow to @rows. */
gboolean hb_store_search_by_title (HbStore *self, const char *match, gint64 threshold,
                                   guint limit, GPtrArray *rows, GError **error);

/* One pass over the matches of @match, newest first (see HbSearchScan).
 * FALSE on error; *@refused when FTS5 would not take the expression. */
gboolean hb_store_search_scan (HbStore *self, const char *match, HbSearchScan *scan,
                               gboolean *refused, GError **error);

/* The result for a row the scan kept; %NULL with no error when the row is
 * gone. */
HbStoreSearchRow *hb_store_search_scan_row (HbStore *self, HbSearchScan *scan,
                                            const HbSearchRow *row, GError **error);

/*
 * How many rows hold the phrases seen so far, as long as the index has
 * not changed since; %NULL when that cannot be told. Call it inside a
 * read transaction. The table belongs to the store.
 */
GHashTable *hb_store_search_phrase_rows (HbStore *self);

/* For tests: narrow the ranking as if the index held many more rows (0
 * for the defaults). */
void hb_store_search_set_caps (HbStore *self, guint rank_cap, guint title_window);
void hb_store_search_get_caps (HbStore *self, guint *rank_cap, guint *title_window);

/* Whether the index knows the term @term (or, @as_prefix, a term that
 * starts with it). */
gboolean hb_store_search_vocab_knows (HbStore *self, const char *term, gboolean as_prefix);

typedef struct
{
  char *term;
  gint64 docs; /* articles holding it */
} HbStoreVocabTerm;

/* Every term of the index from @from up to (not including) @to. */
GArray *hb_store_search_vocab_range (HbStore *self, const char *from, const char *to);

/* How the articles matching @match write the index term @term, in the
 * first @limit of them (hb_term_text()). */
GPtrArray *hb_store_search_term_texts (HbStore *self, const char *match, const char *term,
                                       guint limit);

/* For the benchmark: the bare `MATCH ?1 ORDER BY rank LIMIT @limit` of
 * FTS5 on the same index. Returns the rows found, or -1. */
int hb_store_search_bare (HbStore *self, const char *match, guint limit, GError **error);

G_END_DECLS
