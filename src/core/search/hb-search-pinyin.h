/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The sounds of Chinese characters, from the Unicode Han Database
 * (hb-pinyin-table.h, written by tools/gen-pinyin-table.py): a character
 * typed for another of the same sound is the typo of a pinyin input method,
 * which offers every character of a syllable and does not ask the tone.
 */

/* Whether @a and @b (CJK Unified Ideographs, folded to simplified) share a
 * reading, tones aside (书 and 数: shu). A character is not its own
 * homophone; one the table does not read has none. */
gboolean hb_search_pinyin_same_sound (gunichar a, gunichar b);

G_END_DECLS
