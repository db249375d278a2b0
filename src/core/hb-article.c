/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-article"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hb-article-private.h"

struct _HbArticle
{
  GObject parent_instance;

  char *id;
  guint version;
  guint latest_version;
  guint current_version;
  char *title;
  HbArticleKind kind;
  char *lang;
  char **platforms;
  char **tags;
  char *effective;
  char *changes;
  char *course;
  int order;
  char *sha256;
  char *source;
  char *imported_at;
  char *front_matter;
  char *body;
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

static void
hb_article_finalize (GObject *object)
{
  HbArticle *self = (HbArticle *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->platforms, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->effective, g_free);
  g_clear_pointer (&self->changes, g_free);
  g_clear_pointer (&self->course, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->imported_at, g_free);
  g_clear_pointer (&self->front_matter, g_free);
  g_clear_pointer (&self->body, g_free);

  G_OBJECT_CLASS (hb_article_parent_class)->finalize (object);
}

static void
hb_article_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbArticle *self = HB_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_KIND:
      g_value_set_string (value, hb_article_kind_to_string (self->kind));
      break;
    case PROP_LANG:
      g_value_set_string (value, self->lang);
      break;
    case PROP_EFFECTIVE:
      g_value_set_string (value, self->effective);
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

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

char **
hb_article_split_list (const char *stored)
{
  if (stored == NULL || *stored == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (stored, "\x1f", -1);
}

char *
hb_article_join_list (const char *const *items)
{
  if (items == NULL)
    return g_strdup ("");
  return g_strjoinv ("\x1f", (char **) items);
}

HbArticle *
hb_article_new_from_stmt (sqlite3_stmt *stmt, gboolean with_body)
{
  HbArticle *self = g_object_new (HB_TYPE_ARTICLE, NULL);
  g_autofree char *kind = NULL;
  g_autofree char *platforms = NULL;
  g_autofree char *tags = NULL;

  self->id = column_dup (stmt, 0);
  self->version = (guint) sqlite3_column_int (stmt, 1);
  self->latest_version = (guint) sqlite3_column_int (stmt, 2);
  self->current_version = (guint) sqlite3_column_int (stmt, 3);
  self->title = column_dup (stmt, 4);
  kind = column_dup (stmt, 5);
  if (!hb_article_kind_from_string (kind, &self->kind))
    self->kind = HB_ARTICLE_KIND_GUIDE;
  self->lang = column_dup (stmt, 6);
  platforms = column_dup (stmt, 7);
  self->platforms = hb_article_split_list (platforms);
  tags = column_dup (stmt, 8);
  self->tags = hb_article_split_list (tags);
  self->effective = column_dup (stmt, 9);
  self->changes = column_dup (stmt, 10);
  self->course = column_dup (stmt, 11);
  self->order = sqlite3_column_int (stmt, 12);
  self->sha256 = column_dup (stmt, 13);
  self->source = column_dup (stmt, 14);
  self->imported_at = column_dup (stmt, 15);
  self->front_matter = column_dup (stmt, 16);
  if (with_body)
    self->body = column_dup (stmt, HB_ARTICLE_N_COLUMNS);

  return self;
}

const char *
hb_article_get_id (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->id;
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
  return self->title;
}

HbArticleKind
hb_article_get_kind (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), HB_ARTICLE_KIND_GUIDE);
  return self->kind;
}

const char *
hb_article_get_lang (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->lang;
}

const char *const *
hb_article_get_platforms (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return (const char *const *) self->platforms;
}

const char *const *
hb_article_get_tags (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return (const char *const *) self->tags;
}

const char *
hb_article_get_effective (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->effective;
}

const char *
hb_article_get_changes (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->changes;
}

const char *
hb_article_get_course (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->course;
}

int
hb_article_get_order (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), 0);
  return self->order;
}

const char *
hb_article_get_body (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->body;
}

const char *
hb_article_get_sha256 (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->sha256;
}

const char *
hb_article_get_source (HbArticle *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), NULL);
  return self->source;
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
  return self->front_matter;
}

gboolean
hb_article_is_pending (HbArticle *self, const char *today)
{
  g_return_val_if_fail (HB_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  return self->effective != NULL && g_strcmp0 (self->effective, today) > 0;
}
