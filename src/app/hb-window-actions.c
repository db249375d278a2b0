/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-window"

#include "config.h"

#include "hb-window-private.h"
#include "hb-import-dialog.h"
#include "hb-print.h"
#include "hb-publish-dialog.h"
#include "hb-team-page.h"

#include <glib/gi18n.h>

/*
 * The window's actions: the keys and the main menu reach the pages through
 * them. Each acts on the article page or the search entry, and is off
 * while the handbook is not there or there is nothing to act on.
 */

/* Printing acts on the team report while it is shown, else on the
 * article or redline. */
static gboolean
showing_team_report (HbWindow *self)
{
  return self->team_page != NULL && self->content_stack != NULL
         && gtk_stack_get_visible_child (self->content_stack) == GTK_WIDGET (self->team_page)
         && hb_team_page_get_progress (self->team_page) != NULL;
}

void
_hb_window_actions_update (HbWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->state == HB_WINDOW_STATE_READY;
  HbArticlePage *page = self->article_page;
  double zoom = ready ? hb_article_page_get_zoom_level (page) : 1.0;

  gtk_widget_action_set_enabled (widget, "win.search", ready);
  gtk_widget_action_set_enabled (widget, "win.find", ready);
  gtk_widget_action_set_enabled (widget, "win.go-back", ready && hb_article_page_get_can_go_back (page));
  gtk_widget_action_set_enabled (widget, "win.go-forward",
                                 ready && hb_article_page_get_can_go_forward (page));
  gtk_widget_action_set_enabled (widget, "win.copy-citation",
                                 ready && hb_article_page_get_article (page) != NULL);
  gtk_widget_action_set_enabled (widget, "win.print", ready && (showing_team_report (self)
                                                                || hb_article_page_get_article (page) != NULL));
  gtk_widget_action_set_enabled (widget, "win.export-pdf", ready && (showing_team_report (self)
                                                                     || hb_article_page_get_article (page) != NULL));
  gtk_widget_action_set_enabled (widget, "win.import", ready);
  gtk_widget_action_set_enabled (widget, "win.publish-update",
                                 ready && self->can_publish && !hb_store_is_read_only (self->store));
  gtk_widget_action_set_enabled (widget, "win.zoom-in", ready && zoom < HB_ARTICLE_PAGE_ZOOM_MAX - 0.001);
  gtk_widget_action_set_enabled (widget, "win.zoom-out", ready && zoom > HB_ARTICLE_PAGE_ZOOM_MIN + 0.001);
  gtk_widget_action_set_enabled (widget, "win.zoom-reset", ready);
  gtk_widget_action_set_enabled (widget, "win.show-sidebar", ready);
  gtk_widget_action_set_enabled (widget, "win.show-article", ready);
  gtk_widget_action_set_enabled (widget, "win.take-quiz",
                                 ready && self->profile != NULL && hb_article_page_get_article (page) != NULL
                                   && self->lesson_bar != NULL && hb_lesson_bar_get_can_take (self->lesson_bar, NULL));
  gtk_widget_action_set_enabled (widget, "win.start-review", ready && self->profile != NULL);
  gtk_widget_action_set_enabled (widget, "win.team-report", ready && hb_profile_can_see_team (self->profile));
  gtk_widget_action_set_enabled (widget, "win.new-profile", ready && !hb_store_is_read_only (self->store));
  gtk_widget_action_set_enabled (widget, "win.history", ready && hb_article_page_get_article (page) != NULL);
  gtk_widget_action_set_enabled (widget, "win.acknowledge", ready && hb_article_page_get_article (page) != NULL);
  gtk_widget_action_set_enabled (widget, "win.show-page", ready);
  gtk_widget_action_set_enabled (widget, "win.profile", ready);
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
find_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_article_page_begin_find (HB_WINDOW (widget)->article_page);
}

static void
go_back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_article_page_go_back (HB_WINDOW (widget)->article_page);
}

static void
go_forward_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_article_page_go_forward (HB_WINDOW (widget)->article_page);
}

static void
copy_citation_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_article_page_copy_citation (HB_WINDOW (widget)->article_page);
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbArticlePage *page = HB_WINDOW (widget)->article_page;
  double level = hb_article_page_get_zoom_level (page);

  if (g_str_equal (action_name, "win.zoom-in"))
    hb_article_page_set_zoom_level (page, level + HB_ARTICLE_PAGE_ZOOM_STEP);
  else if (g_str_equal (action_name, "win.zoom-out"))
    hb_article_page_set_zoom_level (page, level - HB_ARTICLE_PAGE_ZOOM_STEP);
  else
    hb_article_page_set_zoom_level (page, 1.0);
}

static void
show_sidebar_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  adw_leaflet_set_visible_child_name (HB_WINDOW (widget)->leaflet, "sidebar");
}

static void
show_toast_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _hb_window_show_toast (HB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Training ------------------------------------------------------------------ */

static void
show_article_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _hb_window_show_article (HB_WINDOW (widget));
}

static void
history_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbArticlePage *page = HB_WINDOW (widget)->article_page;

  _hb_window_show_article (HB_WINDOW (widget));
  hb_article_page_show_history (page, !hb_article_page_get_history_shown (page));
}

static void
acknowledge_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbArticlePage *page = HB_WINDOW (widget)->article_page;

  /* Only what asks to be acknowledged, while it asks. */
  if (hb_article_page_get_acknowledgement_text (page) != NULL)
    hb_article_page_acknowledge (page);
}

/* Alt+1…: the pages of the sidebar, in order. */
static void
show_page_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);
  guint n = g_variant_get_uint32 (parameter);

  if (n >= 1 && n <= self->sidebar_pages->len)
    {
      GtkWidget *page = g_ptr_array_index (self->sidebar_pages, n - 1);

      adw_view_stack_set_visible_child (self->pages, page);
      adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
    }
}

static void
take_quiz_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _hb_window_take_quiz (HB_WINDOW (widget));
}

static void
start_review_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _hb_window_start_review (HB_WINDOW (widget));
}

static void
team_report_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _hb_window_show_team_report (HB_WINDOW (widget));
}

static void
new_profile_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_window_ask_profile (HB_WINDOW (widget));
}

/* Help ---------------------------------------------------------------------- */

/*
 * The topic of the help about what the window shows, or NULL for the
 * index: the page beside the article first (the quiz, the review, the
 * team report), then the sidebar's page.
 */
static const char *
help_page (HbWindow *self)
{
  static const struct
  {
    const char *shown;
    const char *page;
  } content_topics[] = {
    { "quiz", "training" },
    { "review", "review" },
    { "team", "team-report" },
  }, sidebar_topics[] = {
    { "whats-new", "whats-new" },
    { "courses", "training" },
    { "progress", "training" },
    { "review", "review" },
  };
  const char *shown;

  if (self->state == HB_WINDOW_STATE_FAILED)
    return "cannot-open";
  if (self->state != HB_WINDOW_STATE_READY)
    return NULL;

  shown = gtk_stack_get_visible_child_name (self->content_stack);
  for (guint i = 0; shown != NULL && i < G_N_ELEMENTS (content_topics); i++)
    if (g_str_equal (shown, content_topics[i].shown))
      return content_topics[i].page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "search") == 0)
    return "search";
  shown = adw_view_stack_get_visible_child_name (self->pages);
  for (guint i = 0; shown != NULL && i < G_N_ELEMENTS (sidebar_topics); i++)
    if (g_str_equal (shown, sidebar_topics[i].shown))
      return sidebar_topics[i].page;
  return NULL;
}

char *
hb_window_get_help_uri (HbWindow *self)
{
  const char *page;

  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);

  page = help_page (self);
  return page != NULL ? g_strconcat ("help:" APP_ID "/", page, NULL) : g_strdup ("help:" APP_ID);
}

static void
help_shown_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (source);
  g_autofree char *message = NULL;

  if (gtk_show_uri_full_finish (window, result, &error))
    return;

  /* GIO's words for "no program opens help: URIs". */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    message = g_strdup (_("The help cannot be shown: no help viewer, such as Help (yelp), is installed"));
  else
    message = g_strdup_printf (_("The help cannot be shown: %s"), error->message);
  g_debug ("%s (%s)", message, error->message);

  /* Said in the window, or in the window a dialog belongs to. */
  if (!HB_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (window != NULL && HB_IS_WINDOW (window))
    _hb_window_show_toast (HB_WINDOW (window), message);
}

void
hb_show_help (GtkWindow *parent, const char *topic)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  uri = topic != NULL ? g_strconcat ("help:" APP_ID "/", topic, NULL) : g_strdup ("help:" APP_ID);
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, help_shown_cb, NULL);
}

gboolean
hb_show_help_shortcut (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  hb_show_help (GTK_WINDOW (widget), args != NULL ? g_variant_get_string (args, NULL) : NULL);
  return TRUE;
}

/* F1 and Help in the main menu: the help (yelp), at the topic of what
 * the window shows. */
static void
help_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_show_help (GTK_WINDOW (widget), help_page (HB_WINDOW (widget)));
}

/* Import -------------------------------------------------------------------- */

static void
imported_cb (HbWindow *self)
{
  hb_window_reload (self);
  hb_article_page_refresh (self->article_page);
}

static void
import_response_cb (GtkNativeDialog *chooser, int response, HbWindow *self)
{
  g_autoptr (GFile) folder = NULL;
  HbImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (folder == NULL)
    return;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-import-folder", g_file_peek_path (folder));

  dialog = hb_import_dialog_new (GTK_WINDOW (self), hb_store_get_path (self->store), folder);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *last = NULL;

  if (hb_store_is_read_only (self->store))
    {
      _hb_window_show_toast (self, _("This handbook is read-only: nothing can be imported into it"));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Import Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-import-folder");
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GFile) file = g_file_new_for_path (last);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, NULL);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Publish Update ------------------------------------------------------------ */

static void
published_cb (HbWindow *self)
{
  _hb_window_reload_all (self);
  _hb_window_show_toast (self, _("The update is published"));
}

HbPublishDialog *
hb_window_publish_update (HbWindow *self, GFile *bundle)
{
  HbPublishDialog *dialog;

  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (bundle), NULL);

  dialog = hb_publish_dialog_new (GTK_WINDOW (self), self->store, bundle, self->profile != NULL ? self->profile->uuid : NULL);
  g_signal_connect_object (dialog, "published", G_CALLBACK (published_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
publish_response_cb (GtkNativeDialog *chooser, int response, HbWindow *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL)
    return;
  /* A folder bundle is chosen by its manifest. */
  name = g_file_get_basename (file);
  if (g_strcmp0 (name, "manifest.yaml") == 0)
    {
      GFile *folder = g_file_get_parent (file);

      g_object_unref (file);
      file = folder;
    }
  hb_window_publish_update (self, file);
}

static void
publish_update_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) bundles = gtk_file_filter_new ();

  if (!self->can_publish)
    {
      _hb_window_show_toast (self, _("Only editors can publish updates"));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Publish Update"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Preview"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (bundles, _("Update bundles (.tar.gz, .zip, or a folder’s manifest.yaml)"));
  gtk_file_filter_add_pattern (bundles, "*.tar.gz");
  gtk_file_filter_add_pattern (bundles, "*.tgz");
  gtk_file_filter_add_pattern (bundles, "*.zip");
  gtk_file_filter_add_pattern (bundles, "manifest.yaml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), bundles);
  g_signal_connect (chooser, "response", G_CALLBACK (publish_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Print and export ------------------------------------------------------------ */

static GtkPrintSettings *
print_settings (HbWindow *self)
{
  if (self->print_settings == NULL)
    self->print_settings = gtk_print_settings_new ();
  return self->print_settings;
}

static void
printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hb_print_web_view_finish (result, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      _hb_window_show_toast (self, message);
    }
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (showing_team_report (self))
    {
      if (!hb_print_team_report (hb_team_page_get_progress (self->team_page), GTK_WINDOW (self),
                                 print_settings (self), NULL, &error))
        _hb_window_show_toast (self, error->message);
      return;
    }
  if (hb_article_page_get_article (self->article_page) != NULL)
    hb_print_web_view_async (hb_article_page_get_web_view (self->article_page), GTK_WINDOW (self),
                             print_settings (self), NULL, printed_cb, g_object_ref (self));
}

typedef struct
{
  HbWindow *window;
  GFile *file;
} PdfExport;

static void
pdf_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdfExport *export = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->file);
  g_autofree char *message = NULL;

  if (!hb_print_web_view_finish (result, &error))
    message = g_strdup_printf (_("Could not write “%s”: %s"), name, error->message);
  else
    message = g_strdup_printf (_("Saved “%s”"), name);
  _hb_window_show_toast (export->window, message);
  g_object_unref (export->window);
  g_object_unref (export->file);
  g_free (export);
}

static void
export_pdf_response_cb (GtkNativeDialog *chooser, int response, HbWindow *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;

  if (showing_team_report (self))
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;

      if (path == NULL)
        message = g_strdup_printf (_("Could not write “%s”: not a local file"), name);
      else if (!hb_print_team_report (hb_team_page_get_progress (self->team_page), GTK_WINDOW (self), NULL, path,
                                      &error))
        message = g_strdup_printf (_("Could not write “%s”: %s"), name, error->message);
      else
        message = g_strdup_printf (_("Saved “%s”"), name);
      _hb_window_show_toast (self, message);
      return;
    }
  hb_window_export_pdf (self, file);
}

void
hb_window_export_pdf (HbWindow *self, GFile *file)
{
  PdfExport *export;

  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (PdfExport, 1);
  export->window = g_object_ref (self);
  export->file = g_object_ref (file);
  hb_print_web_view_to_pdf_async (hb_article_page_get_web_view (self->article_page), file, NULL, pdf_written_cb,
                                  export);
}

static void
export_pdf_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export as PDF"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (pdf, _("PDF documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  name = showing_team_report (self) ? g_strdup (_("Team report.pdf"))
                                    : hb_print_suggest_pdf_name (hb_article_page_get_web_view (self->article_page));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_pdf_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Class ---------------------------------------------------------------------- */

void
_hb_window_class_actions_init (HbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, go_forward_action);
  gtk_widget_class_install_action (widget_class, "win.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.publish-update", NULL, publish_update_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  /* For the pages: a message for the user. */
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  /* Training: the article and the pages beside it, and who is learning. */
  gtk_widget_class_install_action (widget_class, "win.show-article", NULL, show_article_action);
  gtk_widget_class_install_action (widget_class, "win.take-quiz", NULL, take_quiz_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "u", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.start-review", NULL, start_review_action);
  gtk_widget_class_install_action (widget_class, "win.team-report", NULL, team_report_action);
  gtk_widget_class_install_action (widget_class, "win.new-profile", NULL, new_profile_action);
  gtk_widget_class_install_property_action (widget_class, "win.profile", "profile-uuid");
  /* Help, in every state of the window. */
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.go-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "win.go-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-citation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-pdf", NULL);
  /* The keypad keys first: the menu shows the last binding of an action. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  /* F1: the help, at the topic of what the window shows. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);

  /* Every action has its key (and the shortcuts window lists it). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.publish-update", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.take-quiz", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.start-review", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.team-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-profile", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.acknowledge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.show-article", NULL);
  for (guint i = 1; i <= HB_WINDOW_N_SIDEBAR_PAGES; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_ALT_MASK, "win.show-page", "u", i);
}
