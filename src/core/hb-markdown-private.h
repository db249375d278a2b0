/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cmark-gfm.h>

#include "hb-markdown.h"

G_BEGIN_DECLS

/*
 * For other modules of src/core that walk the parsed document (the redline
 * of hb-diff.c): the same parser set-up, heading ids and plain text as
 * hb_markdown_render() uses, so that what they compare is what the page
 * shows.
 */

/**
 * hb_markdown_parse:
 * @markdown: an article body
 *
 * Parses @markdown with the extensions and options hb_markdown_render()
 * uses. Free the result with cmark_node_free().
 *
 * Returns: (transfer full): the document node
 */
cmark_node *hb_markdown_parse (const char *markdown);

/**
 * hb_markdown_collect_headings:
 * @document: a document from hb_markdown_parse()
 *
 * Returns: (transfer full) (element-type HbHeading): every heading of
 *   @document in order, with the ids hb_markdown_render() gives them
 */
GPtrArray *hb_markdown_collect_headings (cmark_node *document);

/**
 * hb_markdown_append_plain_text:
 * @out: where the text goes
 * @node: a block or inline node
 *
 * Appends the plain text of @node's inlines, as a heading's text is made:
 * text and code spans, line breaks as spaces, raw HTML left out.
 */
void hb_markdown_append_plain_text (GString *out, cmark_node *node);

G_END_DECLS
