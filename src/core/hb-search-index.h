/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _HbStore HbStore;

/*
 * The search index (schema migration 2 in hb-store.c):
 *
 *   search_rows (id INTEGER PRIMARY KEY, article_id UNIQUE, version)
 *     which row of search_index holds which article, at which version;
 *   search_index, FTS5 with the "hb" tokenizer and prefix indexes of one,
 *     two and three characters:
 *       title, headings (one per line), tags (one per line), body (the
 *       plain text of the sections, one after another), facets (tokens for
 *       the scopes, see hb_search_facet_token()), sections UNINDEXED (the
 *       section map: one line "BODY_POS\tBODY_BYTE\tHEADING_POS\tLEVEL\tID\tTEXT"
 *       per section, positions in tokens, offsets in bytes of the body);
 *   search_vocab, fts5vocab over search_index, for suggestions.
 */

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
#define HB_SEARCH_RANK "hb_rank (10.0, 4.0, 2.5, 1.0, 0.0, 0.0)"

/* Separates the fields hb_match() returns; marks a match in its snippet. */
#define HB_SEARCH_FIELD_SEPARATOR '\x1f'
#define HB_SEARCH_MARK_START '\x02'
#define HB_SEARCH_MARK_END '\x03'

/**
 * hb_search_index_register:
 * @db: a connection
 *
 * Registers the tokenizer and the auxiliary functions the search index
 * needs on @db: hb_match(search_index) gives the section and the marked
 * snippet of a match ("HEADING_ID \x1f HEADING \x1f SNIPPET"), and
 * hb_term_text(search_index, TERM) the word as written in the row for the
 * index term TERM ("policy" for "polici"), and hb_rank(search_index,
 * WEIGHT…) is bm25() with the number of articles of a common phrase
 * estimated rather than counted (use it as `rank MATCH 'hb_rank(…)'`).
 * Call it on every connection before the index is touched.
 *
 * Returns: an SQLite result code
 */
int hb_search_index_register (sqlite3 *db);

/**
 * hb_search_index_update:
 * @store: the store, inside a write transaction
 * @ids: (element-type utf8): article ids whose version in force changed
 *
 * Replaces the indexed text of each article in @ids with its version in
 * force: title, headings, tags, the plain text of the body, and the facets
 * the scopes filter on.
 */
gboolean hb_search_index_update (HbStore *store, GPtrArray *ids, GError **error);

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
