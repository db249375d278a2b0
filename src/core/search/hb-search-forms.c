/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-search"

#include "config.h"

#include "hb-search-forms.h"

#include <string.h>

/*
 * English word families that the Snowball stemmer does not join: the
 * irregular verbs ("broke" and "broken" are not "break" to it) and a few
 * nouns made from a verb in another shape ("proof" of "prove", "death" of
 * "die", "receipt" of "receive"). A query word of a family also asks for
 * the others. This is English, not the handbook's trade: words of the
 * trade belong to the thesaurus (data/content/synonyms.yaml).
 *
 * Left out: forms that are mostly another word ("left", "found", "saw",
 * "rose", "lead" and "led", "lay"), stop words ("said", "got"), the
 * verbs every sentence has, whose rare past says no more than they do
 * ("came", "went", "made", "gave", "took", "knew", "thought", "kept": "it
 * never came" is not about coming), and families the stemmer already
 * joins ("compensate", "compensation").
 */
static const char *const families[][8] = {
  { "arrive", "arrival", NULL },
  { "bring", "brought", NULL },
  { "break", "broke", "broken", "breakage", NULL },
  { "buy", "bought", NULL },
  { "catch", "caught", NULL },
  { "choose", "chose", "chosen", "choice", NULL },
  { "complain", "complaint", NULL },
  { "deliver", "delivery", NULL },
  { "deny", "denial", NULL },
  { "die", "dies", "died", "dying", "dead", "death", NULL },
  { "drive", "drove", "driven", NULL },
  { "fail", "failure", NULL },
  { "fall", "fell", "fallen", NULL },
  { "fly", "flew", "flown", "flight", NULL },
  { "forget", "forgot", "forgotten", NULL },
  { "freeze", "froze", "frozen", NULL },
  { "hide", "hid", "hidden", NULL },
  { "hold", "held", NULL },
  { "lose", "lost", "loss", NULL },
  { "pay", "paid", "payment", NULL },
  { "prove", "proven", "proof", NULL },
  { "receive", "receipt", NULL },
  { "refuse", "refusal", NULL },
  { "remove", "removal", NULL },
  { "renew", "renewal", NULL },
  { "sell", "sold", "sale", NULL },
  { "send", "sent", NULL },
  { "ship", "shipment", NULL },
  { "shrink", "shrank", "shrunk", NULL },
  { "speak", "spoke", "spoken", "speech", NULL },
  { "spend", "spent", NULL },
  { "steal", "stole", "stolen", "theft", NULL },
  { "swear", "swore", "sworn", NULL },
  { "teach", "taught", NULL },
  { "tell", "told", NULL },
  { "throw", "threw", "thrown", NULL },
  { "wear", "wore", "worn", NULL },
  { "withdraw", "withdrew", "withdrawn", "withdrawal", NULL },
  { "write", "wrote", "written", NULL },
};

const char *const *
hb_search_word_family (const char *word)
{
  static GHashTable *index = NULL;
  static gsize done = 0;
  g_autofree char *folded = NULL;

  if (g_once_init_enter (&done))
    {
      index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        for (guint i = 0; families[f][i] != NULL; i++)
          g_hash_table_insert (index, (gpointer) families[f][i], (gpointer) families[f]);
      g_once_init_leave (&done, 1);
    }
  if (word == NULL || *word == '\0')
    return NULL;
  folded = g_ascii_strdown (word, -1);
  return g_hash_table_lookup (index, folded);
}
