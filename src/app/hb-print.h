/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hb-web-view.h"
#include "hb-progress.h"

G_BEGIN_DECLS

/*
 * Printing and PDF export. What the web view shows (an article or a
 * redline) prints as WebKit lays it out for print, with the title,
 * version and effective date above each page and the citation's link
 * and the page number below (hb_page_print_header(), _footer()). The team report, a GTK page, prints through
 * GtkPrintOperation.
 */

/* Shows the print dialog for what @view shows, and prints; @settings
 * (nullable) start the dialog and keep what was chosen. */
void hb_print_web_view_async (HbWebView *view,
                              GtkWindow *parent,
                              GtkPrintSettings *settings,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);

/* Writes what @view shows to the PDF file @file, without a dialog. */
void hb_print_web_view_to_pdf_async (HbWebView *view,
                                     GFile *file,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);

/* Ends either. */
gboolean hb_print_web_view_finish (GAsyncResult *result, GError **error);

/* "Refund-only requests, version 3.pdf": a file name for what @view
 * shows, without characters a file name cannot hold. */
char *hb_print_suggest_pdf_name (HbWebView *view);

/*
 * Prints the team report (element-type HbCourseProgress): a row per
 * person and course, with the lessons done, to review and overdue. With
 * @pdf_path set, writes that PDF without a dialog; otherwise shows the
 * print dialog.
 */
gboolean hb_print_team_report (GPtrArray *progress,
                               GtkWindow *parent,
                               GtkPrintSettings *settings,
                               const char *pdf_path,
                               GError **error);

G_END_DECLS
