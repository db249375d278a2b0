/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: a query as people type it, read into terms with a
 * lexicon (a thesaurus, a pair, Chinese words), and the bare expression
 * the benchmark compares with. Nothing typed may crash it or leave a term
 * outside the text. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "hb-search-lexicon.h"
#include "hb-search-private.h"
#include "hb-search-query.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static HbSearchLexicon *
lexicon (void)
{
  static HbSearchLexicon *lex = NULL;

  if (lex == NULL)
    {
      lex = hb_search_lexicon_new ();
      hb_search_lexicon_add_thesaurus (lex,
                                       "groups:\n  - [refund, money back, 退款]\n"
                                       "  - [not as described, 描述不符, 和图片不一样]\n",
                                       NULL);
      hb_search_lexicon_add_pair (lex, "refund-only", "仅退款");
      hb_search_lexicon_add_vocabulary (lex, "价保与仅退款");
    }
  return lex;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (HbSearchQuery) query = hb_search_query_parse (text, lexicon ());
  g_autofree char *bare = hb_search_query_to_fts (text, NULL);
  gsize len = strlen (query->text);

  g_assert (bare == NULL || g_utf8_validate (bare, -1, NULL));
  for (guint i = 0; i < query->terms->len; i++)
    {
      HbSearchTerm *term = g_ptr_array_index (query->terms, i);

      g_assert (term->start >= 0 && term->end >= term->start && (gsize) term->end <= len);
      g_assert (g_utf8_validate (term->text, -1, NULL));
    }
  g_assert (query->terms->len <= HB_SEARCH_MAX_TERMS);
  return 0;
}
