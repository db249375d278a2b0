/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-reviews.h"
#include "hb-store-audit.h"

#include <glib/gi18n-lib.h>

#include "hb-store-private.h"

void
hb_review_event_free (HbReviewEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->uuid);
  g_free (event->profile_uuid);
  g_free (event->lesson_id);
  g_free (event->quiz_sha256);
  g_free (event->question_key);
  g_free (event->reviewed_at);
  g_free (event->recorded_at);
  g_free (event->attempt_uuid);
  g_free (event->answer);
  g_free (event);
}

static char *
dup_column (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

gboolean
hb_store_add_review (HbStoreWrite *write, HbReviewEvent *event, GError **error)
{
  HbStore *self;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  self = hb_store_write_get_store (write);
  if (event->profile_uuid == NULL || event->lesson_id == NULL || event->lesson_version == 0
      || event->quiz_sha256 == NULL || event->question_key == NULL || event->rating < 1
      || event->rating > 4)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("A review needs a profile, a lesson version, a question and a rating from 1 to 4"));
      return FALSE;
    }
  if (event->uuid == NULL)
    event->uuid = g_uuid_string_random ();
  g_free (event->recorded_at);
  event->recorded_at = g_strdup (hb_store_write_get_now (write));
  if (event->reviewed_at == NULL)
    event->reviewed_at = g_strdup (event->recorded_at);

  stmt = hb_store_cached (self,
                          "INSERT INTO review_events (uuid, profile_uuid, lesson_id, lesson_version, "
                          "quiz_sha256, question_key, rating, reviewed_at, recorded_at, attempt_uuid, "
                          "answer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, event->profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, event->lesson_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, event->lesson_version);
  sqlite3_bind_text (stmt, 5, event->quiz_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, event->question_key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, event->rating);
  sqlite3_bind_text (stmt, 8, event->reviewed_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, event->recorded_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, event->attempt_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, event->answer, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("The review event %s is stored already"), event->uuid);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);

  {
    JsonObject *details = json_object_new ();

    json_object_set_string_member (details, "review", event->uuid);
    json_object_set_int_member (details, "lesson_version", event->lesson_version);
    json_object_set_string_member (details, "question", event->question_key);
    json_object_set_int_member (details, "rating", event->rating);
    return hb_store_audit_add_object (write, HB_AUDIT_EVENT_REVIEW, event->profile_uuid,
                                      event->lesson_id, details, error);
  }
}

GPtrArray *
hb_store_list_reviews (HbStore *self, const char *profile_uuid, GError **error)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_review_event_free);
  g_autoptr (HbStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_cached (self,
                          "SELECT uuid, profile_uuid, lesson_id, lesson_version, quiz_sha256, "
                          "question_key, rating, reviewed_at, recorded_at, attempt_uuid, answer "
                          "FROM review_events WHERE ?1 IS NULL OR profile_uuid = ?1 "
                          "ORDER BY reviewed_at, rowid",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_uuid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HbReviewEvent *event = g_new0 (HbReviewEvent, 1);

      event->uuid = dup_column (stmt, 0);
      event->profile_uuid = dup_column (stmt, 1);
      event->lesson_id = dup_column (stmt, 2);
      event->lesson_version = (guint) sqlite3_column_int (stmt, 3);
      event->quiz_sha256 = dup_column (stmt, 4);
      event->question_key = dup_column (stmt, 5);
      event->rating = sqlite3_column_int (stmt, 6);
      event->reviewed_at = dup_column (stmt, 7);
      event->recorded_at = dup_column (stmt, 8);
      event->attempt_uuid = dup_column (stmt, 9);
      event->answer = dup_column (stmt, 10);
      g_ptr_array_add (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&events);
}
