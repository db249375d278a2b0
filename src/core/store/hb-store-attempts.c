/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store"

#include "config.h"

#include "hb-store-attempts.h"
#include "hb-store-audit.h"

#include <glib/gi18n-lib.h>

#include "hb-store-private.h"

#define ATTEMPT_COLUMNS                                                                            \
  "uuid, profile_uuid, course_id, lesson_id, lesson_version, quiz_sha256, started_at, "          \
  "finished_at, recorded_at, score, passed, pass_mark, pending, answers, results, dependencies"

void
hb_attempt_record_free (HbAttemptRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->uuid);
  g_free (record->profile_uuid);
  g_free (record->course_id);
  g_free (record->lesson_id);
  g_free (record->quiz_sha256);
  g_free (record->started_at);
  g_free (record->finished_at);
  g_free (record->recorded_at);
  g_free (record->answers);
  g_free (record->results);
  g_free (record->dependencies);
  g_free (record);
}

static char *
dup_column (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static HbAttemptRecord *
attempt_from_row (sqlite3_stmt *stmt)
{
  HbAttemptRecord *record = g_new0 (HbAttemptRecord, 1);

  record->uuid = dup_column (stmt, 0);
  record->profile_uuid = dup_column (stmt, 1);
  record->course_id = dup_column (stmt, 2);
  record->lesson_id = dup_column (stmt, 3);
  record->lesson_version = (guint) sqlite3_column_int (stmt, 4);
  record->quiz_sha256 = dup_column (stmt, 5);
  record->started_at = dup_column (stmt, 6);
  record->finished_at = dup_column (stmt, 7);
  record->recorded_at = dup_column (stmt, 8);
  record->score = sqlite3_column_double (stmt, 9);
  record->passed = sqlite3_column_int (stmt, 10) != 0;
  record->pass_mark = sqlite3_column_double (stmt, 11);
  record->pending = (guint) sqlite3_column_int (stmt, 12);
  record->answers = dup_column (stmt, 13);
  record->results = dup_column (stmt, 14);
  record->dependencies = dup_column (stmt, 15);
  return record;
}

gboolean
hb_store_add_attempt (HbStoreWrite *write, HbAttemptRecord *record, GError **error)
{
  HbStore *self;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  self = hb_store_write_get_store (write);
  if (record->profile_uuid == NULL || record->lesson_id == NULL || record->quiz_sha256 == NULL
      || record->lesson_version == 0 || record->answers == NULL || record->results == NULL)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("An attempt needs a profile, a lesson version, a quiz version, answers and results"));
      return FALSE;
    }
  if (!(record->score >= 0 && record->score <= 1))
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("A score is between 0 and 1, not %g"), record->score);
      return FALSE;
    }

  if (record->uuid == NULL)
    record->uuid = g_uuid_string_random ();
  g_free (record->recorded_at);
  record->recorded_at = g_strdup (hb_store_write_get_now (write));
  if (record->finished_at == NULL)
    record->finished_at = g_strdup (record->recorded_at);
  if (record->started_at == NULL)
    record->started_at = g_strdup (record->finished_at);

  stmt = hb_store_cached (self,
                          "INSERT INTO quiz_attempts (" ATTEMPT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, "
                          "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record->course_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record->lesson_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, record->lesson_version);
  sqlite3_bind_text (stmt, 6, record->quiz_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, record->started_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, record->finished_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, record->recorded_at, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 10, record->score);
  sqlite3_bind_int (stmt, 11, record->passed ? 1 : 0);
  sqlite3_bind_double (stmt, 12, record->pass_mark);
  sqlite3_bind_int64 (stmt, 13, record->pending);
  sqlite3_bind_text (stmt, 14, record->answers, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, record->results, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, record->dependencies != NULL ? record->dependencies : "", -1,
                     SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_INVALID,
                   _("The attempt %s is stored already"), record->uuid);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);

  /* Every attempt is on the audit trail: who, which lesson version and
   * quiz, and the result (scores in whole percent: the log's numbers are
   * integers). */
  {
    JsonObject *details = json_object_new ();

    json_object_set_string_member (details, "attempt", record->uuid);
    json_object_set_int_member (details, "lesson_version", record->lesson_version);
    json_object_set_string_member (details, "quiz_sha256", record->quiz_sha256);
    json_object_set_int_member (details, "score_percent", (gint64) (record->score * 100 + 0.5));
    json_object_set_boolean_member (details, "passed", record->passed);
    json_object_set_int_member (details, "pass_mark_percent", (gint64) (record->pass_mark * 100 + 0.5));
    if (record->pending > 0)
      json_object_set_int_member (details, "pending", record->pending);
    if (record->course_id != NULL)
      json_object_set_string_member (details, "course", record->course_id);
    return hb_store_audit_add_object (write, HB_AUDIT_EVENT_QUIZ_ATTEMPT, record->profile_uuid,
                                      record->lesson_id, details, error);
  }
}

GPtrArray *
hb_store_list_attempts (HbStore *self, const char *profile_uuid, const char *lesson_id,
                        GError **error)
{
  g_autoptr (GPtrArray) attempts = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_attempt_record_free);
  g_autoptr (HbStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);

  stmt = hb_store_cached (self,
                          "SELECT " ATTEMPT_COLUMNS " FROM quiz_attempts "
                          "WHERE (?1 IS NULL OR profile_uuid = ?1) AND (?2 IS NULL OR lesson_id = ?2) "
                          "ORDER BY finished_at, rowid",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, profile_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lesson_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (attempts, attempt_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&attempts);
}

HbAttemptRecord *
hb_store_get_attempt (HbStore *self, const char *uuid, GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = hb_store_cached (self, "SELECT " ATTEMPT_COLUMNS " FROM quiz_attempts WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return attempt_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND, _("No attempt %s"), uuid);
  else
    hb_store_set_error_from_sqlite (self, error, rc, NULL);
  return NULL;
}

gboolean
hb_store_foreach_lesson_totals (HbStore *self, const char *profile_uuid, HbLessonTotalsFunc func,
                                gpointer user_data, GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HB_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = hb_store_cached (self,
                          "SELECT profile_uuid, lesson_id, attempts, best_score, last_score, last_at, "
                          "passed_version, passed_dependencies, passed_at, read_version, read_dependencies, "
                          "read_at FROM lesson_totals WHERE ?1 IS NULL OR profile_uuid = ?1 "
                          "ORDER BY profile_uuid, lesson_id",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile_uuid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HbLessonTotals totals;

      totals.profile_uuid = (const char *) sqlite3_column_text (stmt, 0);
      totals.lesson_id = (const char *) sqlite3_column_text (stmt, 1);
      totals.attempts = (guint) sqlite3_column_int (stmt, 2);
      totals.best_score = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, 3);
      totals.last_score = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, 4);
      totals.last_at = (const char *) sqlite3_column_text (stmt, 5);
      totals.passed_version = (guint) sqlite3_column_int (stmt, 6);
      totals.passed_dependencies = (const char *) sqlite3_column_text (stmt, 7);
      totals.passed_at = (const char *) sqlite3_column_text (stmt, 8);
      totals.read_version = (guint) sqlite3_column_int (stmt, 9);
      totals.read_dependencies = (const char *) sqlite3_column_text (stmt, 10);
      totals.read_at = (const char *) sqlite3_column_text (stmt, 11);
      if (!func (&totals, user_data))
        return TRUE;
    }
  if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);
  return TRUE;
}
