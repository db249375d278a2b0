/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-frontmatter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "hb-frontmatter.h"
#include "hb-util.h"

G_DEFINE_QUARK (hb-front-matter-error-quark, hb_front_matter_error)

/* Enough for any real front matter; stops alias expansion bombs. */
#define MAX_DEPTH 64
#define MAX_NODES 100000

void
hb_front_matter_free (HbFrontMatter *front_matter)
{
  if (front_matter == NULL)
    return;
  g_clear_pointer (&front_matter->object, json_object_unref);
  g_clear_pointer (&front_matter->key_lines, g_hash_table_unref);
  g_free (front_matter);
}

guint
hb_front_matter_get_line (HbFrontMatter *front_matter, const char *key)
{
  g_return_val_if_fail (front_matter != NULL, 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (front_matter->key_lines, key));
}

/* Whether the line at @p is exactly @marker, trailing blanks allowed.
 * Sets @next to the start of the following line. */
static gboolean
line_is (const char *p, const char *marker, const char **next)
{
  gsize len = strlen (marker);

  if (strncmp (p, marker, len) != 0)
    return FALSE;
  p += len;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != '\n' && *p != '\0')
    return FALSE;
  *next = *p == '\n' ? p + 1 : p;
  return TRUE;
}

typedef struct
{
  yaml_document_t *document;
  guint line_offset; /* lines before the YAML in the file */
  guint n_nodes;
  guint error_line;
  /* hb_yaml_parse() only: (JsonNode *) -> line, and duplicate keys refused. */
  GHashTable *lines;
} Converter;

static gboolean
is_plain_null (const char *v)
{
  return *v == '\0' || strcmp (v, "~") == 0 || strcmp (v, "null") == 0
         || strcmp (v, "Null") == 0 || strcmp (v, "NULL") == 0;
}

static JsonNode *
scalar_to_json (yaml_node_t *node)
{
  const char *value = (const char *) node->data.scalar.value;
  JsonNode *json = json_node_new (JSON_NODE_VALUE);
  char *end = NULL;

  /* Quoted scalars are always strings. (libyaml tags every scalar without
   * an explicit tag as a string, so the tag tells nothing here.) */
  if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    {
      json_node_set_string (json, value);
      return json;
    }

  if (is_plain_null (value))
    {
      json_node_init_null (json);
      return json;
    }

  if (strcmp (value, "true") == 0 || strcmp (value, "True") == 0 || strcmp (value, "TRUE") == 0)
    {
      json_node_set_boolean (json, TRUE);
      return json;
    }
  if (strcmp (value, "false") == 0 || strcmp (value, "False") == 0 || strcmp (value, "FALSE") == 0)
    {
      json_node_set_boolean (json, FALSE);
      return json;
    }

  if (g_ascii_isdigit (value[0]) || ((value[0] == '-' || value[0] == '+') && g_ascii_isdigit (value[1])))
    {
      gint64 i = g_ascii_strtoll (value, &end, 10);

      if (end != NULL && *end == '\0')
        {
          json_node_set_int (json, i);
          return json;
        }
      if (strpbrk (value, ".eE") != NULL)
        {
          double d = g_ascii_strtod (value, &end);

          if (end != NULL && *end == '\0')
            {
              json_node_set_double (json, d);
              return json;
            }
        }
    }

  json_node_set_string (json, value);
  return json;
}

static JsonNode *
node_to_json (Converter *conv, yaml_node_t *node, guint depth, GError **error)
{
  if (++conv->n_nodes > MAX_NODES || depth > MAX_DEPTH)
    {
      conv->error_line = conv->line_offset + (guint) node->start_mark.line + 1;
      g_set_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_TOO_COMPLEX,
                   _("the front matter is nested too deeply or repeats itself too often"));
      return NULL;
    }

  switch (node->type)
    {
    case YAML_SCALAR_NODE:
      return scalar_to_json (node);

    case YAML_SEQUENCE_NODE:
      {
        JsonArray *array = json_array_new ();
        yaml_node_item_t *item;
        JsonNode *json;

        for (item = node->data.sequence.items.start; item < node->data.sequence.items.top; item++)
          {
            yaml_node_t *child = yaml_document_get_node (conv->document, *item);
            JsonNode *value;

            if (child == NULL)
              continue;
            value = node_to_json (conv, child, depth + 1, error);
            if (value == NULL)
              {
                json_array_unref (array);
                return NULL;
              }
            if (conv->lines != NULL)
              g_hash_table_insert (conv->lines, value,
                                   GUINT_TO_POINTER (conv->line_offset + child->start_mark.line + 1));
            json_array_add_element (array, value);
          }

        json = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return json;
      }

    case YAML_MAPPING_NODE:
      {
        JsonObject *object = json_object_new ();
        yaml_node_pair_t *pair;
        JsonNode *json;

        for (pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top; pair++)
          {
            yaml_node_t *key = yaml_document_get_node (conv->document, pair->key);
            yaml_node_t *child = yaml_document_get_node (conv->document, pair->value);
            JsonNode *value;

            /* Complex keys (a map as a key) have no JSON form; skip them. */
            if (key == NULL || child == NULL || key->type != YAML_SCALAR_NODE)
              continue;

            if (conv->lines != NULL && json_object_has_member (object, (const char *) key->data.scalar.value))
              {
                conv->error_line = conv->line_offset + (guint) key->start_mark.line + 1;
                g_set_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_DUPLICATE_KEY,
                             _("“%s” is given twice"), (const char *) key->data.scalar.value);
                json_object_unref (object);
                return NULL;
              }

            value = node_to_json (conv, child, depth + 1, error);
            if (value == NULL)
              {
                json_object_unref (object);
                return NULL;
              }
            /* A value's line is its key's. */
            if (conv->lines != NULL)
              g_hash_table_insert (conv->lines, value,
                                   GUINT_TO_POINTER (conv->line_offset + key->start_mark.line + 1));
            json_object_set_member (object, (const char *) key->data.scalar.value, value);
          }

        json = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return json;
      }

    case YAML_NO_NODE:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

/* libyaml takes quadratic time over nested flow collections ("[[[[…"):
 * 20,000 of them take seconds. Counting brackets, quoted or not, finds
 * them first; no real document nests 64 deep. Returns the line where the
 * depth is exceeded, or 0. */
static guint
find_deep_flow (const char *text, gsize length)
{
  guint depth = 0;
  guint line = 1;
  gsize i;

  for (i = 0; i < length; i++)
    switch (text[i])
      {
      case '\n':
        line++;
        break;
      case '[':
      case '{':
        if (++depth > MAX_DEPTH)
          return line;
        break;
      case ']':
      case '}':
        if (depth > 0)
          depth--;
        break;
      default:
        break;
      }
  return 0;
}

HbFrontMatter *
hb_front_matter_parse (const char *text, guint *error_line, GError **error)
{
  g_autoptr (HbFrontMatter) fm = g_new0 (HbFrontMatter, 1);
  const char *start = NULL;
  const char *p;
  const char *next = NULL;
  const char *yaml_end = NULL;
  guint line = 2;
  yaml_parser_t parser;
  yaml_document_t document;
  yaml_node_t *root;
  Converter conv = { 0 };
  JsonNode *json;

  g_return_val_if_fail (text != NULL, NULL);

  if (error_line != NULL)
    *error_line = 0;

  fm->object = json_object_new ();
  fm->key_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fm->body_offset = 0;
  fm->body_line = 1;

  if (!line_is (text, "---", &start))
    return g_steal_pointer (&fm);

  for (p = start; *p != '\0'; p = next, line++)
    {
      const char *nl = strchr (p, '\n');

      if (line_is (p, "---", &next) || line_is (p, "...", &next))
        {
          yaml_end = p;
          break;
        }
      next = nl != NULL ? nl + 1 : p + strlen (p);
    }

  if (yaml_end == NULL)
    {
      if (error_line != NULL)
        *error_line = 1;
      g_set_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_UNCLOSED,
                   _("the front matter that starts on line 1 has no closing “---” line"));
      return NULL;
    }

  fm->body_offset = next - text;
  fm->body_line = line + 1;

  {
    guint deep = find_deep_flow (start, yaml_end - start);

    if (deep > 0)
      {
        if (error_line != NULL)
          *error_line = 1 + deep;
        g_set_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_TOO_COMPLEX,
                     _("the front matter is nested too deeply (more than %u “[” or “{” open at "
                       "once)"),
                     (guint) MAX_DEPTH);
        return NULL;
      }
  }

  if (!yaml_parser_initialize (&parser))
    g_error ("libyaml: out of memory");
  yaml_parser_set_input_string (&parser, (const unsigned char *) start, yaml_end - start);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  if (!yaml_parser_load (&parser, &document))
    {
      /* For something left open ("[a, b" with no "]"), libyaml finds the
       * problem where the input ends; where the open thing starts is the
       * line to fix. */
      guint yaml_line = (guint) (parser.context != NULL ? parser.context_mark.line
                                                        : parser.problem_mark.line) + 1;

      if (error_line != NULL)
        *error_line = 1 + yaml_line;
      g_set_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_SYNTAX,
                   _("the front matter is not valid YAML: %s%s%s"),
                   parser.problem != NULL ? parser.problem : _("unknown problem"),
                   parser.context != NULL ? " " : "",
                   parser.context != NULL ? parser.context : "");
      yaml_parser_delete (&parser);
      return NULL;
    }
  yaml_parser_delete (&parser);

  root = yaml_document_get_root_node (&document);
  if (root == NULL || (root->type == YAML_SCALAR_NODE && is_plain_null ((const char *) root->data.scalar.value)))
    {
      /* "---\n---": front matter with nothing in it. */
      yaml_document_delete (&document);
      return g_steal_pointer (&fm);
    }

  if (root->type != YAML_MAPPING_NODE)
    {
      if (error_line != NULL)
        *error_line = 2 + (guint) root->start_mark.line;
      g_set_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_NOT_A_MAPPING,
                   _("the front matter must be “key: value” lines"));
      yaml_document_delete (&document);
      return NULL;
    }

  conv.document = &document;
  conv.line_offset = 1;
  json = node_to_json (&conv, root, 0, error);
  if (json == NULL)
    {
      if (error_line != NULL)
        *error_line = conv.error_line;
      yaml_document_delete (&document);
      return NULL;
    }

  json_object_unref (fm->object);
  fm->object = json_object_ref (json_node_get_object (json));
  json_node_unref (json);

  {
    yaml_node_pair_t *pair;

    for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; pair++)
      {
        yaml_node_t *key = yaml_document_get_node (&document, pair->key);

        if (key != NULL && key->type == YAML_SCALAR_NODE)
          g_hash_table_insert (fm->key_lines, g_strdup ((const char *) key->data.scalar.value),
                               GUINT_TO_POINTER (conv.line_offset + key->start_mark.line + 1));
      }
  }

  yaml_document_delete (&document);
  return g_steal_pointer (&fm);
}

void
hb_yaml_document_free (HbYamlDocument *document)
{
  if (document == NULL)
    return;
  g_clear_pointer (&document->lines, g_hash_table_unref);
  g_clear_pointer (&document->root, json_node_unref);
  g_free (document);
}

guint
hb_yaml_document_get_line (HbYamlDocument *document, JsonNode *node)
{
  g_return_val_if_fail (document != NULL, 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (document->lines, node));
}

HbYamlDocument *
hb_yaml_parse (const char *text, gssize length, guint *error_line, GError **error)
{
  g_autoptr (HbYamlDocument) doc = g_new0 (HbYamlDocument, 1);
  g_autoptr (GError) local_error = NULL;
  yaml_parser_t parser;
  yaml_document_t document;
  yaml_node_t *root;
  Converter conv = { 0 };
  guint root_line;

  g_return_val_if_fail (text != NULL, NULL);

  if (error_line != NULL)
    *error_line = 0;
  if (length < 0)
    length = (gssize) strlen (text);
  /* A byte order mark (Windows editors write one) is not part of the YAML. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  doc->lines = g_hash_table_new (NULL, NULL);

  root_line = find_deep_flow (text, (gsize) length);
  if (root_line > 0)
    {
      if (error_line != NULL)
        *error_line = root_line;
      g_set_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_TOO_COMPLEX,
                   _("the YAML is nested too deeply (more than %u “[” or “{” open at once)"), (guint) MAX_DEPTH);
      return NULL;
    }

  if (!yaml_parser_initialize (&parser))
    g_error ("libyaml: out of memory");
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, (size_t) length);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  if (!yaml_parser_load (&parser, &document))
    {
      if (error_line != NULL)
        *error_line = (guint) (parser.context != NULL ? parser.context_mark.line
                                                      : parser.problem_mark.line) + 1;
      g_set_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_SYNTAX,
                   _("this is not valid YAML: %s%s%s"),
                   parser.problem != NULL ? parser.problem : _("unknown problem"),
                   parser.context != NULL ? " " : "",
                   parser.context != NULL ? parser.context : "");
      yaml_parser_delete (&parser);
      return NULL;
    }
  yaml_parser_delete (&parser);

  root = yaml_document_get_root_node (&document);
  if (root == NULL)
    {
      yaml_document_delete (&document);
      doc->root = json_node_new (JSON_NODE_NULL);
      return g_steal_pointer (&doc);
    }

  conv.document = &document;
  conv.lines = doc->lines;
  root_line = (guint) root->start_mark.line + 1;
  doc->root = node_to_json (&conv, root, 0, &local_error);
  yaml_document_delete (&document);
  if (doc->root == NULL)
    {
      if (error_line != NULL)
        *error_line = conv.error_line;
      if (g_error_matches (local_error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_TOO_COMPLEX))
        g_set_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_TOO_COMPLEX,
                     _("the YAML is nested too deeply or repeats itself too often"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_hash_table_insert (doc->lines, doc->root, GUINT_TO_POINTER (root_line));
  return g_steal_pointer (&doc);
}
