/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-minisign"

#include "config.h"

#include "hb-minisign.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

G_DEFINE_QUARK (hb-minisign-error-quark, hb_minisign_error)

/* The byte layouts of minisign's files (see the header). */
#define ALG_BYTES 2
#define KEYNUM_BYTES 8
#define SALT_BYTES crypto_pwhash_scryptsalsa208sha256_SALTBYTES
#define CHK_BYTES crypto_generichash_BYTES /* 32: BLAKE2b-256 */
#define PREHASH_BYTES crypto_generichash_BYTES_MAX /* 64: BLAKE2b-512 */

#define PK_KEYNUM 2
#define PK_KEY (PK_KEYNUM + KEYNUM_BYTES)
#define PK_BYTES (PK_KEY + crypto_sign_PUBLICKEYBYTES) /* 42 */

#define SK_KDF_ALG 2
#define SK_CHK_ALG 4
#define SK_SALT 6
#define SK_OPSLIMIT (SK_SALT + SALT_BYTES)
#define SK_MEMLIMIT (SK_OPSLIMIT + 8)
#define SK_KEYNUM (SK_MEMLIMIT + 8) /* the encrypted part starts here */
#define SK_KEY (SK_KEYNUM + KEYNUM_BYTES)
#define SK_CHK (SK_KEY + crypto_sign_SECRETKEYBYTES)
#define SK_BYTES (SK_CHK + CHK_BYTES) /* 158 */
#define SK_ENCRYPTED_BYTES (SK_BYTES - SK_KEYNUM)

#define SIG_KEYNUM 2
#define SIG_SIG (SIG_KEYNUM + KEYNUM_BYTES)
#define SIG_BYTES (SIG_SIG + crypto_sign_BYTES) /* 74 */

#define UNTRUSTED_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "

/* Much more than any key or signature file (their comments included). */
#define MAX_KEY_FILE 4096
#define MAX_SIGNATURE_FILE (HB_MINISIGN_MAX_COMMENT + 2048)

/* A key file asking for more than this is damaged, not strong: deriving
 * the key would take the machine's memory or hours. */
#define MAX_KDF_MEMLIMIT (G_GUINT64_CONSTANT (8) << 30)
#define MAX_KDF_OPSLIMIT (G_GUINT64_CONSTANT (1) << 36)

struct _HbMinisignSecretKey
{
  /* In sodium_malloc()'d memory: guarded, locked, wiped when freed. */
  guint8 *keynum; /* KEYNUM_BYTES, then the secret key */
  guint8 *sk;
  char id[17];
};

static void
ensure_sodium (void)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

static guint64
le64_load (const guint8 *p)
{
  guint64 x = 0;
  int i;

  for (i = 7; i >= 0; i--)
    x = (x << 8) | p[i];
  return x;
}

static void
le64_store (guint8 *p, guint64 x)
{
  int i;

  for (i = 0; i < 8; i++, x >>= 8)
    p[i] = (guint8) (x & 0xff);
}

static void
format_key_id (const guint8 *keynum, char id[17])
{
  /* As minisign prints it: hexadecimal, upper case, without leading zeros. */
  g_snprintf (id, 17, "%" G_GINT64_MODIFIER "X", le64_load (keynum));
}

static char *
to_base64 (const guint8 *bytes, gsize length)
{
  gsize size = sodium_base64_ENCODED_LEN (length, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  sodium_bin2base64 (text, size, bytes, length, sodium_base64_VARIANT_ORIGINAL);
  return text;
}

/* Decodes exactly @length bytes of strict, padded base64. */
static gboolean
from_base64 (const char *text, guint8 *bytes, gsize length)
{
  gsize decoded = 0;
  const char *end = NULL;
  gsize text_length = strlen (text);

  if (sodium_base642bin (bytes, length, text, text_length, NULL, &decoded, &end,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    return FALSE;
  return decoded == length && end == text + text_length;
}

/* Splits a key or signature file into lines, dropping each "\n" and a "\r"
 * before it (as minisign does; a trusted comment keeps its other
 * characters, since they are signed). */
static GStrv
split_lines (const char *text)
{
  GStrv lines = g_strsplit (text, "\n", -1);
  char **line;

  for (line = lines; *line != NULL; line++)
    {
      gsize len = strlen (*line);

      if (len > 0 && (*line)[len - 1] == '\r')
        (*line)[len - 1] = '\0';
    }
  return lines;
}

/* Whether a line holds only blanks. */
static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

/* The same rule as minisign's: UTF-8 with tabs but no other control
 * character (C0, DEL or C1). */
static gboolean
is_printable (const char *text)
{
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t')
        continue;
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_comment (const char *comment, GError **error)
{
  if (strlen (comment) > HB_MINISIGN_MAX_COMMENT)
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_COMMENT,
                   g_dngettext (GETTEXT_PACKAGE, "the trusted comment is longer than %u byte",
                                "the trusted comment is longer than %u bytes", HB_MINISIGN_MAX_COMMENT),
                   (guint) HB_MINISIGN_MAX_COMMENT);
      return FALSE;
    }
  if (!is_printable (comment))
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_COMMENT,
                   _("the trusted comment must be one line of text without control characters"));
      return FALSE;
    }
  return TRUE;
}

/* Reads a small text file whole, refusing a larger one. */
static char *
read_small_file (const char *path, gsize max, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      int code = g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? HB_MINISIGN_ERROR_NO_SIGNATURE : HB_MINISIGN_ERROR_IO;

      g_set_error (error, HB_MINISIGN_ERROR, code, "%s", local_error->message);
      return NULL;
    }
  if (length > max || memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED,
                   _("%s: this is not a minisign file"), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* Public keys */

/* The base64 line of a public key file's text, or the text itself. */
static char *
public_key_line (const char *text)
{
  g_auto (GStrv) lines = split_lines (text);
  char **line;

  for (line = lines; *line != NULL; line++)
    {
      if (is_blank (*line) || g_str_has_prefix (*line, "untrusted comment:"))
        continue;
      return g_strstrip (g_strdup (*line));
    }
  return g_strdup ("");
}

static gboolean
parse_public_key (const char *text, guint8 pk[PK_BYTES], GError **error)
{
  g_autofree char *line = NULL;

  if (text == NULL || strlen (text) > MAX_KEY_FILE)
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED,
                   _("this is not a minisign public key"));
      return FALSE;
    }
  line = public_key_line (text);
  if (!from_base64 (line, pk, PK_BYTES))
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED,
                   _("this is not a minisign public key (expected a comment line and one line of base64)"));
      return FALSE;
    }
  if (memcmp (pk, "Ed", ALG_BYTES) != 0)
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_UNSUPPORTED,
                   _("the public key is not an Ed25519 key"));
      return FALSE;
    }
  return TRUE;
}

char *
hb_minisign_public_key_get_id (const char *public_key, GError **error)
{
  guint8 pk[PK_BYTES];
  char id[17];

  g_return_val_if_fail (public_key != NULL, NULL);

  ensure_sodium ();
  if (!parse_public_key (public_key, pk, error))
    return NULL;
  format_key_id (pk + PK_KEYNUM, id);
  return g_strdup (id);
}

static char *
format_public_key (const guint8 *keynum, const guint8 *public_key)
{
  guint8 pk[PK_BYTES];
  g_autofree char *b64 = NULL;
  char id[17];

  memcpy (pk, "Ed", ALG_BYTES);
  memcpy (pk + PK_KEYNUM, keynum, KEYNUM_BYTES);
  memcpy (pk + PK_KEY, public_key, crypto_sign_PUBLICKEYBYTES);
  b64 = to_base64 (pk, PK_BYTES);
  format_key_id (keynum, id);
  return g_strdup_printf (UNTRUSTED_PREFIX "minisign public key %s\n%s\n", id, b64);
}

/* Secret keys */

/* The checksum minisign keeps with a secret key: BLAKE2b-256 of the
 * algorithm, the key id and the key. */
static void
secret_key_checksum (const guint8 *sk_bytes, guint8 chk[CHK_BYTES])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, CHK_BYTES);
  crypto_generichash_update (&state, sk_bytes, ALG_BYTES);
  crypto_generichash_update (&state, sk_bytes + SK_KEYNUM, KEYNUM_BYTES);
  crypto_generichash_update (&state, sk_bytes + SK_KEY, crypto_sign_SECRETKEYBYTES);
  crypto_generichash_final (&state, chk, CHK_BYTES);
}

/* XORs the key id, key and checksum with scrypt's output for @password. */
static gboolean
apply_password (guint8 *sk_bytes, const char *password, GError **error)
{
  guint8 *stream = sodium_malloc (SK_ENCRYPTED_BYTES);
  guint64 opslimit = le64_load (sk_bytes + SK_OPSLIMIT);
  guint64 memlimit = le64_load (sk_bytes + SK_MEMLIMIT);
  gsize i;

  if (stream == NULL)
    g_error ("sodium_malloc: out of memory");
  if (crypto_pwhash_scryptsalsa208sha256 (stream, SK_ENCRYPTED_BYTES, password, strlen (password),
                                          sk_bytes + SK_SALT, opslimit, (size_t) memlimit) != 0)
    {
      sodium_free (stream);
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_FAILED,
                   _("not enough memory to derive the key from the password"));
      return FALSE;
    }
  for (i = 0; i < SK_ENCRYPTED_BYTES; i++)
    sk_bytes[SK_KEYNUM + i] ^= stream[i];
  sodium_free (stream);
  return TRUE;
}

static char *
format_secret_key (const guint8 *sk_bytes, gboolean encrypted)
{
  g_autofree char *b64 = to_base64 (sk_bytes, SK_BYTES);
  char *text = g_strdup_printf (UNTRUSTED_PREFIX "minisign %s secret key\n%s\n",
                                encrypted ? "encrypted" : "unencrypted", b64);

  sodium_memzero (b64, strlen (b64));
  return text;
}

gboolean
hb_minisign_keygen (const char *password,
                    char **public_key,
                    char **secret_key,
                    char **key_id,
                    GError **error)
{
  guint8 *sk_bytes;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  gboolean encrypted = password != NULL && *password != '\0';
  char id[17];

  g_return_val_if_fail (public_key != NULL, FALSE);
  g_return_val_if_fail (secret_key != NULL, FALSE);

  ensure_sodium ();
  sk_bytes = sodium_malloc (SK_BYTES);
  if (sk_bytes == NULL)
    g_error ("sodium_malloc: out of memory");
  memset (sk_bytes, 0, SK_BYTES);

  memcpy (sk_bytes, "Ed", ALG_BYTES);
  memcpy (sk_bytes + SK_KDF_ALG, encrypted ? "Sc" : "\0\0", ALG_BYTES);
  memcpy (sk_bytes + SK_CHK_ALG, "B2", ALG_BYTES);
  randombytes_buf (sk_bytes + SK_KEYNUM, KEYNUM_BYTES);
  crypto_sign_keypair (pk, sk_bytes + SK_KEY);
  secret_key_checksum (sk_bytes, sk_bytes + SK_CHK);
  format_key_id (sk_bytes + SK_KEYNUM, id);

  *public_key = format_public_key (sk_bytes + SK_KEYNUM, pk);

  if (encrypted)
    {
      guint64 opslimit = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
      guint64 memlimit = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
      gboolean done = FALSE;

      randombytes_buf (sk_bytes + SK_SALT, SALT_BYTES);
      /* minisign's limits; with less memory, halve them as it does, down
       * to scrypt's floor. */
      while (!done)
        {
          g_autoptr (GError) kdf_error = NULL;

          le64_store (sk_bytes + SK_OPSLIMIT, opslimit);
          le64_store (sk_bytes + SK_MEMLIMIT, memlimit);
          done = apply_password (sk_bytes, password, &kdf_error);
          if (done)
            break;
          opslimit /= 2;
          memlimit /= 2;
          if (opslimit < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN
              || memlimit < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN)
            {
              sodium_free (sk_bytes);
              g_clear_pointer (public_key, g_free);
              g_propagate_error (error, g_steal_pointer (&kdf_error));
              return FALSE;
            }
        }
    }

  *secret_key = format_secret_key (sk_bytes, encrypted);
  sodium_free (sk_bytes);
  if (key_id != NULL)
    *key_id = g_strdup (id);
  return TRUE;
}

HbMinisignSecretKey *
hb_minisign_secret_key_new (const char *secret_key, const char *password, GError **error)
{
  g_autofree char *line = NULL;
  guint8 *sk_bytes;
  guint8 chk[CHK_BYTES];
  guint8 seed[crypto_sign_SEEDBYTES];
  guint8 derived_pk[crypto_sign_PUBLICKEYBYTES];
  guint8 derived_sk[crypto_sign_SECRETKEYBYTES];
  gboolean encrypted;
  HbMinisignSecretKey *key;

  g_return_val_if_fail (secret_key != NULL, NULL);

  ensure_sodium ();
  if (strlen (secret_key) > MAX_KEY_FILE)
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED,
                   _("this is not a minisign secret key"));
      return NULL;
    }

  sk_bytes = sodium_malloc (SK_BYTES);
  if (sk_bytes == NULL)
    g_error ("sodium_malloc: out of memory");

  line = public_key_line (secret_key);
  if (!from_base64 (line, sk_bytes, SK_BYTES))
    {
      sodium_memzero (line, strlen (line));
      sodium_free (sk_bytes);
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED,
                   _("this is not a minisign secret key (expected a comment line and one line of base64)"));
      return NULL;
    }
  sodium_memzero (line, strlen (line));

  if (memcmp (sk_bytes, "Ed", ALG_BYTES) != 0 || memcmp (sk_bytes + SK_CHK_ALG, "B2", ALG_BYTES) != 0
      || (memcmp (sk_bytes + SK_KDF_ALG, "Sc", ALG_BYTES) != 0
          && memcmp (sk_bytes + SK_KDF_ALG, "\0\0", ALG_BYTES) != 0))
    {
      sodium_free (sk_bytes);
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_UNSUPPORTED,
                   _("the secret key uses an algorithm other than Ed25519, BLAKE2b and scrypt"));
      return NULL;
    }

  encrypted = memcmp (sk_bytes + SK_KDF_ALG, "Sc", ALG_BYTES) == 0;
  if (encrypted)
    {
      if (password == NULL)
        {
          sodium_free (sk_bytes);
          g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_PASSWORD_NEEDED,
                       _("the secret key is encrypted: give its password"));
          return NULL;
        }
      if (le64_load (sk_bytes + SK_MEMLIMIT) > MAX_KDF_MEMLIMIT
          || le64_load (sk_bytes + SK_OPSLIMIT) > MAX_KDF_OPSLIMIT)
        {
          sodium_free (sk_bytes);
          g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED,
                       _("the secret key asks for an absurd amount of work to decrypt it; it is damaged"));
          return NULL;
        }
      if (!apply_password (sk_bytes, password, error))
        {
          sodium_free (sk_bytes);
          return NULL;
        }
    }

  /* minisign leaves the checksum of a key made unencrypted (-W) as zeros;
   * one that was encrypted once keeps its checksum. */
  secret_key_checksum (sk_bytes, chk);
  if (sodium_memcmp (chk, sk_bytes + SK_CHK, CHK_BYTES) != 0
      && (encrypted || !sodium_is_zero (sk_bytes + SK_CHK, CHK_BYTES)))
    {
      sodium_free (sk_bytes);
      if (encrypted)
        g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_WRONG_PASSWORD,
                     _("wrong password for this secret key"));
      else
        g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED,
                     _("the secret key is damaged (its checksum does not match)"));
      return NULL;
    }

  /* An Ed25519 secret key is a seed and its public key: they must agree. */
  crypto_sign_ed25519_sk_to_seed (seed, sk_bytes + SK_KEY);
  crypto_sign_seed_keypair (derived_pk, derived_sk, seed);
  sodium_memzero (seed, sizeof seed);
  sodium_memzero (derived_sk, sizeof derived_sk);
  if (memcmp (derived_pk, sk_bytes + SK_KEY + crypto_sign_SEEDBYTES, crypto_sign_PUBLICKEYBYTES) != 0)
    {
      sodium_free (sk_bytes);
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED,
                   _("the secret key is damaged (its two halves do not match)"));
      return NULL;
    }

  key = g_new0 (HbMinisignSecretKey, 1);
  key->keynum = sodium_malloc (KEYNUM_BYTES + crypto_sign_SECRETKEYBYTES);
  if (key->keynum == NULL)
    g_error ("sodium_malloc: out of memory");
  key->sk = key->keynum + KEYNUM_BYTES;
  memcpy (key->keynum, sk_bytes + SK_KEYNUM, KEYNUM_BYTES + crypto_sign_SECRETKEYBYTES);
  format_key_id (key->keynum, key->id);
  sodium_free (sk_bytes);
  return key;
}

void
hb_minisign_secret_key_free (HbMinisignSecretKey *key)
{
  if (key == NULL)
    return;
  sodium_free (key->keynum);
  g_free (key);
}

const char *
hb_minisign_secret_key_get_id (HbMinisignSecretKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->id;
}

char *
hb_minisign_secret_key_get_public_key (HbMinisignSecretKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return format_public_key (key->keynum, key->sk + crypto_sign_SEEDBYTES);
}

/* Signing */

static char *
sign_prehashed (HbMinisignSecretKey *key,
                const guint8 hash[PREHASH_BYTES],
                const char *trusted_comment,
                GError **error)
{
  guint8 sig[SIG_BYTES];
  guint8 global[crypto_sign_BYTES];
  gsize comment_length;
  g_autofree guint8 *signed_comment = NULL;
  g_autofree char *sig_b64 = NULL;
  g_autofree char *global_b64 = NULL;

  if (!check_comment (trusted_comment, error))
    return NULL;

  memcpy (sig, "ED", ALG_BYTES);
  memcpy (sig + SIG_KEYNUM, key->keynum, KEYNUM_BYTES);
  crypto_sign_detached (sig + SIG_SIG, NULL, hash, PREHASH_BYTES, key->sk);

  comment_length = strlen (trusted_comment);
  signed_comment = g_malloc (crypto_sign_BYTES + comment_length);
  memcpy (signed_comment, sig + SIG_SIG, crypto_sign_BYTES);
  memcpy (signed_comment + crypto_sign_BYTES, trusted_comment, comment_length);
  crypto_sign_detached (global, NULL, signed_comment, crypto_sign_BYTES + comment_length, key->sk);

  sig_b64 = to_base64 (sig, SIG_BYTES);
  global_b64 = to_base64 (global, crypto_sign_BYTES);
  return g_strdup_printf (UNTRUSTED_PREFIX "signature from Handbook secret key %s\n"
                          "%s\n" TRUSTED_PREFIX "%s\n%s\n",
                          key->id, sig_b64, trusted_comment, global_b64);
}

char *
hb_minisign_sign (HbMinisignSecretKey *key,
                  const guint8 *data,
                  gsize length,
                  const char *trusted_comment,
                  GError **error)
{
  guint8 hash[PREHASH_BYTES];

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (trusted_comment != NULL, NULL);

  crypto_generichash (hash, PREHASH_BYTES, data, length, NULL, 0);
  return sign_prehashed (key, hash, trusted_comment, error);
}

/* BLAKE2b-512 of a file, read in pieces. */
static gboolean
hash_file (const char *path, guint8 hash[PREHASH_BYTES], GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  crypto_generichash_state state;
  guint8 buffer[65536];
  gssize n;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_IO, _("%s: cannot read the file: %s"),
                   path, local_error->message);
      return FALSE;
    }

  crypto_generichash_init (&state, NULL, 0, PREHASH_BYTES);
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, &local_error)) > 0)
    crypto_generichash_update (&state, buffer, (gsize) n);
  if (n < 0)
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_IO, _("%s: cannot read the file: %s"),
                   path, local_error->message);
      return FALSE;
    }
  crypto_generichash_final (&state, hash, PREHASH_BYTES);
  return TRUE;
}

gboolean
hb_minisign_sign_file (HbMinisignSecretKey *key,
                       const char *path,
                       const char *signature_path,
                       const char *trusted_comment,
                       GError **error)
{
  guint8 hash[PREHASH_BYTES];
  g_autofree char *default_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (trusted_comment != NULL, FALSE);

  if (signature_path == NULL)
    signature_path = default_path = g_strconcat (path, HB_MINISIGN_SUFFIX, NULL);

  if (!hash_file (path, hash, error))
    return FALSE;
  text = sign_prehashed (key, hash, trusted_comment, error);
  if (text == NULL)
    return FALSE;
  if (!g_file_set_contents (signature_path, text, -1, &local_error))
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Verifying */

void
hb_minisign_signature_free (HbMinisignSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->key_id);
  g_free (signature->trusted_comment);
  g_free (signature);
}

typedef struct
{
  guint8 sig[SIG_BYTES];
  guint8 global[crypto_sign_BYTES];
  char *trusted_comment;
  gboolean prehashed;
} ParsedSignature;

static void
parsed_signature_clear (ParsedSignature *parsed)
{
  g_clear_pointer (&parsed->trusted_comment, g_free);
}

static gboolean
malformed (GError **error, const char *name, const char *what)
{
  g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_MALFORMED,
               _("%s: not a minisign signature (%s)"), name, what);
  return FALSE;
}

static gboolean
parse_signature (const char *text, const char *name, ParsedSignature *parsed, GError **error)
{
  g_auto (GStrv) lines = NULL;
  g_autofree char *sig_line = NULL;
  g_autofree char *global_line = NULL;
  guint n_lines;
  guint i;

  if (strlen (text) > MAX_SIGNATURE_FILE)
    return malformed (error, name, _("the file is too long"));

  lines = split_lines (text);
  n_lines = g_strv_length (lines);
  if (n_lines < 4)
    return malformed (error, name, _("it should have four lines"));
  for (i = 4; i < n_lines; i++)
    if (!is_blank (lines[i]))
      return malformed (error, name, _("there is text after the fourth line"));

  if (!g_str_has_prefix (lines[0], UNTRUSTED_PREFIX))
    return malformed (error, name, _("the first line should start with “untrusted comment:”"));

  sig_line = g_strstrip (g_strdup (lines[1]));
  if (!from_base64 (sig_line, parsed->sig, SIG_BYTES))
    return malformed (error, name, _("the second line is not a signature"));
  if (memcmp (parsed->sig, "ED", ALG_BYTES) == 0)
    parsed->prehashed = TRUE;
  else if (memcmp (parsed->sig, "Ed", ALG_BYTES) == 0)
    parsed->prehashed = FALSE;
  else
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_UNSUPPORTED,
                   _("%s: the signature uses an algorithm other than Ed25519"), name);
      return FALSE;
    }

  if (!g_str_has_prefix (lines[2], TRUSTED_PREFIX))
    return malformed (error, name, _("the third line should start with “trusted comment:”"));
  if (!is_printable (lines[2]))
    return malformed (error, name, _("the trusted comment holds control characters"));
  parsed->trusted_comment = g_strdup (lines[2] + strlen (TRUSTED_PREFIX));

  global_line = g_strstrip (g_strdup (lines[3]));
  if (!from_base64 (global_line, parsed->global, crypto_sign_BYTES))
    return malformed (error, name, _("the fourth line is not a signature"));

  return TRUE;
}

/* Checks @parsed against @message: the data itself for a legacy signature,
 * its BLAKE2b-512 hash for a prehashed one. */
static HbMinisignSignature *
verify_parsed (const ParsedSignature *parsed,
               const guint8 *message,
               gsize message_length,
               const char *name,
               const char *const *trusted_keys,
               GError **error)
{
  g_autofree guint8 *signed_comment = NULL;
  gsize comment_length = strlen (parsed->trusted_comment);
  gboolean key_known = FALSE;
  gboolean data_ok = FALSE;
  char id[17];
  guint i;

  format_key_id (parsed->sig + SIG_KEYNUM, id);

  if (trusted_keys == NULL || trusted_keys[0] == NULL)
    {
      g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_NO_TRUSTED_KEYS,
                   _("%s: signed by key %s, but no public key is trusted"), name, id);
      return NULL;
    }

  signed_comment = g_malloc (crypto_sign_BYTES + comment_length);
  memcpy (signed_comment, parsed->sig + SIG_SIG, crypto_sign_BYTES);
  memcpy (signed_comment + crypto_sign_BYTES, parsed->trusted_comment, comment_length);

  for (i = 0; trusted_keys[i] != NULL; i++)
    {
      g_autoptr (GError) key_error = NULL;
      guint8 pk[PK_BYTES];

      if (!parse_public_key (trusted_keys[i], pk, &key_error))
        {
          g_set_error (error, HB_MINISIGN_ERROR, key_error->code, _("%s: cannot be checked: trusted key %u: %s"),
                       name, i + 1, key_error->message);
          return NULL;
        }
      /* Key ids can collide; only the signature itself decides. */
      if (memcmp (pk + PK_KEYNUM, parsed->sig + SIG_KEYNUM, KEYNUM_BYTES) != 0)
        continue;
      key_known = TRUE;

      if (crypto_sign_verify_detached (parsed->sig + SIG_SIG, message, message_length, pk + PK_KEY) != 0)
        continue;
      data_ok = TRUE;

      if (crypto_sign_verify_detached (parsed->global, signed_comment, crypto_sign_BYTES + comment_length,
                                       pk + PK_KEY) == 0)
        {
          HbMinisignSignature *signature = g_new0 (HbMinisignSignature, 1);

          signature->key_id = g_strdup (id);
          signature->key_index = i;
          signature->trusted_comment = g_strdup (parsed->trusted_comment);
          signature->prehashed = parsed->prehashed;
          return signature;
        }
    }

  if (!key_known)
    g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_UNKNOWN_KEY,
                 _("%s: signed by key %s, which is not a trusted key"), name, id);
  else if (!data_ok)
    g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_SIGNATURE,
                 _("%s: the signature does not match; the signed data was changed after signing, or the signature is damaged"),
                 name);
  else
    g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_BAD_SIGNATURE,
                 _("%s: the trusted comment does not match its signature; it was changed after signing"),
                 name);
  return NULL;
}

HbMinisignSignature *
hb_minisign_verify (const guint8 *data,
                    gsize length,
                    const char *signature,
                    const char *name,
                    const char *const *trusted_keys,
                    GError **error)
{
  ParsedSignature parsed = { 0 };
  HbMinisignSignature *result;
  guint8 hash[PREHASH_BYTES];

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (signature != NULL, NULL);

  ensure_sodium ();
  if (name == NULL)
    name = _("the signature");
  if (!parse_signature (signature, name, &parsed, error))
    {
      parsed_signature_clear (&parsed);
      return NULL;
    }

  if (parsed.prehashed)
    {
      crypto_generichash (hash, PREHASH_BYTES, data, length, NULL, 0);
      result = verify_parsed (&parsed, hash, PREHASH_BYTES, name, trusted_keys, error);
    }
  else
    result = verify_parsed (&parsed, data, length, name, trusted_keys, error);

  parsed_signature_clear (&parsed);
  return result;
}

HbMinisignSignature *
hb_minisign_verify_file (const char *path,
                         const char *signature_path,
                         const char *const *trusted_keys,
                         GError **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) local_error = NULL;
  ParsedSignature parsed = { 0 };
  HbMinisignSignature *result = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  ensure_sodium ();
  if (signature_path == NULL)
    signature_path = default_path = g_strconcat (path, HB_MINISIGN_SUFFIX, NULL);

  text = read_small_file (signature_path, MAX_SIGNATURE_FILE, &local_error);
  if (text == NULL)
    {
      if (g_error_matches (local_error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_NO_SIGNATURE))
        g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_NO_SIGNATURE,
                     _("%s is not signed (there is no %s)"), path, signature_path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!parse_signature (text, signature_path, &parsed, error))
    {
      parsed_signature_clear (&parsed);
      return NULL;
    }

  if (parsed.prehashed)
    {
      guint8 hash[PREHASH_BYTES];

      if (hash_file (path, hash, error))
        result = verify_parsed (&parsed, hash, PREHASH_BYTES, signature_path, trusted_keys, error);
    }
  else
    {
      g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, &local_error);

      if (mapped == NULL)
        g_set_error (error, HB_MINISIGN_ERROR, HB_MINISIGN_ERROR_IO, _("%s: cannot read the file: %s"),
                     path, local_error->message);
      else
        result = verify_parsed (&parsed, (const guint8 *) (g_mapped_file_get_length (mapped) > 0
                                                              ? g_mapped_file_get_contents (mapped) : ""),
                                g_mapped_file_get_length (mapped), signature_path, trusted_keys, error);
    }

  parsed_signature_clear (&parsed);
  return result;
}
