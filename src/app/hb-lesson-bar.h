/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store-articles.h"
#include "hb-store-profiles.h"

G_BEGIN_DECLS

#define HB_TYPE_LESSON_BAR (hb_lesson_bar_get_type ())
G_DECLARE_FINAL_TYPE (HbLessonBar, hb_lesson_bar, HB, LESSON_BAR, GtkBox)

/*
 * Under a lesson in the article view: its quiz (how many questions, the
 * pass mark, the person's best score) and Take the Quiz ("win.take-quiz"),
 * and, when the lesson changed since the person completed it, what
 * changed, with Show Changes (::show-changes). Hidden for articles that
 * are no lesson of a course and have no quiz.
 */
HbLessonBar *hb_lesson_bar_new (HbStore *store);

void hb_lesson_bar_set_article (HbLessonBar *self, HbArticle *article);

/* Whether the lesson's quiz can be taken now ("can-take"); if not because
 * an earlier lesson waits, @reason says which ("Finish “…” first"). */
gboolean hb_lesson_bar_get_can_take (HbLessonBar *self, const char **reason);

/* Reads the person's progress again (after an attempt, say). */
void hb_lesson_bar_refresh (HbLessonBar *self);

/* The version the person completed, when the lesson needs review; else 0. */
guint hb_lesson_bar_get_review_from (HbLessonBar *self);

G_END_DECLS
