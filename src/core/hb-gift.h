/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Moodle's GIFT question format, read as Moodle's importer reads it
 * (question/format/gift/format.php, the checks Moodle makes when it saves
 * the questions, and the ordering type that Moodle 4.4 ships in core).
 *
 * Where this reader knowingly differs, each difference turns what Moodle
 * imports wrongly or drops without a word into the question the author
 * meant or into a clear error:
 * - An '=' inside a feedback is text ("#2 + 2 = 4", "x=1") unless it
 *   stands where an answer marker is written: first on its line, or after
 *   a blank and glued to its answer ("#Yes! =other"). Moodle splits at
 *   every '=', which also turns a multiple-answer question into a
 *   single-answer one.
 * - {T#...} and {FALSE#...} are true/false whatever their feedback holds;
 *   Moodle makes one with a '~' in its feedback a multiple choice.
 * - A second answer block, a stray brace, an unclosed ::title, a question
 *   without text and a numerical answer that is no number are errors;
 *   Moodle keeps the first block and the rest as text, drops the "::",
 *   saves an empty question, or stores the text as the number.
 * - "=%50%" in a multiple choice question is a weight; Moodle reads "%50%"
 *   as the start of the choice's text.
 * - A question right under its $CATEGORY line is read; Moodle makes it
 *   part of the category's name. Escapes in a category are resolved.
 * - In Markdown text, indentation and a line's two trailing spaces (a hard
 *   line break) are kept; Moodle trims every line, so a nested list is
 *   flattened. */

#define HB_GIFT_ERROR (hb_gift_error_quark ())

typedef enum
{
  /* The text is not UTF-8 (the message names the probable encoding). */
  HB_GIFT_ERROR_ENCODING,
  /* A question is broken: unclosed braces, too few answers, a number that
   * is not one... */
  HB_GIFT_ERROR_SYNTAX,
  /* A %weight% that is not one of the fractions Moodle allows. */
  HB_GIFT_ERROR_WEIGHT,
} HbGiftError;

GQuark hb_gift_error_quark (void);

typedef enum
{
  HB_GIFT_MULTIPLE_CHOICE, /* one answer, radio buttons: has an "=" answer */
  HB_GIFT_MULTIPLE_ANSWER, /* several answers, check boxes: "~%50%" weights only */
  HB_GIFT_TRUE_FALSE,
  HB_GIFT_SHORT_ANSWER,
  HB_GIFT_MATCHING,
  HB_GIFT_NUMERICAL,
  HB_GIFT_ESSAY,           /* graded by hand */
  HB_GIFT_DESCRIPTION,     /* text only, no answer, no grade */
  HB_GIFT_ORDERING,        /* "{>N ...}": put the items in order */
} HbGiftType;

/* The [markdown] [html] [plain] [moodle] prefix of a text. */
typedef enum
{
  HB_GIFT_FORMAT_MOODLE,   /* the default: plain text, line breaks kept */
  HB_GIFT_FORMAT_HTML,
  HB_GIFT_FORMAT_PLAIN,
  HB_GIFT_FORMAT_MARKDOWN,
} HbGiftFormat;

typedef enum
{
  HB_GIFT_NUMBER_EXACT,     /* "=1822" */
  HB_GIFT_NUMBER_TOLERANCE, /* "=1822:5" */
  HB_GIFT_NUMBER_RANGE,     /* "=1817..1827" */
  HB_GIFT_NUMBER_ANY,       /* "=*" or "~#feedback": any other number */
} HbGiftNumberKind;

/* How an ordering question is graded (qtype_ordering's names). */
typedef enum
{
  HB_GIFT_ORDERING_RELATIVE_NEXT_EXCLUDE_LAST, /* Moodle's default */
  HB_GIFT_ORDERING_RELATIVE_NEXT_INCLUDE_LAST,
  HB_GIFT_ORDERING_RELATIVE_ONE_PREVIOUS_AND_NEXT,
  HB_GIFT_ORDERING_RELATIVE_ALL_PREVIOUS_AND_NEXT,
  HB_GIFT_ORDERING_ALL_OR_NOTHING,
  HB_GIFT_ORDERING_ABSOLUTE_POSITION,
  HB_GIFT_ORDERING_RELATIVE_TO_CORRECT,
  HB_GIFT_ORDERING_LONGEST_ORDERED_SUBSET,
  HB_GIFT_ORDERING_LONGEST_CONTIGUOUS_SUBSET,
} HbGiftOrderingGrading;

typedef enum
{
  HB_GIFT_ORDERING_SELECT_RANDOM,     /* Moodle's default */
  HB_GIFT_ORDERING_SELECT_ALL,
  HB_GIFT_ORDERING_SELECT_CONTIGUOUS,
} HbGiftOrderingSelect;

/**
 * HbGiftAnswer:
 * @text: the choice (multiple choice), the accepted answer with its "*"
 *   wildcards (short answer), the left side (matching), an item (ordering);
 *   %NULL for true/false and numerical answers, and for a matching right
 *   side that belongs to no left side ("= -> Chat", a distractor)
 * @format: the format of @text
 * @fraction: the credit, -1 to 1 (always one of Moodle's fractions); for
 *   true/false 1 on the right one; 0 for matching and ordering
 * @feedback: (nullable): what to show when this answer is given
 * @feedback_format: the format of @feedback
 * @number_kind: numerical answers: how @value matches
 * @value: numerical: the answer (the middle of a range)
 * @tolerance: numerical: how far from @value still counts (0 when exact)
 * @min: numerical: @value - @tolerance
 * @max: numerical: @value + @tolerance
 * @match: matching: the right side, plain text
 * @line: the line of the file the answer is on
 */
typedef struct
{
  char *text;
  HbGiftFormat format;
  double fraction;
  char *feedback;
  HbGiftFormat feedback_format;
  HbGiftNumberKind number_kind;
  double value;
  double tolerance;
  double min;
  double max;
  char *match;
  guint line;
} HbGiftAnswer;

/**
 * HbGiftQuestion:
 * @type: the kind of question
 * @key: the question's stable key in its quiz; answers files and attempts
 *   are keyed by it. It is the Moodle id number ("// [id:abc]") when the
 *   question has one, else its ::title::, else "q-" and the first 12 hex
 *   digits of the SHA-256 of its text (the text before and after the
 *   blank, joined by a newline). So a titled question keeps its key when
 *   its wording changes, and an untitled one gets a new key when its text
 *   changes. A key already taken in the quiz gets "-2", "-3"... in order.
 * @id: (nullable): the Moodle id number from a "// [id:...]" comment
 * @tags: the "// [tag:...]" tags, never %NULL
 * @title: (nullable): the ::title::
 * @category: (nullable): the last "$CATEGORY:" before the question
 * @text: the question text; for a missing-word question (answers in the
 *   middle of the text) the text before the blank, maybe empty
 * @text_after: (nullable): a missing-word question's text after the
 *   blank; %NULL when the answers come last
 * @format: the format of @text and @text_after
 * @general_feedback: (nullable): the "####" feedback shown whatever the
 *   answer
 * @general_feedback_format: its format
 * @truth: true/false questions: whether the statement is true
 * @answers: (element-type HbGiftAnswer): in the order written; true/false
 *   questions have two, "True" then "False", each with the feedback shown
 *   when it is chosen; ordering questions list the items in the right order
 * @select_count: ordering: how many items to show (all when it is the
 *   number of items)
 * @ordering_select: ordering: which items to show when not all
 * @ordering_grading: ordering: how to grade
 * @line: the line of the file the question starts on (its first line
 *   that is not a comment)
 */
typedef struct
{
  HbGiftType type;
  char *key;
  char *id;
  char **tags;
  char *title;
  char *category;
  char *text;
  char *text_after;
  HbGiftFormat format;
  char *general_feedback;
  HbGiftFormat general_feedback_format;
  gboolean truth;
  GPtrArray *answers;
  guint select_count;
  HbGiftOrderingSelect ordering_select;
  HbGiftOrderingGrading ordering_grading;
  guint line;
} HbGiftQuestion;

/**
 * HbGiftQuiz:
 * @questions: (element-type HbGiftQuestion): in file order
 */
typedef struct
{
  GPtrArray *questions;
} HbGiftQuiz;

void hb_gift_quiz_free (HbGiftQuiz *quiz);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbGiftQuiz, hb_gift_quiz_free)

/**
 * hb_gift_parse:
 * @text: GIFT text, UTF-8 (a byte order mark is skipped; CRLF and CR line
 *   ends are read as LF)
 * @len: the length of @text in bytes, or -1 if it ends with a NUL
 * @file: the file name for messages ("courses/evidence.md")
 * @first_line: the line of @file that @text starts on (1 for a whole
 *   file; the fence's next line for a ```gift block)
 * @error: return location for a #HB_GIFT_ERROR
 *
 * Reads every question. Questions are separated by blank lines, as Moodle
 * reads them. A broken question is an error naming the file, its line and
 * the question (its title, or its first words); all broken questions are
 * listed, one per line, and nothing is returned. Text without a question
 * gives an empty quiz.
 *
 * Returns: (transfer full): the quiz, or %NULL with @error set
 */
HbGiftQuiz *hb_gift_parse (const char *text, gssize len, const char *file,
                           guint first_line, GError **error);

/**
 * hb_gift_question_find_answer:
 * @question: a question
 * @text: the text of a choice
 *
 * Returns: the index of the answer whose text is @text, or -1
 */
int hb_gift_question_find_answer (const HbGiftQuestion *question, const char *text);

/**
 * hb_gift_question_match_choices:
 * @question: a matching question
 *
 * Returns: (transfer full): the right sides to choose from, each once, in
 *   the order written (the distractors included)
 */
char **hb_gift_question_match_choices (const HbGiftQuestion *question);

/**
 * hb_gift_question_label:
 * @question: a question
 *
 * Returns: (transfer full): how to name the question to a person: its
 *   title, or the first words of its text
 */
char *hb_gift_question_label (const HbGiftQuestion *question);

/**
 * hb_gift_text_to_markup:
 * @text: a question, answer or feedback text
 * @format: its format
 *
 * Turns a text into Pango markup for a GtkLabel. Everything is escaped;
 * nothing the text says is passed through as markup. HTML loses its tags
 * except bold, italic, underline, strike-through, sub- and superscript and
 * code, which become their Pango equivalents; paragraphs, line breaks and
 * list items become line breaks. Markdown is read with cmark-gfm: emphasis,
 * strong, code and strike-through are kept, blocks become lines. Moodle and
 * plain text are escaped, their line breaks kept.
 *
 * Returns: (transfer full): valid Pango markup
 */
char *hb_gift_text_to_markup (const char *text, HbGiftFormat format);

/**
 * HbGiftBlock:
 * @text: the content of a ```gift fenced code block
 * @line: the line of the Markdown text the content starts on (the line
 *   after the opening fence)
 */
typedef struct
{
  char *text;
  guint line;
} HbGiftBlock;

void hb_gift_block_free (HbGiftBlock *block);

/**
 * hb_gift_find_blocks:
 * @markdown: a Markdown body, UTF-8
 * @first_line: the line of the file that @markdown starts on (the line
 *   after the front matter)
 *
 * Finds the fenced code blocks whose info string is "gift", exactly as
 * cmark-gfm reads the Markdown (so a fence inside a list or a block quote
 * counts, an indented code block or a fence inside another does not).
 *
 * Returns: (transfer full) (element-type HbGiftBlock): the blocks in order
 */
GPtrArray *hb_gift_find_blocks (const char *markdown, guint first_line);

G_END_DECLS
