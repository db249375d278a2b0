/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * What the search (hb-search.c) and the store's side of it
 * (store/hb-store-search.c, store/hb-store-fts.c) share: the layout of the
 * search index and the pass over its matches. Not for the app or the CLI.
 *
 * The search index (schema migration 2 in store/hb-store-schema.c):
 *
 *   search_rows (id INTEGER PRIMARY KEY, article_id UNIQUE, version)
 *     which row of search_index holds which article, at which version;
 *   search_index, FTS5 with the "hb" tokenizer and prefix indexes of one,
 *     two and three characters:
 *       title, headings (one per line), tags (one per line), body (the
 *       plain text of the sections, one after another), facets (tokens for
 *       the scopes, see hb_search_facet_token()), sections UNINDEXED (the
 *       section map: one line "BODY_POS\tBODY_BYTE\tHEADING_POS\tLEVEL\tID\tTEXT"
 *       per section, positions in tokens, offsets in bytes of the body;
 *       then, in rows indexed since it was added, a line "~\tSTEP\tOFFSETS":
 *       where tokens STEP, 2 STEP, … of the body start, six hexadecimal
 *       digits each, for snippets deep in long sections);
 *   search_vocab, fts5vocab over search_index, for suggestions.
 */

/* A snippet holds at most this many tokens and about this many bytes. */
#define SNIPPET_TOKENS 32
#define SNIPPET_BYTES 240
/* Tokens of context shown before the first match. */
#define SNIPPET_LEAD 4
/* The section map gives where every this many tokens of the body start,
 * so that a snippet deep in a long section (a law without headings) does
 * not tokenize the section from its start to find its first token. */
#define CHECKPOINT_TOKENS 64
/* A checkpoint is a byte offset in six hexadecimal digits. */
#define CHECKPOINT_WIDTH 6
#define CHECKPOINT_MAX 0xffffff
/* Starts the line of checkpoints: "~\tSTEP\tOFFSET…". */
#define HB_SEARCH_CHECKPOINTS '~'


/* Title matches are looked for among at most this many of the newest
 * matches. */
#ifndef HB_SEARCH_TITLE_WINDOW
#define HB_SEARCH_TITLE_WINDOW 10000
#endif

/* At most this many matches are ranked for one query; above it the
 * ranking narrows (see run_query() in hb-search.c). */
#ifndef HB_SEARCH_RANK_CAP
#define HB_SEARCH_RANK_CAP 1000
#endif

/* Column numbers of search_index. */
enum
{
  HB_SEARCH_COLUMN_TITLE,
  HB_SEARCH_COLUMN_HEADINGS,
  HB_SEARCH_COLUMN_TAGS,
  HB_SEARCH_COLUMN_BODY,
  HB_SEARCH_COLUMN_FACETS,
  HB_SEARCH_COLUMN_SECTIONS,
};

/* The token every row has in its facets column: a query of exclusions or
 * scopes only starts from it. */
#define HB_SEARCH_FACET_ALL "0a"

/* The ranking hb_search_run() uses: title far above headings, headings
 * above tags, tags above the body; facets and the section map do not
 * count. */
#define HB_SEARCH_WEIGHTS "10.0, 4.0, 2.5, 1.0, 0.0, 0.0"
#define HB_SEARCH_RANK "hb_rank (" HB_SEARCH_WEIGHTS ")"

/* Separates the fields hb_match() returns; marks a match in its snippet. */
#define HB_SEARCH_FIELD_SEPARATOR '\x1f'
#define HB_SEARCH_MARK_START '\x02'
#define HB_SEARCH_MARK_END '\x03'

/* One match of a phrase in a row: as xInst() gives it. */
typedef struct
{
  int phrase;
  int column;
  int offset;
} HbSearchHit;

/* A row that hb_scan() ranked. */
typedef struct
{
  gint64 rowid;
  double rank;     /* what hb_rank() gives the row: lower is better */
  guint index;     /* among the matches, newest first */
  gboolean title;  /* a phrase matched in the title */
  guint first_hit; /* its hits in HbSearchScan.hits, kept for the best rows only */
  guint n_hits;
} HbSearchRow;

#define HB_SEARCH_SCAN_POINTER "hb-search-scan"

/*
 * What one pass over the matches of a query gathers, newest first, for
 * hb_search_run() to rank without going over them again:
 *
 *   SELECT hb_scan (search_index, ?SCAN, WEIGHT…) FROM search_index
 *   WHERE search_index MATCH ?EXPR ORDER BY rowid DESC
 *
 * with ?SCAN bound by sqlite3_bind_pointer() as HB_SEARCH_SCAN_POINTER.
 * Each of the newest rank_cap matches is ranked; after them, up to
 * title_window matches in all, only those that match in their title,
 * until rank_cap of those are ranked. Step until done is set. Of the rows
 * ranked, the best limit of the newest rank_cap and the best limit of
 * those that match in their title keep their hits, for the snippets.
 */
typedef struct
{
  guint rank_cap;
  guint title_window;
  guint limit;
  /* (nullable): what each phrase of the expression is, in order, and how
   * many rows hold each phrase seen before (key to a double), which the
   * pass adds to: the rarity of a phrase is counted once, not on every
   * keystroke. The caller empties it whenever the index changes. */
  GPtrArray *phrase_keys;
  GHashTable *phrase_rows;

  guint n_matches;   /* matches the pass went through */
  guint n_titles;    /* of them, ranked for a match in the title */
  gboolean done;
  GArray *rows;      /* (element-type HbSearchRow) every row ranked, in the order met */
  GArray *hits;      /* (element-type HbSearchHit) */
  GArray *row_hits;  /* (element-type HbSearchHit) the row being ranked */
  GArray *best;      /* (element-type guint) indexes in rows: the best of the newest */
  GArray *best_titles; /* (element-type guint) the best of the title matches */

  /* The query, as FTS5 saw it; set on the first row. */
  int n_phrases;
  int *phrase_sizes;
  double *weights;   /* of each column */
  int n_weights;
  gpointer rank_data;
  gpointer scratch;  /* for the snippets */
} HbSearchScan;

HbSearchScan *hb_search_scan_new (guint rank_cap, guint title_window, guint limit);
void hb_search_scan_free (HbSearchScan *scan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchScan, hb_search_scan_free)

/**
 * hb_search_scan_match_text:
 * @scan: a finished scan
 * @row: one of its rows
 * @body: (nullable): the row's body column
 * @map: (nullable): the row's section map
 *
 * Returns: (transfer full): what hb_match() would have given for @row
 */
char *hb_search_scan_match_text (HbSearchScan *scan,
                                 const HbSearchRow *row,
                                 const char *body,
                                 int body_len,
                                 const char *map,
                                 int map_len);

/**
 * hb_search_facet_token:
 * @key: 'k' kind, 'l' language, 'p' platform, 't' tag
 * @value: the value, compared without case
 *
 * Returns: (transfer full): the single token standing for @key = @value in
 *   the facets column
 */
char *hb_search_facet_token (char key, const char *value);

G_END_DECLS
