/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-application"

#include "config.h"

#include "hb-application.h"
#include "hb-open-handbook.h"
#include "hb-store.h"
#include "hb-store-profiles.h"
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

  /* The person using the app: the profile the GSettings key "profile"
   * names, once the handbook is open. */
  GSettings *settings;
  HbProfile *profile;
  gboolean asked_profile;
};

G_DEFINE_FINAL_TYPE (HbApplication, hb_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_profile (HbApplication *self)
{
  g_autofree char *uuid = self->settings != NULL ? g_settings_get_string (self->settings, "profile") : NULL;
  g_autoptr (HbProfile) profile = NULL;

  if (self->store != NULL && uuid != NULL && *uuid != '\0')
    profile = hb_store_find_profile (self->store, uuid, NULL);
  if (profile == NULL && self->profile == NULL)
    return;
  if (profile != NULL && self->profile != NULL && g_strcmp0 (profile->uuid, self->profile->uuid) == 0)
    return;
  g_clear_pointer (&self->profile, hb_profile_free);
  self->profile = g_steal_pointer (&profile);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

HbProfile *
hb_application_get_profile (HbApplication *self)
{
  g_return_val_if_fail (HB_IS_APPLICATION (self), NULL);
  return self->profile;
}

/* On the first start (or while nobody has said who is learning): ask,
 * once per run. */
static void
ask_profile (HbApplication *self, HbWindow *window)
{
  if (self->asked_profile || self->store == NULL || hb_store_is_read_only (self->store))
    return;
  self->asked_profile = TRUE;
  if (hb_window_get_profile (window) == NULL)
    hb_window_ask_profile (window);
}

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
        {
          hb_window_set_store (window, self->store);
          ask_profile (self, window);
        }
      else if (self->error != NULL)
        hb_window_show_error (window, self->db_path, self->error);
    }
  update_profile (self);

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
  if (self->store != NULL)
    ask_profile (self, HB_WINDOW (window));
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

void
hb_application_open_database (HbApplication *self, const char *path)
{
  GList *windows;

  g_return_if_fail (HB_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);
  /* Only instead of a handbook that could not be opened. */
  g_return_if_fail (self->store == NULL && self->opening == NULL);

  g_clear_error (&self->error);
  g_free (self->db_path);
  self->db_path = g_strdup (path);
  for (windows = gtk_application_get_windows (GTK_APPLICATION (self)); windows != NULL; windows = windows->next)
    if (HB_IS_WINDOW (windows->data))
      hb_window_wait_for_handbook (windows->data);
  open_handbook (self);
}

static void
open_database_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr (HbApplication) self = user_data;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && self->store == NULL && self->opening == NULL)
    hb_application_open_database (self, path);
  g_object_unref (chooser);
}

/* From the page that says why the handbook cannot be opened: another
 * database, for example one of the backups kept beside it. */
static void
open_database_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  HbApplication *self = user_data;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  if (self->store != NULL || self->opening != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Open Another Handbook"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Handbook databases and their backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.db.bak-*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (self->db_path != NULL)
    {
      g_autofree char *folder_path = g_path_get_dirname (self->db_path);
      g_autoptr (GFile) folder = g_file_new_for_path (folder_path);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (open_database_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
  { "open-database", open_database_action },
  { "quit", quit_action },
};

static void
hb_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control><Shift>o", NULL };
  HbApplication *self = HB_APPLICATION (application);

  G_APPLICATION_CLASS (hb_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.open-database", open_accels);

  /* The key is the source of truth; the windows follow it too. */
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr (GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE)
                                                        : NULL;

    if (schema != NULL)
      {
        self->settings = g_settings_new (APP_ID);
        g_signal_connect_object (self->settings, "changed::profile", G_CALLBACK (update_profile), self,
                                 G_CONNECT_SWAPPED);
      }
  }
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
  g_clear_object (&self->settings);
  g_clear_pointer (&self->profile, hb_profile_free);
  g_clear_error (&self->error);
  g_free (self->db_path);

  G_OBJECT_CLASS (hb_application_parent_class)->finalize (object);
}

static void
hb_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbApplication *self = HB_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_application_class_init (HbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = hb_application_finalize;
  object_class->get_property = hb_application_get_property;

  /**
   * HbApplication:profile:
   *
   * The person using the app: the profile whose uuid the GSettings key
   * "profile" holds, once the handbook is open; %NULL until someone has
   * said who is learning.
   */
  properties[PROP_PROFILE] = g_param_spec_boxed ("profile", NULL, NULL, HB_TYPE_PROFILE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
