/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * Lessons read to their end (table lesson_reads), by whom and in which
 * version. Records that travel: a UUID, UTC timestamps, never changed or
 * deleted.
 */

/**
 * HbReadRecord:
 * @uuid: set by hb_store_add_read() when %NULL
 * @profile_uuid: who read
 * @lesson_id: the lesson (article)
 * @lesson_version: the version read
 * @read_at: when the end was reached (ISO 8601, UTC); the transaction's
 *   time when %NULL
 * @recorded_at: set by hb_store_add_read()
 * @dependencies: the versions in force of the articles the lesson depends
 *   on, "id@version" joined by spaces
 */
typedef struct
{
  char *uuid;
  char *profile_uuid;
  char *lesson_id;
  guint lesson_version;
  char *read_at;
  char *recorded_at;
  char *dependencies;
} HbReadRecord;

void hb_read_record_free (HbReadRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbReadRecord, hb_read_record_free)

/* Stores a read; the one function that writes reads. */
gboolean hb_store_add_read (HbStoreWrite *write, HbReadRecord *record, GError **error);

/**
 * hb_store_list_reads:
 * @profile_uuid: (nullable): one person's, or everyone's
 * @lesson_id: (nullable): one lesson's, or every lesson's
 * @latest_only: only the latest read of each person and lesson
 *
 * Returns: (transfer full) (element-type HbReadRecord): the reads, oldest
 *   first, or %NULL on error
 */
GPtrArray *hb_store_list_reads (HbStore *self, const char *profile_uuid, const char *lesson_id,
                                gboolean latest_only, GError **error);

G_END_DECLS
