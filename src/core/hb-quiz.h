/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-gift.h"
#include "hb-grade.h"
#include "hb-store.h"
#include "hb-store-attempts.h"

G_BEGIN_DECLS

/*
 * A lesson's quiz: the questions of its ```gift blocks, in the version of
 * the lesson that is shown. The quiz version is the SHA-256 of the GIFT
 * text, so it follows the lesson's versions: a new lesson version whose
 * GIFT text is the same has the same quiz version.
 *
 * Answers are JSON, keyed by question key (see README.md, "Quiz answers"):
 *
 *   multiple choice   "the choice's text" or its index (0 = first written)
 *   multiple answer   ["a choice", "another"] (texts or indices)
 *   true/false        true or false
 *   short answer      "text"
 *   numerical         6 or "6,5"
 *   matching          {"left side": "right side", …}
 *   ordering          ["item", "item", …] (texts or indices)
 *   essay             "text"
 */

#define HB_QUIZ_ERROR (hb_quiz_error_quark ())

typedef enum
{
  /* The lesson has no quiz. */
  HB_QUIZ_ERROR_NO_QUIZ,
  /* An answer does not fit its question, or names no question. */
  HB_QUIZ_ERROR_ANSWER,
} HbQuizError;

GQuark hb_quiz_error_quark (void);

/**
 * hb_quiz_parse_markdown:
 * @markdown: a lesson body (no front matter)
 * @file: the file name, for messages
 * @first_line: the line of the file the body starts on
 * @quiz_sha256: (out) (optional): the quiz version, %NULL when there is no
 *   ```gift block
 * @error: return location for a #HB_GIFT_ERROR
 *
 * Reads every ```gift block of @markdown into one quiz. A question key
 * that an earlier block took gets "-2", "-3"…
 *
 * Returns: (transfer full): the quiz (empty without blocks), or %NULL with
 *   @error set: each broken question on its own line, "FILE:LINE: …"
 */
HbGiftQuiz *hb_quiz_parse_markdown (const char *markdown, const char *file, guint first_line,
                                    char **quiz_sha256, GError **error);

/**
 * hb_quiz_strip_markdown:
 * @markdown: a lesson body
 *
 * Returns: (transfer full): @markdown without its ```gift blocks (the
 *   answers are not for reading before the quiz)
 */
char *hb_quiz_strip_markdown (const char *markdown);

/**
 * hb_quiz_fingerprint:
 * @markdown: a lesson body
 * @text_sha256: (out) (optional): the SHA-256 of the text without quiz
 * @quiz_sha256: (out) (optional): the quiz version, %NULL without quiz
 *
 * What a person learns from a lesson version, as two hashes: a new version
 * that changes neither (only its front matter, say) changes nothing they
 * learnt. Cached by content, so cheap to ask again.
 */
void hb_quiz_fingerprint (const char *markdown, char **text_sha256, char **quiz_sha256);

/**
 * HbQuiz:
 * @lesson_id: the lesson
 * @lesson_version: the version the quiz is of
 * @lesson_title: its title
 * @course_id: (nullable): the course that holds it
 * @pass_mark: the course's pass mark, in percent
 * @quiz_sha256: the quiz version
 * @gift: the questions
 * @body: the lesson's Markdown body (to find the section a question is about)
 */
typedef struct
{
  char *lesson_id;
  guint lesson_version;
  char *lesson_title;
  char *course_id;
  double pass_mark;
  char *quiz_sha256;
  HbGiftQuiz *gift;
  char *body;
} HbQuiz;

void hb_quiz_free (HbQuiz *quiz);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbQuiz, hb_quiz_free)

/**
 * hb_quiz_load:
 * @store: a store
 * @lesson_id: a lesson
 * @version: its version, 0 for the one in force
 *
 * Returns: (transfer full): the quiz, or %NULL with
 *   %HB_QUIZ_ERROR_NO_QUIZ or %HB_STORE_ERROR_NOT_FOUND
 */
HbQuiz *hb_quiz_load (HbStore *store, const char *lesson_id, guint version, GError **error);

/* The question with @key, or %NULL. */
const HbGiftQuestion *hb_quiz_find_question (const HbQuiz *quiz, const char *key);

/* The number of questions that are graded (all but descriptions). */
guint hb_quiz_count_gradable (const HbQuiz *quiz);

/**
 * hb_quiz_question_section:
 * @quiz: a quiz
 * @question: one of its questions
 *
 * Finds the section of the lesson that answers @question: the one whose
 * words the question, its right answers and feedback share most.
 *
 * Returns: (transfer full) (nullable): the heading id, or %NULL
 */
char *hb_quiz_question_section (const HbQuiz *quiz, const HbGiftQuestion *question);

/**
 * hb_quiz_response_from_json:
 * @question: a question
 * @node: (nullable): the answer given, as in an answers file
 * @error: return location for %HB_QUIZ_ERROR_ANSWER
 *
 * Returns: (transfer full): the response (an empty one for %NULL), or %NULL
 *   with @error set when @node cannot be an answer to @question
 */
HbGradeResponse *hb_quiz_response_from_json (const HbGiftQuestion *question, JsonNode *node,
                                             GError **error);

/**
 * hb_quiz_response_to_json:
 *
 * Returns: (transfer full) (nullable): @response as an answers file writes
 *   it, choices by their text; %NULL when nothing was answered
 */
JsonNode *hb_quiz_response_to_json (const HbGiftQuestion *question, const HbGradeResponse *response);

/* The name of a question type in JSON and CSV ("multiple-choice", …). */
const char *hb_quiz_type_to_string (HbGiftType type);
/* "right", "partial", "wrong", "pending", "ungraded". */
const char *hb_grade_state_to_string (HbGradeState state);

/**
 * HbQuizGrade:
 * @results: (element-type HbGradeResult): one per question, in order
 * @score: the quiz's score, pass or fail
 */
typedef struct
{
  GPtrArray *results;
  HbGradeScore score;
} HbQuizGrade;

void hb_quiz_grade_free (HbQuizGrade *grade);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbQuizGrade, hb_quiz_grade_free)

/**
 * hb_quiz_grade:
 * @quiz: a quiz
 * @responses: (element-type utf8 HbGradeResponse): question key → response;
 *   a question without one is unanswered
 *
 * Returns: (transfer full): each question's result and the score
 */
HbQuizGrade *hb_quiz_grade (const HbQuiz *quiz, GHashTable *responses);

/**
 * hb_quiz_responses_from_json:
 * @quiz: a quiz
 * @object: an answers file, keyed by question key
 * @error: return location for %HB_QUIZ_ERROR_ANSWER (every problem listed,
 *   one per line, naming the question)
 *
 * Returns: (transfer full) (element-type utf8 HbGradeResponse): the
 *   responses, or %NULL with @error set
 */
GHashTable *hb_quiz_responses_from_json (const HbQuiz *quiz, JsonObject *object, GError **error);

/* A new table for hb_quiz_grade (): key → HbGradeResponse. */
GHashTable *hb_quiz_responses_new (void);

/**
 * hb_quiz_record_attempt:
 * @store: a store
 * @quiz: the quiz as it was shown (the attempt is recorded against its
 *   lesson version even if a newer one came in force meanwhile)
 * @profile_uuid: who took it
 * @responses: (element-type utf8 HbGradeResponse): the answers
 * @started_at: (nullable): when the quiz was shown; the submission time
 *   when %NULL
 * @finished_at: (nullable): when it was submitted; now when %NULL
 * @grade: (out) (optional) (transfer full): the grading
 * @error: return location for an error (%HB_COURSE_ERROR_LOCKED when the
 *   course is taken in order and an earlier lesson is not done)
 *
 * Grades the answers and records the attempt, and for each question
 * missed (or answered again once missed) the review event that schedules
 * it, in one transaction. The window and handbook-cli both record
 * attempts through here.
 *
 * Returns: (transfer full): the attempt as stored, or %NULL with @error set
 */
HbAttemptRecord *hb_quiz_record_attempt (HbStore *store, const HbQuiz *quiz, const char *profile_uuid,
                                         GHashTable *responses, const char *started_at,
                                         const char *finished_at, HbQuizGrade **grade, GError **error);

G_END_DECLS
