/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-window"

#include "config.h"

#include "hb-window-private.h"
#include "hb-accessible.h"
#include "hb-courses-page.h"
#include "hb-library-page.h"
#include "hb-progress-page.h"
#include "hb-resources.h"
#include "hb-review-page.h"
#include "hb-store-profiles.h"
#include "hb-util.h"
#include "hb-whats-new-page.h"

#include <glib/gi18n.h>
#include <string.h>

/*
 * The window: a sidebar of pages under the search entry, and the article
 * page beside it. The pages talk to the window through their signals and
 * properties, and to nothing else; the window's actions (the keys and the
 * main menu) are in hb-window-actions.c.
 */

/* How long opening may take before the window says it is preparing. */
#define PREPARING_DELAY_MS 300

/*
 * The pages of the sidebar, in order; Library comes first. A page is a
 * widget that implements HbSidebarPage; adding one is adding its files
 * and a line here. With a single page the sidebar shows no switcher.
 */
static const struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  GType (*get_type) (void);
} sidebar_pages[] = {
  { "library", N_("Library"), "accessories-dictionary-symbolic", hb_library_page_get_type },
  { "whats-new", N_("What’s New"), "software-update-available-symbolic", hb_whats_new_page_get_type },
  { "courses", N_("Courses"), "x-office-presentation-symbolic", hb_courses_page_get_type },
  { "progress", N_("Progress"), "emblem-ok-symbolic", hb_progress_page_get_type },
  { "review", N_("Review"), "view-refresh-symbolic", hb_review_page_get_type },
};

G_STATIC_ASSERT (G_N_ELEMENTS (sidebar_pages) == HB_WINDOW_N_SIDEBAR_PAGES);

G_DEFINE_FINAL_TYPE (HbWindow, hb_window, ADW_TYPE_APPLICATION_WINDOW)

G_DEFINE_ENUM_TYPE (HbWindowState, hb_window_state,
                    G_DEFINE_ENUM_VALUE (HB_WINDOW_STATE_PREPARING, "preparing"),
                    G_DEFINE_ENUM_VALUE (HB_WINDOW_STATE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (HB_WINDOW_STATE_FAILED, "failed"))

enum
{
  PROP_0,
  PROP_STORE,
  PROP_STATE,
  PROP_PROFILE,
  PROP_PROFILE_UUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SEARCH_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_hb_window_show_toast (HbWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
set_state (HbWindow *self, HbWindowState state)
{
  g_clear_handle_id (&self->preparing_source, g_source_remove);
  self->state = state;
  _hb_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Search --------------------------------------------------------------------- */

static void
search_changed_cb (HbWindow *self)
{
  if (self->search_panel != NULL)
    hb_search_panel_set_query (self->search_panel,
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* The results replace the sidebar's pages while there is a query. */
static void
search_updated_cb (HbWindow *self)
{
  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    hb_search_panel_get_active (self->search_panel) ? "search" : "pages");
  g_signal_emit (self, signals[SEARCH_UPDATED], 0);
}

static void
search_activate_cb (HbWindow *self)
{
  /* Enter opens the selected result, or the best one. */
  if (self->search_panel == NULL || !hb_search_panel_activate_selected (self->search_panel))
    return;

  /* Read on with the keyboard (Space, Page Down); typing starts a new
   * search, which replaces the selected old one. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
  hb_article_page_focus_article (self->article_page);
}

static void
search_stop_cb (HbWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else if (self->article_page != NULL)
    hb_article_page_focus_article (self->article_page);
}

/* Typing anywhere searches, as gtk_search_entry_set_key_capture_widget ()
 * does, but only keys that write text go to the search: GTK 4.8 sends it
 * Return too, so that Return on a focused row of the library or of a
 * course never opened it. */
static gboolean
type_to_search_cb (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                   HbWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gunichar c = gdk_keyval_to_unicode (keyval);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || c == 0 || g_unichar_iscntrl (c)
      || c == ' ')
    return FALSE;
  /* Where the keys already write: the search, an answer, the find bar. */
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->search_entry)))
    return FALSE;
  focus = gtk_root_get_focus (GTK_ROOT (self));
  return focus != NULL && gtk_event_controller_key_forward (controller, focus);
}

/* Up and Down move through the results while typing stays in the entry;
 * without a query, Down moves into the sidebar's page. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                       GdkModifierType state, HbWindow *self)
{
  GtkWidget *page;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK) || self->search_panel == NULL)
    return FALSE;

  if (hb_search_panel_get_active (self->search_panel))
    return hb_search_panel_move_selection (self->search_panel, keyval);

  page = adw_view_stack_get_visible_child (self->pages);
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && HB_IS_SIDEBAR_PAGE (page))
    return hb_sidebar_page_focus_list (HB_SIDEBAR_PAGE (page));
  return FALSE;
}

static void
suggestion_activated_cb (HbWindow *self, const char *suggestion)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), suggestion);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
result_activated_cb (HbWindow *self, const char *id, const char *section_id)
{
  hb_window_open_article (self, id, 0, section_id);
}

/* Pages ------------------------------------------------------------------------ */

static void
page_article_activated_cb (HbWindow *self, const char *id, guint version, const char *section_id)
{
  hb_window_open_article (self, id, version, section_id);
}

static void
article_notify_cb (HbWindow *self)
{
  HbArticle *article = hb_article_page_get_article (self->article_page);

  if (article != NULL)
    gtk_window_set_title (GTK_WINDOW (self), hb_article_get_title (article));
  if (self->lesson_bar != NULL)
    hb_lesson_bar_set_article (self->lesson_bar, article);
  _hb_window_actions_update (self);
}

/* Profiles -------------------------------------------------------------------- */

static void profile_followers_update (HbWindow *self);

/* The profile the key names, read from the store. */
static void
update_profile (HbWindow *self)
{
  g_autoptr (HbProfile) profile = NULL;

  if (self->store != NULL && self->profile_uuid != NULL && *self->profile_uuid != '\0')
    profile = hb_store_find_profile (self->store, self->profile_uuid, NULL);
  if (profile == NULL && self->profile == NULL)
    return;
  if (profile != NULL && self->profile != NULL && g_strcmp0 (profile->uuid, self->profile->uuid) == 0
      && g_strcmp0 (profile->name, self->profile->name) == 0 && profile->role == self->profile->role)
    return;
  g_clear_pointer (&self->profile, hb_profile_free);
  self->profile = g_steal_pointer (&profile);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
  profile_followers_update (self);
}

static void
profile_key_changed_cb (HbWindow *self)
{
  g_autofree char *uuid = g_settings_get_string (self->settings, "profile");

  if (g_strcmp0 (uuid, self->profile_uuid) == 0)
    return;
  g_free (self->profile_uuid);
  self->profile_uuid = g_steal_pointer (&uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_UUID]);
  update_profile (self);
}

void
hb_window_set_profile_uuid (HbWindow *self, const char *uuid)
{
  g_return_if_fail (HB_IS_WINDOW (self));

  /* The key is the source of truth: its change updates the window. */
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "profile", uuid != NULL ? uuid : "");
      profile_key_changed_cb (self);
      return;
    }
  if (g_strcmp0 (uuid, self->profile_uuid) == 0)
    return;
  g_free (self->profile_uuid);
  self->profile_uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_UUID]);
  update_profile (self);
}

HbProfile *
hb_window_get_profile (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->profile;
}

static void
zoom_notify_cb (HbWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "zoom-level", hb_article_page_get_zoom_level (self->article_page));
  _hb_window_actions_update (self);
}

static void
mouse_button_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, HbWindow *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (self->article_page == NULL)
    return;

  /* The side buttons of a mouse: 8 back, 9 forward. */
  if (button == 8)
    hb_article_page_go_back (self->article_page);
  else if (button == 9)
    hb_article_page_go_forward (self->article_page);
  else
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Updates: the person, What's new, the day ------------------------------------- */

static void
whats_new_redline_cb (HbWindow *self, const char *id, guint from, guint to)
{
  hb_article_page_open_redline (self->article_page, id, from, to, FALSE);
  _hb_window_show_article (self);
}

static void
reload_whats_new (HbWindow *self)
{
  GtkWidget *page = hb_window_get_sidebar_page (self, "whats-new");

  if (page != NULL)
    hb_sidebar_page_reload (HB_SIDEBAR_PAGE (page));
}

/* Looking at What's new, then at something else, is having looked. */
static void
visible_page_cb (HbWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->pages);
  GtkWidget *whats_new = hb_window_get_sidebar_page (self, "whats-new");

  if (g_strcmp0 (self->shown_page, "whats-new") == 0 && g_strcmp0 (name, "whats-new") != 0 && whats_new != NULL)
    hb_whats_new_page_mark_seen (HB_WHATS_NEW_PAGE (whats_new));
  g_free (self->shown_page);
  self->shown_page = g_strdup (name);
}

/* What follows the person: who may publish, what they have acknowledged
 * and what is new for them. */
static void
profile_followers_update (HbWindow *self)
{
  const char *uuid = self->profile != NULL ? self->profile->uuid : NULL;
  GtkWidget *whats_new;

  self->can_publish = hb_profile_can_publish (self->profile);
  if (self->article_page != NULL)
    hb_article_page_set_profile (self->article_page, uuid);
  whats_new = hb_window_get_sidebar_page (self, "whats-new");
  if (whats_new != NULL)
    {
      hb_whats_new_page_set_profile (HB_WHATS_NEW_PAGE (whats_new), uuid);
      hb_sidebar_page_reload (HB_SIDEBAR_PAGE (whats_new));
    }
  _hb_window_actions_update (self);
}

void
_hb_window_reload_all (HbWindow *self)
{
  hb_window_reload (self);
  hb_article_page_refresh (self->article_page);
}

static void schedule_midnight (HbWindow *self);

/* A new day: the versions whose day has come take over, and the search
 * index follows them (the store's commit sees to that). */
static void
day_check (HbWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  g_autofree char *today = hb_util_today ();

  if (self->store == NULL || g_strcmp0 (today, self->today) == 0)
    return;
  g_free (self->today);
  self->today = g_steal_pointer (&today);
  if (hb_store_is_read_only (self->store))
    return;
  changed = hb_store_refresh (self->store, self->today, &error);
  if (changed == NULL)
    {
      g_warning ("Cannot put today’s versions in force: %s", error->message);
      return;
    }
  /* The pages say what is in force, and what is new, even unchanged. */
  _hb_window_reload_all (self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  HbWindow *self = user_data;

  self->midnight_source = 0;
  day_check (self);
  schedule_midnight (self);
  return G_SOURCE_REMOVE;
}

/* A timeout to the next local midnight (a second after it). */
static void
schedule_midnight (HbWindow *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                       g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (today, 1);
  GTimeSpan wait = g_date_time_difference (tomorrow, now);
  guint seconds = (guint) MAX (wait / G_TIME_SPAN_SECOND + 1, 1);

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  self->midnight_source = g_timeout_add_seconds (MIN (seconds, 24 * 3600 + 1), midnight_cb, self);
}

/* The clock may have jumped (a suspend, a new time zone): looking again
 * whenever the window comes back costs nothing. */
static void
active_changed_cb (HbWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    {
      day_check (self);
      schedule_midnight (self);
    }
}

void
hb_window_check_day (HbWindow *self)
{
  g_return_if_fail (HB_IS_WINDOW (self));
  day_check (self);
}

/* Makes the pages, once the store is there. */
static void
add_pages (HbWindow *self)
{
  GtkWidget *library;
  guint i;

  self->article_page = hb_article_page_new (self->store);
  _hb_window_add_training_pages (self);
  g_object_bind_property (self->leaflet, "folded", self->article_page, "folded", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->article_page, "notify::article", G_CALLBACK (article_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_page, "notify::can-go-back", G_CALLBACK (_hb_window_actions_update),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_page, "notify::can-go-forward",
                           G_CALLBACK (_hb_window_actions_update), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    hb_article_page_set_zoom_level (self->article_page, g_settings_get_double (self->settings, "zoom-level"));
  g_signal_connect_object (self->article_page, "notify::zoom-level", G_CALLBACK (zoom_notify_cb), self,
                           G_CONNECT_SWAPPED);

  self->search_panel = hb_search_panel_new (self->store);
  gtk_stack_add_named (self->sidebar_stack, GTK_WIDGET (self->search_panel), "search");
  g_signal_connect_object (self->search_panel, "result-activated", G_CALLBACK (result_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_panel, "suggestion-activated", G_CALLBACK (suggestion_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_panel, "updated", G_CALLBACK (search_updated_cb), self,
                           G_CONNECT_SWAPPED);

  for (i = 0; i < G_N_ELEMENTS (sidebar_pages); i++)
    {
      GtkWidget *page = g_object_new (sidebar_pages[i].get_type (), "store", self->store, NULL);
      AdwViewStackPage *stack_page;
      GParamSpec *pspec;

      g_assert (HB_IS_SIDEBAR_PAGE (page));
      stack_page = adw_view_stack_add_titled (self->pages, page, sidebar_pages[i].name,
                                              _(sidebar_pages[i].title));
      adw_view_stack_page_set_icon_name (stack_page, sidebar_pages[i].icon_name);
      g_signal_connect_object (page, "article-activated", G_CALLBACK (page_article_activated_cb), self,
                               G_CONNECT_SWAPPED);
      /* The pages that show a person's training follow the profile, and
       * one that counts something to do shows it on its switcher. */
      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (page), "profile");
      if (pspec != NULL && pspec->value_type == HB_TYPE_PROFILE)
        g_object_bind_property (self, "profile", page, "profile", G_BINDING_SYNC_CREATE);
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "badge-number") != NULL)
        g_object_bind_property (page, "badge-number", stack_page, "badge-number", G_BINDING_SYNC_CREATE);
      g_ptr_array_add (self->sidebar_pages, page);
    }

  /* The sidebar's header says "Handbook"; with more than one page, the
   * bar below switches between them. In the header, four pages and more
   * would widen the sidebar by half and narrow the article. */
  adw_view_switcher_bar_set_reveal (self->switcher_bar, self->sidebar_pages->len > 1);

  /* The library's filters are the search's, and it says what the
   * handbook holds on the start page. */
  library = hb_window_get_sidebar_page (self, "library");
  g_object_bind_property (library, "articles", self->search_panel, "articles", G_BINDING_SYNC_CREATE);
  g_object_bind_property (library, "kind", self->search_panel, "kind",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (library, "platform", self->search_panel, "platform",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (library, "tag", self->search_panel, "tag",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (library, "summary", self->article_page, "welcome-text", G_BINDING_SYNC_CREATE);

  /* What's new: its badge, its redlines, and it follows what the person
   * reads and acknowledges. */
  {
    GtkWidget *whats_new = hb_window_get_sidebar_page (self, "whats-new");

    g_object_bind_property (whats_new, "unseen", adw_view_stack_get_page (self->pages, whats_new), "badge-number",
                            G_BINDING_SYNC_CREATE);
    g_signal_connect_object (whats_new, "redline-activated", G_CALLBACK (whats_new_redline_cb), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (self->article_page, "read", G_CALLBACK (reload_whats_new), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->article_page, "acknowledged", G_CALLBACK (reload_whats_new), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (self->pages, "notify::visible-child", G_CALLBACK (visible_page_cb), self,
                             G_CONNECT_SWAPPED);
    self->shown_page = g_strdup (adw_view_stack_get_visible_child_name (self->pages));
  }
  profile_followers_update (self);

  self->today = hb_util_today ();
  schedule_midnight (self);
  g_signal_connect_object (self, "notify::is-active", G_CALLBACK (active_changed_cb), self, G_CONNECT_SWAPPED);
}

void
hb_window_reload (HbWindow *self)
{
  guint i;

  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  for (i = 0; i < self->sidebar_pages->len; i++)
    hb_sidebar_page_reload (g_ptr_array_index (self->sidebar_pages, i));
  hb_search_panel_reload (self->search_panel);
  /* Someone may have added a profile meanwhile (handbook-cli profile add). */
  _hb_window_rebuild_profile_menu (self);
  update_profile (self);
  if (self->lesson_bar != NULL)
    hb_lesson_bar_refresh (self->lesson_bar);
}

void
hb_window_open_article (HbWindow *self, const char *id, guint version, const char *section_id)
{
  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (self->article_page != NULL);

  hb_article_page_open (self->article_page, id, version, section_id);
  _hb_window_show_article (self);
}

/* States --------------------------------------------------------------------- */

static gboolean
reveal_preparing_cb (gpointer user_data)
{
  HbWindow *self = user_data;

  self->preparing_source = 0;
  gtk_revealer_set_reveal_child (self->preparing_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

void
hb_window_set_store (HbWindow *self, HbStore *store)
{
  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (HB_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  update_profile (self);
  _hb_window_rebuild_profile_menu (self);
  add_pages (self);
  hb_window_reload (self);

  gtk_stack_set_visible_child_name (self->main_stack, "handbook");
  /* Typing anywhere searches; a search-first window: the first keystroke
   * goes to the search. */
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (type_to_search_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  set_state (self, HB_WINDOW_STATE_READY);
}

void
hb_window_show_error (HbWindow *self, const char *path, const GError *error)
{
  g_autofree char *description = NULL;

  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (error != NULL);
  g_return_if_fail (self->store == NULL);

  /* Say which file, whatever the message says. */
  if (strstr (error->message, path) != NULL)
    description = g_strdup (error->message);
  else
    description = g_strdup_printf ("%s\n%s", error->message, path);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  set_state (self, HB_WINDOW_STATE_FAILED);
}

void
hb_window_wait_for_handbook (HbWindow *self)
{
  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (self->store == NULL);

  if (self->state == HB_WINDOW_STATE_PREPARING)
    return;
  gtk_revealer_set_reveal_child (self->preparing_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "preparing");
  set_state (self, HB_WINDOW_STATE_PREPARING);
  self->preparing_source = g_timeout_add (PREPARING_DELAY_MS, reveal_preparing_cb, self);
}

/* Window --------------------------------------------------------------------- */

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_warning ("The GSettings schema %s is not installed: window size and zoom are not kept", APP_ID);
      return NULL;
    }
  return g_settings_new (APP_ID);
}

static gboolean
hb_window_close_request (GtkWindow *window)
{
  HbWindow *self = HB_WINDOW (window);
  int width, height;

  /* Closing on What's new is having looked at it. */
  if (g_strcmp0 (self->shown_page, "whats-new") == 0 && hb_window_get_sidebar_page (self, "whats-new") != NULL)
    hb_whats_new_page_mark_seen (HB_WHATS_NEW_PAGE (hb_window_get_sidebar_page (self, "whats-new")));

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (hb_window_parent_class)->close_request (window);
}

static void
hb_window_constructed (GObject *object)
{
  HbWindow *self = HB_WINDOW (object);
  g_autoptr (HbStore) store = g_steal_pointer (&self->store);
  GtkEventController *keys;
  GtkGesture *buttons;

  G_OBJECT_CLASS (hb_window_parent_class)->constructed (object);

  self->settings = new_settings ();
  if (self->settings != NULL)
    {
      self->profile_uuid = g_settings_get_string (self->settings, "profile");
      g_signal_connect_object (self->settings, "changed::profile", G_CALLBACK (profile_key_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* What Print and Export act on follows what is shown. */
  g_signal_connect_object (self->content_stack, "notify::visible-child", G_CALLBACK (_hb_window_actions_update),
                           self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  buttons = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (buttons), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (buttons), GTK_PHASE_CAPTURE);
  g_signal_connect (buttons, "pressed", G_CALLBACK (mouse_button_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (buttons));

  if (store != NULL)
    {
      hb_window_set_store (self, store);
      return;
    }

  /* Opening a handbook we have is quick: say "preparing" only when it is
   * not, as on the first start, which seeds it. */
  set_state (self, HB_WINDOW_STATE_PREPARING);
  self->preparing_source = g_timeout_add (PREPARING_DELAY_MS, reveal_preparing_cb, self);
}

static void
hb_window_dispose (GObject *object)
{
  HbWindow *self = HB_WINDOW (object);

  g_clear_handle_id (&self->preparing_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  /* The pages go with the template. */
  g_ptr_array_set_size (self->sidebar_pages, 0);
  self->search_panel = NULL;
  self->article_page = NULL;
  self->article_box = NULL;
  self->lesson_bar = NULL;
  self->quiz_page = NULL;
  self->review_session = NULL;
  self->team_page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_WINDOW);

  G_OBJECT_CLASS (hb_window_parent_class)->dispose (object);
}

static void
hb_window_finalize (GObject *object)
{
  HbWindow *self = HB_WINDOW (object);

  g_clear_pointer (&self->sidebar_pages, g_ptr_array_unref);
  g_clear_pointer (&self->profile, hb_profile_free);
  g_clear_pointer (&self->profile_uuid, g_free);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->shown_page, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->print_settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_window_parent_class)->finalize (object);
}

static void
hb_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbWindow *self = HB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      /* At construction only: constructed() then shows it. */
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE_UUID:
      hb_window_set_profile_uuid (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbWindow *self = HB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
      break;
    case PROP_PROFILE_UUID:
      g_value_set_string (value, self->profile_uuid != NULL ? self->profile_uuid : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_window_class_init (HbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  /* The resources live in a static library; naming them links them in,
   * and linking them in registers them. */
  g_assert (hb_get_resource () != NULL);

  object_class->constructed = hb_window_constructed;
  object_class->dispose = hb_window_dispose;
  object_class->finalize = hb_window_finalize;
  object_class->set_property = hb_window_set_property;
  object_class->get_property = hb_window_get_property;
  window_class->close_request = hb_window_close_request;

  /**
   * HbWindow:store:
   *
   * The handbook shown: given at construction, or later through
   * hb_window_set_store(); %NULL until then.
   */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HB_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, HB_TYPE_WINDOW_STATE,
                                              HB_WINDOW_STATE_PREPARING,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * HbWindow:profile:
   *
   * The person using the window, or %NULL until someone has said who is
   * learning (hb_window_get_profile()).
   */
  properties[PROP_PROFILE] = g_param_spec_boxed ("profile", NULL, NULL, HB_TYPE_PROFILE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * HbWindow:profile-uuid:
   *
   * The GSettings key "profile": the state of "win.profile".
   */
  properties[PROP_PROFILE_UUID] = g_param_spec_string ("profile-uuid", NULL, NULL, "",
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbWindow::search-updated:
   *
   * The results (or the library) now show what the search entry says.
   */
  signals[SEARCH_UPDATED] = g_signal_new ("search-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/handbook/Handbook/ui/hb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, preparing_revealer);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, preparing_page);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, profile_section);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  _hb_window_class_actions_init (klass);
}

static void
hb_window_init (HbWindow *self)
{
  self->sidebar_pages = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));
}

HbWindow *
hb_window_new (GtkApplication *application, HbStore *store)
{
  g_return_val_if_fail (store == NULL || HB_IS_STORE (store), NULL);

  return g_object_new (HB_TYPE_WINDOW, "application", application, "store", store, NULL);
}

HbWindowState
hb_window_get_state (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), HB_WINDOW_STATE_FAILED);
  return self->state;
}

HbStore *
hb_window_get_store (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->store;
}

GtkEditable *
hb_window_get_search_entry (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

HbWebView *
hb_window_get_web_view (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->article_page != NULL ? hb_article_page_get_web_view (self->article_page) : NULL;
}

const char *
hb_window_get_shown_query (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->search_panel != NULL ? hb_search_panel_get_query (self->search_panel) : NULL;
}

HbSearchPanel *
hb_window_get_search_panel (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->search_panel;
}

GListModel *
hb_window_get_results (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->search_panel != NULL ? hb_search_panel_get_results (self->search_panel) : NULL;
}

GtkWidget *
hb_window_get_sidebar_page (HbWindow *self, const char *name)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return adw_view_stack_get_child_by_name (self->pages, name);
}

AdwStatusPage *
hb_window_get_status_page (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);

  switch (self->state)
    {
    case HB_WINDOW_STATE_PREPARING:
      return self->preparing_page;
    case HB_WINDOW_STATE_FAILED:
      return self->error_page;
    case HB_WINDOW_STATE_READY:
    default:
      return NULL;
    }
}

HbArticlePage *
hb_window_get_article_page (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->article_page;
}

void
hb_window_show_sidebar_page (HbWindow *self, const char *name)
{
  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->pages, name);
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}
