/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-course"

#include "config.h"

#include "hb-course.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "hb-diff.h"
#include "hb-frontmatter.h"
#include "hb-quiz.h"
#include "hb-store-articles.h"
#include "hb-store-content.h"
#include "hb-store-reads.h"

G_DEFINE_QUARK (hb-course-error-quark, hb_course_error)

G_DEFINE_BOXED_TYPE (HbCourse, hb_course, hb_course_copy, hb_course_free)

HbCourse *
hb_course_copy (const HbCourse *course)
{
  HbCourse *copy = g_new0 (HbCourse, 1);
  guint n = course->lessons != NULL ? g_strv_length (course->lessons) : 0;

  copy->id = g_strdup (course->id);
  copy->title = g_strdup (course->title);
  copy->description = g_strdup (course->description);
  copy->lang = g_strdup (course->lang);
  copy->pass_mark = course->pass_mark;
  copy->sequential = course->sequential;
  copy->due_days = course->due_days;
  copy->lessons = g_strdupv (course->lessons);
  copy->lesson_lines = g_new0 (guint, n + 1);
  if (course->lesson_lines != NULL)
    memcpy (copy->lesson_lines, course->lesson_lines, n * sizeof (guint));
  copy->source = g_strdup (course->source);
  copy->version = course->version;
  return copy;
}

void
hb_course_free (HbCourse *course)
{
  if (course == NULL)
    return;
  g_free (course->id);
  g_free (course->title);
  g_free (course->description);
  g_free (course->lang);
  g_strfreev (course->lessons);
  g_free (course->lesson_lines);
  g_free (course->source);
  g_free (course);
}

int
hb_course_get_lesson_index (const HbCourse *course, const char *lesson_id)
{
  g_return_val_if_fail (course != NULL, -1);

  for (guint i = 0; lesson_id != NULL && course->lessons[i] != NULL; i++)
    if (strcmp (course->lessons[i], lesson_id) == 0)
      return (int) i;
  return -1;
}

/* Parsing ----------------------------------------------------------------- */

G_GNUC_PRINTF (4, 5)
static void
add_problem (GString *problems, const char *file, guint line, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  if (line > 0)
    g_string_append_printf (problems, "%s:%u: %s", file, line, message);
  else
    g_string_append_printf (problems, "%s: %s", file, message);
}

/* A scalar as text: strings, and numbers written where a name was meant. */
static char *
scalar_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strstrip (g_strdup (json_node_get_string (node)));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return NULL;
    }
}

static const char *
scalar_text_peek (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

static gboolean
is_valid_id (const char *id)
{
  return id != NULL && *id != '\0' && strlen (id) <= 200 && strpbrk (id, "\t\n\r#?") == NULL;
}

static guint
line_of (HbYamlDocument *document, guint offset, JsonNode *node)
{
  guint line = hb_yaml_document_get_line (document, node);

  return line > 0 ? line + offset : 0;
}

/*
 * A course written as Markdown: its settings in the front matter (with
 * "kind: course"), its description in the body. Finds the YAML between the
 * first line "---" and the next "---" (or "..."), the lines before it and
 * the body after it. FALSE when @text is no such file.
 */
static gboolean
split_markdown (const char *text, char **yaml, guint *offset, char **body)
{
  const char *start;
  const char *line;

  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    text += 3;
  if (!g_str_has_prefix (text, "---\n") && !g_str_has_prefix (text, "---\r\n"))
    return FALSE;
  start = strchr (text, '\n') + 1;
  for (line = start; *line != '\0'; line = strchr (line, '\n') + 1)
    {
      const char *end = strchr (line, '\n');
      gsize len = end != NULL ? (gsize) (end - line) : strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        len--;
      if ((len == 3 && strncmp (line, "---", 3) == 0) || (len == 3 && strncmp (line, "...", 3) == 0))
        {
          *yaml = g_strndup (start, line - start);
          *offset = 1;
          *body = g_strstrip (g_strdup (end != NULL ? end + 1 : ""));
          return TRUE;
        }
      if (end == NULL)
        break;
    }
  return FALSE;
}

HbCourse *
hb_course_parse (const char *text, const char *file, GError **error)
{
  g_autofree char *front_matter = NULL;
  g_autofree char *body = NULL;
  guint offset = 0;
  g_autoptr (HbYamlDocument) document = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (HbCourse) course = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GPtrArray) lessons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) lines = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object;
  JsonNode *node;
  guint error_line = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);

  if (split_markdown (text, &front_matter, &offset, &body))
    text = front_matter;
  document = hb_yaml_parse (text, -1, &error_line, &local_error);
  if (document == NULL)
    {
      add_problem (problems, file, error_line > 0 ? error_line + offset : 0, "%s", local_error->message);
      g_set_error_literal (error, HB_COURSE_ERROR, HB_COURSE_ERROR_INVALID, problems->str);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (document->root))
    {
      add_problem (problems, file, 1,
                   _("a course file is a YAML mapping with id, title and lessons"));
      g_set_error_literal (error, HB_COURSE_ERROR, HB_COURSE_ERROR_INVALID, problems->str);
      return NULL;
    }
  object = json_node_get_object (document->root);

  course = g_new0 (HbCourse, 1);
  course->pass_mark = HB_COURSE_DEFAULT_PASS_MARK;
  course->due_days = HB_COURSE_DEFAULT_DUE_DAYS;

  node = json_object_get_member (object, "id");
  course->id = scalar_text (node);
  if (node == NULL)
    add_problem (problems, file, 1, _("the course has no “id”"));
  else if (!is_valid_id (course->id))
    add_problem (problems, file, line_of (document, offset, node),
                 _("“id” must be one line of at most 200 characters without “#” or “?”"));

  node = json_object_get_member (object, "title");
  course->title = scalar_text (node);
  if (node == NULL)
    add_problem (problems, file, 1, _("the course has no “title”"));
  else if (course->title == NULL || *course->title == '\0')
    add_problem (problems, file, line_of (document, offset, node),
                 _("“title” must be text"));

  node = json_object_get_member (object, "description");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      course->description = scalar_text (node);
      if (course->description == NULL)
        add_problem (problems, file, line_of (document, offset, node),
                     _("“description” must be text"));
    }

  /* A Markdown course is described by its body. */
  if (course->description == NULL && body != NULL && *body != '\0')
    course->description = g_strdup (body);

  node = json_object_get_member (object, "kind");
  if (front_matter != NULL && g_strcmp0 (node != NULL ? scalar_text_peek (node) : NULL, "course") != 0)
    add_problem (problems, file, node != NULL ? line_of (document, offset, node) : 1,
                 _("a course written in Markdown has “kind: course” in its front matter"));

  node = json_object_get_member (object, "lang");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      course->lang = scalar_text (node);
      if (course->lang == NULL || *course->lang == '\0')
        add_problem (problems, file, line_of (document, offset, node),
                     _("“lang” must be a language such as en or zh-CN"));
    }

  node = json_object_get_member (object, "pass_mark");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
      double mark = type == G_TYPE_INT64 || type == G_TYPE_DOUBLE ? json_node_get_double (node) : NAN;

      if (!(mark >= 0 && mark <= 100))
        add_problem (problems, file, line_of (document, offset, node),
                     _("“pass_mark” must be a percentage from 0 to 100, such as 80"));
      else
        course->pass_mark = mark;
    }

  node = json_object_get_member (object, "sequential");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        add_problem (problems, file, line_of (document, offset, node),
                     _("“sequential” must be true or false"));
      else
        course->sequential = json_node_get_boolean (node);
    }

  node = json_object_get_member (object, "due_days");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 0 || json_node_get_int (node) > 3650)
        add_problem (problems, file, line_of (document, offset, node),
                     _("“due_days” must be a whole number of days from 0 to 3650"));
      else
        course->due_days = (guint) json_node_get_int (node);
    }

  node = json_object_get_member (object, "lessons");
  if (node == NULL)
    add_problem (problems, file, 1, _("the course has no “lessons”"));
  else if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    add_problem (problems, file, line_of (document, offset, node),
                 _("“lessons” must be a list of lesson ids, such as [lesson-evidence]"));
  else
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          guint line = line_of (document, offset, item);
          char *lesson = scalar_text (item);

          if (!is_valid_id (lesson))
            {
              add_problem (problems, file, line, _("a lesson is named by its article id"));
              g_free (lesson);
              continue;
            }
          if (g_hash_table_contains (seen, lesson))
            {
              add_problem (problems, file, line, _("the lesson “%s” is listed twice"), lesson);
              g_free (lesson);
              continue;
            }
          g_hash_table_add (seen, lesson);
          g_ptr_array_add (lessons, lesson);
          g_array_append_val (lines, line);
        }
    }

  if (problems->len > 0)
    {
      g_set_error_literal (error, HB_COURSE_ERROR, HB_COURSE_ERROR_INVALID, problems->str);
      return NULL;
    }

  g_ptr_array_add (lessons, NULL);
  course->lessons = (char **) g_ptr_array_free (g_steal_pointer (&lessons), FALSE);
  g_array_append_val (lines, (guint) { 0 });
  course->lesson_lines = (guint *) g_array_free (g_steal_pointer (&lines), FALSE);
  return g_steal_pointer (&course);
}

/* Listing ------------------------------------------------------------------ */

static int
compare_lessons (gconstpointer a, gconstpointer b)
{
  HbArticle *x = *(HbArticle **) a;
  HbArticle *y = *(HbArticle **) b;

  if (hb_article_get_order (x) != hb_article_get_order (y))
    return hb_article_get_order (x) < hb_article_get_order (y) ? -1 : 1;
  return strcmp (hb_article_get_id (x), hb_article_get_id (y));
}

/* Adds the lessons whose front matter names @course and that it does not
 * list, by their order. */
static void
add_front_matter_lessons (HbCourse *course, GPtrArray *named)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) lines = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint i = 0; course->lessons[i] != NULL; i++)
    {
      g_ptr_array_add (ids, g_strdup (course->lessons[i]));
      g_array_append_val (lines, course->lesson_lines[i]);
    }

  if (named != NULL)
    g_ptr_array_sort (named, compare_lessons);
  for (guint i = 0; named != NULL && i < named->len; i++)
    {
      HbArticle *article = g_ptr_array_index (named, i);
      guint zero = 0;

      if (hb_course_get_lesson_index (course, hb_article_get_id (article)) >= 0)
        continue;
      g_ptr_array_add (ids, g_strdup (hb_article_get_id (article)));
      g_array_append_val (lines, zero);
    }

  g_ptr_array_add (ids, NULL);
  g_strfreev (course->lessons);
  course->lessons = (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  g_array_append_val (lines, (guint) { 0 });
  g_free (course->lesson_lines);
  course->lesson_lines = (guint *) g_array_free (g_steal_pointer (&lines), FALSE);
}

/* Leaves out the lessons that are not in the handbook. */
static void
keep_known_lessons (HbCourse *course, GHashTable *articles)
{
  guint kept = 0;

  for (guint i = 0; course->lessons[i] != NULL; i++)
    {
      if (g_hash_table_contains (articles, course->lessons[i]))
        {
          course->lessons[kept] = course->lessons[i];
          course->lesson_lines[kept] = course->lesson_lines[i];
          kept++;
        }
      else
        g_free (course->lessons[i]);
    }
  course->lessons[kept] = NULL;
  course->lesson_lines[kept] = 0;
}

GPtrArray *
hb_course_list (HbStore *store, GError **error)
{
  g_autoptr (GPtrArray) courses = g_ptr_array_new_with_free_func ((GDestroyNotify) hb_course_free);
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GListModel) articles = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  /* course id -> (element-type HbArticle) the lessons naming it */
  g_autoptr (GHashTable) named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) named_order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  if (!hb_store_read_begin (store, error))
    return NULL;
  files = hb_store_list_content (store, HB_CONTENT_KIND_COURSE, error);
  articles = files != NULL ? hb_store_list_articles (store, NULL, error) : NULL;
  hb_store_read_end (store);
  if (articles == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr (HbArticle) article = g_list_model_get_item (articles, i);
      const char *course = hb_article_get_course (article);
      GPtrArray *list;

      g_hash_table_insert (by_id, (gpointer) hb_article_get_id (article), article);
      if (course == NULL || *course == '\0')
        continue;
      list = g_hash_table_lookup (named, course);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (named, g_strdup (course), list);
          g_ptr_array_add (named_order, g_strdup (course));
        }
      g_ptr_array_add (list, g_object_ref (article));
    }

  for (guint i = 0; i < files->len; i++)
    {
      HbContentRecord *file = g_ptr_array_index (files, i);
      g_autoptr (GError) local_error = NULL;
      HbCourse *course = hb_course_parse (file->text, file->source, &local_error);

      /* The import checked it; a course file from an older Handbook that
       * did not is left out rather than failing the list. */
      if (course == NULL)
        {
          g_warning ("%s", local_error->message);
          continue;
        }
      if (g_hash_table_contains (taken, course->id))
        {
          hb_course_free (course);
          continue;
        }
      course->source = g_strdup (file->id);
      course->version = file->version;
      add_front_matter_lessons (course, g_hash_table_lookup (named, course->id));
      keep_known_lessons (course, by_id);
      g_hash_table_add (taken, course->id);
      g_ptr_array_add (courses, course);
    }

  /* Courses only front matter names. */
  for (guint i = 0; i < named_order->len; i++)
    {
      const char *id = g_ptr_array_index (named_order, i);
      HbCourse *course;

      if (g_hash_table_contains (taken, id))
        continue;
      course = g_new0 (HbCourse, 1);
      course->id = g_strdup (id);
      course->title = g_strdup (id);
      course->pass_mark = HB_COURSE_DEFAULT_PASS_MARK;
      course->due_days = HB_COURSE_DEFAULT_DUE_DAYS;
      course->lessons = g_new0 (char *, 1);
      course->lesson_lines = g_new0 (guint, 1);
      add_front_matter_lessons (course, g_hash_table_lookup (named, id));
      g_ptr_array_add (courses, course);
    }

  /* The articles are freed with the model; nothing keeps their ids. */
  g_hash_table_remove_all (by_id);
  return g_steal_pointer (&courses);
}

HbCourse *
hb_course_find (HbStore *store, const char *id, GError **error)
{
  g_autoptr (GPtrArray) courses = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  courses = hb_course_list (store, error);
  if (courses == NULL)
    return NULL;
  for (guint i = 0; i < courses->len; i++)
    {
      HbCourse *course = g_ptr_array_index (courses, i);

      if (strcmp (course->id, id) == 0)
        return g_ptr_array_steal_index (courses, i);
    }
  g_set_error (error, HB_COURSE_ERROR, HB_COURSE_ERROR_NOT_FOUND, _("No course “%s”"), id);
  return NULL;
}

HbCourse *
hb_course_find_for_lesson (HbStore *store, const char *lesson_id, GError **error)
{
  g_autoptr (GPtrArray) courses = NULL;

  g_return_val_if_fail (lesson_id != NULL, NULL);

  courses = hb_course_list (store, error);
  if (courses == NULL)
    return NULL;
  for (guint i = 0; i < courses->len; i++)
    if (hb_course_get_lesson_index (g_ptr_array_index (courses, i), lesson_id) >= 0)
      return g_ptr_array_steal_index (courses, i);
  return NULL;
}

/* Versions and what changed ------------------------------------------------ */

/* The "depends_on" of a version's front matter. */
static char **
front_matter_dependencies (HbArticle *article)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *json = hb_article_get_front_matter (article);
  JsonNode *root;
  JsonNode *node = NULL;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    node = json_object_get_member (json_node_get_object (root), "depends_on");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          char *id = scalar_text (json_array_get_element (array, i));

          if (id != NULL && *id != '\0')
            g_ptr_array_add (ids, id);
          else
            g_free (id);
        }
    }
  else if (node != NULL)
    {
      char *id = scalar_text (node);

      if (id != NULL && *id != '\0')
        g_ptr_array_add (ids, id);
      else
        g_free (id);
    }

  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

char *
hb_lesson_get_dependencies (HbStore *store, const char *lesson_id, guint version, GError **error)
{
  g_autoptr (HbArticle) lesson = NULL;
  g_autoptr (GListModel) articles = NULL;
  g_autoptr (GHashTable) in_force = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GString) text = g_string_new (NULL);
  g_auto (GStrv) ids = NULL;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (lesson_id != NULL, NULL);

  lesson = hb_store_get_article (store, lesson_id, version, error);
  if (lesson == NULL)
    return NULL;
  ids = front_matter_dependencies (lesson);
  if (ids[0] == NULL)
    return g_strdup ("");

  articles = hb_store_list_articles (store, NULL, error);
  if (articles == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      HbArticle *article = g_list_model_get_item (articles, i);

      g_hash_table_insert (in_force, (gpointer) hb_article_get_id (article),
                           GUINT_TO_POINTER (hb_article_get_version (article)));
      g_object_unref (article); /* the model keeps it */
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint current = GPOINTER_TO_UINT (g_hash_table_lookup (in_force, ids[i]));

      if (current == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s@%u", ids[i], current);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "id@3 other@1" -> pairs. */
static gboolean
next_dependency (const char **cursor, char **id, guint *version)
{
  const char *p = *cursor;
  const char *start, *at, *end;
  guint64 number = 0;

  while (*p == ' ')
    p++;
  if (*p == '\0')
    return FALSE;
  start = p;
  while (*p != '\0' && *p != ' ')
    p++;
  end = p;
  *cursor = p;
  at = g_strrstr_len (start, end - start, "@");
  if (at == NULL)
    {
      *id = g_strndup (start, end - start);
      *version = 0;
      return TRUE;
    }
  *id = g_strndup (start, at - start);
  {
    g_autofree char *digits = g_strndup (at + 1, end - at - 1);

    g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT, &number, NULL);
  }
  *version = (guint) number;
  return TRUE;
}

/*
 * What a version teaches, by the article's content hash: versions never
 * change, so what is known of one (in any database) stays true.
 */
typedef struct
{
  char *text_sha256;
  char *quiz_sha256;
  guint n_questions;
} Fingerprint;

static GMutex fingerprints_lock;
static GHashTable *fingerprints; /* article sha256 -> Fingerprint */

static void
fingerprint_free (Fingerprint *fingerprint)
{
  g_free (fingerprint->text_sha256);
  g_free (fingerprint->quiz_sha256);
  g_free (fingerprint);
}

/* The hashes of version @version (0: in force) of @id. */
static gboolean
version_fingerprint (HbStore *store, const char *id, guint version, char **text_sha256,
                     char **quiz_sha256, guint *n_questions, guint *resolved, GError **error)
{
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (HbArticle) article = NULL;
  const char *sha = NULL;
  guint wanted = version;
  Fingerprint *found;

  history = hb_store_get_history (store, id, error);
  if (history == NULL)
    return FALSE;
  for (guint i = 0; i < history->len; i++)
    {
      HbArticle *entry = g_ptr_array_index (history, i);

      if (wanted == 0)
        wanted = hb_article_get_current_version (entry);
      if (hb_article_get_version (entry) == wanted)
        sha = hb_article_get_sha256 (entry);
    }
  if (sha == NULL)
    {
      g_set_error (error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND,
                   _("The article “%s” has no version %u"), id, wanted);
      return FALSE;
    }
  if (resolved != NULL)
    *resolved = wanted;

  g_mutex_lock (&fingerprints_lock);
  found = fingerprints != NULL ? g_hash_table_lookup (fingerprints, sha) : NULL;
  if (found != NULL)
    {
      *text_sha256 = g_strdup (found->text_sha256);
      *quiz_sha256 = g_strdup (found->quiz_sha256);
      if (n_questions != NULL)
        *n_questions = found->n_questions;
    }
  g_mutex_unlock (&fingerprints_lock);
  if (found != NULL)
    return TRUE;

  article = hb_store_get_article (store, id, wanted, error);
  if (article == NULL)
    return FALSE;
  hb_quiz_fingerprint (hb_article_get_body (article), text_sha256, quiz_sha256);

  found = g_new0 (Fingerprint, 1);
  found->text_sha256 = g_strdup (*text_sha256);
  found->quiz_sha256 = g_strdup (*quiz_sha256);
  if (*quiz_sha256 != NULL)
    {
      g_autoptr (HbGiftQuiz) quiz = hb_quiz_parse_markdown (hb_article_get_body (article), "-", 1, NULL, NULL);

      for (guint i = 0; quiz != NULL && i < quiz->questions->len; i++)
        found->n_questions += ((HbGiftQuestion *) g_ptr_array_index (quiz->questions, i))->type
                              != HB_GIFT_DESCRIPTION;
    }
  if (n_questions != NULL)
    *n_questions = found->n_questions;
  g_mutex_lock (&fingerprints_lock);
  if (fingerprints == NULL)
    fingerprints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) fingerprint_free);
  g_hash_table_replace (fingerprints, g_strdup (sha), found);
  g_mutex_unlock (&fingerprints_lock);
  return TRUE;
}

gboolean
hb_lesson_get_fingerprint (HbStore *store, const char *lesson_id, guint version, char **text_sha256,
                           char **quiz_sha256, guint *n_questions, guint *resolved, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *quiz = NULL;

  g_return_val_if_fail (HB_IS_STORE (store), FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);

  if (!version_fingerprint (store, lesson_id, version, &text, &quiz, n_questions, resolved, error))
    return FALSE;
  if (text_sha256 != NULL)
    *text_sha256 = g_steal_pointer (&text);
  if (quiz_sha256 != NULL)
    *quiz_sha256 = g_steal_pointer (&quiz);
  return TRUE;
}

/* Whether two versions of @id teach something different: the lesson's
 * text or quiz, or for another article its text. */
static gboolean
versions_differ (HbStore *store, const char *id, guint old_version, guint new_version,
                 gboolean *text_changed, gboolean *quiz_changed, GError **error)
{
  g_autofree char *old_text = NULL, *old_quiz = NULL, *new_text = NULL, *new_quiz = NULL;
  guint resolved_old = 0, resolved_new = 0;

  *text_changed = *quiz_changed = FALSE;
  if (!version_fingerprint (store, id, new_version, &new_text, &new_quiz, NULL, &resolved_new, error))
    return FALSE;
  if (old_version == resolved_new)
    return TRUE;
  if (!version_fingerprint (store, id, old_version, &old_text, &old_quiz, NULL, &resolved_old, error))
    return FALSE;
  *text_changed = g_strcmp0 (old_text, new_text) != 0;
  *quiz_changed = g_strcmp0 (old_quiz, new_quiz) != 0;
  return TRUE;
}

gboolean
hb_lesson_changes_since (HbStore *store, const char *lesson_id, guint version,
                         const char *dependencies, gboolean *changed, GError **error)
{
  gboolean text_changed, quiz_changed;
  const char *cursor = dependencies;
  char *id;
  guint dep_version;

  g_return_val_if_fail (HB_IS_STORE (store), FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);
  g_return_val_if_fail (changed != NULL, FALSE);

  *changed = FALSE;
  if (!versions_differ (store, lesson_id, version, 0, &text_changed, &quiz_changed, error))
    return FALSE;
  if (text_changed || quiz_changed)
    {
      *changed = TRUE;
      return TRUE;
    }

  while (cursor != NULL && next_dependency (&cursor, &id, &dep_version))
    {
      g_autofree char *owned = id;
      g_autoptr (GError) local_error = NULL;

      if (dep_version == 0)
        continue;
      /* An article taken out of the handbook changes nothing to learn. */
      if (!versions_differ (store, owned, dep_version, 0, &text_changed, &quiz_changed, &local_error))
        {
          if (g_error_matches (local_error, HB_STORE_ERROR, HB_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (text_changed)
        {
          *changed = TRUE;
          return TRUE;
        }
    }
  return TRUE;
}

GPtrArray *
hb_lesson_describe_changes (HbStore *store, const char *lesson_id, guint old_version,
                            const char *dependencies, GError **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (HbArticle) current = NULL;
  gboolean text_changed, quiz_changed;
  const char *cursor = dependencies;
  char *id;
  guint dep_version;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);
  g_return_val_if_fail (lesson_id != NULL, NULL);

  if (!versions_differ (store, lesson_id, old_version, 0, &text_changed, &quiz_changed, error))
    return NULL;

  if (text_changed)
    {
      g_autoptr (HbArticle) old = hb_store_get_article (store, lesson_id, old_version, error);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      g_autoptr (HbDiff) diff = NULL;
      const HbDiffSummary *summary;

      current = hb_store_get_article (store, lesson_id, 0, error);
      if (old == NULL || current == NULL)
        return NULL;
      old_text = hb_quiz_strip_markdown (hb_article_get_body (old));
      new_text = hb_quiz_strip_markdown (hb_article_get_body (current));
      diff = hb_diff_markdown (old_text, new_text, error);
      if (diff == NULL)
        return NULL;
      summary = hb_diff_get_summary (diff);
      for (guint i = 0; i < summary->sections->len; i++)
        {
          HbDiffSection *section = g_ptr_array_index (summary->sections, i);
          const char *heading = section->text != NULL ? section->text : _("the introduction");

          if (section->change == HB_DIFF_ADDED)
            g_ptr_array_add (lines, g_strdup_printf (_("New section: %s"), heading));
          else if (section->change == HB_DIFF_REMOVED)
            g_ptr_array_add (lines, g_strdup_printf (_("Section removed: %s"), heading));
          else
            g_ptr_array_add (lines, g_strdup_printf (_("Changed: %s"), heading));
        }
    }
  if (quiz_changed)
    g_ptr_array_add (lines, g_strdup (_("The quiz changed")));

  while (cursor != NULL && next_dependency (&cursor, &id, &dep_version))
    {
      g_autofree char *owned = id;
      g_autoptr (GError) local_error = NULL;
      g_autoptr (HbArticle) article = NULL;
      gboolean dep_text, dep_quiz;

      if (dep_version == 0
          || !versions_differ (store, owned, dep_version, 0, &dep_text, &dep_quiz, &local_error)
          || !dep_text)
        continue;
      article = hb_store_get_article (store, owned, 0, NULL);
      if (article != NULL)
        g_ptr_array_add (lines, g_strdup_printf (_("New version of “%s” (%u → %u)"),
                                                 hb_article_get_title (article), dep_version,
                                                 hb_article_get_version (article)));
    }

  return g_steal_pointer (&lines);
}

gboolean
hb_lesson_record_read (HbStore *store, const char *profile_uuid, const char *lesson_id,
                       guint version, const char *read_at, GError **error)
{
  g_autoptr (HbStoreWrite) write = NULL;
  g_autoptr (HbArticle) lesson = NULL;
  g_autoptr (HbReadRecord) record = NULL;

  g_return_val_if_fail (HB_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile_uuid != NULL && lesson_id != NULL, FALSE);

  lesson = hb_store_get_article (store, lesson_id, version, error);
  if (lesson == NULL)
    return FALSE;

  record = g_new0 (HbReadRecord, 1);
  record->profile_uuid = g_strdup (profile_uuid);
  record->lesson_id = g_strdup (lesson_id);
  record->lesson_version = hb_article_get_version (lesson);
  record->read_at = g_strdup (read_at);
  record->dependencies = hb_lesson_get_dependencies (store, lesson_id, record->lesson_version, error);
  if (record->dependencies == NULL)
    return FALSE;

  write = hb_store_write_begin (store, error);
  if (write == NULL || !hb_store_add_read (write, record, error))
    return FALSE;
  return hb_store_write_commit (g_steal_pointer (&write), error);
}
