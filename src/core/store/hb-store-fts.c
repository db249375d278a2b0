/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store-fts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hb-search-scan.h"
#include "hb-store-private.h"
#include "hb-tokenizer.h"

/*
 * The SQLite side of search: the "hb" tokenizer registered with FTS5,
 * and the auxiliary functions the search statements of hb-store-search.c
 * call: hb_match() (the section and the marked snippet of a match),
 * hb_term_text() (the word as written for an index term), hb_rank() (bm25
 * with estimated rarity) and hb_scan() (one pass that ranks the matches,
 * see HbSearchScan).
 */

/* ------------------------------------------------------------------------ */
/* The section map. */

typedef struct
{
  int body_pos;
  int body_byte;
  int heading_pos;
  const char *id;
  int id_len;
  const char *text;
  int text_len;
} SectionEntry;

/* The decimal number @p starts with: atoi() without its locale and
 * sign handling, which took a tenth of making a snippet. */
static int
parse_int (const char *p)
{
  int value = 0;

  for (; *p >= '0' && *p <= '9'; p++)
    value = value * 10 + (*p - '0');
  return value;
}

typedef struct
{
  int step;             /* tokens between two checkpoints; 0 when none */
  const char *offsets;  /* CHECKPOINT_WIDTH hexadecimal digits each */
  int n;
} Checkpoints;

/* Fills @entries with the sections of @map. */
static void
parse_section_map (const char *map, int len, GArray *entries, Checkpoints *checkpoints)
{
  const char *p = map;
  const char *end = map + len;

  g_array_set_size (entries, 0);
  while (p != NULL && p < end)
    {
      const char *line_end = memchr (p, '\n', end - p);
      const char *fields[6];
      const char *q = p;
      int n = 0;
      SectionEntry entry = { 0 };

      if (line_end == NULL)
        line_end = end;
      if (*p == HB_SEARCH_CHECKPOINTS && line_end - p > 2)
        {
          const char *tab = memchr (p + 2, '\t', line_end - p - 2);

          if (tab != NULL)
            {
              checkpoints->step = parse_int (p + 2);
              checkpoints->offsets = tab + 1;
              checkpoints->n = (int) (line_end - tab - 1) / CHECKPOINT_WIDTH;
            }
          p = line_end + 1;
          continue;
        }
      while (n < 6)
        {
          const char *tab;

          fields[n++] = q;
          tab = n < 6 ? memchr (q, '\t', line_end - q) : NULL;
          if (tab == NULL)
            break;
          q = tab + 1;
        }
      if (n == 6)
        {
          const char *id_end = memchr (fields[4], '\t', line_end - fields[4]);

          entry.body_pos = parse_int (fields[0]);
          entry.body_byte = parse_int (fields[1]);
          entry.heading_pos = parse_int (fields[2]);
          entry.id = fields[4];
          entry.id_len = id_end != NULL ? (int) (id_end - fields[4]) : 0;
          entry.text = fields[5];
          entry.text_len = (int) (line_end - fields[5]);
          g_array_append_val (entries, entry);
        }
      p = line_end + 1;
    }
}

/* The section holding token @pos of the body (by_heading FALSE) or of the
 * headings column. */
static int
find_section (GArray *entries, int pos, gboolean by_heading)
{
  int lo = 0;
  int hi = (int) entries->len - 1;
  int found = 0;

  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;
      SectionEntry *e = &g_array_index (entries, SectionEntry, mid);
      int start = by_heading ? e->heading_pos : e->body_pos;

      if (start <= pos)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }

  if (by_heading)
    {
      /* Sections without a heading share the position of the next one. */
      while (found + 1 < (int) entries->len
             && g_array_index (entries, SectionEntry, found).id_len == 0
             && g_array_index (entries, SectionEntry, found + 1).heading_pos <= pos)
        found++;
    }
  return found;
}

/* ------------------------------------------------------------------------ */
/* hb_match (search_index) */

static inline int
popcount (guint64 bits)
{
  return __builtin_popcountll (bits);
}

typedef struct
{
  int pos;
  int phrase;
} Hit;

static int
compare_hits (gconstpointer a, gconstpointer b)
{
  const Hit *x = a;
  const Hit *y = b;

  return x->pos != y->pos ? (x->pos < y->pos ? -1 : 1) : x->phrase - y->phrase;
}

typedef struct
{
  guint64 body_mask;    /* the phrases in the section's text */
  guint64 heading_mask; /* in its heading */
  int body_count;       /* hits in its text */
} SectionScore;

/* What making a snippet needs, kept from one row to the next so that a
 * search allocates it once rather than for each of its results. */
typedef struct
{
  GArray *body_hits;    /* (element-type Hit) */
  GArray *heading_hits; /* (element-type Hit) */
  GArray *entries;      /* (element-type SectionEntry) */
  GArray *scores;       /* (element-type SectionScore) */
  GArray *marked;       /* (element-type int) */
  GArray *ranges;       /* (element-type int) */
} MatchScratch;

static MatchScratch *
match_scratch_new (void)
{
  MatchScratch *scratch = g_new0 (MatchScratch, 1);

  scratch->body_hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  scratch->heading_hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  scratch->entries = g_array_new (FALSE, TRUE, sizeof (SectionEntry));
  scratch->scores = g_array_new (FALSE, TRUE, sizeof (SectionScore));
  scratch->marked = g_array_new (FALSE, FALSE, sizeof (int));
  scratch->ranges = g_array_new (FALSE, FALSE, sizeof (int));
  return scratch;
}

static void
match_scratch_free (MatchScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_array_unref (scratch->body_hits);
  g_array_unref (scratch->heading_hits);
  g_array_unref (scratch->entries);
  g_array_unref (scratch->scores);
  g_array_unref (scratch->marked);
  g_array_unref (scratch->ranges);
  g_free (scratch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatchScratch, match_scratch_free)

typedef struct
{
  int pos;          /* position of the next token */
  int first;        /* window */
  int last;
  const int *marked; /* marked positions, sorted */
  guint n_marked;
  guint next_mark;
  int byte_start;   /* of the window, in the section text */
  int byte_end;
  GArray *ranges;   /* (element-type int) pairs: marked byte ranges */
  int base;         /* where the tokenized text starts in the section text */
} WindowScan;

#define STOP_SCAN SQLITE_DONE

static int
window_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  WindowScan *scan = user_data;
  int pos;

  if (flags & HB_TOKEN_COLOCATED)
    return SQLITE_OK;

  start += scan->base;
  end += scan->base;
  pos = scan->pos++;
  if (pos < scan->first)
    return SQLITE_OK;
  if (pos > scan->last || (scan->byte_start >= 0 && end - scan->byte_start > SNIPPET_BYTES))
    return STOP_SCAN;

  if (scan->byte_start < 0)
    scan->byte_start = start;
  scan->byte_end = end;

  while (scan->next_mark < scan->n_marked && scan->marked[scan->next_mark] < pos)
    scan->next_mark++;
  if (scan->next_mark < scan->n_marked && scan->marked[scan->next_mark] == pos)
    {
      int n = (int) scan->ranges->len;

      /* Overlapping pairs of Chinese characters make one marked range. */
      if (n >= 2 && start <= g_array_index (scan->ranges, int, n - 1))
        g_array_index (scan->ranges, int, n - 1) = MAX (end, g_array_index (scan->ranges, int, n - 1));
      else
        {
          g_array_append_val (scan->ranges, start);
          g_array_append_val (scan->ranges, end);
        }
    }

  return SQLITE_OK;
}

/* Copies text[from, to) with runs of white space as one space and control
 * characters dropped. */
static void
append_clean (GString *out, const char *text, int from, int to)
{
  for (int i = from; i < to; i++)
    {
      guchar c = (guchar) text[i];

      if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else if (c >= 0x20 && c != 0x7f)
        g_string_append_c (out, (char) c);
    }
}

static gboolean
has_text (const char *text, int from, int to)
{
  for (int i = from; i < to; i++)
    if (!g_ascii_isspace (text[i]))
      return TRUE;
  return FALSE;
}

/* The byte offset in the body of the last checkpoint at or before token
 * @pos and at or after token @floor, in *@at_pos; -1 when there is none. */
static int
checkpoint_before (const Checkpoints *checkpoints, int pos, int floor, int *at_pos)
{
  int offset = 0;
  int k;

  if (checkpoints->step <= 0 || pos < checkpoints->step)
    return -1;
  /* Checkpoint k is token (k + 1) * step. */
  k = MIN (pos / checkpoints->step, checkpoints->n) - 1;
  if (k < 0 || (k + 1) * checkpoints->step < floor)
    return -1;

  for (int i = 0; i < CHECKPOINT_WIDTH; i++)
    {
      int digit = g_ascii_xdigit_value (checkpoints->offsets[k * CHECKPOINT_WIDTH + i]);

      if (digit < 0)
        return -1;
      offset = offset * 16 + digit;
    }
  *at_pos = (k + 1) * checkpoints->step;
  return offset;
}

static gboolean
build_snippet (GString *out,
               const char *body,
               int body_len,
               GArray *entries,
               const Checkpoints *checkpoints,
               int section,
               int first_pos,
               const int *marked,
               guint n_marked,
               GArray *ranges)
{
  SectionEntry *e = &g_array_index (entries, SectionEntry, section);
  int from = MIN (e->body_byte, body_len);
  int to = section + 1 < (int) entries->len
             ? MIN (g_array_index (entries, SectionEntry, section + 1).body_byte, body_len)
             : body_len;
  WindowScan scan = {
    e->body_pos, MAX (first_pos, e->body_pos), 0, marked, n_marked, 0, -1, -1, ranges, 0
  };
  int skip_pos = 0;
  int skip_to;
  int at;
  guint i;

  if (to < from)
    to = from;
  scan.last = scan.first + SNIPPET_TOKENS - 1;
  g_array_set_size (ranges, 0);

  /* Tokenizing from a checkpoint gives the same tokens from there on: it
   * is where a token starts, a word or the first of a pair. */
  skip_to = checkpoint_before (checkpoints, scan.first, e->body_pos, &skip_pos);
  if (skip_to >= from && skip_to <= to)
    {
      scan.pos = skip_pos;
      scan.base = skip_to - from;
    }
  hb_tokenize (body + from + scan.base, to - from - scan.base,
               HB_TOKENIZE_DOCUMENT | HB_TOKENIZE_BOUNDS, window_token_cb, &scan);
  if (scan.byte_start < 0)
    return FALSE;

  if (has_text (body + from, 0, scan.byte_start))
    g_string_append (out, "… ");
  at = scan.byte_start;
  for (i = 0; i + 1 < ranges->len; i += 2)
    {
      int start = g_array_index (ranges, int, i);
      int end = g_array_index (ranges, int, i + 1);

      append_clean (out, body + from, at, start);
      g_string_append_c (out, HB_SEARCH_MARK_START);
      append_clean (out, body + from, start, end);
      g_string_append_c (out, HB_SEARCH_MARK_END);
      at = end;
    }
  append_clean (out, body + from, at, scan.byte_end);
  if (has_text (body + from, scan.byte_end, to - from))
    g_string_append (out, " …");
  return TRUE;
}

/* A section may be a heading alone: then the text that follows it. */
static void
build_snippet_from (GString *out,
                    const char *body,
                    int body_len,
                    GArray *entries,
                    const Checkpoints *checkpoints,
                    int section,
                    int first_pos,
                    const int *marked,
                    guint n_marked,
                    GArray *ranges)
{
  if (build_snippet (out, body, body_len, entries, checkpoints, section, first_pos, marked,
                     n_marked, ranges))
    return;
  for (guint s = section + 1; s < entries->len; s++)
    if (build_snippet (out, body, body_len, entries, checkpoints, s,
                       g_array_index (entries, SectionEntry, s).body_pos, marked, n_marked,
                       ranges))
      return;
}

/*
 * The section and the marked snippet of a row from its hits: the heading
 * of the section whose heading and text hold the most of the query, and
 * the window of that section that holds the most distinct phrases.
 * Appends "HEADING_ID \x1f HEADING \x1f SNIPPET" to @out.
 */
static void
build_match (GString *out,
             MatchScratch *scratch,
             const HbSearchHit *hits,
             int n_hits,
             const int *phrase_sizes,
             int n_phrases,
             const char *body,
             int body_len,
             const char *map,
             int map_len)
{
  GArray *body_hits = scratch->body_hits;
  GArray *heading_hits = scratch->heading_hits;
  GArray *entries = scratch->entries;
  GArray *marked = scratch->marked;
  Checkpoints checkpoints = { 0, NULL, 0 };
  guint n_body = 0;
  guint n_headings = 0;
  gboolean sorted = TRUE;
  int best = -1;
  int best_score = 0;
  int first_pos = -1;
  int i;

  if (body == NULL)
    body_len = 0;

  /* Sized first, filled in place: a row may have thousands of hits. */
  for (i = 0; i < n_hits; i++)
    {
      int phrase = hits[i].phrase;

      if (hits[i].column == HB_SEARCH_COLUMN_BODY)
        n_body += phrase >= 0 && phrase < n_phrases ? MAX (phrase_sizes[phrase], 1) : 1;
      else if (hits[i].column == HB_SEARCH_COLUMN_HEADINGS)
        n_headings++;
    }
  g_array_set_size (body_hits, n_body);
  g_array_set_size (heading_hits, n_headings);
  n_body = n_headings = 0;
  for (i = 0; i < n_hits; i++)
    {
      Hit hit = { hits[i].offset, hits[i].phrase };

      if (hits[i].column == HB_SEARCH_COLUMN_BODY)
        {
          int size = hit.phrase >= 0 && hit.phrase < n_phrases ? phrase_sizes[hit.phrase] : 1;
          int base = hit.pos;

          /* Every token of a phrase is marked. */
          for (int k = 0; k < MAX (size, 1); k++)
            {
              Hit *slot = &g_array_index (body_hits, Hit, n_body);

              slot->pos = base + k;
              slot->phrase = hit.phrase;
              if (n_body > 0 && compare_hits (slot - 1, slot) > 0)
                sorted = FALSE;
              n_body++;
            }
        }
      else if (hits[i].column == HB_SEARCH_COLUMN_HEADINGS)
        g_array_index (heading_hits, Hit, n_headings++) = hit;
    }
  /* xInst() gives them in order, only the later tokens of a phrase
   * may need sorting in; a scan gives them phrase by phrase. */
  if (!sorted)
    g_array_sort (body_hits, compare_hits);

  parse_section_map (map != NULL ? map : "", map != NULL ? map_len : 0, entries, &checkpoints);

  if (entries->len > 0 && (body_hits->len > 0 || heading_hits->len > 0))
    {
      GArray *scores = scratch->scores;
      guint n = entries->len;

      g_array_set_size (scores, 0);
      g_array_set_size (scores, n);
      for (guint h = 0; h < body_hits->len; h++)
        {
          Hit *hit = &g_array_index (body_hits, Hit, h);
          SectionScore *score = &g_array_index (scores, SectionScore,
                                                find_section (entries, hit->pos, FALSE));

          score->body_mask |= G_GUINT64_CONSTANT (1) << (hit->phrase & 63);
          score->body_count++;
        }
      for (guint h = 0; h < heading_hits->len; h++)
        {
          Hit *hit = &g_array_index (heading_hits, Hit, h);
          SectionScore *score = &g_array_index (scores, SectionScore,
                                                find_section (entries, hit->pos, TRUE));

          score->heading_mask |= G_GUINT64_CONSTANT (1) << (hit->phrase & 63);
        }

      /* The section whose heading and text hold the most of the query. */
      for (guint s = 0; s < n; s++)
        {
          SectionScore *section = &g_array_index (scores, SectionScore, s);
          int score = 2 * popcount (section->heading_mask) + popcount (section->body_mask);

          score = score * 1000 + MIN (section->body_count, 999);
          if (score > best_score)
            {
              best_score = score;
              best = (int) s;
            }
        }
    }

  g_array_set_size (marked, 0);
  if (best >= 0)
    {
      SectionEntry *e = &g_array_index (entries, SectionEntry, best);
      int end_pos = best + 1 < (int) entries->len
                      ? g_array_index (entries, SectionEntry, best + 1).body_pos
                      : G_MAXINT;
      guint best_distinct = 0;
      guint n_marked = 0;
      guint h;

      /* The window of the section that holds the most distinct phrases. */
      for (h = 0; h < body_hits->len; h++)
        {
          Hit *hit = &g_array_index (body_hits, Hit, h);
          guint64 seen = 0;

          if (hit->pos < e->body_pos || hit->pos >= end_pos)
            continue;
          for (guint k = h; k < body_hits->len; k++)
            {
              Hit *other = &g_array_index (body_hits, Hit, k);

              if (other->pos >= hit->pos + SNIPPET_TOKENS - SNIPPET_LEAD || other->pos >= end_pos)
                break;
              seen |= G_GUINT64_CONSTANT (1) << (other->phrase & 63);
            }
          if (first_pos < 0 || (guint) popcount (seen) > best_distinct)
            {
              best_distinct = (guint) popcount (seen);
              first_pos = hit->pos;
            }
        }
      g_array_set_size (marked, body_hits->len);
      for (h = 0; h < body_hits->len; h++)
        {
          int pos = g_array_index (body_hits, Hit, h).pos;

          if (n_marked == 0 || g_array_index (marked, int, n_marked - 1) != pos)
            g_array_index (marked, int, n_marked++) = pos;
        }
      g_array_set_size (marked, n_marked);

      if (e->id_len > 0)
        g_string_append_len (out, e->id, e->id_len);
      g_string_append_c (out, HB_SEARCH_FIELD_SEPARATOR);
      if (e->id_len > 0)
        g_string_append_len (out, e->text, e->text_len);
      g_string_append_c (out, HB_SEARCH_FIELD_SEPARATOR);

      build_snippet_from (out, body, body_len, entries, &checkpoints, best,
                          first_pos >= 0 ? MAX (e->body_pos, first_pos - SNIPPET_LEAD) : e->body_pos,
                          (const int *) marked->data, marked->len, scratch->ranges);
    }
  else
    {
      /* A match in the title or the tags: the article from its start. */
      g_string_append_c (out, HB_SEARCH_FIELD_SEPARATOR);
      g_string_append_c (out, HB_SEARCH_FIELD_SEPARATOR);
      if (entries->len > 0)
        build_snippet_from (out, body, body_len, entries, &checkpoints, 0, 0,
                            (const int *) marked->data, 0, scratch->ranges);
    }
}

static void
match_function (const Fts5ExtensionApi *api,
                Fts5Context *fts,
                sqlite3_context *context,
                int n_args,
                sqlite3_value **args)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree HbSearchHit *hits = NULL;
  g_autofree int *phrase_sizes = NULL;
  const char *body = NULL;
  const char *map = NULL;
  int body_len = 0;
  int map_len = 0;
  int n_inst = 0;
  int n_phrases;
  int n_hits = 0;
  int rc;
  int i;

  rc = api->xInstCount (fts, &n_inst);
  if (rc == SQLITE_OK)
    rc = api->xColumnText (fts, HB_SEARCH_COLUMN_BODY, &body, &body_len);
  if (rc == SQLITE_OK)
    rc = api->xColumnText (fts, HB_SEARCH_COLUMN_SECTIONS, &map, &map_len);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  n_phrases = api->xPhraseCount (fts);
  phrase_sizes = g_new0 (int, MAX (n_phrases, 1));
  for (i = 0; i < n_phrases; i++)
    phrase_sizes[i] = api->xPhraseSize (fts, i);

  hits = g_new (HbSearchHit, MAX (n_inst, 1));
  for (i = 0; i < n_inst; i++)
    {
      HbSearchHit *hit = &hits[n_hits];

      if (api->xInst (fts, i, &hit->phrase, &hit->column, &hit->offset) != SQLITE_OK)
        break;
      n_hits++;
    }

  {
    g_autoptr (MatchScratch) scratch = match_scratch_new ();

    build_match (out, scratch, hits, n_hits, phrase_sizes, n_phrases, body, body_len, map,
                 map_len);
  }
  sqlite3_result_text (context, out->str, (int) out->len, SQLITE_TRANSIENT);
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

static int
find_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  FindToken *find = user_data;
  int pos;

  if (flags & HB_TOKEN_COLOCATED)
    return SQLITE_OK;
  pos = find->pos++;
  if (pos >= find->n_wanted)
    return STOP_SCAN;
  if (find->wanted[pos] && len == find->term_len && memcmp (token, find->term, len) == 0)
    {
      find->found = g_utf8_strdown (find->text_base + start, end - start);
      return STOP_SCAN;
    }
  return SQLITE_OK;
}

/*
 * The word as written in this row for the index term TERM (a stem):
 * "policy" for "polici". Lower-cased; NULL when no match has that term.
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
      hb_tokenize (text, len, HB_TOKENIZE_DOCUMENT, find_token_cb, &find);
      if (find.found != NULL)
        {
          sqlite3_result_text (context, find.found, -1, g_free);
          return;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* hb_rank (search_index, WEIGHT…) */

/*
 * BM25 as FTS5's bm25() computes it (k1 = 1.2, b = 0.75, the same column
 * weights), except for how many articles hold each phrase: bm25() counts
 * them all on its first call, which for a common word or a one-letter
 * prefix reads its whole posting list, tens of milliseconds on 100,000
 * articles, whatever the query then ranks. Here counting stops at
 * RANK_COUNT_LIMIT and estimates the rest from the share of the rowids it
 * covered (rowids are dense: an article keeps its row when reindexed).
 */
#define RANK_COUNT_LIMIT 1000
#define BM25_K1 1.2
#define BM25_B 0.75

typedef struct
{
  int n_phrases;
  double avgdl;
  double *idf;
  double *freq;
} RankData;

static void
rank_data_free (gpointer data)
{
  RankData *rank = data;

  g_free (rank->idf);
  g_free (rank->freq);
  g_free (rank);
}

typedef struct
{
  int count;
  sqlite3_int64 first;
  sqlite3_int64 last;
} PhraseCount;

static int
count_phrase_cb (const Fts5ExtensionApi *api, Fts5Context *fts, void *user_data)
{
  PhraseCount *count = user_data;
  sqlite3_int64 rowid = api->xRowid (fts);

  if (count->count == 0)
    count->first = rowid;
  count->last = rowid;
  if (++count->count >= RANK_COUNT_LIMIT)
    return SQLITE_DONE;
  return SQLITE_OK;
}

/* The number of rows that hold phrase @i: counted up to
 * RANK_COUNT_LIMIT, estimated above it. */
static int
count_phrase_rows (const Fts5ExtensionApi *api,
                   Fts5Context *fts,
                   int i,
                   sqlite3_int64 n_rows,
                   double *docs)
{
  PhraseCount count = { 0, 0, 0 };
  int rc = api->xQueryPhrase (fts, i, &count, count_phrase_cb);

  *docs = count.count;
  if (count.count >= RANK_COUNT_LIMIT && count.last > count.first)
    *docs = MIN ((double) n_rows,
                 count.count * (double) n_rows / (double) (count.last - count.first + 1));
  return rc;
}

/* With @keys (what each phrase is, in order) and @known (key to a
 * double), the count of a phrase seen before is taken from @known, and
 * the counts made are added to it. */
static RankData *
rank_data_new_known (const Fts5ExtensionApi *api,
                     Fts5Context *fts,
                     GPtrArray *keys,
                     GHashTable *known,
                     int *rc)
{
  RankData *rank = g_new0 (RankData, 1);
  sqlite3_int64 n_rows = 0;
  sqlite3_int64 n_tokens = 0;

  *rc = api->xRowCount (fts, &n_rows);
  if (*rc == SQLITE_OK)
    *rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  rank->n_phrases = api->xPhraseCount (fts);
  rank->avgdl = n_rows > 0 ? (double) n_tokens / n_rows : 1.0;
  rank->idf = g_new0 (double, MAX (rank->n_phrases, 1));
  rank->freq = g_new0 (double, MAX (rank->n_phrases, 1));

  /* Keys that do not match the expression's phrases are not used. */
  if (keys == NULL || known == NULL || keys->len != (guint) rank->n_phrases)
    keys = NULL;

  for (int i = 0; *rc == SQLITE_OK && i < rank->n_phrases; i++)
    {
      const double *seen = keys != NULL ? g_hash_table_lookup (known, keys->pdata[i]) : NULL;
      double docs;
      double idf;

      if (seen != NULL)
        docs = *seen;
      else
        {
          *rc = count_phrase_rows (api, fts, i, n_rows, &docs);
          if (*rc == SQLITE_OK && keys != NULL)
            g_hash_table_insert (known, g_strdup (keys->pdata[i]), g_memdup2 (&docs, sizeof docs));
        }
      idf = log ((n_rows - docs + 0.5) / (docs + 0.5));
      rank->idf[i] = idf > 1e-6 ? idf : 1e-6;
    }

  return rank;
}

static RankData *
rank_data_new (const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
  return rank_data_new_known (api, fts, NULL, NULL, rc);
}

/* The rank of a row of @length tokens from the weighted hits of each
 * phrase in rank->freq: the same sums in the same order as bm25(). Each
 * step rounds monotonically, so a shorter length never gives a worse
 * rank. */
static double
rank_of_length (const RankData *rank, int length)
{
  double score = 0;
  double d = 1.0 - BM25_B + BM25_B * length / rank->avgdl;

  for (int i = 0; i < rank->n_phrases; i++)
    score += rank->idf[i] * (rank->freq[i] * (BM25_K1 + 1.0)) / (rank->freq[i] + BM25_K1 * d);

  /* Lower is better, as with bm25(). */
  return -score;
}

static int
rank_score (const Fts5ExtensionApi *api, Fts5Context *fts, RankData *rank, double *out)
{
  int length = 0;
  int rc = api->xColumnSize (fts, -1, &length);

  if (rc != SQLITE_OK)
    return rc;
  *out = rank_of_length (rank, length);
  return SQLITE_OK;
}

static void
rank_function (const Fts5ExtensionApi *api,
               Fts5Context *fts,
               sqlite3_context *context,
               int n_args,
               sqlite3_value **args)
{
  RankData *rank = api->xGetAuxdata (fts, 0);
  int n_inst = 0;
  int rc = SQLITE_OK;
  double score = 0;

  if (rank == NULL)
    {
      rank = rank_data_new (api, fts, &rc);
      if (rc == SQLITE_OK)
        rc = api->xSetAuxdata (fts, rank, rank_data_free);
      else
        rank_data_free (rank);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }

  memset (rank->freq, 0, sizeof (double) * MAX (rank->n_phrases, 1));
  rc = api->xInstCount (fts, &n_inst);
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase < rank->n_phrases)
        rank->freq[phrase] += column < n_args ? sqlite3_value_double (args[column]) : 1.0;
    }
  if (rc == SQLITE_OK)
    rc = rank_score (api, fts, rank, &score);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  sqlite3_result_double (context, score);
}

/* ------------------------------------------------------------------------ */
/* hb_scan (search_index, SCAN, WEIGHT…) */

HbSearchScan *
hb_search_scan_new (guint rank_cap, guint title_window, guint limit)
{
  HbSearchScan *scan = g_new0 (HbSearchScan, 1);

  scan->rank_cap = rank_cap;
  scan->title_window = MAX (title_window, rank_cap);
  scan->limit = MAX (limit, 1);
  scan->rows = g_array_new (FALSE, FALSE, sizeof (HbSearchRow));
  scan->hits = g_array_new (FALSE, FALSE, sizeof (HbSearchHit));
  scan->row_hits = g_array_new (FALSE, FALSE, sizeof (HbSearchHit));
  scan->best = g_array_new (FALSE, FALSE, sizeof (guint));
  scan->best_titles = g_array_new (FALSE, FALSE, sizeof (guint));
  return scan;
}

void
hb_search_scan_free (HbSearchScan *scan)
{
  if (scan == NULL)
    return;
  g_array_unref (scan->rows);
  g_array_unref (scan->hits);
  g_array_unref (scan->row_hits);
  g_array_unref (scan->best);
  g_array_unref (scan->best_titles);
  g_free (scan->phrase_sizes);
  g_free (scan->weights);
  g_clear_pointer (&scan->rank_data, rank_data_free);
  g_clear_pointer (&scan->scratch, match_scratch_free);
  g_free (scan);
}

/* Whether a phrase matched in the title: it is column 0, so the first
 * column of any phrase's matches. */
static gboolean
matches_in_title (const Fts5ExtensionApi *api, Fts5Context *fts, int n_phrases)
{
  for (int i = 0; i < n_phrases; i++)
    {
      Fts5PhraseIter iter;
      int column = -1;

      if (api->xPhraseFirstColumn (fts, i, &iter, &column) == SQLITE_OK
          && column == HB_SEARCH_COLUMN_TITLE)
        return TRUE;
    }
  return FALSE;
}

/* Whether row @a ranks below row @b: equal ranks go oldest first, as with
 * FTS5's own sorting. */
static gboolean
row_worse (const HbSearchScan *scan, guint a, guint b)
{
  const HbSearchRow *x = &g_array_index (scan->rows, HbSearchRow, a);
  const HbSearchRow *y = &g_array_index (scan->rows, HbSearchRow, b);

  if (x->rank != y->rank)
    return x->rank > y->rank;
  return x->rowid > y->rowid;
}

/* Offers row @row to @heap, which keeps the best scan->limit rows with
 * the worst on top. Returns whether the row went in. */
static gboolean
heap_offer (const HbSearchScan *scan, GArray *heap, guint row)
{
  guint *h;
  guint i;

  if (heap->len < scan->limit)
    {
      g_array_append_val (heap, row);
      h = (guint *) heap->data;
      for (i = heap->len - 1; i > 0 && row_worse (scan, h[i], h[(i - 1) / 2]); i = (i - 1) / 2)
        {
          guint tmp = h[i];

          h[i] = h[(i - 1) / 2];
          h[(i - 1) / 2] = tmp;
        }
      return TRUE;
    }

  h = (guint *) heap->data;
  if (!row_worse (scan, h[0], row))
    return FALSE;
  h[0] = row;
  for (i = 0;;)
    {
      guint worst = i;
      guint left = 2 * i + 1;
      guint right = left + 1;
      guint tmp;

      if (left < heap->len && row_worse (scan, h[left], h[worst]))
        worst = left;
      if (right < heap->len && row_worse (scan, h[right], h[worst]))
        worst = right;
      if (worst == i)
        break;
      tmp = h[i];
      h[i] = h[worst];
      h[worst] = tmp;
      i = worst;
    }
  return TRUE;
}

/* Whether a row whose rank is @bound or better may still go in @heap. */
static gboolean
heap_may_take (const HbSearchScan *scan, GArray *heap, double bound)
{
  if (heap->len < scan->limit)
    return TRUE;
  return bound <= g_array_index (scan->rows, HbSearchRow, g_array_index (heap, guint, 0)).rank;
}

/*
 * Ranks the row under the cursor if it may be among the best. The
 * weighted hits of each phrase are summed in the order xInst() would give
 * them, so that the rank is hb_rank()'s to the last bit, without sorting
 * the hits of all phrases into one list. The length of the row, a lookup
 * of its own, is read only when the rank the row would have at the
 * shortest length its hits allow could still put it among the best.
 */
static int
scan_rank_row (const Fts5ExtensionApi *api, Fts5Context *fts, HbSearchScan *scan, guint index)
{
  RankData *rank = scan->rank_data;
  HbSearchRow row = { api->xRowid (fts), 0, index, FALSE, 0, 0 };
  gboolean for_best = index < scan->rank_cap;
  gboolean for_titles;
  GArray *row_hits = scan->row_hits;
  guint n_hits = 0;
  int shortest = 0;
  guint n;
  int rc = SQLITE_OK;

  for (int i = 0; i < rank->n_phrases; i++)
    {
      Fts5PhraseIter iter;
      int column = 0;
      int offset = 0;
      int count = 0;
      double freq = 0;

      rc = api->xPhraseFirst (fts, i, &iter, &column, &offset);
      if (rc != SQLITE_OK)
        return rc;
      for (; column >= 0; api->xPhraseNext (fts, &iter, &column, &offset))
        {
          freq += column < scan->n_weights ? scan->weights[column] : 1.0;
          if (column == HB_SEARCH_COLUMN_TITLE)
            row.title = TRUE;
          if (n_hits == row_hits->len)
            g_array_set_size (row_hits, MAX (64, 2 * n_hits));
          g_array_index (row_hits, HbSearchHit, n_hits++) = (HbSearchHit) { i, column, offset };
          count++;
        }
      rank->freq[i] = freq;
      /* The matches of one phrase start at different tokens. */
      shortest = MAX (shortest, count);
    }

  if (row.title)
    scan->n_titles++;
  for_titles = row.title;
  if (for_best || for_titles)
    {
      double bound = rank_of_length (rank, shortest);

      for_best = for_best && heap_may_take (scan, scan->best, bound);
      for_titles = for_titles && heap_may_take (scan, scan->best_titles, bound);
    }
  if (!for_best && !for_titles)
    return SQLITE_OK;

  rc = rank_score (api, fts, rank, &row.rank);
  if (rc != SQLITE_OK)
    return rc;

  n = scan->rows->len;
  g_array_append_val (scan->rows, row);
  for_best = for_best && heap_offer (scan, scan->best, n);
  for_titles = for_titles && heap_offer (scan, scan->best_titles, n);

  /* The hits as the sums above met them, phrase by phrase: the snippet
   * sorts them by position. */
  if (for_best || for_titles)
    {
      HbSearchRow *kept = &g_array_index (scan->rows, HbSearchRow, n);

      kept->first_hit = scan->hits->len;
      kept->n_hits = n_hits;
      g_array_append_vals (scan->hits, row_hits->data, n_hits);
    }
  return rc;
}

static int
scan_start (const Fts5ExtensionApi *api,
            Fts5Context *fts,
            HbSearchScan *scan,
            int n_weights,
            sqlite3_value **weights)
{
  RankData *rank;
  int rc = SQLITE_OK;

  rank = rank_data_new_known (api, fts, scan->phrase_keys, scan->phrase_rows, &rc);
  if (rc != SQLITE_OK)
    {
      rank_data_free (rank);
      return rc;
    }
  scan->rank_data = rank;
  scan->n_phrases = rank->n_phrases;
  scan->phrase_sizes = g_new0 (int, MAX (scan->n_phrases, 1));
  for (int i = 0; i < scan->n_phrases; i++)
    scan->phrase_sizes[i] = api->xPhraseSize (fts, i);
  scan->n_weights = MAX (n_weights, 0);
  scan->weights = g_new0 (double, MAX (scan->n_weights, 1));
  for (int i = 0; i < scan->n_weights; i++)
    scan->weights[i] = sqlite3_value_double (weights[i]);
  return SQLITE_OK;
}

static void
scan_function (const Fts5ExtensionApi *api,
               Fts5Context *fts,
               sqlite3_context *context,
               int n_args,
               sqlite3_value **args)
{
  HbSearchScan *scan = n_args > 0 ? sqlite3_value_pointer (args[0], HB_SEARCH_SCAN_POINTER) : NULL;
  gboolean rank_it;
  guint index;
  int rc = SQLITE_OK;

  if (scan == NULL)
    {
      sqlite3_result_error (context, "hb_scan: no scan to fill", -1);
      return;
    }

  if (scan->rank_data == NULL)
    rc = scan_start (api, fts, scan, n_args - 1, args + 1);

  index = scan->n_matches++;
  if (index < scan->rank_cap)
    rank_it = TRUE;
  else
    rank_it = index < scan->title_window && scan->n_titles < scan->rank_cap
              && matches_in_title (api, fts, scan->n_phrases);
  if (rc == SQLITE_OK && rank_it)
    rc = scan_rank_row (api, fts, scan, index);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  /* Past the window, or with as many title matches as are ranked: the
   * rest would not be. */
  scan->done = scan->n_matches >= scan->title_window
               || (scan->n_matches > scan->rank_cap && scan->n_titles >= scan->rank_cap);
}

char *
hb_search_scan_match_text (HbSearchScan *scan,
                           const HbSearchRow *row,
                           const char *body,
                           int body_len,
                           const char *map,
                           int map_len)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (scan != NULL && row != NULL, NULL);

  if (scan->scratch == NULL)
    scan->scratch = match_scratch_new ();
  build_match (out, scan->scratch, &g_array_index (scan->hits, HbSearchHit, row->first_hit),
               (int) row->n_hits, scan->phrase_sizes, scan->n_phrases, body, body_len, map,
               map_len);
  return g_string_free (out, FALSE);
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
    rc = api->xCreateFunction (api, "hb_match", NULL, match_function, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "hb_term_text", NULL, term_text_function, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "hb_rank", NULL, rank_function, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "hb_scan", NULL, scan_function, NULL);
  return rc;
}
