/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-print"

#include "config.h"

#include "hb-print.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <poppler.h>
#include <qpdf/qpdfjob-c.h>
#include <unistd.h>
#include <webkit/webkit.h>

#include "hb-page.h"

/* Room above and below for the lines drawn on each page. */
#define PAGE_MARGIN_MM 18.0
#define SIDE_MARGIN_MM 15.0

static GtkPageSetup *
default_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) paper = gtk_paper_size_new (NULL);

  /* The paper of the locale (A4 in China, Letter in the US). */
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_top_margin (setup, PAGE_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, PAGE_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, SIDE_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, SIDE_MARGIN_MM, GTK_UNIT_MM);
  return setup;
}

static void
copy_setting (const char *key, const char *value, gpointer settings)
{
  gtk_print_settings_set (settings, key, value);
}

/*
 * WebKit lays out and writes the pages, but prints an element fixed on
 * the page on the first page only, and repeats no table header: so the
 * lines on each page are drawn here, over the PDF WebKit wrote, with
 * poppler and cairo. Printing is the same PDF, page by page.
 */
typedef struct
{
  char *header;       /* title · version · effective date */
  char *footer;       /* Cite as: … */
  char *webkit_path;  /* what WebKit wrote */
  char *output_path;  /* the PDF to write, or NULL to print */
  GtkWindow *parent;  /* (nullable) for the print dialog */
  GtkPrintSettings *settings;
  WebKitPrintOperation *operation;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  if (job->webkit_path != NULL)
    g_unlink (job->webkit_path);
  g_free (job->webkit_path);
  g_free (job->header);
  g_free (job->footer);
  g_free (job->output_path);
  g_clear_object (&job->parent);
  g_clear_object (&job->settings);
  g_clear_object (&job->operation);
  g_free (job);
}

static PangoLayout *
line_layout (cairo_t *cr, const char *text, double width, double size, PangoAlignment alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The lines of page @n of @n_pages, on a page of @width × @height points. */
static void
draw_page_lines (cairo_t *cr, PrintJob *job, int n, int n_pages, double width, double height)
{
  double mm = 72.0 / 25.4;
  double left = SIDE_MARGIN_MM * mm;
  double inner = width - 2 * left;
  g_autofree char *page = g_strdup_printf (_("Page %d of %d"), n + 1, n_pages);
  g_autoptr (PangoLayout) header = line_layout (cr, job->header, inner, 8, PANGO_ALIGN_LEFT);
  g_autoptr (PangoLayout) footer = line_layout (cr, job->footer, inner * 0.8, 8, PANGO_ALIGN_LEFT);
  g_autoptr (PangoLayout) number = line_layout (cr, page, inner * 0.2, 8, PANGO_ALIGN_RIGHT);
  int text_height = 0;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.27, 0.27, 0.27);
  pango_layout_get_pixel_size (header, NULL, &text_height);
  cairo_move_to (cr, left, PAGE_MARGIN_MM * mm / 2 - text_height / 2.0);
  pango_cairo_show_layout (cr, header);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, left, PAGE_MARGIN_MM * mm * 0.75);
  cairo_line_to (cr, width - left, PAGE_MARGIN_MM * mm * 0.75);
  cairo_stroke (cr);
  cairo_move_to (cr, left, height - PAGE_MARGIN_MM * mm / 2 - text_height / 2.0);
  pango_cairo_show_layout (cr, footer);
  cairo_move_to (cr, left + inner * 0.8, height - PAGE_MARGIN_MM * mm / 2 - text_height / 2.0);
  pango_cairo_show_layout (cr, number);
  cairo_restore (cr);
}

/* Writes @job's output: WebKit's pages with the lines over them. The
 * lines are drawn by cairo on pages of their own, which qpdf lays over
 * WebKit's (its text stays text: a reader can search and copy it). */
static gboolean
write_stamped (PrintJob *job, const char *path, GError **error)
{
  g_autofree char *uri = g_filename_to_uri (job->webkit_path, NULL, error);
  g_autofree char *stamps_path = NULL;
  g_autoptr (GObject) document_object = NULL;
  PopplerDocument *document;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int n_pages, fd, rc;

  if (uri == NULL)
    return FALSE;
  document = poppler_document_new_from_file (uri, NULL, error);
  if (document == NULL)
    return FALSE;
  document_object = G_OBJECT (document);
  n_pages = poppler_document_get_n_pages (document);

  stamps_path = g_build_filename (g_get_tmp_dir (), "handbook-lines-XXXXXX.pdf", NULL);
  fd = g_mkstemp (stamps_path);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
      return FALSE;
    }
  close (fd);
  surface = cairo_pdf_surface_create (stamps_path, 595, 842);
  cr = cairo_create (surface);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double width = 0, height = 0;

      poppler_page_get_size (page, &width, &height);
      cairo_pdf_surface_set_size (surface, width, height);
      draw_page_lines (cr, job, i, n_pages, width, height);
      cairo_show_page (cr);
      g_object_unref (page);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (stamps_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return FALSE;
    }

  {
    const char *argv[] = { "qpdf", job->webkit_path, "--overlay", stamps_path, "--", path, NULL };

    rc = qpdfjob_run_from_argv (argv);
  }
  g_unlink (stamps_path);
  /* 0: done; 3: done, with warnings. */
  if (rc != 0 && rc != 3)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), name);
      return FALSE;
    }
  return TRUE;
}

static void
print_begin_cb (GtkPrintOperation *operation, GtkPrintContext *context, PopplerDocument *document)
{
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
}

/* Printing: each page of the stamped PDF, fitted to the paper chosen. */
static void
print_draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int n, PopplerDocument *document)
{
  PopplerPage *page = poppler_document_get_page (document, n);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = 0, height = 0, scale;

  poppler_page_get_size (page, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width, gtk_print_context_get_height (context) / height);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  g_object_unref (page);
}

static gboolean
print_stamped (PrintJob *job, GError **error)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "handbook-print-XXXXXX.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GObject) document = NULL;
  GtkPrintOperationResult result;
  int fd = g_mkstemp (path);

  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
      return FALSE;
    }
  close (fd);
  if (!write_stamped (job, path, error) || (uri = g_filename_to_uri (path, NULL, error)) == NULL
      || (document = G_OBJECT (poppler_document_new_from_file (uri, NULL, error))) == NULL)
    {
      g_unlink (path);
      return FALSE;
    }

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job->header);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  if (job->settings != NULL)
    gtk_print_operation_set_print_settings (operation, job->settings);
  g_signal_connect (operation, "begin-print", G_CALLBACK (print_begin_cb), document);
  g_signal_connect (operation, "draw-page", G_CALLBACK (print_draw_page_cb), document);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, job->parent, error);
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && job->settings != NULL)
    gtk_print_settings_foreach (gtk_print_operation_get_print_settings (operation), copy_setting, job->settings);
  g_unlink (path);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
webkit_failed_cb (WebKitPrintOperation *operation, GError *error, GTask *task)
{
  /* "finished" follows and ends the task. */
  g_object_set_data_full (G_OBJECT (task), "hb-error", g_error_copy (error), (GDestroyNotify) g_error_free);
}

static void
webkit_finished_cb (WebKitPrintOperation *operation, GTask *task)
{
  PrintJob *job = g_task_get_task_data (task);
  GError *failed = g_object_get_data (G_OBJECT (task), "hb-error");
  g_autoptr (GError) error = NULL;

  if (failed != NULL)
    g_task_return_error (task, g_error_copy (failed));
  else if (g_task_return_error_if_cancelled (task))
    ;
  else if (job->output_path != NULL ? write_stamped (job, job->output_path, &error) : print_stamped (job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

static void
print_view (HbWebView *view, const char *output_path, GtkWindow *parent, GtkPrintSettings *settings,
            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (view, cancellable, callback, user_data);
  g_autoptr (GtkPrintSettings) webkit_settings = gtk_print_settings_new ();
  g_autoptr (GtkPageSetup) setup = default_page_setup ();
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  HbArticle *article = hb_web_view_get_article (view);
  PrintJob *job;
  guint from = 0;
  int fd;

  g_task_set_source_tag (task, print_view);
  if (article == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no article to print"));
      return;
    }

  job = g_new0 (PrintJob, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) print_job_free);
  hb_web_view_get_redline (view, &from, NULL, NULL);
  job->header = hb_page_print_header (article, from);
  job->footer = hb_page_print_footer (article);
  job->output_path = g_strdup (output_path);
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  job->settings = settings != NULL ? g_object_ref (settings) : NULL;
  job->webkit_path = g_build_filename (g_get_tmp_dir (), "handbook-webkit-XXXXXX.pdf", NULL);
  fd = g_mkstemp (job->webkit_path);
  if (fd < 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
      return;
    }
  close (fd);

  /* GTK's file backend writes WebKit's PDF; its printer is named in
   * GTK's language. */
  uri = g_filename_to_uri (job->webkit_path, NULL, NULL);
  gtk_print_settings_set_printer (webkit_settings, g_dgettext ("gtk40", "Print to File"));
  gtk_print_settings_set (webkit_settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_settings_set (webkit_settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);

  job->operation = webkit_print_operation_new (WEBKIT_WEB_VIEW (view));
  webkit_print_operation_set_page_setup (job->operation, setup);
  webkit_print_operation_set_print_settings (job->operation, webkit_settings);
  g_signal_connect (job->operation, "failed", G_CALLBACK (webkit_failed_cb), task);
  g_signal_connect (job->operation, "finished", G_CALLBACK (webkit_finished_cb), g_object_ref (task));
  webkit_print_operation_print (job->operation);
}

void
hb_print_web_view_async (HbWebView *view, GtkWindow *parent, GtkPrintSettings *settings,
                         GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (HB_IS_WEB_VIEW (view));
  print_view (view, NULL, parent, settings, cancellable, callback, user_data);
}

void
hb_print_web_view_to_pdf_async (HbWebView *view, GFile *file, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_WEB_VIEW (view));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_report_new_error (view, callback, user_data, print_view, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A PDF is written to a local file"));
      return;
    }
  print_view (view, path, NULL, NULL, cancellable, callback, user_data);
}

gboolean
hb_print_web_view_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
hb_print_suggest_pdf_name (HbWebView *view)
{
  HbArticle *article = hb_web_view_get_article (view);
  g_autofree char *name = NULL;
  guint from = 0, to = 0;

  if (article == NULL)
    return g_strdup (_("Handbook.pdf"));
  if (hb_web_view_get_redline (view, &from, &to, NULL))
    /* TRANSLATORS: a file name: the article's title and the versions a redline compares */
    name = g_strdup_printf (_("%s, changes from version %u to %u.pdf"), hb_article_get_title (article), from, to);
  else
    /* TRANSLATORS: a file name: the article's title and its version */
    name = g_strdup_printf (_("%s, version %u.pdf"), hb_article_get_title (article),
                            hb_article_get_version (article));
  /* No folder separators, nor what some file systems refuse. */
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return g_steal_pointer (&name);
}

/* The team report ---------------------------------------------------------- */

enum
{
  TEAM_PERSON,
  TEAM_EMPLOYEE_ID,
  TEAM_COURSE,
  TEAM_DONE,
  TEAM_REVIEW,
  TEAM_OVERDUE,
  TEAM_COMPLETED,
  N_TEAM_COLUMNS
};

/* Each column's share of the width. */
static const double team_widths[N_TEAM_COLUMNS] = { 0.20, 0.12, 0.26, 0.09, 0.10, 0.09, 0.14 };

typedef struct
{
  GPtrArray *progress; /* (element-type HbCourseProgress) */
  char *printed_on;
  guint rows_per_page;
  double row_height;
} TeamPrint;

static void
team_print_free (TeamPrint *print)
{
  g_ptr_array_unref (print->progress);
  g_free (print->printed_on);
  g_free (print);
}

static char *
team_cell (const HbCourseProgress *row, guint column)
{
  switch (column)
    {
    case TEAM_PERSON:
      return g_strdup (row->profile->name);
    case TEAM_EMPLOYEE_ID:
      return g_strdup (row->profile->employee_id != NULL ? row->profile->employee_id : "–");
    case TEAM_COURSE:
      return g_strdup (row->course->title);
    case TEAM_DONE:
      return g_strdup_printf ("%u/%u", row->n_completed, row->lessons->len);
    case TEAM_REVIEW:
      return g_strdup_printf ("%u", row->n_needs_review);
    case TEAM_OVERDUE:
      return g_strdup_printf ("%u", row->n_overdue);
    case TEAM_COMPLETED:
    default:
      return g_strndup (row->completed ? (row->completed_at != NULL ? row->completed_at : "✓") : "–", 10);
    }
}

static const char *
team_heading (guint column)
{
  static const char *const headings[N_TEAM_COLUMNS] = {
    N_("Person"), N_("Employee ID"), N_("Course"), N_("Done"), N_("To review"), N_("Overdue"), N_("Completed"),
  };

  return _(headings[column]);
}

static PangoLayout *
team_layout (GtkPrintContext *context, const char *text, double width, gboolean bold, double size)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
team_begin_print_cb (GtkPrintOperation *operation, GtkPrintContext *context, TeamPrint *print)
{
  double height = gtk_print_context_get_height (context);
  guint pages;

  print->row_height = 16;
  /* A title and the column headings above, a footer below. */
  print->rows_per_page = MAX (1, (guint) ((height - 5 * print->row_height) / print->row_height));
  pages = MAX (1, (print->progress->len + print->rows_per_page - 1) / print->rows_per_page);
  gtk_print_operation_set_n_pages (operation, (int) pages);
}

static void
team_draw_row (GtkPrintContext *context, double y, const char *const *cells, gboolean bold)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double x = 0;

  for (guint column = 0; column < N_TEAM_COLUMNS; column++)
    {
      double cell_width = width * team_widths[column];
      g_autoptr (PangoLayout) layout = team_layout (context, cells[column], cell_width - 6, bold, 9);

      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      x += cell_width;
    }
}

static void
team_draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr, TeamPrint *print)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  const char *headings[N_TEAM_COLUMNS];
  guint first = (guint) page_nr * print->rows_per_page;
  double y = 0;

  {
    g_autofree char *title = g_strdup_printf (_("Team report, %s"), print->printed_on);
    g_autoptr (PangoLayout) layout = team_layout (context, title, width, TRUE, 13);

    cairo_set_source_rgb (cr, 0, 0, 0);
    cairo_move_to (cr, 0, y);
    pango_cairo_show_layout (cr, layout);
    y += 2 * print->row_height;
  }

  for (guint column = 0; column < N_TEAM_COLUMNS; column++)
    headings[column] = team_heading (column);
  team_draw_row (context, y, headings, TRUE);
  y += print->row_height;
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, y - 2);
  cairo_line_to (cr, width, y - 2);
  cairo_stroke (cr);

  for (guint i = first; i < print->progress->len && i < first + print->rows_per_page; i++)
    {
      const HbCourseProgress *row = g_ptr_array_index (print->progress, i);
      char *cells[N_TEAM_COLUMNS + 1] = { NULL };

      for (guint column = 0; column < N_TEAM_COLUMNS; column++)
        cells[column] = team_cell (row, column);
      team_draw_row (context, y, (const char *const *) cells, FALSE);
      for (guint column = 0; column < N_TEAM_COLUMNS; column++)
        g_free (cells[column]);
      y += print->row_height;
    }

  {
    g_autofree char *footer = g_strdup_printf (_("Page %d of %d"), page_nr + 1,
                                               (int) MAX (1, (print->progress->len + print->rows_per_page - 1)
                                                               / print->rows_per_page));
    g_autoptr (PangoLayout) layout = team_layout (context, footer, width, FALSE, 8);

    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
    cairo_move_to (cr, 0, height - print->row_height);
    pango_cairo_show_layout (cr, layout);
  }
}

gboolean
hb_print_team_report (GPtrArray *progress, GtkWindow *parent, GtkPrintSettings *settings, const char *pdf_path,
                      GError **error)
{
  g_autoptr (GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = default_page_setup ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  TeamPrint *print = g_new0 (TeamPrint, 1);
  GtkPrintOperationResult result;

  g_return_val_if_fail (progress != NULL, FALSE);

  print->progress = g_ptr_array_ref (progress);
  print->printed_on = g_date_time_format (now, "%Y-%m-%d");
  g_object_set_data_full (G_OBJECT (operation), "hb-team-print", print, (GDestroyNotify) team_print_free);

  /* Wide: a row per person and course. */
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, _("Team report"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  if (settings != NULL)
    gtk_print_operation_set_print_settings (operation, settings);
  g_signal_connect (operation, "begin-print", G_CALLBACK (team_begin_print_cb), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (team_draw_page_cb), print);

  if (pdf_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, pdf_path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
    }
  else
    result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && settings != NULL)
    gtk_print_settings_foreach (gtk_print_operation_get_print_settings (operation), copy_setting, settings);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
