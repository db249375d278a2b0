/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-diff.h"

G_BEGIN_DECLS

/*
 * The redline as a page of the content view: a header saying which
 * versions are compared, the change note, a summary of the sections that
 * changed (each a link to its place), a link to switch between the whole
 * text and the changes only, then hb_diff_to_html(). Like every page it
 * links only the handbook's style sheet and holds no script.
 */

/* "handbook://redline/ID?from=A&to=B[&changes-only=1][#SECTION]" */
#define HB_REDLINE_URI_PREFIX "handbook://redline/"

/**
 * hb_redline_uri:
 * @id: an article id
 * @from: the older version (0 for none: the whole new text is added)
 * @to: the newer version
 * @changes_only: show only what changed
 *
 * Returns: (transfer full): the link that opens the redline in Handbook
 */
char *hb_redline_uri (const char *id, guint from, guint to, gboolean changes_only);

/**
 * hb_redline_uri_parse:
 * @uri: a URI
 * @id: (out): the article id
 * @from: (out): the older version
 * @to: (out): the newer version
 * @changes_only: (out) (optional): whether only the changes are shown
 *
 * Returns: whether @uri is a redline link with a version to compare
 */
gboolean hb_redline_uri_parse (const char *uri, char **id, guint *from, guint *to, gboolean *changes_only);

typedef struct
{
  const char *title;        /* the article's title */
  const char *lang;         /* (nullable): its language, for the page */
  const char *versions;     /* what is compared: "Version 1 → version 2" */
  const char *meta;         /* (nullable): "Effective 1 December 2026 · …" */
  const char *changes;      /* (nullable): the change note */
  const char *toggle_uri;   /* (nullable): the same redline the other way (changes only / whole) */
  const char *notice;       /* (nullable): a line to stress ("Not published yet") */
  gboolean changes_only;
} HbRedlinePage;

/**
 * hb_redline_render_page:
 * @diff: the redline
 * @page: what the page says about it
 * @dark: whether the page starts in dark colours
 *
 * Returns: (transfer full): the whole HTML document, every text escaped
 */
char *hb_redline_render_page (HbDiff *diff, const HbRedlinePage *page, gboolean dark);

G_END_DECLS
