/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-library"

#include "config.h"

#include "hb-library.h"

#include <string.h>

struct _HbLibraryGroup
{
  GObject parent_instance;

  HbArticleKind kind;
  GListModel *articles;
};

G_DEFINE_FINAL_TYPE (HbLibraryGroup, hb_library_group, G_TYPE_OBJECT)

static void
hb_library_group_finalize (GObject *object)
{
  HbLibraryGroup *self = (HbLibraryGroup *) object;

  g_clear_object (&self->articles);

  G_OBJECT_CLASS (hb_library_group_parent_class)->finalize (object);
}

static void
hb_library_group_class_init (HbLibraryGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_library_group_finalize;
}

static void
hb_library_group_init (HbLibraryGroup *self)
{
}

HbLibraryGroup *
hb_library_group_new (HbArticleKind kind, GListModel *articles)
{
  HbLibraryGroup *self = g_object_new (HB_TYPE_LIBRARY_GROUP, NULL);

  self->kind = kind;
  self->articles = g_object_ref (articles);
  return self;
}

HbArticleKind
hb_library_group_get_kind (HbLibraryGroup *self)
{
  g_return_val_if_fail (HB_IS_LIBRARY_GROUP (self), HB_ARTICLE_KIND_GUIDE);
  return self->kind;
}

const char *
hb_library_group_get_label (HbLibraryGroup *self)
{
  g_return_val_if_fail (HB_IS_LIBRARY_GROUP (self), NULL);
  return hb_article_kind_get_label (self->kind);
}

GListModel *
hb_library_group_get_articles (HbLibraryGroup *self)
{
  g_return_val_if_fail (HB_IS_LIBRARY_GROUP (self), NULL);
  return self->articles;
}

guint
hb_library_group_get_count (HbLibraryGroup *self)
{
  g_return_val_if_fail (HB_IS_LIBRARY_GROUP (self), 0);
  return g_list_model_get_n_items (self->articles);
}

/* An article and the key its title sorts by. */
typedef struct
{
  char *key;
  HbArticle *article;
} SortEntry;

static void
sort_entry_clear (gpointer data)
{
  SortEntry *entry = data;

  g_free (entry->key);
  g_object_unref (entry->article);
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  int cmp = strcmp (x->key, y->key);

  return cmp != 0 ? cmp : strcmp (hb_article_get_id (x->article), hb_article_get_id (y->article));
}

static gboolean
strv_has (const char *const *values, const char *value)
{
  return values != NULL && g_strv_contains (values, value);
}

GListModel *
hb_library_build (GListModel *articles, const char *kind, const char *platform, const char *tag)
{
  GArray *per_kind[HB_ARTICLE_N_KINDS];
  GListStore *groups = g_list_store_new (HB_TYPE_LIBRARY_GROUP);
  guint i, n;

  for (i = 0; i < HB_ARTICLE_N_KINDS; i++)
    {
      per_kind[i] = g_array_new (FALSE, FALSE, sizeof (SortEntry));
      g_array_set_clear_func (per_kind[i], sort_entry_clear);
    }

  n = g_list_model_get_n_items (articles);
  for (i = 0; i < n; i++)
    {
      g_autoptr (HbArticle) article = g_list_model_get_item (articles, i);
      g_autofree char *folded = NULL;
      SortEntry entry;

      if (kind != NULL
          && g_strcmp0 (hb_article_kind_to_string (hb_article_get_kind (article)), kind) != 0)
        continue;
      if (platform != NULL && !strv_has (hb_article_get_platforms (article), platform))
        continue;
      if (tag != NULL && !strv_has (hb_article_get_tags (article), tag))
        continue;
      /* The locale's collation (Chinese titles by pinyin in zh_CN.UTF-8),
       * of the case-folded title, so that the C locale too sorts "apple"
       * beside "Apple". */
      folded = g_utf8_casefold (hb_article_get_title (article), -1);
      entry.key = g_utf8_collate_key (folded, -1);
      entry.article = g_steal_pointer (&article);
      g_array_append_val (per_kind[hb_article_get_kind (entry.article)], entry);
    }

  for (i = 0; i < HB_ARTICLE_N_KINDS; i++)
    {
      if (per_kind[i]->len > 0)
        {
          g_autoptr (GListStore) sorted = g_list_store_new (HB_TYPE_ARTICLE);
          g_autoptr (HbLibraryGroup) group = NULL;

          g_array_sort (per_kind[i], compare_entries);
          for (guint j = 0; j < per_kind[i]->len; j++)
            g_list_store_append (sorted, g_array_index (per_kind[i], SortEntry, j).article);
          group = hb_library_group_new ((HbArticleKind) i, G_LIST_MODEL (sorted));
          g_list_store_append (groups, group);
        }
      g_array_unref (per_kind[i]);
    }

  return G_LIST_MODEL (groups);
}

GHashTable *
hb_library_count_values (GListModel *articles, gboolean tags)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint i, n = g_list_model_get_n_items (articles);

  for (i = 0; i < n; i++)
    {
      g_autoptr (HbArticle) article = g_list_model_get_item (articles, i);
      const char *const *values = tags ? hb_article_get_tags (article) : hb_article_get_platforms (article);
      guint j;

      for (j = 0; values != NULL && values[j] != NULL; j++)
        {
          gpointer old = g_hash_table_lookup (counts, values[j]);

          g_hash_table_insert (counts, g_strdup (values[j]), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
        }
    }

  return counts;
}
