/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * hb_util_now_utc:
 *
 * Returns: the current time as an ISO 8601 UTC timestamp
 *   ("2026-11-26T03:59:22Z"), the form every stored record uses.
 */
char *hb_util_now_utc (void);

/**
 * hb_util_today:
 *
 * Returns: today's date in the local time zone as "YYYY-MM-DD"; the
 *   `HANDBOOK_TODAY` environment variable overrides it (tests use it).
 */
char *hb_util_today (void);

/**
 * hb_util_id_from_path:
 * @relative_path: a path relative to the import root, with '/' separators
 *
 * Derives a stable article id from a file's path: the extension and a
 * trailing "index" are dropped, ASCII is lower-cased, and runs of spaces and
 * ASCII punctuation other than '-', '_' and '/' become one '-'. Characters
 * of other scripts (Chinese file names and their punctuation) are kept.
 *
 * Returns: the id, or %NULL when nothing is left of the path
 */
char *hb_util_id_from_path (const char *relative_path);

/**
 * hb_util_check_id:
 * @id: an article id
 * @reason: (out) (optional) (transfer full): why it is not one, translated
 *
 * What an id may be: one or more segments separated by "/", each made of
 * lower-case ASCII letters, digits, "-", "_" and ".", and letters, digits
 * and punctuation of other scripts (Chinese file names); no segment empty,
 * "." or ".."; no space, control or formatting character (no escape
 * sequence, no right-to-left override), and none of "%", "\\", "#", "?";
 * at most 200 characters. So an id never names another one through a path
 * ("a/./b/../c" is not "a/c"), and prints safely.
 *
 * Returns: whether @id is valid
 */
gboolean hb_util_check_id (const char *id, char **reason);

/* @text with every control and formatting character shown as \uXXXX: for
 * printing text from a file to a terminal. */
char *hb_util_escape_controls (const char *text);

/**
 * hb_util_is_valid_date:
 * @text: a string
 *
 * Returns: whether @text is a real calendar date written "YYYY-MM-DD"
 */
gboolean hb_util_is_valid_date (const char *text);

/**
 * hb_util_line_of_offset:
 * @text: a buffer
 * @offset: a byte offset into @text
 *
 * Returns: the 1-based line number of @offset
 */
guint hb_util_line_of_offset (const char *text, gsize offset);

/**
 * hb_util_format_date:
 * @date: (nullable): a day written "YYYY-MM-DD", or a UTC timestamp such as
 *   "2026-11-26T03:59:22Z" (the forms the store keeps)
 *
 * The day as the interface shows it, in the language of the messages:
 * "December 1, 2026" in English, "2026年12月1日" in Chinese, through the
 * translated format string of g_date_time_format(). A timestamp is shown as
 * its day in the local time zone. Stored data, exports and the CLI's output
 * keep the ISO form; this is for people reading a window or a page.
 *
 * Returns: (transfer full) (nullable): the day, @date unchanged when it is
 *   neither form, %NULL for %NULL
 */
char *hb_util_format_date (const char *date);

/**
 * hb_util_get_locale_dir:
 *
 * Returns: where the translations are: `HANDBOOK_LOCALEDIR` when it is set
 *   (an uninstalled build and the tests point it at the build's po
 *   folder), else the installed LOCALEDIR
 */
const char *hb_util_get_locale_dir (void);

G_END_DECLS
