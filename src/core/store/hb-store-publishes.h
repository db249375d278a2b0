/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * The update bundles published (tables publishes and publish_entries) and
 * the public keys trusted to sign them (trusted_key_changes). All are
 * append-only; every change is in the audit log too.
 *
 * The trusted keys live in the handbook itself rather than in one
 * desktop's settings: every program that opens the handbook (the window,
 * handbook-cli, later the team server) trusts the same editors, and
 * adding or revoking a key is an audited event like a publish.
 */

typedef enum
{
  HB_PUBLISH_ENTRY_NEW,
  HB_PUBLISH_ENTRY_UPDATED,
  HB_PUBLISH_ENTRY_UNCHANGED,
} HbPublishEntryStatus;

/* What one entry of a bundle did. */
typedef struct
{
  const char *article_id;
  guint version;              /* the version stored, or the unchanged one */
  HbPublishEntryStatus status;
  const char *file;           /* the path in the bundle */
  const char *acknowledge;    /* (nullable): "required" or "none", as the manifest says */
  const char *due;            /* (nullable): "YYYY-MM-DD" */
} HbPublishEntryRecord;

/* A publish, as written. */
typedef struct
{
  const char *bundle_id;
  const char *bundle_date;    /* the signed date (the manifest's when unsigned) */
  const char *title;
  const char *publisher;      /* (nullable): the manifest's publisher */
  const char *bundle_sha256;
  const char *signer_key_id;  /* (nullable): %NULL for a bundle allowed unsigned */
  gint64 signed_at;           /* seconds since 1970 from the signature, 0 when not said */
  const char *profile_uuid;   /* (nullable): who published it */
  const char *import_uuid;    /* the imports row of its versions */
  const HbPublishEntryRecord *entries;
  guint n_entries;
} HbPublishRecord;

/**
 * hb_store_check_bundle_is_new:
 * @bundle_id: a bundle's id
 * @bundle_date: its signed date
 *
 * Refuses a bundle that would replay an old one: its id was published
 * already, or its date is older than the newest bundle published.
 *
 * Returns: %TRUE when it may be published; else %FALSE with
 *   %HB_STORE_ERROR_INVALID saying why
 */
gboolean hb_store_check_bundle_is_new (HbStore *self, const char *bundle_id, const char *bundle_date,
                                       GError **error);

/**
 * hb_store_add_publish:
 * @write: the transaction that stored the bundle's versions
 * @record: the publish
 * @uuid: (out) (optional) (transfer full): the publish's uuid
 *
 * Records a publish and its entries, checked again with
 * hb_store_check_bundle_is_new() inside the transaction, and puts it in
 * the audit log with the bundle's hash and signer; a bundle published
 * without a signature gets a second event saying it was allowed.
 */
gboolean hb_store_add_publish (HbStoreWrite *write, const HbPublishRecord *record, char **uuid, GError **error);

/* A publish, read back. */
typedef struct
{
  char *uuid;
  char *bundle_id;
  char *bundle_date;
  char *title;
  char *publisher;            /* (nullable) */
  char *bundle_sha256;
  char *signer_key_id;        /* (nullable) */
  char *profile_uuid;         /* (nullable) */
  char *profile_name;         /* (nullable) */
  char *published_at;
  guint n_new;
  guint n_updated;
  guint n_unchanged;
} HbPublish;

void hb_publish_free (HbPublish *publish);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbPublish, hb_publish_free)

/* Every publish, newest first: (element-type HbPublish). */
GPtrArray *hb_store_list_publishes (HbStore *self, GError **error);

/* Where a version came from, when a bundle brought it. */
typedef struct
{
  guint version;
  char *publish_uuid;
  char *bundle_id;
  char *bundle_title;
  char *bundle_date;
  char *publisher;            /* (nullable): the manifest's */
  char *profile_name;         /* (nullable): the editor who published it */
  char *signer_key_id;        /* (nullable): %NULL when published unsigned */
  char *published_at;
  char *acknowledge;          /* (nullable) */
  char *due;                  /* (nullable) */
} HbVersionOrigin;

void hb_version_origin_free (HbVersionOrigin *origin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbVersionOrigin, hb_version_origin_free)

/**
 * hb_store_get_version_origins:
 * @article_id: an article
 *
 * Returns: (transfer full) (element-type HbVersionOrigin): the versions of
 *   @article_id that a bundle brought, oldest first (versions imported
 *   otherwise are not there); %NULL on error
 */
GPtrArray *hb_store_get_version_origins (HbStore *self, const char *article_id, GError **error);

/* A key trusted to sign bundles. */
typedef struct
{
  char *key_id;      /* as minisign prints it */
  char *public_key;  /* the base64 line */
  char *name;        /* (nullable): whose it is */
  char *added_by;    /* (nullable): the editor who trusted it */
  char *added_at;
} HbTrustedKey;

void hb_trusted_key_free (HbTrustedKey *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbTrustedKey, hb_trusted_key_free)

/**
 * hb_store_trust_key:
 * @public_key: a minisign public key file's text, or its base64 line
 * @name: (nullable): whose key it is, for people
 * @profile_uuid: the editor who trusts it
 * @key_id: (out) (optional) (transfer full): the key's id
 *
 * Adds a key to the handbook's trusted keys (again, after a revocation).
 * Only an editor may; it is audited.
 *
 * Returns: %TRUE, or %FALSE with %HB_STORE_ERROR_INVALID (not a key, not
 *   an editor, trusted already) or %HB_STORE_ERROR_NOT_FOUND
 */
gboolean hb_store_trust_key (HbStoreWrite *write, const char *public_key, const char *name,
                             const char *profile_uuid, char **key_id, GError **error);

/**
 * hb_store_revoke_key:
 * @key_id: a trusted key's id
 * @profile_uuid: the editor who revokes it
 *
 * Stops trusting a key: bundles it signed are refused from now on. Only
 * an editor may; it is audited.
 */
gboolean hb_store_revoke_key (HbStoreWrite *write, const char *key_id, const char *profile_uuid, GError **error);

/* The keys trusted now, oldest first: (element-type HbTrustedKey). */
GPtrArray *hb_store_list_trusted_keys (HbStore *self, GError **error);

/**
 * hb_store_get_trusted_public_keys:
 *
 * Returns: (transfer full): the trusted keys' base64 lines, for
 *   hb_bundle_verify(); empty when none is trusted, %NULL on error
 */
GStrv hb_store_get_trusted_public_keys (HbStore *self, GError **error);

G_END_DECLS
