/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-bench-diff"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hb-diff.h"

/*
 * The redline benchmark, a developer tool (figures, not a test):
 *
 *   build/tools/hb-bench-diff [--runs N] [--seed S] [--percent P] [FILE.md]
 *
 * Without FILE it takes the largest law of the zh-laws corpus
 * ($HANDBOOK_CORPUS_DIR, or ../shared/corpus next to the source tree). It
 * amends P % of the articles (lines "第…条 …") of a copy, the same ones
 * for the same seed: words inserted, struck out or replaced, in turn. Then
 * it times the redline of the original against the copy, N times: the
 * comparison, the full and the "changes only" HTML, and the text. It
 * prints the median and the maximum in milliseconds.
 */

static int runs = 20;
static int seed = 1;
static double percent = 1.0;

static const GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Times to run the redline (20)", "N" },
  { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed of the amendments (1)", "S" },
  { "percent", 'p', 0, G_OPTION_ARG_DOUBLE, &percent, "Share of the articles amended (1)", "P" },
  { NULL },
};

static void
find_largest (const char *folder, char **largest, goffset *largest_size)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf info;

      /* The git history holds small laws only, but is not a law itself. */
      if (name[0] == '_' || name[0] == '.' || g_stat (path, &info) != 0)
        continue;
      if (S_ISDIR (info.st_mode))
        find_largest (path, largest, largest_size);
      else if (g_str_has_suffix (name, ".md") && info.st_size > *largest_size)
        {
          g_free (*largest);
          *largest = g_steal_pointer (&path);
          *largest_size = info.st_size;
        }
    }
}

/* Whether @line starts an article: "第" numerals "条". */
static gboolean
is_article (const char *line)
{
  const char *p;

  if (!g_str_has_prefix (line, "第"))
    return FALSE;
  for (p = line + strlen ("第"); *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x6761 /* 条 */)
        return p > line + strlen ("第");
      if (!(c < 128 && g_ascii_isdigit (c)) && g_utf8_strchr ("〇一二三四五六七八九十百千零", -1, c) == NULL)
        return FALSE;
    }
  return FALSE;
}

static const char *const phrases[] = { "依法", "及时", "并书面告知当事人", "经批准", "在规定期限内" };

/* Amends one article line in place: insert, strike or replace a few
 * characters after its number. */
static char *
amend (const char *line, guint how, GRand *rand)
{
  const char *body = strstr (line, " ");
  glong n_chars;
  glong at;
  glong length;
  g_autofree gunichar *chars = NULL;
  GString *out;
  glong i;

  if (body == NULL)
    body = line;
  chars = g_utf8_to_ucs4_fast (body, -1, &n_chars);
  out = g_string_new_len (line, body - line);
  if (n_chars < 8)
    {
      g_string_append (out, body);
      g_string_append (out, phrases[0]);
      return g_string_free (out, FALSE);
    }

  at = g_rand_int_range (rand, 1, n_chars - 6);
  length = g_rand_int_range (rand, 2, 6);
  for (i = 0; i < n_chars; i++)
    {
      if (i == at && how != 1)
        g_string_append (out, phrases[g_rand_int_range (rand, 0, G_N_ELEMENTS (phrases))]);
      if (i >= at && i < at + length && how != 0)
        continue; /* struck out, or replaced by the phrase */
      g_string_append_unichar (out, chars[i]);
    }
  return g_string_free (out, FALSE);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *figures)
{
  g_array_sort (figures, compare_doubles);
  if (figures->len % 2 == 1)
    return g_array_index (figures, double, figures->len / 2);
  return (g_array_index (figures, double, figures->len / 2 - 1) + g_array_index (figures, double, figures->len / 2)) / 2;
}

static double
maximum (GArray *figures)
{
  g_array_sort (figures, compare_doubles);
  return g_array_index (figures, double, figures->len - 1);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("[FILE.md]");
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = NULL;
  g_autoptr (GPtrArray) articles = g_ptr_array_new ();
  g_autoptr (GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) compare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) output = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *amended = NULL;
  g_auto (GStrv) lines = NULL;
  gsize size = 0;
  guint n_amend;
  guint i;
  int run;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Times the redline of a law against a copy with some articles amended.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("hb-bench-diff: %s\n", error->message);
      return 2;
    }
  if (runs < 1 || percent <= 0 || percent > 100)
    {
      g_printerr ("hb-bench-diff: --runs must be positive and --percent in (0, 100]\n");
      return 2;
    }

  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      const char *corpus = g_getenv ("HANDBOOK_CORPUS_DIR");
      g_autofree char *folder = g_build_filename (corpus != NULL ? corpus : HB_BENCH_CORPUS_DIR, "zh-laws", NULL);
      goffset largest = 0;

      find_largest (folder, &path, &largest);
      if (path == NULL)
        {
          g_printerr ("hb-bench-diff: no law in %s; give a file or set HANDBOOK_CORPUS_DIR\n", folder);
          return 1;
        }
    }

  if (!g_file_get_contents (path, &original, &size, &error))
    {
      g_printerr ("hb-bench-diff: %s\n", error->message);
      return 1;
    }

  /* The amended copy: the same articles for the same seed. */
  lines = g_strsplit (original, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    if (is_article (lines[i]))
      g_ptr_array_add (articles, GUINT_TO_POINTER (i));
  n_amend = MAX (1, (guint) (articles->len * percent / 100 + 0.5));
  if (articles->len == 0)
    {
      g_printerr ("hb-bench-diff: %s has no articles (lines “第…条”)\n", path);
      return 1;
    }
  rand = g_rand_new_with_seed (seed);
  for (i = 0; i < n_amend && articles->len > 0; i++)
    {
      guint pick = g_rand_int_range (rand, 0, articles->len);
      guint line = GPOINTER_TO_UINT (g_ptr_array_index (articles, pick));
      char *changed = amend (lines[line], i % 3, rand);

      g_free (lines[line]);
      lines[line] = changed;
      g_ptr_array_remove_index_fast (articles, pick);
    }
  amended = g_strjoinv ("\n", lines);

  for (run = 0; run < runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 compared;
      g_autoptr (HbDiff) diff = hb_diff_markdown (original, amended, &error);
      g_autofree char *html = NULL;
      g_autofree char *changes = NULL;
      g_autofree char *text = NULL;
      double ms;

      if (diff == NULL)
        {
          g_printerr ("hb-bench-diff: %s\n", error->message);
          return 1;
        }
      compared = g_get_monotonic_time ();
      html = hb_diff_to_html (diff, FALSE);
      changes = hb_diff_to_html (diff, TRUE);
      text = hb_diff_to_text (diff, TRUE);

      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (total, ms);
      ms = (compared - start) / 1000.0;
      g_array_append_val (compare, ms);
      ms = (g_get_monotonic_time () - compared) / 1000.0;
      g_array_append_val (output, ms);

      if (run == 0)
        {
          const HbDiffSummary *summary = hb_diff_get_summary (diff);

          printf ("%s: %.0f KB, %u blocks, %u of %u articles amended (seed %d)\n", path, size / 1024.0,
                  hb_diff_get_n_blocks (diff), n_amend, articles->len + n_amend, seed);
          printf ("redline: %u blocks changed, %u added, %u removed; %u words added, %u removed; "
                  "%u sections; HTML %zu KB, changes only %zu KB\n",
                  summary->blocks_changed, summary->blocks_added, summary->blocks_removed,
                  summary->words_added, summary->words_removed, summary->sections->len,
                  strlen (html) / 1024, strlen (changes) / 1024);
        }
    }

  printf ("%d runs, milliseconds   median    max\n", runs);
  printf ("  compare              %7.1f %6.1f\n", median (compare), maximum (compare));
  printf ("  HTML ×2 and text     %7.1f %6.1f\n", median (output), maximum (output));
  printf ("  redline in all       %7.1f %6.1f\n", median (total), maximum (total));
  return 0;
}
