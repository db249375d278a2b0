/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * Content that is not an article (table content_files): the thesaurus
 * (synonyms.yaml) and the course files. Versioned and immutable like
 * articles: a changed file is version N+1, the same text is nothing new.
 */

#define HB_CONTENT_KIND_THESAURUS "thesaurus"
#define HB_CONTENT_KIND_COURSE "course"

typedef struct
{
  char *id;       /* "synonyms", "courses/onboarding", … */
  char *kind;     /* HB_CONTENT_KIND_… */
  char *source;   /* the file, relative to its import root */
  char *text;     /* the whole file, UTF-8 */
  char *sha256;
  guint version;  /* when read back */
  char *imported_at;
} HbContentRecord;

void hb_content_record_free (HbContentRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbContentRecord, hb_content_record_free)

/**
 * hb_store_add_content:
 * @write: a write transaction
 * @record: the file (its id, kind, source, text and sha256)
 * @import_uuid: (nullable): the import it comes from
 * @version: (out): the version stored, or the unchanged one
 * @is_new: (out) (optional): whether a version was stored
 */
gboolean hb_store_add_content (HbStoreWrite *write,
                               const HbContentRecord *record,
                               const char *import_uuid,
                               guint *version,
                               gboolean *is_new,
                               GError **error);

/**
 * hb_store_list_content:
 * @kind: HB_CONTENT_KIND_…
 *
 * Returns: (transfer full) (element-type HbContentRecord): the newest
 *   version of each file of @kind, by id
 */
GPtrArray *hb_store_list_content (HbStore *self, const char *kind, GError **error);

/* The newest version of the file @id, or %NULL with
 * %HB_STORE_ERROR_NOT_FOUND; @version 0 for the newest. */
HbContentRecord *hb_store_get_content (HbStore *self, const char *id, guint version, GError **error);

G_END_DECLS
