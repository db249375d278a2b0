/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store-articles.h"
#include "hb-web-view.h"

G_BEGIN_DECLS

#define HB_TYPE_ARTICLE_PAGE (hb_article_page_get_type ())
G_DECLARE_FINAL_TYPE (HbArticlePage, hb_article_page, HB, ARTICLE_PAGE, AdwBin)

#define HB_ARTICLE_PAGE_ZOOM_MIN 0.5
#define HB_ARTICLE_PAGE_ZOOM_MAX 3.0
#define HB_ARTICLE_PAGE_ZOOM_STEP 0.1

/*
 * The reading side of the window: a header with the article's title and
 * version, Back and Forward, the contents, Copy Citation and Find in Page;
 * the find bar; and the article in an #HbWebView, or the start page
 * ("welcome-text") while none is open. "folded" says the sidebar is
 * folded away: the header then offers "win.show-sidebar". Messages go to
 * the window's "win.show-toast" (s).
 */
HbArticlePage *hb_article_page_new (HbStore *store);

HbWebView *hb_article_page_get_web_view (HbArticlePage *self);

/* Opens an article (version 0: the one in force) at a section. */
void hb_article_page_open (HbArticlePage *self, const char *id, guint version, const char *section_id);

/* The article shown, or %NULL ("article" is notified when it changes). */
HbArticle *hb_article_page_get_article (HbArticlePage *self);

/* Shows the article again after the store changed, keeping the place. */
void hb_article_page_refresh (HbArticlePage *self);

/* History ("can-go-back", "can-go-forward"). */
gboolean hb_article_page_get_can_go_back (HbArticlePage *self);
gboolean hb_article_page_get_can_go_forward (HbArticlePage *self);
void hb_article_page_go_back (HbArticlePage *self);
void hb_article_page_go_forward (HbArticlePage *self);

/* Copies the citation of the section being read, then says so. */
void hb_article_page_copy_citation (HbArticlePage *self);

/* Opens the find bar (when an article is shown) and focuses it. */
void hb_article_page_begin_find (HbArticlePage *self);

/* The text size ("zoom-level"), rounded to steps of 10 % and kept
 * between HB_ARTICLE_PAGE_ZOOM_MIN and _MAX. */
double hb_article_page_get_zoom_level (HbArticlePage *self);
void hb_article_page_set_zoom_level (HbArticlePage *self, double level);

/* Gives the keyboard to the article, to read on with Space and Page Down. */
void hb_article_page_focus_article (HbArticlePage *self);

/* Opens the redline of two versions (from 0: a new article, opened as
 * itself). */
void hb_article_page_open_redline (HbArticlePage *self, const char *id, guint from, guint to,
                                   gboolean changes_only);

/* The person reading ("profile", a uuid; %NULL for nobody). */
void hb_article_page_set_profile (HbArticlePage *self, const char *profile);

/* Records the person's acknowledgement of the version shown, as the
 * Acknowledge button does; emits ::acknowledged. */
gboolean hb_article_page_acknowledge (HbArticlePage *self);

/* Shows the History of the article instead of its text, or not. */
void hb_article_page_show_history (HbArticlePage *self, gboolean show);
gboolean hb_article_page_get_history_shown (HbArticlePage *self);

/* For tests: the History, and what the acknowledgement bar says (%NULL
 * when hidden). */
struct _HbHistoryView;
struct _HbHistoryView *hb_article_page_get_history_view (HbArticlePage *self);
const char *hb_article_page_get_acknowledgement_text (HbArticlePage *self);

G_END_DECLS
