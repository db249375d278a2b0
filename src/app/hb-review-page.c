/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-review-page"

#include "config.h"

#include "hb-review-page.h"

#include <glib/gi18n.h>

#include "hb-review.h"
#include "hb-store-profiles.h"

struct _HbReviewPage
{
  AdwBin parent_instance;

  HbStore *store;
  HbProfile *profile;
  guint due;
  AdwStatusPage *status;
  GtkWidget *start_button;
};

static void hb_review_page_sidebar_page_init (HbSidebarPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbReviewPage, hb_review_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (HB_TYPE_SIDEBAR_PAGE, hb_review_page_sidebar_page_init))

enum
{
  PROP_0,
  PROP_PROFILE,
  PROP_BADGE_NUMBER,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hb_review_page_reload (HbSidebarPage *page)
{
  HbReviewPage *self = HB_REVIEW_PAGE (page);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *title = NULL;
  guint due = 0, waiting = 0;

  if (self->store == NULL)
    return;
  if (self->profile != NULL)
    {
      items = hb_review_load (self->store, self->profile->uuid,
                              hb_review_end_of_day (g_get_real_time () / G_USEC_PER_SEC), &due, &error);
      if (items == NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      for (guint i = 0; items != NULL && i < items->len; i++)
        waiting += ((HbReviewItem *) g_ptr_array_index (items, i))->suspended;
    }

  if (due > 0)
    {
      title = g_strdup_printf (ngettext ("%u Question Due Today", "%u Questions Due Today", due), due);
      adw_status_page_set_description (self->status,
                                       _("Questions you missed come back, spaced out so that they stick: the "
                                         "ones you answer right wait longer each time."));
    }
  else
    {
      title = g_strdup (_("Nothing to Review Today"));
      adw_status_page_set_description (self->status,
                                       self->profile == NULL
                                         ? _("Choose who is learning in the main menu: the questions they miss "
                                             "come back here.")
                                         : _("The questions you miss in a quiz come back here, spaced out so "
                                             "that they stick."));
    }
  if (waiting > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%s\n%u question waits until you have read the new "
                                                         "version of its lesson.",
                                                         "%s\n%u questions wait until you have read the new "
                                                         "version of their lessons.",
                                                         waiting),
                                               adw_status_page_get_description (self->status), waiting);

      adw_status_page_set_description (self->status, more);
    }
  adw_status_page_set_title (self->status, title);
  gtk_widget_set_visible (self->start_button, due > 0);

  if (due != self->due)
    {
      self->due = due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE_NUMBER]);
    }
}

static gboolean
hb_review_page_focus_list (HbSidebarPage *page)
{
  HbReviewPage *self = HB_REVIEW_PAGE (page);

  return gtk_widget_get_visible (self->start_button) && gtk_widget_grab_focus (self->start_button);
}

static void
hb_review_page_sidebar_page_init (HbSidebarPageInterface *iface)
{
  iface->reload = hb_review_page_reload;
  iface->focus_list = hb_review_page_focus_list;
}

static void
hb_review_page_finalize (GObject *object)
{
  HbReviewPage *self = HB_REVIEW_PAGE (object);

  g_clear_pointer (&self->profile, hb_profile_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_review_page_parent_class)->finalize (object);
}

static void
hb_review_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbReviewPage *self = HB_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
      break;
    case PROP_BADGE_NUMBER:
      g_value_set_uint (value, self->due);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_review_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbReviewPage *self = HB_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_clear_pointer (&self->profile, hb_profile_free);
      self->profile = g_value_dup_boxed (value);
      hb_review_page_reload (HB_SIDEBAR_PAGE (self));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_review_page_class_init (HbReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hb_review_page_finalize;
  object_class->get_property = hb_review_page_get_property;
  object_class->set_property = hb_review_page_set_property;

  properties[PROP_PROFILE] = g_param_spec_boxed ("profile", NULL, NULL, HB_TYPE_PROFILE,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * HbReviewPage:badge-number:
   *
   * The questions due today.
   */
  properties[PROP_BADGE_NUMBER] = g_param_spec_uint ("badge-number", NULL, NULL, 0, G_MAXUINT, 0,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROP_STORE, properties);
  g_object_class_override_property (object_class, PROP_STORE, "store");
}

static void
hb_review_page_init (HbReviewPage *self)
{
  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status, "view-refresh-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "compact");
  self->start_button = gtk_button_new_with_mnemonic (_("_Start Review"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), "win.start-review");
  gtk_widget_add_css_class (self->start_button, "pill");
  gtk_widget_add_css_class (self->start_button, "suggested-action");
  gtk_widget_set_halign (self->start_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->start_button, FALSE);
  adw_status_page_set_child (self->status, self->start_button);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Review"), -1);
}
