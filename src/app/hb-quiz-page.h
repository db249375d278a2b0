/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-quiz.h"
#include "hb-store-profiles.h"

G_BEGIN_DECLS

#define HB_TYPE_QUIZ_PAGE (hb_quiz_page_get_type ())
G_DECLARE_FINAL_TYPE (HbQuizPage, hb_quiz_page, HB, QUIZ_PAGE, AdwBin)

/*
 * A lesson's quiz beside the lesson: its questions as native widgets,
 * Submit (Ctrl+Enter), then the score, whether it passed, and each
 * question's feedback. Submit records the attempt for "profile" and
 * emits ::attempt-recorded. Back goes to "win.show-article".
 */
HbQuizPage *hb_quiz_page_new (HbStore *store);

/* Shows the quiz of a lesson version (0: the one in force), unanswered. */
gboolean hb_quiz_page_load (HbQuizPage *self, const char *lesson_id, guint version, GError **error);

/* The quiz shown, or %NULL. */
const HbQuiz *hb_quiz_page_get_quiz (HbQuizPage *self);

/* Grades and records the answers given (what Submit does). */
void hb_quiz_page_submit (HbQuizPage *self);

/* After Submit: the grading, else %NULL. */
const HbQuizGrade *hb_quiz_page_get_grade (HbQuizPage *self);

/* The first answer widget, to start from the keyboard. */
GtkWidget *hb_quiz_page_get_first_input (HbQuizPage *self);

G_END_DECLS
