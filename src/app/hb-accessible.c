/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Names for what GTK 4.8 leaves nameless to a screen reader.
 *
 * GTK 4.8 takes no name from a tooltip, names the toggle inside a drop-down
 * or a menu button by its type ("GtkToggleButton"), and has no API to name
 * the row of a list view (gtk_list_item_set_accessible_label is 4.12). The
 * test tests/test-a11y.py reads the names as Orca would, over AT-SPI. */

#define G_LOG_DOMAIN "hb-accessible"

#include "config.h"

#include "hb-accessible.h"

#include <adwaita.h>
#include <glib/gi18n.h>

static void
set_label (GtkWidget *widget, const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/**
 * hb_accessible_name_button:
 * @widget: a button, a menu button or a drop-down
 * @name: what a screen reader says
 *
 * Names @widget, and the toggle button a menu button or a drop-down holds,
 * which is what takes the focus.
 */
void
hb_accessible_name_button (GtkWidget *widget, const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL);

  set_label (widget, name);
  if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_TOGGLE_BUTTON (child))
        set_label (child, name);
}

/**
 * hb_accessible_name_list_item:
 * @child: the child of a #GtkListItem, once the item has it
 * @name: what a screen reader says for the row
 *
 * Names the row of a list view that shows @child.
 */
void
hb_accessible_name_list_item (GtkWidget *child, const char *name)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (child));

  row = gtk_widget_get_parent (child);
  if (row != NULL)
    set_label (row, name != NULL ? name : "");
}

static gboolean
inside (GtkWidget *widget, GType type)
{
  return gtk_widget_get_ancestor (widget, type) != NULL;
}

/**
 * hb_accessible_name_controls:
 * @root: a window, a page or a dialog, once its template is built
 *
 * Names each control under @root that shows only an icon after its
 * tooltip; each drop-down and menu button after its tooltip; a search entry
 * after its placeholder; the close button of a search bar, and the view
 * switchers. Controls that have a label keep it.
 */
void
hb_accessible_name_controls (GtkWidget *root)
{
  const char *tooltip;

  g_return_if_fail (GTK_IS_WIDGET (root));

  tooltip = gtk_widget_get_tooltip_text (root);
  if (GTK_IS_DROP_DOWN (root) || GTK_IS_MENU_BUTTON (root))
    {
      if (tooltip != NULL && (!GTK_IS_MENU_BUTTON (root) || gtk_menu_button_get_label (GTK_MENU_BUTTON (root)) == NULL))
        hb_accessible_name_button (root, tooltip);
      return;
    }
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL
      && (gtk_button_get_child (GTK_BUTTON (root)) == NULL || GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root)))))
    {
      if (tooltip != NULL)
        set_label (root, tooltip);
      else if (inside (root, GTK_TYPE_SEARCH_BAR))
        set_label (root, _("Close"));
    }
  else if (GTK_IS_SEARCH_ENTRY (root))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (root, "placeholder-text", &placeholder, NULL);
      if (placeholder != NULL)
        set_label (root, placeholder);
    }
  else if (ADW_IS_VIEW_SWITCHER (root))
    set_label (root, _("Pages"));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    hb_accessible_name_controls (child);
}
