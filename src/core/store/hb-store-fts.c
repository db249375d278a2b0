/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store-fts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hb-search-scan.h"
#include "hb-store-private.h"
#include "hb-tokenizer.h"

/*
 * The SQLite side of search: the "hb" tokenizer registered with FTS5, and
 * the auxiliary functions the statements of hb-store-search.c call:
 * hb_scan() (one pass that gathers what the ranking rules look at, see
 * HbSearchScan) and hb_term_text() (the word as written for an index
 * term, for corrections).
 */

/* A row with more matches than this is ranked on its first ones: a word
 * that is on every line of a law says no more after a thousand times. */
#define MAX_ROW_HITS 4096

/* ------------------------------------------------------------------------ */
/* hb_scan (search_index, SCAN) */

static void
row_free (gpointer data)
{
  HbSearchRow *row = data;

  if (row == NULL)
    return;
  g_clear_pointer (&row->hits, g_array_unref);
  g_free (row);
}

GPtrArray *
hb_search_scan_pool_new (void)
{
  return g_ptr_array_new_with_free_func (row_free);
}

HbSearchScan *
hb_search_scan_new (guint keep)
{
  HbSearchScan *scan = g_new0 (HbSearchScan, 1);

  scan->keep = MAX (keep, 1);
  scan->rows = g_ptr_array_new_with_free_func (row_free);
  scan->seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  scan->scratch = g_array_new (FALSE, FALSE, sizeof (HbSearchHit));
  return scan;
}

/* The pool keeps no more rows than this (3 MB at most), nor a row whose
 * array has held more hits. */
#define POOL_ROWS 256
#define POOL_ROW_HITS 1024

void
hb_search_scan_free (HbSearchScan *scan)
{
  if (scan == NULL)
    return;
  if (scan->pool != NULL)
    {
      for (guint i = 0; i < scan->rows->len; i++)
        {
          HbSearchRow *row = g_ptr_array_index (scan->rows, i);

          if (scan->pool->len < POOL_ROWS && row->room <= POOL_ROW_HITS)
            {
              g_ptr_array_add (scan->pool, row);
              scan->rows->pdata[i] = NULL;
            }
        }
    }
  g_ptr_array_unref (scan->rows);
  g_array_unref (scan->seen);
  g_array_unref (scan->scratch);
  g_free (scan);
}

static gboolean
row_worse (const HbSearchRow *a, const HbSearchRow *b)
{
  /* Equal scores: the older row is worse, so results do not change with
   * the order rows are met in. */
  if (a->score != b->score)
    return a->score < b->score;
  return a->rowid < b->rowid;
}

/* The kept rows are a min-heap on the score: the worst is on top. */
static void
heap_sift_down (GPtrArray *heap, guint i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;

      if (l < heap->len && row_worse (heap->pdata[l], heap->pdata[m]))
        m = l;
      if (r < heap->len && row_worse (heap->pdata[r], heap->pdata[m]))
        m = r;
      if (m == i)
        return;
      {
        gpointer tmp = heap->pdata[i];

        heap->pdata[i] = heap->pdata[m];
        heap->pdata[m] = tmp;
      }
      i = m;
    }
}

static void
heap_sift_up (GPtrArray *heap, guint i)
{
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      gpointer tmp;

      if (!row_worse (heap->pdata[i], heap->pdata[parent]))
        return;
      tmp = heap->pdata[i];
      heap->pdata[i] = heap->pdata[parent];
      heap->pdata[parent] = tmp;
      i = parent;
    }
}

static int
compare_rows_best_first (gconstpointer a, gconstpointer b)
{
  const HbSearchRow *x = *(const HbSearchRow *const *) a;
  const HbSearchRow *y = *(const HbSearchRow *const *) b;

  return row_worse (x, y) ? 1 : row_worse (y, x) ? -1 : 0;
}

GPtrArray *
hb_search_scan_sorted_rows (HbSearchScan *scan)
{
  g_ptr_array_sort (scan->rows, compare_rows_best_first);
  return scan->rows;
}

/* The smallest window of @hits (sorted by offset) holding every group of
 * @groups; its length in tokens. */
static int
smallest_span (const HbSearchHit *hits, guint n_hits, const HbSearchPhraseInfo *phrases,
               guint32 groups, guint *n_groups)
{
  int counts[HB_SEARCH_MAX_GROUPS] = { 0 };
  guint wanted = (guint) __builtin_popcount (groups);
  guint have = 0;
  guint left = 0;
  int best = G_MAXINT;

  *n_groups = wanted;
  if (wanted < 2)
    return 0;

  for (guint right = 0; right < n_hits; right++)
    {
      int g = phrases[hits[right].phrase].group;

      if (g < 0 || g >= HB_SEARCH_MAX_GROUPS || !(groups & (1u << g)))
        continue;
      if (counts[g]++ == 0)
        have++;
      while (have == wanted)
        {
          int lg = phrases[hits[left].phrase].group;
          int span = hits[right].offset + phrases[hits[right].phrase].n_tokens - hits[left].offset;

          if (lg >= 0 && lg < HB_SEARCH_MAX_GROUPS && (groups & (1u << lg)))
            {
              if (span < best)
                best = span;
              if (--counts[lg] == 0)
                have--;
            }
          left++;
        }
    }
  return best == G_MAXINT ? 0 : best;
}

/* The most the words of @hits (sorted by offset) weigh in a passage of
 * @passage_tokens tokens, each word once. */
static double
best_passage (const HbSearchHit *hits, guint n_hits, const HbSearchPhraseInfo *phrases,
              const double *group_weights, int n_groups, int passage_tokens)
{
  int counts[HB_SEARCH_MAX_GROUPS] = { 0 };
  double weight = 0, best = 0;
  guint left = 0;

  for (guint right = 0; right < n_hits; right++)
    {
      int g = phrases[hits[right].phrase].group;

      if (g < 0 || g >= n_groups || g >= HB_SEARCH_MAX_GROUPS)
        continue;
      while (hits[right].offset - hits[left].offset >= passage_tokens)
        {
          int lg = phrases[hits[left].phrase].group;

          if (lg >= 0 && lg < n_groups && lg < HB_SEARCH_MAX_GROUPS && --counts[lg] == 0)
            weight -= group_weights[lg];
          left++;
        }
      if (counts[g]++ == 0)
        weight += group_weights[g];
      best = MAX (best, weight);
    }
  return best;
}

static int
compare_hits_by_offset (gconstpointer a, gconstpointer b)
{
  const HbSearchHit *x = a;
  const HbSearchHit *y = b;

  if (x->column != y->column)
    return x->column - y->column;
  return x->offset != y->offset ? (x->offset < y->offset ? -1 : 1) : x->phrase - y->phrase;
}

static int
scan_start (const Fts5ExtensionApi *api, Fts5Context *fts, HbSearchScan *scan)
{
  sqlite3_int64 n_rows = 0;

  if (api->xPhraseCount (fts) != scan->n_phrases)
    return SQLITE_ERROR;
  if (api->xRowCount (fts, &n_rows) != SQLITE_OK)
    return SQLITE_ERROR;
  if (scan->n_rows <= 0)
    scan->n_rows = n_rows;
  for (int c = 0; c < HB_SEARCH_N_COLUMNS; c++)
    {
      sqlite3_int64 total = 0;

      if (api->xColumnTotalSize (fts, c, &total) != SQLITE_OK)
        return SQLITE_ERROR;
      scan->avg_length[c] = n_rows > 0 ? (double) total / n_rows : 0;
    }
  scan->started = TRUE;
  return SQLITE_OK;
}

/* What the ranking rules look at, from the row's hits. */
static int
row_features (const Fts5ExtensionApi *api,
              Fts5Context *fts,
              HbSearchScan *scan,
              gint64 rowid,
              GArray *hits,
              HbSearchFeatures *f)
{
  const guint32 *sizes = rowid >= 0 && rowid < scan->n_sized && scan->column_sizes != NULL
                           ? scan->column_sizes + rowid * HB_SEARCH_N_COLUMNS
                           : NULL;
  const HbSearchPhraseInfo *phrases = scan->phrases;
  const HbSearchScanWeights *w = &scan->weights;
  /* Per word of the query, zeroed for the words there are. */
  double tf[HB_SEARCH_MAX_GROUPS][HB_SEARCH_N_COLUMNS];
  double norm[HB_SEARCH_N_COLUMNS];
  double best[HB_SEARCH_MAX_GROUPS];       /* the best match's worth */
  double best_field[HB_SEARCH_MAX_GROUPS]; /* … times where it is */
  guint body_tf[HB_SEARCH_MAX_GROUPS];
  int n_groups = CLAMP (scan->n_groups, 0, HB_SEARCH_MAX_GROUPS);
  guint32 exact = 0, corrected_only = 0, matched = 0, other_alt = 0;
  double body_norm = 1;
  int last_column = -1, last_offset = -1, last_group = -1;
  guint body_from = hits->len, body_to = 0;
  guint headings_from = hits->len, headings_to = 0;
  double title_best[HB_SEARCH_MAX_GROUPS];
  int rc = SQLITE_OK;

  memset (f, 0, sizeof *f);
  memset (tf, 0, n_groups * sizeof tf[0]);
  memset (best, 0, n_groups * sizeof best[0]);
  memset (best_field, 0, n_groups * sizeof best_field[0]);
  memset (body_tf, 0, n_groups * sizeof body_tf[0]);
  memset (title_best, 0, n_groups * sizeof title_best[0]);

  for (guint i = 0; i < hits->len; i++)
    {
      const HbSearchHit *hit = &g_array_index (hits, HbSearchHit, i);
      const HbSearchPhraseInfo *info = &phrases[hit->phrase];
      int g = info->group;
      gboolean dup;
      guint32 bit;

      if (info->kind == HB_SEARCH_ALT_BOOST)
        {
          if (hit->column == HB_SEARCH_COLUMN_FACETS)
            f->boost = MAX (f->boost, info->weight);
          continue;
        }
      if (g < 0 || g >= scan->n_groups || g >= HB_SEARCH_MAX_GROUPS)
        continue;
      bit = 1u << g;
      matched |= bit;
      /* Two phrases of a word ("proof", "proof" *) may match one token:
       * it is counted once. */
      dup = hit->column == last_column && hit->offset == last_offset && g == last_group;
      last_column = hit->column;
      last_offset = hit->offset;
      last_group = g;
      switch (hit->column)
        {
        case HB_SEARCH_COLUMN_TITLE:
          f->in_title |= bit;
          title_best[g] = MAX (title_best[g], info->weight);
          break;
        case HB_SEARCH_COLUMN_HEADINGS:
          f->in_headings |= bit;
          if (headings_from == hits->len)
            headings_from = i;
          headings_to = i + 1;
          break;
        case HB_SEARCH_COLUMN_TAGS:
          f->in_tags |= bit;
          break;
        case HB_SEARCH_COLUMN_BODY:
          f->in_body |= bit;
          if (!dup)
            body_tf[g]++;
          if (body_from == hits->len)
            body_from = i;
          body_to = i + 1;
          break;
        default:
          break;
        }
      if (hit->column < HB_SEARCH_N_COLUMNS)
        {
          if (!dup)
            tf[g][hit->column]++;
          best_field[g] = MAX (best_field[g], info->weight * w->field[hit->column]);
        }
      best[g] = MAX (best[g], info->weight);
      if (info->kind == HB_SEARCH_ALT_WORD || info->kind == HB_SEARCH_ALT_PREFIX)
        exact |= bit;
      if (info->kind == HB_SEARCH_ALT_CORRECTION)
        corrected_only |= bit;
      else
        other_alt |= bit;
    }

  /* BM25F: each column's term frequency normalised by its own length. */
  if (sizes != NULL && sizes[0] == G_MAXUINT32)
    sizes = NULL;
  for (int c = 0; c < HB_SEARCH_N_COLUMNS; c++)
    {
      int size = 0;

      if (sizes != NULL)
        size = (int) MIN (sizes[c], (guint32) G_MAXINT);
      else if ((rc = api->xColumnSize (fts, c, &size)) != SQLITE_OK)
        return rc;
      norm[c] = 1 - w->bm25_b[c] + w->bm25_b[c] * size / MAX (scan->avg_length[c], 1);
    }
  /* How often the body says a word, as bm25 saturates it: a long text says
   * everything more often. */
  body_norm = w->about_k * norm[HB_SEARCH_COLUMN_BODY];

  for (int g = 0; g < scan->n_groups && g < HB_SEARCH_MAX_GROUPS; g++)
    {
      double weighted = 0;

      if (!(matched & (1u << g)))
        continue;
      f->n_matched++;
      f->matched += best[g];
      f->title_weight += title_best[g];
      f->field += best_field[g];
      f->about += best[g] * body_tf[g] / (body_tf[g] + body_norm);
      for (int c = 0; c < HB_SEARCH_N_COLUMNS; c++)
        weighted += w->bm25[c] * tf[g][c] / MAX (norm[c], 1e-6);
      f->bm25 += best[g] * weighted * (w->bm25_k1 + 1) / (weighted + w->bm25_k1);
    }
  f->exact = (guint) __builtin_popcount (exact);
  f->typos = (guint) __builtin_popcount (corrected_only & ~other_alt);

  /* Proximity, in the body, where the words of a sentence are. */
  if (body_to > body_from)
    {
      f->span = smallest_span (&g_array_index (hits, HbSearchHit, body_from), body_to - body_from,
                               phrases, f->in_body, &f->n_span);
      f->passage = best_passage (&g_array_index (hits, HbSearchHit, body_from), body_to - body_from,
                                 phrases, scan->group_weights, scan->n_groups,
                                 MAX (w->passage_tokens, 1));
    }
  if (headings_to > headings_from)
    f->heading = best_passage (&g_array_index (hits, HbSearchHit, headings_from),
                               headings_to - headings_from, phrases, scan->group_weights,
                               scan->n_groups, MAX (w->heading_tokens, 1));
  return SQLITE_OK;
}

static int
scan_row (const Fts5ExtensionApi *api, Fts5Context *fts, HbSearchScan *scan, gint64 rowid)
{
  GArray *hits = scan->scratch;
  HbSearchFeatures features;
  gboolean sorted = TRUE;
  HbSearchRow *row;
  double score;
  int n_inst = 0;
  int rc;

  rc = api->xInstCount (fts, &n_inst);
  if (rc != SQLITE_OK)
    return rc;
  n_inst = MIN (n_inst, MAX_ROW_HITS);

  /* Read into the scan's own array, filled in place: most rows are weighed
   * and dropped, and only the ones kept get a copy. */
  g_array_set_size (hits, n_inst);
  {
    HbSearchHit *out = (HbSearchHit *) hits->data;
    guint n = 0;

    for (int i = 0; i < n_inst; i++)
      {
        HbSearchHit *hit = &out[n];

        rc = api->xInst (fts, i, &hit->phrase, &hit->column, &hit->offset);
        if (rc != SQLITE_OK)
          return rc;
        if (hit->phrase < 0 || hit->phrase >= scan->n_phrases
            || scan->phrases[hit->phrase].kind == HB_SEARCH_ALT_FILLER)
          continue;
        if (n > 0 && compare_hits_by_offset (&out[n - 1], hit) > 0)
          sorted = FALSE;
        n++;
      }
    g_array_set_size (hits, n);
  }
  if (!sorted)
    g_array_sort (hits, compare_hits_by_offset);

  rc = row_features (api, fts, scan, rowid, hits, &features);
  if (rc != SQLITE_OK)
    return rc;
  score = scan->score != NULL ? scan->score (&features, scan->score_data) : features.bm25;

  if (scan->rows->len >= scan->keep)
    {
      HbSearchRow *worst = g_ptr_array_index (scan->rows, 0);
      HbSearchRow candidate = { rowid, score };

      if (!row_worse (worst, &candidate))
        return SQLITE_OK;
      /* It takes the worst one's place, and its array. */
      row = worst;
    }
  else
    {
      if (scan->pool != NULL && scan->pool->len > 0)
        row = g_ptr_array_steal_index_fast (scan->pool, scan->pool->len - 1);
      else
        {
          row = g_new0 (HbSearchRow, 1);
          row->hits = g_array_sized_new (FALSE, FALSE, sizeof (HbSearchHit), hits->len);
        }
      g_ptr_array_add (scan->rows, row);
    }
  row->rowid = rowid;
  row->score = score;
  row->features = features;
  g_array_set_size (row->hits, 0);
  g_array_append_vals (row->hits, hits->data, hits->len);
  row->room = MAX (row->room, hits->len);
  if (row == g_ptr_array_index (scan->rows, 0) && scan->rows->len >= scan->keep)
    heap_sift_down (scan->rows, 0);
  else
    heap_sift_up (scan->rows, scan->rows->len - 1);
  return SQLITE_OK;
}

/* Whether @rowid was met in a pass with a cap; if not, and this pass has
 * one, it now is. A pass reads in rowid order, so the rowids it adds go
 * at the end but for those of an earlier pass. */
static gboolean
seen_add (HbSearchScan *scan, gint64 rowid)
{
  const gint64 *seen = (const gint64 *) scan->seen->data;
  guint lo = 0, hi = scan->seen->len;

  if (hi == 0 || seen[hi - 1] < rowid)
    lo = hi;
  else
    while (lo < hi)
      {
        guint mid = lo + (hi - lo) / 2;

        if (seen[mid] < rowid)
          lo = mid + 1;
        else
          hi = mid;
      }
  if (lo < scan->seen->len && seen[lo] == rowid)
    return TRUE;
  if (scan->cap > 0)
    g_array_insert_val (scan->seen, lo, rowid);
  return FALSE;
}

static void
scan_function (const Fts5ExtensionApi *api,
               Fts5Context *fts,
               sqlite3_context *context,
               int n_args,
               sqlite3_value **args)
{
  HbSearchScan *scan;
  gint64 rowid;
  int rc = SQLITE_OK;

  if (n_args < 1
      || (scan = sqlite3_value_pointer (args[0], HB_SEARCH_SCAN_POINTER)) == NULL)
    {
      sqlite3_result_error (context, "hb_scan: no scan", -1);
      return;
    }
  if (scan->done)
    return;

  if (!scan->started)
    rc = scan_start (api, fts, scan);

  rowid = api->xRowid (fts);
  /* A pass that stops at its cap may be followed by another: the rows it
   * met are remembered, so that none is weighed twice. */
  if (rc == SQLITE_OK && !seen_add (scan, rowid))
    {
      scan->n_matches++;
      rc = scan_row (api, fts, scan, rowid);
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  scan->n_this_pass++;
  if (scan->cap > 0 && scan->n_this_pass >= scan->cap)
    scan->done = TRUE;
}

/* ------------------------------------------------------------------------ */
/* hb_count (search_index, COUNTS) */

typedef struct
{
  HbSearchCounts *counts;
  int phrase;
} PhraseCount;

static int
phrase_count_cb (const Fts5ExtensionApi *api, Fts5Context *fts, void *data)
{
  PhraseCount *count = data;
  HbSearchCounts *counts = count->counts;
  int i = count->phrase;
  gint64 rowid = api->xRowid (fts);

  if (counts->counts[i] == 0)
    counts->first[i] = rowid;
  counts->last[i] = rowid;
  /* As LIMIT cap + 1 would stop. */
  return ++counts->counts[i] > counts->caps[i] ? SQLITE_DONE : SQLITE_OK;
}

static void
count_function (const Fts5ExtensionApi *api,
                Fts5Context *fts,
                sqlite3_context *context,
                int n_args,
                sqlite3_value **args)
{
  HbSearchCounts *counts;
  gint64 rowid;

  if (n_args < 1
      || (counts = sqlite3_value_pointer (args[0], HB_SEARCH_COUNTS_POINTER)) == NULL)
    {
      sqlite3_result_error (context, "hb_count: no counts", -1);
      return;
    }
  if (!counts->started)
    {
      counts->started = TRUE;
      if (api->xPhraseCount (fts) != counts->n_phrases || counts->n_phrases > HB_SEARCH_COUNTS_MAX)
        {
          sqlite3_result_error (context, "hb_count: not the phrases counted", -1);
          return;
        }
      for (int i = 0; i < counts->n_phrases; i++)
        if (counts->caps[i] >= 0)
          {
            PhraseCount count = { counts, i };
            int rc = api->xQueryPhrase (fts, i, &count, phrase_count_cb);

            if (rc != SQLITE_OK)
              {
                sqlite3_result_error_code (context, rc);
                return;
              }
          }
    }

  rowid = api->xRowid (fts);
  if (counts->rows == 0)
    counts->first_row = rowid;
  counts->last_row = rowid;
  counts->rows++;
  if (!counts->titled)
    {
      int n_inst = 0;

      if (api->xInstCount (fts, &n_inst) != SQLITE_OK)
        return;
      for (int i = 0; i < n_inst && !counts->titled; i++)
        {
          int phrase, column, offset;

          if (api->xInst (fts, i, &phrase, &column, &offset) == SQLITE_OK
              && (column == HB_SEARCH_COLUMN_TITLE || column == HB_SEARCH_COLUMN_HEADINGS
                  || column == HB_SEARCH_COLUMN_TAGS))
            counts->titled = TRUE;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* hb_term_text (search_index, TERM) */

typedef struct
{
  const char *term;
  int term_len;
  const guchar *wanted; /* positions of the matches, one flag each */
  int n_wanted;
  int pos;
  char *found;
  const char *text_base;
} FindToken;

typedef struct
{
  const char *term;
  int term_len;
  gboolean same;
} SameToken;

static int
same_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  SameToken *same = user_data;

  same->same = len == same->term_len && memcmp (token, same->term, len) == 0;
  return SQLITE_DONE;
}

/* The text is only counted through (its words are not stemmed): the word
 * at a match is tokenized on its own, as the index has it, to compare. */
static int
find_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  FindToken *find = user_data;
  SameToken same = { find->term, find->term_len, FALSE };
  int pos;

  if (flags & HB_TOKEN_COLOCATED)
    return SQLITE_OK;
  pos = find->pos++;
  if (pos >= find->n_wanted)
    return SQLITE_DONE;
  if (!find->wanted[pos])
    return SQLITE_OK;
  hb_tokenize (find->text_base + start, end - start, HB_TOKENIZE_DOCUMENT, same_token_cb, &same);
  if (same.same)
    {
      find->found = g_utf8_strdown (find->text_base + start, end - start);
      return SQLITE_DONE;
    }
  return SQLITE_OK;
}

/* The byte of the body at which to start counting tokens to reach token
 * @first: the last checkpoint (of STEP and OFFSETS, as
 * search_checkpoints holds them) at or before it, in *@pos; 0 when there
 * is none. */
static int
body_checkpoint (sqlite3_value *step_value, sqlite3_value *offsets_value, int first, int len,
                 int *pos)
{
  int step = step_value != NULL ? sqlite3_value_int (step_value) : 0;
  const guchar *offsets;
  int n, k;
  guint32 byte;

  *pos = 0;
  if (step <= 0 || offsets_value == NULL || sqlite3_value_type (offsets_value) != SQLITE_BLOB)
    return 0;
  n = sqlite3_value_bytes (offsets_value) / (int) sizeof (guint32);
  offsets = sqlite3_value_blob (offsets_value);
  k = hb_search_checkpoint_before (step, n, first);
  if (offsets == NULL || k < 0)
    return 0;
  memcpy (&byte, offsets + k * sizeof (guint32), sizeof byte);
  byte = GUINT32_FROM_LE (byte);
  if (byte > (guint32) len)
    return 0;
  *pos = (k + 1) * step;
  return (int) byte;
}

/*
 * hb_term_text (search_index, TERM [, STEP, OFFSETS]): the word as written
 * in this row for the index term TERM (a stem): "policy" for "polici".
 * Lower-cased; NULL when no match has that term. With the row's
 * checkpoints, a body is counted through from the last one before its
 * first match, not from its start.
 */
static void
term_text_function (const Fts5ExtensionApi *api,
                    Fts5Context *fts,
                    sqlite3_context *context,
                    int n_args,
                    sqlite3_value **args)
{
  const char *term;
  int n_inst = 0;
  int columns;

  if (n_args < 1 || (term = (const char *) sqlite3_value_text (args[0])) == NULL)
    return;
  if (api->xInstCount (fts, &n_inst) != SQLITE_OK)
    return;
  columns = api->xColumnCount (fts);

  for (int column = 0; column < columns; column++)
    {
      g_autofree guchar *wanted = NULL;
      FindToken find = { term, (int) strlen (term), NULL, 0, 0, NULL, NULL };
      const char *text = NULL;
      int len = 0;

      for (int i = 0; i < n_inst; i++)
        {
          int phrase, col, off;

          if (api->xInst (fts, i, &phrase, &col, &off) != SQLITE_OK || col != column)
            continue;
          if (off + 1 > find.n_wanted)
            {
              wanted = g_realloc (wanted, off + 1);
              memset (wanted + find.n_wanted, 0, off + 1 - find.n_wanted);
              find.n_wanted = off + 1;
            }
          wanted[off] = 1;
        }
      if (find.n_wanted == 0)
        continue;
      if (api->xColumnText (fts, column, &text, &len) != SQLITE_OK || text == NULL)
        continue;
      find.wanted = wanted;
      find.text_base = text;
      if (column == HB_SEARCH_COLUMN_BODY && n_args >= 3)
        {
          int first = 0, skip;

          while (first < find.n_wanted && !wanted[first])
            first++;
          skip = body_checkpoint (args[1], args[2], first, len, &find.pos);
          find.text_base = text + skip;
          len -= skip;
        }
      hb_tokenize (find.text_base, len, HB_TOKENIZE_DOCUMENT | HB_TOKENIZE_BOUNDS, find_token_cb,
                   &find);
      if (find.found != NULL)
        {
          sqlite3_result_text (context, find.found, -1, g_free);
          return;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Registration. */

static int
tokenizer_create (void *context, const char **args, int n_args, Fts5Tokenizer **out)
{
  /* The tokenizer keeps no state: any non-NULL handle will do. */
  *out = (Fts5Tokenizer *) context;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void *context,
                    int flags,
                    const char *text,
                    int len,
                    int (*token_cb) (void *, int, const char *, int, int, int))
{
  /* The flags and the callback's codes are FTS5's own (see hb-tokenizer.h). */
  return hb_tokenize (text, len, (HbTokenizeFlags) flags, (HbTokenFunc) token_cb, context);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

int
hb_store_fts_register (sqlite3 *db)
{
  static fts5_tokenizer tokenizer = { tokenizer_create, tokenizer_delete, tokenizer_tokenize };
  static int handle;
  fts5_api *api;
  int rc;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  api = get_fts5_api (db);
  if (api == NULL)
    {
      g_warning ("SQLite was built without FTS5: search will not work");
      return SQLITE_ERROR;
    }

  rc = api->xCreateTokenizer (api, HB_TOKENIZER_NAME, &handle, &tokenizer, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "hb_term_text", NULL, term_text_function, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "hb_scan", NULL, scan_function, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "hb_count", NULL, count_function, NULL);
  return rc;
}
