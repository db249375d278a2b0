/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-history-view"

#include "config.h"

#include "hb-history-view.h"
#include "hb-drop-down.h"
#include "hb-accessible.h"

#include <glib/gi18n.h>

#include "hb-store-articles.h"
#include "hb-store-publishes.h"
#include "hb-util.h"

struct _HbHistoryView
{
  AdwBin parent_instance;

  GPtrArray *rows;  /* the version rows shown */
  guint n_versions;
  GtkStringList *labels;

  /* Template children */
  AdwPreferencesGroup *compare_group;
  AdwPreferencesGroup *versions_group;
  GtkDropDown *from_dropdown;
  GtkDropDown *to_dropdown;
  GtkButton *compare_button;
};

G_DEFINE_FINAL_TYPE (HbHistoryView, hb_history_view, ADW_TYPE_BIN)

enum
{
  OPEN_VERSION,
  OPEN_REDLINE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
open_clicked_cb (GtkButton *button, HbHistoryView *self)
{
  guint version = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "version"));

  g_signal_emit (self, signals[OPEN_VERSION], 0, version);
}

static void
changes_clicked_cb (GtkButton *button, HbHistoryView *self)
{
  guint version = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "version"));

  g_signal_emit (self, signals[OPEN_REDLINE], 0, version - 1, version, TRUE);
}

static void
compare_clicked_cb (HbHistoryView *self)
{
  guint from = gtk_drop_down_get_selected (self->from_dropdown) + 1;
  guint to = gtk_drop_down_get_selected (self->to_dropdown) + 1;

  hb_history_view_compare (self, MIN (from, to), MAX (from, to));
}

static void
selection_changed_cb (HbHistoryView *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button),
                            gtk_drop_down_get_selected (self->from_dropdown)
                              != gtk_drop_down_get_selected (self->to_dropdown));
}

static GtkWidget *
row_button (HbHistoryView *self, const char *label, const char *tooltip, guint version, GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "version", GUINT_TO_POINTER (version));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static char *
row_subtitle (HbArticle *article, HbVersionOrigin *origin)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *imported = hb_util_format_date (hb_article_get_imported_at (article));
  g_autofree char *effective = hb_util_format_date (hb_article_get_effective (article));

  if (effective != NULL)
    g_string_append_printf (text, _("Effective %s · added %s"), effective, imported);
  else
    g_string_append_printf (text, _("Added %s"), imported);

  if (origin != NULL)
    {
      const char *who = origin->profile_name != NULL ? origin->profile_name : origin->publisher;

      g_string_append_c (text, '\n');
      if (who != NULL)
        g_string_append_printf (text, _("Published by %s in “%s”"), who, origin->bundle_title);
      else
        g_string_append_printf (text, _("Published in “%s”"), origin->bundle_title);
      if (origin->signer_key_id != NULL)
        g_string_append_printf (text, _(", signed by key %s"), origin->signer_key_id);
      else
        g_string_append (text, _(", not signed"));
    }
  else
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Imported from %s"), hb_article_get_source (article));
    }

  if (hb_article_get_changes (article) != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, hb_article_get_changes (article));
    }
  return g_markup_escape_text (text->str, -1);
}

static void
clear_rows (HbHistoryView *self)
{
  guint i;

  for (i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->versions_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->n_versions = 0;
  gtk_string_list_splice (self->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->labels)), NULL);
}

void
hb_history_view_load (HbHistoryView *self, HbStore *store, const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) origins = NULL;
  g_autofree char *today = hb_util_today ();
  guint i, j;

  g_return_if_fail (HB_IS_HISTORY_VIEW (self));
  g_return_if_fail (HB_IS_STORE (store));
  g_return_if_fail (id != NULL);

  clear_rows (self);
  history = hb_store_get_history (store, id, &error);
  if (history != NULL)
    origins = hb_store_get_version_origins (store, id, &error);
  if (history == NULL || origins == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_preferences_group_add (self->versions_group, row);
      g_ptr_array_add (self->rows, row);
      return;
    }

  self->n_versions = history->len;
  for (i = 0; i < history->len; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Version %u"), i + 1);

      gtk_string_list_append (self->labels, label);
    }
  gtk_drop_down_set_selected (self->from_dropdown, history->len >= 2 ? history->len - 2 : 0);
  gtk_drop_down_set_selected (self->to_dropdown, history->len - 1);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_group), history->len >= 2);
  selection_changed_cb (self);

  /* Newest first: what people look for. */
  for (i = history->len; i > 0; i--)
    {
      HbArticle *article = g_ptr_array_index (history, i - 1);
      guint version = hb_article_get_version (article);
      HbVersionOrigin *origin = NULL;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *state;

      for (j = 0; j < origins->len && origin == NULL; j++)
        if (((HbVersionOrigin *) g_ptr_array_index (origins, j))->version == version)
          origin = g_ptr_array_index (origins, j);

      if (version == hb_article_get_current_version (article))
        state = _("in force");
      else if (hb_article_is_pending (article, today))
        state = _("to come");
      else
        state = _("superseded");
      title = g_strdup_printf (_("Version %u · %s"), version, state);
      subtitle = row_subtitle (article, origin);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (version == hb_article_get_current_version (article))
        gtk_widget_add_css_class (row, "hb-in-force");

      if (version > 1)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   row_button (self, _("_Changes"), _("Redline against the version before"),
                                               version, G_CALLBACK (changes_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, _("_Read"), _("Read this version"), version,
                                             G_CALLBACK (open_clicked_cb)));
      adw_preferences_group_add (self->versions_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

guint
hb_history_view_get_n_versions (HbHistoryView *self)
{
  g_return_val_if_fail (HB_IS_HISTORY_VIEW (self), 0);
  return self->n_versions;
}

void
hb_history_view_compare (HbHistoryView *self, guint from, guint to)
{
  g_return_if_fail (HB_IS_HISTORY_VIEW (self));

  if (from >= to || to > self->n_versions)
    return;
  g_signal_emit (self, signals[OPEN_REDLINE], 0, from, to, FALSE);
}

static void
hb_history_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_HISTORY_VIEW);

  G_OBJECT_CLASS (hb_history_view_parent_class)->dispose (object);
}

static void
hb_history_view_finalize (GObject *object)
{
  HbHistoryView *self = HB_HISTORY_VIEW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->labels);

  G_OBJECT_CLASS (hb_history_view_parent_class)->finalize (object);
}

static void
hb_history_view_class_init (HbHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_history_view_dispose;
  object_class->finalize = hb_history_view_finalize;

  /**
   * HbHistoryView::open-version:
   * @version: the version to read
   */
  signals[OPEN_VERSION] = g_signal_new ("open-version", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                        NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * HbHistoryView::open-redline:
   * @from: the older version
   * @to: the newer version
   * @changes_only: whether to show only what changed
   */
  signals[OPEN_REDLINE] = g_signal_new ("open-redline", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                        NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/handbook/Handbook/ui/hb-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HbHistoryView, compare_group);
  gtk_widget_class_bind_template_child (widget_class, HbHistoryView, versions_group);
  gtk_widget_class_bind_template_child (widget_class, HbHistoryView, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HbHistoryView, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HbHistoryView, compare_button);
  gtk_widget_class_bind_template_callback (widget_class, compare_clicked_cb);
}

static void
hb_history_view_init (HbHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (self->labels));
  hb_drop_down_shorten (self->from_dropdown);
  hb_drop_down_shorten (self->to_dropdown);
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (self->labels));
  g_signal_connect_swapped (self->from_dropdown, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->to_dropdown, "notify::selected", G_CALLBACK (selection_changed_cb), self);
}

HbHistoryView *
hb_history_view_new (void)
{
  return g_object_new (HB_TYPE_HISTORY_VIEW, NULL);
}
