/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include "hb-cli-commands.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hb-cli.h"
#include "hb-course.h"
#include "hb-progress.h"
#include "hb-quiz.h"
#include "hb-review.h"
#include "hb-store-articles.h"
#include "hb-store-profiles.h"
#include "hb-xapi.h"

/* handbook-cli courses | quiz show|take | read | progress | review */

static void
print_json (JsonNode *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static char *
percent (double fraction)
{
  return g_strdup_printf ("%.1f %%", fraction * 100);
}

/* The text of a question on one line: blanks squeezed. */
static char *
one_line (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* courses ------------------------------------------------------------------ */

int
hb_cli_courses (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GPtrArray) courses = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("courses", "", _("Lists the courses and their lessons."), entries, &argc, &argv,
                             &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("courses", _("unexpected argument “%s”"), argv[1]);
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  courses = hb_course_list (store, &error);
  if (courses == NULL)
    return hb_cli_user_error (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < courses->len; i++)
    {
      HbCourse *course = g_ptr_array_index (courses, i);
      guint n = g_strv_length (course->lessons);

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, course->id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, course->title);
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, course->description);
          json_builder_set_member_name (builder, "lang");
          json_builder_add_string_value (builder, course->lang);
          json_builder_set_member_name (builder, "pass_mark");
          json_builder_add_double_value (builder, course->pass_mark);
          json_builder_set_member_name (builder, "sequential");
          json_builder_add_boolean_value (builder, course->sequential);
          json_builder_set_member_name (builder, "due_days");
          json_builder_add_int_value (builder, course->due_days);
          json_builder_set_member_name (builder, "lessons");
          json_builder_begin_array (builder);
        }
      else
        {
          g_autofree char *lessons = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lesson", "%u lessons", n), n);

          g_print ("%s\t%s\t%s\t%s %.0f %%%s\n", course->id, course->title, lessons, _("pass mark"),
                   course->pass_mark, course->sequential ? _("\tin order") : "");
        }

      for (guint j = 0; course->lessons[j] != NULL; j++)
        {
          g_autoptr (HbArticle) lesson = hb_store_get_article (store, course->lessons[j], 0, NULL);
          guint questions = 0;

          hb_lesson_get_fingerprint (store, course->lessons[j], 0, NULL, NULL, &questions, NULL, NULL);
          if (json)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_string_value (builder, course->lessons[j]);
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, lesson != NULL ? hb_article_get_title (lesson) : NULL);
              json_builder_set_member_name (builder, "version");
              json_builder_add_int_value (builder, lesson != NULL ? hb_article_get_version (lesson) : 0);
              json_builder_set_member_name (builder, "questions");
              json_builder_add_int_value (builder, questions);
              json_builder_end_object (builder);
            }
          else
            {
              g_autofree char *count = questions > 0
                                         ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question",
                                                                         "%u questions", questions),
                                                            questions)
                                         : g_strdup (_("no quiz"));

              g_print ("  %u\t%s\t%s\t%s\n", j + 1, course->lessons[j],
                       lesson != NULL ? hb_article_get_title (lesson) : "", count);
            }
        }
      if (json)
        {
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr (JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }
  return HB_CLI_EXIT_OK;
}

/* quiz show ---------------------------------------------------------------- */

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/* The items of an ordering question in an order that gives nothing away:
 * by their text. */
static GPtrArray *
shuffled_items (const HbGiftQuestion *question)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; i < question->answers->len; i++)
    g_ptr_array_add (items, ((HbGiftAnswer *) g_ptr_array_index (question->answers, i))->text);
  g_ptr_array_sort (items, compare_strings);
  return items;
}

static void
question_to_json (JsonBuilder *builder, const HbGiftQuestion *question)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, question->key);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, hb_quiz_type_to_string (question->type));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, question->title);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, question->text);
  if (question->text_after != NULL)
    {
      json_builder_set_member_name (builder, "text_after");
      json_builder_add_string_value (builder, question->text_after);
    }

  switch (question->type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
    case HB_GIFT_MULTIPLE_ANSWER:
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint i = 0; i < question->answers->len; i++)
        json_builder_add_string_value (builder, ((HbGiftAnswer *) g_ptr_array_index (question->answers, i))->text);
      json_builder_end_array (builder);
      break;
    case HB_GIFT_ORDERING:
      {
        g_autoptr (GPtrArray) items = shuffled_items (question);

        json_builder_set_member_name (builder, "items");
        json_builder_begin_array (builder);
        for (guint i = 0; i < items->len; i++)
          json_builder_add_string_value (builder, g_ptr_array_index (items, i));
        json_builder_end_array (builder);
      }
      break;
    case HB_GIFT_MATCHING:
      {
        g_auto (GStrv) rights = hb_gift_question_match_choices (question);

        json_builder_set_member_name (builder, "left");
        json_builder_begin_array (builder);
        for (guint i = 0; i < question->answers->len; i++)
          {
            const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);

            if (answer->text != NULL)
              json_builder_add_string_value (builder, answer->text);
          }
        json_builder_end_array (builder);
        /* In the order written: the right sides follow the left ones, so
         * they are sorted. */
        qsort (rights, g_strv_length (rights), sizeof (char *), compare_strings);
        json_builder_set_member_name (builder, "right");
        json_builder_begin_array (builder);
        for (guint i = 0; rights[i] != NULL; i++)
          json_builder_add_string_value (builder, rights[i]);
        json_builder_end_array (builder);
      }
      break;
    default:
      break;
    }
  json_builder_end_object (builder);
}

static void
print_question (guint number, const HbGiftQuestion *question)
{
  g_autofree char *label = hb_gift_question_label (question);
  g_autofree char *text = one_line (question->text);

  g_print ("%u. [%s] %s\n", number, hb_quiz_type_to_string (question->type), label);
  g_print ("   key: %s\n", question->key);
  if (question->text_after != NULL)
    {
      g_autofree char *after = one_line (question->text_after);

      g_print ("   %s _____ %s\n", text, after);
    }
  else if (*text != '\0')
    g_print ("   %s\n", text);

  switch (question->type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
    case HB_GIFT_MULTIPLE_ANSWER:
      for (guint i = 0; i < question->answers->len; i++)
        {
          g_autofree char *choice = one_line (((HbGiftAnswer *) g_ptr_array_index (question->answers, i))->text);

          g_print ("   %u) %s\n", i, choice);
        }
      break;
    case HB_GIFT_TRUE_FALSE:
      g_print ("   %s\n", _("true or false"));
      break;
    case HB_GIFT_ORDERING:
      {
        g_autoptr (GPtrArray) items = shuffled_items (question);

        for (guint i = 0; i < items->len; i++)
          {
            g_autofree char *item = one_line (g_ptr_array_index (items, i));

            g_print ("   - %s\n", item);
          }
      }
      break;
    case HB_GIFT_MATCHING:
      {
        g_auto (GStrv) rights = hb_gift_question_match_choices (question);

        qsort (rights, g_strv_length (rights), sizeof (char *), compare_strings);
        for (guint i = 0; i < question->answers->len; i++)
          {
            const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);

            if (answer->text != NULL)
              {
                g_autofree char *left = one_line (answer->text);

                g_print ("   %s -> ?\n", left);
              }
          }
        for (guint i = 0; rights[i] != NULL; i++)
          g_print ("   * %s\n", rights[i]);
      }
      break;
    case HB_GIFT_NUMERICAL:
      g_print ("   %s\n", _("a number"));
      break;
    case HB_GIFT_SHORT_ANSWER:
      g_print ("   %s\n", _("a word or a few"));
      break;
    case HB_GIFT_ESSAY:
      g_print ("   %s\n", _("a text, graded by a person"));
      break;
    default:
      break;
    }
}

static HbQuiz *
load_quiz (HbStore *store, const char *lesson, guint version, int *exit_code)
{
  g_autoptr (GError) error = NULL;
  HbQuiz *quiz = hb_quiz_load (store, lesson, version, &error);

  if (quiz == NULL)
    *exit_code = hb_cli_user_error (error);
  return quiz;
}

static int
quiz_show (int argc, char **argv)
{
  gboolean json = FALSE;
  int version = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("The lesson version (default: the one in force)"),
      N_("N") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbQuiz) quiz = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("quiz show", _("LESSON"),
                             _("Prints a lesson's quiz: the questions, their types and choices, never "
                               "the answers."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("quiz show", _("give one lesson id"));
  if (version < 0)
    return hb_cli_usage_error ("quiz show", _("a version is a number from 1"));
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  quiz = load_quiz (store, argv[1], (guint) version, &exit_code);
  if (quiz == NULL)
    return exit_code;

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "lesson");
      json_builder_add_string_value (builder, quiz->lesson_id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, quiz->lesson_title);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, quiz->lesson_version);
      json_builder_set_member_name (builder, "quiz_version");
      json_builder_add_string_value (builder, quiz->quiz_sha256);
      json_builder_set_member_name (builder, "course");
      json_builder_add_string_value (builder, quiz->course_id);
      json_builder_set_member_name (builder, "pass_mark");
      json_builder_add_double_value (builder, quiz->pass_mark);
      json_builder_set_member_name (builder, "questions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < quiz->gift->questions->len; i++)
        question_to_json (builder, g_ptr_array_index (quiz->gift->questions, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return HB_CLI_EXIT_OK;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%s (version %u): %u question, pass mark %.0f %%\n",
                        "%s (version %u): %u questions, pass mark %.0f %%\n", hb_quiz_count_gradable (quiz)),
           quiz->lesson_title, quiz->lesson_version, hb_quiz_count_gradable (quiz), quiz->pass_mark);
  g_print (_("quiz version %s\n"), quiz->quiz_sha256);
  for (guint i = 0; i < quiz->gift->questions->len; i++)
    {
      g_print ("\n");
      print_question (i + 1, g_ptr_array_index (quiz->gift->questions, i));
    }
  return HB_CLI_EXIT_OK;
}

/* quiz take ---------------------------------------------------------------- */

static JsonObject *
read_answers (const char *file, int *exit_code)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonNode *root;

  if (strcmp (file, "-") == 0)
    {
      GString *in = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (in, buffer, n);
      length = in->len;
      contents = g_string_free (in, FALSE);
    }
  else if (!g_file_get_contents (file, &contents, &length, &error))
    {
      g_printerr ("handbook-cli: %s\n", error->message);
      *exit_code = HB_CLI_EXIT_FAILED;
      return NULL;
    }

  if (!json_parser_load_from_data (parser, contents != NULL ? contents : "", length, &error))
    {
      g_printerr (_("handbook-cli: %s: not JSON: %s\n"), file, error->message);
      *exit_code = HB_CLI_EXIT_FAILED;
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_printerr (_("handbook-cli: %s: the answers are a JSON object keyed by question key\n"), file);
      *exit_code = HB_CLI_EXIT_FAILED;
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static void
result_to_json (JsonBuilder *builder, const HbGiftQuestion *question, const HbGradeResult *result)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, question->key);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, hb_quiz_type_to_string (question->type));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, hb_grade_state_to_string (result->state));
  json_builder_set_member_name (builder, "fraction");
  json_builder_add_double_value (builder, result->fraction);
  json_builder_set_member_name (builder, "answered");
  json_builder_add_boolean_value (builder, result->answered);
  if (result->right_answer != NULL && result->state != HB_GRADE_RIGHT)
    {
      json_builder_set_member_name (builder, "right_answer");
      json_builder_add_string_value (builder, result->right_answer);
    }
  json_builder_set_member_name (builder, "feedback");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->feedback->len; i++)
    json_builder_add_string_value (builder, ((HbGradeFeedback *) g_ptr_array_index (result->feedback, i))->text);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_result (const HbGiftQuestion *question, const HbGradeResult *result)
{
  g_autofree char *label = hb_gift_question_label (question);
  const char *state;

  switch (result->state)
    {
    case HB_GRADE_RIGHT:
      state = _("right");
      break;
    case HB_GRADE_PARTIAL:
      state = _("partly");
      break;
    case HB_GRADE_WRONG:
      state = result->answered ? _("wrong") : _("no answer");
      break;
    case HB_GRADE_PENDING:
      state = _("to grade");
      break;
    case HB_GRADE_UNGRADED:
    default:
      return;
    }
  g_print ("%-10s %s", state, label);
  if (result->state != HB_GRADE_RIGHT && result->right_answer != NULL)
    {
      g_autofree char *right = one_line (result->right_answer);

      g_print (_(" (right: %s)"), right);
    }
  g_print ("\n");
}

static int
quiz_take (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  g_autofree char *answers_file = NULL;
  gboolean json = FALSE;
  int version = 0;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("Who takes it (uuid, employee id or name)"),
      N_("PROFILE") },
    { "answers", 'a', 0, G_OPTION_ARG_FILENAME, &answers_file, N_("The answers, JSON (- for standard input)"),
      N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("The lesson version shown (default: the one in force)"),
      N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbQuiz) quiz = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (JsonObject) answers = NULL;
  g_autoptr (GHashTable) responses = NULL;
  g_autoptr (HbQuizGrade) grade = NULL;
  g_autoptr (HbAttemptRecord) attempt = NULL;
  g_autofree char *started_at = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("quiz take", _("LESSON"),
                             _("Grades the answers in FILE and records the attempt, as the window does."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("quiz take", _("give one lesson id"));
  if (answers_file == NULL)
    return hb_cli_usage_error ("quiz take", _("give --answers FILE"));
  if (version < 0)
    return hb_cli_usage_error ("quiz take", _("a version is a number from 1"));

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profile = hb_cli_find_profile (store, profile_key, &exit_code);
  if (profile == NULL)
    return exit_code;
  quiz = load_quiz (store, argv[1], (guint) version, &exit_code);
  if (quiz == NULL)
    return exit_code;
  /* Shown now: the attempt starts when the quiz is read. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

    started_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  }
  answers = read_answers (answers_file, &exit_code);
  if (answers == NULL)
    return exit_code;
  responses = hb_quiz_responses_from_json (quiz, answers, &error);
  if (responses == NULL)
    {
      g_printerr (_("handbook-cli: %s: the answers do not fit the quiz of “%s”:\n%s\n"), answers_file,
                  quiz->lesson_id, error->message);
      return HB_CLI_EXIT_FAILED;
    }

  attempt = hb_quiz_record_attempt (store, quiz, profile->uuid, responses, started_at, NULL, &grade, &error);
  if (attempt == NULL)
    return hb_cli_user_error (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "attempt");
      json_builder_add_string_value (builder, attempt->uuid);
      json_builder_set_member_name (builder, "profile");
      json_builder_add_string_value (builder, profile->uuid);
      json_builder_set_member_name (builder, "lesson");
      json_builder_add_string_value (builder, quiz->lesson_id);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, quiz->lesson_version);
      json_builder_set_member_name (builder, "quiz_version");
      json_builder_add_string_value (builder, quiz->quiz_sha256);
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, attempt->score);
      json_builder_set_member_name (builder, "passed");
      json_builder_add_boolean_value (builder, attempt->passed);
      json_builder_set_member_name (builder, "pass_mark");
      json_builder_add_double_value (builder, attempt->pass_mark);
      json_builder_set_member_name (builder, "pending");
      json_builder_add_int_value (builder, attempt->pending);
      json_builder_set_member_name (builder, "started_at");
      json_builder_add_string_value (builder, attempt->started_at);
      json_builder_set_member_name (builder, "finished_at");
      json_builder_add_string_value (builder, attempt->finished_at);
      json_builder_set_member_name (builder, "questions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < quiz->gift->questions->len; i++)
        result_to_json (builder, g_ptr_array_index (quiz->gift->questions, i),
                        g_ptr_array_index (grade->results, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return HB_CLI_EXIT_OK;
    }

  {
    g_autofree char *score = percent (attempt->score);

    g_print (_("%s (version %u)\n"), quiz->lesson_title, quiz->lesson_version);
    g_print (_("score: %s, %s (pass mark %.0f %%)\n"), score, attempt->passed ? _("passed") : _("not passed"),
             attempt->pass_mark);
    if (attempt->pending > 0)
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u essay waits for a manager to grade it\n",
                            "%u essays wait for a manager to grade them\n", attempt->pending),
               attempt->pending);
    g_print (_("attempt: %s\n\n"), attempt->uuid);
  }
  for (guint i = 0; i < quiz->gift->questions->len; i++)
    print_result (g_ptr_array_index (quiz->gift->questions, i), g_ptr_array_index (grade->results, i));
  return HB_CLI_EXIT_OK;
}

/* quiz essays: the written answers waiting for a manager. */
static int
quiz_essays (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("One person’s (default: everyone’s)"), N_("PROFILE") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (GPtrArray) profiles = NULL;
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  int exit_code = HB_CLI_EXIT_OK;
  guint shown = 0;

  if (!hb_cli_parse_options ("quiz essays", "",
                             _("Prints the written answers that wait for a manager to grade them."), entries,
                             &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("quiz essays", _("unexpected argument “%s”"), argv[1]);
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  if (profile_key != NULL && (profile = hb_cli_find_profile (store, profile_key, &exit_code)) == NULL)
    return exit_code;
  attempts = hb_store_list_attempts (store, profile != NULL ? profile->uuid : NULL, NULL, &error);
  profiles = attempts != NULL ? hb_store_list_profiles (store, &error) : NULL;
  if (profiles == NULL)
    return hb_cli_user_error (error);
  for (guint i = 0; i < profiles->len; i++)
    {
      HbProfile *person = g_ptr_array_index (profiles, i);

      g_hash_table_insert (names, person->uuid, person->name);
    }

  for (guint i = 0; i < attempts->len; i++)
    {
      HbAttemptRecord *attempt = g_ptr_array_index (attempts, i);
      g_autoptr (JsonParser) results = json_parser_new ();
      g_autoptr (JsonParser) answers = json_parser_new ();
      JsonArray *list;
      JsonObject *given;

      if (attempt->pending == 0 || !json_parser_load_from_data (results, attempt->results, -1, NULL)
          || !json_parser_load_from_data (answers, attempt->answers, -1, NULL)
          || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (results))
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (answers)))
        continue;
      list = json_node_get_array (json_parser_get_root (results));
      given = json_node_get_object (json_parser_get_root (answers));
      for (guint j = 0; j < json_array_get_length (list); j++)
        {
          JsonObject *result = json_array_get_object_element (list, j);
          const char *key = json_object_get_string_member_with_default (result, "key", "");

          if (g_strcmp0 (json_object_get_string_member_with_default (result, "state", ""), "pending") != 0)
            continue;
          g_print ("%s%s\t%s\t%s\t%s\t%s\n", shown++ > 0 ? "\n" : "", attempt->uuid,
                   (const char *) g_hash_table_lookup (names, attempt->profile_uuid), attempt->lesson_id, key,
                   attempt->finished_at);
          g_print ("%s\n", json_object_get_string_member_with_default (given, key, _("(no answer)")));
        }
    }
  if (shown == 0)
    g_print ("%s\n", _("No written answer waits for a grade."));
  return HB_CLI_EXIT_OK;
}

int
hb_cli_quiz (int argc, char **argv)
{
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print ("%s\n", _("Usage: handbook-cli quiz show LESSON [--version N] [--json]"));
      g_print ("%s\n", _("       handbook-cli quiz take LESSON --profile PROFILE --answers FILE [--json]"));
      g_print ("%s\n", _("       handbook-cli quiz essays [--profile PROFILE]"));
      return HB_CLI_EXIT_OK;
    }
  if (argc < 2 || (strcmp (argv[1], "show") != 0 && strcmp (argv[1], "take") != 0 && strcmp (argv[1], "essays") != 0))
    return hb_cli_usage_error ("quiz", _("give show, take or essays"));

  {
    g_autofree char *argv0 = g_strdup_printf ("handbook-cli quiz %s", argv[1]);
    char *saved = argv[1];
    int rc;

    argv[1] = argv0;
    rc = strcmp (saved, "show") == 0   ? quiz_show (argc - 1, argv + 1)
         : strcmp (saved, "take") == 0 ? quiz_take (argc - 1, argv + 1)
                                        : quiz_essays (argc - 1, argv + 1);
    argv[1] = saved;
    return rc;
  }
}

/* read ---------------------------------------------------------------------- */

int
hb_cli_read (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  int version = 0;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("Who read it (uuid, employee id or name)"),
      N_("PROFILE") },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("The version read (default: the one in force)"), N_("N") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (HbArticle) lesson = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("read", _("LESSON"), _("Records that a person read a lesson to its end."), entries,
                             &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("read", _("give one lesson id"));
  if (version < 0)
    return hb_cli_usage_error ("read", _("a version is a number from 1"));
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profile = hb_cli_find_profile (store, profile_key, &exit_code);
  if (profile == NULL)
    return exit_code;
  lesson = hb_store_get_article (store, argv[1], (guint) version, &error);
  if (lesson == NULL)
    return hb_cli_user_error (error);
  if (!hb_lesson_record_read (store, profile->uuid, argv[1], hb_article_get_version (lesson), NULL, &error))
    return hb_cli_user_error (error);
  g_print (_("%s read “%s” (version %u)\n"), profile->name, hb_article_get_title (lesson),
           hb_article_get_version (lesson));
  return HB_CLI_EXIT_OK;
}

/* progress ------------------------------------------------------------------ */

static void
print_course_progress (HbCourseProgress *progress, gboolean with_lessons)
{
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%s\t%s\t", progress->profile->name, progress->course->title);
  g_string_append_printf (line, _("%u of %u done"), progress->n_completed, progress->lessons->len);
  if (progress->n_needs_review > 0)
    g_string_append_printf (line, "\t%s %u", _("needs review:"), progress->n_needs_review);
  if (progress->n_overdue > 0)
    g_string_append_printf (line, "\t%s %u", _("overdue:"), progress->n_overdue);
  if (progress->completed)
    g_string_append_printf (line, "\t%s %s", _("completed"), progress->completed_at);
  g_print ("%s\n", line->str);

  for (guint i = 0; with_lessons && i < progress->lessons->len; i++)
    {
      HbLessonProgress *lesson = g_ptr_array_index (progress->lessons, i);
      g_autofree char *best = lesson->best_score >= 0 ? percent (lesson->best_score) : g_strdup ("-");

      g_print ("  %u\t%s\t%-16s\t%s %s\t%s %u", lesson->position, lesson->lesson_id,
               hb_lesson_state_to_string (lesson->state), _("best"), best, _("attempts"), lesson->attempts);
      if (lesson->locked)
        g_print ("\t%s", _("locked"));
      if (lesson->due_on != NULL && lesson->state != HB_LESSON_COMPLETED)
        g_print ("\t%s %s%s", _("due"), lesson->due_on, lesson->overdue ? _(" (overdue)") : "");
      g_print ("\n");
    }
}

int
hb_cli_progress (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  g_autofree char *today = NULL;
  g_autofree char *base = NULL;
  gboolean csv = FALSE, xapi = FALSE;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("One person (default: the whole team)"),
      N_("PROFILE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV, one row per person and lesson"), NULL },
    { "xapi", 0, 0, G_OPTION_ARG_NONE, &xapi, N_("Print the records as xAPI statements (JSON)"), NULL },
    { "xapi-base", 0, 0, G_OPTION_ARG_STRING, &base, N_("The IRI xAPI activity ids start with"), N_("IRI") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("The day overdue is counted on (YYYY-MM-DD)"), N_("DATE") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (GPtrArray) progress = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("progress", "",
                             _("Shows each person's progress in the courses: one person's with --profile, "
                               "the team report without."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("progress", _("unexpected argument “%s”"), argv[1]);
  if (csv && xapi)
    return hb_cli_usage_error ("progress", _("give --csv or --xapi, not both"));
  if (today != NULL)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, today);
      if (strlen (today) != 10 || !g_date_valid (&date))
        return hb_cli_usage_error ("progress", _("--today takes a date written YYYY-MM-DD"));
    }

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  if (profile_key != NULL)
    {
      profile = hb_cli_find_profile (store, profile_key, &exit_code);
      if (profile == NULL)
        return exit_code;
    }

  if (xapi)
    {
      g_autofree char *text = hb_xapi_export (store, profile != NULL ? profile->uuid : NULL, base, &error);

      if (text == NULL)
        return hb_cli_user_error (error);
      g_print ("%s\n", text);
      return HB_CLI_EXIT_OK;
    }

  progress = profile != NULL ? hb_progress_load (store, profile->uuid, today, &error)
                             : hb_progress_load_team (store, today, &error);
  if (progress == NULL)
    return hb_cli_user_error (error);

  if (csv)
    {
      g_autofree char *text = hb_progress_to_csv (progress);

      fputs (text, stdout);
      return HB_CLI_EXIT_OK;
    }

  for (guint i = 0; i < progress->len; i++)
    print_course_progress (g_ptr_array_index (progress, i), profile != NULL);
  return HB_CLI_EXIT_OK;
}

/* review -------------------------------------------------------------------- */

static int
review_list (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  gboolean json = FALSE, all = FALSE;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("Whose review"), N_("PROFILE") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every question in the review, not only those due today"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  int exit_code = HB_CLI_EXIT_OK;
  guint due = 0;

  if (!hb_cli_parse_options ("review list", "", _("Lists the questions due for review today."), entries, &argc,
                             &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("review list", _("unexpected argument “%s”"), argv[1]);
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profile = hb_cli_find_profile (store, profile_key, &exit_code);
  if (profile == NULL)
    return exit_code;
  items = hb_review_load (store, profile->uuid, hb_review_end_of_day (g_get_real_time () / G_USEC_PER_SEC), &due,
                          &error);
  if (items == NULL)
    return hb_cli_user_error (error);

  if (!json)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u question due today\n", "%u questions due today\n", due), due);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      HbReviewItem *item = g_ptr_array_index (items, i);
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (item->card.due);
      g_autofree char *due_at = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");

      if (!all && (!item->due || item->suspended))
        continue;
      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "lesson");
          json_builder_add_string_value (builder, item->lesson_id);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, item->question_key);
          json_builder_set_member_name (builder, "due");
          json_builder_add_string_value (builder, due_at);
          json_builder_set_member_name (builder, "due_today");
          json_builder_add_boolean_value (builder, item->due);
          json_builder_set_member_name (builder, "suspended");
          json_builder_add_boolean_value (builder, item->suspended);
          json_builder_set_member_name (builder, "reviews");
          json_builder_add_int_value (builder, item->reviews);
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%s%s\n", item->lesson_id, item->question_key, due_at,
                 item->suspended ? _("\tuntil the new version is read") : "");
    }
  json_builder_end_array (builder);
  if (json)
    {
      g_autoptr (JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }
  return HB_CLI_EXIT_OK;
}

static int
review_answer (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  g_autofree char *answers_file = NULL;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("Who answers"), N_("PROFILE") },
    { "answers", 'a', 0, G_OPTION_ARG_FILENAME, &answers_file, N_("The answers, JSON keyed by question key"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (HbQuiz) quiz = NULL;
  g_autoptr (JsonObject) answers = NULL;
  g_autoptr (GHashTable) responses = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("review answer", _("LESSON"), _("Answers questions of a lesson in the review."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("review answer", _("give one lesson id"));
  if (answers_file == NULL)
    return hb_cli_usage_error ("review answer", _("give --answers FILE"));
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profile = hb_cli_find_profile (store, profile_key, &exit_code);
  if (profile == NULL)
    return exit_code;
  quiz = load_quiz (store, argv[1], 0, &exit_code);
  if (quiz == NULL)
    return exit_code;
  answers = read_answers (answers_file, &exit_code);
  if (answers == NULL)
    return exit_code;
  responses = hb_quiz_responses_from_json (quiz, answers, &error);
  if (responses == NULL)
    {
      g_printerr (_("handbook-cli: %s: the answers do not fit the quiz of “%s”:\n%s\n"), answers_file,
                  quiz->lesson_id, error->message);
      return HB_CLI_EXIT_FAILED;
    }

  g_hash_table_iter_init (&iter, responses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr (HbGradeResult) result = hb_review_answer (store, profile->uuid, quiz, key, value, NULL, &error);

      if (result == NULL)
        return hb_cli_user_error (error);
      print_result (hb_quiz_find_question (quiz, key), result);
    }
  return HB_CLI_EXIT_OK;
}

int
hb_cli_review (int argc, char **argv)
{
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print ("%s\n", _("Usage: handbook-cli review list --profile PROFILE [--all] [--json]"));
      g_print ("%s\n", _("       handbook-cli review answer LESSON --profile PROFILE --answers FILE"));
      return HB_CLI_EXIT_OK;
    }
  if (argc < 2 || (strcmp (argv[1], "list") != 0 && strcmp (argv[1], "answer") != 0))
    return hb_cli_usage_error ("review", _("give list or answer"));

  {
    g_autofree char *argv0 = g_strdup_printf ("handbook-cli review %s", argv[1]);
    char *saved = argv[1];
    int rc;

    argv[1] = argv0;
    rc = strcmp (saved, "list") == 0 ? review_list (argc - 1, argv + 1) : review_answer (argc - 1, argv + 1);
    argv[1] = saved;
    return rc;
  }
}
