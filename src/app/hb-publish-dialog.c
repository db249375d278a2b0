/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-publish-dialog"

#include "config.h"

#include "hb-publish-dialog.h"
#include "hb-accessible.h"

#include <glib/gi18n.h>

#include "hb-bundle.h"
#include "hb-window.h"
#include "hb-publish.h"
#include "hb-redline.h"
#include "hb-util.h"

/* What the preview thread hands back: the plan and each entry's redline. */
typedef struct
{
  HbPublishPlan *plan;
  GPtrArray *pages; /* (element-type utf8) one per item */
} Preview;

typedef struct
{
  char *db_path;
  char *bundle_path;
  char *profile;
  gboolean allow_unsigned;
  gboolean dark;
  HbPublishPlan *plan; /* publishing: borrowed from the dialog */
  guint done;          /* atomic */
  guint total;         /* atomic */
} Job;

struct _HbPublishDialog
{
  AdwWindow parent_instance;

  HbStore *store;
  GFile *bundle;
  char *profile;
  GCancellable *cancellable;
  Preview *preview;
  Job *job;
  guint progress_source;
  gboolean running;
  gboolean allow_unsigned;
  HbWebView *web_view;
  char *error_text;

  /* Template children */
  AdwWindowTitle *window_title;
  GtkButton *cancel_button;
  GtkButton *publish_button;
  GtkButton *close_button;
  GtkButton *unsigned_button;
  GtkStack *stack;
  AdwStatusPage *error_page;
  AdwStatusPage *done_page;
  GtkPaned *paned;
  GtkLabel *bundle_label;
  GtkLabel *details_label;
  GtkBox *signature_box;
  GtkImage *signature_icon;
  GtkLabel *signature_label;
  GtkListBox *entries_list;
  GtkLabel *summary_label;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (HbPublishDialog, hb_publish_dialog, ADW_TYPE_WINDOW)

enum
{
  READY,
  FAILED,
  PUBLISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
preview_free (Preview *preview)
{
  g_clear_pointer (&preview->plan, hb_publish_plan_free);
  g_clear_pointer (&preview->pages, g_ptr_array_unref);
  g_free (preview);
}

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->bundle_path);
  g_free (job->profile);
  g_free (job);
}

static Job *
job_new (HbPublishDialog *self)
{
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (hb_store_get_path (self->store));
  job->bundle_path = g_file_get_path (self->bundle);
  job->profile = g_strdup (self->profile);
  job->allow_unsigned = self->allow_unsigned;
  job->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  return job;
}

static const char *
status_label (HbPublishEntryStatus status)
{
  switch (status)
    {
    case HB_PUBLISH_ENTRY_NEW:
      return _("New");
    case HB_PUBLISH_ENTRY_UPDATED:
      return _("Updated");
    case HB_PUBLISH_ENTRY_UNCHANGED:
    default:
      return _("Unchanged");
    }
}

/* The redline page of one entry, as the article page shows stored ones. */
static char *
item_page (const HbPublishItem *item, gboolean dark)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbDiff) diff = hb_publish_item_diff (item, &error);
  g_autofree char *versions = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *effective = hb_util_format_date (item->record->effective);
  HbRedlinePage page = { 0 };

  if (diff == NULL)
    return NULL;
  if (item->status == HB_PUBLISH_ENTRY_NEW)
    versions = g_strdup (_("New article"));
  else if (item->status == HB_PUBLISH_ENTRY_UNCHANGED)
    versions = g_strdup_printf (_("Version %u, unchanged"), item->old_version);
  else
    versions = g_strdup_printf (_("Version %u → version %u"), item->old_version, item->new_version);
  if (item->record->effective != NULL)
    meta = g_strdup_printf (item->pending ? _("Takes effect on %s") : _("Effective %s"), effective);
  notice = g_strdup (_("Not published yet: this is what publishing the bundle would change."));

  page.title = item->record->title;
  page.lang = item->record->lang;
  page.versions = versions;
  page.meta = meta;
  page.changes = item->record->changes;
  page.notice = notice;
  page.changes_only = FALSE;
  return hb_redline_render_page (diff, &page, dark);
}

/* Runs in a worker thread, with a connection of its own that only reads. */
static void
preview_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = hb_store_open_full (job->db_path, HB_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (HbBundle) bundle = NULL;
  HbPublishOptions options = { NULL, job->allow_unsigned };
  Preview *preview;
  guint i;

  if (store != NULL)
    bundle = hb_bundle_read (job->bundle_path, cancellable, &error);
  if (bundle == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  preview = g_new0 (Preview, 1);
  preview->plan = hb_publish_preview (store, bundle, &options, cancellable, &error);
  if (preview->plan == NULL)
    {
      preview_free (preview);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  preview->pages = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; i < preview->plan->items->len; i++)
    g_ptr_array_add (preview->pages, item_page (g_ptr_array_index (preview->plan->items, i), job->dark));
  g_task_return_pointer (task, preview, (GDestroyNotify) preview_free);
}

static void
show_buttons (HbPublishDialog *self, gboolean cancel, gboolean publish, gboolean close, gboolean unsigned_preview)
{
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), cancel);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_button), publish);
  gtk_widget_set_sensitive (GTK_WIDGET (self->publish_button), publish);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), close);
  gtk_widget_set_visible (GTK_WIDGET (self->unsigned_button), unsigned_preview);
  if (publish)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->publish_button));
  else if (close)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
}

static void
show_error (HbPublishDialog *self, const GError *error)
{
  g_autoptr (GString) text = g_string_new (error->message);
  gboolean unsigned_bundle = g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_UNSIGNED);

  if (unsigned_bundle)
    g_string_append_printf (text, "\n\n%s", _("Sign it with “handbook-cli sign”, or preview it unsigned: publishing "
                                              "it then is recorded in the audit log."));
  else if (g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_NO_TRUSTED_KEYS)
           || g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_UNKNOWN_KEY))
    g_string_append_printf (text, "\n\n%s", _("An editor trusts the signer’s public key with “handbook-cli key add”."));
  else if (error->domain == HB_BUNDLE_ERROR)
    g_string_append_printf (text, "\n\n%s", _("Nothing was changed."));

  g_free (self->error_text);
  self->error_text = g_strdup (text->str);
  adw_status_page_set_description (self->error_page, text->str);
  gtk_stack_set_visible_child_name (self->stack, "error");
  show_buttons (self, FALSE, FALSE, TRUE, unsigned_bundle);
  g_signal_emit (self, signals[FAILED], 0);
}

static GtkWidget *
entry_row (const HbPublishItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autoptr (GString) subtitle = g_string_new (status_label (item->status));
  g_autofree char *title = g_markup_escape_text (item->record->title, -1);
  g_autofree char *escaped = NULL;
  g_autofree char *effective = hb_util_format_date (item->record->effective);
  g_autofree char *due = hb_util_format_date (item->entry->due);

  if (item->status == HB_PUBLISH_ENTRY_UPDATED)
    g_string_append_printf (subtitle, _(" · version %u → %u"), item->old_version, item->new_version);
  if (item->status != HB_PUBLISH_ENTRY_UNCHANGED)
    g_string_append_printf (subtitle,
                            ngettext (" · +%u −%u word", " · +%u −%u words", item->words_added + item->words_removed),
                            item->words_added, item->words_removed);
  if (item->record->effective != NULL)
    g_string_append_printf (subtitle, item->pending ? _(" · takes effect %s") : _(" · effective %s"), effective);
  if (item->entry->due != NULL)
    g_string_append_printf (subtitle, _(" · acknowledge by %s"), due);
  else if (item->entry->acknowledge == HB_BUNDLE_ACKNOWLEDGE_REQUIRED)
    g_string_append (subtitle, _(" · to acknowledge"));
  escaped = g_markup_escape_text (subtitle->str, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  icon = gtk_image_new_from_icon_name (item->status == HB_PUBLISH_ENTRY_NEW       ? "document-new-symbolic"
                                       : item->status == HB_PUBLISH_ENTRY_UPDATED ? "document-edit-symbolic"
                                                                                  : "object-select-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
show_preview (HbPublishDialog *self)
{
  HbPublishPlan *plan = self->preview->plan;
  HbBundle *bundle = plan->bundle;
  g_autofree char *details = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *date = hb_util_format_date (plan->date);
  GtkWidget *child;
  guint i;

  gtk_label_set_text (self->bundle_label, hb_bundle_get_title (bundle));
  details = g_strdup_printf (_("%s of %s\nPublisher: %s\nSHA-256 %s"), hb_bundle_get_id (bundle), date,
                             hb_bundle_get_publisher (bundle) != NULL ? hb_bundle_get_publisher (bundle) : _("not said"),
                             hb_bundle_get_sha256 (bundle));
  gtk_label_set_text (self->details_label, details);
  adw_window_title_set_subtitle (self->window_title, hb_bundle_get_title (bundle));

  if (plan->signature != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Signed by key %s, trusted by this handbook"),
                                               plan->signature->key_id);

      gtk_label_set_text (self->signature_label, text);
      gtk_image_set_from_icon_name (self->signature_icon, "channel-secure-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->signature_box), "warning");
    }
  else
    {
      gtk_label_set_text (self->signature_label, _("Not signed: nobody vouches for where this bundle comes from. "
                                                   "Publishing it is recorded in the audit log."));
      gtk_image_set_from_icon_name (self->signature_icon, "channel-insecure-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->signature_box), "warning");
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list))) != NULL)
    gtk_list_box_remove (self->entries_list, child);
  for (i = 0; i < plan->items->len; i++)
    gtk_list_box_append (self->entries_list, entry_row (g_ptr_array_index (plan->items, i)));

  summary = g_strdup_printf (_("%u new, %u updated, %u unchanged. Nothing is written until you publish."),
                             plan->n_new, plan->n_updated, plan->n_unchanged);
  gtk_label_set_text (self->summary_label, summary);

  gtk_stack_set_visible_child_name (self->stack, "preview");
  show_buttons (self, TRUE, plan->n_new + plan->n_updated > 0, FALSE, FALSE);
  hb_publish_dialog_select_entry (self, 0);
  g_signal_emit (self, signals[READY], 0);
}

static void
preview_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbPublishDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  Preview *preview = g_task_propagate_pointer (G_TASK (result), &error);

  self->running = FALSE;
  if (preview == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->preview, preview_free);
  self->preview = preview;
  show_preview (self);
}

static void
start_preview (HbPublishDialog *self)
{
  g_autoptr (GTask) task = NULL;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "checking");
  show_buttons (self, TRUE, FALSE, FALSE, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_button), TRUE);

  task = g_task_new (NULL, self->cancellable, preview_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job_new (self), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, preview_thread);
}

/* Publishing ------------------------------------------------------------------ */

static void
progress_cb (guint done, guint total, gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->total, total);
  g_atomic_int_set (&job->done, done);
}

/* Runs in a worker thread, with a connection of its own. */
static void
publish_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = hb_store_open (job->db_path, &error);
  char *uuid = NULL;

  if (store == NULL
      || !hb_publish_commit (store, job->plan, job->profile, progress_cb, job, cancellable, &uuid, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, uuid, g_free);
}

static gboolean
update_progress_cb (gpointer user_data)
{
  HbPublishDialog *self = user_data;
  guint total = g_atomic_int_get (&self->job->total);
  guint done = g_atomic_int_get (&self->job->done);

  if (total > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Article %u of %u"), done, total);

      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  else
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
publish_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbPublishDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *description = NULL;
  HbPublishPlan *plan = self->preview->plan;

  self->running = FALSE;
  self->job = NULL;
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (uuid == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_icon_name (self->done_page, "process-stop-symbolic");
          adw_status_page_set_title (self->done_page, _("Publish Cancelled"));
          adw_status_page_set_description (self->done_page, _("Nothing was changed."));
          gtk_stack_set_visible_child_name (self->stack, "done");
          show_buttons (self, FALSE, FALSE, TRUE, FALSE);
          return;
        }
      show_error (self, error);
      return;
    }

  description = g_strdup_printf (_("“%s” is published: %u new, %u updated. Staff see it in What’s New."),
                                 hb_bundle_get_title (plan->bundle), plan->n_new, plan->n_updated);
  adw_status_page_set_icon_name (self->done_page, "object-select-symbolic");
  adw_status_page_set_title (self->done_page, _("Published"));
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->stack, "done");
  show_buttons (self, FALSE, FALSE, TRUE, FALSE);
  g_signal_emit (self, signals[PUBLISHED], 0);
}

void
hb_publish_dialog_publish (HbPublishDialog *self)
{
  g_autoptr (GTask) task = NULL;
  Job *job;

  g_return_if_fail (HB_IS_PUBLISH_DIALOG (self));

  if (self->running || self->preview == NULL)
    return;

  job = job_new (self);
  job->plan = self->preview->plan;
  self->job = job;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_stack_set_visible_child_name (self->stack, "publishing");
  show_buttons (self, TRUE, FALSE, FALSE, FALSE);

  task = g_task_new (NULL, self->cancellable, publish_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, publish_thread);
  self->progress_source = g_timeout_add (100, update_progress_cb, self);
}

/* Callbacks ---------------------------------------------------------------------- */

static void
publish_clicked_cb (HbPublishDialog *self)
{
  hb_publish_dialog_publish (self);
}

static void
cancel_clicked_cb (HbPublishDialog *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
close_clicked_cb (HbPublishDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
unsigned_clicked_cb (HbPublishDialog *self)
{
  hb_publish_dialog_preview_unsigned (self);
}

void
hb_publish_dialog_preview_unsigned (HbPublishDialog *self)
{
  g_return_if_fail (HB_IS_PUBLISH_DIALOG (self));

  if (self->running)
    return;
  self->allow_unsigned = TRUE;
  g_clear_pointer (&self->error_text, g_free);
  start_preview (self);
}

static void
entry_selected_cb (HbPublishDialog *self, GtkListBoxRow *row)
{
  const char *page;

  if (row == NULL || self->preview == NULL)
    return;
  page = g_ptr_array_index (self->preview->pages, gtk_list_box_row_get_index (row));
  if (page != NULL)
    hb_web_view_load_document (self->web_view, page);
}

/* Object -------------------------------------------------------------------- */

static gboolean
hb_publish_dialog_close_request (GtkWindow *window)
{
  HbPublishDialog *self = HB_PUBLISH_DIALOG (window);

  /* Closing while publishing cancels: the transaction is rolled back. */
  if (self->running)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (hb_publish_dialog_parent_class)->close_request (window);
}

static void
hb_publish_dialog_dispose (GObject *object)
{
  HbPublishDialog *self = HB_PUBLISH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_PUBLISH_DIALOG);

  G_OBJECT_CLASS (hb_publish_dialog_parent_class)->dispose (object);
}

static void
hb_publish_dialog_finalize (GObject *object)
{
  HbPublishDialog *self = HB_PUBLISH_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->bundle);
  g_clear_object (&self->store);
  g_clear_pointer (&self->preview, preview_free);
  g_free (self->profile);
  g_free (self->error_text);

  G_OBJECT_CLASS (hb_publish_dialog_parent_class)->finalize (object);
}

static void
hb_publish_dialog_class_init (HbPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hb_publish_dialog_dispose;
  object_class->finalize = hb_publish_dialog_finalize;
  window_class->close_request = hb_publish_dialog_close_request;

  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  /**
   * HbPublishDialog::published:
   *
   * The bundle was published; views should read the store again.
   */
  signals[PUBLISHED] = g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handbook/Handbook/ui/hb-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, publish_button);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, unsigned_button);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, paned);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, bundle_label);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, details_label);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, signature_box);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, signature_icon);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, signature_label);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, entries_list);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HbPublishDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, publish_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unsigned_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_selected_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F1, 0, hb_show_help_shortcut, "s", "publish");
}

static void
hb_publish_dialog_init (HbPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));
}

HbPublishDialog *
hb_publish_dialog_new (GtkWindow *parent, HbStore *store, GFile *bundle, const char *profile_uuid)
{
  HbPublishDialog *self;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (bundle), NULL);

  self = g_object_new (HB_TYPE_PUBLISH_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->bundle = g_object_ref (bundle);
  self->profile = g_strdup (profile_uuid);
  self->web_view = hb_web_view_new (store);
  gtk_widget_set_hexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_paned_set_end_child (self->paned, GTK_WIDGET (self->web_view));
  start_preview (self);
  return self;
}

guint
hb_publish_dialog_get_n_entries (HbPublishDialog *self)
{
  g_return_val_if_fail (HB_IS_PUBLISH_DIALOG (self), 0);
  return self->preview != NULL ? self->preview->plan->items->len : 0;
}

void
hb_publish_dialog_select_entry (HbPublishDialog *self, guint index)
{
  GtkListBoxRow *row;

  g_return_if_fail (HB_IS_PUBLISH_DIALOG (self));

  row = gtk_list_box_get_row_at_index (self->entries_list, (int) index);
  if (row != NULL)
    gtk_list_box_select_row (self->entries_list, row);
}

HbWebView *
hb_publish_dialog_get_web_view (HbPublishDialog *self)
{
  g_return_val_if_fail (HB_IS_PUBLISH_DIALOG (self), NULL);
  return self->web_view;
}

const char *
hb_publish_dialog_get_error_text (HbPublishDialog *self)
{
  g_return_val_if_fail (HB_IS_PUBLISH_DIALOG (self), NULL);
  return self->error_text;
}
