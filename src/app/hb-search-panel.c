/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search-panel"

#include "config.h"

#include "hb-search-panel.h"
#include "hb-accessible.h"
#include "hb-list-click.h"
#include "hb-filter-bar.h"
#include "hb-page.h"
#include "hb-search.h"
#include "hb-searcher.h"

#include <glib/gi18n.h>

/* Scrolling on lists a page more, up to this many results. */
#define HB_SEARCH_LIST_MAX 200

struct _HbSearchPanel
{
  AdwBin parent_instance;

  HbStore *store;
  HbSearcher *searcher;
  GCancellable *searching; /* the search under way; cancelled by the next */
  GtkSingleSelection *selection;
  char *query;
  gboolean active;
  gboolean as_typed;       /* the user asked for the words as typed */
  char *corrected_query;   /* what the shown results are for, when corrected */
  guint limit;             /* the results asked for: a page more at each scroll to the end */
  gboolean has_more;       /* the search has more than it listed */
  gboolean more_wanted;    /* the search under way is for the next page */

  /* Template children */
  HbFilterBar *filter_bar;
  GtkStack *stack;
  GtkListView *results_view;
  GtkLabel *results_label;
  AdwStatusPage *no_results_page;
  GtkBox *suggestions_box;
  GtkBox *more_suggestions_box;
  GtkLabel *corrected_label;
  GtkLabel *missing_label;
};

G_DEFINE_FINAL_TYPE (HbSearchPanel, hb_search_panel, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_ACTIVE,
  PROP_ARTICLES,
  PROP_KIND,
  PROP_PLATFORM,
  PROP_TAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RESULT_ACTIVATED,
  SUGGESTION_ACTIVATED,
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (HbSearchPanel *self, const char *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text))
    g_warning ("%s", text);
}

/* Results ------------------------------------------------------------------ */

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
  hb_list_item_activate_on_click (item, box);
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
      g_string_append (meta, i == 0 ? " · " : C_("list separator", ", "));
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
  hb_accessible_name_list_item (box, hb_search_result_get_title (result));
}

/* Suggestions -------------------------------------------------------------- */

static void
suggestion_clicked_cb (GtkButton *button, HbSearchPanel *self)
{
  const char *suggestion = g_object_get_data (G_OBJECT (button), "suggestion");

  g_signal_emit (self, signals[SUGGESTION_ACTIVATED], 0, suggestion);
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
fill_suggestions (HbSearchPanel *self, GtkBox *box, const char *const *suggestions)
{
  guint i;

  clear_box (box);
  for (i = 0; suggestions != NULL && suggestions[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Did you mean “%s”?"), suggestions[i]);
      GtkWidget *button = gtk_button_new_with_label (label);

      /* Big under "No Results Found", quiet under a short list. */
      gtk_widget_add_css_class (button, box == self->more_suggestions_box ? "flat" : "pill");
      g_object_set_data_full (G_OBJECT (button), "suggestion", g_strdup (suggestions[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (suggestion_clicked_cb), self);
      gtk_box_append (box, button);
    }
  return i;
}

/* Searching ---------------------------------------------------------------- */

/* GTK 4.8 has no gtk_list_view_scroll_to(); the list's own action does it. */
static void
scroll_to_result (HbSearchPanel *self, guint position)
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

static void
set_active (HbSearchPanel *self, gboolean active)
{
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/* "Showing results for warranty. Search for warrenty instead." */
static void
show_correction (HbSearchPanel *self, HbSearchResponse *response)
{
  const char *corrected = hb_search_response_get_corrected_query (response);
  g_autofree char *shown = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *markup = NULL;

  g_free (self->corrected_query);
  self->corrected_query = g_strdup (corrected);
  gtk_widget_set_visible (GTK_WIDGET (self->corrected_label), corrected != NULL);
  if (corrected == NULL)
    return;

  shown = g_markup_escape_text (corrected, -1);
  typed = g_markup_escape_text (hb_search_response_get_query (response), -1);
  /* Translators: the first %s is the query as searched, the second as typed. */
  markup = g_strdup_printf (_("Showing results for <b>%s</b>. Search for <a href=\"as-typed\">%s</a> "
                              "instead."),
                            shown, typed);
  gtk_label_set_markup (self->corrected_label, markup);
}

/* The words no article has: the results match the others, and none is
 * about them ("pinduoduo refund rules": there is no Pinduoduo policy). */
static void
show_missing (HbSearchPanel *self, HbSearchResponse *response, guint n_results)
{
  GPtrArray *missing = hb_search_response_get_missing (response);
  g_autofree char *words = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), n_results > 0 && missing->len > 0);
  if (n_results == 0 || missing->len == 0)
    return;
  words = hb_search_quote_words (missing);
  /* Translators: %s is one or more words as typed, each in quotes. */
  text = g_strdup_printf (_("No article has %s. These results match the other words."), words);
  gtk_label_set_text (self->missing_label, text);
}

static gboolean
corrected_link_cb (GtkLabel *label, const char *uri, HbSearchPanel *self)
{
  if (g_strcmp0 (uri, "as-typed") != 0)
    return FALSE;
  hb_search_panel_search_as_typed (self);
  return TRUE;
}

static void show_response (HbSearchPanel *self, HbSearchResponse *response);
static void show_more (HbSearchPanel *self, HbSearchResponse *response);

static void
search_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbSearchPanel) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbSearchResponse) response = hb_searcher_search_finish (HB_SEARCHER (source), result,
                                                                      &error);

  /* A search that typing on overtook: its results are not wanted. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->searching);
  if (response == NULL)
    {
      show_toast (self, error->message);
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }
  /* The panel may have been given another query meanwhile. */
  if (g_strcmp0 (hb_search_response_get_query (response), self->query) != 0)
    return;
  if (self->more_wanted)
    show_more (self, response);
  else
    show_response (self, response);
  g_signal_emit (self, signals[UPDATED], 0);
}

/* Starts the search of the query in a thread; the results are shown, and
 * ::updated emitted, when it is done. A search still under way is
 * cancelled: typing on never waits for a stale search. */
static void
search (HbSearchPanel *self, gboolean more)
{
  const char *query = self->query;
  HbSearchOptions options = { 0 };

  /* A new query or filter starts again at the first page. */
  self->limit = more ? self->limit + HB_SEARCH_LIST_PAGE : HB_SEARCH_LIST_PAGE;
  self->more_wanted = more;

  if (self->searching != NULL)
    {
      g_cancellable_cancel (self->searching);
      g_clear_object (&self->searching);
    }

  if (query == NULL || is_blank (query))
    {
      g_autoptr (GListStore) empty = g_list_store_new (HB_TYPE_SEARCH_RESULT);

      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (empty));
      gtk_widget_set_visible (GTK_WIDGET (self->corrected_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_label), FALSE);
      set_active (self, FALSE);
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }

  if (self->searcher == NULL)
    self->searcher = hb_searcher_new (hb_store_get_path (self->store));

  options.kind = hb_filter_bar_get_kind (self->filter_bar);
  options.platform = hb_filter_bar_get_platform (self->filter_bar);
  options.tag = hb_filter_bar_get_tag (self->filter_bar);
  options.limit = self->limit;
  options.flags = self->as_typed ? HB_SEARCH_FLAGS_NO_CORRECTION : HB_SEARCH_FLAGS_NONE;

  self->searching = g_cancellable_new ();
  hb_searcher_search_async (self->searcher, query, &options, self->searching, search_done_cb,
                            g_object_ref (self));
}

/* "37 results", or "More than 20 results" while the list has another page. */
static void
show_count (HbSearchPanel *self, guint n)
{
  g_autofree char *label = self->has_more
                             ? g_strdup_printf (ngettext ("More than %u result",
                                                          "More than %u results", n),
                                                n)
                             : g_strdup_printf (ngettext ("%u result", "%u results", n), n);

  gtk_label_set_text (self->results_label, label);
}

/* The next page: the results not listed yet go at the end, where the
 * list was scrolled to; the selection and what is shown stay. */
static void
show_more (HbSearchPanel *self, HbSearchResponse *response)
{
  GListModel *listed = gtk_single_selection_get_model (self->selection);
  GListModel *found = hb_search_response_get_results (response);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  if (!G_IS_LIST_STORE (listed))
    {
      show_response (self, response);
      return;
    }
  n = g_list_model_get_n_items (listed);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HbSearchResult) result = g_list_model_get_item (listed, i);

      /* The store keeps the result, and so its id. */
      g_hash_table_add (ids, (gpointer) hb_search_result_get_id (result));
    }
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr (HbSearchResult) result = g_list_model_get_item (found, i);

      if (!g_hash_table_contains (ids, hb_search_result_get_id (result)))
        g_list_store_append (G_LIST_STORE (listed), result);
    }
  self->has_more = hb_search_response_get_has_more (response)
                   && g_list_model_get_n_items (listed) > n;
  show_count (self, g_list_model_get_n_items (listed));
}

static void
show_response (HbSearchPanel *self, HbSearchResponse *response)
{
  GListModel *results = hb_search_response_get_results (response);
  const char *const *suggestions = hb_search_response_get_suggestions (response);
  guint n;

  self->has_more = FALSE;
  gtk_single_selection_set_model (self->selection, results);
  n = g_list_model_get_n_items (results);
  show_correction (self, response);
  show_missing (self, response, n);

  if (n == 0)
    {
      guint n_suggestions = fill_suggestions (self, self->suggestions_box, suggestions);

      adw_status_page_set_description (self->no_results_page,
                                       n_suggestions > 0 ? NULL : _("Try other words, or fewer filters."));
      gtk_stack_set_visible_child_name (self->stack, "no-results");
      set_active (self, TRUE);
      return;
    }

  self->has_more = hb_search_response_get_has_more (response);
  show_count (self, n);
  /* Few results may be a typo too. */
  gtk_widget_set_visible (GTK_WIDGET (self->more_suggestions_box),
                          n < 3 && fill_suggestions (self, self->more_suggestions_box, suggestions) > 0);
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_stack_set_visible_child_name (self->stack, "results");
  set_active (self, TRUE);
  scroll_to_result (self, 0);
}

/* Shows the results of the query, then says so with ::updated. */
static void
run (HbSearchPanel *self)
{
  g_assert (HB_IS_SEARCH_PANEL (self));

  search (self, FALSE);
}

/* The next page, when the list has one and is not already asking. */
static void
list_more (HbSearchPanel *self)
{
  if (!self->has_more || self->searching != NULL || self->limit >= HB_SEARCH_LIST_MAX)
    return;
  search (self, TRUE);
}

static void
results_edge_reached_cb (HbSearchPanel *self, GtkPositionType position)
{
  if (position == GTK_POS_BOTTOM)
    list_more (self);
}

static void
filter_changed_cb (HbSearchPanel *self)
{
  run (self);
}

static void
filter_notify_cb (HbSearchPanel *self, GParamSpec *pspec)
{
  g_object_notify (G_OBJECT (self), g_param_spec_get_name (pspec));
}

static void
emit_result_activated (HbSearchPanel *self, HbSearchResult *result)
{
  g_signal_emit (self, signals[RESULT_ACTIVATED], 0, hb_search_result_get_id (result),
                 hb_search_result_get_section_id (result));
}

static void
result_activate_cb (HbSearchPanel *self, guint position)
{
  g_autoptr (HbSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (result != NULL)
    emit_result_activated (self, result);
}

/* Object -------------------------------------------------------------------- */

static void
hb_search_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_SEARCH_PANEL);

  G_OBJECT_CLASS (hb_search_panel_parent_class)->dispose (object);
}

static void
hb_search_panel_finalize (GObject *object)
{
  HbSearchPanel *self = HB_SEARCH_PANEL (object);

  if (self->searching != NULL)
    g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  g_clear_object (&self->searcher);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->corrected_query, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_search_panel_parent_class)->finalize (object);
}

static void
hb_search_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbSearchPanel *self = HB_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_ARTICLES:
      g_value_set_object (value, hb_filter_bar_get_articles (self->filter_bar));
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_search_panel_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbSearchPanel *self = HB_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      /* The first search of a large library reads its titles and starts
       * the Chinese segmenter: done now, in the searcher's thread, so
       * that the first key typed answers as fast as the next. */
      if (self->store != NULL && hb_store_get_path (self->store) != NULL)
        {
          self->searcher = hb_searcher_new (hb_store_get_path (self->store));
          hb_searcher_prepare (self->searcher);
        }
      break;
    case PROP_ARTICLES:
      hb_filter_bar_set_articles (self->filter_bar, g_value_get_object (value));
      break;
    case PROP_KIND:
      hb_filter_bar_set_kind (self->filter_bar, g_value_get_string (value));
      break;
    case PROP_PLATFORM:
      hb_filter_bar_set_platform (self->filter_bar, g_value_get_string (value));
      break;
    case PROP_TAG:
      hb_filter_bar_set_tag (self->filter_bar, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_search_panel_class_init (HbSearchPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_search_panel_dispose;
  object_class->finalize = hb_search_panel_finalize;
  object_class->get_property = hb_search_panel_get_property;
  object_class->set_property = hb_search_panel_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HB_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The articles the filters offer the values of. */
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
   * HbSearchPanel::result-activated:
   * @id: the article
   * @section_id: (nullable): the heading the match is under
   *
   * The user chose a result.
   */
  signals[RESULT_ACTIVATED] = g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                            G_TYPE_STRING, G_TYPE_STRING);

  /**
   * HbSearchPanel::suggestion-activated:
   * @query: the corrected query
   *
   * The user chose a "did you mean" suggestion: the query to search next.
   */
  signals[SUGGESTION_ACTIVATED] = g_signal_new ("suggestion-activated", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                                1, G_TYPE_STRING);

  /**
   * HbSearchPanel::updated:
   *
   * The panel shows the results of "query" under the filters (or, for a
   * blank query, is no longer "active").
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handbook/Handbook/ui/hb-search-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, HbSearchPanel, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, HbSearchPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, HbSearchPanel, results_view);
  gtk_widget_class_bind_template_child (widget_class, HbSearchPanel, results_label);
  gtk_widget_class_bind_template_child (widget_class, HbSearchPanel, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, HbSearchPanel, suggestions_box);
  gtk_widget_class_bind_template_child (widget_class, HbSearchPanel, more_suggestions_box);
  gtk_widget_class_bind_template_child (widget_class, HbSearchPanel, corrected_label);
  gtk_widget_class_bind_template_child (widget_class, HbSearchPanel, missing_label);
  gtk_widget_class_bind_template_callback (widget_class, corrected_link_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_edge_reached_cb);

  g_type_ensure (HB_TYPE_FILTER_BAR);
}

static void
hb_search_panel_init (HbSearchPanel *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (result_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (result_bind_cb), NULL);
  gtk_list_view_set_factory (self->results_view, factory);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (self->selection));
}

HbSearchPanel *
hb_search_panel_new (HbStore *store)
{
  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  return g_object_new (HB_TYPE_SEARCH_PANEL, "store", store, NULL);
}

void
hb_search_panel_set_query (HbSearchPanel *self, const char *query)
{
  g_return_if_fail (HB_IS_SEARCH_PANEL (self));

  /* "Search for … instead" holds for the query it was asked for. */
  if (g_strcmp0 (self->query, query) != 0)
    self->as_typed = FALSE;
  g_free (self->query);
  self->query = g_strdup (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  run (self);
}

const char *
hb_search_panel_get_corrected_query (HbSearchPanel *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_PANEL (self), NULL);
  return self->corrected_query;
}

const char *
hb_search_panel_get_missing_notice (HbSearchPanel *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_PANEL (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->missing_label)))
    return NULL;
  return gtk_label_get_text (self->missing_label);
}

const char *
hb_search_panel_get_count_text (HbSearchPanel *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_PANEL (self), NULL);
  return gtk_label_get_text (self->results_label);
}

void
hb_search_panel_search_as_typed (HbSearchPanel *self)
{
  g_return_if_fail (HB_IS_SEARCH_PANEL (self));

  self->as_typed = TRUE;
  run (self);
}

const char *
hb_search_panel_get_query (HbSearchPanel *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_PANEL (self), NULL);
  return self->query;
}

gboolean
hb_search_panel_get_active (HbSearchPanel *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_PANEL (self), FALSE);
  return self->active;
}

void
hb_search_panel_reload (HbSearchPanel *self)
{
  g_return_if_fail (HB_IS_SEARCH_PANEL (self));
  run (self);
}

GListModel *
hb_search_panel_get_results (HbSearchPanel *self)
{
  g_return_val_if_fail (HB_IS_SEARCH_PANEL (self), NULL);
  return G_LIST_MODEL (self->selection);
}

gboolean
hb_search_panel_move_selection (HbSearchPanel *self, guint keyval)
{
  guint n, selected, next;

  g_return_val_if_fail (HB_IS_SEARCH_PANEL (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  selected = gtk_single_selection_get_selected (self->selection);

  /* With nothing to move through, Down stays in the entry too. */
  if (n == 0)
    return keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down;

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

  gtk_single_selection_set_selected (self->selection, next);
  scroll_to_result (self, next);
  /* Moving to the last result lists the next page, as scrolling there does. */
  if (next == n - 1)
    list_more (self);
  return TRUE;
}

gboolean
hb_search_panel_activate_selected (HbSearchPanel *self)
{
  g_autoptr (HbSearchResult) result = NULL;
  guint selected;

  g_return_val_if_fail (HB_IS_SEARCH_PANEL (self), FALSE);

  selected = gtk_single_selection_get_selected (self->selection);
  result = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                  selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  if (result == NULL)
    return FALSE;

  emit_result_activated (self, result);
  return TRUE;
}
