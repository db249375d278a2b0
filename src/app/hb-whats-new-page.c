/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-whats-new-page"

#include "config.h"

#include "hb-whats-new-page.h"
#include "hb-accessible.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hb-store-acknowledgements.h"
#include "hb-util.h"

struct _HbWhatsNewPage
{
  AdwBin parent_instance;

  HbStore *store;
  char *profile;
  guint unseen;
  /* Rows by their article, the section of new versions first. */
  GPtrArray *rows;

  /* Template children */
  GtkStack *stack;
  GtkBox *groups_box;
  AdwStatusPage *empty_page;
};

static void hb_whats_new_page_sidebar_page_init (HbSidebarPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbWhatsNewPage, hb_whats_new_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (HB_TYPE_SIDEBAR_PAGE, hb_whats_new_page_sidebar_page_init))

enum
{
  PROP_0,
  PROP_PROFILE,
  PROP_UNSEEN,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  REDLINE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a row opens. */
typedef struct
{
  char *article_id;
  guint from; /* 0: the article itself */
  guint to;   /* 0: the version in force */
} RowTarget;

static void
row_target_free (RowTarget *target)
{
  g_free (target->article_id);
  g_free (target);
}

static void
show_toast (HbWhatsNewPage *self, const char *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text))
    g_warning ("%s", text);
}

static void
row_activated_cb (AdwActionRow *row, HbWhatsNewPage *self)
{
  RowTarget *target = g_object_get_data (G_OBJECT (row), "target");

  if (target->from > 0)
    g_signal_emit (self, signals[REDLINE_ACTIVATED], 0, target->article_id, target->from, target->to);
  else
    hb_sidebar_page_emit_article_activated (HB_SIDEBAR_PAGE (self), target->article_id, 0, NULL);
}

static GtkWidget *
add_row (HbWhatsNewPage *self, AdwPreferencesGroup *group, const char *title, const char *subtitle,
         const char *icon_name, const char *icon_tooltip, gboolean unread, const char *article_id, guint from,
         guint to)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);
  RowTarget *target = g_new0 (RowTarget, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  /* A dot for what this person has not read yet. */
  {
    GtkWidget *dot = gtk_image_new_from_icon_name ("media-record-symbolic");

    gtk_widget_add_css_class (dot, "hb-unread-dot");
    gtk_widget_set_opacity (dot, unread ? 1.0 : 0.0);
    gtk_widget_set_tooltip_text (dot, unread ? _("Not read yet") : NULL);
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);
  }
  if (unread)
    gtk_widget_add_css_class (row, "hb-unread");
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_widget_set_tooltip_text (icon, icon_tooltip);
      if (g_strcmp0 (icon_name, "task-past-due-symbolic") == 0)
        gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  target->article_id = g_strdup (article_id);
  target->from = from;
  target->to = to;
  g_object_set_data_full (G_OBJECT (row), "target", target, (GDestroyNotify) row_target_free);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static AdwPreferencesGroup *
add_group (HbWhatsNewPage *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->groups_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static char *
item_subtitle (HbWhatsNewItem *item)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *effective = hb_util_format_date (item->effective);
  g_autofree char *due = hb_util_format_date (item->due);

  if (item->group == HB_WHATS_NEW_COMING)
    g_string_append_printf (text, _("Version %u takes effect on %s"), item->version, effective);
  else if (item->effective != NULL && item->version == 1)
    g_string_append_printf (text, _("New article · effective %s"), effective);
  else if (item->version == 1)
    g_string_append (text, _("New article"));
  else if (item->effective != NULL)
    g_string_append_printf (text, _("Version %u · effective %s"), item->version, effective);
  else
    g_string_append_printf (text, _("Version %u"), item->version);

  if (item->base_version > 0 && item->base_was_read)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("changes since version %u, which you read"), item->base_version);
    }
  if (item->needs_ack && !item->acknowledged && item->due != NULL)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("acknowledge by %s"), due);
    }
  if (item->bundle_title != NULL)
    g_string_append_printf (text, "\n%s", item->bundle_title);
  if (item->changes != NULL)
    g_string_append_printf (text, "\n%s", item->changes);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_item_row (HbWhatsNewPage *self, AdwPreferencesGroup *group, HbWhatsNewItem *item)
{
  g_autofree char *subtitle = item_subtitle (item);
  const char *icon = NULL;
  const char *tooltip = NULL;

  if (item->needs_ack && item->acknowledged)
    icon = "object-select-symbolic", tooltip = _("Acknowledged");
  else if (item->needs_ack)
    icon = "task-due-symbolic", tooltip = _("To acknowledge");
  add_row (self, group, item->title, subtitle, icon, tooltip, item->group == HB_WHATS_NEW_NEW && !item->read,
           item->article_id, item->base_version, item->version);
}

static void
clear (HbWhatsNewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  g_ptr_array_set_size (self->rows, 0);
}

static void
set_unseen (HbWhatsNewPage *self, guint unseen)
{
  if (self->unseen == unseen)
    return;
  self->unseen = unseen;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSEEN]);
}

static void
hb_whats_new_page_reload (HbSidebarPage *page)
{
  HbWhatsNewPage *self = HB_WHATS_NEW_PAGE (page);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbWhatsNew) whats_new = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autofree char *today = hb_util_today ();
  g_autoptr (GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  AdwPreferencesGroup *group = NULL;
  HbWhatsNewGroup current = -1;
  guint i;

  clear (self);
  if (self->store == NULL || self->profile == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "no-profile");
      set_unseen (self, 0);
      return;
    }

  whats_new = hb_store_get_whats_new (self->store, self->profile, today, &error);
  if (whats_new != NULL)
    pending = hb_store_list_pending_acknowledgements (self->store, self->profile, today, &error);
  if (whats_new == NULL || pending == NULL)
    {
      /* A profile that is gone is nobody's What's new. */
      if (!g_error_matches (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND))
        show_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->stack, "no-profile");
      set_unseen (self, 0);
      return;
    }

  /* What took effect since the last look, and what is to come; then what
   * is still to acknowledge (the news carries its own mark); then the
   * earlier updates. */
  for (i = 0; i < whats_new->items->len; i++)
    {
      HbWhatsNewItem *item = g_ptr_array_index (whats_new->items, i);

      if (item->group == HB_WHATS_NEW_EARLIER)
        continue;
      if (item->group != current)
        {
          current = item->group;
          group = current == HB_WHATS_NEW_NEW ? add_group (self, _("New Since You Last Looked"), NULL)
                                              : add_group (self, _("Coming Up"),
                                                           _("The version in force stays until then."));
        }
      add_item_row (self, group, item);
      if (item->group == HB_WHATS_NEW_NEW)
        g_hash_table_add (shown, item->article_id);
    }

  group = NULL;
  for (i = 0; i < pending->len; i++)
    {
      HbPendingAcknowledgement *owed = g_ptr_array_index (pending, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *due = hb_util_format_date (owed->due);

      if (g_hash_table_contains (shown, owed->article_id))
        continue;
      if (group == NULL)
        group = add_group (self, _("To Acknowledge"), _("Read these versions and confirm that you did."));
      if (owed->due != NULL && owed->overdue)
        subtitle = g_strdup_printf (_("Version %u · was due on %s"), owed->version, due);
      else if (owed->due != NULL)
        subtitle = g_strdup_printf (_("Version %u · due by %s"), owed->version, due);
      else
        subtitle = g_strdup_printf (_("Version %u"), owed->version);
      add_row (self, group, owed->title, subtitle, owed->overdue ? "task-past-due-symbolic" : "task-due-symbolic",
               owed->overdue ? _("Overdue") : _("To acknowledge"), FALSE, owed->article_id, 0, 0);
    }

  group = NULL;
  for (i = 0; i < whats_new->items->len; i++)
    {
      HbWhatsNewItem *item = g_ptr_array_index (whats_new->items, i);

      if (item->group != HB_WHATS_NEW_EARLIER)
        continue;
      if (group == NULL)
        group = add_group (self, _("Earlier"), _("Updates of the last 30 days"));
      add_item_row (self, group, item);
    }

  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "list" : "empty");
  set_unseen (self, whats_new->n_unseen);
}

static void
hb_whats_new_page_sidebar_page_init (HbSidebarPageInterface *iface)
{
  iface->reload = hb_whats_new_page_reload;
}

void
hb_whats_new_page_set_profile (HbWhatsNewPage *self, const char *profile)
{
  g_return_if_fail (HB_IS_WHATS_NEW_PAGE (self));

  if (profile != NULL && *profile == '\0')
    profile = NULL;
  if (g_strcmp0 (self->profile, profile) == 0)
    return;
  g_free (self->profile);
  self->profile = g_strdup (profile);
  if (self->store != NULL && gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    hb_whats_new_page_reload (HB_SIDEBAR_PAGE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

guint
hb_whats_new_page_get_unseen (HbWhatsNewPage *self)
{
  g_return_val_if_fail (HB_IS_WHATS_NEW_PAGE (self), 0);
  return self->unseen;
}

guint
hb_whats_new_page_get_n_rows (HbWhatsNewPage *self)
{
  g_return_val_if_fail (HB_IS_WHATS_NEW_PAGE (self), 0);
  return self->rows->len;
}

gboolean
hb_whats_new_page_activate (HbWhatsNewPage *self, const char *article_id)
{
  GtkWidget *any = NULL;
  guint i;

  g_return_val_if_fail (HB_IS_WHATS_NEW_PAGE (self), FALSE);

  /* The news first: the acknowledgements come before it in the list. */
  for (i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      RowTarget *target = g_object_get_data (G_OBJECT (row), "target");

      if (g_strcmp0 (target->article_id, article_id) != 0)
        continue;
      if (target->to > 0)
        {
          any = row;
          break;
        }
      if (any == NULL)
        any = row;
    }
  if (any == NULL)
    return FALSE;
  g_signal_emit_by_name (any, "activated");
  return TRUE;
}

void
hb_whats_new_page_mark_seen (HbWhatsNewPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = NULL;

  g_return_if_fail (HB_IS_WHATS_NEW_PAGE (self));

  if (self->store == NULL || self->profile == NULL || hb_store_is_read_only (self->store))
    return;
  write = hb_store_write_begin (self->store, &error);
  if (write == NULL || !hb_store_record_whats_new_view (write, self->profile, &error)
      || !hb_store_write_commit (g_steal_pointer (&write), &error))
    {
      g_debug ("Cannot record that What's new was seen: %s", error->message);
      return;
    }
  /* The badge goes: they have seen the list. */
  set_unseen (self, 0);
}

static void
hb_whats_new_page_dispose (GObject *object)
{
  HbWhatsNewPage *self = HB_WHATS_NEW_PAGE (object);

  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_WHATS_NEW_PAGE);

  G_OBJECT_CLASS (hb_whats_new_page_parent_class)->dispose (object);
}

static void
hb_whats_new_page_finalize (GObject *object)
{
  HbWhatsNewPage *self = HB_WHATS_NEW_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->profile, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_whats_new_page_parent_class)->finalize (object);
}

static void
hb_whats_new_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbWhatsNewPage *self = HB_WHATS_NEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_UNSEEN:
      g_value_set_uint (value, self->unseen);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_whats_new_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbWhatsNewPage *self = HB_WHATS_NEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      hb_whats_new_page_set_profile (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_whats_new_page_class_init (HbWhatsNewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_whats_new_page_dispose;
  object_class->finalize = hb_whats_new_page_finalize;
  object_class->get_property = hb_whats_new_page_get_property;
  object_class->set_property = hb_whats_new_page_set_property;

  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);
  /**
   * HbWhatsNewPage:unseen:
   *
   * The versions that took effect since the person last looked and that
   * they have not read: the badge of the page in the sidebar.
   */
  properties[PROP_UNSEEN] = g_param_spec_uint ("unseen", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROP_STORE, properties);
  g_object_class_override_property (object_class, PROP_STORE, "store");

  /**
   * HbWhatsNewPage::redline-activated:
   * @id: the article
   * @from: the version this person last read (or the one before)
   * @to: the version that took effect
   *
   * The person chose to see what changed.
   */
  signals[REDLINE_ACTIVATED] = g_signal_new ("redline-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT,
                                             G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handbook/Handbook/ui/hb-whats-new-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbWhatsNewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HbWhatsNewPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, HbWhatsNewPage, empty_page);
}

static void
hb_whats_new_page_init (HbWhatsNewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}
