/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * The training records as xAPI 1.0.3 statements, for a learning record
 * store. Each record is one statement whose "id" is the record's UUID:
 *
 * - a quiz attempt is "passed" or "failed" (the quiz, with the score,
 *   success, completion and duration), preceded by "attempted" (when it
 *   was shown) and one "answered" per question (an interaction of the
 *   type that matches its GIFT type);
 * - a lesson read to its end is "completed" (the lesson);
 * - a course whose lessons are all done is "completed" (the course).
 *
 * Statements made from a record besides its own have name-based UUIDs
 * (version 5) derived from the record's, so exporting again gives the
 * same ids and a store takes each statement once. Timestamps are the
 * records' ISO 8601 UTC times.
 */

/* The base of activity ids and of the people's accounts when none is
 * given: a name no server answers to. */
#define HB_XAPI_DEFAULT_BASE "https://handbook.invalid/"

/**
 * hb_xapi_export:
 * @store: a store
 * @profile_uuid: (nullable): one person's records, or everyone's
 * @base: (nullable): the IRI activity ids and accounts start with (it
 *   should end with "/"); %HB_XAPI_DEFAULT_BASE when %NULL
 * @error: return location for an error
 *
 * Returns: (transfer full): a JSON array of statements, oldest first, or
 *   %NULL with @error set
 */
char *hb_xapi_export (HbStore *store, const char *profile_uuid, const char *base, GError **error);

/**
 * hb_xapi_uuid5:
 * @namespace_uuid: a UUID
 * @name: a name
 *
 * Returns: (transfer full): the name-based (SHA-1, version 5) UUID of
 *   @name in @namespace_uuid, as RFC 4122 makes it
 */
char *hb_xapi_uuid5 (const char *namespace_uuid, const char *name);

G_END_DECLS
