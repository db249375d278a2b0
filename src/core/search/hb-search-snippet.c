/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-snippet.h"

#include <string.h>

#include "hb-tokenizer.h"

/* Tokens of context shown before the first match. */
#define SNIPPET_LEAD 4

static void
snippet_clear (gpointer data)
{
  HbSearchSnippet *snippet = data;

  g_free (snippet->section_id);
  g_free (snippet->section);
  g_free (snippet->text);
  g_clear_pointer (&snippet->marks, g_array_unref);
}

HbSearchSnippet *
hb_search_snippet_ref (HbSearchSnippet *snippet)
{
  return g_atomic_rc_box_acquire (snippet);
}

void
hb_search_snippet_unref (HbSearchSnippet *snippet)
{
  if (snippet != NULL)
    g_atomic_rc_box_release_full (snippet, snippet_clear);
}

typedef struct
{
  int pos;
  int group;
} Hit;

static int
compare_hits (gconstpointer a, gconstpointer b)
{
  const Hit *x = a;
  const Hit *y = b;

  return x->pos != y->pos ? (x->pos < y->pos ? -1 : 1) : x->group - y->group;
}

/* The section that token @pos of the headings column is in (the body's
 * hits find theirs in one walk, being in order). */
static int
find_heading_section (GArray *sections, int pos)
{
  int lo = 0, hi = (int) sections->len - 1, found = 0;

  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;
      const HbSearchSection *s = &g_array_index (sections, HbSearchSection, mid);
      int start = s->id != NULL ? s->heading_pos : G_MININT;

      if (start <= pos)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  /* Sections without a heading hold no heading tokens. */
  while (found + 1 < (int) sections->len
         && g_array_index (sections, HbSearchSection, found).id == NULL
         && g_array_index (sections, HbSearchSection, found + 1).heading_pos <= pos)
    found++;
  return found;
}

typedef struct
{
  int pos;           /* position of the next token */
  int first;         /* window */
  int last;
  const int *marked; /* marked positions, sorted */
  guint n_marked;
  guint next_mark;
  int byte_start;    /* of the window, in the section text */
  int byte_end;
  GArray *ranges;    /* (element-type int) pairs: marked byte ranges */
  int base;          /* where the tokenized text starts in the section text */
} WindowScan;

#define STOP_SCAN 101

static int
window_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  WindowScan *scan = user_data;
  int pos;

  if (flags & HB_TOKEN_COLOCATED)
    return HB_TOKENIZE_OK;

  start += scan->base;
  end += scan->base;
  pos = scan->pos++;
  if (pos < scan->first)
    return HB_TOKENIZE_OK;
  if (pos > scan->last || (scan->byte_start >= 0 && end - scan->byte_start > HB_SEARCH_SNIPPET_BYTES))
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
  return HB_TOKENIZE_OK;
}

/* Copies text[from, to) with runs of white space as one space and control
 * characters dropped. */
static void
append_clean (GString *out, const char *text, int from, int to)
{
  gsize len = out->len;
  char *dst;

  if (to <= from)
    return;
  /* Written in place: at most as long as the text. */
  g_string_set_size (out, len + (gsize) (to - from));
  dst = out->str;
  for (int i = from; i < to; i++)
    {
      guchar c = (guchar) text[i];

      if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
        {
          if (len > 0 && dst[len - 1] != ' ')
            dst[len++] = ' ';
        }
      else if (c >= 0x20 && c != 0x7f)
        dst[len++] = (char) c;
    }
  g_string_truncate (out, len);
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
checkpoint_before (const HbSearchText *text, int pos, int floor, int *at_pos)
{
  int k;

  if (text->checkpoints == NULL)
    return -1;
  k = hb_search_checkpoint_before (text->step, (int) text->checkpoints->len, pos);
  if (k < 0 || (k + 1) * text->step < floor)
    return -1;
  *at_pos = (k + 1) * text->step;
  return g_array_index (text->checkpoints, int, k);
}

static gboolean
build_window (GString *out, GArray *marks, const HbSearchText *text, int section, int first_pos,
              const int *marked, guint n_marked)
{
  GArray *sections = text->sections;
  const char *body = text->body != NULL ? text->body : "";
  int body_len = text->body != NULL ? text->body_len : 0;
  const HbSearchSection *e = &g_array_index (sections, HbSearchSection, section);
  int from = MIN (e->body_byte, body_len);
  int to = section + 1 < (int) sections->len
             ? MIN (g_array_index (sections, HbSearchSection, section + 1).body_byte, body_len)
             : body_len;
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (int));
  WindowScan scan = { e->body_pos, MAX (first_pos, e->body_pos), 0, marked, n_marked, 0, -1, -1, NULL, 0 };
  int skip_pos = 0;
  int skip_to;
  int at;

  scan.ranges = ranges;
  if (to < from)
    to = from;
  scan.last = scan.first + HB_SEARCH_SNIPPET_TOKENS - 1;

  /* Tokenizing from a checkpoint gives the same tokens from there on: it
   * is where a token starts, a word or the first of a pair. */
  skip_to = checkpoint_before (text, scan.first, e->body_pos, &skip_pos);
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
  for (guint i = 0; i + 1 < ranges->len; i += 2)
    {
      int start = g_array_index (ranges, int, i);
      int end = g_array_index (ranges, int, i + 1);
      int mark;

      append_clean (out, body + from, at, start);
      mark = (int) out->len;
      g_array_append_val (marks, mark);
      append_clean (out, body + from, start, end);
      mark = (int) out->len;
      g_array_append_val (marks, mark);
      at = end;
    }
  append_clean (out, body + from, at, scan.byte_end);
  if (has_text (body + from, scan.byte_end, to - from))
    g_string_append (out, " …");
  return TRUE;
}

/* A section may be a heading alone: then the text that follows it. */
static void
build_from (GString *out, GArray *marks, const HbSearchText *text, int section, int first_pos,
            const int *marked, guint n_marked)
{
  if (build_window (out, marks, text, section, first_pos, marked, n_marked))
    return;
  for (guint s = section + 1; s < text->sections->len; s++)
    if (build_window (out, marks, text, (int) s,
                      g_array_index (text->sections, HbSearchSection, s).body_pos, marked,
                      n_marked))
      return;
}

HbSearchSnippet *
hb_search_snippet_build (const HbSearchText *text,
                         GArray *hits,
                         const HbSearchPhraseInfo *phrases,
                         int n_phrases)
{
  HbSearchSnippet *snippet = g_atomic_rc_box_new0 (HbSearchSnippet);
  g_autoptr (GArray) body_hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr (GArray) heading_hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr (GString) out = g_string_new (NULL);
  GArray *sections = text->sections;
  int best = -1;
  guint best_score = 0;
  int first_pos = -1;
  gboolean body_sorted = TRUE;

  snippet->marks = g_array_new (FALSE, FALSE, sizeof (int));

  /* Two passes over the hits, one to count and one to fill the arrays in
   * place: appending one hit at a time cost as much as the rest of the
   * snippet. */
  for (int pass = 0; pass < 2; pass++)
    {
      guint n_body = 0, n_headings = 0;

      body_sorted = TRUE;

      for (guint i = 0; hits != NULL && i < hits->len; i++)
        {
          const HbSearchHit *hit = &g_array_index (hits, HbSearchHit, i);
          const HbSearchPhraseInfo *info = hit->phrase >= 0 && hit->phrase < n_phrases
                                             ? &phrases[hit->phrase]
                                             : NULL;

          if (info == NULL || info->group < 0)
            continue;
          if (hit->column == HB_SEARCH_COLUMN_BODY)
            /* Every token of a phrase is marked. */
            for (int k = 0; k < MAX (info->n_tokens, 1); k++, n_body++)
              {
                if (pass == 1)
                  {
                    Hit *out_hit = &g_array_index (body_hits, Hit, n_body);

                    *out_hit = (Hit) { hit->offset + k, info->group };
                    if (n_body > 0 && compare_hits (out_hit - 1, out_hit) > 0)
                      body_sorted = FALSE;
                  }
              }
          else if (hit->column == HB_SEARCH_COLUMN_HEADINGS)
            {
              if (pass == 1)
                g_array_index (heading_hits, Hit, n_headings) = (Hit) { hit->offset, info->group };
              n_headings++;
            }
        }
      if (pass == 0)
        {
          g_array_set_size (body_hits, n_body);
          g_array_set_size (heading_hits, n_headings);
        }
    }
  /* The scan gives them in order, but for the tokens of a phrase after
   * its first and the words of one token. */
  if (!body_sorted)
    g_array_sort (body_hits, compare_hits);

  if (sections->len > 0 && (body_hits->len > 0 || heading_hits->len > 0))
    {
      g_autofree guint32 *body_masks = g_new0 (guint32, sections->len);
      g_autofree guint32 *heading_masks = g_new0 (guint32, sections->len);
      g_autofree guint *counts = g_new0 (guint, sections->len);

      /* The hits are in order, as the sections are: each hit's section is
       * the last one it has reached. */
      for (guint h = 0, s = 0; h < body_hits->len; h++)
        {
          Hit *hit = &g_array_index (body_hits, Hit, h);

          while (s + 1 < sections->len
                 && g_array_index (sections, HbSearchSection, s + 1).body_pos <= hit->pos)
            s++;
          body_masks[s] |= 1u << (hit->group & 31);
          counts[s]++;
        }
      for (guint h = 0; h < heading_hits->len; h++)
        {
          Hit *hit = &g_array_index (heading_hits, Hit, h);

          heading_masks[find_heading_section (sections, hit->pos)] |= 1u << (hit->group & 31);
        }

      /* The section whose heading and text hold the most of the query. */
      for (guint s = 0; s < sections->len; s++)
        {
          guint score;

          if ((heading_masks[s] | body_masks[s]) == 0)
            continue;
          score = 2 * (guint) __builtin_popcount (heading_masks[s])
                  + (guint) __builtin_popcount (body_masks[s]);
          score = score * 1000 + MIN (counts[s], 999);
          if (score > best_score)
            {
              best_score = score;
              best = (int) s;
            }
        }
    }

  if (best >= 0)
    {
      const HbSearchSection *e = &g_array_index (sections, HbSearchSection, best);
      int end_pos = best + 1 < (int) sections->len
                      ? g_array_index (sections, HbSearchSection, best + 1).body_pos
                      : G_MAXINT;
      g_autoptr (GArray) marked = g_array_new (FALSE, FALSE, sizeof (int));
      guint best_distinct = 0;

      /*
       * The window of the section that holds the most distinct words: the
       * first hit of the section whose window does. The window slides
       * over the hits, which are in order, counting each group's hits in
       * it, so that each hit goes in once and out once.
       */
      {
        guint in_window[32] = { 0 };
        guint distinct = 0;
        guint k = 0;

        for (guint h = 0; h < body_hits->len; h++)
          {
            Hit *hit = &g_array_index (body_hits, Hit, h);

            if (hit->pos >= e->body_pos && hit->pos < end_pos)
              {
                if (k < h)
                  k = h;
                for (; k < body_hits->len; k++)
                  {
                    Hit *other = &g_array_index (body_hits, Hit, k);

                    if (other->pos >= hit->pos + HB_SEARCH_SNIPPET_TOKENS - SNIPPET_LEAD
                        || other->pos >= end_pos)
                      break;
                    if (in_window[other->group & 31]++ == 0)
                      distinct++;
                  }
                if (first_pos < 0 || distinct > best_distinct)
                  {
                    best_distinct = distinct;
                    first_pos = hit->pos;
                  }
              }
            /* The hit leaves the window before the next one starts it. */
            if (h < k && --in_window[hit->group & 31] == 0)
              distinct--;
          }
      }
      /* Each position once, filled in place. */
      g_array_set_size (marked, body_hits->len);
      {
        int *out_pos = (int *) marked->data;
        guint n = 0;

        for (guint h = 0; h < body_hits->len; h++)
          {
            int pos = g_array_index (body_hits, Hit, h).pos;

            if (n == 0 || out_pos[n - 1] != pos)
              out_pos[n++] = pos;
          }
        g_array_set_size (marked, n);
      }

      if (e->id != NULL)
        {
          snippet->section_id = g_strdup (e->id);
          snippet->section = g_strdup (e->heading);
        }
      build_from (out, snippet->marks, text, best,
                  first_pos >= 0 ? MAX (e->body_pos, first_pos - SNIPPET_LEAD) : e->body_pos,
                  (const int *) marked->data, marked->len);
    }
  else if (sections->len > 0)
    /* A match in the title or the tags: the article from its start. */
    build_from (out, snippet->marks, text, 0, 0, NULL, 0);

  snippet->text = g_string_free (g_steal_pointer (&out), FALSE);
  return snippet;
}

/* ------------------------------------------------------------------------ */
/* The memo */

/* What a snippet is built from, besides the row's text: each match of
 * the body and the headings as (column, offset, group and tokens). */
typedef struct
{
  gint64 rowid;
  guint hash;
  guint n;      /* of sig */
  guint size;   /* room in sig */
  guint32 sig[];
} MemoKey;

/* A row matched more often than this is built each time, so that the
 * memo holds no more than 12 kB of matches a row, 6 MB in all. */
#define MEMO_MAX_SIG (3 * 1024)

struct _HbSearchSnippetMemo
{
  /* MemoKey → HbSearchSnippet: the newer half and the older one, which
   * goes when the newer is full. */
  GHashTable *current;
  GHashTable *previous;
  MemoKey *probe; /* what the last lookup looked for; NULL if not kept */
};

static guint
memo_key_hash (gconstpointer key)
{
  return ((const MemoKey *) key)->hash;
}

static gboolean
memo_key_equal (gconstpointer a, gconstpointer b)
{
  const MemoKey *x = a;
  const MemoKey *y = b;

  return x->rowid == y->rowid && x->hash == y->hash && x->n == y->n
         && memcmp (x->sig, y->sig, x->n * sizeof (guint32)) == 0;
}

static GHashTable *
memo_table_new (void)
{
  return g_hash_table_new_full (memo_key_hash, memo_key_equal, g_free,
                                (GDestroyNotify) hb_search_snippet_unref);
}

HbSearchSnippetMemo *
hb_search_snippet_memo_new (void)
{
  HbSearchSnippetMemo *memo = g_atomic_rc_box_new0 (HbSearchSnippetMemo);

  memo->current = memo_table_new ();
  memo->previous = memo_table_new ();
  return memo;
}

HbSearchSnippetMemo *
hb_search_snippet_memo_ref (HbSearchSnippetMemo *memo)
{
  return g_atomic_rc_box_acquire (memo);
}

static void
memo_clear (gpointer data)
{
  HbSearchSnippetMemo *memo = data;

  g_hash_table_unref (memo->current);
  g_hash_table_unref (memo->previous);
  g_free (memo->probe);
}

void
hb_search_snippet_memo_unref (HbSearchSnippetMemo *memo)
{
  if (memo != NULL)
    g_atomic_rc_box_release_full (memo, memo_clear);
}

/* Fills memo->probe for @rowid and @hits; FALSE when they are too many
 * to keep. */
static gboolean
memo_probe (HbSearchSnippetMemo *memo, gint64 rowid, GArray *hits,
            const HbSearchPhraseInfo *phrases, int n_phrases)
{
  guint n_hits = hits != NULL ? hits->len : 0;
  MemoKey *key;
  guint32 hash = (guint32) rowid * 0x9E3779B1u;

  if (3 * n_hits > MEMO_MAX_SIG)
    return FALSE;
  if (memo->probe == NULL || memo->probe->size < 3 * n_hits)
    {
      g_free (memo->probe);
      memo->probe = g_malloc (sizeof (MemoKey) + MAX (3 * n_hits, 48) * sizeof (guint32));
      memo->probe->size = MAX (3 * n_hits, 48);
    }
  key = memo->probe;
  key->rowid = rowid;
  key->n = 0;
  for (guint i = 0; i < n_hits; i++)
    {
      const HbSearchHit *hit = &g_array_index (hits, HbSearchHit, i);
      const HbSearchPhraseInfo *info = hit->phrase >= 0 && hit->phrase < n_phrases
                                         ? &phrases[hit->phrase]
                                         : NULL;
      guint32 *out = key->sig + key->n;

      if (info == NULL || info->group < 0
          || (hit->column != HB_SEARCH_COLUMN_BODY && hit->column != HB_SEARCH_COLUMN_HEADINGS))
        continue;
      out[0] = (guint32) hit->column;
      out[1] = (guint32) hit->offset;
      out[2] = ((guint32) info->group << 16) | ((guint32) info->n_tokens & 0xFFFF);
      for (int k = 0; k < 3; k++)
        hash = (hash ^ out[k]) * 0x01000193u;
      key->n += 3;
    }
  key->hash = hash;
  return TRUE;
}

HbSearchSnippet *
hb_search_snippet_memo_lookup (HbSearchSnippetMemo *memo,
                               gint64 rowid,
                               GArray *hits,
                               const HbSearchPhraseInfo *phrases,
                               int n_phrases)
{
  gpointer key = NULL;
  gpointer snippet = NULL;

  g_return_val_if_fail (memo != NULL, NULL);

  if (!memo_probe (memo, rowid, hits, phrases, n_phrases))
    {
      g_clear_pointer (&memo->probe, g_free);
      return NULL;
    }
  snippet = g_hash_table_lookup (memo->current, memo->probe);
  if (snippet != NULL)
    return hb_search_snippet_ref (snippet);
  /* From the older half to the newer one. */
  if (g_hash_table_steal_extended (memo->previous, memo->probe, &key, &snippet))
    {
      hb_search_snippet_memo_add (memo, snippet);
      g_free (key);
      return snippet;
    }
  return NULL;
}

void
hb_search_snippet_memo_add (HbSearchSnippetMemo *memo, HbSearchSnippet *snippet)
{
  MemoKey *key;

  g_return_if_fail (memo != NULL);

  if (memo->probe == NULL)
    return;
  if (g_hash_table_size (memo->current) >= HB_SEARCH_SNIPPET_MEMO / 2)
    {
      g_hash_table_unref (memo->previous);
      memo->previous = memo->current;
      memo->current = memo_table_new ();
    }
  key = g_memdup2 (memo->probe, sizeof (MemoKey) + memo->probe->n * sizeof (guint32));
  key->size = key->n;
  g_hash_table_replace (memo->current, key, hb_search_snippet_ref (snippet));
}
