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

#define HB_TYPE_ARTICLE (hb_article_get_type ())
G_DECLARE_FINAL_TYPE (HbArticle, hb_article, HB, ARTICLE, GObject)

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
