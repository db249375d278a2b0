/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: Markdown as the importer and the window take it:
 * the bounds check, then (within them) rendering with our link, image and
 * heading post-processing, the sections the index reads, and the images. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "hb-markdown.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *
resolve_cb (const char *path, gpointer user_data)
{
  return g_str_has_suffix (path, ".md") ? g_strdup ("some/article") : NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (HbRendered) rendered = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GPtrArray) images = NULL;
  g_autofree char *lower = NULL;

  if (!g_utf8_validate (text, -1, NULL) || !hb_markdown_check (text, NULL, NULL))
    return 0;
  rendered = hb_markdown_render (text, "guides/page.md", resolve_cb, NULL);
  /* Safe mode: no raw HTML, no script, whatever went in. Text is
   * escaped (a quote is &quot;), so '="javascript:' can only be an
   * attribute; the word in a sentence is fine. */
  lower = g_ascii_strdown (rendered->html, -1);
  g_assert (strstr (lower, "<script") == NULL);
  g_assert (strstr (lower, "=\"javascript:") == NULL);
  g_assert (strstr (lower, "=\"vbscript:") == NULL);
  g_assert (strstr (lower, "=\"data:text/html") == NULL);
  sections = hb_markdown_sections (text);
  images = hb_markdown_images (text, "guides/page.md");
  return 0;
}
