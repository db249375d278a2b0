/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-training-rows"

#include "config.h"

#include "hb-training-rows.h"

#include <glib/gi18n.h>

#include "hb-util.h"

const char *
hb_lesson_state_get_icon_name (HbLessonState state, gboolean locked)
{
  if (locked)
    return "system-lock-screen-symbolic";
  switch (state)
    {
    case HB_LESSON_COMPLETED:
      return "emblem-ok-symbolic";
    case HB_LESSON_NEEDS_REVIEW:
      return "view-refresh-symbolic";
    case HB_LESSON_ATTEMPTED:
      return "dialog-warning-symbolic";
    case HB_LESSON_READ:
      return "emblem-documents-symbolic";
    case HB_LESSON_NOT_STARTED:
    default:
      return "media-playback-start-symbolic";
    }
}

char *
hb_lesson_progress_describe (const HbLessonProgress *lesson)
{
  GString *text = g_string_new (hb_lesson_state_get_label (lesson->state, lesson->has_quiz));
  g_autofree char *due = hb_util_format_date (lesson->due_on);

  if (lesson->locked)
    g_string_assign (text, _("After the lessons before it"));
  if (lesson->best_score >= 0)
    g_string_append_printf (text, _(" · best %.0f %%"), lesson->best_score * 100);
  if (lesson->overdue)
    g_string_append_printf (text, _(" · overdue since %s"), due);
  else if (lesson->due_on != NULL && lesson->state != HB_LESSON_COMPLETED && !lesson->locked)
    g_string_append_printf (text, _(" · due %s"), due);
  return g_string_free (text, FALSE);
}

GtkWidget *
hb_lesson_row_new (const HbLessonProgress *lesson)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (hb_lesson_state_get_icon_name (lesson->state, lesson->locked));
  g_autofree char *subtitle = hb_lesson_progress_describe (lesson);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lesson->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, lesson->state == HB_LESSON_COMPLETED      ? "success"
                                  : lesson->state == HB_LESSON_NEEDS_REVIEW ? "accent"
                                  : lesson->overdue                         ? "error"
                                                                            : "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hb_lesson_state_get_label (lesson->state, lesson->has_quiz), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "hb-lesson", g_strdup (lesson->lesson_id), g_free);
  return row;
}

void
hb_box_remove_all (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}
