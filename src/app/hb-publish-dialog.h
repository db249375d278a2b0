/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-store.h"
#include "hb-web-view.h"

G_BEGIN_DECLS

#define HB_TYPE_PUBLISH_DIALOG (hb_publish_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HbPublishDialog, hb_publish_dialog, HB, PUBLISH_DIALOG, AdwWindow)

/*
 * Publish Update (editors only): checks a bundle in a thread and shows
 * what publishing it would do, each article's redline in the content view
 * (as safe as an article: no script, nothing from the network); Publish
 * then writes it all in one transaction in a thread, with progress and
 * Cancel. A bundle without a signature can be previewed and published
 * only after saying so, and the audit log records it.
 *
 * ::ready: the preview is shown; ::failed: the bundle is refused (the
 * dialog says why); ::published: it was published.
 */
HbPublishDialog *hb_publish_dialog_new (GtkWindow *parent, HbStore *store, GFile *bundle, const char *profile_uuid);

/* What Publish does. */
void hb_publish_dialog_publish (HbPublishDialog *self);

/* What Preview Unsigned… does, once a bundle was refused for having no
 * signature: the preview again, letting that through. */
void hb_publish_dialog_preview_unsigned (HbPublishDialog *self);

/* For tests: the entries listed, selecting one, the view of its
 * redline, and the message of a refusal. */
guint hb_publish_dialog_get_n_entries (HbPublishDialog *self);
void hb_publish_dialog_select_entry (HbPublishDialog *self, guint index);
HbWebView *hb_publish_dialog_get_web_view (HbPublishDialog *self);
const char *hb_publish_dialog_get_error_text (HbPublishDialog *self);

G_END_DECLS
