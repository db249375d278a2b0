/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the front matter parser (libyaml to JSON, with its
 * bounds), and the thesaurus reader, which reads YAML too. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "hb-frontmatter.h"
#include "hb-search-lexicon.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (HbFrontMatter) fm = NULL;
  g_autoptr (HbSearchLexicon) lexicon = hb_search_lexicon_new ();
  guint line = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  fm = hb_front_matter_parse (text, &line, NULL);
  if (fm != NULL)
    g_assert (fm->body_offset <= strlen (text));
  if (hb_search_thesaurus_check (text, "fuzz.yaml", &line, NULL) >= 0)
    g_assert (hb_search_lexicon_add_thesaurus (lexicon, text, NULL));
  return 0;
}
