/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-handbook"

#include "config.h"

#include "hb-handbook.h"

#include "hb-store-articles.h"
#include "hb-store-imports.h"
#include "hb-util.h"

char *
hb_handbook_find_content_dir (void)
{
  const char *env = g_getenv ("HANDBOOK_CONTENT_DIR");
  const char *candidates[] = { HB_CONTENT_DIR, HB_SOURCE_CONTENT_DIR };
  guint i;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  for (i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_strdup (candidates[i]);

  return NULL;
}

HbImportReport *
hb_handbook_seed (HbStore *store, GCancellable *cancellable, GError **error)
{
  g_autofree char *seeded = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (HbImportReport) report = NULL;
  g_autoptr (HbStoreWrite) write = NULL;
  const char *paths[2] = { NULL, NULL };
  int count;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  seeded = hb_store_get_meta (store, "seeded");
  count = hb_store_count_articles (store, error);
  if (count < 0)
    return NULL;
  if (seeded != NULL || count > 0 || hb_store_is_read_only (store))
    return NULL;

  dir = hb_handbook_find_content_dir ();
  if (dir == NULL)
    {
      g_warning ("The sample handbook is not installed; starting with an empty library");
      return NULL;
    }

  paths[0] = dir;
  report = hb_import_paths (store, paths, NULL, NULL, NULL, cancellable, error);
  if (report == NULL)
    return NULL;

  if (!report->committed)
    {
      /* The bundled handbook is ours: a problem in it is a bug to see. */
      guint i;

      for (i = 0; i < report->problems->len; i++)
        {
          g_autofree char *line = hb_import_problem_to_string (g_ptr_array_index (report->problems, i));

          g_warning ("Sample handbook: %s", line);
        }
      return g_steal_pointer (&report);
    }

  write = hb_store_write_begin (store, error);
  if (write == NULL
      || !hb_store_set_meta (write, "seeded", hb_store_write_get_now (write), error)
      || !hb_store_write_commit (g_steal_pointer (&write), error))
    return NULL;

  return g_steal_pointer (&report);
}

HbStore *
hb_handbook_open (const char *path,
                  HbHandbookOpenFlags flags,
                  HbImportReport **seeded,
                  GCancellable *cancellable,
                  GError **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr (HbStore) store = NULL;

  if (seeded != NULL)
    *seeded = NULL;
  if (path == NULL)
    path = default_path = hb_store_default_path ();

  store = hb_store_open (path, error);
  if (store == NULL)
    return NULL;

  if (flags & HB_HANDBOOK_OPEN_SEED)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (HbImportReport) report = hb_handbook_seed (store, cancellable, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (seeded != NULL)
        *seeded = g_steal_pointer (&report);
    }

  return g_steal_pointer (&store);
}
