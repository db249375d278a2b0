/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-application"

#include "config.h"

#include "hb-application.h"
#include "hb-open-handbook.h"
#include "hb-store.h"
#include "hb-window.h"

#include <glib/gi18n.h>

struct _HbApplication
{
  AdwApplication parent_instance;

  char *db_path;
  /* The handbook, once opened; or why it cannot be. */
  HbStore *store;
  GError *error;
  /* Set while the handbook is being opened. */
  GCancellable *opening;
};

G_DEFINE_FINAL_TYPE (HbApplication, hb_application, ADW_TYPE_APPLICATION)

/* Shows the handbook, or why it cannot be opened, in the windows that
 * wait for it. */
static void
handbook_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  GList *windows;

  g_clear_object (&self->opening);
  self->store = hb_app_open_handbook_finish (result, &error);
  if (self->store == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->error = g_steal_pointer (&error);

  for (windows = gtk_application_get_windows (GTK_APPLICATION (self)); windows != NULL;
       windows = windows->next)
    {
      HbWindow *window = windows->data;

      if (!HB_IS_WINDOW (window) || hb_window_get_state (window) != HB_WINDOW_STATE_PREPARING)
        continue;
      if (self->store != NULL)
        hb_window_set_store (window, self->store);
      else if (self->error != NULL)
        hb_window_show_error (window, self->db_path, self->error);
    }

  g_application_release (G_APPLICATION (self));
}

/* Opens (and on the first start seeds) the handbook in a thread, so the
 * window is there at once and says it is preparing the handbook. */
static void
open_handbook (HbApplication *self)
{
  if (self->store != NULL || self->error != NULL || self->opening != NULL)
    return;

  if (self->db_path == NULL)
    self->db_path = hb_store_default_path ();

  self->opening = g_cancellable_new ();
  /* Closing the window stops the seeding; the app waits for the thread. */
  g_application_hold (G_APPLICATION (self));
  hb_app_open_handbook_async (self->db_path, self->opening, handbook_opened_cb, g_object_ref (self));
}

static void
hb_application_activate (GApplication *application)
{
  HbApplication *self = HB_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  open_handbook (self);
  window = GTK_WINDOW (hb_window_new (GTK_APPLICATION (self), self->store));
  if (self->error != NULL)
    hb_window_show_error (HB_WINDOW (window), self->db_path, self->error);
  gtk_window_present (window);
}

static void
hb_application_window_removed (GtkApplication *application, GtkWindow *window)
{
  HbApplication *self = HB_APPLICATION (application);

  GTK_APPLICATION_CLASS (hb_application_parent_class)->window_removed (application, window);

  /* Nobody waits for the handbook any more: a seeding starts again on the
   * next start. */
  if (gtk_application_get_windows (application) == NULL)
    g_cancellable_cancel (self->opening);
}

static int
hb_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  HbApplication *self = HB_APPLICATION (application);
  const char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("handbook %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (db);

      self->db_path = g_file_get_path (file);
      /* Another database is another handbook: do not hand it to a running one. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (hb_application_parent_class)->handle_local_options (application, options);
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  HbApplication *self = user_data;
  const char *developers[] = { _("The Handbook developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Handbook"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Handbook developers"),
                        "developers", developers,
                        "comments", _("Policies, training and exact citations for customer-service and "
                                      "dispute teams selling on Chinese marketplaces."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Handbook developers",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GApplication *application = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Close through close-request, so windows keep their size. */
  for (; windows != NULL;)
    {
      GList *next = windows->next;

      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
  g_application_quit (application);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
hb_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (hb_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
hb_application_shutdown (GApplication *application)
{
  HbApplication *self = HB_APPLICATION (application);

  /* Quitting while seeding: the seeding stops, SQLite keeps the file whole. */
  g_cancellable_cancel (self->opening);

  G_APPLICATION_CLASS (hb_application_parent_class)->shutdown (application);
}

static void
hb_application_finalize (GObject *object)
{
  HbApplication *self = HB_APPLICATION (object);

  g_clear_object (&self->opening);
  g_clear_object (&self->store);
  g_clear_error (&self->error);
  g_free (self->db_path);

  G_OBJECT_CLASS (hb_application_parent_class)->finalize (object);
}

static void
hb_application_class_init (HbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = hb_application_finalize;
  app_class->activate = hb_application_activate;
  app_class->startup = hb_application_startup;
  app_class->shutdown = hb_application_shutdown;
  gtk_app_class->window_removed = hb_application_window_removed;
  app_class->handle_local_options = hb_application_handle_local_options;
}

static void
hb_application_init (HbApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the handbook database at PATH"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

HbApplication *
hb_application_new (void)
{
  return g_object_new (HB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/handbook/Handbook",
                       NULL);
}
