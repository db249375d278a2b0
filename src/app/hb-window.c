/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hb-window.h"
#include "hb-import-dialog.h"
#include "hb-resources.h"
#include "hb-library.h"
#include "hb-page.h"
#include "hb-search.h"
#include "hb-util.h"
#include "hb-store-articles.h"

#define ZOOM_STEP 0.1
#define ZOOM_MIN 0.5
#define ZOOM_MAX 3.0

struct _HbWindow
{
  AdwApplicationWindow parent_instance;

  HbStore *store;
  GSettings *settings;
  HbWebView *web_view;
  GCancellable *citation_cancellable;

  GListModel *articles;
  GtkSingleSelection *library_selection;
  GtkSingleSelection *results_selection;
  GPtrArray *platform_values;
  GPtrArray *tag_values;
  gboolean updating_filters;
  char *shown_query;

  /* Template children */
  AdwLeaflet *leaflet;
  GtkSearchEntry *search_entry;
  GtkDropDown *kind_dropdown;
  GtkDropDown *platform_dropdown;
  GtkDropDown *tag_dropdown;
  GtkStack *sidebar_stack;
  GtkListView *library_view;
  GtkListView *results_view;
  GtkLabel *results_label;
  AdwStatusPage *no_results_page;
  GtkBox *suggestions_box;
  GtkBox *more_suggestions_box;
  AdwWindowTitle *article_title;
  GtkMenuButton *toc_button;
  GtkSearchBar *find_bar;
  GtkToggleButton *find_button;
  GtkSearchEntry *find_entry;
  GtkLabel *find_label;
  AdwToastOverlay *toast_overlay;
  GtkStack *content_stack;
  AdwStatusPage *welcome_page;
};

G_DEFINE_FINAL_TYPE (HbWindow, hb_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SEARCH_UPDATED,
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

static void run_search (HbWindow *self);

static void
toast (HbWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Filters ----------------------------------------------------------------- */

static const char *
selected_kind (HbWindow *self)
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
 * Fills a filter with the values the library has, most used first, each
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

/* Library ------------------------------------------------------------------ */

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
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_text (GTK_LABEL (count), n);
      gtk_widget_set_visible (count, TRUE);
      gtk_widget_set_tooltip_text (box, NULL);
    }
  else
    {
      HbArticle *article = HB_ARTICLE (object);

      gtk_label_set_text (GTK_LABEL (title), hb_article_get_title (article));
      gtk_widget_remove_css_class (title, "heading");
      gtk_widget_set_visible (count, FALSE);
      gtk_widget_set_tooltip_text (box, hb_article_get_title (article));
    }
}

static void
rebuild_library (HbWindow *self)
{
  g_autoptr (GListModel) groups = NULL;
  GtkTreeListModel *tree;

  groups = hb_library_build (self->articles, selected_kind (self),
                             selected_value (self->platform_dropdown, self->platform_values),
                             selected_value (self->tag_dropdown, self->tag_values));
  tree = gtk_tree_list_model_new (g_steal_pointer (&groups), FALSE, TRUE, library_child_model_cb,
                                  NULL, NULL);
  gtk_single_selection_set_model (self->library_selection, G_LIST_MODEL (tree));
  g_object_unref (tree);
}

/* The start page says what the handbook holds. */
static void
update_welcome (HbWindow *self)
{
  g_autoptr (GListModel) groups = hb_library_build (self->articles, NULL, NULL, NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (self->articles);
  guint i;

  if (n == 0)
    {
      adw_status_page_set_description (self->welcome_page,
                                       _("The handbook is empty. Import a folder of Markdown articles "
                                         "from the main menu."));
      return;
    }

  g_string_printf (text, ngettext ("%u article", "%u articles", n), n);
  for (i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr (HbLibraryGroup) group = g_list_model_get_item (groups, i);

      g_string_append_printf (text, "%s%u %s", i == 0 ? ": " : ", ", hb_library_group_get_count (group),
                              hb_library_group_get_label (group));
    }
  g_string_append (text, ".\n");
  g_string_append (text, _("Pick one from the library, or start typing to search."));
  adw_status_page_set_description (self->welcome_page, text->str);
}

void
hb_window_reload (HbWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) platform_counts = NULL;
  g_autoptr (GHashTable) tag_counts = NULL;
  g_autofree char *platform = NULL;
  g_autofree char *tag = NULL;

  g_return_if_fail (HB_IS_WINDOW (self));

  g_clear_object (&self->articles);
  self->articles = hb_store_list_articles (self->store, NULL, &error);
  if (self->articles == NULL)
    {
      toast (self, error->message);
      self->articles = G_LIST_MODEL (g_list_store_new (HB_TYPE_ARTICLE));
    }

  platform = g_strdup (selected_value (self->platform_dropdown, self->platform_values));
  tag = g_strdup (selected_value (self->tag_dropdown, self->tag_values));

  self->updating_filters = TRUE;
  platform_counts = hb_library_count_values (self->articles, FALSE);
  tag_counts = hb_library_count_values (self->articles, TRUE);
  g_clear_pointer (&self->platform_values, g_ptr_array_unref);
  self->platform_values = fill_value_filter (self->platform_dropdown, platform_counts,
                                             _("All Platforms"), TRUE, platform);
  g_clear_pointer (&self->tag_values, g_ptr_array_unref);
  self->tag_values = fill_value_filter (self->tag_dropdown, tag_counts, _("All Tags"), FALSE, tag);
  self->updating_filters = FALSE;

  rebuild_library (self);
  run_search (self);
  update_welcome (self);
}

static void
library_activate_cb (HbWindow *self, guint position)
{
  g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->library_selection), position);
  g_autoptr (GObject) object = NULL;

  if (row == NULL)
    return;

  object = gtk_tree_list_row_get_item (row);
  if (HB_IS_ARTICLE (object))
    hb_window_open_article (self, hb_article_get_id (HB_ARTICLE (object)), 0, NULL);
  else
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* Search ------------------------------------------------------------------- */

static void
result_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "result-row");
  gtk_widget_add_css_class (title, "result-title");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);

  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);

  gtk_widget_add_css_class (snippet, "result-snippet");
  gtk_widget_add_css_class (snippet, "caption");
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (snippet), 40);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_list_item_set_child (item, box);
}

static char *
result_meta_text (HbSearchResult *result)
{
  g_autoptr (GString) meta = g_string_new (NULL);
  const char *const *platforms = hb_search_result_get_platforms (result);
  HbArticleKind kind = HB_ARTICLE_KIND_GUIDE;
  guint i;

  hb_article_kind_from_string (hb_search_result_get_kind (result), &kind);
  g_string_append (meta, hb_article_kind_get_singular_label (kind));
  for (i = 0; platforms != NULL && platforms[i] != NULL; i++)
    {
      g_string_append (meta, i == 0 ? " · " : ", ");
      g_string_append (meta, hb_platform_get_label (platforms[i]));
    }
  /* A match under the "# Title" heading is just "in the article". */
  if (hb_search_result_get_section (result) != NULL
      && g_strcmp0 (hb_search_result_get_section (result), hb_search_result_get_title (result)) != 0)
    g_string_append_printf (meta, " · § %s", hb_search_result_get_section (result));

  return g_string_free (g_steal_pointer (&meta), FALSE);
}

static void
result_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  HbSearchResult *result = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *meta = gtk_widget_get_next_sibling (title);
  GtkWidget *snippet = gtk_widget_get_next_sibling (meta);
  g_autofree char *meta_text = result_meta_text (result);
  g_autofree char *markup = hb_search_result_get_snippet_markup (result);

  gtk_label_set_text (GTK_LABEL (title), hb_search_result_get_title (result));
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  gtk_label_set_markup (GTK_LABEL (snippet), markup);
  gtk_widget_set_visible (snippet, markup != NULL && *markup != '\0');
}

static void
suggestion_clicked_cb (GtkButton *button, HbWindow *self)
{
  const char *suggestion = g_object_get_data (G_OBJECT (button), "suggestion");

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), suggestion);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* Fills @box with "did you mean" buttons; returns how many. */
static guint
fill_suggestions (HbWindow *self, GtkBox *box, const char *query)
{
  g_auto (GStrv) suggestions = hb_search_suggest (self->store, query, 3);
  guint i;

  clear_box (box);
  for (i = 0; suggestions != NULL && suggestions[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Did you mean “%s”?"), suggestions[i]);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_add_css_class (button, "pill");
      if (box == self->more_suggestions_box)
        {
          gtk_widget_remove_css_class (button, "pill");
          gtk_widget_add_css_class (button, "flat");
        }
      g_object_set_data_full (G_OBJECT (button), "suggestion", g_strdup (suggestions[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (suggestion_clicked_cb), self);
      gtk_box_append (box, button);
    }
  return i;
}

/* GTK 4.8 has no gtk_list_view_scroll_to(); the list's own action does it. */
static void
scroll_to_result (HbWindow *self, guint position)
{
  gtk_widget_activate_action (GTK_WIDGET (self->results_view), "list.scroll-to-item", "u", position);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void run_search_inner (HbWindow *self);

/* Shows the results for the text in the search entry (or the library when
 * it is empty), then says so with ::search-updated. */
static void
run_search (HbWindow *self)
{
  g_free (self->shown_query);
  self->shown_query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  run_search_inner (self);
  g_signal_emit (self, signals[SEARCH_UPDATED], 0);
}

static void
run_search_inner (HbWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) results = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  HbSearchOptions options = { 0 };
  guint n;

  if (query == NULL || is_blank (query))
    {
      /* An empty query shows the library again. */
      g_autoptr (GListStore) empty = g_list_store_new (HB_TYPE_SEARCH_RESULT);

      gtk_single_selection_set_model (self->results_selection, G_LIST_MODEL (empty));
      gtk_stack_set_visible_child_name (self->sidebar_stack, "library");
      return;
    }

  options.kind = selected_kind (self);
  options.platform = selected_value (self->platform_dropdown, self->platform_values);
  options.tag = selected_value (self->tag_dropdown, self->tag_values);
  options.limit = 50;

  results = hb_search_run (self->store, query, &options, &error);
  if (results == NULL)
    {
      toast (self, error->message);
      return;
    }

  gtk_single_selection_set_model (self->results_selection, results);
  n = g_list_model_get_n_items (results);

  if (n == 0)
    {
      guint suggestions = fill_suggestions (self, self->suggestions_box, query);

      adw_status_page_set_description (self->no_results_page,
                                       suggestions > 0 ? NULL
                                                       : _("Try other words, or fewer filters."));
      gtk_stack_set_visible_child_name (self->sidebar_stack, "no-results");
      return;
    }

  {
    g_autofree char *label = g_strdup_printf (ngettext ("%u result", "%u results", n), n);

    gtk_label_set_text (self->results_label, label);
  }
  /* Few results may be a typo too. */
  gtk_widget_set_visible (GTK_WIDGET (self->more_suggestions_box),
                          n < 3 && fill_suggestions (self, self->more_suggestions_box, query) > 0);
  gtk_single_selection_set_selected (self->results_selection, 0);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "results");
  scroll_to_result (self, 0);
}

static void
search_changed_cb (HbWindow *self)
{
  run_search (self);
}

static void
filter_changed_cb (HbWindow *self)
{
  /* Filling the filters (and building the window) changes them too. */
  if (self->updating_filters || self->library_selection == NULL)
    return;
  rebuild_library (self);
  run_search (self);
}

static void
open_result (HbWindow *self, HbSearchResult *result)
{
  hb_window_open_article (self, hb_search_result_get_id (result), 0,
                          hb_search_result_get_section_id (result));
}

static void
result_activate_cb (HbWindow *self, guint position)
{
  g_autoptr (HbSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->results_selection),
                                                             position);

  if (result != NULL)
    open_result (self, result);
}

static void
search_activate_cb (HbWindow *self)
{
  g_autoptr (HbSearchResult) result = NULL;
  guint selected = gtk_single_selection_get_selected (self->results_selection);

  /* Enter opens the selected result, or the best one. */
  result = g_list_model_get_item (G_LIST_MODEL (self->results_selection),
                                  selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  if (result == NULL)
    return;

  open_result (self, result);
  /* Read on with the keyboard (Space, Page Down); typing starts a new
   * search, which replaces the selected old one. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

static void
search_stop_cb (HbWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else if (gtk_stack_get_visible_child_name (self->content_stack) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

/* Up and Down move through the results while typing stays in the entry. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                       GdkModifierType state, HbWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->results_selection);
  guint n = g_list_model_get_n_items (model);
  guint selected = gtk_single_selection_get_selected (self->results_selection);
  guint next;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "results") != 0 || n == 0)
    {
      if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
        {
          gtk_widget_child_focus (GTK_WIDGET (self->library_view), GTK_DIR_TAB_FORWARD);
          return TRUE;
        }
      return FALSE;
    }

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      next = selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 1, n - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      next = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? 0 : selected - 1;
      break;
    case GDK_KEY_Page_Down:
      next = selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 5, n - 1);
      break;
    case GDK_KEY_Page_Up:
      next = selected == GTK_INVALID_LIST_POSITION || selected < 5 ? 0 : selected - 5;
      break;
    default:
      return FALSE;
    }

  gtk_single_selection_set_selected (self->results_selection, next);
  scroll_to_result (self, next);
  return TRUE;
}

/* Article ------------------------------------------------------------------- */

void
hb_window_open_article (HbWindow *self, const char *id, guint version, const char *section_id)
{
  g_return_if_fail (HB_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  hb_web_view_load_article (self->web_view, id, version, section_id);
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->web_view));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
update_toc (HbWindow *self, HbArticle *article)
{
  GPtrArray *headings = hb_web_view_get_headings (self->web_view);
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkPopover *popover;
  guint i, shown = 0;

  for (i = 0; headings != NULL && i < headings->len; i++)
    {
      HbHeading *heading = g_ptr_array_index (headings, i);
      g_autofree char *label = NULL;
      g_autoptr (GMenuItem) item = NULL;

      /* The first "# Title" is the page's own header. */
      if (i == 0 && heading->level == 1 && g_strcmp0 (heading->text, hb_article_get_title (article)) == 0)
        continue;
      if (heading->level > 3)
        continue;

      label = g_strdup_printf ("%*s%s", MAX (heading->level - 2, 0) * 4, "", heading->text);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.goto-section", "s", heading->id);
      g_menu_append_item (menu, item);
      shown++;
    }

  gtk_menu_button_set_menu_model (self->toc_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->toc_button), shown > 0);

  popover = gtk_menu_button_get_popover (self->toc_button);
  if (popover != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (popover), "toc");
}

static void
update_navigation_actions (HbWindow *self)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (self->web_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", webkit_web_view_can_go_back (view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward",
                                 webkit_web_view_can_go_forward (view));
}

static void
article_changed_cb (HbWindow *self)
{
  HbArticle *article = hb_web_view_get_article (self->web_view);
  g_autofree char *today = hb_util_today ();
  g_autoptr (GString) subtitle = g_string_new (NULL);

  update_navigation_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-citation", article != NULL);

  if (article == NULL)
    {
      adw_window_title_set_title (self->article_title, "");
      adw_window_title_set_subtitle (self->article_title, "");
      update_toc (self, NULL);
      return;
    }

  g_string_append (subtitle, hb_article_kind_get_singular_label (hb_article_get_kind (article)));
  g_string_append (subtitle, " · ");
  g_string_append_printf (subtitle, _("Version %u"), hb_article_get_version (article));
  if (hb_article_is_pending (article, today))
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("Takes effect on %s"), hb_article_get_effective (article));
    }
  else if (hb_article_get_effective (article) != NULL)
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("Effective %s"), hb_article_get_effective (article));
    }

  adw_window_title_set_title (self->article_title, hb_article_get_title (article));
  adw_window_title_set_subtitle (self->article_title, subtitle->str);
  gtk_window_set_title (GTK_WINDOW (self), hb_article_get_title (article));
  update_toc (self, article);

  /* A new page starts a new find. */
  if (gtk_search_bar_get_search_mode (self->find_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->find_entry), "");
}

static void
web_message_cb (HbWindow *self, const char *text)
{
  toast (self, text);
}

static void
goto_section_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);
  HbArticle *article = hb_web_view_get_article (self->web_view);
  guint version;

  if (article == NULL)
    return;
  version = hb_article_get_version (article) == hb_article_get_current_version (article)
              ? 0
              : hb_article_get_version (article);
  hb_window_open_article (self, hb_article_get_id (article), version,
                          g_variant_get_string (parameter, NULL));
}

static void
go_back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  webkit_web_view_go_back (WEBKIT_WEB_VIEW (HB_WINDOW (widget)->web_view));
}

static void
go_forward_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  webkit_web_view_go_forward (WEBKIT_WEB_VIEW (HB_WINDOW (widget)->web_view));
}

static void
mouse_button_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, HbWindow *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  /* The side buttons of a mouse: 8 back, 9 forward. */
  if (button == 8)
    webkit_web_view_go_back (WEBKIT_WEB_VIEW (self->web_view));
  else if (button == 9)
    webkit_web_view_go_forward (WEBKIT_WEB_VIEW (self->web_view));
  else
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Citation ----------------------------------------------------------------- */

static void
citation_section_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *section_text = NULL;
  g_autofree char *section_id = NULL;
  g_autofree char *citation = NULL;
  HbArticle *article;

  section_id = hb_web_view_get_section_finish (HB_WEB_VIEW (source), result, &section_text, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Cannot tell which section is shown: %s", error->message);

  article = hb_web_view_get_article (self->web_view);
  if (article == NULL)
    return;

  citation = hb_citation_format (article, section_text, section_id);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), citation);
  toast (self, _("Citation copied"));
}

static void
copy_citation_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);

  if (hb_web_view_get_article (self->web_view) == NULL)
    return;

  g_cancellable_cancel (self->citation_cancellable);
  g_clear_object (&self->citation_cancellable);
  self->citation_cancellable = g_cancellable_new ();
  hb_web_view_get_section_async (self->web_view, self->citation_cancellable, citation_section_cb,
                                 g_object_ref (self));
}

/* Find in page ------------------------------------------------------------- */

static WebKitFindController *
find_controller (HbWindow *self)
{
  return webkit_web_view_get_find_controller (WEBKIT_WEB_VIEW (self->web_view));
}

static void
find_changed_cb (HbWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));

  if (*text == '\0')
    {
      webkit_find_controller_search_finish (find_controller (self));
      gtk_label_set_text (self->find_label, "");
      return;
    }
  webkit_find_controller_count_matches (find_controller (self), text,
                                        WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE, G_MAXUINT);
  webkit_find_controller_search (find_controller (self), text,
                                 WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE | WEBKIT_FIND_OPTIONS_WRAP_AROUND,
                                 G_MAXUINT);
}

static void
find_next_cb (HbWindow *self)
{
  webkit_find_controller_search_next (find_controller (self));
}

static void
find_previous_cb (HbWindow *self)
{
  webkit_find_controller_search_previous (find_controller (self));
}

static void
find_stop_cb (HbWindow *self)
{
  gtk_search_bar_set_search_mode (self->find_bar, FALSE);
}

static void
counted_matches_cb (HbWindow *self, guint count)
{
  g_autofree char *label = g_strdup_printf (ngettext ("%u match", "%u matches", count), count);

  gtk_label_set_text (self->find_label, label);
}

static void
failed_to_find_cb (HbWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->find_entry)) != '\0')
    gtk_label_set_text (self->find_label, _("Not found"));
}

static void
find_mode_changed_cb (HbWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->find_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
  else
    {
      webkit_find_controller_search_finish (find_controller (self));
      gtk_label_set_text (self->find_label, "");
    }
}

static void
find_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);

  if (hb_web_view_get_article (self->web_view) == NULL)
    return;
  gtk_search_bar_set_search_mode (self->find_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
}

/* Zoom --------------------------------------------------------------------- */

static void
set_zoom (HbWindow *self, double level)
{
  /* Steps of 10 %, without 1.2000000000000002 creeping in. */
  level = CLAMP (round (level * 10) / 10, ZOOM_MIN, ZOOM_MAX);
  webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (self->web_view), level);
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "zoom-level", level);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", level < ZOOM_MAX - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", level > ZOOM_MIN + 0.001);
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);
  double level = webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (self->web_view));

  if (g_str_equal (action_name, "win.zoom-in"))
    set_zoom (self, level + ZOOM_STEP);
  else if (g_str_equal (action_name, "win.zoom-out"))
    set_zoom (self, level - ZOOM_STEP);
  else
    set_zoom (self, 1.0);
}

/* Other actions -------------------------------------------------------------- */

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbWindow *self = HB_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
show_sidebar_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  adw_leaflet_set_visible_child_name (HB_WINDOW (widget)->leaflet, "sidebar");
}

static void
imported_cb (HbWindow *self)
{
  hb_window_reload (self);
  hb_web_view_refresh (self->web_view);
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
      toast (self, _("This handbook is read-only: nothing can be imported into it"));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Import Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"),
                                         _("_Cancel"));
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

/* Window --------------------------------------------------------------------- */

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_warning ("The GSettings schema %s is not installed: window size and zoom are not kept", APP_ID);
      return NULL;
    }
  return g_settings_new (APP_ID);
}

static gboolean
hb_window_close_request (GtkWindow *window)
{
  HbWindow *self = HB_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (hb_window_parent_class)->close_request (window);
}

static void
hb_window_constructed (GObject *object)
{
  HbWindow *self = HB_WINDOW (object);
  GtkStringList *kinds;
  GtkListItemFactory *factory;
  GtkEventController *keys;
  GtkGesture *buttons;
  guint i;

  G_OBJECT_CLASS (hb_window_parent_class)->constructed (object);

  g_assert (HB_IS_STORE (self->store));

  self->settings = new_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* The content view. */
  self->web_view = hb_web_view_new (self->store);
  gtk_widget_set_vexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->web_view), "article");
  g_signal_connect_object (self->web_view, "article-changed", G_CALLBACK (article_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "message", G_CALLBACK (web_message_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (webkit_web_view_get_back_forward_list (WEBKIT_WEB_VIEW (self->web_view)),
                           "changed", G_CALLBACK (update_navigation_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (find_controller (self), "counted-matches", G_CALLBACK (counted_matches_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (find_controller (self), "failed-to-find-text",
                           G_CALLBACK (failed_to_find_cb), self, G_CONNECT_SWAPPED);
  set_zoom (self, self->settings != NULL ? g_settings_get_double (self->settings, "zoom-level") : 1.0);

  /* Filters. */
  kinds = gtk_string_list_new (NULL);
  gtk_string_list_append (kinds, _("All Kinds"));
  for (i = 0; i < G_N_ELEMENTS (filter_kinds); i++)
    gtk_string_list_append (kinds, hb_article_kind_get_label (filter_kinds[i]));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  g_object_unref (kinds);

  /* Library. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (library_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (library_bind_cb), NULL);
  gtk_list_view_set_factory (self->library_view, factory);
  g_object_unref (factory);
  self->library_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->library_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->library_selection, TRUE);
  gtk_list_view_set_model (self->library_view, GTK_SELECTION_MODEL (self->library_selection));

  /* Results. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (result_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (result_bind_cb), NULL);
  gtk_list_view_set_factory (self->results_view, factory);
  g_object_unref (factory);
  self->results_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->results_selection, FALSE);
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (self->results_selection));

  /* Typing anywhere searches; Up and Down walk the results. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  g_signal_connect_object (self->find_bar, "notify::search-mode-enabled",
                           G_CALLBACK (find_mode_changed_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->find_bar, "search-mode-enabled", self->find_button, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  buttons = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (buttons), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (buttons), GTK_PHASE_CAPTURE);
  g_signal_connect (buttons, "pressed", G_CALLBACK (mouse_button_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (buttons));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-citation", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->toc_button), FALSE);

  /* A search-first window: the first keystroke goes to the search. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));

  hb_window_reload (self);
}

static void
hb_window_dispose (GObject *object)
{
  HbWindow *self = HB_WINDOW (object);

  g_cancellable_cancel (self->citation_cancellable);
  g_clear_object (&self->citation_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_WINDOW);

  G_OBJECT_CLASS (hb_window_parent_class)->dispose (object);
}

static void
hb_window_finalize (GObject *object)
{
  HbWindow *self = HB_WINDOW (object);

  g_clear_object (&self->articles);
  g_clear_object (&self->library_selection);
  g_clear_object (&self->results_selection);
  g_clear_pointer (&self->platform_values, g_ptr_array_unref);
  g_clear_pointer (&self->tag_values, g_ptr_array_unref);
  g_clear_pointer (&self->shown_query, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_window_parent_class)->finalize (object);
}

static void
hb_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbWindow *self = HB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbWindow *self = HB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_window_class_init (HbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  /* The resources live in a static library; naming them links them in,
   * and linking them in registers them. */
  g_assert (hb_get_resource () != NULL);

  object_class->constructed = hb_window_constructed;
  object_class->dispose = hb_window_dispose;
  object_class->finalize = hb_window_finalize;
  object_class->set_property = hb_window_set_property;
  object_class->get_property = hb_window_get_property;
  window_class->close_request = hb_window_close_request;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HB_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbWindow::search-updated:
   *
   * The results (or the library) now show what the search entry says.
   */
  signals[SEARCH_UPDATED] = g_signal_new ("search-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/handbook/Handbook/ui/hb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, platform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, library_view);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, results_label);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, suggestions_box);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, more_suggestions_box);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, article_title);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, toc_button);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, find_bar);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, find_entry);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, find_label);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, welcome_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, library_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_stop_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, go_forward_action);
  gtk_widget_class_install_action (widget_class, "win.goto-section", "s", goto_section_action);
  gtk_widget_class_install_action (widget_class, "win.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.go-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "win.go-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-citation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  /* The keypad keys first: the menu shows the last binding of an action. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
}

static void
hb_window_init (HbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HbWindow *
hb_window_new (GtkApplication *application, HbStore *store)
{
  return g_object_new (HB_TYPE_WINDOW, "application", application, "store", store, NULL);
}

HbStore *
hb_window_get_store (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->store;
}

GtkEditable *
hb_window_get_search_entry (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

HbWebView *
hb_window_get_web_view (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->web_view;
}

const char *
hb_window_get_shown_query (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->shown_query;
}

GListModel *
hb_window_get_results (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->results_selection);
}
