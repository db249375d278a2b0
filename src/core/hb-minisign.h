/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Ed25519 signatures in minisign's file formats (libsodium does the
 * cryptography), so that `minisign -Vm FILE -p KEY.pub` checks what we sign
 * and we check what `minisign -S` signs.
 *
 * - A public key file is an "untrusted comment: …" line and the base64 of
 *   "Ed" ‖ key id (8 bytes) ‖ Ed25519 public key (32 bytes).
 * - A secret key file is a comment line and the base64 of "Ed" ‖ KDF ("Sc"
 *   for a key encrypted with a password through scrypt, or two zero bytes
 *   for none) ‖ "B2" ‖ salt (32) ‖ opslimit (8, LE) ‖ memlimit (8, LE) ‖
 *   key id (8) ‖ Ed25519 secret key (64) ‖ BLAKE2b-256 checksum (32); with
 *   a password the last 104 bytes are XORed with scrypt's output.
 * - A signature file has four lines: an untrusted comment; the base64 of
 *   "ED" ‖ key id ‖ the Ed25519 signature of the data's BLAKE2b-512 hash
 *   ("Ed" for a legacy signature of the data itself); "trusted comment: …";
 *   and the base64 of the signature of (first signature ‖ trusted comment),
 *   so that the trusted comment cannot be changed either.
 *
 * Key ids are written as minisign prints them: 16 upper-case hex digits of
 * the id read as a little-endian number.
 */

#define HB_MINISIGN_ERROR (hb_minisign_error_quark ())

typedef enum
{
  /* A key or signature that is not in minisign's format. */
  HB_MINISIGN_ERROR_MALFORMED,
  /* Well formed, but with an algorithm we do not know. */
  HB_MINISIGN_ERROR_UNSUPPORTED,
  /* The signature file is not there: the data is unsigned. */
  HB_MINISIGN_ERROR_NO_SIGNATURE,
  /* The signature, or the signature of its trusted comment, does not match. */
  HB_MINISIGN_ERROR_BAD_SIGNATURE,
  /* Signed by a key that is not among the trusted ones. */
  HB_MINISIGN_ERROR_UNKNOWN_KEY,
  /* No trusted public key was given at all. */
  HB_MINISIGN_ERROR_NO_TRUSTED_KEYS,
  /* The secret key is encrypted and no password was given. */
  HB_MINISIGN_ERROR_PASSWORD_NEEDED,
  /* The password does not decrypt the secret key. */
  HB_MINISIGN_ERROR_WRONG_PASSWORD,
  /* A trusted comment with a line break or a control character. */
  HB_MINISIGN_ERROR_BAD_COMMENT,
  /* A file could not be read or written. */
  HB_MINISIGN_ERROR_IO,
  /* libsodium failed (no memory for the key derivation). */
  HB_MINISIGN_ERROR_FAILED,
} HbMinisignError;

GQuark hb_minisign_error_quark (void);

/* The suffix minisign gives signature files: "FILE.minisig". */
#define HB_MINISIGN_SUFFIX ".minisig"

/* The longest trusted comment minisign accepts, in bytes. */
#define HB_MINISIGN_MAX_COMMENT 8000

/**
 * hb_minisign_keygen:
 * @password: (nullable): a password to encrypt the secret key with (scrypt,
 *   with minisign's own limits: about 1 GB of memory and a few seconds), or
 *   %NULL or "" for an unencrypted key, as `minisign -G -W` writes
 * @public_key: (out) (transfer full): the public key file's text
 * @secret_key: (out) (transfer full): the secret key file's text
 * @key_id: (out) (optional) (transfer full): the key id, "A5D4AFC7E7ADDEE9"
 * @error: return location for a #HB_MINISIGN_ERROR
 *
 * Makes a new Ed25519 key pair.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean hb_minisign_keygen (const char *password,
                             char **public_key,
                             char **secret_key,
                             char **key_id,
                             GError **error);

/**
 * hb_minisign_public_key_get_id:
 * @public_key: a public key file's text, or only its base64 line (as
 *   `minisign -P` takes it)
 * @error: return location for a #HB_MINISIGN_ERROR
 *
 * Checks a public key, for instance one an editor pastes into the settings.
 *
 * Returns: (transfer full): the key id, or %NULL with @error set
 */
char *hb_minisign_public_key_get_id (const char *public_key, GError **error);

typedef struct _HbMinisignSecretKey HbMinisignSecretKey;

/**
 * hb_minisign_secret_key_new:
 * @secret_key: a secret key file's text (encrypted or not)
 * @password: (nullable): the password of an encrypted key
 * @error: return location for a #HB_MINISIGN_ERROR
 *
 * Reads a secret key, decrypting it with @password when it is encrypted.
 * The key is kept in memory that is locked and wiped when freed.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *   (%HB_MINISIGN_ERROR_PASSWORD_NEEDED, %HB_MINISIGN_ERROR_WRONG_PASSWORD …)
 */
HbMinisignSecretKey *hb_minisign_secret_key_new (const char *secret_key,
                                                 const char *password,
                                                 GError **error);
/* Wipes and frees a secret key. */
void hb_minisign_secret_key_free (HbMinisignSecretKey *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbMinisignSecretKey, hb_minisign_secret_key_free)

/* The key id, as minisign prints it. */
const char *hb_minisign_secret_key_get_id (HbMinisignSecretKey *key);

/* The public key file's text that belongs to @key. */
char *hb_minisign_secret_key_get_public_key (HbMinisignSecretKey *key);

/**
 * hb_minisign_sign:
 * @key: a secret key
 * @data: (array length=length): the bytes to sign
 * @length: their length
 * @trusted_comment: one line of printable UTF-8, signed too
 * @error: return location for a #HB_MINISIGN_ERROR
 *
 * Signs @data (prehashed with BLAKE2b-512, as minisign does by default).
 *
 * Returns: (transfer full): the signature file's text, or %NULL with
 *   @error set
 */
char *hb_minisign_sign (HbMinisignSecretKey *key,
                        const guint8 *data,
                        gsize length,
                        const char *trusted_comment,
                        GError **error);

/**
 * hb_minisign_sign_file:
 * @key: a secret key
 * @path: the file to sign
 * @signature_path: (nullable): where to write the signature;
 *   %NULL for "@path.minisig"
 * @trusted_comment: one line of printable UTF-8
 * @error: return location for a #HB_MINISIGN_ERROR
 *
 * Signs a file of any size, as `minisign -S -m @path` would.
 *
 * Returns: %TRUE when the signature file was written
 */
gboolean hb_minisign_sign_file (HbMinisignSecretKey *key,
                                const char *path,
                                const char *signature_path,
                                const char *trusted_comment,
                                GError **error);

/* A signature that verified. */
typedef struct
{
  /* The signer's key id. */
  char *key_id;
  /* Which of the trusted keys it is. */
  guint key_index;
  /* The trusted comment, without its "trusted comment: " prefix. */
  char *trusted_comment;
  /* Whether it signs the data's BLAKE2b-512 hash ("ED") rather than the
   * data itself (legacy "Ed"). */
  gboolean prehashed;
} HbMinisignSignature;

/* Frees a result of hb_minisign_verify(). */
void hb_minisign_signature_free (HbMinisignSignature *signature);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbMinisignSignature, hb_minisign_signature_free)

/**
 * hb_minisign_verify:
 * @data: (array length=length): the signed bytes
 * @length: their length
 * @signature: the signature file's text
 * @name: the signature file's name, for messages
 * @trusted_keys: (array zero-terminated=1): public keys, each a public key
 *   file's text or only its base64 line
 * @error: return location for a #HB_MINISIGN_ERROR
 *
 * Checks that one of @trusted_keys signed @data and the trusted comment.
 * Both prehashed and legacy signatures are accepted, as minisign does.
 *
 * Returns: (transfer full): who signed and the trusted comment, or %NULL
 *   with @error set: %HB_MINISIGN_ERROR_MALFORMED,
 *   %HB_MINISIGN_ERROR_UNKNOWN_KEY, %HB_MINISIGN_ERROR_BAD_SIGNATURE …
 */
HbMinisignSignature *hb_minisign_verify (const guint8 *data,
                                         gsize length,
                                         const char *signature,
                                         const char *name,
                                         const char *const *trusted_keys,
                                         GError **error);

/**
 * hb_minisign_verify_file:
 * @path: the signed file
 * @signature_path: (nullable): its signature; %NULL for "@path.minisig"
 * @trusted_keys: (array zero-terminated=1): public keys
 * @error: return location for a #HB_MINISIGN_ERROR
 *
 * As hb_minisign_verify(), for a file of any size. A missing signature file
 * is %HB_MINISIGN_ERROR_NO_SIGNATURE.
 *
 * Returns: (transfer full): who signed and the trusted comment, or %NULL
 *   with @error set
 */
HbMinisignSignature *hb_minisign_verify_file (const char *path,
                                              const char *signature_path,
                                              const char *const *trusted_keys,
                                              GError **error);

G_END_DECLS
