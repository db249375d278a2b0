/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the GIFT parser, the ```gift block finder and the
 * Pango markup of every text they give. Beyond the sanitizers, it checks
 * that every markup parses and holds only the tags it may. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hb-gift.h"

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
check_quiz (const char *text, gssize len, guint first_line)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbGiftQuiz) quiz = hb_gift_parse (text, len, "fuzz.gift", first_line, &error);
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
    }
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
