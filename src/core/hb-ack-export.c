/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-ack-export"

#include "config.h"

#include "hb-ack-export.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "hb-store-acknowledgements.h"
#include "hb-store-articles.h"
#include "hb-uri.h"

static void
append_field (GString *out, const char *text, gboolean first)
{
  const char *p;
  gboolean formula;

  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;

  /* A cell that starts like a formula is shown as text, not run. */
  formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  if (!formula && strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_row (GString *out, const char *profile, const char *name, const char *employee, const char *article,
            guint version, const char *title, const char *status, const char *due, const char *at,
            const char *uuid, const char *sha256)
{
  g_autofree char *number = g_strdup_printf ("%u", version);

  append_field (out, profile, TRUE);
  append_field (out, name, FALSE);
  append_field (out, employee, FALSE);
  append_field (out, article, FALSE);
  append_field (out, number, FALSE);
  append_field (out, title, FALSE);
  append_field (out, status, FALSE);
  append_field (out, due, FALSE);
  append_field (out, at, FALSE);
  append_field (out, uuid, FALSE);
  append_field (out, sha256, FALSE);
  g_string_append (out, "\r\n");
}

char *
hb_ack_export_csv (HbStore *store, const char *profile_uuid, const char *today, GError **error)
{
  g_autoptr (GPtrArray) acks = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  guint i;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  if (!hb_store_read_begin (store, error))
    return NULL;
  acks = hb_store_list_acknowledgements (store, profile_uuid, NULL, error);
  if (acks != NULL)
    pending = hb_store_list_pending_acknowledgements (store, profile_uuid, today, error);
  hb_store_read_end (store);
  if (acks == NULL || pending == NULL)
    return NULL;

  g_string_append (out, "profile,name,employee_id,article,version,title,status,due,acknowledged_at,"
                        "acknowledgement,sha256\r\n");
  for (i = 0; i < acks->len; i++)
    {
      HbAcknowledgement *ack = g_ptr_array_index (acks, i);

      append_row (out, ack->profile_uuid, ack->profile_name, ack->employee_id, ack->article_id, ack->version,
                  ack->title, "acknowledged", NULL, ack->acknowledged_at, ack->uuid, ack->sha256);
    }
  for (i = 0; i < pending->len; i++)
    {
      HbPendingAcknowledgement *item = g_ptr_array_index (pending, i);

      append_row (out, item->profile_uuid, item->profile_name, item->employee_id, item->article_id, item->version,
                  item->title, item->overdue ? "overdue" : "pending", item->due, NULL, NULL, NULL);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
hb_ack_export_xapi (HbStore *store, const char *profile_uuid, GError **error)
{
  g_autoptr (GPtrArray) acks = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  guint i;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  acks = hb_store_list_acknowledgements (store, profile_uuid, NULL, error);
  if (acks == NULL)
    return NULL;

  json_builder_begin_array (builder);
  for (i = 0; i < acks->len; i++)
    {
      HbAcknowledgement *ack = g_ptr_array_index (acks, i);
      g_autoptr (HbArticle) article = hb_store_get_article (store, ack->article_id, ack->version, NULL);
      g_autofree char *activity = hb_article_uri (ack->article_id, NULL, ack->version);
      const char *lang = article != NULL ? hb_article_get_lang (article) : "en";

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ack->uuid);

      json_builder_set_member_name (builder, "actor");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "objectType");
      json_builder_add_string_value (builder, "Agent");
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ack->profile_name);
      json_builder_set_member_name (builder, "account");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "homePage");
      json_builder_add_string_value (builder, HB_XAPI_ACCOUNT_HOME_PAGE);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ack->profile_uuid);
      json_builder_end_object (builder);
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "verb");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, HB_XAPI_VERB_ACKNOWLEDGE);
      json_builder_set_member_name (builder, "display");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "en-US");
      json_builder_add_string_value (builder, "acknowledged");
      json_builder_end_object (builder);
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "object");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "objectType");
      json_builder_add_string_value (builder, "Activity");
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, activity);
      json_builder_set_member_name (builder, "definition");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, HB_XAPI_ACTIVITY_ARTICLE);
      json_builder_set_member_name (builder, "name");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, lang != NULL ? lang : "en");
      json_builder_add_string_value (builder, ack->title);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "result");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "completion");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "extensions");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, HB_XAPI_EXTENSION_SHA256);
      json_builder_add_string_value (builder, ack->sha256);
      json_builder_end_object (builder);
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "timestamp");
      json_builder_add_string_value (builder, ack->acknowledged_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
