/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-profile-dialog"

#include "config.h"

#include "hb-profile-dialog.h"

#include <glib/gi18n.h>

#include "hb-store-profiles.h"
#include "hb-window.h"

struct _HbProfileDialog
{
  AdwMessageDialog parent_instance;

  HbStore *store;
  GtkWidget *existing_group;
  GtkWidget *existing_list;
  AdwEntryRow *name_row;
  AdwEntryRow *employee_row;
  AdwComboRow *role_row;
};

G_DEFINE_FINAL_TYPE (HbProfileDialog, hb_profile_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  PROFILE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
name_changed_cb (HbProfileDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", *name != '\0');
}

gboolean
hb_profile_dialog_add (HbProfileDialog *self, GError **error)
{
  g_autoptr (HbStoreWrite) write = NULL;
  g_autoptr (HbProfile) profile = NULL;
  HbProfileRole role = (HbProfileRole) adw_combo_row_get_selected (self->role_row);

  g_return_val_if_fail (HB_IS_PROFILE_DIALOG (self), FALSE);

  write = hb_store_write_begin (self->store, error);
  if (write == NULL)
    return FALSE;
  profile = hb_store_add_profile (write, gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                  gtk_editable_get_text (GTK_EDITABLE (self->employee_row)),
                                  role <= HB_PROFILE_ROLE_MANAGER ? role : HB_PROFILE_ROLE_STAFF, error);
  if (profile == NULL || !hb_store_write_commit (g_steal_pointer (&write), error))
    return FALSE;
  g_signal_emit (self, signals[PROFILE_CHOSEN], 0, profile->uuid);
  return TRUE;
}

static void
response_cb (HbProfileDialog *self, const char *response)
{
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  if (!hb_profile_dialog_add (self, &error))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      /* The dialog closes on a response: say why nothing happened there. */
      if (parent != NULL)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-toast", "s", error->message);
      else
        g_warning ("%s", error->message);
    }
}

static void
existing_activated_cb (GtkListBox *list, GtkListBoxRow *row, HbProfileDialog *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "hb-profile");

  if (uuid == NULL)
    return;
  g_signal_emit (self, signals[PROFILE_CHOSEN], 0, uuid);
  gtk_window_close (GTK_WINDOW (self));
}

static void
hb_profile_dialog_finalize (GObject *object)
{
  g_clear_object (&HB_PROFILE_DIALOG (object)->store);
  G_OBJECT_CLASS (hb_profile_dialog_parent_class)->finalize (object);
}

static void
hb_profile_dialog_class_init (HbProfileDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_profile_dialog_finalize;
  gtk_widget_class_add_binding (GTK_WIDGET_CLASS (klass), GDK_KEY_F1, 0, hb_show_help_shortcut, "s", "profiles");

  /**
   * HbProfileDialog::profile-chosen:
   * @uuid: the profile picked or added
   */
  signals[PROFILE_CHOSEN] = g_signal_new ("profile-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hb_profile_dialog_init (HbProfileDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *new_group = adw_preferences_group_new ();
  g_autoptr (GtkStringList) roles = gtk_string_list_new (NULL);
  const char *real_name = g_get_real_name ();

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Who Is Learning?"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("Reading, quizzes and reviews are kept for each person. Several people can share "
                                 "this computer: each one picks their own name."));

  self->existing_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->existing_group), _("People on This Computer"));
  self->existing_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->existing_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->existing_list), GTK_SELECTION_NONE);
  g_signal_connect (self->existing_list, "row-activated", G_CALLBACK (existing_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->existing_group), self->existing_list);
  gtk_widget_set_visible (self->existing_group, FALSE);
  gtk_box_append (GTK_BOX (box), self->existing_group);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (new_group), _("New Profile"));
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  /* GLib says "Unknown" when the system knows no real name. */
  if (real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), real_name);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  adw_entry_row_set_activates_default (self->name_row, TRUE);
  self->employee_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->employee_row), _("Employee ID (optional)"));
  adw_entry_row_set_activates_default (self->employee_row, TRUE);
  gtk_string_list_append (roles, hb_profile_role_get_label (HB_PROFILE_ROLE_STAFF));
  gtk_string_list_append (roles, hb_profile_role_get_label (HB_PROFILE_ROLE_EDITOR));
  gtk_string_list_append (roles, hb_profile_role_get_label (HB_PROFILE_ROLE_MANAGER));
  self->role_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role_row), _("Role"));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (new_group), GTK_WIDGET (self->name_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (new_group), GTK_WIDGET (self->employee_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (new_group), GTK_WIDGET (self->role_row));
  gtk_box_append (GTK_BOX (box), new_group);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "later", _("_Not Now"), "add", _("_Add Profile"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "later");
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
  name_changed_cb (self);
}

HbProfileDialog *
hb_profile_dialog_new (GtkWindow *parent, HbStore *store)
{
  HbProfileDialog *self;
  g_autoptr (GPtrArray) profiles = NULL;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  self = g_object_new (HB_TYPE_PROFILE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->store = g_object_ref (store);

  profiles = hb_store_list_profiles (store, NULL);
  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    {
      HbProfile *profile = g_ptr_array_index (profiles, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = profile->employee_id != NULL
                                    ? g_strdup_printf ("%s · %s", hb_profile_role_get_label (profile->role),
                                                       profile->employee_id)
                                    : g_strdup (hb_profile_role_get_label (profile->role));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profile->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), adw_avatar_new (32, profile->name, TRUE));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "hb-profile", g_strdup (profile->uuid), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->existing_list), row);
    }
  gtk_widget_set_visible (self->existing_group, profiles != NULL && profiles->len > 0);
  return self;
}

GtkEditable *
hb_profile_dialog_get_name_entry (HbProfileDialog *self)
{
  g_return_val_if_fail (HB_IS_PROFILE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->name_row);
}
