/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-article.h"
#include "hb-store.h"

G_BEGIN_DECLS

/*
 * The articles and their immutable versions (tables articles and
 * article_versions), and the images each version shows (asset_blobs and
 * version_assets).
 */

typedef enum
{
  HB_STORE_ADDED_NEW,       /* version 1 of a new article */
  HB_STORE_ADDED_UPDATED,   /* version N+1: the text changed */
  HB_STORE_ADDED_UNCHANGED, /* the same text: nothing stored */
} HbStoreAddedStatus;

typedef struct
{
  HbStoreAddedStatus status;
  guint version;     /* the version stored, or the unchanged one */
  gboolean pending;  /* it takes effect later; the one in force stays */
} HbStoreAdded;

/**
 * hb_store_add_version:
 * @write: a write transaction
 * @record: the version's text and metadata, with its images
 * @import_uuid: (nullable): the import it comes from (see
 *   hb_store_add_import(), which may come later in the same transaction)
 * @added: (out): what was stored
 *
 * Stores @record as version 1 of a new article, or as version N+1 when its
 * text (its sha256) differs from the newest stored version; the same text
 * stores nothing. Stored versions are never changed. The version in force
 * and the search index follow when @write commits.
 */
gboolean hb_store_add_version (HbStoreWrite *write,
                               const HbArticleRecord *record,
                               const char *import_uuid,
                               HbStoreAdded *added,
                               GError **error);

/**
 * hb_store_list_articles:
 * @kind: (nullable): only articles of this kind ("guide", …)
 *
 * The version in force of every article, without bodies, ordered by kind
 * and title.
 *
 * Returns: (transfer full): a #GListModel of #HbArticle, or %NULL on error
 */
GListModel *hb_store_list_articles (HbStore *self, const char *kind, GError **error);

/**
 * hb_store_get_article:
 * @id: the article id
 * @version: a version number, or 0 for the version in force today
 *
 * Returns: (transfer full): the article with its body, or %NULL with
 *   %HB_STORE_ERROR_NOT_FOUND
 */
HbArticle *hb_store_get_article (HbStore *self, const char *id, guint version, GError **error);

/**
 * hb_store_get_history:
 *
 * Returns: (transfer full) (element-type HbArticle): every version of @id,
 *   oldest first, without bodies; %NULL with %HB_STORE_ERROR_NOT_FOUND
 */
GPtrArray *hb_store_get_history (HbStore *self, const char *id, GError **error);

/**
 * hb_store_find_by_source:
 * @source: a path relative to an import root ("guides/returns.md")
 *
 * Returns: (nullable): the id of the article whose newest version came
 *   from @source
 */
char *hb_store_find_by_source (HbStore *self, const char *source);

/**
 * hb_store_count_articles:
 *
 * Returns: the number of articles, or -1 on error
 */
int hb_store_count_articles (HbStore *self, GError **error);

/**
 * hb_store_get_asset:
 * @article_id: the article
 * @version: the version whose images to look in
 * @path: the image's path relative to the import root, as in a
 *   #HB_ASSET_URI_PREFIX link
 * @mime_type: (out) (optional): its type, such as "image/png"
 *
 * Returns: (transfer full): the image as imported with that version, or
 *   %NULL with %HB_STORE_ERROR_NOT_FOUND
 */
GBytes *hb_store_get_asset (HbStore *self, const char *article_id, guint version, const char *path,
                            char **mime_type, GError **error);

G_END_DECLS
