/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-pinyin.h"

#include "hb-pinyin-table.h"

/* A character's readings: up to four syllables (indices of the table,
 * plus one, so that 0 is none), packed 16 bits each. */
#define READINGS 4

static void
add_reading (GHashTable *sounds, gunichar c, guint64 syllable)
{
  guint64 packed = (guint64) (gsize) g_hash_table_lookup (sounds, GUINT_TO_POINTER (c));

  for (int k = 0; k < READINGS; k++)
    {
      guint64 known = (packed >> (16 * k)) & 0xFFFF;

      if (known == syllable)
        return;
      if (known == 0)
        {
          packed |= syllable << (16 * k);
          g_hash_table_insert (sounds, GUINT_TO_POINTER (c), (gpointer) (gsize) packed);
          return;
        }
    }
  /* Unihan gives no character of the block more than four. */
}

static gpointer
load_sounds (gpointer data)
{
  GHashTable *sounds = g_hash_table_new (g_direct_hash, g_direct_equal);

  G_STATIC_ASSERT (G_N_ELEMENTS (hb_pinyin_table) < 0xFFFF);
  G_STATIC_ASSERT (sizeof (gpointer) >= sizeof (guint64));
  for (guint s = 0; s < G_N_ELEMENTS (hb_pinyin_table); s++)
    for (const char *p = hb_pinyin_table[s].chars; *p != '\0'; p = g_utf8_next_char (p))
      add_reading (sounds, g_utf8_get_char (p), s + 1);
  return sounds;
}

gboolean
hb_search_pinyin_same_sound (gunichar a, gunichar b)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *sounds = g_once (&once, load_sounds, NULL);
  guint64 ra, rb;

  if (a == b)
    return FALSE;
  ra = (guint64) (gsize) g_hash_table_lookup (sounds, GUINT_TO_POINTER (a));
  rb = (guint64) (gsize) g_hash_table_lookup (sounds, GUINT_TO_POINTER (b));
  for (int i = 0; i < READINGS; i++)
    {
      guint64 x = (ra >> (16 * i)) & 0xFFFF;

      if (x == 0)
        break;
      for (int k = 0; k < READINGS; k++)
        {
          guint64 y = (rb >> (16 * k)) & 0xFFFF;

          if (y == 0)
            break;
          if (x == y)
            return TRUE;
        }
    }
  return FALSE;
}
