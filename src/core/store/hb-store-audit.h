/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * The audit log (table audit_log): the events that matter, in the order
 * they happened, as a hash chain. Each row stores
 *
 *   hash = hex (SHA-256 (prev_hash ‖ canonical encoding of the row))
 *
 * where prev_hash is the hash of the row before (64 zeros for the first)
 * and the canonical encoding is the UTF-8 JSON object
 *
 *   {"at":…,"details":{…},"event":…,"profile":…,"subject":…,"uuid":…}
 *
 * with its keys (and those of every object inside "details") sorted by
 * their UTF-8 bytes, no white space between tokens, null for a missing
 * profile or subject, integers written in decimal, and in strings only
 * '"', '\\' and the control characters below U+0020 escaped (\b \f \n \r
 * \t, others \u00XX in lower-case hex); everything else is written as is.
 * That is Python's json.dumps (obj, ensure_ascii=False, sort_keys=True,
 * separators=(",", ":")), so a third party can check an export with a few
 * lines (README.md). Fractional numbers have no canonical form and are
 * refused in details: write them as text.
 *
 * The database refuses UPDATE and DELETE on the table; someone who drops
 * those triggers and edits the file is caught by hb_store_audit_verify().
 */

/* The events this module and its callers record. */
#define HB_AUDIT_EVENT_IMPORT "import"
#define HB_AUDIT_EVENT_PUBLISH "publish"
#define HB_AUDIT_EVENT_UNSIGNED_ALLOWED "unsigned-bundle-allowed"
#define HB_AUDIT_EVENT_ACKNOWLEDGE "acknowledge"
#define HB_AUDIT_EVENT_KEY_TRUSTED "key-trusted"
#define HB_AUDIT_EVENT_KEY_REVOKED "key-revoked"
#define HB_AUDIT_EVENT_PROFILE_ADDED "profile-added"
#define HB_AUDIT_EVENT_QUIZ_ATTEMPT "quiz-attempt"
#define HB_AUDIT_EVENT_LESSON_READ "lesson-read"
#define HB_AUDIT_EVENT_REVIEW "review"

/* The prev_hash of the first row. */
#define HB_AUDIT_GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/**
 * hb_store_audit_add:
 * @write: the transaction that does what is recorded
 * @event: what happened: one of HB_AUDIT_EVENT_… or another short name
 *   ("quiz-attempt", "profile-added")
 * @profile_uuid: (nullable): who did it
 * @subject: (nullable): what it was done to (an article id, a bundle id)
 * @details_json: (nullable): a JSON object with the particulars; %NULL
 *   for {}
 * @error: return location for a #HB_STORE_ERROR
 *
 * Appends one event to the audit log, at the transaction's time, chained
 * to the row before. It is written with the rest of @write or not at all.
 * Call it from the store function that makes the change, so that nothing
 * can make it without its record.
 *
 * Returns: %TRUE, or %FALSE with %HB_STORE_ERROR_INVALID for details that
 *   are not a JSON object (or hold a fractional number)
 */
gboolean hb_store_audit_add (HbStoreWrite *write,
                             const char *event,
                             const char *profile_uuid,
                             const char *subject,
                             const char *details_json,
                             GError **error);

/* The same with the details as a #JsonObject (taken: it is unreffed). */
gboolean hb_store_audit_add_object (HbStoreWrite *write,
                                    const char *event,
                                    const char *profile_uuid,
                                    const char *subject,
                                    JsonObject *details,
                                    GError **error);

/* One row of the audit log, as stored. */
typedef struct
{
  gint64 seq;
  char *uuid;
  char *at;           /* ISO 8601, UTC */
  char *event;
  char *profile_uuid; /* (nullable) */
  char *profile_name; /* (nullable): the profile's name, when it exists */
  char *subject;      /* (nullable) */
  char *details;      /* canonical JSON text */
  char *prev_hash;
  char *hash;
} HbAuditRow;

void hb_audit_row_free (HbAuditRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbAuditRow, hb_audit_row_free)

/**
 * hb_audit_row_canonical:
 * @row: a row
 *
 * Returns: (transfer full): the row's canonical encoding, which its hash
 *   covers (after prev_hash), or %NULL when its details are not JSON
 */
char *hb_audit_row_canonical (const HbAuditRow *row);

/**
 * hb_store_audit_list:
 * @since: (nullable): only rows at or after this day ("YYYY-MM-DD") or time
 * @profile_uuid: (nullable): only this person's rows
 *
 * Returns: (transfer full) (element-type HbAuditRow): the rows, oldest
 *   first, or %NULL on error
 */
GPtrArray *hb_store_audit_list (HbStore *self, const char *since, const char *profile_uuid, GError **error);

typedef enum
{
  HB_AUDIT_INTACT,
  /* A row's content no longer matches its hash. */
  HB_AUDIT_CHANGED,
  /* One or more rows are missing before a row. */
  HB_AUDIT_REMOVED,
  /* A row is in the chain that was not chained when written. */
  HB_AUDIT_INSERTED,
} HbAuditDamage;

typedef struct
{
  HbAuditDamage damage;
  /* The first row that is wrong: changed or inserted, or the row after
   * the removed ones. 0 when intact. */
  gint64 seq;
  char *uuid;      /* (nullable): that row's uuid */
  guint n_rows;    /* rows read */
  char *head_hash; /* (nullable): the hash of the last row */
  char *message;   /* one sentence saying what was found */
} HbAuditVerification;

void hb_audit_verification_free (HbAuditVerification *verification);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbAuditVerification, hb_audit_verification_free)

/**
 * hb_store_audit_verify:
 *
 * Walks the chain from the first row and finds the first one that was
 * changed, removed or inserted after it was written. Removing the newest
 * rows leaves a shorter chain that is whole: compare the head hash and
 * count with an earlier export to catch that.
 *
 * Returns: (transfer full): what was found, or %NULL when the log cannot
 *   be read
 */
HbAuditVerification *hb_store_audit_verify (HbStore *self, GError **error);

/**
 * hb_store_audit_export:
 * @stream: where to write
 *
 * Writes every row as one line of JSON (JSON Lines): seq, uuid, at,
 * event, profile, profile_name, subject, details, prev_hash and hash, so
 * that a third party can recompute each hash from the rest.
 *
 * Returns: the number of rows written, or -1 with @error set
 */
gint64 hb_store_audit_export (HbStore *self, GOutputStream *stream, GCancellable *cancellable, GError **error);

G_END_DECLS
