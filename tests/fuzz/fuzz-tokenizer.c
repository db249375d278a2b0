/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the tokenizer, as the index, a query and a snippet
 * call it. Every token must lie inside the text, in order, and a snippet
 * (HB_TOKENIZE_BOUNDS) must count the very tokens the index holds. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "hb-tokenizer.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct
{
  int len;
  int last_start;
  GArray *bounds; /* (nullable) (element-type int) flags, start and end of each */
} Check;

static int
token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  Check *check = user_data;

  g_assert (len > 0 && len <= 128);
  g_assert (start >= 0 && end >= start && end <= check->len);
  g_assert (start >= check->last_start || (flags & HB_TOKEN_COLOCATED));
  check->last_start = start;
  if (check->bounds != NULL)
    {
      int entry[3] = { flags, start, end };

      g_array_append_vals (check->bounds, entry, 3);
    }
  return HB_TOKENIZE_OK;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const HbTokenizeFlags modes[] = {
    HB_TOKENIZE_DOCUMENT, HB_TOKENIZE_QUERY, HB_TOKENIZE_QUERY | HB_TOKENIZE_PREFIX,
    HB_TOKENIZE_DOCUMENT | HB_TOKENIZE_BOUNDS,
  };

  g_autoptr (GArray) indexed = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) counted = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      Check check = { (int) size, 0, NULL };

      if (modes[m] == HB_TOKENIZE_DOCUMENT)
        check.bounds = indexed;
      else if (modes[m] == (HB_TOKENIZE_DOCUMENT | HB_TOKENIZE_BOUNDS))
        check.bounds = counted;
      hb_tokenize ((const char *) data, (int) size, modes[m], token_cb, &check);
    }
  g_assert (indexed->len == counted->len);
  g_assert (indexed->len == 0
            || memcmp (indexed->data, counted->data, indexed->len * sizeof (int)) == 0);
  return 0;
}
