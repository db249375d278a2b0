/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include "hb-cli-commands.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hb-ack-export.h"
#include "hb-bundle.h"
#include "hb-cli.h"
#include "hb-diff.h"
#include "hb-publish.h"
#include "hb-redline.h"
#include "hb-store-acknowledgements.h"
#include "hb-store-articles.h"
#include "hb-store-audit.h"
#include "hb-store-profiles.h"
#include "hb-store-publishes.h"
#include "hb-util.h"

/*
 * handbook-cli preview, publish, diff, ack, acks, whats-new, audit and key:
 * regulation updates, from the bundle to who acknowledged it.
 */

/* A public key file is small; anything larger is the wrong file. */
#define MAX_KEY_FILE (64 * 1024)

static const char *
status_label (HbPublishEntryStatus status)
{
  switch (status)
    {
    case HB_PUBLISH_ENTRY_NEW:
      return _("new");
    case HB_PUBLISH_ENTRY_UPDATED:
      return _("updated");
    case HB_PUBLISH_ENTRY_UNCHANGED:
    default:
      return _("unchanged");
    }
}

static char *
format_timestamp (gint64 seconds)
{
  g_autoptr (GDateTime) time = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M UTC") : g_strdup ("?");
}

static char *
read_key_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: there is no such key file"), path);
      return NULL;
    }
  if (st.st_size > MAX_KEY_FILE)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s: this is not a minisign public key"), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s: this is not a minisign public key"), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* Says what to do about a bundle that is refused, after why. */
static int
bundle_refused (const GError *error)
{
  g_printerr ("handbook-cli: %s\n", error->message);
  if (g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_UNSIGNED))
    g_printerr ("%s\n", _("Sign it with “handbook-cli sign BUNDLE --key FILE”, or let it through with "
                          "--allow-unsigned (the audit log records that)."));
  else if (g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_NO_TRUSTED_KEYS)
           || g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_UNKNOWN_KEY))
    g_printerr ("%s\n", _("An editor trusts the signer's public key with “handbook-cli key add KEY.pub --profile "
                          "EDITOR”."));
  else if (g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_BAD_SIGNATURE)
           || g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_CHANGED)
           || g_error_matches (error, HB_BUNDLE_ERROR, HB_BUNDLE_ERROR_SIGNATURE_MISMATCH))
    g_printerr ("%s\n", _("Nothing was written. A bundle whose signature does not match is never published, "
                          "not even with --allow-unsigned."));
  return HB_CLI_EXIT_FAILED;
}

static void
print_plan_head (HbPublishPlan *plan)
{
  HbBundle *bundle = plan->bundle;

  g_print ("%s (%s, %s)\n", hb_bundle_get_title (bundle), hb_bundle_get_id (bundle), plan->date);
  if (hb_bundle_get_publisher (bundle) != NULL)
    g_print (_("Publisher: %s\n"), hb_bundle_get_publisher (bundle));
  if (plan->signature != NULL)
    {
      g_autofree char *when = format_timestamp (plan->signature->timestamp);

      g_print (_("Signed by key %s on %s\n"), plan->signature->key_id, when);
    }
  else
    g_print ("%s\n", _("Not signed: let through with --allow-unsigned"));
  g_print (_("SHA-256: %s\n"), hb_bundle_get_sha256 (bundle));
}

static void
print_item (const HbPublishItem *item)
{
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%-10s %s ", status_label (item->status), item->record->id);
  if (item->status == HB_PUBLISH_ENTRY_UPDATED)
    g_string_append_printf (line, "v%u → v%u", item->old_version, item->new_version);
  else
    g_string_append_printf (line, "v%u", item->new_version);
  if (item->status != HB_PUBLISH_ENTRY_UNCHANGED)
    g_string_append_printf (line, ngettext ("  +%u −%u word", "  +%u −%u words", item->words_added + item->words_removed),
                            item->words_added, item->words_removed);
  if (item->record->effective != NULL)
    g_string_append_printf (line, item->pending ? _("  takes effect %s") : _("  effective %s"),
                            item->record->effective);
  if (item->entry->acknowledge == HB_BUNDLE_ACKNOWLEDGE_REQUIRED)
    g_string_append (line, item->entry->due != NULL ? "" : _("  acknowledge"));
  if (item->entry->due != NULL)
    g_string_append_printf (line, _("  acknowledge by %s"), item->entry->due);
  g_print ("%s\n", line->str);
  if (item->status == HB_PUBLISH_ENTRY_UPDATED && g_strcmp0 (item->old_title, item->record->title) != 0)
    g_print (_("           title: %s → %s\n"), item->old_title, item->record->title);
  else
    g_print ("           %s\n", item->record->title);
}

static void
print_item_redline (const HbPublishItem *item, gboolean color)
{
  static const HbDiffMarkers colors = { "\033[31;9m", "\033[0m", "\033[32m", "\033[0m" };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbDiff) diff = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  guint i;

  if (item->status == HB_PUBLISH_ENTRY_UNCHANGED)
    return;
  diff = hb_publish_item_diff (item, &error);
  if (diff == NULL)
    return;
  text = hb_diff_to_text_with_markers (diff, TRUE, color ? &colors : NULL);
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' || lines[i + 1] != NULL)
      g_print ("    %s\n", lines[i]);
}

static HbBundle *
read_bundle (const char *path, int *exit_code)
{
  g_autoptr (GError) error = NULL;
  HbBundle *bundle = hb_bundle_read (path, NULL, &error);

  if (bundle == NULL)
    {
      *exit_code = hb_cli_user_error (error);
      g_printerr ("%s\n", _("Nothing was written."));
    }
  return bundle;
}

int
hb_cli_preview (int argc, char **argv)
{
  gboolean allow_unsigned = FALSE;
  gboolean show_diff = FALSE;
  g_auto (GStrv) key_files = NULL;
  GOptionEntry entries[] = {
    { "allow-unsigned", 0, 0, G_OPTION_ARG_NONE, &allow_unsigned, N_("Preview a bundle that is not signed"), NULL },
    { "trusted-key", 'k', 0, G_OPTION_ARG_FILENAME_ARRAY, &key_files,
      N_("Trust this public key too, for this preview only"), N_("FILE") },
    { "diff", 'd', 0, G_OPTION_ARG_NONE, &show_diff, N_("Print the changes of each article"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbBundle) bundle = NULL;
  g_autoptr (HbPublishPlan) plan = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  HbPublishOptions options = { 0 };
  int exit_code = HB_CLI_EXIT_OK;
  guint i;

  if (!hb_cli_parse_options ("preview", _("BUNDLE"),
                             _("Checks an update bundle (its signature, that it is newer than what was published, "
                               "every file) and lists what publishing it would do. Writes nothing."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("preview", argc < 2 ? _("give the bundle to preview") : _("give one bundle"));

  for (i = 0; key_files != NULL && key_files[i] != NULL; i++)
    {
      char *key = read_key_file (key_files[i], &error);

      if (key == NULL)
        return hb_cli_user_error (error);
      g_ptr_array_add (keys, key);
    }
  g_ptr_array_add (keys, NULL);

  bundle = read_bundle (argv[1], &exit_code);
  if (bundle == NULL)
    return exit_code;
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);

  options.allow_unsigned = allow_unsigned;
  options.extra_keys = (const char *const *) keys->pdata;
  plan = hb_publish_preview (store, bundle, &options, NULL, &error);
  if (plan == NULL)
    return bundle_refused (error);

  print_plan_head (plan);
  g_print ("\n");
  for (i = 0; i < plan->items->len; i++)
    {
      print_item (g_ptr_array_index (plan->items, i));
      if (show_diff)
        print_item_redline (g_ptr_array_index (plan->items, i), isatty (STDOUT_FILENO));
    }
  g_print ("\n");
  g_print (_("%u new, %u updated, %u unchanged. Nothing was written: publish it with “handbook-cli publish "
             "%s”.\n"),
           plan->n_new, plan->n_updated, plan->n_unchanged, argv[1]);
  return HB_CLI_EXIT_OK;
}

static void
publish_progress_cb (guint done, guint total, gpointer user_data)
{
  gboolean *tty = user_data;

  if (*tty)
    {
      g_printerr ("\r%s %u/%u", _("Publishing…"), done, total);
      if (done == total)
        g_printerr ("\r\033[K");
    }
}

int
hb_cli_publish (int argc, char **argv)
{
  gboolean allow_unsigned = FALSE;
  g_autofree char *profile_key = NULL;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("The editor who publishes"), N_("PROFILE") },
    { "allow-unsigned", 0, 0, G_OPTION_ARG_NONE, &allow_unsigned,
      N_("Publish a bundle that is not signed (recorded in the audit log)"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbBundle) bundle = NULL;
  g_autoptr (HbPublishPlan) plan = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autofree char *publish_uuid = NULL;
  HbPublishOptions options = { 0 };
  gboolean tty = isatty (STDERR_FILENO);
  int exit_code = HB_CLI_EXIT_OK;
  guint i;

  if (!hb_cli_parse_options ("publish", _("BUNDLE"),
                             _("Publishes an update bundle: every new and changed article in one transaction, "
                               "or nothing. The bundle must be signed by a key the handbook trusts."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("publish", argc < 2 ? _("give the bundle to publish") : _("give one bundle"));

  bundle = read_bundle (argv[1], &exit_code);
  if (bundle == NULL)
    return exit_code;
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  if (profile_key != NULL)
    {
      profile = hb_cli_find_profile (store, profile_key, &exit_code);
      if (profile == NULL)
        return exit_code;
    }

  options.allow_unsigned = allow_unsigned;
  plan = hb_publish_preview (store, bundle, &options, NULL, &error);
  if (plan == NULL)
    return bundle_refused (error);

  if (!hb_publish_commit (store, plan, profile != NULL ? profile->uuid : NULL, publish_progress_cb, &tty, NULL,
                          &publish_uuid, &error))
    {
      g_printerr ("handbook-cli: %s\n", error->message);
      g_printerr ("%s\n", _("Nothing was written."));
      return HB_CLI_EXIT_FAILED;
    }

  print_plan_head (plan);
  g_print ("\n");
  for (i = 0; i < plan->items->len; i++)
    print_item (g_ptr_array_index (plan->items, i));
  g_print ("\n");
  g_print (_("Published %s: %u new, %u updated, %u unchanged (publish %s)\n"), hb_bundle_get_id (bundle),
           plan->n_new, plan->n_updated, plan->n_unchanged, publish_uuid);
  if (plan->signature == NULL)
    g_print ("%s\n", _("It was not signed: the audit log records that it was allowed."));
  return HB_CLI_EXIT_OK;
}

static gboolean
parse_version (const char *text, guint *version)
{
  guint64 value = 0;
  const char *digits = text[0] == 'v' || text[0] == 'V' ? text + 1 : text;

  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXUINT, &value, NULL))
    return FALSE;
  *version = (guint) value;
  return TRUE;
}

int
hb_cli_diff (int argc, char **argv)
{
  gboolean html = FALSE;
  gboolean changes_only = FALSE;
  GOptionEntry entries[] = {
    { "html", 0, 0, G_OPTION_ARG_NONE, &html, N_("Print the redline page as HTML, as the window shows it"), NULL },
    { "changes-only", 'c', 0, G_OPTION_ARG_NONE, &changes_only, N_("Leave out what did not change"), NULL },
    { NULL }
  };
  static const HbDiffMarkers colors = { "\033[31;9m", "\033[0m", "\033[32m", "\033[0m" };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbArticle) old_version = NULL;
  g_autoptr (HbArticle) new_version = NULL;
  g_autoptr (HbDiff) diff = NULL;
  int exit_code = HB_CLI_EXIT_OK;
  guint from = 0, to = 0;

  if (!hb_cli_parse_options ("diff", _("ID A B"),
                             _("Prints the redline of version A against version B of an article: “[-deleted-]” and "
                               "“{+inserted+}” in text, <del> and <ins> in HTML."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 4)
    return hb_cli_usage_error ("diff", _("give the article and two versions"));
  if (!parse_version (argv[2], &from) || !parse_version (argv[3], &to))
    return hb_cli_usage_error ("diff", _("a version is a number from 1"));

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  old_version = hb_store_get_article (store, argv[1], from, &error);
  if (old_version != NULL)
    new_version = hb_store_get_article (store, argv[1], to, &error);
  if (new_version == NULL)
    return hb_cli_user_error (error);

  diff = hb_diff_markdown (hb_article_get_body (old_version), hb_article_get_body (new_version), &error);
  if (diff == NULL)
    return hb_cli_user_error (error);

  if (html)
    {
      g_autofree char *versions = g_strdup_printf (_("Version %u → version %u"), from, to);
      g_autofree char *page_html = NULL;
      HbRedlinePage page = { 0 };

      page.title = hb_article_get_title (new_version);
      page.lang = hb_article_get_lang (new_version);
      page.versions = versions;
      page.changes = hb_article_get_changes (new_version);
      page.changes_only = changes_only;
      page_html = hb_redline_render_page (diff, &page, FALSE);
      g_print ("%s", page_html);
    }
  else
    {
      const HbDiffSummary *summary = hb_diff_get_summary (diff);
      g_autofree char *text = hb_diff_to_text_with_markers (diff, changes_only,
                                                            isatty (STDOUT_FILENO) ? &colors : NULL);
      g_autofree char *sections = g_strdup_printf (ngettext ("%u section changed", "%u sections changed",
                                                             summary->sections->len),
                                                   summary->sections->len);
      g_autofree char *counts = g_strdup_printf (ngettext ("%s, %u word added, %u removed",
                                                           "%s, %u words added, %u removed", summary->words_added),
                                                 sections, summary->words_added, summary->words_removed);

      g_print (_("%s: version %u → version %u: %s\n\n"), hb_article_get_title (new_version), from, to, counts);
      g_print ("%s", text);
    }
  return HB_CLI_EXIT_OK;
}

int
hb_cli_ack (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  int version = 0;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("Who acknowledges"), N_("PROFILE") },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("The version read (default: the one in force)"), N_("N") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (HbStoreWrite) write = NULL;
  g_autoptr (HbAcknowledgement) ack = NULL;
  gboolean already = FALSE;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("ack", _("ID --profile PROFILE"),
                             _("Records that a person read and acknowledges a version of an article."), entries,
                             &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("ack", argc < 2 ? _("give the id of an article") : _("give one id"));
  if (version < 0)
    return hb_cli_usage_error ("ack", _("a version is a number from 1"));

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profile = hb_cli_find_profile (store, profile_key, &exit_code);
  if (profile == NULL)
    return exit_code;

  write = hb_store_write_begin (store, &error);
  if (write == NULL)
    return hb_cli_user_error (error);
  ack = hb_store_acknowledge (write, profile->uuid, argv[1], (guint) version, &already, &error);
  if (ack == NULL || !hb_store_write_commit (g_steal_pointer (&write), &error))
    return hb_cli_user_error (error);

  if (already)
    g_print (_("%s acknowledged %s version %u already, on %s\n"), ack->profile_name, ack->article_id,
             ack->version, ack->acknowledged_at);
  else
    g_print (_("%s acknowledged %s version %u (%s) at %s\n"), ack->profile_name, ack->article_id, ack->version,
             ack->title, ack->acknowledged_at);
  return HB_CLI_EXIT_OK;
}

int
hb_cli_acks (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  g_autofree char *format = NULL;
  gboolean pending_only = FALSE;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("Only this person's"), N_("PROFILE") },
    { "pending", 0, 0, G_OPTION_ARG_NONE, &pending_only, N_("Only the acknowledgements still owed"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (default), csv or xapi"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (GPtrArray) acks = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  const char *uuid = NULL;
  int exit_code = HB_CLI_EXIT_OK;
  guint i;

  if (!hb_cli_parse_options ("acks", "",
                             _("Lists who acknowledged which version, and what each person still owes (with due "
                               "dates); exports it as CSV or xAPI statements."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("acks", _("unexpected argument “%s”"), argv[1]);
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "csv") != 0 && strcmp (format, "xapi") != 0)
    return hb_cli_usage_error ("acks", _("unknown format “%s”: use text, csv or xapi"), format);

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  if (profile_key != NULL)
    {
      profile = hb_cli_find_profile (store, profile_key, &exit_code);
      if (profile == NULL)
        return exit_code;
      uuid = profile->uuid;
    }

  if (g_strcmp0 (format, "csv") == 0 || g_strcmp0 (format, "xapi") == 0)
    {
      g_autofree char *text = strcmp (format, "csv") == 0 ? hb_ack_export_csv (store, uuid, NULL, &error)
                                                          : hb_ack_export_xapi (store, uuid, &error);

      if (text == NULL)
        return hb_cli_user_error (error);
      fputs (text, stdout);
      if (strcmp (format, "xapi") == 0)
        fputs ("\n", stdout);
      return HB_CLI_EXIT_OK;
    }

  if (!pending_only)
    {
      acks = hb_store_list_acknowledgements (store, uuid, NULL, &error);
      if (acks == NULL)
        return hb_cli_user_error (error);
      for (i = 0; i < acks->len; i++)
        {
          HbAcknowledgement *ack = g_ptr_array_index (acks, i);

          g_print ("%s\t%s\t%s\t%s\tv%u\t%s\n", _("acknowledged"), ack->acknowledged_at, ack->profile_name,
                   ack->article_id, ack->version, ack->title);
        }
    }
  pending = hb_store_list_pending_acknowledgements (store, uuid, NULL, &error);
  if (pending == NULL)
    return hb_cli_user_error (error);
  for (i = 0; i < pending->len; i++)
    {
      HbPendingAcknowledgement *item = g_ptr_array_index (pending, i);
      g_autofree char *due = item->due != NULL ? g_strdup_printf (_("due %s"), item->due) : g_strdup ("-");

      g_print ("%s\t%s\t%s\t%s\tv%u\t%s\n", item->overdue ? _("overdue") : _("pending"), due, item->profile_name,
               item->article_id, item->version, item->title);
    }
  return HB_CLI_EXIT_OK;
}

int
hb_cli_whats_new (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  gboolean mark_seen = FALSE;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("Whose What's new"), N_("PROFILE") },
    { "mark-seen", 0, 0, G_OPTION_ARG_NONE, &mark_seen, N_("Count it as looked at, as the window does"), NULL },
    { NULL }
  };
  static const char *const group_names[] = { N_("New"), N_("Earlier"), N_("Coming") };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (HbWhatsNew) whats_new = NULL;
  int exit_code = HB_CLI_EXIT_OK;
  guint i;

  if (!hb_cli_parse_options ("whats-new", _("--profile PROFILE"),
                             _("Lists the versions that took effect since this person last looked, those to come, "
                               "and the redline each opens: since the version this person last read."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("whats-new", _("unexpected argument “%s”"), argv[1]);

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profile = hb_cli_find_profile (store, profile_key, &exit_code);
  if (profile == NULL)
    return exit_code;
  whats_new = hb_store_get_whats_new (store, profile->uuid, NULL, &error);
  if (whats_new == NULL)
    return hb_cli_user_error (error);

  g_print (ngettext ("%u new since %s\n", "%u new since %s\n", whats_new->n_unseen), whats_new->n_unseen,
           whats_new->since);
  for (i = 0; i < whats_new->items->len; i++)
    {
      HbWhatsNewItem *item = g_ptr_array_index (whats_new->items, i);
      g_autofree char *redline = item->base_version > 0 ? g_strdup_printf ("v%u → v%u", item->base_version,
                                                                           item->version)
                                                        : g_strdup_printf ("v%u", item->version);

      g_autofree char *due = item->due != NULL && item->needs_ack && !item->acknowledged
                               ? g_strdup_printf (_(" by %s"), item->due)
                               : g_strdup ("");

      g_print ("%s\t%s\t%s\t%s\t%s%s%s\t%s\n", _(group_names[item->group]), item->article_id, redline,
               item->effective != NULL ? item->effective : item->took_effect,
               item->read ? _("read") : _("unread"),
               item->needs_ack ? (item->acknowledged ? _(", acknowledged") : _(", to acknowledge")) : "", due,
               item->title);
    }

  if (mark_seen)
    {
      g_autoptr (HbStoreWrite) write = hb_store_write_begin (store, &error);

      if (write == NULL || !hb_store_record_whats_new_view (write, profile->uuid, &error)
          || !hb_store_write_commit (g_steal_pointer (&write), &error))
        return hb_cli_user_error (error);
    }
  return HB_CLI_EXIT_OK;
}

/* audit list|verify|export ------------------------------------------------- */

static int
audit_list (int argc, char **argv)
{
  g_autofree char *since = NULL;
  g_autofree char *profile_key = NULL;
  GOptionEntry entries[] = {
    { "since", 's', 0, G_OPTION_ARG_STRING, &since, N_("Only rows from this day (YYYY-MM-DD) on"), N_("DATE") },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("Only this person's rows"), N_("PROFILE") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  int exit_code = HB_CLI_EXIT_OK;
  guint i;

  if (!hb_cli_parse_options ("audit list", "",
                             _("Prints the audit log: number, time (UTC), event, who, what, details."), entries,
                             &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("audit list", _("unexpected argument “%s”"), argv[1]);
  if (since != NULL && !hb_util_is_valid_date (since))
    return hb_cli_usage_error ("audit list", _("“%s” is not a date: write it YYYY-MM-DD"), since);

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  if (profile_key != NULL)
    {
      profile = hb_cli_find_profile (store, profile_key, &exit_code);
      if (profile == NULL)
        return exit_code;
    }
  rows = hb_store_audit_list (store, since, profile != NULL ? profile->uuid : NULL, &error);
  if (rows == NULL)
    return hb_cli_user_error (error);
  for (i = 0; i < rows->len; i++)
    {
      HbAuditRow *row = g_ptr_array_index (rows, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", row->seq, row->at, row->event,
               row->profile_name != NULL ? row->profile_name : row->profile_uuid != NULL ? row->profile_uuid : "-",
               row->subject != NULL ? row->subject : "-", row->details);
    }
  return HB_CLI_EXIT_OK;
}

static int
audit_verify (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbAuditVerification) result = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("audit verify", "",
                             _("Walks the audit log's hash chain and names the first row that was changed, removed "
                               "or inserted. Exit status 1 when one was."),
                             NULL, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("audit verify", _("unexpected argument “%s”"), argv[1]);

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  result = hb_store_audit_verify (store, &error);
  if (result == NULL)
    return hb_cli_user_error (error);
  if (result->damage != HB_AUDIT_INTACT)
    {
      g_printerr ("handbook-cli: %s\n", result->message);
      if (result->uuid != NULL)
        g_printerr (result->damage == HB_AUDIT_REMOVED ? _("The uuid of the row after the gap: %s\n")
                                                       : _("The row's uuid: %s\n"),
                    result->uuid);
      return HB_CLI_EXIT_FAILED;
    }
  g_print ("%s\n", result->message);
  if (result->head_hash != NULL)
    g_print (_("Last hash: %s\n"), result->head_hash);
  return HB_CLI_EXIT_OK;
}

static int
audit_export (int argc, char **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the standard output"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GFile) file = NULL;
  int exit_code = HB_CLI_EXIT_OK;
  gint64 n;

  if (!hb_cli_parse_options ("audit export", "",
                             _("Writes the audit log with its hashes as JSON Lines, for a third party to check "
                               "(README.md says how)."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("audit export", _("unexpected argument “%s”"), argv[1]);

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  if (output != NULL)
    {
      file = g_file_new_for_commandline_arg (output);
      stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (stream == NULL)
        return hb_cli_user_error (error);
    }
  else
    stream = g_memory_output_stream_new_resizable ();

  n = hb_store_audit_export (store, stream, NULL, &error);
  if (n < 0 || !g_output_stream_close (stream, NULL, &error))
    return hb_cli_user_error (error);
  if (output == NULL)
    {
      GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (stream);

      fwrite (g_memory_output_stream_get_data (memory), 1, g_memory_output_stream_get_data_size (memory), stdout);
    }
  if (output != NULL)
    g_printerr (ngettext ("Wrote %lld row to %s\n", "Wrote %lld rows to %s\n", n), (long long) n, output);
  return HB_CLI_EXIT_OK;
}

/* key add|list|remove ------------------------------------------------------- */

static int
key_add (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("The editor who trusts the key"), N_("PROFILE") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("Whose key it is"), N_("NAME") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (HbStoreWrite) write = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key_id = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("key add", _("KEY.pub --profile EDITOR"),
                             _("Trusts a minisign public key to sign the handbook's update bundles."), entries,
                             &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("key add", _("give one public key file"));

  text = read_key_file (argv[1], &error);
  if (text == NULL)
    return hb_cli_user_error (error);
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profile = hb_cli_find_profile (store, profile_key, &exit_code);
  if (profile == NULL)
    return exit_code;
  write = hb_store_write_begin (store, &error);
  if (write == NULL)
    return hb_cli_user_error (error);
  if (!hb_store_trust_key (write, text, name, profile->uuid, &key_id, &error)
      || !hb_store_write_commit (g_steal_pointer (&write), &error))
    {
      g_printerr ("handbook-cli: %s: %s\n", argv[1], error->message);
      return HB_CLI_EXIT_FAILED;
    }
  g_print (_("Bundles signed by key %s are trusted now\n"), key_id);
  return HB_CLI_EXIT_OK;
}

static int
key_list (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  int exit_code = HB_CLI_EXIT_OK;
  guint i;

  if (!hb_cli_parse_options ("key list", "", _("Lists the keys trusted to sign update bundles."), NULL, &argc,
                             &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("key list", _("unexpected argument “%s”"), argv[1]);
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  keys = hb_store_list_trusted_keys (store, &error);
  if (keys == NULL)
    return hb_cli_user_error (error);
  for (i = 0; i < keys->len; i++)
    {
      HbTrustedKey *key = g_ptr_array_index (keys, i);

      g_print ("%s\t%s\t%s\t%s\t%s\n", key->key_id, key->name != NULL ? key->name : "-", key->added_at,
               key->added_by != NULL ? key->added_by : "-", key->public_key);
    }
  return HB_CLI_EXIT_OK;
}

static int
key_remove (int argc, char **argv)
{
  g_autofree char *profile_key = NULL;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_key, N_("The editor who revokes the key"), N_("PROFILE") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  g_autoptr (HbStoreWrite) write = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("key remove", _("KEY-ID --profile EDITOR"),
                             _("Stops trusting a key: bundles it signed are refused from now on."), entries, &argc,
                             &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("key remove", _("give one key id"));
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profile = hb_cli_find_profile (store, profile_key, &exit_code);
  if (profile == NULL)
    return exit_code;
  write = hb_store_write_begin (store, &error);
  if (write == NULL)
    return hb_cli_user_error (error);
  if (!hb_store_revoke_key (write, argv[1], profile->uuid, &error)
      || !hb_store_write_commit (g_steal_pointer (&write), &error))
    return hb_cli_user_error (error);
  g_print (_("The key %s is not trusted any more\n"), argv[1]);
  return HB_CLI_EXIT_OK;
}

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
} Subcommand;

static int
run_subcommand (const char *command, const Subcommand *subcommands, guint n, const char *usage, int argc,
                char **argv)
{
  guint i;

  if (argc < 2 || argv[1][0] == '-')
    {
      if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
        {
          g_print ("%s\n", usage);
          return HB_CLI_EXIT_OK;
        }
      return hb_cli_usage_error (command, "%s", usage);
    }
  for (i = 0; i < n; i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      {
        g_autofree char *argv0 = g_strdup_printf ("handbook-cli %s %s", command, argv[1]);
        char *saved = argv[1];
        int rc;

        argv[1] = argv0;
        rc = subcommands[i].run (argc - 1, argv + 1);
        argv[1] = saved;
        return rc;
      }
  return hb_cli_usage_error (command, _("unknown command “%s”"), argv[1]);
}

int
hb_cli_audit (int argc, char **argv)
{
  static const Subcommand subcommands[] = {
    { "list", audit_list },
    { "verify", audit_verify },
    { "export", audit_export },
  };

  return run_subcommand ("audit", subcommands, G_N_ELEMENTS (subcommands),
                         _("give list [--since DATE] [--profile P], verify, or export [--output FILE]"), argc, argv);
}

int
hb_cli_key (int argc, char **argv)
{
  static const Subcommand subcommands[] = {
    { "add", key_add },
    { "list", key_list },
    { "remove", key_remove },
  };

  return run_subcommand ("key", subcommands, G_N_ELEMENTS (subcommands),
                         _("give add KEY.pub --profile EDITOR [--name NAME], list, or remove KEY-ID --profile "
                           "EDITOR"),
                         argc, argv);
}
