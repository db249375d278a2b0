/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-gift"

#include "config.h"

#include "hb-gift.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (hb-gift-error-quark, hb_gift_error)

/* Past this many broken questions, the message says "and N more". */
#define MAX_LISTED_ERRORS 20
/* How much of a question's text names it in a message. */
#define LABEL_CHARS 60

/* ------------------------------------------------------------------ */
/* Freeing */

static void
answer_free (gpointer data)
{
  HbGiftAnswer *answer = data;

  g_free (answer->text);
  g_free (answer->feedback);
  g_free (answer->match);
  g_free (answer);
}

static void
question_free (gpointer data)
{
  HbGiftQuestion *question = data;

  g_free (question->key);
  g_free (question->id);
  g_strfreev (question->tags);
  g_free (question->title);
  g_free (question->category);
  g_free (question->text);
  g_free (question->text_after);
  g_free (question->general_feedback);
  g_clear_pointer (&question->answers, g_ptr_array_unref);
  g_free (question);
}

void
hb_gift_quiz_free (HbGiftQuiz *quiz)
{
  if (quiz == NULL)
    return;
  g_clear_pointer (&quiz->questions, g_ptr_array_unref);
  g_free (quiz);
}

void
hb_gift_block_free (HbGiftBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->text);
  g_free (block);
}

/* ------------------------------------------------------------------ */
/* A question's text with its escapes resolved.
 *
 * Moodle swaps each escape for a placeholder string before it looks for
 * structure and swaps them back after. Here the resolved text carries a
 * flag per byte instead: a byte that came from an escape is never
 * structure. Comment lines are left out; the line of every byte is kept
 * for messages. */

typedef struct
{
  GString *s;
  GByteArray *lit;   /* 1: the byte came from an escape ("\{" ...) */
  GArray *breaks;    /* gsize: offsets of the real line breaks in s */
  GArray *lines;     /* guint: the file line of each line of s */
} Cooked;

static void
cooked_clear (Cooked *c)
{
  g_string_free (c->s, TRUE);
  g_byte_array_unref (c->lit);
  g_array_unref (c->breaks);
  g_array_unref (c->lines);
}

static void
cooked_init (Cooked *c)
{
  c->s = g_string_new (NULL);
  c->lit = g_byte_array_new ();
  c->breaks = g_array_new (FALSE, FALSE, sizeof (gsize));
  c->lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
cooked_put (Cooked *c, char ch, gboolean lit)
{
  guint8 flag = lit ? 1 : 0;

  g_string_append_c (c->s, ch);
  g_byte_array_append (c->lit, &flag, 1);
}

/* Appends one line of the file, resolving the escapes Moodle knows:
 * \: \# \= \{ \} \~ \n and \\. Any other backslash stays as it is. */
static void
cooked_add_line (Cooked *c, const char *line, gsize len, guint number)
{
  gsize i;

  if (c->lines->len > 0)
    {
      gsize offset = c->s->len;

      g_array_append_val (c->breaks, offset);
      cooked_put (c, '\n', FALSE);
    }
  g_array_append_val (c->lines, number);

  for (i = 0; i < len; i++)
    {
      if (line[i] == '\\' && i + 1 < len && strchr (":#={}~n\\", line[i + 1]) != NULL)
        {
          cooked_put (c, line[i + 1] == 'n' ? '\n' : line[i + 1], TRUE);
          i++;
        }
      else
        cooked_put (c, line[i], FALSE);
    }
}

static inline gboolean
is_blank (char ch)
{
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

static inline gboolean
is_structural (const Cooked *c, gsize i, char ch)
{
  return c->s->str[i] == ch && c->lit->data[i] == 0;
}

/* The first structural @ch in [from, to), or -1. */
static gssize
find_char (const Cooked *c, gsize from, gsize to, char ch)
{
  gsize i;

  for (i = from; i < to; i++)
    if (is_structural (c, i, ch))
      return i;
  return -1;
}

/* The first (or last) place in [from, to) where @token stands, none of its
 * bytes escaped; -1 if none. */
static gssize
find_token (const Cooked *c, gsize from, gsize to, const char *token, gboolean last)
{
  gsize n = strlen (token);
  gssize found = -1;
  gsize i, k;

  if (to < from + n)
    return -1;
  for (i = from; i + n <= to; i++)
    {
      for (k = 0; k < n; k++)
        if (!is_structural (c, i + k, token[k]))
          break;
      if (k == n)
        {
          found = i;
          if (!last)
            break;
        }
    }
  return found;
}

static guint
line_at (const Cooked *c, gsize offset)
{
  guint lo = 0, hi = c->breaks->len;

  /* The number of line breaks before @offset, by bisection. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (c->breaks, gsize, mid) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return g_array_index (c->lines, guint, MIN (lo, c->lines->len - 1));
}

static void
trim (const Cooked *c, gsize *start, gsize *end)
{
  while (*start < *end && is_blank (c->s->str[*start]))
    (*start)++;
  while (*end > *start && is_blank (c->s->str[*end - 1]))
    (*end)--;
}

static gboolean
format_from_name (const char *name, gsize len, HbGiftFormat *format)
{
  static const struct { const char *name; HbGiftFormat format; } names[] = {
    { "moodle", HB_GIFT_FORMAT_MOODLE },
    { "html", HB_GIFT_FORMAT_HTML },
    { "plain", HB_GIFT_FORMAT_PLAIN },
    { "markdown", HB_GIFT_FORMAT_MARKDOWN },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i].name) == len && memcmp (names[i].name, name, len) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }
  return FALSE;
}

/* The text of [start, end): trimmed, without its [format] prefix when
 * @detect, which sets @format (else @format is left alone). As Moodle
 * trims every line of a question, so is every line here, except in
 * Markdown, where indentation and the two spaces of a hard line break are
 * meaning (Moodle loses them; a nested list stays nested here). */
static char *
extract (const Cooked *c, gsize start, gsize end, gboolean detect, HbGiftFormat *format)
{
  GString *out;
  gsize i;

  trim (c, &start, &end);
  if (detect && start < end && c->s->str[start] == '[')
    {
      const char *close = memchr (c->s->str + start, ']', end - start);

      if (close != NULL
          && format_from_name (c->s->str + start + 1, close - (c->s->str + start + 1), format))
        {
          start = close - c->s->str + 1;
          trim (c, &start, &end);
        }
    }

  if (*format == HB_GIFT_FORMAT_MARKDOWN)
    return g_strndup (c->s->str + start, end - start);

  out = g_string_sized_new (end - start);
  i = start;
  while (i < end)
    {
      gsize line_end = i;
      gsize a = i, b;

      while (line_end < end && !is_structural (c, line_end, '\n'))
        line_end++;
      b = line_end;
      /* Trim the line, but not an escaped "\n" at its ends. */
      while (a < b && is_blank (c->s->str[a]) && c->lit->data[a] == 0)
        a++;
      while (b > a && is_blank (c->s->str[b - 1]) && c->lit->data[b - 1] == 0)
        b--;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_len (out, c->s->str + a, b - a);
      i = line_end + 1;
    }
  return g_string_free (out, FALSE);
}

/* Plain text on one line: trimmed, every run of blanks one space. */
static char *
collapse (const char *text, gsize len)
{
  GString *out = g_string_sized_new (len);
  gboolean space = FALSE;
  gsize i;

  for (i = 0; i < len; i++)
    {
      if (is_blank (text[i]))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, text[i]);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
extract_plain (const Cooked *c, gsize start, gsize end)
{
  return collapse (c->s->str + start, end - start);
}


/* The first words of a text, tags left out, to name a question. */
static char *
first_words (const char *text, gsize len, gboolean html)
{
  g_autoptr (GString) plain = g_string_sized_new (MIN (len, 4 * LABEL_CHARS));
  g_autofree char *collapsed = NULL;
  gboolean in_tag = FALSE;
  const char *cut;
  const char *space;
  gsize i;

  for (i = 0; i < len; i++)
    {
      /* Enough, at a character boundary. */
      if (plain->len >= 4 * LABEL_CHARS && ((guchar) text[i] & 0xc0) != 0x80)
        break;
      if (html && text[i] == '<')
        in_tag = TRUE;
      else if (html && in_tag && text[i] == '>')
        {
          in_tag = FALSE;
          g_string_append_c (plain, ' ');
        }
      else if (!in_tag)
        g_string_append_c (plain, text[i]);
    }

  collapsed = collapse (plain->str, plain->len);
  if (g_utf8_strlen (collapsed, -1) <= LABEL_CHARS)
    return g_steal_pointer (&collapsed);

  /* Cut at a word, with an ellipsis. */
  cut = g_utf8_offset_to_pointer (collapsed, LABEL_CHARS);
  space = g_utf8_strrchr (collapsed, cut - collapsed, ' ');
  if (space != NULL && space - collapsed > LABEL_CHARS / 2)
    cut = space;
  return g_strdup_printf ("%.*s…", (int) (cut - collapsed), collapsed);
}

char *
hb_gift_question_label (const HbGiftQuestion *question)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (question != NULL, NULL);

  if (question->title != NULL)
    return g_strdup (question->title);
  if (question->text_after != NULL)
    text = g_strconcat (question->text, " _____ ", question->text_after, NULL);
  else
    text = g_strdup (question->text);
  return first_words (text, strlen (text), question->format == HB_GIFT_FORMAT_HTML);
}

/* ------------------------------------------------------------------ */
/* The parser */

typedef struct
{
  const char *file;
  GString *errors;        /* one message a line */
  guint n_errors;
  HbGiftError code;       /* of the first error */
  char *category;         /* the last $CATEGORY: */
  GHashTable *keys;       /* the question keys taken */
  GHashTable *suffixes;   /* a key -> the next "-N" to try for it */
  GPtrArray *questions;
} Parser;

/* What is known of the question being read, for messages. */
typedef struct
{
  Parser *parser;
  const Cooked *c;
  char *label;            /* (nullable) */
  guint line;
  gboolean failed;
} Reading;

static void reading_error (Reading *r, gsize offset, HbGiftError code, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
reading_error (Reading *r, gsize offset, HbGiftError code, const char *format, ...)
{
  Parser *p = r->parser;
  g_autofree char *message = NULL;
  va_list args;
  guint line = offset == G_MAXSIZE ? r->line : line_at (r->c, offset);

  r->failed = TRUE;
  if (p->n_errors++ == 0)
    p->code = code;
  if (p->n_errors > MAX_LISTED_ERRORS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (p->errors->len > 0)
    g_string_append_c (p->errors, '\n');
  if (r->label != NULL && r->label[0] != '\0')
    /* TRANSLATORS: "file:line: question “label”: problem" */
    g_string_append_printf (p->errors, _("%s:%u: question “%s”: %s"), p->file, line, r->label, message);
  else
    g_string_append_printf (p->errors, _("%s:%u: %s"), p->file, line, message);
}

/* The fractions Moodle allows (question_bank::fraction_options_full):
 * p/q for q <= 6, p/10, 1/q for q <= 10, 1/20, and their negatives. */
static const struct { int p, q; } allowed_fractions[] = {
  { 1, 1 }, { 9, 10 }, { 5, 6 }, { 4, 5 }, { 3, 4 }, { 7, 10 }, { 2, 3 }, { 3, 5 },
  { 1, 2 }, { 2, 5 }, { 1, 3 }, { 3, 10 }, { 1, 4 }, { 1, 5 }, { 1, 6 }, { 1, 7 },
  { 1, 8 }, { 1, 9 }, { 1, 10 }, { 1, 20 }, { 0, 1 },
};

/* Moodle's match_grade_options(): a weight within 0.00001 of an allowed
 * fraction is that fraction, exactly (so three answers at 33.33333% add up
 * to 1). */
static gboolean
snap_fraction (double weight, double *fraction)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (allowed_fractions); i++)
    {
      double value = (double) allowed_fractions[i].p / allowed_fractions[i].q;

      if (fabs (weight - value) < 0.00001)
        {
          *fraction = value;
          return TRUE;
        }
      if (fabs (weight + value) < 0.00001)
        {
          *fraction = -value;
          return TRUE;
        }
    }
  return FALSE;
}

/* A "%50%" weight at *start: sets @fraction and moves *start past it.
 * What is not a number between the percent signs is not a weight but the
 * answer's text, as in Moodle. */
static gboolean
read_weight (Reading *r, gsize *start, gsize end, double *fraction)
{
  const Cooked *c = r->c;
  const char *s = c->s->str;
  gsize i = *start;
  gsize digits;
  g_autofree char *number = NULL;
  double weight;

  if (i >= end || !is_structural (c, i, '%'))
    return FALSE;
  i++;
  if (i < end && s[i] == '-')
    i++;
  digits = i;
  while (i < end && g_ascii_isdigit (s[i]))
    i++;
  if (i == digits)
    return FALSE;
  if (i < end && s[i] == '.')
    {
      i++;
      while (i < end && g_ascii_isdigit (s[i]))
        i++;
    }
  if (i >= end || !is_structural (c, i, '%'))
    return FALSE;

  number = g_strndup (s + *start + 1, i - (*start + 1));
  weight = g_ascii_strtod (number, NULL) / 100.0;
  if (!snap_fraction (weight, fraction))
    {
      reading_error (r, *start, HB_GIFT_ERROR_WEIGHT,
                     _("the weight %s%% is not one Moodle allows; use 100, 90, 83.33333, 80, 75, 70, "
                       "66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, "
                       "10, 5 or 0, or one of them negative"),
                     number);
      *fraction = 0;
    }
  *start = i + 1;
  return TRUE;
}

typedef struct
{
  char marker;        /* '=', '~', or 0 for the text before the first marker */
  gsize start, end;   /* after the marker */
} Segment;

/* Whether an '=' inside a feedback starts the next answer. Moodle splits
 * at every '=', so "#2 + 2 = 4" in a feedback becomes a feedback "2 + 2"
 * and a right answer "4" (and a multiple-answer question with it a
 * single-answer one). Here an '=' in a feedback starts an answer only where
 * an answer marker is written: first on its line, or after a blank and
 * glued to the word it marks ("#Yes! =other"). "= 4", "x=4" and "==" stay
 * text. */
static gboolean
equals_starts_answer (const Cooked *c, gsize i, gsize from, gsize to)
{
  const char *s = c->s->str;
  gsize j = i;

  while (j > from && (s[j - 1] == ' ' || s[j - 1] == '\t') && c->lit->data[j - 1] == 0)
    j--;
  if (j == from || is_structural (c, j - 1, '\n'))
    return TRUE;
  return j < i && i + 1 < to && !is_blank (s[i + 1]) && !is_structural (c, i + 1, '=');
}

/* Splits answers at their '=' and '~' markers. */
static GArray *
split_answers (const Cooked *c, gsize from, gsize to)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  Segment current = { 0, from, from };
  gboolean in_feedback = FALSE;
  gsize i;

  for (i = from; i < to; i++)
    {
      if (c->lit->data[i])
        continue;
      if (c->s->str[i] == '#')
        in_feedback = TRUE;
      else if (c->s->str[i] == '~'
               || (c->s->str[i] == '=' && (!in_feedback || equals_starts_answer (c, i, from, to))))
        {
          gsize a = current.start, b = i;

          current.end = i;
          trim (c, &a, &b);
          if (current.marker != 0 || a < b)
            g_array_append_val (segments, current);
          current.marker = c->s->str[i];
          current.start = i + 1;
          in_feedback = FALSE;
        }
    }
  current.end = to;
  {
    gsize a = current.start, b = to;

    trim (c, &a, &b);
    if (current.marker != 0 || a < b)
      g_array_append_val (segments, current);
  }
  return segments;
}

static HbGiftAnswer *
answer_new (const Cooked *c, gsize offset)
{
  HbGiftAnswer *answer = g_new0 (HbGiftAnswer, 1);

  answer->line = line_at (c, offset);
  return answer;
}

/* An answer's text and its "#feedback", both with their formats. */
static void
read_text_and_feedback (Reading *r, HbGiftQuestion *question, HbGiftAnswer *answer,
                        gsize start, gsize end)
{
  gssize hash = find_char (r->c, start, end, '#');

  answer->format = question->format;
  answer->text = extract (r->c, start, hash >= 0 ? (gsize) hash : end, TRUE, &answer->format);
  if (hash >= 0)
    {
      answer->feedback_format = question->format;
      answer->feedback = extract (r->c, hash + 1, end, TRUE, &answer->feedback_format);
      if (answer->feedback[0] == '\0')
        g_clear_pointer (&answer->feedback, g_free);
    }
}

static void
read_choices (Reading *r, HbGiftQuestion *question, gsize from, gsize to)
{
  g_autoptr (GArray) segments = split_answers (r->c, from, to);
  gboolean single = FALSE;
  double best = -1, sum = 0;
  guint i;

  for (i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);
      gsize start = segment->start;
      HbGiftAnswer *answer = answer_new (r->c, start);
      double fraction = 0;

      trim (r->c, &start, &segment->end);
      if (segment->marker == '=')
        {
          single = TRUE;
          /* "=%50%" in a multiple choice question is read as a weight, not
           * as the text "%50%..." (Moodle). */
          if (!read_weight (r, &start, segment->end, &fraction))
            fraction = 1;
        }
      else
        read_weight (r, &start, segment->end, &fraction);
      answer->fraction = fraction;
      read_text_and_feedback (r, question, answer, start, segment->end);

      /* Moodle leaves out empty choices when it saves a question. */
      if (answer->text[0] == '\0')
        {
          answer_free (answer);
          continue;
        }
      g_ptr_array_add (question->answers, answer);
      best = MAX (best, fraction);
      if (fraction > 0)
        sum += fraction;
    }

  question->type = single ? HB_GIFT_MULTIPLE_CHOICE : HB_GIFT_MULTIPLE_ANSWER;
  if (r->failed)
    return;
  if (question->answers->len < 2)
    reading_error (r, from, HB_GIFT_ERROR_SYNTAX, _("a multiple choice question needs at least two choices"));
  else if (single && best < 1 - 1e-7)
    reading_error (r, from, HB_GIFT_ERROR_SYNTAX,
                   _("no choice gets full credit; mark the right one with “=”"));
  else if (!single && fabs (sum - 1) >= 0.005)
    /* Moodle rounds the sum to two places: 3 × 33.33333% is 100%. */
    reading_error (r, from, HB_GIFT_ERROR_SYNTAX,
                   _("the positive weights of the choices add up to %g%%, not 100%%"), sum * 100);
}

static void
read_short_answers (Reading *r, HbGiftQuestion *question, gsize from, gsize to)
{
  g_autoptr (GArray) segments = split_answers (r->c, from, to);
  double best = -1;
  guint i;

  question->type = HB_GIFT_SHORT_ANSWER;
  for (i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);
      gsize start = segment->start;
      HbGiftAnswer *answer = answer_new (r->c, start);
      double fraction;

      trim (r->c, &start, &segment->end);
      if (!read_weight (r, &start, segment->end, &fraction))
        fraction = 1;
      answer->fraction = fraction;
      read_text_and_feedback (r, question, answer, start, segment->end);
      if (answer->text[0] == '\0')
        {
          answer_free (answer);
          continue;
        }
      g_ptr_array_add (question->answers, answer);
      best = MAX (best, fraction);
    }

  if (r->failed)
    return;
  if (question->answers->len == 0)
    reading_error (r, from, HB_GIFT_ERROR_SYNTAX, _("a short answer question needs an answer"));
  else if (best < 1 - 1e-7)
    reading_error (r, from, HB_GIFT_ERROR_SYNTAX, _("no answer gets full credit"));
}

static void
read_pairs (Reading *r, HbGiftQuestion *question, gsize from, gsize to)
{
  g_autoptr (GArray) segments = split_answers (r->c, from, to);
  guint pairs = 0;
  guint i;

  question->type = HB_GIFT_MATCHING;
  for (i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);
      gssize arrow = find_token (r->c, segment->start, segment->end, "->", FALSE);
      HbGiftAnswer *answer;

      if (arrow < 0)
        {
          reading_error (r, segment->start, HB_GIFT_ERROR_SYNTAX,
                         _("a matching pair is written “=left -> right”"));
          continue;
        }
      answer = answer_new (r->c, segment->start);
      answer->format = question->format;
      answer->text = extract (r->c, segment->start, arrow, TRUE, &answer->format);
      answer->match = extract_plain (r->c, arrow + 2, segment->end);
      if (answer->text[0] == '\0')
        /* "= -> Chat": a right side that is no left side's answer. */
        g_clear_pointer (&answer->text, g_free);
      else
        pairs++;
      if (answer->match[0] == '\0')
        reading_error (r, segment->start, HB_GIFT_ERROR_SYNTAX, _("a matching pair has nothing after “->”"));
      g_ptr_array_add (question->answers, answer);
    }

  if (!r->failed && pairs < 2)
    reading_error (r, from, HB_GIFT_ERROR_SYNTAX, _("a matching question needs at least two pairs"));
}

static gboolean
parse_number (const char *text, double *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (copy[0] == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*value) && end != copy;
}

static gboolean
read_number (HbGiftAnswer *answer)
{
  const char *text = answer->text;
  const char *dots = strstr (text, "..");
  const char *colon = strchr (text, ':');

  if (strcmp (text, "*") == 0)
    {
      answer->number_kind = HB_GIFT_NUMBER_ANY;
      return TRUE;
    }

  if (dots != NULL && dots > text)
    {
      g_autofree char *low = g_strndup (text, dots - text);
      double min, max;

      if (!parse_number (low, &min) || !parse_number (dots + 2, &max))
        return FALSE;
      answer->number_kind = HB_GIFT_NUMBER_RANGE;
      answer->min = MIN (min, max);
      answer->max = MAX (min, max);
      answer->value = (answer->min + answer->max) / 2;
      answer->tolerance = (answer->max - answer->min) / 2;
      return TRUE;
    }

  if (colon != NULL && colon > text)
    {
      g_autofree char *value = g_strndup (text, colon - text);

      if (!parse_number (value, &answer->value) || !parse_number (colon + 1, &answer->tolerance))
        return FALSE;
      answer->number_kind = HB_GIFT_NUMBER_TOLERANCE;
      answer->tolerance = fabs (answer->tolerance);
    }
  else
    {
      if (!parse_number (text, &answer->value))
        return FALSE;
      answer->number_kind = HB_GIFT_NUMBER_EXACT;
      answer->tolerance = 0;
    }
  answer->min = answer->value - answer->tolerance;
  answer->max = answer->value + answer->tolerance;
  return TRUE;
}

static void
read_numbers (Reading *r, HbGiftQuestion *question, gsize from, gsize to)
{
  g_autoptr (GArray) segments = split_answers (r->c, from, to);
  gboolean other = FALSE;
  double best = -1;
  guint i;

  question->type = HB_GIFT_NUMERICAL;
  for (i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);
      gsize start = segment->start;
      HbGiftAnswer *answer = answer_new (r->c, start);
      double fraction;

      trim (r->c, &start, &segment->end);
      if (segment->marker == '~')
        {
          /* "~#feedback": what any other number gets. */
          read_text_and_feedback (r, question, answer, start, segment->end);
          if (answer->text[0] != '\0' || other)
            reading_error (r, start, HB_GIFT_ERROR_SYNTAX,
                           _("write “~#feedback”, once, for the feedback to any other number"));
          other = TRUE;
          g_clear_pointer (&answer->text, g_free);
          answer->number_kind = HB_GIFT_NUMBER_ANY;
          answer->fraction = 0;
          g_ptr_array_add (question->answers, answer);
          continue;
        }

      if (!read_weight (r, &start, segment->end, &fraction))
        fraction = 1;
      answer->fraction = fraction;
      read_text_and_feedback (r, question, answer, start, segment->end);
      if (!read_number (answer))
        reading_error (r, start, HB_GIFT_ERROR_SYNTAX,
                       _("“%s” is not a number; write 1822, 1822:5 (a tolerance) or 1817..1827 (a range)"),
                       answer->text);
      g_clear_pointer (&answer->text, g_free);
      g_ptr_array_add (question->answers, answer);
      best = MAX (best, fraction);
    }

  if (r->failed)
    return;
  if (best < 0)
    reading_error (r, from, HB_GIFT_ERROR_SYNTAX, _("a numerical question needs a number after “#”"));
  else if (best < 1 - 1e-7)
    reading_error (r, from, HB_GIFT_ERROR_SYNTAX, _("no number gets full credit"));
}

/* Whether [from, to) up to its first '#' is T, TRUE, F or FALSE. */
static gboolean
is_true_false (const Cooked *c, gsize from, gsize to, gboolean *truth)
{
  static const char *const words[] = { "T", "TRUE", "F", "FALSE" };
  gssize hash = find_char (c, from, to, '#');
  gsize end = hash >= 0 ? (gsize) hash : to;
  guint i;

  trim (c, &from, &end);
  for (i = 0; i < G_N_ELEMENTS (words); i++)
    if (end - from == strlen (words[i]) && memcmp (c->s->str + from, words[i], end - from) == 0)
      {
        *truth = i < 2;
        return TRUE;
      }
  return FALSE;
}

static void
read_true_false (Reading *r, HbGiftQuestion *question, gsize from, gsize to)
{
  gssize first = find_char (r->c, from, to, '#');
  gssize second = first >= 0 ? find_char (r->c, first + 1, to, '#') : -1;
  HbGiftAnswer *yes = answer_new (r->c, from);
  HbGiftAnswer *no = answer_new (r->c, from);
  char *wrong = NULL, *right = NULL;
  HbGiftFormat wrong_format = question->format, right_format = question->format;

  question->type = HB_GIFT_TRUE_FALSE;
  /* {TRUE#shown for a wrong answer#shown for a right answer} */
  if (first >= 0)
    wrong = extract (r->c, first + 1, second >= 0 ? (gsize) second : to, TRUE, &wrong_format);
  if (second >= 0)
    right = extract (r->c, second + 1, to, TRUE, &right_format);
  if (wrong != NULL && wrong[0] == '\0')
    g_clear_pointer (&wrong, g_free);
  if (right != NULL && right[0] == '\0')
    g_clear_pointer (&right, g_free);

  yes->fraction = question->truth ? 1 : 0;
  no->fraction = question->truth ? 0 : 1;
  if (question->truth)
    {
      yes->feedback = right, yes->feedback_format = right_format;
      no->feedback = wrong, no->feedback_format = wrong_format;
    }
  else
    {
      yes->feedback = wrong, yes->feedback_format = wrong_format;
      no->feedback = right, no->feedback_format = right_format;
    }
  g_ptr_array_add (question->answers, yes);
  g_ptr_array_add (question->answers, no);
}

/* qtype_ordering's "{>4 CONTIGUOUS VERTICAL ABSOLUTE SHOW 123" header,
 * then one item a line. Each word of the header is optional, in this
 * order. */
static gboolean
read_ordering (Reading *r, HbGiftQuestion *question, gsize from, gsize to)
{
  static const char *const select_words[] = { "ALL", "EXACT", "RANDOM", "REL", "CONTIGUOUS", "CONTIG", NULL };
  static const char *const layout_words[] = { "HORIZONTAL", "HORI", "H", "1", "VERTICAL", "VERT", "V", "0", NULL };
  static const char *const grading_words[] = {
    "ALL_OR_NOTHING", "ABSOLUTE_POSITION", "ABSOLUTE", "ABS", "RELATIVE_NEXT_EXCLUDE_LAST",
    "RELATIVE_NEXT_INCLUDE_LAST", "RELATIVE_ONE_PREVIOUS_AND_NEXT", "RELATIVE_ALL_PREVIOUS_AND_NEXT",
    "RELATIVE_TO_CORRECT", "RELATIVE", "REL", "LONGEST_ORDERED_SUBSET", "LONGEST_CONTIGUOUS_SUBSET", NULL
  };
  static const char *const show_words[] = { "SHOW", "TRUE", "YES", "1", "HIDE", "FALSE", "NO", "0", NULL };
  static const char *const numbering_words[] = { "none", "123", "abc", "ABCD", "iii", "IIII", NULL };
  const char *const *const sets[] = { select_words, layout_words, grading_words, show_words, numbering_words };
  const char *s = r->c->s->str;
  gssize eol = find_char (r->c, from, to, '\n');
  gsize header_end = eol >= 0 ? (gsize) eol : to;
  g_autofree char *header = NULL;
  g_auto (GStrv) words = NULL;
  const char *chosen[G_N_ELEMENTS (sets)] = { NULL };
  guint set = 0, w;
  guint64 count;
  char *end = NULL;
  g_autoptr (GString) rest = g_string_new (NULL);
  gsize i;

  if (!is_structural (r->c, from, '>'))
    return FALSE;
  header = collapse (s + from + 1, header_end - from - 1);
  words = g_strsplit (header, " ", -1);
  if (words[0] == NULL || !g_ascii_isdigit (words[0][0]))
    return FALSE;
  count = g_ascii_strtoull (words[0], &end, 10);
  if (*end != '\0')
    return FALSE;

  for (w = 1; words[w] != NULL; w++)
    {
      guint k;
      gboolean found = FALSE;

      for (k = set; k < G_N_ELEMENTS (sets) && !found; k++)
        {
          guint j;

          for (j = 0; sets[k][j] != NULL; j++)
            if (strcmp (words[w], sets[k][j]) == 0)
              {
                chosen[k] = sets[k][j];
                set = k + 1;
                found = TRUE;
                break;
              }
        }
      if (!found)
        break;
    }
  /* What is left of the header line is the first item, as in Moodle. */
  for (; words[w] != NULL; w++)
    g_string_append_printf (rest, "%s%s", rest->len > 0 ? " " : "", words[w]);

  question->type = HB_GIFT_ORDERING;
  if (rest->len > 0)
    {
      HbGiftAnswer *answer = answer_new (r->c, from);

      answer->text = g_string_free (g_steal_pointer (&rest), FALSE);
      g_ptr_array_add (question->answers, answer);
    }
  i = header_end;
  while (i < to)
    {
      gssize next = find_char (r->c, i + 1, to, '\n');
      gsize line_end = next >= 0 ? (gsize) next : to;
      HbGiftFormat format = HB_GIFT_FORMAT_MOODLE;
      char *item = extract (r->c, i, line_end, FALSE, &format);

      if (item[0] != '\0')
        {
          HbGiftAnswer *answer = answer_new (r->c, i + 1);

          answer->text = item;
          g_ptr_array_add (question->answers, answer);
        }
      else
        g_free (item);
      i = line_end;
    }

  if (chosen[0] == NULL || strcmp (chosen[0], "RANDOM") == 0 || strcmp (chosen[0], "REL") == 0)
    question->ordering_select = HB_GIFT_ORDERING_SELECT_RANDOM;
  else if (g_str_has_prefix (chosen[0], "CONTIG"))
    question->ordering_select = HB_GIFT_ORDERING_SELECT_CONTIGUOUS;
  else
    question->ordering_select = HB_GIFT_ORDERING_SELECT_ALL;

  {
    static const struct { const char *word; HbGiftOrderingGrading grading; } gradings[] = {
      { "ALL_OR_NOTHING", HB_GIFT_ORDERING_ALL_OR_NOTHING },
      { "ABSOLUTE_POSITION", HB_GIFT_ORDERING_ABSOLUTE_POSITION },
      { "ABSOLUTE", HB_GIFT_ORDERING_ABSOLUTE_POSITION },
      { "ABS", HB_GIFT_ORDERING_ABSOLUTE_POSITION },
      { "RELATIVE_NEXT_INCLUDE_LAST", HB_GIFT_ORDERING_RELATIVE_NEXT_INCLUDE_LAST },
      { "RELATIVE_ONE_PREVIOUS_AND_NEXT", HB_GIFT_ORDERING_RELATIVE_ONE_PREVIOUS_AND_NEXT },
      { "RELATIVE_ALL_PREVIOUS_AND_NEXT", HB_GIFT_ORDERING_RELATIVE_ALL_PREVIOUS_AND_NEXT },
      { "RELATIVE_TO_CORRECT", HB_GIFT_ORDERING_RELATIVE_TO_CORRECT },
      { "LONGEST_ORDERED_SUBSET", HB_GIFT_ORDERING_LONGEST_ORDERED_SUBSET },
      { "LONGEST_CONTIGUOUS_SUBSET", HB_GIFT_ORDERING_LONGEST_CONTIGUOUS_SUBSET },
    };
    guint k;

    question->ordering_grading = HB_GIFT_ORDERING_RELATIVE_NEXT_EXCLUDE_LAST;
    for (k = 0; chosen[2] != NULL && k < G_N_ELEMENTS (gradings); k++)
      if (strcmp (chosen[2], gradings[k].word) == 0)
        question->ordering_grading = gradings[k].grading;
  }

  if (question->answers->len < 2)
    {
      reading_error (r, from, HB_GIFT_ERROR_SYNTAX, _("an ordering question needs at least two items, one a line"));
      return TRUE;
    }
  /* As qtype_ordering: a count it cannot show is six, or all items. */
  if (question->ordering_select == HB_GIFT_ORDERING_SELECT_ALL
      || count < 2 || count > question->answers->len)
    question->select_count = question->ordering_select == HB_GIFT_ORDERING_SELECT_ALL
                               ? question->answers->len
                               : MIN (6, question->answers->len);
  else
    question->select_count = (guint) count;
  return TRUE;
}

/* "[id:...]" and "[tag:...]" in the comments before a question, as
 * Moodle 3.6 and later read them; "\]" is a "]" inside. */
static void
read_id_and_tags (const char *comments, char **id, char ***tags)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  const char *p = comments;

  *id = NULL;
  while ((p = strchr (p, '[')) != NULL)
    {
      gboolean is_id = g_str_has_prefix (p, "[id:");
      gboolean is_tag = g_str_has_prefix (p, "[tag:");
      g_autoptr (GString) value = g_string_new (NULL);
      const char *q;

      if (!is_id && !is_tag)
        {
          p++;
          continue;
        }
      for (q = p + (is_id ? 4 : 5); *q != '\0' && *q != ']' && *q != '\n'; q++)
        {
          if (q[0] == '\\' && q[1] == ']')
            q++;
          g_string_append_c (value, *q);
        }
      if (*q == ']')
        {
          g_autofree char *clean = g_strstrip (g_strdup (value->str));

          if (clean[0] != '\0')
            {
              if (is_id && *id == NULL)
                *id = g_steal_pointer (&clean);
              else if (is_tag)
                g_ptr_array_add (found, g_steal_pointer (&clean));
            }
        }
      p = *q != '\0' ? q + 1 : q;
    }
  *tags = (char **) g_ptr_array_steal (found, NULL);
  if (*tags == NULL)
    *tags = g_new0 (char *, 1);
}

static char *
text_key (const HbGiftQuestion *question)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) question->text, -1);
  if (question->text_after != NULL)
    {
      g_checksum_update (checksum, (const guchar *) "\n", 1);
      g_checksum_update (checksum, (const guchar *) question->text_after, -1);
    }
  return g_strdup_printf ("q-%.12s", g_checksum_get_string (checksum));
}

static void
set_key (Parser *p, HbGiftQuestion *question)
{
  g_autofree char *base = NULL;
  char *key;
  guint n;

  if (question->id != NULL)
    base = g_strdup (question->id);
  else if (question->title != NULL)
    base = g_strdup (question->title);
  else
    base = text_key (question);

  /* Where the last copy of this key stopped, so that many questions with
   * the same title do not take quadratic time. */
  n = GPOINTER_TO_UINT (g_hash_table_lookup (p->suffixes, base));
  if (n == 0)
    n = 2;
  key = g_strdup (base);
  while (g_hash_table_contains (p->keys, key))
    {
      g_free (key);
      key = g_strdup_printf ("%s-%u", base, n++);
    }
  g_hash_table_insert (p->suffixes, g_strdup (base), GUINT_TO_POINTER (n));
  g_hash_table_add (p->keys, key);
  question->key = g_strdup (key);
}

/* One question: the lines between two blank lines, comments left out. */
static void
read_question (Parser *p, const Cooked *c, const char *comments)
{
  Reading r = { p, c, NULL, 0, FALSE };
  HbGiftQuestion *question = NULL;
  gsize start = 0, end = c->s->len;
  gssize open, close;
  gsize from, to;

  trim (c, &start, &end);
  if (start == end)
    return;
  r.line = line_at (c, start);

  /* $CATEGORY: sets the category of the questions after it. Moodle takes
   * the rest of the block as the category's name, so a question written
   * right under the line is lost; here it is read. */
  if (end - start >= 10 && memcmp (c->s->str + start, "$CATEGORY:", 10) == 0)
    {
      gssize eol = find_char (c, start, end, '\n');
      gsize category_end = eol >= 0 ? (gsize) eol : end;

      g_free (p->category);
      p->category = extract_plain (c, start + 10, category_end);
      if (p->category[0] == '\0')
        g_clear_pointer (&p->category, g_free);
      start = category_end;
      trim (c, &start, &end);
      if (start == end)
        return;
      r.line = line_at (c, start);
    }

  question = g_new0 (HbGiftQuestion, 1);
  question->answers = g_ptr_array_new_with_free_func (answer_free);
  question->line = r.line;
  question->category = g_strdup (p->category);
  read_id_and_tags (comments, &question->id, &question->tags);

  if (find_token (c, start, start + 2 <= end ? start + 2 : start, "::", FALSE) == (gssize) start)
    {
      gssize title_end = find_token (c, start + 2, end, "::", FALSE);

      if (title_end < 0)
        {
          r.label = first_words (c->s->str + start + 2, end - start - 2, FALSE);
          reading_error (&r, start, HB_GIFT_ERROR_SYNTAX, _("the title has no closing “::”"));
          goto out;
        }
      question->title = extract_plain (c, start + 2, title_end);
      if (question->title[0] == '\0')
        g_clear_pointer (&question->title, g_free);
      start = title_end + 2;
      trim (c, &start, &end);
    }

  open = find_char (c, start, end, '{');
  close = find_char (c, start, end, '}');
  {
    gsize label_end = open >= 0 && (close < 0 || open < close) ? (gsize) open : close >= 0 ? (gsize) close : end;
    HbGiftFormat format = HB_GIFT_FORMAT_MOODLE;
    g_autofree char *text = extract (c, start, label_end, TRUE, &format);

    r.label = question->title != NULL ? g_strdup (question->title)
                                      : first_words (text, strlen (text), format == HB_GIFT_FORMAT_HTML);
    /* "{=Asia} is the largest continent.": named by all it says. */
    if (r.label[0] == '\0')
      {
        g_free (r.label);
        r.label = first_words (c->s->str + start, end - start, FALSE);
      }
  }

  if (open < 0 && close < 0)
    {
      question->type = HB_GIFT_DESCRIPTION;
      question->text = extract (c, start, end, TRUE, &question->format);
      if (question->text[0] == '\0')
        reading_error (&r, start, HB_GIFT_ERROR_SYNTAX, _("the question has no text"));
      goto out;
    }
  if (open < 0)
    {
      reading_error (&r, close, HB_GIFT_ERROR_SYNTAX,
                     _("“}” without a “{” before it; write “\\}” for a brace in the text"));
      goto out;
    }
  if (close < 0)
    {
      reading_error (&r, open, HB_GIFT_ERROR_SYNTAX,
                     _("the answers that start with “{” have no closing “}” before the next blank line"));
      goto out;
    }
  if (close < open)
    {
      reading_error (&r, close, HB_GIFT_ERROR_SYNTAX,
                     _("“}” before the “{” of the answers; write “\\}” for a brace in the text"));
      goto out;
    }
  {
    gssize nested = find_char (c, open + 1, close, '{');
    gssize more = find_char (c, close + 1, end, '{');
    gssize stray = find_char (c, close + 1, end, '}');

    /* Moodle reads the first "{" and the first "}" and keeps any other
     * brace as text; a second answer block is then half text, half lost. */
    if (nested >= 0)
      {
        reading_error (&r, nested, HB_GIFT_ERROR_SYNTAX,
                       _("a “{” inside the answers; write “\\{” for a brace"));
        goto out;
      }
    if (more >= 0 || stray >= 0)
      {
        reading_error (&r, more >= 0 ? more : stray, HB_GIFT_ERROR_SYNTAX,
                       _("a question has one answer block in braces; write “\\{” and “\\}” for braces in the text"));
        goto out;
      }
  }

  /* The text before the answers, and after them for a missing word. */
  question->text = extract (c, start, open, TRUE, &question->format);
  {
    gsize a = close + 1, b = end;

    trim (c, &a, &b);
    if (a < b)
      question->text_after = extract (c, a, b, FALSE, &question->format);
  }
  if (question->text[0] == '\0' && question->text_after == NULL)
    {
      reading_error (&r, start, HB_GIFT_ERROR_SYNTAX, _("the question has no text"));
      goto out;
    }

  from = open + 1;
  to = close;
  {
    gssize general = find_token (c, from, to, "####", TRUE);

    if (general >= 0)
      {
        question->general_feedback_format = question->format;
        question->general_feedback = extract (c, general + 4, to, TRUE, &question->general_feedback_format);
        if (question->general_feedback[0] == '\0')
          g_clear_pointer (&question->general_feedback, g_free);
        to = general;
      }
  }
  trim (c, &from, &to);

  /* Which type, in Moodle's order; the ordering plug-in has first go. */
  if (from == to)
    question->type = HB_GIFT_ESSAY;
  else if (read_ordering (&r, question, from, to))
    ;
  else if (is_structural (c, from, '#'))
    read_numbers (&r, question, from + 1, to);
  /* Moodle looks for "~" first, so a "~" in the feedback of a true/false
   * question made it a broken multiple choice one. */
  else if (is_true_false (c, from, to, &question->truth))
    read_true_false (&r, question, from, to);
  else if (find_char (c, from, to, '~') >= 0)
    read_choices (&r, question, from, to);
  else if (find_char (c, from, to, '=') >= 0 && find_token (c, from, to, "->", FALSE) >= 0)
    read_pairs (&r, question, from, to);
  else
    read_short_answers (&r, question, from, to);

out:
  if (!r.failed && question != NULL)
    {
      set_key (p, question);
      g_ptr_array_add (p->questions, g_steal_pointer (&question));
    }
  g_clear_pointer (&question, question_free);
  g_free (r.label);
}

typedef struct
{
  const char *start;
  gsize len;
  guint number;
} Line;

static gboolean
line_is_blank (const Line *line)
{
  gsize i;

  for (i = 0; i < line->len; i++)
    if (!is_blank (line->start[i]))
      return FALSE;
  return TRUE;
}

static gboolean
line_is_comment (const Line *line)
{
  gsize i = 0;

  while (i < line->len && is_blank (line->start[i]))
    i++;
  return i + 1 < line->len && line->start[i] == '/' && line->start[i + 1] == '/';
}

static void
read_block (Parser *p, GArray *block)
{
  g_autoptr (GString) comments = g_string_new (NULL);
  Cooked c;
  guint i;

  if (block->len == 0)
    return;

  cooked_init (&c);
  for (i = 0; i < block->len; i++)
    {
      Line *line = &g_array_index (block, Line, i);

      if (line_is_comment (line))
        {
          g_string_append_len (comments, line->start, line->len);
          g_string_append_c (comments, '\n');
        }
      else
        cooked_add_line (&c, line->start, line->len, line->number);
    }
  if (c.lines->len > 0)
    read_question (p, &c, comments->str);
  cooked_clear (&c);
  g_array_set_size (block, 0);
}

/* For a file that is not UTF-8: the encoding it is most likely in. */
static const char *
guess_encoding (const guchar *text, gsize len)
{
  gsize i, pairs = 0;
  gboolean cp1252 = TRUE, gb = TRUE;

  if (len >= 2 && ((text[0] == 0xff && text[1] == 0xfe) || (text[0] == 0xfe && text[1] == 0xff)))
    return "UTF-16";
  for (i = 0; i < len; i++)
    {
      if (text[i] == 0)
        return "UTF-16";
      if (text[i] < 0x80)
        continue;
      /* Bytes Windows-1252 leaves undefined. */
      if (text[i] == 0x81 || text[i] == 0x8d || text[i] == 0x8f || text[i] == 0x90 || text[i] == 0x9d)
        cp1252 = FALSE;
      /* GB 2312 (and so GBK and GB 18030) hanzi: two bytes from 0xa1. */
      if (gb && text[i] >= 0xa1 && text[i] <= 0xf7 && i + 1 < len && text[i + 1] >= 0xa1 && text[i + 1] <= 0xfe)
        {
          pairs++;
          i++;
        }
      else
        gb = FALSE;
    }
  if (gb && pairs > 0)
    return "GB 18030";
  if (cp1252)
    return "Windows-1252";
  return NULL;
}

static gboolean
check_encoding (const char *text, gsize len, const char *file, guint first_line, GError **error)
{
  const char *bad = NULL;
  const char *encoding;
  guint line = first_line;
  const char *p;

  if (g_utf8_validate_len (text, len, &bad))
    return TRUE;

  for (p = text; p < bad; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 >= bad || p[1] != '\n')))
      line++;
  encoding = guess_encoding ((const guchar *) text, len);
  if (encoding != NULL)
    g_set_error (error, HB_GIFT_ERROR, HB_GIFT_ERROR_ENCODING,
                 _("%s:%u: the file is not UTF-8; it looks like %s. GIFT files must be UTF-8: save it as UTF-8"),
                 file, line, encoding);
  else
    g_set_error (error, HB_GIFT_ERROR, HB_GIFT_ERROR_ENCODING,
                 _("%s:%u: the file is not UTF-8. GIFT files must be UTF-8: save it as UTF-8"),
                 file, line);
  return FALSE;
}

HbGiftQuiz *
hb_gift_parse (const char *text, gssize len, const char *file, guint first_line, GError **error)
{
  g_autoptr (GArray) block = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr (HbGiftQuiz) quiz = NULL;
  Parser p = { 0 };
  const char *pos, *end;
  guint number = MAX (first_line, 1);

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < 0)
    len = strlen (text);
  if (!check_encoding (text, len, file, number, error))
    return NULL;

  pos = text;
  end = text + len;
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    pos += 3;

  p.file = file;
  p.errors = g_string_new (NULL);
  p.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p.suffixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p.questions = g_ptr_array_new_with_free_func (question_free);

  while (pos < end)
    {
      const char *eol = pos;
      Line line;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      line.start = pos;
      line.len = eol - pos;
      line.number = number++;
      if (line_is_blank (&line))
        read_block (&p, block);
      else
        g_array_append_val (block, line);

      if (eol < end && *eol == '\r' && eol + 1 < end && eol[1] == '\n')
        eol++;
      pos = eol < end ? eol + 1 : end;
    }
  read_block (&p, block);

  if (p.n_errors > 0)
    {
      if (p.n_errors > MAX_LISTED_ERRORS)
        g_string_append_printf (p.errors,
                                g_dngettext (GETTEXT_PACKAGE, "\n…and %u more broken question",
                                             "\n…and %u more broken questions", p.n_errors - MAX_LISTED_ERRORS),
                                p.n_errors - MAX_LISTED_ERRORS);
      g_set_error_literal (error, HB_GIFT_ERROR, p.code, p.errors->str);
    }
  else
    {
      quiz = g_new0 (HbGiftQuiz, 1);
      quiz->questions = g_steal_pointer (&p.questions);
    }

  g_string_free (p.errors, TRUE);
  g_hash_table_unref (p.keys);
  g_hash_table_unref (p.suffixes);
  g_clear_pointer (&p.questions, g_ptr_array_unref);
  g_free (p.category);
  return g_steal_pointer (&quiz);
}

int
hb_gift_question_find_answer (const HbGiftQuestion *question, const char *text)
{
  guint i;

  g_return_val_if_fail (question != NULL, -1);
  g_return_val_if_fail (text != NULL, -1);

  for (i = 0; i < question->answers->len; i++)
    {
      const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);

      if (answer->text != NULL && strcmp (answer->text, text) == 0)
        return i;
    }
  return -1;
}

char **
hb_gift_question_match_choices (const HbGiftQuestion *question)
{
  g_autoptr (GPtrArray) choices = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  char **result;
  guint i;

  g_return_val_if_fail (question != NULL, NULL);

  for (i = 0; i < question->answers->len; i++)
    {
      const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);

      if (answer->match != NULL && g_hash_table_add (seen, answer->match))
        g_ptr_array_add (choices, g_strdup (answer->match));
    }
  result = (char **) g_ptr_array_steal (choices, NULL);
  return result != NULL ? result : g_new0 (char *, 1);
}

/* ------------------------------------------------------------------ */
/* Pango markup */

/* Deeper nesting than this is not kept (and cannot make the output
 * invalid, only plainer). */
#define MAX_MARKUP_DEPTH 16

typedef struct
{
  GString *out;
  GPtrArray *open;   /* const char *: the Pango tags open, outermost first */
  guint breaks;      /* line breaks to write before the next text */
  gboolean space;    /* a space to write before the next text */
  gboolean started;  /* some text is written */
  gboolean pre;      /* inside <pre>: blanks are kept */
} Markup;

static void
markup_init (Markup *m)
{
  m->out = g_string_new (NULL);
  m->open = g_ptr_array_new ();
  m->breaks = 0;
  m->space = FALSE;
  m->started = FALSE;
  m->pre = FALSE;
}

static char *
markup_finish (Markup *m)
{
  while (m->open->len > 0)
    {
      const char *tag = g_ptr_array_steal_index (m->open, m->open->len - 1);

      g_string_append_printf (m->out, "</%s>", tag);
    }
  g_ptr_array_unref (m->open);
  return g_string_free (m->out, FALSE);
}

static void
markup_break (Markup *m, guint n)
{
  m->breaks = MAX (m->breaks, n);
}

static void
markup_flush (Markup *m)
{
  if (m->started)
    {
      if (m->breaks > 0)
        {
          guint i;

          for (i = 0; i < m->breaks; i++)
            g_string_append_c (m->out, '\n');
        }
      else if (m->space)
        g_string_append_c (m->out, ' ');
    }
  m->breaks = 0;
  m->space = FALSE;
  m->started = TRUE;
}

/* Control characters that Pango markup cannot hold. */
static inline gboolean
is_control (gunichar ch)
{
  return (ch < 0x20 && ch != '\t' && ch != '\n') || (ch >= 0x7f && ch <= 0x9f);
}

/* Appends text, escaped; blanks fold into one space unless @keep. */
static void
markup_text (Markup *m, const char *text, gsize len, gboolean keep)
{
  const char *p = text, *end = text + len;

  while (p < end)
    {
      const char *next = g_utf8_next_char (p);
      gunichar ch = g_utf8_get_char (p);

      if (keep && ch == '\n')
        {
          if (m->started)
            m->breaks++;
        }
      else if (!keep && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'))
        m->space = TRUE;
      else if (!is_control (ch))
        {
          markup_flush (m);
          switch (ch)
            {
            case '&': g_string_append (m->out, "&amp;"); break;
            case '<': g_string_append (m->out, "&lt;"); break;
            case '>': g_string_append (m->out, "&gt;"); break;
            case '"': g_string_append (m->out, "&quot;"); break;
            case '\'': g_string_append (m->out, "&#39;"); break;
            default: g_string_append_len (m->out, p, next - p); break;
            }
        }
      p = next;
    }
}

static void
markup_open (Markup *m, const char *tag)
{
  if (m->open->len >= MAX_MARKUP_DEPTH)
    return;
  /* The blank before a tag goes before it: "the <b>word</b>". */
  if (m->started)
    markup_flush (m);
  g_ptr_array_add (m->open, (gpointer) tag);
  g_string_append_printf (m->out, "<%s>", tag);
}

/* Closes the innermost open @tag; the tags opened inside it are closed
 * and opened again, so the markup stays well nested whatever the HTML. */
static void
markup_close (Markup *m, const char *tag)
{
  guint i, k;

  for (k = m->open->len; k > 0; k--)
    if (strcmp (g_ptr_array_index (m->open, k - 1), tag) == 0)
      break;
  if (k == 0)
    return;
  for (i = m->open->len; i >= k; i--)
    g_string_append_printf (m->out, "</%s>", (const char *) g_ptr_array_index (m->open, i - 1));
  g_ptr_array_remove_index (m->open, k - 1);
  for (i = k - 1; i < m->open->len; i++)
    g_string_append_printf (m->out, "<%s>", (const char *) g_ptr_array_index (m->open, i));
}

/* The HTML named character references a question is likely to hold. */
static gunichar
named_entity (const char *name, gsize len)
{
  /* U+00A0 to U+00FF, in order. */
  static const char *const latin1[] = {
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para",
    "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave",
    "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc",
    "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc",
    "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave",
    "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve",
    "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml",
    "yacute", "thorn", "yuml",
  };
  static const struct { const char *name; gunichar ch; } others[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "OElig", 0x152 }, { "oelig", 0x153 }, { "Scaron", 0x160 }, { "scaron", 0x161 },
    { "Yuml", 0x178 }, { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 },
    { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
    { "sbquo", 0x201a }, { "ldquo", 0x201c }, { "rdquo", 0x201d }, { "bdquo", 0x201e },
    { "bull", 0x2022 }, { "hellip", 0x2026 }, { "euro", 0x20ac }, { "trade", 0x2122 },
    { "larr", 0x2190 }, { "rarr", 0x2192 }, { "le", 0x2264 }, { "ge", 0x2265 }, { "ne", 0x2260 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (latin1); i++)
    if (strlen (latin1[i]) == len && memcmp (latin1[i], name, len) == 0)
      return 0xa0 + i;
  for (i = 0; i < G_N_ELEMENTS (others); i++)
    if (strlen (others[i].name) == len && memcmp (others[i].name, name, len) == 0)
      return others[i].ch;
  return 0;
}

/* Reads "&...;" at @p: the character, and where it ends; 0 if it is not
 * a character reference. */
static gunichar
read_entity (const char *p, const char *end, const char **after)
{
  const char *q = p + 1;
  gunichar ch = 0;

  if (q < end && *q == '#')
    {
      gboolean hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
      guint64 value = 0;
      const char *digits;

      q += hex ? 2 : 1;
      digits = q;
      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)) && q - digits < 8)
        {
          value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
          q++;
        }
      if (q == digits || q >= end || *q != ';' || value > 0x10ffff)
        return 0;
      ch = (gunichar) value;
    }
  else
    {
      const char *name = q;

      while (q < end && g_ascii_isalnum (*q) && q - name < 10)
        q++;
      if (q == name || q >= end || *q != ';')
        return 0;
      ch = named_entity (name, q - name);
    }
  if (ch == 0 || !g_unichar_validate (ch))
    return 0;
  *after = q + 1;
  return ch;
}

typedef enum { BLOCK_NONE, BLOCK_PARAGRAPH, BLOCK_LINE, BLOCK_CELL } BlockKind;

/* What an HTML element becomes. */
static const char *
html_tag (const char *name, BlockKind *block)
{
  static const struct { const char *html; const char *pango; BlockKind block; } tags[] = {
    { "b", "b" }, { "strong", "b" }, { "i", "i" }, { "em", "i" }, { "cite", "i" }, { "var", "i" },
    { "dfn", "i" }, { "u", "u" }, { "ins", "u" }, { "s", "s" }, { "strike", "s" }, { "del", "s" },
    { "sub", "sub" }, { "sup", "sup" }, { "code", "tt" }, { "tt", "tt" }, { "kbd", "tt" },
    { "samp", "tt" },
    { "p", NULL, BLOCK_PARAGRAPH }, { "div", NULL, BLOCK_PARAGRAPH }, { "blockquote", NULL, BLOCK_PARAGRAPH },
    { "ul", NULL, BLOCK_PARAGRAPH }, { "ol", NULL, BLOCK_PARAGRAPH }, { "table", NULL, BLOCK_PARAGRAPH },
    { "pre", NULL, BLOCK_PARAGRAPH }, { "hr", NULL, BLOCK_PARAGRAPH }, { "section", NULL, BLOCK_PARAGRAPH },
    { "dl", NULL, BLOCK_PARAGRAPH }, { "figure", NULL, BLOCK_PARAGRAPH },
    { "h1", "b", BLOCK_PARAGRAPH }, { "h2", "b", BLOCK_PARAGRAPH }, { "h3", "b", BLOCK_PARAGRAPH },
    { "h4", "b", BLOCK_PARAGRAPH }, { "h5", "b", BLOCK_PARAGRAPH }, { "h6", "b", BLOCK_PARAGRAPH },
    { "tr", NULL, BLOCK_LINE }, { "dt", NULL, BLOCK_LINE }, { "dd", NULL, BLOCK_LINE },
    { "td", NULL, BLOCK_CELL }, { "th", NULL, BLOCK_CELL },
  };
  guint i;

  *block = BLOCK_NONE;
  for (i = 0; i < G_N_ELEMENTS (tags); i++)
    if (strcmp (tags[i].html, name) == 0)
      {
        *block = tags[i].block;
        return tags[i].pango;
      }
  return NULL;
}

/* The end of the tag that starts at @p ('<'), quoted attribute values
 * skipped; NULL if it does not end. */
static const char *
tag_end (const char *p, const char *end)
{
  char quote = 0;

  for (p++; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p;
    }
  return NULL;
}

static void
html_to_markup (Markup *m, const char *text, gsize len)
{
  const char *p = text, *end = text + len;
  const char *run = p;
  /* Once a tag does not end, none after it can: the rest is text (and
   * each "<" is not scanned to the end again). */
  gboolean tags = TRUE;

  while (p < end)
    {
      if (*p == '&')
        {
          const char *after = NULL;
          gunichar ch = read_entity (p, end, &after);

          if (ch != 0)
            {
              char utf8[8];
              int n = g_unichar_to_utf8 (ch, utf8);

              markup_text (m, run, p - run, m->pre);
              markup_text (m, utf8, n, m->pre);
              p = run = after;
              continue;
            }
        }
      else if (*p == '<' && tags)
        {
          const char *close = NULL;
          const char *name;
          char tag_name[16];
          gsize n = 0;
          gboolean closing;

          if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
            {
              const char *comment_end = g_strstr_len (p + 4, end - p - 4, "-->");

              markup_text (m, run, p - run, m->pre);
              p = run = comment_end != NULL ? comment_end + 3 : end;
              continue;
            }

          closing = p + 1 < end && p[1] == '/';
          name = p + (closing ? 2 : 1);
          /* A tag name starts with a letter: "<3" is text. */
          while (name + n < end && (g_ascii_isalpha (name[n]) || (n > 0 && g_ascii_isdigit (name[n])))
                 && n < sizeof tag_name - 1)
            {
              tag_name[n] = g_ascii_tolower (name[n]);
              n++;
            }
          tag_name[n] = '\0';
          if (n > 0 || (p + 1 < end && (p[1] == '!' || p[1] == '?')))
            {
              close = tag_end (p, end);
              tags = close != NULL;
            }

          if (close != NULL)
            {
              BlockKind block;
              const char *pango;

              markup_text (m, run, p - run, m->pre);
              p = run = close + 1;

              if (!closing && (strcmp (tag_name, "script") == 0 || strcmp (tag_name, "style") == 0))
                {
                  /* Their content is no text. */
                  g_autofree char *end_tag = g_strconcat ("</", tag_name, NULL);
                  const char *q = p;

                  while (q < end && g_ascii_strncasecmp (q, end_tag, MIN (strlen (end_tag), (gsize) (end - q))) != 0)
                    q++;
                  p = run = q;
                  continue;
                }
              if (strcmp (tag_name, "br") == 0)
                {
                  if (m->started)
                    m->breaks++;
                  continue;
                }
              if (strcmp (tag_name, "li") == 0)
                {
                  if (!closing)
                    {
                      markup_break (m, 1);
                      markup_text (m, "• ", strlen ("• "), TRUE);
                    }
                  continue;
                }
              if (strcmp (tag_name, "pre") == 0)
                m->pre = !closing;

              pango = html_tag (tag_name, &block);
              if (block == BLOCK_PARAGRAPH)
                markup_break (m, 2);
              else if (block == BLOCK_LINE)
                markup_break (m, 1);
              else if (block == BLOCK_CELL && !closing)
                m->space = TRUE;
              if (pango != NULL)
                {
                  if (closing)
                    markup_close (m, pango);
                  else
                    markup_open (m, pango);
                }
              continue;
            }
        }
      p++;
    }
  markup_text (m, run, end - run, m->pre);
}

static void
cmark_to_markup (Markup *m, cmark_node *document)
{
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean entering = event == CMARK_EVENT_ENTER;
      cmark_node *parent = cmark_node_parent (node);
      const char *literal = cmark_node_get_literal (node);
      const char *tag = NULL;

      if (literal == NULL)
        literal = "";

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_PARAGRAPH:
          if (entering && parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM)
            {
              if (cmark_node_previous (node) != NULL)
                markup_break (m, cmark_node_get_list_tight (cmark_node_parent (parent)) ? 1 : 2);
            }
          else if (entering)
            markup_break (m, 2);
          break;
        case CMARK_NODE_HEADING:
          markup_break (m, 2);
          tag = "b";
          break;
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_THEMATIC_BREAK:
          markup_break (m, 2);
          break;
        case CMARK_NODE_LIST:
          markup_break (m, parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM ? 1 : 2);
          break;
        case CMARK_NODE_ITEM:
          if (entering)
            {
              cmark_node *sibling;
              g_autofree char *bullet = NULL;
              int index = 0, depth = 0;
              cmark_node *up;

              for (sibling = cmark_node_previous (node); sibling != NULL; sibling = cmark_node_previous (sibling))
                index++;
              for (up = parent; up != NULL; up = cmark_node_parent (up))
                if (cmark_node_get_type (up) == CMARK_NODE_LIST)
                  depth++;
              if (cmark_node_get_list_type (parent) == CMARK_ORDERED_LIST)
                bullet = g_strdup_printf ("%*s%d. ", 2 * MAX (depth - 1, 0), "",
                                          cmark_node_get_list_start (parent) + index);
              else
                bullet = g_strdup_printf ("%*s• ", 2 * MAX (depth - 1, 0), "");
              markup_break (m, 1);
              markup_flush (m);
              markup_text (m, bullet, strlen (bullet), TRUE);
            }
          break;
        case CMARK_NODE_CODE_BLOCK:
          {
            gsize n = strlen (literal);

            while (n > 0 && literal[n - 1] == '\n')
              n--;
            markup_break (m, 2);
            markup_flush (m);
            markup_open (m, "tt");
            markup_text (m, literal, n, TRUE);
            markup_close (m, "tt");
            markup_break (m, 2);
          }
          break;
        case CMARK_NODE_HTML_BLOCK:
          markup_break (m, 2);
          html_to_markup (m, literal, strlen (literal));
          markup_break (m, 2);
          break;
        case CMARK_NODE_HTML_INLINE:
          html_to_markup (m, literal, strlen (literal));
          break;
        case CMARK_NODE_TEXT:
          markup_text (m, literal, strlen (literal), TRUE);
          break;
        case CMARK_NODE_SOFTBREAK:
          m->space = TRUE;
          break;
        case CMARK_NODE_LINEBREAK:
          if (m->started)
            m->breaks++;
          break;
        case CMARK_NODE_CODE:
          markup_flush (m);
          markup_open (m, "tt");
          markup_text (m, literal, strlen (literal), TRUE);
          markup_close (m, "tt");
          break;
        case CMARK_NODE_EMPH:
          tag = "i";
          break;
        case CMARK_NODE_STRONG:
          tag = "b";
          break;
        default:
          if (g_strcmp0 (cmark_node_get_type_string (node), "strikethrough") == 0)
            tag = "s";
          break;
        }

      if (tag != NULL)
        {
          if (entering)
            markup_open (m, tag);
          else
            markup_close (m, tag);
        }
    }
  cmark_iter_free (iter);
}

static void
markdown_to_markup (Markup *m, const char *text)
{
  cmark_parser *parser;
  cmark_node *document;
  cmark_syntax_extension *strike;

  static gsize registered = 0;

  /* Once, even from several threads. */
  if (g_once_init_enter (&registered))
    {
      cmark_gfm_core_extensions_ensure_registered ();
      g_once_init_leave (&registered, 1);
    }
  parser = cmark_parser_new (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
  strike = cmark_find_syntax_extension ("strikethrough");
  if (strike != NULL)
    cmark_parser_attach_syntax_extension (parser, strike);
  cmark_parser_feed (parser, text, strlen (text));
  document = cmark_parser_finish (parser);
  cmark_to_markup (m, document);
  cmark_node_free (document);
  cmark_parser_free (parser);
}

char *
hb_gift_text_to_markup (const char *text, HbGiftFormat format)
{
  Markup m;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  markup_init (&m);
  switch (format)
    {
    case HB_GIFT_FORMAT_HTML:
      html_to_markup (&m, text, strlen (text));
      break;
    case HB_GIFT_FORMAT_MARKDOWN:
      markdown_to_markup (&m, text);
      break;
    case HB_GIFT_FORMAT_MOODLE:
    case HB_GIFT_FORMAT_PLAIN:
    default:
      {
        gsize len = strlen (text);

        /* Blanks are kept, but not at the ends. */
        while (len > 0 && is_blank (text[len - 1]))
          len--;
        while (len > 0 && is_blank (*text))
          text++, len--;
        markup_text (&m, text, len, TRUE);
      }
      break;
    }
  return markup_finish (&m);
}

/* ------------------------------------------------------------------ */
/* ```gift blocks in Markdown */

GPtrArray *
hb_gift_find_blocks (const char *markdown, guint first_line)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_gift_block_free);
  cmark_parser *parser;
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (markdown != NULL, blocks);

  first_line = MAX (first_line, 1);
  parser = cmark_parser_new (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES);
  cmark_parser_feed (parser, markdown, strlen (markdown));
  document = cmark_parser_finish (parser);
  cmark_parser_free (parser);

  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      const char *info;
      int fence_length = 0, fence_offset = 0;
      char fence_char = 0;
      gsize word;

      if (event != CMARK_EVENT_ENTER || cmark_node_get_type (node) != CMARK_NODE_CODE_BLOCK
          || !cmark_node_get_fenced (node, &fence_length, &fence_offset, &fence_char))
        continue;
      info = cmark_node_get_fence_info (node);
      if (info == NULL)
        continue;
      word = strcspn (info, " \t");
      if (word == 4 && g_ascii_strncasecmp (info, "gift", 4) == 0)
        {
          HbGiftBlock *block = g_new0 (HbGiftBlock, 1);
          const char *literal = cmark_node_get_literal (node);

          block->text = g_strdup (literal != NULL ? literal : "");
          /* cmark counts lines from 1; the content starts after the fence. */
          block->line = first_line + cmark_node_get_start_line (node);
          g_ptr_array_add (blocks, block);
        }
    }
  cmark_iter_free (iter);
  cmark_node_free (document);
  return blocks;
}
