/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hb-gift.h"
#include "hb-grade.h"
#include "hb-test-util.h"

/* One row: a question, a response, and what Moodle would give for it.
 *
 * The response is written "kind:value": "choice:1", "choices:0,2",
 * "truth:1", "text:Doudian", "number:1822", "matches:Alibaba|JD.com|"
 * (one right side an answer, empty for none), "order:2,0,1", or "none".
 * The feedback is every feedback shown, joined by " | ", general last. */
typedef struct
{
  const char *gift;
  const char *response;
  double fraction;
  HbGradeState state;
  const char *feedback;
  const char *right_answer;
} GradeCase;

static const char choice[] =
  "Tmall's reply window?{~24 hours#Too short =48 hours#Right ~%50%two days#Say 48 hours ####Rule 4.2}";
static const char checkboxes[] =
  "Which are Chinese platforms?{~%50%Tmall#Yes ~%50%JD#Yes ~%-100%Amazon#No}";
static const char thirds[] =
  "Which are evidence?{~%33.33333%video ~%33.33333%photos ~%33.33333%chat log ~%-100%a promise}";
static const char true_false[] =
  "A no-reason return lasts 7 days.{TRUE#Wrong: it is true.#Right.}";
static const char shop[] =
  "Douyin's seller app?{=Doudian#Right =%50%Douyin*#Close =抖店#对 =caf\xc3\xa9#Accented =5\\*#Star}";
static const char first_match[] =
  "Name it.{=%50%*shop#Any shop =Doudian shop#Exact}";
static const char catch_all[] =
  "Which is the best animal?{=Frog#Good! =%50%Cat#Cats... =%0%*#Completely wrong}";
static const char year[] =
  "When?{#=1822:0#Exactly =%50%1822:2#Close ~#Far}";
static const char pi_range[] = "Pi to 3 places?{#3.141..3.142}";
static const char pi_tolerance[] = "Pi to 3 places?{#3.1415:0.0005}";
static const char order_first[] = "Year?{#=%50%1822:5 =1822}";
static const char pairs[] =
  "Match the owner.{=Tmall -> Alibaba =JD -> JD.com =Douyin -> ByteDance = -> Tencent}";
static const char absolute[] = "Order.{>3 ALL ABSOLUTE_POSITION\nfirst\nsecond\nthird}";
static const char next_default[] = "Order.{>3\na\nb\nc}";
static const char all_or_nothing[] = "Order.{>3 ALL ALL_OR_NOTHING\na\nb\nc}";
static const char ordered_subset[] = "Order.{>4 ALL LONGEST_ORDERED_SUBSET\na\nb\nc\nd}";
static const char contiguous_subset[] = "Order.{>4 ALL LONGEST_CONTIGUOUS_SUBSET\na\nb\nc\nd}";
static const char to_correct[] = "Order.{>3 ALL RELATIVE_TO_CORRECT\na\nb\nc}";
static const char one_prev_next[] = "Order.{>3 ALL RELATIVE_ONE_PREVIOUS_AND_NEXT\na\nb\nc}";
static const char all_prev_next[] = "Order.{>3 ALL RELATIVE_ALL_PREVIOUS_AND_NEXT\na\nb\nc}";
static const char next_include_last[] = "Order.{>3 ALL RELATIVE_NEXT_INCLUDE_LAST\na\nb\nc}";

static const GradeCase cases[] = {
  /* Single choice: the chosen answer's fraction. */
  { choice, "choice:1", 1, HB_GRADE_RIGHT, "Right | Rule 4.2", "48 hours" },
  { choice, "choice:0", 0, HB_GRADE_WRONG, "Too short | Rule 4.2", "48 hours" },
  { choice, "choice:2", 0.5, HB_GRADE_PARTIAL, "Say 48 hours | Rule 4.2", NULL },
  { choice, "none", 0, HB_GRADE_WRONG, "Rule 4.2", NULL },
  { choice, "choice:7", 0, HB_GRADE_WRONG, "Rule 4.2", NULL },
  /* A negative answer in a single choice question counts as 0. */
  { "Which?{=right ~%-50%costly}", "choice:1", 0, HB_GRADE_WRONG, "", "right" },

  /* Multiple answers: the checked fractions summed, clamped to 0..1. */
  { checkboxes, "choices:0,1", 1, HB_GRADE_RIGHT, "Yes | Yes", "Tmall; JD" },
  { checkboxes, "choices:1", 0.5, HB_GRADE_PARTIAL, "Yes", NULL },
  { checkboxes, "choices:0,1,2", 0, HB_GRADE_WRONG, "Yes | Yes | No", NULL },
  { checkboxes, "choices:2", 0, HB_GRADE_WRONG, "No", NULL },
  { checkboxes, "choices:1,1", 0.5, HB_GRADE_PARTIAL, "Yes", NULL },
  { checkboxes, "none", 0, HB_GRADE_WRONG, "", NULL },
  /* Three times 33.33333% is 100%: right, not partially. */
  { thirds, "choices:2,0,1", 1, HB_GRADE_RIGHT, "", "video; photos; chat log" },
  { thirds, "choices:0,1,2,3", 0, HB_GRADE_WRONG, "", NULL },

  /* True/false: the first feedback for a wrong answer, the second for a
   * right one. */
  { true_false, "truth:1", 1, HB_GRADE_RIGHT, "Right.", "True" },
  { true_false, "truth:0", 0, HB_GRADE_WRONG, "Wrong: it is true.", "True" },
  { true_false, "none", 0, HB_GRADE_WRONG, "", NULL },
  { "The window is 72 hours.{F}", "truth:0", 1, HB_GRADE_RIGHT, "", "False" },

  /* Short answer: the first answer that matches, case-insensitive, NFC,
   * "*" for anything, blanks at the ends ignored. */
  { shop, "text:doudian", 1, HB_GRADE_RIGHT, "Right", "Doudian" },
  { shop, "text:  DOUDIAN ", 1, HB_GRADE_RIGHT, "Right", NULL },
  { shop, "text:Douyin shop", 0.5, HB_GRADE_PARTIAL, "Close", NULL },
  { shop, "text:douyin", 0.5, HB_GRADE_PARTIAL, "Close", NULL },
  { shop, "text:抖店", 1, HB_GRADE_RIGHT, "对", NULL },
  { shop, "text:cafe\xcc\x81", 1, HB_GRADE_RIGHT, "Accented", NULL },
  { shop, "text:5*", 1, HB_GRADE_RIGHT, "Star", NULL },
  { shop, "text:55", 0, HB_GRADE_WRONG, "", NULL },
  { shop, "text:Taobao", 0, HB_GRADE_WRONG, "", NULL },
  { shop, "text:", 0, HB_GRADE_WRONG, "", NULL },
  { first_match, "text:Doudian shop", 0.5, HB_GRADE_PARTIAL, "Any shop", "Doudian shop" },
  { catch_all, "text:dog", 0, HB_GRADE_WRONG, "Completely wrong", "Frog" },
  { catch_all, "text:cat", 0.5, HB_GRADE_PARTIAL, "Cats...", NULL },

  /* Numerical: the first answer the number is within. */
  { year, "number:1822", 1, HB_GRADE_RIGHT, "Exactly", "1822 ± 0" },
  { year, "number:1823.5", 0.5, HB_GRADE_PARTIAL, "Close", NULL },
  { year, "number:1830", 0, HB_GRADE_WRONG, "Far", NULL },
  { year, "none", 0, HB_GRADE_WRONG, "", NULL },
  { pi_range, "number:3.1415", 1, HB_GRADE_RIGHT, "", "3.141 to 3.142" },
  { pi_range, "number:3.142", 1, HB_GRADE_RIGHT, "", NULL },
  { pi_range, "number:3.1425", 0, HB_GRADE_WRONG, "", NULL },
  /* 3.142 - 3.1415 is a little more than 0.0005 in floating point. */
  { pi_tolerance, "number:3.142", 1, HB_GRADE_RIGHT, "", "3.1415 ± 0.0005" },
  { pi_tolerance, "number:3.141", 1, HB_GRADE_RIGHT, "", NULL },
  { pi_tolerance, "number:3.1421", 0, HB_GRADE_WRONG, "", NULL },
  { order_first, "number:1822", 0.5, HB_GRADE_PARTIAL, "", "1822" },

  /* Matching: the pairs matched right over the pairs. */
  { pairs, "matches:Alibaba|JD.com|ByteDance|", 1, HB_GRADE_RIGHT, "",
    "Tmall → Alibaba; JD → JD.com; Douyin → ByteDance" },
  { pairs, "matches:Alibaba|ByteDance|JD.com|", 1.0 / 3, HB_GRADE_PARTIAL, "", NULL },
  { pairs, "matches:Alibaba||", 1.0 / 3, HB_GRADE_PARTIAL, "", NULL },
  { pairs, "matches:Tencent|Tencent|Tencent|", 0, HB_GRADE_WRONG, "", NULL },
  { pairs, "none", 0, HB_GRADE_WRONG, "", NULL },

  /* Ordering, each of qtype_ordering's grading types. */
  { absolute, "order:0,1,2", 1, HB_GRADE_RIGHT, "", "first, second, third" },
  { absolute, "order:1,0,2", 1.0 / 3, HB_GRADE_PARTIAL, "", NULL },
  { next_default, "order:0,1,2", 1, HB_GRADE_RIGHT, "", NULL },
  /* c a b: a's next is right (b), b's is not (c); c is last, not graded. */
  { next_default, "order:2,0,1", 0.5, HB_GRADE_PARTIAL, "", NULL },
  { next_include_last, "order:2,0,1", 1.0 / 3, HB_GRADE_PARTIAL, "", NULL },
  { all_or_nothing, "order:1,0,2", 0, HB_GRADE_WRONG, "", NULL },
  { all_or_nothing, "order:0,1,2", 1, HB_GRADE_RIGHT, "", NULL },
  { ordered_subset, "order:0,2,1,3", 0.75, HB_GRADE_PARTIAL, "", NULL },
  { contiguous_subset, "order:0,2,1,3", 0.5, HB_GRADE_PARTIAL, "", NULL },
  { contiguous_subset, "order:3,2,1,0", 0, HB_GRADE_WRONG, "", NULL },
  { to_correct, "order:1,0,2", 4.0 / 6, HB_GRADE_PARTIAL, "", NULL },
  { one_prev_next, "order:1,0,2", 1.0 / 6, HB_GRADE_PARTIAL, "", NULL },
  { all_prev_next, "order:1,0,2", 4.0 / 6, HB_GRADE_PARTIAL, "", NULL },
  /* A subset of the items (select count below the number of items): the
   * right order is theirs in the file. */
  { absolute, "order:0,2", 1, HB_GRADE_RIGHT, "", NULL },

  /* Essays wait for a person; descriptions have no grade. */
  { "Describe your last dispute.{####Take your time.}", "text:It was about a parcel.", 0, HB_GRADE_PENDING,
    "Take your time.", NULL },
  { "Read the rules first.", "none", 0, HB_GRADE_UNGRADED, "", NULL },
};

static HbGradeResponse *
response_from (const char *spec)
{
  const char *colon = strchr (spec, ':');
  g_autofree char *kind = colon != NULL ? g_strndup (spec, colon - spec) : g_strdup (spec);
  const char *value = colon != NULL ? colon + 1 : "";
  g_auto (GStrv) parts = NULL;
  g_autoptr (GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i;

  if (strcmp (kind, "none") == 0)
    return hb_grade_response_new ();
  if (strcmp (kind, "choice") == 0)
    return hb_grade_response_new_choice (atoi (value));
  if (strcmp (kind, "truth") == 0)
    return hb_grade_response_new_truth (atoi (value) != 0);
  if (strcmp (kind, "text") == 0)
    return hb_grade_response_new_text (value);
  if (strcmp (kind, "number") == 0)
    {
      double number;

      g_assert_true (hb_grade_parse_number (value, &number));
      return hb_grade_response_new_number (number);
    }
  if (strcmp (kind, "matches") == 0)
    {
      g_autoptr (HbGradeResponse) response = hb_grade_response_new ();

      parts = g_strsplit (value, "|", -1);
      for (i = 0; parts[i] != NULL; i++)
        g_ptr_array_add (response->matches, parts[i][0] != '\0' ? g_strdup (parts[i]) : NULL);
      return g_steal_pointer (&response);
    }
  parts = g_strsplit (value, ",", -1);
  for (i = 0; parts[i] != NULL; i++)
    {
      guint index = (guint) atoi (parts[i]);

      g_array_append_val (indices, index);
    }
  if (strcmp (kind, "choices") == 0)
    return hb_grade_response_new_choices ((guint *) indices->data, indices->len);
  g_assert_cmpstr (kind, ==, "order");
  return hb_grade_response_new_order ((guint *) indices->data, indices->len);
}

static void
test_grade_rules (void)
{
  guint i, j;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const GradeCase *c = &cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (HbGiftQuiz) quiz = hb_gift_parse (c->gift, -1, "grade.gift", 1, &error);
      g_autoptr (HbGradeResponse) response = NULL;
      g_autoptr (HbGradeResult) result = NULL;
      g_autoptr (GString) feedback = g_string_new (NULL);

      g_assert_no_error (error);
      g_assert_cmpuint (quiz->questions->len, ==, 1);
      response = response_from (c->response);
      result = hb_grade_question (g_ptr_array_index (quiz->questions, 0), response);

      for (j = 0; j < result->feedback->len; j++)
        {
          HbGradeFeedback *f = g_ptr_array_index (result->feedback, j);

          g_string_append_printf (feedback, "%s%s", j > 0 ? " | " : "", f->text);
        }
      if (fabs (result->fraction - c->fraction) > 1e-9 || result->state != c->state
          || strcmp (feedback->str, c->feedback) != 0
          || (c->right_answer != NULL && g_strcmp0 (result->right_answer, c->right_answer) != 0))
        g_error ("case %u (%s, %s): fraction %g state %d feedback “%s” right “%s”; "
                 "expected %g, %d, “%s”, “%s”",
                 i, c->gift, c->response, result->fraction, result->state, feedback->str,
                 result->right_answer, c->fraction, c->state, c->feedback, c->right_answer);
    }
}

static void
test_grade_right_answers (void)
{
  g_autoptr (HbGiftQuiz) quiz = hb_gift_parse (
    "A?{~24 =48 ~72}\n\nB?{~%50%x ~%50%y ~%-100%z}\n\nC.{F}\n\n"
    "D?{=%50%nearly =exact =also exact}\n\nE?{=Tmall -> Alibaba = -> Tencent =JD -> JD.com}\n",
    -1, "grade.gift", 1, NULL);
  const guint want[][3] = { { 1 }, { 0, 1 }, { 1 }, { 1 }, { 0, 2 } };
  const guint counts[] = { 1, 2, 1, 1, 2 };
  guint i, j;

  g_assert_nonnull (quiz);
  for (i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr (HbGradeResponse) response = hb_grade_response_new ();
      g_autoptr (HbGradeResult) result = hb_grade_question (g_ptr_array_index (quiz->questions, i), response);

      g_assert_false (result->answered);
      g_assert_cmpuint (result->right->len, ==, counts[i]);
      for (j = 0; j < counts[i]; j++)
        g_assert_cmpuint (g_array_index (result->right, guint, j), ==, want[i][j]);
    }
}

static void
test_grade_essay (void)
{
  g_autoptr (HbGiftQuiz) quiz = hb_gift_parse ("Describe it.{}", -1, "grade.gift", 1, NULL);
  g_autoptr (HbGradeResponse) empty = hb_grade_response_new_text ("   ");
  g_autoptr (HbGradeResponse) written = hb_grade_response_new_text ("The parcel was open.");
  g_autoptr (HbGradeResult) unanswered = hb_grade_question (g_ptr_array_index (quiz->questions, 0), empty);
  g_autoptr (HbGradeResult) result = hb_grade_question (g_ptr_array_index (quiz->questions, 0), written);

  g_assert_false (unanswered->answered);
  g_assert_true (result->answered);
  g_assert_cmpint (result->state, ==, HB_GRADE_PENDING);
  g_assert_null (result->right_answer);

  /* A manager's grade. */
  hb_grade_result_set_manual (result, 0.75);
  g_assert_cmpint (result->state, ==, HB_GRADE_PARTIAL);
  g_assert_cmpfloat (result->fraction, ==, 0.75);
  hb_grade_result_set_manual (result, 1);
  g_assert_cmpint (result->state, ==, HB_GRADE_RIGHT);
}

static void
test_grade_parse_number (void)
{
  static const struct { const char *text; gboolean ok; double value; } numbers[] = {
    { "1822", TRUE, 1822 }, { " -3.5 ", TRUE, -3.5 }, { "3,5", TRUE, 3.5 }, { "1e3", TRUE, 1000 },
    { "+7", TRUE, 7 }, { "", FALSE, 0 }, { "seven", FALSE, 0 }, { "1,000.5", FALSE, 0 },
    { "7 days", FALSE, 0 }, { "nan", FALSE, 0 }, { "inf", FALSE, 0 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      double value = 0;

      g_assert_cmpint (hb_grade_parse_number (numbers[i].text, &value), ==, numbers[i].ok);
      if (numbers[i].ok)
        g_assert_cmpfloat (value, ==, numbers[i].value);
    }
}

/* A quiz's score: the question fractions summed over the gradable
 * questions; passed when the score reaches the pass mark. */
static void
test_grade_score (void)
{
  static const struct
  {
    const char *fractions; /* one a question: a number, "p" pending, "d" a description */
    double pass_mark;
    double score;
    guint gradable, pending;
    gboolean passed;
  } scores[] = {
    { "1 1 1 1 0", 80, 0.8, 5, 0, TRUE },
    { "1 1 1 0.5 0", 80, 0.7, 5, 0, FALSE },
    { "1 1 1 1 d", 100, 1, 4, 0, TRUE },
    { "1 1 1 p", 75, 0.75, 4, 1, TRUE },
    { "1 1 p p", 75, 0.5, 4, 2, FALSE },
    { "d d", 80, 0, 0, 0, TRUE },
    { "0.3333333333 0.6666666667 1", 66.6666, 2.0 / 3, 3, 0, TRUE },
  };
  guint i, j;

  for (i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      g_auto (GStrv) words = g_strsplit (scores[i].fractions, " ", -1);
      g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_grade_result_free);
      HbGradeScore score;

      for (j = 0; words[j] != NULL; j++)
        {
          HbGradeResult *result = g_new0 (HbGradeResult, 1);

          if (strcmp (words[j], "p") == 0)
            result->state = HB_GRADE_PENDING;
          else if (strcmp (words[j], "d") == 0)
            result->state = HB_GRADE_UNGRADED;
          else
            hb_grade_result_set_manual (result, g_ascii_strtod (words[j], NULL));
          g_ptr_array_add (results, result);
        }
      score = hb_grade_score ((HbGradeResult *const *) results->pdata, results->len, scores[i].pass_mark);
      g_assert_cmpfloat_with_epsilon (score.score, scores[i].score, 1e-9);
      g_assert_cmpuint (score.gradable, ==, scores[i].gradable);
      g_assert_cmpuint (score.pending, ==, scores[i].pending);
      g_assert_cmpint (score.passed, ==, scores[i].passed);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grade/rules", test_grade_rules);
  g_test_add_func ("/grade/right-answers", test_grade_right_answers);
  g_test_add_func ("/grade/essay", test_grade_essay);
  g_test_add_func ("/grade/parse-number", test_grade_parse_number);
  g_test_add_func ("/grade/score", test_grade_score);

  status = g_test_run ();
  hb_test_cleanup ();
  return status;
}
