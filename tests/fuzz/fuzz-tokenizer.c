/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the tokenizer, as the index, a query and a snippet
 * call it. Every token must lie inside the text, in order. */
#include "config.h"

#include <stdint.h>

#include "hb-tokenizer.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct
{
  int len;
  int last_start;
} Check;

static int
token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  Check *check = user_data;

  g_assert (len > 0 && len <= 128);
  g_assert (start >= 0 && end >= start && end <= check->len);
  g_assert (start >= check->last_start || (flags & HB_TOKEN_COLOCATED));
  check->last_start = start;
  return HB_TOKENIZE_OK;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const HbTokenizeFlags modes[] = {
    HB_TOKENIZE_DOCUMENT, HB_TOKENIZE_QUERY, HB_TOKENIZE_QUERY | HB_TOKENIZE_PREFIX,
    HB_TOKENIZE_DOCUMENT | HB_TOKENIZE_BOUNDS,
  };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      Check check = { (int) size, 0 };

      hb_tokenize ((const char *) data, (int) size, modes[m], token_cb, &check);
    }
  return 0;
}
