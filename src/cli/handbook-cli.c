/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "hb-cli-commands.h"
#include "hb-import.h"
#include "hb-markdown.h"
#include "hb-store.h"
#include "hb-util.h"

/* Exit codes: 0 done, 1 the user's request could not be done, 2 usage. */
enum
{
  EXIT_OK = 0,
  EXIT_USER_ERROR = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

static char *db_path = NULL;

static int
usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const char *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    g_printerr (_("handbook-cli %s: %s (see “handbook-cli %s --help”)\n"), command, message, command);
  else
    g_printerr (_("handbook-cli: %s (see “handbook-cli --help”)\n"), message);
  return EXIT_USAGE;
}

static int
user_error (const GError *error)
{
  g_printerr ("handbook-cli: %s\n", error->message);
  return EXIT_USER_ERROR;
}

/* Parses a command's options; on a usage problem prints it and returns FALSE. */
static gboolean
parse_options (const char *command, const char *parameter, const char *summary,
               GOptionEntry *entries, int *argc, char ***argv, int *exit_code)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *full = g_strdup_printf ("%s %s", command, parameter);

  context = g_option_context_new (full);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static HbStore *
open_store (GError **error)
{
  g_autofree char *path = db_path != NULL ? g_strdup (db_path) : hb_store_default_path ();
  g_autoptr (HbStore) store = hb_store_open (path, error);

  if (store == NULL)
    return NULL;

  /* The default database starts as the sample handbook, as in the app; a
   * database named with --db holds exactly what is imported into it. */
  if (db_path == NULL)
    {
      g_autoptr (HbImportReport) seeded = hb_import_seed (store, NULL, error);

      if (seeded == NULL && error != NULL && *error != NULL)
        return NULL;
    }

  return g_steal_pointer (&store);
}

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

static int
cmd_import (int argc, char **argv)
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
  int exit_code = EXIT_OK;
  guint i;

  if (!parse_options ("import", _("PATH…"),
                      _("Imports Markdown files and folders. Each article whose text changed "
                        "gets a new version; nothing is written if any file is invalid, unless "
                        "--skip-invalid is given."),
                      entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return usage_error ("import", _("give a file or folder to import"));

  store = open_store (&error);
  if (store == NULL)
    return user_error (error);

  options.flags = (skip_invalid ? HB_IMPORT_FLAGS_SKIP_INVALID : 0)
                  | (dry_run ? HB_IMPORT_FLAGS_DRY_RUN : 0);
  options.default_kind = kind;

  report = hb_import_paths (store, (const char *const *) argv + 1, &options, print_progress_cb,
                            &tty, NULL, &error);
  if (report == NULL)
    return user_error (error);

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
      return EXIT_USER_ERROR;
    }

  g_print (_("%s%u new, %u updated, %u unchanged, %u not readable\n"),
           dry_run ? _("Dry run, nothing stored: ") : "", report->n_new, report->n_updated,
           report->n_unchanged, report->problems->len);

  return report->problems->len > 0 ? EXIT_USER_ERROR : EXIT_OK;
}

static int
cmd_list (int argc, char **argv)
{
  g_autofree char *kind = NULL;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Only articles of this kind"), N_("KIND") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GListModel) articles = NULL;
  int exit_code = EXIT_OK;
  guint i, n;

  if (!parse_options ("list", "", _("Lists every article: id, kind, version in force, title."),
                      entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return usage_error ("list", _("unexpected argument “%s”"), argv[1]);
  if (kind != NULL && !hb_article_kind_from_string (kind, NULL))
    return usage_error ("list", _("unknown kind “%s”"), kind);

  store = open_store (&error);
  if (store == NULL)
    return user_error (error);

  articles = hb_store_list_articles (store, kind, &error);
  if (articles == NULL)
    return user_error (error);

  n = g_list_model_get_n_items (articles);
  for (i = 0; i < n; i++)
    {
      g_autoptr (HbArticle) article = g_list_model_get_item (articles, i);

      g_print ("%s\t%s\tv%u\t%s\n", hb_article_get_id (article),
               hb_article_kind_to_string (hb_article_get_kind (article)),
               hb_article_get_version (article), hb_article_get_title (article));
    }

  return EXIT_OK;
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

static int
cmd_show (int argc, char **argv)
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
  int exit_code = EXIT_OK;

  if (!parse_options ("show", _("ID"), _("Prints an article, or one of its versions."), entries,
                      &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return usage_error ("show", argc < 2 ? _("give the id of an article") : _("give one id"));
  if (version < 0)
    return usage_error ("show", _("a version is a number from 1"));

  store = open_store (&error);
  if (store == NULL)
    return user_error (error);

  article = hb_store_get_article (store, argv[1], (guint) version, &error);
  if (article == NULL)
    return user_error (error);

  if (html)
    {
      ResolveData data = { store };
      g_autoptr (HbRendered) rendered = hb_markdown_render (hb_article_get_body (article),
                                                            hb_article_get_source (article),
                                                            resolve_link_cb, &data);

      g_print ("%s", rendered->html);
      return EXIT_OK;
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

  return EXIT_OK;
}

static int
cmd_history (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GPtrArray) history = NULL;
  int exit_code = EXIT_OK;
  guint i;

  if (!parse_options ("history", _("ID"),
                      _("Lists every version of an article: number, import time, effective "
                        "date, content hash, source file, title and the change note."),
                      NULL, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return usage_error ("history", argc < 2 ? _("give the id of an article") : _("give one id"));

  store = open_store (&error);
  if (store == NULL)
    return user_error (error);

  history = hb_store_get_history (store, argv[1], &error);
  if (history == NULL)
    return user_error (error);

  for (i = 0; i < history->len; i++)
    {
      HbArticle *article = g_ptr_array_index (history, i);
      gboolean in_force = hb_article_get_version (article) == hb_article_get_current_version (article);

      g_print ("v%u%s\t%s\t%s\t%.12s\t%s\t%s%s%s\n", hb_article_get_version (article),
               in_force ? "*" : "", hb_article_get_imported_at (article),
               hb_article_get_effective (article) != NULL ? hb_article_get_effective (article) : "-",
               hb_article_get_sha256 (article), hb_article_get_source (article),
               hb_article_get_title (article), hb_article_get_changes (article) != NULL ? " — " : "",
               hb_article_get_changes (article) != NULL ? hb_article_get_changes (article) : "");
    }

  return EXIT_OK;
}

static int
cmd_search (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = open_store (&error);

  if (store == NULL)
    return user_error (error);
  return hb_cli_search (store, argc, argv);
}

static const Command commands[] = {
  { "import", N_("PATH…"), N_("Import Markdown files and folders as new article versions"), cmd_import },
  { "list", "", N_("List the articles"), cmd_list },
  { "show", N_("ID [--version N] [--html]"), N_("Print an article"), cmd_show },
  { "history", N_("ID"), N_("List the versions of an article"), cmd_history },
  { "search", N_("QUERY… [--limit N] [--json]"), N_("Search the articles in force"), cmd_search },
  { "bench", N_("[--articles N]"), N_("Measure import and search speed (on databases of its own)"), hb_cli_bench },
};

static void
print_help (FILE *out)
{
  g_autofree char *default_path = hb_store_default_path ();
  guint i;

  fprintf (out, "%s\n\n", _("Usage: handbook-cli [--db PATH] COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *left = g_strdup_printf ("%s %s", commands[i].name, _(commands[i].args));

      fprintf (out, "  %-34s %s\n", left, _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-34s %s\n", "--db PATH", _("The database to use"));
  fprintf (out, "  %-34s %s (%s)\n", "", _("default"), default_path);
  fprintf (out, "  %-34s %s\n", "--version", _("Print the version"));
  fprintf (out, "  %-34s %s\n", "-h, --help", _("Show this help; COMMAND --help for a command"));
  fprintf (out, "\n%s\n", _("Exit status: 0 done, 1 it could not be done (the message says why), 2 wrong usage."));
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) rest = g_ptr_array_new ();
  const char *command_name = NULL;
  int i;
  guint c;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command: handbook-cli --db X list. They
   * are also accepted after it, so "list --db X" works too. */
  g_ptr_array_add (rest, argv[0]);
  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--db") == 0)
        {
          if (i + 1 >= argc)
            return usage_error (NULL, _("--db needs a path"));
          db_path = argv[++i];
          continue;
        }
      if (g_str_has_prefix (arg, "--db="))
        {
          db_path = (char *) arg + strlen ("--db=");
          continue;
        }
      if (command_name == NULL && (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0))
        {
          print_help (stdout);
          return EXIT_OK;
        }
      if (command_name == NULL && strcmp (arg, "--version") == 0)
        {
          g_print ("handbook-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      if (command_name == NULL && arg[0] == '-')
        return usage_error (NULL, _("unknown option “%s”"), arg);
      if (command_name == NULL)
        command_name = arg;
      g_ptr_array_add (rest, argv[i]);
    }

  if (db_path != NULL && *db_path == '\0')
    return usage_error (NULL, _("--db needs a path"));

  if (command_name == NULL)
    {
      print_help (stderr);
      return EXIT_USAGE;
    }

  for (c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (commands[c].name, command_name) == 0)
      {
        /* argv for the command: "handbook-cli COMMAND" as its argv[0]. */
        g_autofree char *argv0 = g_strdup_printf ("handbook-cli %s", command_name);
        char **cmd_argv;
        int cmd_argc = (int) rest->len - 1;
        int rc;

        g_ptr_array_remove_index (rest, 0);
        rest->pdata[0] = argv0;
        g_ptr_array_add (rest, NULL);
        cmd_argv = (char **) rest->pdata;
        rc = commands[c].run (cmd_argc, cmd_argv);
        return rc;
      }

  return usage_error (NULL, _("unknown command “%s”"), command_name);
}
