/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The shortest edit script between two sequences of integers (interned
 * tokens or blocks), by Wu, Manber and Myers' O(NP) algorithm as the dtl
 * library implements it. The only C++ of the project is behind this
 * header (hb-diff-sequence.cc).
 */

typedef enum
{
  HB_SEQUENCE_COMMON,
  HB_SEQUENCE_DELETE,
  HB_SEQUENCE_INSERT,
} HbSequenceOp;

typedef struct
{
  HbSequenceOp op;
  guint length; /* elements of @a (common, delete) or of @b (insert) */
} HbSequenceRun;

/**
 * hb_diff_sequences:
 * @a: the old sequence
 * @n_a: its length
 * @b: the new sequence
 * @n_b: its length
 * @max_product: the most (old × new elements left once the common start
 *   and end are cut off) worth comparing: the time O(NP) takes grows with
 *   it for sequences that differ a lot; above it the middle is one
 *   deletion and one insertion
 * @runs: (element-type HbSequenceRun): where the edit script is appended,
 *   as runs of one operation; in a stretch of changes the deletions come
 *   before the insertions
 * @error: return location for a #G_IO_ERROR: the exception's message
 *   when dtl runs out of memory
 *
 * Returns: whether @runs holds the script
 */
gboolean hb_diff_sequences (const guint32 *a,
                            gsize n_a,
                            const guint32 *b,
                            gsize n_b,
                            guint64 max_product,
                            GArray *runs,
                            GError **error);

G_END_DECLS
