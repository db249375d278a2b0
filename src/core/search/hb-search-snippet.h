/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-search-scan.h"

G_BEGIN_DECLS

/* A few lines of an article around what matched, and where it is. */
typedef struct
{
  char *section_id; /* (nullable) the heading of the section that matched */
  char *section;    /* (nullable) its text */
  char *text;       /* plain text, "…" where it was cut */
  GArray *marks;    /* (element-type int) pairs of byte offsets in @text of the matches */
} HbSearchSnippet;

void hb_search_snippet_free (HbSearchSnippet *snippet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchSnippet, hb_search_snippet_free)

/* A snippet holds at most this many tokens and about this many bytes. */
#define HB_SEARCH_SNIPPET_TOKENS 32
#define HB_SEARCH_SNIPPET_BYTES 240

/**
 * hb_search_snippet_build:
 * @text: the row's body, sections and checkpoints
 * @hits: (element-type HbSearchHit): the row's matches
 * @phrases: what each phrase of the expression stands for
 *
 * The section whose heading and text hold the most of the query, and the
 * window of it that holds the most distinct words, with the matches
 * marked. A match only in the title or tags gives the article's start.
 *
 * Returns: (transfer full): the snippet
 */
HbSearchSnippet *hb_search_snippet_build (const HbSearchText *text,
                                          GArray *hits,
                                          const HbSearchPhraseInfo *phrases,
                                          int n_phrases);

G_END_DECLS
