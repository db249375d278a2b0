/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include "hb-cli-commands.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "hb-cli.h"
#include "hb-import.h"
#include "hb-markdown.h"
#include "hb-store-articles.h"
#include "hb-store-publishes.h"
#include "hb-util.h"

/* handbook-cli import, list, show and history. */

static void
print_progress_cb (guint done, guint total, gpointer user_data)
{
  gboolean *tty = user_data;

  if (*tty && (done % 50 == 0 || done == total))
    {
      g_printerr ("\r%s %u%%", _("Importing…"), total > 0 ? done * 100 / total : 100);
      if (done == total)
        g_printerr ("\r\033[K");
    }
}

int
hb_cli_import (int argc, char **argv)
{
  gboolean skip_invalid = FALSE;
  gboolean dry_run = FALSE;
  gboolean verbose = FALSE;
  g_autofree char *kind = NULL;
  GOptionEntry entries[] = {
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Import the valid files even if others are invalid"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check and compare, but store nothing"),
      NULL },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind,
      N_("Kind of the files whose front matter names none (default: guide)"), N_("KIND") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("List every article, not only the changed ones"),
      NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbImportReport) report = NULL;
  HbImportOptions options = { 0 };
  gboolean tty = isatty (fileno (stderr));
  int exit_code = HB_CLI_EXIT_OK;
  guint i;

  if (!hb_cli_parse_options ("import", _("PATH…"),
                      _("Imports Markdown files and folders. Each article whose text changed "
                        "gets a new version; nothing is written if any file is invalid, unless "
                        "--skip-invalid is given."),
                      entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return hb_cli_usage_error ("import", _("give a file or folder to import"));

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);

  options.flags = (skip_invalid ? HB_IMPORT_FLAGS_SKIP_INVALID : 0)
                  | (dry_run ? HB_IMPORT_FLAGS_DRY_RUN : 0);
  options.default_kind = kind;

  report = hb_import_paths (store, (const char *const *) argv + 1, &options, print_progress_cb,
                            &tty, NULL, &error);
  if (report == NULL)
    return hb_cli_user_error (error);

  for (i = 0; i < report->entries->len; i++)
    {
      HbImportEntry *entry = g_ptr_array_index (report->entries, i);
      const char *status = NULL;

      switch (entry->status)
        {
        case HB_IMPORT_STATUS_NEW:
          status = _("new");
          break;
        case HB_IMPORT_STATUS_UPDATED:
          status = _("updated");
          break;
        case HB_IMPORT_STATUS_UNCHANGED:
        default:
          status = verbose ? _("unchanged") : NULL;
          break;
        }
      if (status != NULL && (verbose || report->entries->len <= 100 || entry->status == HB_IMPORT_STATUS_UPDATED))
        g_print ("%-9s %s v%u%s  %s\n", status, entry->id, entry->version,
                 entry->pending ? _(" (takes effect later)") : "", entry->title);
    }

  for (i = 0; i < report->problems->len; i++)
    {
      g_autofree char *line = hb_import_problem_to_string (g_ptr_array_index (report->problems, i));

      g_printerr ("%s\n", line);
    }

  if (!report->committed && report->problems->len > 0 && !skip_invalid)
    {
      g_printerr (ngettext ("handbook-cli: %u problem; nothing was imported (fix it, or use "
                            "--skip-invalid to import the valid files)\n",
                            "handbook-cli: %u problems; nothing was imported (fix them, or use "
                            "--skip-invalid to import the valid files)\n",
                            report->problems->len),
                  report->problems->len);
      return HB_CLI_EXIT_FAILED;
    }

  g_print (_("%s%u new, %u updated, %u unchanged, %u not readable\n"),
           dry_run ? _("Dry run, nothing stored: ") : "", report->n_new, report->n_updated,
           report->n_unchanged, report->problems->len);

  return report->problems->len > 0 ? HB_CLI_EXIT_FAILED : HB_CLI_EXIT_OK;
}

int
hb_cli_list (int argc, char **argv)
{
  g_autofree char *kind = NULL;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Only articles of this kind"), N_("KIND") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GListModel) articles = NULL;
  int exit_code = HB_CLI_EXIT_OK;
  guint i, n;

  if (!hb_cli_parse_options ("list", "", _("Lists every article: id, kind, version in force, title."),
                      entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return hb_cli_usage_error ("list", _("unexpected argument “%s”"), argv[1]);
  if (kind != NULL && !hb_article_kind_from_string (kind, NULL))
    return hb_cli_usage_error ("list", _("unknown kind “%s”"), kind);

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);

  articles = hb_store_list_articles (store, kind, &error);
  if (articles == NULL)
    return hb_cli_user_error (error);

  n = g_list_model_get_n_items (articles);
  for (i = 0; i < n; i++)
    {
      g_autoptr (HbArticle) article = g_list_model_get_item (articles, i);

      g_print ("%s\t%s\tv%u\t%s\n", hb_article_get_id (article),
               hb_article_kind_to_string (hb_article_get_kind (article)),
               hb_article_get_version (article), hb_article_get_title (article));
    }

  return HB_CLI_EXIT_OK;
}

typedef struct
{
  HbStore *store;
} ResolveData;

static char *
resolve_link_cb (const char *path, gpointer user_data)
{
  ResolveData *data = user_data;

  return hb_store_find_by_source (data->store, path);
}

int
hb_cli_show (int argc, char **argv)
{
  int version = 0;
  gboolean html = FALSE;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("Show this version (default: the one in force)"),
      N_("N") },
    { "html", 0, 0, G_OPTION_ARG_NONE, &html, N_("Print the rendered HTML"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbArticle) article = NULL;
  g_autofree char *today = hb_util_today ();
  g_autofree char *platforms = NULL;
  g_autofree char *tags = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("show", _("ID"), _("Prints an article, or one of its versions."), entries,
                      &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("show", argc < 2 ? _("give the id of an article") : _("give one id"));
  if (version < 0)
    return hb_cli_usage_error ("show", _("a version is a number from 1"));

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);

  article = hb_store_get_article (store, argv[1], (guint) version, &error);
  if (article == NULL)
    return hb_cli_user_error (error);

  if (html)
    {
      ResolveData data = { store };
      g_autoptr (HbRendered) rendered = hb_markdown_render (hb_article_get_body (article),
                                                            hb_article_get_source (article),
                                                            resolve_link_cb, &data);

      g_print ("%s", rendered->html);
      return HB_CLI_EXIT_OK;
    }

  platforms = g_strjoinv (", ", (char **) hb_article_get_platforms (article));
  tags = g_strjoinv (", ", (char **) hb_article_get_tags (article));

  g_print ("%s\n", hb_article_get_title (article));
  g_print (_("id:        %s\n"), hb_article_get_id (article));
  g_print (_("version:   %u of %u%s\n"), hb_article_get_version (article),
           hb_article_get_latest_version (article),
           hb_article_get_version (article) == hb_article_get_current_version (article)
             ? _(" (in force)")
             : hb_article_is_pending (article, today) ? _(" (not yet in force)") : _(" (superseded)"));
  g_print (_("kind:      %s\n"), hb_article_kind_to_string (hb_article_get_kind (article)));
  g_print (_("language:  %s\n"), hb_article_get_lang (article));
  if (*platforms != '\0')
    g_print (_("platforms: %s\n"), platforms);
  if (*tags != '\0')
    g_print (_("tags:      %s\n"), tags);
  if (hb_article_get_effective (article) != NULL)
    g_print (_("effective: %s\n"), hb_article_get_effective (article));
  if (hb_article_get_changes (article) != NULL)
    g_print (_("changes:   %s\n"), hb_article_get_changes (article));
  g_print (_("source:    %s\n"), hb_article_get_source (article));
  g_print (_("imported:  %s\n"), hb_article_get_imported_at (article));
  g_print ("\n%s", hb_article_get_body (article));
  if (!g_str_has_suffix (hb_article_get_body (article), "\n"))
    g_print ("\n");

  return HB_CLI_EXIT_OK;
}

int
hb_cli_history (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) origins = NULL;
  int exit_code = HB_CLI_EXIT_OK;
  guint i;

  if (!hb_cli_parse_options ("history", _("ID"),
                      _("Lists every version of an article: number, import time, effective "
                        "date, content hash, source file, the bundle that brought it and who "
                        "published it, title and the change note."),
                      NULL, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("history", argc < 2 ? _("give the id of an article") : _("give one id"));

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);

  history = hb_store_get_history (store, argv[1], &error);
  if (history == NULL)
    return hb_cli_user_error (error);
  origins = hb_store_get_version_origins (store, argv[1], &error);
  if (origins == NULL)
    return hb_cli_user_error (error);

  for (i = 0; i < history->len; i++)
    {
      HbArticle *article = g_ptr_array_index (history, i);
      gboolean in_force = hb_article_get_version (article) == hb_article_get_current_version (article);
      g_autofree char *origin = NULL;
      guint j;

      /* Which bundle brought it, and who published it. */
      for (j = 0; j < origins->len && origin == NULL; j++)
        {
          HbVersionOrigin *o = g_ptr_array_index (origins, j);

          if (o->version == hb_article_get_version (article))
            origin = g_strdup_printf ("%s (%s%s%s)", o->bundle_id,
                                      o->profile_name != NULL ? o->profile_name
                                      : o->publisher != NULL  ? o->publisher
                                                              : "?",
                                      o->signer_key_id != NULL ? _(", key ") : _(", unsigned"),
                                      o->signer_key_id != NULL ? o->signer_key_id : "");
        }

      g_print ("v%u%s\t%s\t%s\t%.12s\t%s\t%s\t%s%s%s\n", hb_article_get_version (article),
               in_force ? "*" : "", hb_article_get_imported_at (article),
               hb_article_get_effective (article) != NULL ? hb_article_get_effective (article) : "-",
               hb_article_get_sha256 (article), hb_article_get_source (article), origin != NULL ? origin : "-",
               hb_article_get_title (article), hb_article_get_changes (article) != NULL ? " — " : "",
               hb_article_get_changes (article) != NULL ? hb_article_get_changes (article) : "");
    }

  return HB_CLI_EXIT_OK;
}
