/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-quiz"

#include "config.h"

#include "hb-quiz.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "hb-course.h"
#include "hb-fsrs.h"
#include "hb-markdown.h"
#include "hb-progress.h"
#include "hb-store-articles.h"
#include "hb-store-reviews.h"

G_DEFINE_QUARK (hb-quiz-error-quark, hb_quiz_error)

/* Reading the quiz of a lesson --------------------------------------------- */

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  if (*text != '\0' && text[strlen (text) - 1] != '\n')
    n++;
  return n;
}

/* Whether @markdown can hold a ```gift block at all: most articles do not,
 * and finding blocks parses the whole Markdown. */
static gboolean
may_have_quiz (const char *markdown)
{
  for (const char *p = strpbrk (markdown, "gG"); p != NULL; p = strpbrk (p + 1, "gG"))
    if (g_ascii_strncasecmp (p, "gift", 4) == 0)
      return TRUE;
  return FALSE;
}

HbGiftQuiz *
hb_quiz_parse_markdown (const char *markdown, const char *file, guint first_line, char **quiz_sha256,
                        GError **error)
{
  g_autoptr (GPtrArray) blocks = NULL;
  g_autoptr (HbGiftQuiz) merged = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  int code = HB_GIFT_ERROR_SYNTAX;

  g_return_val_if_fail (markdown != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);

  if (quiz_sha256 != NULL)
    *quiz_sha256 = NULL;
  blocks = may_have_quiz (markdown) ? hb_gift_find_blocks (markdown, first_line) : g_ptr_array_new ();

  for (guint i = 0; i < blocks->len; i++)
    {
      HbGiftBlock *block = g_ptr_array_index (blocks, i);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (HbGiftQuiz) quiz = hb_gift_parse (block->text, -1, file, block->line, &local_error);

      /* The quiz version covers every block, and where one ends. */
      g_checksum_update (checksum, (const guchar *) block->text, -1);
      g_checksum_update (checksum, (const guchar *) "\n\x1e\n", 3);

      if (quiz == NULL)
        {
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append (problems, local_error->message);
          code = local_error->code;
          continue;
        }

      /* The first block's quiz takes the questions of the others (its
       * array knows how to free them). */
      for (guint q = 0; q < quiz->questions->len; q++)
        {
          HbGiftQuestion *question = g_ptr_array_index (quiz->questions, q);

          /* hb_gift_parse() made the keys unique in its block. */
          if (g_hash_table_contains (keys, question->key))
            {
              for (guint n = 2;; n++)
                {
                  g_autofree char *key = g_strdup_printf ("%s-%u", question->key, n);

                  if (!g_hash_table_contains (keys, key))
                    {
                      g_free (question->key);
                      question->key = g_steal_pointer (&key);
                      break;
                    }
                }
            }
          g_hash_table_add (keys, g_strdup (question->key));
        }
      if (merged == NULL)
        merged = g_steal_pointer (&quiz);
      else
        while (quiz->questions->len > 0)
          g_ptr_array_add (merged->questions, g_ptr_array_steal_index (quiz->questions, 0));
    }

  if (problems->len > 0)
    {
      g_set_error_literal (error, HB_GIFT_ERROR, code, problems->str);
      return NULL;
    }
  if (merged == NULL)
    merged = hb_gift_parse ("", 0, file, first_line, NULL);

  if (quiz_sha256 != NULL && blocks->len > 0)
    *quiz_sha256 = g_strdup (g_checksum_get_string (checksum));
  return g_steal_pointer (&merged);
}

char *
hb_quiz_strip_markdown (const char *markdown)
{
  g_autoptr (GPtrArray) blocks = NULL;
  g_autoptr (GString) out = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree gboolean *drop = NULL;
  guint n_lines;

  g_return_val_if_fail (markdown != NULL, NULL);

  if (!may_have_quiz (markdown))
    return g_strdup (markdown);
  blocks = hb_gift_find_blocks (markdown, 1);
  if (blocks->len == 0)
    return g_strdup (markdown);

  lines = g_strsplit (markdown, "\n", -1);
  n_lines = g_strv_length (lines);
  drop = g_new0 (gboolean, n_lines + 1);
  for (guint i = 0; i < blocks->len; i++)
    {
      HbGiftBlock *block = g_ptr_array_index (blocks, i);
      /* From the opening fence to the closing one (lines counted from 1). */
      guint first = block->line - 1;
      guint last = block->line + count_lines (block->text);

      for (guint line = first; line <= last && line <= n_lines; line++)
        if (line >= 1)
          drop[line - 1] = TRUE;
    }

  out = g_string_sized_new (strlen (markdown));
  for (guint i = 0; i < n_lines; i++)
    {
      if (drop[i])
        continue;
      g_string_append (out, lines[i]);
      if (i + 1 < n_lines)
        g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
hb_quiz_fingerprint (const char *markdown, char **text_sha256, char **quiz_sha256)
{
  g_return_if_fail (markdown != NULL);

  if (text_sha256 != NULL)
    {
      g_autofree char *text = hb_quiz_strip_markdown (markdown);

      /* Blank lines at the ends, where a quiz was, change nothing read. */
      *text_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, g_strstrip (text), -1);
    }
  if (quiz_sha256 != NULL)
    {
      g_autoptr (HbGiftQuiz) quiz = NULL;

      *quiz_sha256 = NULL;
      quiz = hb_quiz_parse_markdown (markdown, "-", 1, quiz_sha256, NULL);
      if (quiz == NULL)
        {
          /* A broken quiz (never imported, so only in a test) still has a
           * version: its text. */
          g_autoptr (GPtrArray) blocks = hb_gift_find_blocks (markdown, 1);
          g_autoptr (GString) all = g_string_new (NULL);

          for (guint i = 0; i < blocks->len; i++)
            g_string_append (all, ((HbGiftBlock *) g_ptr_array_index (blocks, i))->text);
          *quiz_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, all->str, -1);
        }
    }
}

void
hb_quiz_free (HbQuiz *quiz)
{
  if (quiz == NULL)
    return;
  g_free (quiz->lesson_id);
  g_free (quiz->lesson_title);
  g_free (quiz->course_id);
  g_free (quiz->quiz_sha256);
  g_clear_pointer (&quiz->gift, hb_gift_quiz_free);
  g_free (quiz->body);
  g_free (quiz);
}

HbQuiz *
hb_quiz_load (HbStore *store, const char *lesson_id, guint version, GError **error)
{
  g_autoptr (HbArticle) article = NULL;
  g_autoptr (HbQuiz) quiz = NULL;
  g_autoptr (HbCourse) course = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (lesson_id != NULL, NULL);

  article = hb_store_get_article (store, lesson_id, version, error);
  if (article == NULL)
    return NULL;

  quiz = g_new0 (HbQuiz, 1);
  quiz->lesson_id = g_strdup (hb_article_get_id (article));
  quiz->lesson_version = hb_article_get_version (article);
  quiz->lesson_title = g_strdup (hb_article_get_title (article));
  quiz->body = g_strdup (hb_article_get_body (article));
  quiz->pass_mark = HB_COURSE_DEFAULT_PASS_MARK;
  quiz->gift = hb_quiz_parse_markdown (quiz->body, hb_article_get_source (article), 1,
                                       &quiz->quiz_sha256, &local_error);
  if (quiz->gift == NULL)
    {
      /* The import refuses broken quizzes; this is a database written
       * before it checked them. */
      g_set_error (error, HB_QUIZ_ERROR, HB_QUIZ_ERROR_NO_QUIZ, _("The quiz of “%s” is broken: %s"),
                   quiz->lesson_title, local_error->message);
      return NULL;
    }
  if (quiz->gift->questions->len == 0)
    {
      g_set_error (error, HB_QUIZ_ERROR, HB_QUIZ_ERROR_NO_QUIZ, _("“%s” has no quiz"), quiz->lesson_title);
      return NULL;
    }

  course = hb_course_find_for_lesson (store, quiz->lesson_id, error);
  if (course == NULL && error != NULL && *error != NULL)
    return NULL;
  if (course != NULL)
    {
      quiz->course_id = g_strdup (course->id);
      quiz->pass_mark = course->pass_mark;
    }
  return g_steal_pointer (&quiz);
}

const HbGiftQuestion *
hb_quiz_find_question (const HbQuiz *quiz, const char *key)
{
  g_return_val_if_fail (quiz != NULL, NULL);

  for (guint i = 0; key != NULL && i < quiz->gift->questions->len; i++)
    {
      const HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, i);

      if (strcmp (question->key, key) == 0)
        return question;
    }
  return NULL;
}

guint
hb_quiz_count_gradable (const HbQuiz *quiz)
{
  guint n = 0;

  g_return_val_if_fail (quiz != NULL, 0);

  for (guint i = 0; i < quiz->gift->questions->len; i++)
    n += ((HbGiftQuestion *) g_ptr_array_index (quiz->gift->questions, i))->type != HB_GIFT_DESCRIPTION;
  return n;
}

/* The section a question is about ----------------------------------------- */

/* Lower-cased words of three letters or more; Chinese as pairs of
 * characters, as the search index reads it. */
static void
add_words (GHashTable *words, const char *text)
{
  g_autofree char *folded = NULL;
  const char *p;
  GString *word = g_string_new (NULL);
  gunichar previous_han = 0;

  if (text == NULL)
    {
      g_string_free (word, TRUE);
      return;
    }
  folded = g_utf8_casefold (text, -1);
  for (p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;
      gboolean han = c != 0 && g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;

      if (c != 0 && !han && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          previous_han = 0;
          continue;
        }
      if (word->len >= 3 || (word->len > 0 && g_ascii_isdigit (word->str[0])))
        g_hash_table_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (han)
        {
          if (previous_han != 0)
            {
              char pair[16];
              int n = g_unichar_to_utf8 (previous_han, pair);

              n += g_unichar_to_utf8 (c, pair + n);
              pair[n] = '\0';
              g_hash_table_add (words, g_strdup (pair));
            }
          previous_han = c;
        }
      else
        previous_han = 0;
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
}

char *
hb_quiz_question_section (const HbQuiz *quiz, const HbGiftQuestion *question)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GPtrArray) section_words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  double best = 0;
  int best_index = -1;
  GHashTableIter iter;
  gpointer word;

  g_return_val_if_fail (quiz != NULL && question != NULL, NULL);

  add_words (wanted, question->title);
  add_words (wanted, question->text);
  add_words (wanted, question->text_after);
  add_words (wanted, question->general_feedback);
  for (guint i = 0; i < question->answers->len; i++)
    {
      const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);

      /* What is right, and why: the wrong choices say nothing of where
       * the answer is. */
      if (answer->fraction > 0 || question->type == HB_GIFT_MATCHING || question->type == HB_GIFT_ORDERING)
        {
          add_words (wanted, answer->text);
          add_words (wanted, answer->match);
          add_words (wanted, answer->feedback);
        }
    }

  text = hb_quiz_strip_markdown (quiz->body);
  sections = hb_markdown_sections (text);
  for (guint i = 0; i < sections->len; i++)
    {
      HbSection *section = g_ptr_array_index (sections, i);
      GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      add_words (words, section->text);
      if (section->heading != NULL)
        add_words (words, section->heading->text);
      g_ptr_array_add (section_words, words);
    }

  /* Each shared word counts by how few sections have it. */
  for (guint i = 0; i < sections->len; i++)
    {
      HbSection *section = g_ptr_array_index (sections, i);
      GHashTable *words = g_ptr_array_index (section_words, i);
      double score = 0;

      if (section->heading == NULL || section->heading->level < 2)
        continue;
      if (g_ascii_strcasecmp (section->heading->text, "Quiz") == 0
          || g_ascii_strcasecmp (section->heading->text, "Self-check") == 0
          || strcmp (section->heading->text, "测验") == 0 || strcmp (section->heading->text, "自测") == 0)
        continue;

      g_hash_table_iter_init (&iter, wanted);
      while (g_hash_table_iter_next (&iter, &word, NULL))
        {
          guint in = 0;

          if (!g_hash_table_contains (words, word))
            continue;
          for (guint j = 0; j < section_words->len; j++)
            in += g_hash_table_contains (g_ptr_array_index (section_words, j), word);
          score += 1.0 / in;
        }
      if (score > best)
        {
          best = score;
          best_index = (int) i;
        }
    }

  if (best_index < 0)
    return NULL;
  return g_strdup (((HbSection *) g_ptr_array_index (sections, best_index))->heading->id);
}

/* Answers as JSON ---------------------------------------------------------- */

const char *
hb_quiz_type_to_string (HbGiftType type)
{
  switch (type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
      return "multiple-choice";
    case HB_GIFT_MULTIPLE_ANSWER:
      return "multiple-answer";
    case HB_GIFT_TRUE_FALSE:
      return "true-false";
    case HB_GIFT_SHORT_ANSWER:
      return "short-answer";
    case HB_GIFT_MATCHING:
      return "matching";
    case HB_GIFT_NUMERICAL:
      return "numerical";
    case HB_GIFT_ESSAY:
      return "essay";
    case HB_GIFT_DESCRIPTION:
      return "description";
    case HB_GIFT_ORDERING:
      return "ordering";
    default:
      return "unknown";
    }
}

const char *
hb_grade_state_to_string (HbGradeState state)
{
  switch (state)
    {
    case HB_GRADE_RIGHT:
      return "right";
    case HB_GRADE_PARTIAL:
      return "partial";
    case HB_GRADE_WRONG:
      return "wrong";
    case HB_GRADE_PENDING:
      return "pending";
    case HB_GRADE_UNGRADED:
    default:
      return "ungraded";
    }
}

/* The index of the answer whose text is @text: exactly, else alike but for
 * case and blanks at the ends. */
static int
find_answer (const HbGiftQuestion *question, const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *wanted = NULL;
  int index = hb_gift_question_find_answer (question, text);

  if (index >= 0)
    return index;
  stripped = g_strstrip (g_strdup (text));
  wanted = g_utf8_casefold (stripped, -1);
  for (guint i = 0; i < question->answers->len; i++)
    {
      const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);
      g_autofree char *trimmed = NULL;
      g_autofree char *folded = NULL;

      if (answer->text == NULL)
        continue;
      trimmed = g_strstrip (g_strdup (answer->text));
      folded = g_utf8_casefold (trimmed, -1);
      if (strcmp (folded, wanted) == 0)
        return (int) i;
    }
  return -1;
}

/* A choice named by its text or its index. */
static int
choice_from_node (const HbGiftQuestion *question, JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return find_answer (question, json_node_get_string (node));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 index = json_node_get_int (node);

      if (index >= 0 && index < question->answers->len)
        return (int) index;
    }
  return -1;
}

static char *
node_text (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

G_GNUC_PRINTF (3, 4)
static HbGradeResponse *
answer_error (GError **error, const HbGiftQuestion *question, const char *format, ...)
{
  g_autofree char *label = hb_gift_question_label (question);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, HB_QUIZ_ERROR, HB_QUIZ_ERROR_ANSWER, "“%s”: %s", label, message);
  return NULL;
}

HbGradeResponse *
hb_quiz_response_from_json (const HbGiftQuestion *question, JsonNode *node, GError **error)
{
  g_autoptr (HbGradeResponse) response = hb_grade_response_new ();

  g_return_val_if_fail (question != NULL, NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&response);

  switch (question->type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
      response->choice = choice_from_node (question, node);
      if (response->choice < 0)
        return answer_error (error, question, _("give one of the choices, by its text or its number from 0"));
      break;

    case HB_GIFT_MULTIPLE_ANSWER:
    case HB_GIFT_ORDERING:
      {
        g_autoptr (JsonArray) single = NULL;
        JsonArray *array;
        GArray *into = question->type == HB_GIFT_ORDERING ? response->order : response->choices;

        if (JSON_NODE_HOLDS_ARRAY (node))
          array = json_node_get_array (node);
        else
          {
            single = json_array_new ();
            json_array_add_element (single, json_node_copy (node));
            array = single;
          }
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            int choice = choice_from_node (question, json_array_get_element (array, i));
            guint index = (guint) choice;
            gboolean seen = FALSE;

            if (choice < 0)
              return answer_error (error, question,
                                   question->type == HB_GIFT_ORDERING
                                     ? _("give the items as a list of their texts or numbers from 0")
                                     : _("give the choices as a list of their texts or numbers from 0"));
            for (guint j = 0; j < into->len; j++)
              seen |= g_array_index (into, guint, j) == index;
            if (seen)
              return answer_error (error, question, _("a choice is given twice"));
            g_array_append_val (into, index);
          }
      }
      break;

    case HB_GIFT_TRUE_FALSE:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        response->truth = json_node_get_boolean (node);
      else
        {
          g_autofree char *text = node_text (node);

          if (text != NULL && (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "t") == 0))
            response->truth = TRUE;
          else if (text != NULL
                   && (g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "f") == 0))
            response->truth = FALSE;
          else
            return answer_error (error, question, _("give true or false"));
        }
      response->answered = TRUE;
      break;

    case HB_GIFT_SHORT_ANSWER:
    case HB_GIFT_ESSAY:
      response->text = node_text (node);
      if (response->text == NULL)
        return answer_error (error, question, _("give the answer as text"));
      break;

    case HB_GIFT_NUMERICAL:
      if (JSON_NODE_HOLDS_VALUE (node)
          && (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE))
        response->number = json_node_get_double (node);
      else
        {
          g_autofree char *text = node_text (node);

          if (text == NULL || !hb_grade_parse_number (text, &response->number))
            return answer_error (error, question, _("give a number"));
        }
      response->answered = TRUE;
      break;

    case HB_GIFT_MATCHING:
      {
        JsonObject *object;
        g_autoptr (GList) members = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          return answer_error (error, question,
                               _("give the pairs as an object: {\"left side\": \"right side\"}"));
        object = json_node_get_object (node);
        for (guint i = 0; i < question->answers->len; i++)
          g_ptr_array_add (response->matches, NULL);
        members = json_object_get_members (object);
        for (GList *l = members; l != NULL; l = l->next)
          {
            const char *left = l->data;
            int index = find_answer (question, left);
            g_autofree char *right = node_text (json_object_get_member (object, left));

            if (index < 0)
              return answer_error (error, question, _("“%s” is not one of the left sides"), left);
            if (right == NULL)
              return answer_error (error, question, _("the match of “%s” must be text"), left);
            g_free (g_ptr_array_index (response->matches, index));
            g_ptr_array_index (response->matches, index) = g_steal_pointer (&right);
          }
      }
      break;

    case HB_GIFT_DESCRIPTION:
    default:
      break;
    }

  return g_steal_pointer (&response);
}

JsonNode *
hb_quiz_response_to_json (const HbGiftQuestion *question, const HbGradeResponse *response)
{
  g_return_val_if_fail (question != NULL, NULL);

  if (response == NULL)
    return NULL;

  switch (question->type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
      if (response->choice >= 0 && response->choice < (int) question->answers->len)
        {
          const HbGiftAnswer *answer = g_ptr_array_index (question->answers, response->choice);
          JsonNode *node = json_node_new (JSON_NODE_VALUE);

          if (answer->text != NULL)
            json_node_set_string (node, answer->text);
          else
            json_node_set_int (node, response->choice);
          return node;
        }
      return NULL;

    case HB_GIFT_MULTIPLE_ANSWER:
    case HB_GIFT_ORDERING:
      {
        const GArray *from = question->type == HB_GIFT_ORDERING ? response->order : response->choices;
        JsonArray *array;
        JsonNode *node;

        if (from == NULL || from->len == 0)
          return NULL;
        array = json_array_new ();
        for (guint i = 0; i < from->len; i++)
          {
            guint index = g_array_index (from, guint, i);
            const HbGiftAnswer *answer = index < question->answers->len
                                           ? g_ptr_array_index (question->answers, index)
                                           : NULL;

            if (answer != NULL && answer->text != NULL)
              json_array_add_string_element (array, answer->text);
            else
              json_array_add_int_element (array, index);
          }
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
        return node;
      }

    case HB_GIFT_TRUE_FALSE:
      if (response->answered)
        {
          JsonNode *node = json_node_new (JSON_NODE_VALUE);

          json_node_set_boolean (node, response->truth);
          return node;
        }
      return NULL;

    case HB_GIFT_SHORT_ANSWER:
    case HB_GIFT_ESSAY:
      if (response->text != NULL && *response->text != '\0')
        {
          JsonNode *node = json_node_new (JSON_NODE_VALUE);

          json_node_set_string (node, response->text);
          return node;
        }
      return NULL;

    case HB_GIFT_NUMERICAL:
      if (response->answered)
        {
          JsonNode *node = json_node_new (JSON_NODE_VALUE);

          json_node_set_double (node, response->number);
          return node;
        }
      return NULL;

    case HB_GIFT_MATCHING:
      {
        JsonObject *object = json_object_new ();
        JsonNode *node;

        for (guint i = 0; response->matches != NULL && i < response->matches->len && i < question->answers->len; i++)
          {
            const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);
            const char *right = g_ptr_array_index (response->matches, i);

            if (answer->text != NULL && right != NULL)
              json_object_set_string_member (object, answer->text, right);
          }
        if (json_object_get_size (object) == 0)
          {
            json_object_unref (object);
            return NULL;
          }
        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
        return node;
      }

    case HB_GIFT_DESCRIPTION:
    default:
      return NULL;
    }
}

GHashTable *
hb_quiz_responses_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) hb_grade_response_free);
}

GHashTable *
hb_quiz_responses_from_json (const HbQuiz *quiz, JsonObject *object, GError **error)
{
  g_autoptr (GHashTable) responses = hb_quiz_responses_new ();
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GList) members = NULL;

  g_return_val_if_fail (quiz != NULL && object != NULL, NULL);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const HbGiftQuestion *question = hb_quiz_find_question (quiz, key);
      g_autoptr (GError) local_error = NULL;
      HbGradeResponse *response;

      if (question == NULL)
        {
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append_printf (problems, _("“%s”: there is no such question in “%s”"), key,
                                  quiz->lesson_title);
          continue;
        }
      response = hb_quiz_response_from_json (question, json_object_get_member (object, key), &local_error);
      if (response == NULL)
        {
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append (problems, local_error->message);
          continue;
        }
      g_hash_table_replace (responses, g_strdup (key), response);
    }

  if (problems->len > 0)
    {
      g_set_error_literal (error, HB_QUIZ_ERROR, HB_QUIZ_ERROR_ANSWER, problems->str);
      return NULL;
    }
  return g_steal_pointer (&responses);
}

/* Grading and recording --------------------------------------------------- */

void
hb_quiz_grade_free (HbQuizGrade *grade)
{
  if (grade == NULL)
    return;
  g_clear_pointer (&grade->results, g_ptr_array_unref);
  g_free (grade);
}

HbQuizGrade *
hb_quiz_grade (const HbQuiz *quiz, GHashTable *responses)
{
  HbQuizGrade *grade;
  g_autoptr (HbGradeResponse) empty = hb_grade_response_new ();

  g_return_val_if_fail (quiz != NULL, NULL);

  grade = g_new0 (HbQuizGrade, 1);
  grade->results = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_grade_result_free);
  for (guint i = 0; i < quiz->gift->questions->len; i++)
    {
      const HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, i);
      const HbGradeResponse *response = responses != NULL ? g_hash_table_lookup (responses, question->key) : NULL;

      g_ptr_array_add (grade->results, hb_grade_question (question, response != NULL ? response : empty));
    }
  grade->score = hb_grade_score ((HbGradeResult *const *) grade->results->pdata, grade->results->len,
                                 quiz->pass_mark);
  return grade;
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
answers_to_json (const HbQuiz *quiz, GHashTable *responses)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < quiz->gift->questions->len; i++)
    {
      const HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, i);
      const HbGradeResponse *response = responses != NULL ? g_hash_table_lookup (responses, question->key) : NULL;
      JsonNode *node = hb_quiz_response_to_json (question, response);

      if (node != NULL)
        json_object_set_member (object, question->key, node);
    }
  json_node_take_object (root, object);
  return node_to_string (root);
}

static char *
results_to_json (const HbQuiz *quiz, const HbQuizGrade *grade)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < quiz->gift->questions->len; i++)
    {
      const HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, i);
      const HbGradeResult *result = g_ptr_array_index (grade->results, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "key", question->key);
      json_object_set_string_member (object, "type", hb_quiz_type_to_string (question->type));
      json_object_set_string_member (object, "state", hb_grade_state_to_string (result->state));
      json_object_set_double_member (object, "fraction", result->fraction);
      json_object_set_boolean_member (object, "answered", result->answered);
      json_array_add_object_element (array, object);
    }
  json_node_take_array (root, array);
  return node_to_string (root);
}

HbAttemptRecord *
hb_quiz_record_attempt (HbStore *store, const HbQuiz *quiz, const char *profile_uuid,
                        GHashTable *responses, const char *started_at, const char *finished_at,
                        HbQuizGrade **grade_out, GError **error)
{
  g_autoptr (HbQuizGrade) grade = NULL;
  g_autoptr (HbAttemptRecord) record = NULL;
  g_autoptr (HbStoreWrite) write = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GHashTable) carded = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (quiz != NULL, NULL);
  g_return_val_if_fail (profile_uuid != NULL, NULL);

  if (quiz->course_id != NULL
      && !hb_progress_check_open (store, profile_uuid, quiz->course_id, quiz->lesson_id, error))
    return NULL;

  grade = hb_quiz_grade (quiz, responses);

  record = g_new0 (HbAttemptRecord, 1);
  record->uuid = g_uuid_string_random ();
  record->profile_uuid = g_strdup (profile_uuid);
  record->course_id = g_strdup (quiz->course_id);
  record->lesson_id = g_strdup (quiz->lesson_id);
  record->lesson_version = quiz->lesson_version;
  record->quiz_sha256 = g_strdup (quiz->quiz_sha256);
  record->finished_at = g_strdup (finished_at);
  record->started_at = g_strdup (started_at);
  record->score = CLAMP (grade->score.score, 0.0, 1.0);
  record->passed = grade->score.passed;
  record->pass_mark = quiz->pass_mark;
  record->pending = grade->score.pending;
  record->answers = answers_to_json (quiz, responses);
  record->results = results_to_json (quiz, grade);
  record->dependencies = hb_lesson_get_dependencies (store, quiz->lesson_id, quiz->lesson_version, error);
  if (record->dependencies == NULL)
    return NULL;

  /* The questions of this lesson already in the person's review. */
  events = hb_store_list_reviews (store, profile_uuid, error);
  if (events == NULL)
    return NULL;
  for (guint i = 0; i < events->len; i++)
    {
      HbReviewEvent *event = g_ptr_array_index (events, i);

      if (event->rating == HB_FSRS_AGAIN && strcmp (event->lesson_id, quiz->lesson_id) == 0)
        g_hash_table_add (carded, event->question_key);
    }

  write = hb_store_write_begin (store, error);
  if (write == NULL || !hb_store_add_attempt (write, record, error))
    return NULL;

  /* Every question missed enters the review; one in it already is
   * reviewed again by this answer. Wrong is Again, right is Good. */
  for (guint i = 0; i < quiz->gift->questions->len; i++)
    {
      const HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, i);
      const HbGradeResult *result = g_ptr_array_index (grade->results, i);
      g_autoptr (HbReviewEvent) event = NULL;
      gboolean right = result->state == HB_GRADE_RIGHT;

      if (result->state == HB_GRADE_PENDING || result->state == HB_GRADE_UNGRADED)
        continue;
      if (right && !g_hash_table_contains (carded, question->key))
        continue;

      event = g_new0 (HbReviewEvent, 1);
      event->profile_uuid = g_strdup (profile_uuid);
      event->lesson_id = g_strdup (quiz->lesson_id);
      event->lesson_version = quiz->lesson_version;
      event->quiz_sha256 = g_strdup (quiz->quiz_sha256);
      event->question_key = g_strdup (question->key);
      event->rating = right ? HB_FSRS_GOOD : HB_FSRS_AGAIN;
      event->reviewed_at = g_strdup (record->finished_at);
      event->attempt_uuid = g_strdup (record->uuid);
      if (!hb_store_add_review (write, event, error))
        return NULL;
    }

  if (!hb_store_write_commit (g_steal_pointer (&write), error))
    return NULL;

  if (grade_out != NULL)
    *grade_out = g_steal_pointer (&grade);
  return g_steal_pointer (&record);
}
