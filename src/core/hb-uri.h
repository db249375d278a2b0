/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The scheme of links that open an article inside Handbook:
 * "handbook://article/ID#heading-id", ID escaped as a URI path. */
#define HB_ARTICLE_URI_PREFIX "handbook://article/"
/* Relative images and files: "handbook://asset/PATH", PATH relative to the
 * import root. */
#define HB_ASSET_URI_PREFIX "handbook://asset/"

/**
 * hb_article_uri:
 * @id: an article id
 * @section_id: (nullable): a heading id
 * @version: a version, or 0 for the version in force
 *
 * Returns: the link that opens the article (at the section) in Handbook:
 *   "handbook://article/ID[?version=N][#SECTION]"
 */
char *hb_article_uri (const char *id, const char *section_id, guint version);

/**
 * hb_article_uri_parse:
 * @uri: a handbook://article/ URI
 * @id: (out): the article id
 * @version: (out): the version, 0 when none is named
 * @section_id: (out) (optional) (nullable): the fragment
 *
 * Returns: whether @uri is an article link
 */
gboolean hb_article_uri_parse (const char *uri, char **id, guint *version, char **section_id);

G_END_DECLS
