/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-sidebar-page.h"

G_BEGIN_DECLS

#define HB_TYPE_WHATS_NEW_PAGE (hb_whats_new_page_get_type ())
G_DECLARE_FINAL_TYPE (HbWhatsNewPage, hb_whats_new_page, HB, WHATS_NEW_PAGE, AdwBin)

/*
 * What's new, for the person reading ("profile"): what they still have to
 * acknowledge (with due dates), the versions that took effect since they
 * last looked, those to come, and the earlier updates. "unseen" counts
 * the new ones not read yet (the sidebar's badge). A version opens as a
 * redline since the version this person last read (::redline-activated),
 * a new article as itself (::article-activated).
 */

/* The person's uuid, or %NULL. */
void hb_whats_new_page_set_profile (HbWhatsNewPage *self, const char *profile);

guint hb_whats_new_page_get_unseen (HbWhatsNewPage *self);

/* How many rows it shows, all sections together (for tests). */
guint hb_whats_new_page_get_n_rows (HbWhatsNewPage *self);

/* Activates the row of @article_id in the section of new versions (or
 * any), as a click does. Returns %FALSE when there is none. */
gboolean hb_whats_new_page_activate (HbWhatsNewPage *self, const char *article_id);

/* The person has looked: what takes effect from now on is new to them.
 * The list stays as it is until the next reload. */
void hb_whats_new_page_mark_seen (HbWhatsNewPage *self);

G_END_DECLS
