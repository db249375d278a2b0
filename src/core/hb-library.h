/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-article.h"

G_BEGIN_DECLS

#define HB_TYPE_LIBRARY_GROUP (hb_library_group_get_type ())
G_DECLARE_FINAL_TYPE (HbLibraryGroup, hb_library_group, HB, LIBRARY_GROUP, GObject)

/* A heading of the library ("Guides") and the articles under it. */
HbLibraryGroup *hb_library_group_new (HbArticleKind kind, GListModel *articles);

HbArticleKind hb_library_group_get_kind (HbLibraryGroup *self);
const char *hb_library_group_get_label (HbLibraryGroup *self);
GListModel *hb_library_group_get_articles (HbLibraryGroup *self);
guint hb_library_group_get_count (HbLibraryGroup *self);

/**
 * hb_library_build:
 * @articles: every article (#HbArticle)
 * @kind: (nullable): keep only articles of this kind ("guide", …)
 * @platform: (nullable): keep only articles for this platform
 * @tag: (nullable): keep only articles with this tag
 *
 * Returns: (transfer full): a #GListModel of #HbLibraryGroup, one per kind
 *   that has articles left, in the order guides, FAQs, regulations, lessons;
 *   each group's articles sorted by title in the locale's collation
 *   (g_utf8_collate_key(): pinyin order for Chinese in zh_CN.UTF-8), then id
 */
GListModel *hb_library_build (GListModel *articles, const char *kind, const char *platform,
                              const char *tag);

/**
 * hb_library_count_values:
 * @articles: every article
 * @tags: %TRUE to count tags, %FALSE for platforms
 *
 * Returns: (transfer full): value -> number of articles (GUINT_TO_POINTER)
 */
GHashTable *hb_library_count_values (GListModel *articles, gboolean tags);

G_END_DECLS
