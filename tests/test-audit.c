/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The audit log: a hash chain the database refuses to change, whose
 * verification names the first row that was changed, removed or inserted
 * by someone who went around the database (dropped its triggers).
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "hb-store-audit.h"
#include "hb-store-private.h"
#include "hb-store-profiles.h"
#include "hb-test-util.h"

static void
add_event (HbStore *store, const char *event, const char *profile, const char *subject, const char *details)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);

  g_assert_no_error (error);
  g_assert_true (hb_store_audit_add (write, event, profile, subject, details, &error));
  g_assert_no_error (error);
  g_assert_true (hb_store_write_commit (g_steal_pointer (&write), &error));
  g_assert_no_error (error);
}

/* Five events, as a day of work leaves them. */
static HbStore *
new_log (const char *name)
{
  HbStore *store = hb_test_new_store (name);

  add_event (store, "publish", "p-1", "platform-rules-2026-12",
             "{\"sha256\":\"ab\",\"signer\":\"EABACD6B70CE3C76\",\"versions\":[{\"id\":\"a\",\"version\":2}]}");
  add_event (store, "acknowledge", "p-2", "tmall-not-as-described", "{\"version\":2,\"title\":\"退货 \\\"7天\\\"\\n\"}");
  add_event (store, "acknowledge", "p-3", "tmall-not-as-described", "{\"version\":2}");
  add_event (store, "quiz-attempt", "p-2", "lesson-evidence", "{\"score\":17,\"passed\":true,\"answers\":null}");
  add_event (store, "profile-added", NULL, NULL, NULL);
  return store;
}

static HbAuditVerification *
verify (HbStore *store)
{
  g_autoptr (GError) error = NULL;
  HbAuditVerification *result = hb_store_audit_verify (store, &error);

  g_assert_no_error (error);
  g_test_message ("%s", result->message);
  return result;
}

static void
exec (HbStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;

  hb_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

static void
test_audit_chain (void)
{
  g_autoptr (HbStore) store = new_log ("chain");
  g_autoptr (HbAuditVerification) result = verify (store);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *expected_hash = NULL;
  HbAuditRow *row;
  guint i;

  g_assert_cmpint (result->damage, ==, HB_AUDIT_INTACT);
  g_assert_cmpuint (result->n_rows, ==, 5);
  g_assert_cmpuint (strlen (result->head_hash), ==, 64);

  rows = hb_store_audit_list (store, NULL, NULL, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->prev_hash, ==, HB_AUDIT_GENESIS_HASH);
  for (i = 1; i < rows->len; i++)
    g_assert_cmpstr (((HbAuditRow *) g_ptr_array_index (rows, i))->prev_hash, ==,
                     ((HbAuditRow *) g_ptr_array_index (rows, i - 1))->hash);

  /* The canonical encoding: keys sorted, no spaces, only what JSON must
   * escape escaped. */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row->details, ==, "{\"title\":\"退货 \\\"7天\\\"\\n\",\"version\":2}");
  canonical = hb_audit_row_canonical (row);
  {
    g_autofree char *expected = g_strdup_printf ("{\"at\":\"%s\",\"details\":{\"title\":\"退货 \\\"7天\\\"\\n\","
                                                 "\"version\":2},\"event\":\"acknowledge\",\"profile\":\"p-2\","
                                                 "\"subject\":\"tmall-not-as-described\",\"uuid\":\"%s\"}",
                                                 row->at, row->uuid);

    g_assert_cmpstr (canonical, ==, expected);
  }
  {
    g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

    g_checksum_update (checksum, (const guchar *) row->prev_hash, -1);
    g_checksum_update (checksum, (const guchar *) canonical, -1);
    expected_hash = g_strdup (g_checksum_get_string (checksum));
  }
  g_assert_cmpstr (row->hash, ==, expected_hash);

  row = g_ptr_array_index (rows, 4);
  g_assert_null (row->profile_uuid);
  g_assert_cmpstr (row->details, ==, "{}");

  /* Filters. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = hb_store_audit_list (store, NULL, "p-2", &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = hb_store_audit_list (store, "2999-01-01", NULL, &error);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_audit_refused_details (void)
{
  g_autoptr (HbStore) store = hb_test_new_store ("details");
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);

  g_assert_false (hb_store_audit_add (write, "quiz-attempt", NULL, NULL, "{\"score\":0.85}", &error));
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hb_store_audit_add (write, "quiz-attempt", NULL, NULL, "[1, 2]", &error));
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hb_store_audit_add (write, "quiz-attempt", NULL, NULL, "{broken", &error));
  g_assert_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID);
}

/* The database itself refuses to change the records. */
static void
test_audit_append_only (void)
{
  g_autoptr (HbStore) store = new_log ("append-only");
  const char *statements[] = {
    "UPDATE audit_log SET details = '{}' WHERE seq = 2",
    "DELETE FROM audit_log WHERE seq = 5",
    "UPDATE publishes SET title = 'x'",
    "DELETE FROM publishes",
    "UPDATE publish_entries SET due = NULL",
    "DELETE FROM acknowledgements",
    "UPDATE acknowledgements SET version = 1",
    "DELETE FROM reads",
    "UPDATE trusted_key_changes SET action = 'trust'",
    "DELETE FROM trusted_key_changes",
    "DELETE FROM whats_new_views",
  };
  guint i;

  /* Rows for the triggers to guard. */
  exec (store, "PRAGMA foreign_keys = OFF");
  exec (store, "INSERT INTO trusted_key_changes VALUES ('u', 'K', 'RW', 'trust', NULL, NULL, '2026-12-01')");
  exec (store, "INSERT INTO profiles VALUES ('p', 'P', NULL, 'staff', '2026-12-01')");
  exec (store, "INSERT INTO whats_new_views VALUES ('v', 'p', '2026-12-01')");
  exec (store, "INSERT INTO publishes VALUES ('u', 'b', '2026-12-01', 't', NULL, 'h', NULL, NULL, NULL, 'i', 'n')");
  exec (store, "INSERT INTO publish_entries VALUES ('u', 'a', 1, 'new', 'a.md', NULL, '2026-12-15')");
  exec (store, "INSERT INTO acknowledgements VALUES ('k', 'p', 'a', 1, '2026-12-01')");
  exec (store, "INSERT INTO reads VALUES ('r', 'p', 'a', 1, '2026-12-01')");
  exec (store, "PRAGMA foreign_keys = ON");

  for (i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (hb_store_exec (store, statements[i], &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", statements[i], error->message);
      g_assert_nonnull (strstr (error->message, "append-only"));
    }
  {
    g_autoptr (HbAuditVerification) result = verify (store);

    g_assert_cmpint (result->damage, ==, HB_AUDIT_INTACT);
  }
}

/* Going around the triggers: each way of tampering is named. */
static void
test_audit_tampered_changed (void)
{
  g_autoptr (HbStore) store = new_log ("changed");
  g_autoptr (HbAuditVerification) result = NULL;

  exec (store, "DROP TRIGGER audit_log_no_update");
  exec (store, "UPDATE audit_log SET details = replace (details, '2', '1') WHERE seq = 3");
  result = verify (store);
  g_assert_cmpint (result->damage, ==, HB_AUDIT_CHANGED);
  g_assert_cmpint (result->seq, ==, 3);
  g_assert_nonnull (strstr (result->message, "row 3"));
  g_assert_nonnull (strstr (result->message, "was changed"));
  g_clear_pointer (&result, hb_audit_verification_free);

  /* Changed back, the chain is whole again; a changed time is caught. */
  exec (store, "UPDATE audit_log SET details = replace (details, '1', '2') WHERE seq = 3");
  result = verify (store);
  g_assert_cmpint (result->damage, ==, HB_AUDIT_INTACT);
  g_clear_pointer (&result, hb_audit_verification_free);
  exec (store, "UPDATE audit_log SET at = '2026-11-30T23:59:59Z' WHERE seq = 4");
  result = verify (store);
  g_assert_cmpint (result->damage, ==, HB_AUDIT_CHANGED);
  g_assert_cmpint (result->seq, ==, 4);
}

static void
test_audit_tampered_removed (void)
{
  g_autoptr (HbStore) store = new_log ("removed");
  g_autoptr (HbAuditVerification) result = NULL;

  exec (store, "DROP TRIGGER audit_log_no_delete");
  exec (store, "DELETE FROM audit_log WHERE seq = 2");
  result = verify (store);
  g_assert_cmpint (result->damage, ==, HB_AUDIT_REMOVED);
  g_assert_cmpint (result->seq, ==, 3);
  g_assert_nonnull (strstr (result->message, "row 2 was removed"));
  g_clear_pointer (&result, hb_audit_verification_free);

  /* The first row too. */
  g_clear_object (&store);
  store = new_log ("removed-first");
  exec (store, "DROP TRIGGER audit_log_no_delete");
  exec (store, "DELETE FROM audit_log WHERE seq = 1");
  result = verify (store);
  g_assert_cmpint (result->damage, ==, HB_AUDIT_REMOVED);
  g_assert_nonnull (strstr (result->message, "row 1 was removed"));
}

static void
test_audit_tampered_inserted (void)
{
  g_autoptr (HbStore) store = new_log ("inserted");
  g_autoptr (HbAuditVerification) result = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *forged_hash = NULL;
  HbAuditRow forged = { 0 };
  HbAuditRow *before;

  /* A forger who knows the encoding: the row's own hash is right, and it
   * chains to the row before it. The rows after are renumbered. */
  rows = hb_store_audit_list (store, NULL, NULL, &error);
  before = g_ptr_array_index (rows, 1);
  forged.uuid = (char *) "7d0f4c4e-0000-4000-8000-000000000000";
  forged.at = (char *) "2026-12-01T10:00:00Z";
  forged.event = (char *) "acknowledge";
  forged.profile_uuid = (char *) "p-9";
  forged.subject = (char *) "tmall-not-as-described";
  forged.details = (char *) "{\"version\":2}";
  {
    g_autofree char *canonical = hb_audit_row_canonical (&forged);
    g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

    g_checksum_update (checksum, (const guchar *) before->hash, -1);
    g_checksum_update (checksum, (const guchar *) canonical, -1);
    forged_hash = g_strdup (g_checksum_get_string (checksum));
  }
  exec (store, "DROP TRIGGER audit_log_no_update");
  exec (store, "UPDATE audit_log SET seq = -seq WHERE seq >= 3");
  exec (store, "UPDATE audit_log SET seq = 1 - seq WHERE seq < 0");
  sql = g_strdup_printf ("INSERT INTO audit_log VALUES (3, '%s', '%s', '%s', '%s', '%s', '%s', '%s', '%s')",
                         forged.uuid, forged.at, forged.event, forged.profile_uuid, forged.subject, forged.details,
                         before->hash, forged_hash);
  exec (store, sql);

  result = verify (store);
  g_assert_cmpint (result->damage, ==, HB_AUDIT_INSERTED);
  g_assert_cmpint (result->seq, ==, 3);
  g_assert_cmpstr (result->uuid, ==, forged.uuid);
  g_assert_nonnull (strstr (result->message, "row 3"));
  g_assert_nonnull (strstr (result->message, "was inserted"));
  g_clear_pointer (&result, hb_audit_verification_free);

  /* A clumsier forger: a made-up hash. */
  exec (store, "UPDATE audit_log SET hash = 'ffff' WHERE seq = 3");
  result = verify (store);
  g_assert_cmpint (result->damage, ==, HB_AUDIT_INSERTED);
  g_assert_cmpint (result->seq, ==, 3);
}

/* The export carries everything a third party needs. */
static void
test_audit_export (void)
{
  g_autoptr (HbStore) store = new_log ("export");
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *text = NULL;
  const char *prev = HB_AUDIT_GENESIS_HASH;
  gint64 n;
  guint i;

  n = hb_store_audit_export (store, stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 5);
  g_output_stream_close (stream, NULL, NULL);
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[5], ==, "");

  for (i = 0; i < 5; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *object;
      HbAuditRow row = { 0 };
      g_autofree char *canonical = NULL;
      g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autoptr (JsonNode) details = NULL;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (json_object_get_int_member (object, "seq"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (object, "prev_hash"), ==, prev);

      /* Recomputed from the line alone. */
      row.uuid = (char *) json_object_get_string_member (object, "uuid");
      row.at = (char *) json_object_get_string_member (object, "at");
      row.event = (char *) json_object_get_string_member (object, "event");
      row.profile_uuid = (char *) json_object_get_string_member (object, "profile");
      row.subject = (char *) json_object_get_string_member (object, "subject");
      details = json_node_copy (json_object_get_member (object, "details"));
      row.details = json_to_string (details, FALSE);
      canonical = hb_audit_row_canonical (&row);
      g_free (row.details);
      g_checksum_update (checksum, (const guchar *) prev, -1);
      g_checksum_update (checksum, (const guchar *) canonical, -1);
      g_assert_cmpstr (g_checksum_get_string (checksum), ==, json_object_get_string_member (object, "hash"));
      prev = json_object_get_string_member (object, "hash");
      /* prev points into the parser, kept until the next line: copy. */
      prev = g_intern_string (prev);
    }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit/chain", test_audit_chain);
  g_test_add_func ("/audit/refused-details", test_audit_refused_details);
  g_test_add_func ("/audit/append-only", test_audit_append_only);
  g_test_add_func ("/audit/tampered/changed", test_audit_tampered_changed);
  g_test_add_func ("/audit/tampered/removed", test_audit_tampered_removed);
  g_test_add_func ("/audit/tampered/inserted", test_audit_tampered_inserted);
  g_test_add_func ("/audit/export", test_audit_export);

  rc = g_test_run ();
  hb_test_cleanup ();
  return rc;
}
