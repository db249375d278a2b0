/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-review-session"

#include "config.h"

#include "hb-review-session.h"
#include "hb-accessible.h"

#include <glib/gi18n.h>

#include "hb-question-view.h"
#include "hb-quiz.h"
#include "hb-review.h"

struct _HbReviewSession
{
  AdwBin parent_instance;

  HbStore *store;
  HbProfile *profile;
  gboolean folded;
  GPtrArray *items;     /* (element-type HbReviewItem) due now */
  guint current;
  GHashTable *quizzes;  /* lesson id -> HbQuiz in force */
  HbQuestionView *view;
  gboolean checked;

  AdwWindowTitle *title;
  GtkStack *stack;
  GtkLabel *lesson_label;
  GtkBox *question_box;
  GtkWidget *check_button;
  GtkWidget *next_button;
  GtkWidget *lesson_button;
  AdwStatusPage *done_page;
};

G_DEFINE_FINAL_TYPE (HbReviewSession, hb_review_session, ADW_TYPE_BIN)

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
  ANSWERED,
  OPEN_LESSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const HbQuiz *
quiz_of (HbReviewSession *self, const char *lesson_id)
{
  HbQuiz *quiz = g_hash_table_lookup (self->quizzes, lesson_id);

  if (quiz == NULL && (quiz = hb_quiz_load (self->store, lesson_id, 0, NULL)) != NULL)
    g_hash_table_insert (self->quizzes, g_strdup (lesson_id), quiz);
  return quiz;
}

static void
show_current (HbReviewSession *self)
{
  HbReviewItem *item;
  const HbQuiz *quiz;
  const HbGiftQuestion *question;
  g_autofree char *subtitle = NULL;
  g_autofree char *from = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->question_box))) != NULL)
    gtk_box_remove (self->question_box, child);
  self->view = NULL;
  self->checked = FALSE;

  for (; self->current < self->items->len; self->current++)
    {
      item = g_ptr_array_index (self->items, self->current);
      quiz = quiz_of (self, item->lesson_id);
      question = quiz != NULL ? hb_quiz_find_question (quiz, item->question_key) : NULL;
      if (question != NULL)
        break;
    }
  if (self->current >= self->items->len)
    {
      adw_window_title_set_subtitle (self->title, NULL);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->done_page));
      return;
    }

  subtitle = g_strdup_printf (_("Question %u of %u"), self->current + 1, self->items->len);
  adw_window_title_set_subtitle (self->title, subtitle);
  from = g_strdup_printf (_("From “%s”"), quiz->lesson_title);
  gtk_label_set_text (self->lesson_label, from);
  self->view = hb_question_view_new (question, self->current + 1, g_random_int ());
  gtk_box_append (self->question_box, GTK_WIDGET (self->view));
  gtk_widget_set_visible (self->check_button, TRUE);
  gtk_widget_set_visible (self->next_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "question");
  if (hb_question_view_get_first_input (self->view) != NULL)
    gtk_widget_grab_focus (hb_question_view_get_first_input (self->view));
}

void
hb_review_session_start (HbReviewSession *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  guint due = 0;

  g_return_if_fail (HB_IS_REVIEW_SESSION (self));

  g_ptr_array_set_size (self->items, 0);
  g_hash_table_remove_all (self->quizzes);
  self->current = 0;
  if (self->profile != NULL)
    {
      items = hb_review_load (self->store, self->profile->uuid, g_get_real_time () / G_USEC_PER_SEC + 60, &due,
                              &error);
      if (items == NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      /* The due ones come first. */
      for (guint i = 0; items != NULL && i < due; i++)
        g_ptr_array_add (self->items, g_ptr_array_steal_index (items, 0));
    }
  show_current (self);
}

static void
check_clicked_cb (HbReviewSession *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbGradeResponse) response = NULL;
  g_autoptr (HbGradeResult) result = NULL;
  HbReviewItem *item;

  if (self->view == NULL || self->checked || self->profile == NULL)
    return;
  item = g_ptr_array_index (self->items, self->current);
  response = hb_question_view_get_response (self->view);
  result = hb_review_answer (self->store, self->profile->uuid, quiz_of (self, item->lesson_id), item->question_key,
                             response, NULL, &error);
  if (result == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return;
    }
  self->checked = TRUE;
  hb_question_view_show_result (self->view, result);
  gtk_widget_set_visible (self->check_button, FALSE);
  gtk_widget_set_visible (self->next_button, TRUE);
  gtk_widget_grab_focus (self->next_button);
  g_signal_emit (self, signals[ANSWERED], 0);
}

static void
next_clicked_cb (HbReviewSession *self)
{
  self->current++;
  show_current (self);
}

static void
lesson_clicked_cb (HbReviewSession *self)
{
  HbReviewItem *item;
  const HbQuiz *quiz;
  g_autofree char *section = NULL;

  if (self->current >= self->items->len)
    return;
  item = g_ptr_array_index (self->items, self->current);
  quiz = quiz_of (self, item->lesson_id);
  if (quiz != NULL)
    section = hb_quiz_question_section (quiz, hb_quiz_find_question (quiz, item->question_key));
  g_signal_emit (self, signals[OPEN_LESSON], 0, item->lesson_id, section);
}

static void
hb_review_session_dispose (GObject *object)
{
  HbReviewSession *self = HB_REVIEW_SESSION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_REVIEW_SESSION);
  G_OBJECT_CLASS (hb_review_session_parent_class)->dispose (object);
}

static void
hb_review_session_finalize (GObject *object)
{
  HbReviewSession *self = HB_REVIEW_SESSION (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->quizzes, g_hash_table_unref);
  g_clear_pointer (&self->profile, hb_profile_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_review_session_parent_class)->finalize (object);
}

static void
hb_review_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbReviewSession *self = HB_REVIEW_SESSION (object);

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
hb_review_session_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbReviewSession *self = HB_REVIEW_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      g_clear_pointer (&self->profile, hb_profile_free);
      self->profile = g_value_dup_boxed (value);
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
hb_review_session_class_init (HbReviewSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_review_session_dispose;
  object_class->finalize = hb_review_session_finalize;
  object_class->get_property = hb_review_session_get_property;
  object_class->set_property = hb_review_session_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HB_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] = g_param_spec_boxed ("profile", NULL, NULL, HB_TYPE_PROFILE,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] = g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbReviewSession::answered:
   *
   * An answer was graded and the question's next review scheduled.
   */
  signals[ANSWERED] = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);
  /**
   * HbReviewSession::open-lesson:
   * @lesson_id: the lesson
   * @section_id: (nullable): the section that answers the question
   */
  signals[OPEN_LESSON] = g_signal_new ("open-lesson", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/handbook/Handbook/ui/hb-review-session.ui");
  gtk_widget_class_bind_template_child (widget_class, HbReviewSession, title);
  gtk_widget_class_bind_template_child (widget_class, HbReviewSession, stack);
  gtk_widget_class_bind_template_child (widget_class, HbReviewSession, lesson_label);
  gtk_widget_class_bind_template_child (widget_class, HbReviewSession, question_box);
  gtk_widget_class_bind_template_child (widget_class, HbReviewSession, check_button);
  gtk_widget_class_bind_template_child (widget_class, HbReviewSession, next_button);
  gtk_widget_class_bind_template_child (widget_class, HbReviewSession, lesson_button);
  gtk_widget_class_bind_template_child (widget_class, HbReviewSession, done_page);
  gtk_widget_class_bind_template_callback (widget_class, check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_clicked_cb);
}

static void
hb_review_session_init (HbReviewSession *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_review_item_free);
  self->quizzes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) hb_quiz_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));
}

HbReviewSession *
hb_review_session_new (HbStore *store)
{
  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  return g_object_new (HB_TYPE_REVIEW_SESSION, "store", store, NULL);
}
