/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writes the screenshots the AppStream metainfo lists: the library, a
 * search, an article in light and dark, a regulation update (Publish
 * Update…'s preview, What's new, redlines in English and Chinese, and
 * History, from the sample bundle signed with the test key of
 * tests/data/keys), and training (a course, a quiz after Submit, the
 * progress page and the team report, light and dark, of a small team).
 * build-aux/screenshots runs it under Xvfb. Every wait is on a signal.
 *
 *   hb-screenshots OUTPUT-FOLDER
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "hb-article-page.h"
#include "hb-bundle.h"
#include "hb-import.h"
#include "hb-publish.h"
#include "hb-publish-dialog.h"
#include "hb-question-view.h"
#include "hb-quiz.h"
#include "hb-search.h"
#include "hb-store-profiles.h"
#include "hb-store-publishes.h"
#include "hb-whats-new-page.h"
#include "hb-test-util.h"
#include "hb-util.h"
#include "hb-window.h"
#include "hb-store-articles.h"
#include "hb-store-profiles.h"

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

static void shoot_widget (GtkWidget *widget, const char *folder, const char *name);

static void
shoot (const char *folder, const char *name)
{
  shoot_widget (GTK_WIDGET (window), folder, name);
}

static void
shoot_widget (GtkWidget *widget, const char *folder, const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (folder, file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

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
  gulong id;

  /* Nothing to wait for when it shows that query already. */
  if (g_strcmp0 (hb_window_get_shown_query (window), query) == 0
      && g_strcmp0 (gtk_editable_get_text (hb_window_get_search_entry (window)), query) == 0)
    return;
  id = g_signal_connect (window, "search-updated", G_CALLBACK (search_updated_cb), (gpointer) query);
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

static char *
read_source (const char *relative)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (SOURCE_ROOT, relative, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}
/* Training ------------------------------------------------------------------ */

static HbProfile *
add_profile (HbStore *store, const char *name, const char *employee_id, HbProfileRole role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);
  HbProfile *profile = hb_store_add_profile (write, name, employee_id, role, &error);

  g_assert_no_error (error);
  hb_store_write_commit (g_steal_pointer (&write), &error);
  g_assert_no_error (error);
  return profile;
}

static void
set_profile (const char *uuid)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "profile", uuid);
}

static void
wait_for (gpointer instance, const char *signal)
{
  gulong id = g_signal_connect_swapped (instance, signal, G_CALLBACK (set_done), NULL);

  iterate_until_done ();
  g_signal_handler_disconnect (instance, id);
}

static void
dialog_load_cb (WebKitWebView *view, WebKitLoadEvent event, gpointer data)
{
  if (event == WEBKIT_LOAD_FINISHED)
    done = TRUE;
}

/* A Chinese FAQ of the sample handbook, amended (a sample rule, as the
 * bundle's): a sentence added, a table cell changed. */
static void
publish_chinese_amendment (HbStore *store, const char *secret)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = read_source ("data/content/faq/zh-return-shipping.md");
  g_autoptr (GString) amended = g_string_new (text);
  g_autofree char *dir = NULL;
  g_autoptr (HbBundleSignature) signature = NULL;
  g_autoptr (HbBundle) bundle = NULL;
  g_autoptr (HbPublishPlan) plan = NULL;

  g_string_replace (amended, "通过平台提供的方式补偿运费，不得站外转账。",
                    "通过平台提供的方式在 48 小时内补偿运费，不得站外转账。", 1);
  g_string_replace (amended, "| 顾客在途中拒收（改变主意） | 按平台规则处理 |", "| 顾客在途中拒收（改变主意） | 顾客 |", 1);
  g_free (hb_test_write_file ("zh-bundle/faq/zh-return-shipping.md", amended->str, -1));
  g_free (hb_test_write_file ("zh-bundle/manifest.yaml",
                              "bundle: zh-returns-2026-12\ntitle: 退货运费规则调整（2026 年 12 月，示例）\n"
                              "publisher: 合规组\ndate: 2026-12-02\nentries:\n"
                              "  - file: faq/zh-return-shipping.md\n    id: zh-faq-return-shipping\n"
                              "    effective: 2026-12-01\n"
                              "    changes: 顾客垫付的运费须在 48 小时内补偿；拒收的寄回运费由顾客承担（示例规则）。\n"
                              "    acknowledge: required\n    due: 2026-12-15\n",
                              -1));
  dir = g_build_filename (hb_test_tmpdir (), "zh-bundle", NULL);
  signature = hb_bundle_sign (dir, secret, NULL, &error);
  g_assert_no_error (error);
  bundle = hb_bundle_read (dir, NULL, &error);
  g_assert_no_error (error);
  plan = hb_publish_preview (store, bundle, NULL, NULL, &error);
  g_assert_no_error (error);
  hb_publish_commit (store, plan, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
regulation_update (HbStore *store, const char *folder)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbProfile) editor = add_profile (store, "Mei Chen", "E-001", HB_PROFILE_ROLE_EDITOR);
  g_autoptr (HbProfile) staff = add_profile (store, "Li Wei", "S-014", HB_PROFILE_ROLE_STAFF);
  g_autofree char *secret = read_source ("tests/data/keys/test-editor.key");
  g_autofree char *public = read_source ("tests/data/keys/test-editor.pub");
  g_autofree char *source = g_build_filename (SOURCE_ROOT, "data", "bundles", "2026-12-platform-rules", NULL);
  g_autofree char *bundle = hb_test_copy_tree (source, "bundle");
  g_autoptr (HbBundleSignature) signature = hb_bundle_sign (bundle, secret, NULL, &error);
  g_autoptr (GFile) file = g_file_new_for_path (bundle);
  HbArticlePage *page = hb_window_get_article_page (window);
  HbPublishDialog *dialog;

  g_assert_no_error (error);
  {
    g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);

    hb_store_trust_key (write, public, "Compliance team", editor->uuid, NULL, &error);
    g_assert_no_error (error);
    hb_store_write_commit (g_steal_pointer (&write), &error);
    g_assert_no_error (error);
  }

  /* The editor previews the bundle. */
  set_profile (editor->uuid);
  dialog = hb_window_publish_update (window, file);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 1200, 760);
  g_signal_connect (hb_publish_dialog_get_web_view (dialog), "load-changed", G_CALLBACK (dialog_load_cb), NULL);
  wait_for (dialog, "ready");
  if (webkit_web_view_is_loading (WEBKIT_WEB_VIEW (hb_publish_dialog_get_web_view (dialog))))
    iterate_until_done ();
  settle ();
  shoot_widget (GTK_WIDGET (dialog), folder, "publish-preview");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Published as the dialog would, without its toast on the next shots. */
  {
    g_autoptr (HbBundle) read = hb_bundle_read (bundle, NULL, &error);
    g_autoptr (HbPublishPlan) plan = hb_publish_preview (store, read, NULL, NULL, &error);

    g_assert_no_error (error);
    hb_publish_commit (store, plan, editor->uuid, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  publish_chinese_amendment (store, secret);
  search ("");
  hb_window_reload (window);

  /* Staff: What's new, and the update as a redline. */
  set_profile (staff->uuid);
  hb_window_show_sidebar_page (window, "whats-new");
  hb_whats_new_page_activate (HB_WHATS_NEW_PAGE (hb_window_get_sidebar_page (window, "whats-new")),
                              "tmall-not-as-described");
  iterate_until_done ();
  settle_page ();
  shoot (folder, "whats-new");

  /* The changes only, as the header's toggle shows them. */
  hb_article_page_open_redline (page, "tmall-not-as-described", 1, 2, TRUE);
  iterate_until_done ();
  settle_page ();
  shoot (folder, "redline");

  hb_article_page_open_redline (page, "zh-faq-return-shipping", 1, 2, TRUE);
  iterate_until_done ();
  settle_page ();
  shoot (folder, "redline-zh");

  hb_article_page_open (page, "tmall-not-as-described", 0, NULL);
  iterate_until_done ();
  settle_page ();
  hb_article_page_show_history (page, TRUE);
  settle ();
  shoot (folder, "history");

  /* Not for the metainfo: the same in the dark style, to look at. */
  if (g_getenv ("HB_SCREENSHOTS_DARK") != NULL)
    {
      AdwStyleManager *style = adw_style_manager_get_default ();

      /* main() listens to notify::dark already. */
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      iterate_until_done ();
      settle ();
      shoot (folder, "history-dark");
      hb_article_page_open_redline (page, "zh-faq-return-shipping", 1, 2, TRUE);
      iterate_until_done ();
      settle_page ();
      shoot (folder, "redline-zh-dark");
      hb_window_show_sidebar_page (window, "whats-new");
      settle ();
      shoot (folder, "whats-new-dark");
    }
}


/* @wrong: how many questions to leave unanswered. */
static void
take (HbStore *store, const HbProfile *profile, const char *lesson, guint wrong, const char *at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbQuiz) quiz = hb_quiz_load (store, lesson, 0, &error);
  g_autoptr (GHashTable) responses = NULL;
  g_autoptr (HbAttemptRecord) attempt = NULL;

  g_assert_no_error (error);
  responses = hb_test_right_responses (quiz);
  for (guint i = 0; i < quiz->gift->questions->len && wrong > 0; i++)
    {
      HbGiftQuestion *question = g_ptr_array_index (quiz->gift->questions, i);

      if (question->type != HB_GIFT_DESCRIPTION && question->type != HB_GIFT_ESSAY)
        {
          g_hash_table_remove (responses, question->key);
          wrong--;
        }
    }
  attempt = hb_quiz_record_attempt (store, quiz, profile->uuid, responses, at, at, NULL, &error);
  g_assert_no_error (error);
}

static const char *const lessons[] = {
  "lesson-dispute-lifecycle", "lesson-legal-foundations", "lesson-glossary-tools",
  "lesson-evidence", "lesson-replying-to-customers", "lesson-platform-arbitration",
};

/* A small team at different points of the course. */
static void
add_team (HbStore *store, char **learner, char **manager)
{
  static const struct
  {
    const char *name;
    const char *employee_id;
    guint done;
  } people[] = {
    { "Chen Jie", "CS-1042", 6 }, { "Li Na", "CS-1057", 4 },  { "Wang Fang", "CS-1063", 1 },
    { "Zhou Min", "CS-1071", 0 },  { "Sofia Rossi", "CS-1080", 5 },
  };
  g_autoptr (HbProfile) ana = add_profile (store, "Ana Li", "CS-1102", HB_PROFILE_ROLE_STAFF);
  g_autoptr (HbProfile) mei = add_profile (store, "Mei Wang", "TL-07", HB_PROFILE_ROLE_MANAGER);

  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    {
      g_autoptr (HbProfile) person = add_profile (store, people[p].name, people[p].employee_id,
                                                  HB_PROFILE_ROLE_STAFF);

      for (guint l = 0; l < people[p].done; l++)
        {
          g_autofree char *first = g_strdup_printf ("2026-11-%02uT0%u:10:00Z", 2 + l * 3, 1 + p);
          g_autofree char *second = g_strdup_printf ("2026-11-%02uT0%u:40:00Z", 2 + l * 3, 1 + p);

          if ((l + p) % 3 == 0)
            take (store, person, lessons[l], 4, first);
          take (store, person, lessons[l], (l + p) % 2, second);
        }
      if (people[p].done < G_N_ELEMENTS (lessons) && people[p].done > 0)
        take (store, person, lessons[people[p].done], 5, "2026-11-28T09:00:00Z");
    }

  /* Ana, the learner of the shots: lesson 1 passed, lesson 2 to do. */
  take (store, ana, lessons[0], 3, "2026-11-30T09:00:00Z");
  take (store, ana, lessons[0], 0, "2026-11-30T09:30:00Z");
  *learner = g_strdup (ana->uuid);
  *manager = g_strdup (mei->uuid);
}

/* Answers the quiz shown as a learner would, but for one question. */
static void
answer_quiz (GtkWidget *widget, guint *question_number)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (HB_IS_QUESTION_VIEW (child))
        (*question_number)++;
      if (GTK_IS_CHECK_BUTTON (child))
        {
          GtkWidget *view = gtk_widget_get_ancestor (child, HB_TYPE_QUESTION_VIEW);
          const HbGiftQuestion *question = hb_question_view_get_question (HB_QUESTION_VIEW (view));
          guint answer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "hb-answer"));
          gboolean right = question->type == HB_GIFT_TRUE_FALSE
                             ? (answer == 1) == question->truth
                             : ((HbGiftAnswer *) g_ptr_array_index (question->answers, answer))->fraction > 0;

          /* The second question is answered wrong, to show how that looks. */
          if (*question_number == 3 ? !right && answer == 1 : right)
            gtk_check_button_set_active (GTK_CHECK_BUTTON (child), TRUE);
          continue;
        }
      if (GTK_IS_ENTRY (child))
        {
          GtkWidget *view = gtk_widget_get_ancestor (child, HB_TYPE_QUESTION_VIEW);
          const HbGiftQuestion *question = hb_question_view_get_question (HB_QUESTION_VIEW (view));
          const HbGiftAnswer *answer = g_ptr_array_index (question->answers, 0);

          if (question->type == HB_GIFT_NUMERICAL)
            {
              g_autofree char *number = g_strdup_printf ("%g", answer->value);

              gtk_editable_set_text (GTK_EDITABLE (child), number);
            }
          else
            gtk_editable_set_text (GTK_EDITABLE (child), answer->text);
          continue;
        }
      answer_quiz (child, question_number);
    }
}

static void
shoot_training (const char *folder, const char *scheme, const char *learner, const char *manager)
{
  g_autofree char *course = g_strconcat ("course-", scheme, NULL);
  g_autofree char *quiz = g_strconcat ("quiz-", scheme, NULL);
  g_autofree char *progress = g_strconcat ("progress-", scheme, NULL);
  g_autofree char *team = g_strconcat ("team-", scheme, NULL);

  /* In Chinese, the Chinese course's first lesson. */
  const char *lesson = g_str_has_prefix (g_get_language_names ()[0], "zh") ? "zh-lesson-returns-and-shipping"
                                                                              : "lesson-legal-foundations";

  hb_window_set_profile_uuid (window, learner);

  /* A course, and its next lesson with its quiz below. */
  hb_window_show_sidebar_page (window, "courses");
  hb_window_open_article (window, lesson, 0, NULL);
  iterate_until_done ();
  settle_page ();
  shoot (folder, course);

  /* The quiz after Submit, answered once, the first time round. */
  if (strcmp (scheme, "light") == 0)
    {
      guint number = 0;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.take-quiz", NULL));
      answer_quiz (hb_window_get_content_page (window, "quiz"), &number);
      g_assert_true (gtk_widget_activate_action (hb_window_get_content_page (window, "quiz"), "quiz.submit", NULL));
    }
  else
    hb_window_show_content_page (window, "quiz");
  shoot (folder, quiz);

  /* The learner's progress. */
  hb_window_show_sidebar_page (window, "progress");
  hb_window_show_content_page (window, "article");
  settle_page ();
  shoot (folder, progress);

  /* The team report, as the team lead sees it. */
  hb_window_set_profile_uuid (window, manager);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.team-report", NULL));
  shoot (folder, team);
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

  /* In the language of the messages, as the app: LANGUAGE=zh_CN
   * build-aux/screenshots FOLDER takes the Chinese ones. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, hb_util_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();
  /* Pictures of a settled window, not of a revealer halfway. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

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

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  iterate_until_done ();
  regulation_update (store, folder);
  /* Training, light then dark. */
  {
    g_autofree char *learner = NULL;
    g_autofree char *manager = NULL;

    add_team (store, &learner, &manager);
    search ("");
    /* Light already: nothing to wait for. */
    g_assert_false (adw_style_manager_get_dark (style));
    shoot_training (folder, "light", learner, manager);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    iterate_until_done ();
    shoot_training (folder, "dark", learner, manager);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  hb_test_cleanup ();
  return 0;
}
