/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The commands of handbook-cli, each `int hb_cli_NAME (int argc, char
 * **argv)` with argv[0] "handbook-cli NAME", listed in handbook-cli.c.
 */

/* hb-cli-articles.c */
int hb_cli_import (int argc, char **argv);
int hb_cli_list (int argc, char **argv);
int hb_cli_show (int argc, char **argv);
int hb_cli_history (int argc, char **argv);

/* hb-cli-search.c: search QUERY… [--limit N] [--json] [--kind K]
 * [--platform P] [--tag T] [--lang L] */
int hb_cli_search (int argc, char **argv);

/* hb-cli-profiles.c: profile add|list|show */
int hb_cli_profile (int argc, char **argv);

/* hb-cli-updates.c: regulation updates, from the bundle to who
 * acknowledged it */
int hb_cli_preview (int argc, char **argv);
int hb_cli_publish (int argc, char **argv);
int hb_cli_diff (int argc, char **argv);
int hb_cli_ack (int argc, char **argv);
int hb_cli_acks (int argc, char **argv);
int hb_cli_whats_new (int argc, char **argv);
int hb_cli_audit (int argc, char **argv);
int hb_cli_key (int argc, char **argv);
/* hb-cli-training.c: courses, quiz show|take, read, progress, review */
int hb_cli_courses (int argc, char **argv);
int hb_cli_quiz (int argc, char **argv);
int hb_cli_read (int argc, char **argv);
int hb_cli_progress (int argc, char **argv);
int hb_cli_review (int argc, char **argv);

G_END_DECLS
