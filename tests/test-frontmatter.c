/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hb-frontmatter.h"
#include "hb-test-util.h"

/* The shape of the 18F handbook's front matter: nested lists and maps. */
static const char nested[] =
  "---\n"
  "title: Get access to Concur\n"
  "subtitle: \"First-time travel guide: Step 1a\"\n"
  "questions:\n"
  "  - travel\n"
  "  - tts-travel@gsa.gov\n"
  "step_indicator:\n"
  "  current_step: 1\n"
  "  substep: 1a\n"
  "  hide_steps: true\n"
  "effective: 2026-12-01\n"
  "order: 3\n"
  "code: \"007\"\n"
  "empty:\n"
  "---\n"
  "\n"
  "# Body\n";

static void
test_front_matter_nested (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbFrontMatter) fm = hb_front_matter_parse (nested, NULL, &error);
  JsonObject *step;
  JsonArray *questions;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (fm->object, "title"), ==, "Get access to Concur");
  g_assert_cmpstr (json_object_get_string_member (fm->object, "subtitle"), ==,
                   "First-time travel guide: Step 1a");

  questions = json_object_get_array_member (fm->object, "questions");
  g_assert_cmpuint (json_array_get_length (questions), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (questions, 1), ==, "tts-travel@gsa.gov");

  step = json_object_get_object_member (fm->object, "step_indicator");
  g_assert_cmpint (json_object_get_int_member (step, "current_step"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (step, "substep"), ==, "1a");
  g_assert_true (json_object_get_boolean_member (step, "hide_steps"));

  /* Dates stay text; quoted numbers stay text; plain numbers are numbers. */
  g_assert_cmpstr (json_object_get_string_member (fm->object, "effective"), ==, "2026-12-01");
  g_assert_cmpint (json_object_get_int_member (fm->object, "order"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (fm->object, "code"), ==, "007");
  g_assert_true (json_object_get_null_member (fm->object, "empty"));

  /* Lines are the file's lines, for messages. */
  g_assert_cmpuint (hb_front_matter_get_line (fm, "title"), ==, 2);
  g_assert_cmpuint (hb_front_matter_get_line (fm, "effective"), ==, 11);
  g_assert_cmpstr (nested + fm->body_offset, ==, "\n# Body\n");
  g_assert_cmpuint (fm->body_line, ==, 16);
}

static void
test_front_matter_none (void)
{
  const char *text = "# Title\n\n---\n\nA rule above.\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (HbFrontMatter) fm = hb_front_matter_parse (text, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (fm->object), ==, 0);
  g_assert_cmpuint (fm->body_offset, ==, 0);
}

static void
test_front_matter_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbFrontMatter) fm = hb_front_matter_parse ("---\n---\nBody\n", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (fm->object), ==, 0);
  g_assert_cmpstr ("---\n---\nBody\n" + fm->body_offset, ==, "Body\n");
}

static void
test_front_matter_unclosed (void)
{
  g_autoptr (GError) error = NULL;
  guint line = 0;
  g_autoptr (HbFrontMatter) fm = hb_front_matter_parse ("---\ntitle: x\n\n# Body\n", &line, &error);

  g_assert_null (fm);
  g_assert_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_UNCLOSED);
  g_assert_cmpuint (line, ==, 1);
}

static void
test_front_matter_malformed (void)
{
  /* An unterminated flow list on line 4 of the file. */
  const char *text = "---\ntitle: Returns\nkind: guide\ntags: [returns, evidence\nlang: en\n---\nBody\n";
  g_autoptr (GError) error = NULL;
  guint line = 0;
  g_autoptr (HbFrontMatter) fm = hb_front_matter_parse (text, &line, &error);

  g_assert_null (fm);
  g_assert_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_SYNTAX);
  g_assert_cmpuint (line, ==, 4);
  g_assert_nonnull (strstr (error->message, "YAML"));
}

static void
test_front_matter_bad_indent (void)
{
  const char *text = "---\ntitle: A\n  kind: guide\n---\n";
  g_autoptr (GError) error = NULL;
  guint line = 0;
  g_autoptr (HbFrontMatter) fm = hb_front_matter_parse (text, &line, &error);

  g_assert_null (fm);
  g_assert_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_SYNTAX);
  g_assert_cmpuint (line, ==, 3);
}

static void
test_front_matter_not_a_mapping (void)
{
  g_autoptr (GError) error = NULL;
  guint line = 0;
  g_autoptr (HbFrontMatter) fm = hb_front_matter_parse ("---\n- a\n- b\n---\n", &line, &error);

  g_assert_null (fm);
  g_assert_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_NOT_A_MAPPING);
  g_assert_cmpuint (line, ==, 2);
}

static void
test_front_matter_alias_bomb (void)
{
  /* Each level doubles the one before: a billion nodes if expanded. */
  const char *text =
    "---\n"
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "---\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (HbFrontMatter) fm = hb_front_matter_parse (text, NULL, &error);

  g_assert_null (fm);
  g_assert_error (error, HB_FRONT_MATTER_ERROR, HB_FRONT_MATTER_ERROR_TOO_COMPLEX);
}

static void
parse_tree (const char *dir, guint *n_files)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (HbFrontMatter) fm = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          parse_tree (path, n_files);
          continue;
        }
      if (!g_str_has_suffix (name, ".md"))
        continue;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      fm = hb_front_matter_parse (text, NULL, &error);
      if (error != NULL)
        g_error ("%s: %s", path, error->message);
      (*n_files)++;
    }
}

/* Every page of the 18F handbook has front matter libyaml reads. */
static void
test_front_matter_18f (void)
{
  g_autofree char *corpus = hb_test_corpus ("handbook-18f");
  guint n = 0;

  if (corpus == NULL)
    return;
  parse_tree (corpus, &n);
  g_assert_cmpuint (n, ==, 252);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/front-matter/nested", test_front_matter_nested);
  g_test_add_func ("/front-matter/none", test_front_matter_none);
  g_test_add_func ("/front-matter/empty", test_front_matter_empty);
  g_test_add_func ("/front-matter/unclosed", test_front_matter_unclosed);
  g_test_add_func ("/front-matter/malformed", test_front_matter_malformed);
  g_test_add_func ("/front-matter/bad-indent", test_front_matter_bad_indent);
  g_test_add_func ("/front-matter/not-a-mapping", test_front_matter_not_a_mapping);
  g_test_add_func ("/front-matter/alias-bomb", test_front_matter_alias_bomb);
  g_test_add_func ("/front-matter/18f", test_front_matter_18f);

  return g_test_run ();
}
