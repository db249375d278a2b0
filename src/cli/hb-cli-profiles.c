/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include "hb-cli-commands.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hb-cli.h"
#include "hb-store-profiles.h"

/* handbook-cli profile add|list|show */

static void
print_profile (const HbProfile *profile)
{
  g_print ("%s\t%s\t%s\t%s\t%s\n", profile->uuid, profile->name,
           profile->employee_id != NULL ? profile->employee_id : "-",
           hb_profile_role_to_string (profile->role), profile->created_at);
}

static int
profile_add (int argc, char **argv)
{
  g_autofree char *employee_id = NULL;
  g_autofree char *role_name = NULL;
  GOptionEntry entries[] = {
    { "employee-id", 'e', 0, G_OPTION_ARG_STRING, &employee_id, N_("The employee id"), N_("ID") },
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role_name,
      N_("staff, editor or manager (default: staff)"), N_("ROLE") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbStoreWrite) write = NULL;
  g_autoptr (HbProfile) profile = NULL;
  HbProfileRole role = HB_PROFILE_ROLE_STAFF;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("profile add", _("NAME"), _("Adds a profile: a person who uses the handbook."),
                             entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("profile add", _("give the name of one person"));
  if (role_name != NULL && !hb_profile_role_from_string (role_name, &role))
    return hb_cli_usage_error ("profile add", _("unknown role “%s”: use staff, editor or manager"),
                               role_name);

  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  write = hb_store_write_begin (store, &error);
  if (write == NULL)
    return hb_cli_user_error (error);
  profile = hb_store_add_profile (write, argv[1], employee_id, role, &error);
  if (profile == NULL || !hb_store_write_commit (g_steal_pointer (&write), &error))
    return hb_cli_user_error (error);
  print_profile (profile);
  return HB_CLI_EXIT_OK;
}

static int
profile_list (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (GPtrArray) profiles = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("profile list", "",
                             _("Lists the profiles: uuid, name, employee id, role, created."), NULL,
                             &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return hb_cli_usage_error ("profile list", _("unexpected argument “%s”"), argv[1]);
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profiles = hb_store_list_profiles (store, &error);
  if (profiles == NULL)
    return hb_cli_user_error (error);
  for (guint i = 0; i < profiles->len; i++)
    print_profile (g_ptr_array_index (profiles, i));
  return HB_CLI_EXIT_OK;
}

static int
profile_show (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStore) store = NULL;
  g_autoptr (HbProfile) profile = NULL;
  int exit_code = HB_CLI_EXIT_OK;

  if (!hb_cli_parse_options ("profile show", _("PROFILE"),
                             _("Shows a profile, named by its uuid, employee id or name."), NULL,
                             &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return hb_cli_usage_error ("profile show", _("give one profile"));
  store = hb_cli_open_store (&error);
  if (store == NULL)
    return hb_cli_user_error (error);
  profile = hb_store_find_profile (store, argv[1], &error);
  if (profile == NULL)
    return hb_cli_user_error (error);
  g_print (_("name:        %s\n"), profile->name);
  g_print (_("uuid:        %s\n"), profile->uuid);
  g_print (_("employee id: %s\n"), profile->employee_id != NULL ? profile->employee_id : "-");
  g_print (_("role:        %s\n"), hb_profile_role_to_string (profile->role));
  g_print (_("created:     %s\n"), profile->created_at);
  return HB_CLI_EXIT_OK;
}

int
hb_cli_profile (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int argc, char **argv);
  } subcommands[] = { { "add", profile_add }, { "list", profile_list }, { "show", profile_show } };

  if (argc < 2 || argv[1][0] == '-')
    {
      if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
        {
          g_print ("%s\n", _("Usage: handbook-cli profile add NAME [--employee-id ID] [--role ROLE]"));
          g_print ("%s\n", _("       handbook-cli profile list"));
          g_print ("%s\n", _("       handbook-cli profile show PROFILE"));
          return HB_CLI_EXIT_OK;
        }
      return hb_cli_usage_error ("profile", _("give add, list or show"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      {
        g_autofree char *argv0 = g_strdup_printf ("handbook-cli profile %s", argv[1]);
        char *saved = argv[1];
        int rc;

        argv[1] = argv0;
        rc = subcommands[i].run (argc - 1, argv + 1);
        argv[1] = saved;
        return rc;
      }
  return hb_cli_usage_error ("profile", _("unknown command “%s”: give add, list or show"), argv[1]);
}
