/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: update bundles, as a manifest and as an archive
 * (.tar.gz or .zip, with libarchive and its limits). */
#include "config.h"

#include <stdint.h>

#include "hb-bundle.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  HbBundleManifest *manifest = hb_bundle_manifest_parse ((const char *) data, size, "manifest.yaml", NULL);
  g_autoptr (HbBundle) bundle = NULL;

  if (manifest != NULL)
    hb_bundle_manifest_free (manifest);
  bundle = hb_bundle_new_from_bytes (bytes, size > 2 && data[0] == 'P' ? "fuzz.zip" : "fuzz.tar.gz", NULL);
  return 0;
}
