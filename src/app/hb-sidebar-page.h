/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hb-store-articles.h"

G_BEGIN_DECLS

#define HB_TYPE_SIDEBAR_PAGE (hb_sidebar_page_get_type ())
G_DECLARE_INTERFACE (HbSidebarPage, hb_sidebar_page, HB, SIDEBAR_PAGE, GtkWidget)

/*
 * A page of the window's sidebar: Library today, Courses, Progress and
 * What's new later. The window makes each page with its "store", shows it
 * under the search entry, and connects ::article-activated; a page knows
 * nothing of the window or of the other pages.
 *
 * A page shows a toast with the window action "win.show-toast" (s).
 */
struct _HbSidebarPageInterface
{
  GTypeInterface parent_iface;

  /* Read the store: called once the page is in the window, and again
   * after every import. */
  void (*reload) (HbSidebarPage *self);

  /* Down in the search entry moves into the page: focus its list. The
   * default focuses the first widget that takes the focus. */
  gboolean (*focus_list) (HbSidebarPage *self);
};

void hb_sidebar_page_reload (HbSidebarPage *self);

gboolean hb_sidebar_page_focus_list (HbSidebarPage *self);

/* Emits ::article-activated: the user chose to read @id (version 0: the
 * one in force) at @section_id (or the top). */
void hb_sidebar_page_emit_article_activated (HbSidebarPage *self,
                                             const char *id,
                                             guint version,
                                             const char *section_id);

G_END_DECLS
