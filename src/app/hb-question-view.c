/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-question-view"

#include "config.h"

#include "hb-question-view.h"
#include "hb-accessible.h"

#include <glib/gi18n.h>

struct _HbQuestionView
{
  GtkBox parent_instance;

  const HbGiftQuestion *question;
  GRand *rand;

  GtkWidget *inputs;       /* the box of the answer widgets */
  GtkWidget *first_input;
  GPtrArray *buttons;      /* (element-type GtkCheckButton) choices, true and false */
  GtkWidget *entry;        /* short answer, numerical */
  GtkTextView *text_view;  /* essay */
  GPtrArray *dropdowns;    /* matching: one per answer, NULL for distractors */
  char **match_choices;    /* matching: what the drop-downs offer, after "Choose…" */
  GtkWidget *order_list;   /* ordering */
  GArray *order;           /* ordering: the items' indices as they stand */
  GtkWidget *result_box;
  GtkWidget *result_icon;
  GtkWidget *result_title;
  GtkWidget *feedback;
};

G_DEFINE_FINAL_TYPE (HbQuestionView, hb_question_view, GTK_TYPE_BOX)

/* Plain text of a question's text, for accessible names. */
static char *
plain_text (const char *text, HbGiftFormat format)
{
  g_autofree char *markup = hb_gift_text_to_markup (text != NULL ? text : "", format);
  char *plain = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, NULL))
    return g_strdup (text);
  return plain;
}

static GtkWidget *
markup_label (const char *text, HbGiftFormat format)
{
  g_autofree char *markup = hb_gift_text_to_markup (text != NULL ? text : "", format);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

/* The order the choices are shown in: shuffled, as Moodle shows them, so
 * that the first is not always the right one. */
static GArray *
shuffled (HbQuestionView *self, guint n)
{
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint i = 0; i < n; i++)
    g_array_append_val (order, i);
  for (guint i = n; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (self->rand, 0, (gint32) i);
      guint swap = g_array_index (order, guint, i - 1);

      g_array_index (order, guint, i - 1) = g_array_index (order, guint, j);
      g_array_index (order, guint, j) = swap;
    }
  return order;
}

static GtkWidget *
add_choice (HbQuestionView *self, const char *text, HbGiftFormat format, guint answer, gboolean radio,
            GtkCheckButton *group)
{
  /* GTK 4.8 calls every check button a check box, even in a group: one of
   * several is a radio button to a screen reader. */
  GtkWidget *button = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                    "accessible-role", radio ? GTK_ACCESSIBLE_ROLE_RADIO : GTK_ACCESSIBLE_ROLE_CHECKBOX,
                                    NULL);
  g_autofree char *name = plain_text (text, format);

  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), markup_label (text, format));
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "hb-answer", GUINT_TO_POINTER (answer));
  gtk_box_append (GTK_BOX (self->inputs), button);
  g_ptr_array_add (self->buttons, button);
  if (self->first_input == NULL)
    self->first_input = button;
  return button;
}

/* Ordering ---------------------------------------------------------------- */

static void fill_order_list (HbQuestionView *self, int focus_item, gboolean focus_up);

static void
move_clicked_cb (GtkButton *button, HbQuestionView *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hb-position"));
  gboolean up = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "hb-up"));
  guint other = up ? position - 1 : position + 1;
  guint item;

  if ((up && position == 0) || (!up && position + 1 >= self->order->len))
    return;
  item = g_array_index (self->order, guint, position);
  g_array_index (self->order, guint, position) = g_array_index (self->order, guint, other);
  g_array_index (self->order, guint, other) = item;
  fill_order_list (self, (int) item, up);
}

static GtkWidget *
move_button (HbQuestionView *self, const char *icon, const char *tooltip, const char *name, guint position,
             gboolean up, gboolean sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "hb-position", GUINT_TO_POINTER (position));
  g_object_set_data (G_OBJECT (button), "hb-up", GINT_TO_POINTER (up));
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  return button;
}

static void
fill_order_list (HbQuestionView *self, int focus_item, gboolean focus_up)
{
  GtkWidget *child;
  GtkWidget *focus = NULL;

  while ((child = gtk_widget_get_first_child (self->order_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->order_list), child);

  for (guint i = 0; i < self->order->len; i++)
    {
      guint item = g_array_index (self->order, guint, i);
      const HbGiftAnswer *answer = g_ptr_array_index (self->question->answers, item);
      g_autofree char *text = plain_text (answer->text, answer->format);
      g_autofree char *up_name = g_strdup_printf (_("Move “%s” up"), text);
      g_autofree char *down_name = g_strdup_printf (_("Move “%s” down"), text);
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *position = gtk_label_new (number);
      GtkWidget *label = markup_label (answer->text, answer->format);
      GtkWidget *up = move_button (self, "go-up-symbolic", _("Move Up"), up_name, i, TRUE, i > 0);
      GtkWidget *down = move_button (self, "go-down-symbolic", _("Move Down"), down_name, i, FALSE,
                                     i + 1 < self->order->len);

      gtk_widget_add_css_class (position, "dim-label");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_margin_top (row, 4);
      gtk_widget_set_margin_bottom (row, 4);
      gtk_widget_set_margin_start (row, 8);
      gtk_widget_set_margin_end (row, 4);
      gtk_box_append (GTK_BOX (row), position);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), up);
      gtk_box_append (GTK_BOX (row), down);
      gtk_list_box_append (GTK_LIST_BOX (self->order_list), row);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (row)), FALSE);
      gtk_widget_set_focusable (gtk_widget_get_parent (row), FALSE);

      if (i == 0 && self->first_input == NULL)
        self->first_input = i + 1 < self->order->len ? down : up;
      if ((int) item == focus_item)
        focus = focus_up ? (i > 0 ? up : down) : (i + 1 < self->order->len ? down : up);
    }
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* Building --------------------------------------------------------------- */

static void
build_inputs (HbQuestionView *self)
{
  const HbGiftQuestion *question = self->question;
  g_autofree char *name = plain_text (question->text, question->format);

  switch (question->type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
    case HB_GIFT_MULTIPLE_ANSWER:
      {
        g_autoptr (GArray) order = shuffled (self, question->answers->len);
        GtkCheckButton *group = NULL;

        for (guint i = 0; i < order->len; i++)
          {
            guint index = g_array_index (order, guint, i);
            const HbGiftAnswer *answer = g_ptr_array_index (question->answers, index);
            GtkWidget *button = add_choice (self, answer->text, answer->format, index,
                                            question->type == HB_GIFT_MULTIPLE_CHOICE, group);

            if (question->type == HB_GIFT_MULTIPLE_CHOICE && group == NULL)
              group = GTK_CHECK_BUTTON (button);
          }
      }
      break;

    case HB_GIFT_TRUE_FALSE:
      {
        GtkWidget *true_button = add_choice (self, _("True"), HB_GIFT_FORMAT_PLAIN, 1, TRUE, NULL);

        add_choice (self, _("False"), HB_GIFT_FORMAT_PLAIN, 0, TRUE, GTK_CHECK_BUTTON (true_button));
      }
      break;

    case HB_GIFT_SHORT_ANSWER:
    case HB_GIFT_NUMERICAL:
      self->entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), question->type == HB_GIFT_NUMERICAL
                                                                  ? _("A number")
                                                                  : _("Your answer"));
      if (question->type == HB_GIFT_NUMERICAL)
        gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (GTK_BOX (self->inputs), self->entry);
      self->first_input = self->entry;
      break;

    case HB_GIFT_MATCHING:
      {
        g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
        g_auto (GStrv) rights = hb_gift_question_match_choices (question);
        g_autoptr (GArray) order = shuffled (self, g_strv_length (rights));
        GtkWidget *grid = gtk_grid_new ();

        gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
        gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
        self->match_choices = g_new0 (char *, order->len + 1);
        gtk_string_list_append (choices, _("Choose…"));
        for (guint i = 0; i < order->len; i++)
          {
            self->match_choices[i] = g_strdup (rights[g_array_index (order, guint, i)]);
            gtk_string_list_append (choices, self->match_choices[i]);
          }
        for (guint i = 0; i < question->answers->len; i++)
          {
            const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);
            g_autofree char *left = NULL;
            GtkWidget *label, *dropdown;

            if (answer->text == NULL)
              {
                g_ptr_array_add (self->dropdowns, NULL);
                continue;
              }
            left = plain_text (answer->text, answer->format);
            label = markup_label (answer->text, answer->format);
            gtk_widget_set_hexpand (label, TRUE);
            dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
            gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
            hb_accessible_name_button (dropdown, left);
            gtk_grid_attach (GTK_GRID (grid), label, 0, (int) i, 1, 1);
            gtk_grid_attach (GTK_GRID (grid), dropdown, 1, (int) i, 1, 1);
            g_ptr_array_add (self->dropdowns, dropdown);
            if (self->first_input == NULL)
              self->first_input = dropdown;
          }
        gtk_box_append (GTK_BOX (self->inputs), grid);
      }
      break;

    case HB_GIFT_ORDERING:
      {
        guint shown = question->select_count > 0 && question->select_count < question->answers->len
                        ? question->select_count
                        : question->answers->len;
        g_autoptr (GArray) all = shuffled (self, question->answers->len);

        /* A random selection when the question shows only some items. */
        self->order = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_vals (self->order, all->data, shown);
        /* Never shown already in the right order. */
        if (shown > 1)
          {
            gboolean sorted = TRUE;

            for (guint i = 1; i < shown; i++)
              sorted &= g_array_index (self->order, guint, i - 1) < g_array_index (self->order, guint, i);
            if (sorted)
              {
                guint first = g_array_index (self->order, guint, 0);

                g_array_index (self->order, guint, 0) = g_array_index (self->order, guint, 1);
                g_array_index (self->order, guint, 1) = first;
              }
          }
        self->order_list = gtk_list_box_new ();
        gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->order_list), GTK_SELECTION_NONE);
        gtk_widget_add_css_class (self->order_list, "boxed-list");
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->order_list), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                        -1);
        gtk_box_append (GTK_BOX (self->inputs), self->order_list);
        fill_order_list (self, -1, FALSE);
      }
      break;

    case HB_GIFT_ESSAY:
      {
        GtkWidget *frame = gtk_frame_new (NULL);

        self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
        gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_top_margin (self->text_view, 8);
        gtk_text_view_set_bottom_margin (self->text_view, 8);
        gtk_text_view_set_left_margin (self->text_view, 8);
        gtk_text_view_set_right_margin (self->text_view, 8);
        gtk_text_view_set_accepts_tab (self->text_view, FALSE);
        gtk_widget_set_size_request (GTK_WIDGET (self->text_view), -1, 120);
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->text_view));
        gtk_box_append (GTK_BOX (self->inputs), frame);
        self->first_input = GTK_WIDGET (self->text_view);
        {
          GtkWidget *note = gtk_label_new (_("A manager reads and grades this answer."));

          gtk_widget_add_css_class (note, "dim-label");
          gtk_widget_add_css_class (note, "caption");
          gtk_label_set_xalign (GTK_LABEL (note), 0);
          gtk_box_append (GTK_BOX (self->inputs), note);
        }
      }
      break;

    case HB_GIFT_DESCRIPTION:
    default:
      break;
    }
}

static void
hb_question_view_dispose (GObject *object)
{
  HbQuestionView *self = HB_QUESTION_VIEW (object);

  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->match_choices, g_strfreev);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (hb_question_view_parent_class)->dispose (object);
}

static void
hb_question_view_class_init (HbQuestionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hb_question_view_dispose;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hb_question_view_init (HbQuestionView *self)
{
  self->buttons = g_ptr_array_new ();
  self->dropdowns = g_ptr_array_new ();
}

HbQuestionView *
hb_question_view_new (const HbGiftQuestion *question, guint number, guint32 seed)
{
  HbQuestionView *self;
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  GtkWidget *label;
  GtkWidget *text;

  g_return_val_if_fail (question != NULL, NULL);

  self = g_object_new (HB_TYPE_QUESTION_VIEW, "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 10, NULL);
  self->question = question;
  self->rand = g_rand_new_with_seed (seed);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "quiz-question");

  if (question->type != HB_GIFT_DESCRIPTION)
    {
      heading = g_strdup_printf (_("Question %u"), number);
      label = gtk_label_new (heading);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (self), label);
    }

  if (question->text_after != NULL)
    {
      g_autofree char *before = hb_gift_text_to_markup (question->text, question->format);
      g_autofree char *after = hb_gift_text_to_markup (question->text_after, question->format);
      g_autofree char *markup = g_strdup_printf ("%s <b>_____</b> %s", before, after);

      text = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (text), markup);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
    }
  else
    text = markup_label (question->text, question->format);
  gtk_widget_add_css_class (text, "quiz-text");
  gtk_box_append (GTK_BOX (self), text);

  name = plain_text (question->text, question->format);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, heading != NULL ? heading : name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name, -1);

  self->inputs = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self), self->inputs);
  build_inputs (self);

  /* The result, shown after Submit. */
  self->result_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_widget_add_css_class (self->result_box, "quiz-result");
  {
    GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    self->result_icon = gtk_image_new ();
    self->result_title = gtk_label_new (NULL);
    gtk_widget_add_css_class (self->result_title, "heading");
    gtk_box_append (GTK_BOX (title_box), self->result_icon);
    gtk_box_append (GTK_BOX (title_box), self->result_title);
    gtk_box_append (GTK_BOX (self->result_box), title_box);
  }
  self->feedback = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->feedback), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->feedback), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->feedback), 0);
  gtk_label_set_selectable (GTK_LABEL (self->feedback), TRUE);
  gtk_box_append (GTK_BOX (self->result_box), self->feedback);
  gtk_box_append (GTK_BOX (self), self->result_box);

  return self;
}

const HbGiftQuestion *
hb_question_view_get_question (HbQuestionView *self)
{
  g_return_val_if_fail (HB_IS_QUESTION_VIEW (self), NULL);
  return self->question;
}

GtkWidget *
hb_question_view_get_first_input (HbQuestionView *self)
{
  g_return_val_if_fail (HB_IS_QUESTION_VIEW (self), NULL);
  return self->first_input;
}

HbGradeResponse *
hb_question_view_get_response (HbQuestionView *self)
{
  HbGradeResponse *response = hb_grade_response_new ();
  const HbGiftQuestion *question;

  g_return_val_if_fail (HB_IS_QUESTION_VIEW (self), response);

  question = self->question;
  switch (question->type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
    case HB_GIFT_MULTIPLE_ANSWER:
      for (guint i = 0; i < self->buttons->len; i++)
        {
          GtkCheckButton *button = g_ptr_array_index (self->buttons, i);
          guint answer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hb-answer"));

          if (!gtk_check_button_get_active (button))
            continue;
          if (question->type == HB_GIFT_MULTIPLE_CHOICE)
            response->choice = (int) answer;
          else
            g_array_append_val (response->choices, answer);
        }
      break;

    case HB_GIFT_TRUE_FALSE:
      for (guint i = 0; i < self->buttons->len; i++)
        {
          GtkCheckButton *button = g_ptr_array_index (self->buttons, i);

          if (gtk_check_button_get_active (button))
            {
              response->answered = TRUE;
              response->truth = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hb-answer")) == 1;
            }
        }
      break;

    case HB_GIFT_SHORT_ANSWER:
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

        if (*text != '\0')
          response->text = g_strdup (text);
      }
      break;

    case HB_GIFT_NUMERICAL:
      response->answered = hb_grade_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                                  &response->number);
      break;

    case HB_GIFT_MATCHING:
      for (guint i = 0; i < self->dropdowns->len; i++)
        {
          GtkDropDown *dropdown = g_ptr_array_index (self->dropdowns, i);
          guint selected = dropdown != NULL ? gtk_drop_down_get_selected (dropdown) : 0;

          g_ptr_array_add (response->matches,
                           selected > 0 && selected != GTK_INVALID_LIST_POSITION
                             ? g_strdup (self->match_choices[selected - 1])
                             : NULL);
        }
      break;

    case HB_GIFT_ORDERING:
      g_array_append_vals (response->order, self->order->data, self->order->len);
      break;

    case HB_GIFT_ESSAY:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
        GtkTextIter start, end;
        g_autofree char *text = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        if (*g_strstrip (text) != '\0')
          response->text = g_steal_pointer (&text);
      }
      break;

    case HB_GIFT_DESCRIPTION:
    default:
      break;
    }
  return response;
}

static gboolean
is_right_answer (const HbGradeResult *result, guint answer)
{
  for (guint i = 0; result->right != NULL && i < result->right->len; i++)
    if (g_array_index (result->right, guint, i) == answer)
      return TRUE;
  return FALSE;
}

void
hb_question_view_show_result (HbQuestionView *self, const HbGradeResult *result)
{
  g_autoptr (GString) markup = g_string_new (NULL);
  const char *icon = NULL;
  const char *title = NULL;
  const char *style = NULL;

  g_return_if_fail (HB_IS_QUESTION_VIEW (self));
  g_return_if_fail (result != NULL);

  if (self->question->type == HB_GIFT_DESCRIPTION)
    return;

  /* The choices: the right ones marked, the wrong ones chosen too. */
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      guint answer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hb-answer"));
      gboolean right = self->question->type == HB_GIFT_TRUE_FALSE ? (answer == 1) == self->question->truth
                                                                   : is_right_answer (result, answer);

      if (right)
        gtk_widget_add_css_class (button, "quiz-right");
      else if (gtk_check_button_get_active (GTK_CHECK_BUTTON (button)))
        gtk_widget_add_css_class (button, "quiz-wrong");
    }
  /* Answered: nothing changes any more, but everything stays readable
   * (an insensitive choice would be greyed out, the marks with it). */
  gtk_widget_set_can_target (self->inputs, FALSE);
  gtk_widget_set_can_focus (self->inputs, FALSE);

  switch (result->state)
    {
    case HB_GRADE_RIGHT:
      icon = "emblem-ok-symbolic";
      title = _("Right");
      style = "success";
      break;
    case HB_GRADE_PARTIAL:
      icon = "dialog-warning-symbolic";
      title = _("Partly right");
      style = "warning";
      break;
    case HB_GRADE_WRONG:
      icon = "window-close-symbolic";
      title = result->answered ? _("Not right") : _("Not answered");
      style = "error";
      break;
    case HB_GRADE_PENDING:
      icon = "document-edit-symbolic";
      title = _("Saved for a manager to grade");
      style = "accent";
      break;
    case HB_GRADE_UNGRADED:
    default:
      return;
    }

  for (guint i = 0; i < result->feedback->len; i++)
    {
      const HbGradeFeedback *feedback = g_ptr_array_index (result->feedback, i);
      g_autofree char *text = hb_gift_text_to_markup (feedback->text, feedback->format);

      if (markup->len > 0)
        g_string_append (markup, "\n");
      g_string_append (markup, text);
    }
  if (result->state != HB_GRADE_RIGHT && result->right_answer != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (result->right_answer, -1);

      if (markup->len > 0)
        g_string_append (markup, "\n");
      /* Translators: the right answer of a quiz question, after Submit. */
      g_string_append_printf (markup, _("<b>Right answer:</b> %s"), escaped);
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->result_icon), icon);
  gtk_label_set_text (GTK_LABEL (self->result_title), title);
  gtk_widget_add_css_class (self->result_title, style);
  gtk_widget_add_css_class (self->result_icon, style);
  gtk_label_set_markup (GTK_LABEL (self->feedback), markup->str);
  gtk_widget_set_visible (self->feedback, markup->len > 0);
  gtk_widget_set_visible (self->result_box, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}
