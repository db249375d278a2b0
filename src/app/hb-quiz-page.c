/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-quiz-page"

#include "config.h"

#include "hb-quiz-page.h"
#include "hb-accessible.h"
#include "hb-question-view.h"

#include <glib/gi18n.h>

struct _HbQuizPage
{
  AdwBin parent_instance;

  HbStore *store;
  HbProfile *profile;
  HbQuiz *quiz;
  HbQuizGrade *grade;
  char *started_at;
  GPtrArray *views; /* (element-type HbQuestionView) */
  gboolean folded;

  /* Template children */
  AdwWindowTitle *title;
  GtkScrolledWindow *scroller;
  GtkRevealer *result_revealer;
  GtkWidget *result_box;
  GtkLabel *result_title;
  GtkLabel *result_detail;
  GtkButton *retry_button;
  GtkLabel *intro;
  GtkBox *questions_box;
  GtkButton *submit_button;
};

G_DEFINE_FINAL_TYPE (HbQuizPage, hb_quiz_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_PROFILE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ATTEMPT_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (HbQuizPage *self, const char *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text))
    g_message ("%s", text);
}

static char *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
update_actions (HbQuizPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quiz.submit",
                                 self->quiz != NULL && self->grade == NULL && self->profile != NULL);
}

static void
clear_questions (HbQuizPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_box))) != NULL)
    gtk_box_remove (self->questions_box, child);
  g_ptr_array_set_size (self->views, 0);
}

gboolean
hb_quiz_page_load (HbQuizPage *self, const char *lesson_id, guint version, GError **error)
{
  g_autoptr (HbQuiz) quiz = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *subtitle = NULL;
  guint32 seed = g_random_int ();
  guint number = 0;

  g_return_val_if_fail (HB_IS_QUIZ_PAGE (self), FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);

  quiz = hb_quiz_load (self->store, lesson_id, version, error);
  if (quiz == NULL)
    return FALSE;

  clear_questions (self);
  g_clear_pointer (&self->grade, hb_quiz_grade_free);
  g_clear_pointer (&self->quiz, hb_quiz_free);
  self->quiz = g_steal_pointer (&quiz);
  g_free (self->started_at);
  self->started_at = now_utc ();

  for (guint i = 0; i < self->quiz->gift->questions->len; i++)
    {
      const HbGiftQuestion *question = g_ptr_array_index (self->quiz->gift->questions, i);
      HbQuestionView *view;

      if (question->type != HB_GIFT_DESCRIPTION)
        number++;
      view = hb_question_view_new (question, number, seed + i);
      gtk_box_append (self->questions_box, GTK_WIDGET (view));
      g_ptr_array_add (self->views, view);
    }

  subtitle = g_strdup_printf (_("%s · Version %u"), self->quiz->lesson_title, self->quiz->lesson_version);
  adw_window_title_set_subtitle (self->title, subtitle);
  intro = g_strdup_printf (ngettext ("%u question. You need %.0f %% to pass. Your answers are checked when you "
                                     "submit them.",
                                     "%u questions. You need %.0f %% to pass. Your answers are checked when you "
                                     "submit them.",
                                     number),
                           number, self->quiz->pass_mark);
  gtk_label_set_text (self->intro, intro);
  gtk_revealer_set_reveal_child (self->result_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  update_actions (self);
  return TRUE;
}

const HbQuiz *
hb_quiz_page_get_quiz (HbQuizPage *self)
{
  g_return_val_if_fail (HB_IS_QUIZ_PAGE (self), NULL);
  return self->quiz;
}

const HbQuizGrade *
hb_quiz_page_get_grade (HbQuizPage *self)
{
  g_return_val_if_fail (HB_IS_QUIZ_PAGE (self), NULL);
  return self->grade;
}

GtkWidget *
hb_quiz_page_get_first_input (HbQuizPage *self)
{
  g_return_val_if_fail (HB_IS_QUIZ_PAGE (self), NULL);

  for (guint i = 0; i < self->views->len; i++)
    {
      GtkWidget *input = hb_question_view_get_first_input (g_ptr_array_index (self->views, i));

      if (input != NULL)
        return input;
    }
  return GTK_WIDGET (self->submit_button);
}

static void
show_score (HbQuizPage *self, const HbAttemptRecord *attempt)
{
  g_autofree char *title = NULL;
  g_autoptr (GString) detail = g_string_new (NULL);
  const HbGradeScore *score = &self->grade->score;

  title = g_strdup_printf (_("%.0f %%"), score->score * 100);
  gtk_label_set_text (self->result_title, title);
  gtk_widget_remove_css_class (self->result_box, "quiz-passed");
  gtk_widget_remove_css_class (self->result_box, "quiz-failed");
  gtk_widget_add_css_class (self->result_box, score->passed ? "quiz-passed" : "quiz-failed");
  if (score->passed)
    g_string_append_printf (detail, _("Passed. The pass mark is %.0f %%."), self->quiz->pass_mark);
  else
    g_string_append_printf (detail, _("Not passed yet: %.0f %% is needed. Read the feedback below and try again."),
                            self->quiz->pass_mark);
  if (score->pending > 0)
    {
      g_string_append_c (detail, '\n');
      g_string_append_printf (detail,
                              ngettext ("%u written answer waits for a manager to grade it.",
                                        "%u written answers wait for a manager to grade them.", score->pending),
                              score->pending);
    }
  gtk_label_set_text (self->result_detail, detail->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_box), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail->str, -1);
  gtk_revealer_set_reveal_child (self->result_revealer, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), FALSE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
}

void
hb_quiz_page_submit (HbQuizPage *self)
{
  g_autoptr (GHashTable) responses = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbAttemptRecord) attempt = NULL;
  HbQuizGrade *grade = NULL;

  g_return_if_fail (HB_IS_QUIZ_PAGE (self));

  if (self->quiz == NULL || self->grade != NULL)
    return;
  if (self->profile == NULL)
    {
      show_toast (self, _("Choose who is learning first, in the main menu"));
      return;
    }

  responses = hb_quiz_responses_new ();
  for (guint i = 0; i < self->views->len; i++)
    {
      HbQuestionView *view = g_ptr_array_index (self->views, i);

      g_hash_table_insert (responses, g_strdup (hb_question_view_get_question (view)->key),
                           hb_question_view_get_response (view));
    }

  attempt = hb_quiz_record_attempt (self->store, self->quiz, self->profile->uuid, responses, self->started_at, NULL,
                                    &grade, &error);
  if (attempt == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  self->grade = grade;
  for (guint i = 0; i < self->views->len; i++)
    hb_question_view_show_result (g_ptr_array_index (self->views, i), g_ptr_array_index (self->grade->results, i));
  show_score (self, attempt);
  update_actions (self);
  g_signal_emit (self, signals[ATTEMPT_RECORDED], 0, attempt->uuid);
}

static void
submit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_quiz_page_submit (HB_QUIZ_PAGE (widget));
}

static void
retry_clicked_cb (HbQuizPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *lesson = NULL;

  if (self->quiz == NULL)
    return;
  /* The version in force: a newer one may have come meanwhile. */
  lesson = g_strdup (self->quiz->lesson_id);
  if (!hb_quiz_page_load (self, lesson, 0, &error))
    show_toast (self, error->message);
  else
    gtk_widget_grab_focus (hb_quiz_page_get_first_input (self));
}

static void
hb_quiz_page_dispose (GObject *object)
{
  HbQuizPage *self = HB_QUIZ_PAGE (object);

  g_clear_pointer (&self->views, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_QUIZ_PAGE);

  G_OBJECT_CLASS (hb_quiz_page_parent_class)->dispose (object);
}

static void
hb_quiz_page_finalize (GObject *object)
{
  HbQuizPage *self = HB_QUIZ_PAGE (object);

  g_clear_pointer (&self->grade, hb_quiz_grade_free);
  g_clear_pointer (&self->quiz, hb_quiz_free);
  g_clear_pointer (&self->profile, hb_profile_free);
  g_clear_pointer (&self->started_at, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_quiz_page_parent_class)->finalize (object);
}

static void
hb_quiz_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbQuizPage *self = HB_QUIZ_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_quiz_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbQuizPage *self = HB_QUIZ_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      g_clear_pointer (&self->profile, hb_profile_free);
      self->profile = g_value_dup_boxed (value);
      update_actions (self);
      break;
    case PROP_FOLDED:
      self->folded = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_quiz_page_class_init (HbQuizPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_quiz_page_dispose;
  object_class->finalize = hb_quiz_page_finalize;
  object_class->get_property = hb_quiz_page_get_property;
  object_class->set_property = hb_quiz_page_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HB_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] = g_param_spec_boxed ("profile", NULL, NULL, HB_TYPE_PROFILE,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] = g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbQuizPage::attempt-recorded:
   * @uuid: the attempt
   *
   * Submit graded the answers and recorded the attempt.
   */
  signals[ATTEMPT_RECORDED] = g_signal_new ("attempt-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/handbook/Handbook/ui/hb-quiz-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, title);
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, result_revealer);
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, result_title);
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, result_detail);
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, intro);
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, questions_box);
  gtk_widget_class_bind_template_child (widget_class, HbQuizPage, submit_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_install_action (widget_class, "quiz.submit", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "quiz.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "quiz.submit", NULL);
}

static void
hb_quiz_page_init (HbQuizPage *self)
{
  self->views = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));
  update_actions (self);
}

HbQuizPage *
hb_quiz_page_new (HbStore *store)
{
  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  return g_object_new (HB_TYPE_QUIZ_PAGE, "store", store, NULL);
}
