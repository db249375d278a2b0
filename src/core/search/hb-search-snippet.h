/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-search-scan.h"

G_BEGIN_DECLS

/* A few lines of an article around what matched, and where it is: shared
 * (by the memo and the results that show it), and read-only once built. */
typedef struct
{
  char *section_id; /* (nullable) the heading of the section that matched */
  char *section;    /* (nullable) its text */
  char *text;       /* plain text, "…" where it was cut */
  GArray *marks;    /* (element-type int) pairs of byte offsets in @text of the matches */
} HbSearchSnippet;

HbSearchSnippet *hb_search_snippet_ref (HbSearchSnippet *snippet);
void hb_search_snippet_unref (HbSearchSnippet *snippet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchSnippet, hb_search_snippet_unref)

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

/*
 * The snippets of the last keystrokes. Typing a word on gives most rows
 * the same matches as the letter before (every word of "coun" in a row is
 * a word of "count" too, in most rows), and so the same snippet: the memo
 * keeps each snippet under its row and the exact matches it was built
 * from, so that such a row needs neither its text nor a snippet built
 * again. It holds the snippets of about the last HB_SEARCH_SNIPPET_MEMO
 * rows shown, and is only valid for one state of the index: keep it with
 * hb_store_search_cache_set(), which forgets it when the index changes.
 */
#define HB_SEARCH_SNIPPET_MEMO 512

typedef struct _HbSearchSnippetMemo HbSearchSnippetMemo;

HbSearchSnippetMemo *hb_search_snippet_memo_new (void);
HbSearchSnippetMemo *hb_search_snippet_memo_ref (HbSearchSnippetMemo *memo);
void hb_search_snippet_memo_unref (HbSearchSnippetMemo *memo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbSearchSnippetMemo, hb_search_snippet_memo_unref)

/**
 * hb_search_snippet_memo_lookup:
 * @memo: the memo
 * @rowid: the row
 * @hits: (element-type HbSearchHit) (nullable): the row's matches
 * @phrases: what each phrase of the expression stands for
 *
 * Looks for the snippet hb_search_snippet_build() gives for these
 * matches of @rowid; what it is looked for under stays in @memo for
 * hb_search_snippet_memo_add().
 *
 * Returns: (transfer full) (nullable): the snippet, or %NULL
 */
HbSearchSnippet *hb_search_snippet_memo_lookup (HbSearchSnippetMemo *memo,
                                                gint64 rowid,
                                                GArray *hits,
                                                const HbSearchPhraseInfo *phrases,
                                                int n_phrases);

/* Keeps @snippet (a reference) under what the last lookup looked for. */
void hb_search_snippet_memo_add (HbSearchSnippetMemo *memo, HbSearchSnippet *snippet);

G_END_DECLS
