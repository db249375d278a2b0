/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-store.h"

G_BEGIN_DECLS

#define HB_TYPE_SEARCH_RESULT (hb_search_result_get_type ())
G_DECLARE_FINAL_TYPE (HbSearchResult, hb_search_result, HB, SEARCH_RESULT, GObject)

/*
 * HbSearchResult is one article found by hb_search_run(): which article
 * and version, where in it the match is, and a snippet around the match.
 * It never changes once made.
 */
const char *hb_search_result_get_id (HbSearchResult *self);
const char *hb_search_result_get_title (HbSearchResult *self);
/* "guide", "faq", "regulation" or "lesson". */
const char *hb_search_result_get_kind (HbSearchResult *self);
const char *const *hb_search_result_get_platforms (HbSearchResult *self);
/* The file the version came from, relative to its import root. */
const char *hb_search_result_get_source (HbSearchResult *self);
/* The version that was searched: the one in force. */
guint hb_search_result_get_version (HbSearchResult *self);
/* The id of the heading of the section that matched (to open the article
 * there), or %NULL when the match is in the title or before any heading. */
const char *hb_search_result_get_section_id (HbSearchResult *self);
/* That heading's text, or %NULL. */
const char *hb_search_result_get_section (HbSearchResult *self);
/* Plain text around the match, "…" where it was cut. */
const char *hb_search_result_get_snippet (HbSearchResult *self);
/* Lower is better; results come sorted by it. */
double hb_search_result_get_rank (HbSearchResult *self);

/**
 * hb_search_result_get_snippet_markup:
 *
 * The snippet with the matched words in `<b>…</b>` and everything else
 * escaped, safe both as Pango markup and as HTML.
 *
 * Returns: (transfer full): the markup
 */
char *hb_search_result_get_snippet_markup (HbSearchResult *self);

/**
 * HbSearchOptions:
 * @kind: (nullable): only articles of this kind
 * @platform: (nullable): only articles for this platform
 * @tag: (nullable): only articles with this tag
 * @lang: (nullable): only articles in this language ("zh" also finds
 *   "zh-CN")
 * @limit: the most results to return; 0 for 20
 *
 * Filters, ANDed with the scopes typed in the query. %NULL means any.
 */
typedef struct
{
  const char *kind;
  const char *platform;
  const char *tag;
  const char *lang;
  guint limit;
} HbSearchOptions;

/**
 * hb_search_run:
 * @store: the store
 * @query: what the user typed
 * @options: (nullable): filters and limit
 * @error: return location for a #HB_STORE_ERROR
 *
 * Searches the version in force of every article. @query is read as
 * people write it, never as FTS syntax: words are ANDed, "quoted
 * phrases" must appear as written, `-word` and `-"a phrase"` exclude,
 * and the last word is a prefix unless the query ends in a space (so
 * results follow typing). `kind:regulation`, `platform:tmall`,
 * `tag:returns` and `lang:zh-CN` filter, and `-platform:jd` excludes.
 * Chinese needs no spaces: 七日无理由退货 finds the articles that say so,
 * and a single character finds every article that has it.
 *
 * Results are ranked by BM25 with the title far above headings, headings
 * above tags and tags above the body. When a query matches very many
 * articles (a letter or two, a word in most of them), the ranking looks
 * first at the articles that match in their title, and then at the most
 * recently indexed ones, and the rarity of very common words is estimated
 * rather than counted, so that every keystroke stays fast.
 *
 * Nothing a user types is an error: unbalanced quotes, operators or SQL are
 * searched as words, or ignored when they hold none. Only a database
 * failure sets @error.
 *
 * Returns: (transfer full): a #GListModel of #HbSearchResult, best first,
 *   empty for an empty query; %NULL with @error set on a database failure
 */
GListModel *hb_search_run (HbStore *store,
                           const char *query,
                           const HbSearchOptions *options,
                           GError **error);

/**
 * hb_search_suggest:
 * @store: the store
 * @query: what the user typed
 * @max: the most suggestions to return
 *
 * "Did you mean": for the words of @query that the index does not know,
 * the closest words it does know (by edit distance, the more frequent
 * first), as whole corrected queries. `refnud policy` suggests
 * `refund policy`. Meant for when hb_search_run() found little or nothing.
 *
 * Returns: (transfer full): a %NULL-terminated array, empty when there is
 *   nothing to suggest
 */
char **hb_search_suggest (HbStore *store, const char *query, guint max);

G_END_DECLS
