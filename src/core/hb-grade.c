/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-grade"

#include "config.h"

#include "hb-grade.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* question_state::graded_state_for_fraction() */
#define RIGHT_ABOVE 0.999999
#define WRONG_BELOW 0.000001

/* ------------------------------------------------------------------ */
/* Responses */

HbGradeResponse *
hb_grade_response_new (void)
{
  HbGradeResponse *response = g_new0 (HbGradeResponse, 1);

  response->choice = -1;
  response->choices = g_array_new (FALSE, FALSE, sizeof (guint));
  response->matches = g_ptr_array_new_with_free_func (g_free);
  response->order = g_array_new (FALSE, FALSE, sizeof (guint));
  return response;
}

HbGradeResponse *
hb_grade_response_new_choice (int choice)
{
  HbGradeResponse *response = hb_grade_response_new ();

  response->choice = choice;
  return response;
}

HbGradeResponse *
hb_grade_response_new_choices (const guint *choices, guint n_choices)
{
  HbGradeResponse *response = hb_grade_response_new ();

  g_array_append_vals (response->choices, choices, n_choices);
  return response;
}

HbGradeResponse *
hb_grade_response_new_truth (gboolean truth)
{
  HbGradeResponse *response = hb_grade_response_new ();

  response->answered = TRUE;
  response->truth = truth;
  return response;
}

HbGradeResponse *
hb_grade_response_new_text (const char *text)
{
  HbGradeResponse *response = hb_grade_response_new ();

  response->text = g_strdup (text);
  return response;
}

HbGradeResponse *
hb_grade_response_new_number (double number)
{
  HbGradeResponse *response = hb_grade_response_new ();

  response->answered = TRUE;
  response->number = number;
  return response;
}

HbGradeResponse *
hb_grade_response_new_matches (const char *const *matches, guint n_matches)
{
  HbGradeResponse *response = hb_grade_response_new ();
  guint i;

  for (i = 0; i < n_matches; i++)
    g_ptr_array_add (response->matches, g_strdup (matches[i]));
  return response;
}

HbGradeResponse *
hb_grade_response_new_order (const guint *order, guint n_order)
{
  HbGradeResponse *response = hb_grade_response_new ();

  g_array_append_vals (response->order, order, n_order);
  return response;
}

void
hb_grade_response_free (HbGradeResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->choices, g_array_unref);
  g_free (response->text);
  g_clear_pointer (&response->matches, g_ptr_array_unref);
  g_clear_pointer (&response->order, g_array_unref);
  g_free (response);
}

gboolean
hb_grade_parse_number (const char *text, double *number)
{
  g_autofree char *copy = NULL;
  char *comma, *end = NULL;
  double value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  /* "3,5": a decimal comma, when it is the only separator. */
  comma = strchr (copy, ',');
  if (comma != NULL && strchr (copy, '.') == NULL && strchr (comma + 1, ',') == NULL)
    *comma = '.';
  if (copy[0] == '\0')
    return FALSE;
  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (value))
    return FALSE;
  *number = value;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Results */

static void
feedback_free (gpointer data)
{
  HbGradeFeedback *feedback = data;

  g_free (feedback->text);
  g_free (feedback);
}

void
hb_grade_result_free (HbGradeResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->feedback, g_ptr_array_unref);
  g_clear_pointer (&result->right, g_array_unref);
  g_free (result->right_answer);
  g_free (result);
}

static HbGradeState
state_for_fraction (double fraction)
{
  if (fraction < WRONG_BELOW)
    return HB_GRADE_WRONG;
  if (fraction > RIGHT_ABOVE)
    return HB_GRADE_RIGHT;
  return HB_GRADE_PARTIAL;
}

void
hb_grade_result_set_manual (HbGradeResult *result, double fraction)
{
  g_return_if_fail (result != NULL);

  result->fraction = CLAMP (fraction, 0.0, 1.0);
  result->state = state_for_fraction (result->fraction);
}

static void
add_feedback (HbGradeResult *result, int answer, const char *text, HbGiftFormat format)
{
  HbGradeFeedback *feedback;

  if (text == NULL || text[0] == '\0')
    return;
  feedback = g_new0 (HbGradeFeedback, 1);
  feedback->answer = answer;
  feedback->text = g_strdup (text);
  feedback->format = format;
  g_ptr_array_add (result->feedback, feedback);
}

static void
add_right (HbGradeResult *result, guint answer)
{
  g_array_append_val (result->right, answer);
}

static void
text_cb (GMarkupParseContext *context, const char *text, gsize len, gpointer user_data, GError **error)
{
  g_string_append_len (user_data, text, len);
}

/* A text in any format as plain text, on one line. */
static char *
plain (const char *text, HbGiftFormat format)
{
  static const GMarkupParser parser = { NULL, NULL, text_cb, NULL, NULL };
  g_autofree char *markup = hb_gift_text_to_markup (text, format);
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  g_autoptr (GMarkupParseContext) context = NULL;
  GString *out = g_string_new (NULL);
  char *p;

  context = g_markup_parse_context_new (&parser, 0, out, NULL);
  /* The markup is always valid; if not, the text so far is kept. */
  if (g_markup_parse_context_parse (context, wrapped, -1, NULL))
    g_markup_parse_context_end_parse (context, NULL);
  for (p = out->str; *p != '\0'; p++)
    if (*p == '\n')
      *p = ' ';
  return g_string_free (out, FALSE);
}

static const HbGiftAnswer *
answer_at (const HbGiftQuestion *question, guint i)
{
  return g_ptr_array_index (question->answers, i);
}

/* ------------------------------------------------------------------ */
/* Short answers: Moodle's compare_string_with_wildcard() */

/* The case-folded NFC form of [text, text + len). */
static char *
fold (const char *text, gssize len)
{
  g_autofree char *normal = g_utf8_normalize (text, len, G_NORMALIZE_NFC);

  if (normal == NULL)
    return g_strdup ("");
  return g_utf8_casefold (normal, -1);
}

/* Whether @response matches @pattern, where a run of unescaped "*" is any
 * run of characters and "\*" is a star. Both are compared folded; the
 * pieces between stars are matched leftmost first, which for "*" alone is
 * exact. */
static gboolean
matches_pattern (const char *response, const char *pattern)
{
  g_autoptr (GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) piece = g_string_new (NULL);
  g_autofree char *subject = fold (response, -1);
  const char *p;
  const char *at;
  gsize subject_len = strlen (subject);
  guint i;

  /* Split at each run of unescaped stars: "*" is two empty pieces. */
  p = pattern;
  while (*p != '\0')
    {
      if (p[0] == '\\' && p[1] == '*')
        {
          g_string_append_c (piece, '*');
          p += 2;
        }
      else if (*p == '*')
        {
          g_ptr_array_add (pieces, fold (piece->str, piece->len));
          g_string_truncate (piece, 0);
          while (*p == '*')
            p++;
        }
      else
        g_string_append_c (piece, *p++);
    }
  g_ptr_array_add (pieces, fold (piece->str, piece->len));

  /* No star: the whole text. */
  if (pieces->len == 1)
    return strcmp (subject, g_ptr_array_index (pieces, 0)) == 0;

  {
    const char *first = g_ptr_array_index (pieces, 0);
    const char *last = g_ptr_array_index (pieces, pieces->len - 1);
    gsize first_len = strlen (first), last_len = strlen (last);
    const char *limit;

    if (subject_len < first_len + last_len
        || strncmp (subject, first, first_len) != 0
        || strcmp (subject + subject_len - last_len, last) != 0)
      return FALSE;
    at = subject + first_len;
    limit = subject + subject_len - last_len;
    for (i = 1; i + 1 < pieces->len; i++)
      {
        const char *middle = g_ptr_array_index (pieces, i);
        const char *found;

        if (middle[0] == '\0')
          continue;
        found = g_strstr_len (at, limit - at, middle);
        if (found == NULL)
          return FALSE;
        at = found + strlen (middle);
      }
  }
  return TRUE;
}

/* A short answer as a person would read it: "\*" is a star. */
static char *
unescape_star (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (p[0] == '\\' && p[1] == '*')
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------ */
/* Ordering: qtype_ordering_question::grade_response() */

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The longest subsequence of strictly increasing positions (patience
 * sorting, n log n). */
static guint
longest_increasing (const guint *positions, guint n)
{
  g_autofree guint *tails = g_new0 (guint, MAX (n, 1));
  guint length = 0;
  guint i;

  for (i = 0; i < n; i++)
    {
      guint lo = 0, hi = length;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (tails[mid] < positions[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      tails[lo] = positions[i];
      if (lo == length)
        length++;
    }
  return length;
}

/* Pairs out of order, by merge sort; sorts @v, uses @tmp. */
static guint64
count_inversions (guint *v, guint *tmp, guint n)
{
  guint64 count;
  guint half = n / 2, i = 0, j = half, k = 0;

  if (n < 2)
    return 0;
  count = count_inversions (v, tmp, half) + count_inversions (v + half, tmp, n - half);
  while (i < half && j < n)
    {
      if (v[i] <= v[j])
        tmp[k++] = v[i++];
      else
        {
          count += half - i;
          tmp[k++] = v[j++];
        }
    }
  while (i < half)
    tmp[k++] = v[i++];
  while (j < n)
    tmp[k++] = v[j++];
  memcpy (v, tmp, n * sizeof (guint));
  return count;
}

/* @given: distinct item indices in the order given. Their right order is
 * their order in the file, so each one's right position is its rank. */
static double
grade_order (const HbGiftQuestion *question, const guint *given, guint n)
{
  g_autofree guint *sorted = g_memdup2 (given, n * sizeof (guint));
  g_autofree guint *position = g_new0 (guint, n); /* of given[i] */
  g_autofree guint *where = g_new0 (guint, n);    /* of position k in given */
  guint64 right = 0, total = 0;
  guint i;

  qsort (sorted, n, sizeof (guint), compare_guint);
  for (i = 0; i < n; i++)
    {
      guint *found = bsearch (&given[i], sorted, n, sizeof (guint), compare_guint);

      position[i] = found - sorted;
      where[position[i]] = i;
    }

  switch (question->ordering_grading)
    {
    case HB_GIFT_ORDERING_ALL_OR_NOTHING:
    case HB_GIFT_ORDERING_ABSOLUTE_POSITION:
      for (i = 0; i < n; i++)
        right += position[i] == i;
      total = n;
      if (question->ordering_grading == HB_GIFT_ORDERING_ALL_OR_NOTHING && right < total)
        right = 0;
      break;

    case HB_GIFT_ORDERING_RELATIVE_NEXT_EXCLUDE_LAST:
    case HB_GIFT_ORDERING_RELATIVE_NEXT_INCLUDE_LAST:
      /* Whether each item is followed by its right next one (for the last
       * one, if included, by nothing). */
      for (i = 0; i < n; i++)
        {
          guint at = where[i];

          if (i + 1 < n)
            right += at + 1 < n && position[at + 1] == i + 1;
          else if (question->ordering_grading == HB_GIFT_ORDERING_RELATIVE_NEXT_INCLUDE_LAST)
            right += at + 1 == n;
          else
            break;
          total++;
        }
      break;

    case HB_GIFT_ORDERING_RELATIVE_ONE_PREVIOUS_AND_NEXT:
      /* Each item's previous and next ones ("none" at the ends). */
      for (i = 0; i < n; i++)
        {
          guint k = position[i];

          right += (i == 0 && k == 0) || (i > 0 && k > 0 && position[i - 1] == k - 1);
          right += (i + 1 == n && k + 1 == n) || (i + 1 < n && k + 1 < n && position[i + 1] == k + 1);
          total += 2;
        }
      break;

    case HB_GIFT_ORDERING_RELATIVE_ALL_PREVIOUS_AND_NEXT:
      /* Every item's place before or after every other: each pair counts
       * twice, once from each side. */
      {
        g_autofree guint *copy = g_memdup2 (position, n * sizeof (guint));
        g_autofree guint *tmp = g_new0 (guint, n);
        guint64 pairs = (guint64) n * (n - 1);

        total = pairs;
        right = pairs - 2 * count_inversions (copy, tmp, n);
      }
      break;

    case HB_GIFT_ORDERING_RELATIVE_TO_CORRECT:
      /* n - 1 for each item in place, one less for each place off. */
      if (n > 1)
        for (i = 0; i < n; i++)
          {
            guint off = position[i] > i ? position[i] - i : i - position[i];

            right += off < n - 1 ? n - 1 - off : 0;
            total += n - 1;
          }
      break;

    case HB_GIFT_ORDERING_LONGEST_ORDERED_SUBSET:
      /* The longest run of items in the right order among themselves;
       * one item alone does not count. */
      right = longest_increasing (position, n);
      right = right > 1 ? right : 0;
      total = n;
      break;

    case HB_GIFT_ORDERING_LONGEST_CONTIGUOUS_SUBSET:
      /* The same, of items that follow each other in the right order
       * (positions k, k + 1, k + 2...). */
      {
        guint run = 0, longest = 0;

        for (i = 0; i < n; i++)
          {
            run = i > 0 && where[i - 1] < where[i] ? run + 1 : 1;
            longest = MAX (longest, run);
          }
        right = longest > 1 ? longest : 0;
        total = n;
      }
      break;

    default:
      break;
    }
  return total > 0 ? (double) right / total : 0;
}

/* ------------------------------------------------------------------ */
/* Grading */

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

static char *
number_answer (const HbGiftAnswer *answer)
{
  g_autofree char *value = format_number (answer->value);
  g_autofree char *tolerance = format_number (answer->tolerance);
  g_autofree char *min = format_number (answer->min);
  g_autofree char *max = format_number (answer->max);

  switch (answer->number_kind)
    {
    case HB_GIFT_NUMBER_TOLERANCE:
      /* TRANSLATORS: a number and how far from it an answer may be */
      return g_strdup_printf (_("%s ± %s"), value, tolerance);
    case HB_GIFT_NUMBER_RANGE:
      /* TRANSLATORS: a range of numbers, "6 to 8" */
      return g_strdup_printf (_("%s to %s"), min, max);
    case HB_GIFT_NUMBER_ANY:
      return g_strdup (_("any number"));
    case HB_GIFT_NUMBER_EXACT:
    default:
      return g_steal_pointer (&value);
    }
}

static gboolean
number_matches (const HbGiftAnswer *answer, double number)
{
  /* Moodle adds a hair to the tolerance so that 3.142 is within
   * 3.1415 ± 0.0005 although the floating point difference is a little
   * more. */
  double slack = 1e-12 * MAX (1.0, fabs (answer->value));

  if (answer->number_kind == HB_GIFT_NUMBER_ANY)
    return TRUE;
  return number >= answer->min - slack && number <= answer->max + slack;
}

static void
join (GString *out, const char *separator, const char *text)
{
  if (out->len > 0)
    g_string_append (out, separator);
  g_string_append (out, text);
}

HbGradeResult *
hb_grade_question (const HbGiftQuestion *question, const HbGradeResponse *response)
{
  g_autoptr (HbGradeResult) result = g_new0 (HbGradeResult, 1);
  g_autoptr (GString) right_answer = g_string_new (NULL);
  const guint n = question != NULL ? question->answers->len : 0;
  double fraction = 0;
  guint i;

  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (response != NULL, NULL);

  result->feedback = g_ptr_array_new_with_free_func (feedback_free);
  result->right = g_array_new (FALSE, FALSE, sizeof (guint));

  switch (question->type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
      {
        double best = 0;

        for (i = 0; i < n; i++)
          best = MAX (best, answer_at (question, i)->fraction);
        for (i = 0; i < n; i++)
          if (best > 0 && answer_at (question, i)->fraction >= best - 1e-9)
            {
              g_autofree char *text = plain (answer_at (question, i)->text, answer_at (question, i)->format);

              add_right (result, i);
              join (right_answer, "; ", text);
            }
        if (response->choice >= 0 && (guint) response->choice < n)
          {
            const HbGiftAnswer *chosen = answer_at (question, response->choice);

            result->answered = TRUE;
            fraction = chosen->fraction;
            add_feedback (result, response->choice, chosen->feedback, chosen->feedback_format);
          }
      }
      break;

    case HB_GIFT_MULTIPLE_ANSWER:
      {
        g_autofree gboolean *checked = g_new0 (gboolean, MAX (n, 1));

        for (i = 0; i < n; i++)
          if (answer_at (question, i)->fraction > 0)
            {
              g_autofree char *text = plain (answer_at (question, i)->text, answer_at (question, i)->format);

              add_right (result, i);
              join (right_answer, "; ", text);
            }
        for (i = 0; i < response->choices->len; i++)
          {
            guint index = g_array_index (response->choices, guint, i);

            if (index < n)
              checked[index] = TRUE;
          }
        /* In the question's order, each answer once. */
        for (i = 0; i < n; i++)
          if (checked[i])
            {
              const HbGiftAnswer *chosen = answer_at (question, i);

              result->answered = TRUE;
              fraction += chosen->fraction;
              add_feedback (result, i, chosen->feedback, chosen->feedback_format);
            }
      }
      break;

    case HB_GIFT_TRUE_FALSE:
      add_right (result, question->truth ? 0 : 1);
      g_string_append (right_answer, question->truth ? _("True") : _("False"));
      if (response->answered)
        {
          guint index = response->truth ? 0 : 1;
          const HbGiftAnswer *chosen = answer_at (question, index);

          result->answered = TRUE;
          fraction = chosen->fraction;
          add_feedback (result, index, chosen->feedback, chosen->feedback_format);
        }
      break;

    case HB_GIFT_SHORT_ANSWER:
      {
        g_autofree char *given = g_strstrip (g_strdup (response->text != NULL ? response->text : ""));

        for (i = 0; i < n; i++)
          if (answer_at (question, i)->fraction > RIGHT_ABOVE)
            {
              g_autofree char *text = unescape_star (answer_at (question, i)->text);

              add_right (result, i);
              g_string_append (right_answer, text);
              break;
            }
        if (given[0] != '\0' && g_utf8_validate (given, -1, NULL))
          {
            result->answered = TRUE;
            for (i = 0; i < n; i++)
              {
                const HbGiftAnswer *answer = answer_at (question, i);

                if (matches_pattern (given, answer->text))
                  {
                    fraction = answer->fraction;
                    add_feedback (result, i, answer->feedback, answer->feedback_format);
                    break;
                  }
              }
          }
      }
      break;

    case HB_GIFT_NUMERICAL:
      for (i = 0; i < n; i++)
        if (answer_at (question, i)->fraction > RIGHT_ABOVE)
          {
            g_autofree char *text = number_answer (answer_at (question, i));

            add_right (result, i);
            g_string_append (right_answer, text);
            break;
          }
      if (response->answered && isfinite (response->number))
        {
          result->answered = TRUE;
          for (i = 0; i < n; i++)
            {
              const HbGiftAnswer *answer = answer_at (question, i);

              if (number_matches (answer, response->number))
                {
                  fraction = answer->fraction;
                  add_feedback (result, i, answer->feedback, answer->feedback_format);
                  break;
                }
            }
        }
      break;

    case HB_GIFT_MATCHING:
      {
        guint pairs = 0, matched = 0;

        for (i = 0; i < n; i++)
          {
            const HbGiftAnswer *answer = answer_at (question, i);
            const char *chosen = i < response->matches->len ? g_ptr_array_index (response->matches, i) : NULL;
            g_autofree char *left = NULL;
            g_autofree char *pair = NULL;

            if (answer->text == NULL)
              continue;
            pairs++;
            add_right (result, i);
            left = plain (answer->text, answer->format);
            pair = g_strdup_printf ("%s → %s", left, answer->match);
            join (right_answer, "; ", pair);
            if (chosen != NULL)
              {
                result->answered = TRUE;
                matched += strcmp (chosen, answer->match) == 0;
              }
          }
        fraction = pairs > 0 ? (double) matched / pairs : 0;
      }
      break;

    case HB_GIFT_ORDERING:
      {
        g_autoptr (GArray) given = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autofree gboolean *seen = g_new0 (gboolean, MAX (n, 1));

        for (i = 0; i < n; i++)
          {
            add_right (result, i);
            join (right_answer, ", ", answer_at (question, i)->text);
          }
        /* Each item once; what is not an item is left out. */
        for (i = 0; i < response->order->len; i++)
          {
            guint index = g_array_index (response->order, guint, i);

            if (index < n && !seen[index])
              {
                seen[index] = TRUE;
                g_array_append_val (given, index);
              }
          }
        if (given->len > 0)
          {
            result->answered = TRUE;
            fraction = grade_order (question, (guint *) given->data, given->len);
          }
      }
      break;

    case HB_GIFT_ESSAY:
      {
        g_autofree char *text = g_strstrip (g_strdup (response->text != NULL ? response->text : ""));

        result->answered = text[0] != '\0';
      }
      break;

    case HB_GIFT_DESCRIPTION:
    default:
      break;
    }

  add_feedback (result, -1, question->general_feedback, question->general_feedback_format);

  if (question->type == HB_GIFT_ESSAY)
    result->state = HB_GRADE_PENDING;
  else if (question->type == HB_GIFT_DESCRIPTION)
    result->state = HB_GRADE_UNGRADED;
  else
    {
      result->fraction = CLAMP (fraction, 0.0, 1.0);
      result->state = state_for_fraction (result->fraction);
    }
  if (right_answer->len > 0)
    result->right_answer = g_string_free (g_steal_pointer (&right_answer), FALSE);
  return g_steal_pointer (&result);
}

HbGradeScore
hb_grade_score (HbGradeResult *const *results, guint n_results, double pass_mark)
{
  HbGradeScore score = { 0 };
  double sum = 0;
  guint i;

  g_return_val_if_fail (results != NULL || n_results == 0, score);

  for (i = 0; i < n_results; i++)
    {
      const HbGradeResult *result = results[i];

      if (result->state == HB_GRADE_UNGRADED)
        continue;
      score.gradable++;
      if (result->state == HB_GRADE_PENDING)
        score.pending++;
      else
        sum += result->fraction;
    }
  score.score = score.gradable > 0 ? sum / score.gradable : 0;
  /* A hair of slack, so 4 of 5 right passes a mark of 80. */
  score.passed = score.gradable == 0 || score.score * 100 >= pass_mark - 1e-9;
  return score;
}
