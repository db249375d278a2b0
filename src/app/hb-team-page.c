/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-team-page"

#include "config.h"

#include "hb-team-page.h"
#include "hb-accessible.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hb-progress.h"
#include "hb-util.h"
#include "hb-xapi.h"

/* One row of the report: a person's progress in one course. */
#define HB_TYPE_TEAM_ROW (hb_team_row_get_type ())
G_DECLARE_FINAL_TYPE (HbTeamRow, hb_team_row, HB, TEAM_ROW, GObject)

struct _HbTeamRow
{
  GObject parent_instance;
  HbCourseProgress *course;
};

G_DEFINE_FINAL_TYPE (HbTeamRow, hb_team_row, G_TYPE_OBJECT)

static void
hb_team_row_finalize (GObject *object)
{
  g_clear_pointer (&HB_TEAM_ROW (object)->course, hb_course_progress_unref);
  G_OBJECT_CLASS (hb_team_row_parent_class)->finalize (object);
}

static void
hb_team_row_class_init (HbTeamRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_team_row_finalize;
}

static void
hb_team_row_init (HbTeamRow *self)
{
}

struct _HbTeamPage
{
  AdwBin parent_instance;

  HbStore *store;
  gboolean folded;
  GPtrArray *progress;
  GListStore *rows;
  GtkFilterListModel *filtered;
  GtkCustomFilter *filter;

  AdwWindowTitle *title;
  GtkColumnView *view;
  GtkSearchEntry *search_entry;
  GtkLabel *summary;
};

G_DEFINE_FINAL_TYPE (HbTeamPage, hb_team_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The columns: the person, the course, how far they are, then one per
 * lesson (by its place in the course). */
enum
{
  COLUMN_PERSON,
  COLUMN_COURSE,
  COLUMN_DONE,
  COLUMN_LESSON_1,
};

static void
show_toast (HbTeamPage *self, const char *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text))
    g_message ("%s", text);
}

/* A lesson's cell: the best score, or what is in the way. */
static char *
lesson_text (const HbLessonProgress *lesson, const char **style)
{
  *style = "dim-label";
  if (lesson->overdue)
    {
      *style = "error";
      return g_strdup (_("Overdue"));
    }
  switch (lesson->state)
    {
    case HB_LESSON_COMPLETED:
      *style = "success";
      return lesson->best_score >= 0 ? g_strdup_printf (_("%.0f %%"), lesson->best_score * 100) : g_strdup (_("Read"));
    case HB_LESSON_NEEDS_REVIEW:
      *style = "accent";
      return g_strdup (_("Review"));
    case HB_LESSON_ATTEMPTED:
      *style = "warning";
      return g_strdup_printf (_("%.0f %%"), lesson->best_score * 100);
    case HB_LESSON_READ:
      return g_strdup (_("Read"));
    case HB_LESSON_NOT_STARTED:
    default:
      return g_strdup ("–");
    }
}

static char *
lesson_tooltip (const HbLessonProgress *lesson)
{
  GString *text = g_string_new (NULL);
  g_autofree char *completed = hb_util_format_date (lesson->completed_at);
  g_autofree char *due = hb_util_format_date (lesson->due_on);

  g_string_append_printf (text, "%s\n%s", lesson->title, hb_lesson_state_get_label (lesson->state, lesson->has_quiz));
  if (lesson->best_score >= 0)
    g_string_append_printf (text, _(" · best %.0f %%"), lesson->best_score * 100);
  if (lesson->attempts > 0)
    g_string_append_printf (text, ngettext (" · %u attempt", " · %u attempts", lesson->attempts), lesson->attempts);
  if (lesson->state == HB_LESSON_COMPLETED && lesson->completed_at != NULL)
    g_string_append_printf (text, _(" · completed %s"), completed);
  else if (lesson->overdue)
    g_string_append_printf (text, _(" · overdue since %s"), due);
  else if (lesson->due_on != NULL)
    g_string_append_printf (text, _(" · due %s"), due);
  return g_string_free (text, FALSE);
}

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  guint column = GPOINTER_TO_UINT (data);

  gtk_label_set_xalign (GTK_LABEL (label), column >= COLUMN_DONE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_PERSON)
    gtk_label_set_width_chars (GTK_LABEL (label), 12);
  else if (column == COLUMN_COURSE)
    gtk_label_set_width_chars (GTK_LABEL (label), 14);
  else
    {
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  HbTeamRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  guint column = GPOINTER_TO_UINT (data);
  const HbCourseProgress *course = row->course;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  const char *style = NULL;

  static const char *const styles[] = { "dim-label", "error", "success", "accent", "warning" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (label, styles[i]);

  switch (column)
    {
    case COLUMN_PERSON:
      text = g_strdup (course->profile->name);
      /* The row, to a screen reader: who and which course. */
      if (gtk_widget_get_parent (label) != NULL)
        {
          /* Translators: a row of the team report, "Li Lei, After-sales basics". */
          g_autofree char *row_name = g_strdup_printf (_("%s, %s"), course->profile->name, course->course->title);

          hb_accessible_name_list_item (gtk_widget_get_parent (label), row_name);
        }
      tooltip = course->profile->employee_id != NULL
                  ? g_strdup_printf ("%s · %s", course->profile->name, course->profile->employee_id)
                  : g_strdup (course->profile->name);
      break;
    case COLUMN_COURSE:
      text = g_strdup (course->course->title);
      tooltip = g_strdup (course->course->title);
      break;
    case COLUMN_DONE:
      text = g_strdup_printf ("%u/%u", course->n_completed, course->lessons->len);
      tooltip = g_strdup_printf (ngettext ("%u of %u lesson done", "%u of %u lessons done", course->lessons->len),
                                 course->n_completed, course->lessons->len);
      style = course->completed ? "success" : course->n_overdue > 0 ? "error" : NULL;
      break;
    default:
      if (column - COLUMN_LESSON_1 < course->lessons->len)
        {
          const HbLessonProgress *lesson = g_ptr_array_index (course->lessons, column - COLUMN_LESSON_1);

          text = lesson_text (lesson, &style);
          tooltip = lesson_tooltip (lesson);
        }
      break;
    }

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  tooltip != NULL ? tooltip : "", -1);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
}

static void
add_column (HbTeamPage *self, guint column, const char *title, gboolean expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->view, view_column);
  g_object_unref (view_column);
}

/* As many lesson columns as the longest course has lessons. */
static void
set_lesson_columns (HbTeamPage *self, guint n)
{
  GListModel *columns = gtk_column_view_get_columns (self->view);

  while (g_list_model_get_n_items (columns) > COLUMN_LESSON_1 + n)
    {
      g_autoptr (GtkColumnViewColumn) last = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);

      gtk_column_view_remove_column (self->view, last);
    }
  while (g_list_model_get_n_items (columns) < COLUMN_LESSON_1 + n)
    {
      guint index = g_list_model_get_n_items (columns) - COLUMN_LESSON_1;
      /* The lessons in this place of each course; their tooltips name them. */
      g_autofree char *title = g_strdup_printf ("%u", index + 1);

      add_column (self, COLUMN_LESSON_1 + index, title, FALSE);
    }
}

static gboolean
filter_cb (gpointer item, gpointer user_data)
{
  HbTeamPage *self = user_data;
  HbTeamRow *row = item;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;

  if (*text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (row->course->profile->name, -1);
  return strstr (name, needle) != NULL
         || (row->course->profile->employee_id != NULL && strstr (row->course->profile->employee_id, text) != NULL);
}

static void
search_changed_cb (HbTeamPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
hb_team_page_reload (HbTeamPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *summary = NULL;
  g_autofree char *n_people = NULL;
  g_autofree char *n_courses = NULL;
  guint overdue = 0, review = 0, courses = 0, most = 0;

  g_return_if_fail (HB_IS_TEAM_PAGE (self));

  g_clear_pointer (&self->progress, g_ptr_array_unref);
  self->progress = hb_progress_load_team (self->store, NULL, &error);
  if (self->progress == NULL)
    {
      show_toast (self, error->message);
      g_list_store_remove_all (self->rows);
      return;
    }
  for (guint i = 0; i < self->progress->len; i++)
    {
      HbCourseProgress *course = g_ptr_array_index (self->progress, i);

      g_hash_table_add (people, (gpointer) course->profile->uuid);
      overdue += course->n_overdue;
      review += course->n_needs_review;
      {
        HbTeamRow *row = g_object_new (HB_TYPE_TEAM_ROW, NULL);

        row->course = hb_course_progress_ref (course);
        g_ptr_array_add (rows, row);
      }
      most = MAX (most, course->lessons->len);
    }
  courses = g_hash_table_size (people) > 0 ? self->progress->len / g_hash_table_size (people) : 0;
  set_lesson_columns (self, most);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), rows->pdata, rows->len);

  n_people = g_strdup_printf (ngettext ("%u person", "%u people", g_hash_table_size (people)),
                              g_hash_table_size (people));
  n_courses = g_strdup_printf (ngettext ("%u course", "%u courses", courses), courses);
  /* Translators: "3 people · 2 courses · 1 overdue · 0 to review · columns
   * 1 to 5: …"; the plural follows the columns. */
  summary = g_strdup_printf (ngettext ("%s · %s · %u overdue · %u to review · column %u: the lessons of each "
                                       "course, in order",
                                       "%s · %s · %u overdue · %u to review · columns 1 to %u: the lessons of each "
                                       "course, in order",
                                       most),
                             n_people, n_courses, overdue, review, most);
  gtk_label_set_text (self->summary, summary);
}

GPtrArray *
hb_team_page_get_progress (HbTeamPage *self)
{
  g_return_val_if_fail (HB_IS_TEAM_PAGE (self), NULL);
  return self->progress;
}

GListModel *
hb_team_page_get_rows (HbTeamPage *self)
{
  g_return_val_if_fail (HB_IS_TEAM_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

/* Export ------------------------------------------------------------------- */

static void
save_response_cb (GtkNativeDialog *chooser, int response, HbTeamPage *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean xapi = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "hb-xapi"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;

  text = xapi ? hb_xapi_export (self->store, NULL, NULL, &error)
              : self->progress != NULL ? hb_progress_to_csv (self->progress) : NULL;
  if (text == NULL)
    {
      show_toast (self, error != NULL ? error->message : _("Nothing to export"));
      return;
    }
  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

    show_toast (self, message);
  }
}

static void
export (HbTeamPage *self, gboolean xapi)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (xapi ? _("Export xAPI Statements") : _("Export the Team Report"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), xapi ? "team-xapi.json" : "team-report.csv");
  g_object_set_data (G_OBJECT (chooser), "hb-xapi", GINT_TO_POINTER (xapi));
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The CSV for a spreadsheet, one row per person and lesson; the xAPI
 * statements for a learning record store. */
static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  export (HB_TEAM_PAGE (widget), g_str_equal (action_name, "team.export-xapi"));
}

/* Object ---------------------------------------------------------------------- */

static void
hb_team_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_TEAM_PAGE);
  G_OBJECT_CLASS (hb_team_page_parent_class)->dispose (object);
}

static void
hb_team_page_finalize (GObject *object)
{
  HbTeamPage *self = HB_TEAM_PAGE (object);

  g_clear_pointer (&self->progress, g_ptr_array_unref);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_team_page_parent_class)->finalize (object);
}

static void
hb_team_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbTeamPage *self = HB_TEAM_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_team_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbTeamPage *self = HB_TEAM_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
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
hb_team_page_class_init (HbTeamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_team_page_dispose;
  object_class->finalize = hb_team_page_finalize;
  object_class->get_property = hb_team_page_get_property;
  object_class->set_property = hb_team_page_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HB_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] = g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/handbook/Handbook/ui/hb-team-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbTeamPage, title);
  gtk_widget_class_bind_template_child (widget_class, HbTeamPage, view);
  gtk_widget_class_bind_template_child (widget_class, HbTeamPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HbTeamPage, summary);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_install_action (widget_class, "team.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "team.export-xapi", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "team.export-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "team.export-xapi", NULL);
}

static void
hb_team_page_init (HbTeamPage *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));

  self->rows = g_list_store_new (HB_TYPE_TEAM_ROW);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->rows), GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  add_column (self, COLUMN_PERSON, _("Person"), TRUE);
  add_column (self, COLUMN_COURSE, _("Course"), TRUE);
  add_column (self, COLUMN_DONE, _("Done"), FALSE);
}

HbTeamPage *
hb_team_page_new (HbStore *store)
{
  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  return g_object_new (HB_TYPE_TEAM_PAGE, "store", store, NULL);
}
