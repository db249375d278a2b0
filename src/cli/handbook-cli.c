/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "hb-cli-commands.h"
#include "hb-cli-sign.h"
#include "hb-cli.h"
#include "hb-store.h"
#include "hb-util.h"

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "import", N_("PATH…"), N_("Import Markdown files and folders as new article versions"), hb_cli_import },
  { "list", "", N_("List the articles"), hb_cli_list },
  { "show", N_("ID [--version N] [--html]"), N_("Print an article"), hb_cli_show },
  { "history", N_("ID"), N_("List the versions of an article"), hb_cli_history },
  { "search", N_("QUERY… [--limit N] [--json]"), N_("Search the articles in force"), hb_cli_search },
  { "profile", N_("add|list|show …"), N_("Add and list the people who use the handbook"), hb_cli_profile },
  { "courses", N_("[--json]"), N_("List the courses and their lessons"), hb_cli_courses },
  { "quiz", N_("show|take LESSON …"), N_("Print a lesson's quiz, or take it with answers from a file"), hb_cli_quiz },
  { "read", N_("LESSON --profile P"), N_("Record that a lesson was read to its end"), hb_cli_read },
  { "progress", N_("[--profile P] [--csv|--xapi]"), N_("Show progress: one person's, or the team report"),
    hb_cli_progress },
  { "review", N_("list|answer … --profile P"), N_("The questions due for review"), hb_cli_review },
  { "keygen", N_("[--output PREFIX]"), N_("Make a key pair for signing update bundles"), hb_cli_keygen },
  { "sign", N_("BUNDLE --key FILE"), N_("Sign an update bundle"), hb_cli_sign },
  { "preview", N_("BUNDLE [--allow-unsigned]"), N_("Show what publishing an update bundle would change"), hb_cli_preview },
  { "publish", N_("BUNDLE [--profile P] [--allow-unsigned]"), N_("Publish an update bundle, all or nothing"), hb_cli_publish },
  { "diff", N_("ID A B [--html]"), N_("Print the redline between two versions"), hb_cli_diff },
  { "ack", N_("ID --profile P"), N_("Acknowledge the version in force of an article"), hb_cli_ack },
  { "acks", N_("[--profile P] [--pending] [--format F]"), N_("List and export acknowledgements"), hb_cli_acks },
  { "whats-new", N_("--profile P"), N_("List what took effect since a person last looked"), hb_cli_whats_new },
  { "audit", N_("list|verify|export"), N_("Read and check the tamper-evident audit log"), hb_cli_audit },
  { "key", N_("add|list|remove"), N_("Manage the keys trusted to sign update bundles"), hb_cli_key },
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
      /* _("") would be the translation's header. */
      g_autofree char *left = g_strdup_printf ("%s %s", commands[i].name,
                                               *commands[i].args != '\0' ? _(commands[i].args) : "");

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
  const char *db_path = NULL;
  const char *command_name = NULL;
  int i;
  guint c;

  setlocale (LC_ALL, "");
  /*
   * Arguments and text are UTF-8 whatever the locale says: under LC_ALL=C
   * a Chinese query would otherwise fail to convert ("Invalid byte
   * sequence"). The messages keep the user's language.
   */
  if (!g_get_charset (NULL) && setlocale (LC_CTYPE, "C.UTF-8") == NULL)
    setlocale (LC_CTYPE, "en_US.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, hb_util_get_locale_dir ());
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
            return hb_cli_usage_error (NULL, _("--db needs a path"));
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
          return HB_CLI_EXIT_OK;
        }
      if (command_name == NULL && strcmp (arg, "--version") == 0)
        {
          g_print ("handbook-cli %s\n", PACKAGE_VERSION);
          return HB_CLI_EXIT_OK;
        }
      if (command_name == NULL && arg[0] == '-')
        return hb_cli_usage_error (NULL, _("unknown option “%s”"), arg);
      if (command_name == NULL)
        command_name = arg;
      g_ptr_array_add (rest, argv[i]);
    }

  if (db_path != NULL && *db_path == '\0')
    return hb_cli_usage_error (NULL, _("--db needs a path"));
  hb_cli_set_db_path (db_path);

  if (command_name == NULL)
    {
      print_help (stderr);
      return HB_CLI_EXIT_USAGE;
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

  return hb_cli_usage_error (NULL, _("unknown command “%s”"), command_name);
}
