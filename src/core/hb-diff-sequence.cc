/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-diff"

#include "config.h"

#include "hb-diff-sequence.h"

#include <gio/gio.h>

#include <dtl/dtl.hpp>
#include <exception>
#include <vector>

static void
append_run (GArray *runs, HbSequenceOp op, gsize length)
{
  HbSequenceRun *last = runs->len > 0 ? &g_array_index (runs, HbSequenceRun, runs->len - 1) : NULL;

  if (length == 0)
    return;
  if (last != NULL && last->op == op)
    last->length += length;
  else
    {
      HbSequenceRun run = { op, (guint) length };

      g_array_append_val (runs, run);
    }
}

gboolean
hb_diff_sequences (const guint32 *a, gsize n_a, const guint32 *b, gsize n_b, guint64 max_product,
                   GArray *runs, GError **error)
{
  gsize prefix = 0;
  gsize suffix = 0;

  g_return_val_if_fail (runs != NULL, FALSE);

  /* dtl walks every diagonal from the start; most edits touch little of a
   * long sequence, so the common ends are cut off first. */
  while (prefix < n_a && prefix < n_b && a[prefix] == b[prefix])
    prefix++;
  while (suffix < n_a - prefix && suffix < n_b - prefix
         && a[n_a - 1 - suffix] == b[n_b - 1 - suffix])
    suffix++;

  append_run (runs, HB_SEQUENCE_COMMON, prefix);

  if (prefix + suffix == n_a || prefix + suffix == n_b
      || (guint64) (n_a - prefix - suffix) * (n_b - prefix - suffix) > max_product)
    {
      append_run (runs, HB_SEQUENCE_DELETE, n_a - prefix - suffix);
      append_run (runs, HB_SEQUENCE_INSERT, n_b - prefix - suffix);
    }
  else
    {
      try
        {
          std::vector<guint32> old_part (a + prefix, a + n_a - suffix);
          std::vector<guint32> new_part (b + prefix, b + n_b - suffix);
          /* Deletions first within a change, so that the caller shows
           * "[-old-]{+new+}" rather than interleaving them. */
          dtl::Diff<guint32> diff (old_part, new_part, true);

          diff.compose ();
          for (const auto &element : diff.getSes ().getSequence ())
            {
              switch (element.second.type)
                {
                case dtl::SES_COMMON:
                  append_run (runs, HB_SEQUENCE_COMMON, 1);
                  break;
                case dtl::SES_DELETE:
                  append_run (runs, HB_SEQUENCE_DELETE, 1);
                  break;
                case dtl::SES_ADD:
                  append_run (runs, HB_SEQUENCE_INSERT, 1);
                  break;
                default:
                  g_assert_not_reached ();
                }
            }
        }
      catch (const std::exception &exception)
        {
          /* Only std::bad_alloc in practice; the caller words the message. */
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, exception.what ());
          return FALSE;
        }
    }

  append_run (runs, HB_SEQUENCE_COMMON, suffix);
  return TRUE;
}
