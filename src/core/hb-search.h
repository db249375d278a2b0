/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-store.h"

G_BEGIN_DECLS

#define HB_TYPE_SEARCH_RESULT (hb_search_result_get_type ())
G_DECLARE_FINAL_TYPE (HbSearchResult, hb_search_result, HB, SEARCH_RESULT, GObject)

/*
 * HbSearchResult is one article found by hb_search(): which article and
 * version, where in it the match is, a snippet around the match, and why
 * it was found. It never changes once made.
 */
const char *hb_search_result_get_id (HbSearchResult *self);
const char *hb_search_result_get_title (HbSearchResult *self);
/* "guide", "faq", "regulation" or "lesson". */
const char *hb_search_result_get_kind (HbSearchResult *self);
const char *hb_search_result_get_lang (HbSearchResult *self);
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
/* Higher is better; results come sorted by it. */
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

/* Where a word of the query was found. */
typedef enum
{
  HB_SEARCH_FIELD_TITLE = 1 << 0,
  HB_SEARCH_FIELD_HEADINGS = 1 << 1,
  HB_SEARCH_FIELD_TAGS = 1 << 2, /* tags, keywords and aliases */
  HB_SEARCH_FIELD_BODY = 1 << 3,
  HB_SEARCH_FIELD_PLATFORMS = 1 << 4, /* the platforms it is for */
  HB_SEARCH_FIELD_KIND = 1 << 5,
} HbSearchFields;

/* How a word of the query was found. */
typedef enum
{
  HB_SEARCH_HOW_WORD,       /* as typed (or another form of it: refunds, refund) */
  HB_SEARCH_HOW_PREFIX,     /* as the start of a word, while typing */
  HB_SEARCH_HOW_SYNONYM,    /* through the thesaurus or a translation in the text */
  HB_SEARCH_HOW_CORRECTION, /* through the correction of a typo */
  HB_SEARCH_HOW_PLATFORM,   /* the word names the article's platform ("JD", 天猫国际) */
  HB_SEARCH_HOW_KIND,       /* the word names its kind ("FAQ", 法律) */
} HbSearchHow;

/**
 * HbSearchMatch:
 * @word: the word of the query, as typed
 * @matched: what was found for it (the synonym or correction, or @word)
 * @how: how
 * @fields: where in the article
 */
typedef struct
{
  char *word;
  char *matched;
  HbSearchHow how;
  HbSearchFields fields;
} HbSearchMatch;

/**
 * hb_search_result_get_matches:
 *
 * Why the result was found: for each word of the query it holds, what was
 * matched and where.
 *
 * Returns: (transfer none) (element-type HbSearchMatch): the matches
 */
GPtrArray *hb_search_result_get_matches (HbSearchResult *self);

/* A word of the query that search corrected. */
typedef struct
{
  char *from; /* as typed */
  char *to;   /* what was searched for instead */
} HbSearchCorrected;

typedef enum
{
  HB_SEARCH_FLAGS_NONE = 0,
  /* Search for the words as typed, even where they look like typos. */
  HB_SEARCH_FLAGS_NO_CORRECTION = 1 << 0,
} HbSearchFlags;

/**
 * HbSearchOptions:
 * @kind: (nullable): only articles of this kind
 * @platform: (nullable): only articles for this platform
 * @tag: (nullable): only articles with this tag
 * @lang: (nullable): only articles in this language ("zh" also finds
 *   "zh-CN")
 * @limit: the most results to return; 0 for 20
 * @flags: #HbSearchFlags
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
  HbSearchFlags flags;
} HbSearchOptions;

/* The results the window lists for a query at first, and then each time
 * the list is scrolled to its end (the benchmark measures both). */
#define HB_SEARCH_LIST_PAGE 20

/* What a search found. */
typedef struct _HbSearchResponse HbSearchResponse;

void hb_search_response_free (HbSearchResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchResponse, hb_search_response_free)

/* The query as typed. */
const char *hb_search_response_get_query (HbSearchResponse *self);
/* (transfer none): a #GListModel of #HbSearchResult, best first. */
GListModel *hb_search_response_get_results (HbSearchResponse *self);
/* (nullable): the query as searched when a typo was corrected
 * ("warranty repair twice" for "warrnaty repair twice"), else %NULL. */
const char *hb_search_response_get_corrected_query (HbSearchResponse *self);
/* (element-type HbSearchCorrected): the words corrected. */
GPtrArray *hb_search_response_get_corrections (HbSearchResponse *self);
/* (element-type utf8): the words of the query, as typed, that no article
 * has ("pinduoduo" of "pinduoduo refund rules"): the results match the
 * other words, and none is about these. */
GPtrArray *hb_search_response_get_missing (HbSearchResponse *self);
/* @words, each quoted, in a list: “pet”, “dogs”. */
char *hb_search_quote_words (GPtrArray *words);
/* Whether there are more results than the limit the search was given:
 * a list that shows a page of them has another. */
gboolean hb_search_response_get_has_more (HbSearchResponse *self);
/* (array zero-terminated=1): "did you mean" when little was found. */
const char *const *hb_search_response_get_suggestions (HbSearchResponse *self);

/**
 * hb_search:
 * @store: the store
 * @query: what the user typed
 * @options: (nullable): filters and limit
 * @cancellable: (nullable): stops the search; then %NULL with
 *   %G_IO_ERROR_CANCELLED
 * @error: return location for a #HB_STORE_ERROR
 *
 * Searches the version in force of every article for what @query means.
 * @query is read as people write it, never as FTS syntax:
 *
 * - The articles that hold most of the query come back even when a word
 *   is missing, ranked by how much of it they hold (rare words weigh
 *   more), then typos, how close together the words stand, where they
 *   are (title, headings, tags, body), and exactness (see
 *   hb-search-rank.h). Stop words and question words count only when the
 *   query is nothing else.
 * - The last word is a prefix unless the query ends in a space, so
 *   results follow typing. "Quoted phrases" must appear as written,
 *   `-word` and `-"a phrase"` exclude; `kind:regulation`,
 *   `platform:tmall`, `tag:returns` and `lang:zh-CN` filter.
 * - Chinese needs no spaces: a sentence is split into words (friso), and
 *   traditional characters find simplified ones.
 * - Words of the thesaurus find their synonyms, in both languages, and
 *   so do terms that an article translates ("Refund-only (仅退款)").
 * - A word the index does not know is corrected when a close one is
 *   there (see hb_search_response_get_corrected_query()).
 * - Words naming a platform or kind ("JD", "抖音", "FAQ", "law") make the
 *   articles of that platform or kind rank higher.
 *
 * Nothing a user types is an error. Only a database failure (or
 * @cancellable) sets @error.
 *
 * Returns: (transfer full): what was found, or %NULL with @error set
 */
HbSearchResponse *hb_search (HbStore *store,
                             const char *query,
                             const HbSearchOptions *options,
                             GCancellable *cancellable,
                             GError **error);

/**
 * hb_search_prepare:
 * @store: the store
 * @error: (nullable): where a database failure goes
 *
 * Does ahead what the first search of @store would: reads the thesaurus,
 * the titles and the headings into what search remembers until the index
 * changes, and starts the Chinese segmenter. On a library of 100,000
 * articles that is seconds, not the milliseconds of a keystroke; a window
 * calls it in a thread when it opens.
 *
 * Returns: %FALSE with @error set on a database failure
 */
gboolean hb_search_prepare (HbStore *store, GError **error);

/**
 * hb_search_run:
 *
 * hb_search() when only the results matter.
 *
 * Returns: (transfer full): a #GListModel of #HbSearchResult, best first;
 *   %NULL with @error set on a database failure
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
 * the closest words it does know, as whole corrected queries. `refnud
 * policy` suggests `refund policy`.
 *
 * Returns: (transfer full): a %NULL-terminated array, empty when there is
 *   nothing to suggest
 */
char **hb_search_suggest (HbStore *store, const char *query, guint max);

G_END_DECLS
