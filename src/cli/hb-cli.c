/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include "hb-cli.h"

#include <glib/gi18n.h>

#include "hb-handbook.h"
#include "hb-store-profiles.h"

static const char *db_path = NULL;

/* The argument lists hb_cli_option_parse() made, kept until exit. */
static GPtrArray *kept_argvs = NULL;

gboolean
hb_cli_option_parse (GOptionContext *context, int *argc, char ***argv, GError **error)
{
  char **args = g_new0 (char *, *argc + 1);

  /*
   * Arguments are UTF-8 whatever the locale says (a Chinese query under
   * LC_ALL=C): g_option_context_parse_strv() takes them as they are,
   * where g_option_context_parse() would convert them from the locale's
   * charset and fail.
   */
  for (int i = 0; i < *argc; i++)
    args[i] = g_strdup ((*argv)[i]);
  if (kept_argvs == NULL)
    kept_argvs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (kept_argvs, args);

  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;
  kept_argvs->pdata[kept_argvs->len - 1] = args;
  *argv = args;
  *argc = (int) g_strv_length (args);
  return TRUE;
}

int
hb_cli_usage_error (const char *command, const char *format, ...)
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
  return HB_CLI_EXIT_USAGE;
}

int
hb_cli_user_error (const GError *error)
{
  g_printerr ("handbook-cli: %s\n", error->message);
  return HB_CLI_EXIT_FAILED;
}

/* Parses a command's options; on a usage problem prints it and returns FALSE. */
gboolean
hb_cli_parse_options (const char *command, const char *parameter, const char *summary,
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

  if (!hb_cli_option_parse (context, argc, argv, &error))
    {
      *exit_code = hb_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
hb_cli_set_db_path (const char *path)
{
  db_path = path;
}

HbStore *
hb_cli_open_store (GError **error)
{
  /* The default database starts as the sample handbook, as in the app; a
   * database named with --db holds exactly what is imported into it. */
  return hb_handbook_open (db_path, db_path == NULL ? HB_HANDBOOK_OPEN_SEED : HB_HANDBOOK_OPEN_NONE,
                           NULL, NULL, error);
}

gpointer
hb_cli_find_profile (HbStore *store, const char *key, int *exit_code)
{
  g_autoptr (GError) error = NULL;
  HbProfile *profile;

  if (key == NULL || *key == '\0')
    {
      g_printerr (_("handbook-cli: give --profile (see “handbook-cli profile list”)\n"));
      *exit_code = HB_CLI_EXIT_USAGE;
      return NULL;
    }
  profile = hb_store_find_profile (store, key, &error);
  if (profile == NULL)
    *exit_code = hb_cli_user_error (error);
  return profile;
}
