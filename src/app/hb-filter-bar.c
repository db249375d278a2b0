/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-filter-bar"

#include "config.h"

#include "hb-filter-bar.h"
#include "hb-drop-down.h"
#include "hb-accessible.h"
#include "hb-article.h"
#include "hb-library.h"
#include "hb-page.h"

#include <glib/gi18n.h>

struct _HbFilterBar
{
  GtkBox parent_instance;

  GListModel *articles;
  /* The value behind each entry of the platform and tag filters. */
  GPtrArray *platform_values;
  GPtrArray *tag_values;
  /* Refilling a filter moves its choice; that is no change of the user's. */
  gboolean filling;

  /* What ::changed last told, so a change is told once. */
  char *kind;
  char *platform;
  char *tag;

  /* Template children */
  GtkDropDown *kind_dropdown;
  GtkDropDown *platform_dropdown;
  GtkDropDown *tag_dropdown;
};

G_DEFINE_FINAL_TYPE (HbFilterBar, hb_filter_bar, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_ARTICLES,
  PROP_KIND,
  PROP_PLATFORM,
  PROP_TAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The kinds in the filter, in the order of its entries after "All Kinds". */
static const HbArticleKind filter_kinds[] = {
  HB_ARTICLE_KIND_GUIDE,
  HB_ARTICLE_KIND_FAQ,
  HB_ARTICLE_KIND_REGULATION,
  HB_ARTICLE_KIND_LESSON,
};

static const char *
selected_kind (HbFilterBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > G_N_ELEMENTS (filter_kinds))
    return NULL;
  return hb_article_kind_to_string (filter_kinds[selected - 1]);
}

static const char *
selected_value (GtkDropDown *dropdown, GPtrArray *values)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (values == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= values->len)
    return NULL;
  return g_ptr_array_index (values, selected);
}

static gboolean
update_one (HbFilterBar *self, char **told, const char *now, GParamSpec *pspec)
{
  if (g_strcmp0 (*told, now) == 0)
    return FALSE;
  g_free (*told);
  *told = g_strdup (now);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  return TRUE;
}

/* Tells what changed since the last time, once. */
static void
update_values (HbFilterBar *self)
{
  gboolean changed = FALSE;

  g_assert (HB_IS_FILTER_BAR (self));

  if (self->filling)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  changed |= update_one (self, &self->kind, selected_kind (self), properties[PROP_KIND]);
  changed |= update_one (self, &self->platform, selected_value (self->platform_dropdown, self->platform_values),
                         properties[PROP_PLATFORM]);
  changed |= update_one (self, &self->tag, selected_value (self->tag_dropdown, self->tag_values),
                         properties[PROP_TAG]);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
dropdown_changed_cb (HbFilterBar *self)
{
  update_values (self);
}

typedef struct
{
  const char *value;
  guint count;
} ValueCount;

static int
compare_counts (gconstpointer a, gconstpointer b)
{
  const ValueCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->value, y->value);
}

/*
 * Fills a filter with the values the articles have, most used first, each
 * with its count; keeps the choice if it is still there. A filter with
 * nothing to choose is hidden.
 */
static GPtrArray *
fill_value_filter (GtkDropDown *dropdown, GHashTable *counts, const char *all_label,
                   gboolean platforms, const char *keep)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (ValueCount));
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;
  guint selected = 0;
  guint i;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ValueCount vc = { key, GPOINTER_TO_UINT (value) };

      g_array_append_val (sorted, vc);
    }
  g_array_sort (sorted, compare_counts);

  gtk_string_list_append (labels, all_label);
  g_ptr_array_add (values, NULL);
  for (i = 0; i < sorted->len; i++)
    {
      ValueCount *vc = &g_array_index (sorted, ValueCount, i);
      const char *name = platforms ? hb_platform_get_label (vc->value) : vc->value;
      g_autofree char *label = g_strdup_printf ("%s (%u)", name, vc->count);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (values, g_strdup (vc->value));
      if (g_strcmp0 (keep, vc->value) == 0)
        selected = i + 1;
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (dropdown), sorted->len > 0);

  return values;
}

/* Selects @value in a filter, or "all" when it has no such value. */
static void
select_value (GtkDropDown *dropdown, GPtrArray *values, const char *value)
{
  guint i;

  for (i = 1; value != NULL && values != NULL && i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (dropdown, 0);
}

GListModel *
hb_filter_bar_get_articles (HbFilterBar *self)
{
  g_return_val_if_fail (HB_IS_FILTER_BAR (self), NULL);
  return self->articles;
}

void
hb_filter_bar_set_articles (HbFilterBar *self, GListModel *articles)
{
  g_autoptr (GHashTable) platform_counts = NULL;
  g_autoptr (GHashTable) tag_counts = NULL;
  g_autoptr (GListModel) empty = NULL;

  g_return_if_fail (HB_IS_FILTER_BAR (self));
  g_return_if_fail (articles == NULL || G_IS_LIST_MODEL (articles));

  if (!g_set_object (&self->articles, articles))
    return;

  if (articles == NULL)
    articles = empty = G_LIST_MODEL (g_list_store_new (HB_TYPE_ARTICLE));

  self->filling = TRUE;
  platform_counts = hb_library_count_values (articles, FALSE);
  tag_counts = hb_library_count_values (articles, TRUE);
  g_clear_pointer (&self->platform_values, g_ptr_array_unref);
  self->platform_values = fill_value_filter (self->platform_dropdown, platform_counts,
                                             _("All Platforms"), TRUE, self->platform);
  g_clear_pointer (&self->tag_values, g_ptr_array_unref);
  self->tag_values = fill_value_filter (self->tag_dropdown, tag_counts, _("All Tags"), FALSE, self->tag);
  self->filling = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLES]);
  /* A choice the articles no longer have goes back to "all". */
  update_values (self);
}

const char *
hb_filter_bar_get_kind (HbFilterBar *self)
{
  g_return_val_if_fail (HB_IS_FILTER_BAR (self), NULL);
  return self->kind;
}

void
hb_filter_bar_set_kind (HbFilterBar *self, const char *kind)
{
  HbArticleKind value;
  guint i;

  g_return_if_fail (HB_IS_FILTER_BAR (self));

  if (kind != NULL && hb_article_kind_from_string (kind, &value))
    for (i = 0; i < G_N_ELEMENTS (filter_kinds); i++)
      if (filter_kinds[i] == value)
        {
          gtk_drop_down_set_selected (self->kind_dropdown, i + 1);
          return;
        }
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
}

const char *
hb_filter_bar_get_platform (HbFilterBar *self)
{
  g_return_val_if_fail (HB_IS_FILTER_BAR (self), NULL);
  return self->platform;
}

void
hb_filter_bar_set_platform (HbFilterBar *self, const char *platform)
{
  g_return_if_fail (HB_IS_FILTER_BAR (self));
  select_value (self->platform_dropdown, self->platform_values, platform);
}

const char *
hb_filter_bar_get_tag (HbFilterBar *self)
{
  g_return_val_if_fail (HB_IS_FILTER_BAR (self), NULL);
  return self->tag;
}

void
hb_filter_bar_set_tag (HbFilterBar *self, const char *tag)
{
  g_return_if_fail (HB_IS_FILTER_BAR (self));
  select_value (self->tag_dropdown, self->tag_values, tag);
}

static void
hb_filter_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_FILTER_BAR);

  G_OBJECT_CLASS (hb_filter_bar_parent_class)->dispose (object);
}

static void
hb_filter_bar_finalize (GObject *object)
{
  HbFilterBar *self = HB_FILTER_BAR (object);

  g_clear_object (&self->articles);
  g_clear_pointer (&self->platform_values, g_ptr_array_unref);
  g_clear_pointer (&self->tag_values, g_ptr_array_unref);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->platform, g_free);
  g_clear_pointer (&self->tag, g_free);

  G_OBJECT_CLASS (hb_filter_bar_parent_class)->finalize (object);
}

static void
hb_filter_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbFilterBar *self = HB_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_ARTICLES:
      g_value_set_object (value, self->articles);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_PLATFORM:
      g_value_set_string (value, self->platform);
      break;
    case PROP_TAG:
      g_value_set_string (value, self->tag);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_filter_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbFilterBar *self = HB_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_ARTICLES:
      hb_filter_bar_set_articles (self, g_value_get_object (value));
      break;
    case PROP_KIND:
      hb_filter_bar_set_kind (self, g_value_get_string (value));
      break;
    case PROP_PLATFORM:
      hb_filter_bar_set_platform (self, g_value_get_string (value));
      break;
    case PROP_TAG:
      hb_filter_bar_set_tag (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_filter_bar_class_init (HbFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_filter_bar_dispose;
  object_class->finalize = hb_filter_bar_finalize;
  object_class->get_property = hb_filter_bar_get_property;
  object_class->set_property = hb_filter_bar_set_property;

  properties[PROP_ARTICLES] = g_param_spec_object ("articles", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLATFORM] = g_param_spec_string ("platform", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG] = g_param_spec_string ("tag", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbFilterBar::changed:
   *
   * The kind, the platform or the tag changed, by the user's choice, by
   * the property, or because the articles no longer have the one chosen.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handbook/Handbook/ui/hb-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, HbFilterBar, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HbFilterBar, platform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HbFilterBar, tag_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, dropdown_changed_cb);
}

static void
hb_filter_bar_init (HbFilterBar *self)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  guint i;

  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));
  hb_drop_down_shorten (self->kind_dropdown);
  hb_drop_down_shorten (self->platform_dropdown);
  hb_drop_down_shorten (self->tag_dropdown);

  gtk_string_list_append (kinds, _("All Kinds"));
  for (i = 0; i < G_N_ELEMENTS (filter_kinds); i++)
    gtk_string_list_append (kinds, hb_article_kind_get_label (filter_kinds[i]));
  self->filling = TRUE;
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  self->filling = FALSE;
}
