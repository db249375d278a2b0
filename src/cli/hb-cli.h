/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * What every command of handbook-cli shares. A command is a function
 * `int hb_cli_NAME (int argc, char **argv)` (argv[0] is "handbook-cli
 * NAME") declared in hb-cli-commands.h, defined in the hb-cli-*.c file of
 * its area, and listed in the table of handbook-cli.c.
 */

/* Exit codes: 0 done, 1 the user's request could not be done, 2 usage. */
enum
{
  HB_CLI_EXIT_OK = 0,
  HB_CLI_EXIT_FAILED = 1,
  HB_CLI_EXIT_USAGE = 2,
};

/* Prints "handbook-cli COMMAND: MESSAGE (see …--help)"; returns
 * %HB_CLI_EXIT_USAGE. */
int hb_cli_usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Prints "handbook-cli: MESSAGE"; returns %HB_CLI_EXIT_FAILED. */
int hb_cli_user_error (const GError *error);

/* g_option_context_parse() for arguments in UTF-8 whatever the locale
 * (g_option_context_parse_strv()); @argv then points to a copy kept until
 * the program exits. */
gboolean hb_cli_option_parse (GOptionContext *context, int *argc, char ***argv, GError **error);

/* Parses a command's options; on a usage problem prints it, sets
 * *@exit_code and returns %FALSE. */
gboolean hb_cli_parse_options (const char *command, const char *parameter, const char *summary,
                               GOptionEntry *entries, int *argc, char ***argv, int *exit_code);

/* The database of --db, or the default one (seeded on first use). */
void hb_cli_set_db_path (const char *path);
HbStore *hb_cli_open_store (GError **error);

/* The profile named by --profile (uuid, employee id or name); prints why
 * not and returns %NULL when there is none. */
struct _HbProfile;
gpointer hb_cli_find_profile (HbStore *store, const char *key, int *exit_code);

G_END_DECLS
