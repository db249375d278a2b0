/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-progress"

#include "config.h"

#include "hb-progress.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hb-store-articles.h"
#include "hb-store-attempts.h"
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

/*
 * What every progress of one report shares: its strings (the lessons'
 * ids, titles and times), the courses and the profiles. A team report
 * is 500 people × 60 lessons; one allocation per string would be most of
 * its time.
 */
typedef struct
{
  gatomicrefcount refs;
  GStringChunk *chunk;
  GPtrArray *courses;  /* (element-type HbCourse) */
  GPtrArray *profiles; /* (element-type HbProfile) */
  GHashTable *days;    /* Julian day -> its "YYYY-MM-DD" in chunk: few days, many lessons */
} Shared;

static Shared *
shared_new (void)
{
  Shared *shared = g_new0 (Shared, 1);

  g_atomic_ref_count_init (&shared->refs);
  shared->chunk = g_string_chunk_new (64 * 1024);
  shared->profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_profile_free);
  shared->days = g_hash_table_new (NULL, NULL);
  return shared;
}

static Shared *
shared_ref (Shared *shared)
{
  g_atomic_ref_count_inc (&shared->refs);
  return shared;
}

static void
shared_unref (Shared *shared)
{
  if (shared == NULL || !g_atomic_ref_count_dec (&shared->refs))
    return;
  g_string_chunk_free (shared->chunk);
  g_hash_table_unref (shared->days);
  g_clear_pointer (&shared->courses, g_ptr_array_unref);
  g_ptr_array_unref (shared->profiles);
  g_free (shared);
}

static const char *
shared_string (Shared *shared, const char *text)
{
  return text != NULL ? g_string_chunk_insert_const (shared->chunk, text) : NULL;
}

typedef struct
{
  HbCourseProgress progress;
  gatomicrefcount refs;
  Shared *shared;
  HbLessonProgress *block; /* the lessons, in one allocation */
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
  g_ptr_array_unref (progress->lessons);
  g_free (self->block);
  shared_unref (self->shared);
  g_free (self);
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

/* A version and the dependencies recorded with it: what was learnt. */
typedef struct
{
  guint version;
  const char *dependencies;
} Learnt;

static guint
learnt_hash (gconstpointer key)
{
  const Learnt *learnt = key;

  return g_str_hash (learnt->dependencies) * 31 + learnt->version;
}

static gboolean
learnt_equal (gconstpointer a, gconstpointer b)
{
  const Learnt *x = a, *y = b;

  return x->version == y->version && strcmp (x->dependencies, y->dependencies) == 0;
}

static void
learnt_free (Learnt *learnt)
{
  g_free ((char *) learnt->dependencies);
  g_free (learnt);
}

typedef struct
{
  HbArticle *article;  /* the version in force, without its body */
  const char *id;
  const char *title;
  gboolean has_quiz;
  guint n_questions;
  guint32 since;       /* the day it came in force (a Julian day), 0 unknown */
  /* Learnt -> 1 what was learnt changed since, 2 it did not */
  GHashTable *changed;
} Lesson;

static void
lesson_free (Lesson *lesson)
{
  g_clear_object (&lesson->article);
  g_clear_pointer (&lesson->changed, g_hash_table_unref);
  g_free (lesson);
}

/* One person's records of one lesson, as the summary gives them. */
typedef struct
{
  gboolean present;
  guint attempts;
  double best_score;
  double last_score;
  const char *last_at;
  guint passed_version;
  const char *passed_dependencies;
  const char *passed_at;
  guint read_version;
  const char *read_dependencies;
  const char *read_at;
} Cell;

/* What the report reads once, whatever the number of people. */
typedef struct
{
  HbStore *store;
  Shared *shared;
  guint32 today;
  GPtrArray *lessons;      /* (element-type Lesson) every lesson of a course */
  GHashTable *lesson_index; /* id -> index + 1 */
  GHashTable *profile_index; /* uuid -> index + 1 into shared->profiles */
  Cell *cells;             /* [profile * lessons->len + lesson] */
  /* The summary's rows come by profile: the last one looked up. */
  char *last_profile;
  guint last_profile_index;
} Context;

static void
context_clear (Context *context)
{
  g_clear_pointer (&context->shared, shared_unref);
  g_clear_pointer (&context->lessons, g_ptr_array_unref);
  g_clear_pointer (&context->lesson_index, g_hash_table_unref);
  g_clear_pointer (&context->profile_index, g_hash_table_unref);
  g_clear_pointer (&context->cells, g_free);
  g_clear_pointer (&context->last_profile, g_free);
}

/* The Julian day of "YYYY-MM-DD…", or 0. */
static guint32
julian_of (const char *text)
{
  guint64 year, month, day;
  char *end;
  GDate date;

  if (text == NULL || strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return 0;
  year = g_ascii_strtoull (text, &end, 10);
  if (end != text + 4)
    return 0;
  month = g_ascii_strtoull (text + 5, &end, 10);
  if (end != text + 7)
    return 0;
  day = g_ascii_strtoull (text + 8, &end, 10);
  if (end != text + 10 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

static gboolean
add_totals_cb (const HbLessonTotals *totals, gpointer user_data)
{
  Context *context = user_data;
  guint lesson = GPOINTER_TO_UINT (g_hash_table_lookup (context->lesson_index, totals->lesson_id));
  Cell *cell;

  if (context->last_profile == NULL || strcmp (context->last_profile, totals->profile_uuid) != 0)
    {
      g_free (context->last_profile);
      context->last_profile = g_strdup (totals->profile_uuid);
      context->last_profile_index = GPOINTER_TO_UINT (g_hash_table_lookup (context->profile_index,
                                                                           totals->profile_uuid));
    }
  if (lesson == 0 || context->last_profile_index == 0)
    return TRUE;

  cell = &context->cells[(context->last_profile_index - 1) * context->lessons->len + lesson - 1];
  cell->present = TRUE;
  cell->attempts = totals->attempts;
  cell->best_score = totals->best_score;
  cell->last_score = totals->last_score;
  cell->last_at = shared_string (context->shared, totals->last_at);
  cell->passed_version = totals->passed_version;
  cell->passed_dependencies = shared_string (context->shared, totals->passed_dependencies);
  cell->passed_at = shared_string (context->shared, totals->passed_at);
  cell->read_version = totals->read_version;
  cell->read_dependencies = shared_string (context->shared, totals->read_dependencies);
  cell->read_at = shared_string (context->shared, totals->read_at);
  return TRUE;
}

/* @profiles: (transfer full): the people to report on. */
static gboolean
context_init (Context *context, HbStore *store, GPtrArray *profiles, const char *today, GError **error)
{
  g_autoptr (GListModel) articles = NULL;
  g_autofree char *day = today != NULL ? g_strdup (today) : hb_util_today ();
  gboolean ok = FALSE;

  memset (context, 0, sizeof *context);
  context->store = store;
  context->today = julian_of (day);
  context->shared = shared_new ();
  context->lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) lesson_free);
  context->lesson_index = g_hash_table_new (g_str_hash, g_str_equal);
  context->profile_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_extend_and_steal (context->shared->profiles, profiles);
  for (guint i = 0; i < context->shared->profiles->len; i++)
    g_hash_table_insert (context->profile_index, ((HbProfile *) g_ptr_array_index (context->shared->profiles, i))->uuid,
                         GUINT_TO_POINTER (i + 1));

  /* One state of the database for all of it. */
  if (!hb_store_read_begin (store, error))
    return FALSE;

  context->shared->courses = hb_course_list (store, error);
  if (context->shared->courses == NULL)
    goto out;
  articles = hb_store_list_articles (store, NULL, error);
  if (articles == NULL)
    goto out;

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr (HbArticle) article = g_list_model_get_item (articles, i);
      gboolean in_course = FALSE;
      g_autofree char *quiz = NULL;
      Lesson *lesson;

      for (guint c = 0; !in_course && c < context->shared->courses->len; c++)
        in_course = hb_course_get_lesson_index (g_ptr_array_index (context->shared->courses, c),
                                                hb_article_get_id (article)) >= 0;
      if (!in_course)
        continue;

      lesson = g_new0 (Lesson, 1);
      lesson->article = g_object_ref (article);
      lesson->id = shared_string (context->shared, hb_article_get_id (article));
      lesson->title = shared_string (context->shared, hb_article_get_title (article));
      g_ptr_array_add (context->lessons, lesson);
      g_hash_table_insert (context->lesson_index, (gpointer) lesson->id, GUINT_TO_POINTER (context->lessons->len));
      if (!hb_lesson_get_fingerprint (store, lesson->id, hb_article_get_version (article), NULL, &quiz,
                                      &lesson->n_questions, NULL, error))
        goto out;
      lesson->has_quiz = quiz != NULL;
      lesson->since = julian_of (hb_article_get_effective (article));
      if (lesson->since == 0)
        lesson->since = julian_of (hb_article_get_imported_at (article));
      lesson->changed = g_hash_table_new_full (learnt_hash, learnt_equal, (GDestroyNotify) learnt_free, NULL);
    }

  context->cells = g_new0 (Cell, (gsize) MAX (context->shared->profiles->len, 1) * MAX (context->lessons->len, 1));
  ok = hb_store_foreach_lesson_totals (store,
                                       context->shared->profiles->len == 1
                                         ? ((HbProfile *) g_ptr_array_index (context->shared->profiles, 0))->uuid
                                         : NULL,
                                       add_totals_cb, context, error);

out:
  hb_store_read_end (store);
  return ok;
}

/* Whether what was learnt under @version with @dependencies changed since;
 * asked once per lesson, version and dependencies, however many people. */
static gboolean
context_changed (Context *context, Lesson *lesson, guint version, const char *dependencies, gboolean *changed,
                 GError **error)
{
  Learnt key = { version, dependencies != NULL ? dependencies : "" };
  int known = GPOINTER_TO_INT (g_hash_table_lookup (lesson->changed, &key));

  if (known == 0)
    {
      Learnt *stored;

      if (!hb_lesson_changes_since (context->store, lesson->id, version, dependencies, changed, error))
        return FALSE;
      stored = g_new0 (Learnt, 1);
      stored->version = version;
      stored->dependencies = g_strdup (key.dependencies);
      g_hash_table_insert (lesson->changed, stored, GINT_TO_POINTER (*changed ? 1 : 2));
      return TRUE;
    }
  *changed = known == 1;
  return TRUE;
}

/* The last day to complete a lesson: @due_days after the later of the
 * day the person's profile was made and the day the version came in
 * force (Julian days). */
static guint32
due_on (guint32 profile_created, guint32 since, guint due_days)
{
  guint32 start = MAX (profile_created, since);

  if (due_days == 0 || start == 0)
    return 0;
  return start + due_days;
}

static const char *
format_julian (Shared *shared, guint32 julian)
{
  GDate date;
  char text[16];
  const char *known;

  if (julian == 0)
    return NULL;
  known = g_hash_table_lookup (shared->days, GUINT_TO_POINTER (julian));
  if (known != NULL)
    return known;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
              g_date_get_day (&date));
  known = shared_string (shared, text);
  g_hash_table_insert (shared->days, GUINT_TO_POINTER (julian), (gpointer) known);
  return known;
}

static HbCourseProgress *
course_progress (Context *context, const HbCourse *course, guint profile_index, GError **error)
{
  CourseProgress *self = g_new0 (CourseProgress, 1);
  g_autoptr (HbCourseProgress) progress = &self->progress;
  const HbProfile *profile = g_ptr_array_index (context->shared->profiles, profile_index);
  guint n = g_strv_length (course->lessons);
  guint32 created = julian_of (profile->created_at);
  gboolean open = TRUE;

  g_atomic_ref_count_init (&self->refs);
  self->shared = shared_ref (context->shared);
  self->block = g_new0 (HbLessonProgress, MAX (n, 1));
  progress->course = course;
  progress->profile = profile;
  progress->lessons = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (context->lesson_index, course->lessons[i]));
      Lesson *info = index > 0 ? g_ptr_array_index (context->lessons, index - 1) : NULL;
      const Cell *cell;
      HbLessonProgress *lesson;
      gboolean changed = FALSE;
      guint32 due;

      if (info == NULL)
        continue;
      cell = &context->cells[profile_index * context->lessons->len + index - 1];

      lesson = &self->block[progress->lessons->len];
      g_ptr_array_add (progress->lessons, lesson);
      lesson->lesson_id = info->id;
      lesson->title = info->title;
      lesson->position = progress->lessons->len;
      lesson->has_quiz = info->has_quiz;
      lesson->n_questions = info->n_questions;
      lesson->current_version = hb_article_get_version (info->article);
      lesson->best_score = lesson->last_score = -1;
      lesson->locked = course->sequential && !open;
      if (cell->present)
        {
          lesson->read_version = cell->read_version;
          lesson->attempts = cell->attempts;
          lesson->best_score = cell->best_score;
          lesson->last_score = cell->last_score;
          lesson->last_attempt_at = cell->last_at;
        }

      if (info->has_quiz && cell->passed_version > 0)
        {
          lesson->completed_version = cell->passed_version;
          lesson->completed_at = cell->passed_at;
          lesson->completed_dependencies = cell->passed_dependencies;
        }
      else if (!info->has_quiz && cell->read_version > 0)
        {
          lesson->completed_version = cell->read_version;
          lesson->completed_at = cell->read_at;
          lesson->completed_dependencies = cell->read_dependencies;
        }

      if (lesson->completed_version > 0)
        {
          if (!context_changed (context, info, lesson->completed_version, lesson->completed_dependencies, &changed,
                                error))
            return NULL;
          lesson->state = changed ? HB_LESSON_NEEDS_REVIEW : HB_LESSON_COMPLETED;
        }
      else if (lesson->attempts > 0)
        lesson->state = HB_LESSON_ATTEMPTED;
      else if (lesson->read_version > 0)
        lesson->state = HB_LESSON_READ;
      else
        lesson->state = HB_LESSON_NOT_STARTED;

      due = due_on (created, info->since, course->due_days);
      lesson->due_on = format_julian (context->shared, due);
      lesson->overdue = lesson->state != HB_LESSON_COMPLETED && due != 0 && context->today > due;

      /* Once completed, a lesson that changed does not lock the next one:
       * the person knew it when they moved on. */
      if (lesson->state != HB_LESSON_COMPLETED && lesson->state != HB_LESSON_NEEDS_REVIEW)
        open = FALSE;

      if (lesson->state == HB_LESSON_COMPLETED)
        {
          progress->n_completed++;
          if (progress->completed_at == NULL || g_strcmp0 (lesson->completed_at, progress->completed_at) > 0)
            progress->completed_at = lesson->completed_at;
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
    progress->completed_at = NULL;
  return g_steal_pointer (&progress);
}

static gboolean
add_profile_progress (Context *context, guint profile_index, GPtrArray *out, GError **error)
{
  for (guint i = 0; i < context->shared->courses->len; i++)
    {
      HbCourseProgress *progress = course_progress (context, g_ptr_array_index (context->shared->courses, i),
                                                    profile_index, error);

      if (progress == NULL)
        return FALSE;
      g_ptr_array_add (out, progress);
    }
  return TRUE;
}

static GPtrArray *
load (HbStore *store, GPtrArray *profiles, const char *today, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_course_progress_unref);
  Context context;
  gboolean ok;

  ok = context_init (&context, store, profiles, today, error);
  for (guint i = 0; ok && i < context.shared->profiles->len; i++)
    ok = add_profile_progress (&context, i, out, error);
  context_clear (&context);
  return ok ? g_steal_pointer (&out) : NULL;
}

GPtrArray *
hb_progress_load (HbStore *store, const char *profile_uuid, const char *today, GError **error)
{
  g_autoptr (GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_profile_free);
  HbProfile *profile;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_uuid != NULL, NULL);

  profile = hb_store_find_profile (store, profile_uuid, error);
  if (profile == NULL)
    return NULL;
  g_ptr_array_add (profiles, profile);
  return load (store, g_steal_pointer (&profiles), today, error);
}

GPtrArray *
hb_progress_load_team (HbStore *store, const char *today, GError **error)
{
  GPtrArray *profiles;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  profiles = hb_store_list_profiles (store, error);
  if (profiles == NULL)
    return NULL;
  return load (store, profiles, today, error);
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
