/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-article"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hb-article.h"

struct _HbArticle
{
  GObject parent_instance;

  HbArticleRecord *record;
  guint version;
  guint latest_version;
  guint current_version;
  char *imported_at;
};

G_DEFINE_FINAL_TYPE (HbArticle, hb_article, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_TITLE,
  PROP_KIND,
  PROP_LANG,
  PROP_EFFECTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const kind_names[HB_ARTICLE_N_KINDS] = {
  "guide",
  "faq",
  "regulation",
  "lesson",
};

gboolean
hb_article_kind_from_string (const char *text, HbArticleKind *kind)
{
  guint i;

  if (text == NULL)
    return FALSE;

  for (i = 0; i < HB_ARTICLE_N_KINDS; i++)
    if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (HbArticleKind) i;
        return TRUE;
      }

  return FALSE;
}

const char *
hb_article_kind_to_string (HbArticleKind kind)
{
  g_return_val_if_fail (kind < HB_ARTICLE_N_KINDS, "guide");
  return kind_names[kind];
}

const char *
hb_article_kind_get_label (HbArticleKind kind)
{
  switch (kind)
    {
    case HB_ARTICLE_KIND_GUIDE:
      return _("Guides");
    case HB_ARTICLE_KIND_FAQ:
      return _("FAQs");
    case HB_ARTICLE_KIND_REGULATION:
      return _("Regulations");
    case HB_ARTICLE_KIND_LESSON:
      return _("Lessons");
    case HB_ARTICLE_N_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

HbAssetRecord *
hb_asset_record_new (const char *path, GBytes *data, const char *mime_type)
{
  HbAssetRecord *asset = g_new0 (HbAssetRecord, 1);

  asset->path = g_strdup (path);
  asset->data = g_bytes_ref (data);
  asset->mime_type = g_strdup (mime_type);
  asset->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  return asset;
}

void
hb_asset_record_free (HbAssetRecord *asset)
{
  if (asset == NULL)
    return;
  g_free (asset->path);
  g_free (asset->sha256);
  g_free (asset->mime_type);
  g_clear_pointer (&asset->data, g_bytes_unref);
  g_free (asset);
}

HbArticleRecord *
hb_article_record_new (void)
{
  HbArticleRecord *record = g_new0 (HbArticleRecord, 1);

  record->platforms = g_new0 (char *, 1);
  record->tags = g_new0 (char *, 1);
  return record;
}

void
hb_article_record_free (HbArticleRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->title);
  g_free (record->lang);
  g_strfreev (record->platforms);
  g_strfreev (record->tags);
  g_free (record->effective);
  g_free (record->changes);
  g_free (record->course);
  g_free (record->front_matter);
  g_free (record->body);
  g_free (record->sha256);
  g_free (record->source);
  g_clear_pointer (&record->assets, g_ptr_array_unref);
  g_free (record);
}

static void
hb_article_finalize (GObject *object)
{
  HbArticle *self = (HbArticle *) object;

  g_clear_pointer (&self->record, hb_article_record_free);
  g_clear_pointer (&self->imported_at, g_free);

  G_OBJECT_CLASS (hb_article_parent_class)->finalize (object);
}

static void
hb_article_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbArticle *self = HB_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->record->id);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->record->title);
      break;
    case PROP_KIND:
      g_value_set_string (value, hb_article_kind_to_string (self->record->kind));
      break;
    case PROP_LANG:
      g_value_set_string (value, self->record->lang);
      break;
    case PROP_EFFECTIVE:
      g_value_set_string (value, self->record->effective);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_article_class_init (HbArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hb_article_finalize;
  object_class->get_property = hb_article_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] = g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANG] = g_param_spec_string ("lang", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EFFECTIVE] = g_param_spec_string ("effective", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_article_init (HbArticle *self)
{
}

HbArticle *
hb_article_new (HbArticleRecord *record,
                guint version,
                guint latest_version,
                guint current_version,
                const char *imported_at)
{
  HbArticle *self;

  g_return_val_if_fail (record != NULL && record->id != NULL, NULL);

  self = g_object_new (HB_TYPE_ARTICLE, NULL);
  self->record = record;
  if (self->record->platforms == NULL)
    self->record->platforms = g_new0 (char *, 1);
  if (self->record->tags == NULL)
    self->record->tags = g_new0 (char *, 1);
  self->version = version;
  self->latest_version = latest_version;
  self->current_version = current_version;
  self->imported_at = g_strdup (imported_at);
  return self;
}

const HbArticleRecord *
hb_article_get_record (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record;
}

const char *
hb_article_get_id (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->id;
}

guint
hb_article_get_version (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), 0);
  return self->version;
}

guint
hb_article_get_latest_version (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), 0);
  return self->latest_version;
}

guint
hb_article_get_current_version (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), 0);
  return self->current_version;
}

const char *
hb_article_get_title (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->title;
}

HbArticleKind
hb_article_get_kind (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), HB_ARTICLE_KIND_GUIDE);
  return self->record->kind;
}

const char *
hb_article_get_lang (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->lang;
}

const char *const *
hb_article_get_platforms (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return (const char *const *) self->record->platforms;
}

const char *const *
hb_article_get_tags (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return (const char *const *) self->record->tags;
}

const char *
hb_article_get_effective (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->effective;
}

const char *
hb_article_get_changes (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->changes;
}

const char *
hb_article_get_course (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->course;
}

int
hb_article_get_order (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), 0);
  return self->record->order;
}

const char *
hb_article_get_body (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->body;
}

const char *
hb_article_get_sha256 (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->sha256;
}

const char *
hb_article_get_source (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->source;
}

const char *
hb_article_get_imported_at (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->imported_at;
}

const char *
hb_article_get_front_matter (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->record->front_matter;
}

gboolean
hb_article_is_pending (HbArticle *self, const char *today)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  return self->record->effective != NULL && g_strcmp0 (self->record->effective, today) > 0;
}
