/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the GIFT parser, the ```gift block finder, the Pango
 * markup of every text they give, and the grading of every question.
 * Beyond the sanitizers, it checks that every markup parses and holds
 * only the tags it may, and that every grade is between 0 and 1. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hb-gift.h"
#include "hb-grade.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *const allowed[] = { "markup", "b", "i", "u", "s", "tt", "sub", "sup", NULL };

static void
start_element_cb (GMarkupParseContext *context, const char *name, const char **attribute_names,
                  const char **attribute_values, gpointer user_data, GError **error)
{
  if (!g_strv_contains (allowed, name) || attribute_names[0] != NULL)
    {
      g_printerr ("markup has the element <%s>\n", name);
      abort ();
    }
}

static void
check_markup (const char *text, HbGiftFormat format)
{
  static const GMarkupParser parser = { start_element_cb, NULL, NULL, NULL, NULL };
  g_autofree char *markup = NULL;
  g_autofree char *wrapped = NULL;
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) error = NULL;

  if (text == NULL)
    return;
  markup = hb_gift_text_to_markup (text, format);
  wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  if (!g_markup_parse_context_parse (context, wrapped, -1, &error)
      || !g_markup_parse_context_end_parse (context, &error))
    {
      g_printerr ("invalid markup (%s) for format %d: %s\n", error->message, format, markup);
      abort ();
    }
}

static void
check_result (HbGradeResult *result)
{
  guint i;

  if (!(result->fraction >= 0 && result->fraction <= 1)
      || (result->right_answer != NULL && !g_utf8_validate (result->right_answer, -1, NULL)))
    abort ();
  for (i = 0; i < result->feedback->len; i++)
    {
      HbGradeFeedback *feedback = g_ptr_array_index (result->feedback, i);

      check_markup (feedback->text, feedback->format);
    }
}

/* Grades an empty response, and one that gives every answer there is. */
static void
check_grades (HbGiftQuestion *question, GPtrArray *results)
{
  g_autoptr (HbGradeResponse) empty = hb_grade_response_new ();
  g_autoptr (HbGradeResponse) full = hb_grade_response_new ();
  HbGradeResult *result;
  guint i;

  full->choice = (int) (question->line % (question->answers->len + 1)) - 1;
  full->answered = TRUE;
  full->truth = question->line % 2;
  for (i = 0; i < question->answers->len; i++)
    {
      HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);
      guint reversed = question->answers->len - 1 - i;

      g_array_append_val (full->choices, i);
      g_array_append_val (full->order, reversed);
      g_ptr_array_add (full->matches, g_strdup (answer->match));
      if (full->text == NULL && answer->text != NULL)
        full->text = g_strdup (answer->text);
      if (i == 0)
        full->number = answer->value;
    }

  result = hb_grade_question (question, empty);
  check_result (result);
  g_ptr_array_add (results, result);
  result = hb_grade_question (question, full);
  check_result (result);
  g_ptr_array_add (results, result);
}

static void
check_quiz (const char *text, gssize len, guint first_line)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbGiftQuiz) quiz = hb_gift_parse (text, len, "fuzz.gift", first_line, &error);
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_grade_result_free);
  HbGradeScore score;
  guint i, j;

  if (quiz == NULL)
    {
      if (error == NULL || error->domain != HB_GIFT_ERROR || error->message[0] == '\0'
          || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return;
    }
  if (error != NULL)
    abort ();

  for (i = 0; i < quiz->questions->len; i++)
    {
      HbGiftQuestion *question = g_ptr_array_index (quiz->questions, i);
      g_autofree char *label = hb_gift_question_label (question);
      g_auto (GStrv) choices = hb_gift_question_match_choices (question);

      if (question->key == NULL || question->text == NULL || question->tags == NULL
          || !g_utf8_validate (label, -1, NULL) || choices == NULL)
        abort ();
      check_markup (question->text, question->format);
      check_markup (question->text_after, question->format);
      check_markup (question->general_feedback, question->general_feedback_format);
      for (j = 0; j < question->answers->len; j++)
        {
          HbGiftAnswer *answer = g_ptr_array_index (question->answers, j);

          if (answer->fraction < -1 || answer->fraction > 1)
            abort ();
          check_markup (answer->text, answer->format);
          check_markup (answer->feedback, answer->feedback_format);
          check_markup (answer->match, HB_GIFT_FORMAT_PLAIN);
          if (answer->text != NULL)
            hb_gift_question_find_answer (question, answer->text);
        }
      check_grades (question, results);
    }
  score = hb_grade_score ((HbGradeResult *const *) results->pdata, results->len, 80);
  if (!(score.score >= 0 && score.score <= 1))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GPtrArray) blocks = NULL;
  guint i;

  /* The bytes as they are, NULs and bad UTF-8 included. */
  check_quiz ((const char *) data, size, 1);

  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  /* The converters on their own. */
  check_markup (text, HB_GIFT_FORMAT_HTML);
  check_markup (text, HB_GIFT_FORMAT_MARKDOWN);
  check_markup (text, HB_GIFT_FORMAT_MOODLE);

  /* The input as a lesson with ```gift blocks. */
  blocks = hb_gift_find_blocks (text, 5);
  for (i = 0; i < blocks->len; i++)
    {
      HbGiftBlock *block = g_ptr_array_index (blocks, i);

      check_quiz (block->text, -1, block->line);
    }
  return 0;
}
