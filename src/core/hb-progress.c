/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-progress"

#include "config.h"

#include "hb-progress.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hb-store-articles.h"
#include "hb-store-attempts.h"
#include "hb-store-reads.h"
#include "hb-util.h"

const char *
hb_lesson_state_to_string (HbLessonState state)
{
  switch (state)
    {
    case HB_LESSON_READ:
      return "read";
    case HB_LESSON_ATTEMPTED:
      return "attempted";
    case HB_LESSON_COMPLETED:
      return "completed";
    case HB_LESSON_NEEDS_REVIEW:
      return "needs-review";
    case HB_LESSON_NOT_STARTED:
    default:
      return "not-started";
    }
}

const char *
hb_lesson_state_get_label (HbLessonState state, gboolean has_quiz)
{
  switch (state)
    {
    case HB_LESSON_READ:
      return _("Read");
    case HB_LESSON_ATTEMPTED:
      return _("Quiz not passed");
    case HB_LESSON_COMPLETED:
      return has_quiz ? _("Quiz passed") : _("Read");
    case HB_LESSON_NEEDS_REVIEW:
      return _("Needs review");
    case HB_LESSON_NOT_STARTED:
    default:
      return _("Not started");
    }
}

static void
lesson_progress_free (HbLessonProgress *lesson)
{
  g_free (lesson->lesson_id);
  g_free (lesson->title);
  g_free (lesson->completed_at);
  g_free (lesson->completed_dependencies);
  g_free (lesson->last_attempt_at);
  g_free (lesson->due_on);
  g_free (lesson);
}

typedef struct
{
  HbCourseProgress progress;
  gatomicrefcount refs;
} CourseProgress;

G_DEFINE_BOXED_TYPE (HbCourseProgress, hb_course_progress, hb_course_progress_ref, hb_course_progress_unref)

HbCourseProgress *
hb_course_progress_ref (HbCourseProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);
  g_atomic_ref_count_inc (&((CourseProgress *) progress)->refs);
  return progress;
}

void
hb_course_progress_unref (HbCourseProgress *progress)
{
  CourseProgress *self = (CourseProgress *) progress;

  if (progress == NULL || !g_atomic_ref_count_dec (&self->refs))
    return;
  hb_course_free (progress->course);
  hb_profile_free (progress->profile);
  g_ptr_array_unref (progress->lessons);
  g_free (progress->completed_at);
  g_free (self);
}

static HbCourseProgress *
course_progress_new (const HbCourse *course, const HbProfile *profile)
{
  CourseProgress *self = g_new0 (CourseProgress, 1);

  g_atomic_ref_count_init (&self->refs);
  self->progress.course = hb_course_copy (course);
  self->progress.profile = hb_profile_copy (profile);
  self->progress.lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) lesson_progress_free);
  return &self->progress;
}

const HbLessonProgress *
hb_course_progress_find_lesson (const HbCourseProgress *progress, const char *lesson_id)
{
  g_return_val_if_fail (progress != NULL, NULL);

  for (guint i = 0; lesson_id != NULL && i < progress->lessons->len; i++)
    {
      const HbLessonProgress *lesson = g_ptr_array_index (progress->lessons, i);

      if (strcmp (lesson->lesson_id, lesson_id) == 0)
        return lesson;
    }
  return NULL;
}

/* Working it out ------------------------------------------------------------ */

typedef struct
{
  HbArticle *article;  /* the version in force, without its body */
  gboolean has_quiz;
  guint n_questions;
  char *since;         /* "YYYY-MM-DD": the day it came in force */
} Lesson;

static void
lesson_free (Lesson *lesson)
{
  g_clear_object (&lesson->article);
  g_free (lesson->since);
  g_free (lesson);
}

/* What the report reads once, whatever the number of people. */
typedef struct
{
  HbStore *store;
  char *today;
  GPtrArray *courses;
  GListModel *articles;
  GHashTable *lessons;  /* id -> Lesson */
  GHashTable *totals;   /* profile uuid -> (lesson id -> HbLessonTotals) */
  GHashTable *reads;    /* profile uuid -> (lesson id -> HbReadRecord) */
  GHashTable *changed;  /* "lesson version deps" -> 1 changed, 2 not */
  GPtrArray *totals_list;
  GPtrArray *reads_list;
} Context;

static void
context_clear (Context *context)
{
  g_clear_pointer (&context->today, g_free);
  g_clear_pointer (&context->courses, g_ptr_array_unref);
  g_clear_pointer (&context->lessons, g_hash_table_unref);
  g_clear_pointer (&context->totals, g_hash_table_unref);
  g_clear_pointer (&context->reads, g_hash_table_unref);
  g_clear_pointer (&context->changed, g_hash_table_unref);
  g_clear_pointer (&context->totals_list, g_ptr_array_unref);
  g_clear_pointer (&context->reads_list, g_ptr_array_unref);
  g_clear_object (&context->articles);
}

static void
index_by_profile (GHashTable *index, const char *profile_uuid, const char *lesson_id, gpointer entry)
{
  GHashTable *lessons = g_hash_table_lookup (index, profile_uuid);

  if (lessons == NULL)
    {
      lessons = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (index, (gpointer) profile_uuid, lessons);
    }
  g_hash_table_insert (lessons, (gpointer) lesson_id, entry);
}

static gpointer
lookup_by_profile (GHashTable *index, const char *profile_uuid, const char *lesson_id)
{
  GHashTable *lessons = g_hash_table_lookup (index, profile_uuid);

  return lessons != NULL ? g_hash_table_lookup (lessons, lesson_id) : NULL;
}

static char *
date_of (const char *timestamp)
{
  return timestamp != NULL && strlen (timestamp) >= 10 ? g_strndup (timestamp, 10) : NULL;
}

static gboolean
context_init (Context *context, HbStore *store, const char *profile_uuid, const char *today, GError **error)
{
  gboolean ok = FALSE;

  memset (context, 0, sizeof *context);
  context->store = store;
  context->today = today != NULL ? g_strdup (today) : hb_util_today ();
  context->lessons = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) lesson_free);
  context->totals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  context->reads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  context->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One state of the database for all of it. */
  if (!hb_store_read_begin (store, error))
    return FALSE;

  context->courses = hb_course_list (store, error);
  if (context->courses == NULL)
    goto out;
  context->articles = hb_store_list_articles (store, NULL, error);
  if (context->articles == NULL)
    goto out;
  context->totals_list = hb_store_list_lesson_totals (store, profile_uuid, error);
  if (context->totals_list == NULL)
    goto out;
  context->reads_list = hb_store_list_reads (store, profile_uuid, NULL, TRUE, error);
  if (context->reads_list == NULL)
    goto out;

  for (guint i = 0; i < g_list_model_get_n_items (context->articles); i++)
    {
      HbArticle *article = g_list_model_get_item (context->articles, i);
      Lesson *lesson;
      g_autofree char *quiz = NULL;

      if (hb_article_get_kind (article) != HB_ARTICLE_KIND_LESSON && hb_article_get_course (article) == NULL)
        {
          /* Any article can be a lesson of a course; only those are read. */
          gboolean in_course = FALSE;

          for (guint c = 0; !in_course && c < context->courses->len; c++)
            in_course = hb_course_get_lesson_index (g_ptr_array_index (context->courses, c),
                                                    hb_article_get_id (article)) >= 0;
          if (!in_course)
            {
              g_object_unref (article);
              continue;
            }
        }

      lesson = g_new0 (Lesson, 1);
      lesson->article = article;
      if (!hb_lesson_get_fingerprint (store, hb_article_get_id (article), hb_article_get_version (article),
                                      NULL, &quiz, &lesson->n_questions, NULL, error))
        {
          lesson_free (lesson);
          goto out;
        }
      lesson->has_quiz = quiz != NULL;
      lesson->since = g_strdup (hb_article_get_effective (article));
      if (lesson->since == NULL)
        lesson->since = date_of (hb_article_get_imported_at (article));
      g_hash_table_insert (context->lessons, (gpointer) hb_article_get_id (article), lesson);
    }

  for (guint i = 0; i < context->totals_list->len; i++)
    {
      HbLessonTotals *totals = g_ptr_array_index (context->totals_list, i);

      index_by_profile (context->totals, totals->profile_uuid, totals->lesson_id, totals);
    }
  for (guint i = 0; i < context->reads_list->len; i++)
    {
      HbReadRecord *read = g_ptr_array_index (context->reads_list, i);

      index_by_profile (context->reads, read->profile_uuid, read->lesson_id, read);
    }
  ok = TRUE;

out:
  hb_store_read_end (store);
  return ok;
}

/* Whether what was learnt under @version with @dependencies changed since;
 * asked once per lesson, version and dependencies, however many people. */
static gboolean
context_changed (Context *context, const char *lesson_id, guint version, const char *dependencies,
                 gboolean *changed, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%s %u %s", lesson_id, version, dependencies != NULL ? dependencies : "");
  int known = GPOINTER_TO_INT (g_hash_table_lookup (context->changed, key));

  if (known == 0)
    {
      if (!hb_lesson_changes_since (context->store, lesson_id, version, dependencies, changed, error))
        return FALSE;
      g_hash_table_insert (context->changed, g_steal_pointer (&key), GINT_TO_POINTER (*changed ? 1 : 2));
      return TRUE;
    }
  *changed = known == 1;
  return TRUE;
}

/* The last day to complete a lesson: @due_days after the later of the
 * day the person's profile was made and the day the version came in
 * force. */
static char *
due_on (const char *profile_created, const char *since, guint due_days)
{
  g_autofree char *created = date_of (profile_created);
  const char *start = created;
  GDate date;
  char buffer[16];

  if (due_days == 0)
    return NULL;
  if (since != NULL && (start == NULL || strcmp (since, start) > 0))
    start = since;
  if (start == NULL)
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, start);
  if (!g_date_valid (&date))
    return NULL;
  g_date_add_days (&date, due_days);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &date);
  return g_strdup (buffer);
}

static HbCourseProgress *
course_progress (Context *context, const HbCourse *course, const HbProfile *profile, GError **error)
{
  g_autoptr (HbCourseProgress) progress = course_progress_new (course, profile);
  gboolean open = TRUE;

  for (guint i = 0; course->lessons[i] != NULL; i++)
    {
      const char *id = course->lessons[i];
      Lesson *info = g_hash_table_lookup (context->lessons, id);
      HbLessonTotals *totals = lookup_by_profile (context->totals, profile->uuid, id);
      HbReadRecord *read = lookup_by_profile (context->reads, profile->uuid, id);
      HbLessonProgress *lesson;
      gboolean changed = FALSE;

      if (info == NULL)
        continue;

      lesson = g_new0 (HbLessonProgress, 1);
      g_ptr_array_add (progress->lessons, lesson);
      lesson->lesson_id = g_strdup (id);
      lesson->title = g_strdup (hb_article_get_title (info->article));
      lesson->position = progress->lessons->len;
      lesson->has_quiz = info->has_quiz;
      lesson->n_questions = info->n_questions;
      lesson->current_version = hb_article_get_version (info->article);
      lesson->best_score = lesson->last_score = -1;
      lesson->locked = course->sequential && !open;
      if (read != NULL)
        lesson->read_version = read->lesson_version;
      if (totals != NULL)
        {
          lesson->attempts = totals->attempts;
          lesson->best_score = totals->best_score;
          lesson->last_score = totals->last_score;
          lesson->last_attempt_at = g_strdup (totals->last_at);
        }

      if (info->has_quiz && totals != NULL && totals->passed_uuid != NULL)
        {
          lesson->completed_version = totals->passed_version;
          lesson->completed_at = g_strdup (totals->passed_at);
          lesson->completed_dependencies = g_strdup (totals->passed_dependencies);
        }
      else if (!info->has_quiz && read != NULL)
        {
          lesson->completed_version = read->lesson_version;
          lesson->completed_at = g_strdup (read->read_at);
          lesson->completed_dependencies = g_strdup (read->dependencies);
        }

      if (lesson->completed_version > 0)
        {
          if (!context_changed (context, id, lesson->completed_version, lesson->completed_dependencies,
                                &changed, error))
            return NULL;
          lesson->state = changed ? HB_LESSON_NEEDS_REVIEW : HB_LESSON_COMPLETED;
        }
      else if (lesson->attempts > 0)
        lesson->state = HB_LESSON_ATTEMPTED;
      else if (read != NULL)
        lesson->state = HB_LESSON_READ;
      else
        lesson->state = HB_LESSON_NOT_STARTED;

      lesson->due_on = due_on (profile->created_at, info->since, course->due_days);
      lesson->overdue = lesson->state != HB_LESSON_COMPLETED && lesson->due_on != NULL
                        && strcmp (context->today, lesson->due_on) > 0;

      /* Once completed, a lesson that changed does not lock the next one:
       * the person knew it when they moved on. */
      if (lesson->state != HB_LESSON_COMPLETED && lesson->state != HB_LESSON_NEEDS_REVIEW)
        open = FALSE;

      if (lesson->state == HB_LESSON_COMPLETED)
        {
          progress->n_completed++;
          if (progress->completed_at == NULL || g_strcmp0 (lesson->completed_at, progress->completed_at) > 0)
            {
              g_free (progress->completed_at);
              progress->completed_at = g_strdup (lesson->completed_at);
            }
        }
      else if (progress->next_lesson == NULL)
        progress->next_lesson = lesson;
      if (lesson->state == HB_LESSON_NEEDS_REVIEW)
        progress->n_needs_review++;
      if (lesson->overdue)
        progress->n_overdue++;
    }

  progress->completed = progress->lessons->len > 0 && progress->n_completed == progress->lessons->len;
  if (!progress->completed)
    g_clear_pointer (&progress->completed_at, g_free);
  return g_steal_pointer (&progress);
}

static gboolean
add_profile_progress (Context *context, const HbProfile *profile, GPtrArray *out, GError **error)
{
  for (guint i = 0; i < context->courses->len; i++)
    {
      HbCourseProgress *progress = course_progress (context, g_ptr_array_index (context->courses, i),
                                                    profile, error);

      if (progress == NULL)
        return FALSE;
      g_ptr_array_add (out, progress);
    }
  return TRUE;
}

GPtrArray *
hb_progress_load (HbStore *store, const char *profile_uuid, const char *today, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_course_progress_unref);
  g_autoptr (HbProfile) profile = NULL;
  Context context;
  gboolean ok;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_uuid != NULL, NULL);

  profile = hb_store_find_profile (store, profile_uuid, error);
  if (profile == NULL)
    return NULL;
  if (!context_init (&context, store, profile->uuid, today, error))
    {
      context_clear (&context);
      return NULL;
    }
  ok = add_profile_progress (&context, profile, out, error);
  context_clear (&context);
  return ok ? g_steal_pointer (&out) : NULL;
}

GPtrArray *
hb_progress_load_team (HbStore *store, const char *today, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_course_progress_unref);
  g_autoptr (GPtrArray) profiles = NULL;
  Context context;
  gboolean ok = TRUE;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  profiles = hb_store_list_profiles (store, error);
  if (profiles == NULL)
    return NULL;
  if (!context_init (&context, store, NULL, today, error))
    {
      context_clear (&context);
      return NULL;
    }
  for (guint i = 0; ok && i < profiles->len; i++)
    ok = add_profile_progress (&context, g_ptr_array_index (profiles, i), out, error);
  context_clear (&context);
  return ok ? g_steal_pointer (&out) : NULL;
}

gboolean
hb_progress_check_open (HbStore *store, const char *profile_uuid, const char *course_id,
                        const char *lesson_id, GError **error)
{
  g_autoptr (GPtrArray) all = NULL;

  g_return_val_if_fail (HB_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_uuid != NULL && course_id != NULL && lesson_id != NULL, FALSE);

  all = hb_progress_load (store, profile_uuid, NULL, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      HbCourseProgress *progress = g_ptr_array_index (all, i);
      const HbLessonProgress *lesson;

      if (strcmp (progress->course->id, course_id) != 0)
        continue;
      lesson = hb_course_progress_find_lesson (progress, lesson_id);
      if (lesson == NULL || !lesson->locked)
        return TRUE;
      g_set_error (error, HB_COURSE_ERROR, HB_COURSE_ERROR_LOCKED,
                   _("“%s” is taken in order: finish “%s” first"), progress->course->title,
                   progress->next_lesson != NULL ? progress->next_lesson->title : "");
      return FALSE;
    }
  return TRUE;
}

/* CSV ------------------------------------------------------------------------ */

static void
csv_field (GString *out, const char *text, gboolean last)
{
  if (text != NULL && strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (text != NULL)
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_score (GString *out, double score)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (score < 0)
    csv_field (out, "", FALSE);
  else
    csv_field (out, g_ascii_formatd (buffer, sizeof buffer, "%.1f", score * 100), FALSE);
}

static void
csv_uint (GString *out, guint value, gboolean zero_empty)
{
  char buffer[16];

  g_snprintf (buffer, sizeof buffer, "%u", value);
  csv_field (out, zero_empty && value == 0 ? "" : buffer, FALSE);
}

char *
hb_progress_to_csv (GPtrArray *progress)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (progress != NULL, NULL);

  g_string_append (out, "profile_uuid,name,employee_id,role,course_id,course,position,lesson_id,lesson,"
                        "state,attempts,best_score_percent,last_score_percent,last_attempt_at,"
                        "completed_version,current_version,completed_at,due_on,overdue\r\n");
  for (guint i = 0; i < progress->len; i++)
    {
      HbCourseProgress *course = g_ptr_array_index (progress, i);

      for (guint j = 0; j < course->lessons->len; j++)
        {
          HbLessonProgress *lesson = g_ptr_array_index (course->lessons, j);

          csv_field (out, course->profile->uuid, FALSE);
          csv_field (out, course->profile->name, FALSE);
          csv_field (out, course->profile->employee_id, FALSE);
          csv_field (out, hb_profile_role_to_string (course->profile->role), FALSE);
          csv_field (out, course->course->id, FALSE);
          csv_field (out, course->course->title, FALSE);
          csv_uint (out, lesson->position, FALSE);
          csv_field (out, lesson->lesson_id, FALSE);
          csv_field (out, lesson->title, FALSE);
          csv_field (out, hb_lesson_state_to_string (lesson->state), FALSE);
          csv_uint (out, lesson->attempts, FALSE);
          csv_score (out, lesson->best_score);
          csv_score (out, lesson->last_score);
          csv_field (out, lesson->last_attempt_at, FALSE);
          csv_uint (out, lesson->completed_version, TRUE);
          csv_uint (out, lesson->current_version, FALSE);
          csv_field (out, lesson->completed_at, FALSE);
          csv_field (out, lesson->due_on, FALSE);
          csv_field (out, lesson->overdue ? "yes" : "no", TRUE);
        }
    }
  return g_string_free (out, FALSE);
}
