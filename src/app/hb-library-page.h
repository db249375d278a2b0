/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-sidebar-page.h"
#include "hb-store-articles.h"

G_BEGIN_DECLS

#define HB_TYPE_LIBRARY_PAGE (hb_library_page_get_type ())
G_DECLARE_FINAL_TYPE (HbLibraryPage, hb_library_page, HB, LIBRARY_PAGE, AdwBin)

/*
 * The library: every article, grouped by kind, under the kind, platform
 * and tag filters (the "kind", "platform" and "tag" properties). Emits
 * HbSidebarPage::article-activated when an article is chosen.
 */
HbLibraryPage *hb_library_page_new (HbStore *store);

/* Every article (#HbArticle), filtered or not; changes on reload. */
GListModel *hb_library_page_get_articles (HbLibraryPage *self);

/* What the handbook holds, in a sentence or two, for the start page. */
const char *hb_library_page_get_summary (HbLibraryPage *self);

G_END_DECLS
