/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-searcher"

#include "config.h"

#include "hb-searcher.h"

struct _HbSearcher
{
  GObject parent_instance;

  char *path;
  GMutex lock;
  HbStore *store; /* opened in the first search's thread, then reused */
};

G_DEFINE_FINAL_TYPE (HbSearcher, hb_searcher, G_TYPE_OBJECT)

typedef struct
{
  char *query;
  char *kind;
  char *platform;
  char *tag;
  char *lang;
  guint limit;
  HbSearchFlags flags;
} Request;

static void
request_free (Request *request)
{
  g_free (request->query);
  g_free (request->kind);
  g_free (request->platform);
  g_free (request->tag);
  g_free (request->lang);
  g_free (request);
}

static void
hb_searcher_finalize (GObject *object)
{
  HbSearcher *self = HB_SEARCHER (object);

  g_clear_object (&self->store);
  g_mutex_clear (&self->lock);
  g_free (self->path);

  G_OBJECT_CLASS (hb_searcher_parent_class)->finalize (object);
}

static void
hb_searcher_class_init (HbSearcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_searcher_finalize;
}

static void
hb_searcher_init (HbSearcher *self)
{
  g_mutex_init (&self->lock);
}

HbSearcher *
hb_searcher_new (const char *db_path)
{
  HbSearcher *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (HB_TYPE_SEARCHER, NULL);
  self->path = g_strdup (db_path);
  return self;
}

static void
search_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  HbSearcher *self = source;
  Request *request = task_data;
  HbSearchOptions options = { request->kind, request->platform, request->tag, request->lang,
                              request->limit, request->flags };
  HbSearchResponse *response = NULL;
  GError *error = NULL;

  g_mutex_lock (&self->lock);
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      if (self->store == NULL)
        self->store = hb_store_open_full (self->path, HB_STORE_OPEN_READ_ONLY, &error);
      if (self->store != NULL)
        response = hb_search (self->store, request->query, &options, cancellable, &error);
    }
  g_mutex_unlock (&self->lock);

  if (response != NULL)
    g_task_return_pointer (task, response, (GDestroyNotify) hb_search_response_free);
  else
    g_task_return_error (task, error);
}

static void
prepare_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  HbSearcher *self = source;
  g_autoptr (GError) error = NULL;

  g_mutex_lock (&self->lock);
  if (self->store == NULL)
    self->store = hb_store_open_full (self->path, HB_STORE_OPEN_READ_ONLY, &error);
  if (self->store != NULL && !hb_search_prepare (self->store, &error))
    g_debug ("Search not prepared: %s", error->message);
  g_mutex_unlock (&self->lock);
  g_task_return_boolean (task, TRUE);
}

void
hb_searcher_prepare (HbSearcher *self)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HB_IS_SEARCHER (self));

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, hb_searcher_prepare);
  g_task_run_in_thread (task, prepare_thread);
}

void
hb_searcher_search_async (HbSearcher *self,
                          const char *query,
                          const HbSearchOptions *options,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Request *request = g_new0 (Request, 1);

  g_return_if_fail (HB_IS_SEARCHER (self));

  request->query = g_strdup (query);
  if (options != NULL)
    {
      request->kind = g_strdup (options->kind);
      request->platform = g_strdup (options->platform);
      request->tag = g_strdup (options->tag);
      request->lang = g_strdup (options->lang);
      request->limit = options->limit;
      request->flags = options->flags;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hb_searcher_search_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  /* The result of a cancelled search is not wanted, even if it finished. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, search_thread);
}

HbSearchResponse *
hb_searcher_search_finish (HbSearcher *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
