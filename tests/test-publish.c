/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Publishing update bundles: the sample bundle of the tour signed with the
 * test key, the zh-laws corpus's dated law pairs and real revisions, what
 * staff then see (What's new, the redline since what they read, what they
 * must acknowledge), and every refusal, which must change nothing. A child
 * killed halfway through a publish leaves the handbook as before or as
 * after, never between.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hb-ack-export.h"
#include "hb-bundle.h"
#include "hb-import.h"
#include "hb-publish.h"
#include "hb-redline.h"
#include "hb-search.h"
#include "hb-store-acknowledgements.h"
#include "hb-store-articles.h"
#include "hb-store-audit.h"
#include "hb-store-profiles.h"
#include "hb-store-publishes.h"
#include "hb-test-util.h"

#define SAMPLE_BUNDLE "data/bundles/2026-12-platform-rules"
/* Only in version 2 of tmall-not-as-described. */
#define PHRASE "\"packing video of this unit showing\""

typedef struct
{
  HbStore *store;
  HbProfile *editor;
  HbProfile *staff;
  char *secret_key;
} Fixture;

static char *
source_path (const char *relative)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", relative, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static HbProfile *
add_profile (HbStore *store, const char *name, const char *employee_id, HbProfileRole role)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);
  HbProfile *profile;

  g_assert_no_error (error);
  profile = hb_store_add_profile (write, name, employee_id, role, &error);
  g_assert_no_error (error);
  hb_store_write_commit (g_steal_pointer (&write), &error);
  g_assert_no_error (error);
  return profile;
}

static void
trust_test_key (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pub_path = source_path ("tests/data/keys/test-editor.pub");
  g_autofree char *pub = read_file (pub_path);
  g_autoptr (HbStoreWrite) write = hb_store_write_begin (fixture->store, &error);
  g_autofree char *key_id = NULL;

  g_assert_no_error (error);
  g_assert_true (hb_store_trust_key (write, pub, "Test editor", fixture->editor->uuid, &key_id, &error));
  g_assert_no_error (error);
  g_assert_true (hb_store_write_commit (g_steal_pointer (&write), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (key_id, ==, "EABACD6B70CE3C76");
}

/* A handbook of the sample content, an editor and a staff member, and
 * the test key trusted. */
static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autofree char *content = hb_test_copy_tree (g_getenv ("HANDBOOK_CONTENT_DIR"), "content");
  g_autofree char *key_path = source_path ("tests/data/keys/test-editor.key");
  const char *paths[] = { content, NULL };

  fixture->store = hb_test_new_store ("publish");
  report = hb_import_paths (fixture->store, paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);
  fixture->editor = add_profile (fixture->store, "Mei Chen", "E-001", HB_PROFILE_ROLE_EDITOR);
  fixture->staff = add_profile (fixture->store, "Li Wei", "S-014", HB_PROFILE_ROLE_STAFF);
  fixture->secret_key = read_file (key_path);
  if (data == NULL)
    trust_test_key (fixture);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->editor, hb_profile_free);
  g_clear_pointer (&fixture->staff, hb_profile_free);
  g_clear_pointer (&fixture->secret_key, g_free);
  hb_test_cleanup ();
}

/* What a refusal must leave alone. */
typedef struct
{
  gint64 versions;
  gint64 publishes;
  gint64 audit_rows;
  gint64 acks;
  char *audit_head;
} Snapshot;

static void
snapshot_take (HbStore *store, Snapshot *snapshot)
{
  snapshot->versions = hb_test_query_int (store, "SELECT count(*) FROM article_versions");
  snapshot->publishes = hb_test_query_int (store, "SELECT count(*) FROM publishes");
  snapshot->audit_rows = hb_test_query_int (store, "SELECT count(*) FROM audit_log");
  snapshot->acks = hb_test_query_int (store, "SELECT count(*) FROM acknowledgements");
  snapshot->audit_head = hb_test_query_text (store, "SELECT coalesce (max (hash), '') FROM audit_log "
                                                    "WHERE seq = (SELECT max (seq) FROM audit_log)");
}

static void
snapshot_assert_same (HbStore *store, Snapshot *before)
{
  Snapshot now = { 0 };

  snapshot_take (store, &now);
  g_assert_cmpint (now.versions, ==, before->versions);
  g_assert_cmpint (now.publishes, ==, before->publishes);
  g_assert_cmpint (now.audit_rows, ==, before->audit_rows);
  g_assert_cmpint (now.acks, ==, before->acks);
  g_assert_cmpstr (now.audit_head, ==, before->audit_head);
  g_free (now.audit_head);
  g_clear_pointer (&before->audit_head, g_free);
}

/* A copy of the sample bundle, signed with the test key unless @sign is
 * FALSE. */
static char *
sample_bundle (Fixture *fixture, const char *name, gboolean sign)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *source = source_path (SAMPLE_BUNDLE);
  char *copy = hb_test_copy_tree (source, name);

  if (sign)
    {
      g_autoptr (HbBundleSignature) signature = hb_bundle_sign (copy, fixture->secret_key, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (signature->key_id, ==, "EABACD6B70CE3C76");
    }
  return copy;
}

static HbBundle *
read_bundle (const char *path)
{
  g_autoptr (GError) error = NULL;
  HbBundle *bundle = hb_bundle_read (path, NULL, &error);

  g_assert_no_error (error);
  return bundle;
}

static HbPublishPlan *
preview (HbStore *store, const char *path, gboolean allow_unsigned, GError **error)
{
  g_autoptr (HbBundle) bundle = hb_bundle_read (path, NULL, error);
  HbPublishOptions options = { NULL, allow_unsigned };

  if (bundle == NULL)
    return NULL;
  return hb_publish_preview (store, bundle, &options, NULL, error);
}

static void
publish (Fixture *fixture, const char *path, gboolean allow_unsigned)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbPublishPlan) plan = preview (fixture->store, path, allow_unsigned, &error);

  g_assert_no_error (error);
  g_assert_true (hb_publish_commit (fixture->store, plan, fixture->editor->uuid, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static const HbPublishItem *
find_item (HbPublishPlan *plan, const char *id)
{
  guint i;

  for (i = 0; i < plan->items->len; i++)
    {
      const HbPublishItem *item = g_ptr_array_index (plan->items, i);

      if (g_strcmp0 (item->record->id, id) == 0)
        return item;
    }
  g_error ("No item %s", id);
  return NULL;
}

static const HbWhatsNewItem *
find_whats_new (HbWhatsNew *whats_new, const char *id)
{
  guint i;

  for (i = 0; i < whats_new->items->len; i++)
    {
      const HbWhatsNewItem *item = g_ptr_array_index (whats_new->items, i);

      if (g_strcmp0 (item->article_id, id) == 0)
        return item;
    }
  return NULL;
}

/* The sample bundle of the tour, signed with the test key: what the
 * preview says, what publishing it writes, and what staff then see. */
static void
test_publish_sample (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = sample_bundle (fixture, "sample", TRUE);
  g_autoptr (HbPublishPlan) plan = NULL;
  g_autoptr (HbArticle) article = NULL;
  g_autoptr (GPtrArray) origins = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  g_autoptr (HbWhatsNew) whats_new = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autofree char *publish_uuid = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *xapi = NULL;
  const HbPublishItem *item;
  const HbWhatsNewItem *news;
  HbVersionOrigin *origin;
  HbAuditRow *row;
  Snapshot before = { 0 };
  guint i;

  snapshot_take (fixture->store, &before);

  /* The preview writes nothing. */
  plan = preview (fixture->store, path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan->signature);
  g_assert_cmpstr (plan->signature->key_id, ==, "EABACD6B70CE3C76");
  g_assert_cmpstr (plan->date, ==, "2026-12-01");
  g_assert_cmpuint (plan->n_new, ==, 1);
  g_assert_cmpuint (plan->n_updated, ==, 2);
  g_assert_cmpuint (plan->n_unchanged, ==, 0);
  item = find_item (plan, "tmall-not-as-described");
  g_assert_cmpint (item->status, ==, HB_PUBLISH_ENTRY_UPDATED);
  g_assert_cmpuint (item->old_version, ==, 1);
  g_assert_cmpuint (item->new_version, ==, 2);
  g_assert_cmpuint (item->words_added, >, 20);
  g_assert_cmpuint (item->words_removed, >, 0);
  g_assert_cmpstr (item->record->effective, ==, "2026-12-01");
  g_assert_true (g_str_has_prefix (item->record->changes, "Tmall: 48 hours to respond"));
  item = find_item (plan, "tmall-description-evidence");
  g_assert_cmpint (item->status, ==, HB_PUBLISH_ENTRY_NEW);
  g_assert_cmpuint (item->words_removed, ==, 0);
  g_assert_cmpuint (item->words_added, >, 300);

  /* The redline of the amended article shows the new rule, and a section
   * that the bundle left alone is not in the summary. */
  {
    g_autoptr (HbDiff) diff = hb_publish_item_diff (find_item (plan, "tmall-not-as-described"), &error);
    g_autofree char *text = hb_diff_to_text (diff, TRUE);
    const HbDiffSummary *summary = hb_diff_get_summary (diff);
    gboolean arrives = FALSE, compares = FALSE;

    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "{+From 1 December 2026"));
    for (i = 0; i < summary->sections->len; i++)
      {
        const HbDiffSection *section = g_ptr_array_index (summary->sections, i);

        arrives |= g_strcmp0 (section->text, "Where the claim arrives") == 0;
        compares |= g_strcmp0 (section->text, "What Tmall compares") == 0;
      }
    g_assert_true (arrives);
    g_assert_false (compares);
  }
  snapshot_assert_same (fixture->store, &before);

  g_assert_true (hb_publish_commit (fixture->store, plan, fixture->editor->uuid, NULL, NULL, NULL, &publish_uuid,
                                    &error));
  g_assert_no_error (error);
  g_assert_nonnull (publish_uuid);

  /* Versions 2 of the amended articles are in force, and the new one is
   * there, with the manifest's change note. */
  article = hb_store_get_article (fixture->store, "tmall-not-as-described", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hb_article_get_version (article), ==, 2);
  g_assert_cmpstr (hb_article_get_effective (article), ==, "2026-12-01");
  g_clear_object (&article);
  article = hb_store_get_article (fixture->store, "tmall-description-evidence", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hb_article_get_version (article), ==, 1);

  /* History knows the bundle and who published it. */
  origins = hb_store_get_version_origins (fixture->store, "tmall-not-as-described", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (origins->len, ==, 1);
  origin = g_ptr_array_index (origins, 0);
  g_assert_cmpuint (origin->version, ==, 2);
  g_assert_cmpstr (origin->bundle_id, ==, "platform-rules-2026-12");
  g_assert_cmpstr (origin->bundle_title, ==, "Platform rule changes, December 2026");
  g_assert_cmpstr (origin->publisher, ==, "Compliance team");
  g_assert_cmpstr (origin->profile_name, ==, "Mei Chen");
  g_assert_cmpstr (origin->signer_key_id, ==, "EABACD6B70CE3C76");
  g_assert_cmpstr (origin->due, ==, "2026-12-15");

  /* The audit log has the publish with the bundle's hash and signer. */
  audit = hb_store_audit_list (fixture->store, NULL, fixture->editor->uuid, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (row->event, ==, HB_AUDIT_EVENT_PUBLISH);
  g_assert_cmpstr (row->subject, ==, "platform-rules-2026-12");
  g_assert_nonnull (strstr (row->details, "\"signer\":\"EABACD6B70CE3C76\""));
  {
    g_autofree char *sha = g_strdup_printf ("\"sha256\":\"%s\"", hb_bundle_get_sha256 (plan->bundle));

    g_assert_nonnull (strstr (row->details, sha));
  }
  {
    g_autoptr (HbAuditVerification) verification = hb_store_audit_verify (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_cmpint (verification->damage, ==, HB_AUDIT_INTACT);
  }

  /* Staff see the three in What's new; the amended one opens as a redline
   * from version 1, since this person read nothing else. */
  whats_new = hb_store_get_whats_new (fixture->store, fixture->staff->uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (whats_new->n_unseen, ==, 3);
  news = find_whats_new (whats_new, "tmall-not-as-described");
  g_assert_nonnull (news);
  g_assert_cmpint (news->group, ==, HB_WHATS_NEW_NEW);
  g_assert_cmpuint (news->version, ==, 2);
  g_assert_cmpuint (news->base_version, ==, 1);
  g_assert_true (news->needs_ack);
  g_assert_false (news->acknowledged);
  g_assert_cmpstr (news->due, ==, "2026-12-15");
  g_assert_cmpstr (news->bundle_title, ==, "Platform rule changes, December 2026");
  news = find_whats_new (whats_new, "tmall-description-evidence");
  g_assert_cmpuint (news->base_version, ==, 0);
  /* The articles the bundle left alone are not news. */
  g_assert_null (find_whats_new (whats_new, "jd-not-as-described"));

  /* What they must acknowledge, with the due date. */
  pending = hb_store_list_pending_acknowledgements (fixture->store, fixture->staff->uuid, "2026-12-16", &error);
  g_assert_no_error (error);
  for (i = 0; i < pending->len; i++)
    {
      HbPendingAcknowledgement *owed = g_ptr_array_index (pending, i);

      if (g_strcmp0 (owed->article_id, "tmall-not-as-described") == 0)
        {
          g_assert_cmpuint (owed->version, ==, 2);
          g_assert_cmpstr (owed->due, ==, "2026-12-15");
          g_assert_true (owed->overdue);
          break;
        }
    }
  g_assert_cmpuint (i, <, pending->len);

  /* Acknowledging is recorded and audited; the report follows. */
  {
    g_autoptr (HbStoreWrite) write = hb_store_write_begin (fixture->store, &error);
    g_autoptr (HbAcknowledgement) ack = NULL;
    gboolean already = TRUE;

    ack = hb_store_acknowledge (write, fixture->staff->uuid, "tmall-not-as-described", 0, &already, &error);
    g_assert_no_error (error);
    g_assert_false (already);
    g_assert_cmpuint (ack->version, ==, 2);
    g_assert_true (hb_store_write_commit (g_steal_pointer (&write), &error));
  }
  csv = hb_ack_export_csv (fixture->store, fixture->staff->uuid, "2026-12-01", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, ",tmall-not-as-described,2,\"Handling \"\"not as described\"\" claims on Tmall\","
                                 "acknowledged,"));
  g_assert_nonnull (strstr (csv, ",platform-arbitration,2,"));
  g_assert_nonnull (strstr (csv, ",pending,2026-12-15,"));
  xapi = hb_ack_export_xapi (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xapi, "\"id\" : \"" HB_XAPI_VERB_ACKNOWLEDGE "\""));
  g_assert_nonnull (strstr (xapi, "\"id\" : \"handbook://article/tmall-not-as-described?version=2\""));

  g_clear_pointer (&whats_new, hb_whats_new_free);
  whats_new = hb_store_get_whats_new (fixture->store, fixture->staff->uuid, NULL, &error);
  news = find_whats_new (whats_new, "tmall-not-as-described");
  g_assert_true (news->acknowledged);
  g_assert_true (news->read);
  g_assert_cmpuint (whats_new->n_unseen, ==, 2);
}

/* Unsigned, tampered, untrusted, replayed: each refused with a clear
 * error, and nothing changes. */
static void
test_publish_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbPublishPlan) plan = NULL;
  g_autofree char *unsigned_path = sample_bundle (fixture, "unsigned", FALSE);
  g_autofree char *tampered = sample_bundle (fixture, "tampered", TRUE);
  g_autofree char *good = sample_bundle (fixture, "good", TRUE);
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  Snapshot before = { 0 };

  snapshot_take (fixture->store, &before);

  /* Unsigned. */
  plan = preview (fixture->store, unsigned_path, FALSE, &error);
  g_assert_null (plan);
  g_assert_error (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_UNSIGNED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "not signed"));
  g_clear_error (&error);

  /* One word changed after signing. */
  file = g_build_filename (tampered, "guides", "tmall-not-as-described.md", NULL);
  text = read_file (file);
  g_assert_nonnull (strstr (text, "**48 hours**"));
  memcpy (strstr (text, "**48 hours**"), "**96", 4);
  g_free (hb_test_write_file ("tampered/guides/tmall-not-as-described.md", text, -1));
  plan = preview (fixture->store, tampered, TRUE, &error);
  g_assert_null (plan);
  g_assert_error (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_CHANGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "tmall-not-as-described.md"));
  g_clear_error (&error);

  snapshot_assert_same (fixture->store, &before);

  /* Published once, then the same bundle again. */
  publish (fixture, good, FALSE);
  snapshot_take (fixture->store, &before);
  plan = preview (fixture->store, good, FALSE, &error);
  g_assert_null (plan);
  g_assert_error (error, HB_PUBLISH_ERROR, HB_PUBLISH_ERROR_REPLAY);
  g_assert_nonnull (strstr (error->message, "was published already"));
  g_clear_error (&error);

  /* An older bundle under a new id, properly signed: refused too. */
  {
    g_autofree char *older = sample_bundle (fixture, "older", FALSE);
    g_autofree char *manifest_path = g_build_filename (older, "manifest.yaml", NULL);
    g_autofree char *manifest = read_file (manifest_path);
    g_autoptr (GString) edited = g_string_new (manifest);
    g_autoptr (HbBundleSignature) signature = NULL;

    g_string_replace (edited, "bundle: platform-rules-2026-12", "bundle: platform-rules-2026-11", 1);
    g_string_replace (edited, "date: 2026-12-01", "date: 2026-11-01", 1);
    g_free (hb_test_write_file ("older/manifest.yaml", edited->str, -1));
    signature = hb_bundle_sign (older, fixture->secret_key, NULL, &error);
    g_assert_no_error (error);

    plan = preview (fixture->store, older, FALSE, &error);
    g_assert_null (plan);
    g_assert_error (error, HB_PUBLISH_ERROR, HB_PUBLISH_ERROR_REPLAY);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "2026-11-01"));
    g_assert_nonnull (strstr (error->message, "older bundle cannot be published over a newer one"));
    g_clear_error (&error);
  }
  snapshot_assert_same (fixture->store, &before);
}

/* Signed by a key that is not trusted, and no key trusted at all. */
static void
test_publish_untrusted (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbPublishPlan) plan = NULL;
  g_autofree char *path = sample_bundle (fixture, "signed", TRUE);
  g_autofree char *pub_path = source_path ("tests/data/keys/test-editor.pub");
  g_autofree char *pub = read_file (pub_path);
  Snapshot before = { 0 };

  snapshot_take (fixture->store, &before);
  plan = preview (fixture->store, path, TRUE, &error);
  g_assert_null (plan);
  g_assert_error (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_NO_TRUSTED_KEYS);
  g_clear_error (&error);

  /* A key given for one preview is trusted for it only. */
  {
    g_autoptr (HbBundle) bundle = read_bundle (path);
    const char *keys[] = { pub, NULL };
    HbPublishOptions options = { keys, FALSE };

    plan = hb_publish_preview (fixture->store, bundle, &options, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (plan->n_updated, ==, 2);
    g_clear_pointer (&plan, hb_publish_plan_free);
  }

  /* Staff cannot trust a key. */
  {
    g_autoptr (HbStoreWrite) write = hb_store_write_begin (fixture->store, &error);

    g_assert_false (hb_store_trust_key (write, pub, NULL, fixture->staff->uuid, NULL, &error));
    g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Li Wei is not an editor"));
    g_clear_error (&error);
  }
  snapshot_assert_same (fixture->store, &before);

  /* Trusted, then revoked: refused again. */
  trust_test_key (fixture);
  plan = preview (fixture->store, path, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&plan, hb_publish_plan_free);
  {
    g_autoptr (HbStoreWrite) write = hb_store_write_begin (fixture->store, &error);

    g_assert_true (hb_store_revoke_key (write, "EABACD6B70CE3C76", fixture->editor->uuid, &error));
    g_assert_true (hb_store_write_commit (g_steal_pointer (&write), &error));
    g_assert_no_error (error);
  }
  plan = preview (fixture->store, path, FALSE, &error);
  g_assert_null (plan);
  g_assert_error (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_NO_TRUSTED_KEYS);
}

/* --allow-unsigned lets an unsigned bundle through, and says so in the
 * audit log; it never lets a bad signature through. */
static void
test_publish_allow_unsigned (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) origins = NULL;
  g_autofree char *path = sample_bundle (fixture, "unsigned", FALSE);
  HbAuditRow *allowed;
  HbAuditRow *published;

  publish (fixture, path, TRUE);

  rows = hb_store_audit_list (fixture->store, NULL, NULL, &error);
  g_assert_no_error (error);
  allowed = g_ptr_array_index (rows, rows->len - 2);
  published = g_ptr_array_index (rows, rows->len - 1);
  g_assert_cmpstr (allowed->event, ==, HB_AUDIT_EVENT_UNSIGNED_ALLOWED);
  g_assert_cmpstr (allowed->subject, ==, "platform-rules-2026-12");
  g_assert_cmpstr (allowed->profile_uuid, ==, fixture->editor->uuid);
  g_assert_cmpstr (published->event, ==, HB_AUDIT_EVENT_PUBLISH);
  g_assert_nonnull (strstr (published->details, "\"signer\":null"));

  origins = hb_store_get_version_origins (fixture->store, "platform-arbitration", &error);
  g_assert_no_error (error);
  g_assert_null (((HbVersionOrigin *) g_ptr_array_index (origins, 0))->signer_key_id);
}

/* Bad input in the bundle: each a clear error naming the file and line,
 * and nothing written. */
static void
test_publish_bad_input (Fixture *fixture, gconstpointer data)
{
  struct
  {
    const char *what;
    const char *from;
    const char *to;
    const char *file;
    GQuark domain;
    int code;
    const char *message;
  } cases[] = {
    { "a missing file", "file: guides/platform-arbitration.md", "file: guides/platform-arbitration-2027.md",
      "manifest.yaml", HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_MISSING_FILE, "manifest.yaml:17: " },
    { "a duplicate id", "id: platform-arbitration", "id: tmall-not-as-described", "manifest.yaml", HB_BUNDLE_ERROR,
      HB_BUNDLE_ERROR_DUPLICATE, "tmall-not-as-described" },
    { "a bad date in the manifest", "effective: 2026-12-01\n    changes: \"Tmall column",
      "effective: 2026-13-01\n    changes: \"Tmall column", "manifest.yaml", HB_BUNDLE_ERROR,
      HB_BUNDLE_ERROR_MANIFEST, "manifest.yaml:19: " },
    { "a bad date in a file", "lang: en\n---", "lang: en\neffective: 1 December\n---",
      "guides/tmall-description-evidence.md", HB_PUBLISH_ERROR, HB_PUBLISH_ERROR_INVALID_FILE,
      "tmall-description-evidence.md:8: “effective” must be a date" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("bad-%u", i);
      g_autofree char *path = sample_bundle (fixture, name, FALSE);
      g_autofree char *file = g_build_filename (path, cases[i].file, NULL);
      g_autofree char *text = read_file (file);
      g_autofree char *relative = g_build_filename (name, cases[i].file, NULL);
      g_autoptr (GString) edited = g_string_new (text);
      g_autoptr (HbPublishPlan) plan = NULL;
      Snapshot before = { 0 };

      g_test_message ("%s", cases[i].what);
      g_assert_cmpuint (g_string_replace (edited, cases[i].from, cases[i].to, 1), ==, 1);
      g_free (hb_test_write_file (relative, edited->str, -1));
      snapshot_take (fixture->store, &before);

      plan = preview (fixture->store, path, TRUE, &error);
      g_assert_null (plan);
      g_test_message ("%s", error->message);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      snapshot_assert_same (fixture->store, &before);
    }
}

/* Cancelled halfway: nothing written. */
static void
cancel_at_second_cb (guint done, guint total, gpointer user_data)
{
  if (done == 2)
    g_cancellable_cancel (user_data);
}

static void
test_publish_cancelled (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = sample_bundle (fixture, "cancel", TRUE);
  g_autoptr (HbPublishPlan) plan = preview (fixture->store, path, FALSE, &error);
  Snapshot before = { 0 };

  g_assert_no_error (error);
  snapshot_take (fixture->store, &before);
  g_assert_false (hb_publish_commit (fixture->store, plan, fixture->editor->uuid, cancel_at_second_cb, cancellable,
                                     cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  snapshot_assert_same (fixture->store, &before);

  /* Staff may not publish at all. */
  g_clear_error (&error);
  g_assert_false (hb_publish_commit (fixture->store, plan, fixture->staff->uuid, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, HB_PUBLISH_ERROR, HB_PUBLISH_ERROR_NOT_ALLOWED);
  snapshot_take (fixture->store, &before);
  g_clear_pointer (&before.audit_head, g_free);
}

/* The dated law pair of the corpus, as two bundles: versions 1 and 2 of
 * one regulation, the second in force from its date; the redline shows
 * the amended articles and leaves the untouched ones alone. */
static char *
law_bundle (const char *name, const char *law_file, const char *bundle_id, const char *date, const char *effective)
{
  g_autofree char *corpus = hb_test_corpus ("zh-laws");
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;
  g_autofree char *article = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *article_path = NULL;
  g_autofree char *manifest_path = NULL;

  if (corpus == NULL)
    return NULL;
  source = g_build_filename (corpus, "经济法", law_file, NULL);
  text = read_file (source);
  article = g_strdup_printf ("---\nkind: regulation\nlang: zh-CN\n---\n%s", text);
  article_path = g_build_filename (name, "laws", "农业技术推广法.md", NULL);
  g_free (hb_test_write_file (article_path, article, -1));
  manifest = g_strdup_printf ("bundle: %s\ntitle: 农业技术推广法 %s\npublisher: Compliance team\ndate: %s\n"
                              "entries:\n  - file: laws/农业技术推广法.md\n    id: agri-tech-extension-law\n"
                              "    effective: %s\n    changes: 农业技术推广法 as amended on %s.\n",
                              bundle_id, date, date, effective, date);
  manifest_path = g_build_filename (name, "manifest.yaml", NULL);
  g_free (hb_test_write_file (manifest_path, manifest, -1));
  return g_build_filename (hb_test_tmpdir (), name, NULL);
}

static void
test_publish_dated_laws (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first = law_bundle ("law-2012", "农业技术推广法(2012-08-31).md", "agri-tech-2012", "2012-08-31",
                                       "2013-01-01");
  g_autofree char *second = NULL;
  g_autoptr (HbArticle) v1 = NULL;
  g_autoptr (HbArticle) v2 = NULL;
  g_autoptr (HbDiff) diff = NULL;
  g_autoptr (HbPublishPlan) plan = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *page_html = NULL;
  HbRedlinePage page = { 0 };
  const HbPublishItem *item;
  guint i, from = 0, to = 0;
  gboolean changes_only = FALSE;
  char *id = NULL;
  gboolean amended = FALSE, untouched = FALSE;

  if (first == NULL)
    return;
  second = law_bundle ("law-2024", "农业技术推广法(2024-04-26).md", "agri-tech-2024", "2024-04-26", "2024-04-26");

  publish (fixture, first, TRUE);
  plan = preview (fixture->store, second, TRUE, &error);
  g_assert_no_error (error);
  item = find_item (plan, "agri-tech-extension-law");
  g_assert_cmpint (item->status, ==, HB_PUBLISH_ENTRY_UPDATED);
  g_assert_cmpuint (item->new_version, ==, 2);
  /* 第九条 gains four characters, 第十九条 loses five, and more. */
  g_assert_cmpuint (item->words_added, >=, 4);
  g_assert_cmpuint (item->words_removed, >=, 5);
  g_assert_true (hb_publish_commit (fixture->store, plan, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  v1 = hb_store_get_article (fixture->store, "agri-tech-extension-law", 1, &error);
  g_assert_no_error (error);
  v2 = hb_store_get_article (fixture->store, "agri-tech-extension-law", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hb_article_get_version (v2), ==, 2);
  g_assert_cmpint (hb_article_get_kind (v2), ==, HB_ARTICLE_KIND_REGULATION);
  g_assert_cmpstr (hb_article_get_effective (v1), ==, "2013-01-01");
  g_assert_cmpstr (hb_article_get_effective (v2), ==, "2024-04-26");

  diff = hb_diff_markdown (hb_article_get_body (v1), hb_article_get_body (v2), &error);
  g_assert_no_error (error);
  for (i = 0; i < hb_diff_get_n_blocks (diff); i++)
    {
      const HbDiffBlock *block = hb_diff_get_block (diff, i);
      const char *text = block->new_text != NULL ? block->new_text : block->old_text;

      if (g_str_has_prefix (text, "第十九条"))
        amended = block->change == HB_DIFF_CHANGED;
      if (g_str_has_prefix (text, "第三条 国家扶持农业技术推广事业"))
        untouched = block->change == HB_DIFF_SAME;
    }
  g_assert_true (amended);
  g_assert_true (untouched);

  /* The page the window shows for it: the summary links each changed
   * chapter, the toggle goes to the changes only. */
  uri = hb_redline_uri ("agri-tech-extension-law", 1, 2, TRUE);
  g_assert_cmpstr (uri, ==, "handbook://redline/agri-tech-extension-law?from=1&to=2&changes-only=1");
  g_assert_true (hb_redline_uri_parse (uri, &id, &from, &to, &changes_only));
  g_assert_cmpstr (id, ==, "agri-tech-extension-law");
  g_assert_cmpuint (from, ==, 1);
  g_assert_cmpuint (to, ==, 2);
  g_assert_true (changes_only);
  g_free (id);
  g_assert_false (hb_redline_uri_parse ("handbook://redline/x?from=2&to=1", &id, &from, &to, NULL));
  g_assert_false (hb_redline_uri_parse ("handbook://article/x", &id, &from, &to, NULL));

  page.title = hb_article_get_title (v2);
  page.lang = "zh-CN";
  page.versions = "Version 1 → version 2";
  page.toggle_uri = uri;
  page_html = hb_redline_render_page (diff, &page, FALSE);
  g_assert_nonnull (strstr (page_html, "<a href=\"#第三章-农业技术的推广与应用\">第三章 农业技术的推广与应用</a>"));
  g_assert_nonnull (strstr (page_html, "Show the changes only"));
  g_assert_nonnull (strstr (page_html, "<h2 id=\"第三章-农业技术的推广与应用\""));
  g_assert_null (strstr (page_html, "<script"));
}

/* The corpus's real revisions of one law, each a bundle: formatting-only
 * revisions make no new version, a changed word does. */
static void
test_publish_git_history (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *corpus = hb_test_corpus ("zh-laws");
  g_autofree char *dir = NULL;
  g_autoptr (HbArticle) article = NULL;
  guint i;
  guint versions = 0;

  if (corpus == NULL)
    return;
  dir = g_build_filename (corpus, "_git_history", "产品质量法(2018-12-29)", NULL);

  for (i = 1; i <= 5; i++)
    {
      g_autoptr (GDir) folder = g_dir_open (dir, 0, &error);
      g_autofree char *file = NULL;
      g_autofree char *name = g_strdup_printf ("rev-%u", i);
      g_autofree char *text = NULL;
      g_autofree char *manifest = NULL;
      g_autofree char *article_path = g_build_filename (name, "产品质量法.md", NULL);
      g_autofree char *manifest_path = g_build_filename (name, "manifest.yaml", NULL);
      g_autofree char *path = g_build_filename (hb_test_tmpdir (), name, NULL);
      g_autofree char *prefix = g_strdup_printf ("v%u-", i);
      g_autoptr (HbPublishPlan) plan = NULL;
      const char *entry;

      g_assert_no_error (error);
      while ((entry = g_dir_read_name (folder)) != NULL)
        if (g_str_has_prefix (entry, prefix))
          file = g_build_filename (dir, entry, NULL);
      g_assert_nonnull (file);
      text = read_file (file);
      g_free (hb_test_write_file (article_path, text, -1));
      manifest = g_strdup_printf ("bundle: product-quality-rev-%u\ntitle: 产品质量法, revision %u\n"
                                  "date: 2022-0%u-01\nentries:\n  - file: 产品质量法.md\n"
                                  "    id: product-quality-law\n",
                                  i, i, i + 2);
      g_free (hb_test_write_file (manifest_path, manifest, -1));

      plan = preview (fixture->store, path, TRUE, &error);
      g_assert_no_error (error);
      if (find_item (plan, "product-quality-law")->status != HB_PUBLISH_ENTRY_UNCHANGED)
        versions++;
      g_assert_true (hb_publish_commit (fixture->store, plan, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  article = hb_store_get_article (fixture->store, "product-quality-law", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hb_article_get_version (article), ==, versions);
  g_assert_cmpuint (versions, >=, 2);

  /* v1 → v2 of the corpus inserted "根据" before the 2009 amendment. */
  {
    g_autoptr (HbArticle) v1 = hb_store_get_article (fixture->store, "product-quality-law", 1, &error);
    g_autoptr (HbArticle) v2 = hb_store_get_article (fixture->store, "product-quality-law", 2, &error);
    g_autoptr (HbDiff) diff = hb_diff_markdown (hb_article_get_body (v1), hb_article_get_body (v2), &error);
    g_autofree char *text = hb_diff_to_text (diff, TRUE);

    g_assert_no_error (error);
    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "{+根据+}2009年8月27日"));
    g_assert_null (strstr (text, "第一条"));
  }
}

/* A version whose day is still to come waits; on its day it takes over
 * and the search follows. */
static void
test_publish_pending (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = sample_bundle (fixture, "later", FALSE);
  g_autofree char *manifest_path = g_build_filename (path, "manifest.yaml", NULL);
  g_autofree char *manifest = read_file (manifest_path);
  g_autoptr (GString) edited = g_string_new (manifest);
  g_autoptr (HbArticle) article = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  g_autoptr (HbWhatsNew) whats_new = NULL;
  g_autoptr (HbPublishPlan) plan = NULL;
  const HbWhatsNewItem *news;

  g_string_replace (edited, "effective: 2026-12-01", "effective: 2099-01-15", 0);
  g_free (hb_test_write_file ("later/manifest.yaml", edited->str, -1));
  plan = preview (fixture->store, path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (find_item (plan, "tmall-not-as-described")->pending);
  /* A new article has nothing to wait for. */
  g_assert_false (find_item (plan, "tmall-description-evidence")->pending);
  g_assert_true (hb_publish_commit (fixture->store, plan, fixture->editor->uuid, NULL, NULL, NULL, NULL, &error));

  article = hb_store_get_article (fixture->store, "tmall-not-as-described", 0, &error);
  g_assert_cmpuint (hb_article_get_version (article), ==, 1);
  g_assert_cmpuint (hb_article_get_latest_version (article), ==, 2);
  g_clear_object (&article);

  whats_new = hb_store_get_whats_new (fixture->store, fixture->staff->uuid, NULL, &error);
  g_assert_no_error (error);
  news = find_whats_new (whats_new, "tmall-not-as-described");
  g_assert_cmpint (news->group, ==, HB_WHATS_NEW_COMING);
  g_assert_cmpstr (news->effective, ==, "2099-01-15");

  /* The search finds only what is in force. */
  {
    g_autoptr (GListModel) results = hb_search_run (fixture->store, PHRASE, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  }

  changed = hb_store_refresh (fixture->store, "2099-01-15", &error);
  g_assert_no_error (error);
  g_assert_true (g_ptr_array_find_with_equal_func (changed, "tmall-not-as-described", g_str_equal, NULL));
  article = hb_store_get_article (fixture->store, "tmall-not-as-described", 0, &error);
  g_assert_cmpuint (hb_article_get_version (article), ==, 2);
  {
    g_autoptr (GListModel) results = hb_search_run (fixture->store, PHRASE, NULL, &error);
    g_autoptr (HbSearchResult) first = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
    first = g_list_model_get_item (results, 0);
    g_assert_cmpstr (hb_search_result_get_id (first), ==, "tmall-not-as-described");
  }
}

/* Killed with SIGKILL at a random moment of a publish: before or after,
 * never between. */
static char *
big_bundle (void)
{
  g_autofree char *corpus = hb_test_corpus ("zh-laws");
  g_autoptr (GString) manifest = g_string_new ("bundle: big-laws\ntitle: Many laws\ndate: 2026-12-01\nentries:\n");
  g_autoptr (GDir) dir = NULL;
  g_autofree char *source = NULL;
  g_autofree char *manifest_path = NULL;
  const char *name;
  guint n = 0;

  if (corpus == NULL)
    return NULL;
  source = g_build_filename (corpus, "经济法", NULL);
  dir = g_dir_open (source, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL && n < 60)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *text = NULL;

      if (!g_str_has_suffix (name, ".md"))
        continue;
      from = g_build_filename (source, name, NULL);
      text = read_file (from);
      to = g_strdup_printf ("big/laws/law-%03u.md", n);
      g_free (hb_test_write_file (to, text, -1));
      g_string_append_printf (manifest, "  - file: laws/law-%03u.md\n    id: big-law-%03u\n", n, n);
      n++;
    }
  manifest_path = g_build_filename ("big", "manifest.yaml", NULL);
  g_free (hb_test_write_file (manifest_path, manifest->str, -1));
  return g_build_filename (hb_test_tmpdir (), "big", NULL);
}

static void
child_progress_cb (guint done, guint total, gpointer user_data)
{
  int fd = GPOINTER_TO_INT (user_data);
  char byte = 'x';

  if (write (fd, &byte, 1) != 1)
    _exit (3);
}

G_GNUC_NORETURN static void
child_publish (const char *db_path, const char *bundle_path, int fd)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = hb_store_open (db_path, &error);
  g_autoptr (HbPublishPlan) plan = NULL;
  char done = 'd';

  if (store == NULL)
    _exit (4);
  plan = preview (store, bundle_path, TRUE, &error);
  if (plan == NULL)
    _exit (5);
  if (!hb_publish_commit (store, plan, NULL, child_progress_cb, GINT_TO_POINTER (fd), NULL, NULL, &error))
    _exit (6);
  if (write (fd, &done, 1) != 1)
    _exit (3);
  _exit (0);
}

static void
test_publish_killed (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = big_bundle ();
  g_autofree char *db_path = NULL;
  gint64 versions_before;
  gint64 audit_before;
  guint run;
  guint befores = 0, afters = 0;

  if (path == NULL)
    return;
  db_path = g_strdup (hb_store_get_path (fixture->store));
  versions_before = hb_test_query_int (fixture->store, "SELECT count(*) FROM article_versions");
  audit_before = hb_test_query_int (fixture->store, "SELECT count(*) FROM audit_log");
  g_clear_object (&fixture->store);

  for (run = 0; run < 6; run++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (HbStore) store = NULL;
      g_autoptr (HbAuditVerification) verification = NULL;
      int fds[2];
      pid_t pid;
      int status = 0;
      /* The last run is not killed: it publishes, and the others then
       * find it published. */
      gboolean kill_it = run < 5;
      /* At random while it stores the versions, and once right after
       * the last: while it indexes them and commits. */
      guint at = !kill_it ? 0 : run == 4 ? 60 : (guint) g_test_rand_int_range (1, 60);
      guint seen = 0;
      char byte;
      gint64 versions, publishes, audit_rows;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child_publish (db_path, path, fds[1]);
        }
      close (fds[1]);

      /* Wait for the child to have stored @at entries, inside its
       * transaction (the 60th: it is finishing the commit). */
      while (read (fds[0], &byte, 1) == 1)
        {
          if (byte == 'x')
            seen++;
          if (kill_it && seen >= at)
            {
              kill (pid, SIGKILL);
              break;
            }
        }
      close (fds[0]);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (kill_it)
        g_assert_true (WIFSIGNALED (status) || (WIFEXITED (status) && WEXITSTATUS (status) == 0));
      else
        g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

      store = hb_store_open (db_path, &error);
      g_assert_no_error (error);
      versions = hb_test_query_int (store, "SELECT count(*) FROM article_versions");
      publishes = hb_test_query_int (store, "SELECT count(*) FROM publishes");
      audit_rows = hb_test_query_int (store, "SELECT count(*) FROM audit_log");
      g_test_message ("run %u: killed after %u of 60 entries: %" G_GINT64_FORMAT " publishes", run, at, publishes);
      if (publishes == 0)
        {
          g_assert_cmpint (versions, ==, versions_before);
          g_assert_cmpint (audit_rows, ==, audit_before);
          befores++;
        }
      else
        {
          g_assert_cmpint (publishes, ==, 1);
          g_assert_cmpint (versions, ==, versions_before + 60);
          /* import, unsigned allowed, publish */
          g_assert_cmpint (audit_rows, ==, audit_before + 3);
          g_assert_cmpint (hb_test_query_int (store, "SELECT count(*) FROM search_rows WHERE article_id LIKE "
                                                     "'big-law-%'"),
                           ==, 60);
          afters++;
          break;
        }
      verification = hb_store_audit_verify (store, &error);
      g_assert_no_error (error);
      g_assert_cmpint (verification->damage, ==, HB_AUDIT_INTACT);
    }
  g_assert_cmpuint (afters, ==, 1);
  g_test_message ("%u runs found it as before, then one published it", befores);
  fixture->store = hb_store_open (db_path, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/publish/sample", Fixture, NULL, fixture_set_up, test_publish_sample, fixture_tear_down);
  g_test_add ("/publish/refused", Fixture, NULL, fixture_set_up, test_publish_refused, fixture_tear_down);
  g_test_add ("/publish/untrusted", Fixture, "untrusted", fixture_set_up, test_publish_untrusted,
              fixture_tear_down);
  g_test_add ("/publish/allow-unsigned", Fixture, NULL, fixture_set_up, test_publish_allow_unsigned,
              fixture_tear_down);
  g_test_add ("/publish/bad-input", Fixture, NULL, fixture_set_up, test_publish_bad_input, fixture_tear_down);
  g_test_add ("/publish/cancelled", Fixture, NULL, fixture_set_up, test_publish_cancelled, fixture_tear_down);
  g_test_add ("/publish/dated-laws", Fixture, NULL, fixture_set_up, test_publish_dated_laws, fixture_tear_down);
  g_test_add ("/publish/git-history", Fixture, NULL, fixture_set_up, test_publish_git_history, fixture_tear_down);
  g_test_add ("/publish/pending", Fixture, NULL, fixture_set_up, test_publish_pending, fixture_tear_down);
  g_test_add ("/publish/killed", Fixture, NULL, fixture_set_up, test_publish_killed, fixture_tear_down);

  return g_test_run ();
}
