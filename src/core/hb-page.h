/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-article.h"
#include "hb-markdown.h"
#include "hb-uri.h"

G_BEGIN_DECLS

/* The style sheet every page links; the window serves it. */
#define HB_PAGE_STYLE_URI "handbook://style/article.css"

/**
 * hb_platform_get_label:
 * @platform: a platform as stored ("tmall", "jd", …)
 *
 * Returns: its name as people write it ("Tmall", "JD", "Douyin"), or
 *   @platform itself when unknown
 */
const char *hb_platform_get_label (const char *platform);

/* "Guide", "FAQ", "Regulation", "Lesson", translated. */
const char *hb_article_kind_get_singular_label (HbArticleKind kind);

/**
 * hb_page_render_article:
 * @article: an article read with its body
 * @rendered: its body rendered by hb_markdown_render()
 * @today: "YYYY-MM-DD", to tell a version in force from one to come
 * @dark: whether the page starts in dark colours
 *
 * Builds the whole HTML document the content view shows: a header with the
 * title, kind, platforms, version and effective date (and a notice when the
 * version is not the one in force), then the body. A first "# Title" that
 * repeats the title is not shown twice. Every text from the article is
 * escaped; the body is cmark-gfm's safe output.
 *
 * Returns: (transfer full): the document
 */
char *hb_page_render_article (HbArticle *article, HbRendered *rendered, const char *today,
                              gboolean dark);

/* A newer version of the article shown that waits for its day. */
typedef struct
{
  guint version;
  const char *effective; /* "YYYY-MM-DD" */
  const char *uri;       /* (nullable): its redline */
} HbPageUpcoming;

/**
 * hb_page_render_article_full:
 * @upcoming: (nullable): the version to come, when @article is the one in
 *   force: the page then says "A new version takes effect on …" with a
 *   link to its redline
 *
 * As hb_page_render_article().
 */
char *hb_page_render_article_full (HbArticle *article, HbRendered *rendered, const char *today,
                                   gboolean dark, const HbPageUpcoming *upcoming);

/**
 * hb_page_render_message:
 *
 * Returns: (transfer full): a small page with a heading and a paragraph,
 *   both escaped (for a missing article, say)
 */
char *hb_page_render_message (const char *title, const char *message, gboolean dark);

/**
 * hb_page_print_header:
 * @article: the article (any version); for a redline, its newer version
 * @redline_from: for a redline, the older version; 0 otherwise
 *
 * What the top of each printed page (or page of a PDF) says: the title,
 * the version (or the versions a redline compares) and the effective
 * date.
 *
 * Returns: (transfer full): one line of text
 */
char *hb_page_print_header (HbArticle *article, guint redline_from);

/**
 * hb_page_print_footer:
 * @article: the article (any version)
 *
 * What the bottom of each printed page says: the link that cites this
 * version ("Cite as: handbook://article/…?version=N").
 *
 * Returns: (transfer full): one line of text
 */
char *hb_page_print_footer (HbArticle *article);

/**
 * hb_citation_format:
 * @article: the article (any version)
 * @section: (nullable): the heading of the section being read
 * @section_id: (nullable): that heading's id
 *
 * The text an agent pastes into a reply: title and section, the version
 * and its effective date (or the day it was imported), and the link that
 * opens exactly this version at this section.
 *
 * Returns: (transfer full): the citation
 */
char *hb_citation_format (HbArticle *article, const char *section, const char *section_id);

G_END_DECLS
