/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-progress.h"

G_BEGIN_DECLS

/* What the training pages share: how a lesson's state looks. */

/* The icon of a lesson state ("emblem-ok-symbolic" when completed, …). */
const char *hb_lesson_state_get_icon_name (HbLessonState state, gboolean locked);

/* "Quiz passed · best 90 % · due 2026-12-15", for a row's subtitle. */
char *hb_lesson_progress_describe (const HbLessonProgress *lesson);

/* A row of a lesson: its title, state and icon; activating it emits the
 * page's ::article-activated with the lesson. */
GtkWidget *hb_lesson_row_new (const HbLessonProgress *lesson);

/* Removes every child of @box. */
void hb_box_remove_all (GtkBox *box);

G_END_DECLS
