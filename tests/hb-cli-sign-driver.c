/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs handbook-cli's keygen and sign commands on their own, for
 * test-cli-sign.sh, until handbook-cli's command table lists them:
 *
 *   hb-cli-sign-driver keygen|sign ARGS…
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "hb-cli-sign.h"

int
main (int argc, char **argv)
{
  g_autofree char *argv0 = NULL;

  setlocale (LC_ALL, "");
  if (argc < 2 || (strcmp (argv[1], "keygen") != 0 && strcmp (argv[1], "sign") != 0))
    {
      g_printerr ("usage: %s keygen|sign ARGS…\n", argv[0]);
      return 2;
    }

  /* As handbook-cli does: the command's argv[0] is "handbook-cli COMMAND". */
  argv0 = g_strdup_printf ("handbook-cli %s", argv[1]);
  argv[1] = argv0;
  if (strcmp (argv0, "handbook-cli keygen") == 0)
    return hb_cli_keygen (argc - 1, argv + 1);
  return hb_cli_sign (argc - 1, argv + 1);
}
