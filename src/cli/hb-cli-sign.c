/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include "hb-cli-sign.h"
#include "hb-cli.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "hb-bundle.h"
#include "hb-minisign.h"

/* Exit codes, as handbook-cli's. */
enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

/* A key or password file is small; anything larger is the wrong file. */
#define MAX_SMALL_FILE (64 * 1024)

static int
usage_error (const char *argv0, const char *format, ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const char *argv0, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr (_("%s: %s (see “%s --help”)\n"), argv0, message, argv0);
  return EXIT_USAGE;
}

static int
failed (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
failed (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("handbook-cli: %s\n", message);
  return EXIT_FAILED;
}

static gboolean
parse_options (const char *parameter, const char *summary, GOptionEntry *entries, int *argc, char ***argv,
               int *exit_code)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *argv0 = g_strdup ((*argv)[0]);

  /* The usage line starts with the program's name, which GOption takes
   * from argv[0]: "handbook-cli sign". */
  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!hb_cli_option_parse (context, argc, argv, &error))
    {
      *exit_code = usage_error (argv0, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Reads a small text file whole. */
static char *
read_small_file (const char *path, const char *what, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > MAX_SMALL_FILE)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s: this is not a %s"), path, what);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s: this is not a %s"), path, what);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* The first line of a password file, without its line end. */
static char *
read_password_file (const char *path, GError **error)
{
  g_autofree char *contents = read_small_file (path, _("password file"), error);
  char *end;

  if (contents == NULL)
    return NULL;
  end = strpbrk (contents, "\r\n");
  if (end != NULL)
    *end = '\0';
  if (*contents == '\0')
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s: the password file's first line is empty"), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* Asks for a password on the terminal, without echoing it. */
static char *
ask_password (const char *prompt)
{
  struct termios saved;
  struct termios quiet;
  char buffer[1024];
  char *line;
  FILE *tty = fopen ("/dev/tty", "r+");

  if (tty == NULL)
    return NULL;
  if (tcgetattr (fileno (tty), &saved) != 0)
    {
      fclose (tty);
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  fputs (prompt, tty);
  fflush (tty);
  tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
  line = fgets (buffer, sizeof buffer, tty);
  tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fputs ("\n", tty);
  fclose (tty);
  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return line;
}

static void
free_password (char *password)
{
  if (password != NULL)
    {
      memset (password, 0, strlen (password));
      g_free (password);
    }
}

int
hb_cli_keygen (int argc, char **argv)
{
  g_autofree char *prefix = NULL;
  g_autofree char *password_file = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &prefix,
      N_("Write PREFIX.pub and PREFIX.key (default: handbook-signing)"), N_("PREFIX") },
    { "password-file", 'p', 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Encrypt the secret key with the password on the first line of FILE"), N_("FILE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace key files that exist"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  char *password = NULL;
  const char *base64;
  int exit_code = EXIT_OK;

  if (!parse_options ("", _("Makes an Ed25519 key pair in minisign's format for signing update bundles. "
                            "Give the public key to the handbook's trusted keys; keep the secret key."),
                      entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return usage_error (argv[0], _("unexpected argument “%s”"), argv[1]);
  if (prefix != NULL && *prefix == '\0')
    return usage_error (argv[0], _("--output needs a file name prefix"));

  public_path = g_strconcat (prefix != NULL ? prefix : "handbook-signing", ".pub", NULL);
  secret_path = g_strconcat (prefix != NULL ? prefix : "handbook-signing", ".key", NULL);
  if (!force)
    {
      if (g_file_test (secret_path, G_FILE_TEST_EXISTS))
        return failed (_("%s exists; use --force to replace it (the old key cannot sign any more then)"),
                       secret_path);
      if (g_file_test (public_path, G_FILE_TEST_EXISTS))
        return failed (_("%s exists; use --force to replace it"), public_path);
    }

  if (password_file != NULL)
    {
      password = read_password_file (password_file, &error);
      if (password == NULL)
        return failed ("%s", error->message);
    }

  if (!hb_minisign_keygen (password, &public_key, &secret_key, &key_id, &error))
    {
      free_password (password);
      return failed ("%s", error->message);
    }
  free_password (password);

  /* The secret key is never readable by others, not even for a moment. */
  if (!g_file_set_contents_full (secret_path, secret_key, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error)
      || !g_file_set_contents_full (public_path, public_key, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    {
      memset (secret_key, 0, strlen (secret_key));
      return failed ("%s", error->message);
    }
  memset (secret_key, 0, strlen (secret_key));

  base64 = strchr (public_key, '\n') + 1;
  g_print (_("Key %s\n"), key_id);
  g_print (_("Secret key: %s (keep it secret%s)\n"), secret_path,
           password_file != NULL ? "" : _("; it is not encrypted: use --password-file to protect it"));
  g_print (_("Public key: %s\n"), public_path);
  g_print (_("Add the public key to the handbook's trusted keys:\n  %s"), base64);
  return EXIT_OK;
}

int
hb_cli_sign (int argc, char **argv)
{
  g_autofree char *key_file = NULL;
  g_autofree char *password_file = NULL;
  GOptionEntry entries[] = {
    { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_file, N_("The secret key (from handbook-cli keygen or minisign -G)"),
      N_("FILE") },
    { "password-file", 'p', 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("The key's password, on the first line of FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBundleSignature) signature = NULL;
  g_autoptr (HbMinisignSecretKey) probe = NULL;
  g_autofree char *secret_key = NULL;
  char *password = NULL;
  int exit_code = EXIT_OK;

  if (!parse_options (_("BUNDLE"),
                      _("Checks an update bundle (a folder, .tar.gz or .zip with manifest.yaml) and signs it: "
                        "BUNDLE.minisig beside an archive, SHA256SUMS and SHA256SUMS.minisig in a folder."),
                      entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return usage_error (argv[0], _("give the bundle to sign"));
  if (argc > 2)
    return usage_error (argv[0], _("unexpected argument “%s”"), argv[2]);
  if (key_file == NULL)
    return usage_error (argv[0], _("give the secret key with --key FILE"));

  secret_key = read_small_file (key_file, _("minisign secret key"), &error);
  if (secret_key == NULL)
    return failed ("%s", error->message);

  if (password_file != NULL)
    {
      password = read_password_file (password_file, &error);
      if (password == NULL)
        return failed ("%s", error->message);
    }
  else
    {
      /* An encrypted key: ask on the terminal, if there is one. */
      probe = hb_minisign_secret_key_new (secret_key, NULL, &error);
      if (probe == NULL && g_error_matches (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_PASSWORD_NEEDED))
        {
          g_clear_error (&error);
          if (isatty (STDIN_FILENO))
            password = ask_password (_("Password of the secret key: "));
          if (password == NULL)
            return failed (_("%s: the secret key is encrypted: give its password with --password-file"), key_file);
        }
      else if (probe == NULL)
        return failed ("%s: %s", key_file, error->message);
    }

  signature = hb_bundle_sign (argv[1], secret_key, password, &error);
  free_password (password);
  memset (secret_key, 0, strlen (secret_key));
  if (signature == NULL)
    {
      if (error->domain == HB_MINISIGN_ERROR)
        return failed ("%s: %s", key_file, error->message);
      return failed ("%s", error->message);
    }

  g_print (_("Signed %s of %s with key %s\n"), signature->bundle_id, signature->date, signature->key_id);
  g_print (_("Wrote %s\n"), signature->signature_file);
  return EXIT_OK;
}
