/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-xapi"

#include "config.h"

#include "hb-xapi.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "hb-progress.h"
#include "hb-quiz.h"
#include "hb-store-articles.h"
#include "hb-store-attempts.h"
#include "hb-store-profiles.h"
#include "hb-store-reads.h"

#define VERB_BASE "http://adlnet.gov/expapi/verbs/"
#define ACTIVITY_TYPE_BASE "http://adlnet.gov/expapi/activities/"

/* RFC 4122, 4.3. */
char *
hb_xapi_uuid5 (const char *namespace_uuid, const char *name)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 space[16] = { 0 };
  guint8 digest[20];
  gsize length = sizeof digest;
  guint n = 0;

  g_return_val_if_fail (namespace_uuid != NULL && name != NULL, NULL);

  for (const char *p = namespace_uuid; *p != '\0' && n < 32; p++)
    if (g_ascii_isxdigit (*p))
      {
        space[n / 2] |= (guint8) (g_ascii_xdigit_value (*p) << (n % 2 == 0 ? 4 : 0));
        n++;
      }
  g_checksum_update (checksum, space, sizeof space);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", digest[0],
                          digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7], digest[8],
                          digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]);
}

typedef struct
{
  HbStore *store;
  const char *base;
  GHashTable *profiles; /* uuid -> HbProfile */
  GHashTable *quizzes;  /* "id@version" -> HbQuiz, or NULL when it has none */
  GHashTable *titles;   /* lesson id -> title */
  GHashTable *langs;    /* lesson id -> language ("en", "zh-CN") */
  JsonArray *statements;
} Export;

static char *
activity_id (Export *export, const char *kind, const char *id, const char *key)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *escaped_key = key != NULL ? g_uri_escape_string (key, NULL, FALSE) : NULL;

  if (strcmp (kind, "question") == 0)
    return g_strconcat (export->base, "lessons/", escaped, "/quiz/", escaped_key, NULL);
  if (strcmp (kind, "quiz") == 0)
    return g_strconcat (export->base, "lessons/", escaped, "/quiz", NULL);
  return g_strconcat (export->base, kind, "/", escaped, NULL);
}

/* A language map, in the language of the content ("und" when unknown). */
static JsonObject *
language_map (const char *lang, const char *text)
{
  JsonObject *map = json_object_new ();

  json_object_set_string_member (map, lang != NULL && *lang != '\0' ? lang : "und", text != NULL ? text : "");
  return map;
}

static JsonObject *
actor (Export *export, const char *profile_uuid)
{
  HbProfile *profile = g_hash_table_lookup (export->profiles, profile_uuid);
  JsonObject *object = json_object_new ();
  JsonObject *account = json_object_new ();

  json_object_set_string_member (object, "objectType", "Agent");
  if (profile != NULL)
    json_object_set_string_member (object, "name", profile->name);
  json_object_set_string_member (account, "homePage", export->base);
  json_object_set_string_member (account, "name", profile_uuid);
  json_object_set_object_member (object, "account", account);
  return object;
}

static JsonObject *
verb (const char *name)
{
  JsonObject *object = json_object_new ();
  g_autofree char *id = g_strconcat (VERB_BASE, name, NULL);
  JsonObject *display = json_object_new ();

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (display, "en-US", name);
  json_object_set_object_member (object, "display", display);
  return object;
}

static JsonObject *
activity (const char *id, const char *type, const char *lang, const char *name)
{
  JsonObject *object = json_object_new ();
  JsonObject *definition = json_object_new ();
  g_autofree char *type_iri = g_strconcat (ACTIVITY_TYPE_BASE, type, NULL);

  json_object_set_string_member (object, "objectType", "Activity");
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (definition, "type", type_iri);
  if (name != NULL)
    json_object_set_object_member (definition, "name", language_map (lang, name));
  json_object_set_object_member (object, "definition", definition);
  return object;
}

static JsonObject *
statement (Export *export, const char *id, const char *profile_uuid, const char *verb_name,
           JsonObject *object, const char *timestamp)
{
  JsonObject *self = json_object_new ();

  json_object_set_string_member (self, "id", id);
  json_object_set_object_member (self, "actor", actor (export, profile_uuid));
  json_object_set_object_member (self, "verb", verb (verb_name));
  json_object_set_object_member (self, "object", object);
  json_object_set_string_member (self, "timestamp", timestamp);
  json_object_set_string_member (self, "version", "1.0.3");
  return self;
}

static JsonObject *
score (double scaled)
{
  JsonObject *object = json_object_new ();

  scaled = CLAMP (scaled, 0.0, 1.0);
  /* Four decimals: 0.8182, not 0.81818181818181823. */
  json_object_set_double_member (object, "scaled", round (scaled * 10000) / 10000);
  json_object_set_double_member (object, "raw", round (scaled * 1000) / 10);
  json_object_set_int_member (object, "min", 0);
  json_object_set_int_member (object, "max", 100);
  return object;
}

static char *
iso_duration (const char *from, const char *to)
{
  g_autoptr (GDateTime) start = from != NULL ? g_date_time_new_from_iso8601 (from, NULL) : NULL;
  g_autoptr (GDateTime) end = to != NULL ? g_date_time_new_from_iso8601 (to, NULL) : NULL;
  gint64 seconds;

  if (start == NULL || end == NULL)
    return NULL;
  seconds = MAX (g_date_time_difference (end, start) / G_TIME_SPAN_SECOND, 0);
  return g_strdup_printf ("PT%" G_GINT64_FORMAT "H%" G_GINT64_FORMAT "M%" G_GINT64_FORMAT "S", seconds / 3600,
                          seconds / 60 % 60, seconds % 60);
}

/* The quiz of a lesson version, read once. */
static HbQuiz *
get_quiz (Export *export, const char *lesson_id, guint version)
{
  g_autofree char *key = g_strdup_printf ("%s@%u", lesson_id, version);
  HbQuiz *quiz;

  if (g_hash_table_lookup_extended (export->quizzes, key, NULL, (gpointer *) &quiz))
    return quiz;
  quiz = hb_quiz_load (export->store, lesson_id, version, NULL);
  g_hash_table_insert (export->quizzes, g_steal_pointer (&key), quiz);
  return quiz;
}

static const char *
interaction_type (HbGiftType type)
{
  switch (type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
    case HB_GIFT_MULTIPLE_ANSWER:
      return "choice";
    case HB_GIFT_TRUE_FALSE:
      return "true-false";
    case HB_GIFT_SHORT_ANSWER:
      return "fill-in";
    case HB_GIFT_MATCHING:
      return "matching";
    case HB_GIFT_NUMERICAL:
      return "numeric";
    case HB_GIFT_ESSAY:
      return "long-fill-in";
    case HB_GIFT_ORDERING:
      return "sequencing";
    case HB_GIFT_DESCRIPTION:
    default:
      return "other";
    }
}

static void
add_component (JsonArray *components, const char *lang, const char *id, const char *text)
{
  JsonObject *component = json_object_new ();

  json_object_set_string_member (component, "id", id);
  json_object_set_object_member (component, "description", language_map (lang, text));
  json_array_add_object_element (components, component);
}

/* The interaction's definition: its type and its parts, but never which
 * answer is right (an export is not a key to the quiz). */
static JsonObject *
question_activity (Export *export, const HbQuiz *quiz, const HbGiftQuestion *question)
{
  g_autofree char *id = activity_id (export, "question", quiz->lesson_id, question->key);
  g_autofree char *label = hb_gift_question_label (question);
  const char *lang = g_hash_table_lookup (export->langs, quiz->lesson_id);
  JsonObject *object = activity (id, "cmi.interaction", lang, label);
  JsonObject *definition = json_object_get_object_member (object, "definition");
  JsonArray *choices = NULL, *source = NULL, *target = NULL;

  json_object_set_string_member (definition, "interactionType", interaction_type (question->type));
  if (question->text != NULL)
    json_object_set_object_member (definition, "description", language_map (lang, question->text));

  switch (question->type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
    case HB_GIFT_MULTIPLE_ANSWER:
    case HB_GIFT_ORDERING:
      choices = json_array_new ();
      for (guint i = 0; i < question->answers->len; i++)
        {
          const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);
          g_autofree char *choice_id = g_strdup_printf ("choice-%u", i);

          add_component (choices, lang, choice_id, answer->text);
        }
      json_object_set_array_member (definition, "choices", choices);
      break;
    case HB_GIFT_MATCHING:
      {
        g_auto (GStrv) rights = hb_gift_question_match_choices (question);

        source = json_array_new ();
        target = json_array_new ();
        for (guint i = 0; i < question->answers->len; i++)
          {
            const HbGiftAnswer *answer = g_ptr_array_index (question->answers, i);
            g_autofree char *source_id = g_strdup_printf ("source-%u", i);

            if (answer->text != NULL)
              add_component (source, lang, source_id, answer->text);
          }
        for (guint i = 0; rights[i] != NULL; i++)
          {
            g_autofree char *target_id = g_strdup_printf ("target-%u", i);

            add_component (target, lang, target_id, rights[i]);
          }
        json_object_set_array_member (definition, "source", source);
        json_object_set_array_member (definition, "target", target);
      }
      break;
    default:
      break;
    }
  return object;
}

/* The response in xAPI's form for the interaction type. */
static char *
response_text (const HbGiftQuestion *question, const HbGradeResponse *response)
{
  g_autoptr (GString) out = g_string_new (NULL);

  switch (question->type)
    {
    case HB_GIFT_MULTIPLE_CHOICE:
      if (response->choice < 0)
        return NULL;
      g_string_append_printf (out, "choice-%d", response->choice);
      break;
    case HB_GIFT_MULTIPLE_ANSWER:
    case HB_GIFT_ORDERING:
      {
        const GArray *from = question->type == HB_GIFT_ORDERING ? response->order : response->choices;

        for (guint i = 0; i < from->len; i++)
          g_string_append_printf (out, "%schoice-%u", i > 0 ? "[,]" : "", g_array_index (from, guint, i));
      }
      break;
    case HB_GIFT_TRUE_FALSE:
      if (!response->answered)
        return NULL;
      g_string_append (out, response->truth ? "true" : "false");
      break;
    case HB_GIFT_SHORT_ANSWER:
    case HB_GIFT_ESSAY:
      if (response->text == NULL)
        return NULL;
      g_string_append (out, response->text);
      break;
    case HB_GIFT_NUMERICAL:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (!response->answered)
          return NULL;
        g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, response->number));
      }
      break;
    case HB_GIFT_MATCHING:
      {
        g_auto (GStrv) rights = hb_gift_question_match_choices (question);

        for (guint i = 0; i < response->matches->len && i < question->answers->len; i++)
          {
            const char *right = g_ptr_array_index (response->matches, i);

            for (guint j = 0; right != NULL && rights[j] != NULL; j++)
              if (strcmp (rights[j], right) == 0)
                {
                  g_string_append_printf (out, "%ssource-%u[.]target-%u", out->len > 0 ? "[,]" : "", i, j);
                  break;
                }
          }
      }
      break;
    case HB_GIFT_DESCRIPTION:
    default:
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_attempt (Export *export, HbAttemptRecord *attempt)
{
  HbQuiz *quiz = get_quiz (export, attempt->lesson_id, attempt->lesson_version);
  g_autofree char *quiz_id = activity_id (export, "quiz", attempt->lesson_id, NULL);
  g_autofree char *attempted_id = hb_xapi_uuid5 (attempt->uuid, "attempted");
  g_autofree char *duration = iso_duration (attempt->started_at, attempt->finished_at);
  g_autofree char *quiz_name = NULL;
  g_autoptr (JsonParser) answers_parser = json_parser_new ();
  g_autoptr (JsonParser) results_parser = json_parser_new ();
  JsonObject *answers = NULL;
  JsonArray *results = NULL;
  JsonObject *self, *result, *context, *extensions;
  const char *title = quiz != NULL ? quiz->lesson_title : g_hash_table_lookup (export->titles, attempt->lesson_id);
  const char *lang = g_hash_table_lookup (export->langs, attempt->lesson_id);

  quiz_name = g_strdup_printf ("%s: quiz", title != NULL ? title : attempt->lesson_id);

  self = statement (export, attempted_id, attempt->profile_uuid, "attempted",
                    activity (quiz_id, "assessment", lang, quiz_name), attempt->started_at);
  json_array_add_object_element (export->statements, self);

  if (json_parser_load_from_data (answers_parser, attempt->answers, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (answers_parser)))
    answers = json_node_get_object (json_parser_get_root (answers_parser));
  if (json_parser_load_from_data (results_parser, attempt->results, -1, NULL)
      && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (results_parser)))
    results = json_node_get_array (json_parser_get_root (results_parser));

  for (guint i = 0; quiz != NULL && results != NULL && i < json_array_get_length (results); i++)
    {
      JsonObject *entry = json_array_get_object_element (results, i);
      const char *key = json_object_get_string_member_with_default (entry, "key", NULL);
      const char *state = json_object_get_string_member_with_default (entry, "state", "");
      const HbGiftQuestion *question = hb_quiz_find_question (quiz, key);
      g_autofree char *answered_id = NULL;
      g_autofree char *name = NULL;
      g_autoptr (HbGradeResponse) response = NULL;
      g_autofree char *text = NULL;
      JsonObject *question_result;
      JsonObject *question_context;
      JsonObject *activities;
      JsonArray *parents;

      if (question == NULL || question->type == HB_GIFT_DESCRIPTION)
        continue;
      name = g_strconcat ("answered ", key, NULL);
      answered_id = hb_xapi_uuid5 (attempt->uuid, name);
      response = hb_quiz_response_from_json (question,
                                             answers != NULL ? json_object_get_member (answers, key) : NULL, NULL);
      text = response != NULL ? response_text (question, response) : NULL;

      self = statement (export, answered_id, attempt->profile_uuid, "answered",
                        question_activity (export, quiz, question), attempt->finished_at);
      question_result = json_object_new ();
      if (text != NULL)
        json_object_set_string_member (question_result, "response", text);
      if (strcmp (state, "pending") != 0 && strcmp (state, "ungraded") != 0)
        {
          json_object_set_boolean_member (question_result, "success", strcmp (state, "right") == 0);
          json_object_set_object_member (question_result, "score",
                                         score (json_object_get_double_member_with_default (entry, "fraction", 0)));
        }
      json_object_set_boolean_member (question_result, "completion", TRUE);
      json_object_set_object_member (self, "result", question_result);

      question_context = json_object_new ();
      activities = json_object_new ();
      parents = json_array_new ();
      json_array_add_object_element (parents, activity (quiz_id, "assessment", lang, quiz_name));
      json_object_set_array_member (activities, "parent", parents);
      json_object_set_object_member (question_context, "contextActivities", activities);
      json_object_set_string_member (question_context, "registration", attempt->uuid);
      json_object_set_object_member (self, "context", question_context);
      json_array_add_object_element (export->statements, self);
    }

  /* The attempt's own statement, with its own id. */
  self = statement (export, attempt->uuid, attempt->profile_uuid, attempt->passed ? "passed" : "failed",
                    activity (quiz_id, "assessment", lang, quiz_name), attempt->finished_at);
  result = json_object_new ();
  json_object_set_object_member (result, "score", score (attempt->score));
  json_object_set_boolean_member (result, "success", attempt->passed);
  json_object_set_boolean_member (result, "completion", attempt->pending == 0);
  if (duration != NULL)
    json_object_set_string_member (result, "duration", duration);
  json_object_set_object_member (self, "result", result);

  context = json_object_new ();
  extensions = json_object_new ();
  json_object_set_string_member (context, "registration", attempt->uuid);
  {
    g_autofree char *lesson_version = g_strconcat (export->base, "extensions/lesson-version", NULL);
    g_autofree char *quiz_version = g_strconcat (export->base, "extensions/quiz-version", NULL);
    g_autofree char *pass_mark = g_strconcat (export->base, "extensions/pass-mark", NULL);

    json_object_set_int_member (extensions, lesson_version, attempt->lesson_version);
    json_object_set_string_member (extensions, quiz_version, attempt->quiz_sha256);
    json_object_set_double_member (extensions, pass_mark, attempt->pass_mark);
  }
  json_object_set_object_member (context, "extensions", extensions);
  json_object_set_object_member (self, "context", context);
  json_array_add_object_element (export->statements, self);
}

static void
add_read (Export *export, HbReadRecord *read)
{
  g_autofree char *id = activity_id (export, "lessons", read->lesson_id, NULL);
  const char *title = g_hash_table_lookup (export->titles, read->lesson_id);
  JsonObject *self = statement (export, read->uuid, read->profile_uuid, "completed",
                                activity (id, "lesson", g_hash_table_lookup (export->langs, read->lesson_id),
                                          title != NULL ? title : read->lesson_id),
                                read->read_at);
  JsonObject *result = json_object_new ();

  json_object_set_boolean_member (result, "completion", TRUE);
  json_object_set_object_member (self, "result", result);
  json_array_add_object_element (export->statements, self);
}

static void
add_course (Export *export, HbCourseProgress *progress)
{
  g_autofree char *id = activity_id (export, "courses", progress->course->id, NULL);
  g_autofree char *name = g_strdup_printf ("%s %s %s", progress->profile->uuid, progress->course->id,
                                           progress->completed_at);
  /* The completion is the person's last lesson done: the id follows it. */
  g_autofree char *statement_id = hb_xapi_uuid5 (progress->profile->uuid, name);
  JsonObject *self = statement (export, statement_id, progress->profile->uuid, "completed",
                                activity (id, "course", progress->course->lang, progress->course->title),
                                progress->completed_at);
  JsonObject *result = json_object_new ();

  json_object_set_boolean_member (result, "completion", TRUE);
  json_object_set_boolean_member (result, "success", TRUE);
  json_object_set_object_member (self, "result", result);
  json_array_add_object_element (export->statements, self);
}

static int
compare_statements (gconstpointer a, gconstpointer b)
{
  JsonObject *x = json_node_get_object (*(JsonNode **) a);
  JsonObject *y = json_node_get_object (*(JsonNode **) b);

  return g_strcmp0 (json_object_get_string_member (x, "timestamp"),
                    json_object_get_string_member (y, "timestamp"));
}

char *
hb_xapi_export (HbStore *store, const char *profile_uuid, const char *base, GError **error)
{
  g_autoptr (GPtrArray) profiles = NULL;
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (GPtrArray) reads = NULL;
  g_autoptr (GPtrArray) progress = NULL;
  g_autoptr (GListModel) articles = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (GPtrArray) sorted = NULL;
  Export export = { 0 };
  JsonArray *ordered;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  profiles = hb_store_list_profiles (store, error);
  if (profiles == NULL)
    return NULL;
  attempts = hb_store_list_attempts (store, profile_uuid, NULL, error);
  if (attempts == NULL)
    return NULL;
  reads = hb_store_list_reads (store, profile_uuid, NULL, FALSE, error);
  if (reads == NULL)
    return NULL;
  progress = profile_uuid != NULL ? hb_progress_load (store, profile_uuid, NULL, error)
                                  : hb_progress_load_team (store, NULL, error);
  if (progress == NULL)
    return NULL;
  articles = hb_store_list_articles (store, NULL, error);
  if (articles == NULL)
    return NULL;

  export.store = store;
  export.base = base != NULL ? base : HB_XAPI_DEFAULT_BASE;
  export.profiles = g_hash_table_new (g_str_hash, g_str_equal);
  export.quizzes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) hb_quiz_free);
  export.titles = g_hash_table_new (g_str_hash, g_str_equal);
  export.langs = g_hash_table_new (g_str_hash, g_str_equal);
  export.statements = json_array_new ();
  for (guint i = 0; i < profiles->len; i++)
    {
      HbProfile *profile = g_ptr_array_index (profiles, i);

      g_hash_table_insert (export.profiles, profile->uuid, profile);
    }
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      HbArticle *article = g_list_model_get_item (articles, i);

      g_hash_table_insert (export.titles, (gpointer) hb_article_get_id (article),
                           (gpointer) hb_article_get_title (article));
      g_hash_table_insert (export.langs, (gpointer) hb_article_get_id (article), (gpointer) hb_article_get_lang (article));
      g_object_unref (article); /* the model keeps it */
    }

  for (guint i = 0; i < attempts->len; i++)
    add_attempt (&export, g_ptr_array_index (attempts, i));
  for (guint i = 0; i < reads->len; i++)
    add_read (&export, g_ptr_array_index (reads, i));
  for (guint i = 0; i < progress->len; i++)
    {
      HbCourseProgress *course = g_ptr_array_index (progress, i);

      if (course->completed && course->completed_at != NULL)
        add_course (&export, course);
    }

  /* Oldest first, as they happened; a stable sort keeps each attempt's
   * statements in their order. */
  sorted = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (export.statements); i++)
    g_ptr_array_add (sorted, json_array_get_element (export.statements, i));
  g_ptr_array_sort (sorted, compare_statements);
  ordered = json_array_new ();
  for (guint i = 0; i < sorted->len; i++)
    json_array_add_element (ordered, json_node_copy (g_ptr_array_index (sorted, i)));

  root = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (root, ordered);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  g_hash_table_unref (export.profiles);
  g_hash_table_unref (export.quizzes);
  g_hash_table_unref (export.titles);
  g_hash_table_unref (export.langs);
  json_array_unref (export.statements);
  return json_generator_to_data (generator, NULL);
}
