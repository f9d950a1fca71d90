/* fuzz-changes.c: the "What changed" ring file reader (libFuzzer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-changes.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(RwChangeRing) ring = rw_change_ring_new ("/nonexistent/rentwise-fuzz/changes.tsv");

  rw_change_ring_load_from_data (ring, (const char *) data, size);
  g_assert (rw_change_ring_get_n_sets (ring) <= RW_CHANGES_RING_SIZE);
  for (guint i = 0; i < rw_change_ring_get_n_sets (ring); i++)
    {
      g_autofree char *json = rw_changes_to_json (rw_change_ring_get_set (ring, i));
      g_autofree char *text = rw_changes_to_text (rw_change_ring_get_set (ring, i), NULL);
    }
  return 0;
}
