/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store-articles.h"
#include "hb-store-profiles.h"
#include "hb-web-view.h"

#include "hb-search-panel.h"

G_BEGIN_DECLS

/* The pages of the sidebar, in order (win.show-page 1 to 5, Alt+1 to Alt+5). */
#define HB_WINDOW_N_SIDEBAR_PAGES 5

#define HB_TYPE_WINDOW (hb_window_get_type ())
G_DECLARE_FINAL_TYPE (HbWindow, hb_window, HB, WINDOW, AdwApplicationWindow)

/* What the window shows: the handbook being prepared, the handbook, or
 * why it cannot be opened. */
typedef enum
{
  HB_WINDOW_STATE_PREPARING,
  HB_WINDOW_STATE_READY,
  HB_WINDOW_STATE_FAILED,
} HbWindowState;

#define HB_TYPE_WINDOW_STATE (hb_window_state_get_type ())
GType hb_window_state_get_type (void);

/* A window on @store; with a %NULL store it shows "Preparing the
 * Handbook…" until hb_window_set_store() or hb_window_show_error(). */
HbWindow *hb_window_new (GtkApplication *application, HbStore *store);

/* Shows the handbook in a window that was preparing it ("state" goes
 * to %HB_WINDOW_STATE_READY). */
void hb_window_set_store (HbWindow *self, HbStore *store);

/* Says why the handbook at @path cannot be opened ("state" goes to
 * %HB_WINDOW_STATE_FAILED). */
void hb_window_show_error (HbWindow *self, const char *path, const GError *error);

/* After an error: the window waits again for a handbook, another one
 * ("state" goes back to %HB_WINDOW_STATE_PREPARING). */
void hb_window_wait_for_handbook (HbWindow *self);

HbWindowState hb_window_get_state (HbWindow *self);

HbStore *hb_window_get_store (HbWindow *self);

/* For tests and the screenshot script: the parts a user works with. */
GtkEditable *hb_window_get_search_entry (HbWindow *self);
HbWebView *hb_window_get_web_view (HbWindow *self);
/* The query whose results are shown; changes before ::search-updated. */
const char *hb_window_get_shown_query (HbWindow *self);
/* The search results shown, a #GListModel of #HbSearchResult. */
GListModel *hb_window_get_results (HbWindow *self);
/* The panel of the search results (for tests). */
HbSearchPanel *hb_window_get_search_panel (HbWindow *self);
/* A page of the sidebar by name ("library"), or %NULL. */
GtkWidget *hb_window_get_sidebar_page (HbWindow *self, const char *name);
/* What the window says while it cannot show the handbook: the title and
 * description of the preparing or error page, for tests. */
AdwStatusPage *hb_window_get_status_page (HbWindow *self);

/* Opens an article (version 0: the one in force) at a section. */
void hb_window_open_article (HbWindow *self, const char *id, guint version, const char *section_id);

/* Re-reads the library and the search after the store changed. */
void hb_window_reload (HbWindow *self);

/* The article page (for tests and the screenshot script). */
struct _HbArticlePage;
struct _HbArticlePage *hb_window_get_article_page (HbWindow *self);

/* Shows a page of the sidebar ("library", "courses", "whats-new"…). */
void hb_window_show_sidebar_page (HbWindow *self, const char *name);

/* Looks whether the day changed (as at midnight): then the versions
 * whose day has come are put in force and the pages follow. */
void hb_window_check_day (HbWindow *self);

/* The help that F1 and Help in the main menu open: the topic about what
 * the window shows ("help:io.github.handbook.Handbook/training" beside a
 * quiz), or the index ("help:io.github.handbook.Handbook"). */
char *hb_window_get_help_uri (HbWindow *self);

/* Opens the help (yelp) at @topic, a page id such as "publish", or at its
 * index for %NULL; if it cannot, a toast in the window says why. */
void hb_show_help (GtkWindow *parent, const char *topic);

/* For gtk_widget_class_add_binding() in a dialog: F1 opens the help at
 * the topic its "s" argument names. */
gboolean hb_show_help_shortcut (GtkWidget *widget, GVariant *args, gpointer user_data);

/* Opens Publish Update… on @bundle (a folder, .tar.gz or .zip), as the
 * editor does from the main menu. */
struct _HbPublishDialog;
struct _HbPublishDialog *hb_window_publish_update (HbWindow *self, GFile *bundle);

/*
 * The person using the window ("profile", notified): the profile whose
 * uuid the GSettings key "profile" holds, or %NULL until someone has said
 * who is learning. The key is the source of truth; setting the uuid
 * writes it.
 */
HbProfile *hb_window_get_profile (HbWindow *self);
void hb_window_set_profile_uuid (HbWindow *self, const char *uuid);

/* Asks "Who is learning?" (the first start, and New Profile…). */
void hb_window_ask_profile (HbWindow *self);

/* For tests and screenshots: the training pages beside the article
 * ("article", "quiz", "review", "team"), and showing a page. */
GtkWidget *hb_window_get_content_page (HbWindow *self, const char *name);
void hb_window_show_content_page (HbWindow *self, const char *name);

/* Writes the article or redline shown to the PDF @file (win.export-pdf
 * after its file chooser); a toast says when it is saved. */
void hb_window_export_pdf (HbWindow *self, GFile *file);

G_END_DECLS
