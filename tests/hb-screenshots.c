/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writes the screenshots the AppStream metainfo lists: the library, a
 * search, and an article in light and dark, from the sample handbook.
 * build-aux/screenshots runs it under Xvfb. Every wait is on a signal.
 *
 *   hb-screenshots OUTPUT-FOLDER
 */
#include "config.h"

#include <adwaita.h>

#include "hb-import.h"
#include "hb-search.h"
#include "hb-test-util.h"
#include "hb-window.h"
#include "hb-store-articles.h"

static HbWindow *window;
static gboolean done;

static void
iterate_until_done (void)
{
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  done = FALSE;
}

static void
set_done (void)
{
  done = TRUE;
}

/* Lets GTK lay out and paint a few frames. */
static void
settle (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gulong id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_done), NULL);
  guint i;

  for (i = 0; i < 3; i++)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      iterate_until_done ();
    }
  g_signal_handler_disconnect (clock, id);
}

static void
page_painted_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, NULL);

  done = TRUE;
}

/* Waits until the web process has painted the page twice. */
static void
settle_page (void)
{
  webkit_web_view_call_async_javascript_function (
    WEBKIT_WEB_VIEW (hb_window_get_web_view (window)),
    "await new Promise ((r) => requestAnimationFrame (() => requestAnimationFrame (r))); return 1;", -1,
    NULL, NULL, NULL, NULL, page_painted_cb, NULL);
  iterate_until_done ();
  settle ();
}

static void
shoot (const char *folder, const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (folder, file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  settle ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot write %s", path);
  g_print ("%s\n", path);
}

static void
load_changed_cb (WebKitWebView *view, WebKitLoadEvent event, gpointer data)
{
  if (event == WEBKIT_LOAD_FINISHED)
    done = TRUE;
}

static void
search_updated_cb (HbWindow *win, gpointer query)
{
  if (g_strcmp0 (hb_window_get_shown_query (win), query) == 0)
    done = TRUE;
}

static void
search (const char *query)
{
  gulong id = g_signal_connect (window, "search-updated", G_CALLBACK (search_updated_cb), (gpointer) query);

  gtk_editable_set_text (hb_window_get_search_entry (window), query);
  gtk_editable_set_position (hb_window_get_search_entry (window), -1);
  iterate_until_done ();
  g_signal_handler_disconnect (window, id);
}

static void
dark_cb (void)
{
  done = TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (HbSearchResult) first = NULL;
  AdwStyleManager *style;
  const char *paths[2] = { NULL, NULL };
  const char *folder;

  if (argc != 2)
    {
      g_printerr ("Usage: hb-screenshots OUTPUT-FOLDER\n");
      return 2;
    }
  folder = argv[1];
  g_mkdir_with_parents (folder, 0755);

  gtk_init ();
  adw_init ();

  /* What AdwApplication loads for the app from its resource base path. */
  {
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/handbook/Handbook/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  style = adw_style_manager_get_default ();
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  store = hb_test_new_store ("screenshots");
  paths[0] = g_getenv ("HANDBOOK_CONTENT_DIR");
  report = hb_import_paths (store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);

  window = hb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (hb_window_get_web_view (window), "load-changed", G_CALLBACK (load_changed_cb), NULL);
  settle ();

  shoot (folder, "library");

  search ("七日无理由 退货");
  first = g_list_model_get_item (hb_window_get_results (window), 0);
  g_assert_nonnull (first);
  g_signal_emit_by_name (hb_window_get_search_entry (window), "activate");
  iterate_until_done ();
  settle_page ();
  shoot (folder, "search");

  search ("not as described evidence");
  g_signal_emit_by_name (hb_window_get_search_entry (window), "activate");
  iterate_until_done ();
  settle_page ();
  shoot (folder, "article-light");

  g_signal_connect (style, "notify::dark", G_CALLBACK (dark_cb), NULL);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  iterate_until_done ();
  settle_page ();
  shoot (folder, "article-dark");

  gtk_window_destroy (GTK_WINDOW (window));
  hb_test_cleanup ();
  return 0;
}
