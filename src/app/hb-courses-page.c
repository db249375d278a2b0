/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-courses-page"

#include "config.h"

#include "hb-courses-page.h"

#include <glib/gi18n.h>

#include "hb-course.h"
#include "hb-progress.h"
#include "hb-store-articles.h"
#include "hb-training-rows.h"

struct _HbCoursesPage
{
  AdwBin parent_instance;

  HbStore *store;
  HbProfile *profile;
  GtkBox *box;
  GtkWidget *first_row;
};

static void hb_courses_page_sidebar_page_init (HbSidebarPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbCoursesPage, hb_courses_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (HB_TYPE_SIDEBAR_PAGE, hb_courses_page_sidebar_page_init))

enum
{
  PROP_0,
  PROP_PROFILE,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
row_activated_cb (AdwActionRow *row, HbCoursesPage *self)
{
  const char *lesson = g_object_get_data (G_OBJECT (row), "hb-lesson");

  if (lesson != NULL)
    hb_sidebar_page_emit_article_activated (HB_SIDEBAR_PAGE (self), lesson, 0, NULL);
}

/* A course without progress (no profile yet): its lessons, not started. */
static HbLessonProgress *
bare_lesson (HbStore *store, const char *id, guint position)
{
  g_autoptr (HbArticle) article = hb_store_get_article (store, id, 0, NULL);
  HbLessonProgress *lesson;

  if (article == NULL)
    return NULL;
  lesson = g_new0 (HbLessonProgress, 1);
  lesson->lesson_id = id;
  lesson->title = g_strdup (hb_article_get_title (article));
  lesson->position = position;
  lesson->best_score = lesson->last_score = -1;
  lesson->has_quiz = TRUE;
  return lesson;
}

static void
add_course (HbCoursesPage *self, const HbCourse *course, const HbCourseProgress *progress)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *description = NULL;
  guint n = g_strv_length (course->lessons);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), course->title);
  if (progress != NULL)
    {
      GtkWidget *bar = gtk_progress_bar_new ();
      g_autofree char *done = g_strdup_printf (ngettext ("%u of %u lesson done", "%u of %u lessons done",
                                                         progress->lessons->len),
                                               progress->n_completed, progress->lessons->len);

      description = progress->n_needs_review > 0
                      ? g_strdup_printf (ngettext ("%s · %u to review", "%s · %u to review", progress->n_needs_review),
                                         done, progress->n_needs_review)
                      : g_strdup (done);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), progress->lessons->len > 0
                                                               ? (double) progress->n_completed
                                                                   / progress->lessons->len
                                                               : 0);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (bar, 64, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, done, -1);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), bar);
    }
  else
    description = g_strdup_printf (ngettext ("%u lesson · %.0f %% to pass each quiz",
                                             "%u lessons · %.0f %% to pass each quiz", n),
                                   n, course->pass_mark);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  for (guint i = 0; i < n; i++)
    {
      const HbLessonProgress *lesson = NULL;
      HbLessonProgress *bare = NULL;
      GtkWidget *row;

      if (progress != NULL)
        lesson = hb_course_progress_find_lesson (progress, course->lessons[i]);
      else
        lesson = bare = bare_lesson (self->store, course->lessons[i], i + 1);
      if (lesson == NULL)
        continue;
      row = hb_lesson_row_new (lesson);
      if (bare != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), NULL);
          g_free ((char *) bare->title);
          g_free (bare);
        }
      g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      if (self->first_row == NULL)
        self->first_row = row;
    }
  gtk_box_append (self->box, group);
}

static void
hb_courses_page_reload (HbSidebarPage *page)
{
  HbCoursesPage *self = HB_COURSES_PAGE (page);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) courses = NULL;
  g_autoptr (GPtrArray) progress = NULL;

  hb_box_remove_all (self->box);
  self->first_row = NULL;
  if (self->store == NULL)
    return;

  courses = hb_course_list (self->store, &error);
  if (courses != NULL && self->profile != NULL)
    progress = hb_progress_load (self->store, self->profile->uuid, NULL, &error);
  if (courses == NULL || (self->profile != NULL && progress == NULL))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return;
    }

  if (courses->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-presentation-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Courses"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Courses come with the handbook: a course file in its “courses” "
                                         "folder, or lessons that name their course."));
      gtk_widget_add_css_class (status, "compact");
      gtk_box_append (self->box, status);
      return;
    }

  for (guint i = 0; i < courses->len; i++)
    add_course (self, g_ptr_array_index (courses, i),
                progress != NULL && i < progress->len ? g_ptr_array_index (progress, i) : NULL);
}

static gboolean
hb_courses_page_focus_list (HbSidebarPage *page)
{
  HbCoursesPage *self = HB_COURSES_PAGE (page);

  return self->first_row != NULL && gtk_widget_grab_focus (self->first_row);
}

static void
hb_courses_page_sidebar_page_init (HbSidebarPageInterface *iface)
{
  iface->reload = hb_courses_page_reload;
  iface->focus_list = hb_courses_page_focus_list;
}

static void
hb_courses_page_finalize (GObject *object)
{
  HbCoursesPage *self = HB_COURSES_PAGE (object);

  g_clear_pointer (&self->profile, hb_profile_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_courses_page_parent_class)->finalize (object);
}

static void
hb_courses_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbCoursesPage *self = HB_COURSES_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_courses_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbCoursesPage *self = HB_COURSES_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_clear_pointer (&self->profile, hb_profile_free);
      self->profile = g_value_dup_boxed (value);
      hb_courses_page_reload (HB_SIDEBAR_PAGE (self));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_courses_page_class_init (HbCoursesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hb_courses_page_finalize;
  object_class->get_property = hb_courses_page_get_property;
  object_class->set_property = hb_courses_page_set_property;

  properties[PROP_PROFILE] = g_param_spec_boxed ("profile", NULL, NULL, HB_TYPE_PROFILE,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROP_STORE, properties);
  g_object_class_override_property (object_class, PROP_STORE, "store");
}

static void
hb_courses_page_init (HbCoursesPage *self)
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
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Courses"), -1);
}
