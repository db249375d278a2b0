/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <webkit/webkit.h>

#include "hb-store-articles.h"

G_BEGIN_DECLS

#define HB_TYPE_WEB_VIEW (hb_web_view_get_type ())
G_DECLARE_FINAL_TYPE (HbWebView, hb_web_view, HB, WEB_VIEW, WebKitWebView)

/*
 * HbWebView shows articles, and only articles: pages come from the store
 * through the handbook: URI scheme, JavaScript in pages is off, nothing is
 * fetched from the network, links to other articles open here and web
 * links open in the browser.
 */
HbWebView *hb_web_view_new (HbStore *store);

HbStore *hb_web_view_get_store (HbWebView *self);

/* Opens an article (version 0: the one in force), at a section if given. */
void hb_web_view_load_article (HbWebView *self, const char *id, guint version, const char *section_id);

/* The article shown, or %NULL. */
HbArticle *hb_web_view_get_article (HbWebView *self);

/* The headings of the article shown, for its table of contents
 * (element-type HbHeading), or %NULL. */
GPtrArray *hb_web_view_get_headings (HbWebView *self);

/* What changed in an article since a version: "handbook://redline/ID?from=N". */
#define HB_REDLINE_URI_PREFIX "handbook://redline/"

/* Shows what changed in @id since @from_version, in the page of the
 * version in force (::read-to-end is not emitted for it). */
void hb_web_view_load_redline (HbWebView *self, const char *id, guint from_version);

/* Reloads the page, keeping the place (after an import changed it). */
void hb_web_view_refresh (HbWebView *self);

/**
 * hb_web_view_get_section_async:
 *
 * Finds the section the reader is in: the heading the page was opened at
 * while it is on screen, else the last heading scrolled past.
 */
void hb_web_view_get_section_async (HbWebView *self,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);

/* Returns the heading id and sets @text to its text; both %NULL at the top. */
char *hb_web_view_get_section_finish (HbWebView *self, GAsyncResult *result, char **text, GError **error);

G_END_DECLS
