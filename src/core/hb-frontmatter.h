/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HB_FRONT_MATTER_ERROR (hb_front_matter_error_quark ())

typedef enum
{
  /* The opening "---" has no closing line. */
  HB_FRONT_MATTER_ERROR_UNCLOSED,
  /* libyaml could not read it. */
  HB_FRONT_MATTER_ERROR_SYNTAX,
  /* It is YAML, but not a mapping of keys to values. */
  HB_FRONT_MATTER_ERROR_NOT_A_MAPPING,
  /* Too deep or too many nodes (an alias bomb, say). */
  HB_FRONT_MATTER_ERROR_TOO_COMPLEX,
  /* hb_yaml_parse(): a mapping gives the same key twice. */
  HB_FRONT_MATTER_ERROR_DUPLICATE_KEY,
} HbFrontMatterError;

GQuark hb_front_matter_error_quark (void);

typedef struct
{
  /* The front matter as a JSON object: every key, known or not, kept. */
  JsonObject *object;
  /* Top-level key -> the 1-based line of the file it is on. */
  GHashTable *key_lines;
  /* Where the Markdown body starts in the text. */
  gsize body_offset;
  guint body_line;
} HbFrontMatter;

void hb_front_matter_free (HbFrontMatter *front_matter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbFrontMatter, hb_front_matter_free)

/**
 * hb_front_matter_parse:
 * @text: a whole Markdown file, UTF-8, '\n' line ends
 * @error_line: (out) (optional): the 1-based line of the file an error is
 *   on, or 0
 * @error: return location for a #HB_FRONT_MATTER_ERROR
 *
 * Reads the YAML front matter between a first line "---" and the next line
 * "---" or "..." with libyaml. Nested maps and lists are kept as JSON;
 * plain scalars become numbers, booleans or null as YAML 1.1 core schema
 * says, everything else a string (so dates stay "2026-12-01"). A file
 * without front matter gives an empty object and a body starting at 0.
 *
 * Returns: (transfer full): the front matter, or %NULL with @error set
 */
HbFrontMatter *hb_front_matter_parse (const char *text, guint *error_line, GError **error);

/* The line of a top-level key, or 0. */
guint hb_front_matter_get_line (HbFrontMatter *front_matter, const char *key);

/* A whole YAML document (a manifest, say), with the line of every value. */
typedef struct
{
  /* The document as JSON, converted as for front matter; a JSON null for
   * an empty document. */
  JsonNode *root;
  /* (JsonNode *) -> 1-based line: a mapping's value is on its key's line,
   * a list item on the line where it starts. */
  GHashTable *lines;
} HbYamlDocument;

/* Frees a document from hb_yaml_parse(). */
void hb_yaml_document_free (HbYamlDocument *document);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbYamlDocument, hb_yaml_document_free)

/* The line of @node, a node of @document, or 0. */
guint hb_yaml_document_get_line (HbYamlDocument *document, JsonNode *node);

/**
 * hb_yaml_parse:
 * @text: (array length=length): UTF-8 YAML
 * @length: its length, or -1 when it ends with a NUL
 * @error_line: (out) (optional): the 1-based line an error is on, or 0
 * @error: return location for a #HB_FRONT_MATTER_ERROR
 *
 * Reads the first YAML document of @text with libyaml and the same limits
 * and scalar rules as hb_front_matter_parse(). Unlike front matter, a
 * mapping that gives a key twice is an error
 * (%HB_FRONT_MATTER_ERROR_DUPLICATE_KEY), since the first value would be
 * lost silently.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
HbYamlDocument *hb_yaml_parse (const char *text, gssize length, guint *error_line, GError **error);

G_END_DECLS
