/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  HB_ARTICLE_KIND_GUIDE,
  HB_ARTICLE_KIND_FAQ,
  HB_ARTICLE_KIND_REGULATION,
  HB_ARTICLE_KIND_LESSON,
  HB_ARTICLE_N_KINDS
} HbArticleKind;

/**
 * hb_article_kind_from_string:
 * @text: "guide", "faq", "regulation" or "lesson"
 * @kind: (out): the kind
 *
 * Returns: %TRUE if @text names a kind
 */
gboolean hb_article_kind_from_string (const char *text, HbArticleKind *kind);
const char *hb_article_kind_to_string (HbArticleKind kind);
/* Translated, plural label for the library ("Guides", "FAQs", …). */
const char *hb_article_kind_get_label (HbArticleKind kind);

/*
 * HbAssetRecord is an image an article shows, read from beside it at
 * import and stored with the version that shows it.
 */
typedef struct
{
  char *path;      /* relative to the import root, as in its handbook://asset link */
  char *sha256;
  char *mime_type; /* "image/png", … */
  GBytes *data;
} HbAssetRecord;

HbAssetRecord *hb_asset_record_new (const char *path, GBytes *data, const char *mime_type);
void hb_asset_record_free (HbAssetRecord *asset);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbAssetRecord, hb_asset_record_free)

/*
 * HbArticleRecord is the text and metadata of one version of an article:
 * what the importer reads from a file and hands to the store, and what an
 * #HbArticle read back from the store holds. Lists are %NULL-terminated
 * and never %NULL.
 */
typedef struct
{
  char *id;
  char *title;
  HbArticleKind kind;
  char *lang;
  char **platforms;
  char **tags;
  char *effective;    /* "YYYY-MM-DD" or NULL */
  char *changes;
  char *course;
  int order;
  char *front_matter; /* the whole front matter as JSON text */
  char *body;         /* Markdown without front matter; NULL when not loaded */
  char *sha256;       /* of the file and its images: equal means unchanged */
  char *source;       /* the file's path relative to its import root */
  GPtrArray *assets;  /* (element-type HbAssetRecord) (nullable) */
} HbArticleRecord;

HbArticleRecord *hb_article_record_new (void);
void hb_article_record_free (HbArticleRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbArticleRecord, hb_article_record_free)

#define HB_TYPE_ARTICLE (hb_article_get_type ())
G_DECLARE_FINAL_TYPE (HbArticle, hb_article, HB, ARTICLE, GObject)

/**
 * hb_article_new:
 * @record: (transfer full): the version's text and metadata
 * @version: its number
 * @latest_version: the newest stored version of the article
 * @current_version: the version in force today
 * @imported_at: when it was stored (ISO 8601, UTC)
 *
 * Returns: (transfer full): the article version, as the store reads it
 */
HbArticle *hb_article_new (HbArticleRecord *record,
                           guint version,
                           guint latest_version,
                           guint current_version,
                           const char *imported_at);

/* The record the article was made from. */
const HbArticleRecord *hb_article_get_record (HbArticle *self);

/*
 * HbArticle is one version of an article, read from the store. It never
 * changes once made: versions are immutable, and a newer version is another
 * HbArticle.
 */
const char *hb_article_get_id (HbArticle *self);
guint hb_article_get_version (HbArticle *self);
/* The newest stored version, which may not be in force yet. */
guint hb_article_get_latest_version (HbArticle *self);
/* The version in force today. */
guint hb_article_get_current_version (HbArticle *self);
const char *hb_article_get_title (HbArticle *self);
HbArticleKind hb_article_get_kind (HbArticle *self);
const char *hb_article_get_lang (HbArticle *self);
const char *const *hb_article_get_platforms (HbArticle *self);
const char *const *hb_article_get_tags (HbArticle *self);
/* "YYYY-MM-DD" or %NULL. */
const char *hb_article_get_effective (HbArticle *self);
const char *hb_article_get_changes (HbArticle *self);
const char *hb_article_get_course (HbArticle *self);
int hb_article_get_order (HbArticle *self);
/* The Markdown body without front matter; %NULL when loaded without it. */
const char *hb_article_get_body (HbArticle *self);
const char *hb_article_get_sha256 (HbArticle *self);
/* The file's path relative to the folder it was imported from. */
const char *hb_article_get_source (HbArticle *self);
const char *hb_article_get_imported_at (HbArticle *self);
/* The whole front matter as JSON text, unknown keys included. */
const char *hb_article_get_front_matter (HbArticle *self);
/* Whether this version takes effect after @today ("YYYY-MM-DD"). */
gboolean hb_article_is_pending (HbArticle *self, const char *today);

G_END_DECLS
