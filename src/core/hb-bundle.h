/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * An update bundle: a folder, a .tar.gz or a .zip of Markdown files and a
 * manifest.yaml that maps them to articles. hb_bundle_read() reads all of
 * it into memory and checks it; nothing is extracted to disk.
 *
 * manifest.yaml:
 *
 *   bundle: tmall-rules-2026-12     # required: a-z 0-9 - _ .
 *   title: Tmall after-sales rule changes, December 2026   # required
 *   publisher: Compliance team      # optional
 *   date: 2026-12-01                # required, YYYY-MM-DD
 *   entries:                        # required, at least one
 *     - file: guides/tmall-not-as-described.md   # required, in the bundle
 *       id: tmall-not-as-described  # default: the file's front matter id,
 *                                   # else its path (as the importer does)
 *       effective: 2026-12-15       # optional
 *       changes: Seller response window shortened from 72 h to 48 h.
 *       acknowledge: required       # optional: required | none
 *       due: 2026-12-20             # optional acknowledgement due date
 *
 * Unknown keys are errors, not warnings: a misspelt "efective:" would
 * otherwise publish a rule with the wrong effective date. Every Markdown
 * file of the bundle must be named by an entry; other files (images) may
 * travel along. ".git" and "__MACOSX" folders, ".DS_Store" and "._*" files
 * are left out, and an archive whose files all sit in one top folder with
 * the manifest is read from that folder.
 *
 * Signatures (minisign, Ed25519): an archive is signed as a file, in
 * ARCHIVE.minisig beside it, so `minisign -Vm bundle.tar.gz -p KEY.pub`
 * checks it. A folder is signed through SHA256SUMS in it (`sha256sum`
 * format: "HEX  PATH" lines for every other file, sorted by path in byte
 * order) and SHA256SUMS.minisig. The trusted comment is
 * "handbook-bundle:ID date:DATE timestamp:SECONDS", and verification
 * checks ID and DATE against the manifest.
 */

#define HB_BUNDLE_ERROR (hb_bundle_error_quark ())

typedef enum
{
  /* The path does not exist. */
  HB_BUNDLE_ERROR_NOT_FOUND,
  /* It cannot be read (permissions, I/O). */
  HB_BUNDLE_ERROR_READ,
  /* Neither a folder, a .tar.gz nor a .zip. */
  HB_BUNDLE_ERROR_NOT_A_BUNDLE,
  /* A truncated or damaged archive. */
  HB_BUNDLE_ERROR_CORRUPT,
  /* An entry with an absolute path or "..", a link, a device or a FIFO, or
   * a name that is not UTF-8 text. */
  HB_BUNDLE_ERROR_UNSAFE_ENTRY,
  /* A file, the whole bundle or its number of entries is over a limit. */
  HB_BUNDLE_ERROR_TOO_LARGE,
  /* There is no manifest.yaml. */
  HB_BUNDLE_ERROR_NO_MANIFEST,
  /* The manifest is not valid: YAML syntax, a missing, unknown or
   * duplicated key, a bad value or date. */
  HB_BUNDLE_ERROR_MANIFEST,
  /* The manifest names a file that is not in the bundle. */
  HB_BUNDLE_ERROR_MISSING_FILE,
  /* Two entries name the same file or the same article id. */
  HB_BUNDLE_ERROR_DUPLICATE,
  /* A Markdown file of the bundle that no entry names. */
  HB_BUNDLE_ERROR_UNLISTED_FILE,
  /* The bundle has no signature. */
  HB_BUNDLE_ERROR_UNSIGNED,
  /* The signature does not match the bundle, or is damaged. */
  HB_BUNDLE_ERROR_BAD_SIGNATURE,
  /* Signed, but by a key that is not trusted. */
  HB_BUNDLE_ERROR_UNKNOWN_KEY,
  /* No public key is trusted at all. */
  HB_BUNDLE_ERROR_NO_TRUSTED_KEYS,
  /* A folder's file was changed, added or removed after signing. */
  HB_BUNDLE_ERROR_CHANGED,
  /* A valid signature, but for another bundle or date than the manifest's
   * (an old signature reused). */
  HB_BUNDLE_ERROR_SIGNATURE_MISMATCH,
} HbBundleError;

GQuark hb_bundle_error_quark (void);

/* Limits, checked while reading (a zip bomb stops early). A file is also
 * limited to HB_IMPORT_MAX_FILE_SIZE, as the importer is. */
#define HB_BUNDLE_MAX_ENTRIES 10000
#define HB_BUNDLE_MAX_TOTAL_SIZE (100 * 1000 * 1000)
#define HB_BUNDLE_MAX_MANIFEST_SIZE (1000 * 1000)

#define HB_BUNDLE_MANIFEST "manifest.yaml"
#define HB_BUNDLE_SUMS "SHA256SUMS"
#define HB_BUNDLE_SUMS_SIGNATURE "SHA256SUMS.minisig"

typedef enum
{
  HB_BUNDLE_KIND_FOLDER,
  HB_BUNDLE_KIND_TAR, /* .tar.gz */
  HB_BUNDLE_KIND_ZIP,
} HbBundleKind;

typedef enum
{
  /* Not said: the store's default (every regulation needs one). */
  HB_BUNDLE_ACKNOWLEDGE_DEFAULT,
  HB_BUNDLE_ACKNOWLEDGE_REQUIRED,
  HB_BUNDLE_ACKNOWLEDGE_NONE,
} HbBundleAcknowledge;

typedef struct
{
  /* The path inside the bundle, '/'-separated, NFC. */
  char *file;
  /* The article id: the manifest's, else the file's front matter's, else
   * one made from the path. In a manifest parsed alone, %NULL when the
   * manifest gives none. */
  char *id;
  /* (nullable): "YYYY-MM-DD" */
  char *effective;
  /* (nullable): the change note */
  char *changes;
  HbBundleAcknowledge acknowledge;
  /* (nullable): "YYYY-MM-DD", when the acknowledgement is due */
  char *due;
  /* The entry's line in the manifest. */
  guint line;
} HbBundleEntry;

typedef struct
{
  char *bundle_id;
  char *title;
  char *publisher; /* (nullable) */
  char *date;      /* "YYYY-MM-DD" */
  GPtrArray *entries; /* (element-type HbBundleEntry) in manifest order */
  guint date_line;
  guint bundle_line;
} HbBundleManifest;

/* Frees a manifest from hb_bundle_manifest_parse(). */
void hb_bundle_manifest_free (HbBundleManifest *manifest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbBundleManifest, hb_bundle_manifest_free)

/**
 * hb_bundle_manifest_parse:
 * @text: (array length=length): the manifest's bytes
 * @length: their length
 * @name: the manifest's file name, for messages
 * @error: return location for a #HB_BUNDLE_ERROR
 *
 * Parses and checks a manifest on its own (no bundle around it, so files
 * are not looked for and ids not defaulted). Every message starts with
 * "@name:LINE: ".
 *
 * Returns: (transfer full): the manifest, or %NULL with @error set
 *   (%HB_BUNDLE_ERROR_MANIFEST or %HB_BUNDLE_ERROR_DUPLICATE)
 */
HbBundleManifest *hb_bundle_manifest_parse (const char *text, gsize length, const char *name, GError **error);

#define HB_TYPE_BUNDLE (hb_bundle_get_type ())
G_DECLARE_FINAL_TYPE (HbBundle, hb_bundle, HB, BUNDLE, GObject)

/**
 * hb_bundle_read:
 * @path: a folder, a .tar.gz or a .zip (told apart by their content)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #HB_BUNDLE_ERROR
 *
 * Reads a whole bundle into memory and checks it: safe entries, the
 * limits, the manifest, and that the manifest and the files agree. In a
 * folder no symbolic link is followed (one is an error). An archive's
 * signature beside it, or a folder's SHA256SUMS and SHA256SUMS.minisig,
 * are read too, so that hb_bundle_verify() checks exactly what was read.
 *
 * Returns: (transfer full): the bundle, or %NULL with @error set; messages
 *   name the bundle, the file and the manifest line where there is one
 */
HbBundle *hb_bundle_read (const char *path, GCancellable *cancellable, GError **error);

/**
 * hb_bundle_new_from_bytes:
 * @archive: a .tar.gz or .zip in memory
 * @name: its name, for messages
 * @error: return location for a #HB_BUNDLE_ERROR
 *
 * As hb_bundle_read() for an archive already in memory (there is no
 * signature beside it, but one inside, SHA256SUMS.minisig, still counts).
 *
 * Returns: (transfer full): the bundle, or %NULL with @error set
 */
HbBundle *hb_bundle_new_from_bytes (GBytes *archive, const char *name, GError **error);

/* The path it was read from (or the name given with its bytes). */
const char *hb_bundle_get_path (HbBundle *self);
/* A folder, a .tar.gz or a .zip (told by the content, not the name). */
HbBundleKind hb_bundle_get_kind (HbBundle *self);
/* The manifest's bundle id, title, publisher (nullable) and date. */
const char *hb_bundle_get_id (HbBundle *self);
const char *hb_bundle_get_title (HbBundle *self);
const char *hb_bundle_get_publisher (HbBundle *self);
const char *hb_bundle_get_date (HbBundle *self);
/* The manifest's entries, ids resolved: (element-type HbBundleEntry). */
GPtrArray *hb_bundle_get_entries (HbBundle *self);

/**
 * hb_bundle_get_sha256:
 *
 * Returns: the bundle's SHA-256 in hex: of the archive file, or for a
 *   folder of its canonical listing (the SHA256SUMS text that signing it
 *   writes), so that the same files give the same hash.
 */
const char *hb_bundle_get_sha256 (HbBundle *self);

/**
 * hb_bundle_get_file:
 * @path: a path inside the bundle ("guides/tmall.md")
 *
 * Returns: (transfer none) (nullable): the file's bytes, or %NULL when the
 *   bundle has no such file
 */
GBytes *hb_bundle_get_file (HbBundle *self, const char *path);

/**
 * hb_bundle_list_files:
 *
 * Returns: (transfer container): every file's path, sorted in byte order
 *   (SHA256SUMS and its signature not included)
 */
GPtrArray *hb_bundle_list_files (HbBundle *self);

/**
 * hb_bundle_get_listing:
 *
 * Returns: (transfer full): the canonical listing, "HEX  PATH\n" for each
 *   file in the order of hb_bundle_list_files(), as `sha256sum` prints it
 */
char *hb_bundle_get_listing (HbBundle *self);

/* Whether the bundle came with a signature (not whether it is valid). */
gboolean hb_bundle_has_signature (HbBundle *self);

typedef struct
{
  /* The signer's key id, as minisign prints it. */
  char *key_id;
  /* Which of the trusted keys it is (hb_bundle_verify() only). */
  guint key_index;
  /* The whole trusted comment. */
  char *trusted_comment;
  /* What the trusted comment says; they match the manifest. */
  char *bundle_id;
  char *date;
  /* When it was signed (seconds since 1970, UTC), 0 when not said. */
  gint64 timestamp;
  /* The signature file: a path, or "ARCHIVE:SHA256SUMS.minisig". */
  char *signature_file;
} HbBundleSignature;

/* Frees a signature from hb_bundle_verify() or hb_bundle_sign(). */
void hb_bundle_signature_free (HbBundleSignature *signature);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbBundleSignature, hb_bundle_signature_free)

/**
 * hb_bundle_verify:
 * @self: a bundle
 * @trusted_public_keys: (array zero-terminated=1) (nullable): minisign
 *   public keys (a .pub file's text or its base64 line)
 * @out: (out) (optional) (transfer full): the signature
 * @error: return location for a #HB_BUNDLE_ERROR
 *
 * Checks the bundle's signature: made by a trusted key, over exactly what
 * was read (for a folder, every file's hash against SHA256SUMS: none
 * changed, added or removed), with a trusted comment naming the manifest's
 * bundle id and date.
 *
 * Returns: %TRUE when it is signed and valid; else %FALSE with @error set:
 *   %HB_BUNDLE_ERROR_UNSIGNED when there is no signature at all (the
 *   caller may allow that), otherwise %HB_BUNDLE_ERROR_BAD_SIGNATURE,
 *   %HB_BUNDLE_ERROR_UNKNOWN_KEY, %HB_BUNDLE_ERROR_NO_TRUSTED_KEYS,
 *   %HB_BUNDLE_ERROR_CHANGED or %HB_BUNDLE_ERROR_SIGNATURE_MISMATCH
 */
gboolean hb_bundle_verify (HbBundle *self,
                           const char *const *trusted_public_keys,
                           HbBundleSignature **out,
                           GError **error);

/**
 * hb_bundle_sign:
 * @path: a bundle (folder or archive)
 * @secret_key: a minisign secret key file's text
 * @password: (nullable): its password, when it is encrypted
 * @error: return location for a #HB_BUNDLE_ERROR or #HB_MINISIGN_ERROR
 *
 * Reads and checks the bundle (an invalid one is not signed), then signs
 * it: writes ARCHIVE.minisig beside an archive, or SHA256SUMS and
 * SHA256SUMS.minisig into a folder, replacing earlier ones. The trusted
 * comment names the bundle id, its date and the time of signing.
 *
 * Returns: (transfer full): what was signed (key_index is 0), or %NULL
 *   with @error set
 */
HbBundleSignature *hb_bundle_sign (const char *path,
                                   const char *secret_key,
                                   const char *password,
                                   GError **error);

G_END_DECLS
