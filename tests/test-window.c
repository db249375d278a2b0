/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The real window, driven as a user drives it: type a query, press Enter,
 * read the page WebKit shows. Every wait is on a signal; a wait that takes
 * more than a minute fails the test instead of hanging it.
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "hb-article-page.h"
#include "hb-bundle.h"
#include "hb-history-view.h"
#include "hb-import.h"
#include "hb-library-page.h"
#include "hb-publish.h"
#include "hb-publish-dialog.h"
#include "hb-store-acknowledgements.h"
#include "hb-store-profiles.h"
#include "hb-store-publishes.h"
#include "hb-whats-new-page.h"
#include "hb-markdown.h"
#include "hb-open-handbook.h"
#include "hb-search.h"
#include "hb-test-util.h"
#include "hb-web-view.h"
#include "hb-print.h"
#include "hb-window.h"
#include "hb-progress-page.h"
#include "hb-profile-dialog.h"
#include "hb-question-view.h"
#include "hb-quiz-page.h"
#include "hb-review-page.h"
#include "hb-team-page.h"
#include "hb-store-articles.h"
#include "hb-store-profiles.h"
#include "hb-util.h"

#define WAIT_LIMIT_SECONDS 60

static HbWindow *window;
static HbStore *store;
static GSocketService *server;
static guint server_hits;
static guint16 server_port;

/* Waiting ------------------------------------------------------------------ */

typedef struct
{
  gboolean done;
} Wait;

static gboolean
wait_timeout_cb (gpointer user_data)
{
  g_error ("Waited %d s for something that never happened: %s", WAIT_LIMIT_SECONDS,
           (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static void
wait_until (gboolean *done, const char *what)
{
  guint timeout = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, wait_timeout_cb, (gpointer) what);

  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
signal_done_cb (gpointer data)
{
  ((Wait *) data)->done = TRUE;
}

/* Runs @action, then waits for @signal on @instance. */
static void
wait_for_signal (gpointer instance, const char *signal, void (*action) (gpointer), gpointer data)
{
  Wait wait = { FALSE };
  gulong id = g_signal_connect_swapped (instance, signal, G_CALLBACK (signal_done_cb), &wait);

  if (action != NULL)
    action (data);
  wait_until (&wait.done, signal);
  g_signal_handler_disconnect (instance, id);
}

static void
load_changed_cb (WebKitWebView *view, WebKitLoadEvent event, Wait *wait)
{
  if (event == WEBKIT_LOAD_FINISHED)
    wait->done = TRUE;
}

/* Runs @action and waits until the page it starts has loaded. */
static void
wait_for_load (void (*action) (gpointer), gpointer data)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (hb_window_get_web_view (window));
  Wait wait = { FALSE };
  gulong id = g_signal_connect (view, "load-changed", G_CALLBACK (load_changed_cb), &wait);

  action (data);
  wait_until (&wait.done, "the page to load");
  g_signal_handler_disconnect (view, id);
}

typedef struct
{
  gboolean done;
  char *value;
} Eval;

static void
evaluated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Eval *eval = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source),
                                                                          result, &error);

  g_assert_no_error (error);
  eval->value = jsc_value_is_undefined (value) || jsc_value_is_null (value) ? g_strdup ("")
                                                                           : jsc_value_to_string (value);
  eval->done = TRUE;
}

/* Reads something off the page, as a string. */
static char *
page_eval (const char *script)
{
  Eval eval = { FALSE, NULL };

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (hb_window_get_web_view (window)), script, -1,
                                       NULL, NULL, NULL, evaluated_cb, &eval);
  wait_until (&eval.done, script);
  return eval.value;
}

/* Actions ------------------------------------------------------------------- */

static void
type_query (gpointer query)
{
  gtk_editable_set_text (hb_window_get_search_entry (window), query);
}

static void
search_updated_cb (HbWindow *win, gpointer data)
{
  Wait *wait = data;
  const char *query = g_object_get_data (G_OBJECT (win), "test-query");

  if (g_strcmp0 (hb_window_get_shown_query (win), query) == 0)
    wait->done = TRUE;
}

static void
search (const char *query)
{
  Wait wait = { FALSE };
  gulong id = g_signal_connect (window, "search-updated", G_CALLBACK (search_updated_cb), &wait);

  /* Results arrive as the user types, after the entry's short pause (the
   * entry may first show the library for a moment, while it is empty). */
  g_object_set_data (G_OBJECT (window), "test-query", (gpointer) query);
  type_query ((gpointer) query);
  wait_until (&wait.done, query);
  g_signal_handler_disconnect (window, id);
}

static void
press_enter (gpointer data)
{
  g_signal_emit_by_name (hb_window_get_search_entry (window), "activate");
}

static void
activate_action (gpointer name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), name, NULL));
}

/* The help that F1 would open. */
static void
assert_help_uri (HbWindow *win, const char *expected)
{
  g_autofree char *uri = hb_window_get_help_uri (win);

  g_assert_cmpstr (uri, ==, expected);
}

static void
open_article (gpointer id)
{
  hb_window_open_article (window, id, 0, NULL);
}

static void
click_first_article_link (gpointer data)
{
  g_free (page_eval ("document.querySelector ('main a[href^=\"handbook://article/\"]').click ();"));
}

/* Tests --------------------------------------------------------------------- */

static void
test_window_search_and_open (void)
{
  g_autoptr (HbSearchResult) first = NULL;
  g_autofree char *h1 = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *top = NULL;
  g_autofree char *script = NULL;
  g_autofree char *expected_hash = NULL;
  GListModel *results;

  search ("unboxing video");
  results = hb_window_get_results (window);
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  first = g_list_model_get_item (results, 0);
  g_assert_nonnull (hb_search_result_get_section_id (first));

  /* Enter opens the selected (first) result at its section. */
  wait_for_load (press_enter, NULL);

  h1 = page_eval ("document.querySelector ('h1').textContent");
  g_assert_cmpstr (h1, ==, hb_search_result_get_title (first));

  hash = page_eval ("decodeURIComponent (location.hash)");
  expected_hash = g_strconcat ("#", hb_search_result_get_section_id (first), NULL);
  g_assert_cmpstr (hash, ==, expected_hash);

  /* The section is scrolled to: its heading is at the top of the view. */
  script = g_strdup_printf ("String (Math.round (document.getElementById ('%s')"
                            ".getBoundingClientRect ().top))",
                            hb_search_result_get_section_id (first));
  top = page_eval (script);
  g_assert_cmpint (atoi (top), >=, 0);
  g_assert_cmpint (atoi (top), <, 60);
  g_assert_cmpstr (page_eval ("String (window.scrollY > 0)"), ==, "true");
}

static void
set_color_scheme (gpointer scheme)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), GPOINTER_TO_INT (scheme));
}

static void
test_window_dark_mode (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *dark_text = NULL;
  const char *background = "getComputedStyle (document.documentElement).backgroundColor";

  wait_for_load (open_article, "evidence-checklist");

  if (adw_style_manager_get_dark (style))
    wait_for_signal (style, "notify::dark", set_color_scheme, GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_LIGHT));
  light = page_eval (background);
  g_assert_cmpstr (light, ==, "rgb(255, 255, 255)");

  /* The page follows the system style at once, without a reload. */
  wait_for_signal (style, "notify::dark", set_color_scheme, GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_DARK));
  dark = page_eval (background);
  g_assert_cmpstr (dark, !=, light);
  g_assert_cmpstr (dark, ==, "rgb(30, 30, 30)");
  dark_text = page_eval ("getComputedStyle (document.querySelector ('main p')).color");
  g_assert_cmpstr (dark_text, ==, "rgb(255, 255, 255)");

  /* A page opened while dark starts dark. */
  wait_for_load (open_article, "seven-day-return");
  g_free (dark);
  dark = page_eval (background);
  g_assert_cmpstr (dark, ==, "rgb(30, 30, 30)");

  wait_for_signal (style, "notify::dark", set_color_scheme, GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_LIGHT));
}

static void
test_window_internal_link_and_back (void)
{
  g_autofree char *first_title = NULL;
  g_autofree char *target = NULL;
  g_autofree char *second_title = NULL;
  g_autofree char *again = NULL;
  g_autofree char *uri = NULL;

  wait_for_load (open_article, "not-as-described");
  first_title = page_eval ("document.querySelector ('h1').textContent");
  g_assert_cmpstr (first_title, ==, "Handling \"not as described\" claims");

  target = page_eval ("document.querySelector ('main a[href^=\"handbook://article/\"]').href");
  g_assert_true (g_str_has_prefix (target, HB_ARTICLE_URI_PREFIX));

  /* Following the link opens the other article inside the window. */
  wait_for_load (click_first_article_link, NULL);
  uri = g_strdup (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hb_window_get_web_view (window))));
  g_assert_cmpstr (uri, ==, target);
  second_title = page_eval ("document.querySelector ('h1').textContent");
  g_assert_cmpstr (second_title, !=, first_title);
  g_assert_cmpstr (second_title, ==,
                   hb_article_get_title (hb_web_view_get_article (hb_window_get_web_view (window))));

  /* Back (Alt+Left) returns. */
  wait_for_load (activate_action, "win.go-back");
  again = page_eval ("document.querySelector ('h1').textContent");
  g_assert_cmpstr (again, ==, first_title);
}

/* A loopback web server that only counts who knocks. */
static gboolean
server_incoming_cb (GSocketService *service, GSocketConnection *connection, GObject *source, gpointer data)
{
  server_hits++;
  return FALSE;
}

static void
start_server (void)
{
  g_autoptr (GError) error = NULL;

  server = g_socket_service_new ();
  server_port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (server), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (server, "incoming", G_CALLBACK (server_incoming_cb), NULL);
  g_socket_service_start (server);
}

static void
connected_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GSocketConnection) connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, NULL);

  g_assert_nonnull (connection);
}

static void
knock (gpointer data)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();

  g_socket_client_connect_to_host_async (client, "127.0.0.1", server_port, NULL, connected_cb, NULL);
}

static void
test_window_unsafe_content (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uri_before = NULL;
  const char *paths[2] = { NULL, NULL };

  markdown = g_strdup_printf ("---\nid: unsafe-page\ntitle: Unsafe page\n---\n"
                              "# Unsafe page\n\n"
                              "<script>document.title = 'pwned';</script>\n\n"
                              "Inline <img src=\"http://127.0.0.1:%u/raw.png\" onerror=\"document.title='pwned'\"> image.\n\n"
                              "<iframe src=\"http://127.0.0.1:%u/frame\"></iframe>\n\n"
                              "<link rel=\"stylesheet\" href=\"http://127.0.0.1:%u/style.css\">\n\n"
                              "![tracking pixel](http://127.0.0.1:%u/pixel.png)\n\n"
                              "[a file](file:///etc/passwd) and [a script](javascript:document.title='pwned')\n\n"
                              "Plain text stays.\n",
                              server_port, server_port, server_port, server_port);
  path = hb_test_write_file ("unsafe/unsafe-page.md", markdown, -1);
  paths[0] = path;
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);

  /* The counter works: a real connection is counted. */
  wait_for_signal (server, "incoming", knock, NULL);
  g_assert_cmpuint (server_hits, ==, 1);

  wait_for_load (open_article, "unsafe-page");

  title = page_eval ("document.title");
  g_assert_cmpstr (title, ==, "Unsafe page");
  count = page_eval ("String (document.querySelectorAll ('script, iframe, img, link[href^=\"http\"]').length)");
  g_assert_cmpstr (count, ==, "0");
  text = page_eval ("document.body.textContent");
  g_assert_nonnull (strstr (text, "Plain text stays."));
  g_assert_nonnull (strstr (text, "tracking pixel"));

  /* file: and javascript: links are text, not links. */
  g_free (count);
  count = page_eval ("String (document.querySelectorAll ('main a:not([href^=\"http\"])').length)");
  g_assert_cmpstr (count, ==, "0");

  /* And a link made in the page to such places leads nowhere. */
  uri_before = g_strdup (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hb_window_get_web_view (window))));
  g_free (page_eval ("for (const href of ['file:///etc/passwd', 'javascript:document.title=\"pwned\"']) {"
                     "  const a = document.createElement ('a'); a.href = href; document.body.append (a); a.click (); }"
                     "'clicked'"));
  g_free (title);
  title = page_eval ("document.title");
  g_assert_cmpstr (title, ==, "Unsafe page");
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hb_window_get_web_view (window))), ==, uri_before);

  /* Nothing reached the server after the check above. */
  g_assert_cmpuint (server_hits, ==, 1);
}

typedef struct
{
  gboolean done;
  char *text;
} ClipboardRead;

static void
clipboard_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr (GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static void
open_at_section (gpointer data)
{
  hb_window_open_article (window, "reg-crpl-2013", 0, data);
}

static void
test_window_images (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *width = NULL;
  g_autofree char *src = NULL;
  guint hits_before = server_hits;
  const char *paths[2] = { NULL, NULL };

  g_free (hb_test_write_file ("pictures/label.md",
                              "---\nid: label-photo\n---\n# Where the serial number is\n\n"
                              "![The label under the base](img/label.png)\n",
                              -1));
  g_free (hb_test_write_file ("pictures/img/label.png", (const char *) hb_test_png_blue, 70));
  dir = g_build_filename (hb_test_tmpdir (), "pictures", NULL);
  paths[0] = dir;
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);

  wait_for_load (open_article, "label-photo");

  /* The picture came from the handbook itself, through its own scheme. */
  src = page_eval ("document.querySelector ('main img').src");
  g_assert_cmpstr (src, ==, "handbook://asset/img/label.png");
  width = page_eval ("String (document.querySelector ('main img').naturalWidth)");
  g_assert_cmpstr (width, ==, "3");
  g_assert_cmpuint (server_hits, ==, hits_before);
}

static void
test_window_citation (void)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  HbArticle *article;
  HbHeading *section = NULL;
  GPtrArray *headings;
  ClipboardRead read = { FALSE, NULL };
  g_autofree char *version = NULL;
  g_autofree char *effective = NULL;
  guint i;

  wait_for_load (open_article, "reg-crpl-2013");
  headings = hb_web_view_get_headings (hb_window_get_web_view (window));
  g_assert_nonnull (headings);
  /* A section well down the page. */
  for (i = 0; i < headings->len; i++)
    if (((HbHeading *) g_ptr_array_index (headings, i))->level == 2)
      section = g_ptr_array_index (headings, i);
  g_assert_nonnull (section);

  /* The same page at another place: WebKit scrolls, no new load. */
  wait_for_signal (hb_window_get_web_view (window), "notify::uri", open_at_section, section->id);
  article = hb_web_view_get_article (hb_window_get_web_view (window));
  g_assert_nonnull (article);

  wait_for_signal (clipboard, "changed", activate_action, "win.copy-citation");
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, &read);
  wait_until (&read.done, "the clipboard");

  g_test_message ("Citation:\n%s", read.text);
  g_assert_nonnull (strstr (read.text, hb_article_get_title (article)));
  g_assert_nonnull (strstr (read.text, section->text));
  version = g_strdup_printf ("version %u", hb_article_get_version (article));
  g_assert_nonnull (strstr (read.text, version));
  /* The day as the reader's language writes it. */
  effective = hb_util_format_date (hb_article_get_effective (article));
  g_assert_nonnull (effective);
  g_assert_nonnull (strstr (read.text, effective));
  g_assert_nonnull (strstr (read.text, "handbook://article/reg-crpl-2013"));
  g_assert_nonnull (strstr (read.text, section->id));
  g_free (read.text);
}

static void
test_window_missing_word (void)
{
  HbSearchPanel *panel = hb_window_get_search_panel (window);
  GListModel *results;
  const char *notice;

  /* No article is about Pinduoduo: the refund articles still come, and the
   * window says that none has that word. */
  search ("pinduoduo refund rules");
  results = hb_window_get_results (window);
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  notice = hb_search_panel_get_missing_notice (panel);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "“pinduoduo”"));

  /* Words every one of which some article has: nothing to say. */
  search ("refund rules");
  g_assert_null (hb_search_panel_get_missing_notice (panel));
}

static void
search_as_typed (gpointer data)
{
  hb_search_panel_search_as_typed (hb_window_get_search_panel (window));
}

static void
test_window_corrected (void)
{
  HbSearchPanel *panel = hb_window_get_search_panel (window);
  GListModel *results;

  /* A typo is searched as the word it is for, and the window says so. */
  search ("evidnce checklst");
  results = hb_window_get_results (window);
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  g_assert_cmpstr (hb_search_panel_get_corrected_query (panel), ==, "evidence checklist");
  g_assert_cmpstr (hb_search_result_get_id (g_list_model_get_item (results, 0)), ==,
                   "evidence-checklist");
  g_object_unref (g_list_model_get_item (results, 0));

  /* "Search for evidnce checklst instead": the words as typed find
   * nothing, and "did you mean" offers the correction. */
  wait_for_signal (window, "search-updated", search_as_typed, NULL);
  results = hb_window_get_results (window);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  g_assert_null (hb_search_panel_get_corrected_query (panel));
  {
    g_auto (GStrv) suggestions = hb_search_suggest (store, "evidnce checklst", 3);

    g_assert_nonnull (suggestions[0]);
    search (suggestions[0]);
    g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  }
}

typedef struct
{
  guint updates;
  guint stale;
  gboolean done;
} Updates;

static void
count_updates_cb (HbSearchPanel *panel, Updates *updates)
{
  updates->updates++;
  if (g_strcmp0 (hb_search_panel_get_query (panel), "refund") == 0)
    updates->stale++;
  if (g_strcmp0 (hb_search_panel_get_query (panel), "warranty repair") == 0)
    updates->done = TRUE;
}

static void
test_window_search_cancelled (void)
{
  HbSearchPanel *panel = hb_window_get_search_panel (window);
  Updates updates = { 0 };
  gulong id = g_signal_connect (panel, "updated", G_CALLBACK (count_updates_cb), &updates);
  GListModel *results;

  /* Typing on cancels the search still under way: only the last query's
   * results are shown, and the window never waits for the stale one. */
  hb_search_panel_set_query (panel, "refund");
  hb_search_panel_set_query (panel, "warranty repair");
  wait_until (&updates.done, "the second search");
  g_signal_handler_disconnect (panel, id);

  g_assert_cmpuint (updates.stale, ==, 0);
  g_assert_cmpuint (updates.updates, ==, 1);
  results = hb_window_get_results (window);
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  {
    g_autoptr (HbSearchResult) first = g_list_model_get_item (results, 0);

    const char *first_id = hb_search_result_get_id (first);

    /* The warranty guide, or the 三包 rules it rests on. */
    g_assert_true (g_strcmp0 (first_id, "warranty-claims") == 0
                   || g_strcmp0 (first_id, "zh-reg-sanbao") == 0);
  }
}

/* The first widget under @widget, itself included, that its page shows
 * (it and its parents visible, not in a closed revealer) and @match
 * accepts. */
static GtkWidget *
find_shown (GtkWidget *widget, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data)
{
  if (!gtk_widget_get_visible (widget)
      || (GTK_IS_REVEALER (widget) && !gtk_revealer_get_reveal_child (GTK_REVEALER (widget))))
    return NULL;
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label_starting (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* A label under @widget whose text starts with @text, and that its page
 * shows. */
static GtkWidget *
find_label (GtkWidget *widget, const char *text)
{
  return find_shown (widget, is_label_starting, text);
}

static gboolean
is_list_view_of (GtkWidget *widget, gconstpointer model)
{
  return GTK_IS_LIST_VIEW (widget)
         && (gconstpointer) gtk_list_view_get_model (GTK_LIST_VIEW (widget)) == model;
}

/* The list view under @widget that shows @model. */
static GtkWidget *
find_list_view (GtkWidget *widget, GListModel *model)
{
  return find_shown (widget, is_list_view_of, model);
}

static void
adjustment_changed_cb (GtkAdjustment *adjustment, gboolean *done)
{
  if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 1)
    *done = TRUE;
}

static void
scroll_list_to_end (gpointer data)
{
  GtkAdjustment *adjustment = data;

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                          - gtk_adjustment_get_page_size (adjustment));
}

static void
test_window_search_next_page (void)
{
  HbSearchPanel *panel = hb_window_get_search_panel (window);
  GListModel *results;
  GtkWidget *view;
  GtkAdjustment *adjustment;
  g_autoptr (GPtrArray) first_page = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *count = NULL;
  gboolean laid_out = FALSE;
  guint n;

  /* A word that most of the sample's articles hold: the first page only,
   * and a count that says there is more. */
  search ("refund");
  results = hb_window_get_results (window);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, HB_SEARCH_LIST_PAGE);
  g_assert_cmpstr (hb_search_panel_get_count_text (panel), ==, "More than 20 results");
  for (guint i = 0; i < HB_SEARCH_LIST_PAGE; i++)
    {
      g_autoptr (HbSearchResult) result = g_list_model_get_item (results, i);

      g_ptr_array_add (first_page, g_strdup (hb_search_result_get_id (result)));
    }

  /* Scrolled to the end, the list goes on with the next results. */
  view = find_list_view (GTK_WIDGET (panel), results);
  g_assert_nonnull (view);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_parent (view)));
  adjustment_changed_cb (adjustment, &laid_out);
  if (!laid_out)
    {
      gulong id = g_signal_connect (adjustment, "changed", G_CALLBACK (adjustment_changed_cb), &laid_out);

      wait_until (&laid_out, "the list laid out");
      g_signal_handler_disconnect (adjustment, id);
    }
  wait_for_signal (panel, "updated", scroll_list_to_end, adjustment);

  n = g_list_model_get_n_items (results);
  g_assert_cmpuint (n, >, HB_SEARCH_LIST_PAGE);
  /* The sample holds fewer than two pages of them: all are listed now. */
  g_assert_cmpuint (n, <, 2 * HB_SEARCH_LIST_PAGE);
  count = g_strdup_printf ("%u results", n);
  g_assert_cmpstr (hb_search_panel_get_count_text (panel), ==, count);
  /* The first page stays as it was, selected where it was, and nothing
   * is listed twice. */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (results)), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HbSearchResult) result = g_list_model_get_item (results, i);

      if (i < first_page->len)
        g_assert_cmpstr (hb_search_result_get_id (result), ==, g_ptr_array_index (first_page, i));
      g_assert_false (g_hash_table_contains (ids, hb_search_result_get_id (result)));
      g_hash_table_add (ids, (gpointer) hb_search_result_get_id (result));
    }
}

static void
reload_window (gpointer data)
{
  hb_window_reload (window);
}

static void
test_window_reload_after_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (HbSearchResult) first = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *library = hb_window_get_sidebar_page (window, "library");
  GListModel *articles;
  const char *paths[2] = { NULL, NULL };
  int count;

  search ("quokka");
  g_assert_cmpuint (g_list_model_get_n_items (hb_window_get_results (window)), ==, 0);

  path = hb_test_write_file ("reload/quokka.md",
                             "---\nid: quokka-policy\ntitle: The quokka policy\nkind: faq\n---\n"
                             "# The quokka policy\n\nA quokka is never a reason for a refund.\n",
                             -1);
  paths[0] = path;
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);

  /* What the import dialog does when it is done: the library and the
   * search shown read the store again. */
  wait_for_signal (window, "search-updated", reload_window, NULL);
  count = hb_store_count_articles (store, &error);
  g_assert_no_error (error);
  articles = hb_library_page_get_articles (HB_LIBRARY_PAGE (library));
  g_assert_cmpint (g_list_model_get_n_items (articles), ==, count);
  summary = g_strdup_printf ("%d articles", count);
  g_assert_true (g_str_has_prefix (hb_library_page_get_summary (HB_LIBRARY_PAGE (library)), summary));
  g_assert_cmpuint (g_list_model_get_n_items (hb_window_get_results (window)), ==, 1);
  first = g_list_model_get_item (hb_window_get_results (window), 0);
  g_assert_cmpstr (hb_search_result_get_id (first), ==, "quokka-policy");
  search ("");
}

/* Regulation updates ---------------------------------------------------------- */

static char *
read_source_file (const char *relative)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", relative, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static HbProfile *
add_profile (const char *name, const char *employee_id, HbProfileRole role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);
  HbProfile *profile = hb_store_add_profile (write, name, employee_id, role, &error);

  g_assert_no_error (error);
  g_assert_true (hb_store_write_commit (g_steal_pointer (&write), &error));
  return profile;
}

static void
set_profile (gpointer uuid)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "profile", uuid);
}

static void
publish_in_dialog (gpointer dialog)
{
  hb_publish_dialog_publish (dialog);
}

static void
activate_whats_new (gpointer id)
{
  g_assert_true (hb_whats_new_page_activate (HB_WHATS_NEW_PAGE (hb_window_get_sidebar_page (window, "whats-new")),
                                             id));
}

static void
acknowledge (gpointer data)
{
  g_assert_true (hb_article_page_acknowledge (hb_window_get_article_page (window)));
}

static char *
view_eval (WebKitWebView *view, const char *script)
{
  Eval eval = { FALSE, NULL };

  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, evaluated_cb, &eval);
  wait_until (&eval.done, script);
  return eval.value;
}

static void
load_in_view_changed_cb (WebKitWebView *view, WebKitLoadEvent event, Wait *wait)
{
  if (event == WEBKIT_LOAD_FINISHED)
    wait->done = TRUE;
}

static guint
badge (void)
{
  GtkWidget *page = hb_window_get_sidebar_page (window, "whats-new");
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK));

  return adw_view_stack_page_get_badge_number (adw_view_stack_get_page (stack, page));
}

static void
click_changes_only_link (gpointer data)
{
  g_free (page_eval ("document.querySelector ('a.hb-redline-toggle').click ();"));
}

static void
compare_in_history (gpointer data)
{
  hb_history_view_compare (HB_HISTORY_VIEW (hb_article_page_get_history_view (hb_window_get_article_page (window))), 1,
                           2);
}

/* An editor publishes the sample bundle in Publish Update…; staff see What's
 * new with its badge, open the redline since what they read, acknowledge,
 * and the record of who acknowledged what changes. */
static void
test_window_publish_and_acknowledge (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbProfile) editor = add_profile ("Mei Chen", "E-001", HB_PROFILE_ROLE_EDITOR);
  g_autoptr (HbProfile) staff = add_profile ("Li Wei", "S-014", HB_PROFILE_ROLE_STAFF);
  g_autofree char *secret = read_source_file ("tests/data/keys/test-editor.key");
  g_autofree char *public = read_source_file ("tests/data/keys/test-editor.pub");
  g_autofree char *source = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "bundles",
                                              "2026-12-platform-rules", NULL);
  g_autofree char *bundle = hb_test_copy_tree (source, "window-bundle");
  g_autoptr (HbBundleSignature) signature = hb_bundle_sign (bundle, secret, NULL, &error);
  g_autoptr (GFile) bundle_file = g_file_new_for_path (bundle);
  g_autoptr (GPtrArray) acks = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autofree char *inserted = NULL;
  g_autofree char *scripts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;
  HbWhatsNewPage *whats_new = HB_WHATS_NEW_PAGE (hb_window_get_sidebar_page (window, "whats-new"));
  HbArticlePage *article_page = hb_window_get_article_page (window);
  HbPublishDialog *dialog;
  guint unseen;
  guint i;

  g_assert_no_error (error);
  {
    g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);

    g_assert_true (hb_store_trust_key (write, public, "Test editor", editor->uuid, NULL, &error));
    g_assert_true (hb_store_write_commit (g_steal_pointer (&write), &error));
    g_assert_no_error (error);
  }

  /* The editor: Publish Update… previews the bundle with each redline. */
  set_profile (editor->uuid);
  dialog = hb_window_publish_update (window, bundle_file);
  wait_for_signal (dialog, "ready", NULL, NULL);
  g_assert_cmpuint (hb_publish_dialog_get_n_entries (dialog), ==, 3);
  {
    WebKitWebView *view = WEBKIT_WEB_VIEW (hb_publish_dialog_get_web_view (dialog));
    Wait wait = { FALSE };
    gulong id = g_signal_connect (view, "load-changed", G_CALLBACK (load_in_view_changed_cb), &wait);

    /* The first entry's redline is there, or comes. */
    if (webkit_web_view_is_loading (view) || webkit_web_view_get_uri (view) == NULL)
      wait_until (&wait.done, "the preview's redline");
    g_signal_handler_disconnect (view, id);
    inserted = view_eval (view, "String (document.querySelectorAll ('.hb-redline ins').length)");
    scripts = view_eval (view, "String (document.querySelectorAll ('script').length)");
    text = view_eval (view, "document.body.textContent");
  }
  g_assert_cmpint (atoi (inserted), >, 0);
  g_assert_cmpstr (scripts, ==, "0");
  g_assert_nonnull (strstr (text, "Not published yet"));
  g_assert_nonnull (strstr (text, "From 1 December 2026"));
  /* Nothing is written by the preview. */
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM publishes"), ==, 0);

  wait_for_signal (dialog, "published", publish_in_dialog, dialog);
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM publishes"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Staff: What's new shows the three, with a badge. */
  set_profile (staff->uuid);
  unseen = hb_whats_new_page_get_unseen (whats_new);
  g_assert_cmpuint (unseen, ==, 3);
  g_assert_cmpuint (badge (), ==, 3);
  g_assert_cmpuint (hb_whats_new_page_get_n_rows (whats_new), >=, 3);

  /* The update opens as a redline from the version this person read. */
  wait_for_load (activate_whats_new, "tmall-not-as-described");
  uri = g_strdup (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hb_window_get_web_view (window))));
  g_assert_cmpstr (uri, ==, "handbook://redline/tmall-not-as-described?from=1&to=2");
  g_free (inserted);
  inserted = page_eval ("String (document.querySelectorAll ('.hb-redline ins').length)");
  g_assert_cmpint (atoi (inserted), >, 0);
  g_free (text);
  text = page_eval ("document.querySelector ('.hb-redline-summary').textContent");
  g_assert_nonnull (strstr (text, "Where the claim arrives"));
  /* Reading it counts: one fewer unseen. */
  g_assert_cmpuint (hb_whats_new_page_get_unseen (whats_new), ==, 2);
  g_assert_cmpuint (badge (), ==, 2);

  /* "Changes only", from the header or the page's own link. */
  wait_for_load (click_changes_only_link, NULL);
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hb_window_get_web_view (window))), ==,
                   "handbook://redline/tmall-not-as-described?from=1&to=2&changes-only=1");

  /* It needs this person's acknowledgement. */
  g_assert_nonnull (hb_article_page_get_acknowledgement_text (article_page));
  g_assert_nonnull (strstr (hb_article_page_get_acknowledgement_text (article_page), "by December 15, 2026"));
  wait_for_signal (article_page, "acknowledged", acknowledge, NULL);
  g_assert_nonnull (strstr (hb_article_page_get_acknowledgement_text (article_page), "You acknowledged version 2"));

  /* And the record of who acknowledged what changed. */
  acks = hb_store_list_acknowledgements (store, staff->uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (acks->len, ==, 1);
  g_assert_cmpstr (((HbAcknowledgement *) g_ptr_array_index (acks, 0))->article_id, ==, "tmall-not-as-described");
  pending = hb_store_list_pending_acknowledgements (store, staff->uuid, NULL, &error);
  for (i = 0; i < pending->len; i++)
    g_assert_cmpstr (((HbPendingAcknowledgement *) g_ptr_array_index (pending, i))->article_id, !=,
                     "tmall-not-as-described");

  /* History: both versions, and who published the second. */
  hb_article_page_show_history (article_page, TRUE);
  g_assert_cmpuint (hb_history_view_get_n_versions (HB_HISTORY_VIEW (hb_article_page_get_history_view (article_page))),
                    ==, 2);
  wait_for_load (compare_in_history, NULL);
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hb_window_get_web_view (window))), ==,
                   "handbook://redline/tmall-not-as-described?from=1&to=2");

  /* Leaving What's new is having looked: the badge goes. */
  hb_window_show_sidebar_page (window, "whats-new");
  hb_window_show_sidebar_page (window, "library");
  g_assert_cmpuint (badge (), ==, 0);

  set_profile ("");
}

static void
preview_unsigned (gpointer dialog)
{
  hb_publish_dialog_preview_unsigned (dialog);
}

/* An unsigned bundle is refused with a clear message; the editor may
 * preview it unsigned, and publishing it is then in the audit log. */
static void
test_window_publish_unsigned (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbProfile) editor = hb_store_find_profile (store, "E-001", &error);
  g_autoptr (GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *event = NULL;
  HbPublishDialog *dialog;

  g_assert_no_error (error);
  g_free (hb_test_write_file ("unsigned-bundle/manifest.yaml",
                              "bundle: unsigned-note\ntitle: An unsigned note\ndate: 2026-12-19\nentries:\n"
                              "  - file: note.md\n    id: unsigned-note\n",
                              -1));
  g_free (hb_test_write_file ("unsigned-bundle/note.md", "# A note\n\nNobody signed this.\n", -1));
  dir = g_build_filename (hb_test_tmpdir (), "unsigned-bundle", NULL);
  file = g_file_new_for_path (dir);

  set_profile (editor->uuid);
  dialog = hb_window_publish_update (window, file);
  wait_for_signal (dialog, "failed", NULL, NULL);
  g_assert_nonnull (strstr (hb_publish_dialog_get_error_text (dialog), "not signed"));
  g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM publishes WHERE bundle_id = 'unsigned-note'"), ==,
                   0);

  wait_for_signal (dialog, "ready", preview_unsigned, dialog);
  g_assert_cmpuint (hb_publish_dialog_get_n_entries (dialog), ==, 1);
  wait_for_signal (dialog, "published", publish_in_dialog, dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  event = hb_test_query_text (store, "SELECT event FROM audit_log WHERE subject = 'unsigned-note' ORDER BY seq LIMIT 1");
  g_assert_cmpstr (event, ==, "unsigned-bundle-allowed");
  set_profile ("");
}

static void
check_day (gpointer data)
{
  hb_window_check_day (window);
}

static void
click_upcoming_link (gpointer data)
{
  g_free (page_eval ("document.querySelector ('.hb-upcoming a').click ();"));
}

/* A version whose day is to come: the page in force says when, with a
 * link to the redline; on that day (at midnight while the window is
 * open) it takes over. */
static void
test_window_effective_date (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *notice = NULL;
  g_autoptr (HbBundle) bundle = NULL;
  g_autoptr (HbPublishPlan) plan = NULL;
  HbPublishOptions options = { NULL, TRUE };
  HbArticle *article;

  g_free (hb_test_write_file ("future/manifest.yaml",
                              "bundle: future-rule\ntitle: A rule to come\ndate: 2026-12-20\nentries:\n"
                              "  - file: refund.md\n    id: faq-refund-timing\n    effective: 2099-01-15\n"
                              "    changes: Refunds within 24 hours.\n",
                              -1));
  g_free (hb_test_write_file ("future/refund.md",
                              "---\nkind: faq\n---\n# How quickly must we refund after a return?\n\n"
                              "Within 24 hours of receiving the return.\n",
                              -1));
  dir = g_build_filename (hb_test_tmpdir (), "future", NULL);
  bundle = hb_bundle_read (dir, NULL, &error);
  g_assert_no_error (error);
  plan = hb_publish_preview (store, bundle, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hb_publish_commit (store, plan, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  wait_for_load (open_article, "faq-refund-timing");
  article = hb_web_view_get_article (hb_window_get_web_view (window));
  g_assert_cmpuint (hb_article_get_version (article), ==, 1);
  notice = page_eval ("document.querySelector ('.hb-upcoming').textContent");
  g_assert_nonnull (strstr (notice, "A new version takes effect on January 15, 2099."));
  wait_for_load (click_upcoming_link, NULL);
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hb_window_get_web_view (window))), ==,
                   "handbook://redline/faq-refund-timing?from=1&to=2&changes-only=1");

  /* Midnight, on that day. */
  wait_for_load (open_article, "faq-refund-timing");
  g_setenv ("HANDBOOK_TODAY", "2099-01-15", TRUE);
  wait_for_load (check_day, NULL);
  g_unsetenv ("HANDBOOK_TODAY");
  article = hb_web_view_get_article (hb_window_get_web_view (window));
  g_assert_cmpuint (hb_article_get_version (article), ==, 2);
  g_assert_cmpuint (hb_article_get_current_version (article), ==, 2);

  /* The search follows. */
  search ("\"within 24 hours of receiving\"");
  {
    g_autoptr (HbSearchResult) first = g_list_model_get_item (hb_window_get_results (window), 0);

    g_assert_cmpstr (hb_search_result_get_id (first), ==, "faq-refund-timing");
  }
  search ("");
  hb_window_check_day (window);
}

/* Opening ------------------------------------------------------------------ */

/* What the application does when the handbook is open, or cannot be. */
static void
handbook_opened_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  HbWindow *win = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) opened = hb_app_open_handbook_finish (result, &error);

  if (opened != NULL)
    hb_window_set_store (win, opened);
  else
    hb_window_show_error (win, g_object_get_data (G_OBJECT (win), "test-path"), error);
}

static void
open_handbook (gpointer win)
{
  hb_app_open_handbook_async (g_object_get_data (G_OBJECT (win), "test-path"), NULL, handbook_opened_cb, win);
}

/* The keys that act on the handbook do nothing without one (the actions
 * would fail a check, and so the test, if they ran). */
static void
press_keys_of_the_handbook (HbWindow *win)
{
  const char *actions[] = { "win.search", "win.find", "win.go-back", "win.go-forward",
                            "win.copy-citation", "win.import", "win.zoom-in", "win.zoom-out",
                            "win.zoom-reset", "win.show-sidebar" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_activate_action (GTK_WIDGET (win), actions[i], NULL);
}

/* A window that waits for its handbook, as on a start. */
static HbWindow *
new_preparing_window (const char *path)
{
  HbWindow *win = hb_window_new (NULL, NULL);

  g_object_set_data_full (G_OBJECT (win), "test-path", g_strdup (path), g_free);
  gtk_window_set_default_size (GTK_WINDOW (win), 1100, 720);
  gtk_window_present (GTK_WINDOW (win));
  return win;
}

static void
test_window_preparing_then_library (void)
{
  g_autofree char *path = g_build_filename (hb_test_tmpdir (), "first-start.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  HbWindow *win = new_preparing_window (path);
  AdwStatusPage *status = hb_window_get_status_page (win);
  GtkWidget *library;
  GListModel *articles;
  int count;

  /* A first start: the window is there before the handbook. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (hb_window_get_state (win), ==, HB_WINDOW_STATE_PREPARING);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Preparing the Handbook…");
  g_assert_null (hb_window_get_store (win));
  g_assert_null (hb_window_get_sidebar_page (win, "library"));
  press_keys_of_the_handbook (win);

  /* Opened and seeded in a thread; the main loop runs meanwhile. */
  wait_for_signal (win, "notify::state", open_handbook, win);

  g_assert_cmpint (hb_window_get_state (win), ==, HB_WINDOW_STATE_READY);
  g_assert_null (hb_window_get_status_page (win));
  g_assert_nonnull (hb_window_get_store (win));
  library = hb_window_get_sidebar_page (win, "library");
  g_assert_true (HB_IS_LIBRARY_PAGE (library));
  g_assert_true (gtk_widget_get_mapped (library));

  /* The library shows the sample handbook it was seeded with. */
  count = hb_store_count_articles (hb_window_get_store (win), &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, >, 10);
  articles = hb_library_page_get_articles (HB_LIBRARY_PAGE (library));
  g_assert_cmpint (g_list_model_get_n_items (articles), ==, count);
  summary = g_strdup_printf ("%d articles", count);
  g_assert_true (g_str_has_prefix (hb_library_page_get_summary (HB_LIBRARY_PAGE (library)), summary));

  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_window_damaged_database (void)
{
  g_autofree char *path = hb_test_write_file ("damaged.db", "SQLite format 3\nnot really", -1);
  HbWindow *win = new_preparing_window (path);
  AdwStatusPage *status;

  wait_for_signal (win, "notify::state", open_handbook, win);

  /* The window says which file, and does not go away. */
  g_assert_cmpint (hb_window_get_state (win), ==, HB_WINDOW_STATE_FAILED);
  status = hb_window_get_status_page (win);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "The Handbook Cannot Be Opened");
  assert_help_uri (win, "help:io.github.handbook.Handbook/cannot-open");
  g_test_message ("%s", adw_status_page_get_description (status));
  g_assert_nonnull (strstr (adw_status_page_get_description (status), path));
  g_assert_null (hb_window_get_store (win));
  press_keys_of_the_handbook (win);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (win)));

  /* And it offers another handbook, a backup for example. */
  {
    GtkWidget *button = adw_status_page_get_child (status);

    g_assert_true (GTK_IS_BUTTON (button));
    g_assert_true (gtk_widget_get_mapped (button));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.open-database");
  }

  /* Chosen, the window waits for it, then shows it. */
  g_object_set_data_full (G_OBJECT (win), "test-path", g_build_filename (hb_test_tmpdir (), "chosen.db", NULL),
                          g_free);
  hb_window_wait_for_handbook (win);
  g_assert_cmpint (hb_window_get_state (win), ==, HB_WINDOW_STATE_PREPARING);
  wait_for_signal (win, "notify::state", open_handbook, win);
  g_assert_cmpint (hb_window_get_state (win), ==, HB_WINDOW_STATE_READY);
  g_assert_nonnull (hb_window_get_sidebar_page (win, "library"));

  gtk_window_destroy (GTK_WINDOW (win));
}

/* Help ---------------------------------------------------------------------- */

/* Whether @widget's class binds @trigger ("F1") to @action. */
static gboolean
has_shortcut (GtkWidget *widget, const char *trigger, const char *action)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *keys = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (named) && g_strcmp0 (keys, trigger) == 0
              && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* F1 and Help in the main menu open the help about what the window shows
 * (the help's own tests check that each topic is a page). */
static void
test_window_help (void)
{
  hb_window_show_content_page (window, "article");
  hb_window_show_sidebar_page (window, "library");
  assert_help_uri (window, "help:io.github.handbook.Handbook");

  search ("refund");
  assert_help_uri (window, "help:io.github.handbook.Handbook/search");
  search ("");

  hb_window_show_sidebar_page (window, "courses");
  assert_help_uri (window, "help:io.github.handbook.Handbook/training");
  hb_window_show_sidebar_page (window, "review");
  assert_help_uri (window, "help:io.github.handbook.Handbook/review");
  hb_window_show_sidebar_page (window, "whats-new");
  assert_help_uri (window, "help:io.github.handbook.Handbook/whats-new");
  hb_window_show_sidebar_page (window, "library");

  /* The page beside the article comes first. */
  hb_window_show_content_page (window, "quiz");
  assert_help_uri (window, "help:io.github.handbook.Handbook/training");
  hb_window_show_content_page (window, "review");
  assert_help_uri (window, "help:io.github.handbook.Handbook/review");
  hb_window_show_content_page (window, "team");
  assert_help_uri (window, "help:io.github.handbook.Handbook/team-report");
  hb_window_show_content_page (window, "article");
  assert_help_uri (window, "help:io.github.handbook.Handbook");

  /* F1 is the help's key. */
  g_assert_true (has_shortcut (GTK_WIDGET (window), "F1", "win.help"));
}

/* Filters ------------------------------------------------------------------ */

static void
set_library_kind (gpointer kind)
{
  g_object_set (hb_window_get_sidebar_page (window, "library"), "kind", kind, NULL);
}

static void
test_window_filters (void)
{
  GListModel *results;
  guint i, all;

  search ("return");
  results = hb_window_get_results (window);
  all = g_list_model_get_n_items (results);
  g_assert_cmpuint (all, >, 0);

  /* The library's kind filter is the search's too: the results follow. */
  wait_for_signal (window, "search-updated", set_library_kind, "faq");
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (results), <, all);
  for (i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (HbSearchResult) result = g_list_model_get_item (results, i);

      g_assert_cmpstr (hb_search_result_get_kind (result), ==, "faq");
    }

  wait_for_signal (window, "search-updated", set_library_kind, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, all);
  search ("");
}

/* Training ------------------------------------------------------------------- */


static HbProfile *
add_window_profile (const char *name, HbProfileRole role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);
  HbProfile *profile = hb_store_add_profile (write, name, NULL, role, &error);

  g_assert_no_error (error);
  g_assert_true (hb_store_write_commit (g_steal_pointer (&write), &error));
  wait_for_signal (window, "notify::profile", set_profile, profile->uuid);
  g_assert_cmpstr (hb_window_get_profile (window)->uuid, ==, profile->uuid);
  return profile;
}

static void
scroll_to_end (gpointer data)
{
  g_free (page_eval ("window.scrollTo (0, document.documentElement.scrollHeight);"));
}

static gboolean
is_right_choice (const HbGiftQuestion *question, guint answer)
{
  if (question->type == HB_GIFT_TRUE_FALSE)
    return (answer == 1) == question->truth;
  return ((HbGiftAnswer *) g_ptr_array_index (question->answers, answer))->fraction > 0;
}

/*
 * What someone who knows the lesson does at the widget that has the
 * keyboard: Space on a right choice, the answer typed into an entry, the
 * right side chosen in a drop-down.
 */
static void
answer_focused (GtkWidget *focus)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (focus, HB_TYPE_QUESTION_VIEW);
  const HbGiftQuestion *question;

  if (ancestor == NULL)
    return;
  question = hb_question_view_get_question (HB_QUESTION_VIEW (ancestor));

  if (GTK_IS_CHECK_BUTTON (focus))
    {
      guint answer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (focus), "hb-answer"));

      if (is_right_choice (question, answer) && !gtk_check_button_get_active (GTK_CHECK_BUTTON (focus)))
        gtk_widget_activate (focus); /* Space */
    }
  else if (GTK_IS_TEXT (focus) && question->type == HB_GIFT_SHORT_ANSWER)
    {
      const HbGiftAnswer *answer = g_ptr_array_index (question->answers, 0);
      g_auto (GStrv) parts = g_strsplit (answer->text, "*", -1);
      g_autofree char *typed = g_strjoinv ("", parts);

      gtk_editable_set_text (GTK_EDITABLE (focus), typed);
    }
  else if (GTK_IS_TEXT (focus) && question->type == HB_GIFT_NUMERICAL)
    {
      g_autofree char *typed = g_strdup_printf ("%g", ((HbGiftAnswer *) g_ptr_array_index (question->answers, 0))->value);

      gtk_editable_set_text (GTK_EDITABLE (focus), typed);
    }
  else if (gtk_widget_get_ancestor (focus, GTK_TYPE_DROP_DOWN) != NULL)
    {
      /* The left side is beside the drop-down; the choices are its
       * model. The keyboard is on the drop-down's button. */
      GListModel *choices;
      GtkWidget *grid;
      GtkWidget *left;
      int column, row, width, height;

      focus = gtk_widget_get_ancestor (focus, GTK_TYPE_DROP_DOWN);
      choices = gtk_drop_down_get_model (GTK_DROP_DOWN (focus));
      grid = gtk_widget_get_parent (focus);
      gtk_grid_query_child (GTK_GRID (grid), focus, &column, &row, &width, &height);
      left = gtk_grid_get_child_at (GTK_GRID (grid), 0, row);
      for (guint a = 0; a < question->answers->len; a++)
        {
          const HbGiftAnswer *answer = g_ptr_array_index (question->answers, a);

          if (answer->text == NULL || g_strcmp0 (answer->text, gtk_label_get_text (GTK_LABEL (left))) != 0)
            continue;
          for (guint c = 1; c < g_list_model_get_n_items (choices); c++)
            {
              g_autoptr (GtkStringObject) choice = g_list_model_get_item (choices, c);

              if (g_strcmp0 (gtk_string_object_get_string (choice), answer->match) == 0)
                gtk_drop_down_set_selected (GTK_DROP_DOWN (focus), c);
            }
        }
    }
}

static void
submit_quiz (gpointer page)
{
  /* Ctrl+Enter. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quiz.submit", NULL));
}

static void
test_window_training_quiz (void)
{
  g_autoptr (HbProfile) ana = add_window_profile ("Ana Li", HB_PROFILE_ROLE_STAFF);
  GtkWidget *progress = hb_window_get_sidebar_page (window, "progress");
  GtkWidget *courses = hb_window_get_sidebar_page (window, "courses");
  GtkWidget *review = hb_window_get_sidebar_page (window, "review");
  HbQuizPage *quiz_page = HB_QUIZ_PAGE (hb_window_get_content_page (window, "quiz"));
  GtkWidget *focus;
  guint completed = 0, due = 0, steps = 0;

  g_object_get (progress, "completed", &completed, NULL);
  g_assert_cmpuint (completed, ==, 0);
  g_assert_nonnull (find_label (courses, "Lesson 1: The life of an after-sales case"));

  /* Reading the lesson to its end is recorded. */
  wait_for_load (open_article, "lesson-dispute-lifecycle");
  g_assert_nonnull (find_label (hb_window_get_content_page (window, "article"), "Quiz: 9"));
  g_assert_cmpstr (page_eval ("String (document.body.innerText.includes ('~No-reason return'))"), ==, "false");
  wait_for_signal (hb_window_get_web_view (window), "read-to-end", scroll_to_end, NULL);
  g_assert_nonnull (find_label (courses, "Read"));

  /* Submitted blank: everything wrong, and into the review. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.take-quiz", NULL));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (quiz_page)));
  wait_for_signal (review, "notify::badge-number", submit_quiz, quiz_page);
  g_object_get (review, "badge-number", &due, NULL);
  g_assert_cmpuint (due, ==, 9);
  g_assert_false (hb_quiz_page_get_grade (quiz_page)->score.passed);
  g_assert_nonnull (find_label (GTK_WIDGET (quiz_page), "0 %"));

  /* Again, from the keyboard: Tab from widget to widget, answering each
   * question as it comes, then Ctrl+Enter. */
  g_assert_nonnull (find_label (GTK_WIDGET (quiz_page), "Not passed yet"));
  {
    GtkWidget *retry = gtk_window_get_focus (GTK_WINDOW (window));

    g_assert_true (GTK_IS_BUTTON (retry));
    /* Enter on the focused Try Again. */
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (retry)), ==, "_Try Again");
    g_signal_emit_by_name (retry, "clicked");
  }
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (focus == hb_quiz_page_get_first_input (quiz_page)
                 || gtk_widget_is_ancestor (focus, hb_quiz_page_get_first_input (quiz_page)));
  while (steps++ < 200)
    {
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      g_assert_nonnull (focus);
      if (!gtk_widget_is_ancestor (focus, GTK_WIDGET (quiz_page)))
        break;
      if (GTK_IS_BUTTON (focus) && g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (focus)) != NULL
                                                       ? gtk_button_get_label (GTK_BUTTON (focus))
                                                       : "",
                                                     "_Submit"))
        break;
      answer_focused (focus);
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD)); /* Tab */
    }
  g_assert_cmpuint (steps, <, 200);

  /* The score, and the Progress page follows. */
  wait_for_signal (progress, "notify::completed", submit_quiz, quiz_page);
  g_assert_cmpfloat (hb_quiz_page_get_grade (quiz_page)->score.score, ==, 1.0);
  g_assert_true (hb_quiz_page_get_grade (quiz_page)->score.passed);
  g_assert_nonnull (find_label (GTK_WIDGET (quiz_page), "100 %"));
  g_assert_nonnull (find_label (GTK_WIDGET (quiz_page), "Passed."));
  g_object_get (progress, "completed", &completed, NULL);
  g_assert_cmpuint (completed, ==, 1);
  g_assert_nonnull (find_label (progress, "1 of 6 lessons done"));
  g_assert_nonnull (find_label (courses, "Quiz passed"));
  g_object_get (review, "badge-number", &due, NULL);
  g_assert_cmpuint (due, ==, 9); /* right now, but missed once: still to review */

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-article", NULL));
}

static void
toggle_on (gpointer button)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
}

static GtkWidget *
find_toggle (GtkWidget *widget)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toggle (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A new version of a lesson someone passed: it, and only it, asks to be
 * taken again, and shows what changed. */
static void
test_window_training_changed_lesson (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autofree char *source = g_build_filename (g_getenv ("HANDBOOK_CONTENT_DIR"), "lessons",
                                              "01-dispute-lifecycle.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GString) edited = NULL;
  GtkWidget *article = hb_window_get_content_page (window, "article");
  GtkWidget *courses = hb_window_get_sidebar_page (window, "courses");
  const char *paths[2] = { NULL, NULL };

  g_assert_true (g_file_get_contents (source, &text, NULL, &error));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "## The seven stages",
                                      "From December, every first reply gives the case number.\n\n"
                                      "## The seven stages",
                                      1),
                    ==, 1);
  path = hb_test_write_file ("changed/01-dispute-lifecycle.md", edited->str, -1);
  paths[0] = path;
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_updated, ==, 1);
  hb_window_reload (window);

  g_assert_nonnull (find_label (courses, "Needs review"));
  wait_for_load (open_article, "lesson-dispute-lifecycle");
  g_assert_nonnull (find_label (article, "This lesson changed since you completed it"));
  g_assert_nonnull (find_label (article, "• New section") != NULL ? find_label (article, "• New section")
                                                                  : find_label (article, "• Changed"));

  /* Show Changes: the redline in the article view. */
  wait_for_load (toggle_on, find_toggle (gtk_widget_get_last_child (article))); /* the lesson bar */
  g_assert_cmpstr (page_eval ("String (document.querySelector ('ins') !== null)"), ==, "true");
  g_assert_cmpstr (page_eval ("String (document.body.innerText.includes ('every first reply gives the case number'))"), ==,
                   "true");
}

static char *pdf_text (const char *path);

static void
test_window_training_team (void)
{
  g_autoptr (HbProfile) lead = add_window_profile ("Mei Wang", HB_PROFILE_ROLE_MANAGER);
  g_autoptr (GPtrArray) profiles = hb_store_list_profiles (store, NULL);
  HbTeamPage *team = HB_TEAM_PAGE (hb_window_get_content_page (window, "team"));
  g_autofree char *people = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.team-report", NULL));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (team)));
  /* Everyone, in both courses; Ana passed lesson 1, which changed since. */
  g_assert_cmpuint (g_list_model_get_n_items (hb_team_page_get_rows (team)), ==, profiles->len * 2);
  /* Everyone with a profile in this handbook, the earlier tests' too. */
  people = g_strdup_printf ("%u people ·", profiles->len);
  g_assert_nonnull (find_label (GTK_WIDGET (team), people));
  g_assert_nonnull (find_label (GTK_WIDGET (team), "Review"));
  g_assert_nonnull (find_label (GTK_WIDGET (team), "0/6"));

  /* Printed (here to a PDF): a row per person and course, on paper. */
  {
    g_autofree char *path = g_build_filename (hb_test_tmpdir (), "team.pdf", NULL);
    g_autoptr (GError) error = NULL;
    g_autofree char *text = NULL;

    g_assert_true (hb_print_team_report (hb_team_page_get_progress (team), GTK_WINDOW (window), NULL, path, &error));
    g_assert_no_error (error);
    text = pdf_text (path);
    if (text != NULL)
      {
        g_test_message ("%.1200s", text);
        g_assert_nonnull (strstr (text, "Team report"));
        g_assert_nonnull (strstr (text, "Employee ID"));
        g_assert_nonnull (strstr (text, "Mei Wang"));
        g_assert_nonnull (strstr (text, "Page 1 of 1"));
      }
  }
}

static void
test_window_training_who_is_learning (void)
{
  HbProfileDialog *dialog = NULL;
  g_autoptr (GError) error = NULL;
  GList *toplevels;

  hb_window_ask_profile (window);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (HB_IS_PROFILE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Who Is Learning?"));
  /* The people of this handbook are there to pick. */
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Ana Li"));

  gtk_editable_set_text (hb_profile_dialog_get_name_entry (dialog), "Zhang Wei");
  g_assert_true (hb_profile_dialog_add (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_window_get_profile (window)->name, ==, "Zhang Wei");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Keys ----------------------------------------------------------------------- */

/* Every key the shortcuts window shows, as keyval and modifiers. */
static GHashTable *
overlay_accelerators (void)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/handbook/Handbook/gtk/help-overlay.ui");
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GSList *objects = gtk_builder_get_objects (builder);

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto (GStrv) alternatives = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      alternatives = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; alternatives[i] != NULL; i++)
        {
          guint keyval = 0;
          GdkModifierType mods = 0;

          if (gtk_accelerator_parse (alternatives[i], &keyval, &mods))
            g_hash_table_add (keys, gtk_accelerator_name (gdk_keyval_to_lower (keyval), mods));
        }
    }
  g_slist_free (objects);
  return keys;
}

/* Large text and high contrast ------------------------------------------- */

/* Reads @script off the page until it gives @expected: a style sheet
 * reaches the page a moment after it is added. */
static void
wait_for_page_value (const char *script, const char *expected)
{
  g_autofree char *value = page_eval (script);
  gint64 end = g_get_monotonic_time () + (gint64) WAIT_LIMIT_SECONDS * G_USEC_PER_SEC;

  while (g_strcmp0 (value, expected) != 0)
    {
      if (g_get_monotonic_time () > end)
        g_error ("%s gave %s, not %s", script, value, expected);
      g_free (value);
      value = page_eval (script);
    }
}

static void
set_high_contrast (gpointer settings)
{
  g_settings_set_boolean (settings, "high-contrast", TRUE);
}

static void
test_window_large_text_and_high_contrast (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface", TRUE);
  GtkSettings *gtk = gtk_settings_get_default ();
  int dpi = 0;

  wait_for_load (open_article, "evidence-checklist");
  g_object_get (gtk, "gtk-xft-dpi", &dpi, NULL);

  /* Large Text (a text scaling factor of 1.5 here) reaches the article. */
  g_object_set (gtk, "gtk-xft-dpi", (int) (96 * 1024 * 1.5), NULL);
  wait_for_page_value ("getComputedStyle (document.documentElement).fontSize", "24px");
  g_object_set (gtk, "gtk-xft-dpi", 96 * 1024, NULL);
  wait_for_page_value ("getComputedStyle (document.documentElement).fontSize", "16px");
  g_object_set (gtk, "gtk-xft-dpi", dpi, NULL);

  /* High contrast: full-strength text and underlined links. */
  wait_for_page_value ("getComputedStyle (document.body).color", "rgba(0, 0, 6, 0.8)");
  if (schema == NULL)
    {
      g_test_skip ("No org.gnome.desktop.a11y.interface schema to turn high contrast on");
      return;
    }
  {
    g_autoptr (GSettings) settings = g_settings_new ("org.gnome.desktop.a11y.interface");

    if (!adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
      wait_for_signal (adw_style_manager_get_default (), "notify::high-contrast", set_high_contrast, settings);
    g_assert_true (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()));
    wait_for_page_value ("getComputedStyle (document.body).color", "rgb(0, 0, 0)");
    wait_for_page_value ("getComputedStyle (document.querySelector ('main a')).textDecorationLine", "underline");
    g_settings_set_boolean (settings, "high-contrast", FALSE);
    wait_for_page_value ("getComputedStyle (document.body).color", "rgba(0, 0, 6, 0.8)");
  }
}

/* Narrow ------------------------------------------------------------------ */

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
allocated_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  if (gtk_widget_get_width (widget) == 0)
    return G_SOURCE_CONTINUE;
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Names the deepest widgets that want more than @limit, for the log. */
static gboolean
report_wide (GtkWidget *widget, int limit)
{
  gboolean child_wide = FALSE;
  int minimum = 0;

  if (!gtk_widget_get_visible (widget))
    return FALSE;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum <= limit)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    child_wide |= report_wide (child, limit);
  if (!child_wide)
    g_test_message ("%s (%s) wants %d px", G_OBJECT_TYPE_NAME (widget),
                    gtk_widget_get_css_classes (widget)[0] != NULL ? gtk_widget_get_css_classes (widget)[0] : "",
                    minimum);
  return TRUE;
}

static gboolean
narrow_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  if (gtk_widget_get_width (widget) != 360)
    return G_SOURCE_CONTINUE;
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The narrowest the window can be with what it shows now. */
static int
minimum_width (HbWindow *win)
{
  GtkWidget *content;
  int minimum = 0;
  gboolean drawn = FALSE;

  gtk_widget_add_tick_callback (GTK_WIDGET (win), allocated_cb, &drawn, NULL);
  wait_until (&drawn, "the narrow window to be drawn");
  /* What the window holds: its frame and shadow belong to the desktop. */
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (win));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > 360)
    report_wide (content, 360);
  return minimum;
}

static void
test_window_narrow (void)
{
  HbWindow *win = hb_window_new (NULL, store);
  AdwLeaflet *leaflet;
  int minimum;

  /* A phone's width: the sidebar and the article take turns. */
  gtk_window_set_default_size (GTK_WINDOW (win), 360, 640);
  gtk_window_present (GTK_WINDOW (win));
  minimum = minimum_width (win);
  g_test_message ("Narrowest window on the library: %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);
  /* The first frame may come before the pages are filled: ask again. */
  gtk_window_set_default_size (GTK_WINDOW (win), 360, 640);
  {
    GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (win));
    gboolean narrow = FALSE;

    gtk_widget_add_tick_callback (content, narrow_cb, &narrow, NULL);
    wait_until (&narrow, "the window to be 360 px wide");
  }
  leaflet = ADW_LEAFLET (find_descendant (GTK_WIDGET (win), ADW_TYPE_LEAFLET));
  g_assert_nonnull (leaflet);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Every page of the sidebar fits. */
  for (guint i = 1; i <= HB_WINDOW_N_SIDEBAR_PAGES; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (win), "win.show-page", "u", i);
      minimum = minimum_width (win);
      g_test_message ("Narrowest window on page %u: %d px", i, minimum);
      g_assert_cmpint (minimum, <=, 360);
    }

  /* An article takes the whole width, and the sidebar comes back. */
  hb_window_open_article (win, "reg-crpl-2013", 0, NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_cmpint (minimum_width (win), <=, 360);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.show-sidebar", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  gtk_window_destroy (GTK_WINDOW (win));
}

/* Adds to @bound the actions that @widget's own keys run, each of which
 * the shortcuts window must show. */
static void
collect_keys (GtkWidget *widget, GHashTable *shown, GHashTable *bound)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *key = NULL;
          const char *action_name;

          if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          action_name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          g_hash_table_add (bound, g_strdup (action_name));
          key = gtk_accelerator_name (gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))),
                                      gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          /* Keypad and Back/Forward twins of keys that are shown. */
          if (strstr (key, "KP_") == NULL && strcmp (key, "Back") != 0 && strcmp (key, "Forward") != 0
              && !g_hash_table_contains (shown, key))
            g_error ("The key %s (%s) is not in the shortcuts window", key, action_name);
        }
    }
}

/* Every action that @widget's class installs has a key of its own. */
static void
check_actions_have_keys (GtkWidget *widget, GType owner_type, const char *const *not_keys, GHashTable *shown)
{
  g_autoptr (GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name = NULL;
  GType owner;
  const GVariantType *type;
  const char *property;

  collect_keys (widget, shown, bound);
  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (widget), i, &owner, &name, &type, &property); i++)
    {
      /* GtkWindow's own actions are reached otherwise, but for closing. */
      if (g_strv_contains (not_keys, name) || (owner != owner_type && strcmp (name, "window.close") != 0))
        continue;
      if (!g_hash_table_contains (bound, name))
        g_error ("The action %s has no key", name);
    }
}

static void
test_window_every_action_has_a_key (void)
{
  g_autoptr (GHashTable) shown = overlay_accelerators ();
  /* Not keys: what the pages and menus use to talk to the window, and
   * the article's actions, which the window's keys run. */
  const char *window_not_keys[] = { "win.show-toast", "win.profile", NULL };
  const char *none[] = { NULL };

  check_actions_have_keys (GTK_WIDGET (window), HB_TYPE_WINDOW, window_not_keys, shown);
  /* The pages' own actions: the quiz's Submit, the team report's exports. */
  check_actions_have_keys (hb_window_get_content_page (window, "quiz"), HB_TYPE_QUIZ_PAGE, none, shown);
  check_actions_have_keys (hb_window_get_content_page (window, "team"), HB_TYPE_TEAM_PAGE, none, shown);
}

/* Print and export ---------------------------------------------------------- */

typedef struct
{
  gboolean done;
  GError *error;
} PdfWait;

static void
pdf_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdfWait *wait = user_data;

  hb_print_web_view_finish (result, &wait->error);
  wait->done = TRUE;
}

/* The text of a PDF, as pdftotext reads it. */
static char *
pdf_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  if (g_find_program_in_path ("pdftotext") == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
count_of (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
export_pdf (const char *name, char **text)
{
  g_autofree char *path = g_build_filename (hb_test_tmpdir (), name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  PdfWait wait = { FALSE, NULL };

  hb_print_web_view_to_pdf_async (hb_window_get_web_view (window), file, NULL, pdf_cb, &wait);
  wait_until (&wait.done, "the PDF to be written");
  g_assert_no_error (wait.error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  *text = pdf_text (path);
}

static void
test_window_export_pdf (void)
{
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  guint pages;

  wait_for_load (open_article, "reg-crpl-2013");
  name = hb_print_suggest_pdf_name (hb_window_get_web_view (window));
  g_assert_true (g_str_has_suffix (name, ", version 1.pdf"));
  g_assert_null (strchr (name, '/'));

  export_pdf ("article.pdf", &text);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is missing (Debian: poppler-utils)");
      return;
    }
  g_test_message ("%.2000s", text);
  /* The article, and on each page its title and version above and the
   * link that cites it below. */
  g_assert_nonnull (strstr (text, "Consumer Rights Protection Law"));
  pages = count_of (text, "\f") + (text[strlen (text) - 1] != '\f');
  g_assert_cmpuint (pages, >=, 2);
  g_assert_cmpuint (count_of (text, "Cite as: handbook://article/reg-crpl-2013?version=1"), ==, pages);
  g_assert_cmpuint (count_of (text, "Version 1 of 1"), >=, pages);
}

static void
open_redline (gpointer data)
{
  hb_article_page_open_redline (hb_window_get_article_page (window), "tmall-not-as-described", 1, 2, FALSE);
}

/* A redline prints as it shows, cited by its newer version. */
static void
test_window_export_redline_pdf (void)
{
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  wait_for_load (open_redline, NULL);
  name = hb_print_suggest_pdf_name (hb_window_get_web_view (window));
  g_assert_true (g_str_has_suffix (name, ", changes from version 1 to 2.pdf"));
  export_pdf ("redline.pdf", &text);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is missing (Debian: poppler-utils)");
      return;
    }
  g_test_message ("%.1500s", text);
  g_assert_nonnull (strstr (text, "REDLINE"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
  g_assert_nonnull (strstr (text, "Version 1 → version 2"));
  g_assert_nonnull (strstr (text, "Cite as: handbook://article/tmall-not-as-described?version=2"));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autofree char *content = NULL;
  const char *paths[2] = { NULL, NULL };
  int rc;

  g_setenv ("GTK_IM_MODULE", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  store = hb_test_new_store ("window");
  content = hb_test_copy_tree (g_getenv ("HANDBOOK_CONTENT_DIR"), "content");
  paths[0] = content;
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);

  start_server ();

  window = hb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/window/search-and-open", test_window_search_and_open);
  g_test_add_func ("/window/dark-mode", test_window_dark_mode);
  g_test_add_func ("/window/internal-link-and-back", test_window_internal_link_and_back);
  g_test_add_func ("/window/unsafe-content", test_window_unsafe_content);
  g_test_add_func ("/window/images", test_window_images);
  g_test_add_func ("/window/citation", test_window_citation);
  g_test_add_func ("/window/corrected", test_window_corrected);
  g_test_add_func ("/window/missing-word", test_window_missing_word);
  g_test_add_func ("/window/search-cancelled", test_window_search_cancelled);
  g_test_add_func ("/window/search-next-page", test_window_search_next_page);
  g_test_add_func ("/window/filters", test_window_filters);
  g_test_add_func ("/window/reload-after-import", test_window_reload_after_import);
  g_test_add_func ("/window/publish-and-acknowledge", test_window_publish_and_acknowledge);
  g_test_add_func ("/window/publish-unsigned", test_window_publish_unsigned);
  g_test_add_func ("/window/effective-date", test_window_effective_date);
  g_test_add_func ("/window/preparing-then-library", test_window_preparing_then_library);
  g_test_add_func ("/window/damaged-database", test_window_damaged_database);
  g_test_add_func ("/window/every-action-has-a-key", test_window_every_action_has_a_key);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/large-text-and-high-contrast", test_window_large_text_and_high_contrast);
  g_test_add_func ("/window/export-pdf", test_window_export_pdf);
  g_test_add_func ("/window/export-redline-pdf", test_window_export_redline_pdf);
  g_test_add_func ("/window/training/quiz", test_window_training_quiz);
  g_test_add_func ("/window/training/changed-lesson", test_window_training_changed_lesson);
  g_test_add_func ("/window/training/team", test_window_training_team);
  g_test_add_func ("/window/training/who-is-learning", test_window_training_who_is_learning);
  g_test_add_func ("/window/help", test_window_help);

  rc = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  hb_test_cleanup ();
  return rc;
}
