/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A list view's row that opens with one click, and a selection that only
 * the keyboard and clicks move.
 *
 * GTK 4.8's GtkListView:single-click-activate also selects the row under
 * the pointer whenever the pointer enters it, and a row enters when the
 * list scrolls under a resting pointer. Going down a list of results with
 * ↓, the selection then jumped back to the row under the mouse. The lists
 * keep single-click-activate off, so that the selection follows only the
 * keyboard and clicks, and activate their rows on a click here. */

#define G_LOG_DOMAIN "hb-list-click"

#include "config.h"

#include "hb-list-click.h"

/* The second press of a double click: the row opened on the first click's
 * release, and the list would open it again. */
static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, GtkListItem *item)
{
  if (n_press > 1)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
released_cb (GtkGestureClick *gesture, int n_press, double x, double y, GtkListItem *item)
{
  GtkWidget *child = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  guint position = gtk_list_item_get_position (item);

  /* A click's own release, on the row it pressed. */
  if (n_press != 1 || position == GTK_INVALID_LIST_POSITION || !gtk_widget_contains (child, x, y))
    return;
  gtk_widget_activate_action (child, "list.activate-item", "u", position);
}

/**
 * hb_list_item_activate_on_click:
 * @item: a list item of a list view whose single-click-activate is off
 * @child: its child, as the factory's setup gives it
 *
 * Activates @item's row, as GtkListView::activate, when @child is clicked
 * once with the primary button.
 */
void
hb_list_item_activate_on_click (GtkListItem *item, GtkWidget *child)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), item, 0);
  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), item, 0);
  gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (click));
}
