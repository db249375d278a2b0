/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hb-import-dialog.h"
#include "hb-accessible.h"
#include "hb-import.h"
#include "hb-store.h"
#include "hb-store-articles.h"
#include "hb-window.h"

/* What the import thread and the dialog share. */
typedef struct
{
  char *db_path;
  char *folder;
  HbImportFlags flags;
  guint done;  /* atomic */
  guint total; /* atomic */
} ImportJob;

struct _HbImportDialog
{
  AdwWindow parent_instance;

  char *db_path;
  GFile *folder;
  GCancellable *cancellable;
  ImportJob *job;
  guint progress_source;
  gboolean running;

  GtkButton *cancel_button;
  GtkButton *close_button;
  GtkButton *skip_button;
  GtkLabel *heading_label;
  GtkLabel *folder_label;
  GtkProgressBar *progress_bar;
  GtkLabel *summary_label;
  GtkScrolledWindow *problems_window;
  GtkListBox *problems_list;
};

G_DEFINE_FINAL_TYPE (HbImportDialog, hb_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_import (HbImportDialog *self, HbImportFlags flags);

static void
import_job_free (ImportJob *job)
{
  g_free (job->db_path);
  g_free (job->folder);
  g_free (job);
}

static void
progress_cb (guint done, guint total, gpointer user_data)
{
  ImportJob *job = user_data;

  g_atomic_int_set (&job->total, total);
  g_atomic_int_set (&job->done, done);
}

/* Runs in a worker thread, with a connection of its own. */
static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = hb_store_open (job->db_path, &error);
  HbImportOptions options = { job->flags, NULL };
  const char *paths[] = { job->folder, NULL };
  HbImportReport *report;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report = hb_import_paths (store, paths, &options, progress_cb, job, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) hb_import_report_free);
}

static gboolean
update_progress_cb (gpointer user_data)
{
  HbImportDialog *self = user_data;
  guint total = g_atomic_int_get (&self->job->total);
  guint done = g_atomic_int_get (&self->job->done);

  if (total > 0)
    {
      guint files = total / 2;
      g_autofree char *text = NULL;

      /* The importer reads and checks every file, then stores them. */
      if (done <= files)
        text = g_strdup_printf (_("Checking file %u of %u"), done, files);
      else
        text = g_strdup_printf (_("Storing file %u of %u"), done - files, files);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  else
    gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
add_problem_row (HbImportDialog *self, HbImportProblem *problem)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_message = NULL;

  title = problem->line > 0 ? g_strdup_printf ("%s:%u", problem->file, problem->line)
                            : g_strdup (problem->file);
  escaped_title = g_markup_escape_text (title, -1);
  escaped_message = g_markup_escape_text (problem->message, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_append (self->problems_list, row);
}

static void
show_finished (HbImportDialog *self)
{
  self->running = FALSE;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *summary = NULL;
  guint i;

  show_finished (self);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->heading_label, _("Import Cancelled"));
          gtk_label_set_text (self->summary_label, _("Nothing was changed."));
        }
      else
        {
          gtk_label_set_text (self->heading_label, _("Nothing Was Imported"));
          gtk_label_set_text (self->summary_label, error->message);
        }
      return;
    }

  for (i = 0; i < report->problems->len; i++)
    add_problem_row (self, g_ptr_array_index (report->problems, i));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_window), report->problems->len > 0);

  if (!report->committed)
    {
      gtk_label_set_text (self->heading_label, _("Nothing Was Imported"));
      summary = g_strdup_printf (ngettext ("%u file cannot be read. Fix it and import again, or import "
                                           "the other files now.",
                                           "%u files cannot be read. Fix them and import again, or "
                                           "import the other files now.",
                                           report->problems->len),
                                 report->problems->len);
      gtk_widget_set_visible (GTK_WIDGET (self->skip_button),
                              report->n_new + report->n_updated + report->n_unchanged > 0
                                || report->problems->len > 0);
    }
  else
    {
      gtk_label_set_text (self->heading_label, _("Import Complete"));
      summary = g_strdup_printf (_("%u new, %u updated, %u unchanged, %u not readable"), report->n_new,
                                 report->n_updated, report->n_unchanged, report->problems->len);
      if (report->n_new + report->n_updated > 0)
        g_signal_emit (self, signals[IMPORTED], 0);
    }
  gtk_label_set_text (self->summary_label, summary);
}

static void
start_import (HbImportDialog *self, HbImportFlags flags)
{
  g_autoptr (GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->db_path = g_strdup (self->db_path);
  job->folder = g_file_get_path (self->folder);
  job->flags = flags;
  self->job = job;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;

  gtk_label_set_text (self->heading_label, _("Importing…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_window), FALSE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
      gtk_list_box_remove (self->problems_list, child);
  }

  task = g_task_new (NULL, self->cancellable, import_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);

  self->progress_source = g_timeout_add (100, update_progress_cb, self);
}

static void
cancel_clicked_cb (HbImportDialog *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
close_clicked_cb (HbImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
skip_clicked_cb (HbImportDialog *self)
{
  start_import (self, HB_IMPORT_FLAGS_SKIP_INVALID);
}

static gboolean
hb_import_dialog_close_request (GtkWindow *window)
{
  HbImportDialog *self = HB_IMPORT_DIALOG (window);

  /* Closing while importing cancels; the transaction is rolled back. */
  if (self->running)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (hb_import_dialog_parent_class)->close_request (window);
}

static void
hb_import_dialog_dispose (GObject *object)
{
  HbImportDialog *self = HB_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (hb_import_dialog_parent_class)->dispose (object);
}

static void
hb_import_dialog_finalize (GObject *object)
{
  HbImportDialog *self = HB_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->folder);
  g_free (self->db_path);

  G_OBJECT_CLASS (hb_import_dialog_parent_class)->finalize (object);
}

static void
hb_import_dialog_class_init (HbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hb_import_dialog_dispose;
  object_class->finalize = hb_import_dialog_finalize;
  window_class->close_request = hb_import_dialog_close_request;

  /**
   * HbImportDialog::imported:
   *
   * The import wrote new versions; views should read the store again.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handbook/Handbook/ui/hb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HbImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HbImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, HbImportDialog, skip_button);
  gtk_widget_class_bind_template_child (widget_class, HbImportDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, HbImportDialog, folder_label);
  gtk_widget_class_bind_template_child (widget_class, HbImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HbImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HbImportDialog, problems_window);
  gtk_widget_class_bind_template_child (widget_class, HbImportDialog, problems_list);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F1, 0, hb_show_help_shortcut, "s", "import");
}

static void
hb_import_dialog_init (HbImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));
}

HbImportDialog *
hb_import_dialog_new (GtkWindow *parent, const char *db_path, GFile *folder)
{
  HbImportDialog *self = g_object_new (HB_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *path = g_file_get_path (folder);

  self->db_path = g_strdup (db_path);
  self->folder = g_object_ref (folder);
  gtk_label_set_text (self->folder_label, path);
  start_import (self, HB_IMPORT_FLAGS_NONE);
  return self;
}
