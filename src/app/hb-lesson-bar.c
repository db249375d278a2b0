/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-lesson-bar"

#include "config.h"

#include "hb-lesson-bar.h"

#include <glib/gi18n.h>

#include "hb-course.h"
#include "hb-progress.h"
#include "hb-util.h"

struct _HbLessonBar
{
  GtkBox parent_instance;

  HbStore *store;
  HbProfile *profile;
  HbArticle *article;
  guint review_from;

  GtkWidget *review_revealer;
  GtkWidget *review_label;
  GtkWidget *changes_label;
  GtkWidget *changes_button;
  GtkWidget *status_title;
  GtkWidget *status_detail;
  GtkWidget *take_button;
  /* Whether the person may take the quiz now (win.take-quiz follows). */
  gboolean can_take;
  char *locked_reason;
};

G_DEFINE_FINAL_TYPE (HbLessonBar, hb_lesson_bar, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_PROFILE,
  PROP_CAN_TAKE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SHOW_CHANGES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
date_of (const char *timestamp)
{
  return timestamp != NULL ? hb_util_format_date (timestamp) : g_strdup ("");
}

void
hb_lesson_bar_refresh (HbLessonBar *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) progress = NULL;
  g_autoptr (GString) detail = g_string_new (NULL);
  g_autofree char *quiz_sha = NULL;
  const HbLessonProgress *lesson = NULL;
  const HbCourseProgress *course = NULL;
  guint n_questions = 0;
  const char *id;

  g_return_if_fail (HB_IS_LESSON_BAR (self));

  self->review_from = 0;
  if (self->article == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  id = hb_article_get_id (self->article);
  if (!hb_lesson_get_fingerprint (self->store, id, hb_article_get_version (self->article), NULL, &quiz_sha,
                                  &n_questions, NULL, &error))
    {
      g_warning ("%s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  if (self->profile != NULL)
    {
      progress = hb_progress_load (self->store, self->profile->uuid, NULL, &error);
      if (progress == NULL)
        g_warning ("%s", error->message);
      for (guint i = 0; progress != NULL && i < progress->len && lesson == NULL; i++)
        {
          course = g_ptr_array_index (progress, i);
          lesson = hb_course_progress_find_lesson (course, id);
        }
    }
  if (quiz_sha == NULL && lesson == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);

  /* What the bar says of the quiz. */
  if (quiz_sha != NULL)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Quiz: %u question", "Quiz: %u questions", n_questions),
                                                n_questions);

      gtk_label_set_text (GTK_LABEL (self->status_title), title);
      if (course != NULL)
        g_string_append_printf (detail, _("%.0f %% to pass"), course->course->pass_mark);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->status_title), _("Lesson"));

  if (lesson != NULL)
    {
      g_autofree char *due = hb_util_format_date (lesson->due_on);

      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append (detail, hb_lesson_state_get_label (lesson->state, lesson->has_quiz));
      if (lesson->best_score >= 0)
        g_string_append_printf (detail, _(" · best %.0f %%"), lesson->best_score * 100);
      if (lesson->overdue)
        g_string_append_printf (detail, _(" · overdue since %s"), due);
      else if (lesson->due_on != NULL && lesson->state != HB_LESSON_COMPLETED)
        g_string_append_printf (detail, _(" · due %s"), due);
    }

  gtk_widget_set_visible (self->take_button, quiz_sha != NULL);
  g_clear_pointer (&self->locked_reason, g_free);
  if (self->profile == NULL)
    {
      g_string_append (detail, detail->len > 0 ? " · " : "");
      g_string_append (detail, _("Choose who is learning, in the main menu, to take it"));
      self->can_take = FALSE;
    }
  else if (lesson != NULL && lesson->locked && course != NULL && course->next_lesson != NULL)
    {
      self->locked_reason = g_strdup_printf (_("Finish “%s” first"), course->next_lesson->title);
      g_string_append (detail, " · ");
      g_string_append (detail, self->locked_reason);
      self->can_take = FALSE;
    }
  else
    self->can_take = quiz_sha != NULL;
  /* The button's action (win.take-quiz) is enabled or not by the window,
   * which asks hb_lesson_bar_get_can_take(). */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_TAKE]);
  gtk_label_set_text (GTK_LABEL (self->status_detail), detail->str);
  gtk_button_set_label (GTK_BUTTON (self->take_button),
                        lesson != NULL && lesson->attempts > 0 ? _("_Take the Quiz Again") : _("_Take the Quiz"));

  /* What changed since the person completed it. */
  if (lesson != NULL && lesson->state == HB_LESSON_NEEDS_REVIEW)
    {
      g_autoptr (GPtrArray) lines = hb_lesson_describe_changes (self->store, id, lesson->completed_version,
                                                                lesson->completed_dependencies, NULL);
      g_autofree char *when = date_of (lesson->completed_at);
      g_autofree char *text = NULL;
      g_autoptr (GString) changes = g_string_new (NULL);

      self->review_from = lesson->completed_version;
      text = g_strdup_printf (_("This lesson changed since you completed it on %s (version %u; now %u). Read "
                                "what changed, then take the quiz again."),
                              when, lesson->completed_version, lesson->current_version);
      gtk_label_set_text (GTK_LABEL (self->review_label), text);
      for (guint i = 0; lines != NULL && i < lines->len; i++)
        g_string_append_printf (changes, "%s• %s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (lines, i));
      gtk_label_set_text (GTK_LABEL (self->changes_label), changes->str);
      gtk_widget_set_visible (self->changes_label, changes->len > 0);
      gtk_widget_set_visible (self->changes_button, lesson->completed_version != lesson->current_version);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->review_revealer), TRUE);
    }
  else
    {
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->review_revealer), FALSE);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->changes_button), FALSE);
    }
}

void
hb_lesson_bar_set_article (HbLessonBar *self, HbArticle *article)
{
  g_return_if_fail (HB_IS_LESSON_BAR (self));

  /* The same lesson again: keep Show Changes as it is. */
  if (article != NULL && self->article != NULL
      && g_strcmp0 (hb_article_get_id (article), hb_article_get_id (self->article)) == 0
      && hb_article_get_version (article) == hb_article_get_version (self->article))
    return;
  g_set_object (&self->article, article);
  g_signal_handlers_block_matched (self->changes_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->changes_button), FALSE);
  g_signal_handlers_unblock_matched (self->changes_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  hb_lesson_bar_refresh (self);
}

gboolean
hb_lesson_bar_get_can_take (HbLessonBar *self, const char **reason)
{
  g_return_val_if_fail (HB_IS_LESSON_BAR (self), FALSE);
  if (reason != NULL)
    *reason = self->locked_reason;
  return self->can_take;
}

guint
hb_lesson_bar_get_review_from (HbLessonBar *self)
{
  g_return_val_if_fail (HB_IS_LESSON_BAR (self), 0);
  return self->review_from;
}

static void
changes_toggled_cb (GtkToggleButton *button, HbLessonBar *self)
{
  g_signal_emit (self, signals[SHOW_CHANGES], 0, gtk_toggle_button_get_active (button), self->review_from);
}

static void
hb_lesson_bar_finalize (GObject *object)
{
  HbLessonBar *self = HB_LESSON_BAR (object);

  g_clear_object (&self->article);
  g_clear_pointer (&self->profile, hb_profile_free);
  g_clear_pointer (&self->locked_reason, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_lesson_bar_parent_class)->finalize (object);
}

static void
hb_lesson_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbLessonBar *self = HB_LESSON_BAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
      break;
    case PROP_CAN_TAKE:
      g_value_set_boolean (value, self->can_take);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_lesson_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbLessonBar *self = HB_LESSON_BAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      g_clear_pointer (&self->profile, hb_profile_free);
      self->profile = g_value_dup_boxed (value);
      if (self->store != NULL)
        hb_lesson_bar_refresh (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_lesson_bar_class_init (HbLessonBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hb_lesson_bar_finalize;
  object_class->get_property = hb_lesson_bar_get_property;
  object_class->set_property = hb_lesson_bar_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HB_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] = g_param_spec_boxed ("profile", NULL, NULL, HB_TYPE_PROFILE,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* Whether the quiz can be taken now: there is one, someone is learning
   * and no earlier lesson of a course taken in order waits. */
  properties[PROP_CAN_TAKE] = g_param_spec_boolean ("can-take", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbLessonBar::show-changes:
   * @active: show the changes (else the lesson)
   * @from_version: the version the person completed
   */
  signals[SHOW_CHANGES] = g_signal_new ("show-changes", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                        NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_UINT);
}

static void
hb_lesson_bar_init (HbLessonBar *self)
{
  GtkWidget *review, *icon, *texts, *bar, *status;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "lesson-bar");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  /* What changed. */
  self->review_revealer = gtk_revealer_new ();
  review = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (review, "lesson-review");
  icon = gtk_image_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (texts, TRUE);
  self->review_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->review_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->review_label), 0);
  gtk_widget_add_css_class (self->review_label, "heading");
  self->changes_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->changes_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->changes_label), 0);
  gtk_box_append (GTK_BOX (texts), self->review_label);
  gtk_box_append (GTK_BOX (texts), self->changes_label);
  self->changes_button = gtk_toggle_button_new_with_mnemonic (_("Show _Changes"));
  gtk_widget_set_valign (self->changes_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->changes_button, _("Show what changed since the version you completed"));
  g_signal_connect (self->changes_button, "toggled", G_CALLBACK (changes_toggled_cb), self);
  gtk_box_append (GTK_BOX (review), icon);
  gtk_box_append (GTK_BOX (review), texts);
  gtk_box_append (GTK_BOX (review), self->changes_button);
  gtk_revealer_set_child (GTK_REVEALER (self->review_revealer), review);
  gtk_box_append (GTK_BOX (self), self->review_revealer);

  /* The quiz. */
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (bar, "lesson-quiz");
  status = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (status, TRUE);
  self->status_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status_title), 0);
  gtk_widget_add_css_class (self->status_title, "heading");
  self->status_detail = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status_detail), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status_detail), TRUE);
  gtk_widget_add_css_class (self->status_detail, "dim-label");
  gtk_box_append (GTK_BOX (status), self->status_title);
  gtk_box_append (GTK_BOX (status), self->status_detail);
  self->take_button = gtk_button_new_with_mnemonic (_("_Take the Quiz"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->take_button), "win.take-quiz");
  gtk_widget_add_css_class (self->take_button, "suggested-action");
  gtk_widget_add_css_class (self->take_button, "pill");
  gtk_widget_set_valign (self->take_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), status);
  gtk_box_append (GTK_BOX (bar), self->take_button);
  gtk_box_append (GTK_BOX (self), bar);
}

HbLessonBar *
hb_lesson_bar_new (HbStore *store)
{
  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  return g_object_new (HB_TYPE_LESSON_BAR, "store", store, NULL);
}
