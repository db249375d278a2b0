/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-uri.h"

G_BEGIN_DECLS

/**
 * HbLinkResolveFunc:
 * @path: a link target resolved against the linking file's folder and
 *   normalised ("guides/evidence-checklist.md"), without its #fragment
 * @user_data: closure
 *
 * Returns: (nullable) (transfer full): the id of the article imported from
 *   @path, or %NULL if there is none
 */
typedef char *(*HbLinkResolveFunc) (const char *path, gpointer user_data);

typedef struct
{
  int level;      /* 1 to 6 */
  char *id;       /* the heading element's id, unique in the page */
  char *text;     /* the heading as plain text */
} HbHeading;

typedef struct
{
  HbHeading *heading; /* (nullable): NULL for the text before the first heading */
  char *text;         /* the section's plain text, headings excluded */
} HbSection;

/**
 * HbRendered:
 * @html: the article as an HTML fragment (no <html> or <body>)
 * @headings: (element-type HbHeading): every heading in order, the table
 *   of contents
 */
typedef struct
{
  char *html;
  GPtrArray *headings;
} HbRendered;

void hb_rendered_free (HbRendered *rendered);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbRendered, hb_rendered_free)

void hb_heading_free (HbHeading *heading);
void hb_section_free (HbSection *section);

#define HB_MARKDOWN_ERROR (hb_markdown_error_quark ())

typedef enum
{
  /* A structure no article needs, and that would cost seconds and
   * gigabytes to render: a table of a million cells, ten thousand
   * headings. */
  HB_MARKDOWN_ERROR_TOO_LARGE,
} HbMarkdownError;

GQuark hb_markdown_error_quark (void);

/* The bounds of an article's structure. */
#define HB_MARKDOWN_MAX_TABLE_COLUMNS 200
#define HB_MARKDOWN_MAX_TABLE_CELLS 50000
#define HB_MARKDOWN_MAX_HEADINGS 5000
#define HB_MARKDOWN_MAX_NESTING 50

/**
 * hb_markdown_check:
 * @markdown: an article body
 * @error_line: (out) (optional): the 1-based line of @markdown where a
 *   bound is passed
 *
 * Checks, in one pass over the text and before anything is parsed, that
 * the article stays within the bounds above: the columns and cells of
 * each table, the headings, the nesting of quotes and lists.
 *
 * Returns: %TRUE, or %FALSE with a #HB_MARKDOWN_ERROR
 */
gboolean hb_markdown_check (const char *markdown, guint *error_line, GError **error);

/**
 * hb_markdown_render:
 * @markdown: the article body (UTF-8, no front matter)
 * @source_path: (nullable): the file's path relative to its import root,
 *   against which relative links resolve
 * @resolve: (nullable): maps linked Markdown files to article ids
 * @user_data: closure for @resolve
 *
 * Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks,
 * task lists) with cmark-gfm in safe mode: raw HTML is dropped, and a link
 * to anything but http, https, mailto, tel or another article
 * (`javascript:`, `file:`, `data:`, …) becomes its plain text. Headings get stable, unique ids. Relative links to other
 * Markdown files become #HB_ARTICLE_URI_PREFIX links when @resolve knows
 * them; relative images become #HB_ASSET_URI_PREFIX URIs; remote images are
 * not loaded but shown as links.
 *
 * Returns: (transfer full): the page
 */
HbRendered *hb_markdown_render (const char *markdown,
                                const char *source_path,
                                HbLinkResolveFunc resolve,
                                gpointer user_data);

/**
 * hb_markdown_sections:
 *
 * Splits @markdown at its headings into plain-text sections, for the search
 * index and for finding the section a match is in. The heading ids are the
 * ones hb_markdown_render() gives.
 *
 * Returns: (transfer full) (element-type HbSection): the sections in order
 */
GPtrArray *hb_markdown_sections (const char *markdown);

/**
 * hb_markdown_images:
 * @markdown: an article body
 * @source_path: (nullable): its path relative to the import root
 *
 * The local images the article shows, as the paths relative to the import
 * root that hb_markdown_render() puts in its #HB_ASSET_URI_PREFIX links.
 * Remote images are not listed.
 *
 * Returns: (transfer full) (element-type utf8): each path once, in order
 */
GPtrArray *hb_markdown_images (const char *markdown, const char *source_path);

/**
 * hb_markdown_first_heading:
 *
 * Returns: (nullable): the text of the first heading of @markdown
 */
char *hb_markdown_first_heading (const char *markdown);

/**
 * hb_markdown_heading_id:
 * @text: a heading's plain text
 *
 * The id a heading gets before de-duplication: lower-cased, punctuation
 * dropped, each space a '-', letters of every script kept (as GitHub does).
 */
char *hb_markdown_heading_id (const char *text);

G_END_DECLS
