/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* handbook-cli keygen [--output PREFIX] [--password-file FILE] [--force]:
 * writes PREFIX.pub and PREFIX.key (mode 0600), a minisign key pair.
 * argv[0] is the command's name ("handbook-cli keygen"). Returns the exit
 * status: 0 done, 1 failed, 2 wrong usage. */
int hb_cli_keygen (int argc, char **argv);

/* handbook-cli sign BUNDLE --key FILE [--password-file FILE]: checks an
 * update bundle and signs it (BUNDLE.minisig beside an archive, SHA256SUMS
 * and SHA256SUMS.minisig in a folder). Same conventions as hb_cli_keygen(). */
int hb_cli_sign (int argc, char **argv);

G_END_DECLS
