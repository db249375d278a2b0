/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-progress-page"

#include "config.h"

#include "hb-progress-page.h"

#include <glib/gi18n.h>

#include "hb-progress.h"
#include "hb-training-rows.h"
#include "hb-util.h"

struct _HbProgressPage
{
  AdwBin parent_instance;

  HbStore *store;
  HbProfile *profile;
  GtkBox *box;
  GtkWidget *first_focus;
  guint n_completed;
};

static void hb_progress_page_sidebar_page_init (HbSidebarPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbProgressPage, hb_progress_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (HB_TYPE_SIDEBAR_PAGE, hb_progress_page_sidebar_page_init))

enum
{
  PROP_0,
  PROP_PROFILE,
  PROP_COMPLETED,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
row_activated_cb (AdwActionRow *row, HbProgressPage *self)
{
  const char *lesson = g_object_get_data (G_OBJECT (row), "hb-lesson");

  if (lesson != NULL)
    hb_sidebar_page_emit_article_activated (HB_SIDEBAR_PAGE (self), lesson, 0, NULL);
}

static GtkWidget *
info_row (const char *title, const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
add_course (HbProgressPage *self, const HbCourseProgress *progress)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *done = g_strdup_printf (ngettext ("%u of %u lesson done", "%u of %u lessons done",
                                                     progress->lessons->len),
                                           progress->n_completed, progress->lessons->len);
  double sum = 0;
  guint scored = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), progress->course->title);
  if (progress->completed)
    {
      g_autofree char *day = hb_util_format_date (progress->completed_at);
      g_autofree char *text = g_strdup_printf (_("Completed on %s"), day);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), text);
    }
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), done);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar),
                                 progress->lessons->len > 0 ? (double) progress->n_completed / progress->lessons->len
                                                            : 0);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 64, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, done, -1);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), bar);

  /* What is left, first. */
  if (progress->next_lesson != NULL)
    {
      GtkWidget *row = hb_lesson_row_new (progress->next_lesson);
      g_autofree char *title = g_strdup_printf (_("Next: %s"), progress->next_lesson->title);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (row, "property");
      g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      if (self->first_focus == NULL)
        self->first_focus = row;
    }
  if (progress->n_needs_review > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", progress->n_needs_review);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row (_("To review after a change"), count));
    }
  if (progress->n_overdue > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", progress->n_overdue);
      GtkWidget *row = info_row (_("Overdue"), count);

      gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  for (guint i = 0; i < progress->lessons->len; i++)
    {
      const HbLessonProgress *lesson = g_ptr_array_index (progress->lessons, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *score;
      g_autofree char *best = lesson->best_score >= 0 ? g_strdup_printf (_("%.0f %%"), lesson->best_score * 100)
                                                      : g_strdup ("–");
      g_autofree char *subtitle = NULL;

      if (lesson->best_score >= 0)
        {
          sum += lesson->best_score;
          scored++;
        }
      subtitle = lesson->attempts > 0
                   ? g_strdup_printf (ngettext ("%s · %u attempt", "%s · %u attempts", lesson->attempts),
                                      hb_lesson_state_get_label (lesson->state, lesson->has_quiz), lesson->attempts)
                   : g_strdup (hb_lesson_state_get_label (lesson->state, lesson->has_quiz));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lesson->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      score = gtk_label_new (best);
      gtk_widget_add_css_class (score, "numeric");
      gtk_widget_add_css_class (score, lesson->state == HB_LESSON_COMPLETED ? "success" : "dim-label");
      gtk_widget_set_tooltip_text (score, _("Best score"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), score);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "hb-lesson", g_strdup (lesson->lesson_id), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (scored > 0)
    {
      g_autofree char *average = g_strdup_printf (_("%.0f %%"), sum / scored * 100);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row (_("Average of the best scores"), average));
    }
  gtk_box_append (self->box, group);
}

static void
hb_progress_page_reload (HbSidebarPage *page)
{
  HbProgressPage *self = HB_PROGRESS_PAGE (page);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) progress = NULL;
  guint completed = 0;

  hb_box_remove_all (self->box);
  self->first_focus = NULL;
  if (self->store == NULL)
    return;

  if (self->profile == NULL)
    {
      GtkWidget *status = adw_status_page_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Choose Who Is Learning"));

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "avatar-default-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Who Is Learning?"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Progress is kept for each person who uses this computer."));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.new-profile");
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
      gtk_widget_add_css_class (status, "compact");
      gtk_box_append (self->box, status);
      self->first_focus = button;
      if (self->n_completed != 0)
        {
          self->n_completed = 0;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETED]);
        }
      return;
    }

  {
    GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *avatar = adw_avatar_new (40, self->profile->name, TRUE);
    GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
    GtkWidget *name = gtk_label_new (self->profile->name);
    GtkWidget *role = gtk_label_new (hb_profile_role_get_label (self->profile->role));

    gtk_label_set_xalign (GTK_LABEL (name), 0);
    gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
    gtk_widget_add_css_class (name, "title-4");
    gtk_label_set_xalign (GTK_LABEL (role), 0);
    gtk_widget_add_css_class (role, "dim-label");
    gtk_widget_set_hexpand (names, TRUE);
    gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (names), name);
    gtk_box_append (GTK_BOX (names), role);
    gtk_box_append (GTK_BOX (header), avatar);
    gtk_box_append (GTK_BOX (header), names);
    if (hb_profile_can_see_team (self->profile))
      {
        GtkWidget *team = gtk_button_new_with_mnemonic (_("_Team Report"));

        gtk_actionable_set_action_name (GTK_ACTIONABLE (team), "win.team-report");
        gtk_widget_set_valign (team, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (team, _("Everyone’s progress in the courses"));
        gtk_box_append (GTK_BOX (header), team);
      }
    gtk_box_append (self->box, header);
  }

  progress = hb_progress_load (self->store, self->profile->uuid, NULL, &error);
  if (progress == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return;
    }
  for (guint i = 0; i < progress->len; i++)
    {
      HbCourseProgress *course = g_ptr_array_index (progress, i);

      completed += course->n_completed;
      add_course (self, course);
    }
  if (completed != self->n_completed)
    {
      self->n_completed = completed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETED]);
    }
}

static gboolean
hb_progress_page_focus_list (HbSidebarPage *page)
{
  HbProgressPage *self = HB_PROGRESS_PAGE (page);

  return self->first_focus != NULL && gtk_widget_grab_focus (self->first_focus);
}

static void
hb_progress_page_sidebar_page_init (HbSidebarPageInterface *iface)
{
  iface->reload = hb_progress_page_reload;
  iface->focus_list = hb_progress_page_focus_list;
}

static void
hb_progress_page_finalize (GObject *object)
{
  HbProgressPage *self = HB_PROGRESS_PAGE (object);

  g_clear_pointer (&self->profile, hb_profile_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_progress_page_parent_class)->finalize (object);
}

static void
hb_progress_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbProgressPage *self = HB_PROGRESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
      break;
    case PROP_COMPLETED:
      g_value_set_uint (value, self->n_completed);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_progress_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbProgressPage *self = HB_PROGRESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_clear_pointer (&self->profile, hb_profile_free);
      self->profile = g_value_dup_boxed (value);
      hb_progress_page_reload (HB_SIDEBAR_PAGE (self));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_progress_page_class_init (HbProgressPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hb_progress_page_finalize;
  object_class->get_property = hb_progress_page_get_property;
  object_class->set_property = hb_progress_page_set_property;

  properties[PROP_PROFILE] = g_param_spec_boxed ("profile", NULL, NULL, HB_TYPE_PROFILE,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * HbProgressPage:completed:
   *
   * The lessons the person has completed, in every course.
   */
  properties[PROP_COMPLETED] = g_param_spec_uint ("completed", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROP_STORE, properties);
  g_object_class_override_property (object_class, PROP_STORE, "store");
}

static void
hb_progress_page_init (HbProgressPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->box), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->box), 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->box));
  adw_bin_set_child (ADW_BIN (self), scroller);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"), -1);
}
