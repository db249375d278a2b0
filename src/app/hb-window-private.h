/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-window.h"
#include "hb-article-page.h"
#include "hb-lesson-bar.h"
#include "hb-quiz-page.h"
#include "hb-review-session.h"
#include "hb-search-panel.h"
#include "hb-sidebar-page.h"
#include "hb-team-page.h"

G_BEGIN_DECLS

/* Shared by hb-window.c and hb-window-actions.c. */
struct _HbWindow
{
  AdwApplicationWindow parent_instance;

  HbStore *store;
  GSettings *settings;
  HbWindowState state;
  /* Shows the preparing page's spinner when opening takes a while. */
  guint preparing_source;

  /* The person using the window: the GSettings key "profile", the
   * profile it names (or NULL), and whether they may publish updates. */
  char *profile_uuid;
  HbProfile *profile;
  gboolean can_publish;
  /* Puts in force the versions whose day has come, at midnight. */
  guint midnight_source;
  char *today;
  /* The sidebar page shown before the one shown now. */
  char *shown_page;

  /* The pages, made when the store is there. */
  GPtrArray *sidebar_pages;
  HbSearchPanel *search_panel;
  HbArticlePage *article_page;

  /* Training: the lesson's bar under the article, and the pages beside
   * it. */
  GtkWidget *article_box;
  HbLessonBar *lesson_bar;
  HbQuizPage *quiz_page;
  HbReviewSession *review_session;
  HbTeamPage *team_page;

  /* The printer and its options, from one print to the next. */
  GtkPrintSettings *print_settings;

  /* Template children */
  GtkStack *main_stack;
  GtkRevealer *preparing_revealer;
  AdwStatusPage *preparing_page;
  AdwStatusPage *error_page;
  AdwLeaflet *leaflet;
  AdwHeaderBar *sidebar_header;
  AdwViewSwitcherBar *switcher_bar;
  GtkSearchEntry *search_entry;
  GtkStack *sidebar_stack;
  AdwViewStack *pages;
  AdwToastOverlay *toast_overlay;
  GtkStack *content_stack;
  GMenu *profile_section;
};

/* hb-window-actions.c: installs the win.* actions and their keys. */
void _hb_window_class_actions_init (HbWindowClass *klass);

/* Enables the actions that can act now. */
void _hb_window_actions_update (HbWindow *self);

void _hb_window_show_toast (HbWindow *self, const char *text);

/* After a publish (or a new day): every page reads the store again. */
void _hb_window_reload_all (HbWindow *self);

/* hb-window-training.c: training. */
void _hb_window_add_training_pages (HbWindow *self);
void _hb_window_rebuild_profile_menu (HbWindow *self);
void _hb_window_show_article (HbWindow *self);
void _hb_window_take_quiz (HbWindow *self);
void _hb_window_start_review (HbWindow *self);
void _hb_window_show_team_report (HbWindow *self);
void _hb_window_training_changed (HbWindow *self);

G_END_DECLS
