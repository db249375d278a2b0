/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-window"

#include "config.h"

#include "hb-window-private.h"
#include "hb-course.h"
#include "hb-profile-dialog.h"

#include <glib/gi18n.h>

/*
 * The window's training: the lesson's bar under the article, the quiz,
 * the review and the team report beside it, and who is learning (the
 * profiles of the main menu and the "Who is learning?" dialog). The
 * window's "profile" itself, from the GSettings key, is in hb-window.c.
 */

void
_hb_window_show_article (HbWindow *self)
{
  gtk_stack_set_visible_child (self->content_stack, self->article_box);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* What a person did changed their progress: the pages that show it read
 * it again. */
void
_hb_window_training_changed (HbWindow *self)
{
  static const char *const pages[] = { "courses", "progress", "review" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = hb_window_get_sidebar_page (self, pages[i]);

      if (page != NULL)
        hb_sidebar_page_reload (HB_SIDEBAR_PAGE (page));
    }
  if (self->lesson_bar != NULL)
    hb_lesson_bar_refresh (self->lesson_bar);
  if (self->team_page != NULL
      && gtk_stack_get_visible_child (self->content_stack) == GTK_WIDGET (self->team_page))
    hb_team_page_reload (self->team_page);
}

void
_hb_window_take_quiz (HbWindow *self)
{
  HbArticle *article = hb_article_page_get_article (self->article_page);
  g_autoptr (GError) error = NULL;
  const char *reason = NULL;

  if (article == NULL)
    return;
  /* A lesson of a course taken in order waits for the ones before it. */
  if (self->lesson_bar != NULL && !hb_lesson_bar_get_can_take (self->lesson_bar, &reason))
    {
      if (reason != NULL)
        _hb_window_show_toast (self, reason);
      return;
    }
  if (!hb_quiz_page_load (self->quiz_page, hb_article_get_id (article), hb_article_get_version (article), &error))
    {
      _hb_window_show_toast (self, error->message);
      return;
    }
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->quiz_page));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_grab_focus (hb_quiz_page_get_first_input (self->quiz_page));
}

void
_hb_window_start_review (HbWindow *self)
{
  hb_review_session_start (self->review_session);
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->review_session));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

void
_hb_window_show_team_report (HbWindow *self)
{
  hb_team_page_reload (self->team_page);
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->team_page));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
attempt_recorded_cb (HbWindow *self)
{
  _hb_window_training_changed (self);
}

static void
review_answered_cb (HbWindow *self)
{
  GtkWidget *page = hb_window_get_sidebar_page (self, "review");

  if (page != NULL)
    hb_sidebar_page_reload (HB_SIDEBAR_PAGE (page));
}

static void
review_open_lesson_cb (HbWindow *self, const char *lesson_id, const char *section_id)
{
  hb_window_open_article (self, lesson_id, 0, section_id);
}

static void
show_changes_cb (HbWindow *self, gboolean active, guint from_version)
{
  HbArticle *article = hb_article_page_get_article (self->article_page);

  if (article == NULL)
    return;
  if (active && from_version > 0 && from_version < hb_article_get_version (article))
    hb_article_page_open_redline (self->article_page, hb_article_get_id (article), from_version,
                                  hb_article_get_version (article), FALSE);
  else
    hb_article_page_open (self->article_page, hb_article_get_id (article), 0, NULL);
}

/* Reading a lesson to its end is recorded for the person. */
static void
read_to_end_cb (HbWindow *self)
{
  HbArticle *article = hb_article_page_get_article (self->article_page);
  g_autoptr (GError) error = NULL;

  if (article == NULL || self->profile == NULL || hb_store_is_read_only (self->store))
    return;
  if (hb_article_get_kind (article) != HB_ARTICLE_KIND_LESSON && hb_article_get_course (article) == NULL)
    return;
  if (!hb_lesson_record_read (self->store, self->profile->uuid, hb_article_get_id (article),
                              hb_article_get_version (article), NULL, &error))
    {
      _hb_window_show_toast (self, error->message);
      return;
    }
  _hb_window_training_changed (self);
}

/* Profiles -------------------------------------------------------------------- */

void
_hb_window_rebuild_profile_menu (HbWindow *self)
{
  g_autoptr (GPtrArray) profiles = NULL;

  g_menu_remove_all (self->profile_section);
  if (self->store == NULL)
    return;
  profiles = hb_store_list_profiles (self->store, NULL);
  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    {
      HbProfile *profile = g_ptr_array_index (profiles, i);
      g_autoptr (GMenuItem) item = g_menu_item_new (profile->name, NULL);

      g_menu_item_set_action_and_target (item, "win.profile", "s", profile->uuid);
      g_menu_append_item (self->profile_section, item);
    }
  g_menu_append (self->profile_section, _("_New Profile…"), "win.new-profile");
}

static void
profile_chosen_cb (HbProfileDialog *dialog, const char *uuid, HbWindow *self)
{
  _hb_window_rebuild_profile_menu (self);
  hb_window_set_profile_uuid (self, uuid);
}

void
hb_window_ask_profile (HbWindow *self)
{
  HbProfileDialog *dialog;

  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  dialog = hb_profile_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "profile-chosen", G_CALLBACK (profile_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
hb_window_show_content_page (HbWindow *self, const char *name)
{
  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  gtk_stack_set_visible_child_name (self->content_stack, name);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

GtkWidget *
hb_window_get_content_page (HbWindow *self, const char *name)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return self->content_stack != NULL ? gtk_stack_get_child_by_name (self->content_stack, name) : NULL;
}

/* Pages ------------------------------------------------------------------------ */

/* The training pages: the lesson's bar under the article, and the quiz,
 * the review and the team report beside it. */
void
_hb_window_add_training_pages (HbWindow *self)
{
  self->article_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_vexpand (GTK_WIDGET (self->article_page), TRUE);
  gtk_box_append (GTK_BOX (self->article_box), GTK_WIDGET (self->article_page));
  self->lesson_bar = hb_lesson_bar_new (self->store);
  gtk_box_append (GTK_BOX (self->article_box), GTK_WIDGET (self->lesson_bar));
  gtk_stack_add_named (self->content_stack, self->article_box, "article");
  g_object_bind_property (self, "profile", self->lesson_bar, "profile", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->lesson_bar, "show-changes", G_CALLBACK (show_changes_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson_bar, "notify::can-take", G_CALLBACK (_hb_window_actions_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (hb_article_page_get_web_view (self->article_page), "read-to-end",
                           G_CALLBACK (read_to_end_cb), self, G_CONNECT_SWAPPED);

  /* The training pages beside it. */
  self->quiz_page = hb_quiz_page_new (self->store);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->quiz_page), "quiz");
  g_object_bind_property (self->leaflet, "folded", self->quiz_page, "folded", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "profile", self->quiz_page, "profile", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->quiz_page, "attempt-recorded", G_CALLBACK (attempt_recorded_cb), self,
                           G_CONNECT_SWAPPED);
  self->review_session = hb_review_session_new (self->store);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->review_session), "review");
  g_object_bind_property (self->leaflet, "folded", self->review_session, "folded", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "profile", self->review_session, "profile", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->review_session, "answered", G_CALLBACK (review_answered_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_session, "open-lesson", G_CALLBACK (review_open_lesson_cb), self,
                           G_CONNECT_SWAPPED);
  self->team_page = hb_team_page_new (self->store);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->team_page), "team");
  g_object_bind_property (self->leaflet, "folded", self->team_page, "folded", G_BINDING_SYNC_CREATE);
}
