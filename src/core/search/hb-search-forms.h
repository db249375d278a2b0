/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* (nullable) (array zero-terminated=1): the English words of @word's
 * family that the stemmer does not join ("break", "broke", "broken", …),
 * @word among them; %NULL when it has none. */
const char *const *hb_search_word_family (const char *word);

G_END_DECLS
