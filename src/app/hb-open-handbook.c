/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-open-handbook"

#include "config.h"

#include "hb-open-handbook.h"
#include "hb-handbook.h"

HbStore *
hb_app_open_handbook (const char *path, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  /* A new handbook starts as the sample handbook, not an empty screen. */
  return hb_handbook_open (path, HB_HANDBOOK_OPEN_SEED, NULL, cancellable, error);
}

static void
open_handbook_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  HbStore *store = hb_app_open_handbook (task_data, cancellable, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
hb_app_open_handbook_async (const char *path,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hb_app_open_handbook_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_handbook_thread);
}

HbStore *
hb_app_open_handbook_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hb_app_open_handbook_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
