/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-window.h"
#include "hb-article-page.h"
#include "hb-search-panel.h"
#include "hb-sidebar-page.h"

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

  /* The person using the window (the GSettings key "profile"), and
   * whether they may publish updates. */
  char *profile;
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
};

/* hb-window-actions.c: installs the win.* actions and their keys. */
void _hb_window_class_actions_init (HbWindowClass *klass);

/* Enables the actions that can act now. */
void _hb_window_actions_update (HbWindow *self);

void _hb_window_show_toast (HbWindow *self, const char *text);

/* After a publish (or a new day): every page reads the store again. */
void _hb_window_reload_all (HbWindow *self);

G_END_DECLS
