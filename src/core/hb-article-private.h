/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "hb-article.h"

G_BEGIN_DECLS

/*
 * The columns hb_article_new_from_stmt() reads, in this order. A query
 * selects HB_ARTICLE_COLUMNS from article_versions v JOIN articles a.
 */
#define HB_ARTICLE_COLUMNS                                                                         \
  "v.article_id, v.version, a.latest_version, a.current_version, v.title, v.kind, v.lang, "     \
  "v.platforms, v.tags, v.effective, v.changes, v.course, v.sort_order, v.sha256, v.source, "   \
  "v.imported_at, v.front_matter"
#define HB_ARTICLE_N_COLUMNS 17

/* Reads HB_ARTICLE_COLUMNS starting at column 0; the body, if selected, at column 17. */
HbArticle *hb_article_new_from_stmt (sqlite3_stmt *stmt, gboolean with_body);

/* Splits and joins the "\x1f"-separated lists stored for platforms and tags. */
char **hb_article_split_list (const char *stored);
char *hb_article_join_list (const char *const *items);

G_END_DECLS
