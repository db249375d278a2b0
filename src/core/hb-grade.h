/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-gift.h"

G_BEGIN_DECLS

/* Grading a response to a GIFT question as Moodle's question types grade
 * it, and a quiz's score. */

typedef enum
{
  HB_GRADE_WRONG,
  HB_GRADE_PARTIAL,
  HB_GRADE_RIGHT,
  HB_GRADE_PENDING,   /* an essay, waiting for a person to grade it */
  HB_GRADE_UNGRADED,  /* a description: nothing to grade */
} HbGradeState;

/**
 * HbGradeResponse:
 * @choice: multiple choice: the index of the chosen answer, or -1
 * @choices: (element-type guint): multiple answer: the indices of the
 *   checked answers
 * @answered: true/false and numerical: whether @truth or @number holds an
 *   answer
 * @truth: true/false: the answer given
 * @text: (nullable): short answer and essay: the text typed
 * @number: numerical: the number given (see hb_grade_parse_number())
 * @matches: (element-type utf8): matching: for each answer of the question
 *   (same index), the right side chosen, or %NULL; the entries of
 *   distractors (answers without a left side) are not read
 * @order: (element-type guint): ordering: the indices of the items in the
 *   order given
 *
 * What a person answered. Only the fields of the question's type are read.
 */
typedef struct
{
  int choice;
  GArray *choices;
  gboolean answered;
  gboolean truth;
  char *text;
  double number;
  GPtrArray *matches;
  GArray *order;
} HbGradeResponse;

/* An empty response: nothing chosen, nothing typed. */
HbGradeResponse *hb_grade_response_new (void);
HbGradeResponse *hb_grade_response_new_choice (int choice);
HbGradeResponse *hb_grade_response_new_choices (const guint *choices, guint n_choices);
HbGradeResponse *hb_grade_response_new_truth (gboolean truth);
HbGradeResponse *hb_grade_response_new_text (const char *text);
HbGradeResponse *hb_grade_response_new_number (double number);
/* @matches: one entry a question answer, NULL for none chosen. */
HbGradeResponse *hb_grade_response_new_matches (const char *const *matches, guint n_matches);
HbGradeResponse *hb_grade_response_new_order (const guint *order, guint n_order);
void hb_grade_response_free (HbGradeResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbGradeResponse, hb_grade_response_free)

/**
 * hb_grade_parse_number:
 * @text: what a person typed for a numerical question
 * @number: (out): the number
 *
 * Reads "1822", " -3.5 ", "3,5" (a decimal comma) or "1e3".
 *
 * Returns: whether @text is a number
 */
gboolean hb_grade_parse_number (const char *text, double *number);

/**
 * HbGradeFeedback:
 * @answer: the index of the answer the feedback belongs to, or -1 for the
 *   question's general feedback
 * @text: the feedback
 * @format: its format
 */
typedef struct
{
  int answer;
  char *text;
  HbGiftFormat format;
} HbGradeFeedback;

/**
 * HbGradeResult:
 * @state: right, partially right, wrong, or not graded (yet)
 * @fraction: the credit, 0 to 1
 * @answered: whether the response answers anything
 * @feedback: (element-type HbGradeFeedback): what to show after Submit:
 *   the feedback of each answer given, in order, then the general feedback
 * @right: (element-type guint): the answers that are right, to mark them:
 *   the full-credit choices of a multiple choice, the positive ones of a
 *   multiple answer, the right one of a true/false, the first full-credit
 *   answer of a short answer or numerical, every pair or item of a
 *   matching or ordering question
 * @right_answer: (nullable): the right answer as plain text, for after
 *   Submit ("Ottawa", "1822 ± 5", "Canada → Ottawa; Italy → Rome");
 *   %NULL for essays and descriptions
 */
typedef struct
{
  HbGradeState state;
  double fraction;
  gboolean answered;
  GPtrArray *feedback;
  GArray *right;
  char *right_answer;
} HbGradeResult;

void hb_grade_result_free (HbGradeResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbGradeResult, hb_grade_result_free)

/**
 * hb_grade_question:
 * @question: a question
 * @response: what was answered
 *
 * Grades as Moodle does:
 * - multiple choice takes the chosen answer's fraction (a negative one
 *   counts as 0);
 * - multiple answer sums the fractions of the checked answers, clamped to
 *   0..1;
 * - true/false is 1 for the right answer;
 * - short answer takes the first answer, in the order written, that the
 *   text matches: case-insensitive, both sides NFC-normalised, "*" any
 *   run of characters ("\*" a star), blanks at the ends ignored;
 * - numerical takes the first answer the number is within the tolerance
 *   or range of ("*" and "~#" match any number);
 * - matching is the pairs matched right divided by the pairs;
 * - ordering follows the question's grading type (qtype_ordering);
 * - an essay is pending until a person grades it
 *   (hb_grade_result_set_manual()); a description has no grade.
 * Right is a fraction above 0.999999 and wrong one below 0.000001, as
 * Moodle's question_state says.
 *
 * Returns: (transfer full): the result
 */
HbGradeResult *hb_grade_question (const HbGiftQuestion *question, const HbGradeResponse *response);

/**
 * hb_grade_result_set_manual:
 * @result: the result of an essay
 * @fraction: the credit a person gave, 0 to 1
 *
 * Records a grade given by hand, and the state that goes with it.
 */
void hb_grade_result_set_manual (HbGradeResult *result, double fraction);

/**
 * HbGradeScore:
 * @score: the quiz's score, 0 to 1: the fractions of the gradable
 *   questions summed and divided by their number (pending essays count 0)
 * @gradable: the questions that have a grade (all but descriptions)
 * @pending: the essays not graded yet; while there are any, @score and
 *   @passed can still change
 * @passed: whether @score reaches the pass mark (a quiz with nothing to
 *   grade is passed)
 */
typedef struct
{
  double score;
  guint gradable;
  guint pending;
  gboolean passed;
} HbGradeScore;

/**
 * hb_grade_score:
 * @results: (array length=n_results): the result of each question
 * @n_results: how many
 * @pass_mark: the pass mark in percent (80 for 80 %)
 *
 * Returns: the quiz's score
 */
HbGradeScore hb_grade_score (HbGradeResult *const *results, guint n_results, double pass_mark);

G_END_DECLS
