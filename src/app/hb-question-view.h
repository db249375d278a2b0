/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-gift.h"
#include "hb-grade.h"

G_BEGIN_DECLS

#define HB_TYPE_QUESTION_VIEW (hb_question_view_get_type ())
G_DECLARE_FINAL_TYPE (HbQuestionView, hb_question_view, HB, QUESTION_VIEW, GtkBox)

/*
 * One GIFT question as native widgets: radio buttons (one answer, true or
 * false), check buttons (several), an entry (short answer, number), a
 * drop-down per left side (matching), a list with Move Up and Move Down
 * (ordering) and a text view (essay). Everything works from the keyboard
 * and has an accessible name. After Submit it shows the result: right or
 * not, the feedback and the right answer.
 *
 * The question belongs to the caller and must outlive the view.
 */
HbQuestionView *hb_question_view_new (const HbGiftQuestion *question, guint number, guint32 seed);

const HbGiftQuestion *hb_question_view_get_question (HbQuestionView *self);

/* What the person answered, as the widgets say now. */
HbGradeResponse *hb_question_view_get_response (HbQuestionView *self);

/* Shows how the answer was graded; the inputs no longer change. */
void hb_question_view_show_result (HbQuestionView *self, const HbGradeResult *result);

/* The first widget that takes the keyboard. */
GtkWidget *hb_question_view_get_first_input (HbQuestionView *self);

G_END_DECLS
