/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The redline between two versions of an article.
 *
 * Both bodies are parsed as hb_markdown_render() parses them and cut into
 * blocks: headings, paragraphs, list items, table cells, code blocks and
 * rules, each knowing its containers (block quotes, lists, tables) and the
 * section (heading) it is in. The blocks are aligned between the versions,
 * and each pair of blocks that differ is compared token by token: words of
 * alphabetic scripts, Chinese, Japanese and Korean characters one by one,
 * each punctuation mark on its own. How much white space separates tokens
 * does not count (an ideographic space is a space), its presence does.
 *
 * Blocks are compared and shown as plain text: no emphasis, no links, an
 * image as its alternative text, and no raw HTML (the article view drops it
 * too). A block moved elsewhere shows as removed there and added here.
 *
 * The HTML of hb_diff_to_html() holds only its own tags; every text of the
 * articles is escaped. It uses these classes (src/app/article.css):
 *
 *   div.hb-redline    the whole redline
 *   .hb-added         a block only in the new version (heading, p, div,
 *                     td/th, pre, hr); its text is also in <ins>
 *   .hb-removed       a block only in the old version; its text is in <del>
 *   .hb-changed       a block in both versions whose text differs; the
 *                     differences are in <ins> and <del>
 *   .hb-context       a heading of an unchanged section, shown for context
 *                     in the "changes only" view
 *   p.hb-skipped      stands for a run of unchanged blocks left out of the
 *                     "changes only" view
 *   ins, del          inserted and deleted text
 */

#define HB_DIFF_ERROR (hb_diff_error_quark ())

typedef enum
{
  HB_DIFF_ERROR_INVALID_UTF8, /* a version is not UTF-8; the message names the line */
  HB_DIFF_ERROR_FAILED,       /* out of memory while comparing */
} HbDiffError;

GQuark hb_diff_error_quark (void);

typedef enum
{
  HB_DIFF_SAME,
  HB_DIFF_ADDED,   /* only in the new version */
  HB_DIFF_REMOVED, /* only in the old version */
  HB_DIFF_CHANGED, /* in both, with different text */
} HbDiffChange;

typedef enum
{
  HB_DIFF_BLOCK_HEADING,
  HB_DIFF_BLOCK_PARAGRAPH,
  HB_DIFF_BLOCK_LIST_ITEM, /* a paragraph of a list item */
  HB_DIFF_BLOCK_TABLE_CELL,
  HB_DIFF_BLOCK_CODE,
  HB_DIFF_BLOCK_RULE,
} HbDiffBlockKind;

/**
 * HbDiffSection:
 * @id: (nullable): the heading's id as hb_markdown_render() gives it in
 *   the version it is from (the new one, unless @change is
 *   %HB_DIFF_REMOVED); %NULL for the text before the first heading
 * @anchor: (nullable): the heading's id in the redline's HTML: @id, or for
 *   a removed heading an id of its own that no heading of the new version
 *   has
 * @text: (nullable): the heading's plain text (the new text if it changed)
 * @level: the heading's level, 1 to 6; 0 before the first heading
 * @change: %HB_DIFF_SAME, %HB_DIFF_CHANGED (the heading or a block under
 *   it changed), %HB_DIFF_ADDED (a new heading) or %HB_DIFF_REMOVED
 * @words_added: words (Chinese characters) inserted in the section
 * @words_removed: words (Chinese characters) deleted from the section
 *
 * A section is the heading and the blocks up to the next heading, of
 * whatever level.
 */
typedef struct
{
  char *id;
  char *anchor;
  char *text;
  int level;
  HbDiffChange change;
  guint words_added;
  guint words_removed;
} HbDiffSection;

/**
 * HbDiffSummary:
 * @sections: (element-type HbDiffSection): the sections that changed, in
 *   the redline's order
 * @words_added: words inserted, each Chinese, Japanese or Korean character
 *   counting as a word; punctuation does not count
 * @words_removed: words deleted, counted the same way
 * @blocks_added: blocks only in the new version
 * @blocks_removed: blocks only in the old version
 * @blocks_changed: blocks in both whose text differs
 * @blocks_unchanged: blocks alike in both
 */
typedef struct
{
  GPtrArray *sections;
  guint words_added;
  guint words_removed;
  guint blocks_added;
  guint blocks_removed;
  guint blocks_changed;
  guint blocks_unchanged;
} HbDiffSummary;

/**
 * HbDiffBlock:
 * @change: how the block differs between the versions
 * @kind: what it is
 * @level: a heading's level; 0 for other blocks
 * @row: a table cell's row, 0 for the first (the header row); otherwise -1
 * @column: a table cell's column from 0; otherwise -1
 * @old_text: (nullable): its plain text in the old version, %NULL if added
 * @new_text: (nullable): its plain text in the new version, %NULL if removed
 * @section: the section it is in; a heading is in its own section
 * @words_added: words (Chinese characters) inserted in the block
 * @words_removed: words (Chinese characters) deleted from the block
 *
 * One block of the redline, in the order the redline shows them.
 */
typedef struct
{
  HbDiffChange change;
  HbDiffBlockKind kind;
  int level;
  int row;
  int column;
  const char *old_text;
  const char *new_text;
  const HbDiffSection *section;
  guint words_added;
  guint words_removed;
} HbDiffBlock;

/**
 * HbDiffMarkers:
 * @delete_start: put before deleted text, as "[-"
 * @delete_end: put after it, as "-]"
 * @insert_start: put before inserted text, as "{+"
 * @insert_end: put after it, as "+}"
 *
 * How hb_diff_to_text_with_markers() marks changes: wdiff's brackets by
 * default, or terminal colours.
 */
typedef struct
{
  const char *delete_start;
  const char *delete_end;
  const char *insert_start;
  const char *insert_end;
} HbDiffMarkers;

typedef struct _HbDiff HbDiff;

/**
 * hb_diff_markdown:
 * @old_md: the old version's body (UTF-8 Markdown, no front matter)
 * @new_md: the new version's body
 * @error: return location for a #HB_DIFF_ERROR
 *
 * Compares two versions of an article on their rendered structure.
 *
 * Returns: (transfer full) (nullable): the redline, or %NULL with @error
 *   set
 */
HbDiff *hb_diff_markdown (const char *old_md, const char *new_md, GError **error);

/**
 * hb_diff_free:
 *
 * Frees @diff and everything it gave out.
 */
void hb_diff_free (HbDiff *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbDiff, hb_diff_free)

/**
 * hb_diff_get_summary:
 *
 * Returns: (transfer none): what changed, owned by @diff
 */
const HbDiffSummary *hb_diff_get_summary (HbDiff *diff);

/**
 * hb_diff_has_changes:
 *
 * Returns: whether any block was added, removed or changed
 */
gboolean hb_diff_has_changes (HbDiff *diff);

/**
 * hb_diff_get_n_blocks:
 *
 * Returns: how many blocks the full redline shows
 */
guint hb_diff_get_n_blocks (HbDiff *diff);

/**
 * hb_diff_get_block:
 * @index: from 0 to hb_diff_get_n_blocks() - 1
 *
 * Returns: (transfer none): the @index-th block of the redline
 */
const HbDiffBlock *hb_diff_get_block (HbDiff *diff, guint index);

/**
 * hb_diff_block_to_text:
 * @index: a block's index
 * @markers: (nullable): how changes are marked; %NULL for wdiff's
 *
 * Returns: (transfer full): the block's text with its changes marked,
 *   without the Markdown of its structure
 */
char *hb_diff_block_to_text (HbDiff *diff, guint index, const HbDiffMarkers *markers);

/**
 * hb_diff_to_html:
 * @changes_only: show only the blocks that changed, under their section
 *   headings, a table cell with its row, and a marker where unchanged
 *   blocks were left out
 *
 * The redline as an HTML fragment for the article view: the structure of
 * the new version (headings, lists, tables), with removed blocks where
 * they were. See the top of this file for its classes.
 *
 * Returns: (transfer full): the fragment, a single <div>
 */
char *hb_diff_to_html (HbDiff *diff, gboolean changes_only);

/**
 * hb_diff_to_text:
 * @changes_only: as for hb_diff_to_html()
 *
 * The redline as plain text for a terminal, in Markdown's shapes
 * ("## Heading", "- item", "| cell |"), changes marked as wdiff does:
 * "[-deleted-]{+inserted+}".
 *
 * Returns: (transfer full): the text, ending with a newline unless empty
 */
char *hb_diff_to_text (HbDiff *diff, gboolean changes_only);

/**
 * hb_diff_to_text_with_markers:
 * @changes_only: as for hb_diff_to_html()
 * @markers: (nullable): how changes are marked; %NULL for wdiff's
 *
 * As hb_diff_to_text(), with the caller's markers (terminal colours).
 *
 * Returns: (transfer full): the text
 */
char *hb_diff_to_text_with_markers (HbDiff *diff, gboolean changes_only, const HbDiffMarkers *markers);

G_END_DECLS
