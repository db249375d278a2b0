/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "handbook-cli"

#include "config.h"

#include "hb-cli-commands.h"

int
hb_cli_bench (int argc, char **argv)
{
  return 0;
}
