/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writes the screenshots the AppStream metainfo lists: the library, a
 * search, and an article in light and dark; a course, a quiz after
 * Submit, the progress page and the team report, each in light and
 * dark; from the sample handbook and a small team's training.
 * build-aux/screenshots runs it under Xvfb. Every wait is on a signal.
 *
 *   hb-screenshots OUTPUT-FOLDER
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-import.h"
#include "hb-question-view.h"
#include "hb-quiz.h"
#include "hb-search.h"
#include "hb-test-util.h"
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

/* Training ------------------------------------------------------------------ */

static HbProfile *
add_profile (HbStore *store, const char *name, const char *employee_id, HbProfileRole role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);
  HbProfile *profile = hb_store_add_profile (write, name, employee_id, role, &error);

  g_assert_no_error (error);
  g_assert_true (hb_store_write_commit (g_steal_pointer (&write), &error));
  return profile;
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

  hb_window_set_profile_uuid (window, learner);

  /* A course, and its next lesson with its quiz below. */
  hb_window_show_sidebar_page (window, "courses");
  hb_window_open_article (window, "lesson-legal-foundations", 0, NULL);
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

  /* Training, light then dark. */
  {
    g_autofree char *learner = NULL;
    g_autofree char *manager = NULL;

    add_team (store, &learner, &manager);
    search ("");
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
    iterate_until_done ();
    shoot_training (folder, "light", learner, manager);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    iterate_until_done ();
    shoot_training (folder, "dark", learner, manager);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  hb_test_cleanup ();
  return 0;
}
