/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "hb-application.h"
#include "hb-handbook.h"
#include "hb-store.h"
#include "hb-window.h"

struct _HbApplication
{
  AdwApplication parent_instance;

  char *db_path;
  HbStore *store;
};

G_DEFINE_FINAL_TYPE (HbApplication, hb_application, ADW_TYPE_APPLICATION)

static void
show_store_error (HbApplication *self, const GError *error)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Handbook"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("The Handbook Cannot Be Opened"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), error->message);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
open_store (HbApplication *self, GError **error)
{
  if (self->store != NULL)
    return TRUE;

  /* A new handbook starts as the sample handbook, not an empty screen. */
  self->store = hb_handbook_open (self->db_path, HB_HANDBOOK_OPEN_SEED, NULL, NULL, error);
  return self->store != NULL;
}

static void
hb_application_activate (GApplication *application)
{
  HbApplication *self = HB_APPLICATION (application);
  g_autoptr (GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (!open_store (self, &error))
    {
      show_store_error (self, error);
      return;
    }

  window = GTK_WINDOW (hb_window_new (GTK_APPLICATION (self), self->store));
  gtk_window_present (window);
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
hb_application_finalize (GObject *object)
{
  HbApplication *self = HB_APPLICATION (object);

  g_clear_object (&self->store);
  g_free (self->db_path);

  G_OBJECT_CLASS (hb_application_parent_class)->finalize (object);
}

static void
hb_application_class_init (HbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hb_application_finalize;
  app_class->activate = hb_application_activate;
  app_class->startup = hb_application_startup;
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
