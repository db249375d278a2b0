/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-publish"

#include "config.h"

#include "hb-publish.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hb-import.h"
#include "hb-store-articles.h"
#include "hb-store-imports.h"
#include "hb-store-profiles.h"
#include "hb-util.h"

G_DEFINE_QUARK (hb-publish-error-quark, hb_publish_error)

static void
item_free (HbPublishItem *item)
{
  g_clear_pointer (&item->record, hb_article_record_free);
  g_free (item->old_title);
  g_free (item->old_body);
  g_free (item);
}

void
hb_publish_plan_free (HbPublishPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->bundle);
  g_clear_pointer (&plan->signature, hb_bundle_signature_free);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_free (plan->date);
  g_free (plan->today);
  g_free (plan);
}

/* How messages name a file of the bundle: inside a folder, its path; in
 * an archive, "ARCHIVE:PATH". */
static char *
file_name (HbBundle *bundle, const char *path)
{
  if (hb_bundle_get_kind (bundle) == HB_BUNDLE_KIND_FOLDER)
    return g_build_filename (hb_bundle_get_path (bundle), path, NULL);
  return g_strdup_printf ("%s:%s", hb_bundle_get_path (bundle), path);
}

static GBytes *
bundle_asset_cb (const char *path, gpointer user_data)
{
  GBytes *bytes = hb_bundle_get_file (HB_BUNDLE (user_data), path);

  return bytes != NULL ? g_bytes_ref (bytes) : NULL;
}

/* The manifest speaks for the entry: its id, effective date and change
 * note win over the file's front matter. What it changes is part of the
 * version, so its hash covers it. */
static void
apply_manifest (HbArticleRecord *record, const HbBundleEntry *entry)
{
  gboolean changed = FALSE;

  if (g_strcmp0 (record->id, entry->id) != 0)
    {
      g_free (record->id);
      record->id = g_strdup (entry->id);
    }
  if (entry->effective != NULL && g_strcmp0 (record->effective, entry->effective) != 0)
    {
      g_free (record->effective);
      record->effective = g_strdup (entry->effective);
      changed = TRUE;
    }
  if (entry->changes != NULL && g_strcmp0 (record->changes, entry->changes) != 0)
    {
      g_free (record->changes);
      record->changes = g_strdup (entry->changes);
      changed = TRUE;
    }
  if (changed)
    {
      g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

      g_checksum_update (checksum, (const guchar *) record->sha256, -1);
      g_checksum_update (checksum, (const guchar *) "\neffective:", -1);
      g_checksum_update (checksum, (const guchar *) (record->effective != NULL ? record->effective : ""), -1);
      g_checksum_update (checksum, (const guchar *) "\nchanges:", -1);
      g_checksum_update (checksum, (const guchar *) (record->changes != NULL ? record->changes : ""), -1);
      g_free (record->sha256);
      record->sha256 = g_strdup (g_checksum_get_string (checksum));
    }
}

/* The newest stored version of @id, or NULL when there is none. */
static HbArticle *
get_latest (HbStore *store, const char *id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (HbArticle) current = hb_store_get_article (store, id, 0, &local_error);

  if (current == NULL)
    {
      if (!g_error_matches (local_error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (hb_article_get_latest_version (current) == hb_article_get_version (current))
    return g_steal_pointer (&current);
  return hb_store_get_article (store, id, hb_article_get_latest_version (current), error);
}

static gboolean
verify (HbStore *store, HbBundle *bundle, const HbPublishOptions *options, HbPublishPlan *plan, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) keys = hb_store_get_trusted_public_keys (store, error);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) all = NULL;

  if (keys == NULL)
    return FALSE;
  g_strv_builder_addv (builder, (const char **) keys);
  if (options != NULL && options->extra_keys != NULL)
    g_strv_builder_addv (builder, (const char **) options->extra_keys);
  all = g_strv_builder_end (builder);

  if (hb_bundle_verify (bundle, (const char *const *) all, &plan->signature, &local_error))
    {
      plan->date = g_strdup (plan->signature->date);
      return TRUE;
    }
  if (g_error_matches (local_error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_UNSIGNED) && options != NULL
      && options->allow_unsigned)
    {
      plan->date = g_strdup (hb_bundle_get_date (bundle));
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

HbPublishPlan *
hb_publish_preview (HbStore *store, HbBundle *bundle, const HbPublishOptions *options, GCancellable *cancellable,
                    GError **error)
{
  g_autoptr (HbPublishPlan) plan = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;
  GPtrArray *entries;
  guint n_problems = 0;
  guint i;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (HB_IS_BUNDLE (bundle), NULL);

  plan = g_new0 (HbPublishPlan, 1);
  plan->bundle = g_object_ref (bundle);
  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  plan->today = hb_util_today ();

  if (!verify (store, bundle, options, plan, error))
    return NULL;

  if (!hb_store_check_bundle_is_new (store, hb_bundle_get_id (bundle), plan->date, &local_error))
    {
      if (g_error_matches (local_error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID))
        g_set_error_literal (error, HB_PUBLISH_ERROR, HB_PUBLISH_ERROR_REPLAY, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* One read transaction: every comparison sees the same handbook. */
  if (!hb_store_read_begin (store, error))
    return NULL;

  entries = hb_bundle_get_entries (bundle);
  for (i = 0; i < entries->len; i++)
    {
      const HbBundleEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *name = file_name (bundle, entry->file);
      g_autoptr (GPtrArray) file_problems = NULL;
      g_autoptr (HbArticle) latest = NULL;
      HbPublishItem *item;
      HbArticleRecord *record;
      guint j;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          hb_store_read_end (store);
          return NULL;
        }

      record = hb_import_parse_bytes (name, entry->file, hb_bundle_get_file (bundle, entry->file), NULL,
                                      bundle_asset_cb, bundle, &file_problems);
      for (j = 0; j < file_problems->len; j++)
        {
          g_autofree char *line = hb_import_problem_to_string (g_ptr_array_index (file_problems, j));

          g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "", line);
          n_problems++;
        }
      if (record == NULL)
        continue;

      apply_manifest (record, entry);
      item = g_new0 (HbPublishItem, 1);
      item->entry = entry;
      item->record = record;
      g_ptr_array_add (plan->items, item);

      latest = get_latest (store, record->id, &local_error);
      if (local_error != NULL)
        {
          hb_store_read_end (store);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (latest == NULL)
        {
          item->status = HB_PUBLISH_ENTRY_NEW;
          item->new_version = 1;
          plan->n_new++;
        }
      else
        {
          item->old_version = hb_article_get_version (latest);
          item->old_title = g_strdup (hb_article_get_title (latest));
          item->old_body = g_strdup (hb_article_get_body (latest));
          if (g_strcmp0 (hb_article_get_sha256 (latest), record->sha256) == 0)
            {
              item->status = HB_PUBLISH_ENTRY_UNCHANGED;
              item->new_version = item->old_version;
              plan->n_unchanged++;
            }
          else
            {
              item->status = HB_PUBLISH_ENTRY_UPDATED;
              item->new_version = item->old_version + 1;
              plan->n_updated++;
            }
        }
      /* As the store decides: a first version is in force whatever its
       * date, since nothing else can be. */
      item->pending = item->old_version > 0 && item->status != HB_PUBLISH_ENTRY_UNCHANGED
                      && record->effective != NULL && strcmp (record->effective, plan->today) > 0;

      if (item->status != HB_PUBLISH_ENTRY_UNCHANGED)
        {
          g_autoptr (HbDiff) diff = hb_publish_item_diff (item, &local_error);

          if (diff == NULL)
            {
              g_string_append_printf (problems, "%s%s: %s", problems->len > 0 ? "\n" : "", name,
                                      local_error->message);
              g_clear_error (&local_error);
              n_problems++;
              continue;
            }
          item->words_added = hb_diff_get_summary (diff)->words_added;
          item->words_removed = hb_diff_get_summary (diff)->words_removed;
        }
    }
  hb_store_read_end (store);

  if (n_problems > 0)
    {
      g_set_error (error, HB_PUBLISH_ERROR, HB_PUBLISH_ERROR_INVALID_FILE, "%s", problems->str);
      return NULL;
    }
  return g_steal_pointer (&plan);
}

HbDiff *
hb_publish_item_diff (const HbPublishItem *item, GError **error)
{
  g_return_val_if_fail (item != NULL && item->record != NULL, NULL);

  return hb_diff_markdown (item->old_body != NULL ? item->old_body : "", item->record->body, error);
}

gboolean
hb_publish_commit (HbStore *store, HbPublishPlan *plan, const char *profile_uuid, HbPublishProgressFunc progress,
                   gpointer progress_data, GCancellable *cancellable, char **publish_uuid, GError **error)
{
  g_autoptr (HbStoreWrite) write = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (GArray) entries = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *import_uuid = g_uuid_string_random ();
  g_autofree char *started_at = hb_util_now_utc ();
  g_autofree char *source = NULL;
  HbImportRecord import = { 0 };
  HbPublishRecord record = { 0 };
  gboolean ok = FALSE;
  guint i;

  g_return_val_if_fail (HB_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (profile_uuid != NULL)
    {
      profile = hb_store_find_profile (store, profile_uuid, error);
      if (profile == NULL)
        return FALSE;
      if (!hb_profile_can_publish (profile))
        {
          g_set_error (error, HB_PUBLISH_ERROR, HB_PUBLISH_ERROR_NOT_ALLOWED,
                       _("%s is not an editor: only editors can publish updates"), profile->name);
          return FALSE;
        }
    }

  entries = g_array_sized_new (FALSE, TRUE, sizeof (HbPublishEntryRecord), plan->items->len);
  hb_store_set_cancellable (store, cancellable);

  write = hb_store_write_begin (store, error);
  if (write == NULL)
    goto out;

  for (i = 0; i < plan->items->len; i++)
    {
      HbPublishItem *item = g_ptr_array_index (plan->items, i);
      HbStoreAdded added = { 0 };
      HbPublishEntryRecord entry = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (!hb_store_add_version (write, item->record, import_uuid, &added, error))
        {
          g_autofree char *name = file_name (plan->bundle, item->entry->file);

          g_prefix_error (error, "%s: ", name);
          goto out;
        }
      entry.article_id = item->record->id;
      entry.version = added.version;
      entry.status = added.status == HB_STORE_ADDED_NEW       ? HB_PUBLISH_ENTRY_NEW
                     : added.status == HB_STORE_ADDED_UPDATED ? HB_PUBLISH_ENTRY_UPDATED
                                                              : HB_PUBLISH_ENTRY_UNCHANGED;
      if (entry.status != item->status || entry.version != item->new_version)
        {
          g_set_error (error, HB_PUBLISH_ERROR, HB_PUBLISH_ERROR_CHANGED,
                       _("“%s” changed in the handbook since the preview: preview the bundle again"),
                       item->record->id);
          goto out;
        }
      entry.file = item->entry->file;
      entry.acknowledge = item->entry->acknowledge == HB_BUNDLE_ACKNOWLEDGE_REQUIRED ? "required"
                          : item->entry->acknowledge == HB_BUNDLE_ACKNOWLEDGE_NONE   ? "none"
                                                                                     : NULL;
      entry.due = item->entry->due;
      g_array_append_val (entries, entry);

      if (progress != NULL)
        progress (i + 1, plan->items->len, progress_data);
    }

  source = g_strdup_printf ("bundle %s: %s", hb_bundle_get_id (plan->bundle), hb_bundle_get_path (plan->bundle));
  import.uuid = import_uuid;
  import.started_at = started_at;
  import.source = source;
  import.n_new = plan->n_new;
  import.n_updated = plan->n_updated;
  import.n_unchanged = plan->n_unchanged;
  if (!hb_store_add_import (write, &import, error))
    goto out;

  record.bundle_id = hb_bundle_get_id (plan->bundle);
  record.bundle_date = plan->date;
  record.title = hb_bundle_get_title (plan->bundle);
  record.publisher = hb_bundle_get_publisher (plan->bundle);
  record.bundle_sha256 = hb_bundle_get_sha256 (plan->bundle);
  record.signer_key_id = plan->signature != NULL ? plan->signature->key_id : NULL;
  record.signed_at = plan->signature != NULL ? plan->signature->timestamp : 0;
  record.profile_uuid = profile != NULL ? profile->uuid : NULL;
  record.import_uuid = import_uuid;
  record.entries = (const HbPublishEntryRecord *) entries->data;
  record.n_entries = entries->len;
  if (!hb_store_add_publish (write, &record, publish_uuid, &local_error))
    {
      /* A replay found inside the transaction is the same refusal as in
       * the preview. */
      if (g_error_matches (local_error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID))
        g_set_error_literal (error, HB_PUBLISH_ERROR, HB_PUBLISH_ERROR_REPLAY, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  ok = hb_store_write_commit (g_steal_pointer (&write), error);

out:
  g_clear_pointer (&write, hb_store_write_rollback);
  hb_store_set_cancellable (store, NULL);
  return ok;
}
