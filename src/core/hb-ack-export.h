/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * Who acknowledged what, and who has not yet, for the team report and for
 * learning-record stores: CSV for people, xAPI statements for machines.
 */

/* The xAPI verb of an acknowledgement. */
#define HB_XAPI_VERB_ACKNOWLEDGE "http://activitystrea.ms/schema/1.0/acknowledge"
/* The activity type of an article version. */
#define HB_XAPI_ACTIVITY_ARTICLE "http://activitystrea.ms/schema/1.0/article"
/* The home page of the accounts statements name people by (their
 * profile's uuid). A team server replaces it with its own address. */
#define HB_XAPI_ACCOUNT_HOME_PAGE "https://handbook.invalid/profiles"
/* The result extension holding the SHA-256 of the text acknowledged. */
#define HB_XAPI_EXTENSION_SHA256 "https://handbook.invalid/xapi/sha256"

/**
 * hb_ack_export_csv:
 * @profile_uuid: (nullable): one person, or everyone
 * @today: (nullable): the day that decides what is overdue; %NULL for today
 *
 * One row per acknowledgement given and per acknowledgement owed:
 * profile, name, employee id, article, version, title, status
 * (acknowledged, pending or overdue), due, acknowledged at, the
 * acknowledgement's uuid and the SHA-256 of the text. RFC 4180 quoting;
 * a text that a spreadsheet would run as a formula starts with "'".
 *
 * Returns: (transfer full): the CSV text, or %NULL with @error set
 */
char *hb_ack_export_csv (HbStore *store, const char *profile_uuid, const char *today, GError **error);

/**
 * hb_ack_export_xapi:
 * @profile_uuid: (nullable): one person, or everyone
 *
 * Every acknowledgement as an xAPI statement (verb
 * HB_XAPI_VERB_ACKNOWLEDGE, the article version as the activity
 * "handbook://article/ID?version=N", the statement id the
 * acknowledgement's uuid), as a JSON array.
 *
 * Returns: (transfer full): the JSON text, or %NULL with @error set
 */
char *hb_ack_export_xapi (HbStore *store, const char *profile_uuid, GError **error);

G_END_DECLS
