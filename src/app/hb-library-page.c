/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-library-page"

#include "config.h"

#include "hb-library-page.h"
#include "hb-accessible.h"
#include "hb-list-click.h"
#include "hb-filter-bar.h"
#include "hb-library.h"

#include <glib/gi18n.h>

struct _HbLibraryPage
{
  AdwBin parent_instance;

  HbStore *store;
  GListModel *articles;
  GtkSingleSelection *selection;
  char *summary;
  /* A reload refills the filters, then builds the library once. */
  gboolean reloading;

  /* Template children */
  HbFilterBar *filter_bar;
  GtkListView *library_view;
};

static void hb_library_page_sidebar_page_init (HbSidebarPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbLibraryPage, hb_library_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (HB_TYPE_SIDEBAR_PAGE,
                                                      hb_library_page_sidebar_page_init))

enum
{
  PROP_0,
  PROP_ARTICLES,
  PROP_SUMMARY,
  PROP_KIND,
  PROP_PLATFORM,
  PROP_TAG,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (HbLibraryPage *self, const char *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text))
    g_warning ("%s", text);
}

static GListModel *
library_child_model_cb (gpointer item, gpointer user_data)
{
  if (HB_IS_LIBRARY_GROUP (item))
    return g_object_ref (hb_library_group_get_articles (HB_LIBRARY_GROUP (item)));
  return NULL;
}

static void
library_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (count, "library-count");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
  hb_list_item_activate_on_click (item, expander);
}

static void
library_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *count = gtk_widget_get_next_sibling (title);
  g_autoptr (GObject) object = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);

  if (HB_IS_LIBRARY_GROUP (object))
    {
      HbLibraryGroup *group = HB_LIBRARY_GROUP (object);
      g_autofree char *n = g_strdup_printf ("%u", hb_library_group_get_count (group));

      gtk_label_set_text (GTK_LABEL (title), hb_library_group_get_label (group));
      hb_accessible_name_list_item (expander, hb_library_group_get_label (group));
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_text (GTK_LABEL (count), n);
      gtk_widget_set_visible (count, TRUE);
      gtk_widget_set_tooltip_text (box, NULL);
    }
  else
    {
      HbArticle *article = HB_ARTICLE (object);

      gtk_label_set_text (GTK_LABEL (title), hb_article_get_title (article));
      hb_accessible_name_list_item (expander, hb_article_get_title (article));
      gtk_widget_remove_css_class (title, "heading");
      gtk_widget_set_visible (count, FALSE);
      gtk_widget_set_tooltip_text (box, hb_article_get_title (article));
    }
}

static void
rebuild (HbLibraryPage *self)
{
  g_autoptr (GListModel) groups = NULL;
  g_autoptr (GtkTreeListModel) tree = NULL;

  g_assert (HB_IS_LIBRARY_PAGE (self));

  groups = hb_library_build (self->articles, hb_filter_bar_get_kind (self->filter_bar),
                             hb_filter_bar_get_platform (self->filter_bar),
                             hb_filter_bar_get_tag (self->filter_bar));
  tree = gtk_tree_list_model_new (g_steal_pointer (&groups), FALSE, TRUE, library_child_model_cb,
                                  NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
}

static char *
count_kind (HbArticleKind kind, guint n)
{
  switch (kind)
    {
    case HB_ARTICLE_KIND_GUIDE:
      return g_strdup_printf (ngettext ("%u guide", "%u guides", n), n);
    case HB_ARTICLE_KIND_FAQ:
      return g_strdup_printf (ngettext ("%u FAQ", "%u FAQs", n), n);
    case HB_ARTICLE_KIND_REGULATION:
      return g_strdup_printf (ngettext ("%u regulation", "%u regulations", n), n);
    case HB_ARTICLE_KIND_LESSON:
    case HB_ARTICLE_N_KINDS:
    default:
      return g_strdup_printf (ngettext ("%u lesson", "%u lessons", n), n);
    }
}

/* The start page says what the handbook holds. */
static char *
summarize (GListModel *articles)
{
  g_autoptr (GListModel) groups = hb_library_build (articles, NULL, NULL, NULL);
  g_autoptr (GString) kinds = g_string_new (NULL);
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (articles);
  guint i;

  if (n == 0)
    return g_strdup (_("The handbook is empty. Import a folder of Markdown articles from the main menu."));

  total = g_strdup_printf (ngettext ("%u article", "%u articles", n), n);
  for (i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr (HbLibraryGroup) group = g_list_model_get_item (groups, i);
      g_autofree char *count = count_kind (hb_library_group_get_kind (group), hb_library_group_get_count (group));

      if (i > 0)
        /* Translators: between the items of a list, "21 guides, 8 FAQs". */
        g_string_append (kinds, C_("list separator", ", "));
      g_string_append (kinds, count);
    }
  /* Translators: "44 articles: 21 guides, 8 FAQs, 7 regulations, 8
   * lessons." then, on the next line, what to do. */
  text = g_strdup_printf (_("%s: %s.\n%s"), total, kinds->str,
                          _("Pick one from the library, or start typing to search."));
  return g_steal_pointer (&text);
}

static void
hb_library_page_reload (HbSidebarPage *page)
{
  HbLibraryPage *self = HB_LIBRARY_PAGE (page);
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->articles);
  self->articles = hb_store_list_articles (self->store, NULL, &error);
  if (self->articles == NULL)
    {
      show_toast (self, error->message);
      self->articles = G_LIST_MODEL (g_list_store_new (HB_TYPE_ARTICLE));
    }

  self->reloading = TRUE;
  hb_filter_bar_set_articles (self->filter_bar, self->articles);
  self->reloading = FALSE;
  rebuild (self);

  g_free (self->summary);
  self->summary = summarize (self->articles);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static gboolean
hb_library_page_focus_list (HbSidebarPage *page)
{
  HbLibraryPage *self = HB_LIBRARY_PAGE (page);

  gtk_widget_child_focus (GTK_WIDGET (self->library_view), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static void
hb_library_page_sidebar_page_init (HbSidebarPageInterface *iface)
{
  iface->reload = hb_library_page_reload;
  iface->focus_list = hb_library_page_focus_list;
}

static void
filter_changed_cb (HbLibraryPage *self)
{
  if (!self->reloading)
    rebuild (self);
}

/* The page's filters are its filter bar's. */
static void
filter_notify_cb (HbLibraryPage *self, GParamSpec *pspec)
{
  g_object_notify (G_OBJECT (self), g_param_spec_get_name (pspec));
}

static void
library_activate_cb (HbLibraryPage *self, guint position)
{
  g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr (GObject) object = NULL;

  if (row == NULL)
    return;

  object = gtk_tree_list_row_get_item (row);
  if (HB_IS_ARTICLE (object))
    hb_sidebar_page_emit_article_activated (HB_SIDEBAR_PAGE (self), hb_article_get_id (HB_ARTICLE (object)),
                                            0, NULL);
  else
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static void
hb_library_page_constructed (GObject *object)
{
  HbLibraryPage *self = HB_LIBRARY_PAGE (object);

  G_OBJECT_CLASS (hb_library_page_parent_class)->constructed (object);

  g_assert (HB_IS_STORE (self->store));
}

static void
hb_library_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_LIBRARY_PAGE);

  G_OBJECT_CLASS (hb_library_page_parent_class)->dispose (object);
}

static void
hb_library_page_finalize (GObject *object)
{
  HbLibraryPage *self = HB_LIBRARY_PAGE (object);

  g_clear_object (&self->articles);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->summary, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_library_page_parent_class)->finalize (object);
}

static void
hb_library_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbLibraryPage *self = HB_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ARTICLES:
      g_value_set_object (value, self->articles);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_KIND:
      g_value_set_string (value, hb_filter_bar_get_kind (self->filter_bar));
      break;
    case PROP_PLATFORM:
      g_value_set_string (value, hb_filter_bar_get_platform (self->filter_bar));
      break;
    case PROP_TAG:
      g_value_set_string (value, hb_filter_bar_get_tag (self->filter_bar));
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_library_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbLibraryPage *self = HB_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      hb_filter_bar_set_kind (self->filter_bar, g_value_get_string (value));
      break;
    case PROP_PLATFORM:
      hb_filter_bar_set_platform (self->filter_bar, g_value_get_string (value));
      break;
    case PROP_TAG:
      hb_filter_bar_set_tag (self->filter_bar, g_value_get_string (value));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_library_page_class_init (HbLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hb_library_page_constructed;
  object_class->dispose = hb_library_page_dispose;
  object_class->finalize = hb_library_page_finalize;
  object_class->get_property = hb_library_page_get_property;
  object_class->set_property = hb_library_page_set_property;

  properties[PROP_ARTICLES] = g_param_spec_object ("articles", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLATFORM] = g_param_spec_string ("platform", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG] = g_param_spec_string ("tag", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROP_STORE, properties);
  g_object_class_override_property (object_class, PROP_STORE, "store");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handbook/Handbook/ui/hb-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbLibraryPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, HbLibraryPage, library_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, library_activate_cb);

  g_type_ensure (HB_TYPE_FILTER_BAR);
}

static void
hb_library_page_init (HbLibraryPage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (library_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (library_bind_cb), NULL);
  gtk_list_view_set_factory (self->library_view, factory);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->library_view, GTK_SELECTION_MODEL (self->selection));
}

HbLibraryPage *
hb_library_page_new (HbStore *store)
{
  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  return g_object_new (HB_TYPE_LIBRARY_PAGE, "store", store, NULL);
}

GListModel *
hb_library_page_get_articles (HbLibraryPage *self)
{
  g_return_val_if_fail (HB_IS_LIBRARY_PAGE (self), NULL);
  return self->articles;
}

const char *
hb_library_page_get_summary (HbLibraryPage *self)
{
  g_return_val_if_fail (HB_IS_LIBRARY_PAGE (self), NULL);
  return self->summary;
}
