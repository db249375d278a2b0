/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-article.h"
#include "hb-bundle.h"
#include "hb-diff.h"
#include "hb-store.h"
#include "hb-store-publishes.h"

G_BEGIN_DECLS

/*
 * Publishing an update bundle (hb-bundle.h): first a preview that checks
 * everything and writes nothing (the signature against the handbook's
 * trusted keys, that it is not an old bundle replayed, every file as the
 * importer checks it, and what each entry would do), then the publish
 * itself, in one transaction: every version, the publish record and its
 * audit events, or nothing.
 */

#define HB_PUBLISH_ERROR (hb_publish_error_quark ())

typedef enum
{
  /* A file of the bundle is not a valid article; the message lists every
   * problem as FILE:LINE: message. */
  HB_PUBLISH_ERROR_INVALID_FILE,
  /* The bundle was published already, or is older than one that was. */
  HB_PUBLISH_ERROR_REPLAY,
  /* The profile given may not publish (only editors may). */
  HB_PUBLISH_ERROR_NOT_ALLOWED,
  /* The handbook changed since the preview: preview again. */
  HB_PUBLISH_ERROR_CHANGED,
} HbPublishError;

GQuark hb_publish_error_quark (void);

typedef struct
{
  /* (nullable) (array zero-terminated=1): public keys trusted for this
   * preview besides the handbook's own (handbook-cli --trusted-key). */
  const char *const *extra_keys;
  /* Let a bundle without any signature through (a bad signature never
   * is); publishing it then records that it was allowed. */
  gboolean allow_unsigned;
} HbPublishOptions;

typedef struct
{
  /* The manifest's entry (owned by the bundle). */
  const HbBundleEntry *entry;
  /* The version the file makes, id and the manifest's effective date and
   * change note applied. */
  HbArticleRecord *record;
  HbPublishEntryStatus status;
  /* The newest version stored before, 0 for a new article, and its title
   * and body (for the redline). */
  guint old_version;
  char *old_title;
  char *old_body;
  /* The version it would be (the unchanged one when unchanged). */
  guint new_version;
  /* Words (Chinese characters) added and removed against old_body. */
  guint words_added;
  guint words_removed;
  /* It takes effect after today: the version in force stays until then. */
  gboolean pending;
} HbPublishItem;

typedef struct
{
  HbBundle *bundle;
  /* (nullable): the verified signature; %NULL when allowed unsigned. */
  HbBundleSignature *signature;
  /* The date the bundle counts as (the signed one). */
  char *date;
  GPtrArray *items; /* (element-type HbPublishItem) in manifest order */
  guint n_new;
  guint n_updated;
  guint n_unchanged;
  char *today;
} HbPublishPlan;

void hb_publish_plan_free (HbPublishPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbPublishPlan, hb_publish_plan_free)

/**
 * hb_publish_preview:
 * @store: the handbook
 * @bundle: a bundle read with hb_bundle_read()
 * @options: (nullable): options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #HB_BUNDLE_ERROR (unsigned, bad signature,
 *   unknown key …), #HB_PUBLISH_ERROR or #HB_STORE_ERROR
 *
 * Checks the bundle and works out what publishing it would do. Writes
 * nothing.
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
HbPublishPlan *hb_publish_preview (HbStore *store,
                                   HbBundle *bundle,
                                   const HbPublishOptions *options,
                                   GCancellable *cancellable,
                                   GError **error);

/**
 * hb_publish_item_diff:
 * @item: an item of a plan
 *
 * Returns: (transfer full): the redline of the entry against the newest
 *   version stored (against nothing for a new article), or %NULL with
 *   @error set
 */
HbDiff *hb_publish_item_diff (const HbPublishItem *item, GError **error);

/* Called from the publishing thread: @done of @total entries stored. */
typedef void (*HbPublishProgressFunc) (guint done, guint total, gpointer user_data);

/**
 * hb_publish_commit:
 * @store: the handbook the plan was made on
 * @plan: a plan from hb_publish_preview()
 * @profile_uuid: (nullable): who publishes; must be an editor when given
 * @progress: (nullable) (scope call): progress
 * @cancellable: (nullable): stops the publish; nothing is then written
 * @publish_uuid: (out) (optional) (transfer full): the publish record
 * @error: return location for an error
 *
 * Publishes the plan in one transaction: a version for each new or
 * changed entry, the publish with its entries, and its audit events (and
 * one saying an unsigned bundle was allowed). Anything failing, a cancel
 * or a crash halfway leaves the handbook as it was.
 *
 * Returns: %TRUE when it was published
 */
gboolean hb_publish_commit (HbStore *store,
                            HbPublishPlan *plan,
                            const char *profile_uuid,
                            HbPublishProgressFunc progress,
                            gpointer progress_data,
                            GCancellable *cancellable,
                            char **publish_uuid,
                            GError **error);

G_END_DECLS
