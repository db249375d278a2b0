/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Without libFuzzer (a gcc build), each fuzz target is this small program:
 * it gives every file named on the command line, or found in a folder
 * named there, to LLVMFuzzerTestOneInput once. The tests run it over
 * regressions/NAME, so what the fuzzer once found stays fixed. */
#include "config.h"

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
replay_file (const char *path, guint *count)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  g_print ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, size);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
  (*count)++;
  return TRUE;
}

int
main (int argc, char **argv)
{
  guint count = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (GDir) dir = g_dir_open (argv[i], 0, &error);
          g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          while ((name = g_dir_read_name (dir)) != NULL)
            if (!g_str_equal (name, "README.md"))
              g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
          for (guint j = 0; j < names->len; j++)
            if (!replay_file (g_ptr_array_index (names, j), &count))
              return 1;
        }
      else if (!replay_file (argv[i], &count))
        return 1;
    }
  g_print ("%u inputs, none crashed\n", count);
  return 0;
}
