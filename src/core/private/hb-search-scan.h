/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * What the search (src/core/search/) and the store's side of it
 * (store/hb-store-search.c, store/hb-store-fts.c) share: the layout of the
 * search index and the pass over its matches. Not for the app or the CLI.
 *
 * The search tables (schema migration 4 in store/hb-store-schema.c):
 *
 *   search_rows (id, article_id, version, kind, lang): which row of
 *     search_index holds which article, at which version. A row keeps
 *     its id when the article is indexed again.
 *   search_index, FTS5 with the "hb" tokenizer and prefix indexes of one,
 *     two and three characters, columns HbSearchColumn: the title, the
 *     headings (one per line), the tags with the front matter's keywords
 *     and aliases (one per line), the body (the plain text of the
 *     sections, one after another), and the facets (one token per kind,
 *     language, platform and tag, see hb_search_facet_token(), and
 *     HB_SEARCH_FACET_ALL).
 *   search_sections (row, idx, …): each section of the body, as
 *     HbSearchSection says.
 *   search_checkpoints (row, step, offsets): where tokens step, 2 step, …
 *     of the body start, so that a snippet deep in a long section (a law
 *     without headings) does not tokenize it from its start.
 *   search_pairs (row, en, zh): "Refund-only (仅退款)" pairs found in the
 *     text, which bridge the two languages like the thesaurus.
 *   search_vocab, fts5vocab over search_index, for corrections.
 */

/* Columns of search_index. */
typedef enum
{
  HB_SEARCH_COLUMN_TITLE,
  HB_SEARCH_COLUMN_HEADINGS,
  HB_SEARCH_COLUMN_TAGS,
  HB_SEARCH_COLUMN_BODY,
  HB_SEARCH_COLUMN_FACETS,
  HB_SEARCH_N_COLUMNS,
} HbSearchColumn;

/* The token every row has in its facets column. */
#define HB_SEARCH_FACET_ALL "0a"

/* Tokens between two checkpoints of the body. A snippet tokenizes from
 * the last one before its window, half a step on average: 16 keeps that
 * below the window's own 32 tokens, for 4 bytes every 16 tokens. */
#define HB_SEARCH_CHECKPOINT_TOKENS 16

/**
 * hb_search_facet_token:
 * @key: 'k' kind, 'l' language, 'p' platform, 's' the only platform, 't' tag
 * @value: the value, compared without case
 *
 * Returns: (transfer full): the single token standing for @key = @value in
 *   the facets column
 */
char *hb_search_facet_token (char key, const char *value);

/* A section of an indexed body. */
typedef struct
{
  int body_pos;    /* the token of the body it starts at */
  int body_byte;   /* the byte of the body it starts at */
  int heading_pos; /* its heading's first token in the headings column */
  int level;       /* 1 to 6; 0 for the text before the first heading */
  char *id;        /* (nullable) the heading's id */
  char *heading;   /* (nullable) the heading's text */
} HbSearchSection;

void hb_search_section_clear (HbSearchSection *section);

/* What the store keeps of an indexed row for its snippet: shared, and
 * read-only once made (hb_store_search_text() keeps the rows it read
 * last). */
typedef struct
{
  char *body;
  int body_len;
  GArray *sections;    /* (element-type HbSearchSection) */
  GArray *checkpoints; /* (element-type int) byte offsets of tokens step, 2 step, … */
  int step;
} HbSearchText;

/* The last of @n checkpoints, one each @step tokens (checkpoint k is at
 * token (k + 1) * @step), at or before token @pos; -1 when none is.
 * Tokenizing from a checkpoint gives the same tokens from there on. */
static inline int
hb_search_checkpoint_before (int step, int n, int pos)
{
  if (step <= 0 || pos < step)
    return -1;
  return MIN (pos / step, n) - 1;
}

HbSearchText *hb_search_text_new (void);
HbSearchText *hb_search_text_ref (HbSearchText *text);
void hb_search_text_unref (HbSearchText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchText, hb_search_text_unref)

/* ------------------------------------------------------------------------ */
/* The pass over the matches */

/* How a phrase of the expression stands for a word of the query. */
typedef enum
{
  HB_SEARCH_ALT_WORD,       /* the word as typed (the index stems both) */
  HB_SEARCH_ALT_PREFIX,     /* the word being typed */
  HB_SEARCH_ALT_SYNONYM,    /* the thesaurus, or a pair found in the text */
  HB_SEARCH_ALT_CORRECTION, /* the correction of a typo */
  HB_SEARCH_ALT_BOOST,      /* a platform or kind the query names */
  HB_SEARCH_ALT_FILLER,     /* HB_SEARCH_FACET_ALL, or a filter */
} HbSearchAltKind;

/* Each phrase of the expression, in the order FTS5 numbers them (the
 * order they are written in). */
typedef struct
{
  int group;            /* the query word it stands for; -1 for none */
  HbSearchAltKind kind;
  int n_tokens;         /* how many positions a match spans */
  double weight;        /* what a match of it is worth: its rarity (a rare
                         * synonym of a common word is worth more) */
} HbSearchPhraseInfo;

/* One match of a phrase in a row, as xInst() gives it. */
typedef struct
{
  int phrase;
  int column;
  int offset;
} HbSearchHit;

/* The most query words a search weighs (the rest only filter). */
#define HB_SEARCH_MAX_GROUPS 32

/* What the ranking rules look at, for one row. */
typedef struct
{
  double matched;       /* the weights of the query words it holds */
  guint n_matched;
  guint typos;          /* words matched only through a correction */
  int span;             /* proximity: tokens of the smallest part of the body holding
                         * every word the body holds; 0 with fewer than two */
  guint n_span;         /* how many words that part holds */
  double field;         /* the weights of the words it holds, each times where it is
                         * (HbSearchScanWeights.field): an article about the query
                         * has its words in its title and headings */
  double about;         /* the weights of the words, each times how often the body says
                         * it, squashed to 0..1: a text about a word repeats it */
  double passage;       /* the weights of the words of the body's best passage: the most
                         * any passage_tokens tokens of it hold, where the words of a
                         * sentence that answers stand together */
  double heading;       /* the weights of the words one heading holds (the most any
                         * passage of heading_tokens tokens of the headings holds) */
  double title_weight;  /* the weights of the words the title holds */
  double title_about;   /* how much of the title the query's words are, 0 to 1, each word
                         * of the title weighed by how few titles have it: a title that
                         * is nothing but them is about them (the second look only) */
  gboolean title_named; /* the query names the article (the second look only) */
  guint exact;          /* words matched as typed, not through a synonym */
  double bm25;          /* higher is better */
  double boost;         /* the platform or kind the query names: 1 for an article of
                         * that platform only, less for one of several */
  guint32 in_title;     /* masks of the words by column */
  guint32 in_headings;
  guint32 in_tags;
  guint32 in_body;
} HbSearchFeatures;

/* The constants hb_scan() weighs a row's hits with; the ranking
 * (search/hb-search-rank.c) sets them, every weight being in one place. */
typedef struct
{
  double field[HB_SEARCH_N_COLUMNS]; /* where a word is (the best place it is in) */
  double bm25[HB_SEARCH_N_COLUMNS];  /* BM25F: each column's weight… */
  double bm25_b[HB_SEARCH_N_COLUMNS]; /* …and length normalisation */
  double bm25_k1;
  double about_k;                    /* how soon the body's repeating a word saturates */
  int passage_tokens;                /* how long a passage is, in tokens */
  int heading_tokens;                /* how long a heading is, in tokens */
} HbSearchScanWeights;

/* Ranks a row by its features: higher is better (hb-search-rank.c). */
typedef double (*HbSearchScoreFunc) (const HbSearchFeatures *features, gpointer user_data);

/* A row the pass kept. */
typedef struct
{
  gint64 rowid;
  double score;
  HbSearchFeatures features;
  GArray *hits; /* (element-type HbSearchHit) of the title, headings, tags and body */
  guint room;   /* the most hits @hits has held: what it takes of memory */
} HbSearchRow;

/*
 * One pass over the matches of an expression, in rowid order (FTS5 reads
 * a word's rows backwards only after reading all of them):
 *
 *   SELECT hb_scan (search_index, ?SCAN) FROM search_index
 *   WHERE search_index MATCH ?EXPR ORDER BY rowid
 *
 * with ?SCAN bound by sqlite3_bind_pointer() as HB_SEARCH_SCAN_POINTER.
 * Each row gets its features and a score; the best @keep are kept with
 * their hits. The pass stops after @cap rows when @cap is not 0. Several
 * passes may share one scan: a row met again after a pass with a cap is
 * not counted twice.
 */
#define HB_SEARCH_SCAN_POINTER "hb-search-scan"

typedef struct
{
  /* What the caller sets. */
  const HbSearchPhraseInfo *phrases;
  int n_phrases;
  const double *group_weights; /* of each query word: the most a match of it is worth */
  int n_groups;
  gint64 n_rows;               /* rows in the index, for bm25 */
  HbSearchScoreFunc score;
  gpointer score_data;
  HbSearchScanWeights weights;
  guint keep;
  guint cap;

  /* What the store sets: each rowid's column lengths, HB_SEARCH_N_COLUMNS
   * each, G_MAXUINT32 for a row it does not know (then FTS5 is asked). */
  const guint32 *column_sizes;
  gint64 n_sized;

  /* What the pass gives. */
  guint n_matches;             /* rows looked at, in all passes */
  guint n_this_pass;
  gboolean done;
  GPtrArray *rows;             /* (element-type HbSearchRow) the best, a heap */
  GArray *seen;                /* (element-type gint64) rowids met in a pass with a cap, sorted */
  GArray *scratch;             /* (element-type HbSearchHit) the row being weighed */
  /* (nullable) (element-type HbSearchRow): rows of scans before, to be
   * used again rather than made and freed at every key; the store's own
   * (hb_store_search_scan() sets it), which outlives the scan. */
  GPtrArray *pool;

  /* Filled on the first row. */
  gboolean started;
  double avg_length[HB_SEARCH_N_COLUMNS];
} HbSearchScan;

/*
 * How many rows hold an OR of phrases, and each phrase, in one query:
 *
 *   SELECT hb_count (search_index, ?COUNTS) FROM search_index
 *   WHERE search_index MATCH ?EXPR ORDER BY rowid LIMIT ?CAP + 1
 *
 * with ?COUNTS bound as HB_SEARCH_COUNTS_POINTER. Each row the query
 * gives is one of the OR's; on the first, each phrase i whose cap is not
 * negative has its own rows read (FTS5's xQueryPhrase(), in rowid order
 * too) up to caps[i] + 1. What is read is what separate queries of each,
 * with LIMIT cap + 1, would read.
 */
#define HB_SEARCH_COUNTS_POINTER "hb-search-counts"
#define HB_SEARCH_COUNTS_MAX 32

typedef struct
{
  /* What the caller sets. */
  int n_phrases;
  int caps[HB_SEARCH_COUNTS_MAX];

  /* What the query gives: of each phrase, and of the OR of them. */
  gint64 counts[HB_SEARCH_COUNTS_MAX];
  gint64 first[HB_SEARCH_COUNTS_MAX];
  gint64 last[HB_SEARCH_COUNTS_MAX];
  gint64 rows;
  gint64 first_row;
  gint64 last_row;
  gboolean titled; /* a row read holds a phrase in its title, headings or tags */
  gboolean started;
} HbSearchCounts;

HbSearchScan *hb_search_scan_new (guint keep);
void hb_search_scan_free (HbSearchScan *scan);
/* An empty pool of rows for HbSearchScan.pool. */
GPtrArray *hb_search_scan_pool_new (void);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchScan, hb_search_scan_free)

/* The kept rows, best first (the scan keeps them). */
GPtrArray *hb_search_scan_sorted_rows (HbSearchScan *scan);

G_END_DECLS
