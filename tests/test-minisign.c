/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hb-minisign.h"
#include "hb-test-util.h"

#define LAW "经济法/农产品质量安全法(2018-10-26).md"
#define COMMENT "handbook-bundle:agri-law-2018 date:2018-10-26 timestamp:1540512000"

/* A real regulation to sign: the 2018 text of the agricultural product
 * quality and safety law, or NULL with the test skipped. */
static GBytes *
law_bytes (void)
{
  g_autofree char *dir = hb_test_corpus ("zh-laws");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, LAW, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* The law copied into the temporary folder as @name. */
static char *
law_file (const char *name)
{
  g_autoptr (GBytes) bytes = law_bytes ();

  if (bytes == NULL)
    return NULL;
  return hb_test_write_file (name, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
}

static void
keygen (const char *password, char **public_key, char **secret_key, char **key_id)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (hb_minisign_keygen (password, public_key, secret_key, key_id, &error));
  g_assert_no_error (error);
}

/* An encrypted key takes seconds and a gigabyte to make (minisign's
 * scrypt limits): one serves every test. */
#define PASSWORD "退货 correct horse battery staple"

static void
encrypted_keygen (char **public_key, char **secret_key)
{
  static char *public_text = NULL;
  static char *secret_text = NULL;

  if (public_text == NULL)
    keygen (PASSWORD, &public_text, &secret_text, NULL);
  *public_key = g_strdup (public_text);
  *secret_key = g_strdup (secret_text);
}

static HbMinisignSecretKey *
load_key (const char *secret_key, const char *password)
{
  g_autoptr (GError) error = NULL;
  HbMinisignSecretKey *key = hb_minisign_secret_key_new (secret_key, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static char *
sign_bytes (HbMinisignSecretKey *key, GBytes *bytes, const char *comment)
{
  g_autoptr (GError) error = NULL;
  char *signature = hb_minisign_sign (key, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      comment, &error);

  g_assert_no_error (error);
  g_assert_nonnull (signature);
  return signature;
}

/* Verifies and expects @code (or success, with -1). */
static HbMinisignSignature *
verify_bytes (GBytes *bytes, const char *signature, const char *const *keys, int code)
{
  g_autoptr (GError) error = NULL;
  HbMinisignSignature *result = hb_minisign_verify (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                    signature, "law.md.minisig", keys, &error);

  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_nonnull (result);
    }
  else
    {
      g_assert_error (error, HB_MINISIGN_ERROR, code);
      g_assert_null (result);
      /* Every message names the signature file. */
      if (strstr (error->message, "law.md.minisig") == NULL)
        g_error ("%s", error->message);
    }
  return result;
}

static void
test_sign_verify (void)
{
  g_autoptr (GBytes) law = law_bytes ();
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *id_again = NULL;
  g_autofree char *public_again = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *base64_line = NULL;
  g_autoptr (HbMinisignSecretKey) key = NULL;
  g_autoptr (HbMinisignSignature) result = NULL;
  g_autoptr (HbMinisignSignature) by_line = NULL;
  g_autoptr (GError) error = NULL;
  const char *keys[2] = { NULL, NULL };
  g_auto (GStrv) lines = NULL;

  if (law == NULL)
    return;

  keygen (NULL, &public_key, &secret_key, &key_id);
  /* Hexadecimal as minisign prints it: up to 16 digits, no leading 0. */
  g_assert_cmpuint (strlen (key_id), <=, 16);
  g_assert_true (key_id[0] != '0' || key_id[1] == '\0');
  g_assert_true (g_str_has_prefix (public_key, "untrusted comment: minisign public key "));
  g_assert_nonnull (strstr (public_key, key_id));

  id_again = hb_minisign_public_key_get_id (public_key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id_again, ==, key_id);

  key = load_key (secret_key, NULL);
  g_assert_cmpstr (hb_minisign_secret_key_get_id (key), ==, key_id);
  public_again = hb_minisign_secret_key_get_public_key (key);
  g_assert_cmpstr (public_again, ==, public_key);

  signature = sign_bytes (key, law, COMMENT);
  lines = g_strsplit (signature, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "untrusted comment: "));
  g_assert_cmpstr (lines[2], ==, "trusted comment: " COMMENT);

  keys[0] = public_key;
  result = verify_bytes (law, signature, keys, -1);
  g_assert_cmpstr (result->key_id, ==, key_id);
  g_assert_cmpuint (result->key_index, ==, 0);
  g_assert_cmpstr (result->trusted_comment, ==, COMMENT);
  g_assert_true (result->prehashed);

  /* The settings may keep only the base64 line, as `minisign -P` takes it. */
  base64_line = g_strdup (strchr (public_key, '\n') + 1);
  *strchr (base64_line, '\n') = '\0';
  keys[0] = base64_line;
  by_line = verify_bytes (law, signature, keys, -1);
  g_assert_cmpstr (by_line->key_id, ==, key_id);
}

/* Replaces the character at @offset of line @line with another base64
 * character. */
static char *
flip_char (const char *text, guint line, gsize offset)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_cmpuint (strlen (lines[line]), >, offset);
  lines[line][offset] = lines[line][offset] == 'A' ? 'B' : 'A';
  return g_strjoinv ("\n", lines);
}

static void
test_tampering (void)
{
  g_autoptr (GBytes) law = law_bytes ();
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *signature = NULL;
  g_autoptr (HbMinisignSecretKey) key = NULL;
  const char *keys[2] = { NULL, NULL };
  guint8 *data;
  gsize length;

  if (law == NULL)
    return;

  keygen (NULL, &public_key, &secret_key, NULL);
  key = load_key (secret_key, NULL);
  keys[0] = public_key;
  signature = sign_bytes (key, law, COMMENT);

  /* One bit of one byte in the middle of the law. */
  {
    g_autoptr (GBytes) changed = NULL;

    data = g_bytes_unref_to_data (g_bytes_ref (law), &length);
    data[length / 2] ^= 0x01;
    changed = g_bytes_new_take (data, length);
    g_assert_null (verify_bytes (changed, signature, keys, HB_MINISIGN_ERROR_BAD_SIGNATURE));
  }

  /* A byte of the signature itself (past the algorithm and key id). */
  {
    g_autofree char *bad = flip_char (signature, 1, 40);

    g_assert_null (verify_bytes (law, bad, keys, HB_MINISIGN_ERROR_BAD_SIGNATURE));
  }

  /* The trusted comment: a newer date claimed for an old signature. */
  {
    g_autofree char *bad = NULL;
    char *date = NULL;

    bad = g_strdup (signature);
    date = strstr (bad, "date:2018");
    g_assert_nonnull (date);
    memcpy (date, "date:2026", 9);
    g_assert_null (verify_bytes (law, bad, keys, HB_MINISIGN_ERROR_BAD_SIGNATURE));
  }

  /* The comment's own signature. */
  {
    g_autofree char *bad = flip_char (signature, 3, 20);

    g_assert_null (verify_bytes (law, bad, keys, HB_MINISIGN_ERROR_BAD_SIGNATURE));
  }

  /* The key id in the signature: now signed by an unknown key. */
  {
    g_autofree char *bad = flip_char (signature, 1, 5);

    g_assert_null (verify_bytes (law, bad, keys, HB_MINISIGN_ERROR_UNKNOWN_KEY));
  }
}

static void
test_trusted_keys (void)
{
  g_autoptr (GBytes) law = law_bytes ();
  g_autofree char *public_a = NULL;
  g_autofree char *secret_a = NULL;
  g_autofree char *id_a = NULL;
  g_autofree char *public_b = NULL;
  g_autofree char *secret_b = NULL;
  g_autofree char *signature = NULL;
  g_autoptr (HbMinisignSecretKey) key = NULL;
  g_autoptr (HbMinisignSignature) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *only_b[] = { NULL, NULL };
  const char *b_then_a[] = { NULL, NULL, NULL };
  const char *none[] = { NULL };
  const char *garbage[] = { NULL, "not a key", NULL };

  if (law == NULL)
    return;

  keygen (NULL, &public_a, &secret_a, &id_a);
  keygen (NULL, &public_b, &secret_b, NULL);
  key = load_key (secret_a, NULL);
  signature = sign_bytes (key, law, COMMENT);

  only_b[0] = public_b;
  g_assert_null (verify_bytes (law, signature, only_b, HB_MINISIGN_ERROR_UNKNOWN_KEY));
  g_assert_null (verify_bytes (law, signature, none, HB_MINISIGN_ERROR_NO_TRUSTED_KEYS));

  b_then_a[0] = public_b;
  b_then_a[1] = public_a;
  result = verify_bytes (law, signature, b_then_a, -1);
  g_assert_cmpuint (result->key_index, ==, 1);
  g_assert_cmpstr (result->key_id, ==, id_a);

  garbage[0] = public_b;
  g_assert_null (verify_bytes (law, signature, garbage, HB_MINISIGN_ERROR_MALFORMED));

  g_assert_null (hb_minisign_public_key_get_id ("untrusted comment: x\nRWQ=\n", &error));
  g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED);
}

static void
test_malformed (void)
{
  g_autoptr (GBytes) law = law_bytes ();
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *signature = NULL;
  g_autoptr (HbMinisignSecretKey) key = NULL;
  g_autoptr (GError) error = NULL;
  const char *keys[2] = { NULL, NULL };
  const char *bad_signatures[] = {
    "",
    "hello\n",
    "untrusted comment: x\nRWQ=\ntrusted comment: x\nRWQ=\n",
    "untrusted comment: x\n\n\n\n",
  };
  guint i;

  if (law == NULL)
    return;

  keygen (NULL, &public_key, &secret_key, NULL);
  key = load_key (secret_key, NULL);
  keys[0] = public_key;
  signature = sign_bytes (key, law, COMMENT);

  for (i = 0; i < G_N_ELEMENTS (bad_signatures); i++)
    g_assert_null (verify_bytes (law, bad_signatures[i], keys, HB_MINISIGN_ERROR_MALFORMED));

  /* The lines in the wrong order. */
  {
    g_auto (GStrv) lines = g_strsplit (signature, "\n", -1);
    g_autofree char *swapped = g_strdup_printf ("%s\n%s\n%s\n%s\n", lines[0], lines[2], lines[1], lines[3]);

    g_assert_null (verify_bytes (law, swapped, keys, HB_MINISIGN_ERROR_MALFORMED));
  }

  /* A trusted comment is one line of text. */
  g_assert_null (hb_minisign_sign (key, (const guint8 *) "x", 1, "two\nlines", &error));
  g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_COMMENT);
  g_clear_error (&error);
  g_assert_null (hb_minisign_sign (key, (const guint8 *) "x", 1, "bell\a", &error));
  g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_COMMENT);
  g_clear_error (&error);

  g_assert_null (hb_minisign_secret_key_new (public_key, NULL, &error));
  g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED);
  g_clear_error (&error);

  /* A damaged unencrypted key: one byte of its secret half changed. */
  {
    g_auto (GStrv) lines = g_strsplit (secret_key, "\n", -1);
    g_autofree char *damaged = NULL;

    lines[1][120] = lines[1][120] == 'A' ? 'B' : 'A';
    damaged = g_strjoinv ("\n", lines);
    g_assert_null (hb_minisign_secret_key_new (damaged, NULL, &error));
    g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED);
    g_clear_error (&error);
  }
}

static void
test_files (void)
{
  g_autofree char *path = law_file ("files/law.md");
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *signature_path = NULL;
  g_autoptr (HbMinisignSecretKey) key = NULL;
  g_autoptr (HbMinisignSignature) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *keys[2] = { NULL, NULL };

  if (path == NULL)
    return;

  keygen (NULL, &public_key, &secret_key, NULL);
  key = load_key (secret_key, NULL);
  keys[0] = public_key;

  g_assert_null (hb_minisign_verify_file (path, NULL, keys, &error));
  g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_NO_SIGNATURE);
  g_assert_nonnull (strstr (error->message, "law.md.minisig"));
  g_clear_error (&error);

  g_assert_true (hb_minisign_sign_file (key, path, NULL, COMMENT, &error));
  g_assert_no_error (error);
  signature_path = g_strconcat (path, ".minisig", NULL);
  g_assert_true (g_file_test (signature_path, G_FILE_TEST_IS_REGULAR));

  result = hb_minisign_verify_file (path, NULL, keys, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->trusted_comment, ==, COMMENT);

  /* Appending one line after signing. */
  {
    FILE *f = g_fopen (path, "a");

    fputs ("第八十条 本法自公布之日起施行。\n", f);
    fclose (f);
  }
  g_assert_null (hb_minisign_verify_file (path, NULL, keys, &error));
  g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_SIGNATURE);
  g_assert_nonnull (strstr (error->message, "law.md.minisig"));
}

static void
test_password (void)
{
  g_autoptr (GBytes) law = law_bytes ();
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *signature = NULL;
  g_autoptr (HbMinisignSecretKey) key = NULL;
  g_autoptr (HbMinisignSignature) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *keys[2] = { NULL, NULL };

  if (law == NULL)
    return;

  encrypted_keygen (&public_key, &secret_key);
  g_assert_true (g_str_has_prefix (secret_key, "untrusted comment: minisign encrypted secret key\n"));

  g_assert_null (hb_minisign_secret_key_new (secret_key, NULL, &error));
  g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_PASSWORD_NEEDED);
  g_clear_error (&error);

  g_assert_null (hb_minisign_secret_key_new (secret_key, PASSWORD "r", &error));
  g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  key = load_key (secret_key, PASSWORD);
  signature = sign_bytes (key, law, COMMENT);
  keys[0] = public_key;
  result = verify_bytes (law, signature, keys, -1);
  g_assert_cmpstr (result->trusted_comment, ==, COMMENT);
}

/* Interoperability with minisign itself */

static char *
find_minisign (void)
{
  char *path = g_find_program_in_path ("minisign");

  if (path == NULL)
    g_test_skip ("minisign is not installed (Debian package minisign)");
  return path;
}

/* Runs minisign with @input on its standard input (passwords); returns its
 * exit status and sets @output to what it printed. */
static int
run_minisign (const char *input, char **output, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (char *) "minisign");
  va_start (args, output);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                 | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (output != NULL)
    *output = g_steal_pointer (&out);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

static void
write_text (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* minisign checks what we sign, with an unencrypted and an encrypted key
 * of ours, and signs with our encrypted key. */
static void
test_minisign_verifies_ours (void)
{
  g_autofree char *minisign = find_minisign ();
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pub_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *output = NULL;
  g_autoptr (HbMinisignSecretKey) key = NULL;
  g_autoptr (GError) error = NULL;

  if (minisign == NULL)
    return;
  path = law_file ("ours/law.md");
  if (path == NULL)
    return;
  dir = g_path_get_dirname (path);
  pub_path = g_build_filename (dir, "ours.pub", NULL);
  key_path = g_build_filename (dir, "ours.key", NULL);

  keygen (NULL, &public_key, &secret_key, NULL);
  write_text (pub_path, public_key);
  key = load_key (secret_key, NULL);
  g_assert_true (hb_minisign_sign_file (key, path, NULL, COMMENT, &error));
  g_assert_no_error (error);

  g_assert_cmpint (run_minisign (NULL, &output, "-Vm", path, "-p", pub_path, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "Trusted comment: " COMMENT));
  g_clear_pointer (&output, g_free);

  /* minisign refuses it too once the file changed. */
  {
    g_autofree char *text = read_text (path);

    text[100] ^= 0x01;
    write_text (path, text);
    g_assert_cmpint (run_minisign (NULL, &output, "-Vm", path, "-p", pub_path, NULL), !=, 0);
    g_clear_pointer (&output, g_free);
    text[100] ^= 0x01;
    write_text (path, text);
  }

  /* Our encrypted key, used by minisign (it reads the password from its
   * standard input when that is not a terminal). */
  g_clear_pointer (&public_key, g_free);
  g_clear_pointer (&secret_key, g_free);
  encrypted_keygen (&public_key, &secret_key);
  write_text (pub_path, public_key);
  write_text (key_path, secret_key);
  g_assert_cmpint (run_minisign (PASSWORD "\n", &output, "-S", "-s", key_path, "-m", path,
                                 "-t", "signed by minisign with a Handbook key", NULL),
                   ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_minisign (NULL, &output, "-Vm", path, "-p", pub_path, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "signed by minisign with a Handbook key"));
}

/* We check what minisign signs, with its keys, and sign with them. */
static void
test_we_verify_minisign (void)
{
  g_autofree char *minisign = find_minisign ();
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pub_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *legacy_path = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *output = NULL;
  g_autofree char *other_public = NULL;
  g_autofree char *other_secret = NULL;
  g_autoptr (GError) error = NULL;
  const char *keys[2] = { NULL, NULL };
  const char *other_keys[2] = { NULL, NULL };

  if (minisign == NULL)
    return;
  path = law_file ("theirs/law.md");
  if (path == NULL)
    return;
  dir = g_path_get_dirname (path);
  pub_path = g_build_filename (dir, "minisign.pub", NULL);
  key_path = g_build_filename (dir, "minisign.key", NULL);
  legacy_path = g_build_filename (dir, "law.md.legacy", NULL);

  g_assert_cmpint (run_minisign (NULL, &output, "-G", "-W", "-p", pub_path, "-s", key_path, NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_minisign (NULL, &output, "-S", "-s", key_path, "-m", path, "-t", COMMENT, NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_minisign (NULL, &output, "-S", "-l", "-s", key_path, "-m", path, "-x", legacy_path,
                                 "-t", "legacy", NULL),
                   ==, 0);
  g_clear_pointer (&output, g_free);

  public_key = read_text (pub_path);
  keys[0] = public_key;

  {
    g_autoptr (HbMinisignSignature) result = hb_minisign_verify_file (path, NULL, keys, &error);
    g_autofree char *id = hb_minisign_public_key_get_id (public_key, NULL);

    g_assert_no_error (error);
    g_assert_cmpstr (result->trusted_comment, ==, COMMENT);
    g_assert_cmpstr (result->key_id, ==, id);
    /* minisign names its key by the same id. */
    g_assert_nonnull (strstr (public_key, id));
    g_assert_true (result->prehashed);
  }

  {
    g_autoptr (HbMinisignSignature) result = hb_minisign_verify_file (path, legacy_path, keys, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (result->trusted_comment, ==, "legacy");
    g_assert_false (result->prehashed);
  }

  /* Signed by minisign's key, but only another key is trusted. */
  keygen (NULL, &other_public, &other_secret, NULL);
  other_keys[0] = other_public;
  g_assert_null (hb_minisign_verify_file (path, NULL, other_keys, &error));
  g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);

  /* A flipped byte in the file, then in the trusted comment. */
  {
    g_autofree char *text = read_text (path);
    g_autofree char *signature_path = g_strconcat (path, ".minisig", NULL);
    g_autofree char *signature = read_text (signature_path);
    char *comment = strstr (signature, "date:2018");

    text[200] ^= 0x01;
    write_text (path, text);
    g_assert_null (hb_minisign_verify_file (path, NULL, keys, &error));
    g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
    g_assert_null (hb_minisign_verify_file (path, legacy_path, keys, &error));
    g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
    text[200] ^= 0x01;
    write_text (path, text);

    g_assert_nonnull (comment);
    comment[8] = '9';
    write_text (signature_path, signature);
    g_assert_null (hb_minisign_verify_file (path, NULL, keys, &error));
    g_assert_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_SIGNATURE);
    g_assert_nonnull (strstr (error->message, "trusted comment"));
    g_clear_error (&error);
  }

  /* minisign's unencrypted secret key signs for us, and minisign agrees. */
  {
    g_autofree char *signature_path = g_build_filename (dir, "by-their-key.minisig", NULL);
    g_autoptr (HbMinisignSecretKey) key = NULL;

    secret_key = read_text (key_path);
    key = load_key (secret_key, NULL);
    g_assert_true (hb_minisign_sign_file (key, path, signature_path, "ours, their key", &error));
    g_assert_no_error (error);
    g_assert_cmpint (run_minisign (NULL, &output, "-Vm", path, "-p", pub_path, "-x", signature_path, NULL), ==, 0);
    g_clear_pointer (&output, g_free);
  }

  /* minisign's encrypted secret key, with its password. */
  {
    g_autofree char *enc_pub = g_build_filename (dir, "enc.pub", NULL);
    g_autofree char *enc_key = g_build_filename (dir, "enc.key", NULL);
    g_autofree char *enc_text = NULL;
    g_autofree char *enc_public = NULL;
    g_autoptr (HbMinisignSecretKey) key = NULL;
    g_autofree char *derived = NULL;

    g_assert_cmpint (run_minisign ("规则 2026\n规则 2026\n", &output, "-G", "-p", enc_pub, "-s", enc_key, NULL), ==, 0);
    g_clear_pointer (&output, g_free);
    enc_text = read_text (enc_key);
    enc_public = read_text (enc_pub);

    key = load_key (enc_text, "规则 2026");
    derived = hb_minisign_secret_key_get_public_key (key);
    g_assert_cmpstr (derived, ==, enc_public);
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/minisign/sign-verify", test_sign_verify);
  g_test_add_func ("/minisign/tampering", test_tampering);
  g_test_add_func ("/minisign/trusted-keys", test_trusted_keys);
  g_test_add_func ("/minisign/malformed", test_malformed);
  g_test_add_func ("/minisign/files", test_files);
  g_test_add_func ("/minisign/password", test_password);
  g_test_add_func ("/minisign/interop/minisign-verifies-ours", test_minisign_verifies_ours);
  g_test_add_func ("/minisign/interop/we-verify-minisign", test_we_verify_minisign);

  status = g_test_run ();
  hb_test_cleanup ();
  return status;
}
