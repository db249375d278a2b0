/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "hb-application.h"
#include "hb-util.h"

int
main (int argc, char **argv)
{
  g_autoptr (HbApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, hb_util_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Handbook"));
  app = hb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
