/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-store.h"

G_BEGIN_DECLS

/* handbook-cli search QUERY… [--limit N] [--json] [--kind K] [--platform P]
 * [--tag T] [--lang L]: argv[0] is "handbook-cli search". */
int hb_cli_search (HbStore *store, int argc, char **argv);

/* handbook-cli bench [--articles N] [--corpus DIR] …: the search benchmark
 * on databases of its own. */
int hb_cli_bench (int argc, char **argv);

G_END_DECLS
