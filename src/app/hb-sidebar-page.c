/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-sidebar-page"

#include "config.h"

#include "hb-sidebar-page.h"

G_DEFINE_INTERFACE (HbSidebarPage, hb_sidebar_page, GTK_TYPE_WIDGET)

enum
{
  ARTICLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hb_sidebar_page_real_reload (HbSidebarPage *self)
{
}

static gboolean
hb_sidebar_page_real_focus_list (HbSidebarPage *self)
{
  return gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
hb_sidebar_page_default_init (HbSidebarPageInterface *iface)
{
  iface->reload = hb_sidebar_page_real_reload;
  iface->focus_list = hb_sidebar_page_real_focus_list;

  /**
   * HbSidebarPage:store:
   *
   * The handbook the page shows; set when the page is made.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_object ("store", NULL, NULL, HB_TYPE_STORE,
                                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                              | G_PARAM_STATIC_STRINGS));

  /**
   * HbSidebarPage::article-activated:
   * @id: the article
   * @version: its version, 0 for the one in force
   * @section_id: (nullable): the heading to open it at
   *
   * The user chose an article to read.
   */
  signals[ARTICLE_ACTIVATED] = g_signal_new ("article-activated", G_TYPE_FROM_INTERFACE (iface),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                             G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);
}

void
hb_sidebar_page_reload (HbSidebarPage *self)
{
  g_return_if_fail (HB_IS_SIDEBAR_PAGE (self));

  HB_SIDEBAR_PAGE_GET_IFACE (self)->reload (self);
}

gboolean
hb_sidebar_page_focus_list (HbSidebarPage *self)
{
  g_return_val_if_fail (HB_IS_SIDEBAR_PAGE (self), FALSE);

  return HB_SIDEBAR_PAGE_GET_IFACE (self)->focus_list (self);
}

void
hb_sidebar_page_emit_article_activated (HbSidebarPage *self,
                                        const char *id,
                                        guint version,
                                        const char *section_id)
{
  g_return_if_fail (HB_IS_SIDEBAR_PAGE (self));
  g_return_if_fail (id != NULL);

  g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, id, version, section_id);
}
