/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-review"

#include "config.h"

#include "hb-review.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hb-course.h"
#include "hb-store-articles.h"
#include "hb-store-reads.h"
#include "hb-store-reviews.h"

void
hb_review_item_free (HbReviewItem *item)
{
  if (item == NULL)
    return;
  g_free (item->lesson_id);
  g_free (item->lesson_title);
  g_free (item->question_key);
  g_free (item);
}

static gint64
parse_time (const char *iso)
{
  g_autoptr (GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return time != NULL ? g_date_time_to_unix (time) : 0;
}

gint64
hb_review_end_of_day (gint64 now)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr (GDateTime) local = g_date_time_to_local (utc);
  g_autoptr (GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local),
                                                          g_date_time_get_month (local),
                                                          g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr (GDateTime) next = g_date_time_add_days (midnight, 1);

  return g_date_time_to_unix (next) - 1;
}

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const HbReviewItem *x = *(HbReviewItem **) a;
  const HbReviewItem *y = *(HbReviewItem **) b;
  gboolean x_first = x->due && !x->suspended;
  gboolean y_first = y->due && !y->suspended;

  if (x_first != y_first)
    return x_first ? -1 : 1;
  if (x->card.due != y->card.due)
    return x->card.due < y->card.due ? -1 : 1;
  return g_strcmp0 (x->question_key, y->question_key);
}

GPtrArray *
hb_review_load (HbStore *store, const char *profile_uuid, gint64 due_by, guint *n_due, GError **error)
{
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GPtrArray) reads = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_review_item_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* lesson id -> the keys of its quiz in force (NULL: no such lesson) */
  g_autoptr (GHashTable) current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_hash_table_unref);
  g_autoptr (GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) versions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) read_versions = g_hash_table_new (g_str_hash, g_str_equal);
  HbFsrsScheduler scheduler;
  GPtrArray *kept;
  guint due = 0;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_uuid != NULL, NULL);

  hb_fsrs_scheduler_init (&scheduler);

  if (!hb_store_read_begin (store, error))
    return NULL;
  events = hb_store_list_reviews (store, profile_uuid, error);
  reads = events != NULL ? hb_store_list_reads (store, profile_uuid, NULL, TRUE, error) : NULL;
  hb_store_read_end (store);
  if (reads == NULL)
    return NULL;

  for (guint i = 0; i < reads->len; i++)
    {
      HbReadRecord *read = g_ptr_array_index (reads, i);

      g_hash_table_insert (read_versions, read->lesson_id, GUINT_TO_POINTER (read->lesson_version));
    }

  /* A card is born of the first wrong answer; answers before it do not
   * count, every one after does. */
  for (guint i = 0; i < events->len; i++)
    {
      HbReviewEvent *event = g_ptr_array_index (events, i);
      g_autofree char *key = g_strdup_printf ("%s\n%s", event->lesson_id, event->question_key);
      HbReviewItem *item = g_hash_table_lookup (by_key, key);
      gint64 at = parse_time (event->reviewed_at);

      if (item == NULL)
        {
          if (event->rating != HB_FSRS_AGAIN)
            continue;
          item = g_new0 (HbReviewItem, 1);
          item->lesson_id = g_strdup (event->lesson_id);
          item->question_key = g_strdup (event->question_key);
          hb_fsrs_card_init (&item->card, at);
          g_hash_table_insert (by_key, g_steal_pointer (&key), item);
          g_ptr_array_add (items, item);
        }
      hb_fsrs_review (&scheduler, &item->card, (HbFsrsRating) event->rating, at);
      item->reviews++;
      item->lesson_version = event->lesson_version;
    }

  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_review_item_free);
  for (guint i = 0; i < items->len; i++)
    {
      HbReviewItem *item = g_ptr_array_index (items, i);
      GHashTable *keys;
      guint in_force;
      gboolean changed = FALSE;

      if (!g_hash_table_contains (current, item->lesson_id))
        {
          g_autoptr (GError) local_error = NULL;
          g_autoptr (HbQuiz) quiz = hb_quiz_load (store, item->lesson_id, 0, &local_error);
          GHashTable *set = NULL;

          if (quiz != NULL)
            {
              set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              for (guint q = 0; q < quiz->gift->questions->len; q++)
                g_hash_table_add (set, g_strdup (((HbGiftQuestion *) g_ptr_array_index (quiz->gift->questions, q))->key));
              g_hash_table_insert (titles, g_strdup (item->lesson_id), g_strdup (quiz->lesson_title));
              g_hash_table_insert (versions, item->lesson_id, GUINT_TO_POINTER (quiz->lesson_version));
            }
          else if (!g_error_matches (local_error, HB_QUIZ_ERROR, HB_QUIZ_ERROR_NO_QUIZ)
                   && !g_error_matches (local_error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              g_ptr_array_unref (kept);
              return NULL;
            }
          g_hash_table_insert (current, g_strdup (item->lesson_id), set);
        }

      /* A question the lesson no longer asks leaves the review. */
      keys = g_hash_table_lookup (current, item->lesson_id);
      if (keys == NULL || !g_hash_table_contains (keys, item->question_key))
        continue;

      in_force = GPOINTER_TO_UINT (g_hash_table_lookup (versions, item->lesson_id));
      if (item->lesson_version != in_force
          && !hb_lesson_changes_since (store, item->lesson_id, item->lesson_version, NULL, &changed, error))
        {
          g_ptr_array_unref (kept);
          return NULL;
        }
      item->suspended = changed
                        && GPOINTER_TO_UINT (g_hash_table_lookup (read_versions, item->lesson_id)) < in_force;
      item->lesson_title = g_strdup (g_hash_table_lookup (titles, item->lesson_id));
      item->due = hb_fsrs_card_is_due (&item->card, due_by);
      if (item->due && !item->suspended)
        due++;
      g_ptr_array_add (kept, item);
      items->pdata[i] = NULL;
    }

  g_ptr_array_sort (kept, compare_items);
  if (n_due != NULL)
    *n_due = due;
  return kept;
}

HbGradeResult *
hb_review_answer (HbStore *store, const char *profile_uuid, const HbQuiz *quiz, const char *question_key,
                  const HbGradeResponse *response, const char *answered_at, GError **error)
{
  g_autoptr (HbGradeResult) result = NULL;
  g_autoptr (HbReviewEvent) event = NULL;
  g_autoptr (HbStoreWrite) write = NULL;
  g_autoptr (JsonNode) answer = NULL;
  const HbGiftQuestion *question;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_uuid != NULL && quiz != NULL && question_key != NULL, NULL);
  g_return_val_if_fail (response != NULL, NULL);

  question = hb_quiz_find_question (quiz, question_key);
  if (question == NULL)
    {
      g_set_error (error, HB_QUIZ_ERROR, HB_QUIZ_ERROR_ANSWER, _("“%s”: there is no such question in “%s”"),
                   question_key, quiz->lesson_title);
      return NULL;
    }

  result = hb_grade_question (question, response);
  if (result->state == HB_GRADE_PENDING || result->state == HB_GRADE_UNGRADED)
    return g_steal_pointer (&result);

  event = g_new0 (HbReviewEvent, 1);
  event->profile_uuid = g_strdup (profile_uuid);
  event->lesson_id = g_strdup (quiz->lesson_id);
  event->lesson_version = quiz->lesson_version;
  event->quiz_sha256 = g_strdup (quiz->quiz_sha256);
  event->question_key = g_strdup (question_key);
  event->rating = result->state == HB_GRADE_RIGHT ? HB_FSRS_GOOD : HB_FSRS_AGAIN;
  event->reviewed_at = g_strdup (answered_at);
  answer = hb_quiz_response_to_json (question, response);
  if (answer != NULL)
    {
      g_autoptr (JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, answer);
      event->answer = json_generator_to_data (generator, NULL);
    }

  write = hb_store_write_begin (store, error);
  if (write == NULL || !hb_store_add_review (write, event, error)
      || !hb_store_write_commit (g_steal_pointer (&write), error))
    return NULL;
  return g_steal_pointer (&result);
}
