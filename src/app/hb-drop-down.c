/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drop-downs that fit a phone's width. */

#define G_LOG_DOMAIN "hb-drop-down"

#include "config.h"

#include "hb-drop-down.h"

static void
label_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 5);
    }
  gtk_list_item_set_child (item, label);
}

static void
label_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), NULL);
  return factory;
}

/**
 * hb_drop_down_shorten:
 * @dropdown: a drop-down of a #GtkStringList
 *
 * Lets @dropdown's button shorten its choice on a narrow window ("All
 * Platf…", the whole text in its tooltip); the list it opens shows each
 * choice whole.
 */
void
hb_drop_down_shorten (GtkDropDown *dropdown)
{
  g_autoptr (GtkListItemFactory) button = NULL;
  g_autoptr (GtkListItemFactory) list = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  button = label_factory (TRUE);
  list = label_factory (FALSE);

  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
}
